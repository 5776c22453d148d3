//! Where `cargo xtask fuzz` keeps its files: the crash reports in `target/fuzz/crashes/` (one
//! per distinct failure, with the input and how to replay it) and the workers' scratch files
//! in `target/fuzz/work/` (input files, last inputs, summaries).

use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    crate::project_root().join("target").join("fuzz")
}

/// Where crash reports are written.
pub fn crashes_dir() -> PathBuf {
    fuzz_dir().join("crashes")
}

/// Scratch files of the workers.
pub fn work_dir() -> PathBuf {
    fuzz_dir().join("work")
}

/// A worker's summary line; `key` is `<target>-<run>`.
pub fn summary_path(key: &str) -> PathBuf {
    work_dir().join(format!("{key}.summary"))
}

/// The input a worker is running (see `fuzz::breadcrumb_bytes`).
pub fn breadcrumb_path(key: &str) -> PathBuf {
    work_dir().join(format!("{key}.last"))
}

/// `<dir>/<target>-<n>.txt` with the first unused n.
pub fn new_crash_file(dir: &Path, target: &str) -> PathBuf {
    (1..)
        .map(|n| dir.join(format!("{target}-{n}.txt")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| dir.join(format!("{target}.txt")))
}
