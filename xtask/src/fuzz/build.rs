//! Builds the optimised copy of xtask that `cargo xtask fuzz --release` and `--coverage` run as
//! their workers: release settings for speed (opt-level 3, no LTO), but with unwinding panics
//! (each is caught and reported with its input), overflow checks and debug assertions, which
//! find more bugs. Each kind has its own target directory, so later runs only rebuild what
//! changed; `--coverage` adds LLVM's edge counters through `fuzz/coverage.rs`.

use super::coverage::WRAPPER_ENV;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Builds the copy and returns its path; `instrumented` for `--coverage`.
pub fn optimised(root: &Path, instrumented: bool) -> Result<PathBuf> {
    let name = if instrumented {
        "fuzz-coverage"
    } else {
        "fuzz-release"
    };
    let target_dir = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => PathBuf::from(d).join(name),
        None => root.join("target").join(name),
    };
    std::fs::create_dir_all(&target_dir)?;
    println!(
        "fuzz: building an optimised{} xtask into {} (later runs reuse it)",
        if instrumented { ", instrumented" } else { "" },
        target_dir.display()
    );
    let mut cargo = Command::new(crate::tools::cargo());
    cargo
        .args(["build", "--release", "-p", "xtask"])
        .arg("--target-dir")
        .arg(&target_dir)
        .current_dir(root)
        .env("CARGO_PROFILE_RELEASE_PANIC", "unwind")
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "3")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_OVERFLOW_CHECKS", "true")
        .env("CARGO_PROFILE_RELEASE_DEBUG_ASSERTIONS", "true")
        .stdin(Stdio::null());
    if instrumented {
        // A copy of this program as the wrapper: rebuilding xtask during the long first
        // build must not pull the wrapper from under cargo.
        let wrapper = target_dir.join(format!("rustc-wrapper{}", std::env::consts::EXE_SUFFIX));
        std::fs::copy(crate::tools::xtask_bin()?, &wrapper)
            .with_context(|| format!("cannot copy this program to {}", wrapper.display()))?;
        cargo.env("RUSTC_WRAPPER", &wrapper).env(WRAPPER_ENV, "1");
    }
    let status = cargo.status().context("cannot run cargo")?;
    if !status.success() {
        bail!("the optimised build failed ({status})");
    }
    let exe = target_dir
        .join("release")
        .join(format!("xtask{}", std::env::consts::EXE_SUFFIX));
    if !exe.is_file() {
        bail!("the optimised build left no {}", exe.display());
    }
    Ok(exe)
}
