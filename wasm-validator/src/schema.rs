//! The Başvuru Formu's fields in portal order: the one list the rules, the checker page and the
//! batch check all read. Static data, nothing to allocate.

/// A section of the Başvuru Formu, in portal order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    /// "Başvuru Bilgileri": the certificate publication choice.
    Basvuru,
    /// "Kişisel Bilgiler": identity, name and the security word.
    Kisisel,
    /// "Kurum Bilgileri": institution and the delivery address.
    Kurum,
    /// "İletişim Bilgileri": e-mail, phones and the notification channel.
    Iletisim,
}

impl Section {
    /// A stable ASCII id (for HTML ids and CSS classes).
    pub const fn id(self) -> &'static str {
        match self {
            Section::Basvuru => "basvuru",
            Section::Kisisel => "kisisel",
            Section::Kurum => "kurum",
            Section::Iletisim => "iletisim",
        }
    }

    /// The heading as the portal shows it.
    pub const fn title(self) -> &'static str {
        match self {
            Section::Basvuru => "Başvuru Bilgileri",
            Section::Kisisel => "Kişisel Bilgiler",
            Section::Kurum => "Kurum Bilgileri",
            Section::Iletisim => "İletişim Bilgileri",
        }
    }

    /// The fields of this section, in portal order.
    pub fn fields(self) -> impl Iterator<Item = &'static Field> {
        FIELDS.iter().filter(move |f| f.section == self)
    }
}

/// Serialised as `{"id": "kisisel", "title": "Kişisel Bilgiler"}` so templates need no lookup.
#[cfg(feature = "serde")]
impl serde::Serialize for Section {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Section", 2)?;
        st.serialize_field("id", self.id())?;
        st.serialize_field("title", self.title())?;
        st.end()
    }
}

/// The sections in portal order.
pub fn sections() -> &'static [Section] {
    &[
        Section::Basvuru,
        Section::Kisisel,
        Section::Kurum,
        Section::Iletisim,
    ]
}

/// What kind of input a field is; the checker page picks the HTML control from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Kind {
    /// Free text (names, institution, address, passport or T.C. Kimlik No).
    Text,
    /// Digits only (Dahili, Posta Kodu).
    Digits,
    /// An e-mail address.
    Email,
    /// A Turkish phone number.
    Tel,
    /// One of `Field::options`.
    Choice,
    /// A choice among the 81 provinces, filled from `geo::provinces()` when the page is built.
    Province,
    /// A choice among the districts of the chosen province, filled from `geo::districts()`.
    District,
    /// Text the checker never shows back (the security word): render it as a text input with
    /// `autocomplete="off"`; messages never contain its value.
    Secret,
}

/// One option of a choice field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ChoiceOption {
    /// A stable ASCII value (for `<option value>`).
    pub value: &'static str,
    /// The text as the portal shows it; this is what `Report::normalized` holds.
    pub label: &'static str,
}

/// One field of the Başvuru Formu.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Field {
    /// The id used everywhere (form keys, CSV headers, HTML ids).
    pub id: &'static str,
    /// The label as the portal shows it.
    pub label: &'static str,
    pub section: Section,
    /// Help shown under the label (plain Turkish), if any.
    pub hint: Option<&'static str>,
    /// Whether the checker treats an empty value as an error.
    pub required: bool,
    pub kind: Kind,
    /// The HTML `autocomplete` attribute to use.
    pub autocomplete: &'static str,
    /// The HTML `inputmode` attribute to use, if any.
    pub inputmode: Option<&'static str>,
    /// A length limit of the portal-ready value, where one is known.
    pub max_len: Option<usize>,
    /// The options of a `Kind::Choice` field (empty otherwise).
    pub options: &'static [ChoiceOption],
    /// A `Kind::Choice` shown as a drop-down list, as the portal shows it (else radios).
    pub dropdown: bool,
}

impl Field {
    /// The option the input names, matched by value or label without case, diacritics or
    /// punctuation ("her ikisi", "Her İkisi (E-posta+SMS)" and "her-ikisi" all match).
    pub fn match_option(&self, input: &str) -> Option<&'static ChoiceOption> {
        let key: String = option_key(input).collect();
        if key.is_empty() {
            return None;
        }
        let same = |s: &str| option_key(s).eq(key.chars());
        self.options
            .iter()
            .find(|o| same(o.value) || same(o.label))
            .or_else(|| {
                // A label shortened to its first words ("Her İkisi") still names one option.
                if key.len() < 3 {
                    return None;
                }
                let starts = |s: &str| {
                    let mut label = option_key(s);
                    key.chars().all(|c| label.next() == Some(c))
                };
                let mut hits = self.options.iter().filter(|o| starts(o.label));
                let first = hits.next();
                if hits.next().is_none() {
                    first
                } else {
                    None
                }
            })
    }
}

/// Folded letters and digits only: the comparison key of a choice, without allocating.
fn option_key(s: &str) -> impl Iterator<Item = char> + '_ {
    crate::text::fold_chars(s).filter(|c| c.is_ascii_alphanumeric())
}

pub const YAYIN_YAYINLANMASIN: &str = "Sertifikam İnternette Yayınlanmasın";

/// The one option the original guide shows (and asks for); the portal's other option is not
/// documented anywhere this handbook could check, so it is not invented here.
const YAYIN_OPTIONS: &[ChoiceOption] = &[ChoiceOption {
    value: "yayinlanmasin",
    label: YAYIN_YAYINLANMASIN,
}];

const OPERATOR_OPTIONS: &[ChoiceOption] = &[
    ChoiceOption {
        value: "turkcell",
        label: "Turkcell",
    },
    ChoiceOption {
        value: "vodafone",
        label: "Vodafone",
    },
    ChoiceOption {
        value: "turk-telekom",
        label: "Türk Telekom",
    },
];

const KANAL_OPTIONS: &[ChoiceOption] = &[
    ChoiceOption {
        value: "eposta",
        label: "Eposta",
    },
    ChoiceOption {
        value: "sms",
        label: "SMS",
    },
    ChoiceOption {
        value: "her-ikisi",
        label: "Her İkisi (E-posta+SMS)",
    },
];

/// A field with the defaults most fields share; the table below overrides what differs.
const fn text(id: &'static str, label: &'static str, section: Section) -> Field {
    Field {
        id,
        label,
        section,
        hint: None,
        required: true,
        kind: Kind::Text,
        autocomplete: "off",
        inputmode: None,
        max_len: None,
        options: &[],
        dropdown: false,
    }
}

/// Every field of the Başvuru Formu in portal order (20 fields). Hints may name the
/// directorate's il as `{il}` (upper case), `{plaka}` and `{alan_kodu}`: the builder fills them
/// in from content/site.toml, so no directorate's values are typed here.
pub static FIELDS: &[Field] = &[
    Field {
        kind: Kind::Choice,
        options: YAYIN_OPTIONS,
        dropdown: true,
        hint: Some(
            "Portalda açılır listeden “Sertifikam İnternette Yayınlanmasın” seçeneğini seçin.",
        ),
        ..text("yayin_tercihi", "Sertifika", Section::Basvuru)
    },
    Field {
        hint: Some("11 haneli T.C. Kimlik No; T.C. vatandaşı değilseniz pasaport numaranız."),
        ..text("kimlik_no", "Kimlik No", Section::Kisisel)
    },
    Field {
        hint: Some("Nüfus kaydınızdaki gibi; ikinci adınız varsa onu da yazın."),
        autocomplete: "given-name",
        ..text("ad", "Adı", Section::Kisisel)
    },
    Field {
        hint: Some("Nüfus kaydınızdaki gibi."),
        autocomplete: "family-name",
        ..text("soyad", "Soyadı", Section::Kisisel)
    },
    Field {
        kind: Kind::Secret,
        hint: Some(
            "Kendi seçtiğiniz, başkalarının tahmin edemeyeceği bir sözcük. PIN kilidini \
             internetten açarken kimliğinizi bununla kanıtlarsınız; unutmayacağınız bir yere \
             not edin.",
        ),
        ..text("guvenlik_sozcugu", "Güvenlik sözcüğü", Section::Kisisel)
    },
    Field {
        kind: Kind::Secret,
        hint: Some("Güvenlik sözcüğünü aynen bir kez daha yazın."),
        ..text(
            "guvenlik_sozcugu_tekrar",
            "Güvenlik sözcüğü (Tekrar)",
            Section::Kisisel,
        )
    },
    Field {
        hint: Some(
            "Portalda kendiliğinden gelir. Yanlışsa kurumunuzdaki MEBBİS yöneticilerine \
             başvurun.",
        ),
        autocomplete: "organization",
        ..text("kurum_adi", "Kurum Adı", Section::Kurum)
    },
    Field {
        hint: Some("Örneğin {il} İL MİLLÎ EĞİTİM MÜDÜRLÜĞÜ ya da okulunuzun adı."),
        ..text("birim", "Çalıştığı Birim", Section::Kurum)
    },
    Field {
        hint: Some("Örneğin ÖĞRETMEN, MÜDÜR YARDIMCISI."),
        autocomplete: "organization-title",
        ..text("unvan", "Ünvan", Section::Kurum)
    },
    Field {
        hint: Some(
            "Kartınız ve parola zarfınız bu adrese gönderilir: mahalle, cadde/sokak ve \
             numarayı yazın.",
        ),
        autocomplete: "street-address",
        ..text("adres", "Kurum / Birim Adresi", Section::Kurum)
    },
    Field {
        kind: Kind::Province,
        autocomplete: "address-level1",
        ..text("il", "İl", Section::Kurum)
    },
    Field {
        kind: Kind::District,
        autocomplete: "address-level2",
        ..text("ilce", "İlçe", Section::Kurum)
    },
    Field {
        kind: Kind::Digits,
        hint: Some("5 rakam; ilk iki rakamı ilin plaka kodudur ({il} için {plaka}…)."),
        autocomplete: "postal-code",
        inputmode: Some("numeric"),
        max_len: Some(5),
        ..text("posta_kodu", "Posta Kodu", Section::Kurum)
    },
    Field {
        kind: Kind::Email,
        hint: Some(
            "Size ait kurumsal adres; MEB personeli için …@meb.gov.tr. Okulun ortak k12.tr \
             adresini yazmayın: Kamu SM'nin size yazdıklarını başkaları da okuyabilir.",
        ),
        autocomplete: "email",
        inputmode: Some("email"),
        ..text("kurumsal_eposta", "Kurumsal Eposta", Section::Iletisim)
    },
    Field {
        kind: Kind::Tel,
        required: false,
        hint: Some("Kurumunuzun sabit hattı, alan koduyla: 0 ({alan_kodu}) ile başlayan 10 rakam."),
        autocomplete: "tel-national",
        inputmode: Some("tel"),
        ..text("is_telefonu", "İş Telefonu", Section::Iletisim)
    },
    Field {
        kind: Kind::Digits,
        required: false,
        hint: Some("Varsa dahili numaranız, yalnızca rakam."),
        autocomplete: "tel-extension",
        inputmode: Some("numeric"),
        ..text("dahili", "Dahili", Section::Iletisim)
    },
    Field {
        kind: Kind::Tel,
        hint: Some("5 ile başlayan cep telefonu numaranız: 0 (532) 123 45 67."),
        autocomplete: "tel-national",
        inputmode: Some("tel"),
        ..text("cep_telefonu", "Cep Telefonu", Section::Iletisim)
    },
    Field {
        kind: Kind::Choice,
        options: OPERATOR_OPTIONS,
        hint: Some("Hattınızın şu an bağlı olduğu operatör (numara taşındıysa yeni operatör)."),
        ..text("mobil_operator", "Mobil Operatör Tip", Section::Iletisim)
    },
    Field {
        kind: Kind::Tel,
        required: false,
        hint: Some("İsteğe bağlı; yoksa boş bırakın."),
        autocomplete: "tel-national",
        inputmode: Some("tel"),
        ..text("ev_telefonu", "Ev Telefonu", Section::Iletisim)
    },
    Field {
        kind: Kind::Choice,
        options: KANAL_OPTIONS,
        hint: Some(
            "Kamu SM'nin size hangi yoldan bilgi vereceği. “Her İkisi (E-posta+SMS)” önerilir: \
             PIN kilidini açarken SMS ile kod gelir.",
        ),
        ..text("bilgi_kanali", "Bilgi Kanalı", Section::Iletisim)
    },
];

/// The field with this id.
pub fn field(id: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.id == id)
}

/// The position of a field in portal order.
pub fn index_of(id: &str) -> Option<usize> {
    FIELDS.iter().position(|f| f.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_in_portal_order() {
        let ids: Vec<&str> = FIELDS.iter().map(|f| f.id).collect();
        assert_eq!(
            ids,
            [
                "yayin_tercihi",
                "kimlik_no",
                "ad",
                "soyad",
                "guvenlik_sozcugu",
                "guvenlik_sozcugu_tekrar",
                "kurum_adi",
                "birim",
                "unvan",
                "adres",
                "il",
                "ilce",
                "posta_kodu",
                "kurumsal_eposta",
                "is_telefonu",
                "dahili",
                "cep_telefonu",
                "mobil_operator",
                "ev_telefonu",
                "bilgi_kanali"
            ]
        );
    }

    #[test]
    fn sections_are_contiguous_and_in_order() {
        let mut seen: Vec<Section> = Vec::new();
        for f in FIELDS {
            if seen.last() != Some(&f.section) {
                assert!(!seen.contains(&f.section), "{} splits a section", f.id);
                seen.push(f.section);
            }
        }
        assert_eq!(seen, sections());
        assert_eq!(Section::Kurum.fields().count(), 7);
        assert_eq!(Section::Kurum.title(), "Kurum Bilgileri");
    }

    #[test]
    fn choices_have_options_and_others_do_not() {
        for f in FIELDS {
            assert_eq!(f.kind == Kind::Choice, !f.options.is_empty(), "{}", f.id);
        }
        assert_eq!(field("mobil_operator").unwrap().options.len(), 3);
        assert_eq!(index_of("bilgi_kanali"), Some(19));
        assert!(field("yok").is_none());
    }

    #[test]
    fn options_match_loosely() {
        let kanal = field("bilgi_kanali").unwrap();
        for (input, value) in [
            ("her ikisi", "her-ikisi"),
            ("HER İKİSİ (E-POSTA+SMS)", "her-ikisi"),
            ("her-ikisi", "her-ikisi"),
            ("E-posta", "eposta"),
            ("sms", "sms"),
        ] {
            assert_eq!(
                kanal.match_option(input).map(|o| o.value),
                Some(value),
                "{input}"
            );
        }
        assert!(kanal.match_option("faks").is_none());
        assert!(kanal.match_option("").is_none());
        let op = field("mobil_operator").unwrap();
        assert_eq!(
            op.match_option("TÜRK TELEKOM").unwrap().value,
            "turk-telekom"
        );
        assert_eq!(
            op.match_option("turk telekom").unwrap().value,
            "turk-telekom"
        );
        let yayin = field("yayin_tercihi").unwrap();
        assert_eq!(
            yayin
                .match_option("sertifikam internette yayinlanmasin")
                .unwrap()
                .value,
            "yayinlanmasin"
        );
        assert!(yayin
            .match_option("Sertifikam İnternette Yayınlansın")
            .is_none());
    }
}
