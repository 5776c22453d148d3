//! Build-speed measurement: finds (or installs) Hugo and mdBook, and times clean builds of a
//! corpus with each tool as separate processes, reporting the median of several runs.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A site generator under test and how to run it on a prepared corpus folder.
pub enum Engine {
    /// This project's builder: the running xtask binary, `build … --no-wasm`.
    Own {
        exe: PathBuf,
    },
    Hugo {
        exe: PathBuf,
    },
    MdBook {
        exe: PathBuf,
    },
}

impl Engine {
    pub fn name(&self) -> &'static str {
        match self {
            Engine::Own { .. } => "e-imza (xtask)",
            Engine::Hugo { .. } => "Hugo",
            Engine::MdBook { .. } => "mdBook",
        }
    }

    /// The command building `src` (the engine's corpus folder) into `out`.
    /// `templates` is only used by this project's builder.
    pub fn command(&self, src: &Path, templates: &Path, out: &Path) -> Command {
        match self {
            Engine::Own { exe } => {
                let mut c = Command::new(exe);
                c.arg("build")
                    .arg("--out")
                    .arg(out)
                    .arg("--content")
                    .arg(src)
                    .arg("--templates")
                    .arg(templates)
                    .arg("--no-wasm");
                c
            }
            Engine::Hugo { exe } => {
                let mut c = Command::new(exe);
                c.arg("--quiet")
                    .arg("--source")
                    .arg(src)
                    .arg("--destination")
                    .arg(out);
                c
            }
            Engine::MdBook { exe } => {
                let mut c = Command::new(exe);
                c.arg("build").arg(src).arg("--dest-dir").arg(out);
                c
            }
        }
    }
}

/// Times `runs` clean builds (plus one untimed warm-up); the output folder is removed
/// before each run, outside the timing. Fails with the tool's own error output.
pub fn time_builds(
    engine: &Engine,
    src: &Path,
    templates: &Path,
    out: &Path,
    runs: usize,
) -> Result<Vec<Duration>> {
    let mut times = Vec::with_capacity(runs);
    for i in 0..=runs {
        if out.exists() {
            std::fs::remove_dir_all(out)
                .with_context(|| format!("cannot clear {}", out.display()))?;
        }
        let mut cmd = engine.command(src, templates, out);
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let start = Instant::now();
        let output = cmd
            .output()
            .with_context(|| format!("cannot start {}", engine.name()))?;
        let took = start.elapsed();
        if !output.status.success() {
            bail!(
                "{} failed on {}: {}",
                engine.name(),
                src.display(),
                String::from_utf8_lossy(&output.stderr)
                    .lines()
                    .take(5)
                    .collect::<Vec<_>>()
                    .join(" / ")
            );
        }
        if i > 0 {
            times.push(took);
        }
    }
    Ok(times)
}

/// Median of durations (the mean of the two middle ones for an even count).
pub fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    match sorted.len() {
        0 => Duration::ZERO,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    }
}

/// Hugo from PATH; if missing and we are root on Debian, `apt-get install hugo` once.
pub fn find_hugo() -> Result<PathBuf> {
    if let Some(p) = which("hugo") {
        return Ok(p);
    }
    if is_root() && which("apt-get").is_some() {
        println!("Hugo yok: apt-get install hugo");
        let _ = Command::new("apt-get")
            .args(["install", "-y", "-qq", "hugo"])
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status();
        if let Some(p) = which("hugo") {
            return Ok(p);
        }
    }
    bail!("not available (install the Debian package 'hugo')")
}

/// mdBook from `target/bench-tools/bin`, else PATH, else `cargo install mdbook --root
/// target/bench-tools` (a few minutes, once).
pub fn find_mdbook(root: &Path) -> Result<PathBuf> {
    let tools = root.join("target").join("bench-tools");
    let local = tools.join("bin").join("mdbook");
    if local.is_file() {
        return Ok(local);
    }
    if let Some(p) = which("mdbook") {
        return Ok(p);
    }
    println!(
        "mdBook yok: cargo install mdbook --root {}",
        tools.display()
    );
    let status = Command::new(crate::tools::cargo())
        .args(["install", "mdbook", "--locked", "--root"])
        .arg(&tools)
        .status()
        .context("cannot run cargo install")?;
    if status.success() && local.is_file() {
        Ok(local)
    } else {
        bail!("not available (cargo install mdbook failed)")
    }
}

/// Version line of a tool, for the report.
pub fn version(exe: &Path, arg: &str) -> String {
    crate::tools::version_line(&exe.to_string_lossy(), &[arg]).unwrap_or_default()
}

fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        let ms = |v: &[u64]| {
            v.iter()
                .map(|&m| Duration::from_millis(m))
                .collect::<Vec<_>>()
        };
        assert_eq!(median(&ms(&[5, 1, 3])), Duration::from_millis(3));
        assert_eq!(median(&ms(&[4, 1, 3, 2])), Duration::from_micros(2500));
        assert_eq!(median(&[]), Duration::ZERO);
    }
}
