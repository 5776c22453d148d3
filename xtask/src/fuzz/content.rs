//! Fuzz target `content`: page files through `content::parse_page` (front matter, routes,
//! sources, slugs) and `markdown::render`, then into the search index. Invariants: no panic;
//! every input done within the time bound (the engine's); errors name the page and a line of
//! it; a parsed page has a valid slug and a title, and its body is the end of the file;
//! heading ids are unique; link lines are lines of the body; the search index built from the
//! page reads back (`Index::decode`); and a differential oracle for the raw-HTML policy: a body
//! the builder accepts, written into the real page template and parsed by html5ever, has no
//! script but the template's own, no event-handler attribute, no `javascript:`, `data:` or
//! `vbscript:` address, no meta refresh and no `<base>`.

use super::target::{ensure, Failure, Features, Input, Target};
use crate::site::config::Route;
use crate::site::content::parse_page;
use crate::site::markdown::{render, NoComponents, Rendered, TocEntry};
use crate::site::sanitize::{self, signature, Signature};
use crate::site::search_index::{self, PageInput};
use std::collections::HashSet;
use std::sync::OnceLock;
use std::time::Duration;
use wasm_validator::search::Index;

const SHOWN_DIR: &str = "content/";

pub fn target() -> Target {
    Target {
        name: "content",
        about: "page files → parse_page → markdown::render → search index: no panic, each input \
                within the time bound, errors with a line, unique heading ids, index reads back",
        fields: &["rel", "start", "front", "body"],
        min_fields: 4,
        max_fields: 4,
        max_len: 64 * 1024,
        // Pages are rendered on rayon's worker threads, whose stacks are 2 MiB.
        stack: 2 << 20,
        seeds,
        samples,
        tokens: TOKENS,
        // The invariant asked of the builder: bounded time per page.
        time_limit: Some(Duration::from_secs(2)),
        check,
    }
}

/// Markdown, HTML and front matter fragments: many of them repeated make many links, deep
/// nesting and long tables.
const TOKENS: &[&str] = &[
    "\n",
    "\n\n",
    "## ",
    "### ",
    "#### ",
    "# ",
    "{#id}",
    "{#a\"b}",
    "{#x .c k=v}",
    " {#",
    "[x](adim-1.html#a)",
    "[y](#yerel)",
    "![r](r.svg)",
    "[ref]",
    "[ref]: sss.html\n",
    "<https://a.b>",
    "<a href=\"sss.html\">",
    "</a>",
    "<a href='x'",
    "<div>",
    "</div>",
    "<img src=x>",
    "<!--",
    "-->",
    "<details><summary>",
    "<br>",
    "&amp;",
    "&#x0;",
    "&quot;",
    "> ",
    "> [!WARNING]\n> ",
    "> [!TIP]\n",
    "- ",
    "  - ",
    "1. ",
    "* ",
    "+ ",
    "- [ ] ",
    "- [x] ",
    "```\n",
    "```ekran\n",
    "~~~",
    "`",
    "``",
    "**",
    "__",
    "*",
    "_",
    "~~",
    "|a|b|\n|-|-|\n",
    "| ",
    "|",
    "[^1]",
    "[^1]: dipnot\n",
    "    ",
    "\t",
    "---\n",
    "***\n",
    "===\n",
    "\\",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "+++\n",
    "+++\r\n",
    "title = \"Başlık\"\n",
    "factual = false\n",
    "description = \"d\"\n",
    "[[sources]]\ntitle = \"t\"\nurl = \"seed\"\nchecked = 2026-11-30\n",
    "url = \"https://x.y\"\n",
    "checked = 2026-13-45\n",
    "checked = 1979-05-27T07:32:00Z\n",
    "route = \"kisi-odemeli\"\n",
    "route = \"yok\"\n",
    "[step]\nnumbered = true\nsummary = \"s\"\n",
    "[step]\nlabel = \"Önce\"\nsummary = \"s\"\n",
    "[[step.tasks]]\ntext = \"t\"\nhref = \"adim-1.html#a\"\n",
    "[route.kisi-odemeli]\n",
    "[route.mebbis-birimi]\ntitle = \"\"\n",
    "[route.yok]\n",
    "slug = \"a-b\"\n",
    "slug = \"\"\n",
    "template = \"adim\"\n",
    "order = -9223372036854775808\n",
    "aliases = [\"a.html\"]\n",
    "in_menu = false\n",
    "[extra]\narama = false\n",
    "\"\"\"",
    "'''",
    "= ",
    "[[",
    "]]",
    "{ ",
    " }",
    "bilinmeyen = 1\n",
    "\\u0000",
    "\u{feff}",
];

/// The handbook's own pages, split into the fields, and small synthetic pages.
fn seeds() -> Vec<Input> {
    let mut seeds = Vec::new();
    let dir = crate::project_root().join("content");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
    {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let rel = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if let (Some(rel), Some(input)) = (rel, split(&text)) {
            seeds.push(with_rel(rel, input));
        }
    }
    let page = |front: &str, body: &str| {
        vec![
            "sayfa.md".to_string(),
            "+++\n".to_string(),
            front.to_string(),
            body.to_string(),
        ]
    };
    let minimal = "title = \"Deneme\"\nfactual = false";
    seeds.push(page(minimal, ""));
    seeds.push(page(
        minimal,
        "## Başlık\n\n### Alt {#alt}\n\n[a](sss.html#puk) <a href=\"x.html\">x</a>\n\n\
         > [!NOTE]\n> not\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nDipnot[^1].\n\n[^1]: D.\n",
    ));
    seeds.push(page(
        "title = \"Adım\"\n[[sources]]\ntitle = \"Kaynak\"\nurl = \"seed\"\nchecked = 2026-11-30\n\
         route = \"kisi-odemeli\"\n[step]\nnumbered = true\nsummary = \"Özet\"\n[[step.tasks]]\n\
         text = \"Giriş\"\nhref = \"adim-1.html#a1\"\nroute = \"mebbis-birimi\"\n\
         [route.kisi-odemeli]\ntitle = \"Öteki\"",
        "- bir\n  - iki\n    - üç\n\n1. a\n2. b\n\n```\nkod\n```\n",
    ));
    seeds
}

/// `+++\nfront\n+++\nbody` into the fields (None if the file has no front matter).
fn split(text: &str) -> Option<Input> {
    let rest = text.strip_prefix("+++\n")?;
    let end = rest.find("\n+++\n")?;
    Some(vec![
        String::new(),
        "+++\n".to_string(),
        rest[..end].to_string(),
        rest[end + 5..].to_string(),
    ])
}

fn with_rel(rel: String, mut input: Input) -> Input {
    input[0] = rel;
    input
}

fn samples(i: usize) -> Vec<String> {
    let list: &[&str] = match i {
        0 => &[
            "index.md",
            "sss.md",
            "alt/sayfa.md",
            "Çok Özel Sayfa.md",
            ".md",
            "İĞDE.md",
        ],
        1 => &["+++\n", "+++\r\n", "\u{feff}+++\n", "++\n", "+++ \n", ""],
        _ => &[],
    };
    list.iter().map(|s| s.to_string()).collect()
}

/// The file the fields make: start, front matter, a closing `+++` line, body.
fn file_text(input: &Input) -> String {
    format!("{}{}\n+++\n{}", input[1], input[2], input[3])
}

fn lines(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count() + 1
}

/// An error must read `content/<rel>:<line>: …` with a line of the file.
fn check_error(e: &anyhow::Error, shown: &str, max_line: usize) -> Result<(), Failure> {
    let message = e.to_string();
    let line = message
        .strip_prefix(shown)
        .and_then(|r| r.strip_prefix(':'))
        .and_then(|r| r.split(':').next())
        .and_then(|n| n.parse::<usize>().ok());
    ensure(
        line.is_some_and(|l| (1..=max_line).contains(&l)),
        "error-line",
        || format!("error does not name a line 1..={max_line} of {shown}: {message}"),
    )
}

fn check(input: &Input, features: &mut Features) -> Result<(), Failure> {
    let rel = &input[0];
    let shown = format!("{SHOWN_DIR}{rel}");
    let text = file_text(input);
    let max_line = lines(&text);
    let page = match parse_page(&shown, rel, &text, Route::MebbisBirimi) {
        Ok(page) => page,
        Err(e) => {
            features.add(("parse", kind_of(&e.to_string(), &shown)));
            return check_error(&e, &shown, max_line);
        }
    };
    features.add(("parsed", page.step.is_some(), page.sources.len().min(4)));
    ensure(
        !page.slug.is_empty()
            && page
                .slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "slug",
        || format!("slug {:?}", page.slug),
    )?;
    ensure(
        !page.title.is_empty() && page.title.trim() == page.title,
        "title",
        || format!("title {:?}", page.title),
    )?;
    ensure(text.ends_with(&page.body), "body", || {
        "the body is not the end of the file".to_string()
    })?;
    ensure(
        (1..=max_line).contains(&page.body_line),
        "body-line",
        || format!("body_line {} of {max_line} lines", page.body_line),
    )?;
    let rendered = match render(&page.body, &shown, page.body_line, &NoComponents) {
        Ok(r) => r,
        Err(e) => {
            features.add(("render", kind_of(&e.to_string(), &shown)));
            return check_error(&e, &shown, max_line);
        }
    };
    features.add((
        "rendered",
        rendered.toc.len().min(8),
        rendered.links.len().min(8),
        (rendered.html.len() + 1).ilog2(),
    ));
    check_rendered(&rendered, page.body_line, lines(&page.body))?;
    check_written_page(&rendered.html)?;
    let index = search_index::index(&[PageInput {
        url: page.url(),
        title: &page.title,
        description: &page.front.description,
        html: &rendered.html,
    }]);
    features.add(("sections", index.sections.len().min(16)));
    let encoded = index.encode();
    match Index::decode(&encoded) {
        Ok(back) => ensure(back.encode() == encoded, "index-stable", || {
            "the search index changes when read and written again".to_string()
        }),
        Err(e) => Err(Failure::new(
            "index-decode",
            format!(
                "the search index of this page cannot be read back: line {}: {} ({:?})",
                e.line,
                e.reason,
                encoded.lines().nth(e.line - 1).unwrap_or("")
            ),
        )),
    }
}

/// A page as the templates write it, split where the body goes, and the elements the template
/// itself writes (its scripts among them).
struct Skeleton {
    before: String,
    after: String,
    template: HashSet<Signature>,
}

const MARKER: &str = "FUZZ_ORACLE_BODY_MARKER";

/// Builds the handbook once with one more page whose body is a marker, and splits that page
/// around the marker's paragraph: every accepted body is then checked inside the real
/// template (`page.html`), with the real scripts and CSP around it.
fn skeleton() -> Result<&'static Skeleton, Failure> {
    static SKELETON: OnceLock<Result<Skeleton, String>> = OnceLock::new();
    SKELETON
        .get_or_init(|| build_skeleton().map_err(|e| format!("{e:#}")))
        .as_ref()
        .map_err(|e| Failure::new("oracle-setup", e.clone()))
}

fn build_skeleton() -> anyhow::Result<Skeleton> {
    use crate::site::{build, BuildOptions, WasmMode};
    let root = crate::project_root();
    let dir = std::env::temp_dir().join(format!("fuzz-content-oracle-{}", std::process::id()));
    let content = dir.join("content");
    copy_dir(&root.join("content"), &content)?;
    std::fs::write(
        content.join("fuzz-oracle.md"),
        format!("+++\ntitle = \"İşaret\"\nfactual = false\n+++\n{MARKER}\n"),
    )?;
    let opts = BuildOptions {
        content_dir: content,
        templates_dir: root.join("site-templates"),
        out_dir: dir.join("dist"),
        wasm: WasmMode::Skip,
        ..BuildOptions::for_project(&root)
    };
    let built = build(&opts).map(|_| std::fs::read_to_string(dir.join("dist/fuzz-oracle.html")));
    let _ = std::fs::remove_dir_all(&dir);
    let page = built??;
    let body = format!("<p>{MARKER}</p>\n");
    let (before, after) = page
        .split_once(&body)
        .ok_or_else(|| anyhow::anyhow!("the marker page has no body <p>{MARKER}</p>"))?;
    let template: HashSet<Signature> = sanitize::parse(&format!("{before}{after}"))
        .iter()
        .map(signature)
        .collect();
    Ok(Skeleton {
        before: before.to_string(),
        after: after.to_string(),
        template,
    })
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Attributes a browser reads as an address (HTML, SVG, MathML), and SVG animation values.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "data",
    "srcset",
    "imagesrcset",
    "background",
    "cite",
    "ping",
    "codebase",
    "manifest",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "xlink:href",
    "xml:base",
    "values",
    "from",
    "to",
    "by",
];

/// The scheme an address starts with as a browser reads it: ASCII white space and control
/// characters trimmed, tabs and new lines removed anywhere, lower case.
fn dangerous_scheme(value: &str) -> Option<&'static str> {
    let v: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .flat_map(char::to_lowercase)
        .collect();
    // srcset and animation values are lists: any item counts.
    let items = v
        .split([',', ';', ' '])
        .map(|i| i.trim_start_matches(|c: char| c <= ' '));
    for item in std::iter::once(v.as_str()).chain(items) {
        for scheme in ["javascript:", "data:", "vbscript:"] {
            if item.starts_with(scheme) {
                return Some(scheme);
            }
        }
    }
    None
}

/// The oracle: the written page, parsed as a browser parses it, holds nothing that runs code
/// or leaves the page beyond what the template itself writes.
fn check_written_page(body: &str) -> Result<(), Failure> {
    let sk = skeleton()?;
    let page = format!("{}{body}{}", sk.before, sk.after);
    for e in sanitize::parse(&page) {
        let from_template = !e.added && sk.template.contains(&signature(&e));
        let shown = || format!("{e:?}");
        ensure(
            !(e.name == "script" && (!from_template || e.has_text)),
            "oracle-script",
            || format!("a script the template does not write: {}", shown()),
        )?;
        if from_template {
            continue;
        }
        for (name, value) in &e.attrs {
            let name = name.to_ascii_lowercase();
            ensure(!name.starts_with("on"), "oracle-event-attribute", || {
                format!("event attribute {name}: {}", shown())
            })?;
            let url =
                URL_ATTRIBUTES.contains(&name.as_str()) || (name == "content" && e.name == "meta");
            if let Some(scheme) = dangerous_scheme(value).filter(|_| url) {
                return Err(Failure::new(
                    "oracle-url",
                    format!("{scheme} address in {name}: {}", shown()),
                ));
            }
        }
        ensure(e.name != "base", "oracle-base", || {
            format!("<base>: {}", shown())
        })?;
        ensure(
            !(e.name == "meta"
                && e.attr("http-equiv")
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case("refresh"))),
            "oracle-meta-refresh",
            || format!("meta refresh: {}", shown()),
        )?;
        ensure(
            !(["animate", "set", "animatemotion", "animatetransform"]
                .contains(&e.name.to_ascii_lowercase().as_str())
                && e.attr("attributeName").is_some_and(|a| a.contains("href"))),
            "oracle-svg-animate-href",
            || format!("SVG animation of an address: {}", shown()),
        )?;
    }
    Ok(())
}

/// The message without the file, line and quoted parts: which check spoke.
fn kind_of(message: &str, shown: &str) -> String {
    let rest = message.strip_prefix(shown).unwrap_or(message);
    rest.chars()
        .skip_while(|c| *c == ':' || c.is_ascii_digit() || *c == ' ')
        .take_while(|c| *c != '\'' && *c != '`' && *c != '"')
        .take(40)
        .collect()
}

fn check_rendered(r: &Rendered, body_line: usize, body_lines: usize) -> Result<(), Failure> {
    let mut ids: Vec<&str> = Vec::new();
    fn walk<'a>(entries: &'a [TocEntry], ids: &mut Vec<&'a str>) {
        for e in entries {
            ids.push(&e.id);
            walk(&e.children, ids);
        }
    }
    walk(&r.toc, &mut ids);
    for (i, id) in ids.iter().enumerate() {
        ensure(
            !id.is_empty() && !ids[..i].contains(id),
            "heading-ids",
            || format!("heading id {id:?} is empty or not unique: {ids:?}"),
        )?;
    }
    let last = body_line + body_lines - 1;
    for l in &r.links {
        ensure((body_line..=last).contains(&l.line), "link-line", || {
            format!(
                "link {:?} on line {}, body is lines {body_line}..={last}",
                l.target, l.line
            )
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_handbook_pages_are_seeds_and_pass() {
        let seeds = seeds();
        assert!(seeds.len() > 10, "content/*.md are read");
        for s in &seeds {
            check(s, &mut Features::default()).unwrap_or_else(|f| panic!("{}: {f:?}", s[0]));
        }
    }

    #[test]
    fn errors_must_name_a_line_of_the_page() {
        let e = crate::site::error::at("content/a.md", 3, "bad");
        assert!(check_error(&e, "content/a.md", 3).is_ok());
        assert_eq!(
            check_error(&e, "content/a.md", 2).unwrap_err().kind,
            "error-line"
        );
        assert!(check_error(&e, "content/b.md", 9).is_err());
    }

    fn page(body: &str) -> Input {
        vec![
            "a.md".into(),
            "+++\n".into(),
            "title = \"x\"\nfactual = false".into(),
            body.into(),
        ]
    }

    /// Bugs this target found, as the minimised inputs it reported: explicit heading ids the
    /// search index could not read back (the builder now refuses them, naming the line), and
    /// pages that took seconds to render (many headings with the same text; many links, each
    /// line counted from the top of the page). Time is the engine's bound, not asserted here.
    #[test]
    fn the_bugs_it_found_stay_fixed() {
        for body in ["# {#\u{8}}", "## A {#a\"b}", "{##}\n-"] {
            let input = page(body);
            check(&input, &mut Features::default()).unwrap_or_else(|f| panic!("{body:?}: {f:?}"));
            let text = file_text(&input);
            let e = render(
                &text[text.len() - body.len()..],
                "content/a.md",
                4,
                &NoComponents,
            )
            .map(|_| ())
            .unwrap_err()
            .to_string();
            assert!(e.starts_with("content/a.md:4: "), "{body:?}: {e}");
        }
        for body in ["## puk\n".repeat(4000), "[x](a.html) ".repeat(20_000)] {
            check(&page(&body), &mut Features::default()).unwrap();
        }
    }

    /// The oracle can fail: bodies the policy refuses are findings for it, and the
    /// handbook's own page parts are not.
    #[test]
    fn the_oracle_finds_scripts_handlers_and_addresses() {
        for (body, kind) in [
            ("<script src=\"x.js\"></script>", "oracle-script"),
            ("<!--><script>x()</script><!-- -->", "oracle-script"),
            ("<img src=x onerror=alert(1)>", "oracle-event-attribute"),
            ("<body onload=x>", "oracle-event-attribute"),
            ("<a href=\"jav&#x09;ascript:x\">a</a>", "oracle-url"),
            ("<a href=\" DATA:text/html,x\">a</a>", "oracle-url"),
            ("<img srcset=\"a.png 1x, javascript:x 2x\">", "oracle-url"),
            (
                "<meta\nhttp-equiv=\"Refresh\" content=\"0;url=x\">",
                "oracle-meta-refresh",
            ),
            (
                "<meta http-equiv=\"refresh\" content=\"0\">",
                "oracle-meta-refresh",
            ),
            ("<base href=\"https://x/\">", "oracle-base"),
            (
                "<svg><a><animate attributeName=\"href\" to=\"x\"/></a></svg>",
                "oracle-svg-animate-href",
            ),
        ] {
            let failure = check_written_page(body).unwrap_err();
            assert_eq!(failure.kind, kind, "{body}: {failure:?}");
        }
        check_written_page("<p>Metin <a href=\"sss.html\">a</a> <img src=\"r.svg\" alt=\"\"></p>")
            .unwrap();
    }

    #[test]
    fn an_unclosed_front_matter_is_an_error_not_a_failure() {
        let input = vec![
            "a.md".into(),
            "+++\n".into(),
            "title = \"x".into(),
            String::new(),
        ];
        assert!(check(&input, &mut Features::default()).is_ok());
    }
}
