//! Browser glue (wasm32 only): wires the rules to the page with web-sys.

use wasm_bindgen::prelude::*;

/// Placeholder entry point until the checker glue lands: folds a string the Turkish way.
#[wasm_bindgen]
pub fn fold(s: &str) -> String {
    crate::text::fold(s)
}
