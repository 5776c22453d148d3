//! Edge coverage on the stable toolchain, for `cargo xtask fuzz --coverage`.
//!
//! `-C passes=sancov-module` with LLVM's `-sanitizer-coverage-inline-8bit-counters` are plain
//! `-C` options (no `-Z`, no sanitizer runtime): LLVM gives every edge of the compiled code a
//! byte counter and, at start-up, hands the counters' address range to
//! `__sanitizer_cov_8bit_counters_init`, which libFuzzer would define. We define it here and
//! read the counters after each input, so the engine keeps inputs that reach new edges (or hit
//! an edge a new number of times), as libFuzzer does.
//!
//! `--coverage` builds this program once more (`fuzz/build.rs`), with this very program as
//! `RUSTC_WRAPPER` adding the flags to the crates the targets exercise only (the
//! rules, the builder, the Markdown, TOML and JSON parsers): fewer counters to
//! scan per input, and no noise from rayon's or tokio's idle loops. That build runs as the
//! worker. An ordinary build never calls the hook: `counters()` is 0 and the engine
//! relies on the targets' behaviour features alone.

use std::ffi::OsString;
use std::process::Command;
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::Mutex;

/// The counter ranges LLVM registered (start address, length); one per instrumented object
/// file on some platforms, one for the whole program on Linux.
static RANGES: Mutex<Vec<(usize, usize)>> = Mutex::new(Vec::new());

/// Called by LLVM's module constructors before `main` in an instrumented build.
///
/// # Safety
/// `start..stop` must be the counter section LLVM allocated; it lives for the whole program.
// The symbol LLVM's instrumentation calls, so it must keep its C name.
#[allow(unsafe_code)]
#[no_mangle]
pub unsafe extern "C" fn __sanitizer_cov_8bit_counters_init(start: *mut u8, stop: *mut u8) {
    let (start, stop) = (start as usize, stop as usize);
    if stop <= start {
        return;
    }
    let mut ranges = RANGES.lock().unwrap_or_else(|e| e.into_inner());
    if !ranges.contains(&(start, stop - start)) {
        ranges.push((start, stop - start));
    }
}

/// The PC table LLVM emits with `-sanitizer-coverage-pc-table` (not used: we do not
/// symbolise), defined so a build with that flag links too.
///
/// # Safety
/// Never dereferences its arguments.
#[allow(unsafe_code)]
#[no_mangle]
pub unsafe extern "C" fn __sanitizer_cov_pcs_init(_start: *const usize, _stop: *const usize) {}

/// How many edge counters this build has (0 for an ordinary build).
pub fn counters() -> usize {
    RANGES
        .lock()
        .map(|r| r.iter().map(|&(_, len)| len).sum())
        .unwrap_or(0)
}

/// Zeroes the counters (before an input, so the engine's own work between inputs does not count).
pub fn clear() {
    scan(&mut |_, _| {});
}

/// The (edge, count bucket) pairs a run has seen, one bit per bucket per edge, as libFuzzer
/// keeps them: thousands of edges per input are cheaper to look up here than to hash.
#[derive(Default)]
pub struct Edges {
    seen: Vec<u8>,
    /// How many pairs have been seen.
    pub pairs: usize,
}

impl Edges {
    pub fn new() -> Edges {
        Edges {
            seen: vec![0; counters()],
            pairs: 0,
        }
    }

    /// Reads and zeroes the counters (hit since `clear`); whether an edge was hit, or hit a
    /// number of times in a log2 bucket, that the run had not seen.
    pub fn collect(&mut self) -> bool {
        let (seen, pairs) = (&mut self.seen, &mut self.pairs);
        let mut new = false;
        scan(&mut |edge, n| {
            let bucket = match n {
                1 => 0,
                2 => 1,
                3 => 2,
                4..=7 => 3,
                8..=15 => 4,
                16..=31 => 5,
                32..=127 => 6,
                _ => 7,
            };
            if let Some(s) = seen.get_mut(edge) {
                if *s & (1 << bucket) == 0 {
                    *s |= 1 << bucket;
                    *pairs += 1;
                    new = true;
                }
            }
        });
        new
    }
}

/// Calls `hit(edge, count)` for every non-zero counter and zeroes it; edges are numbered from 0
/// across the ranges. Counters are read eight at a time (most are zero), the unaligned ends of
/// a range one by one.
#[allow(unsafe_code)]
fn scan(hit: &mut dyn FnMut(usize, u8)) {
    let ranges = RANGES.lock().unwrap_or_else(|e| e.into_inner());
    let mut base = 0;
    for &(start, len) in ranges.iter() {
        let mut hit = |at: usize, n: u8| hit(base + at - start, n);
        let hit: &mut dyn FnMut(usize, u8) = &mut hit;
        let end = start + len;
        let words_start = start.next_multiple_of(8).min(end);
        let words_end = words_start + (end - words_start) / 8 * 8;
        let byte = |at: usize, hit: &mut dyn FnMut(usize, u8)| {
            // SAFETY: `at` is inside the counter range LLVM handed to
            // `__sanitizer_cov_8bit_counters_init`: static data of the program, bumped by
            // instrumented code on any thread, hence atomic access (AtomicU8 has u8's layout).
            let c = unsafe { &*(at as *const AtomicU8) };
            let n = c.load(Ordering::Relaxed);
            if n != 0 {
                c.store(0, Ordering::Relaxed);
                hit(at, n);
            }
        };
        for at in (start..words_start).chain(words_end..end) {
            byte(at, hit);
        }
        for at in (words_start..words_end).step_by(8) {
            // SAFETY: as above; `at` is 8-aligned and `at + 8 <= end` (AtomicU64 has u64's
            // layout and alignment).
            let w = unsafe { &*(at as *const AtomicU64) };
            let v = w.load(Ordering::Relaxed);
            if v == 0 {
                continue;
            }
            w.store(0, Ordering::Relaxed);
            for (k, n) in v.to_ne_bytes().into_iter().enumerate() {
                if n != 0 {
                    hit(at + k, n);
                }
            }
        }
        base += len;
    }
}

/// The flags that instrument a crate (see the module comment).
const FLAGS: &[&str] = &[
    "-Cpasses=sancov-module",
    "-Cllvm-args=-sanitizer-coverage-level=3",
    "-Cllvm-args=-sanitizer-coverage-inline-8bit-counters",
];

/// The crates whose code the targets exercise: the ones instrumented.
const INSTRUMENTED: &[&str] = &[
    "xtask",
    "wasm_validator",
    "pulldown_cmark",
    "toml",
    "toml_parser",
    "toml_datetime",
    "serde_json",
];

/// Set for this program when it runs as cargo's `RUSTC_WRAPPER`.
pub const WRAPPER_ENV: &str = "XTASK_FUZZ_RUSTC_WRAPPER";

/// When this program runs as the coverage build's `RUSTC_WRAPPER` (`wrapper rustc args…`):
/// runs rustc, adding the instrumentation flags for the crates in `INSTRUMENTED`, and returns
/// its exit code. None in every other run.
pub fn wrap_rustc() -> Option<i32> {
    std::env::var_os(WRAPPER_ENV)?;
    let mut args = std::env::args_os().skip(1);
    let Some(rustc) = args.next() else {
        eprintln!("{WRAPPER_ENV}: no rustc to run");
        return Some(2);
    };
    let args: Vec<OsString> = args.collect();
    let name = args
        .windows(2)
        .find(|w| w[0] == "--crate-name")
        .map(|w| w[1].to_string_lossy().into_owned());
    let mut cmd = Command::new(&rustc);
    cmd.args(&args);
    if name.is_some_and(|n| INSTRUMENTED.contains(&n.as_str())) {
        cmd.args(FLAGS);
    }
    match cmd.status() {
        Ok(status) => Some(status.code().unwrap_or(1)),
        Err(e) => {
            eprintln!("{WRAPPER_ENV}: cannot run {}: {e}", rustc.to_string_lossy());
            Some(1)
        }
    }
}
