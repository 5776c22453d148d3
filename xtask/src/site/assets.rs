//! Static assets: read from `site-templates/static/`, fingerprinted with a content hash so any
//! server can cache them forever (`style.css` → `style.1a2b3c4d.css`).

use super::paths::{rel_path, walk};
use anyhow::{Context, Result};
use sha2::{Digest, Sha256};
use std::path::Path;

/// One asset: its logical name (what templates ask for) and its bytes.
pub type Asset = (String, Vec<u8>);

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

/// Every file under `static_dir`, sorted by name.
/// `shown` names the folder in messages (`site-templates/static/`).
pub fn load_static(static_dir: &Path, shown: &str) -> Result<Vec<Asset>> {
    if !static_dir.is_dir() {
        return Ok(vec![]);
    }
    walk(static_dir, shown)?
        .into_iter()
        .map(|path| {
            let bytes =
                std::fs::read(&path).with_context(|| format!("{}: okunamadı", path.display()))?;
            Ok((rel_path(static_dir, &path), bytes))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
