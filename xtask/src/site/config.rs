//! Loads `content/site.toml`: the directorate's own settings, read by every template as `site.*`.
//! Typed, with unknown keys rejected, so a typo fails the build instead of vanishing. Values
//! marked `# ÖRNEK` are placeholders: listed with their line so the build can warn about them
//! and a publishing build can refuse them.

use super::error::{at, first_line, line_of};
use anyhow::Result;
use serde::{Deserialize, Serialize};
use std::path::Path;
use wasm_validator::geo::{self, Province};

/// A MEBBİS unit: the directorate's own, or an ilçe's.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub name: String,
    pub phone: String,
    pub email: String,
    pub address: String,
}

/// Kamu SM, the certificate authority.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KamuSm {
    pub name: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub portal_url: String,
    pub password_url: String,
    pub sender: String,
}

/// How the directorate's staff apply after a loss: the directorate decides (README). No public
/// source says which route a given directorate uses, so `content/site.toml` ships its `route`
/// marked `# ÖRNEK` like the contacts: a publishing build refuses it until the directorate
/// has chosen (the marker makes it a [`Placeholder`] like any other value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
pub enum Route {
    /// The original guide's route (2017): the MEBBİS unit reports the loss, Kamu SM e-mails a
    /// password, the applicant logs in at basvuru.kamusm.gov.tr, the wet-signed forms go to
    /// the unit.
    #[default]
    #[serde(rename = "mebbis-birimi")]
    MebbisBirimi,
    /// The institution starts the application; Kamu SM e-mails a link, the applicant
    /// completes the form in Kamu SM Online İşlemler after an e-Devlet login (Başvurularım);
    /// where the wet-signed form goes, the unit says.
    #[serde(rename = "online-islemler")]
    OnlineIslemler,
    /// Kamu SM's "Kişi Ödemeli Başvurular": the applicant applies online (e-Devlet), posts the
    /// wet-signed form to Kamu SM and pays after it arrives.
    #[serde(rename = "kisi-odemeli")]
    KisiOdemeli,
}

impl Route {
    pub const ALL: [Route; 3] = [
        Route::MebbisBirimi,
        Route::OnlineIslemler,
        Route::KisiOdemeli,
    ];

    /// The name used in site.toml, front matter and templates.
    pub fn name(self) -> &'static str {
        match self {
            Route::MebbisBirimi => "mebbis-birimi",
            Route::OnlineIslemler => "online-islemler",
            Route::KisiOdemeli => "kisi-odemeli",
        }
    }

    pub fn from_name(name: &str) -> Option<Route> {
        Route::ALL.into_iter().find(|r| r.name() == name)
    }

    /// "mebbis-birimi, online-islemler, kisi-odemeli", for messages.
    pub fn names() -> String {
        Route::ALL.map(Route::name).join(", ")
    }
}

/// What the checker's hints say about the directorate's il (derived, not typed).
#[derive(Debug, Clone, Serialize)]
pub struct IlInfo {
    /// "Aksaray"
    pub name: String,
    /// "AKSARAY"
    pub upper: String,
    /// Plate code, two digits: "68". Also the first two digits of its postal codes.
    pub plate: String,
    /// Landline area code: "382" (İstanbul: "212").
    pub area_code: String,
}

impl IlInfo {
    fn of(p: Province) -> IlInfo {
        let area = geo::area_codes(p.code);
        IlInfo {
            name: p.name.to_string(),
            upper: p.upper_name(),
            plate: format!("{:02}", p.code),
            area_code: area.first().map(|c| c.to_string()).unwrap_or_default(),
        }
    }
}

/// A value of site.toml marked `# ÖRNEK`: shipped as an example, to be replaced.
#[derive(Debug, Clone, Serialize)]
pub struct Placeholder {
    /// Dotted key: `unit.phone`, `district_units.0.email`.
    pub key: String,
    pub line: usize,
    pub value: String,
}

/// `content/site.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub directorate: String,
    pub portal_institution: String,
    pub office_level: String,
    /// The directorate's province, as the official list writes it.
    pub il: String,
    #[serde(default)]
    pub route: Route,
    #[serde(default)]
    pub fee_note: Option<String>,
    /// Sources checked longer ago than this give a warning.
    #[serde(default = "twelve")]
    pub source_max_age_months: u32,
    /// Public URL of the site, ending in '/', if known (config or `--base-url`).
    #[serde(default)]
    pub base_url: Option<String>,
    /// Whether pages register the service worker that keeps the site readable offline
    /// (default on; off writes a worker that removes itself).
    #[serde(default = "yes")]
    pub offline: bool,
    pub unit: Unit,
    /// The ilçe directorates' MEBBİS units, shown on the contact page.
    #[serde(default)]
    pub district_units: Vec<Unit>,
    pub kamusm: KamuSm,
    /// Derived from `il`.
    #[serde(skip_deserializing)]
    pub il_info: Option<IlInfo>,
    /// Derived from the `# ÖRNEK` markers.
    #[serde(skip_deserializing)]
    pub placeholders: Vec<Placeholder>,
}

fn twelve() -> u32 {
    12
}

fn yes() -> bool {
    true
}

pub fn load(
    content_dir: &Path,
    shown: &str,
    base_url_override: Option<&str>,
) -> Result<SiteConfig> {
    let bytes = super::paths::read_file(content_dir, "site.toml", shown)?;
    let text =
        String::from_utf8(bytes).map_err(|_| at(shown, 1, "site ayar dosyası UTF-8 değil"))?;
    parse(&text, shown, base_url_override)
}

/// Parses the text of site.toml (`shown` names it in messages).
pub fn parse(text: &str, shown: &str, base_url_override: Option<&str>) -> Result<SiteConfig> {
    let mut config: SiteConfig = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
        at(shown, line, first_line(e.message()))
    })?;
    let line_of_key = |key: &str| {
        text.lines()
            .position(|l| {
                l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|r| r.trim_start().starts_with('='))
            })
            .map(|i| i + 1)
            .unwrap_or(1)
    };
    for (key, value) in [
        ("title", &config.title),
        ("directorate", &config.directorate),
        ("il", &config.il),
    ] {
        if value.trim().is_empty() {
            return Err(at(
                shown,
                line_of_key(key),
                format!("'{key}' must not be empty"),
            ));
        }
    }
    let province = geo::find_province(config.il.trim()).ok_or_else(|| {
        let hint = geo::suggest_province(config.il.trim())
            .map(|p| format!(" (did you mean '{}'?)", p.name))
            .unwrap_or_default();
        at(
            shown,
            line_of_key("il"),
            format!("il '{}' is not one of the 81 provinces{hint}", config.il),
        )
    })?;
    config.il_info = Some(IlInfo::of(province));
    config.fee_note = config.fee_note.filter(|s| !s.trim().is_empty());
    config.base_url = base_url_override
        .map(str::to_string)
        .or(config.base_url)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .map(|s| if s.ends_with('/') { s } else { format!("{s}/") });
    if let Some(url) = &config.base_url {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(at(
                shown,
                line_of_key("base_url"),
                format!("base_url '{url}' must start with https:// or http://"),
            ));
        }
    }
    let value: toml::Value = toml::from_str(text).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
    config.placeholders = marked_lines(text)
        .into_iter()
        .filter_map(|(line, key)| {
            let value = lookup(&value, &key)?.as_str()?.to_string();
            Some(Placeholder { key, line, value })
        })
        .collect();
    Ok(config)
}

impl SiteConfig {
    /// One line per placeholder: `content/site.toml:31: unit.phone …`.
    pub fn placeholder_messages(&self, shown: &str) -> Vec<String> {
        self.placeholders
            .iter()
            .map(|p| {
                at(
                    shown,
                    p.line,
                    format!(
                        "{} is an example value (marked # ÖRNEK): set the real one and delete \
                         the marker before publishing",
                        p.key
                    ),
                )
                .to_string()
            })
            .collect()
    }
}

/// Whether a comment marks its line's value as an example ("# ÖRNEK …", any case).
fn is_marker(comment: &str) -> bool {
    wasm_validator::text::fold(comment)
        .trim_start_matches(['#', ' '])
        .starts_with("ornek")
}

/// `(line, dotted key)` of every `key = value  # ÖRNEK` line, following `[table]` and
/// `[[array]]` headers (array items are numbered from 0).
fn marked_lines(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut prefix = String::new();
    let mut arrays: std::collections::BTreeMap<String, usize> = Default::default();
    for (i, line) in text.lines().enumerate() {
        let (code, comment) = split_comment(line);
        let code = code.trim();
        if let Some(name) = code.strip_prefix("[[").and_then(|r| r.strip_suffix("]]")) {
            let name = name.trim().to_string();
            let n = arrays
                .entry(name.clone())
                .and_modify(|n| *n += 1)
                .or_insert(0);
            prefix = format!("{name}.{n}.");
        } else if let Some(name) = code.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            prefix = format!("{}.", name.trim());
        } else if let (Some((key, _)), Some(comment)) = (code.split_once('='), comment) {
            if is_marker(comment) {
                out.push((i + 1, format!("{prefix}{}", key.trim())));
            }
        }
    }
    out
}

/// Splits a TOML line at its comment, ignoring `#` inside quoted strings.
fn split_comment(line: &str) -> (&str, Option<&str>) {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match quote {
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' => return (&line[..i], Some(&line[i..])),
            None => {}
        }
    }
    (line, None)
}

/// The value at a dotted key (`district_units.0.phone`).
fn lookup<'a>(value: &'a toml::Value, key: &str) -> Option<&'a toml::Value> {
    key.split('.').try_fold(value, |v, part| match v {
        toml::Value::Table(t) => t.get(part),
        toml::Value::Array(a) => a.get(part.parse::<usize>().ok()?),
        _ => None,
    })
}

/// A valid site.toml for unit tests: the fixture the integration tests use too.
#[cfg(test)]
pub(crate) const TEST_SITE: &str = include_str!("../../tests/fixtures/site.toml");

/// The parsed `TEST_SITE`.
#[cfg(test)]
pub(crate) fn test_site() -> SiteConfig {
    parse(TEST_SITE, "content/site.toml", None).expect("TEST_SITE is valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(s: &str, base: Option<&str>) -> Result<SiteConfig> {
        parse(s, "content/site.toml", base)
    }

    const OK: &str = TEST_SITE;

    #[test]
    fn base_url_is_normalised_and_overridable() {
        assert_eq!(load_str(OK, None).unwrap().base_url, None);
        let c = load_str(OK, Some("https://x.gov.tr/eimza")).unwrap();
        assert_eq!(c.base_url.as_deref(), Some("https://x.gov.tr/eimza/"));
        assert!(load_str(OK, Some("x.gov.tr"))
            .unwrap_err()
            .to_string()
            .contains("must start with https://"));
    }

    #[test]
    fn unknown_key_names_the_line() {
        let e = load_str(&OK.replace("[unit]\n", "[unit]\nphnoe = \"x\"\n"), None)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("content/site.toml:9: unknown field `phnoe`"),
            "{e}"
        );
    }

    #[test]
    fn il_is_derived_and_checked() {
        let c = load_str(OK, None).unwrap();
        let il = c.il_info.unwrap();
        assert_eq!(
            (il.upper.as_str(), il.plate.as_str(), il.area_code.as_str()),
            ("ANKARA", "06", "312")
        );
        let e = load_str(&OK.replace("Ankara", "Ankra"), None)
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "content/site.toml:6: il 'Ankra' is not one of the 81 provinces (did you mean 'Ankara'?)"
        );
    }

    #[test]
    fn route_defaults_to_the_seed_and_rejects_typos() {
        assert_eq!(load_str(OK, None).unwrap().route, Route::MebbisBirimi);
        let c = load_str(&format!("route = \"kisi-odemeli\"\n{OK}"), None).unwrap();
        assert_eq!(c.route, Route::KisiOdemeli);
        let e = load_str(&format!("route = \"kisi\"\n{OK}"), None)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("content/site.toml:1: unknown variant `kisi`"),
            "{e}"
        );
    }

    #[test]
    fn a_route_marked_as_an_example_is_a_placeholder() {
        let text = format!("route = \"online-islemler\"  # ÖRNEK: müdürlüğün yolunu yazın\n{OK}");
        let c = load_str(&text, None).unwrap();
        assert_eq!(c.route, Route::OnlineIslemler);
        let got: Vec<(&str, usize, &str)> = c
            .placeholders
            .iter()
            .map(|p| (p.key.as_str(), p.line, p.value.as_str()))
            .collect();
        assert_eq!(got, [("route", 1, "online-islemler")]);
        let chosen = load_str(&format!("route = \"online-islemler\"\n{OK}"), None).unwrap();
        assert!(chosen.placeholders.is_empty(), "no marker, no placeholder");
    }

    #[test]
    fn placeholders_are_found_with_their_lines() {
        let text = OK
            .replacen("00 00\"\nemail", "00 00\"  # ÖRNEK\nemail", 1)
            .replace(
                "[kamusm]",
                "[[district_units]]\nname = \"x # y\" # örnek: değiştirin\nphone = \"1\"\nemail = \"e\"\naddress = \"a\"\n\
                 [[district_units]]\nname = \"z\"\nphone = \"2\" #ÖRNEK\nemail = \"e\"\naddress = \"a\"\n[kamusm]",
            );
        let c = load_str(&text, None).unwrap();
        let got: Vec<(&str, usize, &str)> = c
            .placeholders
            .iter()
            .map(|p| (p.key.as_str(), p.line, p.value.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("unit.phone", 10, "0 (312) 000 00 00"),
                ("district_units.0.name", 15, "x # y"),
                ("district_units.1.phone", 21, "2"),
            ]
        );
        assert_eq!(
            c.placeholder_messages("content/site.toml")[0],
            "content/site.toml:10: unit.phone is an example value (marked # ÖRNEK): set the real \
             one and delete the marker before publishing"
        );
    }
}
