//! The whole-form check: a `Form` of raw values in, a `Report` of findings (in portal order)
//! and portal-ready normalised values out. Every value is first cleaned once
//! (`rules::entry`: invisible characters, other scripts' digits, decomposed letters); the
//! rules themselves live in `crate::rules`.

use crate::rules;
use crate::schema::{index_of, FIELDS};
use std::fmt;

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

impl std::error::Error for UnknownField {}

impl Form {
    /// An empty form.
    pub fn new() -> Form {
        Form {
            values: vec![String::new(); FIELDS.len()],
        }
    }

    /// Sets a field's raw value.
    pub fn set(&mut self, id: &str, value: impl Into<String>) -> Result<(), UnknownField> {
        let i = index_of(id).ok_or_else(|| UnknownField(id.to_string()))?;
        self.values[i] = value.into();
        Ok(())
    }

    /// Builder form of `set` for tests and examples; an unknown id is ignored.
    pub fn with(mut self, id: &str, value: impl Into<String>) -> Form {
        let _ = self.set(id, value);
        self
    }

    /// A field's raw value ("" when empty or unknown).
    pub fn get(&self, id: &str) -> &str {
        index_of(id).map_or("", |i| &self.values[i])
    }

    /// (id, raw value) in portal order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> {
        FIELDS
            .iter()
            .zip(&self.values)
            .map(|(f, v)| (f.id, v.as_str()))
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
    /// The field id (`schema::FIELDS`).
    pub field: &'static str,
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
    pub normalized: Vec<(&'static str, String)>,
}

#[cfg(feature = "serde")]
fn serialize_pairs<S: serde::Serializer>(
    pairs: &[(&'static str, String)],
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(pairs.len()))?;
    for (k, v) in pairs {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

impl Report {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// The findings about one field.
    pub fn for_field<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings.iter().filter(move |f| f.field == id)
    }

    /// The normalised value of one field.
    pub fn normalized_value(&self, id: &str) -> Option<&str> {
        self.normalized
            .iter()
            .find(|(k, _)| *k == id)
            .map(|(_, v)| v.as_str())
    }
}

/// Checks every field, with the cross-field checks, and normalises every value.
pub fn check_form(form: &Form) -> Report {
    let mut out = rules::Out::new();
    let form = &rules::entry::clean_form(form, |_| true, &mut out);
    for family in rules::FAMILIES {
        (family.check)(form, &mut out);
    }
    let normalized = FIELDS
        .iter()
        .zip(&form.values)
        .zip(out.normalized)
        .map(|((f, raw), n)| (f.id, n.unwrap_or_else(|| rules::tidy(raw))))
        .collect();
    Report {
        findings: in_portal_order(out.findings),
        normalized,
    }
}

/// Re-checks one field, including the cross-field checks that report on it: exactly the
/// findings `check_form` gives for that field (none for an unknown id).
pub fn check_field(form: &Form, id: &str) -> Vec<Finding> {
    let mut out = rules::Out::new();
    let form = &rules::entry::clean_form(form, |f| f == id, &mut out);
    for family in rules::FAMILIES.iter().filter(|f| f.fields.contains(&id)) {
        (family.check)(form, &mut out);
    }
    let mine: Vec<Finding> = out.findings.into_iter().filter(|f| f.field == id).collect();
    in_portal_order(mine)
}

/// The fields whose findings may change when `id` changes (itself included), in portal
/// order: the page re-checks these on input.
pub fn affected_fields(id: &str) -> Vec<&'static str> {
    FIELDS
        .iter()
        .map(|f| f.id)
        .filter(|other| {
            rules::FAMILIES.iter().any(|fam| {
                fam.fields.contains(other) && (fam.fields.contains(&id) || fam.reads.contains(&id))
            })
        })
        .collect()
}

/// Puts findings in portal order of their fields, errors before warnings, keeping the rules'
/// order otherwise. (A few dozen findings at most: no sort routine in the wasm for this.)
fn in_portal_order(findings: Vec<Finding>) -> Vec<Finding> {
    let mut slots: Vec<Option<Finding>> = findings.into_iter().map(Some).collect();
    let mut ordered = Vec::with_capacity(slots.len());
    for field in FIELDS {
        for severity in [Severity::Error, Severity::Warning] {
            for slot in slots.iter_mut() {
                if slot
                    .as_ref()
                    .is_some_and(|f| f.field == field.id && f.severity == severity)
                {
                    ordered.extend(slot.take());
                }
            }
        }
    }
    ordered
}

/// A complete, valid application with fictional data in the province with this plate code
/// (its first district and postal code, its area code): for tests, benches and the checker's
/// warm-up. T.C. 10000000146.
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
        .unwrap_or(312);
    Form::new()
        .with("yayin_tercihi", crate::schema::YAYIN_YAYINLANMASIN)
        .with("kimlik_no", "10000000146")
        .with("ad", "Ayşe Nur")
        .with("soyad", "Yılmaz")
        .with("guvenlik_sozcugu", "mavi kelebek 1975")
        .with("guvenlik_sozcugu_tekrar", "mavi kelebek 1975")
        .with("kurum_adi", format!("{il} MİLLÎ EĞİTİM MÜDÜRLÜĞÜ"))
        .with("birim", format!("{ilce} İLÇE MİLLÎ EĞİTİM MÜDÜRLÜĞÜ"))
        .with("unvan", "Öğretmen")
        .with("adres", "Cumhuriyet Mahallesi Atatürk Caddesi No: 12")
        .with("il", il)
        .with("ilce", ilce)
        .with("posta_kodu", code)
        .with("kurumsal_eposta", "ayse.yilmaz@meb.gov.tr")
        .with("is_telefonu", format!("0 ({area}) 212 34 56"))
        .with("dahili", "123")
        .with("cep_telefonu", "0 (532) 123 45 67")
        .with("mobil_operator", "Turkcell")
        .with("ev_telefonu", "")
        .with("bilgi_kanali", "Her İkisi (E-posta+SMS)")
}

/// The example application in Aksaray / Gülağaç / 68900, the original guide's province (for
/// native tests and benches; the browser code never uses it).
#[cfg(not(target_arch = "wasm32"))]
pub fn example_form() -> Form {
    example_form_for(68)
        .with("ilce", "Gülağaç")
        .with("posta_kodu", "68900")
        .with("is_telefonu", "0 (382) 451 20 10")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_form_is_clean() {
        let r = check_form(&example_form());
        assert!(r.findings.is_empty(), "{:#?}", r.findings);
        assert_eq!(r.normalized.len(), FIELDS.len());
        assert_eq!(r.normalized_value("ad"), Some("AYŞE NUR"));
        assert_eq!(r.normalized_value("il"), Some("AKSARAY"));
        assert_eq!(r.normalized_value("ilce"), Some("GÜLAĞAÇ"));
        assert_eq!(r.normalized_value("is_telefonu"), Some("0 (382) 451 20 10"));
        assert_eq!(r.normalized_value("guvenlik_sozcugu"), Some("********"));
        assert_eq!(r.normalized_value("ev_telefonu"), Some(""));
        assert!(!r.has_errors());
    }

    #[test]
    fn empty_form_reports_required_fields_in_portal_order() {
        let r = check_form(&Form::new());
        assert!(r.has_errors());
        let fields: Vec<&str> = r.findings.iter().map(|f| f.field).collect();
        let required: Vec<&str> = FIELDS.iter().filter(|f| f.required).map(|f| f.id).collect();
        assert_eq!(fields, required);
        assert!(r.findings.iter().all(|f| f.severity == Severity::Error));
        assert_eq!(r.for_field("ad").next().unwrap().message, "Adınızı girin");
    }

    #[test]
    fn form_set_and_get() {
        let mut f = Form::new();
        assert!(f.set("ad", "Ali").is_ok());
        assert_eq!(f.get("ad"), "Ali");
        let err = f.set("yok", "x").unwrap_err();
        assert_eq!(err.to_string(), "bilinmeyen alan: 'yok'");
        assert_eq!(f.get("yok"), "");
        assert_eq!(f.iter().count(), FIELDS.len());
    }

    #[test]
    fn check_field_matches_check_form() {
        let form = example_form()
            .with("il", "Niğde")
            .with("posta_kodu", "06420")
            .with("guvenlik_sozcugu_tekrar", "başka")
            .with("cep_telefonu", "0382 212 34 56");
        let report = check_form(&form);
        assert!(report.findings.len() >= 4, "{:#?}", report.findings);
        for f in FIELDS {
            let expected: Vec<Finding> = report.for_field(f.id).cloned().collect();
            assert_eq!(check_field(&form, f.id), expected, "{}", f.id);
        }
        assert!(check_field(&form, "yok").is_empty());
    }

    #[test]
    fn affected_fields_follow_the_cross_checks() {
        assert_eq!(
            affected_fields("il"),
            [
                "il",
                "ilce",
                "posta_kodu",
                "is_telefonu",
                "dahili",
                "cep_telefonu",
                "ev_telefonu"
            ]
        );
        assert!(affected_fields("ad").contains(&"guvenlik_sozcugu"));
        assert!(affected_fields("ad").contains(&"soyad"));
        assert_eq!(
            affected_fields("yayin_tercihi"),
            ["yayin_tercihi", "mobil_operator", "bilgi_kanali"]
        );
        assert!(affected_fields("yok").is_empty());
    }
}
