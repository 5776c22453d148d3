//! The sentence the search page announces after each query (the polite live region): how many
//! results, which words were not found, and what to try when nothing was found. Plain Turkish.

use crate::prelude::*;

use super::rank::Results;
use crate::text::collapse_spaces;

/// Most results the page lists; the message says when there are more.
pub const MAX_SHOWN: usize = 30;

/// Longest part of the query repeated in the message, in characters.
const MAX_ECHO: usize = 60;

/// The status line for `query` and its results. Empty when the query is empty.
pub fn status_message(query: &str, results: &Results) -> String {
    let shown = collapse_spaces(query);
    if shown.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    if results.terms.is_empty() {
        out.push_str("Aramak için en az iki harfli bir sözcük yazın, örneğin “PUK”.");
        return out;
    }
    push_quoted(&mut out, &shown);
    if results.hits.is_empty() {
        out.push_str(
            " için sonuç bulunamadı. Yazımı kontrol edin ya da sözcüğün yalnızca başını yazın \
             (örneğin “parolası” yerine “parola”). Rehberdeki bütün bölümler aşağıda.",
        );
        return out;
    }
    out.push_str(" için ");
    push_number(&mut out, results.total);
    out.push_str(" sonuç bulundu.");
    if results.total > results.hits.len() {
        out.push_str(" En uygun ");
        push_number(&mut out, results.hits.len());
        out.push_str(" tanesi gösteriliyor.");
    }
    if !results.unknown.is_empty() {
        out.push(' ');
        for (i, w) in results.unknown.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            push_quoted(&mut out, w);
        }
        out.push_str(" rehberde geçmiyor; sonuçlar öteki sözcüklere göre.");
    }
    out
}

/// Appends `s` in Turkish quotation marks, cut to `MAX_ECHO` characters.
fn push_quoted(out: &mut String, s: &str) {
    out.push('“');
    let mut chars = s.chars();
    out.extend(chars.by_ref().take(MAX_ECHO));
    if chars.next().is_some() {
        out.push('…');
    }
    out.push('”');
}

/// Appends a number in decimal (no `format!`, which would pull formatting code into the wasm).
fn push_number(out: &mut String, n: usize) {
    if n >= 10 {
        push_number(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

#[cfg(test)]
mod tests {
    use super::super::index::{Index, Page, Section};
    use super::super::rank::Searcher;
    use super::*;

    fn searcher(sections: usize) -> Searcher {
        Searcher::new(Index {
            pages: vec![Page {
                url: "sss.html".into(),
                title: "Sorular".into(),
            }],
            sections: (0..sections)
                .map(|i| Section {
                    page: 0,
                    id: format!("s{i}"),
                    headings: vec!["PUK nedir".into()],
                    text: "PIN ve PUK.".into(),
                })
                .collect(),
        })
    }

    #[test]
    fn counts_and_unknown_words() {
        let s = searcher(3);
        let m = |q: &str| status_message(q, &s.search(q, MAX_SHOWN));
        assert_eq!(m("puk"), "“puk” için 3 sonuç bulundu.");
        assert_eq!(m("  PUK   nedir "), "“PUK nedir” için 3 sonuç bulundu.");
        assert_eq!(
            m("kaç puk"),
            "“kaç puk” için 3 sonuç bulundu. “kaç” rehberde geçmiyor; sonuçlar öteki sözcüklere göre."
        );
        assert_eq!(m(""), "");
        assert_eq!(m("   "), "");
        assert!(m("?").starts_with("Aramak için en az iki harfli"));
    }

    #[test]
    fn no_hits_says_so_and_helps() {
        let s = searcher(1);
        let msg = status_message("zürafa", &s.search("zürafa", MAX_SHOWN));
        assert!(msg.starts_with("“zürafa” için sonuç bulunamadı."), "{msg}");
        assert!(msg.contains("Yazımı kontrol edin"), "{msg}");
    }

    #[test]
    fn many_hits_say_how_many_are_shown() {
        let s = searcher(MAX_SHOWN + 12);
        let msg = status_message("puk", &s.search("puk", MAX_SHOWN));
        assert_eq!(
            msg,
            "“puk” için 42 sonuç bulundu. En uygun 30 tanesi gösteriliyor."
        );
    }

    #[test]
    fn long_queries_are_cut_in_the_message() {
        let s = searcher(1);
        let q = "puk ".repeat(40);
        let msg = status_message(&q, &s.search(&q, MAX_SHOWN));
        assert!(msg.contains("…”"), "{msg}");
        assert!(msg.chars().count() < 120, "{msg}");
    }
}
