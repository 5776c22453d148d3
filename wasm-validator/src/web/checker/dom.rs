//! Small DOM helpers for the checker glue. Everything returns `Option` or ignores failures:
//! a missing element means the template changed, and the page must keep working without it
//! rather than trap. User data only ever goes in through `set_text_content` and attribute
//! values, never as markup.
//!
//! Size matters (the wasm and its JS glue are downloaded): every distinct browser method
//! used costs a JS shim, so the glue sticks to a small set (getElementById, querySelector(All),
//! createElement, attributes, textContent, className, focus) and reads/writes form values
//! through `Reflect` instead of one typed binding per kind of control.

use crate::prelude::*;

use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlFormElement, Window};

#[wasm_bindgen]
extern "C" {
    // The page's globals, read directly (js_sys::global() would probe four ways to find them).
    #[wasm_bindgen(thread_local_v2, js_name = window)]
    static WINDOW: Window;
    #[wasm_bindgen(thread_local_v2, js_name = document)]
    static DOCUMENT: Document;
}

/// The page's window (the checker only ever runs in one).
pub fn window() -> Window {
    WINDOW.with(Clone::clone)
}

/// The page's document.
pub fn doc() -> Option<Document> {
    Some(DOCUMENT.with(Clone::clone))
}

/// A property of a JS object (`undefined` when missing or when the getter throws, as
/// `localStorage` does when site data is blocked). Reading through `Reflect` saves a JS
/// shim per property.
pub fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Sets a property of a JS object.
pub fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// A global object such as `performance` or `localStorage`, if the browser has it.
pub fn global<T: JsCast>(name: &str) -> Option<T> {
    let v = get(&window(), name);
    (!v.is_undefined() && !v.is_null()).then(|| v.unchecked_into())
}

/// The `<html>` element (page-wide state as data attributes).
pub fn root() -> Option<Element> {
    find(":root")
}

/// The element with this id.
pub fn by_id(id: &str) -> Option<Element> {
    doc()?.get_element_by_id(id)
}

/// The first element matching a CSS selector.
pub fn find(selector: &str) -> Option<Element> {
    doc()?.query_selector(selector).ok()?
}

/// Runs `f` on every element matching a CSS selector.
pub fn each(selector: &str, mut f: impl FnMut(&Element)) {
    let Some(list) = doc().and_then(|d| d.query_selector_all(selector).ok()) else {
        return;
    };
    for i in 0..list.length() {
        if let Some(n) = list.item(i) {
            f(n.unchecked_ref());
        }
    }
}

/// Concatenates parts; a plain loop, smaller in wasm than `format!` or `concat()`.
pub fn cat(parts: &[&str]) -> String {
    let mut s = String::new();
    for p in parts {
        s.push_str(p);
    }
    s
}

/// A small count as decimal text without the formatting machinery (counts here are < 100;
/// larger ones are written as "99+", which never happens with 20 fields).
pub fn count(n: usize) -> String {
    let mut s = String::new();
    if n > 99 {
        s.push_str("99+");
    } else {
        if n >= 10 {
            s.push(char::from(b'0' + (n / 10) as u8));
        }
        s.push(char::from(b'0' + (n % 10) as u8));
    }
    s
}

/// Shows or hides an element with the `hidden` attribute.
pub fn set_hidden(el: &Element, hidden: bool) {
    set_or_remove(el, "hidden", if hidden { "hidden" } else { "" });
}

/// Shows or hides the element with this id.
pub fn hide_id(id: &str, hidden: bool) {
    if let Some(el) = by_id(id) {
        set_hidden(&el, hidden);
    }
}

/// Replaces the content of the element with this id with plain text.
pub fn text_id(id: &str, text: &str) {
    if let Some(el) = by_id(id) {
        el.set_text_content(Some(text));
    }
}

/// A new element with a class and plain-text content (either may be empty).
pub fn make(doc: &Document, tag: &str, class: &str, text: &str) -> Option<Element> {
    let el = doc.create_element(tag).ok()?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    Some(el)
}

/// Sets an attribute, or removes it when `value` is empty.
pub fn set_or_remove(el: &Element, name: &str, value: &str) {
    if value.is_empty() {
        let _ = el.remove_attribute(name);
    } else {
        let _ = el.set_attribute(name, value);
    }
}

/// Moves focus to an element (the browser scrolls it into view).
pub fn focus(el: &Element) {
    let _ = el.unchecked_ref::<HtmlElement>().focus();
}

/// The checker form.
pub fn form() -> Option<HtmlFormElement> {
    by_id("kontrol-formu").map(JsCast::unchecked_into)
}

/// The form control (or, for a radio group, the `RadioNodeList`) named `name`.
fn control(form: &HtmlFormElement, name: &str) -> JsValue {
    get(&get(form, "elements"), name)
}

/// The value of a named control: text of an input, the chosen option of a select, the
/// checked radio's value in a group ("" when none). One code path for every kind of field.
pub fn value(form: &HtmlFormElement, name: &str) -> String {
    let c = control(form, name);
    if c.is_undefined() || c.is_null() {
        return String::new();
    }
    get(&c, "value").as_string().unwrap_or_default()
}

/// Sets the value of a named control (for a radio group: checks the radio with that value).
pub fn set_value(form: &HtmlFormElement, name: &str, value: &str) {
    let c = control(form, name);
    if !c.is_undefined() && !c.is_null() {
        set(&c, "value", &JsValue::from_str(value));
    }
}

/// Whether the checkbox with this id is ticked.
pub fn is_checked(id: &str) -> bool {
    by_id(id).is_some_and(|el| get(&el, "checked").as_bool() == Some(true))
}

/// Ticks or clears the checkbox with this id.
pub fn set_checked(id: &str, on: bool) {
    if let Some(el) = by_id(id) {
        set(&el, "checked", &JsValue::from_bool(on));
    }
}

/// `performance.mark(name)` (the bench and the tests read the marks).
pub fn mark(name: &str) {
    if let Some(p) = global::<web_sys::Performance>("performance") {
        let _ = p.mark(name);
    }
}

/// `performance.measure(name, start, end)`.
pub fn measure(name: &str, start: &str, end: &str) {
    if let Some(p) = global::<web_sys::Performance>("performance") {
        let _ = p.measure_with_start_mark_and_end_mark(name, start, end);
    }
}

/// Says something to screen-reader users through the page's polite live region.
pub fn announce(text: &str) {
    if let Some(el) = by_id("duyuru") {
        // Emptying first makes a repeated message ("Kopyalandı" twice) a change again.
        el.set_text_content(None);
        el.set_text_content(Some(text));
    }
}
