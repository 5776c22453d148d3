//! The checker's field list and example application as JSON, for the code outside Rust that
//! drives the checker page (the browser tests, the bench's browser figures): they read it
//! instead of typing the fields again. `cargo xtask test` writes it next to the test site
//! (`target/checker-fixture.json`) and passes its path as `CHECKER_FIXTURE`.

use serde_json::{json, Value};
use wasm_validator::form::example_form;
use wasm_validator::schema::{Kind, FIELDS};

/// How the page lets the user set a field's value (kontrol.html renders it from the schema).
fn control(kind: Kind, dropdown: bool) -> &'static str {
    match kind {
        Kind::Choice if dropdown => "select",
        Kind::Choice => "radio",
        Kind::Province => "select",
        _ => "text",
    }
}

/// `{"fields": [{id, label, kind, control, required}], "example": {id: value}}`. Example values
/// are what a user puts into each control: a choice's option value, the il's list name.
pub fn checker_fixture() -> Value {
    let form = example_form();
    let fields: Vec<Value> = FIELDS
        .iter()
        .map(|f| {
            json!({
                "id": f.id.as_str(),
                "label": f.label,
                "kind": f.kind,
                "control": control(f.kind, f.dropdown),
                "required": f.required(),
            })
        })
        .collect();
    let example: serde_json::Map<String, Value> = form
        .iter()
        .map(|(id, raw)| {
            let f = id.field();
            let value = match f.kind {
                Kind::Choice => f.match_option(raw).map_or(raw, |o| o.value).to_string(),
                Kind::Province => wasm_validator::geo::find_province(raw)
                    .map_or_else(|| raw.to_string(), |p| p.upper_name()),
                _ => raw.to_string(),
            };
            (id.as_str().to_string(), Value::String(value))
        })
        .collect();
    json!({ "fields": fields, "example": example })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_with_a_settable_example() {
        let v = checker_fixture();
        assert_eq!(v["fields"].as_array().map(Vec::len), Some(FIELDS.len()));
        for f in FIELDS {
            let value = v["example"][f.id.as_str()].as_str().expect("example value");
            if f.kind == Kind::Choice && !value.is_empty() {
                assert!(
                    f.options.iter().any(|o| o.value == value),
                    "{}: '{value}' is an option value",
                    f.id
                );
            }
        }
    }
}
