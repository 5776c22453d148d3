//! `cargo xtask check-form FILE [--json]`: batch check of applicants' form values for
//! the MEBBİS unit. FILE is JSON (an object keyed by field ids, or an array of them) or CSV (a
//! header row of field ids, one applicant per row; `,` `;` or tab separated, as spreadsheets
//! save it; CRLF, CR or LF line breaks). Prints every finding in Turkish per applicant with the
//! portal-ready values, or with `--json` a JSON array with one applicant per line. Exit code:
//! 0 no errors, 1 an applicant has an error, 2 bad file or arguments (with `--json`, stdout
//! then holds `{"error": "…"}`, or the error as the array's last element if reports were
//! already written).
//!
//! Applicants are streamed: each is read, checked and written before the next is read, so
//! memory does not grow with the number of applicants, and a value is kept only up to
//! `CELL_LIMIT` characters, so it does not grow with a long line or cell either. A longer value
//! is cut before the check, with an error finding that says so. A number in Excel's scientific
//! notation (`1,0000000146E+10`) in a field of digits (T.C. Kimlik No, phones, codes) is an
//! error finding that says how to fix it in Excel, never turned back into digits (some may be
//! lost). A column without a name (Excel's separator at the end of every row) is accepted
//! while its values are empty.

use crate::commands::usage_of;
use serde::de::{self, DeserializeSeed, Deserializer as _, MapAccess, SeqAccess, Visitor};
use serde::Serialize;
use std::cell::Cell;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, Write};
use std::path::Path;
use std::rc::Rc;
use wasm_validator::check::check_form;
use wasm_validator::form::{Finding, Form, Report, Severity};
use wasm_validator::schema::{FieldId, Kind, FIELDS};

/// Read and write buffer size: a report of thousands of applicants is a few hundred writes.
const BUFFER: usize = 64 * 1024;

/// The most characters a value is checked with, for every field: far above any field's own
/// maximum (`schema::Field::max_len`, which the checker reports itself with a clearer message,
/// and which a value may exceed before tidying: " 06 100 "), far below what would use up
/// memory. A longer value is cut to this before the check, with a finding.
pub const CELL_LIMIT: usize = 1000;

/// Bytes kept of a value while reading: `CELL_LIMIT` characters of up to 4 bytes, and one more.
const CELL_KEEP: usize = 4 * (CELL_LIMIT + 1);

/// Values kept of one CSV row (the form has 20 fields); a row with more is a bad file.
const MAX_VALUES: usize = 256;

/// The longest JSON number or word (`true`, `null`) read; a longer one is a bad file.
const JSON_TOKEN_LIMIT: usize = 1000;

/// One applicant read from the file.
#[derive(Debug)]
pub struct Applicant {
    /// 0-based position in the file.
    pub index: usize,
    /// The CSV line it starts on (1-based, as a text editor counts); None for JSON.
    pub line: Option<u64>,
    pub form: Form,
    /// Findings of the reader (a value cut, Excel's scientific notation), added to the
    /// checker's report.
    pub notes: Vec<Note>,
}

/// A finding of the reader about one value; `replaces` the checker's own findings for that
/// field (which would only say the value is not digits).
#[derive(Debug)]
pub struct Note {
    pub finding: Finding,
    pub replaces: bool,
}

/// Whether a field holds digits that Excel shows as a number (and so may turn into
/// scientific notation): T.C. Kimlik No, phones, Dahili, Posta Kodu.
fn holds_digits(id: FieldId) -> bool {
    id == FieldId::KimlikNo || matches!(id.field().kind, Kind::Digits | Kind::Tel)
}

/// Excel's scientific notation of a number: `1.0000000146e10`, `1,0000000146E+10`, `5E+11`.
fn is_scientific(value: &str) -> bool {
    let v = value.trim();
    let Some((mantissa, exponent)) = v.split_once(['e', 'E']) else {
        return false;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let (whole, fraction) = mantissa.split_once(['.', ',']).unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !whole.is_empty()
        && !exponent.is_empty()
        && digits(whole)
        && digits(fraction)
        && digits(exponent)
}

/// Puts one value read from the file into the form: cut to `CELL_LIMIT` characters (it had
/// `chars` in all) with a note, or with a note when it is Excel's scientific notation.
fn admit(form: &mut Form, notes: &mut Vec<Note>, id: FieldId, mut value: String, chars: u64) {
    let field = id.field();
    let note = |message: String, replaces: bool| Note {
        finding: Finding {
            field: id,
            severity: Severity::Error,
            message,
            suggestion: None,
        },
        replaces,
    };
    if chars > CELL_LIMIT as u64 {
        if let Some((at, _)) = value.char_indices().nth(CELL_LIMIT) {
            value.truncate(at);
        }
        notes.push(note(
            format!(
                "{} en çok {CELL_LIMIT} karakter olabilir; bu değer {chars} karakter, fazlası \
                 denetlenmeden kesildi. Değeri kısaltıp yeniden deneyin.",
                field.label
            ),
            false,
        ));
    } else if holds_digits(id) && is_scientific(&value) {
        notes.push(note(
            format!(
                "{} Excel'in bilimsel gösteriminde yazılmış (ör. 1,0000000146E+10): Excel uzun \
                 sayıyı kısaltmış, rakamların bir kısmı kaybolmuş olabilir, bu yüzden değer \
                 düzeltilmeden bırakıldı. Excel'de sütunu seçin, Hücreleri Biçimlendir ile \
                 biçimini Metin yapın, değerleri yeniden yazın ve dosyayı yeniden kaydedin.",
                field.label
            ),
            true,
        ));
    }
    form.set(id, value);
}

/// The checker's report with the reader's notes merged in, in portal order.
fn report_for(a: &Applicant) -> Report {
    let mut report = check_form(&a.form);
    for note in &a.notes {
        let field = note.finding.field;
        if note.replaces {
            report.findings.retain(|f| f.field != field);
        }
        let at = report
            .findings
            .iter()
            .position(|f| f.field.index() >= field.index())
            .unwrap_or(report.findings.len());
        report.findings.insert(at, note.finding.clone());
    }
    report
}

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
            Stop::Usage(m) => format!("{m}; {}", usage_of("check-form")),
            Stop::Input(m) => m.clone(),
            Stop::Output(e) => format!("çıktı yazılamadı: {e}"),
        }
    }
}

/// Runs the batch check, printing to stdout/stderr; returns the exit code.
pub fn run(args: &[String]) -> i32 {
    let stdout = io::stdout();
    let stderr = io::stderr();
    run_to(args, &mut stdout.lock(), &mut stderr.lock())
}

/// `run` with the output streams given (for tests). Stdout is buffered here and flushed before
/// any message goes to stderr.
pub fn run_to(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let json = args.iter().any(|a| a == "--json");
    let mut out = BufWriter::with_capacity(BUFFER, out);
    let outcome = match parse_args(args) {
        Ok(None) => writeln!(out, "{}", usage_of("check-form"))
            .map(|()| 0)
            .map_err(Stop::Output),
        Ok(Some(file)) => check_file(Path::new(&file), json, &mut out),
        Err(stop) => {
            if json {
                // Nothing is written yet: the error object is the whole output.
                let _ = write_json_error(&mut out, &stop.message());
            }
            Err(stop)
        }
    };
    let flushed = out.flush();
    let mut code = match &outcome {
        Ok(code) => *code,
        Err(Stop::Usage(m)) => {
            let _ = writeln!(err, "check-form: {m}\n{}", usage_of("check-form"));
            2
        }
        Err(stop) => {
            let _ = writeln!(err, "check-form: {}", one_line(&stop.message()));
            2
        }
    };
    if let Err(e) = flushed {
        if !matches!(outcome, Err(Stop::Output(_))) {
            let _ = writeln!(err, "check-form: {}", Stop::Output(e).message());
        }
        code = 2;
    }
    code
}

/// The file to check, or None for `--help`. (`--json` is looked for before parsing, so that
/// even a usage error can be answered in JSON.)
fn parse_args(args: &[String]) -> Result<Option<String>, Stop> {
    use lexopt::prelude::*;
    let usage = |e: lexopt::Error| Stop::Usage(e.to_string());
    let mut file = None;
    let mut parser = lexopt::Parser::from_args(args);
    while let Some(arg) = parser.next().map_err(usage)? {
        match arg {
            Long("json") => {}
            Short('h') | Long("help") => return Ok(None),
            Value(v) if file.is_none() => file = Some(v.string().map_err(usage)?),
            Value(_) => return Err(Stop::Usage("tek bir dosya verin".into())),
            other => {
                return Err(Stop::Usage(format!(
                    "bilinmeyen seçenek '{}'",
                    match other {
                        Long(l) => format!("--{l}"),
                        Short(c) => format!("-{c}"),
                        Value(v) => v.to_string_lossy().into_owned(),
                    }
                )))
            }
        }
    }
    file.map(Some)
        .ok_or_else(|| Stop::Usage("denetlenecek dosyayı verin".into()))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks every applicant of the file, writing each report as it goes; the exit code.
fn check_file(path: &Path, json: bool, out: &mut dyn Write) -> Result<i32, Stop> {
    let mut output = Output::new(out, json);
    let read = read_applicants(path, &mut |a| output.applicant(&a));
    let read = read.and_then(|()| match output.checked {
        0 => Err(Stop::Input(format!(
            "{}: dosyada hiç başvuru yok",
            path.display()
        ))),
        _ => Ok(()),
    });
    match read {
        Ok(()) => {
            output.finish().map_err(Stop::Output)?;
            Ok(if output.with_errors > 0 { 1 } else { 0 })
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

/// Where applicants' reports go, one at a time, with the counts for the summary line.
struct Output<'w> {
    out: &'w mut dyn Write,
    json: bool,
    checked: usize,
    with_errors: usize,
    /// The longest field label, for aligning the values.
    width: usize,
}

#[derive(Serialize)]
struct JsonEntry<'a> {
    index: usize,
    ok: bool,
    #[serde(flatten)]
    report: &'a Report,
}

impl<'w> Output<'w> {
    fn new(out: &'w mut dyn Write, json: bool) -> Self {
        let width = FIELDS
            .iter()
            .map(|f| f.label.chars().count())
            .max()
            .unwrap_or(0);
        Output {
            out,
            json,
            checked: 0,
            with_errors: 0,
            width,
        }
    }

    /// Checks one applicant and writes its report.
    fn applicant(&mut self, a: &Applicant) -> io::Result<()> {
        let report = report_for(a);
        if self.json {
            // `[` before the first entry, `,` between entries: the array grows as we go.
            self.out
                .write_all(if self.checked == 0 { b"[\n" } else { b",\n" })?;
            let entry = JsonEntry {
                index: a.index,
                ok: !report.has_errors(),
                report: &report,
            };
            serde_json::to_writer(&mut *self.out, &entry)?;
        } else {
            write_text(&mut *self.out, a, &report, self.width)?;
        }
        self.checked += 1;
        if report.has_errors() {
            self.with_errors += 1;
        }
        Ok(())
    }

    /// Closes the JSON array, or writes the text summary line.
    fn finish(&mut self) -> io::Result<()> {
        if self.json {
            return self.out.write_all(b"\n]\n");
        }
        let n = self.checked;
        writeln!(
            self.out,
            "{n} başvuru denetlendi: {} başvuruda hata var, {} başvuruda hata yok.",
            self.with_errors,
            n - self.with_errors
        )
    }

    /// With `--json`, the error as JSON: alone, or as the last element of the array begun.
    fn fail(&mut self, message: &str) -> io::Result<()> {
        if !self.json {
            return Ok(());
        }
        if self.checked == 0 {
            return write_json_error(&mut *self.out, message);
        }
        self.out.write_all(b",\n")?;
        write_json_error(&mut *self.out, message)?;
        self.out.write_all(b"]\n")
    }
}

fn write_json_error(out: &mut dyn Write, message: &str) -> io::Result<()> {
    serde_json::to_writer(
        &mut *out,
        &serde_json::json!({ "error": one_line(message) }),
    )?;
    writeln!(out)
}

fn label(id: FieldId) -> &'static str {
    id.field().label
}

fn write_text(out: &mut dyn Write, a: &Applicant, r: &Report, width: usize) -> io::Result<()> {
    let errors = r
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = r.findings.len() - errors;
    let name = [
        r.normalized_value(FieldId::Ad),
        r.normalized_value(FieldId::Soyad),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" ");
    write!(out, "Başvuru {}", a.index + 1)?;
    if let Some(line) = a.line {
        write!(out, " (satır {line})")?;
    }
    if !name.is_empty() {
        write!(out, " — {name}")?;
    }
    match (errors, warnings) {
        (0, 0) => writeln!(out, ": sorun yok, portala girilebilir")?,
        (0, w) => writeln!(out, ": hata yok, {w} uyarı")?,
        (e, 0) => writeln!(out, ": {e} hata")?,
        (e, w) => writeln!(out, ": {e} hata, {w} uyarı")?,
    }
    for f in &r.findings {
        let tag = match f.severity {
            Severity::Error => "HATA ",
            Severity::Warning => "UYARI",
        };
        writeln!(out, "  {tag}  {}: {}", label(f.field), f.message)?;
        if let Some(s) = &f.suggestion {
            writeln!(out, "         Öneri: {s}")?;
        }
    }
    writeln!(out, "  Portala girilecek değerler:")?;
    for (id, value) in &r.normalized {
        let shown = if value.is_empty() { "(boş)" } else { value };
        writeln!(out, "    {:<width$}  {shown}", label(*id))?;
    }
    writeln!(out)
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
        read_json(BufReader::with_capacity(BUFFER, Utf8Check::new(file)), each)
    } else {
        read_csv(BufReader::with_capacity(BUFFER, file), each)
    };
    read.map_err(|stop| match stop {
        Stop::Input(m) => Stop::Input(format!("{shown}: {m}")),
        other => other,
    })
}

/// Plain Turkish for the usual reasons a file cannot be opened.
fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "böyle bir dosya yok; dosyanın yolunu denetleyin".into(),
        io::ErrorKind::PermissionDenied => "dosyayı okuma izniniz yok".into(),
        io::ErrorKind::IsADirectory => "bu bir klasör; bir dosya verin".into(),
        _ => e.to_string(),
    }
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

/// A CSV record that is not UTF-8 (Excel's plain "CSV" is Windows-1254).
fn not_utf8(line: u64) -> String {
    format!(
        "satır {line} UTF-8 değil; dosyayı UTF-8 olarak kaydedin (Excel'de: Farklı Kaydet, \
         CSV UTF-8)"
    )
}

fn valid_ids() -> String {
    FIELDS
        .iter()
        .map(|f| f.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

// ---------------------------------------------------------------------------------------------
// CSV

fn read_csv(
    mut input: impl BufRead,
    each: &mut dyn FnMut(Applicant) -> io::Result<()>,
) -> Result<(), Stop> {
    skip_bom(&mut input).map_err(read_error)?;
    let mut csv = CsvReader {
        lines: Lines::new(input),
        sep: None,
    };
    let Some(header) = csv.next_record()? else {
        return Err(Stop::Input("dosya boş".into()));
    };
    // A column without a name is Excel's trailing separator (every row ends with `;`) or an
    // empty column: read, and its values must be empty.
    let mut headers: Vec<Option<FieldId>> = Vec::with_capacity(header.count);
    for (i, h) in header.values.iter().enumerate() {
        let h = h.text.trim();
        if h.is_empty() {
            headers.push(None);
            continue;
        }
        let Some(id) = FieldId::parse(h) else {
            return Err(Stop::Input(format!(
                "bilinmeyen sütun '{}' ({}. sütun); başlık satırı alan adlarından oluşmalı: {}",
                shorten(h),
                i + 1,
                valid_ids()
            )));
        };
        if headers.contains(&Some(id)) {
            return Err(Stop::Input(format!(
                "'{h}' sütunu iki kez var; birini silin"
            )));
        }
        headers.push(Some(id));
    }
    if header.count > header.values.len() {
        return Err(too_many_values(header.line));
    }
    // Rows may leave out the unnamed columns at the end, or add empty values after the last.
    let named = headers
        .iter()
        .rposition(Option::is_some)
        .map_or(0, |i| i + 1);
    let mut index = 0;
    while let Some(record) = csv.next_record()? {
        if record.count > record.values.len() {
            return Err(too_many_values(record.line));
        }
        let extra_filled = record
            .values
            .iter()
            .skip(headers.len())
            .any(|v| !v.text.trim().is_empty());
        if record.count < named || extra_filled {
            return Err(Stop::Input(format!(
                "CSV okunamadı, satır {}: {} değer var ama başlık satırında {} sütun var; her \
                 satırda başlıktaki kadar değer olmalı (ayırıcı içeren değeri tırnak içine alın)",
                record.line,
                record.count,
                headers.len()
            )));
        }
        let mut form = Form::new();
        let mut notes = Vec::new();
        for (i, (id, v)) in headers.iter().zip(record.values).enumerate() {
            match id {
                Some(id) => admit(&mut form, &mut notes, *id, v.text, v.chars),
                None if v.text.trim().is_empty() => {}
                None => {
                    return Err(Stop::Input(format!(
                        "CSV okunamadı, satır {}: başlığı boş olan {}. sütunda değer var; o \
                         sütunun başlığına alan adını yazın ya da değeri silin",
                        record.line,
                        i + 1
                    )))
                }
            }
        }
        let applicant = Applicant {
            index,
            line: Some(record.line),
            form,
            notes,
        };
        each(applicant).map_err(Stop::Output)?;
        index += 1;
    }
    Ok(())
}

fn too_many_values(line: u64) -> Stop {
    Stop::Input(format!(
        "CSV okunamadı, satır {line}: {MAX_VALUES} değerden fazlası var; formun alanları bu \
         kadar değil, ayırıcıları denetleyin"
    ))
}

/// At most 40 characters of a text for a message, with `…` when cut.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// A read error: `Utf8Check`'s and `JsonLimit`'s own in plain words, others as they are.
fn read_error(e: io::Error) -> Stop {
    let inner = e.get_ref();
    if let Some(bad) = inner.and_then(|i| i.downcast_ref::<NotUtf8>()) {
        return Stop::Input(format!("{bad}; dosyayı UTF-8 olarak kaydedin"));
    }
    if let Some(long) = inner.and_then(|i| i.downcast_ref::<TooLong>()) {
        return Stop::Input(long.to_string());
    }
    Stop::Input(format!("okunamadı: {e}"))
}

/// One value as read: at most `CELL_KEEP` bytes of it, and how many characters it had in all.
struct Value {
    text: String,
    chars: u64,
}

/// One CSV record: its values (at most `MAX_VALUES`), how many it had in all, and the
/// physical line it starts on.
struct Record {
    line: u64,
    values: Vec<Value>,
    count: usize,
}

/// CSV records read one at a time; the separator is sniffed from the first non-blank line.
/// Memory stays within `MAX_VALUES` × `CELL_KEEP` bytes however long a line or a cell is.
struct CsvReader<R> {
    lines: Lines<R>,
    sep: Option<u8>,
}

/// How much of the first line the separator is sniffed from.
const SNIFF: usize = 64 * 1024;

impl<R: BufRead> CsvReader<R> {
    /// The next record that has a value; blank lines and rows of empty values (spreadsheets
    /// leave them) are skipped but counted.
    fn next_record(&mut self) -> Result<Option<Record>, Stop> {
        loop {
            if !self.lines.start().map_err(read_error)? {
                return Ok(None);
            }
            let start = self.lines.number;
            let mut parser = match self.sep {
                Some(sep) => RecordParser::new(sep),
                None => {
                    let mut head = Vec::new();
                    while head.len() < SNIFF {
                        match self.lines.piece().map_err(read_error)? {
                            Some(piece) => head.extend_from_slice(piece),
                            None => break,
                        }
                    }
                    if head.iter().all(u8::is_ascii_whitespace) && !self.lines.in_line {
                        continue;
                    }
                    let sep = sniff_separator(&head);
                    self.sep = Some(sep);
                    let mut parser = RecordParser::new(sep);
                    parser.feed(&head);
                    parser
                }
            };
            while let Some(piece) = self.lines.piece().map_err(read_error)? {
                parser.feed(piece);
            }
            while !parser.end_line() {
                // Inside a quoted value: its line break is part of the value.
                if !self.lines.start().map_err(read_error)? {
                    return Err(Stop::Input(format!(
                        "CSV okunamadı, satır {start}: açılan tırnak (\") kapanmıyor; değerin \
                         sonuna \" ekleyin"
                    )));
                }
                parser.push(b'\n');
                while let Some(piece) = self.lines.piece().map_err(read_error)? {
                    parser.feed(piece);
                }
            }
            let count = parser.count();
            let values = parser.finish().map_err(|()| Stop::Input(not_utf8(start)))?;
            if count == values.len() && values.iter().all(|v| v.text.trim().is_empty()) {
                continue;
            }
            return Ok(Some(Record {
                line: start,
                values,
                count,
            }));
        }
    }
}

/// The most frequent of `,` `;` tab in the line (`,` when none is there or on a tie).
fn sniff_separator(line: &[u8]) -> u8 {
    let mut best = (b',', 0);
    for sep in [b',', b';', b'\t'] {
        let n = line.iter().filter(|&&b| b == sep).count();
        if n > best.1 {
            best = (sep, n);
        }
    }
    best.0
}

/// Where the parser is within a record.
#[derive(Clone, Copy, PartialEq, Eq)]
enum At {
    FieldStart,
    Unquoted,
    Quoted,
    /// A `"` inside a quoted value: the closing quote, or the first of `""`.
    QuoteInQuoted,
}

/// One record's values, fed in pieces of its physical lines. RFC 4180 quoting, lenient like
/// spreadsheets: a quote inside an unquoted value, or text after a closing quote, is kept.
/// Keeps at most `CELL_KEEP` bytes of a value and `MAX_VALUES` values; the rest is counted.
struct RecordParser {
    sep: u8,
    at: At,
    field: Vec<u8>,
    /// Characters of the value being read (UTF-8 lead bytes), kept or not.
    chars: u64,
    values: Vec<(Vec<u8>, u64)>,
    /// Values past `MAX_VALUES`.
    dropped: usize,
}

impl RecordParser {
    fn new(sep: u8) -> Self {
        RecordParser {
            sep,
            at: At::FieldStart,
            field: Vec::new(),
            chars: 0,
            values: Vec::new(),
            dropped: 0,
        }
    }

    fn push(&mut self, b: u8) {
        if b & 0xc0 != 0x80 {
            self.chars += 1;
        }
        if self.field.len() < CELL_KEEP {
            self.field.push(b);
        }
    }

    fn end_value(&mut self) {
        let value = (
            std::mem::take(&mut self.field),
            std::mem::take(&mut self.chars),
        );
        if self.values.len() < MAX_VALUES {
            self.values.push(value);
        } else {
            self.dropped += 1;
        }
    }

    /// Feeds a piece of a line (no line break in it).
    fn feed(&mut self, piece: &[u8]) {
        for &b in piece {
            self.at = match (self.at, b) {
                (At::Quoted, b'"') => At::QuoteInQuoted,
                (At::Quoted, _) => {
                    self.push(b);
                    At::Quoted
                }
                (At::QuoteInQuoted, b'"') => {
                    self.push(b'"');
                    At::Quoted
                }
                (_, b) if b == self.sep => {
                    self.end_value();
                    At::FieldStart
                }
                (At::FieldStart, b'"') => At::Quoted,
                (_, b) => {
                    self.push(b);
                    At::Unquoted
                }
            };
        }
    }

    /// At a line break: false while a quoted value is still open (the break is its text).
    fn end_line(&mut self) -> bool {
        if self.at == At::Quoted {
            return false;
        }
        self.end_value();
        true
    }

    /// How many values the record had.
    fn count(&self) -> usize {
        self.values.len() + self.dropped
    }

    /// The values kept, as text; Err if one is not UTF-8. A value cut inside a character
    /// loses that character's start.
    fn finish(self) -> Result<Vec<Value>, ()> {
        self.values
            .into_iter()
            .map(|(mut bytes, chars)| {
                if bytes.len() >= CELL_KEEP {
                    if let Err(e) = std::str::from_utf8(&bytes) {
                        if e.error_len().is_none() {
                            bytes.truncate(e.valid_up_to());
                        }
                    }
                }
                let text = String::from_utf8(bytes).map_err(|_| ())?;
                Ok(Value { text, chars })
            })
            .collect()
    }
}

/// Physical lines of a file, numbered as a text editor does (CRLF, CR and LF each end a
/// line), handed out in pieces of at most the input's buffer: no line is ever held whole.
struct Lines<R> {
    input: R,
    /// The last line ended with CR: an LF right after it belongs to the same line break.
    after_cr: bool,
    /// Bytes of the input handed out by `piece`, consumed at the next call.
    pending: usize,
    /// A line was started and its break (or the end of the file) not reached yet.
    in_line: bool,
    number: u64,
}

impl<R: BufRead> Lines<R> {
    fn new(input: R) -> Self {
        Lines {
            input,
            after_cr: false,
            pending: 0,
            in_line: false,
            number: 0,
        }
    }

    /// Starts the next line (skipping what is left of the current one); false at the end.
    fn start(&mut self) -> io::Result<bool> {
        while self.piece()?.is_some() {}
        if std::mem::take(&mut self.after_cr) && self.input.fill_buf()?.first() == Some(&b'\n') {
            self.input.consume(1);
        }
        if self.input.fill_buf()?.is_empty() {
            // End of file: a last line without a line break still counted.
            return Ok(false);
        }
        self.number += 1;
        self.in_line = true;
        Ok(true)
    }

    /// The next piece of the current line; None once its line break or the end is reached.
    fn piece(&mut self) -> io::Result<Option<&[u8]>> {
        self.input.consume(std::mem::take(&mut self.pending));
        if !self.in_line {
            return Ok(None);
        }
        let (len, brk) = {
            let data = self.input.fill_buf()?;
            let brk = data.iter().position(|&b| b == b'\n' || b == b'\r');
            (data.len(), brk.map(|i| (i, data[i])))
        };
        match brk {
            _ if len == 0 => {
                self.in_line = false;
                Ok(None)
            }
            Some((0, b)) => {
                self.after_cr = b == b'\r';
                self.input.consume(1);
                self.in_line = false;
                Ok(None)
            }
            Some((i, _)) => {
                self.pending = i;
                Ok(Some(&self.input.fill_buf()?[..i]))
            }
            None => {
                self.pending = len;
                Ok(Some(&self.input.fill_buf()?[..len]))
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// JSON

/// Why the JSON reader stopped inside serde's visitors (serde's own error only carries text).
enum Problem {
    /// The file is wrong: a Turkish message; the position is added from serde's error.
    Message(String),
    Output(io::Error),
}

/// The JSON reader's state, shared by its visitors.
struct JsonState<'f> {
    each: &'f mut dyn FnMut(Applicant) -> io::Result<()>,
    count: usize,
    problem: Option<Problem>,
    /// How many characters the last string read had, when `JsonLimit` cut it.
    cut: Rc<Cell<Option<u64>>>,
}

impl JsonState<'_> {
    /// Keeps why reading stops; the error returned only unwinds serde.
    fn stop<E: de::Error>(&mut self, problem: Problem) -> E {
        self.problem = Some(problem);
        E::custom("check-form")
    }

    fn deliver<E: de::Error>(&mut self, (form, notes): (Form, Vec<Note>)) -> Result<(), E> {
        let applicant = Applicant {
            index: self.count,
            line: None,
            form,
            notes,
        };
        self.count += 1;
        (self.each)(applicant).map_err(|e| self.stop(Problem::Output(e)))
    }
}

fn read_json(
    mut input: impl BufRead,
    each: &mut dyn FnMut(Applicant) -> io::Result<()>,
) -> Result<(), Stop> {
    skip_bom(&mut input).map_err(read_error)?;
    let cut = Rc::new(Cell::new(None));
    let mut state = JsonState {
        each,
        count: 0,
        problem: None,
        cut: Rc::clone(&cut),
    };
    let limited = JsonLimit {
        inner: input,
        scan: JsonScan::new(cut),
    };
    let mut de = serde_json::Deserializer::from_reader(limited);
    let parsed = (&mut de)
        .deserialize_any(TopVisitor(&mut state))
        .and_then(|()| de.end());
    let Err(e) = parsed else {
        return Ok(());
    };
    Err(match state.problem.take() {
        Some(Problem::Output(e)) => Stop::Output(e),
        Some(Problem::Message(m)) => {
            Stop::Input(format!("{m} (satır {}, sütun {})", e.line(), e.column()))
        }
        None if e.is_io() => read_error(e.into()),
        None => Stop::Input(syntax_error(&e)),
    })
}

/// serde's syntax error with the position in Turkish words and its own detail.
fn syntax_error(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let detail = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(d, _)| d);
    format!(
        "JSON olarak okunamadı: satır {}, sütun {} ({detail}); o yeri düzeltip yeniden deneyin",
        e.line(),
        e.column()
    )
}

/// Rejects every JSON value that is neither an array nor an object, with `self.reject()`.
macro_rules! reject_scalars {
    () => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Err(self.reject())
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Err(self.reject())
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Err(self.reject())
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Err(self.reject())
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Err(self.reject())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Err(self.reject())
        }
    };
}

/// The whole file: one applicant object, or an array of them handled one element at a time.
struct TopVisitor<'a, 'f>(&'a mut JsonState<'f>);

impl TopVisitor<'_, '_> {
    fn reject<E: de::Error>(self) -> E {
        let message = "JSON bir nesne ya da nesnelerden oluşan bir dizi olmalı";
        self.0.stop(Problem::Message(message.into()))
    }
}

impl<'de> Visitor<'de> for TopVisitor<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("bir nesne ya da nesnelerden oluşan bir dizi")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        loop {
            let n = self.0.count + 1;
            let seed = FormSeed {
                n,
                state: &mut *self.0,
            };
            let Some(form) = seq.next_element_seed(seed)? else {
                return Ok(());
            };
            self.0.deliver(form)?;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let seed = FormSeed {
            n: 1,
            state: &mut *self.0,
        };
        let form = seed.visit_map(map)?;
        self.0.deliver(form)
    }

    reject_scalars!();
}

/// The `n`th applicant (1-based): an object of field id → text, each field at most once.
struct FormSeed<'a, 'f> {
    n: usize,
    state: &'a mut JsonState<'f>,
}

impl FormSeed<'_, '_> {
    fn reject<E: de::Error>(self) -> E {
        let message = format!("{}. başvuru bir JSON nesnesi değil", self.n);
        self.state.stop(Problem::Message(message))
    }

    fn bad<E: de::Error>(&mut self, message: String) -> E {
        self.state.stop(Problem::Message(message))
    }
}

impl<'de> DeserializeSeed<'de> for FormSeed<'_, '_> {
    type Value = (Form, Vec<Note>);

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FormSeed<'_, '_> {
    type Value = (Form, Vec<Note>);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("bir JSON nesnesi")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Self::Value, A::Error> {
        let n = self.n;
        let mut form = Form::new();
        let mut notes = Vec::new();
        // serde_json's own maps keep the last of two equal keys silently; an applicant's
        // value must not be replaced unseen.
        let mut seen = vec![false; FIELDS.len()];
        while let Some(key) = map.next_key::<String>()? {
            let Some(id) = FieldId::parse(&key) else {
                let ids = valid_ids();
                let key = shorten(&key);
                return Err(self.bad(format!(
                    "{n}. başvuruda bilinmeyen alan '{key}'; geçerli alanlar: {ids}"
                )));
            };
            if std::mem::replace(&mut seen[id.index()], true) {
                return Err(self.bad(format!(
                    "{n}. başvuruda '{key}' alanı iki kez var; birini silin"
                )));
            }
            let text = match map.next_value::<serde_json::Value>()? {
                serde_json::Value::String(s) => s,
                serde_json::Value::Number(num) => num.to_string(),
                serde_json::Value::Null => String::new(),
                _ => return Err(self.bad(format!("{n}. başvuruda '{key}' alanı metin olmalı"))),
            };
            let chars = self
                .state
                .cut
                .take()
                .unwrap_or_else(|| text.chars().count() as u64);
            admit(&mut form, &mut notes, id, text, chars);
        }
        Ok((form, notes))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(self.reject())
    }

    reject_scalars!();
}

/// A JSON number or word longer than `JSON_TOKEN_LIMIT`, on this line.
#[derive(Debug)]
struct TooLong {
    line: u64,
}

impl fmt::Display for TooLong {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "satır {}: {JSON_TOKEN_LIMIT} karakterden uzun bir sayı ya da sözcük var; değerleri \
             tırnak içinde metin olarak yazın",
            self.line
        )
    }
}

impl std::error::Error for TooLong {}

/// Passes JSON text through to serde_json, keeping at most `CELL_KEEP` bytes of each string
/// (the rest is dropped and its characters counted into `cut`, read when the value is) and
/// failing with `TooLong` at a number or word longer than `JSON_TOKEN_LIMIT`: serde_json holds
/// either whole in memory. serde_json reads it a byte at a time, so `cut` is set exactly when
/// serde_json has read the string's closing quote.
struct JsonLimit<R> {
    inner: R,
    scan: JsonScan,
}

/// Where `JsonScan` is in the JSON text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum JsonAt {
    Outside,
    InString,
    /// After a `\` in a string.
    Escape,
    /// After `\u` and this many of its hex digits, with their value so far.
    Hex(u8, u32),
}

struct JsonScan {
    at: JsonAt,
    /// Bytes kept of the current string.
    kept: usize,
    /// Characters of the current string (escapes count as written), kept or not.
    chars: u64,
    dropping: bool,
    /// The last thing kept was a `\uD800`–`\uDBFF` escape: its pair must be kept too.
    high_surrogate: bool,
    /// Length of the current number or word.
    token: usize,
    lines: u64,
    cut: Rc<Cell<Option<u64>>>,
}

impl JsonScan {
    fn new(cut: Rc<Cell<Option<u64>>>) -> JsonScan {
        JsonScan {
            at: JsonAt::Outside,
            kept: 0,
            chars: 0,
            dropping: false,
            high_surrogate: false,
            token: 0,
            lines: 0,
            cut,
        }
    }

    /// Whether to pass `b` on; Err at a token too long.
    fn step(&mut self, b: u8) -> io::Result<bool> {
        if b == b'\n' {
            self.lines += 1;
        }
        match self.at {
            JsonAt::Outside => {
                if b == b'"' {
                    self.at = JsonAt::InString;
                    self.kept = 0;
                    self.chars = 0;
                    self.dropping = false;
                    self.high_surrogate = false;
                    self.cut.set(None);
                }
                if b.is_ascii_whitespace() || b"{}[],:\"".contains(&b) {
                    self.token = 0;
                } else {
                    self.token += 1;
                    if self.token > JSON_TOKEN_LIMIT {
                        let line = self.lines + 1;
                        return Err(io::Error::new(io::ErrorKind::InvalidData, TooLong { line }));
                    }
                }
                Ok(true)
            }
            JsonAt::InString if b == b'"' => {
                self.at = JsonAt::Outside;
                if self.dropping {
                    self.cut.set(Some(self.chars));
                }
                Ok(true)
            }
            JsonAt::InString => {
                if b & 0xc0 != 0x80 {
                    self.chars += 1;
                }
                let pair = b == b'\\' && self.high_surrogate;
                if b != b'\\' {
                    self.high_surrogate = false;
                }
                if b == b'\\' {
                    self.at = JsonAt::Escape;
                }
                // Dropping starts at a character's first byte, never between an escape's
                // bytes nor between the two escapes of a surrogate pair.
                if !self.dropping && self.kept >= CELL_KEEP && b & 0xc0 != 0x80 && !pair {
                    self.dropping = true;
                }
                Ok(self.keep())
            }
            JsonAt::Escape => {
                self.chars += 1;
                self.high_surrogate = false;
                self.at = if b == b'u' {
                    JsonAt::Hex(0, 0)
                } else {
                    JsonAt::InString
                };
                Ok(self.keep())
            }
            JsonAt::Hex(n, value) => {
                self.chars += 1;
                let value = value * 16 + char::from(b).to_digit(16).unwrap_or(0);
                self.at = if n == 3 {
                    self.high_surrogate = !self.dropping && (0xd800..=0xdbff).contains(&value);
                    JsonAt::InString
                } else {
                    JsonAt::Hex(n + 1, value)
                };
                Ok(self.keep())
            }
        }
    }

    fn keep(&mut self) -> bool {
        if self.dropping {
            return false;
        }
        self.kept += 1;
        true
    }
}

impl<R: BufRead> Read for JsonLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mut n = 0;
        while n < buf.len() {
            let data = self.inner.fill_buf()?;
            if data.is_empty() {
                break;
            }
            let mut used = 0;
            let mut failed = None;
            for &b in data {
                if n == buf.len() {
                    break;
                }
                used += 1;
                match self.scan.step(b) {
                    Ok(true) => {
                        buf[n] = b;
                        n += 1;
                    }
                    Ok(false) => {}
                    Err(e) => {
                        failed = Some(e);
                        break;
                    }
                }
            }
            self.inner.consume(used);
            if let Some(e) = failed {
                return Err(e);
            }
            if n > 0 {
                break;
            }
        }
        Ok(n)
    }
}

/// A byte that is not UTF-8, found by `Utf8Check` on this line ('\n'-counted, as JSON's).
#[derive(Debug)]
struct NotUtf8 {
    line: u64,
}

impl fmt::Display for NotUtf8 {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "satır {} UTF-8 değil", self.line)
    }
}

impl std::error::Error for NotUtf8 {}

/// Passes bytes through and fails with `NotUtf8` at the first one that is not UTF-8, after
/// passing on the valid bytes before it (so the applicants before it are checked). serde_json
/// would only say "invalid unicode code point".
struct Utf8Check<R> {
    inner: R,
    /// The start of a character whose remaining bytes come with the next read (≤ 3 bytes).
    unfinished: Vec<u8>,
    /// Line breaks passed on so far.
    lines: u64,
    failed: Option<u64>,
}

impl<R> Utf8Check<R> {
    fn new(inner: R) -> Self {
        Utf8Check {
            inner,
            unfinished: Vec::new(),
            lines: 0,
            failed: None,
        }
    }

    /// Ok if `bytes` continue valid UTF-8; else Err with the length of their valid start.
    fn check(&mut self, bytes: &[u8]) -> Result<(), usize> {
        let mut rest = bytes;
        if let Some(&lead) = self.unfinished.first() {
            let width = match lead {
                0xf0.. => 4,
                0xe0.. => 3,
                _ => 2,
            };
            let take = (width - self.unfinished.len()).min(rest.len());
            self.unfinished.extend_from_slice(&rest[..take]);
            rest = &rest[take..];
            match std::str::from_utf8(&self.unfinished) {
                Ok(_) => self.unfinished.clear(),
                Err(e) if e.error_len().is_none() => return Ok(()), // still short; rest is empty
                Err(_) => return Err(0),
            }
        }
        let done = bytes.len() - rest.len();
        match std::str::from_utf8(rest) {
            Ok(_) => self.lines += newlines(rest),
            Err(e) if e.error_len().is_none() => {
                self.unfinished.extend_from_slice(&rest[e.valid_up_to()..]);
                self.lines += newlines(rest);
            }
            Err(e) => {
                let valid = &rest[..e.valid_up_to()];
                self.lines += newlines(valid);
                return Err(done + valid.len());
            }
        }
        Ok(())
    }
}

fn newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

impl<R: Read> Read for Utf8Check<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(line) = self.failed {
            return Err(io::Error::new(io::ErrorKind::InvalidData, NotUtf8 { line }));
        }
        let n = self.inner.read(buf)?;
        let valid = if n == 0 && !self.unfinished.is_empty() {
            Err(0) // the file ends inside a character
        } else {
            self.check(&buf[..n])
        };
        match valid {
            Ok(()) => Ok(n),
            Err(valid) => {
                let line = self.lines + 1;
                self.failed = Some(line);
                if valid > 0 {
                    Ok(valid)
                } else {
                    Err(io::Error::new(io::ErrorKind::InvalidData, NotUtf8 { line }))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out one byte per `read`, like the worst split of a file.
    struct OneByte<'a>(&'a [u8]);

    impl Read for OneByte<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let Some((&first, rest)) = self.0.split_first() else {
                return Ok(0);
            };
            if buf.is_empty() {
                return Ok(0);
            }
            buf[0] = first;
            self.0 = rest;
            Ok(1)
        }
    }

    fn through_utf8_check(bytes: &[u8]) -> (Vec<u8>, Option<u64>) {
        let mut check = Utf8Check::new(OneByte(bytes));
        let mut passed = Vec::new();
        let mut byte = [0u8; 1];
        loop {
            match check.read(&mut byte) {
                Ok(0) => return (passed, None),
                Ok(_) => passed.push(byte[0]),
                Err(e) => {
                    let bad = e.get_ref().and_then(|i| i.downcast_ref::<NotUtf8>());
                    return (passed, bad.map(|b| b.line));
                }
            }
        }
    }

    #[test]
    fn utf8_check_accepts_characters_split_across_reads() {
        let text = "ağaç\nçiçek 😀 €\n".as_bytes();
        assert_eq!(through_utf8_check(text), (text.to_vec(), None));
    }

    #[test]
    fn utf8_check_stops_at_the_bad_byte_with_its_line() {
        assert_eq!(
            through_utf8_check(b"ab\nc\xfed"),
            (b"ab\nc".to_vec(), Some(2))
        );
        // A lead byte followed by a non-continuation byte, and a file ending mid-character.
        assert_eq!(through_utf8_check(b"a\xc4b").1, Some(1));
        assert_eq!(through_utf8_check(b"a\n\n\xe2\x82").1, Some(3));
        // A surrogate (ED A0 80) is not UTF-8 either.
        assert_eq!(through_utf8_check(b"\xed\xa0\x80").1, Some(1));
    }

    fn lines_of(bytes: &[u8]) -> Vec<(u64, String)> {
        // A 2-byte buffer splits CRLF pairs across reads.
        let mut lines = Lines::new(BufReader::with_capacity(2, bytes));
        let mut all = Vec::new();
        while lines.start().unwrap() {
            let mut line = Vec::new();
            while let Some(piece) = lines.piece().unwrap() {
                line.extend_from_slice(piece);
            }
            all.push((lines.number, String::from_utf8_lossy(&line).into_owned()));
        }
        all
    }

    #[test]
    fn lines_count_crlf_cr_and_lf_as_one_break_each() {
        let expected = |v: &[(u64, &str)]| -> Vec<(u64, String)> {
            v.iter().map(|(n, s)| (*n, s.to_string())).collect()
        };
        assert_eq!(
            lines_of(b"a\r\nbb\rc\n\r\n\nd"),
            expected(&[(1, "a"), (2, "bb"), (3, "c"), (4, ""), (5, ""), (6, "d")])
        );
        assert_eq!(lines_of(b"a\r\r\n"), expected(&[(1, "a"), (2, "")]));
        assert!(lines_of(b"").is_empty());
    }

    #[test]
    fn excel_scientific_notation_is_recognised_and_nothing_else() {
        for v in [
            "1.0000000146e10",
            "1,0000000146E+10",
            " 5E+11 ",
            "3.12E9",
            "1e0",
        ] {
            assert!(is_scientific(v), "{v}");
        }
        for v in [
            "",
            "e10",
            "1e",
            "1E-05",
            "10000000146",
            "0 (532) 123 45 67",
            "1.5",
            "1e10x",
            "1.2.3e4",
            "+1e10",
            "Ece",
        ] {
            assert!(!is_scientific(v), "{v}");
        }
    }

    /// What serde_json gets of `json` through `JsonLimit`, and the last cut string's length.
    fn through_json_limit(json: &[u8]) -> (Vec<u8>, Option<u64>) {
        let cut = Rc::new(Cell::new(None));
        let mut limited = JsonLimit {
            inner: BufReader::with_capacity(3, json),
            scan: JsonScan::new(Rc::clone(&cut)),
        };
        let mut passed = Vec::new();
        limited.read_to_end(&mut passed).unwrap();
        (passed, cut.get())
    }

    #[test]
    fn json_limit_cuts_long_strings_only_and_keeps_the_json_valid() {
        let short = br#"{"ad": "Ali \"K\" \u00e7", "n": 12}"#;
        assert_eq!(through_json_limit(short), (short.to_vec(), None));
        let long = format!(r#"{{"adres": "{}", "ad": "x"}}"#, "ç".repeat(CELL_KEEP));
        let (passed, cut) = through_json_limit(long.as_bytes());
        assert_eq!(cut, None, "the last string read is not the cut one");
        let v: serde_json::Value = serde_json::from_slice(&passed).unwrap();
        let adres = v["adres"].as_str().unwrap();
        assert!(adres.len() <= CELL_KEEP + 1, "{}", adres.len());
        assert!(adres.chars().all(|c| c == 'ç'));
        assert_eq!(v["ad"], "x");
        let (_, cut) =
            through_json_limit(format!(r#"["{}"]"#, "a".repeat(CELL_KEEP + 10)).as_bytes());
        assert_eq!(cut, Some(CELL_KEEP as u64 + 10));
    }

    #[test]
    fn separator_is_the_most_frequent_and_comma_on_a_tie() {
        assert_eq!(sniff_separator(b"ad;soyad;il"), b';');
        assert_eq!(sniff_separator(b"ad\tsoyad"), b'\t');
        assert_eq!(sniff_separator(b"ad"), b',');
        assert_eq!(sniff_separator(b"a;b,c"), b',');
    }
}
