//! Fuzz target over the whole-form check: any bytes become a form (fields separated by the
//! ASCII unit separator 0x1F, in portal order); the check must not panic, check_field must agree
//! with check_form, normalisation must be idempotent, and the security word must never leak.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wasm_validator::form::{check_field, check_form, Finding, Form};
use wasm_validator::rules::security::{MASK, MESSAGES};
use wasm_validator::schema::FIELDS;

const SECRET: [&str; 2] = ["guvenlik_sozcugu", "guvenlik_sozcugu_tekrar"];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut form = Form::new();
    for (f, value) in FIELDS.iter().zip(text.split('\u{1f}')) {
        form.set(f.id, value).unwrap();
    }
    let report = check_form(&form);

    assert_eq!(report.normalized.len(), FIELDS.len());
    for f in &report.findings {
        assert!(!f.message.is_empty());
        assert!(FIELDS.iter().any(|s| s.id == f.field));
        if SECRET.contains(&f.field) {
            // Messages about the security word are constants: the value cannot be in them.
            assert!(MESSAGES.contains(&f.message.as_str()), "{}", f.message);
            assert!(f.suggestion.is_none());
        }
    }
    for id in SECRET {
        let v = report.normalized_value(id).unwrap();
        assert!(v.is_empty() || v == MASK);
    }

    for f in FIELDS {
        let expected: Vec<Finding> = report.for_field(f.id).cloned().collect();
        assert_eq!(check_field(&form, f.id), expected, "{}", f.id);
    }

    let mut again = Form::new();
    for (id, v) in &report.normalized {
        again.set(id, v.clone()).unwrap();
    }
    assert_eq!(check_form(&again).normalized, report.normalized);
});
