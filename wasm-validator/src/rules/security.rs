//! Güvenlik sözcüğü and its repetition: both present and exactly equal; warnings when the word
//! is easy to guess. No length or character rule is imposed (Kamu SM publishes none).
//! Every message here is a constant, so no message can contain the word.

use crate::prelude::*;

use super::out::Out;
use crate::form::Form;
use crate::rules::identity::strip_separators;
use crate::schema::FieldId;
use crate::text::{char_count, fold, lower_tr};

const WORD: FieldId = FieldId::GuvenlikSozcugu;
const REPEAT: FieldId = FieldId::GuvenlikSozcuguTekrar;

/// What the normalised value of both fields shows: the word is never printed or logged.
pub const MASK: &str = "********";

pub const MSG_EMPTY: &str = "Bir güvenlik sözcüğü girin";
pub const MSG_REPEAT_EMPTY: &str = "Güvenlik sözcüğünü bir kez daha girin";
pub const MSG_MISMATCH: &str =
    "Güvenlik sözcüğü (Tekrar), güvenlik sözcüğüyle aynı değil; ikisini de aynı yazın";
pub const MSG_MISMATCH_CASE: &str = "Güvenlik sözcüğü (Tekrar) ile güvenlik sözcüğü arasında \
     büyük/küçük harf farkı var; ikisini de harfi harfine aynı yazın";
pub const MSG_MISMATCH_SPACE: &str = "Güvenlik sözcüğü (Tekrar) ile güvenlik sözcüğü arasında \
     baştaki ya da sondaki boşluk farkı var; ikisini de aynı yazın";
pub const MSG_SHORT: &str = "Güvenlik sözcüğü çok kısa; başkalarının tahmin edemeyeceği, daha \
     uzun bir sözcük seçmenizi öneririz";
pub const MSG_NAME: &str = "Güvenlik sözcüğü adınızla ya da soyadınızla aynı; başkalarının \
     bilemeyeceği bir sözcük seçin";
pub const MSG_ID: &str = "Güvenlik sözcüğü kimlik numaranızla aynı; başkalarının bilemeyeceği \
     bir sözcük seçin";
pub const MSG_GUESSABLE: &str = "Güvenlik sözcüğü kolay tahmin edilir (ör. 123456, şifre, \
     parola); size özel, başkalarının bilemeyeceği bir sözcük seçin";
pub const MSG_SPACES: &str = "Güvenlik sözcüğünün başında ya da sonunda boşluk var; kimliğinizi \
     kanıtlarken karışıklık olmaması için bu boşlukları silin";

/// What the clean-up before every rule (`rules::entry`) says after the field's label when
/// either field had invisible characters: never how many or where.
pub const INVISIBLE_AFTER_LABEL: &str = " alanında görünmeyen bir işaret var (kopyalayıp \
     yapıştırırken gelmiş olabilir); sözcüğü elle yeniden yazın";

/// Every message this family can give. Besides these, the only message about either field is
/// its label followed by `INVISIBLE_AFTER_LABEL` (`cargo xtask fuzz check_form` checks both).
pub const MESSAGES: &[&str] = &[
    MSG_EMPTY,
    MSG_REPEAT_EMPTY,
    MSG_MISMATCH,
    MSG_MISMATCH_CASE,
    MSG_MISMATCH_SPACE,
    MSG_SHORT,
    MSG_NAME,
    MSG_ID,
    MSG_GUESSABLE,
    MSG_SPACES,
];

/// Words anyone would try first (folded, spaces removed).
const GUESSABLE: &[&str] = &[
    "password",
    "parola",
    "sifre",
    "sifrem",
    "guvenlik",
    "guvenliksozcugu",
    "sozcuk",
    "qwerty",
    "qwerty123",
    "asdf",
    "asdfgh",
    "abc123",
    "eimza",
    "imza",
    "kamusm",
    "meb",
    "mebbis",
    "sertifika",
    "admin",
    "test",
    "deneme",
    "iloveyou",
    "qwe123",
];

/// Characters in a row on the keyboard or the number line ("123456", "654321", "aaaa").
fn is_sequence(s: &str) -> bool {
    let c: Vec<u32> = s.chars().map(u32::from).collect();
    if c.len() < 3 {
        return false;
    }
    let steps: Vec<i64> = c
        .windows(2)
        .map(|w| i64::from(w[1]) - i64::from(w[0]))
        .collect();
    steps.iter().all(|&d| d == steps[0] && d.abs() <= 1)
}

fn key(s: &str) -> String {
    fold(s).chars().filter(|c| !c.is_whitespace()).collect()
}

pub(crate) fn check(form: &Form, out: &mut Out) {
    let word = form.get(WORD);
    let repeat = form.get(REPEAT);
    let word_missing = out.missing(form, WORD);
    let repeat_missing = out.missing(form, REPEAT);
    if !word_missing {
        out.normalize(WORD, MASK.to_string());
        warnings(form, word, out);
    }
    if !repeat_missing {
        out.normalize(REPEAT, MASK.to_string());
    }
    if word_missing || repeat_missing || word == repeat {
        return;
    }
    // Compared exactly: the portal stores what is typed.
    let message = if word.trim() == repeat.trim() {
        MSG_MISMATCH_SPACE
    } else if lower_tr(word) == lower_tr(repeat) {
        MSG_MISMATCH_CASE
    } else {
        MSG_MISMATCH
    };
    out.error(REPEAT, message);
}

fn warnings(form: &Form, word: &str, out: &mut Out) {
    if word.trim() != word {
        out.warning(WORD, MSG_SPACES);
    }
    let k = key(word);
    if char_count(&k) < 4 {
        out.warning(WORD, MSG_SHORT);
        return;
    }
    let ad = key(form.get(FieldId::Ad));
    let soyad = key(form.get(FieldId::Soyad));
    let full = cat!(ad, soyad);
    if [ad.as_str(), soyad.as_str(), full.as_str()].contains(&k.as_str()) {
        out.warning(WORD, MSG_NAME);
        return;
    }
    let id = strip_separators(form.get(FieldId::KimlikNo));
    if !id.is_empty() && fold(&id) == fold(&strip_separators(word)) {
        out.warning(WORD, MSG_ID);
        return;
    }
    if is_sequence(&k) || GUESSABLE.contains(&k.as_str()) {
        out.warning(WORD, MSG_GUESSABLE);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_form;
    use crate::form::{Form, Severity};

    fn run(word: &str, repeat: &str) -> Vec<(FieldId, Severity, String)> {
        let form = Form::new()
            .with(FieldId::Ad, "Ayşe")
            .with(FieldId::Soyad, "Yılmaz")
            .with(FieldId::KimlikNo, "10000000146")
            .with(WORD, word)
            .with(REPEAT, repeat);
        check_form(&form)
            .findings
            .into_iter()
            .filter(|f| f.field == WORD || f.field == REPEAT)
            .map(|f| (f.field, f.severity, f.message))
            .collect()
    }

    #[test]
    fn rule_table() {
        use Severity::*;
        let table: &[(&str, &str, &[(FieldId, Severity, &str)])] = &[
            ("mavi kelebek", "mavi kelebek", &[]),
            ("Zeytin-Dalı", "Zeytin-Dalı", &[]),
            (
                "",
                "",
                &[
                    (WORD, Error, "Bir güvenlik sözcüğü girin"),
                    (REPEAT, Error, "bir kez daha"),
                ],
            ),
            ("kelebek", "", &[(REPEAT, Error, "bir kez daha")]),
            ("kelebek", "kelebeK", &[(REPEAT, Error, MSG_MISMATCH_CASE)]),
            (
                "kelebek",
                "kelebek ",
                &[(REPEAT, Error, MSG_MISMATCH_SPACE)],
            ),
            ("kelebek", "papatya", &[(REPEAT, Error, MSG_MISMATCH)]),
            ("KIRMIZI", "kırmızı", &[(REPEAT, Error, MSG_MISMATCH_CASE)]),
            ("abc", "abc", &[(WORD, Warning, MSG_SHORT)]),
            ("ayse", "ayse", &[(WORD, Warning, MSG_NAME)]),
            ("YILMAZ", "YILMAZ", &[(WORD, Warning, MSG_NAME)]),
            ("Ayşe Yılmaz", "Ayşe Yılmaz", &[(WORD, Warning, MSG_NAME)]),
            (
                "100 000 001 46",
                "100 000 001 46",
                &[(WORD, Warning, MSG_ID)],
            ),
            ("123456", "123456", &[(WORD, Warning, MSG_GUESSABLE)]),
            ("987654", "987654", &[(WORD, Warning, MSG_GUESSABLE)]),
            ("aaaaaa", "aaaaaa", &[(WORD, Warning, MSG_GUESSABLE)]),
            ("Şifre", "Şifre", &[(WORD, Warning, MSG_GUESSABLE)]),
            (" kelebek", " kelebek", &[(WORD, Warning, MSG_SPACES)]),
        ];
        for (word, repeat, expected) in table {
            let got = run(word, repeat);
            assert_eq!(got.len(), expected.len(), "{word:?}/{repeat:?}: {got:?}");
            for (g, e) in got.iter().zip(expected.iter()) {
                assert_eq!((g.0, g.1), (e.0, e.1), "{word:?}");
                assert!(g.2.contains(e.2), "{word:?}: {}", g.2);
            }
        }
    }

    #[test]
    fn value_is_masked_and_never_echoed() {
        let form = Form::new()
            .with(WORD, "gizliSözcük")
            .with(REPEAT, "gizliSözcüX");
        let r = check_form(&form);
        assert_eq!(r.normalized_value(WORD), Some(MASK));
        assert_eq!(r.normalized_value(REPEAT), Some(MASK));
        for f in &r.findings {
            assert!(
                !f.message.contains("gizli") && !f.message.contains("Sözcük"),
                "{f:?}"
            );
            if f.field == WORD || f.field == REPEAT {
                assert!(f.suggestion.is_none());
            }
        }
        assert_eq!(r.for_field(REPEAT).count(), 1);
    }
}
