//! "Bu cihazda hatırla": an opt-in draft of the form in `localStorage`. Nothing is stored
//! unless the box is ticked; the security word pair is never stored. Storage may be
//! unavailable (private mode, blocked site data): then nothing is kept and nothing fails.
//!
//! Format: one `<field id>=<value>` line per non-empty field; in the value a backslash is
//! written `\\` and a line break `\n` (the address is a textarea). Plain text keeps the
//! browser's JSON out of the glue.

use crate::prelude::*;

use super::dom;
use crate::schema::{FieldId, Kind, FIELDS};
use web_sys::{HtmlFormElement, Storage};

/// The one key the page uses.
pub const KEY: &str = "eimza-kontrol-taslak";

fn storage() -> Option<Storage> {
    dom::global("localStorage")
}

/// Whether a field may be kept: every field except the security word pair.
fn kept(kind: Kind) -> bool {
    kind != Kind::Secret
}

/// Saves the non-empty values (security word excluded).
pub fn save(form: &HtmlFormElement) {
    let mut text = String::new();
    for f in FIELDS.iter().filter(|f| kept(f.kind)) {
        let v = dom::value(form, f.id.as_str());
        if !v.is_empty() {
            text.push_str(f.id.as_str());
            text.push('=');
            for c in v.chars() {
                match c {
                    '\\' => text.push_str("\\\\"),
                    '\n' => text.push_str("\\n"),
                    _ => text.push(c),
                }
            }
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
        if FieldId::parse(id).is_some_and(|f| kept(f.field().kind)) {
            dom::set_value(form, id, &unescape(value));
        }
    }
    true
}

/// Undoes `save`'s escaping.
fn unescape(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
        } else if let Some(next) = chars.next() {
            out.push(if next == 'n' { '\n' } else { next });
        }
    }
    out
}

/// Forgets the draft.
pub fn clear() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}
