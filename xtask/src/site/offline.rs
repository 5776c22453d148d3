//! Offline use: `sw.js`, the service worker that keeps this site's own files after one visit
//! (site.toml `offline`, on by default). Its list of files and its version (a hash of their
//! contents) are written into it, so a new build is a new worker and old caches go.

use super::assets::strip_comments;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The worker's file name, beside the pages (its folder is its scope).
pub const WORKER: &str = "sw.js";

const KEEPER: &str = include_str!("offline/sw.js");
const RETIRER: &str = include_str!("offline/sw-kaldir.js");

/// `sw.js`: with `on`, the worker that keeps every file of `files` except `leave_out`;
/// without, the one that removes itself and its copies from browsers that installed it.
pub fn worker(files: &BTreeMap<String, Vec<u8>>, leave_out: &[&str], on: bool) -> String {
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
    js(KEEPER)
        .replace("'__SURUM__'", &format!("'{version}'"))
        .replace(
            "__DOSYALAR__",
            &serde_json::to_string(&kept).unwrap_or_else(|_| "[]".into()),
        )
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

    #[test]
    fn lists_the_kept_files_and_versions_them_by_content() {
        let a = worker(&site("1"), &[".htaccess"], true);
        assert!(
            a.contains(r#"var DOSYALAR = ["index.html","style.1234abcd.css"];"#),
            "{a}"
        );
        assert!(!a.contains("__"), "a placeholder was left: {a}");
        let same = worker(&site("1"), &[".htaccess"], true);
        let changed = worker(&site("2"), &[".htaccess"], true);
        assert_eq!(a, same, "the same files give the same worker");
        assert_ne!(a, changed, "changed content gives a new version");
    }

    #[test]
    fn off_writes_the_worker_that_removes_itself() {
        let w = worker(&site("1"), &[], false);
        assert!(w.contains("unregister()"));
        assert!(!w.contains("addAll"));
    }
}
