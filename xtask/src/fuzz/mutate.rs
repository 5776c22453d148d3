//! Structure-aware mutations of inputs: characters that break Turkish text handling (dotted and
//! dotless i, combining marks, zero-width and bidi controls, digits of other scripts, emoji,
//! control characters), the target's own fragments (Markdown, CSV, JSON…) repeated into long
//! or deeply nested text, values that make sense in a field, and field swaps and copies.

use super::target::{Input, Target};

/// splitmix64: tiny, fast, and the same sequence for the same seed everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// 0..n (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// True about once in `n` calls.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// 1..=max, small values much more likely (sizes of repeats, deletions…).
    pub fn small(&mut self, max: usize) -> usize {
        let bits = self.below(usize::BITS as usize - max.max(1).leading_zeros() as usize + 1);
        (1 + self.below(1usize << bits)).min(max.max(1))
    }
}

/// Turkish letters, with the circumflex vowels of loanwords.
const TURKISH: &[char] = &[
    'ç', 'ğ', 'ı', 'İ', 'ö', 'ş', 'ü', 'Ç', 'Ğ', 'I', 'i', 'Ö', 'Ş', 'Ü', 'â', 'î', 'û', 'Â', 'Î',
    'Û',
];
/// Combining marks: the dot of a decomposed "i̇", cedilla, breve, diaeresis, accents.
const COMBINING: &[char] = &[
    '\u{307}', '\u{327}', '\u{306}', '\u{308}', '\u{301}', '\u{300}', '\u{302}', '\u{303}',
    '\u{20dd}',
];
/// Invisible characters pasted from word processors and web pages.
const ZERO_WIDTH: &[char] = &[
    '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{ad}', '\u{180e}',
];
/// Direction marks, embeddings, overrides and isolates.
const BIDI: &[char] = &[
    '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}',
    '\u{2067}', '\u{2068}', '\u{2069}', '\u{61c}',
];
/// Digits (and digit-like signs) that are not ASCII: Arabic-Indic, Persian, Devanagari,
/// full-width, mathematical, circled, superscript, fractions, Roman numerals.
const OTHER_DIGITS: &[char] = &[
    '٠', '١', '٥', '٩', '۰', '۴', '۹', '०', '५', '９', '０', '𝟎', '𝟗', '①', '²', '½', 'Ⅻ', '߀',
];
/// Spaces and line breaks of every kind.
const SPACES: &[char] = &[
    ' ', '\t', '\n', '\r', '\u{a0}', '\u{2007}', '\u{202f}', '\u{3000}', '\u{2028}', '\u{2029}',
    '\u{85}', '\u{b}', '\u{c}', '\u{1680}',
];
/// C0 and C1 controls and DEL.
const CONTROLS: &[char] = &[
    '\0', '\u{1}', '\u{7}', '\u{8}', '\u{1b}', '\u{1e}', '\u{1f}', '\u{7f}', '\u{80}', '\u{9f}',
];
/// Emoji, with a skin-tone modifier, a ZWJ family, a flag and a variation selector.
const EMOJI: &[&str] = &["😀", "👍🏽", "👨‍👩‍👧", "🇹🇷", "❤️", "🔑", "🆔"];
/// Characters whose case mapping changes their length or that look like others: sharp s,
/// ligatures, the Kelvin and Ohm signs, Cyrillic and Greek look-alikes, titlecase digraphs,
/// the replacement character, private use, the last code point, a wide character.
const ODD: &[&str] = &[
    "ß",
    "ẞ",
    "ﬁ",
    "ŉ",
    "ΐ",
    "K",
    "Ω",
    "а",
    "е",
    "о",
    "І",
    "і",
    "ǅ",
    "\u{fffd}",
    "\u{e000}",
    "\u{10ffff}",
    "𝐀",
    "漢",
    "i\u{307}",
    "I\u{307}",
    "ı\u{307}",
    "e\u{301}\u{301}\u{301}",
];
/// Fragments useful in any text field.
const GENERIC: &[&str] = &[
    "0",
    "00",
    "1",
    "-1",
    "+90",
    "0 (",
    ") ",
    "@",
    ".",
    "..",
    ",",
    ";",
    ":",
    "'",
    "\"",
    "/",
    "\\",
    "-",
    "_",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "<",
    ">",
    "&",
    "#",
    "%",
    "*",
    "+",
    "=",
    "?",
    "!",
    "NaN",
    "null",
    "İL",
    "İLÇE",
    "MERKEZ",
    "MİLLÎ EĞİTİM",
    "Müdürlüğü",
    "T.C.",
    "No:",
    "Mah.",
    "gov.tr",
    "meb.gov.tr",
    "\r\n",
    "  ",
];

/// Character classes (for the corpus's shape features, see `engine`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    AsciiLetter,
    AsciiDigit,
    AsciiOther,
    Space,
    Control,
    Turkish,
    Combining,
    ZeroWidth,
    Bidi,
    OtherDigit,
    Emoji,
    Other,
}

pub fn class_of(c: char) -> Class {
    match c {
        'a'..='z' | 'A'..='Z' => Class::AsciiLetter,
        '0'..='9' => Class::AsciiDigit,
        _ if TURKISH.contains(&c) => Class::Turkish,
        _ if c.is_whitespace() => Class::Space,
        _ if c.is_control() => Class::Control,
        _ if c.is_ascii() => Class::AsciiOther,
        _ if COMBINING.contains(&c) || ('\u{300}'..='\u{36f}').contains(&c) => Class::Combining,
        _ if ZERO_WIDTH.contains(&c) => Class::ZeroWidth,
        _ if BIDI.contains(&c) => Class::Bidi,
        _ if c.is_numeric() => Class::OtherDigit,
        '\u{1f000}'..='\u{1faff}' | '\u{2600}'..='\u{27bf}' => Class::Emoji,
        _ => Class::Other,
    }
}

/// Whether `c` can be shown as it is in a report (no escape needed to see it).
pub fn is_plain(c: char) -> bool {
    c == ' '
        || !(c.is_control()
            || c.is_whitespace()
            || matches!(
                class_of(c),
                Class::Combining | Class::ZeroWidth | Class::Bidi
            )
            || matches!(c, '\u{e000}'..='\u{f8ff}' | '\u{f0000}'.. | '\u{fe00}'..='\u{fe0f}')
            || c == '\u{fffd}')
}

/// A character worth inserting: mostly from the tricky classes above, sometimes any code point.
fn tricky_char(rng: &mut Rng) -> String {
    let c = match rng.below(11) {
        0 => char::from(b' ' + rng.below(95) as u8),
        1 => char::from(b'0' + rng.below(10) as u8),
        2 => *rng.pick(TURKISH),
        3 => *rng.pick(COMBINING),
        4 => *rng.pick(ZERO_WIDTH),
        5 => *rng.pick(BIDI),
        6 => *rng.pick(OTHER_DIGITS),
        7 => *rng.pick(SPACES),
        8 => *rng.pick(CONTROLS),
        9 => {
            let list = if rng.one_in(2) { EMOJI } else { ODD };
            return rng.pick(list).to_string();
        }
        _ => loop {
            // Any scalar value, small ones likelier (Latin, Greek, Cyrillic, Arabic…).
            let max = *rng.pick(&[0x800u32, 0x1_0000, 0x11_0000]);
            if let Some(c) = char::from_u32(rng.below(max as usize) as u32) {
                break c;
            }
        },
    };
    c.to_string()
}

/// A random char boundary of `s` (its length included).
fn boundary(s: &str, rng: &mut Rng) -> usize {
    let mut i = rng.below(s.len() + 1);
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A random range `a..b` of `s` on char boundaries, short ones likelier.
fn range(s: &str, rng: &mut Rng) -> (usize, usize) {
    let a = boundary(s, rng);
    let mut b = (a + rng.small(s.len() - a + 1)).min(s.len());
    while !s.is_char_boundary(b) {
        b += 1;
    }
    (a, b)
}

/// Something to insert: a tricky character, a fragment of the target or a generic one, or a
/// value that makes sense in this field.
fn fragment(target: &Target, field: usize, rng: &mut Rng) -> String {
    match rng.below(8) {
        0..=2 => tricky_char(rng),
        3..=4 if !target.tokens.is_empty() => rng.pick(target.tokens).to_string(),
        5 => {
            let samples = (target.samples)(field);
            if samples.is_empty() {
                rng.pick(GENERIC).to_string()
            } else {
                rng.pick(&samples).clone()
            }
        }
        _ => rng.pick(GENERIC).to_string(),
    }
}

/// Turkish letters spelled with combining marks (what some keyboards and PDFs produce).
fn decompose(c: char) -> Option<&'static str> {
    Some(match c {
        'ç' => "c\u{327}",
        'ş' => "s\u{327}",
        'ğ' => "g\u{306}",
        'ö' => "o\u{308}",
        'ü' => "u\u{308}",
        'İ' => "I\u{307}",
        'Ç' => "C\u{327}",
        'Ş' => "S\u{327}",
        'Ğ' => "G\u{306}",
        'Ö' => "O\u{308}",
        'Ü' => "U\u{308}",
        'â' => "a\u{302}",
        'î' => "i\u{302}",
        _ => return None,
    })
}

/// One change to one field.
fn mutate_field(target: &Target, field: usize, input: &mut Input, rng: &mut Rng, corpus: &[Input]) {
    let s = &mut input[field];
    match rng.below(17) {
        // Insert a character or fragment.
        0..=4 => {
            let at = boundary(s, rng);
            let f = fragment(target, field, rng);
            s.insert_str(at, &f);
        }
        // Delete a range.
        5..=6 if !s.is_empty() => {
            let (a, b) = range(s, rng);
            s.replace_range(a..b, "");
        }
        // Replace a range with a fragment.
        7 if !s.is_empty() => {
            let (a, b) = range(s, rng);
            let f = fragment(target, field, rng);
            s.replace_range(a..b, &f);
        }
        // Repeat a fragment or a piece of the field many times: long values, many links,
        // deep nesting ("> > > …", "[[[[", "<div><div>…").
        8 => {
            let piece = if s.is_empty() || rng.one_in(2) {
                fragment(target, field, rng)
            } else {
                let (a, b) = range(s, rng);
                s[a..b].to_string()
            };
            let times = rng.small(target.max_len / piece.len().max(1) + 1);
            let at = boundary(s, rng);
            s.insert_str(at, &piece.repeat(times));
        }
        // Case: the whole field in Turkish upper or lower case, or ASCII-only mapping (what
        // a non-Turkish keyboard or locale does to "i").
        9 => {
            *s = match rng.below(4) {
                0 => wasm_validator::text::upper_tr(s),
                1 => wasm_validator::text::lower_tr(s),
                2 => s.to_uppercase(),
                _ => s.to_ascii_lowercase(),
            }
        }
        // Decompose one precomposed Turkish letter.
        10 => {
            let found: Vec<(usize, char)> = s
                .char_indices()
                .filter(|&(_, c)| decompose(c).is_some())
                .collect();
            if !found.is_empty() {
                let (i, c) = *rng.pick(&found);
                s.replace_range(i..i + c.len_utf8(), decompose(c).unwrap_or(""));
            }
        }
        // Change one digit, maybe to another script's digit.
        11 => {
            let digits: Vec<usize> = s
                .char_indices()
                .filter(|(_, c)| c.is_ascii_digit())
                .map(|(i, _)| i)
                .collect();
            if !digits.is_empty() {
                let i = *rng.pick(&digits);
                let d = if rng.one_in(3) {
                    rng.pick(OTHER_DIGITS).to_string()
                } else {
                    char::from(b'0' + rng.below(10) as u8).to_string()
                };
                s.replace_range(i..i + 1, &d);
            }
        }
        // Surround with white space or invisible characters.
        12 => {
            let c = tricky_char(rng);
            if rng.one_in(2) {
                s.insert_str(0, &c);
            } else {
                s.push_str(&c);
            }
        }
        // Empty the field, or put a known value in it.
        13 => {
            let samples = (target.samples)(field);
            if samples.is_empty() || rng.one_in(4) {
                s.clear();
            } else {
                *s = rng.pick(&samples).clone();
            }
        }
        // Take the same field from another corpus input, whole or spliced.
        14 => {
            let other = rng.pick(corpus);
            if let Some(o) = other.get(field) {
                if rng.one_in(2) || o.is_empty() {
                    *s = o.clone();
                } else {
                    let (a, b) = range(o, rng);
                    let at = boundary(s, rng);
                    s.insert_str(at, &o[a..b]);
                }
            }
        }
        // Duplicate a piece of the field in place.
        15 if !s.is_empty() => {
            let (a, b) = range(s, rng);
            let piece = s[a..b].to_string();
            let at = boundary(s, rng);
            s.insert_str(at, &piece);
        }
        // Cut the field short.
        _ => {
            let at = boundary(s, rng);
            s.truncate(at);
        }
    }
}

/// Changes across fields: swaps, copies, and for targets with a variable number of fields,
/// added and removed ones.
fn mutate_fields(target: &Target, input: &mut Input, rng: &mut Rng, corpus: &[Input]) {
    let n = input.len();
    match rng.below(4) {
        0 if n >= 2 => {
            let (a, b) = (rng.below(n), rng.below(n));
            input.swap(a, b);
        }
        1 if n >= 2 => {
            let (a, b) = (rng.below(n), rng.below(n));
            input[b] = input[a].clone();
        }
        2 if n < target.max_fields => {
            let source = rng.pick(corpus);
            let new = if source.is_empty() {
                String::new()
            } else {
                rng.pick(source).clone()
            };
            let at = target.min_fields.min(n) + rng.below(n - target.min_fields.min(n) + 1);
            input.insert(at.min(n), new);
        }
        3 if n > target.min_fields => {
            let at = target.min_fields + rng.below(n - target.min_fields);
            input.remove(at);
        }
        _ => {}
    }
}

/// One to eight stacked changes, fields kept within the target's bounds.
pub fn mutate(target: &Target, input: &mut Input, rng: &mut Rng, corpus: &[Input]) {
    let changes = rng.small(8);
    for _ in 0..changes {
        if input.is_empty() || rng.one_in(10) {
            mutate_fields(target, input, rng, corpus);
        } else {
            let field = rng.below(input.len());
            mutate_field(target, field, input, rng, corpus);
        }
    }
    clamp(target, input);
}

/// Fields within the target's count and length bounds.
pub fn clamp(target: &Target, input: &mut Input) {
    input.truncate(target.max_fields);
    while input.len() < target.min_fields {
        input.push(String::new());
    }
    for s in input.iter_mut() {
        if s.len() > target.max_len {
            let mut at = target.max_len;
            while !s.is_char_boundary(at) {
                at -= 1;
            }
            s.truncate(at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(class_of('ş'), Class::Turkish);
        assert_eq!(class_of('\u{307}'), Class::Combining);
        assert_eq!(class_of('\u{200b}'), Class::ZeroWidth);
        assert_eq!(class_of('\u{202e}'), Class::Bidi);
        assert_eq!(class_of('٣'), Class::OtherDigit);
        assert_eq!(class_of('\u{a0}'), Class::Space);
        assert_eq!(class_of('\u{1}'), Class::Control);
        assert_eq!(class_of('😀'), Class::Emoji);
        assert!(is_plain('ş') && is_plain('😀') && is_plain(' '));
        assert!(!is_plain('\u{200f}') && !is_plain('\u{a0}') && !is_plain('\n'));
    }

    #[test]
    fn ranges_stay_on_char_boundaries() {
        let mut rng = Rng::new(3);
        let s = "aş😀\u{307}b";
        for _ in 0..2000 {
            let (a, b) = range(s, &mut rng);
            assert!(a <= b && b <= s.len() && s.is_char_boundary(a) && s.is_char_boundary(b));
        }
    }
}
