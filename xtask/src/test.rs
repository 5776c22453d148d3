//! `cargo xtask test`: runs every test of the project (native, built-site, browser).
//!
//! Stages: system tools (Chromium, Java, Node/npm installed with apt when missing and this
//! process may, see `crate::setup`; the wasm32 target); the quality gates (`cargo fmt --check`; clippy with `-D warnings` on every target,
//! and on the browser code for wasm32, which a host build never compiles); `cargo test
//! --workspace` (the tidy rules are a test there, `xtask/tests/it/tidy.rs`); every fuzz target
//! for a few seconds from a fixed seed (`cargo xtask fuzz`, see `fuzz.rs`); a fresh site build
//! (with wasm) into `target/test-site`; `npm ci` for `tests/browser` when needed; `node --test`
//! over `tests/browser/*.test.mjs` with `SITE_DIR` set. Every stage runs even if an earlier
//! independent one failed, so one run shows all failures; a missing tool is a failure, never a
//! skip.
//!
//! Flags (for quick local iterations; CI runs everything): `--browser-only` skips the gates,
//! `cargo test` and the fuzz stage; any other arguments name browser test files (e.g.
//! `checker.test.mjs`) to run instead of all of them.

use crate::site::{self, BuildOptions, WasmMode};
use crate::tools::{self, browser_dir};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Options parsed from the command line.
#[derive(Debug, Default, PartialEq)]
struct Options {
    browser_only: bool,
    files: Vec<String>,
}

fn parse(args: &[String]) -> Result<Options> {
    use lexopt::prelude::*;
    let mut opts = Options::default();
    let mut parser = lexopt::Parser::from_args(args);
    while let Some(arg) = parser.next()? {
        match arg {
            Long("browser-only") => opts.browser_only = true,
            Value(file) => opts.files.push(file.string()?),
            other => bail!(
                "{}; {}",
                other.unexpected(),
                crate::commands::usage_of("test")
            ),
        }
    }
    Ok(opts)
}

/// Outcome of one stage, for the summary.
struct Stage {
    name: String,
    took: Duration,
    error: Option<String>,
}

pub fn run(args: &[String]) -> Result<()> {
    let opts = parse(args)?;
    let root = crate::project_root();
    let started = Instant::now();
    let mut stages = Vec::new();

    // A fresh machine: the system packages (apt, when root or passwordless sudo) and the
    // wasm32 target, before anything needs them.
    stages.push(stage("system tools", || setup_machine(&root)));
    if !opts.browser_only {
        stages.push(stage("cargo fmt --check", || cargo(&root, FMT)));
        stages.push(stage("clippy", || {
            // Both, so one run lists every lint.
            let host = cargo(&root, CLIPPY);
            let wasm = cargo(&root, CLIPPY_WASM);
            host.and(wasm)
        }));
        stages.push(stage("cargo test --workspace", || {
            cargo(&root, &["test", "--workspace", "--no-fail-fast"])
        }));
        stages.push(stage("fuzz", crate::fuzz::test_stage));
    }
    let site_dir = root.join("target").join("test-site");
    let built = stage("site build", || build_site(&root, &site_dir));
    let site_ok = built.error.is_none();
    stages.push(built);
    if site_ok {
        stages.push(stage("browser suite", || {
            browser_suite(&root, &site_dir, &opts.files)
        }));
    } else {
        stages.push(Stage {
            name: "browser suite".into(),
            took: Duration::ZERO,
            error: Some("not run: the site did not build".into()),
        });
    }

    println!("\n── cargo xtask test ──");
    for s in &stages {
        match &s.error {
            None => println!("  ok      {} ({})", s.name, secs(s.took)),
            Some(e) => println!("  FAILED  {} ({}): {e}", s.name, secs(s.took)),
        }
    }
    let failed: Vec<&str> = stages
        .iter()
        .filter(|s| s.error.is_some())
        .map(|s| s.name.as_str())
        .collect();
    let partial = if opts.browser_only || !opts.files.is_empty() {
        " (partial run)"
    } else {
        ""
    };
    if failed.is_empty() {
        println!(
            "test: all {} stages passed in {}{partial}",
            stages.len(),
            secs(started.elapsed())
        );
        Ok(())
    } else {
        bail!(
            "{} of {} stages failed: {} (after {}){partial}",
            failed.len(),
            stages.len(),
            failed.join(", "),
            secs(started.elapsed())
        )
    }
}

fn stage(name: &str, f: impl FnOnce() -> Result<String>) -> Stage {
    println!("\n── {name} ──");
    let start = Instant::now();
    let result = f();
    let took = start.elapsed();
    let (name, error) = match result {
        Ok(detail) if detail.is_empty() => (name.to_string(), None),
        Ok(detail) => (format!("{name}: {detail}"), None),
        Err(e) => (name.to_string(), Some(format!("{e:#}"))),
    };
    Stage { name, took, error }
}

fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

const FMT: &[&str] = &["fmt", "--all", "--check"];
/// The lints are chosen in the workspace's Cargo.toml (`[workspace.lints]`).
const CLIPPY: &[&str] = &[
    "clippy",
    "--workspace",
    "--all-targets",
    "--",
    "-D",
    "warnings",
];
/// The browser glue only exists for wasm32; its own target folder keeps the host's intact.
const CLIPPY_WASM: &[&str] = &[
    "clippy",
    "-p",
    "wasm-validator",
    "--target",
    "wasm32-unknown-unknown",
    "--features",
    "checker-ui,search-ui",
    "--target-dir",
    "target/clippy-wasm",
    "--",
    "-D",
    "warnings",
];

/// `cargo <args>` in the project, output streamed.
fn cargo(root: &Path, args: &[&str]) -> Result<String> {
    let status = Command::new(tools::cargo())
        .args(args)
        .current_dir(root)
        .stdin(Stdio::null())
        .status()
        .context("cannot run cargo")?;
    if !status.success() {
        bail!("cargo {} failed ({status})", args.join(" "));
    }
    Ok(String::new())
}

/// The real site, wasm included (the builder adds the wasm32 target if it is missing).
fn build_site(root: &Path, out: &Path) -> Result<String> {
    site::output::clear_scratch_output(out)?;
    let opts = BuildOptions {
        out_dir: out.to_path_buf(),
        wasm: WasmMode::Build,
        ..BuildOptions::for_project(root)
    };
    let report = site::build(&opts)?;
    for (name, took) in &report.stages {
        println!("  {name}: {} ms", took.as_millis());
    }
    Ok(format!("{} pages in {}", report.pages, out.display()))
}

/// Installs what the tests need from the system (crate::setup::SYSTEM) and the wasm32 target.
fn setup_machine(root: &Path) -> Result<String> {
    crate::setup::ensure_system_tools(&tools::chromium_path())?;
    site::wasm::ensure_target(root)?;
    let found: Vec<String> = crate::setup::SYSTEM
        .iter()
        .map(|n| n.command.to_string())
        .collect();
    Ok(format!(
        "{} and the wasm32 target present",
        found.join(", ")
    ))
}

/// `npm ci` when needed, then `node --test` over the browser test files.
fn browser_suite(root: &Path, site: &Path, only: &[String]) -> Result<String> {
    tools::require_browser_tools()?;
    let dir = browser_dir(root);
    tools::npm_ci_if_needed(&dir)?;
    let files = test_files(&dir, only)?;
    println!("node --test {}", files.join(" "));
    let status = Command::new("node")
        .arg("--test")
        .arg("--test-reporter=spec")
        .arg("--test-timeout=180000")
        .args(&files)
        .current_dir(&dir)
        .env("SITE_DIR", site)
        .env("CHECKER_FIXTURE", write_fixture(root)?)
        .env("CHROMIUM_PATH", tools::chromium_path())
        // serve.test.mjs runs `xtask serve` itself: this very program.
        .env("XTASK_BIN", tools::xtask_bin()?)
        .stdin(Stdio::null())
        .status()
        .context("cannot run node")?;
    if !status.success() {
        bail!("browser tests failed ({status}); the failing tests are listed above");
    }
    Ok(format!("{} files", files.len()))
}

/// Writes the checker's field list and example application for the browser tests.
fn write_fixture(root: &Path) -> Result<PathBuf> {
    let path = root.join("target").join("checker-fixture.json");
    std::fs::write(&path, crate::fixture::checker_fixture().to_string())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// `*.test.mjs` in `dir` (sorted), or the requested ones, which must exist.
fn test_files(dir: &Path, only: &[String]) -> Result<Vec<String>> {
    if !only.is_empty() {
        for f in only {
            if !dir.join(f).is_file() {
                bail!("no browser test file {}", dir.join(f).display());
            }
        }
        return Ok(only.to_vec());
    }
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".test.mjs"))
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("no *.test.mjs files in {}", dir.display());
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_flags_and_files() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(parse(&args(&[])).unwrap(), Options::default());
        let o = parse(&args(&["--browser-only", "a11y.test.mjs"])).unwrap();
        assert!(o.browser_only);
        assert_eq!(o.files, vec!["a11y.test.mjs"]);
        assert!(parse(&args(&["--bogus"])).is_err());
    }

    #[test]
    fn lists_the_browser_test_files() {
        let dir = browser_dir(&crate::project_root());
        let files = test_files(&dir, &[]).unwrap();
        assert!(files.iter().all(|f| f.ends_with(".test.mjs")));
        assert!(files.contains(&"harness.test.mjs".to_string()), "{files:?}");
        assert!(test_files(&dir, &["nope.test.mjs".into()]).is_err());
    }
}
