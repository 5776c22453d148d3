//! The Başvuru Formu's fields in portal order: the one list the rules, the checker page and the
//! batch check all read. Static data, nothing to allocate.

use crate::prelude::*;

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

/// The id of every field of the Başvuru Formu, in portal order: the one typed list of field
/// ids. A mistyped id is a compile error; the text form (`as_str`) is used only at the edges
/// (HTML ids and names, CSV headers, JSON keys).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldId {
    YayinTercihi,
    KimlikNo,
    Ad,
    Soyad,
    GuvenlikSozcugu,
    GuvenlikSozcuguTekrar,
    KurumAdi,
    Birim,
    Unvan,
    Adres,
    Il,
    Ilce,
    PostaKodu,
    KurumsalEposta,
    IsTelefonu,
    Dahili,
    CepTelefonu,
    MobilOperator,
    EvTelefonu,
    BilgiKanali,
}

impl FieldId {
    /// Every id, in portal order (`FIELDS[id as usize].id == id`).
    pub const ALL: [FieldId; 20] = [
        FieldId::YayinTercihi,
        FieldId::KimlikNo,
        FieldId::Ad,
        FieldId::Soyad,
        FieldId::GuvenlikSozcugu,
        FieldId::GuvenlikSozcuguTekrar,
        FieldId::KurumAdi,
        FieldId::Birim,
        FieldId::Unvan,
        FieldId::Adres,
        FieldId::Il,
        FieldId::Ilce,
        FieldId::PostaKodu,
        FieldId::KurumsalEposta,
        FieldId::IsTelefonu,
        FieldId::Dahili,
        FieldId::CepTelefonu,
        FieldId::MobilOperator,
        FieldId::EvTelefonu,
        FieldId::BilgiKanali,
    ];

    /// The id as HTML, CSV and JSON write it.
    pub const fn as_str(self) -> &'static str {
        match self {
            FieldId::YayinTercihi => "yayin_tercihi",
            FieldId::KimlikNo => "kimlik_no",
            FieldId::Ad => "ad",
            FieldId::Soyad => "soyad",
            FieldId::GuvenlikSozcugu => "guvenlik_sozcugu",
            FieldId::GuvenlikSozcuguTekrar => "guvenlik_sozcugu_tekrar",
            FieldId::KurumAdi => "kurum_adi",
            FieldId::Birim => "birim",
            FieldId::Unvan => "unvan",
            FieldId::Adres => "adres",
            FieldId::Il => "il",
            FieldId::Ilce => "ilce",
            FieldId::PostaKodu => "posta_kodu",
            FieldId::KurumsalEposta => "kurumsal_eposta",
            FieldId::IsTelefonu => "is_telefonu",
            FieldId::Dahili => "dahili",
            FieldId::CepTelefonu => "cep_telefonu",
            FieldId::MobilOperator => "mobil_operator",
            FieldId::EvTelefonu => "ev_telefonu",
            FieldId::BilgiKanali => "bilgi_kanali",
        }
    }

    /// The id written as text (a CSV header, a JSON key, an HTML name).
    pub fn parse(s: &str) -> Option<FieldId> {
        FieldId::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// Its position in portal order.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The field's description.
    pub fn field(self) -> &'static Field {
        &FIELDS[self.index()]
    }

    /// What the checker page shows and asks the browser for: the hint under the label (may
    /// name the directorate's il as `{il}`, `{plaka}`, `{alan_kodu}`, filled in by the
    /// builder), the `autocomplete` and `inputmode` attributes. Only the builder needs these,
    /// so they are not part of the field table the browser code carries.
    pub fn html(self) -> Html {
        let (hint, autocomplete, inputmode) = match self {
            FieldId::YayinTercihi => (
                Some("Portalda açılır listeden “Sertifikam İnternette Yayınlanmasın” seçeneğini seçin."),
                "off",
                None,
            ),
            FieldId::KimlikNo => (
                Some("11 rakamlı T.C. Kimlik Numaranız; T.C. vatandaşı değilseniz pasaport numaranız."),
                "off",
                None,
            ),
            FieldId::Ad => (
                Some("Nüfus kaydınızdaki gibi; ikinci adınız varsa onu da yazın."),
                "given-name",
                None,
            ),
            FieldId::Soyad => (Some("Nüfus kaydınızdaki gibi."), "family-name", None),
            FieldId::GuvenlikSozcugu => (
                Some(
                    "Kendi seçtiğiniz, başkalarının tahmin edemeyeceği bir sözcük. PIN kilidini \
                     internetten açarken kimliğinizi bununla kanıtlarsınız; unutmayacağınız bir \
                     yere not edin.",
                ),
                "off",
                None,
            ),
            FieldId::GuvenlikSozcuguTekrar => {
                (Some("Güvenlik sözcüğünü aynen bir kez daha yazın."), "off", None)
            }
            FieldId::KurumAdi => (
                Some(
                    "Portalda kendiliğinden gelir. Yanlışsa kurumunuzdaki MEBBİS yöneticilerine \
                     başvurun.",
                ),
                "organization",
                None,
            ),
            FieldId::Birim => (
                Some("Örneğin {il} İL MİLLÎ EĞİTİM MÜDÜRLÜĞÜ ya da okulunuzun adı."),
                "off",
                None,
            ),
            FieldId::Unvan => (
                Some("Örneğin ÖĞRETMEN, MÜDÜR YARDIMCISI."),
                "organization-title",
                None,
            ),
            FieldId::Adres => (
                Some(
                    "Yeni kartınız bu adrese gönderilir: mahalle, cadde/sokak ve numarayı yazın.",
                ),
                "street-address",
                None,
            ),
            FieldId::Il => (None, "address-level1", None),
            FieldId::Ilce => (
                Some("Yazmaya başlayın; ilin ilçelerini listeden seçebilirsiniz."),
                "address-level2",
                None,
            ),
            FieldId::PostaKodu => (
                Some("5 rakam; ilk iki rakamı ilin plaka kodudur ({il} için {plaka}…)."),
                "postal-code",
                Some("numeric"),
            ),
            FieldId::KurumsalEposta => (
                Some(
                    "Size ait kurumsal adresiniz varsa o, yoksa düzenli okuduğunuz kendi \
                     adresiniz. Ortak adres yazmayın: Kamu SM'nin size yazdıklarını başkaları da \
                     okuyabilir.",
                ),
                "email",
                Some("email"),
            ),
            FieldId::IsTelefonu => (
                Some("Kurumunuzun sabit hattı, alan koduyla: 0 ({alan_kodu}) 212 34 56 gibi."),
                "tel-national",
                Some("tel"),
            ),
            FieldId::Dahili => (
                Some("Varsa dahili numaranız, yalnızca rakam."),
                "tel-extension",
                Some("numeric"),
            ),
            FieldId::CepTelefonu => (
                Some("5 ile başlayan cep telefonu numaranız: 0 (532) 123 45 67."),
                "tel-national",
                Some("tel"),
            ),
            FieldId::MobilOperator => (
                Some(
                    "Hattınızın şu an bağlı olduğu operatör (numara taşındıysa yeni operatör). \
                     Portalın listesinde adı biraz farklı yazılmış olabilir; aynı operatörü seçin.",
                ),
                "off",
                None,
            ),
            FieldId::EvTelefonu => (
                Some("İsteğe bağlı; yoksa boş bırakın."),
                "tel-national",
                Some("tel"),
            ),
            FieldId::BilgiKanali => (
                Some(
                    "Kamu SM'nin size hangi yoldan bilgi vereceği. “Her İkisi (E-posta+SMS)” \
                     önerilir: PIN kilidini açarken SMS ile kod gelir.",
                ),
                "off",
                None,
            ),
        };
        Html {
            hint,
            autocomplete,
            inputmode,
            beside_previous: self == FieldId::Dahili,
        }
    }
}

impl core::fmt::Display for FieldId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Serialised as its text form: JSON reports keep `"field": "kimlik_no"`.
#[cfg(feature = "serde")]
impl serde::Serialize for FieldId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The checker page's HTML details of a field (`FieldId::html`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Html {
    pub hint: Option<&'static str>,
    pub autocomplete: &'static str,
    pub inputmode: Option<&'static str>,
    /// Drawn on the same row as the field before it, as the portal does ("İş Telefonu / Dahili").
    pub beside_previous: bool,
}

/// One field of the Başvuru Formu.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Field {
    pub id: FieldId,
    /// The label as the portal shows it.
    pub label: &'static str,
    pub section: Section,
    /// What an empty value gets (GOV.UK style: say what to enter); None for optional fields.
    pub empty: Option<&'static str>,
    pub kind: Kind,
    /// A length limit of the portal-ready value, where one is known.
    pub max_len: Option<usize>,
    /// The options of a `Kind::Choice` field (empty otherwise).
    pub options: &'static [ChoiceOption],
    /// A `Kind::Choice` shown as a drop-down list, as the portal shows it (else radios).
    pub dropdown: bool,
}

impl Field {
    /// Whether the checker treats an empty value as an error.
    pub fn required(&self) -> bool {
        self.empty.is_some()
    }

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

/// Every field of the Başvuru Formu in portal order (20 fields; `FieldId::ALL` order).
pub static FIELDS: &[Field] = &[
    Field {
        id: FieldId::YayinTercihi,
        label: "Sertifika",
        section: Section::Basvuru,
        empty: Some("Sertifika alanında “Sertifikam İnternette Yayınlanmasın” seçeneğini seçin"),
        kind: Kind::Choice,
        max_len: None,
        options: YAYIN_OPTIONS,
        dropdown: true,
    },
    Field {
        id: FieldId::KimlikNo,
        label: "Kimlik No",
        section: Section::Kisisel,
        empty: Some("T.C. Kimlik Numaranızı ya da pasaport numaranızı girin"),
        kind: Kind::Text,
        max_len: None,
        options: &[],
        dropdown: false,
    },
    Field {
        id: FieldId::Ad,
        label: "Adı",
        section: Section::Kisisel,
        empty: Some("Adınızı girin"),
        kind: Kind::Text,
        max_len: None,
        options: &[],
        dropdown: false,
    },
    Field {
        id: FieldId::Soyad,
        label: "Soyadı",
        section: Section::Kisisel,
        empty: Some("Soyadınızı girin"),
        kind: Kind::Text,
        max_len: None,
        options: &[],
        dropdown: false,
    },
    Field {
        id: FieldId::GuvenlikSozcugu,
        label: "Güvenlik sözcüğü",
        section: Section::Kisisel,
        empty: Some("Bir güvenlik sözcüğü girin"),
        kind: Kind::Secret,
        max_len: None,
        options: &[],
        dropdown: false,
    },
    Field {
        id: FieldId::GuvenlikSozcuguTekrar,
        label: "Güvenlik sözcüğü (Tekrar)",
        section: Section::Kisisel,
        empty: Some("Güvenlik sözcüğünü bir kez daha girin"),
        kind: Kind::Secret,
        max_len: None,
        options: &[],
        dropdown: false,
    },
    Field {
        id: FieldId::KurumAdi,
        label: "Kurum Adı",
        section: Section::Kurum,
        empty: Some("Kurum adını girin"),
        kind: Kind::Text,
        max_len: None,
        options: &[],
        dropdown: false,
    },
    Field {
        id: FieldId::Birim,
        label: "Çalıştığı Birim",
        section: Section::Kurum,
        empty: Some("Çalıştığınız birimi girin"),
        kind: Kind::Text,
        max_len: None,
        options: &[],
        dropdown: false,
    },
    Field {
        id: FieldId::Unvan,
        label: "Ünvan",
        section: Section::Kurum,
        empty: Some("Unvanınızı girin"),
        kind: Kind::Text,
        max_len: None,
        options: &[],
        dropdown: false,
    },
    Field {
        id: FieldId::Adres,
        label: "Kurum / Birim Adresi",
        section: Section::Kurum,
        empty: Some("Kurum ya da birim adresini girin; kartınız bu adrese gönderilir"),
        kind: Kind::Text,
        max_len: None,
        options: &[],
        dropdown: false,
    },
    Field {
        id: FieldId::Il,
        label: "İl",
        section: Section::Kurum,
        empty: Some("İli seçin"),
        kind: Kind::Province,
        max_len: None,
        options: &[],
        dropdown: false,
    },
    Field {
        id: FieldId::Ilce,
        label: "İlçe",
        section: Section::Kurum,
        empty: Some("İlçeyi seçin"),
        kind: Kind::District,
        max_len: None,
        options: &[],
        dropdown: false,
    },
    Field {
        id: FieldId::PostaKodu,
        label: "Posta Kodu",
        section: Section::Kurum,
        empty: Some("Posta kodunu girin"),
        kind: Kind::Digits,
        max_len: Some(5),
        options: &[],
        dropdown: false,
    },
    Field {
        id: FieldId::KurumsalEposta,
        label: "Kurumsal Eposta",
        section: Section::Iletisim,
        empty: Some("Kurumsal e-posta adresinizi girin"),
        kind: Kind::Email,
        max_len: None,
        options: &[],
        dropdown: false,
    },
    Field {
        id: FieldId::IsTelefonu,
        label: "İş Telefonu",
        section: Section::Iletisim,
        empty: None,
        kind: Kind::Tel,
        max_len: None,
        options: &[],
        dropdown: false,
    },
    Field {
        id: FieldId::Dahili,
        label: "Dahili",
        section: Section::Iletisim,
        empty: None,
        kind: Kind::Digits,
        max_len: None,
        options: &[],
        dropdown: false,
    },
    Field {
        id: FieldId::CepTelefonu,
        label: "Cep Telefonu",
        section: Section::Iletisim,
        empty: Some("Cep telefonu numaranızı girin"),
        kind: Kind::Tel,
        max_len: None,
        options: &[],
        dropdown: false,
    },
    Field {
        id: FieldId::MobilOperator,
        label: "Mobil Operatör Tip",
        section: Section::Iletisim,
        empty: Some("Cep telefonunuzun bağlı olduğu operatörü seçin"),
        kind: Kind::Choice,
        max_len: None,
        options: OPERATOR_OPTIONS,
        // A drop-down list in the portal (the step-3 drawing, content/adim-3.md).
        dropdown: true,
    },
    Field {
        id: FieldId::EvTelefonu,
        label: "Ev Telefonu",
        section: Section::Iletisim,
        empty: None,
        kind: Kind::Tel,
        max_len: None,
        options: &[],
        dropdown: false,
    },
    Field {
        id: FieldId::BilgiKanali,
        label: "Bilgi Kanalı",
        section: Section::Iletisim,
        empty: Some("Bilgi kanalını seçin: Eposta, SMS ya da Her İkisi (E-posta+SMS)"),
        kind: Kind::Choice,
        max_len: None,
        options: KANAL_OPTIONS,
        dropdown: false,
    },
];

/// The field whose id is written `id` (a CSV header, a JSON key, an HTML name).
pub fn field(id: &str) -> Option<&'static Field> {
    FieldId::parse(id).map(FieldId::field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_in_portal_order() {
        for (i, (f, id)) in FIELDS.iter().zip(FieldId::ALL).enumerate() {
            assert_eq!((f.id, id.index(), id.field().id), (id, i, id), "{id}");
            assert_eq!(FieldId::parse(id.as_str()), Some(id));
        }
        assert_eq!(FIELDS.len(), FieldId::ALL.len());
        assert_eq!(FieldId::parse("yok"), None);
        let ids: Vec<&str> = FIELDS.iter().map(|f| f.id.as_str()).collect();
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
        assert_eq!(FieldId::MobilOperator.field().options.len(), 3);
        assert_eq!(FieldId::BilgiKanali.index(), 19);
        assert!(field("yok").is_none());
        for f in FIELDS {
            let hint = f.id.html().hint;
            assert!(hint.is_none_or(|h| h.ends_with('.')), "{}: {hint:?}", f.id);
            assert!(f.empty.is_none_or(|m| !m.ends_with('.')), "{}", f.id);
        }
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
