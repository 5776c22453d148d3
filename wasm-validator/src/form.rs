//! What a check takes and gives: a `Form` of raw values in, a `Report` of `Finding`s and
//! portal-ready values out, and the example applications used by tests and benches. The
//! check itself is `crate::check`; the rules are `crate::rules`.

use crate::prelude::*;

use crate::schema::{FieldId, FIELDS};
use core::fmt;

/// The raw values of one application, one per schema field (absent = empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    values: Vec<String>,
}

impl Default for Form {
    fn default() -> Self {
        Form::new()
    }
}

/// A field id that is not in `schema::FIELDS`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownField(pub String);

impl fmt::Display for UnknownField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bilinmeyen alan: '{}'", self.0)
    }
}

impl core::error::Error for UnknownField {}

impl Form {
    /// An empty form.
    pub fn new() -> Form {
        Form {
            values: vec![String::new(); FIELDS.len()],
        }
    }

    /// Sets a field's raw value.
    pub fn set(&mut self, id: FieldId, value: impl Into<String>) {
        self.values[id.index()] = value.into();
    }

    /// Sets the value of the field whose id is written `name` (a CSV header, a JSON key).
    pub fn set_named(&mut self, name: &str, value: impl Into<String>) -> Result<(), UnknownField> {
        let id = FieldId::parse(name).ok_or_else(|| UnknownField(name.to_string()))?;
        self.set(id, value);
        Ok(())
    }

    /// Builder form of `set`, for tests and examples.
    pub fn with(mut self, id: FieldId, value: impl Into<String>) -> Form {
        self.set(id, value);
        self
    }

    /// A field's raw value ("" when empty).
    pub fn get(&self, id: FieldId) -> &str {
        &self.values[id.index()]
    }

    /// (id, raw value) in portal order.
    pub fn iter(&self) -> impl Iterator<Item = (FieldId, &str)> {
        FieldId::ALL
            .into_iter()
            .zip(&self.values)
            .map(|(id, v)| (id, v.as_str()))
    }
}

/// How serious a finding is: an error means the portal will refuse the value or the
/// application will go wrong; a warning asks the applicant to look again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Severity {
    Error,
    Warning,
}

/// One thing to fix or look at, about one field.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Finding {
    pub field: FieldId,
    pub severity: Severity,
    /// Plain Turkish: what is wrong and how to fix it. Never contains the security word.
    pub message: String,
    /// A value the page can put into the field with one click, when there is one.
    pub suggestion: Option<String>,
}

/// The result of checking a whole form.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Report {
    /// Every finding, in portal order of the fields (errors before warnings within a field).
    pub findings: Vec<Finding>,
    /// Every field's portal-ready value, in portal order: names and institution fields in
    /// Turkish upper case, phones as `0 (xxx) xxx xx xx`, codes without spaces, choices as the
    /// portal's label, il/ilçe in the list's spelling. A value with an error is only tidied
    /// (spaces collapsed), never guessed. The security word pair is masked (`********`) so a
    /// report can be printed or logged. Serialised as a JSON object in the same order.
    #[cfg_attr(feature = "serde", serde(serialize_with = "serialize_pairs"))]
    pub normalized: Vec<(FieldId, String)>,
}

#[cfg(feature = "serde")]
fn serialize_pairs<S: serde::Serializer>(
    pairs: &[(FieldId, String)],
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(pairs.len()))?;
    for (k, v) in pairs {
        map.serialize_entry(k.as_str(), v)?;
    }
    map.end()
}

impl Report {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// The findings about one field.
    pub fn for_field(&self, id: FieldId) -> impl Iterator<Item = &Finding> + '_ {
        self.findings.iter().filter(move |f| f.field == id)
    }

    /// The normalised value of one field.
    pub fn normalized_value(&self, id: FieldId) -> Option<&str> {
        self.normalized
            .iter()
            .find(|(k, _)| *k == id)
            .map(|(_, v)| v.as_str())
    }
}

/// A complete, valid application with fictional data in the province with this plate code
/// (its first district and postal code, its area code): for tests, benches and the fuzzer.
/// Each field's value is its row's `example` in the schema. T.C. 10000000146. Not in the
/// browser code, which warms up with `warm_up_form`.
#[cfg(not(target_arch = "wasm32"))]
pub fn example_form_for(plate: u8) -> Form {
    let p = crate::geo::province(plate).or_else(|| crate::geo::province(6));
    let il = p.map(|p| p.upper_name()).unwrap_or_default();
    let district = p.and_then(|p| p.districts().next());
    let ilce = district.map(|d| d.upper_name()).unwrap_or_default();
    let code = district
        .and_then(|d| d.postal_codes().next())
        .map(|c| c.to_string())
        .unwrap_or_default();
    let area = p
        .and_then(|p| crate::geo::area_codes(p.code).first().copied())
        .unwrap_or(312)
        .to_string();
    let mut form = Form::new();
    for id in FieldId::ALL {
        let value = id
            .example()
            .replace("{il}", &il)
            .replace("{ilce}", &ilce)
            .replace("{posta_kodu}", &code)
            .replace("{alan_kodu}", &area);
        form.set(id, value);
    }
    form
}

/// The application the checker page checks once while it starts (`schema::WARM_UP`, each
/// field's row's `warm_up`): every rule family runs its full path, so the browser has
/// compiled it before the first "Kontrol et".
pub fn warm_up_form() -> Form {
    let mut form = Form::new();
    for (value, warm_up) in form.values.iter_mut().zip(crate::schema::WARM_UP) {
        value.push_str(warm_up);
    }
    form
}

/// The example application in Aksaray / Gülağaç / 68900, the original guide's province (for
/// native tests and benches; the browser code never uses it).
#[cfg(not(target_arch = "wasm32"))]
pub fn example_form() -> Form {
    example_form_for(68)
        .with(FieldId::Ilce, "Gülağaç")
        .with(FieldId::PostaKodu, "68900")
        .with(FieldId::IsTelefonu, "0 (382) 451 20 10")
}

/// Realistic values per field, valid and not (typos, other scripts' digits, wrong domains):
/// what the property tests mix with arbitrary text and what the fuzzer starts from. Each
/// field's row's `samples` in the schema.
#[cfg(not(target_arch = "wasm32"))]
pub fn sample_values(id: FieldId) -> &'static [&'static str] {
    id.samples()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_set_and_get() {
        let mut f = Form::new();
        f.set(FieldId::Ad, "Ali");
        assert_eq!(f.get(FieldId::Ad), "Ali");
        let err = f.set_named("yok", "x").unwrap_err();
        assert_eq!(err.to_string(), "bilinmeyen alan: 'yok'");
        assert!(f.set_named(FieldId::Soyad.as_str(), "Veli").is_ok());
        assert_eq!(f.get(FieldId::Soyad), "Veli");
        assert_eq!(f.iter().count(), FIELDS.len());
    }
}
