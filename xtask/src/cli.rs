//! Command-line parsing and dispatch for `cargo xtask`.

use crate::commands::usage;
use crate::site::{self, BuildOptions};
use anyhow::Result;

pub fn main() -> i32 {
    // `cargo xtask fuzz --coverage` builds with this program as the rustc wrapper.
    if let Some(code) = crate::fuzz::wrap_rustc() {
        return code;
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, rest)) = args.split_first() else {
        eprint!("{}", usage());
        return 2;
    };
    let result = match cmd.as_str() {
        "build" => run_build(rest),
        "serve" => BuildOptions::from_args(rest, true).and_then(|(opts, port)| {
            // No offline worker on the dev server: a saved copy would only get in the way.
            let opts = BuildOptions {
                offline: Some(false),
                ..opts
            };
            crate::serve::run(opts, port)
        }),
        "test" => crate::test::run(rest),
        "bench" => crate::bench::run(rest),
        "check-form" => return crate::check_form::main(rest),
        "update-data" => crate::update_data::run(rest),
        "fuzz" => crate::fuzz::run(rest),
        "help" | "--help" | "-h" => {
            print!("{}", usage());
            return 0;
        }
        other => {
            eprint!("bilinmeyen komut '{other}'\n\n{}", usage());
            return 2;
        }
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("hata: {e:#}");
            1
        }
    }
}

fn run_build(args: &[String]) -> Result<()> {
    let (opts, _) = BuildOptions::from_args(args, false)?;
    let report = site::build(&opts)?;
    report.print(&opts);
    Ok(())
}
