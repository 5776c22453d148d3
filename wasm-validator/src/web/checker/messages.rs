//! Showing findings the GOV.UK way: a message under each field's label and hint (with a
//! visually hidden "Hata:"/"Uyarı:" prefix, `aria-invalid`, `aria-describedby`), an error
//! summary and a separate warning list at the top of `main`, and "Hata: " in the title.
//!
//! Element ids are the contract in `crate::page`.

use crate::prelude::*;

use super::dom::{self, by_id, cat, make, set_hidden, set_or_remove};
use crate::form::{Finding, Severity};
use crate::page;
use crate::schema::{Field, Kind};
use web_sys::Document;

/// Shows (or clears) the messages of one field and marks its control(s).
pub fn show_field(doc: &Document, field: &Field, findings: &[Finding]) {
    let id = field.id.as_str();
    let error = fill_box(doc, field, findings, Severity::Error);
    let warning = fill_box(doc, field, findings, Severity::Warning);

    let mut described = String::new();
    // The template gives a hint element only to fields that have a hint.
    let hint = by_id(&cat(&[id, page::HINT_SUFFIX])).is_some();
    for (on, suffix) in [
        (hint, page::HINT_SUFFIX),
        (error, page::ERROR_SUFFIX),
        (warning, page::WARNING_SUFFIX),
    ] {
        if on {
            if !described.is_empty() {
                described.push(' ');
            }
            described.push_str(id);
            described.push_str(suffix);
        }
    }
    // A radio group is described on its fieldset; other controls on themselves.
    let on = if field.kind == Kind::Choice && !field.dropdown {
        by_id(&cat(&[id, page::GROUP_SUFFIX]))
    } else {
        by_id(id)
    };
    if let Some(el) = on {
        set_or_remove(&el, "aria-describedby", &described);
    }
    if let Some(wrapper) = by_id(&cat(&[page::WRAPPER, id])) {
        wrapper.set_class_name(match (error, warning) {
            (true, _) => "alan alan--hata",
            (false, true) => "alan alan--uyari",
            _ => "alan",
        });
    }
    dom::each(&cat(&["[name=\"", id, "\"]"]), |c| {
        set_or_remove(c, "aria-invalid", if error { "true" } else { "" });
    });
}

/// Fills the `<id>-hata` or `<id>-uyari` box with this field's findings of one severity;
/// returns whether there were any.
fn fill_box(doc: &Document, field: &Field, findings: &[Finding], sev: Severity) -> bool {
    let (suffix, prefix) = match sev {
        Severity::Error => (page::ERROR_SUFFIX, "Hata: "),
        Severity::Warning => (page::WARNING_SUFFIX, "Uyarı: "),
    };
    let Some(b) = by_id(&cat(&[field.id.as_str(), suffix])) else {
        return false;
    };
    b.set_text_content(None);
    let mut any = false;
    for f in findings
        .iter()
        .filter(|f| f.field == field.id && f.severity == sev)
    {
        any = true;
        let Some(line) = make(doc, "span", "alan__mesaj", "") else {
            continue;
        };
        for part in [
            make(doc, "span", "gizli", prefix),
            make(doc, "span", "", &f.message),
        ]
        .into_iter()
        .flatten()
        {
            let _ = line.append_child(&part);
        }
        // "Bunu mu demek istediniz: GÜLAĞAÇ" puts the suggestion into the field. Never for the
        // security word, even if a rule ever suggested one.
        if let (Some(s), false) = (&f.suggestion, field.kind == Kind::Secret) {
            if let Some(button) = make(
                doc,
                "button",
                "oneri",
                &cat(&["Bunu mu demek istediniz: ", s]),
            ) {
                let _ = button.set_attribute("type", "button");
                let _ = button.set_attribute("data-alan", field.id.as_str());
                let _ = button.set_attribute("data-oneri", s);
                let _ = line.append_child(&button);
            }
        }
        let _ = b.append_child(&line);
    }
    set_hidden(&b, !any);
    any
}

/// Rebuilds the error summary and the warning list from all findings; returns the number of
/// errors. `title` is the page's own title, which gets "Hata: " in front while errors show.
pub fn show_summary(doc: &Document, findings: &[Finding], title: &str) -> usize {
    let errors = fill_list(doc, page::ERROR_LIST, findings, Severity::Error);
    let warnings = fill_list(doc, page::WARNING_LIST, findings, Severity::Warning);
    // The same warnings in the ready block: still open when the output shows.
    fill_list(doc, page::READY_WARNING_LIST, findings, Severity::Warning);
    dom::text_id(
        page::ERROR_COUNT,
        &cat(&[
            &dom::count(errors),
            " hata var. Bağlantıya basınca ilgili alana gidersiniz; düzeltince mesaj kalkar.",
        ]),
    );
    dom::text_id(
        page::WARNING_COUNT,
        &cat(&[
            &dom::count(warnings),
            " uyarı var. Başvurunuza engel değildir ama portala yazmadan önce bir kez bakın.",
        ]),
    );
    dom::hide_id(page::ERROR_SUMMARY, errors == 0);
    dom::hide_id(page::WARNING_SUMMARY, warnings == 0);
    doc.set_title(&if errors > 0 {
        cat(&["Hata: ", title])
    } else {
        title.to_string()
    });
    errors
}

/// One `<li><a href="#<id>" data-alan="<id>">message</a></li>` per finding of this
/// severity in the list `list`.
fn fill_list(doc: &Document, list: &str, findings: &[Finding], sev: Severity) -> usize {
    let Some(list) = by_id(list) else {
        return 0;
    };
    list.set_text_content(None);
    let mut n = 0;
    for f in findings.iter().filter(|f| f.severity == sev) {
        n += 1;
        let (Some(li), Some(a)) = (make(doc, "li", "", ""), make(doc, "a", "", &f.message)) else {
            continue;
        };
        let _ = a.set_attribute("href", &cat(&["#", f.field.as_str()]));
        let _ = a.set_attribute("data-alan", f.field.as_str());
        let _ = li.append_child(&a);
        let _ = list.append_child(&li);
    }
    n
}

/// A summary link was followed: focus the field, then scroll its label (or legend) to the
/// top, so the question is seen with the answer (GOV.UK error summary behaviour).
pub fn go_to_field(id: &str) {
    if let Some(control) = by_id(id) {
        dom::focus(&control);
    }
    if let Some(label) = dom::find(&cat(&["#", page::WRAPPER, id, " .alan__etiket"])) {
        label.scroll_into_view();
    }
}
