//! `cargo xtask …`: the project's command line (build, serve, test, bench, check-form,
//! update-data, fuzz).

fn main() {
    std::process::exit(xtask::cli::main());
}
