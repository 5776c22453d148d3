//! check-form's JSON reader: an object of field id → text, or an array of them, streamed
//! through serde_json's visitors one applicant at a time. What serde_json would hold whole is
//! bounded first (`JsonLimit`: strings kept to `CELL_KEEP` bytes, numbers and words to
//! `JSON_TOKEN_LIMIT`), and bytes that are not UTF-8 are reported at their line
//! (`Utf8Check`), so memory does not grow with the file.

use super::applicant::{admit, shorten, valid_ids, Applicant, Note, CELL_KEEP};
use super::stop::{skip_bom, Stop, BUFFER};
use serde::de::{self, DeserializeSeed, Deserializer as _, MapAccess, SeqAccess, Visitor};
use std::cell::Cell;
use std::fmt;
use std::io::{self, BufRead, BufReader, Read};
use std::rc::Rc;
use wasm_validator::form::Form;
use wasm_validator::schema::{FieldId, FIELDS};

/// The longest JSON number or word (`true`, `null`) read; a longer one is a bad file.
const JSON_TOKEN_LIMIT: usize = 1000;

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

/// Calls `each` for every applicant of the JSON file `file`, in file order.
pub(super) fn read(
    file: impl Read,
    each: &mut dyn FnMut(Applicant) -> io::Result<()>,
) -> Result<(), Stop> {
    let mut input = BufReader::with_capacity(BUFFER, Utf8Check::new(file));
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

/// serde_json's syntax error with the position and what is wrong in Turkish words.
fn syntax_error(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let detail = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(d, _)| d);
    let detail = in_turkish(detail).unwrap_or(detail);
    format!(
        "JSON olarak okunamadı: satır {}, sütun {} ({detail}); o yeri düzeltip yeniden deneyin",
        e.line(),
        e.column()
    )
}

/// serde_json's fixed syntax messages (its `ErrorCode`, whose text has not changed in years) in
/// Turkish; None for another (a new one is then shown as serde_json words it).
fn in_turkish(detail: &str) -> Option<&'static str> {
    Some(match detail {
        "EOF while parsing a list" => "dizi ] ile kapanmadan dosya bitti",
        "EOF while parsing an object" => "nesne } ile kapanmadan dosya bitti",
        "EOF while parsing a string" => "metin \" ile kapanmadan dosya bitti",
        "EOF while parsing a value" => "bir değer beklenirken dosya bitti",
        "expected `:`" => "alan adından sonra : bekleniyordu",
        "expected `,` or `]`" => ", ya da ] bekleniyordu",
        "expected `,` or `}`" => ", ya da } bekleniyordu",
        "expected ident" => "true, false ya da null bekleniyordu",
        "expected value" => "bir değer bekleniyordu (metni tırnak içine alın)",
        "expected `\"`" => "\" bekleniyordu",
        "invalid escape" => "\\ ile başlayan geçersiz bir kaçış var",
        "invalid number" => "geçersiz bir sayı var",
        "number out of range" => "sayı çok büyük; değeri tırnak içinde metin olarak yazın",
        "invalid unicode code point" => "geçersiz bir Unicode karakter kodu var",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "metnin içinde bir denetim karakteri (\\u0000-\\u001F) var"
        }
        "key must be a string" => "alan adı tırnak içinde yazılmalı",
        "lone leading surrogate in hex escape" => "\\u kaçışındaki vekil karakterin eşi yok",
        "trailing comma" => "son öğeden sonra fazladan virgül var",
        "trailing characters" => "JSON bittikten sonra fazladan karakter var",
        "unexpected end of hex escape" => "\\u kaçışı yarım kalmış",
        "recursion limit exceeded" => "iç içe çok fazla dizi ya da nesne var",
        _ => return None,
    })
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
            let not_text = Cell::new(false);
            let text = match map.next_value_seed(Text(&not_text)) {
                Ok(text) => text,
                Err(_) if not_text.get() => {
                    return Err(self.bad(format!("{n}. başvuruda '{key}' alanı metin olmalı")))
                }
                Err(e) => return Err(e),
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

/// A field's value as text: a string, a number as JSON writes it, or null as empty. Anything
/// else sets the flag and stops at its first byte, so an array or object given as a value is
/// never held (a `serde_json::Value` would hold it whole, however long).
struct Text<'a>(&'a Cell<bool>);

impl Text<'_> {
    fn not_text<T, E: de::Error>(self) -> Result<T, E> {
        self.0.set(true);
        Err(E::custom("metin değil"))
    }
}

impl<'de> DeserializeSeed<'de> for Text<'_> {
    type Value = String;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Text<'_> {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("bir metin")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        // As serde_json writes a number it read (`1e20`, `0.5`); it reads no NaN or infinity.
        Ok(serde_json::Number::from_f64(v).map_or_else(|| v.to_string(), |n| n.to_string()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Ok(String::new())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<String, E> {
        self.not_text()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<String, A::Error> {
        self.not_text()
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<String, A::Error> {
        self.not_text()
    }
}

/// A read error: `Utf8Check`'s and `JsonLimit`'s own in plain words, others as any reader's.
fn read_error(e: io::Error) -> Stop {
    let inner = e.get_ref();
    if let Some(bad) = inner.and_then(|i| i.downcast_ref::<NotUtf8>()) {
        return Stop::Input(format!("{bad}; dosyayı UTF-8 olarak kaydedin"));
    }
    if let Some(long) = inner.and_then(|i| i.downcast_ref::<TooLong>()) {
        return Stop::Input(long.to_string());
    }
    super::stop::read_error(e)
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
}
