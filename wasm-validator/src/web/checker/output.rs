//! The portal-ready output after a check without errors: the normalised values in portal
//! order with copy buttons, and the one-page preparation sheet that "Yazdır" prints.
//!
//! Element ids are the contract in `crate::page`; the copy buttons are
//! `[data-kopyala="<id>"]` holding a `.kopyala__metin` span. `data-yazdir="sayfa"` on
//! `<html>` makes kontrol.css print only the sheet; without it the page prints as a checklist.

use crate::prelude::*;

use super::dom::{self, by_id, cat, set_hidden, text_id};
use crate::form::Form;
use crate::page;
use crate::schema::{FieldId, Kind};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Clipboard, HtmlDocument, HtmlTextAreaElement};

/// Fills and shows the output and the sheet. `normalized` is the report's (portal order);
/// the security word pair is shown masked from the raw value (`mask`), never in full.
pub fn show(normalized: &[(FieldId, String)], raw: &Form, warnings: bool) {
    for &(field, ref value) in normalized {
        let id = field.as_str();
        let secret = field.field().kind == Kind::Secret;
        let masked;
        let shown = if secret {
            masked = mask(raw.get(field));
            &masked
        } else {
            value
        };
        let empty = shown.is_empty();
        text_id(
            &cat(&[page::VALUE, id]),
            if empty { "(boş)" } else { shown },
        );
        text_id(&cat(&[page::SHEET, id]), if empty { "—" } else { shown });
        if let Some(b) = copy_button(id) {
            set_hidden(&b, empty);
        }
    }
    reset_copy_labels();
    dom::hide_id(page::READY_WARNING, !warnings);
    dom::hide_id(page::READY, false);
    if let Some(root) = dom::root() {
        let _ = root.set_attribute("data-yazdir", "sayfa");
    }
}

/// Hides the output (its values belong to the last full check, and the form changed).
pub fn hide() {
    dom::hide_id(page::READY, true);
    if let Some(root) = dom::root() {
        let _ = root.remove_attribute("data-yazdir");
    }
}

/// The security word as the portal's PDF prints it: first and last character only. The
/// middle is a fixed run of asterisks, so the length does not show either; a word of one
/// or two characters shows none of its characters.
pub fn mask(word: &str) -> String {
    const MIDDLE: &str = "*****";
    let mut chars = word.chars();
    match (chars.next(), chars.next_back(), chars.next().is_some()) {
        (Some(first), Some(last), true) => {
            let mut s = String::with_capacity(MIDDLE.len() + 8);
            s.push(first);
            s.push_str(MIDDLE);
            s.push(last);
            s
        }
        (None, _, _) => String::new(),
        _ => MIDDLE.to_string(),
    }
}

fn copy_button(id: &str) -> Option<web_sys::Element> {
    dom::find(&cat(&["[data-kopyala=\"", id, "\"]"]))
}

/// Puts "Kopyala" back on every copy button.
fn reset_copy_labels() {
    dom::each(".kopyala__metin", |el| el.set_text_content(Some("Kopyala")));
}

/// Copies a value with the Clipboard API; when that is missing (insecure context, old
/// browser) or refuses, with a hidden textarea and `execCommand('copy')`.
pub fn copy(id: &'static str, text: String) {
    let navigator = dom::get(&dom::window(), "navigator");
    let clipboard = dom::get(&navigator, "clipboard");
    if clipboard.is_undefined() || clipboard.is_null() {
        copied(id, copy_fallback(id, &text));
        return;
    }
    let clipboard: Clipboard = clipboard.unchecked_into();
    let fallback_text = text.clone();
    let ok = Closure::<dyn FnMut(JsValue)>::new(move |_| copied(id, true));
    let refused =
        Closure::<dyn FnMut(JsValue)>::new(move |_| copied(id, copy_fallback(id, &fallback_text)));
    let _ = clipboard.write_text(&text).then2(&ok, &refused);
    // Handed to JS: freed when the promise's callbacks are garbage-collected.
    let _ = ok.into_js_value();
    let _ = refused.into_js_value();
}

/// The pre-Clipboard-API way: select a hidden textarea's text and copy it; focus goes back
/// to the copy button.
fn copy_fallback(id: &str, text: &str) -> bool {
    let (Some(doc), Some(host)) = (dom::doc(), by_id("hazir")) else {
        return false;
    };
    let Some(area) = dom::make(&doc, "textarea", "gizli", "") else {
        return false;
    };
    let _ = area.set_attribute("aria-hidden", "true");
    dom::set(&area, "value", &JsValue::from_str(text));
    let area: HtmlTextAreaElement = area.unchecked_into();
    if host.append_child(&area).is_err() {
        return false;
    }
    area.select();
    let ok = doc
        .unchecked_ref::<HtmlDocument>()
        .exec_command("copy")
        .unwrap_or(false);
    let _ = host.remove_child(&area);
    if let Some(b) = copy_button(id) {
        dom::focus(&b);
    }
    ok
}

/// Says how the copy went: on the button ("Kopyalandı") and to screen readers.
fn copied(id: &str, ok: bool) {
    reset_copy_labels();
    if ok {
        if let Some(label) = dom::find(&cat(&["[data-kopyala=\"", id, "\"] .kopyala__metin"])) {
            label.set_text_content(Some("Kopyalandı"));
        }
        dom::announce("Kopyalandı");
    } else {
        dom::announce("Kopyalanamadı. Değeri seçip kendiniz kopyalayın.");
    }
}

/// Opens the browser's print dialog; kontrol.css prints only the sheet.
pub fn print() {
    let _ = dom::window().print();
}
