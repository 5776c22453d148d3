//! The checker page (kontrol.html): wires the form the builder rendered from the schema to the
//! rules. "Kontrol et" runs the whole-form check and shows the findings the GOV.UK way; after
//! that first check a field is re-checked (with the fields it affects) when it is left, never
//! while it is typed in, so a half-typed word is not called wrong; without errors the
//! portal-ready values appear with copy buttons and a printable sheet. Nothing leaves the
//! page: the submit is always cancelled, and the only storage is the opt-in draft.
//!
//! Hooks the tests and the bench rely on: `<html data-checker="ready">` and
//! `performance.mark('checker-ready')` after the last start-up step; `check-start` and
//! `check-done` marks and a `check` measure around every full check. Tested end to end by
//! tests/browser/checker.test.mjs.

use crate::prelude::*;

mod dom;
mod draft;
mod messages;
mod output;

use crate::check::{affected_fields, check_field, check_form};
use crate::form::{warm_up_form, Finding, Form};
use crate::geo;
use crate::page;
use crate::schema::{FieldId, Kind, FIELDS};
use core::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, EventTarget, HtmlFormElement};

/// What the page remembers between events.
struct State {
    /// Whether "Kontrol et" has run: before it, typing shows nothing.
    checked: bool,
    /// The findings currently shown, in portal order.
    findings: Vec<Finding>,
    /// Portal-ready values of the last full check (what the copy buttons copy).
    normalized: Vec<(FieldId, String)>,
    /// The page's own `<title>`, before any "Hata: " prefix.
    title: String,
}

/// The page's state. A plain static rather than `thread_local!`, which would add its
/// lazy-initialisation code to the download for nothing.
struct Shared(RefCell<State>);

// SAFETY: the wasm runs on the page's main thread only (wasm32 without threads), so the cell
// is never reached from two threads.
#[allow(unsafe_code)]
unsafe impl Sync for Shared {}

static STATE: Shared = Shared(RefCell::new(State {
    checked: false,
    findings: Vec::new(),
    normalized: Vec::new(),
    title: String::new(),
}));

// Starts the checker in steps, each in a task of its own, so that no step holds the page's
// main thread for long (a slow phone runs all of it several times slower than a desktop):
// checker-boot.js calls `step(0)`, `step(1)`, … from fresh tasks until one returns `false`.
// Only what the first check needs comes before the page is marked ready (the form wired, the
// place data read, the il list and a saved draft filled in); the warm-up comes after, so a
// check asked for early (held by checker-boot.js) runs as soon as possible. (Plain comments: a
// doc comment would be copied into the downloaded glue.)
#[wasm_bindgen]
pub fn step(i: u32) -> Result<bool, JsValue> {
    let doc = dom::doc().ok_or("document yok")?;
    let form = dom::form().ok_or(page::FORM)?;
    match i {
        0 => wire(&doc, &form)?,
        // The place data is parsed on first use.
        1 => {
            let _ = geo::provinces().next();
        }
        2 => {
            fill_provinces(&doc);
            if draft::restore(&form) {
                dom::set_checked(page::REMEMBER, true);
            }
            fill_districts(&form);
            ready()?;
        }
        // Warm-up: the browser compiles wasm functions and optimises the JS shims on first
        // use. Running the check and the (empty) message rendering once now keeps the first
        // "Kontrol et" about as fast as the later ones.
        3 => {
            let _ = check_form(&warm_up_form());
            let _ = read(&form);
        }
        // Not once a check has run: its messages are on the page.
        4 if !STATE.0.borrow().checked => {
            for f in FIELDS {
                messages::show_field(&doc, f, &[]);
            }
            messages::show_summary(&doc, &[], &STATE.0.borrow().title);
        }
        4 => {}
        _ => return Ok(false),
    }
    Ok(true)
}

/// Listens to the form's events.
fn wire(doc: &Document, form: &HtmlFormElement) -> Result<(), JsValue> {
    let main = dom::by_id(page::MAIN).ok_or(page::MAIN)?;
    STATE.0.borrow_mut().title = doc.title();

    listen(form, "submit", on_submit)?;
    listen(form, "input", on_typing)?;
    // "change" comes when a text field is left after an edit, and at once for a choice (also
    // the only event some ways of choosing an option fire).
    listen(form, "change", on_change)?;
    listen(&main, "click", on_click)
}

/// The checker is usable: the notice goes, "Kontrol et" is enabled, and the page is marked.
fn ready() -> Result<(), JsValue> {
    dom::hide_id(page::NOTICE, true);
    // Disabled in the HTML so that without the checker, Enter in a field submits nothing.
    if let Some(b) = dom::by_id(page::CHECK) {
        let _ = b.remove_attribute("disabled");
    }
    dom::root()
        .ok_or(":root")?
        .set_attribute("data-checker", "ready")?;
    dom::mark("checker-ready");
    Ok(())
}

/// Adds an event listener that lives as long as the page. One closure type for every
/// listener keeps wasm-bindgen's closure shims to one set.
fn listen(target: &EventTarget, kind: &str, handler: fn(&Event)) -> Result<(), JsValue> {
    let c = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| handler(e.unchecked_ref()));
    target.add_event_listener_with_callback(kind, c.as_ref().unchecked_ref())?;
    c.forget();
    Ok(())
}

/// The element an event happened on (clicks and input always start at an element).
fn target(e: &Event) -> Option<Element> {
    e.target().map(JsCast::unchecked_into)
}

/// The raw values of every field, in the rules' `Form`.
fn read(form: &HtmlFormElement) -> Form {
    let mut values = Form::new();
    for f in FIELDS {
        values.set(f.id, dom::value(form, f.id.as_str()));
    }
    values
}

/// "Kontrol et": never submit; check everything and move focus to what to read next.
fn on_submit(e: &Event) {
    e.prevent_default();
    dom::mark("check-start");
    let (Some(doc), Some(form)) = (dom::doc(), dom::form()) else {
        return;
    };
    let values = read(&form);
    let report = check_form(&values);
    let mut st = STATE.0.borrow_mut();
    for f in FIELDS {
        messages::show_field(&doc, f, &report.findings);
    }
    let errors = messages::show_summary(&doc, &report.findings, &st.title);
    let focus = if errors == 0 {
        output::show(&report.normalized, &values, !report.findings.is_empty());
        page::READY_HEADING
    } else {
        output::hide();
        page::ERROR_SUMMARY
    };
    st.checked = true;
    st.findings = report.findings;
    st.normalized = report.normalized;
    drop(st);
    // "check": reading, checking and updating the page. Moving the focus makes the browser lay
    // the page out at once; "check-focus" includes that too.
    dom::mark("check-done");
    dom::measure("check", "check-start", "check-done");
    if let Some(el) = dom::by_id(focus) {
        // The browser centres what it focuses, which puts the top of a tall error summary
        // ("Sorun var") off the screen: bring its top to the top of the screen at once. Both
        // happen in this task, so only the second position is ever drawn (the same as
        // `focus({ preventScroll: true })` first, without the JS object that costs 116 bytes
        // of the 60 KB). Instant, as the page sets no smooth scrolling: nothing moves for
        // people who ask for reduced motion.
        dom::focus(&el);
        el.scroll_into_view();
    }
    dom::mark("check-focused");
    dom::measure("check-focus", "check-start", "check-focused");
}

/// Typing: the draft follows it, and the output of the last full check (if any) goes, as it
/// no longer matches the form. No re-check mid-word: that waits for `on_change`.
fn on_typing(_: &Event) {
    if let (Some(form), true) = (dom::form(), dom::is_checked(page::REMEMBER)) {
        draft::save(&form);
    }
    output::hide();
}

/// A field left after an edit, or a choice made: keep the ilçe list and the draft up to date;
/// after the first check, re-check. The "Bu cihazda hatırla" box saves or forgets the draft
/// at once.
fn on_change(e: &Event) {
    let (Some(form), Some(name)) = (dom::form(), target(e).and_then(|t| t.get_attribute("name")))
    else {
        return;
    };
    if name == page::REMEMBER {
        if dom::is_checked(page::REMEMBER) {
            draft::save(&form);
            dom::announce("Bilgileriniz bu cihazda saklanıyor. Güvenlik sözcüğü saklanmaz.");
        } else {
            draft::clear();
            dom::announce("Bu cihazda saklanan bilgiler silindi.");
        }
    } else if let Some(id) = FieldId::parse(&name) {
        changed(id, &form);
    }
}

/// A field's value changed (typed, chosen, or a suggestion applied).
fn changed(id: FieldId, form: &HtmlFormElement) {
    if id == FieldId::Il {
        fill_districts(form);
    }
    if dom::is_checked(page::REMEMBER) {
        draft::save(form);
    }
    if STATE.0.borrow().checked {
        recheck(id, form);
    }
}

/// Re-checks the fields an edit of `id` can affect and updates their messages and the
/// summaries; focus stays where the user is. The output of the last full check is
/// hidden: it no longer matches the form.
fn recheck(id: FieldId, form: &HtmlFormElement) {
    let Some(doc) = dom::doc() else {
        return;
    };
    let values = read(form);
    let affected = affected_fields(id);
    let mut st = STATE.0.borrow_mut();
    // Rebuild in portal order: fresh findings for the affected fields, the others kept.
    let mut old = core::mem::take(&mut st.findings).into_iter().peekable();
    let mut findings = Vec::new();
    for f in FIELDS {
        let fresh = affected.contains(&f.id);
        while let Some(x) = old.next_if(|x| x.field == f.id) {
            if !fresh {
                findings.push(x);
            }
        }
        if fresh {
            findings.extend(check_field(&values, f.id));
            messages::show_field(&doc, f, &findings);
        }
    }
    messages::show_summary(&doc, &findings, &st.title);
    st.findings = findings;
    drop(st);
    output::hide();
}

/// Clicks anywhere in `main`: summary links, suggestions, copy, print, clear.
fn on_click(e: &Event) {
    let Some(el) = target(e).and_then(|t| {
        t.closest("[data-alan], [data-kopyala], #yazdir, #temizle")
            .ok()
            .flatten()
    }) else {
        return;
    };
    if let Some(id) = el.get_attribute("data-kopyala") {
        copy(&id);
    } else if let Some(id) = el.get_attribute("data-alan") {
        match el.get_attribute("data-oneri") {
            Some(value) => apply_suggestion(&id, &value),
            None => {
                // A summary link: focus the field rather than only jump to it.
                e.prevent_default();
                messages::go_to_field(&id);
            }
        }
    } else if el.get_attribute("id").as_deref() == Some(page::PRINT) {
        output::print();
    } else {
        clear();
    }
}

/// "Bunu mu demek istediniz: GÜLAĞAÇ": put the value in, re-check, focus the field.
fn apply_suggestion(id: &str, value: &str) {
    let (Some(field), Some(form)) = (FieldId::parse(id).map(FieldId::field), dom::form()) else {
        return;
    };
    let v = if field.kind == Kind::Choice {
        field.match_option(value).map_or(value, |o| o.value)
    } else {
        value
    };
    dom::set_value(&form, field.id.as_str(), v);
    changed(field.id, &form);
    if let Some(c) = dom::by_id(field.id.as_str()) {
        dom::focus(&c);
    }
    dom::announce(&dom::cat(&[field.label, " alanına ", value, " yazıldı."]));
}

fn copy(id: &str) {
    let found = STATE.0.borrow().normalized.iter().find_map(|&(k, ref v)| {
        // The security word has no copy button; refuse it here too.
        let secret = k.field().kind == Kind::Secret;
        (k.as_str() == id && !secret).then(|| (k.as_str(), v.clone()))
    });
    if let Some((k, v)) = found {
        output::copy(k, v);
    }
}

/// "Temizle": empty the form, forget the draft, hide every message and the output.
fn clear() {
    let (Some(doc), Some(form)) = (dom::doc(), dom::form()) else {
        return;
    };
    form.reset();
    draft::clear();
    let mut st = STATE.0.borrow_mut();
    st.checked = false;
    st.findings.clear();
    st.normalized.clear();
    for f in FIELDS {
        messages::show_field(&doc, f, &[]);
    }
    messages::show_summary(&doc, &[], &st.title);
    drop(st);
    output::hide();
    fill_districts(&form);
    dom::announce("Form temizlendi. Bu cihazda saklanan bilgiler de silindi.");
}

/// Fills the ilçe suggestions (`<datalist id="ilce-liste">`) with the chosen il's districts;
/// the ilçe input still accepts any text.
/// The 81 provinces as options of the il list (before a draft is restored into it). The page
/// ships only "İl seçin": the names are in the wasm anyway, and leaving them out of the HTML
/// keeps kontrol.html within its 60 KB budget.
fn fill_provinces(doc: &Document) {
    let Some(select) = dom::by_id(FieldId::Il.as_str()) else {
        return;
    };
    for p in geo::provinces() {
        if let Some(o) = dom::make(doc, "option", "", &p.upper_name()) {
            let _ = select.append_child(&o);
        }
    }
}

fn fill_districts(form: &HtmlFormElement) {
    let (Some(doc), Some(list)) = (dom::doc(), dom::by_id(page::DISTRICTS)) else {
        return;
    };
    list.set_text_content(None);
    let Some(p) = geo::find_province(&dom::value(form, FieldId::Il.as_str())) else {
        return;
    };
    for d in p.districts() {
        if let Some(o) = dom::make(&doc, "option", "", "") {
            let _ = o.set_attribute("value", &d.upper_name());
            let _ = list.append_child(&o);
        }
    }
}
