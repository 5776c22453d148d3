//! What one build is asked to do (`BuildOptions`: folders, base URL, wasm, publishing), filled
//! in by the command line (cli.rs) or by a test, and read by every stage.

use super::dates;
use std::path::{Path, PathBuf};

/// Whether to compile the browser code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WasmMode {
    /// Compile wasm-validator for wasm32 and run wasm-bindgen.
    Build,
    /// Write tiny placeholders instead (fast: content tests, benchmarks).
    Skip,
}

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub content_dir: PathBuf,
    pub templates_dir: PathBuf,
    pub out_dir: PathBuf,
    pub base_url: Option<String>,
    pub wasm: WasmMode,
    /// A publishing build (`--yayin`): example values in site.toml are an error.
    pub publish: bool,
    /// The date sources are aged against (default: today, or `SOURCE_DATE_EPOCH`).
    pub today: Option<dates::Date>,
    /// Overrides site.toml's `offline`: `serve` turns the offline worker off, since a saved
    /// copy has no place on a dev server (and the retiring worker cleans up an earlier one).
    pub offline: Option<bool>,
}

impl BuildOptions {
    /// The project's own folders: `content/`, `site-templates/`, output `dist/`.
    pub fn for_project(root: &Path) -> Self {
        BuildOptions {
            content_dir: root.join("content"),
            templates_dir: root.join("site-templates"),
            out_dir: root.join("dist"),
            base_url: None,
            wasm: WasmMode::Build,
            publish: false,
            today: None,
            offline: None,
        }
    }

    /// How messages name the content folder (`content/`).
    pub fn content_shown(&self) -> String {
        shown_prefix(&self.content_dir)
    }

    /// How messages name the templates folder (`site-templates/`).
    pub fn templates_shown(&self) -> String {
        shown_prefix(&self.templates_dir)
    }
}

fn shown_prefix(dir: &Path) -> String {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{name}/")
}
