//! The one clean-up every raw value goes through before any rule sees it: decomposed Turkish
//! letters composed (I + U+0307 → İ, the subset of NFC that Turkish text needs), digits of
//! other scripts and full-width characters mapped to ASCII, and invisible characters
//! (zero-width, bidi controls, soft hyphen, BOM) removed. What was changed that the user
//! cannot see on screen is reported as a warning on the field, naming it in words and
//! position, so no rule ever lists an invisible character or mistakes "١٢٣" for "no digits".

use crate::prelude::*;

use super::out::Out;
use crate::form::Form;
use crate::schema::FieldId;
use crate::schema::{Kind, FIELDS};

/// Characters that take no space on screen and would end up in the portal-ready value.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// An emoji or pictographic symbol (not text the portal's printed form can show).
pub(crate) fn is_pictograph(c: char) -> bool {
    matches!(
        c,
        '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}' | '\u{FE0F}' | '\u{1F000}'..='\u{1FAFF}'
    )
}

/// A digit of another script (Arabic-Indic, Extended Arabic-Indic, full-width) as ASCII.
fn ascii_digit(c: char) -> Option<char> {
    let zero = match c {
        '\u{0660}'..='\u{0669}' => 0x0660,
        '\u{06F0}'..='\u{06F9}' => 0x06F0,
        '\u{FF10}'..='\u{FF19}' => 0xFF10,
        _ => return None,
    };
    char::from_u32(u32::from(c) - zero + u32::from(b'0'))
}

/// Full-width ASCII letters and punctuation (U+FF01…U+FF5E) and the ideographic space.
fn from_full_width(c: char) -> Option<char> {
    match c {
        '\u{3000}' => Some(' '),
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0),
        _ => None,
    }
}

/// The precomposed letter for a base letter and a combining mark, for the letters Turkish
/// uses (ç ğ ı İ ö ş ü â î û and their capitals). Every pair's other case is here too (ı and
/// İ are the other cases of I and i), so upper- or lower-casing a value the clean-up left
/// alone never makes a pair it would have composed: "ı" + U+0302 once became "I" + U+0302,
/// then "Î" on a second check (found by `cargo xtask fuzz check_form`).
fn compose(base: char, mark: char) -> Option<char> {
    Some(match (base, mark) {
        ('I', '\u{307}') => 'İ',
        ('i', '\u{307}') => 'i',
        ('ı', '\u{307}') => 'i',
        ('İ', '\u{307}') => 'İ',
        ('ı', '\u{302}') => 'î',
        ('İ', '\u{302}') => 'Î',
        ('c', '\u{327}') => 'ç',
        ('C', '\u{327}') => 'Ç',
        ('s', '\u{327}') => 'ş',
        ('S', '\u{327}') => 'Ş',
        ('g', '\u{306}') => 'ğ',
        ('G', '\u{306}') => 'Ğ',
        ('o', '\u{308}') => 'ö',
        ('O', '\u{308}') => 'Ö',
        ('u', '\u{308}') => 'ü',
        ('U', '\u{308}') => 'Ü',
        ('a', '\u{302}') => 'â',
        ('A', '\u{302}') => 'Â',
        ('i', '\u{302}') => 'î',
        ('I', '\u{302}') => 'Î',
        ('u', '\u{302}') => 'û',
        ('U', '\u{302}') => 'Û',
        _ => return None,
    })
}

/// `s` with the letter and mark pairs of `compose` composed. A rule's portal-ready value can
/// bring a pair together that the clean-up did not see (upper-casing "ı" + U+0307 to "I" +
/// U+0307, dropping a control character between a letter and its mark); composed here, a value
/// comes out of a second check as it went in (found by `cargo xtask fuzz check_form`).
pub(crate) fn recompose(s: String) -> String {
    if !s.chars().any(|c| ('\u{300}'..='\u{36F}').contains(&c)) {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match out.chars().next_back().and_then(|b| compose(b, c)) {
            Some(composed) => {
                out.pop();
                out.push(composed);
            }
            None => out.push(c),
        }
    }
    out
}

/// A value after the clean-up, and what was changed that the user could not see.
pub(crate) struct Cleaned {
    pub value: String,
    /// Positions of removed invisible characters: the number of visible characters before
    /// each one.
    pub invisible: Vec<usize>,
    /// Whether digits of another script were turned into 0–9.
    pub foreign_digits: bool,
}

pub(crate) fn clean(raw: &str) -> Cleaned {
    let mut value = String::with_capacity(raw.len());
    let mut invisible = Vec::new();
    let mut foreign_digits = false;
    let mut visible = 0;
    for c in raw.chars() {
        if is_invisible(c) {
            invisible.push(visible);
            continue;
        }
        // Control characters go here too (every rule's `tidy` drops them anyway), so that
        // letters on either side compose now: "ı", U+0001, U+0307 is "i" for the rules as
        // well as for the portal-ready value.
        if c.is_control() && !c.is_whitespace() {
            continue;
        }
        let c = match (ascii_digit(c), from_full_width(c)) {
            (Some(d), _) => {
                foreign_digits = true;
                d
            }
            (None, Some(a)) => a,
            (None, None) => c,
        };
        if let Some(composed) = value.chars().next_back().and_then(|b| compose(b, c)) {
            value.pop();
            value.push(composed);
            continue;
        }
        value.push(c);
        if !('\u{300}'..='\u{36F}').contains(&c) {
            visible += 1;
        }
    }
    Cleaned {
        value,
        invisible,
        foreign_digits,
    }
}

/// "3." / "3. ve 7." / "2., 5. ve 9." (positions after which something was removed),
/// appended to `out`.
fn push_positions(out: &mut String, list: &[usize]) {
    for (i, p) in list.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == list.len() { " ve " } else { ", " });
        }
        push_number(out, *p);
        out.push('.');
    }
}

/// A small number's digits (cheaper in the browser's download than the formatting machinery).
fn push_number(out: &mut String, n: usize) {
    if n >= 10 {
        push_number(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// Cleans every value of `form`; the warnings about what was cleaned go to `out`, for every
/// field (`only` None: a whole-form check) or one (a single-field re-check). Not a closure:
/// a generic parameter would put two copies of this in the browser's download. Messages are
/// built by pushing their parts, for the same reason.
pub(crate) fn clean_form(form: &Form, only: Option<FieldId>, out: &mut Out) -> Form {
    let mut cleaned = Form::new();
    for (field, (id, raw)) in FIELDS.iter().zip(form.iter()) {
        let c = clean(raw);
        cleaned.set(id, c.value);
        if only.is_some_and(|o| o != id) {
            continue;
        }
        let secret = field.kind == Kind::Secret;
        let mut m = String::from(field.label);
        if !c.invisible.is_empty() {
            // Never where in the security word: its length is nobody's business.
            if secret {
                m.push_str(super::security::INVISIBLE_AFTER_LABEL);
            } else {
                m.push_str(" alanında görünmeyen ");
                match c.invisible.len() {
                    1 => m.push_str("bir"),
                    n => push_number(&mut m, n),
                }
                m.push_str(" işaret vardı (");
                if c.invisible.iter().all(|&p| p == 0) {
                    m.push_str("en başta");
                } else {
                    push_positions(&mut m, &c.invisible);
                    m.push_str(" karakterden sonra");
                }
                m.push_str(
                    "); kopyalayıp yapıştırırken gelmiş olabilir. Kaldırıldı: portala \
                     aşağıdaki hazır değeri yazın",
                );
            }
            out.warning(field.id, m);
            m = String::from(field.label);
        }
        if c.foreign_digits && !secret {
            m.push_str(
                " alanındaki rakamlar başka bir yazı sisteminin rakamlarıydı; 0–9 rakamlarına \
                 çevrildi. Portala 0–9 rakamlarıyla yazın",
            );
            out.warning(field.id, m);
        }
    }
    cleaned
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check_field, check_form};
    use crate::form::{Form, Severity};

    #[test]
    fn composes_maps_and_strips() {
        let c = clean("GU\u{308}LAG\u{306}AC\u{327} I\u{307}L");
        assert_eq!(c.value, "GÜLAĞAÇ İL");
        assert!(c.invisible.is_empty() && !c.foreign_digits);
        let c = clean("١٢٣ ۴۵ ６７ ＡＢ\u{3000}x");
        assert_eq!(c.value, "123 45 67 AB x");
        assert!(c.foreign_digits);
        let c = clean("\u{200B}ab\u{202E}c\u{FEFF}");
        assert_eq!(c.value, "abc");
        assert_eq!(c.invisible, [0, 2, 3]);
        let mut s = String::new();
        push_positions(&mut s, &[2]);
        assert_eq!(s, "2.");
        s.clear();
        push_positions(&mut s, &[2, 15, 109]);
        assert_eq!(s, "2., 15. ve 109.");
    }

    fn findings(id: FieldId, value: &str) -> Vec<(Severity, String)> {
        check_form(&Form::new().with(id, value))
            .findings
            .into_iter()
            .filter(|f| f.field == id)
            .map(|f| (f.severity, f.message))
            .collect()
    }

    #[test]
    fn invisible_characters_are_named_not_listed() {
        // A zero-width space inside a T.C. number: still a valid T.C. number, with a warning.
        let f = findings(FieldId::KimlikNo, "100000\u{200B}00146");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, Severity::Warning);
        assert!(
            f[0].1
                .contains("görünmeyen bir işaret vardı (6. karakterden sonra)"),
            "{}",
            f[0].1
        );
        let r = check_form(&Form::new().with(FieldId::KimlikNo, "100000\u{200B}00146"));
        assert_eq!(r.normalized_value(FieldId::KimlikNo), Some("10000000146"));
        // In an e-mail address: not the "Türkçe harf" message.
        let f = findings(FieldId::KurumsalEposta, "ayse\u{200B}@meb.gov.tr");
        assert!(f.iter().all(|(_, m)| !m.contains("Türkçe")), "{f:?}");
        // In a name: the name rule never lists the invisible character.
        let f = findings(FieldId::Soyad, "YIL\u{202E}MAZ");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].1.contains("(3. karakterden sonra)"), "{}", f[0].1);
        // Bidi controls in the institution fields no longer reach the portal-ready value.
        let r = check_form(&Form::new().with(FieldId::Birim, "\u{202E}Çankaya Lisesi"));
        assert_eq!(r.normalized_value(FieldId::Birim), Some("ÇANKAYA LİSESİ"));
        assert!(r
            .for_field(FieldId::Birim)
            .any(|f| f.message.contains("en başta")));
    }

    #[test]
    fn digits_of_other_scripts_are_converted_with_a_note() {
        let f = findings(FieldId::KimlikNo, "١٠٠٠٠٠٠٠١٤٦");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0].1.contains("başka bir yazı sisteminin rakamlarıydı"),
            "{}",
            f[0].1
        );
        let f = findings(FieldId::PostaKodu, "０６４２０");
        assert!(
            f.iter()
                .any(|(_, m)| m.contains("0–9 rakamlarına çevrildi")),
            "{f:?}"
        );
    }

    #[test]
    fn the_security_word_is_never_located() {
        let form = Form::new()
            .with(FieldId::GuvenlikSozcugu, "mavi\u{200B}kelebek")
            .with(FieldId::GuvenlikSozcuguTekrar, "mavikelebek");
        let f = check_field(&form, FieldId::GuvenlikSozcugu);
        assert!(
            f.iter().any(|f| f.message.contains("elle yeniden yazın")),
            "{f:?}"
        );
        assert!(f.iter().all(|f| !f.message.contains("karakterden sonra")));
        // Cleaned, the two are the same word.
        assert!(check_field(&form, FieldId::GuvenlikSozcuguTekrar).is_empty());
    }
}
