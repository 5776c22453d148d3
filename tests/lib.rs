//! Helpers shared by the workspace-level tests in `tests/tests/`: building the handbook into a
//! temporary folder, reading its pages (elements, text) and the fixtures in `tests/fixtures/`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use tempfile::TempDir;
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

/// All elements matching a simple selector (tag, `.class`, `[attr]`, `[attr=value]`, …).
pub fn select(html: &str, selector: &str) -> Vec<El> {
    let dom = tl::parse(html, tl::ParserOptions::default()).expect("parsable HTML");
    let parser = dom.parser();
    let Some(found) = dom.query_selector(selector) else {
        panic!("bad selector {selector}");
    };
    found
        .filter_map(|h| h.get(parser))
        .filter_map(|n| n.as_tag())
        .map(|t| El {
            attrs: t
                .attributes()
                .iter()
                .map(|(k, v)| (k.into_owned(), unescape(&v.unwrap_or_default())))
                .collect(),
            html: t.inner_html(parser).to_string(),
            text: unescape(&t.inner_text(parser)),
        })
        .collect()
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

/// Values of `key = "value"` lines in a TOML file, by `section.key`.
pub fn toml_strings(text: &str) -> BTreeMap<String, String> {
    let mut section = String::new();
    let mut out = BTreeMap::new();
    for line in text.lines().map(str::trim) {
        if let Some(s) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = format!("{s}.");
        } else if let Some((k, v)) = line.split_once('=') {
            let v = v.trim();
            if !line.starts_with('#') && v.starts_with('"') && v.ends_with('"') && v.len() >= 2 {
                out.insert(
                    format!("{section}{}", k.trim()),
                    v[1..v.len() - 1].to_string(),
                );
            }
        }
    }
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
