//! The search index asset: splits every rendered page body at its headings into sections
//! (`page.html#id`, heading path, plain text), encodes them with `wasm_validator::search::Index`
//! and wraps the text in a classic script (`search-index.js`) that sets a global, so ara.html
//! loads it with `<script src>` — which, unlike `fetch`, also works from file://.

use super::html::{decode_entities, tokens, Token};
use super::render::RenderedPage;
use rayon::prelude::*;
use wasm_validator::search::{Index, Page, Section, INDEX_GLOBAL};
use wasm_validator::text::collapse_spaces;

/// Logical asset name (`asset("search-index.js")` in templates).
pub const ASSET: &str = "search-index.js";

/// The asset's logical name and bytes, from the rendered pages.
pub fn asset(rendered: &[RenderedPage]) -> (String, Vec<u8>) {
    let pages: Vec<PageInput> = rendered
        .iter()
        .filter(|r| r.page.searchable)
        .map(|r| PageInput {
            url: r.page.url(),
            title: &r.page.title,
            description: &r.page.front.description,
            html: &r.body.html,
        })
        .collect();
    (ASSET.to_string(), script(&index(&pages)).into_bytes())
}

/// What the index needs of one rendered page.
#[derive(Debug, Clone)]
pub struct PageInput<'a> {
    pub url: String,
    pub title: &'a str,
    /// Used as the text before the first heading when the page has none.
    pub description: &'a str,
    /// The rendered body (Markdown output, components included).
    pub html: &'a str,
}

/// The index of `pages`, in their order. Pages are split in parallel (the 1000-page benchmark
/// corpus spends most of this stage in `split`).
pub fn index(pages: &[PageInput]) -> Index {
    let parts: Vec<Vec<Part>> = pages.par_iter().map(|p| split(p.html)).collect();
    let mut index = Index::default();
    for (n, (p, parts)) in pages.iter().zip(parts).enumerate() {
        index.pages.push(Page {
            url: p.url.clone(),
            title: collapse_spaces(p.title),
        });
        for (i, part) in parts.into_iter().enumerate() {
            let text = if i == 0 && part.text.is_empty() {
                collapse_spaces(p.description)
            } else {
                part.text
            };
            index.sections.push(Section {
                page: n,
                id: part.id,
                headings: part.headings,
                text,
            });
        }
    }
    index
}

/// The classic script: a comment and one `var` holding the index text as a JS string.
pub fn script(index: &Index) -> String {
    format!(
        "/* e-imza el kitabı arama dizini: cargo xtask build üretir, elle düzenlemeyin. */\n\
         var {INDEX_GLOBAL} = {};\n",
        js_string(&index.encode())
    )
}

/// `text` as a double-quoted JS (and JSON) string literal. The encoded index has no control
/// characters but its own tabs and line breaks (see `Index::encode`). One pass, copying the
/// runs between escapes (the 1,000-page index is 2.5 MB).
fn js_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16 + 2);
    out.push('"');
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let escape = match c {
            '\\' => "\\\\",
            '"' => "\\\"",
            '\n' => "\\n",
            '\t' => "\\t",
            '\u{2028}' => "\\u2028",
            '\u{2029}' => "\\u2029",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(escape);
        start = i + c.len_utf8();
    }
    out.push_str(&text[start..]);
    out.push('"');
    out
}

/// One part of a page body: the text before the first heading (empty id and headings), or a
/// heading with the text up to the next heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub id: String,
    pub headings: Vec<String>,
    pub text: String,
}

/// Inline elements: no word break at their tags ("<strong>Parola</strong>nı" is one word).
const INLINE: [&str; 14] = [
    "a", "abbr", "b", "bdi", "code", "em", "i", "kbd", "mark", "q", "s", "small", "span", "strong",
];
/// Elements whose content is not readable text.
const SKIPPED: [&str; 5] = ["script", "style", "svg", "template", "noscript"];

/// Splits rendered HTML at its headings (`<h1>`–`<h6>` with an `id`). The first part is the
/// text before the first heading (always present, maybe empty); every heading starts a part
/// whose heading path holds the enclosing headings of higher levels. Headings without an id
/// cannot be linked to, so their text stays in the current part.
pub fn split(html: &str) -> Vec<Part> {
    let mut parts = vec![Part {
        id: String::new(),
        headings: vec![],
        text: String::new(),
    }];
    let mut raw = String::new(); // text of the current part, spaces not yet collapsed
    let mut stack: Vec<(u8, String)> = Vec::new(); // enclosing headings: (level, title)
    let mut heading: Option<(u8, String, String)> = None; // open heading: (level, id, title)
    let mut skip: Option<(String, usize)> = None; // inside a skipped element: (name, depth)
    for token in tokens(html) {
        match token {
            Token::Text(text) => push_text(&mut heading, &mut raw, text, &skip),
            Token::Open(tag) => {
                if let Some((skipped, depth)) = skip.as_mut() {
                    if *skipped == tag.name && !tag.self_closing {
                        *depth += 1;
                    }
                    continue;
                }
                if SKIPPED.contains(&tag.name.as_str())
                    || tag.attr("aria-hidden").as_deref() == Some("true")
                {
                    if !tag.self_closing {
                        skip = Some((tag.name, 1));
                    }
                    continue;
                }
                // A picture (a drawn portal screen is role="img") counts by its text
                // alternative, as a screen reader hears it: its inner labels are neither glued
                // together ("1Kimlik No") nor repeated into every section that shows the screen.
                if tag.attr("role").as_deref() == Some("img") {
                    let label = tag.attr("aria-label").unwrap_or_default();
                    push_text(&mut heading, &mut raw, &format!(" {label} "), &None);
                    if !tag.self_closing {
                        skip = Some((tag.name, 1));
                    }
                    continue;
                }
                match (heading_level(&tag.name), heading.is_some()) {
                    (Some(l), false) => match tag.attr("id") {
                        Some(id) if !id.is_empty() => heading = Some((l, id, String::new())),
                        _ => raw.push(' '),
                    },
                    _ => separate(&tag.name, &mut heading, &mut raw),
                }
            }
            Token::Close(name) => {
                if let Some((skipped, depth)) = skip.as_mut() {
                    if *skipped == name {
                        *depth -= 1;
                        if *depth == 0 {
                            skip = None;
                        }
                    }
                    continue;
                }
                let level = heading_level(&name);
                match heading.take() {
                    Some((open, id, title)) if level == Some(open) => {
                        finish(&mut parts, &mut raw);
                        let title = collapse_spaces(&title);
                        while stack.last().is_some_and(|(sl, _)| *sl >= open) {
                            stack.pop();
                        }
                        let mut headings: Vec<String> =
                            stack.iter().map(|(_, t)| t.clone()).collect();
                        headings.push(title.clone());
                        stack.push((open, title));
                        parts.push(Part {
                            id,
                            headings,
                            text: String::new(),
                        });
                    }
                    open => {
                        heading = open;
                        separate(&name, &mut heading, &mut raw);
                    }
                }
            }
        }
    }
    finish(&mut parts, &mut raw);
    parts
}

/// A block element's tag separates words; an inline one does not.
fn separate(name: &str, heading: &mut Option<(u8, String, String)>, raw: &mut String) {
    if !INLINE.contains(&name) {
        match heading.as_mut() {
            Some((_, _, title)) => title.push(' '),
            None => raw.push(' '),
        }
    }
}

/// Adds decoded text to the open heading's title or to the current part.
fn push_text(
    heading: &mut Option<(u8, String, String)>,
    raw: &mut String,
    text: &str,
    skip: &Option<(String, usize)>,
) {
    if skip.is_some() || text.is_empty() {
        return;
    }
    let decoded = decode_entities(text);
    match heading.as_mut() {
        Some((_, _, title)) => title.push_str(&decoded),
        None => raw.push_str(&decoded),
    }
}

/// Moves the collected text into the last part.
fn finish(parts: &mut [Part], raw: &mut String) {
    if let Some(last) = parts.last_mut() {
        last.text = collapse_spaces(raw);
    }
    raw.clear();
}

fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_string_is_a_json_string() {
        let text = "a\"b\\c\nd\te\u{2028}f “g” ş";
        let literal = js_string(text);
        assert_eq!(literal, "\"a\\\"b\\\\c\\nd\\te\\u2028f “g” ş\"");
        assert_eq!(serde_json::from_str::<String>(&literal).unwrap(), text);
    }

    #[test]
    fn splits_at_headings_with_paths() {
        let html = "<p>Giriş <strong>metni</strong>.</p>\n<h2 id=\"a\">Birinci &amp; <code>kod</code></h2>\n\
                    <p>Bir</p><ul><li>iki</li><li>üç</li></ul>\n<h3 id=\"b\">Alt</h3><p>Alt metin</p>\
                    <h2 id=\"c\">İkinci</h2><h4>Kimliksiz</h4><p>son</p>";
        let parts = split(html);
        assert_eq!(parts.len(), 4, "{parts:#?}");
        assert_eq!(parts[0].text, "Giriş metni.");
        assert_eq!(parts[1].id, "a");
        assert_eq!(parts[1].headings, ["Birinci & kod"]);
        assert_eq!(parts[1].text, "Bir iki üç");
        assert_eq!(parts[2].headings, ["Birinci & kod", "Alt"]);
        assert_eq!(parts[2].text, "Alt metin");
        assert_eq!(parts[3].headings, ["İkinci"]);
        assert_eq!(parts[3].text, "Kimliksiz son");
    }

    #[test]
    fn skips_scripts_hidden_parts_and_comments() {
        let html = "<p>a<!-- gizli --> b</p><svg><text>çizim</text><svg>iç</svg></svg>\
                    <span aria-hidden=\"true\">1<span>2</span></span><p>c</p><script>x()</script>";
        assert_eq!(split(html)[0].text, "a b c");
    }

    #[test]
    fn a_picture_counts_by_its_text_alternative_only() {
        let html = "<p>Önce</p><figure><div class=\"ekran__cizim\" role=\"img\" \
                    aria-label=\"Giriş ekranı: kimlik numaranızı yazın\"><div><span>1</span>\
                    <span>Kimlik No</span><span>Parolanı Bilmiyorum</span></div></div>\
                    <figcaption>Resim: Giriş ekranı</figcaption></figure><p>sonra</p>";
        assert_eq!(
            split(html)[0].text,
            "Önce Giriş ekranı: kimlik numaranızı yazın Resim: Giriş ekranı sonra"
        );
    }

    #[test]
    fn broken_html_does_not_panic() {
        for html in [
            "<",
            "<h2 id=\"x\">açık",
            "</h2>metin",
            "a < b",
            "<p",
            "&#xFFFFFFFF;",
        ] {
            let parts = split(html);
            assert!(!parts.is_empty(), "{html}");
        }
    }

    #[test]
    fn description_fills_an_empty_intro_and_script_is_a_string() {
        let pages = [PageInput {
            url: "iletisim.html".into(),
            title: "İletişim",
            description: "Telefon ve adresler.",
            html: "<h2 id=\"i-birim\">Birim</h2><p>\"Tırnak\" ve \\ ters</p>",
        }];
        let index = index(&pages);
        assert_eq!(index.sections.len(), 2);
        assert_eq!(index.sections[0].text, "Telefon ve adresler.");
        let js = script(&index);
        assert!(js.starts_with("/* e-imza"), "{js}");
        let literal = js
            .split_once(" = ")
            .and_then(|(_, r)| r.strip_suffix(";\n"))
            .unwrap();
        let text: String = serde_json::from_str(literal).unwrap();
        assert_eq!(Index::decode(&text).unwrap(), index);
    }
}
