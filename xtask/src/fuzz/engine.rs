//! The fuzzing loop shared by every target: a seeded PRNG, a corpus that grows with inputs
//! showing new behaviour (and new edges when the binary carries coverage counters), stacked
//! mutations, panics caught as failures, a per-input time bound, and greedy minimisation.
//!
//! Everything an input goes through is decided by the seed, so a run repeats exactly with the
//! same seed (only how many inputs fit in the time budget varies).

use super::coverage;
use super::hang;
use super::mutate::{self, Rng};
use super::target::{Failure, Features, Input, Target};
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;
use std::time::{Duration, Instant};

/// How long and how hard to fuzz.
#[derive(Debug, Clone)]
pub struct Config {
    pub seed: u64,
    /// Wall-clock budget for the whole run (seeds included); None for no time limit.
    pub budget: Option<Duration>,
    /// Stop after this many inputs (tests use this instead of time).
    pub max_inputs: Option<u64>,
    /// Whether the targets' time bounds apply (not in tests, which must not depend on speed).
    pub time_bounds: bool,
    /// Distinct failures after which the run stops.
    pub max_distinct: usize,
    /// Print a progress line every minute.
    pub progress: bool,
}

impl Config {
    pub fn new(seed: u64, budget: Option<Duration>) -> Config {
        Config {
            seed,
            budget,
            max_inputs: None,
            time_bounds: true,
            max_distinct: 20,
            progress: false,
        }
    }
}

/// One distinct failure of a run (the first input that showed it, and how often it showed).
#[derive(Debug, Clone)]
pub struct Found {
    /// `panic at file:line` or the invariant's kind.
    pub signature: String,
    pub message: String,
    /// 0-based number of the input in the run.
    pub index: u64,
    pub input: Input,
    /// A smaller input with the same signature (equal to `input` if none was found).
    pub minimized: Input,
    pub count: u64,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Summary {
    pub inputs: u64,
    pub elapsed: Duration,
    pub failures: u64,
    pub found: Vec<Found>,
    pub corpus: usize,
    pub features: usize,
    /// Edge counters read after each input (0 without `--coverage`).
    pub coverage: usize,
    /// Bytes of all inputs run.
    pub bytes: u64,
}

impl Summary {
    pub fn per_second(&self) -> f64 {
        self.inputs as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Most inputs kept besides the seeds; beyond it a new input replaces a random kept one.
const MAX_CORPUS: usize = 4096;

/// Runs `target` under `cfg`. `before` sees every input (and its number) before it runs (the
/// worker stores it so a crash that kills the process can still be reported); `on_found` sees
/// each new distinct failure at once (so it is written down even if a later input kills the
/// process).
pub fn run(
    target: &Target,
    cfg: &Config,
    before: &mut dyn FnMut(u64, &Input),
    on_found: &mut dyn FnMut(&Found),
) -> Summary {
    install_panic_hook();
    let start = Instant::now();
    let mut rng = Rng::new(cfg.seed);
    let seeds = (target.seeds)();
    assert!(!seeds.is_empty(), "target {} has no seeds", target.name);
    let n_seeds = seeds.len();
    let mut corpus: Vec<Input> = seeds;
    let mut seen: HashSet<u64> = HashSet::new();
    let mut edges = coverage::Edges::new();
    let mut summary = Summary {
        coverage: coverage::counters(),
        ..Summary::default()
    };
    let out_of_budget = |summary: &Summary| {
        cfg.max_inputs.is_some_and(|m| summary.inputs >= m)
            || cfg.budget.is_some_and(|b| start.elapsed() >= b)
            || summary.found.len() >= cfg.max_distinct
    };
    let mut next_seed = 0;
    let mut last_progress = start;
    while !out_of_budget(&summary) {
        if cfg.progress
            && summary.inputs.is_multiple_of(1024)
            && last_progress.elapsed().as_secs() >= 60
        {
            last_progress = Instant::now();
            println!(
                "  {}: {} inputs in {:.0} s ({:.0}/s), {} failures, corpus {}",
                target.name,
                summary.inputs,
                start.elapsed().as_secs_f64(),
                summary.inputs as f64 / start.elapsed().as_secs_f64(),
                summary.failures,
                corpus.len()
            );
        }
        // The seeds as they are first, then mutants of the corpus.
        let input = if next_seed < n_seeds {
            next_seed += 1;
            let mut seed = corpus[next_seed - 1].clone();
            mutate::clamp(target, &mut seed);
            seed
        } else {
            // Half the time the shorter of two: keeps inputs from drifting to the length
            // limit (longer inputs reach new loop counts, so they are always "new").
            let mut parent = rng.below(corpus.len());
            if rng.one_in(2) {
                let other = rng.below(corpus.len());
                let size = |i: usize| corpus[i].iter().map(String::len).sum::<usize>();
                if size(other) < size(parent) {
                    parent = other;
                }
            }
            let mut child = corpus[parent].clone();
            mutate::mutate(target, &mut child, &mut rng, &corpus);
            child
        };
        let index = summary.inputs;
        before(index, &input);
        summary.inputs += 1;
        summary.bytes += input.iter().map(|f| f.len() as u64).sum::<u64>();
        let mut features = Features::default();
        coverage::clear();
        let outcome = execute(target, cfg, &input, &mut features);
        let mut new = edges.collect();
        shape_features(&input, &mut features);
        // Every feature is recorded, not just the first new one.
        for &f in features.hashes() {
            new |= seen.insert(f);
        }
        if new && index >= n_seeds as u64 {
            if corpus.len() < n_seeds + MAX_CORPUS {
                corpus.push(input.clone());
            } else {
                let at = n_seeds + rng.below(MAX_CORPUS);
                corpus[at] = input.clone();
            }
        }
        let Err(failure) = outcome else { continue };
        summary.failures += 1;
        let signature = failure.kind.clone();
        if let Some(f) = summary.found.iter_mut().find(|f| f.signature == signature) {
            f.count += 1;
            continue;
        }
        let minimized = minimize(target, cfg, &input, &signature);
        let found = Found {
            signature,
            message: failure.detail,
            index,
            input,
            minimized,
            count: 1,
        };
        on_found(&found);
        summary.found.push(found);
    }
    summary.elapsed = start.elapsed();
    summary.corpus = corpus.len();
    summary.features = seen.len() + edges.pairs;
    summary
}

/// Runs one input: the target's verdict, a caught panic, or a time-bound breach (confirmed by
/// a second run so one scheduling hiccup on a busy machine is not reported).
pub fn execute(
    target: &Target,
    cfg: &Config,
    input: &Input,
    features: &mut Features,
) -> Result<(), Failure> {
    let started = Instant::now();
    let outcome = guarded(target, input, features);
    let took = started.elapsed();
    match target.time_limit.filter(|_| cfg.time_bounds) {
        Some(limit) if took > limit && outcome.is_ok() => {
            let again = Instant::now();
            let _ = guarded(target, input, &mut Features::default());
            let took2 = again.elapsed();
            if took2 > limit {
                return Err(Failure::new(
                    "slow",
                    format!(
                        "the input took {:.2} s and {:.2} s (bound: {:.1} s)",
                        took.as_secs_f64(),
                        took2.as_secs_f64(),
                        limit.as_secs_f64()
                    ),
                ));
            }
            outcome
        }
        _ => outcome,
    }
}

/// The target's check with panics turned into failures.
fn guarded(target: &Target, input: &Input, features: &mut Features) -> Result<(), Failure> {
    IN_TARGET.with(|t| t.set(true));
    hang::start();
    let result = catch_unwind(AssertUnwindSafe(|| (target.check)(input, features)));
    hang::stop();
    IN_TARGET.with(|t| t.set(false));
    match result {
        Ok(outcome) => outcome,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".to_string());
            let place = LAST_PANIC
                .with(|p| p.borrow_mut().take())
                .unwrap_or_default();
            Err(Failure::new(
                &format!("panic at {place}"),
                format!("panicked: {message}"),
            ))
        }
    }
}

/// Per field: which kinds of characters it has and roughly how long it is. New ones join the
/// corpus, so an input with bidi marks or other-script digits in a field is kept to be
/// mutated further even when the target's own features do not change. (Kinds one by one, not
/// their combinations: those are new almost every time and would flood the corpus.)
fn shape_features(input: &Input, features: &mut Features) {
    for (i, field) in input.iter().enumerate().take(32) {
        let mut mask = 0u32;
        for c in field.chars() {
            mask |= 1 << mutate::class_of(c) as u32;
        }
        for class in 0..u32::BITS {
            if mask & (1 << class) != 0 {
                features.add(("class", i, class));
            }
        }
        features.add(("length", i, usize::BITS - field.len().leading_zeros()));
    }
}

/// Greedy minimisation: empty whole fields, drop fields, then cut ever smaller runs of lines
/// and then of characters, keeping each change that still fails with the same signature.
/// Bounded in attempts and time; slow inputs are not minimised (every try takes seconds).
pub fn minimize(target: &Target, cfg: &Config, input: &Input, signature: &str) -> Input {
    if signature == "slow" {
        return input.clone();
    }
    let started = Instant::now();
    let mut attempts = 0;
    let mut still_fails = |candidate: &Input| -> bool {
        if attempts >= 4000 || started.elapsed() > Duration::from_secs(20) {
            return false;
        }
        attempts += 1;
        matches!(execute(target, cfg, candidate, &mut Features::default()),
            Err(f) if f.kind == signature)
    };
    let mut best = input.clone();
    for i in 0..best.len() {
        if !best[i].is_empty() {
            let mut c = best.clone();
            c[i].clear();
            if still_fails(&c) {
                best = c;
            }
        }
    }
    if target.min_fields < target.max_fields {
        let mut i = best.len();
        while i > target.min_fields {
            i -= 1;
            let mut c = best.clone();
            c.remove(i);
            if still_fails(&c) {
                best = c;
            }
        }
    }
    let lines = |s: &str| -> Vec<String> { s.split_inclusive('\n').map(str::to_string).collect() };
    let chars = |s: &str| -> Vec<String> { s.chars().map(String::from).collect() };
    for units in [lines, chars] {
        for f in 0..best.len() {
            let mut chunk = units(&best[f]).len().div_ceil(2);
            while chunk >= 1 {
                let mut at = 0;
                loop {
                    let parts = units(&best[f]);
                    if at >= parts.len() {
                        break;
                    }
                    let end = (at + chunk).min(parts.len());
                    let mut c = best.clone();
                    c[f] = parts[..at].concat() + &parts[end..].concat();
                    if still_fails(&c) {
                        best = c;
                    } else {
                        at += chunk;
                    }
                }
                chunk /= 2;
            }
        }
    }
    best
}

thread_local! {
    /// Whether this thread is inside a target's check (its panics are expected and caught).
    static IN_TARGET: Cell<bool> = const { Cell::new(false) };
    /// Where the last caught panic happened (`file:line:col`).
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A panic hook that records the location of panics inside targets and keeps them quiet (they
/// are reported with their input instead), and leaves every other panic to the previous hook.
/// Installed once and never removed: tests running in parallel share it safely.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_TARGET.with(Cell::get) {
                return previous(info);
            }
            let place = info
                .location()
                .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
                .unwrap_or_else(|| "?".to_string());
            if cfg!(panic = "abort") {
                // The process ends right after this hook: say what happened; the supervisor
                // reports the input.
                eprintln!("fuzz: panic at {place}: {info}");
            }
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(place));
        }));
    });
}

/// The fields of an input, one per line, escaped (control, format, bidi and combining
/// characters as `\u{…}`) so what is invisible on screen is visible in the report.
pub fn show(target: &Target, input: &Input) -> String {
    let mut out = String::new();
    for (i, field) in input.iter().enumerate() {
        let _ = writeln!(out, "  {}: {}", target.field_name(i), escape(field));
    }
    out
}

/// `s` quoted, with everything but plain printable characters escaped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if mutate::is_plain(c) => out.push(c),
            c => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::super::target::ensure;
    use super::*;

    fn target(check: fn(&Input, &mut Features) -> Result<(), Failure>) -> Target {
        Target {
            name: "test",
            about: "",
            fields: &["a", "b"],
            min_fields: 2,
            max_fields: 2,
            max_len: 200,
            stack: 1 << 20,
            seeds: || vec![vec!["Ayşe".to_string(), "12345".to_string()]],
            samples: |_| vec![],
            tokens: &["puk", "<a>"],
            time_limit: None,
            check,
        }
    }

    fn cfg(seed: u64, max_inputs: u64) -> Config {
        Config {
            max_inputs: Some(max_inputs),
            time_bounds: false,
            ..Config::new(seed, None)
        }
    }

    /// A run that stops at its first failure, as the test stage's do.
    fn until_found(seed: u64, max_inputs: u64) -> Config {
        Config {
            max_distinct: 1,
            ..cfg(seed, max_inputs)
        }
    }

    fn run_quiet(t: &Target, c: &Config) -> Summary {
        run(t, c, &mut |_, _| {}, &mut |_| {})
    }

    /// The harness can fail: an invariant that breaks on a right-to-left override in field b
    /// (which no seed has) is found by the mutator, reported with the input, and the input
    /// is minimised to the culprit character.
    #[test]
    fn a_broken_invariant_is_found_and_minimised() {
        let t = target(|input, _| {
            ensure(!input[1].contains('\u{202e}'), "no-rlo", || {
                format!("RLO in {}", escape(&input[1]))
            })
        });
        let s = run_quiet(&t, &until_found(7, 5_000));
        assert_eq!(s.found.len(), 1, "{s:?}");
        let f = &s.found[0];
        assert_eq!(s.inputs, f.index + 1, "the run stops at the failure");
        assert_eq!(f.signature, "no-rlo");
        assert!(f.input[1].contains('\u{202e}'));
        assert!(f.message.contains("\\u{202e}"), "{}", f.message);
        assert_eq!(f.minimized, ["", "\u{202e}"]);
        assert!(show(&t, &f.minimized).contains("b: \"\\u{202e}\""));
    }

    /// Panics are caught and reported with their place, not allowed to end the run.
    #[test]
    fn a_panic_is_a_failure_with_its_place() {
        let t = target(|input, _| {
            let digits = input[1].chars().filter(|c| c.is_ascii_digit()).count();
            if digits > 7 {
                panic!("too many digits: {digits}");
            }
            Ok(())
        });
        let s = run_quiet(&t, &until_found(1, 5_000));
        assert_eq!(s.found.len(), 1, "{s:?}");
        let f = &s.found[0];
        assert!(f.signature.starts_with("panic at "), "{}", f.signature);
        assert!(f.signature.contains("engine.rs"), "{}", f.signature);
        assert!(f.message.contains("too many digits"), "{}", f.message);
        assert_eq!(f.minimized[0], "");
        assert_eq!(
            f.minimized[1]
                .chars()
                .filter(|c| c.is_ascii_digit())
                .count(),
            8
        );
    }

    /// A planted bug of the commonest kind: slicing text at a byte that may fall inside a
    /// character (the seeds are ASCII, so only a mutated input panics, inside std). The
    /// engine finds it, names the place, and minimises the input to one such character.
    #[test]
    fn a_planted_slicing_bug_is_found_within_a_small_budget() {
        let t = target(|input, _| {
            if !input[1].is_empty() {
                // The bug: the first byte is not always the first character.
                let _ = &input[1][..1];
            }
            Ok(())
        });
        let s = run_quiet(&t, &until_found(3, 2_000));
        assert_eq!(s.found.len(), 1, "found in {} inputs: {s:?}", s.inputs);
        let f = &s.found[0];
        assert!(f.signature.starts_with("panic at "), "{}", f.signature);
        assert!(
            f.message.contains("is not a char boundary"),
            "{}",
            f.message
        );
        assert_eq!(f.minimized[0], "");
        assert_eq!(f.minimized[1].chars().count(), 1, "{:?}", f.minimized);
        assert!(f.minimized[1].len() > 1);
    }

    /// The same seed gives the same inputs; another seed gives others.
    #[test]
    fn runs_repeat_with_their_seed() {
        let t = target(|_, _| Ok(()));
        let inputs = |seed| {
            let mut all = Vec::new();
            run(
                &t,
                &cfg(seed, 3000),
                &mut |_, i| all.push(i.clone()),
                &mut |_| {},
            );
            all
        };
        let a = inputs(42);
        assert_eq!(a.len(), 3000);
        assert_eq!(a, inputs(42));
        assert_ne!(a, inputs(43));
        assert!(a
            .iter()
            .all(|i| i.len() == 2 && i.iter().all(|f| f.len() <= 200)));
    }

    #[test]
    fn rng_ranges() {
        let mut r = Rng::new(5);
        for _ in 0..10_000 {
            assert!(r.below(7) < 7);
            let s = r.small(300);
            assert!((1..=300).contains(&s));
        }
        assert_eq!(r.below(0), 0);
    }

    #[test]
    fn escaping_shows_the_invisible() {
        assert_eq!(
            escape("a\u{200b}ş\u{307}\"\n\u{1}😀"),
            "\"a\\u{200b}ş\\u{307}\\\"\\n\\u{1}😀\""
        );
    }
}
