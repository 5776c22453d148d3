//! What every rule writes to (`Out`: findings and portal-ready values) and the small text
//! helpers the rules share.

use crate::prelude::*;

use crate::form::{Finding, Form, Severity};
use crate::schema::{FieldId, FIELDS};
use crate::text::collapse_spaces;

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
    fn tidy_and_quote() {
        assert_eq!(tidy("  a\u{0}  b\t"), "a b");
        assert_eq!(quote("x"), "“x”");
        assert_eq!(quote(&"ş".repeat(50)), format!("“{}…”", "ş".repeat(40)));
    }
}
