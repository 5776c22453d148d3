//! What `kontrol.html` renders the checker form from: the validator's own field list and its
//! sections, so no field or label is typed twice.

use super::config;
use super::templates::{map, ser};
use minijinja::Value;

/// The `checker` value of the templates. Hints name the directorate's il through `{il}`
/// (AKSARAY), `{plaka}` (68) and `{alan_kodu}` (382), filled in here from site.toml. (The il
/// options come from the wasm.)
pub fn value(site: &config::SiteConfig) -> Value {
    use wasm_validator::schema;
    let il = site.il_info.clone();
    let fill = |hint: &str| -> String {
        let Some(il) = &il else {
            return hint.to_string();
        };
        hint.replace("{il}", &il.upper)
            .replace("{plaka}", &il.plate)
            .replace("{alan_kodu}", &il.area_code)
    };
    let field = |f: &schema::Field| -> Value {
        let html = f.id.html();
        map([
            ("id", Value::from(f.id.as_str())),
            ("label", Value::from(f.label)),
            ("required", Value::from(f.required())),
            ("kind", ser(f.kind)),
            ("max_len", ser(f.max_len)),
            ("options", ser(f.options)),
            ("dropdown", Value::from(f.dropdown)),
            ("hint", Value::from(html.hint.map(fill))),
            ("autocomplete", Value::from(html.autocomplete)),
            ("inputmode", Value::from(html.inputmode)),
            ("yan", Value::from(html.beside_previous)),
        ])
    };
    let sections: Vec<Value> = schema::sections()
        .iter()
        .map(|s| {
            map([
                ("id", Value::from(s.id())),
                ("title", Value::from(s.title())),
                (
                    "fields",
                    Value::from(s.fields().map(field).collect::<Vec<_>>()),
                ),
            ])
        })
        .collect();
    map([
        (
            "fields",
            Value::from(schema::FIELDS.iter().map(field).collect::<Vec<_>>()),
        ),
        ("sections", Value::from(sections)),
    ])
}
