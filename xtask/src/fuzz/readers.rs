//! Fuzz target `check_form_readers`: files through `cargo xtask check-form` (its streaming
//! CSV and JSON readers, then the report), called as `check_form::run_to` on a file written
//! for each input, as text and with `--json`. Invariants: no panic; exit code 0, 1 or 2, the
//! same with and without `--json`; output and error streams in UTF-8; with `--json`, the
//! output is one JSON document (the reports, or an error object, or the reports with the
//! error as the array's last element).

use super::files::work_dir as fuzz_work_dir;
use super::target::{ensure, Failure, Features, Input, Target};
use std::path::PathBuf;
use std::sync::OnceLock;
use wasm_validator::form::example_form;
use wasm_validator::schema::FieldId;

pub fn target() -> Target {
    Target {
        name: "check_form_readers",
        about: "files → check-form (CSV/JSON readers, text and --json reports): no panic, exit \
                code 0/1/2 in both modes, UTF-8 output, --json output is JSON",
        fields: &["ext", "file"],
        min_fields: 2,
        max_fields: 2,
        max_len: 64 * 1024,
        // check-form runs on the main thread (8 MiB).
        stack: 8 << 20,
        seeds,
        samples,
        tokens: TOKENS,
        // Its time grows with the file: no bound.
        time_limit: None,
        check,
    }
}

/// Bytes 0x80–0xFF, which cannot stand alone in the mutator's text, are written as the
/// private-use characters U+F780–U+F7FF (as Python's surrogateescape does with surrogates), so
/// files that are not UTF-8 are fuzzed too.
const RAW_BYTE_BASE: u32 = 0xf700;

const TOKENS: &[&str] = &[
    ",",
    ";",
    "\t",
    "\"",
    "\"\"",
    "\r\n",
    "\n",
    "\r",
    ",,",
    "{",
    "}",
    "[",
    "]",
    ":",
    "null",
    "true",
    "false",
    "1e999",
    "-0",
    "0.1",
    "123456789012345678901234567890",
    "\"ad\": ",
    "\"ad\":\"x\"",
    "{\"ad\":\"Ayşe\"}",
    "[{}]",
    "[]",
    "{}",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"\\uD83D\\uDE00\"",
    "\\",
    "\u{feff}",
    "\u{f7ff}",
    "\u{f780}",
    "\u{f7c3}",
    FieldId::Ad.as_str(),
    FieldId::Soyad.as_str(),
    FieldId::KimlikNo.as_str(),
    FieldId::GuvenlikSozcugu.as_str(),
    "bilinmeyen",
    "ad,ad",
    " ad ",
    "[[[[",
    "{\"a\":{\"a\":",
];

fn samples(i: usize) -> Vec<String> {
    let list: &[&str] = match i {
        0 => &[
            "csv", "json", "tsv", "txt", "", "CSV", "Json", "md", "csv.json",
        ],
        _ => &[],
    };
    list.iter().map(|s| s.to_string()).collect()
}

/// A header row of every field and the example applicant, as CSV with each separator and as
/// JSON (an object and an array), plus empty and odd files.
fn seeds() -> Vec<Input> {
    let form = example_form();
    let ids: Vec<&str> = FieldId::ALL.map(FieldId::as_str).to_vec();
    let values: Vec<String> = form.iter().map(|(_, v)| v.replace('"', "\"\"")).collect();
    let csv = |sep: &str| {
        let quoted: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
        format!("{}\n{}\n", ids.join(sep), quoted.join(sep))
    };
    let object = serde_json::to_string(
        &form
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    serde_json::Value::String(v.to_string()),
                )
            })
            .collect::<serde_json::Map<_, _>>(),
    )
    .unwrap_or_default();
    let input = |ext: &str, file: String| vec![ext.to_string(), file];
    vec![
        input("csv", csv(",")),
        input("csv", csv(";")),
        input("tsv", csv("\t")),
        input("", format!("\u{feff}{}", csv(";"))),
        input("json", object.clone()),
        input(
            "json",
            format!("[{object},{{\"ad\":null,\"kimlik_no\":10000000146}}]"),
        ),
        input("txt", "ad,soyad\nAyşe,Yılmaz\n\n,\n".to_string()),
        input("csv", "ad\n\"çok\nsatırlı\"\n".to_string()),
        input("", String::new()),
        input("json", "{\"ad\": [1]}".to_string()),
    ]
}

/// The file's bytes: the text, with U+F780–U+F7FF as single raw bytes.
pub fn bytes_of(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        match c as u32 {
            n @ 0xf780..=0xf7ff => out.push((n - RAW_BYTE_BASE) as u8),
            _ => {
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    out
}

/// A work folder of this process for the input files.
static WORK_DIR: OnceLock<PathBuf> = OnceLock::new();

fn work_dir() -> &'static PathBuf {
    WORK_DIR.get_or_init(|| fuzz_work_dir().join(format!("readers-{}", std::process::id())))
}

/// Removes this process's work folder (after a run).
pub fn clean_up() {
    if let Some(dir) = WORK_DIR.get() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

fn check(input: &Input, features: &mut Features) -> Result<(), Failure> {
    // Only letters and digits of the extension: it names a file in our folder.
    let ext: String = input[0]
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect();
    let name = if ext.is_empty() {
        "basvurular".to_string()
    } else {
        format!("basvurular.{ext}")
    };
    let path = work_dir().join(name);
    let bytes = bytes_of(&input[1]);
    // The folder again if `clean_up` removed it (tests run several fuzz runs in one process).
    std::fs::write(&path, &bytes)
        .or_else(|_| {
            std::fs::create_dir_all(work_dir()).and_then(|()| std::fs::write(&path, &bytes))
        })
        .map_err(|e| Failure::new("harness", format!("cannot write {}: {e}", path.display())))?;
    let shown = path.to_string_lossy().into_owned();
    let mut codes = Vec::new();
    for json in [false, true] {
        let mut args = vec![shown.clone()];
        if json {
            args.push("--json".to_string());
        }
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = crate::check_form::run_to(&args, &mut out, &mut err);
        ensure(matches!(code, 0..=2), "exit-code", || {
            format!("exit code {code} (--json: {json})")
        })?;
        let out = String::from_utf8(out)
            .map_err(|e| Failure::new("utf8-stdout", format!("--json: {json}: {e}")))?;
        let err = String::from_utf8(err)
            .map_err(|e| Failure::new("utf8-stderr", format!("--json: {json}: {e}")))?;
        // Which message, without the path and the quoted or counted parts.
        let said: String = err
            .replace(&shown, "F")
            .chars()
            .take_while(|c| !c.is_ascii_digit() && *c != '\'')
            .take(60)
            .collect();
        features.add((json, code, said, out.is_empty()));
        if json {
            ensure(
                serde_json::from_str::<serde_json::Value>(&out).is_ok(),
                "json-output",
                || format!("--json printed what is not one JSON document: {out:?}"),
            )?;
        }
        codes.push(code);
    }
    ensure(codes[0] == codes[1], "exit-codes-agree", || {
        format!("exit code {} as text, {} with --json", codes[0], codes[1])
    })?;
    let _ = std::fs::remove_file(&path);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_bytes_round_trip() {
        assert_eq!(bytes_of("a\u{f7c3}ş"), b"a\xc3\xc5\x9f");
        assert_eq!(
            bytes_of("\u{f77f}").len(),
            3,
            "just below the range: a character"
        );
        assert_eq!(bytes_of("\u{f780}\u{f7ff}"), [0x80, 0xff]);
    }

    #[test]
    fn seeds_pass() {
        for s in seeds() {
            check(&s, &mut Features::default()).unwrap_or_else(|f| panic!("{s:?}: {f:?}"));
        }
    }
}
