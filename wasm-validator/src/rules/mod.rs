//! The field rules, one module per family of fields. Each family checks its own fields
//! (reading others for the cross-field checks), reports findings only about its own fields and
//! sets their normalised values; so re-checking one field means running one family.

pub mod address;
pub mod choices;
pub mod email;
pub(crate) mod entry;
pub mod identity;
pub mod institution;
pub mod names;
pub mod phone;
pub mod security;

use crate::form::{Finding, Form, Severity};
use crate::schema::{index_of, FIELDS};
use crate::text::collapse_spaces;

/// A family of rules: the fields it reports on, the other fields it reads, and the check.
pub(crate) struct Family {
    pub fields: &'static [&'static str],
    pub reads: &'static [&'static str],
    pub check: fn(&Form, &mut Out),
}

/// Every family; together their `fields` cover the schema exactly once.
pub(crate) static FAMILIES: &[Family] = &[
    Family {
        fields: &["yayin_tercihi", "mobil_operator", "bilgi_kanali"],
        reads: &[],
        check: choices::check,
    },
    Family {
        fields: &["kimlik_no"],
        reads: &[],
        check: identity::check,
    },
    Family {
        fields: &["ad", "soyad"],
        reads: &[],
        check: names::check,
    },
    Family {
        fields: &["guvenlik_sozcugu", "guvenlik_sozcugu_tekrar"],
        reads: &["kimlik_no", "ad", "soyad"],
        check: security::check,
    },
    Family {
        fields: &["kurum_adi", "birim", "unvan", "adres"],
        reads: &[],
        check: institution::check,
    },
    Family {
        fields: &["il", "ilce", "posta_kodu"],
        reads: &[],
        check: address::check,
    },
    Family {
        fields: &["kurumsal_eposta"],
        reads: &[],
        check: email::check,
    },
    Family {
        fields: &["is_telefonu", "dahili", "cep_telefonu", "ev_telefonu"],
        reads: &["il"],
        check: phone::check,
    },
];

/// Where a family writes its findings and normalised values.
pub(crate) struct Out {
    pub findings: Vec<Finding>,
    /// Indexed like `FIELDS`; None = use `tidy(raw)`.
    pub normalized: Vec<Option<String>>,
}

impl Out {
    pub fn new() -> Out {
        Out {
            findings: Vec::new(),
            normalized: vec![None; FIELDS.len()],
        }
    }

    fn push(
        &mut self,
        field: &'static str,
        severity: Severity,
        message: String,
        s: Option<String>,
    ) {
        self.findings.push(Finding {
            field,
            severity,
            message,
            suggestion: s,
        });
    }

    pub fn error(&mut self, field: &'static str, message: impl Into<String>) {
        self.push(field, Severity::Error, message.into(), None);
    }

    pub fn warning(&mut self, field: &'static str, message: impl Into<String>) {
        self.push(field, Severity::Warning, message.into(), None);
    }

    pub fn error_with(
        &mut self,
        field: &'static str,
        message: impl Into<String>,
        suggestion: impl Into<String>,
    ) {
        self.push(
            field,
            Severity::Error,
            message.into(),
            Some(suggestion.into()),
        );
    }

    pub fn warning_with(
        &mut self,
        field: &'static str,
        message: impl Into<String>,
        suggestion: impl Into<String>,
    ) {
        self.push(
            field,
            Severity::Warning,
            message.into(),
            Some(suggestion.into()),
        );
    }

    /// Sets a field's portal-ready value.
    pub fn normalize(&mut self, field: &'static str, value: String) {
        if let Some(i) = index_of(field) {
            self.normalized[i] = Some(value);
        }
    }

    /// Reports an empty required field (and returns true), or returns false when the field
    /// has a value. Optional empty fields return true without a finding.
    pub fn missing(&mut self, form: &Form, field: &'static str) -> bool {
        if !tidy(form.get(field)).is_empty() {
            return false;
        }
        if let Some(message) = required_message(field) {
            self.error(field, message);
        }
        true
    }
}

/// The message for an empty required field (GOV.UK style: say what to enter).
fn required_message(field: &str) -> Option<&'static str> {
    let required = FIELDS.iter().any(|f| f.id == field && f.required);
    if !required {
        return None;
    }
    Some(match field {
        "yayin_tercihi" => {
            "Sertifika alanında “Sertifikam İnternette Yayınlanmasın” seçeneğini seçin"
        }
        "kimlik_no" => "T.C. Kimlik No'nuzu ya da pasaport numaranızı girin",
        "ad" => "Adınızı girin",
        "soyad" => "Soyadınızı girin",
        "guvenlik_sozcugu" => security::MSG_EMPTY,
        "guvenlik_sozcugu_tekrar" => security::MSG_REPEAT_EMPTY,
        "kurum_adi" => "Kurum adını girin",
        "birim" => "Çalıştığınız birimi girin",
        "unvan" => "Unvanınızı girin",
        "adres" => "Kurum ya da birim adresini girin; kartınız bu adrese gönderilir",
        "il" => "İli seçin",
        "ilce" => "İlçeyi seçin",
        "posta_kodu" => "Posta kodunu girin",
        "kurumsal_eposta" => "Kurumsal e-posta adresinizi girin",
        "cep_telefonu" => "Cep telefonu numaranızı girin",
        "mobil_operator" => "Cep telefonunuzun bağlı olduğu operatörü seçin",
        "bilgi_kanali" => "Bilgi kanalını seçin: Eposta, SMS ya da Her İkisi (E-posta+SMS)",
        _ => "Bu alanı doldurun",
    })
}

/// The default normalisation: control characters dropped, white space collapsed.
pub(crate) fn tidy(raw: &str) -> String {
    if raw.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        let clean: String = raw
            .chars()
            .filter(|c| !c.is_control() || c.is_whitespace())
            .collect();
        collapse_spaces(&clean)
    } else {
        collapse_spaces(raw)
    }
}

/// The bytes `from..to` of an ASCII string ("" when out of range): slicing without a panic
/// path keeps the wasm smaller.
pub(crate) fn part(s: &str, from: usize, to: usize) -> &str {
    s.get(from..to).unwrap_or("")
}

/// User text quoted for a message: tidied, cut to 40 characters.
pub(crate) fn quote(raw: &str) -> String {
    let t = tidy(raw);
    let mut out = String::from("“");
    let mut chars = t.chars();
    out.extend(chars.by_ref().take(40));
    if chars.next().is_some() {
        out.push('…');
    }
    out.push('”');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_cover_the_schema_once() {
        for f in FIELDS {
            let owners = FAMILIES
                .iter()
                .filter(|fam| fam.fields.contains(&f.id))
                .count();
            assert_eq!(owners, 1, "{}", f.id);
        }
        for fam in FAMILIES {
            for id in fam.fields.iter().chain(fam.reads) {
                assert!(index_of(id).is_some(), "{id}");
            }
        }
    }

    #[test]
    fn every_required_field_has_its_own_message() {
        for f in FIELDS.iter().filter(|f| f.required) {
            assert_ne!(
                required_message(f.id),
                Some("Bu alanı doldurun"),
                "{}",
                f.id
            );
        }
        assert_eq!(required_message("dahili"), None);
    }

    #[test]
    fn tidy_and_quote() {
        assert_eq!(tidy("  a\u{0}  b\t"), "a b");
        assert_eq!(quote("x"), "“x”");
        assert_eq!(quote(&"ş".repeat(50)), format!("“{}…”", "ş".repeat(40)));
    }
}
