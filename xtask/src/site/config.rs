//! Loads `content/site.toml`: the directorate's own settings, read by every template as `site.*`.
//! Typed, with unknown keys rejected, so a typo fails the build instead of vanishing. Every
//! value is checked where it is read: no control characters, URLs parsed by the `url` crate
//! (http/https only) and e-mail addresses by shape. Example values (the shipped ones, those on
//! reserved example domains, and any line marked `# ÖRNEK`) are placeholders: listed with their
//! line so the build can warn about them and a publishing build can refuse them.

use super::error::{at, line_of};
use super::messages::toml_message;
use super::options::BuildOptions;
use anyhow::Result;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use url::Url;
use wasm_validator::geo::{self, Province};

/// The example values shipped in content/site.toml, known by value so that deleting the
/// `# ÖRNEK` comment alone does not publish them. The one list: `--yayin`, the warnings and the
/// red "örnek" strip all read it through `SiteConfig::placeholders` (a test keeps it in step
/// with the shipped file). Phone numbers compare by their digits, the rest ignoring case and
/// spacing.
pub const SHIPPED_EXAMPLES: &[&str] = &[
    "0 (382) 000 00 00",
    "mebbis@aksaray-mem.example",
    "Aksaray İl Millî Eğitim Müdürlüğü, Bilgi İşlem MEBBİS Birimi, Aksaray",
    "https://eimza.ornek.meb.gov.tr/",
];

/// Domains reserved for examples and tests (RFC 2606, RFC 6761): an address under one is never
/// real. A host with an `ornek` label (`eimza.ornek.meb.gov.tr`) counts as an example too.
const EXAMPLE_DOMAINS: &[&str] = &[
    "example",
    "example.com",
    "example.net",
    "example.org",
    "test",
    "invalid",
    "localhost",
];

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

/// A value of site.toml that is an example, to be replaced before publishing.
#[derive(Debug, Clone, Serialize)]
pub struct Placeholder {
    /// Dotted key: `unit.phone`, `district_units.0.email`.
    pub key: String,
    pub line: usize,
    pub value: String,
    /// Why it counts as an example, in Turkish: "# ÖRNEK ile işaretli", …
    pub why: String,
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
    /// Derived from the values and the `# ÖRNEK` markers.
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

/// The settings stage: site.toml with the build's overrides (`--base-url`, `offline`). Its
/// example values are warnings, one line each; a publishing build (`--yayin`) refuses them.
pub fn for_build(opts: &BuildOptions, shown: &str) -> Result<(SiteConfig, Vec<String>)> {
    let mut site = load(&opts.content_dir, shown, opts.base_url.as_deref())?;
    site.offline = opts.offline.unwrap_or(site.offline);
    let placeholders = site.placeholder_messages(shown);
    if opts.publish && !placeholders.is_empty() {
        anyhow::bail!(
            "{}\nyayın derlemesi (--yayin), site.toml'da örnek değer kaldıkça çalışmaz",
            placeholders.join("\n")
        );
    }
    Ok((site, placeholders))
}

/// Parses the text of site.toml (`shown` names it in messages).
pub fn parse(text: &str, shown: &str, base_url_override: Option<&str>) -> Result<SiteConfig> {
    let mut config: SiteConfig = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
        at(shown, line, toml_message(e.message()))
    })?;
    let keys = key_lines(text);
    let line_of_key = |key: &str| keys.get(key).map(|k| k.line).unwrap_or(1);
    let value: toml::Value = toml::from_str(text)
        .map_err(|e| anyhow::anyhow!("{shown}: {}", toml_message(e.message())))?;
    check_values(&value, "", &|key, message| {
        at(shown, line_of_key(key), format!("{key}: {message}"))
    })?;
    for (key, value) in [
        ("title", &config.title),
        ("directorate", &config.directorate),
        ("il", &config.il),
    ] {
        if value.trim().is_empty() {
            return Err(at(shown, line_of_key(key), format!("'{key}' boş olamaz")));
        }
    }
    let province = geo::find_province(config.il.trim()).ok_or_else(|| {
        let hint = geo::suggest_province(config.il.trim())
            .map(|p| format!(" ('{}' mı demek istediniz?)", p.name))
            .unwrap_or_default();
        at(
            shown,
            line_of_key("il"),
            format!("il '{}' 81 ilden biri değil{hint}", config.il),
        )
    })?;
    config.il_info = Some(IlInfo::of(province));
    // The checked URLs are used as the url crate writes them.
    for url in [
        &mut config.kamusm.portal_url,
        &mut config.kamusm.password_url,
    ] {
        if let Ok(parsed) = web_url(url) {
            *url = parsed.to_string();
        }
    }
    config.fee_note = config.fee_note.filter(|s| !s.trim().is_empty());
    config.base_url = match base_url_override.map(str::trim).filter(|s| !s.is_empty()) {
        Some(raw) => Some(
            base_url(raw)
                .map_err(|e| anyhow::anyhow!("--base-url '{}': {e}", raw.escape_debug()))?,
        ),
        None => match config
            .base_url
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(raw) => Some(
                base_url(raw)
                    .map_err(|e| at(shown, line_of_key("base_url"), format!("base_url: {e}")))?,
            ),
            None => None,
        },
    };
    let mut placeholders: Vec<Placeholder> = Vec::new();
    let mut strings = Vec::new();
    leaf_strings(&value, "", &mut strings);
    for (key, text) in strings {
        let marked = keys.get(&key).is_some_and(|k| k.marked);
        let why = if marked {
            Some("# ÖRNEK ile işaretli".to_string())
        } else {
            example_reason(&text)
        };
        if let Some(why) = why {
            let line = line_of_key(&key);
            placeholders.push(Placeholder {
                key,
                line,
                value: text,
                why,
            });
        }
    }
    // A base URL given on the command line is checked like the one in the file.
    if base_url_override.is_some() {
        if let Some(why) = config.base_url.as_deref().and_then(example_reason) {
            placeholders.retain(|p| p.key != "base_url");
            placeholders.push(Placeholder {
                key: "base_url".into(),
                line: line_of_key("base_url"),
                value: config.base_url.clone().unwrap_or_default(),
                why: format!("{why} (--base-url)"),
            });
        }
    }
    placeholders.sort_by_key(|p| p.line);
    config.placeholders = placeholders;
    Ok(config)
}

/// Checks every string of site.toml where it is read: no control characters (a newline or a
/// U+2028 in a value would start new lines in the files it is written into), URLs (`*_url`
/// keys) parsed as http/https, e-mail addresses (`email`, `sender`) by shape.
fn check_values(
    value: &toml::Value,
    key: &str,
    err: &dyn Fn(&str, String) -> anyhow::Error,
) -> Result<()> {
    match value {
        toml::Value::String(s) => {
            if let Some(c) = s.chars().find(|c| forbidden_char(*c)) {
                return Err(err(
                    key,
                    format!(
                        "değerde görünmeyen bir denetim karakteri var (U+{:04X}); değeri tek satır \
                         olarak, düz metinle yazın",
                        c as u32
                    ),
                ));
            }
            let last = key.rsplit('.').next().unwrap_or(key);
            if last.ends_with("_url") && last != "base_url" {
                web_url(s).map_err(|e| err(key, e))?;
            } else if last == "email" || last == "sender" {
                email(s).map_err(|e| err(key, e))?;
            }
            Ok(())
        }
        toml::Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, v)| check_values(v, &join_key(key, &i.to_string()), err)),
        toml::Value::Table(t) => t
            .iter()
            .try_for_each(|(k, v)| check_values(v, &join_key(key, k), err)),
        _ => Ok(()),
    }
}

fn join_key(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// Characters no site.toml value may hold: control characters and the Unicode line and
/// paragraph separators.
fn forbidden_char(c: char) -> bool {
    c.is_control() || c == '\u{2028}' || c == '\u{2029}'
}

/// Every string of a TOML value with its dotted key, in key order.
fn leaf_strings(value: &toml::Value, key: &str, out: &mut Vec<(String, String)>) {
    match value {
        toml::Value::String(s) => out.push((key.to_string(), s.clone())),
        toml::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                leaf_strings(v, &join_key(key, &i.to_string()), out);
            }
        }
        toml::Value::Table(t) => {
            for (k, v) in t {
                leaf_strings(v, &join_key(key, k), out);
            }
        }
        _ => {}
    }
}

/// A web address from site.toml or a page's sources, checked and re-serialised by the `url`
/// crate: http or https, no spaces or control characters, no user name or password. The
/// reason starts with the address, in Turkish.
pub fn web_url(raw: &str) -> std::result::Result<Url, String> {
    if raw.chars().any(|c| c.is_whitespace() || forbidden_char(c)) {
        return Err(format!(
            "'{}' içinde boşluk ya da denetim karakteri olamaz",
            raw.escape_debug()
        ));
    }
    let url = Url::parse(raw)
        .map_err(|e| format!("'{raw}' geçerli bir web adresi değil ({})", url_error(e)))?;
    if !matches!(url.scheme(), "https" | "http") {
        return Err(format!(
            "'{raw}' https:// ya da http:// ile başlamalı (başka adres türü kabul edilmez)"
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!("'{raw}' kullanıcı adı ya da parola içeremez"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("'{raw}' bir sunucu adı içermeli"));
    }
    Ok(url)
}

/// Why the `url` crate did not parse an address, in Turkish (the crate says it in English).
fn url_error(e: url::ParseError) -> &'static str {
    use url::ParseError as E;
    match e {
        E::RelativeUrlWithoutBase => "https:// ile başlamıyor",
        E::EmptyHost => "sunucu adı boş",
        E::InvalidDomainCharacter => "sunucu adında geçersiz bir karakter var",
        E::IdnaError => "sunucu adı geçersiz",
        E::InvalidPort => "bağlantı noktası (port) numarası geçersiz",
        E::InvalidIpv4Address => "IPv4 adresi geçersiz",
        E::InvalidIpv6Address => "IPv6 adresi geçersiz",
        E::Overflow => "adres çok uzun",
        _ => "adres okunamadı",
    }
}

/// The site's public address (`base_url` or `--base-url`): a web address without query or
/// fragment, its path ending with "/" (added when missing), and only characters that Apache's
/// configuration reads literally (it goes into `.htaccess`). Returned re-serialised.
pub fn base_url(raw: &str) -> std::result::Result<String, String> {
    let mut url = web_url(raw)?;
    if url.query().is_some() || url.fragment().is_some() || raw.contains(['?', '#']) {
        return Err(format!(
            "'{raw}' soru işareti (?) ya da # içeremez: sitenin klasör adresini yazın"
        ));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    if let Some(c) = url.path().chars().find(|c| !htaccess_safe(*c)) {
        return Err(format!(
            "'{raw}' yolunda sunucu ayarına yazılamayacak bir karakter var ('{c}')"
        ));
    }
    Ok(url.to_string())
}

/// Characters of a re-serialised URL path that Apache's configuration reads as themselves:
/// RFC 3986's unreserved characters, percent escapes and the path's own separators.
pub fn htaccess_safe(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~/%!$&()*+,;=:@".contains(c)
}

/// An e-mail address: one `@`, a plain local part, a domain the `url` crate accepts.
fn email(raw: &str) -> std::result::Result<(), String> {
    let bad = || format!("'{raw}' geçerli bir e-posta adresi değil (ad@alan.adi gibi yazın)");
    let (local, domain) = raw.split_once('@').ok_or_else(bad)?;
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-_+".contains(c));
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && matches!(url::Host::parse(domain), Ok(url::Host::Domain(_)));
    if local_ok && domain_ok {
        Ok(())
    } else {
        Err(bad())
    }
}

/// Why a value counts as an example, if it does: it is one of `SHIPPED_EXAMPLES`, or an
/// e-mail address or URL on an example domain.
pub fn example_reason(value: &str) -> Option<String> {
    if let Some(shipped) = SHIPPED_EXAMPLES.iter().find(|e| same_value(e, value)) {
        return Some(format!("el kitabıyla gelen örnek değer ('{shipped}')"));
    }
    let host = match value.rsplit_once('@') {
        Some((_, domain)) if !value.contains("://") => domain.to_string(),
        _ => Url::parse(value).ok()?.host_str()?.to_string(),
    };
    let host = wasm_validator::text::fold(host.trim_end_matches('.'));
    let ornek = Url::parse("http://örnek/")
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default();
    if host
        .split('.')
        .any(|label| label == "ornek" || label == ornek)
    {
        return Some(format!("'{host}' örnek bir alan adı"));
    }
    EXAMPLE_DOMAINS
        .iter()
        .find(|d| host == **d || host.ends_with(&format!(".{d}")))
        .map(|d| format!("'{d}' örnekler için ayrılmış bir alan adı"))
}

/// Whether two values are the same example: phone numbers by their digits, the rest by their
/// folded text with spacing collapsed.
fn same_value(example: &str, value: &str) -> bool {
    let is_phone = |s: &str| {
        s.chars().any(|c| c.is_ascii_digit())
            && s.chars()
                .all(|c| c.is_ascii_digit() || " ()+-./".contains(c))
    };
    if is_phone(example) && is_phone(value) {
        let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
        return digits(example) == digits(value);
    }
    let norm = |s: &str| {
        wasm_validator::text::fold(s)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    norm(example) == norm(value)
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
                        "{} örnek bir değer ({}): yayımlamadan önce gerçek değeri yazın \
                         (varsa # ÖRNEK işaretini de silin)",
                        p.key, p.why
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

/// Where a key's value is written, and whether its line carries the `# ÖRNEK` marker.
#[derive(Debug, Clone, Copy)]
struct KeyLine {
    line: usize,
    marked: bool,
}

/// Every `key = value` line by dotted key, following `[table]` and `[[array]]` headers (array
/// items are numbered from 0).
fn key_lines(text: &str) -> BTreeMap<String, KeyLine> {
    let mut out = BTreeMap::new();
    let mut prefix = String::new();
    let mut arrays: BTreeMap<String, usize> = Default::default();
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
        } else if let Some((key, _)) = code.split_once('=') {
            let key = key.trim().trim_matches(['"', '\'']);
            out.entry(format!("{prefix}{key}")).or_insert(KeyLine {
                line: i + 1,
                marked: comment.is_some_and(is_marker),
            });
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
            .contains("geçerli bir web adresi değil"));
    }

    /// The site.toml fixture with `key = …` (the first such line) set to `value` (TOML text).
    fn with(key: &str, value: &str) -> String {
        let mut done = false;
        OK.lines()
            .map(|l| {
                if !done && l.starts_with(&format!("{key} = ")) {
                    done = true;
                    format!("{key} = {value}")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Values that must never reach a written file as they are (TOML string literals).
    const HOSTILE: &[&str] = &[
        r#""https://x.gov.tr/\nRedirect / https://kotu.example/""#,
        r#""https://x.gov.tr/a b/""#,
        r#""https://x.gov.tr/\u2028x/""#,
        r#""https://x.gov.tr/\u2029x/""#,
        r#""https://x.gov.tr/\tx/""#,
        r#""javascript:alert(1)""#,
        r#""data:text/html,<script>alert(1)</script>""#,
        r#""ftp://x.gov.tr/""#,
        r#""//x.gov.tr/""#,
        r#""https://ad:parola@x.gov.tr/""#,
        r#"" https://x.gov.tr/""#,
    ];

    #[test]
    fn every_url_is_parsed_http_or_https_and_refused_with_its_line() {
        for key in ["portal_url", "password_url"] {
            let line = OK.lines().position(|l| l.starts_with(key)).unwrap() + 1;
            for bad in HOSTILE {
                let e = load_str(&with(key, bad), None)
                    .err()
                    .unwrap_or_else(|| panic!("{key} = {bad} was accepted"))
                    .to_string();
                assert!(
                    e.starts_with(&format!("content/site.toml:{line}: kamusm.{key}: ")),
                    "{key} = {bad}: {e}"
                );
                assert!(!e.contains('\n'), "one line: {e}");
            }
            let ok = load_str(&with(key, r#""https://x.gov.tr/a?b=c""#), None).unwrap();
            let kept = if key == "portal_url" {
                &ok.kamusm.portal_url
            } else {
                &ok.kamusm.password_url
            };
            assert_eq!(kept, "https://x.gov.tr/a?b=c");
        }
    }

    #[test]
    fn base_url_is_checked_and_re_serialised() {
        for bad in HOSTILE.iter().chain(&[
            r#""https://x.gov.tr/eimza/?a=b""#,
            r#""https://x.gov.tr/eimza/#x""#,
            r#""https://x.gov.tr/eimza'/""#,
            r#""https://x.gov.tr/a%0aRedirect/?""#,
        ]) {
            if bad.starts_with("\" ") {
                continue; // base_url is trimmed
            }
            let text = format!("base_url = {bad}\n{OK}");
            let e = load_str(&text, None)
                .err()
                .unwrap_or_else(|| panic!("base_url = {bad} was accepted"))
                .to_string();
            assert!(
                e.starts_with("content/site.toml:1: base_url: "),
                "{bad}: {e}"
            );
            let raw: String = toml::from_str::<toml::Table>(&format!("v = {bad}")).unwrap()["v"]
                .as_str()
                .unwrap()
                .to_string();
            let e = load_str(OK, Some(&raw)).unwrap_err().to_string();
            assert!(e.starts_with("--base-url "), "{bad}: {e}");
        }
        // What passes is the url crate's own serialisation: quotes, non-ASCII and the like
        // arrive percent-encoded, the host in its ASCII form.
        let c = load_str(OK, Some("https://Şube.gov.tr/e\"<imza>")).unwrap();
        assert_eq!(
            c.base_url.as_deref(),
            Some("https://xn--ube-rza.gov.tr/e%22%3Cimza%3E/")
        );
    }

    #[test]
    fn control_characters_are_refused_in_every_value() {
        for bad in [
            r#""a\nb""#,
            r#""a\rb""#,
            r#""a\u2028b""#,
            r#""a\u0000b""#,
            r#""a\u0085b""#,
        ] {
            let e = load_str(&with("name", bad), None).unwrap_err().to_string();
            assert!(
                e.starts_with("content/site.toml:9: unit.name: değerde görünmeyen bir denetim"),
                "{bad}: {e}"
            );
        }
        let e = load_str(&with("title", r#""""a\nb""""#), None)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("content/site.toml:2: title: "), "{e}");
    }

    #[test]
    fn e_mail_addresses_are_checked() {
        for bad in [
            r#""x""#,
            r#""a b@x.gov.tr""#,
            r#""a@x.gov.tr?subject=y""#,
            r#""<a>@x.gov.tr""#,
            r#""a@x""#,
            r#""a@@x.gov.tr""#,
        ] {
            let e = load_str(&with("email", bad), None).unwrap_err().to_string();
            assert!(
                e.starts_with("content/site.toml:11: unit.email: "),
                "{bad}: {e}"
            );
        }
        load_str(
            &with("email", r#""e.imza_birim+1@aksaray.meb.gov.tr""#),
            None,
        )
        .unwrap();
    }

    #[test]
    fn known_example_values_count_without_the_marker() {
        let cases = [
            ("phone", r#""0 (382) 000 00 00""#, "unit.phone"),
            ("phone", r#""0382 000 0000""#, "unit.phone"),
            ("email", r#""mebbis@aksaray-mem.example""#, "unit.email"),
            ("email", r#""birim@il.example.com""#, "unit.email"),
            ("email", r#""birim@ORNEK.meb.gov.tr""#, "unit.email"),
            ("email", r#""birim@x.test""#, "unit.email"),
            (
                "address",
                r#""Aksaray İl  Millî Eğitim Müdürlüğü, Bilgi İşlem MEBBİS Birimi, Aksaray""#,
                "unit.address",
            ),
            (
                "portal_url",
                r#""https://portal.example.org/giris""#,
                "kamusm.portal_url",
            ),
        ];
        for (key, value, dotted) in cases {
            let c = load_str(&with(key, value), None).unwrap();
            let keys: Vec<&str> = c.placeholders.iter().map(|p| p.key.as_str()).collect();
            assert_eq!(keys, [dotted], "{key} = {value}");
        }
        let c = load_str(OK, None).unwrap();
        assert!(c.placeholders.is_empty(), "{:?}", c.placeholders);
        let c = load_str(OK, Some("https://eimza.örnek.meb.gov.tr")).unwrap();
        assert_eq!(c.placeholders.len(), 1, "{:?}", c.placeholders);
        assert!(c.placeholder_messages("content/site.toml")[0].contains("--base-url"));
        let c = load_str(
            &format!("base_url = \"https://eimza.ornek.meb.gov.tr/\"\n{OK}"),
            None,
        )
        .unwrap();
        assert_eq!(c.placeholders[0].key, "base_url");
    }

    /// The shipped content/site.toml: every value it marks as an example is a known one, so
    /// deleting only the `# ÖRNEK` comments leaves every one of them a placeholder.
    #[test]
    fn shipped_examples_are_known_without_their_markers() {
        let shipped = include_str!("../../../content/site.toml");
        let marked = parse(shipped, "content/site.toml", None)
            .unwrap()
            .placeholders;
        let contacts: Vec<&Placeholder> = marked.iter().filter(|p| p.key != "route").collect();
        assert!(contacts.len() >= 3, "{marked:?}");
        let unmarked: String = shipped
            .lines()
            .map(|l| match split_comment(l) {
                (code, Some(c)) if is_marker(c) => code.trim_end().to_string(),
                _ => l.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        assert!(!unmarked.contains("ÖRNEK:"), "every marker removed");
        let still = parse(&unmarked, "content/site.toml", None)
            .unwrap()
            .placeholders;
        for p in contacts {
            assert!(
                still.iter().any(|s| s.key == p.key && s.value == p.value),
                "{} = '{}' counts only while marked: add it to SHIPPED_EXAMPLES",
                p.key,
                p.value
            );
        }
    }

    #[test]
    fn unknown_key_names_the_line() {
        let e = load_str(&OK.replace("[unit]\n", "[unit]\nphnoe = \"x\"\n"), None)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("content/site.toml:9: bilinmeyen anahtar `phnoe`"),
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
            "content/site.toml:6: il 'Ankra' 81 ilden biri değil ('Ankara' mı demek istediniz?)"
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
            e.starts_with("content/site.toml:1: bilinmeyen değer `kisi`"),
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
                "[[district_units]]\nname = \"x # y\" # örnek: değiştirin\nphone = \"1\"\nemail = \"e@x.gov.tr\"\naddress = \"a\"\n\
                 [[district_units]]\nname = \"z\"\nphone = \"2\" #ÖRNEK\nemail = \"e@x.gov.tr\"\naddress = \"a\"\n[kamusm]",
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
            "content/site.toml:10: unit.phone örnek bir değer (# ÖRNEK ile işaretli): yayımlamadan \
             önce gerçek değeri yazın (varsa # ÖRNEK işaretini de silin)"
        );
    }
}
