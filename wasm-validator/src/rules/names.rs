//! Adı and Soyadı: Latin letters (Turkish and common foreign ones), spaces, apostrophe and
//! hyphen; normalised to Turkish upper case. Warns on digits, and on a few common names typed
//! without their Turkish letters, where the intended spelling is certain.

use crate::prelude::*;

use super::out::{tidy, Out};
use crate::form::Form;
use crate::schema::FieldId;
use crate::text::{fold, fold_chars, join, upper_tr};

/// How a name field is called in messages ("Adınız …", "Soyadınız …").
fn subject(field: FieldId) -> &'static str {
    if field == FieldId::Ad {
        "Adınız"
    } else {
        "Soyadınız"
    }
}

/// A letter of the Latin script (ASCII, Latin-1, Latin Extended-A/B).
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, 'À'..='ɏ' if c.is_alphabetic())
}

/// A combining accent (decomposed input: İ typed as I + U+0307).
fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`' | '´')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '–')
}

/// Collapses spaces, unifies apostrophes and hyphens, and upper-cases the Turkish way.
pub fn normalize_name(raw: &str) -> String {
    let unified: String = raw
        .chars()
        .map(|c| {
            if is_apostrophe(c) {
                '\''
            } else if is_hyphen(c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    upper_tr(&tidy(&unified))
}

pub(crate) fn check(form: &Form, out: &mut Out) {
    for field in [FieldId::Ad, FieldId::Soyad] {
        if out.missing(form, field) {
            continue;
        }
        let raw = &tidy(form.get(field));
        let normalized = normalize_name(raw);
        check_one(field, raw, &normalized, out);
        out.normalize(field, normalized);
    }
    // "AYŞE YILMAZ" in Adı with "YILMAZ" in Soyadı: the surname was typed twice.
    let ad = normalize_name(form.get(FieldId::Ad));
    let soyad = normalize_name(form.get(FieldId::Soyad));
    let given_only = ad
        .strip_suffix(soyad.as_str())
        .and_then(|rest| rest.strip_suffix(' '))
        .filter(|rest| !soyad.is_empty() && !rest.is_empty());
    if let Some(given) = given_only {
        out.warning_with(
            FieldId::Ad,
            "Adınız soyadınızla bitiyor; Adı alanına yalnızca adınızı yazın",
            given,
        );
    }
}

fn check_one(field: FieldId, raw: &str, normalized: &str, out: &mut Out) {
    let who = subject(field);
    let mut symbols: Vec<char> = Vec::new();
    let mut has_digit = false;
    let mut has_other_script = false;
    let mut has_dot = false;
    let mut letters = 0usize;
    for c in raw.chars() {
        if is_latin_letter(c) {
            letters += 1;
        } else if c.is_ascii_digit() {
            has_digit = true;
        } else if c.is_whitespace() || is_apostrophe(c) || is_hyphen(c) || is_combining(c) {
        } else if c == '.' {
            has_dot = true;
        } else if c.is_alphabetic() {
            has_other_script = true;
        } else if !symbols.contains(&c) && !c.is_control() && symbols.len() < 5 {
            symbols.push(c);
        }
    }
    if has_other_script {
        out.error(
            field,
            cat!(who, " Latin harfleriyle, nüfus kaydınızdaki gibi yazılmalı"),
        );
    } else if letters == 0 {
        out.error(
            field,
            cat!(who, " harflerle, nüfus kaydınızdaki gibi yazılmalı"),
        );
        return;
    }
    if has_dot {
        out.error(
            field,
            cat!(
                who,
                " kısaltılmış görünüyor (nokta var); nüfus kaydınızdaki gibi tam yazın"
            ),
        );
    }
    if !symbols.is_empty() {
        let list: Vec<String> = symbols.iter().map(|c| c.to_string()).collect();
        out.error(
            field,
            cat!(
                who,
                " yalnızca harf, boşluk, kesme işareti (') ve kısa çizgi (-) içerebilir; şu \
                 işaretleri silin: ",
                join(&list, " ")
            ),
        );
    }
    if has_digit {
        out.warning(
            field,
            cat!(
                who,
                " rakam içeriyor; nüfus kaydınızdaki gibi yalnızca harflerle yazın"
            ),
        );
    }
    if let Some(better) = turkish_spelling(normalized) {
        out.warning_with(
            field,
            cat!(
                who,
                " Türkçe harflerle “",
                better,
                "” diye yazılıyor olabilir; nüfus kaydınızdaki \
                 yazımı kullanın"
            ),
            better,
        );
    }
}

/// Common given names and surnames whose spelling needs Turkish letters (ç ğ ı İ ö ş ü), in
/// Turkish upper case, sorted by their folded letters. Only names whose
/// letters-without-diacritics form is not itself a name are listed, so a match is certain:
/// "SUKRU" can only be ŞÜKRÜ, "ALI" only ALİ.
const NAMES: &[&str] = &[
    "AKGÜL",
    "AKIN",
    "AKTAŞ",
    "ALİ",
    "ALTINTAŞ",
    "ASLI",
    "ATEŞ",
    "AVCI",
    "AYDEMİR",
    "AYDIN",
    "AYGÜL",
    "AYŞE",
    "BARIŞ",
    "BETÜL",
    "BİLAL",
    "BİLGİN",
    "BİRSEN",
    "BÜŞRA",
    "ÇAĞLAR",
    "ÇAĞRI",
    "ÇAKIR",
    "ÇAKMAK",
    "ÇALIŞKAN",
    "ÇELİK",
    "CEMİL",
    "ÇETİN",
    "ÇİÇEK",
    "ÇİFTÇİ",
    "ÇİĞDEM",
    "CİHAN",
    "ÇOBAN",
    "CÜNEYT",
    "DEMİR",
    "DEMİRCİ",
    "DİLEK",
    "DİNÇ",
    "DOĞAN",
    "DURMUŞ",
    "ELİF",
    "EMİN",
    "EMİNE",
    "ENGİN",
    "ERDİNÇ",
    "ERDOĞAN",
    "ERGÜN",
    "ERSİN",
    "ERTÜRK",
    "FATİH",
    "FERİDE",
    "FERİT",
    "FİKRET",
    "GİZEM",
    "GÖKÇE",
    "GÖKHAN",
    "GÜLAY",
    "GÜLER",
    "GÜLŞEN",
    "GÜLSÜM",
    "GÜLTEN",
    "GÜNDOĞDU",
    "GÜNDÜZ",
    "GÜNEŞ",
    "GÜRKAN",
    "HALİL",
    "HALİT",
    "HAMDİ",
    "HAMİT",
    "HANİFE",
    "HATİCE",
    "HAYRİ",
    "HAYRİYE",
    "HİKMET",
    "HİLAL",
    "HİLMİ",
    "HÜLYA",
    "HÜMEYRA",
    "HÜSEYİN",
    "İBRAHİM",
    "İDRİS",
    "İHSAN",
    "İLAYDA",
    "İLHAN",
    "İLKER",
    "İLKNUR",
    "İLYAS",
    "İNCE",
    "İNCİ",
    "İPEK",
    "İREM",
    "IŞIK",
    "İSMAİL",
    "İSMET",
    "KADİR",
    "KARAKAŞ",
    "KARATAŞ",
    "KESKİN",
    "KILIÇ",
    "KILINÇ",
    "KOÇ",
    "KOÇAK",
    "KÖSE",
    "KÜBRA",
    "KÜRŞAT",
    "LÜTFİ",
    "MELİKE",
    "MELİS",
    "METİN",
    "MÜCAHİT",
    "MÜGE",
    "NAZLI",
    "NECATİ",
    "NECMİ",
    "NERİMAN",
    "NESLİHAN",
    "NİHAL",
    "NİLÜFER",
    "NİYAZİ",
    "NURGÜL",
    "NURİ",
    "ÖMER",
    "ÖZBEK",
    "ÖZCAN",
    "ÖZDEMİR",
    "ÖZER",
    "ÖZGE",
    "ÖZGÜR",
    "ÖZKAN",
    "ÖZKAYA",
    "ÖZLEM",
    "ÖZNUR",
    "ÖZTÜRK",
    "RIZA",
    "RÜMEYSA",
    "RÜŞTÜ",
    "SADIK",
    "SAFİYE",
    "SAĞLAM",
    "ŞAHİN",
    "SAKİNE",
    "ŞAKİR",
    "SALİH",
    "SARI",
    "SELÇUK",
    "SELİM",
    "SELİN",
    "SEMİHA",
    "ŞENAY",
    "ŞENOL",
    "ŞEREF",
    "ŞERİFE",
    "SEVGİ",
    "SEVİM",
    "ŞEVKET",
    "ŞEYMA",
    "SİBEL",
    "SİMGE",
    "ŞİMŞEK",
    "SİNAN",
    "SONGÜL",
    "SÖNMEZ",
    "ŞÜKRÜ",
    "ŞULE",
    "SÜLEYMAN",
    "SÜMEYYE",
    "TAHİR",
    "TARIK",
    "TAŞDEMİR",
    "TAŞKIN",
    "TEKİN",
    "TEVFİK",
    "TUĞBA",
    "TÜLAY",
    "TÜRKAN",
    "UÇAR",
    "ÜLKÜ",
    "ÜMİT",
    "ÜNAL",
    "VELİ",
    "YAŞAR",
    "YASİN",
    "YEŞİM",
    "YİĞİT",
    "YILDIRIM",
    "YILDIZ",
    "YILMAZ",
    "YÜCEL",
    "YÜKSEL",
    "ZEKİ",
    "ZÜLEYHA",
    "ZÜLFÜ",
];

/// The listed name whose folded letters are `folded` (binary search, no allocation).
fn listed_name(folded: &str) -> Option<&'static str> {
    let i = NAMES
        .binary_search_by(|n| fold_chars(n).cmp(folded.chars()))
        .ok()?;
    Some(NAMES[i])
}

/// The intended spelling of a name typed without its Turkish letters, when certain: every
/// word typed in ASCII letters that folds to a listed name is replaced by it. None when nothing changes.
fn turkish_spelling(normalized: &str) -> Option<String> {
    if normalized.len() > 100 {
        return None;
    }
    let mut changed = false;
    let words: Vec<String> = normalized
        .split(' ')
        .map(|word| {
            // Typed with ASCII letters only: upper_tr made each i an İ, nothing else non-ASCII.
            let plain = word.chars().all(|c| c.is_ascii_alphabetic() || c == 'İ');
            if plain && word.len() >= 3 {
                if let Some(name) = listed_name(&fold(word)) {
                    if name != word {
                        changed = true;
                        return name.to_string();
                    }
                }
            }
            word.to_string()
        })
        .collect();
    changed.then(|| join(&words, " "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check_field, check_form};
    use crate::form::{Form, Severity};

    fn findings(field: FieldId, v: &str) -> Vec<(Severity, String, Option<String>)> {
        check_field(&Form::new().with(field, v), field)
            .into_iter()
            .map(|f| (f.severity, f.message, f.suggestion))
            .collect()
    }

    #[test]
    fn normalisation() {
        for (input, expected) in [
            ("ayşe  nur", "AYŞE NUR"),
            ("  ismail ", "İSMAİL"),
            ("ılgaz", "ILGAZ"),
            ("d’angelo", "D'ANGELO"),
            ("yılmaz – kaya", "YILMAZ - KAYA"),
            ("José", "JOSÉ"),
        ] {
            assert_eq!(normalize_name(input), expected, "{input}");
            assert_eq!(normalize_name(expected), expected, "idempotent {input}");
        }
    }

    #[test]
    fn rule_table() {
        let table: &[(FieldId, &str, &[(Severity, &str)])] = &[
            (FieldId::Ad, "Ayşe", &[]),
            (FieldId::Ad, "Ayşe Nur", &[]),
            (FieldId::Soyad, "Yılmaz-Kaya", &[]),
            (FieldId::Soyad, "O'Neil", &[]),
            (FieldId::Ad, "Jürgen", &[]),
            (FieldId::Ad, "François", &[]),
            (FieldId::Ad, "Mehmet", &[]),
            (
                FieldId::Ad,
                "Ali2",
                &[(Severity::Warning, "rakam içeriyor")],
            ),
            (FieldId::Ad, "123", &[(Severity::Error, "harflerle")]),
            (FieldId::Ad, "M. Ali", &[(Severity::Error, "kısaltılmış")]),
            (
                FieldId::Soyad,
                "Yılmaz@",
                &[(Severity::Error, "şu işaretleri silin: @")],
            ),
            (
                FieldId::Ad,
                "Иван",
                &[(Severity::Error, "Latin harfleriyle")],
            ),
            (
                FieldId::Ad,
                "Ayşe Иван",
                &[(Severity::Error, "Latin harfleriyle")],
            ),
        ];
        for &(field, input, expected) in table {
            let got = findings(field, input);
            assert_eq!(got.len(), expected.len(), "{input}: {got:?}");
            for ((sev, msg, _), (esev, etext)) in got.iter().zip(expected.iter()) {
                assert_eq!(sev, esev, "{input}");
                assert!(msg.contains(etext), "{input}: {msg}");
            }
        }
    }

    #[test]
    fn turkish_letters_suggested_only_when_certain() {
        for (field, input, suggestion) in [
            (FieldId::Ad, "SUKRU", "ŞÜKRÜ"),
            (FieldId::Ad, "sukru ahmet", "ŞÜKRÜ AHMET"),
            (FieldId::Ad, "ALI", "ALİ"),
            (FieldId::Ad, "ismail", "İSMAİL"), // upper_tr already gives İSMAİL: no finding
            (FieldId::Soyad, "yilmaz", "YILMAZ"),
            (FieldId::Soyad, "CELIK", "ÇELİK"),
            (FieldId::Soyad, "ozturk", "ÖZTÜRK"),
        ] {
            let got = findings(field, input);
            if upper_tr(input) == suggestion {
                assert!(got.is_empty(), "{input}: {got:?}");
                continue;
            }
            assert_eq!(got.len(), 1, "{input}: {got:?}");
            assert_eq!(got[0].0, Severity::Warning);
            assert_eq!(got[0].2.as_deref(), Some(suggestion), "{input}");
        }
        // Names not in the list, or already correct, or with Turkish letters: no guess.
        for input in [
            "MEHMET", "YILMAZ", "Kaya", "Smith", "ŞÜKRÜ", "Ceyda", "Aydın", "Al",
        ] {
            assert!(findings(FieldId::Soyad, input).is_empty(), "{input}");
        }
    }

    #[test]
    fn listed_names_are_unique_when_folded() {
        let keys: Vec<String> = NAMES.iter().map(|n| fold(n)).collect();
        assert!(keys.len() > 150, "{}", keys.len());
        for w in keys.windows(2) {
            assert!(
                w[0] < w[1],
                "not sorted, or two names fold alike: {} {}",
                w[0],
                w[1]
            );
        }
        for &name in NAMES {
            assert!(
                !name.is_ascii() || name.contains('I'),
                "{name} needs no Turkish letter"
            );
            assert_eq!(upper_tr(name), name, "{name}");
        }
    }

    #[test]
    fn surname_repeated_in_given_name() {
        let form = Form::new()
            .with(FieldId::Ad, "Ayşe Yılmaz")
            .with(FieldId::Soyad, "Yılmaz");
        let r = check_form(&form);
        let f: Vec<_> = r.for_field(FieldId::Ad).collect();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].suggestion.as_deref(), Some("AYŞE"));
        assert_eq!(r.normalized_value(FieldId::Ad), Some("AYŞE YILMAZ"));
    }
}
