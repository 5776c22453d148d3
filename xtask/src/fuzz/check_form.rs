//! Fuzz target `check_form`: whole forms through the field rules
//! (`wasm_validator::check`). Invariants: every field normalised, in portal order; findings
//! with a message, in portal order, errors first; the security word's messages constant (one
//! of `security::MESSAGES`, or its label and `INVISIBLE_AFTER_LABEL`), without a suggestion,
//! and its values masked; `check_field`
//! agreeing with `check_form`; normalisation idempotent; and the security word never shown in
//! any message, suggestion or normalised value, however it is cased or spaced.

use super::target::{ensure, Failure, Features, Input, Target};
use std::time::Duration;
use wasm_validator::check::{check_field, check_form};
use wasm_validator::form::{
    example_form, example_form_for, sample_values, Finding, Form, Report, Severity,
};
use wasm_validator::rules::security::{INVISIBLE_AFTER_LABEL, MASK, MESSAGES};
use wasm_validator::schema::{FieldId, FIELDS};
use wasm_validator::text::fold;

const WORD: FieldId = FieldId::GuvenlikSozcugu;
const REPEAT: FieldId = FieldId::GuvenlikSozcuguTekrar;

pub fn target() -> Target {
    Target {
        name: "check_form",
        about: "forms → check_form/check_field: no panic, findings in order, check_field = \
                check_form, idempotent normalisation, the security word never shown",
        fields: field_ids(),
        min_fields: FIELDS.len(),
        max_fields: FIELDS.len(),
        // Long pasted text, 50 times a T.C. Kimlik No: longer only slows every rule down.
        max_len: 1024,
        // The checker runs in the browser's wasm, whose stack is 1 MiB.
        stack: 1 << 20,
        seeds,
        samples,
        tokens: TOKENS,
        // The page re-checks on every keystroke: 2 s is far beyond any excuse.
        time_limit: Some(Duration::from_secs(2)),
        check,
    }
}

/// The fields' ids as text (the names reports give the fields).
fn field_ids() -> &'static [&'static str] {
    static IDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    IDS.get_or_init(|| FieldId::ALL.map(FieldId::as_str).to_vec())
}

/// Fragments of the values people type: phone shapes, codes, e-mail parts, choice labels.
const TOKENS: &[&str] = &[
    "0 (",
    ") ",
    "(0",
    "+90 ",
    "0090",
    "05",
    "0532",
    "0382",
    "444",
    "0850",
    "212",
    "34 56",
    "123 45 67",
    "@meb.gov.tr",
    "@gmail.com",
    "@",
    ".gov.tr",
    ".k12.tr",
    "mailto:",
    "<a@b.c>",
    "68900",
    "06",
    "00000",
    "99999",
    "T.C. ",
    "U",
    "10000000146",
    "Mah.",
    "Cad.",
    "Sok.",
    "No:",
    "Kat:",
    "/",
    "MERKEZ",
    "Merkez",
    "İlçe",
    "İl",
    "Milli Eğitim",
    "MİLLÎ",
    "Müdürlüğü",
    "Öğretmen",
    "Turkcell",
    "Vodafone",
    "Türk Telekom",
    "Avea",
    "SMS",
    "E-posta",
    "Her İkisi",
    "Yayınlansın",
    "Yayınlanmasın",
    "Dr.",
    "Prof.",
    "Av.",
    "Hz.",
    "bin",
    "oğlu",
    "123456",
    "şifre",
    "parola",
    "qwerty",
    "mavi kelebek",
];

/// Forms written as the fields' values in portal order, separated by U+001F: a valid one, one
/// of typical typos, one of odd but possible values.
const SEED_FILES: [&str; 3] = [
    include_str!("seeds/valid"),
    include_str!("seeds/typos"),
    include_str!("seeds/mixed"),
];

/// The seed files, the example forms, and an empty form.
fn seeds() -> Vec<Input> {
    let mut seeds = Vec::new();
    for text in SEED_FILES {
        let mut input: Input = text.split('\u{1f}').map(str::to_string).collect();
        input.resize(FIELDS.len(), String::new());
        seeds.push(input);
    }
    let from_form = |form: &Form| -> Input { form.iter().map(|(_, v)| v.to_string()).collect() };
    seeds.push(from_form(&example_form()));
    for plate in [1, 6, 34, 35, 68, 81] {
        seeds.push(from_form(&example_form_for(plate)));
    }
    seeds.push(from_form(&Form::new()));
    seeds
}

/// Values that make sense in field `i`, valid and not.
fn samples(i: usize) -> Vec<String> {
    FieldId::ALL
        .get(i)
        .map(|&id| sample_values(id).iter().map(|s| s.to_string()).collect())
        .unwrap_or_default()
}

fn form_of(input: &Input) -> Form {
    let mut form = Form::new();
    for (id, v) in FieldId::ALL.into_iter().zip(input) {
        form.set(id, v.as_str());
    }
    form
}

fn check(input: &Input, features: &mut Features) -> Result<(), Failure> {
    let form = form_of(input);
    let report = check_form(&form);
    for f in &report.findings {
        // The message up to the first quoted value or number: which rule spoke, not what it
        // quoted (quoted values would make every input look new).
        let rule: String = f
            .message
            .chars()
            .take_while(|c| !c.is_ascii_digit() && *c != '“' && *c != '\'')
            .take(48)
            .collect();
        features.add((
            f.field,
            f.severity == Severity::Error,
            rule,
            f.suggestion.is_some(),
        ));
    }
    for (id, v) in &report.normalized {
        features.add((*id, v.is_empty(), v.as_str() == form.get(*id)));
    }
    check_report(&report)?;
    check_fields_agree(&form, &report)?;
    check_idempotent(&report)?;
    check_no_leak(&form, &report)
}

fn check_report(report: &Report) -> Result<(), Failure> {
    let ids: Vec<FieldId> = report.normalized.iter().map(|(id, _)| *id).collect();
    ensure(ids == FieldId::ALL, "normalized-fields", || {
        format!("normalized has {ids:?}")
    })?;
    let mut last = (FieldId::ALL[0], Severity::Error);
    for f in &report.findings {
        ensure(!f.message.trim().is_empty(), "empty-message", || {
            format!("{f:?}")
        })?;
        ensure((f.field, f.severity) >= last, "portal-order", || {
            format!("{f:?} comes after a finding of {:?}", last.0)
        })?;
        last = (f.field, f.severity);
        if f.field == WORD || f.field == REPEAT {
            // Messages about the security word are constants: the value cannot be in them.
            let invisible = f
                .message
                .strip_prefix(f.field.field().label)
                .is_some_and(|rest| rest == INVISIBLE_AFTER_LABEL);
            ensure(
                MESSAGES.contains(&f.message.as_str()) || invisible,
                "secret-message",
                || format!("not one of security::MESSAGES: {f:?}"),
            )?;
            ensure(f.suggestion.is_none(), "secret-suggestion", || {
                format!("{f:?}")
            })?;
        }
    }
    for id in [WORD, REPEAT] {
        let v = report.normalized_value(id).unwrap_or("?");
        ensure(v.is_empty() || v == MASK, "secret-masked", || {
            format!("{id:?} normalised to {v:?}")
        })?;
    }
    Ok(())
}

fn check_fields_agree(form: &Form, report: &Report) -> Result<(), Failure> {
    for id in FieldId::ALL {
        let expected: Vec<&Finding> = report.for_field(id).collect();
        let got = check_field(form, id);
        ensure(
            got.iter().eq(expected.iter().copied()),
            "check-field",
            || format!("{id:?}: check_field gave {got:?}, check_form {expected:?}"),
        )?;
    }
    Ok(())
}

fn check_idempotent(report: &Report) -> Result<(), Failure> {
    let mut again = Form::new();
    for (id, v) in &report.normalized {
        again.set(*id, v.as_str());
    }
    let second = check_form(&again);
    for ((id, a), (_, b)) in report.normalized.iter().zip(&second.normalized) {
        ensure(a == b, "idempotent", || {
            format!("{id:?}: normalised {a:?}, normalised again {b:?}")
        })?;
    }
    Ok(())
}

/// Folded, without white space: how the word is compared with what the report shows (so an
/// upper-cased or space-stripped copy of it is found too).
fn key(s: &str) -> String {
    fold(s).chars().filter(|c| !c.is_whitespace()).collect()
}

/// What the report shows, as one `key`ed text (values joined by a character `key` keeps and
/// no key contains): the security word's own constant messages aside (they are checked
/// against `MESSAGES`). Folded once per report, not once per value and word.
fn shown(report: &Report) -> String {
    let mut all = String::new();
    for f in &report.findings {
        if f.field != WORD && f.field != REPEAT {
            all.push_str(&f.message);
            all.push('\u{0}');
        }
        if let Some(s) = &f.suggestion {
            all.push_str(s);
            all.push('\u{0}');
        }
    }
    for (_, v) in &report.normalized {
        all.push_str(v);
        all.push('\u{0}');
    }
    key(&all)
}

/// The security word (or its repetition) must not show in the report. A word of three
/// letters or more can still appear legitimately (as part of a quoted name, a label, a fixed
/// text), so the report is compared with the report of the same form with a different word:
/// the word shows more often in the first only if it leaked. No family but the security
/// word's own reads the word, so the other fields' findings are the same in both.
pub fn check_no_leak(form: &Form, report: &Report) -> Result<(), Failure> {
    let words = [form.get(WORD), form.get(REPEAT)];
    let keys: Vec<String> = words
        .iter()
        .map(|w| key(w))
        .filter(|k| k.chars().count() >= 3 && !k.contains('\u{0}'))
        .collect();
    if keys.is_empty() {
        return Ok(());
    }
    let with_word = shown(report);
    if !keys.iter().any(|k| with_word.contains(k.as_str())) {
        // Not shown at all (most inputs): no second check needed.
        return Ok(());
    }
    let other = form.clone().with(WORD, "☃").with(REPEAT, "☃");
    let with_other = shown(&check_form(&other));
    for k in &keys {
        let (with, without) = (with_word.matches(k).count(), with_other.matches(k).count());
        ensure(with <= without, "secret-leak", || {
            format!(
                "the security word (as {k:?}) shows {with} times in the report, {without} times \
                 with another word: {:?}",
                report
            )
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_are_full_forms_and_pass() {
        let t = target();
        let seeds = (t.seeds)();
        assert!(seeds.len() >= 8, "the seed files are read");
        for s in &seeds {
            assert_eq!(s.len(), FIELDS.len());
            check(s, &mut Features::default()).unwrap();
        }
    }

    /// The leak check can fail: a report that quotes the word (upper-cased, as a rule
    /// normalising it would) is caught; the word appearing in a name the report quotes
    /// anyway is not a leak.
    #[test]
    fn a_quoted_security_word_is_a_leak() {
        let form = example_form()
            .with(WORD, "gizli kelebek")
            .with(REPEAT, "gizli kelebek");
        let mut report = check_form(&form);
        assert!(check_no_leak(&form, &report).is_ok());
        report.findings.push(Finding {
            field: FieldId::Ad,
            severity: Severity::Warning,
            message: "Ad “GİZLİ KELEBEK” gibi görünüyor".into(),
            suggestion: None,
        });
        let e = check_no_leak(&form, &report).unwrap_err();
        assert_eq!(e.kind, "secret-leak");
        assert!(e.detail.contains("GİZLİ KELEBEK"), "{}", e.detail);

        // In a suggestion, or in another field's portal-ready value, spaced differently.
        let mut report = check_form(&form);
        report.findings.push(Finding {
            field: FieldId::Adres,
            severity: Severity::Warning,
            message: "Adres eksik".into(),
            suggestion: Some("Gizli  Kelebek Mah.".into()),
        });
        assert_eq!(
            check_no_leak(&form, &report).unwrap_err().kind,
            "secret-leak"
        );
        let mut report = check_form(&form);
        report.normalized[FieldId::Unvan.index()].1 = "GİZLİKELEBEK".into();
        assert_eq!(
            check_no_leak(&form, &report).unwrap_err().kind,
            "secret-leak"
        );

        let same_as_name = example_form()
            .with(WORD, "Ayşe Nur")
            .with(REPEAT, "Ayşe Nur");
        assert!(check_no_leak(&same_as_name, &check_form(&same_as_name)).is_ok());
    }

    /// A message about the security word that is not one of the constants fails, even
    /// without the word in it (it could say its length); the clean-up's constant passes.
    #[test]
    fn secret_field_messages_must_be_constants() {
        let form = example_form().with(WORD, "gizli\u{200b}kelebek");
        let report = check_form(&form);
        let invisible = report.for_field(WORD).next().expect("a warning");
        assert!(invisible.message.ends_with(INVISIBLE_AFTER_LABEL));
        assert!(check_report(&report).is_ok());
        let mut report = check_form(&example_form());
        report.findings.push(Finding {
            field: WORD,
            severity: Severity::Warning,
            message: "Güvenlik sözcüğü 13 harf".into(),
            suggestion: None,
        });
        report.findings.sort_by_key(|f| (f.field, f.severity));
        assert_eq!(check_report(&report).unwrap_err().kind, "secret-message");
    }

    /// The whole target can fail: with a planted rule that quotes the security word in the
    /// name's message when the word has a "ğ" (which no seed's word has), the engine finds an
    /// input within a small budget and reports the leak with the word in its message.
    #[test]
    fn a_planted_leak_is_found_by_the_engine() {
        fn leaky(input: &Input, _: &mut Features) -> Result<(), Failure> {
            let form = form_of(input);
            let mut report = check_form(&form);
            let word = form.get(WORD);
            if word.contains(['ğ', 'Ğ']) {
                report.findings.insert(
                    0,
                    Finding {
                        field: FieldId::YayinTercihi,
                        severity: Severity::Error,
                        message: format!("Seçim “{word}” ile uyuşmuyor"),
                        suggestion: None,
                    },
                );
            }
            check_no_leak(&form, &report)
        }
        let t = Target {
            check: leaky,
            ..target()
        };
        assert!((t.seeds)()
            .iter()
            .all(|s| leaky(s, &mut Features::default()).is_ok()));
        let mut cfg = super::super::engine::Config::new(11, None);
        cfg.max_inputs = Some(20_000);
        cfg.max_distinct = 1;
        cfg.time_bounds = false;
        let s = super::super::engine::run(&t, &cfg, &mut |_, _| {}, &mut |_| {});
        assert_eq!(s.found.len(), 1, "{} inputs", s.inputs);
        let f = &s.found[0];
        assert_eq!(f.signature, "secret-leak");
        let word = form_of(&f.input).get(WORD).escape_debug().to_string();
        assert!(f.message.contains(&word), "{word} in {}", f.message);
        assert!(form_of(&f.minimized).get(WORD).contains(['ğ', 'Ğ']));
    }

    #[test]
    fn findings_out_of_portal_order_are_caught() {
        let form = Form::new();
        let mut report = check_form(&form);
        report.findings.reverse();
        assert_eq!(check_report(&report).unwrap_err().kind, "portal-order");
    }
}
