//! İl, İlçe, Posta Kodu: the il is one of the 81 provinces, the ilçe belongs to it, the postal
//! code has 5 digits, exists and belongs to that il and ilçe. Names match without case or
//! diacritics and the list's spelling is suggested; a postal code from elsewhere is placed and
//! the codes of the chosen ilçe listed.

use crate::prelude::*;

use super::out::{quote, tidy, Out};
use crate::form::Form;
use crate::geo::{self, District, PostalCode, Province};
use crate::schema::FieldId;
use crate::text::{collapse_spaces, digits, fold, join, upper_tr};

const IL: FieldId = FieldId::Il;
const ILCE: FieldId = FieldId::Ilce;
const POSTA: FieldId = FieldId::PostaKodu;

/// The name of the central district in provinces that are not metropolitan municipalities.
const MERKEZ: &str = "Merkez";

pub(crate) fn check(form: &Form, out: &mut Out) {
    let il = check_il(form, out);
    let ilce = match il {
        Some(p) => check_ilce(form, p, out),
        None => {
            // Without a province the district cannot be placed; only say when it is missing.
            if !out.missing(form, ILCE) {
                out.normalize(ILCE, upper_tr(&tidy(form.get(ILCE))));
            }
            None
        }
    };
    check_posta(form, il, ilce, out);
}

fn check_il(form: &Form, out: &mut Out) -> Option<Province> {
    if out.missing(form, IL) {
        return None;
    }
    let raw = &tidy(form.get(IL));
    let input = collapse_spaces(raw);
    if let Some(p) = province_by_plate(&input) {
        let name = p.upper_name();
        out.warning_with(
            IL,
            cat!(
                input,
                " bir plaka kodu; ili listede ",
                name,
                " olarak seçin"
            ),
            name.clone(),
        );
        out.normalize(IL, name);
        return Some(p);
    }
    if let Some(p) = geo::find_province(&input) {
        let name = p.upper_name();
        if upper_tr(&input) != name {
            out.warning_with(
                IL,
                cat!("İl resmî listede ", name, " olarak geçiyor; onu seçin"),
                name.clone(),
            );
        }
        out.normalize(IL, name);
        return Some(p);
    }
    out.normalize(IL, upper_tr(&tidy(raw)));
    let q = quote(raw);
    // The il is wrong, but when the intended one is clear the ilçe and postal code are still
    // checked against it, so a batch check shows every problem at once.
    if let Some(p) = geo::suggest_province(&input) {
        let name = p.upper_name();
        out.error_with(
            IL,
            cat!(
                "Listede ",
                q,
                " adında bir il yok; en yakın ad ",
                name,
                ". İli listeden seçin"
            ),
            name,
        );
        Some(p)
    } else if let [d] = geo::find_districts_anywhere(&input).as_slice() {
        let p = d.province();
        let name = p.upper_name();
        out.error_with(
            IL,
            cat!(
                d.upper_name(),
                " bir ilçe; bağlı olduğu il ",
                name,
                ". İl alanına ili yazın"
            ),
            name,
        );
        Some(p)
    } else {
        out.error(
            IL,
            cat!("Listede ", q, " adında bir il yok; 81 ilden birini seçin"),
        );
        None
    }
}

/// The province an il value means, as `check_il` decides it (exact, plate code, old name,
/// close spelling, or the il of a district named there); for the other families' checks.
pub(crate) fn intended_province(raw: &str) -> Option<Province> {
    let input = tidy(raw);
    province_by_plate(&input)
        .or_else(|| geo::suggest_province(&input))
        .or_else(|| match geo::find_districts_anywhere(&input).as_slice() {
            [d] => Some(d.province()),
            _ => None,
        })
}

/// "68" or "6" as the plate code of a province.
fn province_by_plate(input: &str) -> Option<Province> {
    if input.is_empty() || input.len() > 2 || !input.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    geo::province(u8::try_from(crate::text::number(input)?).ok()?)
}

fn check_ilce(form: &Form, il: Province, out: &mut Out) -> Option<District> {
    if out.missing(form, ILCE) {
        return None;
    }
    let raw = &tidy(form.get(ILCE));
    let input = collapse_spaces(raw);
    let il_name = il.upper_name();
    if let Some(d) = geo::find_district(il.code, &input) {
        let name = d.upper_name();
        if upper_tr(&input) != name {
            out.warning_with(
                ILCE,
                cat!(
                    "İlçe resmî listede ",
                    name,
                    " olarak geçiyor; portaldaki listeden bu adı seçin"
                ),
                name.clone(),
            );
        }
        out.normalize(ILCE, name);
        return Some(d);
    }
    out.normalize(ILCE, upper_tr(&tidy(raw)));
    if names_the_centre(&input, il) {
        if let Some(merkez) = geo::find_district(il.code, MERKEZ) {
            let name = merkez.upper_name();
            out.warning_with(
                ILCE,
                cat!(
                    il_name,
                    " ilinin merkez ilçesi listede ",
                    name,
                    " olarak geçiyor; portaldaki \
                     listeden bu adı seçin"
                ),
                name.clone(),
            );
            out.normalize(ILCE, name);
            return Some(merkez);
        }
        out.error(
            ILCE,
            cat!(
                il_name,
                " büyükşehir olduğu için listede merkez ilçe yok; kurumunuzun \
                 bulunduğu ilçeyi seçin"
            ),
        );
        return None;
    }
    let q = quote(raw);
    if let Some(d) = geo::suggest_district(il.code, &input) {
        let name = d.upper_name();
        out.error_with(
            ILCE,
            cat!(
                il_name,
                " ilinde ",
                q,
                " adında bir ilçe yok; en yakın ad ",
                name
            ),
            name,
        );
        return None;
    }
    let elsewhere = geo::find_districts_anywhere(&input);
    if !elsewhere.is_empty() {
        let provinces: Vec<String> = elsewhere
            .iter()
            .take(3)
            .map(|d| d.province().upper_name())
            .collect();
        let more = if elsewhere.len() > 3 { " …" } else { "" };
        out.error(
            ILCE,
            cat!(
                elsewhere[0].upper_name(),
                " ilçesi ",
                il_name,
                " ilinde değil, ",
                join(&provinces, ", "),
                more,
                " ilinde; il ya da ilçeyi düzeltin"
            ),
        );
        return None;
    }
    out.error(
        ILCE,
        cat!(
            il_name,
            " ilinde ",
            q,
            " adında bir ilçe yok; ilçeyi listeden seçin"
        ),
    );
    None
}

/// "Aksaray", "Aksaray Merkez", "Merkez Aksaray" or "Merkez İlçe" for Aksaray's centre.
fn names_the_centre(input: &str, il: Province) -> bool {
    let key = fold(input);
    let il_key = fold(il.name);
    key == il_key
        || key == cat!(il_key, " merkez")
        || key == cat!("merkez ", il_key)
        || key == "merkez ilce"
        || key == "merkez"
}

fn code_list(d: District) -> String {
    let codes: Vec<String> = d.postal_codes().map(PostalCode::text).collect();
    join(&codes, ", ")
}

/// The only postal code of a district, when it has just one (a safe one-click fix).
fn only_code(d: District) -> Option<String> {
    let mut codes = d.postal_codes();
    let first = codes.next()?;
    codes.next().is_none().then(|| first.text())
}

fn place(d: District) -> String {
    cat!(d.province().upper_name(), " / ", d.upper_name())
}

fn check_posta(form: &Form, il: Option<Province>, ilce: Option<District>, out: &mut Out) {
    if out.missing(form, POSTA) {
        return;
    }
    let raw = &tidy(form.get(POSTA));
    let code: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if !code.chars().all(|c| c.is_ascii_digit()) {
        // An example from the chosen il when there is one (no directorate's code typed here).
        let example = il
            .and_then(|p| p.districts().next())
            .and_then(|d| d.postal_codes().next())
            .map_or_else(|| "06420".to_string(), PostalCode::text);
        out.error(
            POSTA,
            cat!("Posta kodu yalnızca rakamlardan oluşur, örneğin ", example),
        );
        return;
    }
    if code.len() != 5 {
        let message = cat!(
            "Posta kodu 5 rakam olmalı; girdiğiniz ",
            digits(code.len() as u32, 1),
            " rakam"
        );
        // "6420" for Ankara's 06420: the leading zero was dropped (e.g. by a spreadsheet).
        let padded = (code.len() == 4)
            .then(|| PostalCode::parse(&cat!("0", code)))
            .flatten()
            .filter(|c| geo::postal_code(*c).is_some())
            .filter(|c| il.is_none_or(|p| p.code == c.plate()));
        match padded {
            Some(c) => out.error_with(POSTA, message, c.text()),
            None => out.error(POSTA, message),
        }
        return;
    }
    out.normalize(POSTA, code.clone());
    let Some(pc) = PostalCode::parse(&code) else {
        return;
    };
    let plate = super::out::part(&code, 0, 2).to_string();
    if geo::province(pc.plate()).is_none() {
        out.error(
            POSTA,
            cat!(
                "Posta kodunun ilk iki rakamı ilin plaka kodudur (01–81); ",
                plate,
                " ile başlayan \
                 posta kodu yok"
            ),
        );
        return;
    }
    let owner = geo::postal_code(pc);
    match (owner, ilce, il) {
        (Some(d), Some(chosen), _) if d == chosen => {}
        (Some(d), Some(chosen), _) => {
            let message = cat!(
                code,
                " ",
                place(d),
                " posta kodu; ",
                chosen.upper_name(),
                " ilçesinin posta kodları: ",
                code_list(chosen)
            );
            push_with_only_code(out, message, chosen);
        }
        (Some(d), None, Some(p)) if d.province != p.code => out.error(
            POSTA,
            cat!(
                code,
                " ",
                place(d),
                " posta kodu; ",
                p.upper_name(),
                " ilinin posta kodları ",
                digits(u32::from(p.code), 2),
                " ile başlar"
            ),
        ),
        (Some(_), None, _) => {}
        (None, Some(chosen), _) => {
            let message = cat!(
                "Listede ",
                code,
                " posta kodu yok; ",
                chosen.upper_name(),
                " ilçesinin posta kodları: ",
                code_list(chosen)
            );
            push_with_only_code(out, message, chosen);
        }
        (None, None, _) => out.error(
            POSTA,
            cat!(
                "Listede ",
                code,
                " posta kodu yok; kurumunuzun posta kodunu kontrol edin"
            ),
        ),
    }
}

fn push_with_only_code(out: &mut Out, message: String, chosen: District) {
    match only_code(chosen) {
        Some(c) => out.error_with(POSTA, message, c),
        None => out.error(POSTA, message),
    }
}

#[cfg(test)]
mod tests {
    use crate::check::check_form;
    use crate::form::{Form, Severity};
    use crate::schema::FieldId;

    /// (field, severity, message fragment, suggestion) of every finding for the three fields.
    fn run(il: &str, ilce: &str, posta: &str) -> Vec<(FieldId, Severity, String, Option<String>)> {
        let form = Form::new()
            .with(FieldId::Il, il)
            .with(FieldId::Ilce, ilce)
            .with(FieldId::PostaKodu, posta);
        check_form(&form)
            .findings
            .into_iter()
            .filter(|f| [FieldId::Il, FieldId::Ilce, FieldId::PostaKodu].contains(&f.field))
            .map(|f| (f.field, f.severity, f.message, f.suggestion))
            .collect()
    }

    #[test]
    fn rule_table() {
        use Severity::*;
        type Row<'a> = (
            &'a str,
            &'a str,
            &'a str,
            &'a [(FieldId, Severity, &'a str, Option<&'a str>)],
        );
        let table: &[Row] = &[
            ("Aksaray", "Gülağaç", "68900", &[]),
            ("AKSARAY", "GÜLAĞAÇ", "68 950", &[]),
            ("aksaray", "gülağaç", "68910", &[]),
            ("İstanbul", "Kadıköy", "34710", &[]),
            ("Ankara", "Çankaya", "06420", &[]),
            ("Samsun", "19 Mayıs", "55420", &[]),
            ("AKSARAY", "GULAGAC", "68900", &[(FieldId::Ilce, Warning, "listede GÜLAĞAÇ olarak", Some("GÜLAĞAÇ"))]),
            ("CANKIRI", "ILGAZ", "18400", &[(FieldId::Il, Warning, "listede ÇANKIRI olarak", Some("ÇANKIRI"))]),
            ("Çankırı", "ilgaz", "18400", &[(FieldId::Ilce, Warning, "listede ILGAZ olarak", Some("ILGAZ"))]),
            ("68", "Gülağaç", "68900", &[(FieldId::Il, Warning, "68 bir plaka kodu", Some("AKSARAY"))]),
            ("Afyon", "Sandıklı", "03500", &[(FieldId::Il, Warning, "AFYONKARAHİSAR", Some("AFYONKARAHİSAR"))]),
            ("AKSRAY", "Gülağaç", "68900", &[(FieldId::Il, Error, "Listede “AKSRAY” adında bir il yok; en yakın ad AKSARAY", Some("AKSARAY"))]),
            ("Gülağaç", "Gülağaç", "68900", &[(FieldId::Il, Error, "GÜLAĞAÇ bir ilçe; bağlı olduğu il AKSARAY", Some("AKSARAY"))]),
            ("AKSRAY", "GULAGAC", "68100", &[(FieldId::Il, Error, "en yakın ad AKSARAY", Some("AKSARAY")), (FieldId::Ilce, Warning, "listede GÜLAĞAÇ olarak", Some("GÜLAĞAÇ")), (FieldId::PostaKodu, Error, "68100 AKSARAY / MERKEZ posta kodu", None)]),
            ("Narnia", "", "68900", &[(FieldId::Il, Error, "81 ilden birini seçin", None), (FieldId::Ilce, Error, "İlçeyi seçin", None)]),
            ("Aksaray", "GULAGC", "68900", &[(FieldId::Ilce, Error, "en yakın ad GÜLAĞAÇ", Some("GÜLAĞAÇ"))]),
            ("Aksaray", "Aksaray Merkez", "68100", &[(FieldId::Ilce, Warning, "merkez ilçesi listede MERKEZ", Some("MERKEZ"))]),
            ("Ankara", "Ankara", "06420", &[(FieldId::Ilce, Error, "büyükşehir", None)]),
            ("Niğde", "Gülağaç", "68900", &[(FieldId::Ilce, Error, "GÜLAĞAÇ ilçesi NİĞDE ilinde değil, AKSARAY ilinde", None), (FieldId::PostaKodu, Error, "68900 AKSARAY / GÜLAĞAÇ posta kodu; NİĞDE ilinin posta kodları 51 ile başlar", None)]),
            ("Aksaray", "Xyzzy", "68900", &[(FieldId::Ilce, Error, "ilçeyi listeden seçin", None)]),
            ("Aksaray", "Gülağaç", "6890", &[(FieldId::PostaKodu, Error, "5 rakam olmalı; girdiğiniz 4 rakam", None)]),
            ("Ankara", "Çankaya", "6420", &[(FieldId::PostaKodu, Error, "5 rakam olmalı", Some("06420"))]),
            ("Aksaray", "Gülağaç", "68-900", &[(FieldId::PostaKodu, Error, "yalnızca rakamlardan", None)]),
            ("Aksaray", "Gülağaç", "99000", &[(FieldId::PostaKodu, Error, "99 ile başlayan posta kodu yok", None)]),
            ("Aksaray", "Gülağaç", "68100", &[(FieldId::PostaKodu, Error, "68100 AKSARAY / MERKEZ posta kodu; GÜLAĞAÇ ilçesinin posta kodları: 68900, 68902, 68910, 68940, 68950", None)]),
            ("Aksaray", "Sultanhanı", "68100", &[(FieldId::PostaKodu, Error, "SULTANHANI ilçesinin posta kodları: 68190", Some("68190"))]),
            ("Aksaray", "Gülağaç", "06420", &[(FieldId::PostaKodu, Error, "06420 ANKARA / ÇANKAYA posta kodu", None)]),
            ("Aksaray", "Gülağaç", "68999", &[(FieldId::PostaKodu, Error, "Listede 68999 posta kodu yok; GÜLAĞAÇ ilçesinin posta kodları: 68900", None)]),
            ("Aksaray", "Xyzzy", "06420", &[(FieldId::Ilce, Error, "listeden", None), (FieldId::PostaKodu, Error, "AKSARAY ilinin posta kodları 68 ile başlar", None)]),
            ("", "", "", &[(FieldId::Il, Error, "İli seçin", None), (FieldId::Ilce, Error, "İlçeyi seçin", None), (FieldId::PostaKodu, Error, "Posta kodunu girin", None)]),
        ];
        for (il, ilce, posta, expected) in table {
            let got = run(il, ilce, posta);
            assert_eq!(got.len(), expected.len(), "{il}/{ilce}/{posta}: {got:#?}");
            for (g, e) in got.iter().zip(expected.iter()) {
                assert_eq!((g.0, g.1), (e.0, e.1), "{il}/{ilce}/{posta}: {got:?}");
                assert!(g.2.contains(e.2), "{il}/{ilce}/{posta}: {}", g.2);
                assert_eq!(g.3.as_deref(), e.3, "{il}/{ilce}/{posta}");
            }
        }
    }

    #[test]
    fn normalised_to_the_list_spelling() {
        let r = check_form(
            &Form::new()
                .with(FieldId::Il, "cankiri")
                .with(FieldId::Ilce, "ilgaz")
                .with(FieldId::PostaKodu, " 18 400 "),
        );
        assert_eq!(r.normalized_value(FieldId::Il), Some("ÇANKIRI"));
        assert_eq!(r.normalized_value(FieldId::Ilce), Some("ILGAZ"));
        assert_eq!(r.normalized_value(FieldId::PostaKodu), Some("18400"));
        let r = check_form(
            &Form::new()
                .with(FieldId::Il, "Aksaray")
                .with(FieldId::Ilce, "merkez"),
        );
        assert_eq!(r.normalized_value(FieldId::Ilce), Some("MERKEZ"));
    }
}
