//! `cargo xtask check-form FILE [--json]`: batch check of applicants' form values (issue 4) for
//! the MEBBİS unit. FILE is JSON (an object keyed by field ids, or an array of them) or CSV (a
//! header row of field ids, one applicant per row; `,` `;` or tab separated, as spreadsheets
//! save it). Prints every finding in Turkish per applicant with the portal-ready values, or with
//! `--json` a JSON array. Exit code: 0 no errors, 1 an applicant has an error, 2 bad file.

use anyhow::{anyhow, bail, Context, Result};
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use wasm_validator::form::{check_form, Form, Report, Severity};
use wasm_validator::schema::{field, FIELDS};

const USAGE: &str = "kullanım: cargo xtask check-form DOSYA [--json]";

/// One applicant read from the file.
#[derive(Debug)]
pub struct Applicant {
    /// 0-based position in the file.
    pub index: usize,
    /// The CSV line it came from (1-based), for messages; None for JSON.
    pub line: Option<u64>,
    pub form: Form,
}

/// Runs the batch check, printing to stdout/stderr; returns the exit code.
pub fn run(args: &[String]) -> i32 {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    run_to(args, &mut stdout.lock(), &mut stderr.lock())
}

/// `run` with the output streams given (for tests).
pub fn run_to(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut json = false;
    let mut file: Option<&str> = None;
    for a in args {
        match a.as_str() {
            "--json" => json = true,
            "-h" | "--help" => {
                let _ = writeln!(out, "{USAGE}");
                return 0;
            }
            s if s.starts_with('-') && s.len() > 1 => {
                let _ = writeln!(err, "check-form: bilinmeyen seçenek '{s}'\n{USAGE}");
                return 2;
            }
            s if file.is_none() => file = Some(s),
            _ => {
                let _ = writeln!(err, "check-form: tek bir dosya verin\n{USAGE}");
                return 2;
            }
        }
    }
    let Some(file) = file else {
        let _ = writeln!(err, "{USAGE}");
        return 2;
    };
    let applicants = match read_applicants(Path::new(file)) {
        Ok(a) => a,
        Err(e) => {
            let _ = writeln!(err, "check-form: {}", one_line(&format!("{e:#}")));
            return 2;
        }
    };
    let reports: Vec<Report> = applicants.iter().map(|a| check_form(&a.form)).collect();
    let written = if json {
        write_json(out, &reports)
    } else {
        write_text(out, &applicants, &reports)
    };
    if let Err(e) = written {
        let _ = writeln!(err, "check-form: çıktı yazılamadı: {e}");
        return 2;
    }
    if reports.iter().any(Report::has_errors) {
        1
    } else {
        0
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads the applicants of a JSON or CSV file.
pub fn read_applicants(path: &Path) -> Result<Vec<Applicant>> {
    let shown = path.display();
    let bytes = std::fs::read(path).with_context(|| format!("{shown} okunamadı"))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow!("{shown} UTF-8 değil; dosyayı UTF-8 olarak kaydedin"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let looks_json = matches!(text.trim_start().chars().next(), Some('{' | '['));
    let applicants = match ext.as_deref() {
        Some("json") => from_json(text),
        Some("csv") | Some("tsv") | Some("txt") => from_csv(text),
        _ if looks_json => from_json(text),
        _ => from_csv(text),
    }
    .with_context(|| shown.to_string())?;
    if applicants.is_empty() {
        bail!("{shown}: dosyada hiç başvuru yok");
    }
    Ok(applicants)
}

fn valid_ids() -> String {
    FIELDS.iter().map(|f| f.id).collect::<Vec<_>>().join(", ")
}

fn from_json(text: &str) -> Result<Vec<Applicant>> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| anyhow!("JSON olarak okunamadı: {e}"))?;
    let items = match value {
        serde_json::Value::Array(items) => items,
        obj @ serde_json::Value::Object(_) => vec![obj],
        _ => bail!("JSON bir nesne ya da nesnelerden oluşan bir dizi olmalı"),
    };
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            let n = index + 1;
            let serde_json::Value::Object(map) = item else {
                bail!("{n}. başvuru bir JSON nesnesi değil");
            };
            let mut form = Form::new();
            for (key, v) in map {
                if field(&key).is_none() {
                    bail!(
                        "{n}. başvuruda bilinmeyen alan '{key}'; geçerli alanlar: {}",
                        valid_ids()
                    );
                }
                let text = match v {
                    serde_json::Value::String(s) => s,
                    serde_json::Value::Number(num) => num.to_string(),
                    serde_json::Value::Null => String::new(),
                    _ => bail!("{n}. başvuruda '{key}' alanı metin olmalı"),
                };
                form.set(&key, text)?;
            }
            Ok(Applicant {
                index,
                line: None,
                form,
            })
        })
        .collect()
}

/// The separator spreadsheets used: the most frequent of `,` `;` tab in the header line.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| header.bytes().filter(|&b| b == d).count())
        .unwrap_or(b',')
}

fn from_csv(text: &str) -> Result<Vec<Applicant>> {
    if text.trim().is_empty() {
        bail!("dosya boş");
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| anyhow!("CSV başlık satırı okunamadı: {e}"))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    for (i, h) in headers.iter().enumerate() {
        if field(h).is_none() {
            bail!(
                "bilinmeyen sütun '{h}' ({}. sütun); başlık satırı alan adlarından oluşmalı: {}",
                i + 1,
                valid_ids()
            );
        }
        if headers[..i].contains(h) {
            bail!("'{h}' sütunu iki kez var");
        }
    }
    let mut applicants = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| anyhow!("CSV okunamadı: {e}"))?;
        if record.iter().all(|v| v.trim().is_empty()) {
            continue; // blank lines spreadsheets leave at the end
        }
        let mut form = Form::new();
        for (h, v) in headers.iter().zip(record.iter()) {
            form.set(h, v)?;
        }
        applicants.push(Applicant {
            index: applicants.len(),
            line: record.position().map(|p| p.line()),
            form,
        });
    }
    Ok(applicants)
}

#[derive(Serialize)]
struct JsonEntry<'a> {
    index: usize,
    ok: bool,
    #[serde(flatten)]
    report: &'a Report,
}

fn write_json(out: &mut dyn Write, reports: &[Report]) -> std::io::Result<()> {
    let entries: Vec<JsonEntry> = reports
        .iter()
        .enumerate()
        .map(|(index, report)| JsonEntry {
            index,
            ok: !report.has_errors(),
            report,
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &entries)?;
    writeln!(out)
}

fn label(id: &str) -> &'static str {
    field(id).map_or("?", |f| f.label)
}

fn write_text(
    out: &mut dyn Write,
    applicants: &[Applicant],
    reports: &[Report],
) -> std::io::Result<()> {
    let width = FIELDS
        .iter()
        .map(|f| f.label.chars().count())
        .max()
        .unwrap_or(0);
    let mut with_errors = 0;
    for (a, r) in applicants.iter().zip(reports) {
        let errors = r
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        let warnings = r.findings.len() - errors;
        if errors > 0 {
            with_errors += 1;
        }
        let name = [r.normalized_value("ad"), r.normalized_value("soyad")]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let mut title = format!("Başvuru {}", a.index + 1);
        if let Some(line) = a.line {
            title.push_str(&format!(" (satır {line})"));
        }
        if !name.is_empty() {
            title.push_str(&format!(" — {name}"));
        }
        let verdict = match (errors, warnings) {
            (0, 0) => "sorun yok, portala girilebilir".to_string(),
            (0, w) => format!("hata yok, {w} uyarı"),
            (e, 0) => format!("{e} hata"),
            (e, w) => format!("{e} hata, {w} uyarı"),
        };
        writeln!(out, "{title}: {verdict}")?;
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
            let l = label(id);
            let pad = " ".repeat(width - l.chars().count().min(width));
            let shown = if value.is_empty() { "(boş)" } else { value };
            writeln!(out, "    {l}{pad}  {shown}")?;
        }
        writeln!(out)?;
    }
    let n = applicants.len();
    writeln!(
        out,
        "{n} başvuru denetlendi: {with_errors} başvuruda hata var, {} başvuruda hata yok.",
        n - with_errors
    )
}
