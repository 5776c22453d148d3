//! The `checkform` bench section: the real `check-form` binary on generated CSV files (a small
//! and a large Excel-style export of valid and invalid applicants): wall time, throughput and
//! the child's peak memory, which should stay flat as the file grows because applicants are
//! streamed.

use super::common::{median, millis, ms, print_table, section, Bench};
use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use std::io::{BufWriter, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use wasm_validator::form::{example_form, Form};
use wasm_validator::schema::FieldId;

/// The small file's size: a tenth of the default large one, to compare peak memory.
const SMALL_MB: u64 = 20;

/// Measures `check-form` on a 20 MB file and a `large_mb` one (200 by default).
pub(super) fn run(bench: &Bench, large_mb: u64) -> Result<Value> {
    section("check-form: büyük CSV (akış, en yüksek bellek)");
    let mut rows = Vec::new();
    let mut peaks = Vec::new();
    let mut table = vec![vec![
        "dosya".to_string(),
        "başvuru".into(),
        "süre (medyan)".into(),
        "MB/s".into(),
        "başvuru/s".into(),
        "en yüksek bellek".into(),
    ]];
    for mb in [SMALL_MB, large_mb] {
        let file = bench.dir.join(format!("checkform-{mb}mb.csv"));
        let applicants = write_csv(&file, mb * 1_000_000)
            .with_context(|| format!("cannot write {}", file.display()))?;
        let bytes = std::fs::metadata(&file)?.len();
        let mut times = Vec::new();
        let mut peak: Option<u64> = None;
        for _ in 0..bench.runs {
            let run = measure(&bench.exe, &file)?;
            times.push(run.wall);
            peak = match (peak, run.peak_bytes) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
        }
        let m = median(&times);
        let secs = m.as_secs_f64().max(f64::EPSILON);
        let mb_per_s = bytes as f64 / 1e6 / secs;
        let per_s = applicants as f64 / secs;
        let peak_mb = peak.map(|b| b as f64 / 1e6);
        peaks.push(peak_mb);
        table.push(vec![
            format!("{:.0} MB", bytes as f64 / 1e6),
            applicants.to_string(),
            ms(m),
            format!("{mb_per_s:.1}"),
            format!("{per_s:.0}"),
            peak_mb.map_or("not available".into(), |p| format!("{p:.1} MB")),
        ]);
        rows.push(json!({
            "file": file.file_name().map(|n| n.to_string_lossy().into_owned()),
            "bytes": bytes,
            "applicants": applicants,
            "runs_ms": times.iter().map(|t| millis(*t)).collect::<Vec<_>>(),
            "median_ms": millis(m),
            "mb_per_s": mb_per_s,
            "applicants_per_s": per_s,
            "peak_mb": peak_mb,
        }));
    }
    print_table(&table);
    // Flat memory: the large file's peak over the small one's, whatever their sizes.
    let ratio = match peaks[..] {
        [Some(small), Some(large)] if small > 0.0 => Some(large / small),
        _ => None,
    };
    if let Some(r) = ratio {
        println!("  en yüksek bellek, {large_mb} MB / {SMALL_MB} MB: {r:.2}×");
    }
    println!(
        "  ({} ölçüm; xtask {} profili; çıktı /dev/null'a; bellek: çocuk sürecin VmHWM değeri, \
         /proc'tan okunur)",
        bench.runs,
        if cfg!(debug_assertions) {
            "dev"
        } else {
            "release"
        }
    );
    Ok(json!({ "files": rows, "peak_ratio_large_to_small": ratio }))
}

/// One run of the binary: wall time and peak resident memory (None where /proc is missing).
struct Run {
    wall: Duration,
    peak_bytes: Option<u64>,
}

/// Runs `exe check-form file`, polling the child's VmHWM until it exits. The wall time is
/// at most one poll interval (2 ms) late; VmHWM only grows, so the last reading is the peak
/// up to then.
fn measure(exe: &Path, file: &Path) -> Result<Run> {
    let start = Instant::now();
    let mut child = Command::new(exe)
        .arg("check-form")
        .arg(file)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot start xtask check-form")?;
    let mut peak = None;
    let status = loop {
        // Read before try_wait: until it is reaped the pid is still this child.
        if let Some(b) = peak_bytes(child.id()) {
            peak = Some(b);
        }
        if let Some(status) = child.try_wait()? {
            break status;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let wall = start.elapsed();
    // Exit 1 is expected: the file has invalid applicants on purpose.
    if status.code() != Some(1) {
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        bail!("check-form exited with {status}: {}", err.trim());
    }
    Ok(Run {
        wall,
        peak_bytes: peak,
    })
}

/// A process's peak resident memory so far (VmHWM in /proc/PID/status); Linux only.
fn peak_bytes(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    vm_hwm(&status)
}

fn vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

/// Writes an Excel-style CSV (BOM, `;`, CRLF, quoted values) of at least `target` bytes:
/// varied applicants, about a third with an error and some with only a warning. Returns the
/// number of applicants.
fn write_csv(path: &Path, target: u64) -> std::io::Result<u64> {
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    let base = example_form();
    let ids: Vec<&str> = base.iter().map(|(id, _)| id.as_str()).collect();
    let mut written = 0u64;
    let mut line = format!("\u{feff}{}\r\n", ids.join(";"));
    let mut n = 0u64;
    while written < target {
        out.write_all(line.as_bytes())?;
        written += line.len() as u64;
        line.clear();
        let form = applicant(&base, n);
        for (i, (_, value)) in form.iter().enumerate() {
            if i > 0 {
                line.push(';');
            }
            line.push('"');
            line.push_str(&value.replace('"', "\"\""));
            line.push('"');
        }
        line.push_str("\r\n");
        n += 1;
    }
    out.flush()?;
    // The last row built was not written: `n - 1` applicants are in the file.
    Ok(n.saturating_sub(1))
}

const NAMES: &[&str] = &[
    "Ayşe Nur",
    "Mehmet Ali",
    "Zeynep",
    "Emre",
    "Elif Su",
    "Hüseyin",
];
const SURNAMES: &[&str] = &["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk"];

/// The `n`th generated applicant: the example form with a different name and T.C. Kimlik No,
/// and every third one with an error (a wrong check digit or postal code), every seventh with
/// a misspelt ilçe (a warning).
fn applicant(base: &Form, n: u64) -> Form {
    let i = n as usize;
    let mut tc = tc_number(n);
    if n.is_multiple_of(6) {
        // Break the last check digit.
        let last = tc.pop().map_or(0, |c| c.to_digit(10).unwrap_or(0));
        tc.push(char::from(b'0' + ((last + 1) % 10) as u8));
    }
    let mut form = base
        .clone()
        .with(FieldId::Ad, NAMES[i % NAMES.len()])
        .with(FieldId::Soyad, SURNAMES[(i / NAMES.len()) % SURNAMES.len()])
        .with(FieldId::KimlikNo, tc)
        .with(
            FieldId::Adres,
            format!("Cumhuriyet Mah.; Atatürk Cad. No: {}", n % 200 + 1),
        );
    if n % 6 == 3 {
        form = form.with(FieldId::PostaKodu, "68100");
    }
    if n.is_multiple_of(7) {
        form = form.with(FieldId::Ilce, "gulagac");
    }
    form
}

/// A valid T.C. Kimlik No made from `n` (first nine digits, then the two check digits).
fn tc_number(n: u64) -> String {
    let first = 100_000_000 + (n * 7919) % 899_999_999;
    let mut d: Vec<u32> = first
        .to_string()
        .bytes()
        .map(|b| u32::from(b - b'0'))
        .collect();
    let odd = d[0] + d[2] + d[4] + d[6] + d[8];
    let even = d[1] + d[3] + d[5] + d[7];
    d.push((7 * odd + 40 - even) % 10);
    d.push(d.iter().sum::<u32>() % 10);
    d.iter().map(|x| char::from(b'0' + *x as u8)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_validator::check::check_form;
    use wasm_validator::rules::identity::is_valid_tc;

    #[test]
    fn generated_tc_numbers_are_valid() {
        for n in [0, 1, 2, 99, 123_456, 9_999_999] {
            let tc = tc_number(n);
            assert!(is_valid_tc(&tc), "{n}: {tc}");
        }
    }

    #[test]
    fn generated_applicants_mix_valid_and_invalid() {
        let base = example_form();
        let reports: Vec<_> = (0..42).map(|n| check_form(&applicant(&base, n))).collect();
        let errors = reports.iter().filter(|r| r.has_errors()).count();
        let clean = reports.iter().filter(|r| r.findings.is_empty()).count();
        assert_eq!(errors, 14, "every third applicant has an error");
        assert!(clean > 20, "{clean} clean applicants");
    }

    #[test]
    fn generated_csv_is_read_by_check_form() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.csv");
        let n = write_csv(&path, 20_000).unwrap();
        assert!(n > 10, "{n}");
        let args = [path.to_string_lossy().into_owned()];
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(crate::check_form::run_to(&args, &mut out, &mut err), 1);
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains(&format!("{n} başvuru denetlendi")), "{out}");
        assert!(
            out.contains(&format!("Başvuru {n} (satır {})", n + 1)),
            "{out}"
        );
    }

    #[test]
    fn reads_vm_hwm() {
        let status = "Name:\tx\nVmPeak:\t  9000 kB\nVmHWM:\t    1234 kB\nVmRSS:\t 1000 kB\n";
        assert_eq!(vm_hwm(status), Some(1234 * 1024));
        assert_eq!(vm_hwm("Name:\tx\n"), None);
    }
}
