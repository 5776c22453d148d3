//! "Bu cihazda hatırla": an opt-in draft of the form in `localStorage`. Nothing is stored
//! unless the box is ticked; the security word pair is never stored. Storage may be
//! unavailable (private mode, blocked site data): then nothing is kept and nothing fails.
//!
//! Format: one `<field id>=<value>` line per non-empty field. Form inputs cannot hold line
//! breaks, and ids contain no `=`, so no escaping is needed (a value with a line break, which
//! only a hand-edited entry could have, is skipped). Plain text keeps the browser's JSON out
//! of the glue.

use super::dom;
use crate::schema::{Kind, FIELDS};
use web_sys::{HtmlFormElement, Storage};

/// The one key the page uses.
pub const KEY: &str = "eimza-kontrol-taslak";

fn storage() -> Option<Storage> {
    dom::window().local_storage().ok()?
}

/// Whether a field may be kept: every field except the security word pair.
fn kept(kind: Kind) -> bool {
    kind != Kind::Secret
}

/// Saves the non-empty values (security word excluded).
pub fn save(form: &HtmlFormElement) {
    let mut text = String::new();
    for f in FIELDS.iter().filter(|f| kept(f.kind)) {
        let v = dom::value(form, f.id);
        if !v.is_empty() && !v.contains('\n') {
            text.push_str(f.id);
            text.push('=');
            text.push_str(&v);
            text.push('\n');
        }
    }
    if let Some(s) = storage() {
        let _ = s.set_item(KEY, &text);
    }
}

/// Puts a saved draft back into the form; returns whether there was one.
pub fn restore(form: &HtmlFormElement) -> bool {
    let Some(text) = storage().and_then(|s| s.get_item(KEY).ok().flatten()) else {
        return false;
    };
    for line in text.lines() {
        let Some((id, value)) = line.split_once('=') else {
            continue;
        };
        if FIELDS.iter().any(|f| f.id == id && kept(f.kind)) {
            dom::set_value(form, id, value);
        }
    }
    true
}

/// Forgets the draft.
pub fn clear() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}
