//! The claims stage: every output name is given its owner before anything is rendered (the
//! build's own files, then every page, alias and content file), so a clash is refused naming
//! both claimants; content files of a type that is not published are refused here too.

use super::content::{Content, Page};
use super::error;
use super::owners::{Claimant, Outputs};
use super::{archive, offline, one_file, output};
use anyhow::Result;

/// The names the build itself writes, claimed before any content: a page, alias or content
/// file wanting one of them is refused naming both.
const BUILT_FILES: [(&str, &str); 7] = [
    (one_file::NAME, "tek dosyalık denetleyici"),
    (archive::NAME, "sitenin zip dosyası"),
    (offline::WORKER, "çevrimdışı kopyanın service worker'ı"),
    (".htaccess", "Apache sunucu ayarı"),
    ("web.config", "IIS sunucu ayarı"),
    ("sitemap.xml", "site haritası"),
    (output::MARKER, "çıktı klasörünün işareti"),
];

/// The output map with every name claimed and the content files' bytes in (taken out of
/// `content`).
pub fn claim_all(content: &mut Content) -> Result<Outputs> {
    let mut files = Outputs::default();
    for (name, what) in BUILT_FILES {
        files.claim(name, Claimant::built(format!("{what} ({name})")))?;
    }
    // By file, so the later file in the folder is the one a message points at.
    let mut pages: Vec<&Page> = content.pages.iter().collect();
    pages.sort_by(|a, b| a.rel.cmp(&b.rel));
    for page in &pages {
        files.claim(
            &page.url(),
            Claimant::source(&page.rel, 1, format!("{} sayfası", page.rel)),
        )?;
    }
    for page in &pages {
        for alias in &page.front.aliases {
            files.claim(
                alias,
                Claimant::source(
                    &page.rel,
                    page.aliases_line,
                    format!("{} sayfasının eski adresi (aliases)", page.rel),
                ),
            )?;
        }
    }
    for (rel, file) in std::mem::take(&mut content.files) {
        files.claim(
            &rel,
            Claimant::source(&file.shown, 1, format!("{} dosyası", file.shown)),
        )?;
        match file.bytes {
            Ok(bytes) => files.put(&rel, bytes)?,
            Err(why) => return Err(error::at(&file.shown, 1, why)),
        }
    }
    Ok(files)
}
