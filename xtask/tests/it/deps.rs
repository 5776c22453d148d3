//! Tidy rule for dependencies, as rust-analyzer's tidy checks its licences: every crate built
//! for the two targets the project builds for, this machine and wasm32 (read with `cargo
//! metadata --locked --offline --filter-platform`: crates only other platforms use are never
//! downloaded here, so offline their manifests cannot be read) has a licence expression on the
//! allow-list below, and every crate that is there in two versions is listed with the reason.
//! A new licence or a new duplicate fails this test; so does an entry that is no longer needed,
//! so the lists stay true.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use serde_json::Value;

/// Every licence expression in the lock file, as the crates write them. Each offers MIT,
/// Apache-2.0 or another permissive licence that asks no more than a notice; where that is not
/// obvious, why it is fine.
const LICENCES: &[(&str, &str)] = &[
    (
        "(MIT OR Apache-2.0) AND Unicode-3.0",
        "unicode-ident: its tables under the Unicode licence (permissive, notice only)",
    ),
    ("Apache-2.0", ""),
    ("Apache-2.0 / MIT", ""),
    ("Apache-2.0 OR MIT", ""),
    ("Apache-2.0 WITH LLVM-exception OR Apache-2.0 OR MIT", ""),
    ("BSD-2-Clause", "hyper-tungstenite: permissive, notice only"),
    ("CC0-1.0", "notify: public-domain dedication, asks nothing"),
    ("ISC", "inotify: permissive, notice only"),
    ("MIT", ""),
    ("MIT OR Apache-2.0", ""),
    ("MIT/Apache-2.0", ""),
    (
        "Unicode-3.0",
        "ICU4X (under url's IDNA): the Unicode licence, permissive, notice only",
    ),
    ("Unlicense OR MIT", ""),
    ("Unlicense/MIT", ""),
    (
        "Zlib",
        "foldhash, zlib-rs: permissive, no notice even needed in binaries",
    ),
];

/// Crates in the lock file in more than one version, each with why both are there.
const DUPLICATES: &[(&str, &str)] = &[
    ("block-buffer", "with digest: one per digest version"),
    ("cpufeatures", "sha2 0.10 uses 0.2; sha1 0.11 (tungstenite's handshake) and chacha20 (proptest's rand) use 0.3"),
    ("crypto-common", "with digest: one per digest version"),
    ("digest", "sha2 0.10 (asset hashes) and sha1 0.11 (tungstenite's WebSocket handshake) are of two RustCrypto generations"),
    ("hashbrown", "wasmparser (under wasm-bindgen-cli-support) pins 0.16, indexmap uses 0.17"),
    ("syn", "walrus-macro (under wasm-bindgen-cli-support, walrus) is still on syn 2"),
];

/// Licence expression (or what stands for one) of every package, by `name version`.
fn licences(metadata: &Value) -> BTreeMap<String, String> {
    metadata["packages"]
        .as_array()
        .expect("cargo metadata lists packages")
        .iter()
        .map(|p| {
            let licence = p["license"]
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| format!("(no licence expression; file {})", p["license_file"]));
            (
                format!(
                    "{} {}",
                    p["name"].as_str().unwrap_or("?"),
                    p["version"].as_str().unwrap_or("?")
                ),
                licence,
            )
        })
        .collect()
}

/// What is wrong with the crates' licences and versions, against the two lists.
fn dependency_problems(
    packages: &BTreeMap<String, String>,
    licences: &[(&str, &str)],
    duplicates: &[(&str, &str)],
) -> Vec<String> {
    let mut problems = Vec::new();
    let allowed: BTreeSet<&str> = licences.iter().map(|(l, _)| *l).collect();
    let mut used = BTreeSet::new();
    let mut versions: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (package, licence) in packages {
        let (name, version) = package.split_once(' ').unwrap_or((package, ""));
        versions.entry(name).or_default().push(version);
        if allowed.contains(licence.as_str()) {
            used.insert(licence.as_str());
        } else {
            problems.push(format!(
                "{package}: licence '{licence}' is not on the allow-list (deps.rs LICENCES: add it with why it is fine, or drop the crate)"
            ));
        }
    }
    for unused in allowed.difference(&used) {
        problems.push(format!(
            "licence '{unused}' is allowed but no crate has it any more: remove it from LICENCES"
        ));
    }
    let explained: BTreeSet<&str> = duplicates.iter().map(|(n, _)| *n).collect();
    for (name, found) in &versions {
        if found.len() > 1 && !explained.contains(name) {
            problems.push(format!(
                "{name} is in the lock file in versions {}: unify them, or add it to DUPLICATES with why",
                found.join(", ")
            ));
        }
    }
    for name in explained {
        if versions.get(name).is_none_or(|v| v.len() < 2) {
            problems.push(format!(
                "{name} is no longer in two versions: remove it from DUPLICATES"
            ));
        }
    }
    problems
}

#[test]
fn dependencies_have_allowed_licences_and_explained_duplicates() {
    let rustc = Command::new("rustc")
        .arg("-vV")
        .output()
        .expect("rustc -vV runs");
    let rustc = String::from_utf8_lossy(&rustc.stdout).to_string();
    let host = rustc.lines().find_map(|l| l.strip_prefix("host: "));
    let host = host.expect("rustc -vV names the host");
    let out = Command::new(xtask::tools::cargo())
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .args(["--filter-platform", host])
        .args(["--filter-platform", "wasm32-unknown-unknown"])
        .current_dir(xtask::project_root())
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let metadata: Value = serde_json::from_slice(&out.stdout).expect("cargo metadata's JSON");
    let packages = licences(&metadata);
    assert!(packages.len() > 50, "the lock file's crates were not found");
    let problems = dependency_problems(&packages, LICENCES, DUPLICATES);
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));

    // The same lists against the real lock file with one crate under a new licence and a
    // second version of serde planted: both are caught.
    let mut planted = packages;
    planted.insert("planted 1.0.0".to_string(), "GPL-3.0-only".to_string());
    let serde = planted.keys().find(|p| p.starts_with("serde ")).cloned();
    let serde = serde.expect("serde is in the lock file");
    planted.insert("serde 0.0.1".to_string(), planted[&serde].clone());
    let problems = dependency_problems(&planted, LICENCES, DUPLICATES);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].starts_with("planted 1.0.0: licence 'GPL-3.0-only'"));
    assert!(problems[1].starts_with("serde is in the lock file in versions 0.0.1, "));
}

#[test]
fn a_new_licence_or_duplicate_is_reported() {
    let packages: BTreeMap<String, String> = [
        ("a 1.0.0", "MIT"),
        ("b 1.0.0", "GPL-3.0-only"),
        ("c 1.0.0", "MIT"),
        ("c 2.0.0", "MIT"),
        ("d 1.0.0", "Apache-2.0"),
        ("d 2.0.0", "Apache-2.0"),
    ]
    .into_iter()
    .map(|(p, l)| (p.to_string(), l.to_string()))
    .collect();
    let problems = dependency_problems(
        &packages,
        &[("MIT", ""), ("Apache-2.0", ""), ("BSD-2-Clause", "")],
        &[("d", "why"), ("e", "why")],
    );
    assert_eq!(
        problems.len(),
        4,
        "GPL, unused BSD, unexplained c, stale e: {problems:#?}"
    );
    assert!(problems[0].starts_with("b 1.0.0: licence 'GPL-3.0-only'"));
    assert!(problems[1].contains("'BSD-2-Clause' is allowed but no crate"));
    assert!(problems[2].starts_with("c is in the lock file in versions 1.0.0, 2.0.0"));
    assert!(problems[3].starts_with("e is no longer in two versions"));
}
