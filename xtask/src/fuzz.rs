//! `cargo xtask fuzz [TARGET…] [--seconds N] [--inputs N] [--seed S] [--release] [--coverage]
//! [--replay FILE]`: fuzzing on the pinned stable toolchain, with no nightly and no extra tool.
//!
//! Engine: our own (`fuzz/engine.rs`), running in-process so it fits in `cargo xtask test`
//! within seconds. What makes a fuzzer coverage-guided is available on stable though:
//! `--coverage` builds this program once more with LLVM's SanitizerCoverage counters (plain
//! `-C` flags) and the engine reads them after each input (`fuzz/coverage.rs`). Without
//! `--coverage` (the default, and the test stage) no extra build is needed: the engine keeps
//! inputs that show new behaviour of the target (new messages, errors, hit counts) or a new
//! shape (new kinds of characters in a field). The workers are this program, built as
//! `cargo xtask` built it (the dev profile, which optimises), or with `--release` an optimised
//! copy with overflow checks and debug assertions kept (`fuzz/build.rs`), for long runs.
//!
//! Mutations are structure-aware (`fuzz/mutate.rs`): Turkish letters, combining marks,
//! zero-width and bidi characters, digits of other scripts, emoji, control characters, very
//! long and deeply nested text, each target's own fragments and field swaps; seeds come from
//! `fuzz/seeds/`, `content/` and the examples. A run is decided by its seed: the seed is
//! printed, and `--seed S --inputs N` repeats the first N inputs of a run exactly.
//!
//! Each target runs in a worker process (this program with `--worker`): a caught panic or a
//! broken invariant is reported by the worker with its input (minimised) and written to
//! `target/fuzz/crashes/<target>-<n>.txt`; a crash that kills the worker (stack overflow,
//! abort) is reported by this process from the input the worker stored before running it; an
//! input that computes for a minute of CPU time is reported as a hang by a watchdog in the
//! worker (`fuzz/hang.rs`: a paused or starved worker does not count). Any of
//! these fails the command (and the test stage), naming the crash file; `--replay FILE` runs
//! its input again.

mod build;
mod check_form;
mod content;
mod coverage;
mod engine;
mod files;
mod hang;
mod mutate;
mod readers;
mod search;
mod target;

pub use coverage::wrap_rustc;
use engine::{Config, Found, Summary};
use files::{breadcrumb_path, crashes_dir, new_crash_file, summary_path, work_dir};
use target::{Failure, Features, Input, Target};

use anyhow::{bail, Context, Result};
use std::fs::File;
use std::io::{Seek, SeekFrom, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// Budget per target when neither `--seconds` nor `--inputs` is given.
const DEFAULT_SECONDS: u64 = 10;
/// Budget per target in `cargo xtask test` (four targets: 20 s of fuzzing in all).
pub const TEST_SECONDS: u64 = 5;

/// The seed of the `cargo xtask test` stage: fixed, so a failure there repeats on the next run
/// and CI does not change its verdict by chance (`cargo xtask fuzz` alone takes a fresh seed).
pub const TEST_SEED: u64 = 0x6569_6d7a_6131_3133;
/// An input that has used this much CPU time is reported as a hang (the time bound of 2 s only
/// applies to inputs that finish).
const HANG: Duration = Duration::from_secs(60);

/// Every target, in the order they run.
pub fn targets() -> Vec<Target> {
    vec![
        check_form::target(),
        content::target(),
        readers::target(),
        search::target(),
    ]
}

#[derive(Debug, Default, PartialEq)]
struct Options {
    /// The targets to run (all when empty), in the order given.
    targets: Vec<String>,
    seconds: Option<u64>,
    inputs: Option<u64>,
    seed: Option<u64>,
    release: bool,
    coverage: bool,
    replay: Option<PathBuf>,
    /// Internal: run one target in this process (see the module comment).
    worker: bool,
    /// Internal: names the worker's files, so runs side by side do not share them.
    run: Option<String>,
    /// Internal: stop a target at its first failure (the test stage).
    first: bool,
}

/// The flags of `cargo xtask fuzz`, declared with clap (the top-level command line in
/// commands.rs takes them as they are, and `--help` is generated from them).
#[derive(Debug, Clone, clap::Args)]
#[command(after_help = targets_help())]
pub struct Args {
    /// yalnız bu hedefler (verilmezse hepsi)
    #[arg(value_name = "TARGET", value_parser = target_parser())]
    pub targets: Vec<String>,
    /// hedef başına süre, saniye
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub seconds: Option<u64>,
    /// hedef başına girdi sayısı (süre verilmezse koşu bu kadar sürer)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub inputs: Option<u64>,
    /// tohum: aynı tohum aynı girdileri verir
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// iyileştirilmiş derlemeyle çalışır
    #[arg(long)]
    pub release: bool,
    /// kapsama yönlendirmeli (sanitizer-coverage ile derler)
    #[arg(long)]
    pub coverage: bool,
    /// bir hata dosyasını yeniden çalıştırır
    #[arg(long, value_name = "FILE")]
    pub replay: Option<PathBuf>,
    /// Internal: run one target in this process (see the module comment).
    #[arg(long, hide = true)]
    pub worker: bool,
    /// Internal: names the worker's files, so runs side by side do not share them.
    #[arg(long, hide = true)]
    pub run: Option<String>,
    /// Internal: stop a target at its first failure (the test stage).
    #[arg(long, hide = true)]
    pub first: bool,
}

fn target_parser() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(targets().into_iter().map(|t| t.name))
}

/// The target list under `fuzz --help`.
fn targets_help() -> String {
    let mut help = String::from("hedefler:");
    for t in targets() {
        help.push_str(&format!("\n  {:<20}{}", t.name, t.about));
    }
    help
}

impl Args {
    /// The run's options; `--worker` needs exactly one target.
    fn options(self) -> Result<Options> {
        if self.worker && self.targets.len() != 1 {
            bail!("--worker runs exactly one target");
        }
        Ok(Options {
            targets: self.targets,
            seconds: self.seconds,
            inputs: self.inputs,
            seed: self.seed,
            release: self.release,
            coverage: self.coverage,
            replay: self.replay,
            worker: self.worker,
            run: self.run,
            first: self.first,
        })
    }
}

fn target_names() -> String {
    targets()
        .iter()
        .map(|t| t.name)
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn run(args: Args) -> Result<()> {
    let opts = args.options()?;
    if let Some(file) = &opts.replay {
        return replay(file);
    }
    if opts.worker {
        return worker(&opts);
    }
    let root = crate::project_root();
    let exe = if opts.release || opts.coverage {
        build::optimised(&root, opts.coverage)?
    } else {
        crate::tools::xtask_bin()?
    };
    let seed = opts.seed.unwrap_or_else(fresh_seed);
    let runs = supervise(&exe, &opts, seed)?;
    println!("\n── cargo xtask fuzz (seed {seed}) ──");
    for r in &runs {
        println!("  {}", r.line);
    }
    verdict(&runs)
}

/// The `cargo xtask test` stage: every target for `TEST_SECONDS` from `TEST_SEED`, each
/// stopping at its first failure (the seed is printed, so a run can be repeated with `--seed`).
pub fn test_stage() -> Result<String> {
    let opts = Options {
        seconds: Some(TEST_SECONDS),
        first: true,
        ..Options::default()
    };
    let seed = TEST_SEED;
    let runs = supervise(&crate::tools::xtask_bin()?, &opts, seed)?;
    for r in &runs {
        println!("  {}", r.line);
    }
    verdict(&runs)?;
    Ok(format!(
        "{} targets × {TEST_SECONDS} s, seed {seed}",
        runs.len()
    ))
}

/// Ok when every target passed; else an error naming the failing targets and their crash
/// files.
fn verdict(runs: &[TargetRun]) -> Result<()> {
    let failed: Vec<&str> = runs
        .iter()
        .filter(|r| !r.passed)
        .map(|r| r.line.as_str())
        .collect();
    if failed.is_empty() {
        return Ok(());
    }
    bail!(
        "{} of {} fuzz targets failed (replay: cargo xtask fuzz --replay FILE):\n  {}",
        failed.len(),
        runs.len(),
        failed.join("\n  ")
    )
}

/// The time budget per target: `--seconds`, else the default unless `--inputs` sets the
/// length of the run (so `--seed S --inputs N` repeats a run however fast the machine is).
fn budget_seconds(opts: &Options) -> Option<u64> {
    match (opts.seconds, opts.inputs) {
        (Some(s), _) => Some(s),
        (None, Some(_)) => None,
        (None, None) => Some(DEFAULT_SECONDS),
    }
}

/// What the supervisor learnt of one target's worker.
struct TargetRun {
    /// The worker's summary (or what happened to it), with its crash files.
    line: String,
    passed: bool,
}

/// Runs each chosen target in a worker process of `exe`.
fn supervise(exe: &Path, opts: &Options, seed: u64) -> Result<Vec<TargetRun>> {
    let seconds = budget_seconds(opts);
    let length = match (seconds, opts.inputs) {
        (Some(s), Some(n)) => format!("{s} s or {n} inputs"),
        (None, Some(n)) => format!("{n} inputs"),
        (s, _) => format!("{} s", s.unwrap_or(DEFAULT_SECONDS)),
    };
    println!("fuzz: seed {seed}, {length} per target");
    let chosen: Vec<Target> = if opts.targets.is_empty() {
        targets()
    } else {
        opts.targets
            .iter()
            .map(|n| find(n))
            .collect::<Result<_>>()?
    };
    let mut runs = Vec::new();
    for t in chosen {
        let run = std::process::id().to_string();
        let key = format!("{}-{run}", t.name);
        let mut cmd = Command::new(exe);
        cmd.args(["fuzz", "--worker", t.name, "--run", &run])
            .args(["--seed", &seed.to_string()]);
        if let Some(s) = seconds {
            cmd.args(["--seconds", &s.to_string()]);
        }
        if let Some(n) = opts.inputs {
            cmd.args(["--inputs", &n.to_string()]);
        }
        if opts.first {
            cmd.arg("--first");
        }
        let status = cmd
            .stdin(Stdio::null())
            .status()
            .with_context(|| format!("cannot run {}", exe.display()))?;
        let summary = std::fs::read_to_string(summary_path(&key)).ok();
        let line = match (status.code(), summary) {
            (Some(0 | 1), Some(s)) => s.trim().to_string(),
            _ => {
                // The worker died before it could say anything: report its last input.
                let what = format!("the worker died ({status})");
                let file = read_breadcrumb(&key).map(|(index, input)| {
                    let found = Found {
                        signature: format!("crash ({status})"),
                        message: what.clone(),
                        index,
                        minimized: input.clone(),
                        input,
                        count: 1,
                    };
                    report_found(&t, seed, &found, &crashes_dir())
                });
                format!(
                    "{}: {what}; {}",
                    t.name,
                    match file {
                        Some(f) => format!("its input is in {}", f.display()),
                        None => "its last input was not stored".to_string(),
                    }
                )
            }
        };
        let _ = std::fs::remove_file(summary_path(&key));
        let _ = std::fs::remove_file(breadcrumb_path(&key));
        runs.push(TargetRun {
            line,
            passed: status.success(),
        });
    }
    Ok(runs)
}

/// One target in this process: the engine on a thread with the target's stack, the input
/// stored before each run, failures reported as they are found, a watchdog for hangs.
fn worker(opts: &Options) -> Result<()> {
    let name = opts.targets[0].clone();
    let seed = opts.seed.unwrap_or_else(fresh_seed);
    let budget = budget_seconds(opts).map(Duration::from_secs);
    std::fs::create_dir_all(work_dir())?;
    let key = format!(
        "{name}-{}",
        opts.run
            .clone()
            .unwrap_or_else(|| std::process::id().to_string())
    );
    let mut breadcrumb = File::create(breadcrumb_path(&key))
        .with_context(|| format!("cannot write {}", breadcrumb_path(&key).display()))?;
    let stack = find(&name)?.stack;
    let (watched, watched_key) = (name.clone(), key.clone());
    std::thread::spawn(move || watchdog(&watched, &watched_key, seed));
    let (inputs, first) = (opts.inputs, opts.first);
    let thread_name = name.clone();
    let (summary, files) = std::thread::Builder::new()
        .name(format!("fuzz {name}"))
        .stack_size(stack)
        .spawn(move || -> Result<(Summary, Vec<PathBuf>)> {
            let t = find(&thread_name)?;
            let mut cfg = Config::new(seed, budget);
            cfg.max_inputs = inputs;
            if first {
                cfg.max_distinct = 1;
            }
            // Long runs say how they are doing now and then.
            cfg.progress = budget.is_none_or(|b| b > Duration::from_secs(120));
            let mut store = |index: u64, input: &Input| {
                // Written over the previous one in place: a seek and a write per input.
                let _ = breadcrumb.seek(SeekFrom::Start(0));
                let _ = breadcrumb.write_all(&breadcrumb_bytes(index, input));
            };
            let mut files = Vec::new();
            let mut found = |f: &Found| {
                files.push(report_found(&t, seed, f, &crashes_dir()));
            };
            let summary = engine::run(&t, &cfg, &mut store, &mut found);
            Ok((summary, files))
        })?
        .join()
        .map_err(|_| anyhow::anyhow!("the fuzz thread panicked outside a target"))??;
    readers::clean_up();
    let line = summary_line(&name, &summary, &files);
    println!("{line}");
    std::fs::write(summary_path(&key), &line)?;
    if summary.failures > 0 {
        bail!("{name}: {} failing inputs", summary.failures);
    }
    Ok(())
}

/// What a worker prints and the supervisor repeats: inputs, speed, failures, corpus, and each
/// distinct failure with its crash file.
fn summary_line(name: &str, s: &Summary, files: &[PathBuf]) -> String {
    let distinct = match s.found.len() {
        0 => String::new(),
        n => format!(" ({n} distinct)"),
    };
    let mut line = format!(
        "{name}: {} inputs in {:.1} s ({:.0}/s, {:.0} bytes each), {} failures{distinct}",
        s.inputs,
        s.elapsed.as_secs_f64(),
        s.per_second(),
        s.bytes as f64 / s.inputs.max(1) as f64,
        s.failures,
    );
    line.push_str(&format!(" · corpus {} · features {}", s.corpus, s.features));
    if s.coverage > 0 {
        line.push_str(&format!(" · coverage of {} edges", s.coverage));
    }
    for (i, f) in s.found.iter().enumerate() {
        line.push_str(&format!("\n    {} × {}", f.count, f.signature));
        if let Some(file) = files.get(i) {
            line.push_str(&format!(" → {}", file.display()));
        }
    }
    line
}

/// Ends the worker when one input has used `HANG` of CPU time, reporting it. `key` names the worker's
/// files.
fn watchdog(name: &str, key: &str, seed: u64) {
    loop {
        std::thread::sleep(Duration::from_secs(1));
        if !hang::hung(HANG) {
            continue;
        }
        let Ok(t) = find(name) else { return };
        let message = format!(
            "the input has used {} s of CPU time without finishing",
            HANG.as_secs()
        );
        let mut line = format!("{name}: an input hangs");
        if let Some((index, input)) = read_breadcrumb(key) {
            let found = Found {
                signature: "hang".to_string(),
                message,
                index,
                minimized: input.clone(),
                input,
                count: 1,
            };
            let file = report_found(&t, seed, &found, &crashes_dir());
            line.push_str(&format!(" → {}", file.display()));
        }
        let _ = std::fs::write(summary_path(key), line);
        std::process::exit(1);
    }
}

/// Runs the input of a crash file once (in the target its `target:` line names) and says
/// what happened.
fn replay(file: &Path) -> Result<()> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let line = |prefix: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(prefix))
            .with_context(|| format!("{}: no '{prefix}' line", file.display()))
    };
    let name = line("target: ")?.trim().to_string();
    let input: Input =
        serde_json::from_str(line("json: ")?).context("the json line is not a list of strings")?;
    let stack = find(&name)?.stack;
    let outcome = std::thread::Builder::new()
        .stack_size(stack)
        .spawn(move || -> Result<Result<(), Failure>> {
            let t = find(&name)?;
            let mut input = input;
            mutate::clamp(&t, &mut input);
            println!("{}", engine::show(&t, &input));
            let cfg = Config::new(0, None);
            Ok(engine::execute(&t, &cfg, &input, &mut Features::default()))
        })?
        .join()
        .map_err(|_| anyhow::anyhow!("the replay thread panicked"))??;
    match outcome {
        Ok(()) => {
            println!("passes: no failure with this input");
            Ok(())
        }
        Err(f) => bail!("fails: {}: {}", f.kind, f.detail),
    }
}

fn find(name: &str) -> Result<Target> {
    targets()
        .into_iter()
        .find(|t| t.name == name)
        .with_context(|| format!("no fuzz target '{name}' (targets: {})", target_names()))
}

/// Prints a failure with its input and writes it to a new crash file in `dir`; returns the
/// file.
fn report_found(t: &Target, seed: u64, f: &Found, dir: &Path) -> PathBuf {
    let file = new_crash_file(dir, t.name);
    let mut text = format!(
        "target: {}\nseed: {seed} (input {} of the run: cargo xtask fuzz {} --seed {seed} \
         --inputs {})\nfailure: {}\nmessage: {}\n",
        t.name,
        f.index,
        t.name,
        f.index + 1,
        f.signature,
        f.message
    );
    text.push_str(&format!(
        "minimised input:\n{}",
        engine::show(t, &f.minimized)
    ));
    if f.minimized != f.input {
        text.push_str(&format!("input as found:\n{}", engine::show(t, &f.input)));
    }
    text.push_str(&format!(
        "replay: cargo xtask fuzz --replay {}\n",
        file.display()
    ));
    text.push_str(&format!(
        "json: {}\n",
        serde_json::to_string(&f.minimized).unwrap_or_default()
    ));
    if f.minimized != f.input {
        text.push_str(&format!(
            "json as found: {}\n",
            serde_json::to_string(&f.input).unwrap_or_default()
        ));
    }
    let written = std::fs::create_dir_all(dir)
        .and_then(|()| File::create_new(&file))
        .and_then(|mut out| out.write_all(text.as_bytes()));
    eprintln!("\nFUZZ FAILURE\n{text}");
    if let Err(e) = written {
        eprintln!("(cannot write {}: {e})", file.display());
    }
    file
}

/// An input and its number in the run as the worker stores them: the number and the length of
/// the JSON (little-endian), then the JSON of the fields. A longer earlier record may follow.
fn breadcrumb_bytes(index: u64, input: &Input) -> Vec<u8> {
    let json = serde_json::to_vec(input).unwrap_or_default();
    let mut bytes = index.to_le_bytes().to_vec();
    bytes.extend_from_slice(&(json.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&json);
    bytes
}

/// The input the worker stored last, with its number (`breadcrumb_bytes`).
fn read_breadcrumb(key: &str) -> Option<(u64, Input)> {
    parse_breadcrumb(&std::fs::read(breadcrumb_path(key)).ok()?)
}

fn parse_breadcrumb(bytes: &[u8]) -> Option<(u64, Input)> {
    let number = |at: usize| -> Option<u64> {
        Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
    };
    let index = number(0)?;
    let len = number(8)? as usize;
    Some((
        index,
        serde_json::from_slice(bytes.get(16..16 + len)?).ok()?,
    ))
}

fn fresh_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    // Mixed with the process id so two runs started together differ.
    nanos ^ (u64::from(std::process::id()) << 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    /// The flags parsed as `cargo xtask fuzz …` parses them.
    fn parse(a: &[String]) -> Result<Options> {
        #[derive(clap::Parser)]
        struct Fuzz {
            #[command(flatten)]
            args: Args,
        }
        let parsed = <Fuzz as clap::Parser>::try_parse_from(
            std::iter::once("fuzz".to_string()).chain(a.iter().cloned()),
        )?;
        parsed.args.options()
    }

    #[test]
    fn parses_flags() {
        assert_eq!(parse(&args(&[])).unwrap(), Options::default());
        let o = parse(&args(&[
            "search",
            "--seconds",
            "3",
            "content",
            "--seed",
            "9",
        ]))
        .unwrap();
        assert_eq!(o.targets, ["search", "content"]);
        assert_eq!(o.seconds, Some(3));
        assert_eq!(o.seed, Some(9));
        assert!(parse(&args(&["yok"])).is_err());
        assert!(parse(&args(&["--seconds", "x"])).is_err());
        assert!(parse(&args(&["--seconds", "0"])).is_err());
        assert!(parse(&args(&["--inputs", "0"])).is_err());
        assert!(parse(&args(&["--bogus"])).is_err());
        assert!(
            parse(&args(&["--worker"])).is_err(),
            "a worker runs one target"
        );
        assert!(parse(&args(&["--worker", "search"])).is_ok());
        assert!(parse(&args(&["--worker", "search", "content"])).is_err());
        let budget = |a: &[&str]| budget_seconds(&parse(&args(a)).unwrap());
        assert_eq!(budget(&[]), Some(DEFAULT_SECONDS));
        assert_eq!(
            budget(&["--inputs", "5"]),
            None,
            "a run of N inputs is not cut short"
        );
        assert_eq!(budget(&["--inputs", "5", "--seconds", "2"]), Some(2));
    }

    #[test]
    fn target_names_are_unique_and_have_fields() {
        let all = targets();
        assert_eq!(
            target_names(),
            "check_form, content, check_form_readers, search"
        );
        for t in &all {
            assert!(
                t.min_fields >= 1 && t.min_fields <= t.max_fields,
                "{}",
                t.name
            );
            assert!(!t.fields.is_empty());
        }
    }

    /// A few hundred inputs of every real target, fixed seed: no failure. (The fuzz stage of
    /// `cargo xtask test` runs them for longer, from its own fixed seed.)
    #[test]
    fn every_target_survives_a_short_deterministic_run() {
        for t in targets() {
            let mut cfg = Config::new(20_240_611, None);
            cfg.max_inputs = Some(300);
            cfg.time_bounds = false;
            let s = engine::run(&t, &cfg, &mut |_, _| {}, &mut |_| {});
            readers::clean_up();
            assert_eq!(s.inputs, 300, "{}", t.name);
            assert!(s.found.is_empty(), "{}: {:#?}", t.name, s.found);
        }
    }

    /// What the supervisor reads after a worker died is what the worker stored last, even
    /// over a longer earlier record.
    #[test]
    fn breadcrumbs_read_back() {
        let long: Input = vec!["ş".repeat(100), "x".into()];
        let short: Input = vec!["\u{202e}".into(), String::new()];
        let mut file = breadcrumb_bytes(7, &long);
        let newer = breadcrumb_bytes(8, &short);
        file[..newer.len()].copy_from_slice(&newer);
        assert_eq!(parse_breadcrumb(&file), Some((8, short)));
        assert_eq!(parse_breadcrumb(&file[..10]), None);
    }

    /// A crash file says everything needed to repeat the failure, and replays.
    #[test]
    fn crash_files_hold_the_escaped_input_and_replay() {
        let t = find("check_form").unwrap();
        let mut input: Input = vec![String::new(); t.max_fields];
        input[4] = "a\u{202e}b".to_string();
        let found = Found {
            signature: "test".to_string(),
            message: "m".to_string(),
            index: 41,
            input: input.clone(),
            minimized: input,
            count: 1,
        };
        let dir = tempfile::tempdir().unwrap();
        let file = report_found(&t, 5, &found, dir.path());
        assert_eq!(file, dir.path().join("check_form-1.txt"));
        let text = std::fs::read_to_string(&file).unwrap();
        assert_eq!(
            report_found(&t, 5, &found, dir.path()),
            dir.path().join("check_form-2.txt")
        );
        assert!(
            text.contains("fuzz check_form --seed 5 --inputs 42"),
            "{text}"
        );
        assert!(text.contains("guvenlik_sozcugu: \"a\\u{202e}b\""), "{text}");
        let json = text.lines().find_map(|l| l.strip_prefix("json: ")).unwrap();
        let back: Input = serde_json::from_str(json).unwrap();
        assert_eq!(back, found.input);
        replay(&file).expect("this input passes the check_form target");

        let broken = dir.path().join("broken.txt");
        std::fs::write(&broken, text.replace("target: check_form", "target: yok")).unwrap();
        assert!(replay(&broken).is_err(), "an unknown target is an error");
    }

    #[test]
    fn summary_lines_name_the_crash_files() {
        let s = Summary {
            inputs: 10,
            failures: 3,
            found: vec![Found {
                signature: "secret-leak".into(),
                message: String::new(),
                index: 2,
                input: vec![],
                minimized: vec![],
                count: 3,
            }],
            ..Summary::default()
        };
        let line = summary_line(
            "check_form",
            &s,
            &[PathBuf::from("target/fuzz/crashes/c-1.txt")],
        );
        assert!(line.starts_with("check_form: 10 inputs in "), "{line}");
        assert!(
            line.ends_with("\n    3 × secret-leak → target/fuzz/crashes/c-1.txt"),
            "{line}"
        );
    }
}
