//! Tidy rules, checked by every `cargo test` (in the style of rust-analyzer's tidy test): every
//! source file says what it is for in its first line; field ids are written only in the
//! schema; the validator's library code cannot panic on `unwrap`; the README's command table
//! is `cargo xtask help`; no module imports a module that imports it back. Each rule is a
//! function of file texts, so the tests at the end can plant a violation and watch it fail.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use wasm_validator::schema::FieldId;
use xtask::commands::commands;

/// Folders never read: build output, downloaded packages, and test data (fixtures and
/// snapshots are inputs and expected outputs, not source).
const SKIP_DIRS: &[&str] = &[
    "target",
    "node_modules",
    ".git",
    "fixtures",
    "snapshots",
    "dist",
];

/// The folders holding the project's source, and the files at its root.
const SOURCE_ROOTS: &[&str] = &[
    "xtask",
    "wasm-validator",
    "tests",
    "site-templates",
    ".ci",
    ".cargo",
];
const ROOT_FILES: &[&str] = &["Cargo.toml", "rust-toolchain.toml"];

/// Every source file, as (path relative to the project, text).
pub(crate) fn sources() -> Vec<(String, String)> {
    let root = xtask::project_root();
    let mut paths: Vec<PathBuf> = ROOT_FILES.iter().map(|f| root.join(f)).collect();
    for dir in SOURCE_ROOTS {
        walk(&root.join(dir), &mut paths);
    }
    let mut out: Vec<(String, String)> = paths
        .into_iter()
        .filter_map(|p| {
            let text = fs::read_to_string(&p).ok()?;
            let rel = p
                .strip_prefix(&root)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            Some((rel, text))
        })
        .collect();
    out.sort();
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !SKIP_DIRS.contains(&name.as_str()) {
                walk(&path, out);
            }
        } else {
            out.push(path);
        }
    }
}

// ── Rule 1: every source file starts by saying what it is for ──

/// The comment a file of this kind must open with, or None for kinds the rule skips.
fn header_for(path: &str) -> Option<&'static [&'static str]> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.').map(|(_, e)| e);
    match (name, ext) {
        ("run", None) => Some(&["#!"]),
        (_, Some("rs")) => Some(&["//!"]),
        (_, Some("mjs" | "js")) => Some(&["//", "/*"]),
        (_, Some("css")) => Some(&["/*"]),
        (_, Some("html")) => Some(&["{#"]),
        (_, Some("toml")) => Some(&["#"]),
        _ => None,
    }
}

fn missing_headers(files: &[(String, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, text) in files {
        let Some(starts) = header_for(path) else {
            continue;
        };
        let mut lines = text.lines();
        let mut first = lines.next().unwrap_or("");
        if first.starts_with("#!") {
            // A script: the comment comes after the interpreter line.
            first = lines.next().unwrap_or("");
            if !first.starts_with('#') {
                problems.push(format!(
                    "{path}:2: say what the script is for in a # comment"
                ));
            }
            continue;
        }
        if !starts.iter().any(|s| first.starts_with(s)) {
            problems.push(format!(
                "{path}:1: start with a comment saying what the file is for ({})",
                starts.join(" or ")
            ));
        }
    }
    problems
}

#[test]
fn every_source_file_says_what_it_is_for() {
    let files = sources();
    assert!(
        files.len() > 100,
        "found only {} source files: is the walk broken?",
        files.len()
    );
    assert_none(missing_headers(&files));
}

// ── Rule 2: field ids are written only in the schema ──

/// Code that may write a field id as text, and why.
const FIELD_ID_ALLOWED: &[(&str, &str, &str)] = &[
    ("xtask/src/site/config.rs", "il", "the site.toml key `il`"),
    (
        "xtask/src/bench/corpus.rs",
        "il",
        "a word of the synthetic corpus",
    ),
    (
        "xtask/src/bench/corpus.rs",
        "birim",
        "a word of the synthetic corpus",
    ),
    (
        "xtask/src/bench/corpus.rs",
        "adres",
        "a word of the synthetic corpus",
    ),
    (
        "xtask/src/bench/corpus.rs",
        "unvan",
        "a word of the synthetic corpus",
    ),
    (
        "site-templates/components/kisi.html",
        "birim",
        "the contact component's `kim` argument",
    ),
];

/// Code that runs: the builder's and the validator's library code (without its test module)
/// and the templates. Tests may spell ids out: they pin the names files and pages use.
fn is_code(path: &str) -> bool {
    (path.starts_with("xtask/src/") || path.starts_with("wasm-validator/src/"))
        && path.ends_with(".rs")
        || path.starts_with("site-templates/")
}

/// The part of a Rust file before its test module (clippy keeps test modules last).
fn without_tests(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |i| &text[..i])
}

fn field_id_literals(files: &[(String, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut used_allowances = BTreeSet::new();
    for (path, text) in files {
        if !is_code(path) || path == "wasm-validator/src/schema.rs" {
            continue;
        }
        for (n, line) in without_tests(text).lines().enumerate() {
            for id in FieldId::ALL.map(FieldId::as_str) {
                let quoted = ["\"", "'"].map(|q| format!("{q}{id}{q}"));
                if !quoted.iter().any(|q| line.contains(q.as_str())) {
                    continue;
                }
                match FIELD_ID_ALLOWED
                    .iter()
                    .position(|(p, i, _)| p == path && *i == id)
                {
                    Some(k) => {
                        used_allowances.insert(k);
                    }
                    None => problems.push(format!(
                        "{path}:{}: the field id \"{id}\" is written as text; use FieldId::…",
                        n + 1
                    )),
                }
            }
        }
    }
    for (k, (path, id, why)) in FIELD_ID_ALLOWED.iter().enumerate() {
        if !used_allowances.contains(&k) && files.iter().any(|(p, _)| p == path) {
            problems.push(format!(
                "tidy.rs: the allowance for \"{id}\" in {path} ({why}) is no longer needed"
            ));
        }
    }
    problems
}

#[test]
fn field_ids_are_written_only_in_the_schema() {
    assert_none(field_id_literals(&sources()));
}

// ── Rule 3: the validator's library code has no unwrap ──

/// The attribute that makes clippy (a stage of `cargo xtask test`) refuse `unwrap`, `expect`
/// and `panic!` outside the validator's tests.
const NO_PANIC_LINT: &str =
    "#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]";

fn validator_can_panic(files: &[(String, String)]) -> Vec<String> {
    let lib = files.iter().find(|(p, _)| p == "wasm-validator/src/lib.rs");
    match lib {
        Some((_, text)) if squeeze(text).contains(&squeeze(NO_PANIC_LINT)) => Vec::new(),
        _ => vec![format!(
            "wasm-validator/src/lib.rs:1: keep `{NO_PANIC_LINT}`: the rules must not panic"
        )],
    }
}

/// Text without white space (rustfmt may wrap the attribute).
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn validator_library_code_cannot_unwrap() {
    assert_none(validator_can_panic(&sources()));
}

// ── Rule 4: the README's command table is `cargo xtask help` ──

fn readme_commands(readme: &str) -> Vec<String> {
    readme
        .lines()
        .filter_map(|l| l.strip_prefix("| `cargo xtask "))
        .filter_map(|rest| rest.split_once("` |"))
        .map(|(synopsis, _)| format!("cargo xtask {synopsis}"))
        .collect()
}

fn readme_table_problems(readme: &str) -> Vec<String> {
    let documented = readme_commands(readme);
    let known: Vec<String> = commands().iter().map(|c| c.synopsis()).collect();
    if documented == known {
        return Vec::new();
    }
    let mut problems = Vec::new();
    for k in known.iter().filter(|k| !documented.contains(k)) {
        problems.push(format!(
            "README.md: the command table lacks `{k}` (as xtask/src/commands.rs writes it)"
        ));
    }
    for d in documented.iter().filter(|d| !known.contains(d)) {
        problems.push(format!(
            "README.md: the command table has `{d}`, which `cargo xtask help` does not"
        ));
    }
    if problems.is_empty() {
        problems
            .push("README.md: the command table is not in the order of `cargo xtask help`".into());
    }
    problems
}

#[test]
fn readme_command_table_is_cargo_xtask_help() {
    let readme = fs::read_to_string(xtask::project_root().join("README.md")).expect("README");
    assert_none(readme_table_problems(&readme));
}

// ── Rule 5: no import cycles ──

/// Module paths of a crate's files: `src/site/mod.rs` and `src/site.rs` are `site`,
/// `src/bench/common.rs` is `bench::common`, `src/lib.rs` is the root "".
fn module_of(path_in_src: &str) -> String {
    let p = path_in_src.trim_end_matches(".rs");
    let p = p.strip_suffix("/mod").unwrap_or(p);
    match p {
        "lib" | "main" => String::new(),
        _ => p.replace('/', "::"),
    }
}

/// Child modules a file declares (`mod x;`).
fn declared_children(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter_map(|l| {
            let l = l.strip_prefix("pub ").unwrap_or(l);
            let l = l.strip_prefix("pub(crate) ").unwrap_or(l);
            l.strip_prefix("mod ")?
                .strip_suffix(';')
                .map(str::to_string)
        })
        .collect()
}

/// Which module a path names: the longest run of its segments that is a module, starting
/// from `base`.
fn resolve(modules: &BTreeSet<String>, base: &str, segments: &[&str]) -> String {
    let mut current = base.to_string();
    for seg in segments {
        let next = if current.is_empty() {
            seg.to_string()
        } else {
            format!("{current}::{seg}")
        };
        if modules.contains(&next) {
            current = next;
        } else {
            break;
        }
    }
    current
}

fn parent(module: &str) -> &str {
    module.rsplit_once("::").map_or("", |(p, _)| p)
}

/// Paths in the code (`crate::a::b`, `super::x`, `child::f`), braces expanded: `use
/// super::{a, b::c}` gives `super::a` and `super::b::c`.
fn paths_in(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = bytes[i].is_alphabetic()
            && (i == 0
                || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_' || bytes[i - 1] == ':'));
        if !starts_word {
            i += 1;
            continue;
        }
        let (segments, end) = read_path(&bytes, i);
        out.extend(segments);
        i = end.max(i + 1);
    }
    out
}

/// Reads `a::b::{c, d::e}` at `start`; returns every full path and where it ended.
fn read_path(chars: &[char], start: usize) -> (Vec<Vec<String>>, usize) {
    let mut prefix = Vec::new();
    let mut i = start;
    loop {
        let word_start = i;
        while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
            i += 1;
        }
        if i == word_start {
            break;
        }
        prefix.push(chars[word_start..i].iter().collect::<String>());
        if chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&':') {
            i += 2;
            if chars.get(i) == Some(&'{') {
                // A group: split at top-level commas.
                let mut depth = 0;
                let mut j = i + 1;
                let mut item_start = j;
                let mut out = Vec::new();
                while j < chars.len() {
                    match chars[j] {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            out.extend(group_item(&prefix, &chars[item_start..j]));
                            item_start = j + 1;
                        }
                        _ => {}
                    }
                    j += 1;
                }
                out.extend(group_item(&prefix, &chars[item_start..j.min(chars.len())]));
                return (out, j + 1);
            }
            continue;
        }
        break;
    }
    if prefix.len() < 2 {
        return (Vec::new(), i);
    }
    (vec![prefix], i)
}

fn group_item(prefix: &[String], item: &[char]) -> Vec<Vec<String>> {
    let text: String = item.iter().collect();
    let text = text.trim();
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return Vec::new();
    }
    let (inner, _) = read_path(&chars, 0);
    if inner.is_empty() {
        // A single name (`self`, `Bench`): the prefix and that name.
        let name: String = chars
            .iter()
            .take_while(|c| c.is_alphanumeric() || **c == '_')
            .collect();
        let mut p = prefix.to_vec();
        if name != "self" && !name.is_empty() {
            p.push(name);
        }
        return vec![p];
    }
    inner
        .into_iter()
        .map(|tail| prefix.iter().cloned().chain(tail).collect())
        .collect()
}

/// Module → modules it uses, for one crate's files (`(path under src/, text)`).
fn module_graph(files: &[(String, String)]) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<String> = files.iter().map(|(p, _)| module_of(p)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in files {
        let me = module_of(path);
        let children = declared_children(text);
        let code = without_tests(text);
        let code: String = code
            .lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        let uses = graph.entry(me.clone()).or_default();
        for segs in paths_in(&code) {
            let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
            let target = match segs[0] {
                "crate" => resolve(&modules, "", &segs[1..]),
                "super" => {
                    let mut base = parent(&me).to_string();
                    let mut rest = &segs[1..];
                    while rest.first() == Some(&"super") {
                        base = parent(&base).to_string();
                        rest = &rest[1..];
                    }
                    resolve(&modules, &base, rest)
                }
                "self" => resolve(&modules, &me, &segs[1..]),
                first if children.iter().any(|c| c == first) => resolve(&modules, &me, &segs),
                _ => continue,
            };
            if target != me && modules.contains(&target) {
                uses.insert(target);
            }
        }
    }
    graph
}

/// Every cycle's modules, each cycle once.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let mut found: Vec<Vec<String>> = Vec::new();
    for start in graph.keys() {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        while let Some((node, path)) = stack.pop() {
            for next in graph.get(&node).into_iter().flatten() {
                if next == start {
                    let mut cycle = path.clone();
                    let min = cycle
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, m)| *m)
                        .map(|(i, _)| i);
                    cycle.rotate_left(min.unwrap_or(0));
                    if !found.contains(&cycle) {
                        found.push(cycle);
                    }
                } else if !path.contains(next) && next > start {
                    let mut p = path.clone();
                    p.push(next.clone());
                    stack.push((next.clone(), p));
                }
            }
        }
    }
    found
}

fn import_cycles(files: &[(String, String)], crate_src: &str) -> Vec<String> {
    let in_crate: Vec<(String, String)> = files
        .iter()
        .filter_map(|(p, t)| {
            let rel = p.strip_prefix(crate_src)?;
            rel.ends_with(".rs").then(|| (rel.to_string(), t.clone()))
        })
        .collect();
    cycles(&module_graph(&in_crate))
        .into_iter()
        .map(|c| {
            let shown: Vec<String> = c
                .iter()
                .chain(c.first())
                .map(|m| {
                    if m.is_empty() {
                        "crate".into()
                    } else {
                        m.clone()
                    }
                })
                .collect();
            format!("{crate_src}: import cycle {}", shown.join(" → "))
        })
        .collect()
}

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    let files = sources();
    let mut problems = import_cycles(&files, "xtask/src/");
    problems.extend(import_cycles(&files, "wasm-validator/src/"));
    let graph_size: usize = files
        .iter()
        .filter(|(p, _)| p.starts_with("xtask/src/site/"))
        .count();
    assert!(graph_size > 10, "the builder's modules were not found");
    assert_none(problems);
}

fn assert_none(problems: Vec<String>) {
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

// ── Each rule fails on a planted violation ──

fn file(path: &str, text: &str) -> (String, String) {
    (path.to_string(), text.to_string())
}

#[test]
fn planted_violations_are_reported() {
    assert_eq!(
        missing_headers(&[
            file("xtask/src/a.rs", "use x;\n"),
            file("xtask/src/b.rs", "//! B.\n"),
            file("site-templates/a.css", ".x{}\n"),
            file(".ci/run", "#!/bin/sh\nset -e\n"),
        ]),
        [
            "xtask/src/a.rs:1: start with a comment saying what the file is for (//!)",
            "site-templates/a.css:1: start with a comment saying what the file is for (/*)",
            ".ci/run:2: say what the script is for in a # comment",
        ]
    );

    let id = FieldId::PostaKodu.as_str();
    let planted = format!(
        "//! X.\nfn f() {{ form.get_named(\"{id}\"); }}\n#[cfg(test)]\nmod tests {{ \"{id}\" }}\n"
    );
    assert_eq!(
        field_id_literals(&[file("xtask/src/x.rs", &planted)]),
        [format!(
            "xtask/src/x.rs:2: the field id \"{id}\" is written as text; use FieldId::…"
        )],
        "found in code, not in the test module"
    );
    let stale = field_id_literals(&[file("xtask/src/site/config.rs", "//! C.\n")]);
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert!(stale[0].contains("no longer needed"), "{stale:?}");

    assert_eq!(
        validator_can_panic(&[file("wasm-validator/src/lib.rs", "//! Rules.\n")]).len(),
        1
    );

    let good: String = commands()
        .iter()
        .map(|c| format!("| `{}` | … |\n", c.synopsis()))
        .collect();
    assert!(readme_table_problems(&good).is_empty());
    let missing_flag = good.replacen(" [--json]", "", 1);
    assert_eq!(
        readme_table_problems(&missing_flag).len(),
        2,
        "one lacking, one unknown"
    );

    let cyclic = [
        file("lib.rs", "//! L.\npub mod a;\npub mod b;\n"),
        file("a.rs", "//! A.\nuse crate::b::{self, B};\n"),
        file("b.rs", "//! B.\nmod c;\npub fn f() { c::g() }\n"),
        file("b/c.rs", "//! C.\nuse super::super::a::A;\n"),
    ];
    assert_eq!(
        cycles(&module_graph(&cyclic)),
        [vec!["a".to_string(), "b".into(), "b::c".into()]]
    );
    let acyclic = &cyclic[..3];
    assert!(cycles(&module_graph(acyclic)).is_empty());
}
