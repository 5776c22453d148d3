//! Kimlik No: a T.C. Kimlik No (11 digits, first not 0, two check digits) or a passport
//! number. Spaces, dashes and dots are accepted and stripped.

use crate::prelude::*;

use super::out::{tidy, Out};
use crate::form::Form;
use crate::schema::FieldId;
use crate::text::join;

const FIELD: FieldId = FieldId::KimlikNo;

/// The outcome of checking an 11-digit T.C. Kimlik No.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TcCheck {
    Valid,
    /// Not made of ASCII digits only.
    NotDigits,
    /// Wrong number of digits (the count).
    Length(usize),
    LeadingZero,
    /// The 10th digit (first check digit) does not match the first nine.
    Digit10,
    /// The 11th digit (second check digit) does not match the first ten.
    Digit11,
    /// Neither check digit matches.
    BothCheckDigits,
}

/// Checks a T.C. Kimlik No written as digits only.
pub fn check_tc(digits: &str) -> TcCheck {
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return TcCheck::NotDigits;
    }
    let d: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    if d.len() != 11 {
        return TcCheck::Length(d.len());
    }
    if d[0] == 0 {
        return TcCheck::LeadingZero;
    }
    let odd = d[0] + d[2] + d[4] + d[6] + d[8];
    let even = d[1] + d[3] + d[5] + d[7];
    // (7·odd − even) mod 10, kept non-negative: 7·odd ≤ 315, even ≤ 36.
    let d10 = (7 * odd + 10 * 4 - even) % 10;
    let d11 = (d[..10].iter().sum::<u32>()) % 10;
    match (d[9] == d10, d[10] == d11) {
        (true, true) => TcCheck::Valid,
        (false, true) => TcCheck::Digit10,
        (true, false) => TcCheck::Digit11,
        (false, false) => TcCheck::BothCheckDigits,
    }
}

/// Whether the text (spaces, dashes and dots allowed) is a valid T.C. Kimlik No.
pub fn is_valid_tc(s: &str) -> bool {
    check_tc(&strip_separators(s)) == TcCheck::Valid
}

/// Removes the separators people type inside numbers: white space, '-' and '.'.
pub fn strip_separators(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '.')
        .collect()
}

pub(crate) fn check(form: &Form, out: &mut Out) {
    if out.missing(form, FIELD) {
        return;
    }
    let clean = strip_separators(&tidy(form.get(FIELD)));
    if clean.is_empty() {
        out.error(
            FIELD,
            "Kimlik No'da rakam ya da harf yok; T.C. Kimlik Numaranızı ya da pasaport numaranızı girin",
        );
        return;
    }
    if clean.bytes().all(|b| b.is_ascii_digit()) {
        check_tc_field(&clean, out);
    } else {
        check_passport(&clean, out);
    }
}

fn check_tc_field(digits: &str, out: &mut Out) {
    let message = match check_tc(digits) {
        TcCheck::Valid => {
            out.normalize(FIELD, digits.to_string());
            return;
        }
        TcCheck::Length(n) => cat!(
            "T.C. Kimlik No 11 rakam olmalı; girdiğiniz ",
            crate::text::digits(n as u32, 1),
            " rakam"
        ),
        TcCheck::LeadingZero => {
            "T.C. Kimlik No 0 ile başlamaz; numaranızı kimlik kartınızdan kontrol edin".into()
        }
        TcCheck::Digit10 => "T.C. Kimlik No'nun 10. rakamı (ilk kontrol rakamı) önceki rakamlarla \
             uyuşmuyor; numaranızı kimlik kartınızdan rakam rakam karşılaştırın"
            .into(),
        TcCheck::Digit11 => "T.C. Kimlik No'nun 11. rakamı (son kontrol rakamı) önceki rakamlarla \
             uyuşmuyor; numaranızı kimlik kartınızdan rakam rakam karşılaştırın"
            .into(),
        TcCheck::BothCheckDigits => "T.C. Kimlik No'nun 10. ve 11. rakamları (kontrol rakamları) \
             önceki rakamlarla uyuşmuyor; numaranızı kimlik kartınızdan rakam rakam karşılaştırın"
            .into(),
        TcCheck::NotDigits => return,
    };
    out.error(FIELD, message);
}

/// A letter typed for a digit that looks like it (O for 0, I or l for 1).
fn digit_lookalike(c: char) -> Option<char> {
    match c {
        'O' | 'o' => Some('0'),
        'I' | 'l' | 'ı' | 'İ' | 'i' => Some('1'),
        _ => None,
    }
}

fn check_passport(clean: &str, out: &mut Out) {
    // "1OOOOOOO146": a T.C. Kimlik No with letters O/I typed for 0/1.
    let lookalike: Option<String> = clean
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                Some(c)
            } else {
                digit_lookalike(c)
            }
        })
        .collect();
    if let Some(digits) = lookalike {
        if check_tc(&digits) == TcCheck::Valid {
            out.error_with(
                FIELD,
                "T.C. Kimlik No yalnızca rakamlardan oluşur; rakam yerine O ya da I harfi \
                 yazılmış",
                digits,
            );
            return;
        }
    }
    // No passport-number format is published where this handbook could check it: nothing
    // below is an error, only what to look at again.
    out.normalize(FIELD, crate::text::upper_tr(clean));
    if !clean.chars().any(|c| c.is_ascii_digit()) {
        out.warning(
            FIELD,
            "Kimlik No'da hiç rakam yok; buraya adınızı değil, T.C. Kimlik Numaranızı ya da \
             pasaport numaranızı yazın",
        );
        return;
    }
    let odd: Vec<char> = clean
        .chars()
        .filter(|c| !(c.is_alphabetic() || c.is_ascii_digit()))
        .take(5)
        .collect();
    if !odd.is_empty() {
        let list: Vec<String> = odd.iter().map(|c| c.to_string()).collect();
        out.warning(
            FIELD,
            cat!(
                "Kimlik No'da harf ve rakam dışında işaret var (",
                join(&list, " "),
                "); pasaportunuzdaki numarayla karşılaştırın"
            ),
        );
    }
    out.warning(
        FIELD,
        "Bu değer pasaport numarası sayıldı; T.C. vatandaşıysanız 11 rakamlı T.C. Kimlik \
         Numaranızı yazın, değilseniz pasaportunuzdaki numarayla harf harf karşılaştırın",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_field;
    use crate::form::{Form, Severity};

    fn findings(v: &str) -> Vec<(Severity, String, Option<String>)> {
        check_field(&Form::new().with(FIELD, v), FIELD)
            .into_iter()
            .map(|f| (f.severity, f.message, f.suggestion))
            .collect()
    }

    #[test]
    fn check_digits() {
        for (input, expected) in [
            ("10000000146", TcCheck::Valid),
            ("17291716060", TcCheck::Valid),
            ("10167994524", TcCheck::Valid),
            ("17291716050", TcCheck::BothCheckDigits),
            ("17291716071", TcCheck::Digit10),
            ("17291716061", TcCheck::Digit11),
            ("27291716060", TcCheck::BothCheckDigits),
            ("07291716060", TcCheck::LeadingZero),
            ("1729171606", TcCheck::Length(10)),
            ("", TcCheck::Length(0)),
            ("1729171606x", TcCheck::NotDigits),
        ] {
            assert_eq!(check_tc(input), expected, "{input}");
        }
        assert!(is_valid_tc("100 000 001 46"));
        assert!(is_valid_tc("100-000-001.46"));
        assert!(!is_valid_tc("100000001 47"));
    }

    #[test]
    fn field_messages() {
        let table: &[(&str, Option<(Severity, &str)>)] = &[
            ("10000000146", None),
            (" 100 000 001 46 ", None),
            ("172-917-160-60", None),
            (
                "1000000014",
                Some((
                    Severity::Error,
                    "T.C. Kimlik No 11 rakam olmalı; girdiğiniz 10 rakam",
                )),
            ),
            ("01000000146", Some((Severity::Error, "0 ile başlamaz"))),
            (
                "17291716071",
                Some((Severity::Error, "10. rakamı (ilk kontrol rakamı)")),
            ),
            (
                "17291716061",
                Some((Severity::Error, "11. rakamı (son kontrol rakamı)")),
            ),
            (
                "17291716050",
                Some((Severity::Error, "10. ve 11. rakamları")),
            ),
            (
                "U12345678",
                Some((Severity::Warning, "pasaport numarası sayıldı")),
            ),
            (
                "u 1234 5678",
                Some((Severity::Warning, "pasaport numarası sayıldı")),
            ),
            ("AYŞE", Some((Severity::Warning, "hiç rakam yok"))),
            (
                "U1234",
                Some((Severity::Warning, "pasaport numarası sayıldı")),
            ),
            (
                "UĞ123456",
                Some((Severity::Warning, "pasaport numarası sayıldı")),
            ),
            ("- . -", Some((Severity::Error, "rakam ya da harf yok"))),
        ];
        for (input, expected) in table {
            let got = findings(input);
            match expected {
                None => assert!(got.is_empty(), "{input}: {got:?}"),
                Some((sev, text)) => {
                    assert_eq!(got.len(), 1, "{input}: {got:?}");
                    assert_eq!(got[0].0, *sev, "{input}");
                    assert!(got[0].1.contains(text), "{input}: {}", got[0].1);
                }
            }
        }
    }

    #[test]
    fn lookalike_letters_get_a_suggestion() {
        let got = findings("1OOOOOOO146");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].2.as_deref(), Some("10000000146"));
        let got = findings("l729l7l6060");
        assert_eq!(got[0].2.as_deref(), Some("17291716060"));
    }

    #[test]
    fn normalised_values() {
        let r = crate::check::check_form(&Form::new().with(FIELD, "100 000 001-46"));
        assert_eq!(r.normalized_value(FIELD), Some("10000000146"));
        let r = crate::check::check_form(&Form::new().with(FIELD, "u12345678"));
        assert_eq!(r.normalized_value(FIELD), Some("U12345678"));
    }
}
