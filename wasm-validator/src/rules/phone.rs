//! İş Telefonu, Dahili, Cep Telefonu, Ev Telefonu: Turkish numbers in any usual writing (+90,
//! 0, spaces, brackets, dashes), normalised to `0 (xxx) xxx xx xx`. Landline area codes come
//! from the national numbering plan; mobiles are 5xx. A number of the wrong kind for its field
//! is a warning. The operator is never inferred from the prefix (numbers are portable).

use crate::prelude::*;

use super::out::{part, tidy, Out};
use crate::form::Form;
use crate::geo::Province;
use crate::schema::FieldId;
use crate::text::{digits, is_one_of};

pub use crate::geo::{area_codes, province_of_area_code};

/// The Turkish Republic of Northern Cyprus is reached through +90 392.
const KKTC: u16 = 392;

/// What kind of number it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneKind {
    /// A geographic landline (2xx/3xx/4xx area code).
    Landline,
    /// A mobile (5xx).
    Mobile,
    /// A non-geographic institutional number (0850).
    Corporate,
    /// A toll-free (0800) or premium-rate (0900) number.
    Special,
    /// A seven-digit call-centre number (444 xx xx).
    CallCentre,
}

/// A parsed Turkish phone number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phone {
    /// The national significant number: 10 digits, or 7 for a 444 number.
    pub digits: String,
    pub kind: PhoneKind,
}

impl Phone {
    /// `0 (382) 212 34 56`, or `444 5 576` for a call-centre number.
    pub fn formatted(&self) -> String {
        let d = &self.digits;
        if self.kind == PhoneKind::CallCentre {
            return cat!(part(d, 0, 3), " ", part(d, 3, 4), " ", part(d, 4, 7));
        }
        cat!(
            "0 (",
            part(d, 0, 3),
            ") ",
            part(d, 3, 6),
            " ",
            part(d, 6, 8),
            " ",
            part(d, 8, 10)
        )
    }

    /// The area code (first three digits).
    pub fn prefix(&self) -> u16 {
        crate::text::number(part(&self.digits, 0, 3))
            .and_then(|n| u16::try_from(n).ok())
            .unwrap_or(0)
    }
}

/// Why a text is not a Turkish phone number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhoneError {
    /// Letters or other characters than digits, spaces, brackets, dashes, dots, slashes, '+'.
    Characters,
    /// A country code other than +90.
    Foreign,
    /// Seven digits without an area code.
    NoAreaCode(String),
    /// Not 10 digits (the count, without a leading 0 or +90).
    Length(usize),
    /// 10 digits, but no Turkish area code or mobile prefix (the first three digits).
    UnknownPrefix(String),
}

/// Parses a Turkish number written in any usual way.
pub fn parse_phone(s: &str) -> Result<Phone, PhoneError> {
    let s = s.trim();
    let allowed = |c: char| c.is_ascii_digit() || c.is_whitespace() || is_one_of(c, "()-./");
    let (plus, rest) = match s.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    if !rest.chars().all(allowed) {
        return Err(PhoneError::Characters);
    }
    let all: String = rest.chars().filter(char::is_ascii_digit).collect();
    let national = if plus {
        all.strip_prefix("90").ok_or(PhoneError::Foreign)?
    } else if let Some(n) = all.strip_prefix("0090") {
        n
    } else if all.starts_with("00") {
        return Err(PhoneError::Foreign);
    } else if let Some(n) = all.strip_prefix('0') {
        n
    } else if all.len() == 12 && all.starts_with("90") {
        part(&all, 2, all.len())
    } else {
        &all
    };
    // "(0382)" after "+90": a 0 kept inside brackets.
    let national = if national.len() == 11 {
        national.strip_prefix('0').unwrap_or(national)
    } else {
        national
    };
    if national.len() == 7 {
        return if national.starts_with("444") {
            Ok(Phone {
                digits: national.to_string(),
                kind: PhoneKind::CallCentre,
            })
        } else {
            Err(PhoneError::NoAreaCode(national.to_string()))
        };
    }
    if national.len() != 10 {
        return Err(PhoneError::Length(national.len()));
    }
    let prefix: u16 = crate::text::number(part(national, 0, 3))
        .and_then(|n| u16::try_from(n).ok())
        .unwrap_or(0);
    let kind = match prefix {
        500..=599 => PhoneKind::Mobile,
        850 => PhoneKind::Corporate,
        800 | 900 => PhoneKind::Special,
        p if p == KKTC || province_of_area_code(p).is_some() => PhoneKind::Landline,
        _ => return Err(PhoneError::UnknownPrefix(part(national, 0, 3).to_string())),
    };
    Ok(Phone {
        digits: national.to_string(),
        kind,
    })
}

/// The phone fields: (id, the number's name in messages, the kind it should be).
const PHONES: &[(FieldId, &str, Expect)] = &[
    (FieldId::IsTelefonu, "İş telefonu", Expect::Landline),
    (FieldId::CepTelefonu, "Cep telefonu", Expect::Mobile),
    (FieldId::EvTelefonu, "Ev telefonu", Expect::Landline),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    Landline,
    Mobile,
}

pub(crate) fn check(form: &Form, out: &mut Out) {
    let il = super::address::intended_province(form.get(FieldId::Il));
    let mut parsed: Vec<Option<Phone>> = Vec::new();
    for &(field, name, expect) in PHONES {
        parsed.push(check_number(form, field, name, expect, il, out));
    }
    let [is, cep, ev] = [&parsed[0], &parsed[1], &parsed[2]];
    if let (Some(cep), Some(is)) = (cep, is) {
        if cep.digits == is.digits {
            out.warning(
                FieldId::IsTelefonu,
                "İş telefonu, cep telefonuyla aynı; kurumunuzun sabit hattını yazın ya da alanı \
                 boş bırakın",
            );
        }
    }
    if let (Some(cep), Some(ev)) = (cep, ev) {
        if cep.digits == ev.digits {
            out.warning(
                FieldId::EvTelefonu,
                "Ev telefonu, cep telefonuyla aynı; ev telefonunuz yoksa bu alanı boş bırakın",
            );
        }
    }
    check_dahili(form, out);
}

fn check_number(
    form: &Form,
    field: FieldId,
    name: &str,
    expect: Expect,
    il: Option<Province>,
    out: &mut Out,
) -> Option<Phone> {
    if out.missing(form, field) {
        return None;
    }
    // A landline example in the chosen il's area code (Ankara's when no il is chosen): no
    // directorate's number is typed here.
    let example = match expect {
        Expect::Mobile => "0 (532) 123 45 67".to_string(),
        Expect::Landline => {
            let code = il
                .and_then(|p| area_codes(p.code).first().copied())
                .unwrap_or(312);
            cat!("0 (", digits(u32::from(code), 1), ") 212 34 56")
        }
    };
    let phone = match parse_phone(&tidy(form.get(field))) {
        Ok(p) => p,
        Err(e) => {
            report_error(field, name, &example, e, il, out);
            return None;
        }
    };
    out.normalize(field, phone.formatted());
    match (expect, phone.kind) {
        (Expect::Mobile, PhoneKind::Mobile) => {}
        (Expect::Mobile, _) => out.warning(
            field,
            cat!(
                phone.formatted(),
                " bir cep telefonu numarası değil; bu alana 5 ile başlayan cep telefonu \
                 numaranızı yazın"
            ),
        ),
        (Expect::Landline, PhoneKind::Mobile) if field == FieldId::EvTelefonu => out.warning(
            field,
            "Bu bir cep telefonu numarası; ev telefonunuz yoksa bu alanı boş bırakın",
        ),
        (Expect::Landline, PhoneKind::Mobile) => out.warning(
            field,
            "Bu bir cep telefonu numarası; İş Telefonu alanına kurumunuzun sabit hattını, cep \
             telefonunuzu Cep Telefonu alanına yazın",
        ),
        (Expect::Landline, PhoneKind::CallCentre) => out.warning(
            field,
            cat!(
                phone.formatted(),
                " bir çağrı merkezi numarası; ",
                lower(name),
                " olarak size doğrudan ulaşılan, alan kodlu numarayı yazın"
            ),
        ),
        (Expect::Landline, PhoneKind::Special) => out.warning(
            field,
            cat!(
                "0 (",
                part(&phone.digits, 0, 3),
                ") ile başlayan numaralar ücretsiz ya da ücretli özel hatlardır; alan kodlu \
                 sabit numarayı yazın"
            ),
        ),
        (Expect::Landline, PhoneKind::Landline) if field == FieldId::IsTelefonu => {
            check_area_matches_il(field, &phone, il, out)
        }
        (Expect::Landline, _) => {}
    }
    Some(phone)
}

/// An institution phone whose area code belongs to another province than the il chosen.
fn check_area_matches_il(field: FieldId, phone: &Phone, il: Option<Province>, out: &mut Out) {
    let Some(il) = il else { return };
    let codes = area_codes(il.code);
    let prefix = phone.prefix();
    if codes.contains(&prefix) {
        return;
    }
    let Some(other) = province_of_area_code(prefix) else {
        return;
    };
    out.warning(
        field,
        cat!(
            "İş telefonunun alan kodu 0 (",
            digits(u32::from(prefix), 1),
            ") ",
            other.upper_name(),
            " ilinin; kurumunuz ",
            il.upper_name(),
            " ilinde (alan kodu 0 (",
            digits(u32::from(codes.first().copied().unwrap_or(0)), 1),
            ")). Numarayı kontrol edin"
        ),
    );
}

fn report_error(
    field: FieldId,
    name: &str,
    example: &str,
    e: PhoneError,
    il: Option<Province>,
    out: &mut Out,
) {
    match e {
        PhoneError::Characters => out.error(
            field,
            cat!(
                name,
                " numarasında yalnızca rakam, boşluk, parantez ve kısa çizgi kullanın, \
                 örneğin ",
                example
            ),
        ),
        PhoneError::Foreign => out.error(
            field,
            cat!(
                "Türkiye'deki bir ",
                lower(name),
                " numarası yazın, örneğin ",
                example
            ),
        ),
        PhoneError::NoAreaCode(seven) => {
            let message = cat!("Alan kodunu da yazın, örneğin ", example);
            let single = il.map(|p| area_codes(p.code)).filter(|c| c.len() == 1);
            match single {
                Some(codes) if field != FieldId::CepTelefonu => {
                    let fixed = Phone {
                        digits: cat!(digits(u32::from(codes[0]), 1), seven),
                        kind: PhoneKind::Landline,
                    };
                    out.error_with(field, message, fixed.formatted());
                }
                _ => out.error(field, message),
            }
        }
        PhoneError::Length(n) => out.error(
            field,
            cat!(
                name,
                " numarası, başındaki 0 olmadan 10 rakam olmalı (örneğin ",
                example,
                "); \
                 girdiğiniz ",
                digits(n as u32, 1),
                " rakam"
            ),
        ),
        PhoneError::UnknownPrefix(p) => out.error(
            field,
            cat!(
                "0 (",
                p,
                ") ile başlayan bir telefon numarası yok; alan kodunu kontrol edin, \
                 örneğin ",
                example
            ),
        ),
    }
}

fn lower(s: &str) -> String {
    crate::text::lower_tr(s)
}

fn check_dahili(form: &Form, out: &mut Out) {
    const FIELD: FieldId = FieldId::Dahili;
    if out.missing(form, FIELD) {
        return;
    }
    let digits: String = tidy(form.get(FIELD))
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        out.error(
            FIELD,
            "Dahili numara yalnızca rakamlardan oluşur, örneğin 1234",
        );
        return;
    }
    out.normalize(FIELD, digits.clone());
    if digits.len() > 6 {
        out.warning(
            FIELD,
            "Dahili alanına telefon numarası yazılmış görünüyor; buraya yalnızca dahili \
             numarayı (örneğin 1234) yazın",
        );
    }
    if tidy(form.get(FieldId::IsTelefonu)).is_empty() {
        out.warning(
            FIELD,
            "Dahili numara iş telefonuyla birlikte kullanılır; İş Telefonu alanını da doldurun",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_form;
    use crate::form::{Form, Severity};

    #[test]
    fn parsing_usual_writings() {
        for input in [
            "0 (382) 212 34 56",
            "03822123456",
            "(0382) 212 34 56",
            "0382-212-34-56",
            "+90 382 212 34 56",
            "+90 (0382) 212 34 56",
            "0090 382 212 3456",
            "90 382 212 34 56",
            "382 212 34 56",
            "0382.212.34.56",
        ] {
            let p = parse_phone(input).unwrap_or_else(|e| panic!("{input}: {e:?}"));
            assert_eq!(p.kind, PhoneKind::Landline, "{input}");
            assert_eq!(p.formatted(), "0 (382) 212 34 56", "{input}");
        }
        assert_eq!(
            parse_phone("0532 123 45 67").unwrap().kind,
            PhoneKind::Mobile
        );
        assert_eq!(
            parse_phone("0 (216) 123 45 67").unwrap().kind,
            PhoneKind::Landline
        );
        assert_eq!(
            parse_phone("0850 123 45 67").unwrap().kind,
            PhoneKind::Corporate
        );
        assert_eq!(
            parse_phone("0800 123 45 67").unwrap().kind,
            PhoneKind::Special
        );
        let c = parse_phone("444 5 576").unwrap();
        assert_eq!(
            (c.kind, c.formatted()),
            (PhoneKind::CallCentre, "444 5 576".to_string())
        );
        for (input, err) in [
            ("0382 ABC 34 56", PhoneError::Characters),
            ("+49 30 1234567", PhoneError::Foreign),
            ("0049 30 1234567", PhoneError::Foreign),
            ("212 34 56", PhoneError::NoAreaCode("2123456".into())),
            ("0382 212 34 5", PhoneError::Length(9)),
            ("0 (123) 456 78 90", PhoneError::UnknownPrefix("123".into())),
            ("0 (399) 456 78 90", PhoneError::UnknownPrefix("399".into())),
            ("", PhoneError::Length(0)),
            ("+", PhoneError::Foreign),
        ] {
            assert_eq!(parse_phone(input), Err(err), "{input}");
        }
    }

    #[test]
    fn area_code_table_is_consistent() {
        let mut seen = std::collections::BTreeSet::new();
        for plate in 1..=81u8 {
            for code in area_codes(plate) {
                assert!((200..500).contains(&code), "{plate}: {code}");
                assert!(seen.insert(code), "{code} twice");
                assert_eq!(province_of_area_code(code).map(|p| p.code), Some(plate));
            }
        }
        assert_eq!(seen.len(), 82);
        assert_eq!(area_codes(68), [382]);
        assert_eq!(area_codes(34), [212, 216]);
        assert_eq!(area_codes(6), [312]);
        assert!(area_codes(0).is_empty() && area_codes(82).is_empty());
    }

    fn run(form: Form) -> Vec<(FieldId, Severity, String, Option<String>)> {
        check_form(&form)
            .findings
            .into_iter()
            .filter(|f| PHONES.iter().any(|p| p.0 == f.field) || f.field == FieldId::Dahili)
            .map(|f| (f.field, f.severity, f.message, f.suggestion))
            .collect()
    }

    #[test]
    fn rule_table() {
        use Severity::*;
        let base = || {
            Form::new()
                .with(FieldId::Il, "Aksaray")
                .with(FieldId::CepTelefonu, "0532 123 45 67")
        };
        type Row<'a> = (Form, &'a [(FieldId, Severity, &'a str, Option<&'a str>)]);
        let table: Vec<Row> =
            vec![
            (base(), &[]),
            (
                base()
                    .with(FieldId::IsTelefonu, "0382 212 34 56")
                    .with(FieldId::Dahili, "12 34"),
                &[],
            ),
            (base().with(FieldId::IsTelefonu, "0850 123 45 67"), &[]),
            (base().with(FieldId::EvTelefonu, "0 (382) 215 00 00"), &[]),
            (
                Form::new(),
                &[(FieldId::CepTelefonu, Error, "Cep telefonu numaranızı girin", None)],
            ),
            (
                base().with(FieldId::IsTelefonu, "0532 999 88 77"),
                &[(
                    FieldId::IsTelefonu,
                    Warning,
                    "Bu bir cep telefonu numarası; İş Telefonu",
                    None,
                )],
            ),
            (
                base().with(FieldId::CepTelefonu, "0382 212 34 56"),
                &[(
                    FieldId::CepTelefonu,
                    Warning,
                    "0 (382) 212 34 56 bir cep telefonu numarası değil",
                    None,
                )],
            ),
            (
                base().with(FieldId::EvTelefonu, "0533 000 00 00"),
                &[(FieldId::EvTelefonu, Warning, "ev telefonunuz yoksa", None)],
            ),
            (
                base().with(FieldId::EvTelefonu, "0532 123 45 67"),
                &[
                    (FieldId::EvTelefonu, Warning, "Bu bir cep telefonu", None),
                    (FieldId::EvTelefonu, Warning, "cep telefonuyla aynı", None),
                ],
            ),
            (
                base().with(FieldId::IsTelefonu, "444 5 576"),
                &[(
                    FieldId::IsTelefonu,
                    Warning,
                    "444 5 576 bir çağrı merkezi numarası; iş telefonu olarak",
                    None,
                )],
            ),
            (
                base().with(FieldId::IsTelefonu, "0800 123 45 67"),
                &[(FieldId::IsTelefonu, Warning, "0 (800) ile başlayan", None)],
            ),
            (
                base().with(FieldId::IsTelefonu, "0312 212 34 56"),
                &[(
                    FieldId::IsTelefonu,
                    Warning,
                    "alan kodu 0 (312) ANKARA ilinin; kurumunuz AKSARAY ilinde (alan kodu 0 (382))",
                    None,
                )],
            ),
            (
                base().with(FieldId::IsTelefonu, "212 34 56"),
                &[(
                    FieldId::IsTelefonu,
                    Error,
                    "Alan kodunu da yazın",
                    Some("0 (382) 212 34 56"),
                )],
            ),
            (
                base()
                    .with(FieldId::Il, "İstanbul")
                    .with(FieldId::IsTelefonu, "212 34 56"),
                &[(FieldId::IsTelefonu, Error, "Alan kodunu da yazın", None)],
            ),
            (
                base().with(FieldId::CepTelefonu, "532 123 45"),
                &[(
                    FieldId::CepTelefonu,
                    Error,
                    "10 rakam olmalı (örneğin 0 (532) 123 45 67); girdiğiniz 8 rakam",
                    None,
                )],
            ),
            (
                base().with(FieldId::CepTelefonu, "+44 7700 900123"),
                &[(
                    FieldId::CepTelefonu,
                    Error,
                    "Türkiye'deki bir cep telefonu numarası yazın",
                    None,
                )],
            ),
            (
                base().with(FieldId::IsTelefonu, "0 (123) 456 78 90"),
                &[(
                    FieldId::IsTelefonu,
                    Error,
                    "0 (123) ile başlayan bir telefon numarası yok",
                    None,
                )],
            ),
            (
                base().with(FieldId::IsTelefonu, "tel: 0382"),
                &[(FieldId::IsTelefonu, Error, "yalnızca rakam, boşluk", None)],
            ),
            (
                base().with(FieldId::Dahili, "12a"),
                &[(FieldId::Dahili, Error, "yalnızca rakamlardan", None)],
            ),
            (
                base().with(FieldId::Dahili, "123"),
                &[(FieldId::Dahili, Warning, "İş Telefonu alanını da doldurun", None)],
            ),
            (
                base()
                    .with(FieldId::IsTelefonu, "0382 212 34 56")
                    .with(FieldId::Dahili, "03822123456"),
                &[(FieldId::Dahili, Warning, "telefon numarası yazılmış", None)],
            ),
            (
                base().with(FieldId::IsTelefonu, "0532 123 45 67"),
                &[
                    (FieldId::IsTelefonu, Warning, "Bu bir cep telefonu", None),
                    (FieldId::IsTelefonu, Warning, "cep telefonuyla aynı", None),
                ],
            ),
        ];
        for (form, expected) in &table {
            let got = run(form.clone());
            assert_eq!(got.len(), expected.len(), "{form:?}: {got:#?}");
            for (g, e) in got.iter().zip(expected.iter()) {
                assert_eq!((g.0, g.1), (e.0, e.1), "{got:?}");
                assert!(g.2.contains(e.2), "{}", g.2);
                assert_eq!(g.3.as_deref(), e.3, "{}", g.2);
            }
        }
    }

    #[test]
    fn operator_is_never_checked_against_the_prefix() {
        // 532 was a Turkcell prefix; the number may have moved to any operator.
        for op in ["Turkcell", "Vodafone", "Türk Telekom"] {
            let form = Form::new()
                .with(FieldId::CepTelefonu, "0532 123 45 67")
                .with(FieldId::MobilOperator, op);
            assert_eq!(
                check_form(&form).for_field(FieldId::MobilOperator).count(),
                0,
                "{op}"
            );
        }
    }

    #[test]
    fn normalised_format() {
        let r = check_form(
            &Form::new()
                .with(FieldId::CepTelefonu, "+90 532 1234567")
                .with(FieldId::Dahili, " 12 3 "),
        );
        assert_eq!(
            r.normalized_value(FieldId::CepTelefonu),
            Some("0 (532) 123 45 67")
        );
        assert_eq!(r.normalized_value(FieldId::Dahili), Some("123"));
    }
}
