//! The closing table of `cargo xtask bench`: each figure issue 24 ("Fast again, room to
//! grow") set a number for, as the issue measured it, as this run measured it, and its target,
//! so a run shows at a glance what is met. Read from the run's own report: a section that was
//! skipped or failed shows "ölçülmedi", never an older figure.

use super::browser::numbers;
use super::common::{median_f64, print_table, section};
use serde_json::{json, Value};

/// The bench sections the goals read: the table is printed when one of them ran.
pub const READS: &[&str] = &["speed", "reload", "weights", "mobile"];

/// One figure of the issue.
struct Goal {
    what: &'static str,
    /// As the issue measured it on the day it was filed.
    then: &'static str,
    /// The target: the figure at most this.
    at_most: f64,
    /// Unit the figure is printed in: "ms", "KB" or "×".
    unit: &'static str,
    value: fn(&Value) -> Option<f64>,
    /// What the figure is made of, when it is a ratio: e.g. both tools' times.
    detail: fn(&Value) -> Option<String>,
}

/// No detail: the figure says it all.
fn none(_: &Value) -> Option<String> {
    None
}

/// "e-imza 299 ms, Hugo 427 ms": the 1,000-page medians behind a ratio, `key` being
/// `median_ms` (wall) or `median_cpu_ms`.
fn both_tools(report: &Value, key: &str) -> Option<String> {
    let row = corpus(report, "synthetic-1000")?;
    let own = row["own"][key].as_f64()?;
    let hugo = row["hugo"][key].as_f64()?;
    Some(format!(
        "e-imza {}, Hugo {}",
        number(own, "ms"),
        number(hugo, "ms")
    ))
}

fn corpus<'a>(report: &'a Value, name: &str) -> Option<&'a Value> {
    report["speed"]["corpora"]
        .as_array()?
        .iter()
        .find(|row| row["corpus"] == name)
}

const GOALS: &[Goal] = &[
    Goal {
        what: "1.000 sayfa, e-imza / Hugo (duvar)",
        then: "0,51× (e-imza 591 ms, Hugo 1.161 ms)",
        at_most: 0.3,
        unit: "×",
        value: |r| corpus(r, "synthetic-1000")?["ratio_own_to_hugo"].as_f64(),
        detail: |r| both_tools(r, "median_ms"),
    },
    Goal {
        what: "1.000 sayfa, e-imza / Hugo (cpu)",
        then: "0,52×",
        at_most: 0.3,
        unit: "×",
        value: |r| corpus(r, "synthetic-1000")?["cpu_ratio_own_to_hugo"].as_f64(),
        detail: |r| both_tools(r, "median_cpu_ms"),
    },
    Goal {
        what: "10.000 sayfa / 1.000 sayfa (duvar)",
        then: "ölçülmüyordu",
        at_most: 10.0,
        unit: "×",
        value: |r| r["speed"]["growth_10000_to_1000"]["wall"].as_f64(),
        detail: none,
    },
    Goal {
        what: "serve: kayıttan sayfada görünene",
        then: "103 ms",
        at_most: 40.0,
        unit: "ms",
        value: |r| r["reload"]["median_ms"].as_f64(),
        detail: none,
    },
    Goal {
        what: "kontrol.html ve yüklediği her şey (brotli)",
        then: "59,6–59,9 KB",
        at_most: 50.0,
        unit: "KB",
        value: |r| Some(r["weights"]["checker_page"]["brotli"].as_f64()? / 1024.0),
        detail: none,
    },
    Goal {
        what: "mobil öykünmede denetleyici hazır",
        then: "1.959 ms",
        at_most: 1200.0,
        unit: "ms",
        value: |r| median_f64(&numbers(&r["mobile"]["ready_ms"])),
        detail: none,
    },
    Goal {
        what: "tek dosyalık denetleyici (brotli)",
        then: "73,9 KB",
        at_most: 65.0,
        unit: "KB",
        value: |r| Some(r["weights"]["one_file"]["brotli"].as_f64()? / 1024.0),
        detail: none,
    },
];

/// A figure in Turkish notation: decimal comma, dot between thousands.
fn number(v: f64, unit: &str) -> String {
    let places = match unit {
        "ms" => 0,
        "KB" => 1,
        _ => 2,
    };
    let text = format!("{v:.places$}");
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let digits: Vec<char> = int.chars().collect();
    let mut grouped = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && digits[i - 1].is_ascii_digit() && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(*c);
    }
    let sep = if unit == "×" { "" } else { " " };
    if frac.is_empty() {
        format!("{grouped}{sep}{unit}")
    } else {
        format!("{grouped},{frac}{sep}{unit}")
    }
}

/// One row per goal: the figure, the figure, the target and whether it is met.
fn rows(report: &Value) -> Vec<(&'static Goal, Option<f64>, Option<bool>)> {
    GOALS
        .iter()
        .map(|g| {
            let v = (g.value)(report).filter(|v| v.is_finite());
            let met = v.map(|v| v <= g.at_most);
            (g, v, met)
        })
        .collect()
}

/// Prints the table and returns it for `bench.json`.
pub fn print(report: &Value) -> Value {
    section("Sorun 24'ün hedefleri: sorun açıldığında, bu ölçümde");
    let mut table = vec![vec![
        "ölçüt".to_string(),
        "sorun açıldığında".into(),
        "bu ölçüm".into(),
        "hedef".into(),
        "durum".into(),
    ]];
    let mut out = Vec::new();
    for (g, v, met) in rows(report) {
        table.push(vec![
            g.what.to_string(),
            g.then.to_string(),
            match (v, (g.detail)(report)) {
                (Some(v), Some(d)) => format!("{} ({d})", number(v, g.unit)),
                (Some(v), None) => number(v, g.unit),
                (None, _) => "ölçülmedi".into(),
            },
            format!("≤ {}", number(g.at_most, g.unit)),
            match met {
                Some(true) => "karşılandı".into(),
                Some(false) => "karşılanmadı".into(),
                None => "—".into(),
            },
        ]);
        out.push(
            json!({ "what": g.what, "then": g.then, "value": v, "at_most": g.at_most, "met": met }),
        );
    }
    print_table(&table);
    Value::Array(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_of_the_run_are_judged_against_their_targets() {
        let report = json!({
            "speed": {
                "corpora": [
                    { "corpus": "synthetic-100", "ratio_own_to_hugo": 0.1 },
                    {
                        "corpus": "synthetic-1000", "ratio_own_to_hugo": 0.65, "cpu_ratio_own_to_hugo": 0.29,
                        "own": { "median_ms": 299.4, "median_cpu_ms": 450.0 },
                        "hugo": { "median_ms": 427.0, "median_cpu_ms": 710.0 },
                    },
                ],
                "growth_10000_to_1000": { "wall": 10.6, "cpu": 9.9 },
            },
            "reload": { "median_ms": 36.0 },
            "weights": { "checker_page": { "brotli": 58510 }, "one_file": { "brotli": 60500 } },
            "mobile": { "ready_ms": [1300.0, 990.0, 997.0, 1010.0, 950.0] },
        });
        let got: Vec<(&str, Option<bool>)> =
            rows(&report).iter().map(|(g, _, m)| (g.what, *m)).collect();
        let met = |what: &str| got.iter().find(|(w, _)| w.starts_with(what)).unwrap().1;
        assert_eq!(met("1.000 sayfa, e-imza / Hugo (duvar)"), Some(false));
        assert_eq!(met("1.000 sayfa, e-imza / Hugo (cpu)"), Some(true));
        assert_eq!(met("10.000"), Some(false));
        assert_eq!(met("serve"), Some(true));
        assert_eq!(met("kontrol.html"), Some(false), "58,510 bytes is 57.1 KB");
        assert_eq!(
            met("mobil"),
            Some(true),
            "the median of five, not the worst"
        );
        assert_eq!(met("tek dosyalık"), Some(true));
        let detail = |what: &str| {
            let g = GOALS.iter().find(|g| g.what.starts_with(what)).unwrap();
            (g.detail)(&report)
        };
        assert_eq!(
            detail("1.000 sayfa, e-imza / Hugo (duvar)").as_deref(),
            Some("e-imza 299 ms, Hugo 427 ms")
        );
        assert_eq!(
            detail("1.000 sayfa, e-imza / Hugo (cpu)").as_deref(),
            Some("e-imza 450 ms, Hugo 710 ms")
        );
        assert_eq!(detail("serve"), None);
    }

    #[test]
    fn the_sections_read_are_sections_of_the_bench() {
        for section in READS {
            assert!(super::super::SECTIONS.contains(section), "{section}");
        }
    }

    #[test]
    fn a_section_not_run_is_not_measured_rather_than_met() {
        let all = rows(&json!({ "weights": { "error": "x" } }));
        assert!(all.iter().all(|(_, v, m)| v.is_none() && m.is_none()));
    }

    #[test]
    fn numbers_are_written_the_turkish_way() {
        assert_eq!(number(1959.4, "ms"), "1.959 ms");
        assert_eq!(number(57.14, "KB"), "57,1 KB");
        assert_eq!(number(0.3, "×"), "0,30×");
        assert_eq!(number(36.0, "ms"), "36 ms");
        assert_eq!(number(13204.0, "ms"), "13.204 ms");
        assert_eq!(number(-123.0, "ms"), "-123 ms");
        assert_eq!(number(-1234.0, "ms"), "-1.234 ms");
    }
}
