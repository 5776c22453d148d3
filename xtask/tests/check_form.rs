//! Tests of `cargo xtask check-form`: JSON and CSV input, text and `--json` output, exit codes
//! and one-line errors for bad files.

use std::path::PathBuf;
use wasm_validator::form::example_form;
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
    assert_eq!(normalized.len(), 20);
    // Portal order is kept in the JSON text.
    let text = &r.out;
    assert!(text.find("\"yayin_tercihi\"").unwrap() < text.find("\"bilgi_kanali\"").unwrap());
}

#[test]
fn csv_with_semicolons_bom_and_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let form = example_form();
    let ids: Vec<&str> = form.iter().map(|(k, _)| k).collect();
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
