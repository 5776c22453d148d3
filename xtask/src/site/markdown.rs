//! Markdown → HTML: the one place that owns pulldown-cmark's options, heading ids, the table of
//! contents, GFM alerts as Turkish callouts, components (fenced blocks) and link collection.

use super::error::{at, LineIndex};
use super::html::{tokens, Token};
use anyhow::Result;
use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use wasm_validator::text::slug;

/// The Markdown dialect of the handbook.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// One entry of a page's table of contents (h2, with its h3 children).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// A link or image found in the source, with the line it is on (checked after the build).
#[derive(Debug, Clone, PartialEq)]
pub struct LinkRef {
    pub target: String,
    pub line: usize,
    pub image: bool,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub links: Vec<LinkRef>,
}

/// Renders fenced blocks whose info string names a component (`ekran` → components/ekran.html).
pub trait Components {
    fn has(&self, name: &str) -> bool;
    /// `body` is the block's text (TOML); `line` is the line of the opening fence.
    fn render(&self, name: &str, body: &str, line: usize) -> Result<String>;
}

/// No components: plain Markdown.
pub struct NoComponents;

impl Components for NoComponents {
    fn has(&self, _: &str) -> bool {
        false
    }
    fn render(&self, _: &str, _: &str, _: usize) -> Result<String> {
        unreachable!("has() is always false")
    }
}

fn alert(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Not"),
        BlockQuoteKind::Tip => ("tip", "İpucu"),
        BlockQuoteKind::Important => ("important", "Önemli"),
        BlockQuoteKind::Warning => ("warning", "Uyarı"),
        BlockQuoteKind::Caution => ("caution", "Dikkat"),
    }
}

/// Renders `src` (a page body starting at line `first_line` of `shown`) to HTML.
pub fn render(
    src: &str,
    shown: &str,
    first_line: usize,
    components: &dyn Components,
) -> Result<Rendered> {
    let lines = LineIndex::new(src);
    let line = |offset: usize| lines.line(offset) + first_line - 1;
    let events: Vec<(Event, Range<usize>)> =
        Parser::new_ext(src, options()).into_offset_iter().collect();
    let ids = heading_ids(&events, shown, &line)?;

    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut links = Vec::new();
    let mut toc: Vec<TocEntry> = Vec::new();
    let mut heading_no = 0;
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                let (id, title) = ids[heading_no].clone();
                heading_no += 1;
                push_toc(&mut toc, *level, &id, &title);
                out.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(id)),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = alert(*kind);
                out.push(Event::Html(CowStr::from(format!(
                    "<div class=\"uyari uyari--{class}\" role=\"note\">\n<p class=\"uyari__baslik\">{title}</p>\n"
                ))));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => out.push(Event::Html("</div>\n".into())),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if components.has(info.split_whitespace().next().unwrap_or("")) =>
            {
                let name = info.split_whitespace().next().unwrap_or("").to_string();
                let fence_line = line(range.start);
                let mut body = String::new();
                i += 1;
                while i < events.len() {
                    match &events[i].0 {
                        Event::Text(t) => body.push_str(t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                    i += 1;
                }
                let html = components.render(&name, &body, fence_line)?;
                links.extend(html_links(&html, fence_line));
                out.push(Event::Html(CowStr::from(html)));
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                check_scheme(dest_url, shown, line(range.start))?;
                links.push(LinkRef {
                    target: dest_url.to_string(),
                    line: line(range.start),
                    image: false,
                });
                out.push(event.clone());
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                check_scheme(dest_url, shown, line(range.start))?;
                links.push(LinkRef {
                    target: dest_url.to_string(),
                    line: line(range.start),
                    image: true,
                });
                out.push(event.clone());
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                links.extend(content_html_links(html, shown, line(range.start))?);
                out.push(event.clone());
            }
            _ => out.push(event.clone()),
        }
        i += 1;
    }
    let mut html = String::with_capacity(src.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    Ok(Rendered { html, toc, links })
}

/// Assigns every heading its id: explicit `{#id}` first (they win), then Turkish slugs of the
/// heading text, made unique with -2, -3, … An explicit id must be usable as a link's
/// fragment and an HTML id: no white space, control characters, `#` or `"` (the search index
/// refuses such ids, so the search page could not load).
fn heading_ids(
    events: &[(Event, Range<usize>)],
    shown: &str,
    line: &dyn Fn(usize) -> usize,
) -> Result<Vec<(String, String)>> {
    let mut headings = Vec::new(); // (explicit id, text, offset)
    let mut current: Option<(Option<String>, String, usize)> = None;
    for (event, range) in events {
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                current = Some((
                    id.as_ref().map(|s| s.to_string()),
                    String::new(),
                    range.start,
                ))
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text, _)) = current.as_mut() {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::Heading(_)) => headings.extend(current.take()),
            _ => {}
        }
    }
    let mut used = BTreeSet::new();
    for (explicit, _, offset) in &headings {
        if let Some(id) = explicit {
            if let Some(c) = id
                .chars()
                .find(|&c| c.is_whitespace() || c.is_control() || c == '#' || c == '"')
            {
                return Err(at(
                    shown,
                    line(*offset),
                    format!(
                        "heading id '{}' cannot be a link target: it contains {}; use letters, \
                         digits and '-'",
                        id.escape_debug(),
                        match c {
                            '#' | '"' => format!("'{c}'"),
                            c => format!("U+{:04X}", c as u32),
                        }
                    ),
                ));
            }
            if !used.insert(id.clone()) {
                return Err(at(
                    shown,
                    line(*offset),
                    format!("heading id '{id}' is used twice on this page"),
                ));
            }
        }
    }
    // The next suffix to try for each slug: every smaller one is taken, so a page of n headings
    // with the same text takes n tries, not n²/2 (4,000 such headings took seconds).
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    Ok(headings
        .into_iter()
        .map(|(explicit, text, _)| {
            let title = text.trim().to_string();
            let id = explicit.unwrap_or_else(|| {
                let base = match slug(&title) {
                    s if s.is_empty() => "bolum".to_string(),
                    s => s,
                };
                let mut candidate = base.clone();
                if used.contains(&candidate) {
                    let n = next_suffix.entry(base.clone()).or_insert(2);
                    loop {
                        candidate = format!("{base}-{n}");
                        *n += 1;
                        if !used.contains(&candidate) {
                            break;
                        }
                    }
                }
                used.insert(candidate.clone());
                candidate
            });
            (id, title)
        })
        .collect())
}

fn push_toc(toc: &mut Vec<TocEntry>, level: HeadingLevel, id: &str, title: &str) {
    let entry = |level| TocEntry {
        level,
        id: id.to_string(),
        title: title.to_string(),
        children: vec![],
    };
    match level {
        HeadingLevel::H2 => toc.push(entry(2)),
        HeadingLevel::H3 => match toc.last_mut() {
            Some(parent) => parent.children.push(entry(3)),
            None => toc.push(entry(3)),
        },
        _ => {}
    }
}

/// Elements content may not use: they run code, load or frame other documents, change the
/// page's address, base URL or styling, or submit data. Layout HTML (details, span, br, kbd,
/// abbr, sup, …) is fine. Templates are code and are not checked.
const REFUSED_ELEMENTS: [&str; 14] = [
    "script", "noscript", "style", "link", "meta", "base", "iframe", "frame", "frameset", "object",
    "embed", "applet", "form", "template",
];

/// Attributes that hold an address (their scheme is checked).
const URL_ATTRIBUTES: [&str; 7] = [
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "data",
    "xlink:href",
];

/// The links of an HTML fragment written in content, after checking the raw HTML policy:
/// no refused element, no `on…` event attribute, and addresses only relative or http(s),
/// mailto, tel.
fn content_html_links(html: &str, shown: &str, line: usize) -> Result<Vec<LinkRef>> {
    let refused = |name: &str| -> Result<()> {
        let name = name.to_ascii_lowercase();
        if REFUSED_ELEMENTS.contains(&name.as_str()) {
            return Err(at(
                shown,
                line,
                format!("<{name}> is not allowed in content (it could run code or change the page); ask for a template change instead"),
            ));
        }
        Ok(())
    };
    let mut links = Vec::new();
    for token in tokens(html) {
        let tag = match token {
            Token::Open(tag) => tag,
            Token::Close(name) => {
                refused(&name)?;
                continue;
            }
            Token::Text(_) => continue,
        };
        refused(&tag.name)?;
        for (attr, value) in tag.attrs() {
            if attr.starts_with("on") {
                return Err(at(
                    shown,
                    line,
                    format!(
                        "the event attribute '{attr}' on <{}> is not allowed in content",
                        tag.name
                    ),
                ));
            }
            if URL_ATTRIBUTES.contains(&attr.as_str()) {
                let target = value.unwrap_or_default();
                check_scheme(&target, shown, line)?;
                if attr == "href" || attr == "src" {
                    links.push(LinkRef {
                        target,
                        line,
                        image: attr == "src" && tag.name == "img",
                    });
                }
            }
        }
    }
    Ok(links)
}

/// Addresses in content are relative, or http(s), mailto or tel: no `javascript:`, `data:`,
/// `file:` or other schemes.
fn check_scheme(target: &str, shown: &str, line: usize) -> Result<()> {
    let t: String = target
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let scheme = match (t.find(':'), t.find(['/', '?', '#'])) {
        (Some(c), Some(s)) if c < s => Some(&t[..c]),
        (Some(c), None) => Some(&t[..c]),
        _ => None,
    };
    match scheme.map(str::to_ascii_lowercase) {
        None => Ok(()),
        Some(s) if ["http", "https", "mailto", "tel"].contains(&s.as_str()) => Ok(()),
        Some(s) => Err(at(
            shown,
            line,
            format!("the address '{target}' uses '{s}:'; content may link only to pages of the site, http(s), mailto: and tel:"),
        )),
    }
}

/// `href`/`src` values in an HTML fragment (a component's output), all reported at `line`.
pub fn html_links(html: &str, line: usize) -> Vec<LinkRef> {
    let mut out = Vec::new();
    for token in tokens(html) {
        let Token::Open(tag) = token else { continue };
        for (attr, value) in tag.attrs() {
            if attr == "href" || attr == "src" {
                out.push(LinkRef {
                    target: value.unwrap_or_default(),
                    line,
                    image: attr == "src" && tag.name == "img",
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(src: &str) -> Rendered {
        render(src, "content/t.md", 1, &NoComponents).unwrap()
    }

    #[test]
    fn turkish_heading_ids_unique_and_explicit_wins() {
        let r = md("## Başvuru Formu Erişim Parolası\n\n## Başvuru Formu Erişim Parolası\n\n## Özel {#ozel}\n\n### ÇĞIİÖŞÜ\n");
        assert!(
            r.html.contains("<h2 id=\"basvuru-formu-erisim-parolasi\">"),
            "{}",
            r.html
        );
        assert!(r
            .html
            .contains("<h2 id=\"basvuru-formu-erisim-parolasi-2\">"));
        assert!(r.html.contains("<h2 id=\"ozel\">Özel</h2>"));
        assert!(r.html.contains("<h3 id=\"cgiiosu\">"));
        assert_eq!(r.toc.len(), 3);
        assert_eq!(r.toc[2].children[0].id, "cgiiosu");
    }

    #[test]
    fn explicit_id_reserved_before_slugs() {
        let r = md("## PUK\n\n## Başka {#puk}\n");
        assert!(r.html.contains("<h2 id=\"puk-2\">PUK</h2>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"puk\">Başka</h2>"));
    }

    #[test]
    fn duplicate_explicit_ids_fail_with_line() {
        let e = render(
            "## A {#x}\n\n## B {#x}\n",
            "content/t.md",
            10,
            &NoComponents,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "content/t.md:12: heading id 'x' is used twice on this page"
        );
    }

    /// Ids the search index could not read back (found by `cargo xtask fuzz content`) stop
    /// the build at their heading's line.
    #[test]
    fn explicit_ids_must_be_link_targets() {
        let fail = |src: &str| {
            render(src, "content/t.md", 3, &NoComponents)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            fail("a\n\n## A {#a\"b}\n"),
            "content/t.md:5: heading id 'a\\\"b' cannot be a link target: it contains '\"'; use \
             letters, digits and '-'"
        );
        assert!(fail("# {#\u{8}}").starts_with("content/t.md:3: heading id '\\u{8}' "));
        assert!(fail("{##}\n-").contains("it contains '#'"));
        assert!(fail("## A {#a\u{a0}b}").contains("it contains U+00A0"));
        assert!(md("## A {#a-1_b.c}").html.contains("<h2 id=\"a-1_b.c\">"));
    }

    /// Many headings with the same text get -2, -3, … in order. (Found by `cargo xtask fuzz
    /// content`: when every heading tried every suffix from -2, the numbering was quadratic and
    /// these 20,000 headings took 31 s; now milliseconds.)
    #[test]
    fn many_same_headings_are_numbered_in_order() {
        let r = md(&"## PUK\n\n## PUK 2\n\n".repeat(10_000));
        let ids: Vec<&str> = r.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids[..5], ["puk", "puk-2", "puk-3", "puk-2-2", "puk-4"]);
        assert_eq!(ids.len(), 20_000);
        let unique: BTreeSet<&str> = ids.iter().copied().collect();
        assert_eq!(unique.len(), ids.len());
    }

    #[test]
    fn alerts_get_turkish_titles() {
        let r = md("> [!WARNING]\n> PUK denemeyin.\n\n> [!TIP]\n> Kolay.\n\n> düz alıntı\n");
        assert!(r.html.contains("<div class=\"uyari uyari--warning\" role=\"note\">\n<p class=\"uyari__baslik\">Uyarı</p>\n<p>PUK denemeyin.</p>\n</div>"), "{}", r.html);
        assert!(r.html.contains("<p class=\"uyari__baslik\">İpucu</p>"));
        assert!(r.html.contains("<blockquote>"));
    }

    #[test]
    fn links_carry_lines() {
        let r = render(
            "a\n\n[x](adim-1.html#y) ve ![r](r.svg)\n\n<a href=\"sss.html\">s</a>\n",
            "c",
            5,
            &NoComponents,
        )
        .unwrap();
        assert_eq!(
            r.links,
            vec![
                LinkRef {
                    target: "adim-1.html#y".into(),
                    line: 7,
                    image: false
                },
                LinkRef {
                    target: "r.svg".into(),
                    line: 7,
                    image: true
                },
                LinkRef {
                    target: "sss.html".into(),
                    line: 9,
                    image: false
                },
            ]
        );
    }

    #[test]
    fn raw_html_policy() {
        let fail = |src: &str| {
            render(src, "content/t.md", 3, &NoComponents)
                .unwrap_err()
                .to_string()
        };
        for (src, expected) in [
            (
                "a\n\n<script src=\"evil.js\"></script>\n",
                "content/t.md:5: <script> is not allowed",
            ),
            (
                "<meta http-equiv=\"refresh\" content=\"0;url=https://x\">\n",
                "content/t.md:3: <meta> is not allowed",
            ),
            (
                "<iframe src=\"x.html\"></iframe>\n",
                "<iframe> is not allowed",
            ),
            ("<object data=\"x\"></object>\n", "<object> is not allowed"),
            ("<embed src=\"x\">\n", "<embed> is not allowed"),
            ("<base href=\"https://x/\">\n", "<base> is not allowed"),
            (
                "Metin <span onclick=\"x()\">a</span>\n",
                "the event attribute 'onclick' on <span>",
            ),
            (
                "<a href=\"javascript:alert(1)\">a</a>\n",
                "uses 'javascript:'",
            ),
            (
                "<a href=\"JaVa&#x53;cript:alert(1)\">a</a>\n",
                "uses 'javascript:'",
            ),
            (
                "[a](data:text/html,x)\n",
                "content/t.md:3: the address 'data:text/html,x' uses 'data:'",
            ),
            ("![a](file:///etc/passwd)\n", "uses 'file:'"),
        ] {
            let e = fail(src);
            assert!(e.contains(expected), "{src}: {e}");
        }
        // Layout HTML and ordinary addresses are fine.
        md("<details><summary>Aç</summary>\n\nİçerik <kbd>Ctrl</kbd><br>\n\n</details>\n\n[a](https://x.gov.tr) [b](mailto:a@b.c) [c](tel:4445576) [d](sss.html#puk) [e](#x)\n");
    }

    #[test]
    fn tables_and_footnotes() {
        let r = md("| a | b |\n|---|---|\n| 1 | 2 |\n\nNot[^1].\n\n[^1]: Dipnot.\n");
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("footnote-definition"));
    }
}
