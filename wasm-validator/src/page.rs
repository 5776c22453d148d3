//! The element ids and attributes of kontrol.html that the checker glue (`web/checker`) relies
//! on: the contract between site-templates/kontrol.html and the glue, typed once here. A
//! built-site test renders kontrol.html and checks every one of them exists.

use crate::prelude::*;

use crate::schema::{FieldId, Kind};

/// The form (`<form id>`).
pub const FORM: &str = "kontrol-formu";
/// `<main>`: clicks on summary links, suggestions, copy, print and clear are caught here.
pub const MAIN: &str = "icerik";
/// "Kontrol et", disabled in the HTML until the checker runs.
pub const CHECK: &str = "kontrol-et";
/// The "needs JavaScript" / "could not start" notice.
pub const NOTICE: &str = "kontrol-bildirim";
/// "Bu cihazda hatırla" (also its `name`).
pub const REMEMBER: &str = "hatirla";
/// "Temizle".
pub const CLEAR: &str = "temizle";
/// The ready block, its heading (focused after a clean check) and its open warnings (a box
/// with a list of links to the fields, so they are seen where the user is).
pub const READY: &str = "hazir";
pub const READY_HEADING: &str = "hazir-baslik";
pub const READY_WARNING: &str = "hazir-uyari";
pub const READY_WARNING_LIST: &str = "hazir-uyari-listesi";
/// "Yazdır" (the preparation sheet).
pub const PRINT: &str = "yazdir";
/// The polite status line for announcements.
pub const ANNOUNCE: &str = "duyuru";
/// The error summary: box, count line, list.
pub const ERROR_SUMMARY: &str = "hata-ozeti";
pub const ERROR_COUNT: &str = "hata-ozeti-sayi";
pub const ERROR_LIST: &str = "hata-listesi";
/// The warning summary: box, count line, list.
pub const WARNING_SUMMARY: &str = "uyari-ozeti";
pub const WARNING_COUNT: &str = "uyari-ozeti-sayi";
pub const WARNING_LIST: &str = "uyari-listesi";
/// The ilçe suggestions (`<datalist>`).
pub const DISTRICTS: &str = "ilce-liste";

/// Every fixed id above.
pub const IDS: [&str; 20] = [
    FORM,
    MAIN,
    CHECK,
    NOTICE,
    REMEMBER,
    CLEAR,
    READY,
    READY_HEADING,
    READY_WARNING,
    READY_WARNING_LIST,
    PRINT,
    ANNOUNCE,
    ERROR_SUMMARY,
    ERROR_COUNT,
    ERROR_LIST,
    WARNING_SUMMARY,
    WARNING_COUNT,
    WARNING_LIST,
    DISTRICTS,
    "sayfa",
];

/// Per field, around its id: `alan-<id>` wraps it, `<id>-hata` / `<id>-uyari` hold its
/// messages, `<id>-ipucu` its hint (when it has one), `<id>-grup` is a radio group's
/// fieldset, `deger-<id>` and `sayfa-<id>` show its portal-ready value on the page and the
/// printed sheet.
pub const WRAPPER: &str = "alan-";
pub const ERROR_SUFFIX: &str = "-hata";
pub const WARNING_SUFFIX: &str = "-uyari";
pub const HINT_SUFFIX: &str = "-ipucu";
pub const GROUP_SUFFIX: &str = "-grup";
pub const VALUE: &str = "deger-";
pub const SHEET: &str = "sayfa-";

/// Every id kontrol.html must have for one field (the hint's only when `has_hint`).
pub fn field_ids(id: FieldId, has_hint: bool) -> Vec<String> {
    let f = id.field();
    let s = id.as_str();
    let mut out = vec![
        s.to_string(),
        format!("{WRAPPER}{s}"),
        format!("{s}{ERROR_SUFFIX}"),
        format!("{s}{WARNING_SUFFIX}"),
        format!("{VALUE}{s}"),
        format!("{SHEET}{s}"),
    ];
    if has_hint {
        out.push(format!("{s}{HINT_SUFFIX}"));
    }
    if f.kind == Kind::Choice && !f.dropdown {
        out.push(format!("{s}{GROUP_SUFFIX}"));
    }
    out
}
