//! Adı and Soyadı: Latin letters (Turkish and common foreign ones), spaces, apostrophe and
//! hyphen; normalised to Turkish upper case. Warns on digits, and on a few common names typed
//! without their Turkish letters, where the intended spelling is certain.

use super::{tidy, Out};
use crate::form::Form;
use crate::text::{fold, upper_tr};
use std::sync::OnceLock;

/// How a name field is called in messages ("Adınız …", "Soyadınız …").
fn subject(field: &str) -> &'static str {
    if field == "ad" {
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
    for field in ["ad", "soyad"] {
        if out.missing(form, field) {
            continue;
        }
        let raw = &tidy(form.get(field));
        let normalized = normalize_name(raw);
        check_one(field, raw, &normalized, out);
        out.normalize(field, normalized);
    }
    // "AYŞE YILMAZ" in Adı with "YILMAZ" in Soyadı: the surname was typed twice.
    let ad = normalize_name(form.get("ad"));
    let soyad = normalize_name(form.get("soyad"));
    if !soyad.is_empty() && ad.len() > soyad.len() && ad.ends_with(&format!(" {soyad}")) {
        out.warning_with(
            "ad",
            "Adınız soyadınızla bitiyor; Adı alanına yalnızca adınızı yazın",
            ad[..ad.len() - soyad.len() - 1].to_string(),
        );
    }
}

fn check_one(field: &'static str, raw: &str, normalized: &str, out: &mut Out) {
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
            format!("{who} Latin harfleriyle, nüfus kaydınızdaki gibi yazılmalı"),
        );
    } else if letters == 0 {
        out.error(
            field,
            format!("{who} harflerle, nüfus kaydınızdaki gibi yazılmalı"),
        );
        return;
    }
    if has_dot {
        out.error(
            field,
            format!("{who} kısaltılmış görünüyor (nokta var); nüfus kaydınızdaki gibi tam yazın"),
        );
    }
    if !symbols.is_empty() {
        let list: Vec<String> = symbols.iter().map(|c| c.to_string()).collect();
        out.error(
            field,
            format!(
                "{who} yalnızca harf, boşluk, kesme işareti (') ve kısa çizgi (-) içerebilir; \
                 şu işaretleri silin: {}",
                list.join(" ")
            ),
        );
    }
    if has_digit {
        out.warning(
            field,
            format!("{who} rakam içeriyor; nüfus kaydınızdaki gibi yalnızca harflerle yazın"),
        );
    }
    if let Some(better) = turkish_spelling(normalized) {
        out.warning_with(
            field,
            format!(
                "{who} Türkçe harflerle “{better}” diye yazılıyor olabilir; nüfus kaydınızdaki \
                 yazımı kullanın"
            ),
            better,
        );
    }
}

/// Common given names and surnames whose spelling needs Turkish letters (ç ğ ı İ ö ş ü), in
/// Turkish upper case. Only names whose letters-without-diacritics form is not itself a name
/// are listed, so a match is certain: "SUKRU" can only be ŞÜKRÜ, "ALI" only ALİ.
const NAMES: &str = "\
ALİ VELİ FATİH EMİNE ELİF HATİCE AYŞE ÖZLEM BÜŞRA TUĞBA GÜLSÜM ŞERİFE HÜLYA SEVGİ SEVİM \
GÜLAY GÜLŞEN GÜLTEN SONGÜL AYGÜL NURGÜL DİLEK ŞEYMA İREM İPEK İLKNUR İNCİ NİLÜFER \
NESLİHAN NAZLI ÇİĞDEM GÖKÇE BİRSEN SİBEL SELİN SİMGE ŞULE YEŞİM ÖZGE ÖZNUR MÜGE GÜNEŞ \
SÜMEYYE KÜBRA RÜMEYSA BETÜL HÜMEYRA MELİKE MELİS NİHAL ŞENAY HİLAL ASLI GİZEM İLAYDA \
TÜLAY TÜRKAN ÜLKÜ ZÜLEYHA FERİDE HAYRİYE HANİFE SAFİYE SAKİNE SEMİHA NERİMAN \
HÜSEYİN İBRAHİM İSMAİL ÖMER HALİL SÜLEYMAN SALİH KADİR YAŞAR METİN ŞÜKRÜ ÖZGÜR ÇAĞLAR \
ÇAĞRI GÖKHAN ERDİNÇ ERGÜN GÜRKAN İLKER İSMET İHSAN İLHAN İDRİS İLYAS ŞENOL ŞEVKET \
ŞEREF ŞAKİR ÜMİT ÖZCAN CÜNEYT NECATİ CEMİL HALİT HAMİT HAMDİ HİLMİ LÜTFİ RÜŞTÜ SELÇUK \
SADIK TARIK BARIŞ BİLAL CİHAN EMİN ENGİN ERSİN HİKMET KÜRŞAT NİYAZİ NURİ RIZA SELİM \
SİNAN TAHİR TEVFİK YASİN YİĞİT FİKRET FERİT HAYRİ NECMİ MÜCAHİT ZEKİ ZÜLFÜ ŞAHİN \
YILMAZ DEMİR ÇELİK YILDIZ YILDIRIM ÖZTÜRK AYDIN ÖZDEMİR DOĞAN KILIÇ ÇETİN KOÇ ÖZKAN \
ŞİMŞEK ÇAKIR ERDOĞAN AKTAŞ GÜLER KESKİN ÜNAL ÖZER IŞIK AVCI SARI TEKİN KÖSE YÜKSEL ATEŞ \
ÇİFTÇİ GÜNDOĞDU SÖNMEZ AKIN DEMİRCİ DİNÇ KARAKAŞ ÇAKMAK ÖZBEK GÜNDÜZ ÇİÇEK UÇAR ERTÜRK \
ÇOBAN DURMUŞ AYDEMİR AKGÜL KARATAŞ TAŞKIN BİLGİN KILINÇ KOÇAK ÇALIŞKAN İNCE YÜCEL \
ÖZKAYA ALTINTAŞ SAĞLAM TAŞDEMİR";

/// The listed names keyed by their folded letters, sorted for binary search (built once).
fn name_index() -> &'static [(String, &'static str)] {
    static INDEX: OnceLock<Vec<(String, &'static str)>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut v: Vec<(String, &'static str)> = NAMES.split(' ').map(|n| (fold(n), n)).collect();
        v.sort();
        v
    })
}

fn listed_name(folded: &str) -> Option<&'static str> {
    let index = name_index();
    let i = index
        .binary_search_by(|(k, _)| k.as_str().cmp(folded))
        .ok()?;
    Some(index[i].1)
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
    changed.then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::{check_field, check_form, Form, Severity};

    fn findings(field: &str, v: &str) -> Vec<(Severity, String, Option<String>)> {
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
        let table: &[(&str, &str, &[(Severity, &str)])] = &[
            ("ad", "Ayşe", &[]),
            ("ad", "Ayşe Nur", &[]),
            ("soyad", "Yılmaz-Kaya", &[]),
            ("soyad", "O'Neil", &[]),
            ("ad", "Jürgen", &[]),
            ("ad", "François", &[]),
            ("ad", "Mehmet", &[]),
            ("ad", "Ali2", &[(Severity::Warning, "rakam içeriyor")]),
            ("ad", "123", &[(Severity::Error, "harflerle")]),
            ("ad", "M. Ali", &[(Severity::Error, "kısaltılmış")]),
            (
                "soyad",
                "Yılmaz@",
                &[(Severity::Error, "şu işaretleri silin: @")],
            ),
            ("ad", "Иван", &[(Severity::Error, "Latin harfleriyle")]),
            ("ad", "Ayşe Иван", &[(Severity::Error, "Latin harfleriyle")]),
        ];
        for (field, input, expected) in table {
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
            ("ad", "SUKRU", "ŞÜKRÜ"),
            ("ad", "sukru ahmet", "ŞÜKRÜ AHMET"),
            ("ad", "ALI", "ALİ"),
            ("ad", "ismail", "İSMAİL"), // upper_tr already gives İSMAİL: no finding
            ("soyad", "yilmaz", "YILMAZ"),
            ("soyad", "CELIK", "ÇELİK"),
            ("soyad", "ozturk", "ÖZTÜRK"),
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
            assert!(findings("soyad", input).is_empty(), "{input}");
        }
    }

    #[test]
    fn listed_names_are_unique_when_folded() {
        let mut keys: Vec<String> = NAMES.split(' ').map(fold).collect();
        let n = keys.len();
        assert!(n > 150, "{n}");
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n, "two listed names fold to the same letters");
        for name in NAMES.split(' ') {
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
            .with("ad", "Ayşe Yılmaz")
            .with("soyad", "Yılmaz");
        let r = check_form(&form);
        let f: Vec<_> = r.for_field("ad").collect();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].suggestion.as_deref(), Some("AYŞE"));
        assert_eq!(r.normalized_value("ad"), Some("AYŞE YILMAZ"));
    }
}
