//! What a fuzz target is (`Target`: its fields, seeds, fragments and check) and what a check
//! gives back (`Failure`, `ensure`, the `Features` it observed). The targets and the engine
//! both read these; nothing here runs an input.

use std::hash::{Hash, Hasher};
use std::time::Duration;

/// An input: one string per field of the target (a form's fields, a page's front matter and
/// body…). Targets decide what the fields mean.
pub type Input = Vec<String>;

/// Why an input failed: `kind` names the invariant (failures are grouped by it), `detail` says
/// what was seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub kind: String,
    pub detail: String,
}

impl Failure {
    pub fn new(kind: &str, detail: impl Into<String>) -> Failure {
        Failure {
            kind: kind.to_string(),
            detail: detail.into(),
        }
    }
}

/// `Err(Failure)` unless `cond`; the detail is only formatted on failure.
pub fn ensure(cond: bool, kind: &str, detail: impl FnOnce() -> String) -> Result<(), Failure> {
    if cond {
        Ok(())
    } else {
        Err(Failure::new(kind, detail()))
    }
}

/// Behaviour a target observed (which messages, which error, how many hits…), as hashes. An
/// input that shows a hash not seen before joins the corpus: a cheap stand-in for coverage
/// that works in any build.
#[derive(Default)]
pub struct Features(Vec<u64>);

impl Features {
    pub fn add(&mut self, what: impl Hash) {
        let mut h = Fnv::default();
        what.hash(&mut h);
        self.0.push(h.finish());
    }

    /// The hashes added so far.
    pub fn hashes(&self) -> &[u64] {
        &self.0
    }
}

/// FNV-1a: deterministic across runs and platforms (std's `RandomState` is not).
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A target: what its inputs look like and what must hold for every one of them.
pub struct Target {
    pub name: &'static str,
    /// One line: what is run and which invariants are checked.
    pub about: &'static str,
    /// Names of the fields, for reports (a target with more fields numbers the rest).
    pub fields: &'static [&'static str],
    /// Field count bounds; targets with `min < max` get fields added and removed.
    pub min_fields: usize,
    pub max_fields: usize,
    /// Longest field, in bytes, after mutation.
    pub max_len: usize,
    /// Stack of the thread the target runs on: the smallest stack the code meets in real use.
    pub stack: usize,
    /// Starting inputs (at least one).
    pub seeds: fn() -> Vec<Input>,
    /// Values that make sense in field `i` (spliced in by the mutator); may be empty.
    pub samples: fn(usize) -> Vec<String>,
    /// Fragments of the input language (Markdown, CSV…) the mutator inserts.
    pub tokens: &'static [&'static str],
    /// An input taking longer than this (twice in a row) is a failure; None for no bound.
    pub time_limit: Option<Duration>,
    /// Runs one input: Err on a broken invariant; a panic is a failure too.
    pub check: fn(&Input, &mut Features) -> Result<(), Failure>,
}

impl Target {
    /// The name of field `i` for reports.
    pub fn field_name(&self, i: usize) -> String {
        match self.fields.get(i) {
            Some(n) => (*n).to_string(),
            None => format!("{} {}", self.fields.last().copied().unwrap_or("alan"), i),
        }
    }
}
