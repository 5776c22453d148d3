//! Showing findings the GOV.UK way: a message under each field's label and hint (with a
//! visually hidden "Hata:"/"Uyarı:" prefix, `aria-invalid`, `aria-describedby`), an error
//! summary and a separate warning list at the top of `main`, and "Hata: " in the title.
//!
//! Element ids come from site-templates/kontrol.html: `alan-<id>` (field wrapper),
//! `<id>-ipucu` (hint), `<id>-hata` / `<id>-uyari` (message boxes), `<id>-grup` (the
//! fieldset of a radio group), `hata-ozeti`, `hata-ozeti-sayi`, `hata-listesi`, `uyari-ozeti`,
//! `uyari-ozeti-sayi`, `uyari-listesi`.

use super::dom::{self, by_id, cat, make, set_hidden, set_or_remove};
use crate::form::{Finding, Severity};
use crate::schema::{Field, Kind};
use web_sys::Document;

/// Shows (or clears) the messages of one field and marks its control(s).
pub fn show_field(doc: &Document, field: &Field, findings: &[Finding]) {
    let id = field.id;
    let error = fill_box(doc, field, findings, Severity::Error);
    let warning = fill_box(doc, field, findings, Severity::Warning);

    let mut described = String::new();
    for (on, suffix) in [
        (field.hint.is_some(), "-ipucu"),
        (error, "-hata"),
        (warning, "-uyari"),
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
        by_id(&cat(&[id, "-grup"]))
    } else {
        by_id(id)
    };
    if let Some(el) = on {
        set_or_remove(&el, "aria-describedby", &described);
    }
    if let Some(wrapper) = by_id(&cat(&["alan-", id])) {
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
        Severity::Error => ("-hata", "Hata: "),
        Severity::Warning => ("-uyari", "Uyarı: "),
    };
    let Some(b) = by_id(&cat(&[field.id, suffix])) else {
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
                let _ = button.set_attribute("data-alan", field.id);
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
    let errors = fill_list(doc, "hata", findings, Severity::Error);
    let warnings = fill_list(doc, "uyari", findings, Severity::Warning);
    dom::text_id(
        "hata-ozeti-sayi",
        &cat(&[
            &dom::count(errors),
            " hata var. Bağlantıya basınca ilgili alana gidersiniz; düzeltince mesaj kalkar.",
        ]),
    );
    dom::text_id(
        "uyari-ozeti-sayi",
        &cat(&[
            &dom::count(warnings),
            " uyarı var. Başvurunuzu durdurmazlar ama portala yazmadan önce bir kez daha bakın.",
        ]),
    );
    dom::hide_id("hata-ozeti", errors == 0);
    dom::hide_id("uyari-ozeti", warnings == 0);
    doc.set_title(&if errors > 0 {
        cat(&["Hata: ", title])
    } else {
        title.to_string()
    });
    errors
}

/// One `<li><a href="#<id>" data-alan="<id>">message</a></li>` per finding of this
/// severity in `<kind>-listesi`.
fn fill_list(doc: &Document, kind: &str, findings: &[Finding], sev: Severity) -> usize {
    let Some(list) = by_id(&cat(&[kind, "-listesi"])) else {
        return 0;
    };
    list.set_text_content(None);
    let mut n = 0;
    for f in findings.iter().filter(|f| f.severity == sev) {
        n += 1;
        let (Some(li), Some(a)) = (make(doc, "li", "", ""), make(doc, "a", "", &f.message)) else {
            continue;
        };
        let _ = a.set_attribute("href", &cat(&["#", f.field]));
        let _ = a.set_attribute("data-alan", f.field);
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
    if let Some(label) = dom::find(&cat(&["#alan-", id, " .alan__etiket"])) {
        label.scroll_into_view();
    }
}
