//! Offline use: `sw.js`, the service worker that keeps this site's own files after one visit
//! (site.toml `offline`, on by default). Its list of files and its version (a hash of their
//! contents) are written into it, so a new build is a new worker and old caches go. File names
//! go in percent-encoded, as pages link them, inside JSON string literals (serde_json).

use super::assets::{strip_comments, AssetUrls};
use super::owners::Outputs;
use super::paths::percent_encode_path;
use super::{archive, one_file};
use anyhow::Result;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// The worker's file name, beside the pages (its folder is its scope).
pub const WORKER: &str = "sw.js";

const KEEPER: &str = include_str!("offline/sw.js");
const RETIRER: &str = include_str!("offline/sw-kaldir.js");

/// The offline stage: `sw.js`, keeping what a browser asks for over http, so neither the
/// copies for other places (the one-file checker, the zip) nor the checker's wasm as a script
/// (only the one-file copy reads it from disk) nor the sitemap.
pub fn put(files: &mut Outputs, urls: &AssetUrls, on: bool) -> Result<()> {
    let disk_only = urls.get("checker-wasm.js").unwrap_or_default();
    let leave_out = [one_file::NAME, archive::NAME, disk_only, "sitemap.xml"];
    let worker = worker(files.files(), &leave_out, &urls.fingerprinted(), on);
    files.put(WORKER, worker.into_bytes())
}

/// `sw.js`: with `on`, the worker that keeps every file of `files` except `leave_out`;
/// without, the one that removes itself and its copies from browsers that installed it.
/// `fingerprinted` names the files whose name carries a hash of their content (served from
/// the saved copy first); the others (pages, content files) are asked from the network first.
pub fn worker(
    files: &BTreeMap<String, Vec<u8>>,
    leave_out: &[&str],
    fingerprinted: &BTreeSet<String>,
    on: bool,
) -> String {
    let js = |text: &str| {
        String::from_utf8(strip_comments(WORKER, text.as_bytes().to_vec())).unwrap_or_default()
    };
    if !on {
        return js(RETIRER);
    }
    let kept = kept(files, leave_out);
    let mut hash = Sha256::new();
    for name in &kept {
        hash.update(name.as_bytes());
        hash.update([0]);
        hash.update(&files[*name]);
    }
    let version: String = hash
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let urls: Vec<String> = kept.iter().map(|f| percent_encode_path(f)).collect();
    let fixed: Vec<String> = kept
        .iter()
        .filter(|f| fingerprinted.contains(**f))
        .map(|f| percent_encode_path(f))
        .collect();
    fill(
        &js(KEEPER),
        &[
            ("'__SURUM__'", format!("'{version}'")),
            ("__DOSYALAR__", js_literal(&urls)),
            ("__SABIT__", js_literal(&fixed)),
        ],
    )
}

/// `template` with each slot replaced by its value, in one pass: a value is never searched for
/// slots (a file may be named `__SABIT__.png`).
fn fill(template: &str, slots: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some((at, slot, value)) = slots
        .iter()
        .filter_map(|(slot, value)| rest.find(slot).map(|at| (at, *slot, value)))
        .min_by_key(|(at, _, _)| *at)
    {
        out.push_str(&rest[..at]);
        out.push_str(value);
        rest = &rest[at + slot.len()..];
    }
    out.push_str(rest);
    out
}

/// A JavaScript literal of `value`, written by serde_json; the line and paragraph separators,
/// which older engines do not accept inside string literals, are escaped too.
fn js_literal<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".into())
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// The files the worker keeps, sorted: every output file but `leave_out` and the worker.
fn kept<'a>(files: &'a BTreeMap<String, Vec<u8>>, leave_out: &[&str]) -> Vec<&'a str> {
    files
        .keys()
        .map(String::as_str)
        .filter(|f| *f != WORKER && !leave_out.contains(f))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(index: &str) -> BTreeMap<String, Vec<u8>> {
        [
            ("index.html", index),
            ("style.1234abcd.css", "body{}"),
            (".htaccess", "x"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
        .collect()
    }

    fn fixed() -> BTreeSet<String> {
        BTreeSet::from(["style.1234abcd.css".to_string()])
    }

    /// The JSON list written as `var NAME = […];`, parsed.
    fn list(worker: &str, name: &str) -> Vec<String> {
        let start = format!("var {name} = ");
        let from = worker
            .find(&start)
            .unwrap_or_else(|| panic!("{name}: {worker}"))
            + start.len();
        let end = from + worker[from..].find(";\n").unwrap();
        serde_json::from_str(&worker[from..end]).unwrap_or_else(|e| panic!("{e}: {worker}"))
    }

    #[test]
    fn lists_the_kept_files_and_versions_them_by_content() {
        let a = worker(&site("1"), &[".htaccess"], &fixed(), true);
        assert_eq!(list(&a, "DOSYALAR"), ["index.html", "style.1234abcd.css"]);
        assert_eq!(list(&a, "SABIT"), ["style.1234abcd.css"]);
        assert!(!a.contains("__"), "a placeholder was left: {a}");
        let same = worker(&site("1"), &[".htaccess"], &fixed(), true);
        let changed = worker(&site("2"), &[".htaccess"], &fixed(), true);
        assert_eq!(a, same, "the same files give the same worker");
        assert_ne!(a, changed, "changed content gives a new version");
    }

    /// Content file names with spaces, `#`, `?`, `%`, quotes, newlines and non-ASCII letters go
    /// into the list percent-encoded, inside valid string literals, and decode to the names.
    #[test]
    fn file_names_are_percent_encoded_json_strings() {
        let names = [
            "a b#c%?.png",
            "ş/Ğüzel ı.png",
            "q\"uote'</script>.png",
            "x\ny\u{2028}z\u{2029}.png",
            "__SABIT__.png",
            "%41.png",
            "style.1234abcd.css",
        ];
        let files: BTreeMap<String, Vec<u8>> = names
            .iter()
            .map(|n| (n.to_string(), vec![0, 159, 146, 150, 255]))
            .collect();
        let w = worker(&files, &[], &fixed(), true);
        let kept = list(&w, "DOSYALAR");
        let decoded: BTreeSet<String> = kept
            .iter()
            .map(|u| super::super::paths::percent_decode(u))
            .collect();
        assert_eq!(decoded, names.iter().map(|n| n.to_string()).collect());
        assert!(
            kept.contains(&"a%20b%23c%25%3F.png".to_string()),
            "{kept:?}"
        );
        assert!(
            kept.contains(&"%C5%9F/%C4%9E%C3%BCzel%20%C4%B1.png".to_string()),
            "{kept:?}"
        );
        assert!(
            kept.contains(&"%2541.png".to_string()),
            "a literal % is encoded: {kept:?}"
        );
        for u in &kept {
            assert!(
                u.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._~%/".contains(&b)),
                "{u}"
            );
        }
        assert_eq!(list(&w, "SABIT"), ["style.1234abcd.css"]);
        assert!(w.is_ascii(), "the worker is ASCII whatever the names");
        assert!(
            kept.contains(&"__SABIT__.png".to_string()),
            "a slot's name inside a file name is left alone: {kept:?}"
        );
    }

    #[test]
    fn off_writes_the_worker_that_removes_itself() {
        let w = worker(&site("1"), &[], &fixed(), false);
        assert!(w.contains("unregister()"));
        assert!(!w.contains("addAll"));
    }
}
