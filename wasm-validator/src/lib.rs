//! Field rules of the Kamu SM application form, Turkish text helpers, and (on wasm32) the
//! browser glue. The rules are plain Rust with no DOM code, testable natively.

pub mod text;

#[cfg(target_arch = "wasm32")]
mod web;
