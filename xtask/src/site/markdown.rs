//! Markdown → HTML: the one place that owns pulldown-cmark's options, heading ids, the table of
//! contents, GFM alerts as Turkish callouts, components (fenced blocks) and link collection.

use super::error::{at, LineIndex};
use super::{plain_body, sanitize};
use anyhow::Result;
use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};
use serde::Serialize;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};
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

#[derive(Debug, Default, Clone)]
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

/// Where an event's HTML came from, to name its line.
#[derive(Clone, Copy, PartialEq)]
enum Origin {
    /// Markdown and the builder's own HTML for it (alerts): lines follow the source.
    Markdown,
    /// Raw HTML written in the page: lines follow the source.
    Raw,
    /// A component's output: every line of it is the fence's line.
    Component,
}

/// The line of one written event.
struct Span {
    /// Byte offset in the body HTML where the event's output starts.
    at: usize,
    line: usize,
    origin: Origin,
}

/// `fmt::Write` into a shared string, so the events' output offsets can be read while
/// pulldown-cmark writes.
struct Shared<'a>(&'a RefCell<String>);

impl std::fmt::Write for Shared<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.borrow_mut().push_str(s);
        Ok(())
    }
}

/// Renders `src` (a page body starting at line `first_line` of `shown`) to HTML, and checks the
/// HTML as a browser would read it (`sanitize::check_body`): raw HTML in content is on the
/// allow-list or the page fails at its line.
pub fn render(
    src: &str,
    shown: &str,
    first_line: usize,
    components: &dyn Components,
) -> Result<Rendered> {
    render_checked(src, shown, first_line, components, true)
}

/// `render`; a body Markdown alone writes is checked from its events (`plain_body`) when
/// `plain` allows, else by the HTML parser.
pub(super) fn render_checked(
    src: &str,
    shown: &str,
    first_line: usize,
    components: &dyn Components,
    plain: bool,
) -> Result<Rendered> {
    let lines = LineIndex::new(src);
    let line = |offset: usize| lines.line(offset) + first_line - 1;
    let events: Vec<(Event, Range<usize>)> =
        Parser::new_ext(src, options()).into_offset_iter().collect();
    let ids = heading_ids(&events, shown, &line)?;

    let mut out: Vec<(Event, usize, Origin)> = Vec::with_capacity(events.len());
    let mut trusted = HashSet::new();
    let mut toc: Vec<TocEntry> = Vec::new();
    let mut heading_no = 0;
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        let at = line(range.start);
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
                out.push((
                    Event::Start(Tag::Heading {
                        level: *level,
                        id: Some(CowStr::from(id)),
                        classes: classes.clone(),
                        attrs: attrs.clone(),
                    }),
                    at,
                    Origin::Markdown,
                ));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = alert(*kind);
                out.push((
                    Event::Html(CowStr::from(format!(
                        "<div class=\"uyari uyari--{class}\" role=\"note\">\n<p class=\"uyari__baslik\">{title}</p>\n"
                    ))),
                    at,
                    Origin::Markdown,
                ));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                out.push((Event::Html("</div>\n".into()), at, Origin::Markdown))
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if components.has(info.split_whitespace().next().unwrap_or("")) =>
            {
                let name = info.split_whitespace().next().unwrap_or("").to_string();
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
                let html = components.render(&name, &body, at)?;
                trusted.extend(sanitize::signatures(&html));
                out.push((Event::Html(CowStr::from(html)), at, Origin::Component));
            }
            Event::Html(_) | Event::InlineHtml(_) => out.push((event.clone(), at, Origin::Raw)),
            _ => out.push((event.clone(), at, Origin::Markdown)),
        }
        i += 1;
    }
    let planned = if plain {
        plain_body::plan(out.iter().map(|(e, _, o)| (e, *o == Origin::Markdown)))
    } else {
        None
    };
    let written = RefCell::new(String::with_capacity(src.len() * 3 / 2));
    let mut spans: Vec<Span> = Vec::with_capacity(out.len());
    let events = out.into_iter().map(|(event, line, origin)| {
        spans.push(Span {
            at: written.borrow().len(),
            line,
            origin,
        });
        event
    });
    pulldown_cmark::html::write_html_fmt(Shared(&written), events)
        .map_err(|_| anyhow::anyhow!("{shown}: sayfanın HTML'i yazılamadı"))?;
    let html = written.into_inner();

    let last_line = line(src.len());
    let starts = html_line_starts(&html);
    let source_line = |html_line: usize| -> usize {
        let pos = match html_line {
            0 | 1 => 0,
            n => starts.get(n - 2).copied().unwrap_or(html.len()),
        };
        let Some(span) = spans[..spans.partition_point(|s| s.at <= pos)].last() else {
            return first_line;
        };
        let l = match span.origin {
            Origin::Component => span.line,
            // A block after HTML that ended mid-line starts with its own line break.
            _ => {
                let written = html.get(span.at..pos).unwrap_or("");
                span.line + sanitize::line_breaks(written.trim_start_matches(['\n', '\r']))
            }
        };
        l.clamp(first_line, last_line.max(first_line))
    };
    let checked = match planned {
        Some(planned) => plain_body::check(planned, |i| spans[i].at, &starts),
        None => sanitize::check_body(&html, &trusted),
    };
    let found = checked.map_err(|refusal| {
        let l = match refusal.line {
            Some(l) => source_line(l),
            // Left open at the end: the last raw HTML is where it was opened.
            None => spans
                .iter()
                .rev()
                .find(|s| s.origin == Origin::Raw)
                .map_or(last_line, |s| s.line),
        };
        at(shown, l, refusal.message)
    })?;
    let links = found
        .into_iter()
        .map(|l| LinkRef {
            line: source_line(l.line),
            target: l.target,
            image: l.image,
        })
        .collect();
    Ok(Rendered { html, toc, links })
}

/// Byte offsets where each line of `html` after the first starts, counted as the HTML parser
/// counts lines.
fn html_line_starts(html: &str) -> Vec<usize> {
    let b = html.as_bytes();
    (0..b.len())
        .filter(|&i| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')))
        .map(|i| i + 1)
        .collect()
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
                        "başlık kimliği '{}' bağlantı hedefi olamaz: içinde {} var; yalnız harf, \
                         rakam ve '-' kullanın",
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
                    format!("başlık kimliği '{id}' bu sayfada iki kez kullanılmış"),
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
            "content/t.md:12: başlık kimliği 'x' bu sayfada iki kez kullanılmış"
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
            "content/t.md:5: başlık kimliği 'a\\\"b' bağlantı hedefi olamaz: içinde '\"' var; \
             yalnız harf, rakam ve '-' kullanın"
        );
        assert!(fail("# {#\u{8}}").starts_with("content/t.md:3: başlık kimliği '\\u{8}' "));
        assert!(fail("{##}\n-").contains("içinde '#' var"));
        assert!(fail("## A {#a\u{a0}b}").contains("içinde U+00A0 var"));
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
                "content/t.md:5: içerikte <script> kullanılamaz (sayfada kod çalıştırabilir); \
                 şablonda bir değişiklik isteyin",
            ),
            (
                "<meta http-equiv=\"refresh\" content=\"0;url=https://x\">\n",
                "content/t.md:3: içerikte <meta> kullanılamaz",
            ),
            (
                "<iframe src=\"x.html\"></iframe>\n",
                "içerikte <iframe> kullanılamaz",
            ),
            (
                "<object data=\"x\"></object>\n",
                "içerikte <object> kullanılamaz",
            ),
            ("<embed src=\"x\">\n", "içerikte <embed> kullanılamaz"),
            (
                "<base href=\"https://x/\">\n",
                "içerikte <base> kullanılamaz",
            ),
            (
                "Metin <span onclick=\"x()\">a</span>\n",
                "content/t.md:3: <span> üzerindeki 'onclick' olay özniteliği",
            ),
            (
                "<a href=\"javascript:alert(1)\">a</a>\n",
                "'javascript:' kullanıyor",
            ),
            (
                "<a href=\"JaVa&#x53;cript:alert(1)\">a</a>\n",
                "'javascript:' kullanıyor",
            ),
            (
                "[a](data:text/html,x)\n",
                "content/t.md:3: 'data:text/html,x' adresi 'data:' kullanıyor",
            ),
            ("![a](file:///etc/passwd)\n", "sitenin dışını gösteriyor"),
            (
                "<a href=\"&#106avascript:alert(1)\">a</a>\n",
                "'javascript:' kullanıyor",
            ),
            (
                "<a href=\"jav&Tab;ascript:alert(1)\">a</a>\n",
                "'javascript:' kullanıyor",
            ),
            (
                "<a href=\"java&NewLine;script:alert(1)\">a</a>\n",
                "'javascript:' kullanıyor",
            ),
            (
                "<a href=\" \u{1}javascript:alert(1)\">a</a>\n",
                "'javascript:' kullanıyor",
            ),
            (
                "<ScRiPt src=x.js></sCrIpT>\n",
                "içerikte <script> kullanılamaz",
            ),
            (
                "<body onload=\"alert(1)\">\n",
                "içerikte <body> etiketi kullanılamaz",
            ),
            (
                "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>\n",
                "içerikte <noscript> kullanılamaz",
            ),
            (
                "<template><img src=x onerror=alert(1)></template>\n",
                "içerikte <template> kullanılamaz",
            ),
            (
                "<style>@import 'x.css';</style>\n",
                "içerikte <style> kullanılamaz",
            ),
            (
                "<form action=\"https://x\">\n",
                "içerikte <form> kullanılamaz",
            ),
        ] {
            let e = fail(src);
            assert!(e.contains(expected), "{src}: {e}");
        }
        // Layout HTML and ordinary addresses are fine.
        md("<details><summary>Aç</summary>\n\nİçerik <kbd>Ctrl</kbd><br>\n\n</details>\n\n[a](https://x.gov.tr) [b](mailto:a@b.c) [c](tel:4445576) [d](sss.html#puk) [e](#x)\n");
    }

    /// HTML that the old per-event tokenizer read differently from a browser, each of these
    /// accepted by it: the page is now refused at the line a browser would act on.
    #[test]
    fn html_read_as_a_browser_reads_it() {
        let fail = |src: &str| match render(src, "content/t.md", 1, &NoComponents) {
            Ok(r) => panic!("accepted {src:?}: {}", r.html),
            Err(e) => e.to_string(),
        };
        for (src, expected) in [
            // A comment a browser closes at once: the script is real.
            (
                "<!--><script src=\"x.js\"></script><!-- -->\n",
                "content/t.md:1: içerikte <script> kullanılamaz",
            ),
            // A tag split over the lines of an HTML block (Chromium redirected).
            (
                "a\n\n<div>\n<meta\nhttp-equiv=\"refresh\" content=\"0;url=https://x\">\n</div>\n",
                "content/t.md:5: içerikte <meta> kullanılamaz",
            ),
            ("<base\nhref=\"https://x/\">\n", "içerikte <base> kullanılamaz"),
            ("<link\nrel=\"stylesheet\" href=\"x.css\">\n", "içerikte <link> kullanılamaz"),
            // '>' inside a quoted value does not end the tag.
            (
                "<img alt=\"a>b\" src=\"r.png\" onerror=\"alert(1)\">\n",
                "<img> üzerindeki 'onerror' olay özniteliği",
            ),
            (
                "Metin <a href=\"x.html\" title='a>b' onclick=alert(1)>a</a>\n",
                "'onclick' olay özniteliği",
            ),
            // Character references the old decoder left alone.
            (
                "<a href=\"javascript&colon;alert(1)\">a</a>\n",
                "'javascript:' kullanıyor",
            ),
            // SVG and MathML: animation of an address, xlink:href.
            (
                "<svg><a><animate attributeName=\"href\" values=\"javascript:alert(1)\"/><text y=\"9\">x</text></a></svg>\n",
                "içerikte SVG (<svg>) kullanılamaz",
            ),
            (
                "<math><mi xlink:href=\"javascript&colon;alert(1)\">x</mi></math>\n",
                "içerikte MathML (<math>) kullanılamaz",
            ),
            // Forms, styles, srcset.
            (
                "<button formaction=\"x.html\">a</button>\n",
                "içerikte <button> kullanılamaz (veri gönderebilir)",
            ),
            ("<input type=\"text\" name=\"tc\">\n", "<input type=\"text\">"),
            ("<select><option>a</option></select>\n", "içerikte <select>"),
            (
                "<p style=\"background:url(javascript:alert(1))\">a</p>\n",
                "<p> üzerinde 'style' özniteliği kullanılamaz",
            ),
            (
                "<img src=\"r.png\" srcset=\"javascript:alert(1) 2x\" alt=\"\">\n",
                "<img> üzerinde 'srcset' özniteliği kullanılamaz",
            ),
            ("<textarea>a</textarea>\n", "içerikte <textarea>"),
            // Upper and mixed case, NUL bytes.
            ("<SCRIPT\nsrc=\"x.js\">\n", "içerikte <script> kullanılamaz"),
            (
                "<div>\n<scr\0ipt src=x.js></scr\0ipt>\n</div>\n",
                "content/t.md:2: içerikte <scr\u{fffd}ipt> kullanılamaz",
            ),
            (
                "<div>\n<a href=\"x\" o\0nclick=\"y\">a</a>\n</div>\n",
                "'o\u{fffd}nclick' özniteliği kullanılamaz",
            ),
            // Attributes a second <body> or <html> would give the page's own element.
            ("<body class=\"x\">\n", "içerikte <body> etiketi kullanılamaz"),
            ("<html data-x=\"1\">\n", "içerikte <html> etiketi kullanılamaz"),
            // A tag left open runs into what follows: here the next paragraph.
            (
                "<div>\n<img src=\"r.png\" alt=\"x\"\n\nonerror=alert(1)>\n",
                "content/t.md:4: <img> üzerinde '<p' özniteliği kullanılamaz",
            ),
            // ... or into the template after the body.
            (
                "Metin\n\n<div title=\"x\n",
                "content/t.md:3: sayfanın HTML'i açık kalan bir etiket",
            ),
            ("<!-- yorum\n", "açık kalan bir etiket, tırnak ya da yorum"),
            // Attributes from Markdown's heading attributes.
            (
                "## A {onclick=alert(1)}\n",
                "<h2> üzerindeki 'onclick' olay özniteliği",
            ),
            ("## A {style=color:red}\n", "<h2> üzerinde 'style'"),
            // Pictures from other sites (the page sends no third-party request).
            ("![a](https://x.example/a.png)\n", "sitenin dışını gösteriyor"),
            ("<img src=\"//x.example/a.png\" alt=\"\">\n", "sitenin dışını"),
            // Elements that hold or run other documents, mXSS through raw text elements.
            ("<video src=\"a.mp4\"></video>\n", "içerikte <video> kullanılamaz"),
        ] {
            let e = fail(src);
            assert!(e.contains(expected), "{src:?}: {e}");
            assert!(e.starts_with("content/t.md:"), "{src:?}: {e}");
        }
    }

    /// Everything the builder's own Markdown writes is on the allow-list.
    #[test]
    fn the_builders_markdown_output_is_allowed() {
        let r = md(
            "# Başlık {#b .sinif}\n\n| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n\n\
                    - [ ] yap\n- [x] yapıldı\n\n3. üç\n4. dört\n\nNot[^1] ~~eski~~ `kod` **kalın** \
                    *eğik*\n\n[^1]: Dipnot.\n\n```rust\nfn main() {}\n```\n\n---\n\n\
                    > [!CAUTION]\n> Dikkat.\n\n<https://kamusm.gov.tr> <a@b.c>\n\n\
                    ![Şema](resim/sema.png \"başlık\")\n\n\
                    <figure><img src=\"a.png\" alt=\"a\" width=\"10\" height=\"5\"><figcaption>\
                    A</figcaption></figure>\n\n<abbr title=\"Kamu SM\">KSM</abbr> <mark>m</mark> \
                    <time datetime=\"2026-01-01\">1 Ocak</time>\n",
        );
        assert!(
            r.html.contains("style=\"text-align: center\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("type=\"checkbox\""));
        assert!(r.html.contains("<ol start=\"3\">"));
        assert!(r.html.contains("footnote-definition"));
        let targets: Vec<&str> = r.links.iter().map(|l| l.target.as_str()).collect();
        assert_eq!(
            targets,
            [
                "#1",
                "https://kamusm.gov.tr",
                "mailto:a@b.c",
                "resim/sema.png",
                "a.png"
            ]
        );
    }

    /// A refused element is named at its own line, in a long page.
    #[test]
    fn refusals_name_the_line() {
        let src = format!(
            "{}<span class=\"x\">a</span> <kbd onclick=\"x\">b</kbd>\n",
            "Metin.\n\n".repeat(20)
        );
        let e = render(&src, "content/t.md", 4, &NoComponents)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("content/t.md:44: <kbd> üzerindeki 'onclick'"),
            "{e}"
        );
    }

    /// Component output is template HTML: its elements pass as they are, but content cannot
    /// reuse the component to smuggle attributes in.
    #[test]
    fn component_output_is_trusted_exactly() {
        struct Svg;
        impl Components for Svg {
            fn has(&self, name: &str) -> bool {
                name == "cizim"
            }
            fn render(&self, _: &str, _: &str, _: usize) -> Result<String> {
                Ok("<figure class=\"c\"><svg viewBox=\"0 0 1 1\"><rect width=\"1\" height=\"1\"/></svg><a href=\"sss.html\">s</a></figure>\n".into())
            }
        }
        let r = render("a\n\n```cizim\nx = 1\n```\n", "content/t.md", 1, &Svg).unwrap();
        assert!(r.html.contains("<svg viewBox"));
        assert_eq!(r.links[0].target, "sss.html");
        assert_eq!(r.links[0].line, 3);
        let e = render(
            "<svg viewBox=\"0 0 1 1\" onload=\"x\"></svg>\n\n```cizim\n```\n",
            "content/t.md",
            1,
            &Svg,
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("content/t.md:1: içerikte SVG"), "{e}");
    }

    /// A page nested thousands deep (here 64,000 '>') is refused at a line of the page.
    #[test]
    fn deep_nesting_is_refused() {
        let src = format!("a\n\n{} b\n", ">".repeat(64_000));
        let e = render(&src, "content/t.md", 1, &NoComponents)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("content/t.md:3: sayfa çok derin"), "{e}");
        md(&format!("{} b\n", ">".repeat(100)));
    }

    #[test]
    fn tables_and_footnotes() {
        let r = md("| a | b |\n|---|---|\n| 1 | 2 |\n\nNot[^1].\n\n[^1]: Dipnot.\n");
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("footnote-definition"));
    }
}
