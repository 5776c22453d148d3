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
            "  tek dosyalık denetleyici ({}): ham {:.1} KB · brotli {:.1} KB (hedef ≤ 90 KB)",
            w.file,
            w.raw as f64 / 1024.0,
            w.brotli as f64 / 1024.0
        );
    }
    let wasm: Vec<&Weight> = files.iter().filter(|w| w.file.ends_with(".wasm")).collect();
    Ok(json!({ "files": files, "wasm": wasm, "one_file": one_file }))
}
