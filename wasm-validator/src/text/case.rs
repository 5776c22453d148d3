//! Compact case mapping for the scripts the handbook meets (Latin, Greek, Cyrillic), equal to
//! Unicode's simple mapping there; other characters are left as they are. It replaces std's
//! `char::to_uppercase`/`to_lowercase`, whose ~28 KB of tables would go into the browser's wasm.

/// A block of letters whose lower-case forms are the upper-case forms shifted by a constant.
struct Shift {
    upper: u32,
    lower: u32,
    len: u32,
}

const SHIFTS: &[Shift] = &[
    Shift {
        upper: 0x41,
        lower: 0x61,
        len: 26,
    }, // A–Z
    Shift {
        upper: 0xC0,
        lower: 0xE0,
        len: 23,
    }, // À–Ö (× is not a letter)
    Shift {
        upper: 0xD8,
        lower: 0xF8,
        len: 7,
    }, // Ø–Þ (÷ is not a letter)
    Shift {
        upper: 0x386,
        lower: 0x3AC,
        len: 1,
    }, // Ά
    Shift {
        upper: 0x388,
        lower: 0x3AD,
        len: 3,
    }, // Έ Ή Ί
    Shift {
        upper: 0x38C,
        lower: 0x3CC,
        len: 1,
    }, // Ό
    Shift {
        upper: 0x38E,
        lower: 0x3CD,
        len: 2,
    }, // Ύ Ώ
    Shift {
        upper: 0x391,
        lower: 0x3B1,
        len: 17,
    }, // Α–Ρ
    Shift {
        upper: 0x3A3,
        lower: 0x3C3,
        len: 9,
    }, // Σ–Ϋ
    Shift {
        upper: 0x400,
        lower: 0x450,
        len: 16,
    }, // Ѐ–Џ
    Shift {
        upper: 0x410,
        lower: 0x430,
        len: 32,
    }, // А–Я
];

/// Blocks of alternating upper/lower pairs: (first, last, whether the upper form is even).
const PAIRS: &[(u32, u32, bool)] = &[
    (0x100, 0x12F, true),   // Ā–į
    (0x132, 0x137, true),   // Ĳ–ķ
    (0x139, 0x148, false),  // Ĺ–ň
    (0x14A, 0x177, true),   // Ŋ–ŷ
    (0x179, 0x17E, false),  // Ź–ž
    (0x1CD, 0x1DC, false),  // Ǎ–ǜ
    (0x1DE, 0x1EF, true),   // Ǟ–ǯ
    (0x1F8, 0x21F, true),   // Ǹ–ȟ (Romanian Ș ș Ț ț)
    (0x222, 0x233, true),   // Ȣ–ȳ
    (0x460, 0x481, true),   // Ѡ–ҁ
    (0x48A, 0x4BF, true),   // Ҋ–ҿ
    (0x4C1, 0x4CE, false),  // Ӂ–ӎ
    (0x4D0, 0x4FF, true),   // Ӑ–ӿ
    (0x1E00, 0x1E95, true), // Ḁ–ẕ
    (0x1EA0, 0x1EFF, true), // Ạ–ỿ (Vietnamese)
];

fn from(u: u32) -> char {
    char::from_u32(u).unwrap_or('\u{FFFD}')
}

/// The lower-case form of one character.
pub(crate) fn lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let u = u32::from(c);
    for s in SHIFTS {
        if (s.upper..s.upper + s.len).contains(&u) {
            return from(u - s.upper + s.lower);
        }
    }
    for &(first, last, even_upper) in PAIRS {
        if (first..=last).contains(&u) {
            let is_upper = (u % 2 == 0) == even_upper;
            return if is_upper { from(u + 1) } else { c };
        }
    }
    match c {
        'Ÿ' => 'ÿ',
        'ẞ' => 'ß',
        'İ' => 'i', // simple mapping; Turkish callers handle İ themselves
        _ => c,
    }
}

/// The upper-case form of one character: one character, or two for ß ("SS").
pub(crate) fn upper(c: char) -> (char, Option<char>) {
    if c.is_ascii() {
        return (c.to_ascii_uppercase(), None);
    }
    let u = u32::from(c);
    for s in SHIFTS {
        if (s.lower..s.lower + s.len).contains(&u) {
            return (from(u - s.lower + s.upper), None);
        }
    }
    for &(first, last, even_upper) in PAIRS {
        if (first..=last).contains(&u) {
            let is_upper = (u % 2 == 0) == even_upper;
            return (if is_upper { c } else { from(u - 1) }, None);
        }
    }
    let one = match c {
        'ß' => return ('S', Some('S')),
        'ÿ' => 'Ÿ',
        'µ' => 'Μ',
        'ſ' => 'S',
        'ς' => 'Σ',
        'ı' => 'I',
        _ => c,
    };
    (one, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Characters covered: every block above and the specials.
    fn covered(c: char) -> bool {
        let u = u32::from(c);
        SHIFTS.iter().any(|s| {
            (s.upper..s.upper + s.len).contains(&u) || (s.lower..s.lower + s.len).contains(&u)
        }) || PAIRS.iter().any(|&(a, b, _)| (a..=b).contains(&u))
            || crate::text::is_one_of(c, "Ÿẞİßÿµſςı")
    }

    #[test]
    fn equals_unicode_where_covered_and_is_identity_elsewhere() {
        let mut checked = 0;
        for u in 0..0x2000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let (a, b) = upper(c);
            let ours_upper: String = std::iter::once(a).chain(b).collect();
            let ours_lower = lower(c).to_string();
            if covered(c) {
                checked += 1;
                assert_eq!(
                    ours_upper,
                    c.to_uppercase().to_string(),
                    "upper {c} U+{u:04X}"
                );
                if c != 'İ' {
                    assert_eq!(
                        ours_lower,
                        c.to_lowercase().to_string(),
                        "lower {c} U+{u:04X}"
                    );
                }
            } else {
                assert_eq!(ours_upper, c.to_string(), "U+{u:04X} changed");
                assert_eq!(ours_lower, c.to_string(), "U+{u:04X} changed");
            }
        }
        assert!(checked > 800, "{checked}");
    }

    #[test]
    fn letters_people_type() {
        for (l, u) in [
            ('ç', 'Ç'),
            ('ğ', 'Ğ'),
            ('ö', 'Ö'),
            ('ş', 'Ş'),
            ('ü', 'Ü'),
            ('â', 'Â'),
            ('î', 'Î'),
            ('é', 'É'),
            ('ș', 'Ș'),
            ('ж', 'Ж'),
            ('λ', 'Λ'),
            ('ő', 'Ő'),
        ] {
            assert_eq!(upper(l), (u, None));
            assert_eq!(lower(u), l);
        }
        assert_eq!(upper('ß'), ('S', Some('S')));
        assert_eq!(upper('7'), ('7', None));
        assert_eq!(lower('Ա'), 'Ա'); // Armenian: not covered, unchanged
    }
}
