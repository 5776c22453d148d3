//! What check-form's readers hand over: one applicant's values, with the reader's own findings.
//! A value is kept only up to `CELL_LIMIT` characters (a longer one is cut before the check,
//! with an error finding that says so). A number in Excel's scientific notation
//! (`1,0000000146E+10`) in a field of digits (T.C. Kimlik No, phones, codes) is an error
//! finding that says how to fix it in Excel, never turned back into digits (some may be lost).

use wasm_validator::form::{Finding, Form, Severity};
use wasm_validator::schema::{FieldId, Kind, FIELDS};

/// The most characters a value is checked with, for every field: far above any field's own
/// maximum (`schema::Field::max_len`, which the checker reports itself with a clearer message,
/// and which a value may exceed before tidying: " 06 100 "), far below what would use up
/// memory. A longer value is cut to this before the check, with a finding.
pub const CELL_LIMIT: usize = 1000;

/// Bytes kept of a value while reading: `CELL_LIMIT` characters of up to 4 bytes, and one more.
pub(super) const CELL_KEEP: usize = 4 * (CELL_LIMIT + 1);

/// One applicant read from the file.
#[derive(Debug)]
pub(super) struct Applicant {
    /// 0-based position in the file.
    pub index: usize,
    /// The CSV line it starts on (1-based, as a text editor counts); None for JSON.
    pub line: Option<u64>,
    pub form: Form,
    /// Findings of the reader (a value cut, Excel's scientific notation), added to the
    /// checker's report.
    pub notes: Vec<Note>,
}

/// A finding of the reader about one value; `replaces` the checker's own findings for that
/// field (which would only say the value is not digits).
#[derive(Debug)]
pub(super) struct Note {
    pub finding: Finding,
    pub replaces: bool,
}

/// Whether a field holds digits that Excel shows as a number (and so may turn into
/// scientific notation): T.C. Kimlik No, phones, Dahili, Posta Kodu.
fn holds_digits(id: FieldId) -> bool {
    id == FieldId::KimlikNo || matches!(id.field().kind, Kind::Digits | Kind::Tel)
}

/// Excel's scientific notation of a number: `1.0000000146e10`, `1,0000000146E+10`, `5E+11`.
fn is_scientific(value: &str) -> bool {
    let v = value.trim();
    let Some((mantissa, exponent)) = v.split_once(['e', 'E']) else {
        return false;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let (whole, fraction) = mantissa.split_once(['.', ',']).unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !whole.is_empty()
        && !exponent.is_empty()
        && digits(whole)
        && digits(fraction)
        && digits(exponent)
}

/// Puts one value read from the file into the form: cut to `CELL_LIMIT` characters (it had
/// `chars` in all) with a note, or with a note when it is Excel's scientific notation.
pub(super) fn admit(
    form: &mut Form,
    notes: &mut Vec<Note>,
    id: FieldId,
    mut value: String,
    chars: u64,
) {
    let field = id.field();
    let note = |message: String, replaces: bool| Note {
        finding: Finding {
            field: id,
            severity: Severity::Error,
            message,
            suggestion: None,
        },
        replaces,
    };
    if chars > CELL_LIMIT as u64 {
        if let Some((at, _)) = value.char_indices().nth(CELL_LIMIT) {
            value.truncate(at);
        }
        notes.push(note(
            format!(
                "{} en çok {CELL_LIMIT} karakter olabilir; bu değer {chars} karakter, fazlası \
                 denetlenmeden kesildi. Değeri kısaltıp yeniden deneyin.",
                field.label
            ),
            false,
        ));
    } else if holds_digits(id) && is_scientific(&value) {
        notes.push(note(
            format!(
                "{} Excel'in bilimsel gösteriminde yazılmış (ör. 1,0000000146E+10): Excel uzun \
                 sayıyı kısaltmış, rakamların bir kısmı kaybolmuş olabilir, bu yüzden değer \
                 düzeltilmeden bırakıldı. Excel'de sütunu seçin, Hücreleri Biçimlendir ile \
                 biçimini Metin yapın, değerleri yeniden yazın ve dosyayı yeniden kaydedin.",
                field.label
            ),
            true,
        ));
    }
    form.set(id, value);
}

/// The field ids, for a message about an unknown one.
pub(super) fn valid_ids() -> String {
    FIELDS
        .iter()
        .map(|f| f.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// At most 40 characters of a text for a message, with `…` when cut.
pub(super) fn shorten(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_scientific_notation_is_recognised_and_nothing_else() {
        for v in [
            "1.0000000146e10",
            "1,0000000146E+10",
            " 5E+11 ",
            "3.12E9",
            "1e0",
        ] {
            assert!(is_scientific(v), "{v}");
        }
        for v in [
            "",
            "e10",
            "1e",
            "1E-05",
            "10000000146",
            "0 (532) 123 45 67",
            "1.5",
            "1e10x",
            "1.2.3e4",
            "+1e10",
            "Ece",
        ] {
            assert!(!is_scientific(v), "{v}");
        }
    }
}
