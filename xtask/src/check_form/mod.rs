//! `cargo xtask check-form FILE [--json]`: batch check of applicants' form values for the
//! MEBBİS unit. FILE is JSON (an object keyed by field ids, or an array of them) or CSV (a
//! header row of field ids, one applicant per row; `,` `;` or tab separated, as spreadsheets
//! save it; CRLF, CR or LF line breaks). Prints every finding in Turkish per applicant with the
//! portal-ready values, or with `--json` a JSON array with one applicant per line. Exit code:
//! 0 no errors, 1 an applicant has an error, 2 bad file or arguments (with `--json`, stdout
//! then holds `{"error": "…"}`, or the error as the array's last element if reports were
//! already written).
//!
//! Applicants are streamed: each is read, checked and written before the next is read, so
//! memory does not grow with the number of applicants, nor with a long line or value (see
//! `applicant::CELL_LIMIT`).
//!
//! - `cli`: the command line (flags, exit codes, where messages go);
//! - `csv`, `json`: the two readers, each handing over one `applicant::Applicant` at a time;
//! - `applicant`: what both readers hand over, and the reader's own findings (a value cut, a
//!   number in Excel's scientific notation);
//! - `report`: the text and JSON reports.

mod applicant;
mod cli;
mod csv;
mod json;
mod report;

pub use applicant::CELL_LIMIT;
pub use cli::{main, run, run_to, Args, Exit};

use applicant::Applicant;
use report::Output;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, Write};
use std::path::Path;

/// Read and write buffer size: a report of thousands of applicants is a few hundred writes.
const BUFFER: usize = 64 * 1024;

/// Why a run ends with exit code 2.
#[derive(Debug)]
enum Stop {
    /// Bad arguments: the message, printed with the usage line.
    Usage(String),
    /// The file cannot be used: a one-line Turkish message.
    Input(String),
    /// Stdout could not be written.
    Output(io::Error),
}

impl Stop {
    fn message(&self) -> String {
        match self {
            Stop::Usage(m) => format!("{m}; {}", cli::usage_line()),
            Stop::Input(m) => m.clone(),
            Stop::Output(e) => format!("çıktı yazılamadı: {}", write_reason(e)),
        }
    }
}

/// Checks every applicant of the file, writing each report as it goes; the exit code.
fn check_file(path: &Path, json: bool, out: &mut dyn Write) -> Result<i32, Stop> {
    let mut output = Output::new(out, json);
    let read = read_applicants(path, &mut |a| output.applicant(&a));
    let read = read.and_then(|()| match output.checked() {
        0 => Err(Stop::Input(format!(
            "{}: dosyada hiç başvuru yok",
            path.display()
        ))),
        _ => Ok(()),
    });
    match read {
        Ok(()) => {
            output.finish().map_err(Stop::Output)?;
            Ok(if output.with_errors() > 0 { 1 } else { 0 })
        }
        Err(Stop::Input(message)) => {
            // The reports of the applicants before the problem are already written. Text
            // output keeps them and gets no summary line; JSON output closes its array with
            // the error as the last element, so stdout stays one JSON value. A write error
            // here shows again when stdout is flushed.
            let _ = output.fail(&message);
            Err(Stop::Input(message))
        }
        Err(stop) => Err(stop),
    }
}

/// Calls `each` for every applicant of a JSON or CSV file, in file order, reading the next
/// only after `each` returns.
fn read_applicants(
    path: &Path,
    each: &mut dyn FnMut(Applicant) -> io::Result<()>,
) -> Result<(), Stop> {
    let shown = path.display();
    let unreadable = |e: io::Error| Stop::Input(format!("{shown} okunamadı: {}", io_reason(&e)));
    let mut file = File::open(path).map_err(unreadable)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let first = first_byte(&mut file).map_err(unreadable)?;
    let is_json = match ext.as_deref() {
        Some("json") => true,
        Some("csv" | "tsv" | "txt") => false,
        _ => matches!(first, Some(b'{' | b'[')),
    };
    let read = if first.is_none() {
        Err(Stop::Input("dosya boş".into()))
    } else if is_json {
        json::read(file, each)
    } else {
        csv::read(BufReader::with_capacity(BUFFER, file), each)
    };
    read.map_err(|stop| match stop {
        Stop::Input(m) => Stop::Input(format!("{shown}: {m}")),
        other => other,
    })
}

/// Plain Turkish for the usual reasons a file cannot be read.
fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "böyle bir dosya yok; dosyanın yolunu denetleyin".into(),
        io::ErrorKind::PermissionDenied => "dosyayı okuma izniniz yok".into(),
        io::ErrorKind::IsADirectory => "bu bir klasör; bir dosya verin".into(),
        _ => system_reason(e),
    }
}

/// Plain Turkish for the usual reasons stdout cannot be written.
fn write_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::StorageFull => "diskte yer kalmadı".into(),
        io::ErrorKind::BrokenPipe => "çıktıyı okuyan program kapandı".into(),
        _ => system_reason(e),
    }
}

/// A rarer reason: an error's own message (a reader's or a test's), or the operating
/// system's, which may be English and is marked as its.
fn system_reason(e: &io::Error) -> String {
    match e.raw_os_error() {
        Some(_) => format!("sistemin iletisi: {e}"),
        None => e.to_string(),
    }
}

/// A read error of either reader, as `Stop::Input`.
fn read_error(e: io::Error) -> Stop {
    Stop::Input(format!("okunamadı: {}", io_reason(&e)))
}

/// The first byte that is not whitespace (after a UTF-8 BOM), to tell JSON from CSV; the file
/// is left at its start.
fn first_byte(file: &mut File) -> io::Result<Option<u8>> {
    let mut chunk = [0u8; 4096];
    let mut offset = 0u64;
    let found = loop {
        let n = file.read(&mut chunk)?;
        if n == 0 {
            break None;
        }
        let bom = if offset == 0 && chunk[..n].starts_with(BOM) {
            BOM.len()
        } else {
            0
        };
        offset += n as u64;
        if let Some(&b) = chunk[bom..n].iter().find(|b| !b.is_ascii_whitespace()) {
            break Some(b);
        }
    };
    file.rewind()?;
    Ok(found)
}

const BOM: &[u8] = b"\xef\xbb\xbf";

/// Skips a UTF-8 byte order mark (Excel's "CSV UTF-8" starts with one).
fn skip_bom(input: &mut impl BufRead) -> io::Result<()> {
    if input.fill_buf()?.starts_with(BOM) {
        input.consume(BOM.len());
    }
    Ok(())
}
