//! Helpers shared by the workspace-level tests in `tests/tests/`: building the handbook into a
//! temporary folder, reading its pages (elements, text) and the fixtures in `tests/fixtures/`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use tempfile::TempDir;
use xtask::site::html::{spans, Token};
use xtask::site::{build, BuildOptions, WasmMode};

/// Another directorate's `site.toml` (Nevşehir), for the "only site.toml changes" tests.
pub const OTHER_SITE_TOML: &str = include_str!("fixtures/nevsehir-site.toml");

/// A built site in a temporary directory.
pub struct Site {
    _tmp: TempDir,
    pub out: PathBuf,
}

impl Site {
    pub fn build(content: &Path, base_url: Option<&str>) -> Site {
        let root = xtask::project_root();
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("site");
        let opts = BuildOptions {
            content_dir: content.to_path_buf(),
            out_dir: out.clone(),
            base_url: base_url.map(str::to_string),
            wasm: WasmMode::Skip,
            ..BuildOptions::for_project(&root)
        };
        if let Err(e) = build(&opts) {
            panic!("the handbook does not build: {e:#}");
        }
        Site { _tmp: tmp, out }
    }

    /// The project's handbook with the `route = …` line of site.toml replaced.
    pub fn with_route(route: &str) -> Site {
        let root = xtask::project_root();
        let tmp = tempfile::tempdir().expect("temp dir");
        let content = tmp.path().join("content");
        copy_dir(&root.join("content"), &content);
        let toml = fs::read_to_string(content.join("site.toml")).expect("site.toml");
        // The whole line goes, the `# ÖRNEK` marker with it: a test site has chosen its route.
        let changed: String = toml
            .lines()
            .map(|l| {
                if l.starts_with("route = ") {
                    format!("route = \"{route}\"\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        assert!(
            toml.lines().any(|l| l.starts_with("route = ")),
            "site.toml sets route = …"
        );
        fs::write(content.join("site.toml"), changed).expect("write site.toml");
        let site = Site::build(&content, None);
        drop(tmp);
        site
    }

    pub fn page(&self, name: &str) -> String {
        fs::read_to_string(self.out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// Every text file of the output (HTML, CSS, JS, XML), by path.
    pub fn text_files(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        let mut stack = vec![self.out.clone()];
        while let Some(dir) = stack.pop() {
            for e in fs::read_dir(&dir).expect("read dir").flatten() {
                let path = e.path();
                if path.is_dir() {
                    stack.push(path);
                } else if let Ok(text) = fs::read_to_string(&path) {
                    let rel = path.strip_prefix(&self.out).unwrap_or(&path);
                    out.insert(rel.to_string_lossy().into_owned(), text);
                }
            }
        }
        out
    }

    /// Every HTML file of the output, by file name.
    pub fn html_pages(&self) -> BTreeMap<String, String> {
        fs::read_dir(&self.out)
            .expect("output dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".html"))
            .map(|n| {
                let html = self.page(&n);
                (n, html)
            })
            .collect()
    }
}

/// The project's own handbook, built once for all tests that only read it.
pub fn real_site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| Site::build(&xtask::project_root().join("content"), None))
}

/// The application routes a directorate can choose (`route` in site.toml).
pub const ROUTES: [&str; 3] = ["mebbis-birimi", "online-islemler", "kisi-odemeli"];

/// The project's handbook built for one application route, built once per test binary.
pub fn route_site(route: &str) -> &'static Site {
    static SITES: OnceLock<Mutex<BTreeMap<String, &'static Site>>> = OnceLock::new();
    let mut sites = SITES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    sites
        .entry(route.to_string())
        .or_insert_with(|| Box::leak(Box::new(Site::with_route(route))))
}

/// Decodes the character references the template engine writes, so text can be compared.
pub fn unescape(s: &str) -> String {
    xtask::site::html::decode_entities(s)
}

/// One element, flattened: its attributes, its inner HTML and its text.
#[derive(Debug, Clone)]
pub struct El {
    pub attrs: BTreeMap<String, String>,
    pub html: String,
    pub text: String,
}

impl El {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).map(String::as_str)
    }
    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_whitespace().any(|x| x == class))
    }
}

/// Elements that never have content or a closing tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// One compound selector: a tag name and/or `.class` and `[attr]` / `[attr=value]` parts.
#[derive(Debug, Default)]
struct Selector {
    tag: Option<String>,
    classes: Vec<String>,
    attrs: Vec<(String, Option<String>)>,
}

impl Selector {
    fn parse(selector: &str) -> Selector {
        let bad = || -> ! { panic!("bad selector {selector}") };
        let is_name = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        let mut sel = Selector::default();
        let mut rest = selector.trim();
        let tag_len = rest.find(|c: char| !is_name(c)).unwrap_or(rest.len());
        if tag_len > 0 {
            sel.tag = Some(rest[..tag_len].to_ascii_lowercase());
            rest = &rest[tag_len..];
        }
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('.') {
                let len = after.find(|c: char| !is_name(c)).unwrap_or(after.len());
                if len == 0 {
                    bad();
                }
                sel.classes.push(after[..len].to_string());
                rest = &after[len..];
            } else if let Some(after) = rest.strip_prefix('[') {
                let Some(close) = after.find(']') else { bad() };
                let (name, value) = match after[..close].split_once('=') {
                    Some((n, v)) => (n, Some(v.trim_matches(['"', '\'']).to_string())),
                    None => (&after[..close], None),
                };
                if name.is_empty() || !name.chars().all(is_name) {
                    bad();
                }
                sel.attrs.push((name.to_ascii_lowercase(), value));
                rest = &after[close + 1..];
            } else {
                bad();
            }
        }
        sel
    }

    fn matches(&self, name: &str, attrs: &BTreeMap<String, String>) -> bool {
        self.tag.as_deref().is_none_or(|t| t == name)
            && self.classes.iter().all(|c| {
                attrs
                    .get("class")
                    .is_some_and(|v| v.split_whitespace().any(|x| x == c))
            })
            && self.attrs.iter().all(|(n, v)| match (attrs.get(n), v) {
                (Some(have), Some(want)) => have == want,
                (found, None) => found.is_some(),
                (None, Some(_)) => false,
            })
    }
}

/// All elements matching a simple selector (tag, `.class`, `[attr]`, `[attr=value]`, …), in
/// document order, read with the builder's own HTML reader (`xtask::site::html`).
pub fn select(html: &str, selector: &str) -> Vec<El> {
    let sel = Selector::parse(selector);
    let mut found: Vec<El> = Vec::new();
    // Open elements: name, index in `found` when it matched, where its content starts.
    let mut open: Vec<(String, Option<usize>, usize)> = Vec::new();
    let set_html = |found: &mut Vec<El>, (_, matched, from): (String, Option<usize>, usize), to| {
        if let Some(i) = matched {
            found[i].html = html[from..to].to_string();
        }
    };
    for (span, token) in spans(html) {
        match token {
            Token::Open(tag) => {
                let attrs: BTreeMap<String, String> = tag
                    .attrs()
                    .map(|(n, v)| (n, v.unwrap_or_default()))
                    .collect();
                let matched = sel.matches(&tag.name, &attrs).then(|| {
                    found.push(El {
                        attrs,
                        html: String::new(),
                        text: String::new(),
                    });
                    found.len() - 1
                });
                if !tag.self_closing && !VOID.contains(&tag.name.as_str()) {
                    open.push((tag.name, matched, span.end));
                }
            }
            Token::Close(name) => {
                // Elements left open inside this one end with it.
                if let Some(at) = open.iter().rposition(|(n, _, _)| *n == name) {
                    for element in open.drain(at..) {
                        set_html(&mut found, element, span.start);
                    }
                }
            }
            Token::Text(text) => {
                for i in open.iter().filter_map(|(_, matched, _)| *matched) {
                    found[i].text.push_str(text);
                }
            }
        }
    }
    for element in open.drain(..) {
        set_html(&mut found, element, html.len());
    }
    for el in &mut found {
        el.text = unescape(&el.text);
    }
    found
}

/// Text of an HTML page or fragment: tags removed, entities decoded, spaces collapsed.
pub fn page_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    wasm_validator::text::collapse_spaces(&unescape(&text))
}

pub fn main_html(html: &str) -> String {
    let main = select(html, "main");
    assert_eq!(main.len(), 1, "every page has exactly one <main>");
    main[0].html.clone()
}

/// Every string value of a TOML file, by dotted path (`unit.phone`); other values are left out.
pub fn toml_strings(text: &str) -> BTreeMap<String, String> {
    fn walk(prefix: &str, table: &toml::Table, out: &mut BTreeMap<String, String>) {
        for (key, value) in table {
            let path = format!("{prefix}{key}");
            match value {
                toml::Value::String(s) => {
                    out.insert(path, s.clone());
                }
                toml::Value::Table(t) => walk(&format!("{path}."), t, out),
                _ => {}
            }
        }
    }
    let table: toml::Table = text.parse().expect("valid TOML");
    let mut out = BTreeMap::new();
    walk("", &table, &mut out);
    out
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create dir");
    for entry in fs::read_dir(from).expect("read dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
