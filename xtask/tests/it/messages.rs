//! One language per audience (CONTRIBUTING's house rules): the string literals of the code a
//! content editor or the IT unit hears from (`build`, `serve`, `check-form`) carry no English
//! sentence. A Turkish message need not hold a Turkish letter ("tek bir dosya verin"), but an
//! English one cannot do without its small words, so the rule looks for those: a fixed list,
//! checked in the source text, with nothing timed or sampled.

/// The folders and files whose messages reach content editors and the IT unit. Developer
/// tooling (`test`, `bench`, `fuzz`, `setup`, `update-data`) may print English.
const USER_FACING: &[&str] = &[
    "xtask/src/site",
    "xtask/src/serve",
    "xtask/src/serve.rs",
    "xtask/src/cli",
    "xtask/src/check_form",
    "xtask/src/commands.rs",
];

/// Words an English sentence can hardly avoid and a Turkish one never uses. ("no" is not
/// here: Turkish writes "Kimlik No".)
const ENGLISH: &[&str] = &[
    "the", "is", "are", "was", "not", "must", "cannot", "could", "does", "did", "should", "would",
    "to", "of", "and", "or", "with", "from", "for", "while", "found", "invalid", "missing",
    "unknown", "failed", "refusing", "resolve", "error",
];

/// Calls whose string argument is matched against another program's English text, or states
/// an invariant to developers (a panic that a correct build never reaches).
const NOT_A_MESSAGE_AFTER: &[&str] = &[
    "strip_prefix(",
    "strip_suffix(",
    "starts_with(",
    "ends_with(",
    "split_once(",
    "rsplit_once(",
    "contains(",
    "find(",
    "replace(",
    "expect(",
    "panic!(",
    "unreachable!(",
];

/// A string literal of Rust code: its text (escapes as written) and where it starts.
struct Literal<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

/// The string literals of `code`, outside comments and character literals.
fn literals(code: &str) -> Vec<Literal<'_>> {
    let b = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = code[i..].find('\n').map_or(b.len(), |n| i + n);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = code[i..].find("*/").map_or(b.len(), |n| i + n + 2);
            }
            // 'x', '\n', '\'', '"': a character literal; a lone ' is a lifetime.
            b'\'' => {
                let rest = &code[i + 1..];
                let len = if rest.starts_with('\\') {
                    rest[2..].find('\'').map(|n| n + 3)
                } else {
                    rest.chars()
                        .next()
                        .filter(|c| rest[c.len_utf8()..].starts_with('\''))
                        .map(|c| c.len_utf8() + 1)
                };
                i += 1 + len.unwrap_or(0);
            }
            b'r' if code[i..].starts_with("r\"") || code[i..].starts_with("r#") => {
                let hashes = code[i + 1..].bytes().take_while(|&c| c == b'#').count();
                let open = i + 1 + hashes;
                if b.get(open) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                let end = code[open + 1..]
                    .find(&close)
                    .map_or(b.len(), |n| open + 1 + n);
                out.push(Literal {
                    text: &code[open + 1..end],
                    start: i,
                    end: (end + close.len()).min(b.len()),
                });
                i = end + close.len();
            }
            b'"' => {
                let mut j = i + 1;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                out.push(Literal {
                    text: &code[i + 1..j.min(b.len())],
                    start: i,
                    end: j + 1,
                });
                i = j + 1;
            }
            c if c.is_ascii_alphanumeric() || c == b'_' => {
                // An identifier: its 'r' is not a raw string's.
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// The English words of a literal, leaving out `{placeholders}` and escapes.
fn english_words(text: &str) -> Vec<&'static str> {
    let mut plain = String::new();
    let mut depth = 0usize;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '\\' => {
                chars.next();
                plain.push(' ');
            }
            c if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    // Words are split at spaces only, so `route_is` or `site.invalid` stays one name.
    let words: Vec<&str> = plain
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    // One word is a name, a key or a label ("error", "Not"), not a sentence.
    if words.len() < 2 {
        return Vec::new();
    }
    let mut found: Vec<&'static str> = words
        .iter()
        .filter_map(|w| ENGLISH.iter().find(|e| w.eq_ignore_ascii_case(e)).copied())
        .collect();
    found.dedup();
    found
}

/// The part of a Rust file before its test module (clippy keeps test modules last).
fn without_tests(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |i| &text[..i])
}

/// `path:line: …` for each English message in the user-facing files among `files`.
fn english_messages(files: &[(String, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, text) in files {
        if !USER_FACING.iter().any(|p| path.starts_with(p)) || !path.ends_with(".rs") {
            continue;
        }
        let code = without_tests(text);
        for lit in literals(code) {
            let before = code[..lit.start].trim_end();
            let after = code[lit.end..].trim_start();
            // A match arm's pattern, or the English side of a (English, Turkish) pair, is
            // another program's text being recognised, not a message written here.
            let recognised = after.starts_with("=>")
                || before.ends_with('(') && after.starts_with(',') && {
                    let next = after[1..].trim_start();
                    next.starts_with('"')
                        && !NOT_A_MESSAGE_AFTER.iter().any(|c| before.ends_with(c))
                };
            if recognised || NOT_A_MESSAGE_AFTER.iter().any(|c| before.ends_with(c)) {
                continue;
            }
            let words = english_words(lit.text);
            if !words.is_empty() {
                problems.push(format!(
                    "{path}:{}: \"{}\" reads as English ({}); content editors and the IT unit \
                     read Turkish (CONTRIBUTING, house rules)",
                    code[..lit.start].matches('\n').count() + 1,
                    lit.text.split_whitespace().collect::<Vec<_>>().join(" "),
                    words.join(", ")
                ));
            }
        }
    }
    problems
}

/// Every Rust file under the user-facing folders, as (path relative to the project, text):
/// the tidy test's walk of the sources, narrowed.
fn user_facing_sources() -> Vec<(String, String)> {
    let mut files = super::tidy::sources();
    files.retain(|(p, _)| USER_FACING.iter().any(|u| p.starts_with(u)));
    files
}

#[test]
fn messages_for_editors_and_the_it_unit_are_turkish() {
    let files = user_facing_sources();
    assert!(
        files.len() > 40,
        "found only {} user-facing files: is the walk broken?",
        files.len()
    );
    let problems = english_messages(&files);
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn an_english_message_is_reported() {
    let file = |text: &str| vec![("xtask/src/site/x.rs".to_string(), text.to_string())];
    let planted = "//! X.\nfn f() {\n    bail!(\"link to '{t}' does not resolve\");\n}\n";
    assert_eq!(
        english_messages(&file(planted)),
        [
            "xtask/src/site/x.rs:3: \"link to '{t}' does not resolve\" reads as English (to, does, not, \
          resolve); content editors and the IT unit read Turkish (CONTRIBUTING, house rules)"
        ]
    );
    for quiet in [
        // Turkish, with and without Turkish letters; placeholders and escapes are not words,
        // names are not split, one word is no sentence.
        "bail!(\"bağlantı '{target}' bulunamadı\");",
        "bail!(\"tek bir dosya verin: {the_file}\\n\");",
        "bail!(\"route_is('{name}'): wasm32-unknown-unknown site.invalid\");",
        "json!({ \"error\": m })",
        // Another program's English, recognised and translated.
        "match m { \"EOF while parsing a list\" => \"dizi bitmedi\", _ => m }",
        "const T: &[(&str, &str)] = &[(\"invalid key\", \"geçersiz anahtar\")];",
        "m.strip_prefix(\"unknown field \")",
        "x.expect(\"default delimiters are valid\")",
        "// bail!(\"the comment is not code\")",
        "let c = '\"'; let d = \"değer\";",
        "#[cfg(test)]\nmod tests { \"the tests may say it in English\" }",
    ] {
        assert_eq!(
            english_messages(&file(quiet)),
            Vec::<String>::new(),
            "{quiet}"
        );
    }
    let elsewhere = vec![("xtask/src/bench/x.rs".to_string(), planted.to_string())];
    assert!(english_messages(&elsewhere).is_empty(), "developer tooling");
}
