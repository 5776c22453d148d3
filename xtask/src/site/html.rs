//! The builder's HTML toolkit, shared by the Markdown stage, the link checker, the search
//! index, the extras and the dev server: escaping text, decoding character references, and
//! one small HTML reader (`tokens`) that yields tags with their attributes and the text
//! between them (`spans`: with their places, which the tests' element queries use). It reads
//! only the HTML this builder writes (after content's HTML passed `sanitize`, which decides
//! with html5ever); it is not a validating parser.

use std::ops::Range;

/// Escapes text for HTML/XML content and attribute values.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Decodes HTML character references: the named ones pulldown-cmark and minijinja write
/// (`&amp; &lt; &gt; &quot; &apos; &nbsp;`) and every numeric one. Unknown ones stay as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// One piece of an HTML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    /// `<name attr="…">` (or `<name/>`).
    Open(Tag<'a>),
    /// `</name>`, the name in lower case.
    Close(String),
    /// Text between tags, still with its character references.
    Text(&'a str),
}

/// An opening tag: its lower-case name and the source of its attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag<'a> {
    pub name: String,
    attrs: &'a str,
    pub self_closing: bool,
}

impl<'a> Tag<'a> {
    /// Every attribute: lower-case name and decoded value (None for `hidden`-style ones).
    pub fn attrs(&self) -> impl Iterator<Item = (String, Option<String>)> + 'a {
        let mut rest = self.attrs;
        std::iter::from_fn(move || {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if rest.is_empty() {
                return None;
            }
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '=' || c == '/' || c == '>')
                .unwrap_or(rest.len())
                .max(1);
            let name = rest[..end].to_ascii_lowercase();
            rest = rest[end..].trim_start();
            let Some(after) = rest.strip_prefix('=') else {
                return Some((name, None));
            };
            let after = after.trim_start();
            let (raw, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let close = body.find(q).unwrap_or(body.len());
                    (&body[..close], body.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let close = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..close], &after[close..])
                }
            };
            rest = next;
            Some((name, Some(decode_entities(raw))))
        })
    }

    /// The decoded value of one attribute.
    pub fn attr(&self, name: &str) -> Option<String> {
        self.attrs()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.unwrap_or_default())
    }
}

/// Elements whose content is not markup (read as one text, never as tags).
const RAW_TEXT: [&str; 2] = ["script", "style"];

/// The tags and texts of `html`, in order. Comments and `<!doctype>` are skipped; an
/// unclosed `<` at the end ends the text.
pub fn tokens(html: &str) -> impl Iterator<Item = Token<'_>> {
    spans(html).map(|(_, token)| token)
}

/// `tokens` with where each one is in `html` (byte range), for readers that need an element's
/// inner HTML: from the end of its opening tag to the start of its closing one.
pub fn spans(html: &str) -> impl Iterator<Item = (Range<usize>, Token<'_>)> {
    let mut rest = html;
    let mut raw_until: Option<String> = None;
    let at = move |rest: &str| html.len() - rest.len();
    std::iter::from_fn(move || loop {
        if rest.is_empty() {
            return None;
        }
        let start = at(rest);
        if let Some(end) = raw_until.take() {
            let close = format!("</{end}");
            let end = find_ascii_ci(rest, &close).unwrap_or(rest.len());
            let text = &rest[..end];
            rest = &rest[end..];
            if !text.is_empty() {
                return Some((start..at(rest), Token::Text(text)));
            }
            continue;
        }
        let Some(lt) = rest.find('<') else {
            let text = rest;
            rest = "";
            return Some((start..at(rest), Token::Text(text)));
        };
        if lt > 0 {
            let text = &rest[..lt];
            rest = &rest[lt..];
            return Some((start..at(rest), Token::Text(text)));
        }
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map(|i| &after[i + 3..]).unwrap_or("");
            continue;
        }
        let starts_tag = rest[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
        let gt = rest.find('>');
        let (Some(gt), true) = (gt, starts_tag) else {
            // "a < b", or a '<' that never closes: text, not a tag.
            let text = &rest[..1];
            rest = &rest[1..];
            return Some((start..at(rest), Token::Text(text)));
        };
        let inner = &rest[1..gt];
        rest = &rest[gt + 1..];
        if inner.starts_with('!') || inner.starts_with('?') {
            continue;
        }
        if let Some(name) = inner.strip_prefix('/') {
            return Some((start..at(rest), Token::Close(tag_name(name))));
        }
        let name = tag_name(inner);
        let self_closing = inner.ends_with('/');
        if RAW_TEXT.contains(&name.as_str()) && !self_closing {
            raw_until = Some(name.clone());
        }
        let attrs = &inner[inner
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(inner.len())..];
        let tag = Tag {
            name,
            attrs,
            self_closing,
        };
        return Some((start..at(rest), Token::Open(tag)));
    })
}

fn tag_name(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Byte offset of an ASCII needle, ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tags_attributes_and_text() {
        let html = "<!doctype html><p id=\"a&amp;b\" class='x y' hidden data-v=3>Metin <b>kalın</b></p>\
                    <!-- yorum <a href=x> --><img src=\"r.svg\" alt=\"\"/><script>if (a<b) x('</p>')</script>a < b";
        let t: Vec<Token> = tokens(html).collect();
        let Token::Open(p) = &t[0] else {
            panic!("{t:?}")
        };
        assert_eq!(p.name, "p");
        assert_eq!(p.attr("id").as_deref(), Some("a&b"));
        assert_eq!(p.attr("class").as_deref(), Some("x y"));
        assert_eq!(p.attr("hidden").as_deref(), Some(""));
        assert_eq!(p.attr("data-v").as_deref(), Some("3"));
        assert_eq!(p.attr("yok"), None);
        assert_eq!(t[1], Token::Text("Metin "));
        assert_eq!(t[4], Token::Close("b".into()));
        assert_eq!(t[5], Token::Close("p".into()));
        let Token::Open(img) = &t[6] else {
            panic!("{t:?}")
        };
        assert!(img.self_closing && img.attr("src").as_deref() == Some("r.svg"));
        assert_eq!(t[8], Token::Text("if (a<b) x('</p>')"));
        assert_eq!(t[9], Token::Close("script".into()));
        let text: String = t[10..]
            .iter()
            .map(|x| match x {
                Token::Text(s) => *s,
                _ => "",
            })
            .collect();
        assert_eq!(text, "a < b");
    }

    #[test]
    fn spans_say_where_each_token_is() {
        let html = "<p class=x>a <!-- c --><b>b</b></p>";
        let spans: Vec<_> = spans(html).map(|(r, _)| &html[r]).collect();
        assert_eq!(spans, ["<p class=x>", "a ", "<b>", "b", "</b>", "</p>"]);
    }

    #[test]
    fn broken_html_ends_without_panic() {
        for html in [
            "<",
            "<p",
            "<p id=\"x",
            "</",
            "<!--",
            "<script>x",
            "<a href='",
        ] {
            let _ = tokens(html).count();
        }
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities(
                "A &amp; B &lt;x&gt; &quot;q&quot; &#39;s&#x27; &#x130;&#350; &#x2f;&#X2F; &yok; &"
            ),
            "A & B <x> \"q\" 's' İŞ // &yok; &"
        );
    }

    #[test]
    fn escape_round_trips() {
        let text = "a<b> & \"c\"";
        assert_eq!(decode_entities(&escape(text)), text);
    }
}
