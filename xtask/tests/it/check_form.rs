//! Tests of `cargo xtask check-form`: JSON and CSV input, text and `--json` output, exit codes
//! and one-line errors for bad files.

use std::path::PathBuf;
use wasm_validator::form::example_form;
use wasm_validator::schema::FieldId;
use xtask::check_form::run_to;

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn run(args: &[&str]) -> Run {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = run_to(&args, &mut out, &mut err);
    Run {
        code,
        out: String::from_utf8(out).unwrap(),
        err: String::from_utf8(err).unwrap(),
    }
}

fn write(dir: &tempfile::TempDir, name: &str, content: impl AsRef<[u8]>) -> String {
    let path: PathBuf = dir.path().join(name);
    std::fs::write(&path, content).unwrap();
    path.to_string_lossy().into_owned()
}

/// The example applicant as a JSON object.
fn example_json() -> serde_json::Value {
    let map: serde_json::Map<String, serde_json::Value> = example_form()
        .iter()
        .map(|(k, v)| (k.to_string(), serde_json::Value::String(v.to_string())))
        .collect();
    serde_json::Value::Object(map)
}

#[test]
fn valid_object_passes_with_text_output() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(&dir, "a.json", example_json().to_string());
    let r = run(&[&file]);
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    assert!(
        r.out.contains("Başvuru 1 — AYŞE NUR YILMAZ: sorun yok"),
        "{}",
        r.out
    );
    assert!(r.out.contains("İlçe"), "{}", r.out);
    assert!(r.out.contains("GÜLAĞAÇ"), "{}", r.out);
    assert!(r.out.contains("0 (532) 123 45 67"));
    assert!(!r.out.contains("mavi kelebek"), "security word printed");
    assert!(r.out.contains("1 başvuru denetlendi: 0 başvuruda hata var"));
    assert!(r.err.is_empty());
}

#[test]
fn array_with_an_error_exits_1_and_json_has_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let mut bad = example_json();
    bad["posta_kodu"] = "68100".into();
    bad["ilce"] = "GULAGAC".into();
    let file = write(
        &dir,
        "many.json",
        serde_json::json!([example_json(), bad]).to_string(),
    );
    let r = run(&[&file, "--json"]);
    assert_eq!(r.code, 1, "{}", r.err);
    let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["index"], 0);
    assert_eq!(list[0]["ok"], true);
    assert_eq!(list[0]["findings"].as_array().unwrap().len(), 0);
    assert_eq!(list[1]["index"], 1);
    assert_eq!(list[1]["ok"], false);
    let findings = list[1]["findings"].as_array().unwrap();
    assert_eq!(findings[0]["field"], "ilce");
    assert_eq!(findings[0]["severity"], "warning");
    assert_eq!(findings[0]["suggestion"], "GÜLAĞAÇ");
    assert_eq!(findings[1]["field"], "posta_kodu");
    assert_eq!(findings[1]["severity"], "error");
    assert!(findings[1]["message"]
        .as_str()
        .unwrap()
        .contains("68900, 68902"));
    let normalized = list[1]["normalized"].as_object().unwrap();
    assert_eq!(normalized["ilce"], "GÜLAĞAÇ");
    assert_eq!(normalized["ad"], "AYŞE NUR");
    assert_eq!(normalized["guvenlik_sozcugu"], "********");
    assert_eq!(normalized.len(), FieldId::ALL.len());
    // Portal order is kept in the JSON text.
    let text = &r.out;
    assert!(text.find("\"yayin_tercihi\"").unwrap() < text.find("\"bilgi_kanali\"").unwrap());
}

#[test]
fn csv_with_semicolons_bom_and_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let form = example_form();
    let ids: Vec<&str> = form.iter().map(|(k, _)| k.as_str()).collect();
    let row: Vec<String> = form.iter().map(|(_, v)| format!("\"{v}\"")).collect();
    let mut second: Vec<String> = row.clone();
    second[1] = "\"17291716050\"".into(); // kimlik_no with a wrong check digit
    let blank = ";".repeat(ids.len() - 1); // a trailing empty row, as spreadsheets save
    let csv = format!(
        "\u{feff}{}\n{}\n{}\n{blank}\n",
        ids.join(";"),
        row.join(";"),
        second.join(";")
    );
    let file = write(&dir, "liste.csv", csv);
    let r = run(&[&file]);
    assert_eq!(r.code, 1, "{}{}", r.out, r.err);
    assert!(r.out.contains("Başvuru 1 (satır 2)"), "{}", r.out);
    assert!(r.out.contains("Başvuru 2 (satır 3)"), "{}", r.out);
    assert!(r
        .out
        .contains("HATA   Kimlik No: T.C. Kimlik No'nun 10. ve 11. rakamları"));
    assert!(
        r.out.contains("2 başvuru denetlendi: 1 başvuruda hata var"),
        "{}",
        r.out
    );
}

#[test]
fn csv_with_a_subset_of_columns() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        &dir,
        "k.csv",
        "kimlik_no,il,ilce\n10000000146,aksaray,gulagac\n",
    );
    let r = run(&[&file, "--json"]);
    assert_eq!(r.code, 1); // required fields are missing
    let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(v[0]["normalized"]["ilce"], "GÜLAĞAÇ");
    assert_eq!(v[0]["normalized"]["kimlik_no"], "10000000146");
}

#[test]
fn bad_files_exit_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (write(&dir, "x.json", "{ not json"), "JSON olarak okunamadı"),
        (
            write(&dir, "u.json", r#"{"ad": "A", "yas": "40"}"#),
            "bilinmeyen alan 'yas'",
        ),
        (
            write(&dir, "t.json", r#"{"ad": ["A"]}"#),
            "'ad' alanı metin olmalı",
        ),
        (write(&dir, "n.json", "42"), "nesne"),
        (write(&dir, "e.json", "[]"), "hiç başvuru yok"),
        (
            write(&dir, "c.csv", "ad,soyadi\nA,B\n"),
            "bilinmeyen sütun 'soyadi'",
        ),
        (write(&dir, "d.csv", "ad,ad\nA,B\n"), "iki kez"),
        (write(&dir, "r.csv", "ad,soyad\nA,B,C\n"), "CSV okunamadı"),
        (write(&dir, "b.csv", ""), "boş"),
        (
            write(&dir, "w.csv", [0x61u8, 0x64, 0x0a, 0xfe, 0xff]),
            "UTF-8 değil",
        ),
        (
            dir.path().join("yok.json").to_string_lossy().into_owned(),
            "okunamadı",
        ),
    ];
    for (file, expected) in &cases {
        let r = run(&[file]);
        assert_eq!(r.code, 2, "{file}: {}", r.out);
        assert!(r.err.contains(expected), "{file}: {}", r.err);
        assert_eq!(r.err.trim_end().lines().count(), 1, "{file}: {}", r.err);
        assert!(r.err.starts_with("check-form: "), "{}", r.err);
        assert!(r.out.is_empty());
    }
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&[]).code, 2);
    assert_eq!(run(&["--xml", "a.json"]).code, 2);
    assert_eq!(run(&["a.json", "b.json"]).code, 2);
    assert_eq!(run(&["--help"]).code, 0);
}

#[test]
fn format_is_sniffed_without_an_extension() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(&dir, "liste", example_json().to_string());
    assert_eq!(run(&[&file]).code, 0);
    let file = write(&dir, "tablo", "il\tilce\nAksaray\tGülağaç\n");
    let r = run(&[&file, "--json"]);
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(v[0]["normalized"]["il"], "AKSARAY");
}

/// The `satır N` of every "Başvuru" title in a text report, in order.
fn lines_of(out: &str) -> Vec<u64> {
    out.lines()
        .filter(|l| l.starts_with("Başvuru "))
        .filter_map(|l| l.split("(satır ").nth(1))
        .filter_map(|rest| rest.split(')').next())
        .filter_map(|n| n.parse().ok())
        .collect()
}

#[test]
fn csv_rows_are_reported_at_their_line_with_every_line_break() {
    let dir = tempfile::tempdir().unwrap();
    for (name, br) in [("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")] {
        let csv = ["ad,soyad", "Ali,Kaya", "Ayşe,Nur"].join(br) + br;
        let file = write(&dir, &format!("{name}.csv"), csv);
        let r = run(&[&file]);
        assert_ne!(r.code, 2, "{name}: {}", r.err);
        assert_eq!(lines_of(&r.out), [2, 3], "{name}: {}", r.out);
        assert!(r.out.contains("2 başvuru denetlendi"), "{name}: {}", r.out);
    }
}

#[test]
fn csv_blank_lines_count_and_do_not_confuse_the_separator() {
    let dir = tempfile::tempdir().unwrap();
    for (name, br) in [("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")] {
        // BOM on a blank first line, another blank line, the `;` header on line 3, a blank
        // line between the rows, then an empty row and blank lines as Excel leaves them.
        let lines = [
            "\u{feff}",
            "",
            "ad;soyad",
            "Ali;Kaya",
            "",
            "Ayşe;Nur",
            ";",
            "",
            "",
        ];
        let file = write(&dir, &format!("{name}.csv"), lines.join(br));
        let r = run(&[&file]);
        assert_ne!(r.code, 2, "{name}: {}", r.err);
        assert_eq!(lines_of(&r.out), [4, 6], "{name}: {}", r.out);
        assert!(r.out.contains("2 başvuru denetlendi"), "{name}: {}", r.out);
        assert!(r.out.contains("ALİ KAYA"), "{name}: {}", r.out);
    }
}

#[test]
fn csv_quoted_fields_keep_separators_and_line_breaks_and_report_the_first_line() {
    let dir = tempfile::tempdir().unwrap();
    for (name, br) in [("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")] {
        let lines = [
            "ad;soyad;adres",
            "\"Ali\";\"Kaya\";\"Cumhuriyet Mah.; No: 5",
            "",
            "Kat \"\"2\"\"\"",
            "Ayşe;\"Nur;Er\";Merkez",
        ];
        let file = write(&dir, &format!("{name}.csv"), lines.join(br) + br);
        let r = run(&[&file]);
        assert_ne!(r.code, 2, "{name}: {}", r.err);
        assert_eq!(lines_of(&r.out), [2, 5], "{name}: {}", r.out);
        let r = run(&[&file, "--json"]);
        let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
        assert_eq!(v[0]["normalized"]["soyad"], "KAYA", "{name}");
        let adres = v[0]["normalized"]["adres"].as_str().unwrap().to_lowercase();
        assert!(adres.contains("no: 5"), "{name}: {adres}");
        assert!(adres.contains("\"2\""), "{name}: {adres}");
        assert_eq!(v[1]["normalized"]["soyad"], "NUR;ER", "{name}");
    }
}

#[test]
fn csv_malformed_row_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    for (name, br) in [("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")] {
        let lines = ["ad,soyad", "", "A,B", "A,B,C", "D,E"];
        let file = write(&dir, &format!("{name}.csv"), lines.join(br) + br);
        let r = run(&[&file]);
        assert_eq!(r.code, 2, "{name}: {}", r.out);
        assert!(r.err.contains("satır 4"), "{name}: {}", r.err);
        assert!(r.err.contains("3 değer"), "{name}: {}", r.err);
        assert_eq!(r.err.trim_end().lines().count(), 1, "{name}: {}", r.err);
    }
    // A quote that is never closed: reported at the line of its record.
    let file = write(&dir, "q.csv", "ad,soyad\nA,B\nC,\"D\nE,F\n");
    let r = run(&[&file]);
    assert_eq!(r.code, 2, "{}", r.out);
    assert!(r.err.contains("satır 3"), "{}", r.err);
    assert!(r.err.contains("tırnak"), "{}", r.err);
}

#[test]
fn json_flag_gives_a_json_error_on_stdout_for_bad_files_and_arguments() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<Vec<String>> = vec![
        vec![write(&dir, "x.json", "{ not json"), "--json".into()],
        vec![write(&dir, "e.json", "[]"), "--json".into()],
        vec!["--json".into(), write(&dir, "c.csv", "ad,soyadi\nA,B\n")],
        vec![
            dir.path().join("yok.json").to_string_lossy().into_owned(),
            "--json".into(),
        ],
        vec!["--json".into()],
        vec!["--xml".into(), "a.json".into(), "--json".into()],
        vec!["a.json".into(), "b.json".into(), "--json".into()],
    ];
    for args in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = run(&args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.out);
        let v: serde_json::Value = serde_json::from_str(&r.out)
            .unwrap_or_else(|e| panic!("{args:?}: stdout is not JSON ({e}): {:?}", r.out));
        let message = v["error"].as_str().unwrap_or_default();
        assert!(!message.is_empty(), "{args:?}: {v}");
        assert!(!message.contains('\n'), "{args:?}: {v}");
        assert!(r.err.starts_with("check-form: "), "{args:?}: {}", r.err);
    }
}

/// Stdout as a test double: counts `write` calls; `flush` can fail like a full disk.
struct Sink {
    writes: usize,
    bytes: Vec<u8>,
    fail_flush: bool,
}

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writes += 1;
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        if self.fail_flush {
            Err(std::io::Error::other("disk dolu"))
        } else {
            Ok(())
        }
    }
}

/// A CSV of the example applicant `n` times.
fn example_csv(n: usize) -> String {
    let form = example_form();
    let ids: Vec<&str> = form.iter().map(|(k, _)| k.as_str()).collect();
    let row: Vec<String> = form.iter().map(|(_, v)| format!("\"{v}\"")).collect();
    let mut csv = ids.join(",") + "\n";
    for _ in 0..n {
        csv.push_str(&row.join(","));
        csv.push('\n');
    }
    csv
}

#[test]
fn output_is_written_in_a_few_large_writes_and_flushed() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(&dir, "many.csv", example_csv(100));
    for json in [false, true] {
        let mut args = vec![file.clone()];
        if json {
            args.push("--json".into());
        }
        let mut out = Sink {
            writes: 0,
            bytes: Vec::new(),
            fail_flush: false,
        };
        let mut err = Vec::new();
        assert_eq!(run_to(&args, &mut out, &mut err), 0);
        // Thousands of lines; a 64 KiB buffer makes a handful of writes of them.
        assert!(out.writes < 10, "json {json}: {} writes", out.writes);
        let text = String::from_utf8(out.bytes).unwrap();
        if json {
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(v.as_array().unwrap().len(), 100);
        } else {
            assert!(text.ends_with("100 başvuruda hata yok.\n"), "{text}");
        }
    }
}

#[test]
fn a_failed_flush_exits_2_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(&dir, "a.json", example_json().to_string());
    let mut out = Sink {
        writes: 0,
        bytes: Vec::new(),
        fail_flush: true,
    };
    let mut err = Vec::new();
    assert_eq!(run_to(&[file], &mut out, &mut err), 2);
    let err = String::from_utf8(err).unwrap();
    assert!(err.contains("çıktı yazılamadı"), "{err}");
    assert!(err.contains("disk dolu"), "{err}");
}

#[test]
fn a_bad_csv_row_half_way_keeps_the_reports_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(&dir, "h.csv", "ad,soyad\nAli,Kaya\nAyşe,Nur\nA,B,C\nD,E\n");
    let r = run(&[&file]);
    assert_eq!(r.code, 2, "{}", r.out);
    // The applicants before the bad row were checked and printed; no summary line.
    assert_eq!(lines_of(&r.out), [2, 3], "{}", r.out);
    assert!(!r.out.contains("başvuru denetlendi"), "{}", r.out);
    assert!(r.err.contains("satır 4"), "{}", r.err);

    // With --json stdout is still one JSON array; its last element is the error.
    let r = run(&[&file, "--json"]);
    assert_eq!(r.code, 2, "{}", r.out);
    let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 3, "{v}");
    assert_eq!(list[1]["normalized"]["ad"], "AYŞE");
    assert!(
        list[2]["error"].as_str().unwrap().contains("satır 4"),
        "{v}"
    );
}

#[test]
fn bad_bytes_half_way_are_reported_at_their_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = b"ad,soyad\r\nAli,Kaya\r\n".to_vec();
    csv.extend_from_slice(b"Ay\xfee,Nur\r\n"); // Windows-1254 ş
    let file = write(&dir, "w.csv", csv);
    let r = run(&[&file]);
    assert_eq!(r.code, 2, "{}", r.out);
    assert_eq!(lines_of(&r.out), [2], "{}", r.out);
    assert!(r.err.contains("UTF-8 değil"), "{}", r.err);
    assert!(r.err.contains("satır 3"), "{}", r.err);

    let mut json = b"[{\"ad\": \"Ali\"},\n{\"ad\": \"Ay".to_vec();
    json.extend_from_slice(b"\xfee\"}]");
    let file = write(&dir, "w.json", json);
    let r = run(&[&file]);
    assert_eq!(r.code, 2, "{}", r.out);
    assert!(r.out.contains("Başvuru 1"), "{}", r.out);
    assert!(r.err.contains("UTF-8 değil"), "{}", r.err);
    assert!(r.err.contains("satır 2"), "{}", r.err);
}

#[test]
fn a_bad_json_element_half_way_keeps_the_reports_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let items = format!("[{0},\n{0},\n42,\n{0}]", example_json());
    let file = write(&dir, "h.json", items);
    let r = run(&[&file]);
    assert_eq!(r.code, 2, "{}", r.out);
    assert!(r.out.contains("Başvuru 2 — AYŞE NUR YILMAZ"), "{}", r.out);
    assert!(!r.out.contains("Başvuru 3"), "{}", r.out);
    assert!(
        r.err.contains("3. başvuru bir JSON nesnesi değil"),
        "{}",
        r.err
    );

    let r = run(&[&file, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 3, "{v}");
    assert_eq!(list[1]["index"], 1);
    assert!(list[2]["error"].as_str().unwrap().contains("3. başvuru"));

    // Broken JSON syntax half-way: the position is in the message.
    let file = write(&dir, "s.json", format!("[{},\n{{\"ad\": ]", example_json()));
    let r = run(&[&file]);
    assert_eq!(r.code, 2, "{}", r.out);
    assert!(r.out.contains("Başvuru 1"), "{}", r.out);
    assert!(r.err.contains("JSON olarak okunamadı"), "{}", r.err);
    assert!(r.err.contains("satır 2"), "{}", r.err);
}

#[test]
fn duplicate_json_keys_are_a_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    let one = r#"{"ad": "Ali", "soyad": "Kaya"}"#;
    let twice = r#"{"ad": "Ali", "soyad": "Kaya", "ad": "Veli"}"#;
    for (name, text, n) in [
        ("array", format!("[{one}, {one}, {twice}]"), 3),
        ("object", twice.to_string(), 1),
    ] {
        let file = write(&dir, &format!("{name}.json"), text);
        let r = run(&[&file]);
        assert_eq!(r.code, 2, "{name}: {}", r.out);
        let expected = format!("{n}. başvuruda 'ad' alanı iki kez var");
        assert!(r.err.contains(&expected), "{name}: {}", r.err);
    }
}

/// The findings of the first applicant of a `--json` report.
fn findings_of(out: &str) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_str(out).unwrap();
    v[0]["findings"].as_array().unwrap().clone()
}

#[test]
fn a_value_over_the_limit_is_cut_with_a_finding_in_csv_and_json() {
    let dir = tempfile::tempdir().unwrap();
    // 3000 characters of two bytes each: cut at 1000 characters, whole characters only.
    let long = "ş".repeat(3000);
    let csv = write(&dir, "uzun.csv", format!("ad;soyad\n{long};Kaya\n"));
    let json = write(
        &dir,
        "uzun.json",
        serde_json::json!({ "ad": long, "soyad": "Kaya" }).to_string(),
    );
    for file in [&csv, &json] {
        let r = run(&[file, "--json"]);
        assert_eq!(r.code, 1, "{file}: {}", r.err);
        let cut: Vec<_> = findings_of(&r.out)
            .into_iter()
            .filter(|f| {
                f["message"]
                    .as_str()
                    .unwrap()
                    .contains("denetlenmeden kesildi")
            })
            .collect();
        assert_eq!(cut.len(), 1, "{file}: {}", r.out);
        assert_eq!(cut[0]["field"], "ad");
        assert_eq!(cut[0]["severity"], "error");
        let message = cut[0]["message"].as_str().unwrap();
        assert!(message.contains("en çok 1000 karakter"), "{message}");
        assert!(message.contains("3000 karakter"), "{message}");
        let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
        let ad = v[0]["normalized"]["ad"].as_str().unwrap();
        assert!(
            ad.chars().count() <= 1000,
            "{file}: {} characters",
            ad.chars().count()
        );
        assert_eq!(v[0]["normalized"]["soyad"], "KAYA");
        // The text report says the same.
        let r = run(&[file]);
        assert!(
            r.out.contains("HATA   Adı: Adı en çok 1000 karakter"),
            "{}",
            r.out
        );
    }
    // At the limit exactly: nothing is cut.
    let file = write(&dir, "tam.csv", format!("adres\n{}\n", "a".repeat(1000)));
    let r = run(&[&file, "--json"]);
    assert!(!r.out.contains("kesildi"), "{}", r.out);
}

#[test]
fn a_json_string_is_cut_between_characters_and_escapes_never_inside_one() {
    let dir = tempfile::tempdir().unwrap();
    // Escapes (a surrogate pair among them) and 4-byte characters across the cut point, at
    // every offset: the file stays valid JSON for serde_json and the value valid text.
    for pad in 0..8 {
        let mut value = "a".repeat(4000 + pad);
        value.push_str(&r#"\ud83d\ude00\n\"😀"#.repeat(400));
        let file = write(
            &dir,
            "k.json",
            format!(r#"{{"adres": "{value}", "ad": "Ali"}}"#),
        );
        let r = run(&[&file, "--json"]);
        assert_eq!(r.code, 1, "pad {pad}: {}{}", r.out, r.err);
        let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
        assert_eq!(v[0]["normalized"]["ad"], "ALİ", "pad {pad}");
        assert!(r.out.contains("denetlenmeden kesildi"), "pad {pad}");
    }
}

#[test]
fn excel_trailing_separator_is_accepted_and_a_named_value_is_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    // Every row ends with the separator, as Excel saves a sheet with an empty last column;
    // some rows leave it out.
    for (name, text) in [
        ("semi", "ad;soyad;\nAli;Kaya;\nAyşe;Nur\n"),
        ("comma", "ad,soyad,,\r\nAli,Kaya,,\r\nAyşe,Nur,\r\n"),
        ("rows-only", "ad;soyad\nAli;Kaya;\nAyşe;Nur;\n"),
    ] {
        let file = write(&dir, &format!("{name}.csv"), text);
        let r = run(&[&file]);
        assert_eq!(r.code, 1, "{name}: {}", r.err);
        assert!(r.out.contains("ALİ KAYA"), "{name}: {}", r.out);
        assert!(r.out.contains("2 başvuru denetlendi"), "{name}: {}", r.out);
    }
    // A value under a column without a name would be lost: the file is refused.
    let file = write(&dir, "x.csv", "ad;soyad;\nAli;Kaya;fazla\n");
    let r = run(&[&file]);
    assert_eq!(r.code, 2, "{}", r.out);
    assert!(
        r.err.contains("başlığı boş olan 3. sütunda değer var"),
        "{}",
        r.err
    );
    let file = write(&dir, "y.csv", "ad;;soyad\nAli;x;Kaya\n");
    assert_eq!(run(&[&file]).code, 2);
    // Extra values that are not empty still are a malformed row.
    let file = write(&dir, "z.csv", "ad;soyad\nAli;Kaya;Er\n");
    let r = run(&[&file]);
    assert!(r.err.contains("3 değer"), "{}", r.err);
}

#[test]
fn excel_scientific_notation_in_a_digits_field_is_explained_not_fixed() {
    let dir = tempfile::tempdir().unwrap();
    for (field, value) in [
        ("kimlik_no", "1.0000000146e10"),
        ("kimlik_no", "1,0000000146E+10"),
        ("cep_telefonu", "5,32123E+09"),
        ("is_telefonu", "3.12E9"),
        ("posta_kodu", "6,81E+04"),
        ("dahili", "1E+3"),
    ] {
        let file = write(&dir, "e.csv", format!("{field};ad\n\"{value}\";Ali\n"));
        for file in [
            file,
            write(
                &dir,
                "e.json",
                serde_json::json!({ field: value, "ad": "Ali" }).to_string(),
            ),
        ] {
            let r = run(&[&file, "--json"]);
            assert_eq!(r.code, 1, "{field} {value}: {}", r.err);
            let about: Vec<_> = findings_of(&r.out)
                .into_iter()
                .filter(|f| f["field"] == field)
                .collect();
            assert_eq!(about.len(), 1, "{field} {value}: {about:?}");
            let message = about[0]["message"].as_str().unwrap();
            assert!(message.contains("bilimsel gösterim"), "{message}");
            assert!(message.contains("Metin"), "{message}");
            assert_eq!(about[0]["severity"], "error");
            // Left as it was: never turned into digits that may be wrong.
            let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
            let shown = v[0]["normalized"][field].as_str().unwrap();
            assert!(shown.contains(['e', 'E']), "{field}: {shown}");
        }
    }
    // Not in a digits field, and not scientific notation: the checker's own findings.
    let file = write(&dir, "f.csv", "ad;kimlik_no\n1E+5;10000000146\n");
    let r = run(&[&file, "--json"]);
    assert!(!r.out.contains("bilimsel"), "{}", r.out);
}

/// A file of `size` bytes: `head`, then `fill` repeated, then `tail`.
fn write_big(
    dir: &tempfile::TempDir,
    name: &str,
    head: &str,
    fill: u8,
    size: usize,
    tail: &str,
) -> String {
    use std::io::Write;
    let path = dir.path().join(name);
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    f.write_all(head.as_bytes()).unwrap();
    let chunk = vec![fill; 1 << 20];
    for _ in 0..size >> 20 {
        f.write_all(&chunk).unwrap();
    }
    f.write_all(tail.as_bytes()).unwrap();
    f.flush().unwrap();
    path.to_string_lossy().into_owned()
}

/// Runs the built `xtask check-form --json FILE` with its address space limited to 100 MB
/// (`ulimit -v`; it needs under 30 MB): a reader whose memory grew with a 50 MB line or cell
/// dies of a failed allocation (abort, exit 134, no JSON) instead of answering, as the line
/// reader before this one did.
#[cfg(unix)]
fn run_in_little_memory(file: &str) -> (i32, serde_json::Value) {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 100000 && exec \"$0\" check-form --json \"$1\"")
        .arg(env!("CARGO_BIN_EXE_xtask"))
        .arg(file)
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    let text = String::from_utf8(out.stdout).unwrap();
    let json = serde_json::from_str(&text).unwrap_or_else(|e| {
        panic!(
            "{file}: exit {code} ({:?}), stdout not JSON ({e}): {:?}; stderr: {}",
            out.status,
            &text[..text.len().min(300)],
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (code, json)
}

#[cfg(unix)]
#[test]
fn memory_stays_flat_with_a_50_mb_cell_or_line() {
    const BIG: usize = 50 << 20;
    let dir = tempfile::tempdir().unwrap();
    // One 50 MB cell among ordinary ones: the applicant is checked with it cut, exit 1.
    let file = write_big(
        &dir,
        "hucre.csv",
        "ad;soyad;adres\nAli;Kaya;",
        b'x',
        BIG,
        "\n",
    );
    let (code, v) = run_in_little_memory(&file);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v[0]["normalized"]["soyad"], "KAYA");
    assert!(
        v.to_string().contains("denetlenmeden kesildi"),
        "{}",
        &v.to_string()[..500]
    );
    // The same cell quoted, with the separator inside.
    let file = write_big(&dir, "tirnak.csv", "adres;ad\n\"", b';', BIG, "\";Ali\n");
    let (code, v) = run_in_little_memory(&file);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v[0]["normalized"]["ad"], "ALİ");
    // A 50 MB line without separators: one value where the header has two, exit 2.
    let file = write_big(&dir, "satir.csv", "ad;soyad\n", b'x', BIG, "\n");
    let (code, v) = run_in_little_memory(&file);
    assert_eq!(code, 2, "{v}");
    assert!(v["error"].as_str().unwrap().contains("satır 2"), "{v}");
    // A 50 MB header line, and a line of 50 MB of separators: bad files, exit 2.
    let file = write_big(&dir, "baslik.csv", "", b'x', BIG, "\nA\n");
    let (code, v) = run_in_little_memory(&file);
    assert_eq!(code, 2, "{v}");
    assert!(
        v["error"].as_str().unwrap().contains("bilinmeyen sütun"),
        "{v}"
    );
    let file = write_big(&dir, "ayirici.csv", "ad;soyad\n", b';', BIG, "\n");
    let (code, v) = run_in_little_memory(&file);
    assert_eq!(code, 2, "{v}");
    // A 50 MB JSON string: cut, exit 1; a 50 MB JSON number: a bad file, exit 2.
    let file = write_big(
        &dir,
        "uzun.json",
        "[{\"ad\": \"Ali\", \"adres\": \"",
        b'x',
        BIG,
        "\"}]",
    );
    let (code, v) = run_in_little_memory(&file);
    assert_eq!(code, 1, "{v}");
    assert!(v.to_string().contains("denetlenmeden kesildi"));
    let file = write_big(&dir, "sayi.json", "{\"ad\": 1", b'1', BIG, "}");
    let (code, v) = run_in_little_memory(&file);
    assert_eq!(code, 2, "{v}");
    assert!(v["error"].as_str().unwrap().contains("uzun"), "{v}");
    // A 50 MB array as a field's value (`[1,1,…]`, 800 MB as values in memory): not text, a
    // bad file, exit 2, without holding it.
    let path = dir.path().join("dizi.json");
    let mut text = b"{\"ad\": [".to_vec();
    text.extend(b"1,".repeat(BIG / 2));
    text.extend(b"1]}");
    std::fs::write(&path, text).unwrap();
    let file = path.to_string_lossy().into_owned();
    let (code, v) = run_in_little_memory(&file);
    assert_eq!(code, 2, "{v}");
    assert!(
        v["error"]
            .as_str()
            .unwrap()
            .contains("'ad' alanı metin olmalı"),
        "{v}"
    );
}

#[test]
fn usage_errors_and_help_are_in_turkish() {
    let r = run(&["a.json", "--json=evet"]);
    assert_eq!(r.code, 2, "{}", r.out);
    assert!(r.err.contains("--json bir değer almaz"), "{}", r.err);
    assert!(
        r.err
            .contains("kullanım: cargo xtask check-form FILE [--json]"),
        "{}",
        r.err
    );
    let r = run(&["a.json", "b.json"]);
    assert!(r.err.contains("tek bir dosya verin"), "{}", r.err);
    let r = run(&["--help"]);
    assert_eq!(r.code, 0);
    assert!(
        r.out
            .starts_with("kullanım: cargo xtask check-form FILE [--json]\n"),
        "{}",
        r.out
    );
    assert!(r.out.contains("raporu JSON olarak yazar"), "{}", r.out);
    assert!(!r.out.contains("Usage"), "{}", r.out);
}

#[test]
fn json_syntax_errors_say_what_is_wrong_in_turkish() {
    let dir = tempfile::tempdir().unwrap();
    for (text, expected) in [
        ("{ not json", "alan adı tırnak içinde yazılmalı"),
        (r#"[{"ad": "A"},]"#, "fazladan virgül"),
        (r#"{"ad": "A""#, "kapanmadan dosya bitti"),
        (r#"{"ad" "A"}"#, ": bekleniyordu"),
    ] {
        let file = write(&dir, "s.json", text);
        let r = run(&[&file]);
        assert_eq!(r.code, 2, "{text}: {}", r.out);
        assert!(r.err.contains("JSON olarak okunamadı"), "{text}: {}", r.err);
        assert!(r.err.contains(expected), "{text}: {}", r.err);
        for english in ["expected", "EOF", "key must", "trailing"] {
            assert!(!r.err.contains(english), "{text}: {}", r.err);
        }
    }
}
