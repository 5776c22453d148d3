//! Fuzz target `search`: random pages and queries through the handbook search
//! (`wasm_validator::search`). Invariants: the index reads back as written (`encode` →
//! `decode`, control characters as spaces); arbitrary index text is an error, not a panic;
//! query terms are distinct, folded and at most eight; hits are existing, distinct sections,
//! best first, at most the limit, and a smaller limit gives the first hits of a larger one;
//! titles and excerpts mark whole characters of their own text, in order; the status line is
//! empty exactly for an empty query; tokens are ordered slices of the text.

use super::target::{ensure, Failure, Features, Input, Target};
use std::time::Duration;
use wasm_validator::search::{
    query_terms, status_message, tokenize, Index, Marked, Page, Searcher, Section, FORMAT,
    MAX_SHOWN,
};
use wasm_validator::text::{collapse_spaces, fold};

/// Separates a page field's records (its URL and title, then one record per section).
const RECORD: char = '\u{1e}';
/// Separates the parts of a record: URL, title; or id, text, headings….
const PART: char = '\u{1f}';

pub fn target() -> Target {
    Target {
        name: "search",
        about: "pages and queries → search index encode/decode, tokenizer, ranker, excerpts: \
                round trip, no panic, hits valid and ordered, marks inside their text",
        fields: &["sorgular", "sayfa"],
        min_fields: 2,
        max_fields: 9,
        max_len: 16 * 1024,
        // The search page runs in the browser's wasm, whose stack is 1 MiB.
        stack: 1 << 20,
        seeds,
        samples,
        tokens: TOKENS,
        // The search page searches as the user types.
        time_limit: Some(Duration::from_secs(2)),
        check,
    }
}

const TOKENS: &[&str] = &[
    "\u{1e}",
    "\u{1f}",
    "\t",
    "\n",
    "PUK",
    "puk",
    "PUK'u",
    "parola",
    "Parolanı",
    "e-imza",
    "E-İMZA",
    "İmza",
    "ıslak",
    "ISLAK",
    "nüsha",
    "3",
    "kilit",
    "kilidi",
    "sertifika",
    "sertifikalarımızın",
    "a1-parola",
    "#",
    "\"",
    ":",
    "/",
    "javascript:",
    ".html",
    "sss.html",
    "— ",
    "…",
    "’",
    "«",
    "»",
    "№",
    "ş",
    "İ",
    "i\u{307}",
    "𝟑",
    "٣",
];

fn samples(i: usize) -> Vec<String> {
    let list: &[&str] = match i {
        0 => &[
            "puk",
            "PAROLAMI bilmiyorum",
            "kaç nüsha",
            "e-imza",
            "zürafa puk",
            "İ",
            "3",
            "",
        ],
        _ => &[],
    };
    list.iter().map(|s| s.to_string()).collect()
}

fn page(url: &str, title: &str, sections: &[(&str, &str, &[&str])]) -> String {
    let mut out = format!("{url}{PART}{title}");
    for (id, text, headings) in sections {
        out.push(RECORD);
        out.push_str(id);
        out.push(PART);
        out.push_str(text);
        for h in *headings {
            out.push(PART);
            out.push_str(h);
        }
    }
    out
}

/// A small handbook (the ranker's unit-test pages) and queries that hit it.
fn seeds() -> Vec<Input> {
    let queries = ["puk", "PAROLAMI bilmiyorum", "kac nusha", "E-İMZA"].join(&RECORD.to_string());
    vec![
        vec![
            queries.clone(),
            page(
                "adim-1.html",
                "Adım 1: Giriş",
                &[
                    ("", "E-postadaki bağlantıyı açın.", &[]),
                    (
                        "a1-parola",
                        "Başvuru Formu Erişim Parolanı Bilmiyorum bağlantısına basın.",
                        &["Parola gelmediyse ya da unuttuysanız"],
                    ),
                    (
                        "a1-resim",
                        "Sayfayı\tyenileyin.\nYeni\u{1}resim.",
                        &["Ne ters gidebilir", "Resimdeki yazıyı okuyamıyorum"],
                    ),
                ],
            ),
            page(
                "sss.html",
                "Sıkça sorulan sorular",
                &[
                    (
                        "puk",
                        "PUK 3 kez yanlış girilirse kart kilitlenir.",
                        &["PUK'u denemeli miyim?"],
                    ),
                    (
                        "neden-uc-nusha",
                        "İkisini teslim edersiniz.",
                        &["Neden 3 nüsha?"],
                    ),
                    ("e-imza", "Elektronik imza.", &["E-imza"]),
                ],
            ),
        ],
        vec![String::new(), String::new()],
        vec![
            "sozcuk1x".to_string(),
            page(
                "a.html",
                "A",
                &[(
                    "x",
                    &"sozcuk1x sozcuk2x önce gelen uzun bir metin ".repeat(40),
                    &["Başlık"],
                )],
            ),
        ],
    ]
}

/// Most sections an index gets: over ten times the handbook's. Without a cap a field of
/// separators makes tens of thousands, and the time bound would measure the input's size.
const MAX_SECTIONS: usize = 2000;

/// The index the fields describe. URLs and ids are made what the builder writes (relative
/// links; ids without white space, `#`, `"` or control characters), since `decode` rightly
/// rejects anything else; every page has a section, as the builder's always do.
fn index_of(input: &Input) -> Index {
    let mut index = Index::default();
    for (p, field) in input[1..].iter().enumerate() {
        let mut records = field.split(RECORD);
        let mut head = records.next().unwrap_or("").split(PART);
        let mut url: String = head.next().unwrap_or("").replace(':', "");
        url = url.trim_start_matches('/').to_string();
        if url.is_empty() {
            url = "sayfa.html".to_string();
        }
        let title = head.next().unwrap_or("").to_string();
        index.pages.push(Page { url, title });
        let before = index.sections.len();
        for record in records.take(MAX_SECTIONS.saturating_sub(before)) {
            let mut parts = record.split(PART);
            let id = parts
                .next()
                .unwrap_or("")
                .chars()
                .filter(|&c| !(c <= ' ' || c == '#' || c == '"'))
                .collect();
            let text = parts.next().unwrap_or("").to_string();
            let headings = parts.map(str::to_string).collect();
            index.sections.push(Section {
                page: p,
                id,
                headings,
                text,
            });
        }
        if index.sections.len() == before {
            index.sections.push(Section {
                page: p,
                id: String::new(),
                headings: vec![],
                text: String::new(),
            });
        }
    }
    index
}

/// The index as `decode(encode(index))` must give it: control characters became spaces.
fn as_encoded(index: &Index) -> Index {
    let clean = |s: &str| -> String { s.chars().map(|c| if c < ' ' { ' ' } else { c }).collect() };
    Index {
        pages: index
            .pages
            .iter()
            .map(|p| Page {
                url: clean(&p.url),
                title: clean(&p.title),
            })
            .collect(),
        sections: index
            .sections
            .iter()
            .map(|s| Section {
                page: s.page,
                id: clean(&s.id),
                headings: s.headings.iter().map(|h| clean(h)).collect(),
                text: clean(&s.text),
            })
            .collect(),
    }
}

fn check(input: &Input, features: &mut Features) -> Result<(), Failure> {
    // Arbitrary index text: an error or an index, never a panic.
    let raw = format!(
        "{FORMAT}\n{}",
        input[0].replace(RECORD, "\n").replace(PART, "\t")
    );
    match Index::decode(&raw) {
        Ok(i) => features.add(("raw-ok", i.pages.len().min(4), i.sections.len().min(4))),
        Err(e) => features.add(("raw-err", e.reason)),
    }

    let index = index_of(input);
    let encoded = index.encode();
    let decoded = Index::decode(&encoded).map_err(|e| {
        Failure::new(
            "round-trip",
            format!("decode failed at line {}: {}", e.line, e.reason),
        )
    })?;
    ensure(decoded == as_encoded(&index), "round-trip", || {
        format!(
            "decode(encode(index)) differs:\n{decoded:?}\n{:?}",
            as_encoded(&index)
        )
    })?;
    ensure(decoded.encode() == encoded, "round-trip", || {
        "encoding the decoded index gives other text".to_string()
    })?;

    let searcher = Searcher::new(decoded);
    let mut queries: Vec<String> = input[0].split(RECORD).take(4).map(str::to_string).collect();
    // A query from the index itself, so random text finds something.
    if let Some(s) = searcher.index().sections.first() {
        queries.push(s.text.chars().take(30).collect());
    }
    for q in &queries {
        check_query(&searcher, q, features)?;
    }
    for s in searcher.index().sections.iter().take(3) {
        check_tokens(&s.text)?;
    }
    Ok(())
}

fn check_tokens(text: &str) -> Result<(), Failure> {
    let mut end = 0;
    for t in tokenize(text) {
        let ok = t.start >= end
            && t.start < t.end
            && text
                .get(t.start..t.end)
                .is_some_and(|w| fold(w) == t.folded)
            && !t.folded.is_empty();
        ensure(ok, "tokens", || format!("bad token {t:?} of {text:?}"))?;
        end = t.end;
    }
    Ok(())
}

fn check_marked(m: &Marked, what: &str) -> Result<(), Failure> {
    let mut end = 0;
    for &(a, b) in &m.marks {
        ensure(
            a >= end && a < b && m.text.get(a..b).is_some(),
            "marks",
            || format!("{what}: mark {a}..{b} (after {end}) in {:?}", m.text),
        )?;
        end = b;
    }
    let joined: String = m.pieces().into_iter().map(|(p, _)| p).collect();
    ensure(joined == m.text, "marks", || {
        format!("{what}: pieces {joined:?} are not the text {:?}", m.text)
    })
}

fn check_query(searcher: &Searcher, q: &str, features: &mut Features) -> Result<(), Failure> {
    let n = searcher.index().sections.len();
    let terms = query_terms(q);
    ensure(terms.len() <= 8, "terms", || {
        format!("{} terms", terms.len())
    })?;
    for (i, t) in terms.iter().enumerate() {
        ensure(
            !t.folded.is_empty() && !terms[..i].iter().any(|o| o.folded == t.folded),
            "terms",
            || format!("empty or repeated term {t:?} in {terms:?}"),
        )?;
    }
    let limit = [0, 1, 3, MAX_SHOWN][q.len() % 4];
    let all = searcher.search(q, 10_000);
    let some = searcher.search(q, limit);
    features.add((
        "query",
        all.terms.len(),
        all.hits.len().min(6),
        all.unknown.len(),
    ));
    ensure(all.terms == terms, "terms", || {
        "search used other terms than query_terms".to_string()
    })?;
    ensure(
        some.total == all.total && some.hits.len() <= limit && all.hits.starts_with(&some.hits),
        "limit",
        || {
            format!(
                "limit {limit}: {:?} is not the start of {:?}",
                some.hits, all.hits
            )
        },
    )?;
    ensure(all.hits.len() == all.total.min(10_000), "limit", || {
        format!("{} hits of {} in all", all.hits.len(), all.total)
    })?;
    for (i, h) in all.hits.iter().enumerate() {
        ensure(
            h.section < n && h.matched >= 1 && h.matched <= all.terms.len(),
            "hits",
            || format!("hit {h:?} ({n} sections, {} terms)", all.terms.len()),
        )?;
        if let Some(prev) = i.checked_sub(1).map(|p| &all.hits[p]) {
            let before = (prev.matched, prev.score, std::cmp::Reverse(prev.section));
            let after = (h.matched, h.score, std::cmp::Reverse(h.section));
            ensure(before > after, "order", || format!("{prev:?} before {h:?}"))?;
        }
    }
    for u in &all.unknown {
        ensure(all.terms.iter().any(|t| &t.typed == u), "unknown", || {
            format!("unknown word {u:?} is not a term")
        })?;
    }
    for h in all.hits.iter().take(4) {
        let section = &searcher.index().sections[h.section];
        let url = searcher.url(h);
        ensure(url == searcher.index().url(section), "url", || url.clone())?;
        check_marked(&searcher.title(h, &all.terms), "title")?;
        let _ = searcher.path(h);
        for max in [0, 1, 30, 200] {
            check_marked(&searcher.excerpt(h, &all.terms, max), "excerpt")?;
        }
    }
    let status = status_message(q, &all);
    ensure(
        status.is_empty() == collapse_spaces(q).is_empty(),
        "status",
        || format!("status {status:?} for query {q:?}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_pass_and_find_something() {
        for s in seeds() {
            check(&s, &mut Features::default()).unwrap_or_else(|f| panic!("{f:?}"));
        }
        let s = &seeds()[0];
        let searcher = Searcher::new(index_of(s));
        assert_eq!(searcher.index().pages.len(), 2);
        let r = searcher.search("puk", 10);
        assert_eq!(searcher.url(&r.hits[0]), "sss.html#puk");
    }

    #[test]
    fn urls_and_ids_are_made_decodable() {
        let input = vec![
            String::new(),
            format!("//javascript:x{PART}T{RECORD}a b#\"\u{1}c{PART}metin"),
            String::new(),
        ];
        let index = index_of(&input);
        assert_eq!(index.pages[0].url, "javascriptx");
        assert_eq!(index.pages[1].url, "sayfa.html");
        assert_eq!(index.sections[0].id, "abc");
        assert_eq!(index.sections.len(), 2, "the empty page gets a section");
        assert!(check(&input, &mut Features::default()).is_ok());
        let many = vec![
            String::new(),
            format!("a{}", RECORD.to_string().repeat(5000)),
        ];
        assert_eq!(index_of(&many).sections.len(), MAX_SECTIONS);
    }

    #[test]
    fn bad_marks_are_caught() {
        let m = Marked {
            text: "aş".to_string(),
            marks: vec![(0, 2)],
        };
        assert_eq!(check_marked(&m, "t").unwrap_err().kind, "marks");
    }
}
