//! Words and query terms for search, folded with `text::fold` (so "İ", "I", "ı", "i" and "ş",
//! "s" … are the same), and how well a query term matches a word: exactly, as the start of a
//! longer word ("parola" → "parolası"), or sharing a stem with it ("parolamı" → "parolanı").

use crate::prelude::*;

use crate::text::fold;

/// One word of a text: its folded form and where it is in the original (byte range).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub folded: String,
    pub start: usize,
    pub end: usize,
}

/// A word of the query: folded, and as the user typed it (for messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerm {
    pub folded: String,
    pub typed: String,
}

/// Letters and digits make words; everything else separates them, including the apostrophe of
/// "PUK'u" and the hyphen of "e-imza", so "PUK" and "imza" are found on their own.
///
/// Outside ASCII, a character is part of a word unless it is in a punctuation, symbol or space
/// block (Latin-1 signs, General Punctuation to Miscellaneous Symbols and Arrows, CJK
/// punctuation, emoji, private use). Std's `is_alphanumeric` would bring its Unicode tables
/// into the browser's wasm; letters of any script, combining marks ("i̇") and digits still
/// make words here.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !matches!(
        c as u32,
        0x80..=0xBF
            | 0xD7
            | 0xF7
            | 0x2000..=0x2BFF
            | 0x2E00..=0x2E7F
            | 0x3000..=0x303F
            | 0xE000..=0xF8FF
            | 0xFE00..=0xFE0F
            | 0xFE30..=0xFE6F
            | 0xFF00..=0xFF0F
            | 0xFFF0..=0xFFFF
            | 0x1F000..=0x1FAFF
    )
}

/// The words of `text` in order, folded.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                // `get` rather than indexing keeps panic formatting out of the wasm.
                let folded = fold(text.get(s..i).unwrap_or(""));
                if !folded.is_empty() {
                    out.push(Token {
                        folded,
                        start: s,
                        end: i,
                    });
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Most words a query may have; more are ignored (the rest is still a fine query).
const MAX_TERMS: usize = 8;
/// Longest query considered, in bytes; longer input is cut at a character boundary.
const MAX_QUERY: usize = 200;

/// The distinct words of a query. Single letters are dropped ("e-imza" searches "imza"),
/// single digits are kept ("3 nüsha").
pub fn query_terms(query: &str) -> Vec<QueryTerm> {
    let mut cut = query.len().min(MAX_QUERY);
    while !query.is_char_boundary(cut) {
        cut -= 1;
    }
    let query = query.get(..cut).unwrap_or("");
    let mut out: Vec<QueryTerm> = Vec::new();
    for t in tokenize(query) {
        let single = t.folded.chars().nth(1).is_none();
        if single && !t.folded.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        if out.iter().any(|q| q.folded == t.folded) {
            continue;
        }
        out.push(QueryTerm {
            folded: t.folded,
            typed: query.get(t.start..t.end).unwrap_or("").to_string(),
        });
        if out.len() == MAX_TERMS {
            break;
        }
    }
    out
}

/// Match qualities, best first. A query term matches a word exactly, as its beginning, or by
/// sharing a stem (Turkish adds suffixes; the user's suffix may differ from the text's).
pub const EXACT: u32 = 4;
pub const PREFIX: u32 = 3;
pub const STEM: u32 = 2;

/// How well query term `q` matches word `w` (both folded): `EXACT`, `PREFIX`, `STEM` or 0.
///
/// Stem rule: the two share a beginning of at least 4 letters (3 when the word is that
/// beginning, as in "pin" for "pinim"), and the query has at most 3 letters more than that
/// beginning. So "parolami" finds "parolani" and "parola", "kartimi" finds "kart", "kilit"
/// finds "kilidi", but "bilgi" does not find "bilmiyorum".
pub fn match_quality(q: &str, w: &str) -> u32 {
    if q == w {
        return EXACT;
    }
    if q.chars().nth(1).is_some() && w.starts_with(q) {
        return PREFIX;
    }
    let mut common = 0;
    let mut common_bytes = 0;
    for (a, b) in q.chars().zip(w.chars()) {
        if a != b {
            break;
        }
        common += 1;
        common_bytes += a.len_utf8();
    }
    let q_len = crate::text::char_count(q);
    let whole_word = common_bytes == w.len();
    let long_enough = common >= 4 || (whole_word && common >= 3);
    if long_enough && q_len <= common + 3 {
        STEM
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.folded).collect()
    }

    #[test]
    fn tokens_fold_turkish_and_keep_positions() {
        let text = "PUK'u ISLAK İmza, e-imza; Parolanı BİLMİYORUM 3 nüsha";
        assert_eq!(
            words(text),
            [
                "puk",
                "u",
                "islak",
                "imza",
                "e",
                "imza",
                "parolani",
                "bilmiyorum",
                "3",
                "nusha"
            ]
        );
        let t = tokenize(text);
        assert_eq!(&text[t[2].start..t[2].end], "ISLAK");
        assert_eq!(&text[t[3].start..t[3].end], "İmza");
        assert_eq!(&text[t[7].start..t[7].end], "BİLMİYORUM");
    }

    #[test]
    fn punctuation_and_symbols_separate_words() {
        assert_eq!(
            words("PUK’u «Kilit Çözme» — 3×2 ☐ Evet… ‘Nüsha’ 50 ₺ #a1 №5"),
            ["puk", "u", "kilit", "cozme", "3", "2", "evet", "nusha", "50", "a1", "5"]
        );
        assert_eq!(
            words("Ελληνικά Кириллица"),
            [fold("Ελληνικά"), fold("Кириллица")]
        );
    }

    #[test]
    fn decomposed_dotted_i_is_one_word() {
        assert_eq!(words("İi\u{307}ş"), ["iis"]);
        assert_eq!(words("  "), Vec::<String>::new());
        assert_eq!(words(""), Vec::<String>::new());
    }

    #[test]
    fn query_terms_drop_single_letters_and_duplicates() {
        let terms: Vec<String> = query_terms("E-İmza  e-imza 3 nüsha ı")
            .into_iter()
            .map(|t| t.folded)
            .collect();
        assert_eq!(terms, ["imza", "3", "nusha"]);
        let typed: Vec<String> = query_terms("Kaç NÜSHA")
            .into_iter()
            .map(|t| t.typed)
            .collect();
        assert_eq!(typed, ["Kaç", "NÜSHA"]);
        assert!(query_terms("?!- e").is_empty());
        assert_eq!(query_terms(&"ab ".repeat(100)).len(), 1);
        assert_eq!(
            query_terms(&"ş".repeat(300)).len(),
            1,
            "long input is cut safely"
        );
        let many: Vec<String> = (0..20).map(|i| format!("kelime{i}")).collect();
        assert_eq!(query_terms(&many.join(" ")).len(), 8);
    }

    #[test]
    fn matching_tolerates_turkish_suffixes() {
        let m = |q: &str, w: &str| match_quality(&fold(q), &fold(w));
        assert_eq!(m("parola", "Parola"), EXACT);
        assert_eq!(m("ISLAK", "ıslak"), EXACT);
        assert_eq!(m("parola", "parolası"), PREFIX);
        assert_eq!(m("parola", "PAROLANI"), PREFIX);
        assert_eq!(m("parolami", "Parolanı"), STEM);
        assert_eq!(m("parolamı", "parola"), STEM);
        assert_eq!(m("kartımı", "kart"), STEM);
        assert_eq!(m("kilit", "kilidi"), STEM);
        assert_eq!(m("pinim", "PIN"), STEM);
        assert_eq!(m("bilgi", "bilmiyorum"), 0);
        assert_eq!(m("parola", "para"), 0);
        assert_eq!(m("puk", "pin"), 0);
        assert_eq!(m("sertifikalarımızın", "sertifika"), 0, "too far apart");
        assert_eq!(m("ad", "adres"), PREFIX);
        assert_eq!(m("3", "30"), 0, "a single character only matches itself");
        assert_eq!(m("3", "3"), EXACT);
    }
}
