//! Sertifika yayın tercihi, Mobil Operatör Tip, Bilgi Kanalı: one of the schema's options,
//! matched loosely and normalised to the portal's label. The operator is never checked against
//! the phone prefix (numbers are portable since 2008). The publication choice has the one
//! option the original guide shows and asks for; anything else is an error that names it.

use crate::prelude::*;

use super::out::{tidy, Out};
use crate::form::Form;
use crate::schema::FieldId;
use crate::schema::{ChoiceOption, YAYIN_YAYINLANMASIN};
use crate::text::{fold, join};

/// Other names people use for an operator (old brand names, short forms), folded.
const OPERATOR_ALIASES: &[(&str, &str)] = &[
    ("avea", "turk-telekom"),
    ("tt", "turk-telekom"),
    ("tt mobil", "turk-telekom"),
    ("turk telekom mobil", "turk-telekom"),
    ("turktelekom", "turk-telekom"),
    ("telsim", "vodafone"),
    ("aycell", "turk-telekom"),
];

fn find(id: FieldId, input: &str) -> Option<&'static ChoiceOption> {
    let f = id.field();
    f.match_option(input).or_else(|| {
        if id != FieldId::MobilOperator {
            return None;
        }
        let key = fold(&crate::text::collapse_spaces(input));
        let value = OPERATOR_ALIASES.iter().find(|(a, _)| *a == key)?.1;
        f.options.iter().find(|o| o.value == value)
    })
}

fn labels(id: FieldId) -> String {
    let options = id.field().options;
    let quoted: Vec<String> = options.iter().map(|o| cat!("“", o.label, "”")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => cat!(join(rest, ", "), " ya da ", last),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

pub(crate) fn check(form: &Form, out: &mut Out) {
    for (id, name) in [
        (FieldId::YayinTercihi, "Sertifika"),
        (FieldId::MobilOperator, "Mobil operatör"),
        (FieldId::BilgiKanali, "Bilgi kanalı"),
    ] {
        if out.missing(form, id) {
            continue;
        }
        let Some(option) = find(id, &tidy(form.get(id))) else {
            let message = if id == FieldId::YayinTercihi {
                cat!(
                    name,
                    " alanında “",
                    YAYIN_YAYINLANMASIN,
                    "” seçeneğini seçin"
                )
            } else {
                cat!(name, " için ", labels(id), " seçeneklerinden birini seçin")
            };
            out.error(id, message);
            continue;
        };
        out.normalize(id, option.label.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check_field, check_form};
    use crate::form::{Form, Severity};

    #[test]
    fn rule_table() {
        use Severity::*;
        let table: &[(FieldId, &str, Option<(Severity, &str)>, &str)] = &[
            (
                FieldId::YayinTercihi,
                "Sertifikam İnternette Yayınlanmasın",
                None,
                YAYIN_YAYINLANMASIN,
            ),
            (
                FieldId::YayinTercihi,
                "yayinlanmasin",
                None,
                YAYIN_YAYINLANMASIN,
            ),
            (
                FieldId::YayinTercihi,
                "SERTİFİKAM İNTERNETTE YAYINLANMASIN",
                None,
                YAYIN_YAYINLANMASIN,
            ),
            (
                FieldId::YayinTercihi,
                "Sertifikam İnternette Yayınlansın",
                Some((
                    Error,
                    "Sertifika alanında “Sertifikam İnternette Yayınlanmasın” seçeneğini seçin",
                )),
                "Sertifikam İnternette Yayınlansın",
            ),
            (
                FieldId::YayinTercihi,
                "evet",
                Some((
                    Error,
                    "“Sertifikam İnternette Yayınlanmasın” seçeneğini seçin",
                )),
                "evet",
            ),
            (FieldId::MobilOperator, "turkcell", None, "Turkcell"),
            (FieldId::MobilOperator, "VODAFONE", None, "Vodafone"),
            (FieldId::MobilOperator, "Türk Telekom", None, "Türk Telekom"),
            (FieldId::MobilOperator, "turk-telekom", None, "Türk Telekom"),
            (FieldId::MobilOperator, "Avea", None, "Türk Telekom"),
            (FieldId::MobilOperator, "Telsim", None, "Vodafone"),
            (
                FieldId::MobilOperator,
                "Başka",
                Some((
                    Error,
                    "“Turkcell”, “Vodafone” ya da “Türk Telekom” seçeneklerinden",
                )),
                "Başka",
            ),
            (FieldId::BilgiKanali, "Eposta", None, "Eposta"),
            (FieldId::BilgiKanali, "e-posta", None, "Eposta"),
            (FieldId::BilgiKanali, "SMS", None, "SMS"),
            (
                FieldId::BilgiKanali,
                "Her İkisi (E-posta+SMS)",
                None,
                "Her İkisi (E-posta+SMS)",
            ),
            (
                FieldId::BilgiKanali,
                "her ikisi",
                None,
                "Her İkisi (E-posta+SMS)",
            ),
            (
                FieldId::BilgiKanali,
                "faks",
                Some((Error, "Bilgi kanalı için")),
                "faks",
            ),
        ];
        for &(id, input, ref expected, normalized) in table {
            let form = Form::new().with(id, input);
            let got = check_field(&form, id);
            match expected {
                None => assert!(got.is_empty(), "{input}: {got:?}"),
                Some((sev, text)) => {
                    assert_eq!(got.len(), 1, "{input}: {got:?}");
                    assert_eq!(got[0].severity, *sev);
                    assert!(got[0].message.contains(text), "{}", got[0].message);
                }
            }
            assert_eq!(
                check_form(&form).normalized_value(id),
                Some(normalized),
                "{input}"
            );
        }
    }
}
