//! Turkish text helpers used everywhere (rules, builder, search): case mapping, diacritic
//! folding, slugs and collation. std's `to_uppercase` maps i→I and ı→I, which is wrong here.

use crate::prelude::*;

use core::cmp::Ordering;

mod case;

/// A decimal number as `str::parse::<u32>` reads it (an optional `+`, then at least one ASCII
/// digit, no overflow); one small function instead of a `parse` per integer type in the wasm.
pub fn number(s: &str) -> Option<u32> {
    let d = s.strip_prefix('+').unwrap_or(s);
    if d.is_empty() {
        return None;
    }
    d.bytes().try_fold(0u32, |n, b| {
        if b.is_ascii_digit() {
            n.checked_mul(10)?.checked_add(u32::from(b - b'0'))
        } else {
            None
        }
    })
}

/// The number of chars in `s`, as `s.chars().count()` gives: one per byte that does not
/// continue a UTF-8 sequence. core's version is a word-at-a-time loop of ~1 KB of wasm; the
/// strings counted here are a field's value or a name, where the plain loop is as fast.
pub fn char_count(s: &str) -> usize {
    s.bytes().filter(|&b| b & 0xC0 != 0x80).count()
}

/// `n` in decimal, zero-padded to at least `width` digits (`digits(6420, 5)` is "06420").
pub fn digits(mut n: u32, width: usize) -> String {
    let mut rev = Vec::with_capacity(10);
    while n > 0 || rev.len() < width.max(1) {
        rev.push(b'0' + (n % 10) as u8);
        n /= 10;
    }
    rev.iter().rev().map(|&b| char::from(b)).collect()
}

/// Turkish upper case: i→İ, ı→I, everything else as Unicode's simple mapping says (for Latin,
/// Greek and Cyrillic letters; see `case`).
pub fn upper_tr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        match c {
            'i' => out.push('İ'),
            'ı' => out.push('I'),
            _ => {
                let (first, second) = case::upper(c);
                out.push(first);
                out.extend(second);
            }
        }
    }
    out
}

/// Turkish lower case: I→ı, İ→i, everything else as Unicode's simple mapping says (for Latin,
/// Greek and Cyrillic letters; see `case`).
pub fn lower_tr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        match c {
            'I' => out.push('ı'),
            'İ' => out.push('i'),
            _ => out.push(case::lower(c)),
        }
    }
    out
}

/// Maps one lower-case letter to its base letter without diacritics (ç→c, ğ→g, ı→i, …).
/// Returns the letter itself when it has none.
fn base_letter(c: char) -> char {
    match c {
        'ç' | 'ć' | 'č' => 'c',
        'ğ' | 'ǧ' => 'g',
        'ı' | 'î' | 'í' | 'ì' | 'ï' => 'i',
        'ö' | 'ô' | 'ó' | 'ò' | 'õ' | 'ø' => 'o',
        'ş' | 'ș' | 'š' | 'ś' => 's',
        'ü' | 'û' | 'ú' | 'ù' => 'u',
        'â' | 'á' | 'à' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'ñ' => 'n',
        'ý' | 'ÿ' => 'y',
        'ž' | 'ź' | 'ż' => 'z',
        _ => c,
    }
}

/// Folds text for diacritic- and case-insensitive matching: Turkish lower case, then every
/// letter to its base letter ("GÜLAĞAÇ", "Gulagac" and "gülağaç" all become "gulagac").
/// Characters that are not letters are kept (lower-cased); a combining dot left over from
/// decomposed input (i + U+0307) is dropped.
pub fn fold(s: &str) -> String {
    fold_chars(s).collect()
}

/// The characters of `fold(s)`, without allocating (for comparing against many names).
pub fn fold_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .map(|c| match c {
            'I' => 'ı',
            _ => case::lower(c),
        })
        .filter(|&c| c != '\u{307}')
        .map(base_letter)
}

/// The parts with `sep` between them: what `[String]::join` does, without its generic code,
/// which cost the checker's download about a kilobyte.
pub fn join(parts: &[String], sep: &str) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(part);
    }
    out
}

/// Whether `c` is one of the characters of `set`. Not `set.contains(c)`: for a char that is not
/// known at compile time that goes through std's substring searcher, whose panic formatting
/// and Unicode tables cost several KB of wasm.
pub fn is_one_of(c: char, set: &str) -> bool {
    set.chars().any(|s| s == c)
}

/// Collapses runs of white space into single spaces and trims both ends.
pub fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A Turkish URL slug: folded, ASCII letters and digits, words joined by '-'.
/// "Başvuru Formu Erişim Parolası" → "basvuru-formu-erisim-parolasi".
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_dash = false;
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else if c.is_alphanumeric() {
            // A letter with no ASCII base (e.g. Greek) is dropped rather than mangled.
            continue;
        } else {
            pending_dash = true;
        }
    }
    out
}

/// The Turkish alphabet in order; letters outside it sort after it by code point.
const ALPHABET: &str = "abcçdefgğhıijklmnoöprsştuüvyz";

fn collation_weight(c: char) -> u32 {
    match ALPHABET.chars().position(|a| a == c) {
        Some(i) => i as u32 + 1000,
        None if c.is_ascii_digit() => c as u32,
        None => {
            let base = base_letter(c);
            match ALPHABET.chars().position(|a| a == base) {
                Some(i) => i as u32 + 1000,
                None => c as u32 + 2000,
            }
        }
    }
}

/// Compares two strings in Turkish alphabetical order (case-insensitive: ç after c, ı before i).
/// Ties are broken by the raw strings so the order is total and stable.
pub fn cmp_tr(a: &str, b: &str) -> Ordering {
    let la = lower_tr(a);
    let lb = lower_tr(b);
    la.chars()
        .map(collation_weight)
        .cmp(lb.chars().map(collation_weight))
        .then_with(|| a.cmp(b))
}

/// The number of single-character edits (insert, delete, substitute, swap two neighbours)
/// between two strings, counted in characters (optimal string alignment distance). Used to
/// suggest the intended name for a typo; compare folded strings.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() || b.is_empty() {
        return a.len().max(b.len());
    }
    // Three rolling rows: two back (for swaps), previous, current.
    let mut back: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(back[j - 2] + 1);
            }
            cur[j] = d;
        }
        core::mem::swap(&mut back, &mut prev);
        core::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_count_counts_as_chars_does() {
        for s in [
            "",
            "a",
            "Gülağaç",
            "İĞŞ",
            "e\u{301}",
            "😀x",
            "€\u{10FFFF}\u{7F}\u{80}",
        ] {
            assert_eq!(char_count(s), s.chars().count(), "{s:?}");
        }
    }

    #[test]
    fn number_reads_as_parse_does() {
        for s in [
            "",
            "0",
            "7",
            "06420",
            "+5",
            "+",
            "-1",
            "12a",
            " 1",
            "4294967295",
            "4294967296",
            "999999999999",
            "٣",
        ] {
            assert_eq!(number(s), s.parse::<u32>().ok(), "{s:?}");
        }
    }

    #[test]
    fn digits_and_cat_match_format() {
        for (n, width) in [
            (0, 1),
            (0, 5),
            (7, 1),
            (42, 2),
            (6, 2),
            (6420, 5),
            (68900, 5),
            (312, 1),
        ] {
            assert_eq!(digits(n, width), format!("{n:0width$}"));
        }
        assert_eq!(digits(u32::MAX, 1), u32::MAX.to_string());
        let name = String::from("AKSARAY");
        assert_eq!(cat!("il ", name, " / ", "x"), "il AKSARAY / x");
    }

    #[test]
    fn turkish_case() {
        assert_eq!(upper_tr("istanbul ılgaz"), "İSTANBUL ILGAZ");
        assert_eq!(lower_tr("İSTANBUL ILGAZ"), "istanbul ılgaz");
        assert_eq!(upper_tr("gülağaç"), "GÜLAĞAÇ");
        assert_eq!(upper_tr("millî"), "MİLLÎ");
    }

    #[test]
    fn folding() {
        for s in ["GÜLAĞAÇ", "Gülağaç", "GULAGAC", "gulagac", "GÜLAGAÇ"] {
            assert_eq!(fold(s), "gulagac", "{s}");
        }
        assert_eq!(fold("ISLAK"), fold("ıslak"));
        assert_eq!(fold("i\u{307}"), "i");
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Başvuru Formu Erişim Parolası"),
            "basvuru-formu-erisim-parolasi"
        );
        assert_eq!(slug("  Çğıİöşü — ÇĞIİÖŞÜ! "), "cgiiosu-cgiiosu");
        assert_eq!(slug("PIN / PUK?"), "pin-puk");
        assert_eq!(slug("---"), "");
    }

    #[test]
    fn collation() {
        let mut v = vec![
            "Zonguldak",
            "Çorum",
            "Ağrı",
            "Adana",
            "Iğdır",
            "İzmir",
            "Şırnak",
            "Sinop",
        ];
        v.sort_by(|a, b| cmp_tr(a, b));
        assert_eq!(
            v,
            [
                "Adana",
                "Ağrı",
                "Çorum",
                "Iğdır",
                "İzmir",
                "Sinop",
                "Şırnak",
                "Zonguldak"
            ]
        );
    }

    #[test]
    fn spaces() {
        assert_eq!(collapse_spaces("  a \t b\n c  "), "a b c");
    }

    #[test]
    fn edit_distances() {
        for (a, b, d) in [
            ("", "", 0),
            ("abc", "", 3),
            ("", "ab", 2),
            ("aksaray", "aksaray", 0),
            ("aksray", "aksaray", 1),
            ("gulagac", "gulagca", 1),
            ("ankara", "ankra", 1),
            ("kitten", "sitting", 3),
            ("ça", "ac", 2),
            ("ab", "ba", 1),
        ] {
            assert_eq!(edit_distance(a, b), d, "{a} {b}");
            assert_eq!(edit_distance(b, a), d, "{b} {a}");
        }
    }
}
