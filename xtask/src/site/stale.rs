//! The stale-sources stage: a source whose `checked` date is older than site.toml's
//! `source_max_age_months` is a warning (the build goes on), pointing at the source's line.

use super::content::Page;
use super::dates::Date;
use super::error;

/// Sources checked longer ago than `max_months` before `today`, one warning line each.
pub fn warnings(pages: &[Page], today: Date, max_months: u32) -> Vec<String> {
    pages
        .iter()
        .flat_map(|p| p.sources.iter().map(move |s| (p, s)))
        .filter(|(_, s)| s.checked.months_until(today) > i64::from(max_months))
        .map(|(p, s)| {
            error::at(
                &p.rel,
                s.line,
                format!(
                    "'{}' kaynağı en son {} tarihinde denetlenmiş, {max_months} aydan eski: \
                     sayfayı kaynakla yeniden karşılaştırıp 'checked' tarihini güncelleyin",
                    s.title,
                    s.checked.iso()
                ),
            )
            .to_string()
        })
        .collect()
}
