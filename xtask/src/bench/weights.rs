//! Bench section `weights`: raw, gzip (level 9) and brotli (quality 11) sizes of every page
//! and asset of the real site, as a host that precompresses would send them. Node's zlib
//! compresses (tests/bench/weights.mjs): the builder needs no compressor of its own for this.

use super::browser;
use super::common::{print_table, section, Bench};
use anyhow::{Context, Result};
use serde_json::{json, Value};
use std::path::Path;

/// Sizes of one file.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
pub struct Weight {
    pub file: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// Weights of every file of the built site in `dir` (sorted by path).
pub fn of_site(root: &Path, dir: &Path) -> Result<Vec<Weight>> {
    let script = root.join("tests").join("bench").join("weights.mjs");
    let value = browser::node_json(&script, &[("SITE_DIR", dir.display().to_string())])?;
    serde_json::from_value(value).context("weights.mjs printed something else than weights")
}

/// Raw/gzip/brotli sizes of every page and asset of the real site; wasm sizes.
pub(super) fn page_weights(bench: &Bench, site: &Path) -> Result<Value> {
    section("Sayfa ağırlıkları (bayt: ham / gzip -9 / brotli 11)");
    let files = of_site(&bench.root, site)?;
    let mut table = vec![vec![
        "dosya".to_string(),
        "ham".into(),
        "gzip".into(),
        "brotli".into(),
    ]];
    for w in &files {
        table.push(vec![
            w.file.clone(),
            w.raw.to_string(),
            w.gzip.to_string(),
            w.brotli.to_string(),
        ]);
    }
    print_table(&table);
    let one_file = files.iter().find(|w| w.file == crate::site::one_file::NAME);
    if let Some(w) = one_file {
        println!(
            "  tek dosyalık denetleyici ({}): ham {:.1} KB · brotli {:.1} KB (bütçe 90 KB · hedef ≤ 65 KB)",
            w.file,
            w.raw as f64 / 1024.0,
            w.brotli as f64 / 1024.0
        );
    }
    let html = std::fs::read_to_string(site.join(CHECKER_PAGE))
        .with_context(|| format!("{CHECKER_PAGE}: okunamadı"))?;
    let loaded = loaded_files(CHECKER_PAGE, &html);
    let checker: Vec<&Weight> = files.iter().filter(|w| loaded.contains(&w.file)).collect();
    let checker_brotli: u64 = checker.iter().map(|w| w.brotli).sum();
    println!(
        "  {CHECKER_PAGE} ve yüklediği her şey ({} dosya): brotli {} bayt = {:.1} KB (bütçe 60 KB · hedef ≤ 50 KB)",
        checker.len(),
        checker_brotli,
        checker_brotli as f64 / 1024.0
    );
    let wasm: Vec<&Weight> = files.iter().filter(|w| w.file.ends_with(".wasm")).collect();
    Ok(json!({
        "files": files,
        "wasm": wasm,
        "one_file": one_file,
        "checker_page": { "files": checker, "brotli": checker_brotli },
    }))
}

/// The checker page, whose total (page, styles, scripts, wasm) the issue's 50 KB target is about.
const CHECKER_PAGE: &str = "kontrol.html";

/// The page and the files its `<link>` and `<script>` tags make the browser fetch: `href`,
/// `src`, the boot script's `data-wasm` and a registered worker's `data-sw` (the one-file
/// copy's `data-disk` script is only read from disk, so it is not counted). Same-site relative
/// paths only; what the browser loads is what tests/browser/budgets.test.mjs measures, this is
/// the bench's quick estimate of it without a browser.
fn loaded_files(page: &str, html: &str) -> Vec<String> {
    let mut out = vec![page.to_string()];
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        if !(tag.starts_with("link ") || tag.starts_with("script ")) {
            continue;
        }
        for attr in ["href", "src", "data-wasm", "data-sw"] {
            let key = format!(" {attr}=\"");
            if let Some(start) = tag.find(&key).map(|i| i + key.len()) {
                let value = tag[start..].split('"').next().unwrap_or("");
                let local = !value.is_empty() && !value.contains(':') && !value.starts_with('/');
                if local && !out.iter().any(|f| f == value) {
                    out.push(value.to_string());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::loaded_files;

    #[test]
    fn loaded_files_are_the_link_and_script_targets() {
        let html = r#"<html><head><link rel="stylesheet" href="a.css"><link rel="icon" href="i.svg">
<script src="c.js" defer></script><script src="boot.js" data-wasm="c.wasm" data-disk="disk.js"></script>
<script src="k.js" data-sw="sw.js"></script><link rel="preconnect" href="https://x.example">
</head><body><a href="index.html">Ana sayfa</a><img src="p.png"><script src="c.js"></script></body></html>"#;
        assert_eq!(
            loaded_files("kontrol.html", html),
            [
                "kontrol.html",
                "a.css",
                "i.svg",
                "c.js",
                "boot.js",
                "c.wasm",
                "k.js",
                "sw.js"
            ]
        );
    }
}
