//! Kurumsal Eposta: a syntactically valid address (checked by hand, no regex), normalised to
//! lower case; a warning when the domain is a personal mail provider, with the same advice as
//! the field's hint: your own institutional address if you have one, otherwise one you read
//! (no source says every MEB employee has a personal @meb.gov.tr address).

use crate::prelude::*;

use super::out::{tidy, Out};
use crate::form::Form;
use crate::schema::FieldId;
use crate::text::{edit_distance, fold, is_one_of};

const FIELD: FieldId = FieldId::KurumsalEposta;
const EXAMPLE: &str = "ad.soyad@meb.gov.tr";

/// Personal mail providers (whole domains).
const PERSONAL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "hotmail.com",
    "hotmail.com.tr",
    "outlook.com",
    "outlook.com.tr",
    "live.com",
    "msn.com",
    "windowslive.com",
    "yahoo.com",
    "yahoo.com.tr",
    "ymail.com",
    "yandex.com",
    "yandex.com.tr",
    "yandex.ru",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "mail.com",
    "mail.ru",
    "protonmail.com",
    "proton.me",
    "gmx.com",
    "gmx.net",
    "mynet.com",
];

/// Domain names of personal providers that are personal whatever follows ("hotmail.de").
const PERSONAL_NAMES: &[&str] = &["gmail", "hotmail", "outlook", "yahoo", "yandex", "icloud"];

/// The MEB domain people most often mistype.
const MEB: &str = "meb.gov.tr";

pub(crate) fn check(form: &Form, out: &mut Out) {
    if out.missing(form, FIELD) {
        return;
    }
    let raw = tidy(form.get(FIELD));
    out.normalize(FIELD, raw.clone());
    if raw.contains(' ') {
        out.error(FIELD, "E-posta adresinde boşluk olmamalı; boşlukları silin");
        return;
    }
    let Some((local, domain)) = raw.split_once('@') else {
        out.error(
            FIELD,
            cat!(
                "E-posta adresinde @ işareti yok; adresi ",
                EXAMPLE,
                " biçiminde yazın"
            ),
        );
        return;
    };
    if domain.contains('@') {
        out.error(FIELD, "E-posta adresinde yalnızca bir @ işareti olmalı");
        return;
    }
    if local.is_empty() {
        out.error(
            FIELD,
            cat!("@ işaretinden önce kullanıcı adı olmalı, örneğin ", EXAMPLE),
        );
        return;
    }
    if domain.is_empty() {
        out.error(
            FIELD,
            cat!("@ işaretinden sonra alan adı olmalı, örneğin ", EXAMPLE),
        );
        return;
    }
    if !raw.is_ascii() {
        let ascii = fold(&raw);
        let message = "E-posta adresinde Türkçe ya da aksanlı harf (ç, ğ, ı, ö, ş, ü) \
                       kullanılmaz; harflerin düz biçimini yazın";
        if ascii.is_ascii() && shape_error(&ascii).is_none() {
            out.error_with(FIELD, message, ascii);
        } else {
            out.error(FIELD, message);
        }
        return;
    }
    if let Some(message) = shape_error(&raw) {
        out.error(FIELD, message);
        return;
    }
    let address = raw.to_ascii_lowercase();
    let domain = domain.to_ascii_lowercase();
    out.normalize(FIELD, address.clone());
    if is_personal(&domain) {
        out.warning(
            FIELD,
            cat!(
                domain,
                " kişisel bir e-posta adresi. Size ait kurumsal bir adresiniz varsa onu \
                 yazın; yoksa düzenli okuduğunuz bu adres de olur"
            ),
        );
        return;
    }
    if near_meb(&domain) {
        let fixed = cat!(local.to_ascii_lowercase(), "@", MEB);
        out.warning_with(
            FIELD,
            cat!(
                "Alan adı ",
                domain,
                " yazılmış; MEB adresleri …@",
                MEB,
                " ile biter"
            ),
            fixed,
        );
    }
}

/// The first problem with an ASCII address of the form local@domain, if any.
fn shape_error(address: &str) -> Option<String> {
    let (local, domain) = address.split_once('@')?;
    if address.len() > 254 || local.len() > 64 {
        return Some("E-posta adresi çok uzun; adresinizi kontrol edin".into());
    }
    let local_ok = local
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || is_one_of(c, "!#$%&'*+/=?^_`{|}~.-"));
    if !local_ok {
        return Some(
            "E-posta adresinin @ işaretinden önceki bölümünde yalnızca harf, rakam ve . _ - \
             işaretlerini kullanın"
                .into(),
        );
    }
    // A byte window, not `str::contains("..")`: the substring searcher drags std's panic
    // formatting and Unicode tables into the wasm (several KB).
    let double_dot = local.as_bytes().windows(2).any(|w| w == b"..");
    if local.starts_with('.') || local.ends_with('.') || double_dot {
        return Some(
            "E-posta adresinde nokta başta, @ işaretinin hemen önünde ya da art arda olamaz".into(),
        );
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Some(
            "Alan adı eksik görünüyor; @ işaretinden sonra meb.gov.tr gibi tam alan adını yazın"
                .into(),
        );
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if !labels.iter().all(|l| label_ok(l)) {
        return Some(
            "Alan adı yalnızca harf, rakam, kısa çizgi ve aralarında tek noktadan oluşur, \
             örneğin meb.gov.tr"
                .into(),
        );
    }
    let tld = labels[labels.len() - 1];
    if tld.len() < 2 || !tld.chars().all(|c| c.is_ascii_alphabetic()) {
        return Some("Alan adının sonu eksik görünüyor; adres .tr ya da .com gibi bitmeli".into());
    }
    None
}

/// A mistyped meb.gov.tr ("meb.gv.tr", "mebgov.tr", "meb.gov"), but not another real
/// domain close to it (mgm.gov.tr) nor a school's meb.k12.tr.
fn near_meb(domain: &str) -> bool {
    if domain == MEB || domain.ends_with("k12.tr") {
        return false;
    }
    let d = edit_distance(domain, MEB);
    d <= 1 || (domain.starts_with("meb") && d <= 3)
}

fn is_personal(domain: &str) -> bool {
    PERSONAL.contains(&domain)
        || domain
            .split('.')
            .next()
            .is_some_and(|first| PERSONAL_NAMES.contains(&first))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check_field, check_form};
    use crate::form::{Form, Severity};

    #[test]
    fn rule_table() {
        use Severity::*;
        let table: &[(&str, Option<(Severity, &str, Option<&str>)>)] = &[
            ("ayse.yilmaz@meb.gov.tr", None),
            ("Ayse.Yilmaz@MEB.GOV.TR", None),
            ("968574@meb.k12.tr", None),
            ("bilgi@aksaray.edu.tr", None),
            ("a+b@x-y.com.tr", None),
            (
                "ayse@gmail.com",
                Some((Warning, "gmail.com kişisel bir e-posta adresi", None)),
            ),
            (
                "AYSE@HOTMAIL.COM",
                Some((Warning, "hotmail.com kişisel", None)),
            ),
            ("ayse@hotmail.de", Some((Warning, "kişisel", None))),
            ("ayse@yandex.com.tr", Some((Warning, "kişisel", None))),
            (
                "ayse@meb.gv.tr",
                Some((
                    Warning,
                    "Alan adı meb.gv.tr yazılmış",
                    Some("ayse@meb.gov.tr"),
                )),
            ),
            (
                "ayse@mebgov.tr",
                Some((Warning, "MEB adresleri", Some("ayse@meb.gov.tr"))),
            ),
            (
                "ayse@meb.gov",
                Some((Warning, "MEB adresleri", Some("ayse@meb.gov.tr"))),
            ),
            ("ayse@mgm.gov.tr", None),
            ("ayse.meb.gov.tr", Some((Error, "@ işareti yok", None))),
            ("ayse@@meb.gov.tr", Some((Error, "yalnızca bir @", None))),
            ("@meb.gov.tr", Some((Error, "kullanıcı adı olmalı", None))),
            ("ayse@", Some((Error, "alan adı olmalı", None))),
            (
                "ayse yilmaz@meb.gov.tr",
                Some((Error, "boşluk olmamalı", None)),
            ),
            (
                "ayşe.çelik@meb.gov.tr",
                Some((Error, "Türkçe", Some("ayse.celik@meb.gov.tr"))),
            ),
            ("ayse@meb", Some((Error, "Alan adı eksik", None))),
            ("ayse@meb..gov.tr", Some((Error, "tek noktadan", None))),
            ("ayse@-meb.gov.tr", Some((Error, "tek noktadan", None))),
            ("ayse@meb.gov.1", Some((Error, "sonu eksik", None))),
            (".ayse@meb.gov.tr", Some((Error, "nokta başta", None))),
            ("ay..se@meb.gov.tr", Some((Error, "art arda", None))),
            (
                "ay(se)@meb.gov.tr",
                Some((Error, "yalnızca harf, rakam ve", None)),
            ),
        ];
        for (input, expected) in table {
            let got = check_field(&Form::new().with(FIELD, *input), FIELD);
            match expected {
                None => assert!(got.is_empty(), "{input}: {got:?}"),
                Some((sev, text, sugg)) => {
                    assert_eq!(got.len(), 1, "{input}: {got:?}");
                    assert_eq!(got[0].severity, *sev, "{input}");
                    assert!(got[0].message.contains(text), "{input}: {}", got[0].message);
                    assert_eq!(got[0].suggestion.as_deref(), *sugg, "{input}");
                }
            }
        }
    }

    /// The field hint and the personal-provider warning give the same advice, in the same
    /// words: your own institutional address if you have one, otherwise one you read; never a
    /// shared box. Neither claims every MEB employee has an @meb.gov.tr address, and the
    /// warning never sends the reader to the school's (shared) k12.tr address.
    #[test]
    fn the_personal_provider_warning_agrees_with_the_field_hint() {
        let hint = FIELD.html().hint.expect("the e-mail field has a hint");
        let got = check_field(&Form::new().with(FIELD, "ayse@gmail.com"), FIELD);
        assert_eq!(got.len(), 1, "{got:?}");
        let warning = got[0].message.as_str();
        for (name, text) in [("hint", hint), ("warning", warning)] {
            let folded = fold(text);
            assert!(
                folded.contains("size ait"),
                "{name} prefers your own address: {text}"
            );
            assert!(
                folded.contains("okudugunuz"),
                "{name} accepts an address you read: {text}"
            );
            assert!(
                !folded.contains("meb personeli icin"),
                "{name} must not promise every MEB employee an @meb.gov.tr address: {text}"
            );
            assert!(
                !folded.contains("okulunuzun"),
                "{name} must not send the reader to the school's address: {text}"
            );
        }
        assert!(
            fold(hint).contains("ortak"),
            "the hint warns against a shared box: {hint}"
        );
    }

    #[test]
    fn normalised_to_lower_case() {
        let r = check_form(&Form::new().with(FIELD, "  Ayse.Yilmaz@MEB.GOV.TR "));
        assert_eq!(r.normalized_value(FIELD), Some("ayse.yilmaz@meb.gov.tr"));
    }
}
