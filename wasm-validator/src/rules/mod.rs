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
use crate::schema::{FieldId, FIELDS};
use crate::text::collapse_spaces;

/// A family of rules: the fields it reports on, the other fields it reads, and the check.
pub(crate) struct Family {
    pub fields: &'static [FieldId],
    pub reads: &'static [FieldId],
    pub check: fn(&Form, &mut Out),
}

/// Every family; together their `fields` cover the schema exactly once.
pub(crate) static FAMILIES: &[Family] = &[
    Family {
        fields: &[
            FieldId::YayinTercihi,
            FieldId::MobilOperator,
            FieldId::BilgiKanali,
        ],
        reads: &[],
        check: choices::check,
    },
    Family {
        fields: &[FieldId::KimlikNo],
        reads: &[],
        check: identity::check,
    },
    Family {
        fields: &[FieldId::Ad, FieldId::Soyad],
        reads: &[],
        check: names::check,
    },
    Family {
        fields: &[FieldId::GuvenlikSozcugu, FieldId::GuvenlikSozcuguTekrar],
        reads: &[FieldId::KimlikNo, FieldId::Ad, FieldId::Soyad],
        check: security::check,
    },
    Family {
        fields: &[
            FieldId::KurumAdi,
            FieldId::Birim,
            FieldId::Unvan,
            FieldId::Adres,
        ],
        reads: &[],
        check: institution::check,
    },
    Family {
        fields: &[FieldId::Il, FieldId::Ilce, FieldId::PostaKodu],
        reads: &[],
        check: address::check,
    },
    Family {
        fields: &[FieldId::KurumsalEposta],
        reads: &[],
        check: email::check,
    },
    Family {
        fields: &[
            FieldId::IsTelefonu,
            FieldId::Dahili,
            FieldId::CepTelefonu,
            FieldId::EvTelefonu,
        ],
        reads: &[FieldId::Il],
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

    fn push(&mut self, field: FieldId, severity: Severity, message: String, s: Option<String>) {
        self.findings.push(Finding {
            field,
            severity,
            message,
            suggestion: s,
        });
    }

    pub fn error(&mut self, field: FieldId, message: impl Into<String>) {
        self.push(field, Severity::Error, message.into(), None);
    }

    pub fn warning(&mut self, field: FieldId, message: impl Into<String>) {
        self.push(field, Severity::Warning, message.into(), None);
    }

    pub fn error_with(
        &mut self,
        field: FieldId,
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
        field: FieldId,
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
    pub fn normalize(&mut self, field: FieldId, value: String) {
        self.normalized[field.index()] = Some(value);
    }

    /// Reports an empty required field (and returns true), or returns false when the field
    /// has a value. Optional empty fields return true without a finding.
    pub fn missing(&mut self, form: &Form, field: FieldId) -> bool {
        if !tidy(form.get(field)).is_empty() {
            return false;
        }
        if let Some(message) = field.field().empty {
            self.error(field, message);
        }
        true
    }
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
            for id in fam.reads {
                assert!(!fam.fields.contains(id), "{id} is read and owned");
            }
        }
    }

    #[test]
    fn every_required_field_has_its_own_message() {
        let messages: Vec<&str> = FIELDS.iter().filter_map(|f| f.empty).collect();
        for (i, m) in messages.iter().enumerate() {
            assert!(!messages[..i].contains(m), "{m} twice");
        }
        assert_eq!(FieldId::Dahili.field().empty, None);
        assert!(FieldId::Ad.field().required());
    }

    #[test]
    fn tidy_and_quote() {
        assert_eq!(tidy("  a\u{0}  b\t"), "a b");
        assert_eq!(quote("x"), "“x”");
        assert_eq!(quote(&"ş".repeat(50)), format!("“{}…”", "ş".repeat(40)));
    }
}
