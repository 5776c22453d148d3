//! The worker's hang watch: when the input running now started, counted on the worker
//! process's CPU clock, and whether it has run past the limit. A worker that is paused or
//! starved of CPU (a busy or suspended machine) uses no CPU time, so it is never reported as
//! hanging; only an input that keeps computing is. The watchdog thread asks; the fuzz thread
//! marks each input's start and end.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// When the input running now started (`now_ms`), 0 when none is running.
static BUSY_SINCE_MS: AtomicU64 = AtomicU64::new(0);

/// CPU milliseconds the worker process has used, plus one (so 0 can mean "not running"). The
/// process's clock, not the fuzz thread's: the watchdog reads it from another thread, and an
/// input's work may run on rayon's threads too (the content target renders there); the
/// watchdog itself sleeps.
#[cfg(unix)]
fn now_ms() -> u64 {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
    t.tv_sec as u64 * 1000 + t.tv_nsec as u64 / 1_000_000 + 1
}

/// Elsewhere no CPU clock is at hand without `unsafe`: wall time since the first call, plus
/// one.
#[cfg(not(unix))]
fn now_ms() -> u64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    EPOCH.get_or_init(Instant::now).elapsed().as_millis() as u64 + 1
}

/// An input starts running.
pub fn start() {
    BUSY_SINCE_MS.store(now_ms(), Ordering::Relaxed);
}

/// The input has finished.
pub fn stop() {
    BUSY_SINCE_MS.store(0, Ordering::Relaxed);
}

/// Whether the input running now has used `limit` of CPU time or more.
pub fn hung(limit: Duration) -> bool {
    let since = BUSY_SINCE_MS.load(Ordering::Relaxed);
    since != 0 && now_ms().saturating_sub(since) >= limit.as_millis() as u64
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::process::Command;
    use std::time::Instant;

    /// Set in the child process this test starts: "sleep" or "spin".
    const CHILD: &str = "XTASK_FUZZ_HANG_CHILD";
    const LIMIT: Duration = Duration::from_millis(300);

    /// In the child: an input that sleeps for several times the limit, or one that computes
    /// until the watch calls it a hang (or for half a minute, which then fails).
    fn child(mode: &str) {
        start();
        let reported = match mode {
            "sleep" => {
                std::thread::sleep(LIMIT * 5);
                hung(LIMIT)
            }
            _ => {
                let started = Instant::now();
                let mut x = 1u64;
                while !hung(LIMIT) && started.elapsed() < Duration::from_secs(30) {
                    x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
                }
                hung(LIMIT)
            }
        };
        stop();
        println!("hang reported: {reported}");
    }

    /// A worker that sleeps past the limit (no CPU used: what a paused or starved machine
    /// looks like) is not a hang; one that computes past it is. Each runs in a process of its
    /// own (this test binary again, this test alone), so other tests' CPU time does not count.
    #[test]
    fn a_hang_is_counted_in_cpu_time_not_wall_time() {
        if let Ok(mode) = std::env::var(CHILD) {
            child(&mode);
            return;
        }
        for (mode, hang) in [("sleep", false), ("spin", true)] {
            let out = Command::new(std::env::current_exe().expect("the test binary"))
                .args([
                    "--exact",
                    "fuzz::hang::tests::a_hang_is_counted_in_cpu_time_not_wall_time",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env(CHILD, mode)
                .output()
                .expect("the test binary runs");
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                stdout.contains(&format!("hang reported: {hang}")),
                "a worker that does '{mode}' past the limit: expected hang = {hang}:\n{stdout}"
            );
        }
    }
}
