//! The whole-form check: every value cleaned once (`rules::entry`), every family of rules run,
//! findings put in portal order, portal-ready values collected. Also the single-field
//! re-check the checker page runs while the user types, and which fields an edit affects.

use crate::prelude::*;

use crate::form::{Finding, Form, Report, Severity};
use crate::rules;
use crate::schema::FieldId;

/// Checks every field, with the cross-field checks, and normalises every value.
pub fn check_form(form: &Form) -> Report {
    let mut out = rules::out::Out::new();
    let form = &rules::entry::clean_form(form, None, &mut out);
    for family in rules::FAMILIES {
        (family.check)(form, &mut out);
    }
    let normalized = form
        .iter()
        .zip(out.normalized)
        .map(|((id, raw), n)| {
            let value = n.unwrap_or_else(|| rules::out::tidy(raw));
            (id, rules::entry::recompose(value))
        })
        .collect();
    Report {
        findings: in_portal_order(out.findings),
        normalized,
    }
}

/// Re-checks one field, including the cross-field checks that report on it: exactly the
/// findings `check_form` gives for that field.
pub fn check_field(form: &Form, id: FieldId) -> Vec<Finding> {
    let mut out = rules::out::Out::new();
    let form = &rules::entry::clean_form(form, Some(id), &mut out);
    for family in rules::FAMILIES.iter().filter(|f| f.owns(id)) {
        (family.check)(form, &mut out);
    }
    let mine: Vec<Finding> = out.findings.into_iter().filter(|f| f.field == id).collect();
    in_portal_order(mine)
}

/// The fields whose findings may change when `id` changes (itself included), in portal
/// order: the page re-checks these on input.
pub fn affected_fields(id: FieldId) -> Vec<FieldId> {
    FieldId::ALL
        .into_iter()
        .filter(|other| {
            rules::FAMILIES
                .iter()
                .any(|fam| fam.owns(*other) && (fam.owns(id) || fam.reads.contains(&id)))
        })
        .collect()
}

/// Puts findings in portal order of their fields, errors before warnings, keeping the rules'
/// order otherwise. (A few dozen findings at most: no sort routine in the wasm for this.)
fn in_portal_order(findings: Vec<Finding>) -> Vec<Finding> {
    let mut slots: Vec<Option<Finding>> = findings.into_iter().map(Some).collect();
    let mut ordered = Vec::with_capacity(slots.len());
    for id in FieldId::ALL {
        for severity in [Severity::Error, Severity::Warning] {
            for slot in slots.iter_mut() {
                if slot
                    .as_ref()
                    .is_some_and(|f| f.field == id && f.severity == severity)
                {
                    ordered.extend(slot.take());
                }
            }
        }
    }
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::example_form;
    use crate::schema::FIELDS;

    /// A letter and a combining mark that a rule brings together (by changing the letter's
    /// case, or dropping what stood between them) are composed in the portal-ready value, so
    /// checking that value again gives it back unchanged (`cargo xtask fuzz check_form` found
    /// "ı" + U+0307 in the T.C. Kimlik No turning into "I" + U+0307, then "İ").
    #[test]
    fn normalised_values_are_normalised_again_unchanged() {
        for raw in [
            "ı\u{307}",
            "1OOOOOOO14ı\u{307}6",
            "I\u{1}\u{307}",
            "s\u{7f}\u{327}ü",
            "Iğdı\u{302}r",
            "İ\u{302}\u{307}",
            "A@ı\u{1}\u{307}.yO",
        ] {
            let mut form = example_form();
            for id in FieldId::ALL {
                form.set(id, raw);
            }
            let first = check_form(&form);
            let mut again = Form::new();
            for (id, v) in &first.normalized {
                again.set(*id, v.as_str());
            }
            assert_eq!(check_form(&again).normalized, first.normalized, "{raw:?}");
        }
        let kimlik = check_form(&example_form().with(FieldId::KimlikNo, "ı\u{307}"));
        assert_eq!(kimlik.normalized_value(FieldId::KimlikNo), Some("İ"));
        // "ı" + U+0302 is "î", so the province is found (it was "IĞDÎR", then "IĞDIR").
        let il = check_form(&example_form().with(FieldId::Il, "Iğdı\u{302}r"));
        assert_eq!(il.normalized_value(FieldId::Il), Some("IĞDIR"));
    }

    #[test]
    fn example_form_is_clean() {
        let r = check_form(&example_form());
        assert!(r.findings.is_empty(), "{:#?}", r.findings);
        assert_eq!(r.normalized.len(), FIELDS.len());
        assert_eq!(r.normalized_value(FieldId::Ad), Some("AYŞE NUR"));
        assert_eq!(r.normalized_value(FieldId::Il), Some("AKSARAY"));
        assert_eq!(r.normalized_value(FieldId::Ilce), Some("GÜLAĞAÇ"));
        assert_eq!(
            r.normalized_value(FieldId::IsTelefonu),
            Some("0 (382) 451 20 10")
        );
        assert_eq!(
            r.normalized_value(FieldId::GuvenlikSozcugu),
            Some("********")
        );
        assert_eq!(r.normalized_value(FieldId::EvTelefonu), Some(""));
        assert!(!r.has_errors());
    }

    #[test]
    fn empty_form_reports_required_fields_in_portal_order() {
        let r = check_form(&Form::new());
        assert!(r.has_errors());
        let fields: Vec<FieldId> = r.findings.iter().map(|f| f.field).collect();
        let required: Vec<FieldId> = FIELDS
            .iter()
            .filter(|f| f.required())
            .map(|f| f.id)
            .collect();
        assert_eq!(fields, required);
        assert!(r.findings.iter().all(|f| f.severity == Severity::Error));
        assert_eq!(
            r.for_field(FieldId::Ad).next().unwrap().message,
            "Adınızı girin"
        );
    }

    #[test]
    fn check_field_matches_check_form() {
        let form = example_form()
            .with(FieldId::Il, "Niğde")
            .with(FieldId::PostaKodu, "06420")
            .with(FieldId::GuvenlikSozcuguTekrar, "başka")
            .with(FieldId::CepTelefonu, "0382 212 34 56");
        let report = check_form(&form);
        assert!(report.findings.len() >= 4, "{:#?}", report.findings);
        for f in FIELDS {
            let expected: Vec<Finding> = report.for_field(f.id).cloned().collect();
            assert_eq!(check_field(&form, f.id), expected, "{}", f.id);
        }
    }

    #[test]
    fn affected_fields_follow_the_cross_checks() {
        assert_eq!(
            affected_fields(FieldId::Il),
            [
                FieldId::Il,
                FieldId::Ilce,
                FieldId::PostaKodu,
                FieldId::IsTelefonu,
                FieldId::Dahili,
                FieldId::CepTelefonu,
                FieldId::EvTelefonu
            ]
        );
        assert!(affected_fields(FieldId::Ad).contains(&FieldId::GuvenlikSozcugu));
        assert!(affected_fields(FieldId::Ad).contains(&FieldId::Soyad));
        assert_eq!(
            affected_fields(FieldId::YayinTercihi),
            [
                FieldId::YayinTercihi,
                FieldId::MobilOperator,
                FieldId::BilgiKanali
            ]
        );
    }
}
