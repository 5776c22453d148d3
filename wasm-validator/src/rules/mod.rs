//! The field rules, one module per family of fields. Each family checks its own fields
//! (reading others for the cross-field checks), reports findings only about its own fields and
//! sets their normalised values; so re-checking one field means running one family. Which
//! family owns a field is said in the field's row of the schema (`FieldId::family`).

pub mod address;
pub mod choices;
pub mod email;
pub(crate) mod entry;
pub mod identity;
pub mod institution;
pub mod names;
pub(crate) mod out;
pub mod phone;
pub mod security;

use crate::form::Form;
use crate::schema::{FieldId, RuleFamily};
use out::Out;

/// A family of rules: which one it is, the other fields it reads, and the check.
pub(crate) struct Family {
    pub id: RuleFamily,
    pub reads: &'static [FieldId],
    pub check: fn(&Form, &mut Out),
}

impl Family {
    /// Whether the family checks (and reports on) this field.
    pub fn owns(&self, field: FieldId) -> bool {
        field.family() == self.id
    }
}

/// Every family, in `RuleFamily` order (`FAMILIES[family as usize].id == family`).
pub(crate) static FAMILIES: &[Family] = &[
    Family {
        id: RuleFamily::Choices,
        reads: &[],
        check: choices::check,
    },
    Family {
        id: RuleFamily::Identity,
        reads: &[],
        check: identity::check,
    },
    Family {
        id: RuleFamily::Names,
        reads: &[],
        check: names::check,
    },
    Family {
        id: RuleFamily::Security,
        reads: &[FieldId::KimlikNo, FieldId::Ad, FieldId::Soyad],
        check: security::check,
    },
    Family {
        id: RuleFamily::Institution,
        reads: &[],
        check: institution::check,
    },
    Family {
        id: RuleFamily::Address,
        reads: &[],
        check: address::check,
    },
    Family {
        id: RuleFamily::Email,
        reads: &[],
        check: email::check,
    },
    Family {
        id: RuleFamily::Phone,
        reads: &[FieldId::Il],
        check: phone::check,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_form;
    use crate::form::{example_form_for, sample_values, warm_up_form};
    use crate::schema::FIELDS;

    /// What is missing for every field to be checked, exemplified and warmed up, given the
    /// warm-up and example forms: empty when all is well.
    fn coverage_problems(warm_up: &Form, example: &Form) -> Vec<String> {
        let mut problems = Vec::new();
        for (i, fam) in FAMILIES.iter().enumerate() {
            if fam.id as usize != i {
                problems.push(format!("FAMILIES[{i}] is {:?}, out of order", fam.id));
            }
            if !FieldId::ALL.into_iter().any(|id| fam.owns(id)) {
                problems.push(format!("{:?} owns no field", fam.id));
            }
            // Warmed up along its full path: at least one of its fields is filled in.
            if !FieldId::ALL
                .into_iter()
                .any(|id| fam.owns(id) && !warm_up.get(id).is_empty())
            {
                problems.push(format!("{:?} is not warmed up", fam.id));
            }
            for id in fam.reads {
                if fam.owns(*id) {
                    problems.push(format!("{id} is read and owned by {:?}", fam.id));
                }
            }
        }
        for f in FIELDS {
            let id = f.id;
            if FAMILIES.iter().filter(|fam| fam.owns(id)).count() != 1 {
                problems.push(format!("{id}: no rule family in FAMILIES checks it"));
            }
            if f.required() && example.get(id).is_empty() {
                problems.push(format!("{id}: required but has no example"));
            }
            if f.required() && warm_up.get(id).is_empty() {
                problems.push(format!("{id}: required but not warmed up"));
            }
            if sample_values(id).is_empty() {
                problems.push(format!("{id}: no sample values"));
            }
        }
        for (name, form) in [("warm-up", warm_up), ("example", example)] {
            let report = check_form(form);
            if !report.findings.is_empty() {
                problems.push(format!(
                    "the {name} form is not clean: {:?}",
                    report.findings
                ));
            }
        }
        problems
    }

    #[test]
    fn every_field_has_a_family_an_example_and_is_warmed_up() {
        let none: Vec<String> = Vec::new();
        for plate in [6, 34, 68] {
            assert_eq!(
                coverage_problems(&warm_up_form(), &example_form_for(plate)),
                none
            );
        }
    }

    #[test]
    fn a_family_left_out_of_the_warm_up_is_reported() {
        let example = example_form_for(68);
        // The e-mail family's one field, blanked: as if its row had no warm-up value.
        let warm_up = warm_up_form().with(FieldId::KurumsalEposta, "");
        let problems = coverage_problems(&warm_up, &example);
        assert!(
            problems.contains(&"Email is not warmed up".to_string()),
            "{problems:?}"
        );
        assert!(
            problems.contains(&"kurumsal_eposta: required but not warmed up".to_string()),
            "{problems:?}"
        );
        // An optional field may stay empty, but not every field of its family.
        let warm_up = FieldId::ALL
            .into_iter()
            .filter(|id| id.family() == RuleFamily::Phone)
            .fold(warm_up_form(), |form, id| form.with(id, ""));
        let problems = coverage_problems(&warm_up, &example);
        assert!(
            problems.contains(&"Phone is not warmed up".to_string()),
            "{problems:?}"
        );
        let example = example.with(FieldId::Ad, "");
        assert!(coverage_problems(&warm_up_form(), &example)
            .contains(&"ad: required but has no example".to_string()));
    }

    #[test]
    fn every_required_field_has_its_own_message() {
        let messages: Vec<&str> = FIELDS.iter().filter_map(|f| f.empty).collect();
        for (i, m) in messages.iter().enumerate() {
            assert!(!messages[..i].contains(m), "{m} twice");
        }
        assert_eq!(FieldId::Dahili.field().empty, None);
        assert!(FieldId::Ad.field().required());
    }
}
