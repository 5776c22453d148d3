//! The Başvuru Formu's fields in portal order, one row per field (the `fields!` table): the
//! one list the rules, the checker page and its warm-up, the batch check and the tests all
//! read. Static data, nothing to allocate.

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

/// The family of rules that checks a field: `rules::FAMILIES[family as usize]` holds its check
/// and the other fields it reads. A new family is a variant here, an entry there and a module
/// in `rules/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RuleFamily {
    Choices,
    Identity,
    Names,
    Security,
    Institution,
    Address,
    Email,
    Phone,
}

/// Turns the field table below (one row per field) into everything that is said per field:
/// the `FieldId` enum, `FieldId::ALL`, `as_str`, the `FIELDS` metadata, the checker page's
/// `html`, the rule `family`, the `example` and `warm_up` values and the test `samples`. A row
/// that leaves out a required key does not compile. `max_len`, `options`, `dropdown`,
/// `inputmode` and `beside_previous` may be left out (None, none, false, None, false).
macro_rules! fields {
    // An optional key: its value, or the default.
    (@or ; $default:expr) => { $default };
    (@or $value:expr; $default:expr) => { $value };
    ($(
        $variant:ident = $id:literal {
            label: $label:expr,
            section: $section:ident,
            empty: $empty:expr,
            kind: $kind:ident,
            $(max_len: $max_len:expr,)?
            $(options: $options:expr,)?
            $(dropdown: $dropdown:expr,)?
            hint: $hint:expr,
            autocomplete: $autocomplete:expr,
            $(inputmode: $inputmode:expr,)?
            $(beside_previous: $beside:expr,)?
            family: $family:ident,
            example: $example:expr,
            warm_up: $warm_up:expr,
            samples: $samples:expr $(,)?
        }
    ),+ $(,)?) => {
        /// The id of every field of the Başvuru Formu, in portal order: the one typed list of
        /// field ids. A mistyped id is a compile error; the text form (`as_str`) is used only
        /// at the edges (HTML ids and names, CSV headers, JSON keys).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum FieldId {
            $($variant,)+
        }

        impl FieldId {
            /// Every id, in portal order (`FIELDS[id as usize].id == id`).
            pub const ALL: [FieldId; [$(FieldId::$variant),+].len()] = [$(FieldId::$variant),+];

            /// The id as HTML, CSV and JSON write it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(FieldId::$variant => $id,)+
                }
            }

            /// What the checker page shows and asks the browser for: the hint under the label
            /// (may name the directorate's il as `{il}`, `{plaka}`, `{alan_kodu}`, filled in by
            /// the builder), the `autocomplete` and `inputmode` attributes. Only the builder
            /// needs these, so they are not part of the field table the browser code carries.
            pub fn html(self) -> Html {
                match self {
                    $(FieldId::$variant => Html {
                        hint: $hint,
                        autocomplete: $autocomplete,
                        inputmode: fields!(@or $($inputmode)?; None),
                        beside_previous: fields!(@or $($beside)?; false),
                    },)+
                }
            }

            /// The family of rules that checks this field.
            pub const fn family(self) -> RuleFamily {
                match self {
                    $(FieldId::$variant => RuleFamily::$family,)+
                }
            }

            /// The value of `form::example_form_for`: a valid one, "" only for an optional
            /// field. `{il}`, `{ilce}`, `{posta_kodu}` and `{alan_kodu}` name the example's
            /// place.
            #[cfg(not(target_arch = "wasm32"))]
            pub const fn example(self) -> &'static str {
                match self {
                    $(FieldId::$variant => $example,)+
                }
            }

            /// The value the checker page checks once while it starts (`WARM_UP`).
            pub fn warm_up(self) -> &'static str {
                WARM_UP[self.index()]
            }

            /// Realistic values, valid and not (typos, other scripts' digits, wrong domains):
            /// what the property tests mix with arbitrary text and what the fuzzer starts from.
            #[cfg(not(target_arch = "wasm32"))]
            pub fn samples(self) -> &'static [&'static str] {
                match self {
                    $(FieldId::$variant => $samples,)+
                }
            }
        }

        /// What the checker page checks once while it starts, so that the first "Kontrol et"
        /// runs compiled code: per field in portal order, a valid literal (no place lookups, no
        /// formatting: small in the download), "" only for an optional field.
        pub static WARM_UP: [&str; FieldId::ALL.len()] = [$($warm_up),+];

        /// Every field of the Başvuru Formu in portal order (`FieldId::ALL` order).
        pub static FIELDS: &[Field] = &[
            $(Field {
                id: FieldId::$variant,
                label: $label,
                section: Section::$section,
                empty: $empty,
                kind: Kind::$kind,
                max_len: fields!(@or $($max_len)?; None),
                options: fields!(@or $($options)?; &[]),
                dropdown: fields!(@or $($dropdown)?; false),
            },)+
        ];
    };
}

// The field table: one row per field, in portal order. Adding a field is a row here, its rule in
// the row's family (`rules/`) and that rule's tests.
fields! {
    YayinTercihi = "yayin_tercihi" {
        label: "Sertifika",
        section: Basvuru,
        empty: Some("Sertifika alanında “Sertifikam İnternette Yayınlanmasın” seçeneğini seçin"),
        kind: Choice,
        options: YAYIN_OPTIONS,
        dropdown: true,
        hint: Some("Portalda açılır listeden “Sertifikam İnternette Yayınlanmasın” seçeneğini seçin."),
        autocomplete: "off",
        family: Choices,
        example: YAYIN_YAYINLANMASIN,
        warm_up: "yayinlanmasin",
        samples: &["Sertifikam İnternette Yayınlanmasın", "yayinlansin", "evet", "2"],
    },
    KimlikNo = "kimlik_no" {
        label: "Kimlik No",
        section: Kisisel,
        empty: Some("T.C. Kimlik Numaranızı ya da pasaport numaranızı girin"),
        kind: Text,
        hint: Some("11 rakamlı T.C. Kimlik Numaranız; T.C. vatandaşı değilseniz pasaport numaranız."),
        autocomplete: "off",
        family: Identity,
        example: "10000000146",
        warm_up: "10000000146",
        samples: &[
            "10000000146",
            "100 000 001 47",
            "U12345678",
            "1OOOOOOO146",
            "17291716060",
            "00000000000",
            "٠١٢٣٤٥٦٧٨٩٠",
        ],
    },
    Ad = "ad" {
        label: "Adı",
        section: Kisisel,
        empty: Some("Adınızı girin"),
        kind: Text,
        hint: Some("Nüfus kaydınızdaki gibi; ikinci adınız varsa onu da yazın."),
        autocomplete: "given-name",
        family: Names,
        example: "Ayşe Nur",
        warm_up: "Ayşe",
        samples: NAME_SAMPLES,
    },
    Soyad = "soyad" {
        label: "Soyadı",
        section: Kisisel,
        empty: Some("Soyadınızı girin"),
        kind: Text,
        hint: Some("Nüfus kaydınızdaki gibi."),
        autocomplete: "family-name",
        family: Names,
        example: "Yılmaz",
        warm_up: "Yılmaz",
        samples: NAME_SAMPLES,
    },
    GuvenlikSozcugu = "guvenlik_sozcugu" {
        label: "Güvenlik sözcüğü",
        section: Kisisel,
        empty: Some("Bir güvenlik sözcüğü girin"),
        kind: Secret,
        hint: Some(
            "Kendi seçtiğiniz, başkalarının tahmin edemeyeceği bir sözcük. PIN kilidini \
             internetten açarken kimliğinizi bununla kanıtlarsınız; unutmayacağınız bir \
             yere not edin.",
        ),
        autocomplete: "off",
        family: Security,
        example: "mavi kelebek 1975",
        warm_up: "mavi kelebek",
        samples: SECURITY_SAMPLES,
    },
    GuvenlikSozcuguTekrar = "guvenlik_sozcugu_tekrar" {
        label: "Güvenlik sözcüğü (Tekrar)",
        section: Kisisel,
        empty: Some("Güvenlik sözcüğünü bir kez daha girin"),
        kind: Secret,
        hint: Some("Güvenlik sözcüğünü aynen bir kez daha yazın."),
        autocomplete: "off",
        family: Security,
        example: "mavi kelebek 1975",
        warm_up: "mavi kelebek",
        samples: SECURITY_SAMPLES,
    },
    KurumAdi = "kurum_adi" {
        label: "Kurum Adı",
        section: Kurum,
        empty: Some("Kurum adını girin"),
        kind: Text,
        hint: Some(
            "Portalda kendiliğinden gelir. Yanlışsa kurumunuzdaki MEBBİS yöneticilerine \
             başvurun.",
        ),
        autocomplete: "organization",
        family: Institution,
        example: "{il} MİLLÎ EĞİTİM MÜDÜRLÜĞÜ",
        warm_up: "Millî Eğitim Müdürlüğü",
        samples: INSTITUTION_SAMPLES,
    },
    Birim = "birim" {
        label: "Çalıştığı Birim",
        section: Kurum,
        empty: Some("Çalıştığınız birimi girin"),
        kind: Text,
        hint: Some("Örneğin {il} İL MİLLÎ EĞİTİM MÜDÜRLÜĞÜ ya da okulunuzun adı."),
        autocomplete: "off",
        family: Institution,
        example: "{ilce} İLÇE MİLLÎ EĞİTİM MÜDÜRLÜĞÜ",
        warm_up: "Çankaya Lisesi",
        samples: INSTITUTION_SAMPLES,
    },
    Unvan = "unvan" {
        label: "Ünvan",
        section: Kurum,
        empty: Some("Unvanınızı girin"),
        kind: Text,
        hint: Some("Örneğin ÖĞRETMEN, MÜDÜR YARDIMCISI."),
        autocomplete: "organization-title",
        family: Institution,
        example: "Öğretmen",
        warm_up: "Öğretmen",
        samples: INSTITUTION_SAMPLES,
    },
    Adres = "adres" {
        label: "Kurum / Birim Adresi",
        section: Kurum,
        empty: Some("Kurum ya da birim adresini girin; kartınız bu adrese gönderilir"),
        kind: Text,
        hint: Some("Yeni kartınız bu adrese gönderilir: mahalle, cadde/sokak ve numarayı yazın."),
        autocomplete: "street-address",
        family: Institution,
        example: "Cumhuriyet Mahallesi Atatürk Caddesi No: 12",
        warm_up: "Kızılay Mahallesi No: 1",
        samples: INSTITUTION_SAMPLES,
    },
    Il = "il" {
        label: "İl",
        section: Kurum,
        empty: Some("İli seçin"),
        kind: Province,
        hint: None,
        autocomplete: "address-level1",
        family: Address,
        example: "{il}",
        warm_up: "Ankara",
        samples: &[
            "Aksaray", "AKSRAY", "68", "afyon", "Gülağaç", "İstanbul", "cankiri", "Iğdır",
        ],
    },
    Ilce = "ilce" {
        label: "İlçe",
        section: Kurum,
        empty: Some("İlçeyi seçin"),
        kind: District,
        hint: Some("Yazmaya başlayın; ilin ilçelerini listeden seçebilirsiniz."),
        autocomplete: "address-level2",
        family: Address,
        example: "{ilce}",
        warm_up: "Çankaya",
        samples: &["Gülağaç", "GULAGAC", "merkez", "Aksaray", "Çankaya", "Kadıköy", "Eyüp"],
    },
    PostaKodu = "posta_kodu" {
        label: "Posta Kodu",
        section: Kurum,
        empty: Some("Posta kodunu girin"),
        kind: Digits,
        max_len: Some(5),
        hint: Some("5 rakam; ilk iki rakamı ilin plaka kodudur ({il} için {plaka}…)."),
        autocomplete: "postal-code",
        inputmode: Some("numeric"),
        family: Address,
        example: "{posta_kodu}",
        warm_up: "06420",
        samples: &["68900", "6420", "68100", "99000", "34710", "68 9", "00000"],
    },
    KurumsalEposta = "kurumsal_eposta" {
        label: "Kurumsal Eposta",
        section: Iletisim,
        empty: Some("Kurumsal e-posta adresinizi girin"),
        kind: Email,
        hint: Some(
            "Size ait kurumsal adresiniz varsa o, yoksa düzenli okuduğunuz kendi \
             adresiniz. Ortak adres yazmayın: Kamu SM'nin size yazdıklarını başkaları da \
             okuyabilir.",
        ),
        autocomplete: "email",
        inputmode: Some("email"),
        family: Email,
        example: "ayse.yilmaz@meb.gov.tr",
        warm_up: "ayse@meb.gov.tr",
        samples: &[
            "a@meb.gov.tr",
            "A@GMAIL.COM",
            "ayşe@meb.gov.tr",
            "a@meb.gv.tr",
            "a..b@meb.gov.tr",
            "@",
        ],
    },
    IsTelefonu = "is_telefonu" {
        label: "İş Telefonu",
        section: Iletisim,
        empty: None,
        kind: Tel,
        hint: Some("Kurumunuzun sabit hattı, alan koduyla: 0 ({alan_kodu}) 212 34 56 gibi."),
        autocomplete: "tel-national",
        inputmode: Some("tel"),
        family: Phone,
        example: "0 ({alan_kodu}) 212 34 56",
        warm_up: "0312 212 34 56",
        samples: PHONE_SAMPLES,
    },
    Dahili = "dahili" {
        label: "Dahili",
        section: Iletisim,
        empty: None,
        kind: Digits,
        hint: Some("Varsa dahili numaranız, yalnızca rakam."),
        autocomplete: "tel-extension",
        inputmode: Some("numeric"),
        // Drawn on the same row as İş Telefonu, as the portal does.
        beside_previous: true,
        family: Phone,
        example: "123",
        warm_up: "",
        samples: &["123", "12a", "03822123456", "0"],
    },
    CepTelefonu = "cep_telefonu" {
        label: "Cep Telefonu",
        section: Iletisim,
        empty: Some("Cep telefonu numaranızı girin"),
        kind: Tel,
        hint: Some("5 ile başlayan cep telefonu numaranız: 0 (532) 123 45 67."),
        autocomplete: "tel-national",
        inputmode: Some("tel"),
        family: Phone,
        example: "0 (532) 123 45 67",
        warm_up: "0532 123 45 67",
        samples: PHONE_SAMPLES,
    },
    MobilOperator = "mobil_operator" {
        label: "Mobil Operatör Tip",
        section: Iletisim,
        empty: Some("Cep telefonunuzun bağlı olduğu operatörü seçin"),
        kind: Choice,
        options: OPERATOR_OPTIONS,
        // A drop-down list in the portal (the step-3 drawing, content/adim-3.md).
        dropdown: true,
        hint: Some(
            "Hattınızın şu an bağlı olduğu operatör (numara taşındıysa yeni operatör). \
             Portalın listesinde adı biraz farklı yazılmış olabilir; aynı operatörü seçin.",
        ),
        autocomplete: "off",
        family: Choices,
        example: "Turkcell",
        warm_up: "Turkcell",
        samples: &["Turkcell", "avea", "Başka", "türk telekom"],
    },
    EvTelefonu = "ev_telefonu" {
        label: "Ev Telefonu",
        section: Iletisim,
        empty: None,
        kind: Tel,
        hint: Some("İsteğe bağlı; yoksa boş bırakın."),
        autocomplete: "tel-national",
        inputmode: Some("tel"),
        family: Phone,
        example: "",
        warm_up: "",
        samples: PHONE_SAMPLES,
    },
    BilgiKanali = "bilgi_kanali" {
        label: "Bilgi Kanalı",
        section: Iletisim,
        empty: Some("Bilgi kanalını seçin: Eposta, SMS ya da Her İkisi (E-posta+SMS)"),
        kind: Choice,
        options: KANAL_OPTIONS,
        hint: Some(
            "Kamu SM'nin size hangi yoldan bilgi vereceği. “Her İkisi (E-posta+SMS)” \
             önerilir: PIN kilidini açarken SMS ile kod gelir.",
        ),
        autocomplete: "off",
        family: Choices,
        example: "Her İkisi (E-posta+SMS)",
        warm_up: "her-ikisi",
        samples: &["her ikisi", "SMS", "faks", "eposta"],
    },
}

impl FieldId {
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

// Sample values shared by the fields of one family (`FieldId::samples`).
#[cfg(not(target_arch = "wasm32"))]
const NAME_SAMPLES: &[&str] = &[
    "Ayşe Nur",
    "yilmaz",
    "SUKRU",
    "M. Ali",
    "Ali2",
    "O'Neil",
    "İĞDE",
];
#[cfg(not(target_arch = "wasm32"))]
const SECURITY_SAMPLES: &[&str] = &[
    "mavi kelebek",
    "123456",
    " abc",
    "Ayşe",
    "10000000146",
    "ŞİFRE",
];
#[cfg(not(target_arch = "wasm32"))]
const INSTITUTION_SAMPLES: &[&str] = &["millî eğitim", "Öğretmen", "12", "x"];
#[cfg(not(target_arch = "wasm32"))]
const PHONE_SAMPLES: &[&str] = &[
    "0 (382) 212 34 56",
    "+90 532 123 45 67",
    "212 34 56",
    "444 5 576",
    "0850 123 45 67",
    "0 (123) 456 78 90",
    "05321234567",
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
        // The ids that CSV headers, JSON keys and saved drafts already use keep their
        // spelling and portal order; a new field may go anywhere between them, so adding
        // one does not touch this list.
        let published = [
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
            "bilgi_kanali",
        ];
        let mut ids = FIELDS.iter().map(|f| f.id.as_str());
        for id in published {
            assert!(ids.any(|x| x == id), "{id} is gone or out of order");
        }
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
        let per_section: Vec<usize> = sections().iter().map(|s| s.fields().count()).collect();
        assert!(!per_section.contains(&0), "{per_section:?}");
        assert_eq!(per_section.iter().sum::<usize>(), FIELDS.len());
        assert_eq!(Section::Kurum.title(), "Kurum Bilgileri");
    }

    #[test]
    fn choices_have_options_and_others_do_not() {
        for f in FIELDS {
            assert_eq!(f.kind == Kind::Choice, !f.options.is_empty(), "{}", f.id);
        }
        assert_eq!(FieldId::MobilOperator.field().options.len(), 3);
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
