//! Build-speed measurement: finds (or installs) Hugo and mdBook, and times clean builds of a
//! corpus with each tool as separate processes, reporting the median of several runs.

use super::common::{fresh_dir, median, millis, ms, print_table, section, Bench};
use super::corpus;
use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
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

/// Hugo from PATH; if missing and we are root on Debian, `apt-get install hugo` once.
pub fn find_hugo() -> Result<PathBuf> {
    if let Some(p) = which("hugo") {
        return Ok(p);
    }
    if crate::setup::is_root() && which("apt-get").is_some() {
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

/// Clean builds of three corpora by this builder, Hugo and mdBook; medians and ratios.
pub(super) fn build_speed(bench: &Bench) -> Result<Value> {
    section("Derleme hızı (temiz derleme, medyan)");
    let engines: Vec<Result<Engine>> = vec![
        Ok(Engine::Own {
            exe: bench.exe.clone(),
        }),
        find_hugo().map(|exe| Engine::Hugo { exe }),
        find_mdbook(&bench.root).map(|exe| Engine::MdBook { exe }),
    ];
    let mut versions = serde_json::Map::new();
    for e in &engines {
        match e {
            Ok(Engine::Hugo { exe }) => {
                versions.insert("hugo".into(), json!(version(exe, "version")));
            }
            Ok(Engine::MdBook { exe }) => {
                versions.insert("mdbook".into(), json!(version(exe, "--version")));
            }
            _ => {}
        }
    }
    let own_theme = bench.dir.join("own-theme");
    fresh_dir(&own_theme)?;
    corpus::write_own_theme(&own_theme)?;

    let corpora: Vec<(String, Vec<corpus::Page>)> = vec![
        (
            "handbook".into(),
            corpus::handbook(&bench.root.join("content"))?,
        ),
        ("synthetic-100".into(), corpus::synthetic(100)),
        ("synthetic-1000".into(), corpus::synthetic(1000)),
    ];
    let mut rows = Vec::new();
    let mut table = vec![vec![
        "korpus".to_string(),
        "sayfa".into(),
        "e-imza".into(),
        "Hugo".into(),
        "mdBook".into(),
        "e-imza/Hugo".into(),
        "e-imza/mdBook".into(),
    ]];
    for (name, pages) in &corpora {
        let dir = bench.dir.join("corpora").join(name);
        fresh_dir(&dir)?;
        // This builder: the handbook uses its real content and theme (components need it);
        // synthetic corpora use the minimal theme, like Hugo and mdBook.
        let (own_src, own_templates) = if name == "handbook" {
            corpus::copy_dir(
                &bench.root.join("content"),
                &dir.join("own").join("content"),
            )?;
            (
                dir.join("own").join("content"),
                bench.root.join("site-templates"),
            )
        } else {
            corpus::write_own(
                pages,
                &dir.join("own"),
                &bench.root.join("content").join("site.toml"),
                &bench.root.join("content").join("data"),
            )?;
            (dir.join("own").join("content"), own_theme.clone())
        };
        corpus::write_hugo(pages, &dir.join("hugo"))?;
        corpus::write_mdbook(pages, &dir.join("mdbook"))?;

        let mut medians = [None, None, None];
        let mut row = json!({ "corpus": name, "pages": pages.len() });
        for (i, engine) in engines.iter().enumerate() {
            let key = ["own", "hugo", "mdbook"][i];
            let Ok(engine) = engine else {
                row[key] = json!({ "error": "not available" });
                continue;
            };
            let src = match i {
                0 => own_src.clone(),
                1 => dir.join("hugo"),
                _ => dir.join("mdbook"),
            };
            let out = dir.join(format!("out-{key}"));
            match time_builds(engine, &src, &own_templates, &out, bench.runs) {
                Ok(times) => {
                    let m = median(&times);
                    medians[i] = Some(m);
                    row[key] = json!({
                        "median_ms": millis(m),
                        "runs_ms": times.iter().map(|t| millis(*t)).collect::<Vec<_>>(),
                    });
                }
                Err(e) => {
                    println!("  {}: {e:#}", engine.name());
                    row[key] = json!({ "error": format!("{e:#}") });
                }
            }
        }
        let ratio = |other: Option<Duration>| match (medians[0], other) {
            (Some(a), Some(b)) if !b.is_zero() => Some(a.as_secs_f64() / b.as_secs_f64()),
            _ => None,
        };
        row["ratio_own_to_hugo"] = json!(ratio(medians[1]));
        row["ratio_own_to_mdbook"] = json!(ratio(medians[2]));
        let show = |m: Option<Duration>| m.map(ms).unwrap_or_else(|| "—".into());
        let show_ratio =
            |r: Option<f64>| r.map(|r| format!("{r:.2}×")).unwrap_or_else(|| "—".into());
        table.push(vec![
            name.clone(),
            pages.len().to_string(),
            show(medians[0]),
            show(medians[1]),
            show(medians[2]),
            show_ratio(ratio(medians[1])),
            show_ratio(ratio(medians[2])),
        ]);
        rows.push(row);
    }
    print_table(&table);
    println!(
        "  ({} ölçüm + 1 ısınma; e-imza = xtask {} profili, --no-wasm; Hugo/mdBook ve sentetik korpuslarda e-imza aynı sade temayı kullanır)",
        bench.runs,
        if cfg!(debug_assertions) { "dev" } else { "release" }
    );
    Ok(json!({ "versions": versions, "corpora": rows }))
}
