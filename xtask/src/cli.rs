//! Command-line parsing and dispatch for `cargo xtask`.

use crate::site::{self, BuildOptions};
use anyhow::Result;

pub const USAGE: &str = "kullanım: cargo xtask <komut>

komutlar:
  build [--out DIR] [--base-url URL] [--content DIR] [--templates DIR] [--no-wasm] [--yayin]
                      siteyi dist/ klasörüne üretir; --yayin: yayın derlemesi, site.toml'da
                      örnek (# ÖRNEK) değer kalmışsa durur
  serve [--port 8000] siteyi üretir, http://127.0.0.1:8000 adresinde sunar, değişince yeniler
  test                bütün testleri çalıştırır
  bench               ölçümleri yazdırır (target/bench.json)
  check-form FILE [--json]
                      başvuru alanlarını toplu denetler (JSON ya da CSV)
  update-data         il/ilçe/posta kodu verisini npm paketinden yeniden üretir";

pub fn main() -> i32 {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return 2;
    };
    let result = match cmd.as_str() {
        "build" => run_build(rest),
        "serve" => BuildOptions::from_args(rest, true)
            .and_then(|(opts, port)| crate::serve::run(opts, port)),
        "test" => crate::test::run(rest),
        "bench" => crate::bench::run(rest),
        "check-form" => return crate::check_form::run(rest),
        "update-data" => crate::update_data::run(rest),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            return 0;
        }
        other => {
            eprintln!("bilinmeyen komut '{other}'\n\n{USAGE}");
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
