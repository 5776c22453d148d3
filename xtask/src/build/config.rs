//! Loads `content/site.toml`: the directorate's own settings, read by every template as `site.*`.
//! Typed, with unknown keys rejected, so a typo fails the build instead of vanishing.

use super::error::{at, first_line, line_of};
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The directorate's MEBBİS unit.
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

/// `content/site.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub directorate: String,
    pub portal_institution: String,
    pub office_level: String,
    #[serde(default)]
    pub fee_note: Option<String>,
    /// Public URL of the site, ending in '/', if known (config or `--base-url`).
    #[serde(default)]
    pub base_url: Option<String>,
    pub unit: Unit,
    pub kamusm: KamuSm,
}

pub fn load(
    content_dir: &Path,
    shown: &str,
    base_url_override: Option<&str>,
) -> Result<SiteConfig> {
    let text = std::fs::read_to_string(content_dir.join("site.toml"))
        .with_context(|| format!("{shown}: site ayar dosyası okunamadı"))?;
    let mut config: SiteConfig = toml::from_str(&text).map_err(|e| {
        let line = e.span().map(|s| line_of(&text, s.start)).unwrap_or(1);
        at(shown, line, first_line(e.message()))
    })?;
    let line_of_key = |key: &str| {
        text.lines()
            .position(|l| l.trim_start().starts_with(key))
            .map(|i| i + 1)
            .unwrap_or(1)
    };
    for (key, value) in [
        ("title", &config.title),
        ("directorate", &config.directorate),
    ] {
        if value.trim().is_empty() {
            return Err(at(
                shown,
                line_of_key(key),
                format!("'{key}' must not be empty"),
            ));
        }
    }
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
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(s: &str, base: Option<&str>) -> Result<SiteConfig> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.toml"), s).unwrap();
        load(dir.path(), "content/site.toml", base)
    }

    const OK: &str = "title = \"T\"\ndirectorate = \"D\"\nportal_institution = \"P\"\noffice_level = \"il/ilçe\"\n\
        [unit]\nname = \"n\"\nphone = \"p\"\nemail = \"e\"\naddress = \"a\"\n\
        [kamusm]\nname = \"n\"\nphone = \"p\"\nemail = \"e\"\naddress = \"a\"\nportal_url = \"u\"\npassword_url = \"u\"\nsender = \"s\"\n";

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
            e.starts_with("content/site.toml:6: unknown field `phnoe`"),
            "{e}"
        );
    }
}
