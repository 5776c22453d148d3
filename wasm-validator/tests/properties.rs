//! Property tests of the field rules: T.C. Kimlik No check digits, idempotent normalisation,
//! check_field agreeing with check_form, honest `affected_fields`, no panics, and the security
//! word never appearing in a message.

use proptest::prelude::*;
use wasm_validator::check::{affected_fields, check_field, check_form};
use wasm_validator::form::{example_form, sample_values, Finding, Form, Severity};
use wasm_validator::schema::{FieldId, FIELDS};

/// The two check digits, computed here independently of the crate (domain.md's formula).
fn with_check_digits(first9: &[u8]) -> String {
    let d: Vec<i32> = first9.iter().map(|&x| i32::from(x)).collect();
    let odd = d[0] + d[2] + d[4] + d[6] + d[8];
    let even = d[1] + d[3] + d[5] + d[7];
    let d10 = (7 * odd - even).rem_euclid(10);
    let d11 = (d.iter().sum::<i32>() + d10) % 10;
    let mut s: String = d.iter().map(|x| x.to_string()).collect();
    s.push_str(&format!("{d10}{d11}"));
    s
}

fn valid_tc() -> impl Strategy<Value = String> {
    (1u8..=9, proptest::collection::vec(0u8..=9, 8)).prop_map(|(first, rest)| {
        let mut nine = vec![first];
        nine.extend(rest);
        with_check_digits(&nine)
    })
}

fn kimlik_findings(value: &str) -> Vec<Finding> {
    check_field(
        &Form::new().with(FieldId::KimlikNo, value),
        FieldId::KimlikNo,
    )
}

fn value_for(id: FieldId) -> BoxedStrategy<String> {
    let pool: Vec<String> = sample_values(id).iter().map(|s| s.to_string()).collect();
    prop_oneof![
        2 => Just(String::new()),
        4 => proptest::sample::select(pool.clone()),
        // Control characters pasted in (the fuzzer found normalisation must drop them first).
        1 => proptest::sample::select(pool).prop_map(|s| format!("\u{0}{s}\u{7}")),
        2 => "[a-zA-ZçğıİöşüÇĞÖŞÜ0-9 ()+@.'-]{0,24}",
        1 => any::<String>(),
    ]
    .boxed()
}

fn any_form() -> impl Strategy<Value = Form> {
    let strategies: Vec<BoxedStrategy<String>> = FIELDS.iter().map(|f| value_for(f.id)).collect();
    strategies.prop_map(|values| {
        let mut form = Form::new();
        for (f, v) in FIELDS.iter().zip(values) {
            form.set(f.id, v);
        }
        form
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_valid_tc_is_accepted(tc in valid_tc()) {
        prop_assert!(kimlik_findings(&tc).is_empty(), "{}", tc);
    }

    #[test]
    fn every_single_digit_change_is_rejected(tc in valid_tc(), pos in 0usize..11, delta in 1u8..=9) {
        let mut digits: Vec<u8> = tc.bytes().map(|b| b - b'0').collect();
        digits[pos] = (digits[pos] + delta) % 10;
        let changed: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        let findings = kimlik_findings(&changed);
        prop_assert_eq!(findings.len(), 1, "{}", changed);
        prop_assert_eq!(findings[0].severity, Severity::Error);
    }

    #[test]
    fn normalisation_is_idempotent(form in any_form()) {
        let first = check_form(&form);
        let mut again = Form::new();
        for (id, v) in &first.normalized {
            again.set(*id, v.clone());
        }
        let second = check_form(&again);
        prop_assert_eq!(&first.normalized, &second.normalized);
    }

    #[test]
    fn check_field_agrees_with_check_form(form in any_form()) {
        let report = check_form(&form);
        for f in FIELDS {
            let expected: Vec<Finding> = report.for_field(f.id).cloned().collect();
            prop_assert_eq!(check_field(&form, f.id), expected, "{}", f.id);
        }
        prop_assert_eq!(report.normalized.len(), FIELDS.len());
    }

    #[test]
    fn affected_fields_are_honest(form in any_form(), which in 0usize..20, value in value_for(FieldId::Il)) {
        let id = FIELDS[which].id;
        let before = check_form(&form);
        let after = check_form(&form.clone().with(id, value));
        let affected = affected_fields(id);
        for f in FIELDS.iter().filter(|f| !affected.contains(&f.id)) {
            let a: Vec<&Finding> = before.for_field(f.id).collect();
            let b: Vec<&Finding> = after.for_field(f.id).collect();
            prop_assert_eq!(a, b, "changing {} changed {}", id, f.id);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(values in proptest::collection::vec(any::<String>(), 20)) {
        let mut form = Form::new();
        for (f, v) in FIELDS.iter().zip(values) {
            form.set(f.id, v);
        }
        let report = check_form(&form);
        prop_assert!(report.findings.iter().all(|f| !f.message.is_empty()));
    }

    #[test]
    fn security_word_never_in_a_message(
        word in "[qwxQWX]{2}[0-9]{1,3}[a-zA-Z ]{0,8}",
        repeat_same in any::<bool>(),
        form in any_form(),
    ) {
        // Other fields must not contain the word themselves (they may be echoed).
        let clean = |v: &str| v.chars().filter(|c| !"qwxQWX".contains(*c)).collect::<String>();
        let mut f = Form::new();
        for (id, v) in form.iter() {
            f.set(id, clean(v));
        }
        let repeat = if repeat_same { word.clone() } else { format!("{word}!") };
        let f = f.with(FieldId::GuvenlikSozcugu, word.clone()).with(FieldId::GuvenlikSozcuguTekrar, repeat);
        let report = check_form(&f);
        for finding in &report.findings {
            prop_assert!(!finding.message.contains(word.trim()), "{:?}", finding);
            prop_assert!(finding.suggestion.as_deref().is_none_or(|s| !s.contains(word.trim())));
        }
        for (_, v) in &report.normalized {
            prop_assert!(!v.contains(word.trim()));
        }
    }
}

#[test]
fn example_form_has_no_findings() {
    let r = check_form(&example_form());
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
}

#[test]
fn domain_examples() {
    for tc in ["10000000146", "17291716060", "10167994524"] {
        assert!(kimlik_findings(tc).is_empty(), "{tc}");
        assert_eq!(
            with_check_digits(&tc.bytes().take(9).map(|b| b - b'0').collect::<Vec<_>>()),
            tc
        );
    }
    assert_eq!(kimlik_findings("17291716050").len(), 1);
}
