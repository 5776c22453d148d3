//! Ranking: every section is scored per query term by where the term matches (its own heading
//! far above the page title and parent headings, those above the body text) and how well
//! (exact, prefix, stem). Sections matching more of the query's words come first; then score;
//! then handbook order. Also builds the highlighted title and excerpt of a hit.

use crate::prelude::*;

use super::index::Index;
use super::tokens::{match_quality, query_terms, tokenize, QueryTerm, Token};

/// Weight of a match in the section's own heading (for the text before the first heading: the
/// page title), in the page title or a parent heading, and in the body text.
const HEADING: u32 = 10;
const CONTEXT: u32 = 2;
const BODY: u32 = 2;
/// Extra points per further body word matching the same term, up to `MAX_REPEAT` words.
const MAX_REPEAT: u32 = 3;
/// Bonus when the query is the section's anchor: `puk` → `sss.html#puk`. Anchors like that are
/// chosen by the authors as the canonical place for a term.
const ANCHOR: u32 = 40;

/// Word ids of one field of a section, with the tokens for highlighting.
struct Field {
    tokens: Vec<Token>,
    ids: Vec<u32>,
}

/// A section prepared for searching.
struct Prepared {
    /// The section's own heading, or the page title for the text before the first heading.
    heading: Field,
    /// Page title and parent headings.
    context: Vec<u32>,
    body: Field,
}

/// An index ready to be searched: every distinct folded word once, every section as word ids.
pub struct Searcher {
    index: Index,
    vocabulary: Vec<String>,
    sections: Vec<Prepared>,
}

/// Distinct words with small ids: open addressing on an FNV-1a hash. Hand-written because
/// std's `HashMap` needs a random seed and `BTreeMap` is several KB of wasm.
#[derive(Default)]
struct Vocabulary {
    words: Vec<String>,
    /// Word id + 1 per slot, 0 for empty; the length is a power of two, at most half full.
    slots: Vec<u32>,
}

impl Vocabulary {
    fn hash(word: &str) -> usize {
        word.bytes().fold(0x811c_9dc5u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        }) as usize
    }

    /// The slot holding `word`, or the empty slot where it belongs.
    fn slot(&self, word: &str) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = Self::hash(word) & mask;
        loop {
            match self.slots[i] {
                0 => return i,
                n if self.words[n as usize - 1] == word => return i,
                _ => i = (i + 1) & mask,
            }
        }
    }

    fn id(&mut self, word: &str) -> u32 {
        if self.words.len() * 2 >= self.slots.len() {
            self.slots = vec![0; (self.slots.len() * 2).max(256)];
            for n in 0..self.words.len() {
                let i = self.slot(&self.words[n]);
                self.slots[i] = n as u32 + 1;
            }
        }
        let i = self.slot(word);
        if self.slots[i] == 0 {
            self.words.push(word.to_string());
            self.slots[i] = self.words.len() as u32;
        }
        self.slots[i] - 1
    }

    fn ids(&mut self, tokens: &[Token]) -> Vec<u32> {
        tokens.iter().map(|t| self.id(&t.folded)).collect()
    }
}

/// One result: which section, how many query words it matched, its score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub section: usize,
    pub matched: usize,
    pub score: u32,
}

/// The outcome of a query.
#[derive(Debug, Clone, Default)]
pub struct Results {
    /// The query's words (see `query_terms`).
    pub terms: Vec<QueryTerm>,
    /// Words of the query that appear nowhere in the handbook, as typed.
    pub unknown: Vec<String>,
    /// The best matching sections, best first (at most the `limit` given to `search`).
    pub hits: Vec<Hit>,
    /// How many sections match in all.
    pub total: usize,
}

/// Text with the matched words marked: `marks` are byte ranges into `text`, in order, not
/// overlapping. The browser turns marked ranges into `<mark>` elements.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marked {
    pub text: String,
    pub marks: Vec<(usize, usize)>,
}

impl Marked {
    /// The text in pieces, each with whether it is marked.
    pub fn pieces(&self) -> Vec<(&str, bool)> {
        // `get` rather than indexing: a str slice that can panic brings std's Unicode
        // escaping tables into the wasm (for the panic message).
        let piece = |a: usize, b: usize| self.text.get(a..b).unwrap_or("");
        let mut out = Vec::new();
        let mut at = 0;
        for &(s, e) in &self.marks {
            if s > at {
                out.push((piece(at, s), false));
            }
            out.push((piece(s, e), true));
            at = e;
        }
        if at < self.text.len() {
            out.push((piece(at, self.text.len()), false));
        }
        out
    }
}

impl Searcher {
    pub fn new(index: Index) -> Searcher {
        let mut words = Vocabulary::default();
        let mut sections = Vec::with_capacity(index.sections.len());
        for s in &index.sections {
            let page_title = index
                .pages
                .get(s.page)
                .map(|p| p.title.as_str())
                .unwrap_or("");
            let (own, parents) = match s.headings.split_last() {
                Some((own, parents)) => (own.as_str(), parents),
                None => (page_title, &[][..]),
            };
            let heading_tokens = tokenize(own);
            let heading_ids = words.ids(&heading_tokens);
            let mut context = Vec::new();
            if !s.headings.is_empty() {
                context.extend(words.ids(&tokenize(page_title)));
            }
            for p in parents {
                context.extend(words.ids(&tokenize(p)));
            }
            let body_tokens = tokenize(&s.text);
            let body_ids = words.ids(&body_tokens);
            sections.push(Prepared {
                heading: Field {
                    tokens: heading_tokens,
                    ids: heading_ids,
                },
                context,
                body: Field {
                    tokens: body_tokens,
                    ids: body_ids,
                },
            });
        }
        Searcher {
            index,
            vocabulary: words.words,
            sections,
        }
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Match quality of every vocabulary word against each term: `quality[term][word id]`.
    fn qualities(&self, terms: &[QueryTerm]) -> Vec<Vec<u8>> {
        terms
            .iter()
            .map(|t| {
                self.vocabulary
                    .iter()
                    .map(|w| match_quality(&t.folded, w) as u8)
                    .collect()
            })
            .collect()
    }

    /// Searches for `query`: the `limit` best sections matching at least one query word, best
    /// first, and how many match in all.
    pub fn search(&self, query: &str, limit: usize) -> Results {
        let terms = query_terms(query);
        let quality = self.qualities(&terms);
        let found_anywhere: Vec<bool> = quality.iter().map(|q| q.iter().any(|&x| x > 0)).collect();
        // The query as an anchor, the way heading ids are made: "E-İmza" → `#e-imza`. Words
        // found nowhere are left out ("zürafa puk" → `#puk`).
        let mut anchor = String::new();
        for t in tokenize(query) {
            let unknown = terms
                .iter()
                .zip(&found_anywhere)
                .any(|(q, &found)| !found && q.folded == t.folded);
            if !unknown && t.folded.bytes().all(|b| b.is_ascii_alphanumeric()) {
                if !anchor.is_empty() {
                    anchor.push('-');
                }
                anchor.push_str(&t.folded);
            }
        }
        let mut hits: Vec<Hit> = Vec::new();
        let mut total = 0;
        for (i, s) in self.sections.iter().enumerate() {
            let mut matched = 0;
            let mut score = 0;
            for q in &quality {
                let best = |ids: &[u32]| ids.iter().map(|&id| q[id as usize] as u32).max();
                let heading = best(&s.heading.ids).unwrap_or(0);
                let context = best(&s.context).unwrap_or(0);
                let body = best(&s.body.ids).unwrap_or(0);
                if heading + context + body == 0 {
                    continue;
                }
                matched += 1;
                let repeats = s.body.ids.iter().filter(|&&id| q[id as usize] > 0).count() as u32;
                score += heading * HEADING
                    + context * CONTEXT
                    + body * BODY
                    + repeats.saturating_sub(1).min(MAX_REPEAT);
            }
            if matched == 0 {
                continue;
            }
            if !anchor.is_empty() && self.index.sections[i].id == anchor {
                score += ANCHOR;
            }
            total += 1;
            // Keep the best `limit` in order; a hit goes after equal ones (handbook order).
            // Cheaper than sorting every hit, and no sort routine in the wasm.
            let hit = Hit {
                section: i,
                matched,
                score,
            };
            let key = |h: &Hit| (h.matched, h.score);
            let at = hits
                .iter()
                .position(|h| key(&hit) > key(h))
                .unwrap_or(hits.len());
            if at < limit {
                hits.insert(at, hit);
                hits.truncate(limit);
            }
        }
        let unknown = terms
            .iter()
            .zip(&found_anywhere)
            .filter(|(_, &found)| !found)
            .map(|(t, _)| t.typed.clone())
            .collect();
        Results {
            terms,
            unknown,
            hits,
            total,
        }
    }

    /// Whether a word (folded) matches any of the terms.
    fn matches(terms: &[QueryTerm], folded: &str) -> bool {
        terms.iter().any(|t| match_quality(&t.folded, folded) > 0)
    }

    /// The link of a hit (`page.html#id`).
    pub fn url(&self, hit: &Hit) -> String {
        self.index.url(&self.index.sections[hit.section])
    }

    /// The hit's heading (the page title for the text before the first heading), marked.
    pub fn title(&self, hit: &Hit, terms: &[QueryTerm]) -> Marked {
        let s = &self.index.sections[hit.section];
        let text = match s.headings.last() {
            Some(h) => h.clone(),
            None => self
                .index
                .pages
                .get(s.page)
                .map(|p| p.title.clone())
                .unwrap_or_default(),
        };
        let marks = self.sections[hit.section]
            .heading
            .tokens
            .iter()
            .filter(|t| Self::matches(terms, &t.folded))
            .map(|t| (t.start, t.end))
            .collect();
        Marked { text, marks }
    }

    /// Where the hit is: the page title, then the parent headings, joined by " › ".
    /// Empty for the text before a page's first heading (its title is the page title).
    pub fn path(&self, hit: &Hit) -> String {
        let s = &self.index.sections[hit.section];
        if s.headings.is_empty() {
            return String::new();
        }
        let mut out = self
            .index
            .pages
            .get(s.page)
            .map(|p| p.title.clone())
            .unwrap_or_default();
        for h in s
            .headings
            .split_last()
            .map(|(_, parents)| parents)
            .unwrap_or(&[])
        {
            out.push_str(" › ");
            out.push_str(h);
        }
        out
    }

    /// A short piece of the hit's text (about `max_chars` characters) around the place where
    /// most of the query's words are, with those words marked; "…" where text was cut.
    pub fn excerpt(&self, hit: &Hit, terms: &[QueryTerm], max_chars: usize) -> Marked {
        let text = &self.index.sections[hit.section].text;
        let tokens = &self.sections[hit.section].body.tokens;
        let which: Vec<Option<usize>> = tokens
            .iter()
            .map(|t| {
                terms
                    .iter()
                    .position(|q| match_quality(&q.folded, &t.folded) > 0)
            })
            .collect();
        // The window start (a matching word) covering the most distinct query words.
        let mut best: Option<(usize, usize)> = None; // (distinct terms, token index)
        for (i, w) in which.iter().enumerate() {
            if w.is_none() {
                continue;
            }
            let limit = tokens[i].start + max_chars;
            let mut seen = vec![false; terms.len()];
            for (t, w) in tokens[i..].iter().zip(&which[i..]) {
                if t.end > limit {
                    break;
                }
                if let Some(k) = w {
                    seen[*k] = true;
                }
            }
            let distinct = seen.iter().filter(|&&s| s).count();
            if best.is_none_or(|(d, _)| distinct > d) {
                best = Some((distinct, i));
            }
        }
        // From the start when the match is near it, else a little context before it.
        let first = match best {
            Some((_, i)) if tokens[i].end > max_chars * 2 / 3 => i.saturating_sub(3),
            _ => 0,
        };
        let start = if first == 0 { 0 } else { tokens[first].start };
        let rest = text.get(start..).unwrap_or("");
        let mut end = match rest.char_indices().nth(max_chars) {
            Some((i, _)) => start + i,
            None => text.len(),
        };
        if end < text.len() {
            // Cut after the last whole word that fits.
            end = tokens
                .iter()
                .take_while(|t| t.end <= end)
                .last()
                .map(|t| t.end)
                .filter(|&e| e > start)
                .unwrap_or(end);
        }
        let mut out = Marked::default();
        if start > 0 {
            out.text.push_str("… ");
        }
        let shift = out.text.len();
        out.text.push_str(text.get(start..end).unwrap_or(""));
        for (t, w) in tokens.iter().zip(&which) {
            if w.is_some() && t.start >= start && t.end <= end {
                out.marks
                    .push((t.start - start + shift, t.end - start + shift));
            }
        }
        if end < text.len() {
            out.text.push_str(" …");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::index::{Page, Section};
    use super::*;

    fn section(page: usize, id: &str, headings: &[&str], text: &str) -> Section {
        Section {
            page,
            id: id.into(),
            headings: headings.iter().map(|h| h.to_string()).collect(),
            text: text.into(),
        }
    }

    fn handbook() -> Searcher {
        let pages = [
            ("adim-1.html", "Adım 1: Giriş"),
            ("adim-6.html", "Adım 6: Yazdırın"),
            ("sss.html", "Sıkça sorulan sorular"),
            ("sonra.html", "Başvurudan sonra"),
        ];
        Searcher::new(Index {
            pages: pages
                .iter()
                .map(|(u, t)| Page {
                    url: u.to_string(),
                    title: t.to_string(),
                })
                .collect(),
            sections: vec![
                section(0, "", &[], "E-postadaki bağlantıyı açın."),
                section(
                    0,
                    "a1-parola",
                    &["Parola gelmediyse ya da unuttuysanız"],
                    "Başvuru Formu Erişim Parolanı Bilmiyorum bağlantısına basın. Yeni parola gelir.",
                ),
                section(0, "a1-sorun", &["Ne ters gidebilir"], ""),
                section(
                    0,
                    "a1-resim",
                    &["Ne ters gidebilir", "Resimdeki yazıyı okuyamıyorum"],
                    "Sayfayı yenileyin.",
                ),
                section(1, "a6-yapin", &["Ne yapacaksınız"], "Kaç nüsha? 3 nüsha yazdırın."),
                section(2, "parola-gelmedi", &["Parola e-postası gelmedi"], "Spam klasörüne bakın."),
                section(2, "puk", &["PUK'u denemeli miyim?"], "Hayır. PUK 3 kez yanlış girilirse kart kilitlenir."),
                section(2, "neden-uc-nusha", &["Neden 3 nüsha?"], "İkisini teslim edersiniz."),
                section(3, "s-puk", &["PUK'u asla denemeyin"], "PUK kodunu denemeyin. PUK ile değil, Kilit Çözme ile açın. PUK yanlış girilirse kart biter."),
                section(3, "s-pin", &["PIN nedir"], "PIN kilitlenirse PUK değil Kilit Çözme kullanılır."),
            ],
        })
    }

    fn urls(s: &Searcher, q: &str) -> Vec<String> {
        s.search(q, 100).hits.iter().map(|h| s.url(h)).collect()
    }

    #[test]
    fn heading_hits_rank_above_body_hits() {
        let s = handbook();
        let u = urls(&s, "puk");
        assert_eq!(
            u[0], "sss.html#puk",
            "the anchor named like the query wins: {u:?}"
        );
        assert_eq!(u[1], "sonra.html#s-puk", "{u:?}");
        assert_eq!(u[2], "sonra.html#s-pin", "body-only hit last: {u:?}");
        assert_eq!(u.len(), 3);
    }

    #[test]
    fn folding_and_suffixes_find_the_section() {
        let s = handbook();
        let u = urls(&s, "PAROLAMI bilmiyorum");
        assert_eq!(u[0], "adim-1.html#a1-parola", "{u:?}");
        assert!(u.contains(&"sss.html#parola-gelmedi".to_string()));
        assert_eq!(urls(&s, "ISLAK"), Vec::<String>::new());
        assert_eq!(urls(&s, "resimdekı YAZIYI")[0], "adim-1.html#a1-resim");
    }

    #[test]
    fn more_query_words_matched_ranks_first() {
        let s = handbook();
        let r = s.search("kac nusha", 100);
        assert_eq!(s.url(&r.hits[0]), "adim-6.html#a6-yapin");
        assert_eq!(r.hits[0].matched, 2);
        assert_eq!(s.url(&r.hits[1]), "sss.html#neden-uc-nusha");
        assert_eq!(r.hits[1].matched, 1);
        assert!(r.unknown.is_empty());
    }

    #[test]
    fn limit_keeps_the_best_in_order_and_counts_all() {
        let s = handbook();
        let all = s.search("puk", 100);
        let two = s.search("puk", 2);
        assert_eq!(all.total, 3);
        assert_eq!(two.total, 3);
        assert_eq!(two.hits, all.hits[..2]);
        assert!(s.search("puk", 0).hits.is_empty());
    }

    #[test]
    fn equal_hits_keep_handbook_order() {
        let s = Searcher::new(Index {
            pages: vec![Page {
                url: "a.html".into(),
                title: "A".into(),
            }],
            sections: (0..5)
                .map(|i| section(0, &format!("b{i}"), &["Aynı başlık"], "Aynı metin."))
                .collect(),
        });
        assert_eq!(
            urls(&s, "başlık"),
            [
                "a.html#b0",
                "a.html#b1",
                "a.html#b2",
                "a.html#b3",
                "a.html#b4"
            ]
        );
    }

    #[test]
    fn many_distinct_words_are_all_found() {
        let text: Vec<String> = (0..2000).map(|i| format!("sozcuk{i}x")).collect();
        let s = Searcher::new(Index {
            pages: vec![Page {
                url: "a.html".into(),
                title: "A".into(),
            }],
            sections: vec![section(0, "x", &["Başlık"], &text.join(" "))],
        });
        // The 2000 words, "baslik" and the page title "a".
        assert_eq!(s.vocabulary.len(), 2002);
        for i in [0, 255, 256, 1999] {
            assert_eq!(urls(&s, &format!("sozcuk{i}x")), ["a.html#x"], "word {i}");
        }
        assert!(urls(&s, "kelime").is_empty());
    }

    #[test]
    fn hyphenated_query_finds_its_anchor() {
        let s = Searcher::new(Index {
            pages: vec![Page {
                url: "sozluk.html".into(),
                title: "Sözlük".into(),
            }],
            sections: vec![
                section(
                    0,
                    "islak-imza",
                    &["Islak imza"],
                    "Elle atılan imza. İmza, imza.",
                ),
                section(0, "e-imza", &["E-imza"], "Elektronik imza."),
            ],
        });
        assert_eq!(urls(&s, "E-İMZA")[0], "sozluk.html#e-imza");
        assert_eq!(urls(&s, "imza")[0], "sozluk.html#islak-imza");
    }

    #[test]
    fn unknown_words_are_reported_as_typed() {
        let s = handbook();
        let r = s.search("Zürafa PUK", 100);
        assert_eq!(r.unknown, ["Zürafa"]);
        assert_eq!(s.url(&r.hits[0]), "sss.html#puk");
        let none = s.search("zürafa", 100);
        assert!(none.hits.is_empty());
        assert!(s.search("", 100).hits.is_empty());
        assert!(s.search("   ...  ", 100).hits.is_empty());
    }

    #[test]
    fn page_title_counts_for_the_text_before_the_first_heading() {
        let s = handbook();
        let u = urls(&s, "giriş");
        assert_eq!(u[0], "adim-1.html", "{u:?}");
    }

    #[test]
    fn titles_paths_and_excerpts_are_marked() {
        let s = handbook();
        let r = s.search("parolami bilmiyorum", 100);
        let hit = &r.hits[0];
        let title = s.title(hit, &r.terms);
        assert_eq!(title.pieces()[0], ("Parola", true));
        assert_eq!(s.path(hit), "Adım 1: Giriş");
        let ex = s.excerpt(hit, &r.terms, 200);
        let marked: Vec<&str> = ex
            .pieces()
            .into_iter()
            .filter(|p| p.1)
            .map(|p| p.0)
            .collect();
        assert_eq!(marked, ["Parolanı", "Bilmiyorum", "parola"]);
        let joined: String = ex.pieces().into_iter().map(|p| p.0).collect();
        assert_eq!(joined, ex.text);

        let resim = s.search("resim", 100);
        let h = resim
            .hits
            .iter()
            .find(|h| s.url(h) == "adim-1.html#a1-resim")
            .unwrap();
        assert_eq!(s.path(h), "Adım 1: Giriş › Ne ters gidebilir");
    }

    #[test]
    fn long_text_is_cut_around_the_match() {
        let filler = "önce gelen uzun bir metin ".repeat(20);
        let text = format!("{filler}burada PUK yazıyor ve {filler}");
        let s = Searcher::new(Index {
            pages: vec![Page {
                url: "a.html".into(),
                title: "A".into(),
            }],
            sections: vec![section(0, "x", &["Başlık"], &text)],
        });
        let r = s.search("puk", 100);
        let ex = s.excerpt(&r.hits[0], &r.terms, 80);
        assert!(ex.text.starts_with("… "), "{}", ex.text);
        assert!(ex.text.ends_with(" …"), "{}", ex.text);
        assert!(ex.text.chars().count() <= 84, "{}", ex.text);
        assert_eq!(ex.marks.len(), 1);
        let (a, b) = ex.marks[0];
        assert_eq!(&ex.text[a..b], "PUK");
    }
}
