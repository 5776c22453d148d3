//! Kurum Adı, Çalıştığı Birim, Ünvan, Kurum / Birim Adresi: required, tidied, Turkish upper
//! case; warnings when a value is too long for the printed form or an address too short to
//! deliver the card to.

use super::{tidy, Out};
use crate::form::Form;
use crate::text::upper_tr;

/// (field, how messages name it, length above which the printed form may cut it).
/// The printed Başvuru Formu gives each value one line (the address two); the limits are
/// generous estimates, so only warnings use them.
const FIELDS: &[(&str, &str, usize)] = &[
    ("kurum_adi", "Kurum adı", 100),
    ("birim", "Birim adı", 100),
    ("unvan", "Unvan", 60),
    ("adres", "Adres", 160),
];

/// An address shorter than this cannot name a street and a number.
const ADDRESS_MIN: usize = 10;

pub(crate) fn check(form: &Form, out: &mut Out) {
    for &(field, name, long) in FIELDS {
        if out.missing(form, field) {
            continue;
        }
        let value = upper_tr(&tidy(form.get(field)));
        let n = value.chars().count();
        let pictographs: String = value
            .chars()
            .filter(|&c| super::entry::is_pictograph(c) && c != '\u{FE0F}')
            .take(5)
            .collect();
        if !pictographs.is_empty() {
            out.error(
                field,
                format!("{name} içinde emoji ya da simge var ({pictographs}); silin"),
            );
        } else if !value.chars().any(char::is_alphabetic) {
            out.error(field, format!("{name} harflerle yazılmalı"));
        } else if n > long {
            out.warning(
                field,
                format!(
                    "{name} {n} karakter; basılı forma sığmayabilir. {long} karakteri \
                     geçmeyecek biçimde kısaltın"
                ),
            );
        } else if field == "adres" && n < ADDRESS_MIN {
            out.warning(
                field,
                "Adres çok kısa; kartınızın ulaşması için mahalle, cadde ya da sokak ve kapı \
                 numarasını yazın",
            );
        }
        out.normalize(field, value);
    }
}

#[cfg(test)]
mod tests {
    use crate::form::{check_field, check_form, Form, Severity};

    #[test]
    fn rule_table() {
        let table: &[(&str, &str, Option<(Severity, &str)>)] = &[
            ("kurum_adi", "Aksaray Millî Eğitim Müdürlüğü", None),
            (
                "birim",
                "Çankaya Lisesi 📚",
                Some((
                    Severity::Error,
                    "Birim adı içinde emoji ya da simge var (📚); silin",
                )),
            ),
            (
                "adres",
                "Kızılay Mah. ☎ No: 12 ✉️",
                Some((Severity::Error, "Adres içinde emoji ya da simge var (☎✉)")),
            ),
            ("unvan", "öğretmen", None),
            ("unvan", "Müdür Yardımcısı", None),
            (
                "unvan",
                "12",
                Some((Severity::Error, "Unvan harflerle yazılmalı")),
            ),
            (
                "unvan",
                &"uzman ".repeat(12),
                Some((Severity::Warning, "basılı forma")),
            ),
            (
                "birim",
                &"a".repeat(101),
                Some((Severity::Warning, "101 karakter")),
            ),
            (
                "adres",
                "Merkez",
                Some((Severity::Warning, "Adres çok kısa")),
            ),
            ("adres", "Hükümet Konağı Kat 2", None),
            (
                "kurum_adi",
                "   ",
                Some((Severity::Error, "Kurum adını girin")),
            ),
        ];
        for (field, input, expected) in table {
            let got = check_field(&Form::new().with(field, *input), field);
            match expected {
                None => assert!(got.is_empty(), "{input}: {got:?}"),
                Some((sev, text)) => {
                    assert_eq!(got.len(), 1, "{input}: {got:?}");
                    assert_eq!(got[0].severity, *sev);
                    assert!(got[0].message.contains(text), "{}", got[0].message);
                }
            }
        }
    }

    #[test]
    fn normalised_to_turkish_upper_case() {
        let form = Form::new()
            .with("kurum_adi", " aksaray  millî eğitim\tmüdürlüğü ")
            .with("unvan", "müdür yardımcısı")
            .with("adres", "Cumhuriyet Mah.\nİstiklal Cad. No:1");
        let r = check_form(&form);
        assert_eq!(
            r.normalized_value("kurum_adi"),
            Some("AKSARAY MİLLÎ EĞİTİM MÜDÜRLÜĞÜ")
        );
        assert_eq!(r.normalized_value("unvan"), Some("MÜDÜR YARDIMCISI"));
        assert_eq!(
            r.normalized_value("adres"),
            Some("CUMHURİYET MAH. İSTİKLAL CAD. NO:1")
        );
    }
}
