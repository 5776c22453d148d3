//! Kurum Adı, Çalıştığı Birim, Ünvan, Kurum / Birim Adresi: required, tidied, Turkish upper
//! case; warnings when a value is too long for the printed form or an address too short to
//! deliver the card to.

use crate::prelude::*;

use super::out::{tidy, Out};
use crate::form::Form;
use crate::schema::FieldId;
use crate::text::{char_count, digits, upper_tr};

/// (field, how messages name it, length above which the printed form may cut it).
/// The printed Başvuru Formu gives each value one line (the address two); the limits are
/// generous estimates, so only warnings use them.
const FIELDS: &[(FieldId, &str, usize)] = &[
    (FieldId::KurumAdi, "Kurum adı", 100),
    (FieldId::Birim, "Birim adı", 100),
    (FieldId::Unvan, "Unvan", 60),
    (FieldId::Adres, "Adres", 160),
];

/// An address shorter than this cannot name a street and a number.
const ADDRESS_MIN: usize = 10;

pub(crate) fn check(form: &Form, out: &mut Out) {
    for &(field, name, long) in FIELDS {
        if out.missing(form, field) {
            continue;
        }
        let value = upper_tr(&tidy(form.get(field)));
        let n = char_count(&value);
        let pictographs: String = value
            .chars()
            .filter(|&c| super::entry::is_pictograph(c) && c != '\u{FE0F}')
            .take(5)
            .collect();
        if !pictographs.is_empty() {
            out.error(
                field,
                cat!(
                    name,
                    " içinde emoji ya da simge var (",
                    pictographs,
                    "); silin"
                ),
            );
        } else if !value.chars().any(char::is_alphabetic) {
            out.error(field, cat!(name, " harflerle yazılmalı"));
        } else if n > long {
            out.warning(
                field,
                cat!(
                    name,
                    " ",
                    digits(n as u32, 1),
                    " karakter; basılı forma sığmayabilir. ",
                    digits(long as u32, 1),
                    " karakteri \
                     geçmeyecek biçimde kısaltın"
                ),
            );
        } else if field == FieldId::Adres && n < ADDRESS_MIN {
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
    use crate::check::{check_field, check_form};
    use crate::form::{Form, Severity};
    use crate::schema::FieldId;

    #[test]
    fn rule_table() {
        let table: &[(FieldId, &str, Option<(Severity, &str)>)] = &[
            (FieldId::KurumAdi, "Aksaray Millî Eğitim Müdürlüğü", None),
            (
                FieldId::Birim,
                "Çankaya Lisesi 📚",
                Some((
                    Severity::Error,
                    "Birim adı içinde emoji ya da simge var (📚); silin",
                )),
            ),
            (
                FieldId::Adres,
                "Kızılay Mah. ☎ No: 12 ✉️",
                Some((Severity::Error, "Adres içinde emoji ya da simge var (☎✉)")),
            ),
            (FieldId::Unvan, "öğretmen", None),
            (FieldId::Unvan, "Müdür Yardımcısı", None),
            (
                FieldId::Unvan,
                "12",
                Some((Severity::Error, "Unvan harflerle yazılmalı")),
            ),
            (
                FieldId::Unvan,
                &"uzman ".repeat(12),
                Some((Severity::Warning, "basılı forma")),
            ),
            (
                FieldId::Birim,
                &"a".repeat(101),
                Some((Severity::Warning, "101 karakter")),
            ),
            (
                FieldId::Adres,
                "Merkez",
                Some((Severity::Warning, "Adres çok kısa")),
            ),
            (FieldId::Adres, "Hükümet Konağı Kat 2", None),
            (
                FieldId::KurumAdi,
                "   ",
                Some((Severity::Error, "Kurum adını girin")),
            ),
        ];
        for &(field, input, ref expected) in table {
            let got = check_field(&Form::new().with(field, input), field);
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
            .with(FieldId::KurumAdi, " aksaray  millî eğitim\tmüdürlüğü ")
            .with(FieldId::Unvan, "müdür yardımcısı")
            .with(FieldId::Adres, "Cumhuriyet Mah.\nİstiklal Cad. No:1");
        let r = check_form(&form);
        assert_eq!(
            r.normalized_value(FieldId::KurumAdi),
            Some("AKSARAY MİLLÎ EĞİTİM MÜDÜRLÜĞÜ")
        );
        assert_eq!(r.normalized_value(FieldId::Unvan), Some("MÜDÜR YARDIMCISI"));
        assert_eq!(
            r.normalized_value(FieldId::Adres),
            Some("CUMHURİYET MAH. İSTİKLAL CAD. NO:1")
        );
    }
}
