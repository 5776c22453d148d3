//! Why a check-form run stops with exit code 2 (`Stop`), the Turkish reasons for read and
//! write errors, and what both readers share (buffer size, byte order mark).

use std::io::{self, BufRead};

/// Read and write buffer size: a report of thousands of applicants is a few hundred writes.
pub(super) const BUFFER: usize = 64 * 1024;

/// Why a run ends with exit code 2.
#[derive(Debug)]
pub(super) enum Stop {
    /// Bad arguments: the message, printed with the usage line.
    Usage(String),
    /// The file cannot be used: a one-line Turkish message.
    Input(String),
    /// Stdout could not be written.
    Output(io::Error),
}

impl Stop {
    /// The message; `usage` is the usage line shown after a usage error.
    pub(super) fn message(&self, usage: impl FnOnce() -> String) -> String {
        match self {
            Stop::Usage(m) => format!("{m}; {}", usage()),
            Stop::Input(m) => m.clone(),
            Stop::Output(e) => format!("çıktı yazılamadı: {}", write_reason(e)),
        }
    }
}

/// Plain Turkish for the usual reasons a file cannot be read.
pub(super) fn io_reason(e: &io::Error) -> String {
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
pub(super) fn read_error(e: io::Error) -> Stop {
    Stop::Input(format!("okunamadı: {}", io_reason(&e)))
}

pub(super) const BOM: &[u8] = b"\xef\xbb\xbf";

/// Skips a UTF-8 byte order mark (Excel's "CSV UTF-8" starts with one).
pub(super) fn skip_bom(input: &mut impl BufRead) -> io::Result<()> {
    if input.fill_buf()?.starts_with(BOM) {
        input.consume(BOM.len());
    }
    Ok(())
}
