//! check-form's command line: its flags, declared once with clap (the help is generated from
//! the same declaration), where its messages go, and its exit codes: 0 no errors, 1 an
//! applicant has an error, 2 bad file or arguments.

use super::file::check_file;
use super::report::{one_line, write_json_error};
use super::stop::{Stop, BUFFER};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, Parser};
use std::fmt;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

/// başvuru alanlarını toplu denetler (JSON ya da CSV)
#[derive(clap::Args, Debug)]
pub struct Args {
    /// denetlenecek dosya: JSON (alan adlarıyla bir nesne ya da nesnelerden oluşan bir dizi)
    /// ya da CSV (ilk satırı alan adları, her satırda bir başvuru; `,` `;` ya da sekmeyle
    /// ayrılmış)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// raporu JSON olarak yazar: bir dizi, her satırda bir başvuru; dosya kullanılamazsa
    /// {"error": "…"}
    #[arg(long)]
    pub json: bool,
}

/// `check-form` parsed on its own (from `main`), until the top-level command line declares it
/// with `Args`.
#[derive(clap::Parser, Debug)]
#[command(
    name = "check-form",
    bin_name = "cargo xtask check-form",
    about = "başvuru alanlarını toplu denetler (JSON ya da CSV)",
    after_help = EXIT_CODES,
    help_template = HELP,
    disable_help_flag = true,
    disable_version_flag = true,
    args_override_self = true
)]
struct CheckForm {
    #[command(flatten)]
    args: Args,
    /// bu yardımı yazdırır
    #[arg(short, long, action = clap::ArgAction::Help)]
    help: Option<bool>,
}

/// The help below the usage line (`usage_line`): clap's own headings are English.
const HELP: &str = "{about}\n\n{positionals}\n\nseçenekler:\n{options}\n\n{after-help}";

const EXIT_CODES: &str = "çıkış kodu: 0 hata yok, 1 bir başvuruda hata var, 2 dosya ya da \
                          seçenekler kullanılamıyor";

/// check-form ended with this exit code (1: an applicant has an error; 2: the file or the
/// arguments could not be used); its messages are already written.
#[derive(Debug, PartialEq, Eq)]
pub struct Exit(pub i32);

impl Exit {
    /// The process's exit code.
    pub fn code(&self) -> i32 {
        self.0
    }
}

impl fmt::Display for Exit {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "check-form {} koduyla bitti", self.0)
    }
}

impl std::error::Error for Exit {}

/// "kullanım: cargo xtask check-form FILE [--json]", as `cargo xtask help` lists it (a test
/// in commands.rs compares them; written here so that check-form does not import the
/// command line that imports it).
pub fn usage_line() -> String {
    "kullanım: cargo xtask check-form FILE [--json]".to_string()
}

/// What `--help` prints.
fn help() -> String {
    let rendered = CheckForm::command().render_help().to_string();
    let mut help = format!("{}\n", usage_line());
    // clap pads its sections with blank lines of its own: one blank line between parts.
    let mut after_blank = false;
    for line in std::iter::once("").chain(rendered.trim_end().lines()) {
        let blank = line.trim().is_empty();
        if !(blank && after_blank) {
            help.push_str(line.trim_end());
            help.push('\n');
        }
        after_blank = blank;
    }
    help
}

/// Runs the batch check on parsed flags, printing to stdout/stderr: Ok when no applicant has an
/// error, else `Exit` with the exit code (1 or 2), whose messages are already written, so a
/// caller should only exit with `Exit::code`.
pub fn run(args: Args) -> Result<(), Exit> {
    let stdout = io::stdout();
    let stderr = io::stderr();
    let (mut out, mut err) = (stdout.lock(), stderr.lock());
    let buffered = BufWriter::with_capacity(BUFFER, &mut out as &mut dyn Write);
    run_parsed(Ok(Some(args)), false, buffered, &mut err)
}

/// Runs the batch check on the arguments after `check-form`, printing to stdout/stderr;
/// returns the exit code.
pub fn main(args: &[String]) -> i32 {
    let stdout = io::stdout();
    let stderr = io::stderr();
    run_to(args, &mut stdout.lock(), &mut stderr.lock())
}

/// `main` with the output streams given (for tests). Stdout is buffered here and flushed before
/// any message goes to stderr.
pub fn run_to(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    // `--json` is looked for before parsing, so that even a usage error is answered in JSON.
    let json = args.iter().any(|a| a == "--json");
    let out = BufWriter::with_capacity(BUFFER, out);
    match run_parsed(parse(args), json, out, err) {
        Ok(()) => 0,
        Err(exit) => exit.code(),
    }
}

/// Checks the file of parsed flags, or prints the help (`Ok(None)`) or a usage error; `json`
/// says whether a usage error is answered in JSON too.
fn run_parsed(
    parsed: Result<Option<Args>, Stop>,
    json: bool,
    mut out: BufWriter<&mut dyn Write>,
    err: &mut dyn Write,
) -> Result<(), Exit> {
    let outcome = match parsed {
        Ok(Some(args)) => check_file(&args.file, args.json, &mut out),
        Ok(None) => out
            .write_all(help().as_bytes())
            .map(|()| 0)
            .map_err(Stop::Output),
        Err(stop) => {
            if json {
                // Nothing is written yet: the error object is the whole output.
                let _ = write_json_error(&mut out, &stop.message(usage_line));
            }
            Err(stop)
        }
    };
    match end(outcome, out, err) {
        0 => Ok(()),
        code => Err(Exit(code)),
    }
}

/// Flushes stdout, then writes the message of a run that failed to stderr; the exit code.
fn end(outcome: Result<i32, Stop>, mut out: BufWriter<&mut dyn Write>, err: &mut dyn Write) -> i32 {
    let flushed = out.flush();
    let mut code = match &outcome {
        Ok(code) => *code,
        Err(Stop::Usage(m)) => {
            let _ = writeln!(err, "check-form: {m}\n{}", usage_line());
            2
        }
        Err(stop) => {
            let _ = writeln!(err, "check-form: {}", one_line(&stop.message(usage_line)));
            2
        }
    };
    if let Err(e) = flushed {
        if !matches!(outcome, Err(Stop::Output(_))) {
            let _ = writeln!(err, "check-form: {}", Stop::Output(e).message(usage_line));
        }
        code = 2;
    }
    code
}

/// The flags, or None for `--help`.
fn parse(args: &[String]) -> Result<Option<Args>, Stop> {
    let argv = std::iter::once("check-form").chain(args.iter().map(String::as_str));
    match CheckForm::try_parse_from(argv) {
        Ok(parsed) => Ok(Some(parsed.args)),
        Err(e) if e.kind() == ErrorKind::DisplayHelp => Ok(None),
        Err(e) => Err(Stop::Usage(usage_error(&e))),
    }
}

/// clap's usage error in Turkish (its own text is English).
fn usage_error(e: &clap::Error) -> String {
    let arg = match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(arg)) => Some(arg.as_str()),
        _ => None,
    };
    match (e.kind(), arg) {
        (ErrorKind::MissingRequiredArgument, _) => "denetlenecek dosyayı verin".into(),
        (ErrorKind::UnknownArgument, Some(arg)) if !arg.starts_with('-') => {
            "tek bir dosya verin".into()
        }
        (ErrorKind::UnknownArgument, Some(arg)) => format!("bilinmeyen seçenek '{arg}'"),
        (ErrorKind::TooManyValues, Some(arg)) => format!("{arg} bir değer almaz"),
        (_, Some(arg)) => format!("'{arg}' anlaşılmadı"),
        _ => "seçenekler anlaşılmadı".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usage_message(args: &[&str]) -> String {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        match parse(&args) {
            Err(Stop::Usage(m)) => m,
            other => panic!("{args:?}: {other:?}"),
        }
    }

    #[test]
    fn usage_errors_are_in_turkish() {
        assert_eq!(usage_message(&[]), "denetlenecek dosyayı verin");
        assert_eq!(usage_message(&["--json"]), "denetlenecek dosyayı verin");
        assert_eq!(
            usage_message(&["--xml", "a.json"]),
            "bilinmeyen seçenek '--xml'"
        );
        assert_eq!(usage_message(&["a.json", "-x"]), "bilinmeyen seçenek '-x'");
        assert_eq!(usage_message(&["a.json", "b.json"]), "tek bir dosya verin");
        assert_eq!(
            usage_message(&["a.json", "--json=evet"]),
            "--json bir değer almaz"
        );
    }

    #[test]
    fn flags_parse_in_any_order_and_help_wins() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let parsed = parse(&args(&["--json", "a.csv"])).unwrap().unwrap();
        assert_eq!((parsed.file, parsed.json), (PathBuf::from("a.csv"), true));
        let parsed = parse(&args(&["a.csv", "--json", "--json"]))
            .unwrap()
            .unwrap();
        assert!(parsed.json);
        assert!(!parse(&args(&["a.csv"])).unwrap().unwrap().json);
        assert!(parse(&args(&["a.csv", "--help"])).unwrap().is_none());
        assert!(parse(&args(&["-h"])).unwrap().is_none());
    }

    /// The top-level command line can declare `check-form` as a subcommand holding `Args`.
    #[test]
    fn args_plug_into_a_parent_command_line() {
        #[derive(clap::Parser, Debug)]
        enum Top {
            CheckForm(Args),
        }
        let Top::CheckForm(args) =
            Top::try_parse_from(["xtask", "check-form", "--json", "a.csv"]).unwrap();
        assert_eq!((args.file, args.json), (PathBuf::from("a.csv"), true));
        assert!(Top::try_parse_from(["xtask", "check-form"]).is_err());
    }

    #[test]
    fn help_is_the_usage_line_and_every_flag_in_turkish() {
        let help = help();
        assert!(
            help.starts_with("kullanım: cargo xtask check-form FILE [--json]\n"),
            "{help}"
        );
        for expected in [
            "başvuru alanlarını toplu denetler",
            "<FILE>",
            "denetlenecek dosya: JSON",
            "--json",
            "raporu JSON olarak yazar",
            "-h, --help",
            "çıkış kodu: 0 hata yok",
        ] {
            assert!(help.contains(expected), "{expected}: {help}");
        }
        for english in ["Usage", "Options", "Arguments", "Print help"] {
            assert!(!help.contains(english), "{english}: {help}");
        }
        assert!(
            !help.contains("\n\n\n") && !help.ends_with("\n\n"),
            "{help:?}"
        );
    }
}
