//! Field rules of the Kamu SM application form, Turkish text helpers, and (on wasm32) the
//! browser glue. The rules are plain Rust with no DOM code, testable natively.

// In the browser (wasm32) the crate is no_std: std's panic machinery and the formatting it
// pulls in (`core::fmt`) were ~6 KB of the checker's wasm; a panic there is a trap
// (`panic_handler` below). Natively and in tests it has std as usual.
#![cfg_attr(all(target_arch = "wasm32", not(test)), no_std)]
// The rules run on whatever an applicant types: outside tests, a failure is a finding or a
// `None`, never a panic (`cargo xtask test` runs clippy with these denied; the fuzzer checks
// the rest).
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]
// Table-driven tests spell out their row types inline.
#![cfg_attr(test, allow(clippy::type_complexity))]

extern crate alloc;

/// What std's prelude gives and a no_std crate must import: each module says
/// `use crate::prelude::*;`.
pub(crate) mod prelude {
    pub use alloc::boxed::Box;
    pub use alloc::string::{String, ToString};
    pub use alloc::vec::Vec;
    pub use alloc::{format, vec};
}

/// `cat!(a, b, …)`: the pieces (anything `AsRef<str>`) joined into a new `String`. What the
/// rules use instead of `format!`, whose formatting machinery would ride in the wasm for
/// nothing but string joining; numbers go through `text::digits`. Expanded in place: one
/// shared join function made the wasm smaller raw but larger brotli-compressed.
macro_rules! cat {
    ($($piece:expr),+ $(,)?) => {{
        let mut s = $crate::prelude::String::new();
        $(s.push_str(AsRef::<str>::as_ref(&$piece));)+
        s
    }};
}

pub mod check;
pub mod form;
pub mod geo;
pub mod page;
pub mod rules;
pub mod schema;
pub mod search;
pub mod text;

#[cfg(target_arch = "wasm32")]
mod web;

// Talc instead of std's dlmalloc: the same job in fewer bytes of wasm, and what the browser
// downloads is what the checker page's 60 KB budget counts.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

// A panic in the browser stops the wasm (a trap): nothing is formatted, and checker-boot.js
// reports the failure in Turkish. The rules never panic on purpose (see the lints above;
// the fuzzer checks the rest).
#[cfg(all(target_arch = "wasm32", not(test)))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}
