//! The template-data stage: the values every template sees (site, data, checker, steps,
//! sources, QR code), built once per build from site.toml and the loaded pages.

use super::config::SiteConfig;
use super::content::Content;
use super::render::{self, Globals};
use super::templates::ser;
use super::{checker_data, extras};
use minijinja::Value;

/// The values shared by every page; `templates_prefix` names the templates in messages.
pub fn of(site: &SiteConfig, content: &Content, templates_prefix: &str) -> Globals {
    Globals {
        site: ser(site),
        data: ser(&content.data),
        checker: checker_data::value(site),
        steps: ser(render::steps(&content.pages)),
        all_sources: ser(render::all_sources(&content.pages)),
        all_sources_checked: ser(render::all_sources(&content.pages)
            .iter()
            .map(|s| s.checked)
            .max()),
        qr_svg: Value::from(
            site.base_url
                .as_ref()
                .and_then(|u| extras::qr_svg(&format!("{u}kontrol.html")))
                .map(Value::from_safe_string),
        ),
        templates_prefix: templates_prefix.to_string(),
    }
}
