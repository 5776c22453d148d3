//! check-form's CSV reader: a header row of field ids, then one applicant per row; `,` `;` or
//! tab separated (sniffed from the header line), CRLF, CR or LF line breaks, quoted as
//! spreadsheets write it. The parsing is `csv_core`'s, the streaming parser inside the `csv`
//! crate; this file says what the rows mean to check-form and numbers them by their line.
//!
//! Memory stays within `MAX_VALUES` × `CELL_KEEP` bytes however long a line or value is:
//! csv_core hands a value over in pieces and only its first `CELL_KEEP` bytes are kept. (The
//! `csv` crate's `Reader` would hold each record whole: a 50 MB cell, 50 MB and more.)

use super::applicant::{admit, shorten, valid_ids, Applicant, CELL_KEEP};
use super::stop::{read_error, skip_bom, Stop};
use csv_core::{ReadFieldResult, ReaderBuilder};
use std::io::{self, BufRead, Cursor, Read};
use wasm_validator::form::Form;
use wasm_validator::schema::FieldId;

/// Values kept of one CSV row (the form has 20 fields); a row with more is a bad file.
const MAX_VALUES: usize = 256;

/// How much of the first line the separator is sniffed from.
const SNIFF: usize = 64 * 1024;

/// Calls `each` for every applicant of the CSV file `input`, in file order.
pub(super) fn read(
    mut input: impl BufRead,
    each: &mut dyn FnMut(Applicant) -> io::Result<()>,
) -> Result<(), Stop> {
    skip_bom(&mut input).map_err(read_error)?;
    let mut lines = Lines::default();
    let head = first_line(&mut input, &mut lines).map_err(read_error)?;
    let sep = sniff_separator(&head);
    let mut csv = Records::new(Cursor::new(head).chain(input), sep, lines);
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

/// A CSV record that is not UTF-8 (Excel's plain "CSV" is Windows-1254).
fn not_utf8(line: u64) -> String {
    format!(
        "satır {line} UTF-8 değil; dosyayı UTF-8 olarak kaydedin (Excel'de: Farklı Kaydet, \
         CSV UTF-8)"
    )
}

/// Reads the blank lines before the first line with text (counting them) and the first
/// `SNIFF` bytes of that line, which are returned: the separator is sniffed from them, and
/// they are parsed before the rest of the input.
fn first_line(input: &mut impl BufRead, lines: &mut Lines) -> io::Result<Vec<u8>> {
    let mut head = Vec::new();
    let mut blank = true;
    loop {
        let data = input.fill_buf()?;
        if data.is_empty() {
            return Ok(head);
        }
        let mut used = 0;
        let mut done = false;
        for &b in data {
            if b == b'\r' || b == b'\n' {
                if !blank {
                    done = true;
                    break;
                }
                // A blank line: counted, and dropped.
                lines.read(&head);
                lines.read(&[b]);
                head.clear();
            } else {
                head.push(b);
                blank &= b.is_ascii_whitespace();
            }
            used += 1;
            if head.len() >= SNIFF {
                done = true;
                break;
            }
        }
        input.consume(used);
        if done {
            return Ok(head);
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

/// Physical lines, numbered as a text editor does: CRLF, CR and LF each end one.
#[derive(Default)]
struct Lines {
    /// Line breaks read so far.
    breaks: u64,
    /// The last byte read was CR: an LF right after it belongs to the same line break.
    after_cr: bool,
}

impl Lines {
    /// Reads `bytes`; the (1-based) line of the first of them that is not a line break.
    fn read(&mut self, bytes: &[u8]) -> Option<u64> {
        let mut first = None;
        for &b in bytes {
            match b {
                b'\n' if std::mem::take(&mut self.after_cr) => {}
                b'\n' => self.breaks += 1,
                b'\r' => {
                    self.breaks += 1;
                    self.after_cr = true;
                }
                _ => {
                    self.after_cr = false;
                    first.get_or_insert(self.breaks + 1);
                }
            }
        }
        first
    }
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

/// A value being read, handed over by csv_core in pieces: its first `CELL_KEEP` bytes are
/// kept and its characters (UTF-8 lead bytes) all counted. A line break in a quoted value,
/// CRLF, CR or LF, is kept as one LF.
#[derive(Default)]
struct Piecewise {
    bytes: Vec<u8>,
    chars: u64,
    after_cr: bool,
}

impl Piecewise {
    fn push(&mut self, piece: &[u8]) {
        for &b in piece {
            let b = match b {
                b'\n' if std::mem::take(&mut self.after_cr) => continue,
                b'\r' => {
                    self.after_cr = true;
                    b'\n'
                }
                b => {
                    self.after_cr = false;
                    b
                }
            };
            if b & 0xc0 != 0x80 {
                self.chars += 1;
            }
            if self.bytes.len() < CELL_KEEP {
                self.bytes.push(b);
            }
        }
    }

    /// The value as text; Err if it is not UTF-8. A value cut inside a character loses that
    /// character's start.
    fn finish(self) -> Result<Value, ()> {
        let mut bytes = self.bytes;
        if bytes.len() >= CELL_KEEP {
            if let Err(e) = std::str::from_utf8(&bytes) {
                if e.error_len().is_none() {
                    bytes.truncate(e.valid_up_to());
                }
            }
        }
        let text = String::from_utf8(bytes).map_err(|_| ())?;
        Ok(Value {
            text,
            chars: self.chars,
        })
    }
}

/// CSV records read one at a time by csv_core, with the line each starts on.
struct Records<R> {
    input: R,
    parser: csv_core::Reader,
    /// Where csv_core writes a piece of a value, before it is kept or dropped.
    scratch: Vec<u8>,
    lines: Lines,
    /// The input has ended, and csv_core was given the line break that tells an unclosed
    /// quote.
    ended: bool,
}

impl<R: BufRead> Records<R> {
    fn new(input: R, sep: u8, lines: Lines) -> Self {
        Records {
            input,
            parser: ReaderBuilder::new().delimiter(sep).build(),
            scratch: vec![0; 16 * 1024],
            lines,
            ended: false,
        }
    }

    /// The next record that has a value; blank lines and rows of empty values (spreadsheets
    /// leave them) are skipped but counted.
    fn next_record(&mut self) -> Result<Option<Record>, Stop> {
        loop {
            let Some((line, values, count)) = self.next_values()? else {
                return Ok(None);
            };
            let values = values
                .into_iter()
                .map(Piecewise::finish)
                .collect::<Result<Vec<_>, ()>>()
                .map_err(|()| Stop::Input(not_utf8(line)))?;
            if count == values.len() && values.iter().all(|v| v.text.trim().is_empty()) {
                continue;
            }
            return Ok(Some(Record {
                line,
                values,
                count,
            }));
        }
    }

    /// The next record as csv_core reads it: its line, the values kept and how many it had.
    fn next_values(&mut self) -> Result<Option<(u64, Vec<Piecewise>, usize)>, Stop> {
        let mut start = None;
        let mut values = Vec::new();
        let mut count = 0;
        let mut value = Piecewise::default();
        loop {
            let data = self.input.fill_buf().map_err(read_error)?;
            let (result, used, written) = if !data.is_empty() {
                self.parser.read_field(data, &mut self.scratch)
            } else if !self.ended {
                // At the end of the input, a line break ends a record like any other, unless
                // a quoted value is still open: then it would be part of the value.
                self.ended = true;
                let (result, _, written) = self.parser.read_field(b"\n", &mut self.scratch);
                if written > 0 {
                    let line = start.unwrap_or(self.lines.breaks + 1);
                    return Err(Stop::Input(format!(
                        "CSV okunamadı, satır {line}: açılan tırnak (\") kapanmıyor; değerin \
                         sonuna \" ekleyin"
                    )));
                }
                (result, 0, 0)
            } else {
                self.parser.read_field(&[], &mut self.scratch)
            };
            if let Some(line) = self.lines.read(&data[..used]) {
                start.get_or_insert(line);
            }
            self.input.consume(used);
            value.push(&self.scratch[..written]);
            match result {
                ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {}
                ReadFieldResult::Field { record_end } => {
                    let done = std::mem::take(&mut value);
                    if values.len() < MAX_VALUES {
                        values.push(done);
                    }
                    count += 1;
                    if record_end {
                        let line = start.unwrap_or(self.lines.breaks + 1);
                        return Ok(Some((line, values, count)));
                    }
                }
                ReadFieldResult::End => return Ok(None),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::BufReader;

    /// Every record of `csv` (read through a 2-byte buffer, which splits CRLF pairs and values
    /// across reads) with its line.
    fn records_of(csv: &[u8], sep: u8) -> Vec<(u64, Vec<String>)> {
        let mut records = Records::new(BufReader::with_capacity(2, csv), sep, Lines::default());
        let mut all = Vec::new();
        while let Some(r) = records.next_record().unwrap() {
            all.push((r.line, r.values.into_iter().map(|v| v.text).collect()));
        }
        all
    }

    fn expected(v: &[(u64, &[&str])]) -> Vec<(u64, Vec<String>)> {
        v.iter()
            .map(|(n, s)| (*n, s.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    #[test]
    fn lines_count_crlf_cr_and_lf_as_one_break_each() {
        assert_eq!(
            records_of(b"a\r\nbb\rc\n\r\n\nd", b','),
            expected(&[(1, &["a"]), (2, &["bb"]), (3, &["c"]), (6, &["d"])])
        );
        assert_eq!(
            records_of(b"a\r\r\nb", b','),
            expected(&[(1, &["a"]), (3, &["b"])])
        );
        assert!(records_of(b"", b',').is_empty());
        let mut lines = Lines::default();
        assert_eq!(lines.read(b"\r\n\r"), None);
        assert_eq!(lines.read(b"\nx\n"), Some(3));
    }

    #[test]
    fn a_quoted_value_keeps_its_line_breaks_as_lf_and_its_record_its_first_line() {
        let csv = b"\"a\r\nb\rc\nd\";\"x\"\"y\"\r\nz;w\r\n";
        assert_eq!(
            records_of(csv, b';'),
            expected(&[(1, &["a\nb\nc\nd", "x\"y"]), (5, &["z", "w"])])
        );
    }

    #[test]
    fn a_long_value_is_kept_to_cell_keep_bytes_and_counted_whole() {
        let long = "ş".repeat(CELL_KEEP);
        let csv = format!("{long},b\n");
        let mut records = Records::new(csv.as_bytes(), b',', Lines::default());
        let (line, values, count) = records.next_values().unwrap().unwrap();
        assert_eq!((line, count), (1, 2));
        assert_eq!(values[0].bytes.len(), CELL_KEEP);
        assert_eq!(values[0].chars, CELL_KEEP as u64);
        let first = values.into_iter().next().unwrap().finish().unwrap();
        assert_eq!(first.text.len(), CELL_KEEP, "whole characters only");
    }

    #[test]
    fn the_first_line_skips_blank_lines_and_counts_them() {
        let mut lines = Lines::default();
        let mut input = BufReader::with_capacity(3, &b" \t\r\n\r\n;a;b\nc"[..]);
        assert_eq!(first_line(&mut input, &mut lines).unwrap(), b";a;b");
        assert_eq!(lines.breaks, 2);
        let mut rest = Vec::new();
        input.read_to_end(&mut rest).unwrap();
        assert_eq!(rest, b"\nc");
    }

    #[test]
    fn separator_is_the_most_frequent_and_comma_on_a_tie() {
        assert_eq!(sniff_separator(b"ad;soyad;il"), b';');
        assert_eq!(sniff_separator(b"ad\tsoyad"), b'\t');
        assert_eq!(sniff_separator(b"ad"), b',');
        assert_eq!(sniff_separator(b"a;b,c"), b',');
    }
}
