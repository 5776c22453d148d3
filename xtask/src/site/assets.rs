//! Static assets: read from `site-templates/static/`, fingerprinted with a content hash so any
//! server can cache them forever (`style.css` → `style.1a2b3c4d.css`).

use super::owners::{Claimant, Outputs};
use super::paths::{read_tree, Hidden};
use anyhow::Result;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One asset: its logical name (what templates ask for) and its bytes.
pub type Asset = (String, Vec<u8>);

/// Each asset's output name by its logical name (`style.css` → `style.1a2b3c4d.css`), what the
/// templates' `asset()` gives.
#[derive(Debug, Default)]
pub struct AssetUrls(pub BTreeMap<String, String>);

impl AssetUrls {
    /// Adds a fingerprinted asset to the output and notes its URL.
    pub fn add(
        &mut self,
        files: &mut Outputs,
        (logical, bytes): Asset,
        by: Claimant,
    ) -> Result<()> {
        let url = fingerprinted_name(&logical, &bytes);
        files.add(&url, by, bytes)?;
        self.0.insert(logical, url);
        Ok(())
    }

    /// The output name of an asset.
    pub fn get(&self, logical: &str) -> Option<&str> {
        self.0.get(logical).map(String::as_str)
    }

    /// Every output name that carries a hash of its content.
    pub fn fingerprinted(&self) -> BTreeSet<String> {
        self.0.values().cloned().collect()
    }
}

/// The assets stage: the files of `site-templates/static/`, then the generated ones (the wasm
/// stage's), fingerprinted into `files`.
pub fn collect(
    templates_dir: &Path,
    templates_prefix: &str,
    generated: Vec<Asset>,
    files: &mut Outputs,
) -> Result<AssetUrls> {
    let mut urls = AssetUrls::default();
    let static_dir = templates_dir.join("static");
    for asset in load_static(&static_dir, &format!("{templates_prefix}static/"))? {
        let by = Claimant::built(format!("{templates_prefix}static/{}", asset.0));
        urls.add(files, asset, by)?;
    }
    for asset in generated {
        let by = Claimant::built(format!("derlenen {}", asset.0));
        urls.add(files, asset, by)?;
    }
    Ok(urls)
}

/// `dir/name.ext` → `dir/name.<8 hex of sha256>.ext`.
pub fn fingerprinted_name(logical: &str, bytes: &[u8]) -> String {
    let hash = Sha256::digest(bytes);
    let short: String = hash.iter().take(4).map(|b| format!("{b:02x}")).collect();
    let (dir, file) = match logical.rsplit_once('/') {
        Some((d, f)) => (format!("{d}/"), f),
        None => (String::new(), logical),
    };
    match file.split_once('.') {
        Some((stem, ext)) => format!("{dir}{stem}.{short}.{ext}"),
        None => format!("{dir}{file}.{short}"),
    }
}

/// Every file under `static_dir`, sorted by name, read without following links.
/// `shown` names the folder in messages (`site-templates/static/`).
pub fn load_static(static_dir: &Path, shown: &str) -> Result<Vec<Asset>> {
    if !static_dir.is_dir() {
        return Ok(vec![]);
    }
    Ok(read_tree(static_dir, shown, Hidden::Skip, &|_| true)?
        .into_iter()
        .map(|file| {
            let bytes = strip_comments(&file.rel, file.bytes.unwrap_or_default());
            (file.rel, bytes)
        })
        .collect())
}

/// Our own CSS and JavaScript without their comments (they explain the code to its readers, not
/// to browsers; a third of the checker page's hand-written bytes). JavaScript loses whole
/// `//` lines only, CSS every `/* … */`; nothing else changes, other files are kept as they are.
pub fn strip_comments(name: &str, bytes: Vec<u8>) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return bytes;
    };
    let kept = if name.ends_with(".js") {
        text.lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .map(|l| format!("{l}\n"))
            .collect::<String>()
    } else if name.ends_with(".css") {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("/*") {
            out.push_str(&rest[..start]);
            rest = match rest[start + 2..].find("*/") {
                Some(end) => &rest[start + 2 + end + 2..],
                None => "",
            };
        }
        out.push_str(rest);
        out.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!("{l}\n"))
            .collect()
    } else {
        return bytes;
    };
    kept.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_go_code_stays() {
        let js = strip_comments(
            "a.js",
            b"// what\nvar a = 'http://x'; // kept\n  // gone\nf();\n".to_vec(),
        );
        assert_eq!(
            String::from_utf8(js).unwrap(),
            "var a = 'http://x'; // kept\nf();\n"
        );
        let css = strip_comments(
            "a.css",
            b"/* head\n   more */\na { b: c; } /* x */\n\np{}\n".to_vec(),
        );
        assert_eq!(String::from_utf8(css).unwrap(), "a { b: c; } \np{}\n");
        let svg = b"<!-- k --><svg/>".to_vec();
        assert_eq!(strip_comments("f.svg", svg.clone()), svg);
    }

    #[test]
    fn names_carry_the_hash() {
        let a = fingerprinted_name("style.css", b"a");
        assert!(
            a.starts_with("style.") && a.ends_with(".css") && a.len() == "style.12345678.css".len(),
            "{a}"
        );
        assert_ne!(a, fingerprinted_name("style.css", b"b"));
        assert_eq!(fingerprinted_name("style.css", b"a"), a);
        assert!(fingerprinted_name("img/ok.svg", b"x").starts_with("img/ok."));
        assert!(fingerprinted_name("checker_bg.wasm", b"x").ends_with(".wasm"));
    }
}
