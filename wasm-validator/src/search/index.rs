//! The search index: pages and their sections (one per heading), and its compact text form.
//!
//! The text form is line based so the browser needs no JSON parser (no serde in the wasm):
//! ```text
//! eimza-arama 1
//! P<TAB>adim-1.html<TAB>Adım 1: Başvuru ekranına giriş yapın
//! S<TAB><TAB>text before the first heading
//! S<TAB>a1-parola<TAB>section text<TAB>Parola gelmediyse ya da unuttuysanız
//! S<TAB>a1-resim<TAB>section text<TAB>Ne ters gidebilir<TAB>Resimdeki yazıyı okuyamıyorum
//! ```
//! A section belongs to the page line above it; its headings are the path from the outermost
//! heading to its own. Text never contains tabs or line breaks (they are written as spaces).

use crate::prelude::*;

/// First line of every index; a different line means the index and the code do not match.
pub const FORMAT: &str = "eimza-arama 1";

/// Name of the global variable `search-index.js` assigns the index text to.
pub const INDEX_GLOBAL: &str = "EIMZA_ARAMA_DIZINI";

/// One page of the handbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Relative output URL, e.g. `sss.html`.
    pub url: String,
    pub title: String,
}

/// A part of a page: the text before its first heading, or a heading and the text up to the
/// next heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Position of its page in `Index::pages`.
    pub page: usize,
    /// The heading's id (the URL fragment); empty for the text before the first heading.
    pub id: String,
    /// Heading path, outermost first, ending with the section's own heading; empty before the
    /// first heading.
    pub headings: Vec<String>,
    /// The section's plain text, spaces collapsed.
    pub text: String,
}

/// Every searchable section of the site, in page order and document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Index {
    pub pages: Vec<Page>,
    pub sections: Vec<Section>,
}

/// Why index text could not be read; `line` is 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub line: usize,
    pub reason: &'static str,
}

impl Index {
    /// The link to a section: `page.html` or `page.html#id`.
    pub fn url(&self, section: &Section) -> String {
        let page = self.pages.get(section.page).map(|p| p.url.as_str());
        let mut url = String::from(page.unwrap_or(""));
        if !section.id.is_empty() {
            url.push('#');
            url.push_str(&section.id);
        }
        url
    }

    /// The compact text form (see the module comment). Deterministic: same index, same text.
    pub fn encode(&self) -> String {
        let mut out = String::from(FORMAT);
        out.push('\n');
        let mut page = usize::MAX;
        for s in &self.sections {
            if s.page != page {
                page = s.page;
                let Some(p) = self.pages.get(page) else {
                    continue;
                };
                out.push('P');
                push_field(&mut out, &p.url);
                push_field(&mut out, &p.title);
                out.push('\n');
            }
            out.push('S');
            push_field(&mut out, &s.id);
            push_field(&mut out, &s.text);
            for h in &s.headings {
                push_field(&mut out, h);
            }
            out.push('\n');
        }
        out
    }

    /// Reads the text form. Rejects anything but relative URLs so a tampered index cannot
    /// turn a result into a `javascript:` link.
    pub fn decode(text: &str) -> Result<Index, DecodeError> {
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, first)) if first == FORMAT => {}
            _ => return Err(err(1, "unknown index format")),
        }
        let mut index = Index::default();
        for (i, line) in lines {
            let no = i + 1;
            let mut fields = line.split('\t');
            match fields.next() {
                Some("P") => {
                    let url = fields.next().ok_or(err(no, "page without URL"))?;
                    let title = fields.next().ok_or(err(no, "page without title"))?;
                    // Byte loops, not `str::contains`: its searcher code is big in the wasm.
                    if url.is_empty() || url.bytes().any(|b| b == b':') || url.starts_with('/') {
                        return Err(err(no, "page URL is not a relative link"));
                    }
                    index.pages.push(Page {
                        url: url.to_string(),
                        title: title.to_string(),
                    });
                }
                Some("S") => {
                    if index.pages.is_empty() {
                        return Err(err(no, "section before any page"));
                    }
                    let id = fields.next().ok_or(err(no, "section without id"))?;
                    let text = fields.next().ok_or(err(no, "section without text"))?;
                    if id
                        .bytes()
                        .any(|b| b.is_ascii_whitespace() || b == b'#' || b == b'"')
                    {
                        return Err(err(no, "section id is not a fragment"));
                    }
                    index.sections.push(Section {
                        page: index.pages.len() - 1,
                        id: id.to_string(),
                        headings: fields.map(str::to_string).collect(),
                        text: text.to_string(),
                    });
                }
                Some("") if line.is_empty() => {}
                _ => return Err(err(no, "unknown line")),
            }
        }
        Ok(index)
    }
}

fn err(line: usize, reason: &'static str) -> DecodeError {
    DecodeError { line, reason }
}

/// Appends a tab and `value`.
fn push_field(out: &mut String, value: &str) {
    out.push('\t');
    if !value.bytes().any(|b| b < 0x20) {
        out.push_str(value);
        return;
    }
    // Control characters, tab and line breaks included, become spaces: the format needs
    // tabs and line breaks for itself, and the builder writes the text as a JS string.
    out.extend(value.chars().map(|c| if c < ' ' { ' ' } else { c }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Index {
        Index {
            pages: vec![
                Page {
                    url: "adim-1.html".into(),
                    title: "Adım 1: Giriş".into(),
                },
                Page {
                    url: "sss.html".into(),
                    title: "Sorular".into(),
                },
            ],
            sections: vec![
                Section {
                    page: 0,
                    id: String::new(),
                    headings: vec![],
                    text: "Giriş ekranı.".into(),
                },
                Section {
                    page: 0,
                    id: "a1-resim".into(),
                    headings: vec!["Ne ters gidebilir".into(), "Resim".into()],
                    text: "Sayfayı\tyenileyin.\nYeni\u{1}resim gelir.".into(),
                },
                Section {
                    page: 1,
                    id: "puk".into(),
                    headings: vec!["PUK'u denemeli miyim?".into()],
                    text: String::new(),
                },
            ],
        }
    }

    #[test]
    fn encode_decode_round_trip() {
        let index = sample();
        let text = index.encode();
        assert!(text.starts_with("eimza-arama 1\nP\tadim-1.html\tAdım 1: Giriş\n"));
        assert_eq!(text.lines().count(), 6, "{text}");
        let back = Index::decode(&text).unwrap();
        assert_eq!(back.pages, index.pages);
        assert_eq!(
            back.sections[1].text,
            "Sayfayı yenileyin. Yeni resim gelir."
        );
        assert_eq!(back.sections[1].headings, index.sections[1].headings);
        assert_eq!(back.sections[2].page, 1);
        assert_eq!(back.sections[2].text, "");
        assert_eq!(back.encode(), text, "encoding is stable");
    }

    #[test]
    fn urls_with_and_without_fragment() {
        let index = sample();
        assert_eq!(index.url(&index.sections[0]), "adim-1.html");
        assert_eq!(index.url(&index.sections[2]), "sss.html#puk");
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        assert_eq!(Index::decode("").unwrap_err().line, 1);
        assert_eq!(Index::decode("eimza-arama 9\n").unwrap_err().line, 1);
        let cases = [
            "eimza-arama 1\nS\tx\tmetin\n",
            "eimza-arama 1\nP\tjavascript:alert(1)\tX\n",
            "eimza-arama 1\nP\t/mutlak.html\tX\n",
            "eimza-arama 1\nP\ta.html\n",
            "eimza-arama 1\nP\ta.html\tA\nS\n",
            "eimza-arama 1\nP\ta.html\tA\nS\tkötü id\tmetin\n",
            "eimza-arama 1\nQ\tne\n",
        ];
        for case in cases {
            let e = Index::decode(case).unwrap_err();
            assert!(e.line >= 2, "{case:?}: {e:?}");
        }
    }
}
