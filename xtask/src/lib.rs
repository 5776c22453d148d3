//! The handbook builder and the project's tasks, as a library so workspace tests can call them.

pub mod bench;
pub mod check_form;
pub mod cli;
pub mod commands;
pub mod fixture;
pub mod fuzz;
pub mod serve;
pub mod setup;
pub mod site;
pub mod test;
pub mod tools;
pub mod update_data;

use std::path::PathBuf;

/// The workspace root (the folder holding `content/`, `site-templates/` and `Cargo.toml`).
pub fn project_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}
