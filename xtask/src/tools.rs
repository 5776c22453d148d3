//! Finding and checking the external tools the test command and the bench need (cargo, Node,
//! npm, Java, Chromium), with messages that say how to install what is missing.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::SystemTime;

/// The system Chromium; `CHROMIUM_PATH` overrides it (the browser helpers read the same variable).
pub fn chromium_path() -> PathBuf {
    std::env::var_os("CHROMIUM_PATH")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

/// The `cargo` running us (the `CARGO` variable cargo sets), else `cargo` from PATH.
pub fn cargo() -> PathBuf {
    std::env::var_os("CARGO")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("cargo"))
}

/// First line of `program args…` output (stdout, else stderr), or None if it cannot run.
pub fn version_line(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = if out.stdout.is_empty() {
        out.stderr
    } else {
        out.stdout
    };
    String::from_utf8_lossy(&text)
        .lines()
        .next()
        .map(|l| l.trim().to_string())
}

/// Checks Node ≥ 20, npm, Java and Chromium; the error lists every missing tool at once.
pub fn require_browser_tools() -> Result<()> {
    let mut missing = Vec::new();
    match version_line("node", &["--version"]) {
        None => missing.push("node (Node.js 20 or newer; Debian package 'nodejs')".to_string()),
        Some(v) => {
            let major: u32 = v
                .trim_start_matches('v')
                .split('.')
                .next()
                .and_then(|m| m.parse().ok())
                .unwrap_or(0);
            if major < 20 {
                missing.push(format!("node 20 or newer (found {v})"));
            }
        }
    }
    if version_line("npm", &["--version"]).is_none() {
        missing.push("npm (Debian package 'npm')".into());
    }
    if version_line("java", &["-version"]).is_none() {
        missing
            .push("java (for the Nu HTML Checker; Debian package 'default-jre-headless')".into());
    }
    let chromium = chromium_path();
    if !chromium.is_file() {
        missing.push(format!(
            "chromium at {} (Debian package 'chromium')",
            chromium.display()
        ));
    }
    if !missing.is_empty() {
        bail!(
            "the browser tests need tools this machine lacks (`cargo xtask test` installs them \
             itself when it runs as root or with passwordless sudo on Debian/Ubuntu):\n  - {}",
            missing.join("\n  - ")
        );
    }
    Ok(())
}

/// Runs `npm ci` in `dir` when `node_modules` is missing or older than `package-lock.json`.
/// Install scripts are not run: vnu-jar's would try to download a Java runtime.
pub fn npm_ci_if_needed(dir: &Path) -> Result<bool> {
    let lock = dir.join("package-lock.json");
    let marker = dir.join("node_modules").join(".package-lock.json");
    let fresh = match (modified(&marker), modified(&lock)) {
        (Some(installed), Some(wanted)) => installed >= wanted,
        _ => false,
    };
    if fresh {
        return Ok(false);
    }
    println!("npm ci in {}", dir.display());
    let status = Command::new("npm")
        .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
        .current_dir(dir)
        .stdin(Stdio::null())
        .status()
        .context("cannot run npm")?;
    if !status.success() {
        bail!("npm ci failed in {} ({status})", dir.display());
    }
    Ok(true)
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).ok()?.modified().ok()
}

/// Where the browser suite and its Node helpers live (`tests/browser`).
pub fn browser_dir(root: &Path) -> PathBuf {
    root.join("tests").join("browser")
}

/// This program's path. `cargo test --workspace` (a stage of `cargo xtask test`) may relink
/// this very binary while it runs; Linux then names the running file "… (deleted)", and the
/// new file at the same path is the same program.
pub fn xtask_bin() -> Result<PathBuf> {
    let exe = std::env::current_exe().context("cannot find the xtask binary")?;
    let name = exe.to_string_lossy();
    Ok(match name.strip_suffix(" (deleted)") {
        Some(path) => PathBuf::from(path),
        None => exe,
    })
}
