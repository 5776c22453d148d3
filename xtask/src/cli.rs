//! Command-line parsing and dispatch for `cargo xtask`.

pub fn main() -> i32 {
    eprintln!("kullanım: cargo xtask <build|serve|test|bench|check-form|update-data>");
    2
}
