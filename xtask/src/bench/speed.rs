//! Build-speed measurement: finds (or installs) Hugo and mdBook, and times clean builds of a
//! corpus with each tool as separate processes, reporting the median wall and CPU time of
//! several runs (CPU time is the steadier figure on a loaded machine).

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

/// One timed build: wall time and the CPU time (user + system, all threads) it used.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    pub wall: Duration,
    pub cpu: Duration,
}

/// CPU time used so far by this process's finished children: `cutime` + `cstime` of
/// `/proc/self/stat`, in clock ticks of 10 ms (Linux's fixed USER_HZ of 100); zero elsewhere.
fn children_cpu() -> Duration {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return Duration::ZERO;
    };
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    // cutime and cstime are fields 16 and 17 of the line, 14 and 15 after the name.
    let ticks: u64 = [13, 14]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10)
}

/// Times `runs` clean builds (plus one untimed warm-up). Before each run the previous output
/// is moved into `trash` rather than deleted: on a file system without a journal ext4 skips
/// recently freed inodes one by one when it creates a file, so deleting thousands of files
/// just before a build makes creating the next thousands cost far more than the build itself
/// (the same for every tool). The caller empties `trash` when the timing is over. Fails with
/// the tool's own error output.
pub fn time_builds(
    engine: &Engine,
    src: &Path,
    templates: &Path,
    out: &Path,
    runs: usize,
    trash: &Path,
) -> Result<Vec<Timing>> {
    let mut times = Vec::with_capacity(runs);
    for i in 0..=runs {
        set_aside(out, trash)?;
        let mut cmd = engine.command(src, templates, out);
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let cpu_before = children_cpu();
        let start = Instant::now();
        let output = cmd
            .output()
            .with_context(|| format!("cannot start {}", engine.name()))?;
        let wall = start.elapsed();
        let cpu = children_cpu().saturating_sub(cpu_before);
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
            times.push(Timing { wall, cpu });
        }
    }
    Ok(times)
}

/// Moves `path` (if it exists) to a new name inside `trash`, which is emptied later.
pub fn set_aside(path: &Path, trash: &Path) -> Result<()> {
    if std::fs::symlink_metadata(path).is_err() {
        return Ok(());
    }
    std::fs::create_dir_all(trash)?;
    let n = std::fs::read_dir(trash)?.count();
    let to = trash.join(format!("{n}"));
    std::fs::rename(path, &to)
        .with_context(|| format!("cannot move {} to {}", path.display(), to.display()))
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
/// The largest corpus mdBook builds in the bench (see `build_speed`).
const MDBOOK_MAX_PAGES: usize = 1000;

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

/// Clean builds of four corpora by this builder, Hugo and mdBook; medians and ratios.
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
        // Ten times the pages: the cost must grow no faster than the site.
        ("synthetic-10000".into(), corpus::synthetic(10_000)),
    ];
    // Earlier corpora and outputs are moved aside, not deleted, until the timing is over
    // (see time_builds).
    let trash = bench.dir.join("speed-trash");
    set_aside(&bench.dir.join("corpora"), &trash)?;
    let mut rows = Vec::new();
    let mut table = vec![vec![
        "korpus".to_string(),
        "sayfa".into(),
        "e-imza".into(),
        "Hugo".into(),
        "mdBook".into(),
        "e-imza/Hugo".into(),
        "e-imza/mdBook".into(),
        "e-imza cpu".into(),
        "Hugo cpu".into(),
        "cpu e-imza/Hugo".into(),
    ]];
    let mut own_by_pages: Vec<(usize, Timing)> = Vec::new();
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
        if pages.len() <= MDBOOK_MAX_PAGES {
            corpus::write_mdbook(pages, &dir.join("mdbook"))?;
        }

        let mut medians: [Option<Timing>; 3] = [None, None, None];
        let mut row = json!({ "corpus": name, "pages": pages.len() });
        for (i, engine) in engines.iter().enumerate() {
            let key = ["own", "hugo", "mdbook"][i];
            let Ok(engine) = engine else {
                row[key] = json!({ "error": "not available" });
                continue;
            };
            // mdBook writes the whole chapter list into every page, so its time grows with the
            // square of the pages (over 80 s a build at 10,000): beyond 1,000 pages only Hugo is
            // the yardstick.
            if i == 2 && pages.len() > MDBOOK_MAX_PAGES {
                row[key] = json!({ "skipped": format!("more than {MDBOOK_MAX_PAGES} pages") });
                continue;
            }
            let src = match i {
                0 => own_src.clone(),
                1 => dir.join("hugo"),
                _ => dir.join("mdbook"),
            };
            let out = dir.join(format!("out-{key}"));
            match time_builds(engine, &src, &own_templates, &out, bench.runs, &trash) {
                Ok(times) => {
                    let walls: Vec<Duration> = times.iter().map(|t| t.wall).collect();
                    let cpus: Vec<Duration> = times.iter().map(|t| t.cpu).collect();
                    let m = Timing {
                        wall: median(&walls),
                        cpu: median(&cpus),
                    };
                    medians[i] = Some(m);
                    row[key] = json!({
                        "median_ms": millis(m.wall),
                        "median_cpu_ms": millis(m.cpu),
                        "runs_ms": walls.iter().map(|t| millis(*t)).collect::<Vec<_>>(),
                        "runs_cpu_ms": cpus.iter().map(|t| millis(*t)).collect::<Vec<_>>(),
                    });
                }
                Err(e) => {
                    println!("  {}: {e:#}", engine.name());
                    row[key] = json!({ "error": format!("{e:#}") });
                }
            }
        }
        if let Some(own) = medians[0] {
            own_by_pages.push((pages.len(), own));
        }
        let ratio = |a: Option<Duration>, b: Option<Duration>| match (a, b) {
            (Some(a), Some(b)) if !b.is_zero() => Some(a.as_secs_f64() / b.as_secs_f64()),
            _ => None,
        };
        let wall = |i: usize| medians[i].map(|t| t.wall);
        let cpu = |i: usize| medians[i].map(|t| t.cpu);
        row["ratio_own_to_hugo"] = json!(ratio(wall(0), wall(1)));
        row["ratio_own_to_mdbook"] = json!(ratio(wall(0), wall(2)));
        row["cpu_ratio_own_to_hugo"] = json!(ratio(cpu(0), cpu(1)));
        let show = |m: Option<Duration>| m.map(ms).unwrap_or_else(|| "—".into());
        let show_ratio =
            |r: Option<f64>| r.map(|r| format!("{r:.2}×")).unwrap_or_else(|| "—".into());
        table.push(vec![
            name.clone(),
            pages.len().to_string(),
            show(wall(0)),
            show(wall(1)),
            show(wall(2)),
            show_ratio(ratio(wall(0), wall(1))),
            show_ratio(ratio(wall(0), wall(2))),
            show(cpu(0)),
            show(cpu(1)),
            show_ratio(ratio(cpu(0), cpu(1))),
        ]);
        rows.push(row);
    }
    print_table(&table);
    println!(
        "  ({} ölçüm + 1 ısınma; e-imza = xtask {} profili, --no-wasm; Hugo/mdBook ve sentetik korpuslarda e-imza aynı sade temayı kullanır; cpu = süreç ve iş parçacıklarının kullanıcı + sistem süresi)",
        bench.runs,
        if cfg!(debug_assertions) { "dev" } else { "release" }
    );
    // Linear growth: the 10,000-page build against ten times the 1,000-page one.
    let at = |n: usize| own_by_pages.iter().find(|(p, _)| *p == n).map(|(_, t)| *t);
    let growth = match (at(1000), at(10_000)) {
        (Some(small), Some(large)) => {
            let by = |f: fn(&Timing) -> Duration| {
                f(&large).as_secs_f64() / f(&small).as_secs_f64().max(1e-9)
            };
            let (wall, cpu) = (by(|t| t.wall), by(|t| t.cpu));
            println!(
                "  e-imza 10.000 sayfa / 1.000 sayfa: duvar {wall:.1}×, cpu {cpu:.1}× (doğrusal: ≤ 10×; \
                 hedef 1.000 sayfada: duvar ve cpu ≤ 0,3× Hugo)"
            );
            json!({ "wall": wall, "cpu": cpu })
        }
        _ => Value::Null,
    };
    // Emptied only now: freeing these inodes earlier would slow the builds above.
    let _ = std::fs::remove_dir_all(&trash);
    Ok(json!({ "versions": versions, "corpora": rows, "growth_10000_to_1000": growth }))
}
