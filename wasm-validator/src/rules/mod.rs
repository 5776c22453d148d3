//! The field rules, one module per family of fields. Each family checks its own fields
//! (reading others for the cross-field checks), reports findings only about its own fields and
//! sets their normalised values; so re-checking one field means running one family.

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
use crate::schema::FieldId;
use out::Out;

/// A family of rules: the fields it reports on, the other fields it reads, and the check.
pub(crate) struct Family {
    pub fields: &'static [FieldId],
    pub reads: &'static [FieldId],
    pub check: fn(&Form, &mut Out),
}

/// Every family; together their `fields` cover the schema exactly once.
pub(crate) static FAMILIES: &[Family] = &[
    Family {
        fields: &[
            FieldId::YayinTercihi,
            FieldId::MobilOperator,
            FieldId::BilgiKanali,
        ],
        reads: &[],
        check: choices::check,
    },
    Family {
        fields: &[FieldId::KimlikNo],
        reads: &[],
        check: identity::check,
    },
    Family {
        fields: &[FieldId::Ad, FieldId::Soyad],
        reads: &[],
        check: names::check,
    },
    Family {
        fields: &[FieldId::GuvenlikSozcugu, FieldId::GuvenlikSozcuguTekrar],
        reads: &[FieldId::KimlikNo, FieldId::Ad, FieldId::Soyad],
        check: security::check,
    },
    Family {
        fields: &[
            FieldId::KurumAdi,
            FieldId::Birim,
            FieldId::Unvan,
            FieldId::Adres,
        ],
        reads: &[],
        check: institution::check,
    },
    Family {
        fields: &[FieldId::Il, FieldId::Ilce, FieldId::PostaKodu],
        reads: &[],
        check: address::check,
    },
    Family {
        fields: &[FieldId::KurumsalEposta],
        reads: &[],
        check: email::check,
    },
    Family {
        fields: &[
            FieldId::IsTelefonu,
            FieldId::Dahili,
            FieldId::CepTelefonu,
            FieldId::EvTelefonu,
        ],
        reads: &[FieldId::Il],
        check: phone::check,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::FIELDS;

    #[test]
    fn families_cover_the_schema_once() {
        for f in FIELDS {
            let owners = FAMILIES
                .iter()
                .filter(|fam| fam.fields.contains(&f.id))
                .count();
            assert_eq!(owners, 1, "{}", f.id);
        }
        for fam in FAMILIES {
            for id in fam.reads {
                assert!(!fam.fields.contains(id), "{id} is read and owned");
            }
        }
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
