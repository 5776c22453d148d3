//! `cargo xtask check-form FILE [--json]`: batch check of applicants' form values (issue 4).

/// Runs the batch check; returns the process exit code (0 ok, 1 findings with errors, 2 bad file).
pub fn run(_args: &[String]) -> i32 {
    eprintln!("check-form henüz hazır değil");
    2
}
