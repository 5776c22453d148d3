//! Sertifika yayın tercihi, Mobil Operatör Tip, Bilgi Kanalı: one of the schema's options,
//! matched loosely and normalised to the portal's label. The operator is never checked against
//! the phone prefix (numbers are portable since 2008). The publication choice has the one
//! option the original guide shows and asks for; anything else is an error that names it.

use super::{tidy, Out};
use crate::form::Form;
use crate::schema::{field, ChoiceOption, YAYIN_YAYINLANMASIN};
use crate::text::fold;

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

fn find(id: &str, input: &str) -> Option<&'static ChoiceOption> {
    let f = field(id)?;
    f.match_option(input).or_else(|| {
        if id != "mobil_operator" {
            return None;
        }
        let key = fold(&crate::text::collapse_spaces(input));
        let value = OPERATOR_ALIASES.iter().find(|(a, _)| *a == key)?.1;
        f.options.iter().find(|o| o.value == value)
    })
}

fn labels(id: &str) -> String {
    let options = field(id).map_or(&[][..], |f| f.options);
    let quoted: Vec<String> = options.iter().map(|o| format!("“{}”", o.label)).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} ya da {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

pub(crate) fn check(form: &Form, out: &mut Out) {
    for (id, name) in [
        ("yayin_tercihi", "Sertifika"),
        ("mobil_operator", "Mobil operatör"),
        ("bilgi_kanali", "Bilgi kanalı"),
    ] {
        if out.missing(form, id) {
            continue;
        }
        let Some(option) = find(id, &tidy(form.get(id))) else {
            let message = if id == "yayin_tercihi" {
                format!("{name} alanında “{YAYIN_YAYINLANMASIN}” seçeneğini seçin")
            } else {
                format!("{name} için {} seçeneklerinden birini seçin", labels(id))
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
    use crate::form::{check_field, check_form, Form, Severity};

    #[test]
    fn rule_table() {
        use Severity::*;
        let table: &[(&str, &str, Option<(Severity, &str)>, &str)] = &[
            (
                "yayin_tercihi",
                "Sertifikam İnternette Yayınlanmasın",
                None,
                YAYIN_YAYINLANMASIN,
            ),
            ("yayin_tercihi", "yayinlanmasin", None, YAYIN_YAYINLANMASIN),
            (
                "yayin_tercihi",
                "SERTİFİKAM İNTERNETTE YAYINLANMASIN",
                None,
                YAYIN_YAYINLANMASIN,
            ),
            (
                "yayin_tercihi",
                "Sertifikam İnternette Yayınlansın",
                Some((
                    Error,
                    "Sertifika alanında “Sertifikam İnternette Yayınlanmasın” seçeneğini seçin",
                )),
                "Sertifikam İnternette Yayınlansın",
            ),
            (
                "yayin_tercihi",
                "evet",
                Some((
                    Error,
                    "“Sertifikam İnternette Yayınlanmasın” seçeneğini seçin",
                )),
                "evet",
            ),
            ("mobil_operator", "turkcell", None, "Turkcell"),
            ("mobil_operator", "VODAFONE", None, "Vodafone"),
            ("mobil_operator", "Türk Telekom", None, "Türk Telekom"),
            ("mobil_operator", "turk-telekom", None, "Türk Telekom"),
            ("mobil_operator", "Avea", None, "Türk Telekom"),
            ("mobil_operator", "Telsim", None, "Vodafone"),
            (
                "mobil_operator",
                "Başka",
                Some((
                    Error,
                    "“Turkcell”, “Vodafone” ya da “Türk Telekom” seçeneklerinden",
                )),
                "Başka",
            ),
            ("bilgi_kanali", "Eposta", None, "Eposta"),
            ("bilgi_kanali", "e-posta", None, "Eposta"),
            ("bilgi_kanali", "SMS", None, "SMS"),
            (
                "bilgi_kanali",
                "Her İkisi (E-posta+SMS)",
                None,
                "Her İkisi (E-posta+SMS)",
            ),
            ("bilgi_kanali", "her ikisi", None, "Her İkisi (E-posta+SMS)"),
            (
                "bilgi_kanali",
                "faks",
                Some((Error, "Bilgi kanalı için")),
                "faks",
            ),
        ];
        for (id, input, expected, normalized) in table {
            let form = Form::new().with(id, *input);
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
                Some(*normalized),
                "{input}"
            );
        }
    }
}
