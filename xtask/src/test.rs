//! `cargo xtask test`: runs every test of the project (native, built-site, browser).
//!
//! Stages: system tools (Chromium, Java, Node/npm installed with apt when missing and this
//! process may, see `crate::setup`; the wasm32 target); the quality gates (`cargo fmt --check`; clippy with `-D warnings` on every target,
//! and on the browser code for wasm32, which a host build never compiles); `cargo test
//! --workspace` (the tidy rules are a test there, `xtask/tests/it/tidy.rs`); every fuzz target
//! for a few seconds from a fixed seed (`cargo xtask fuzz`, see `fuzz.rs`); a fresh site build
//! (with wasm) into `target/test-site`; `npm ci` for `tests/browser` when needed; `node --test`
//! over `tests/browser/*.test.mjs` once (Chromium through playwright-core, or no browser) and
//! over `tests/browser/engines/*.test.mjs` once per engine (`BROWSER_ENGINE` = chromium,
//! firefox, webkit), two node processes at a time on the 2-core machine, with `SITE_DIR` set. Every stage runs even if an earlier
//! independent one failed, so one run shows all failures; a missing tool is a failure, never a
//! skip.
//!
//! Flags (for quick local iterations; CI runs everything): `--browser-only` skips the gates,
//! `cargo test` and the fuzz stage; any other arguments name browser test files (e.g.
//! `checker.test.mjs`, `engines/pages.test.mjs`) to run instead of all of them; `--engine NAME`
//! (repeatable) limits the `engines/` files to those engines.

use crate::site::{self, BuildOptions, WasmMode};
use crate::tools::{self, browser_dir};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What to run (the flags of `cargo xtask test`, see commands.rs).
#[derive(Debug, Default, PartialEq)]
pub struct Options {
    pub browser_only: bool,
    pub files: Vec<String>,
    /// The engines the files under engines/ run in (all when empty).
    pub engines: Vec<String>,
}

/// Outcome of one stage, for the summary.
struct Stage {
    name: String,
    took: Duration,
    error: Option<String>,
}

pub fn run(opts: Options) -> Result<()> {
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
            browser_suite(&root, &site_dir, &opts)
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
    let partial = if opts.browser_only || !opts.files.is_empty() || !opts.engines.is_empty() {
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

/// Installs what the tests need from the system (crate::setup::SYSTEM), the pinned geckodriver
/// and the wasm32 target.
fn setup_machine(root: &Path) -> Result<String> {
    crate::setup::ensure_system_tools(&tools::chromium_path())?;
    crate::setup::ensure_geckodriver(&root.join("target"))?;
    site::wasm::ensure_target(root)?;
    let found: Vec<String> = crate::setup::SYSTEM
        .iter()
        .map(|n| n.command.to_string())
        .collect();
    Ok(format!(
        "{}, geckodriver {} and the wasm32 target present",
        found.join(", "),
        crate::setup::GECKODRIVER_VERSION
    ))
}

/// The engines the files under `tests/browser/engines/` run in, each in its own node process.
const ENGINES: &[&str] = &["chromium", "firefox", "webkit"];

/// Node processes of the browser suite at a time. Measured on the 2-core machine: two (an
/// engine run while another waits on its browser) beat one after another and beat three
/// (which only contend for the cores). `BROWSER_JOBS` overrides it.
const DEFAULT_JOBS: usize = 2;

/// One `node --test` run of the browser suite: some files, with or without an engine.
#[derive(Debug, Clone, PartialEq)]
struct Job {
    /// `None`: the top-level files (Chromium through playwright-core, or no browser).
    engine: Option<String>,
    files: Vec<String>,
}

impl Job {
    fn label(&self) -> String {
        match &self.engine {
            None => "top-level files (Chromium/none)".into(),
            Some(e) => format!("engine {e}"),
        }
    }
}

/// The runs for the given file list: the top-level files once, the `engines/` files once per
/// engine (all engines, or those asked for). Engine runs come first: they take longest.
fn plan_jobs(files: &[String], engines: &[String]) -> Vec<Job> {
    let (per_engine, once): (Vec<String>, Vec<String>) = files
        .iter()
        .cloned()
        .partition(|f| f.starts_with("engines/"));
    let chosen: Vec<String> = if engines.is_empty() {
        ENGINES.iter().map(|e| e.to_string()).collect()
    } else {
        engines.to_vec()
    };
    let mut jobs = Vec::new();
    if !per_engine.is_empty() {
        for e in chosen {
            jobs.push(Job {
                engine: Some(e),
                files: per_engine.clone(),
            });
        }
    }
    if !once.is_empty() {
        jobs.push(Job {
            engine: None,
            files: once,
        });
    }
    jobs
}

/// `npm ci` when needed, then the browser test runs (see `plan_jobs`), `BROWSER_JOBS` at a
/// time; each run's output is printed whole when it ends, with its time.
fn browser_suite(root: &Path, site: &Path, opts: &Options) -> Result<String> {
    tools::require_browser_tools()?;
    let dir = browser_dir(root);
    tools::npm_ci_if_needed(&dir)?;
    let files = test_files(&dir, &opts.files)?;
    let only_engines = !opts.engines.is_empty() && opts.files.is_empty();
    let files: Vec<String> = if only_engines {
        files
            .into_iter()
            .filter(|f| f.starts_with("engines/"))
            .collect()
    } else {
        files
    };
    let jobs = plan_jobs(&files, &opts.engines);
    let fixture = write_fixture(root)?;
    let gecko = crate::setup::ensure_geckodriver(&root.join("target"))?;
    let xtask = tools::xtask_bin()?;
    let parallel = std::env::var("BROWSER_JOBS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n: &usize| *n > 0)
        .unwrap_or(DEFAULT_JOBS);
    // Popped from the end: reversed, so the runs start in `plan_jobs` order.
    let queue = std::sync::Mutex::new(jobs.iter().rev().collect::<Vec<_>>());
    // The lock is released at the end of the statement that calls it.
    let next = || queue.lock().unwrap_or_else(|e| e.into_inner()).pop();
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..parallel.min(jobs.len()) {
            scope.spawn(|| {
                while let Some(job) = next() {
                    println!(
                        "  başladı: {} — node --test {}",
                        job.label(),
                        job.files.join(" ")
                    );
                    let start = Instant::now();
                    let mut cmd = Command::new("node");
                    cmd.arg("--test")
                        .arg("--test-reporter=spec")
                        // Per file: a guard against a hung browser, not a time budget. The
                        // sweep (engines/pages.test.mjs, every page at three widths) took
                        // 180+ s in one engine with other builds loading the 2 cores.
                        .arg("--test-timeout=600000")
                        .args(&job.files)
                        .current_dir(&dir)
                        .env("SITE_DIR", site)
                        .env("CHECKER_FIXTURE", &fixture)
                        .env("CHROMIUM_PATH", tools::chromium_path())
                        .env("GECKODRIVER_PATH", &gecko)
                        // serve.test.mjs runs `xtask serve` itself: this very program.
                        .env("XTASK_BIN", &xtask)
                        .env_remove("NODE_TEST_CONTEXT")
                        .stdin(Stdio::null());
                    match &job.engine {
                        Some(e) => cmd.env("BROWSER_ENGINE", e),
                        None => cmd.env_remove("BROWSER_ENGINE"),
                    };
                    let out = cmd.output();
                    let took = start.elapsed();
                    let mut failures = String::new();
                    let ok = match out {
                        Ok(o) => {
                            failures = failing_block(&String::from_utf8_lossy(&o.stdout));
                            // One run's output in one piece, so parallel runs do not interleave.
                            let text = format!(
                                "\n── browser: {} ({}) ──\n{}{}",
                                job.label(),
                                secs(took),
                                String::from_utf8_lossy(&o.stdout),
                                String::from_utf8_lossy(&o.stderr)
                            );
                            print!("{text}");
                            o.status.success()
                        }
                        Err(e) => {
                            println!("\n── browser: {} ── cannot run node: {e}", job.label());
                            false
                        }
                    };
                    results.lock().unwrap_or_else(|e| e.into_inner()).push((
                        job.label(),
                        took,
                        ok,
                        failures,
                    ));
                }
            });
        }
    });
    let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    println!("\n  browser suite, time per run ({parallel} at a time):");
    for (label, took, ok, _) in &results {
        println!(
            "    {:<34} {:>8}  {}",
            label,
            secs(*took),
            if *ok { "ok" } else { "FAILED" }
        );
    }
    let failed: Vec<&str> = results
        .iter()
        .filter(|r| !r.2)
        .map(|r| r.0.as_str())
        .collect();
    if !failed.is_empty() {
        // Again at the end, where a log cut to its last lines (CI's summary) still shows why.
        for (label, _, _, failures) in results.iter().filter(|r| !r.2) {
            println!("\n  {label}, what failed:\n{failures}");
        }
        bail!(
            "browser tests failed in: {}; the failing tests are listed above",
            failed.join(", ")
        );
    }
    let summary: Vec<String> = results
        .iter()
        .map(|(l, t, _, _)| format!("{l} {}", secs(*t)))
        .collect();
    Ok(summary.join(", "))
}

/// The spec reporter's closing "failing tests" block of one run's output (its first
/// `FAILURE_LINES` lines), or a line saying the run printed none (it crashed before its end).
fn failing_block(stdout: &str) -> String {
    const FAILURE_LINES: usize = 80;
    let Some(start) = stdout.rfind("failing tests:") else {
        return "    (no list of failing tests in the output: the run stopped before its end)"
            .into();
    };
    let lines: Vec<&str> = stdout[start..].lines().take(FAILURE_LINES).collect();
    let more = stdout[start..]
        .lines()
        .count()
        .saturating_sub(FAILURE_LINES);
    let mut text: String = lines.iter().map(|l| format!("    {l}\n")).collect();
    if more > 0 {
        text.push_str(&format!(
            "    … {more} more lines: see the run's whole output above\n"
        ));
    }
    text
}

/// Writes the checker's field list and example application for the browser tests.
pub(crate) fn write_fixture(root: &Path) -> Result<PathBuf> {
    let path = root.join("target").join("checker-fixture.json");
    std::fs::write(&path, crate::fixture::checker_fixture().to_string())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// `*.test.mjs` in `dir` and in `dir/engines` (as `engines/NAME`), sorted, or the requested
/// ones, which must exist.
fn test_files(dir: &Path, only: &[String]) -> Result<Vec<String>> {
    if !only.is_empty() {
        for f in only {
            if !dir.join(f).is_file() {
                bail!("no browser test file {}", dir.join(f).display());
            }
        }
        return Ok(only.to_vec());
    }
    let list = |sub: &Path, prefix: &str| -> Result<Vec<String>> {
        Ok(std::fs::read_dir(sub)
            .with_context(|| format!("cannot read {}", sub.display()))?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".test.mjs"))
            .map(|n| format!("{prefix}{n}"))
            .collect())
    };
    let mut files = list(dir, "")?;
    let engines = dir.join("engines");
    if engines.is_dir() {
        files.extend(list(&engines, "engines/")?);
    }
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
    fn engine_files_run_once_per_engine_and_the_rest_once() {
        let files: Vec<String> = ["a.test.mjs", "engines/p.test.mjs", "engines/q.test.mjs"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let jobs = plan_jobs(&files, &[]);
        let engines: Vec<Option<&str>> = jobs.iter().map(|j| j.engine.as_deref()).collect();
        assert_eq!(
            engines,
            [Some("chromium"), Some("firefox"), Some("webkit"), None]
        );
        assert_eq!(jobs[1].files, ["engines/p.test.mjs", "engines/q.test.mjs"]);
        assert_eq!(jobs[3].files, ["a.test.mjs"]);
        let one = plan_jobs(&files[1..2], &["webkit".to_string()]);
        assert_eq!(
            one,
            [Job {
                engine: Some("webkit".into()),
                files: vec!["engines/p.test.mjs".into()]
            }]
        );
    }

    #[test]
    fn the_failing_tests_block_is_taken_from_the_end_of_a_run() {
        let out = "✔ a (1ms)\n✖ b (2ms)\n  early detail\nℹ fail 1\n\n✖ failing tests:\n\ntest at x.mjs:3:1\n✖ b (2ms)\n  Error: why\n";
        let block = failing_block(out);
        assert!(block.starts_with("    failing tests:\n"), "{block}");
        assert!(
            block.contains("    ✖ b (2ms)\n      Error: why\n"),
            "{block}"
        );
        assert!(!block.contains("early detail"), "{block}");
        let long = format!("✖ failing tests:\n{}", "x\n".repeat(200));
        assert!(
            failing_block(&long).ends_with("… 121 more lines: see the run's whole output above\n")
        );
        assert!(failing_block("ℹ fail 0\n").contains("stopped before its end"));
    }

    #[test]
    fn lists_the_browser_test_files() {
        let dir = browser_dir(&crate::project_root());
        let files = test_files(&dir, &[]).unwrap();
        assert!(files.iter().all(|f| f.ends_with(".test.mjs")));
        assert!(files.contains(&"harness.test.mjs".to_string()), "{files:?}");
        assert!(files.iter().any(|f| f.starts_with("engines/")), "{files:?}");
        assert!(test_files(&dir, &["nope.test.mjs".into()]).is_err());
    }
}
