//! One file checked: JSON or CSV told apart, each applicant read by its reader, checked and
//! reported before the next is read.

use super::applicant::Applicant;
use super::report::Output;
use super::stop::{io_reason, Stop, BOM, BUFFER};
use super::{csv, json};
use std::fs::File;
use std::io::{self, BufReader, Read, Seek, Write};
use std::path::Path;

/// Checks every applicant of the file, writing each report as it goes; the exit code.
pub(super) fn check_file(path: &Path, json: bool, out: &mut dyn Write) -> Result<i32, Stop> {
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
