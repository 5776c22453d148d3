//! check-form's reports: per applicant, the findings in Turkish with the portal-ready values
//! and a summary line, or with `--json` one JSON array that grows an applicant per line.

use super::applicant::Applicant;
use serde::Serialize;
use std::io::{self, Write};
use wasm_validator::check::check_form;
use wasm_validator::form::{Report, Severity};
use wasm_validator::schema::{FieldId, FIELDS};

/// Where applicants' reports go, one at a time, with the counts for the summary line.
pub(super) struct Output<'w> {
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
    pub(super) fn new(out: &'w mut dyn Write, json: bool) -> Self {
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

    /// Applicants checked so far.
    pub(super) fn checked(&self) -> usize {
        self.checked
    }

    /// Applicants with an error so far.
    pub(super) fn with_errors(&self) -> usize {
        self.with_errors
    }

    /// Checks one applicant and writes its report.
    pub(super) fn applicant(&mut self, a: &Applicant) -> io::Result<()> {
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
    pub(super) fn finish(&mut self) -> io::Result<()> {
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
    pub(super) fn fail(&mut self, message: &str) -> io::Result<()> {
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

/// `{"error": "…"}` on one line.
pub(super) fn write_json_error(out: &mut dyn Write, message: &str) -> io::Result<()> {
    serde_json::to_writer(
        &mut *out,
        &serde_json::json!({ "error": one_line(message) }),
    )?;
    writeln!(out)
}

/// The text with every run of whitespace (line breaks too) as one space.
pub(super) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
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
