//! The search index the builder writes (`search-index.js`): one entry per heading with its
//! path and text, pages left out as promised, byte-identical across builds; and, on the real
//! handbook, the searches the handbook promises, run natively with the same code as the browser.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tempfile::TempDir;
use wasm_validator::search::{Index, Searcher, INDEX_GLOBAL};
use xtask::site::html::{self, Token};
use xtask::site::{build, BuildOptions, WasmMode};

/// The test directorate's settings (shared by the builder's tests).
const SITE_TOML: &str = include_str!("../fixtures/site.toml");

const BASE: &str = r#"<!doctype html>
<html lang="tr"><head><meta charset="utf-8"><title>{{ page.title }}</title>
{% block bas %}{% endblock %}</head>
<body><main>{% block main %}{% endblock %}</main></body></html>
"#;

const PAGE: &str = r#"{% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1>
{{ page.content }}{% endblock %}
"#;

const ARA: &str = r#"{% extends "base.html" %}
{% block bas %}<script src="{{ asset("search-index.js") }}" defer></script>
<script src="{{ asset("search.js") }}" defer></script>{% endblock %}
{% block main %}<h1>{{ page.title }}</h1>
<ul>{% for p in pages if p.searchable %}<li><a href="{{ p.url }}">{{ p.title }}</a>{% endfor %}</ul>{% endblock %}
"#;

/// A small site: headings at three levels, an entity, inline markup, an opted-out page, a 404
/// page and the search page itself.
const PAGES: [(&str, &str); 5] = [
    (
        "index.md",
        "+++\ntitle = \"Ana sayfa\"\norder = 1\nfactual = false\n+++\nGiriş **metni** &amp; {{ site.unit.name }}.\n\n\
         ## Parola {#parola}\n\nParolanızı `kopyalayın`.\n\n### Alt başlık\n\nAlt metin.\n\n\
         ## Başka\n\nSon.\n",
    ),
    (
        "sss.md",
        "+++\ntitle = \"Sorular\"\ndescription = \"Sık sorulanlar.\"\norder = 2\nfactual = false\n+++\n\
         ## PUK'u denemeli miyim? {#puk}\n\nHayır.\n",
    ),
    (
        "gizli.md",
        "+++\ntitle = \"Gizli\"\norder = 3\nfactual = false\n[extra]\narama = false\n+++\n## Gizli bölüm\n\nYok.\n",
    ),
    (
        "404.md",
        "+++\ntitle = \"Bulunamadı\"\nslug = \"404\"\norder = 9\nfactual = false\n+++\nYok.\n",
    ),
    (
        "ara.md",
        "+++\ntitle = \"Arama\"\norder = 8\ntemplate = \"ara\"\nfactual = false\n+++\nArayın.\n",
    ),
];

struct Fixture {
    dir: TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let path = dir.path().join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        };
        write("content/site.toml", SITE_TOML);
        for (name, text) in PAGES {
            write(&format!("content/{name}"), text);
        }
        write("templates/base.html", BASE);
        write("templates/page.html", PAGE);
        write("templates/ara.html", ARA);
        write("templates/static/style.css", "/* test */\n");
        Fixture { dir }
    }

    fn build(&self, out: &str) -> PathBuf {
        let root = self.dir.path();
        let opts = BuildOptions {
            content_dir: root.join("content"),
            templates_dir: root.join("templates"),
            out_dir: root.join(out),
            wasm: WasmMode::Skip,
            ..BuildOptions::for_project(root)
        };
        build(&opts).unwrap_or_else(|e| panic!("fixture build failed: {e:#}"));
        root.join(out)
    }
}

/// The `search-index.*.js` file of a built site: its name and bytes.
fn index_file(out: &Path) -> (String, Vec<u8>) {
    let mut found: Vec<PathBuf> = fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("search-index.") && name.ends_with(".js")
        })
        .collect();
    assert_eq!(found.len(), 1, "one search index in {}", out.display());
    let path = found.pop().unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    (name, fs::read(&path).unwrap())
}

/// Reads the index back the way the browser gets it: the string the script assigns.
fn decode(script: &[u8]) -> Index {
    let script = std::str::from_utf8(script).expect("the index script is UTF-8");
    let prefix = format!("var {INDEX_GLOBAL} = ");
    let start = script.find(&prefix).expect("the script sets the global") + prefix.len();
    let literal = script[start..]
        .trim_end()
        .strip_suffix(';')
        .expect("one statement");
    let text: String = serde_json::from_str(literal).expect("a JS string literal");
    Index::decode(&text).unwrap_or_else(|e| panic!("index does not decode: {e:?}"))
}

/// (url, heading path, text) of every entry.
fn entries(index: &Index) -> Vec<(String, Vec<String>, String)> {
    index
        .sections
        .iter()
        .map(|s| (index.url(s), s.headings.clone(), s.text.clone()))
        .collect()
}

/// The one "searchable" rule: the search page's list and the sitemap name the pages the
/// index holds.
#[test]
fn search_page_list_and_sitemap_follow_the_index() {
    let f = Fixture::new();
    let toml = f.dir.path().join("content/site.toml");
    let with_base = format!("base_url = \"https://deneme.example/eimza/\"\n{SITE_TOML}");
    fs::write(&toml, with_base).unwrap();
    let out = f.build("out");
    let indexed: Vec<String> = decode(&index_file(&out).1)
        .pages
        .iter()
        .map(|p| p.url.clone())
        .collect();
    let ara = fs::read_to_string(out.join("ara.html")).unwrap();
    let listed: Vec<String> = ara
        .split("<li><a href=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_string())
        .collect();
    assert_eq!(listed, indexed, "ara.html lists what the index holds");
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let mapped: Vec<String> = sitemap
        .split("<loc>https://deneme.example/eimza/")
        .skip(1)
        .map(|rest| match rest.split('<').next().unwrap() {
            "" => "index.html".to_string(), // the home page is the folder's address
            page => page.to_string(),
        })
        .collect();
    assert_eq!(mapped, indexed, "the sitemap names what the index holds");
}

#[test]
fn fixture_index_has_one_entry_per_heading_with_its_path() {
    let f = Fixture::new();
    let out = f.build("out");
    let index = decode(&index_file(&out).1);
    let titles: Vec<(&str, &str)> = index
        .pages
        .iter()
        .map(|p| (p.url.as_str(), p.title.as_str()))
        .collect();
    assert_eq!(
        titles,
        [("index.html", "Ana sayfa"), ("sss.html", "Sorular")],
        "the 404 page, the search page and `arama = false` pages are left out"
    );
    let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        entries(&index),
        [
            (
                "index.html".to_string(),
                vec![],
                "Giriş metni & MEBBİS Birimi.".to_string()
            ),
            (
                "index.html#parola".into(),
                strings(&["Parola"]),
                "Parolanızı kopyalayın.".into()
            ),
            (
                "index.html#alt-baslik".into(),
                strings(&["Parola", "Alt başlık"]),
                "Alt metin.".into()
            ),
            (
                "index.html#baska".into(),
                strings(&["Başka"]),
                "Son.".into()
            ),
            ("sss.html".into(), vec![], "Sık sorulanlar.".into(),),
            (
                "sss.html#puk".into(),
                strings(&["PUK'u denemeli miyim?"]),
                "Hayır.".into()
            ),
        ]
    );
}

#[test]
fn fixture_search_page_loads_the_index_before_the_search_code() {
    let f = Fixture::new();
    let out = f.build("out");
    let (name, _) = index_file(&out);
    let html = fs::read_to_string(out.join("ara.html")).unwrap();
    let index_at = html
        .find(&format!("<script src=\"{name}\""))
        .expect("ara.html loads the fingerprinted index");
    let code_at = html.find("<script src=\"search.").expect("and search.js");
    assert!(
        index_at < code_at,
        "the index must be defined when search.js starts"
    );
}

#[test]
fn fixture_index_is_byte_identical_across_builds() {
    let f = Fixture::new();
    let a = index_file(&f.build("a"));
    let b = index_file(&f.build("b"));
    assert_eq!(a.0, b.0, "same fingerprint");
    assert!(a.1 == b.1, "same bytes");
}

/// The real handbook, built once (without wasm) for the tests below.
fn handbook() -> &'static (TempDir, Index) {
    static SITE: OnceLock<(TempDir, Index)> = OnceLock::new();
    SITE.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let mut opts = BuildOptions::for_project(&xtask::project_root());
        opts.out_dir = tmp.path().join("site");
        opts.wasm = WasmMode::Skip;
        build(&opts).unwrap_or_else(|e| panic!("the handbook does not build: {e:#}"));
        let index = decode(&index_file(&opts.out_dir).1);
        (tmp, index)
    })
}

/// The page+section links of ara.html's plain (no-JavaScript) list: `(href, text)`.
fn plain_list(site: &Path) -> Vec<(String, String)> {
    let html = fs::read_to_string(site.join("ara.html")).unwrap();
    let start = html
        .find("id=\"ara-dizin\"")
        .expect("ara.html has the plain list");
    let end = html[start..].find("</section>").unwrap() + start;
    // The builder's own HTML reader: each link's href and the text up to its </a>.
    let mut links: Vec<(String, String)> = Vec::new();
    let mut in_link = false;
    for token in html::tokens(&html[start..end]) {
        match token {
            Token::Open(tag) if tag.name == "a" => {
                links.push((tag.attr("href").expect("a link has an href"), String::new()));
                in_link = true;
            }
            Token::Close(name) if name == "a" => in_link = false,
            Token::Text(text) if in_link => links.last_mut().unwrap().1.push_str(text),
            _ => {}
        }
    }
    links
        .into_iter()
        .map(|(href, text)| (href, html::decode_entities(&text)))
        .collect()
}

#[test]
fn handbook_sections_match_the_pages_and_the_plain_list() {
    let (tmp, index) = handbook();
    let site = tmp.path().join("site");
    // Every section is a real anchor on its page.
    for s in &index.sections {
        let page = &index.pages[s.page].url;
        let html = fs::read_to_string(site.join(page)).unwrap();
        if !s.id.is_empty() {
            let anchor = format!(" id=\"{}\">", s.id);
            assert!(
                html.contains(&anchor),
                "{page}#{} is not a heading id on its page",
                s.id
            );
        }
    }
    // Every page and h2/h3 section in ara.html's list (from the tables of contents) is in the
    // index with the same title, and nothing but those pages is indexed.
    let by_url: std::collections::BTreeMap<String, String> = index
        .sections
        .iter()
        .map(|s| {
            let title = match s.headings.last() {
                Some(h) => h.clone(),
                None => index.pages[s.page].title.clone(),
            };
            (index.url(s), title)
        })
        .collect();
    let listed = plain_list(&site);
    assert!(
        listed.len() > 40,
        "the plain list is nearly empty: {listed:?}"
    );
    for (href, text) in &listed {
        assert_eq!(by_url.get(href), Some(text), "{href} in the plain list");
    }
    let listed_pages: BTreeSet<&str> = listed
        .iter()
        .map(|(h, _)| h.split('#').next().unwrap())
        .collect();
    let indexed_pages: BTreeSet<&str> = index.pages.iter().map(|p| p.url.as_str()).collect();
    assert_eq!(listed_pages, indexed_pages);
    assert!(!indexed_pages.contains("404.html") && !indexed_pages.contains("ara.html"));
}

/// The links of the first `n` results for `query`.
fn top(query: &str, n: usize) -> Vec<String> {
    let searcher = Searcher::new(handbook().1.clone());
    let results = searcher.search(query, n);
    results.hits.iter().map(|h| searcher.url(h)).collect()
}

#[test]
fn puk_finds_the_faq_entry_first() {
    assert_eq!(top("puk", 1), ["sss.html#puk"]);
    assert_eq!(top("PUK", 1), ["sss.html#puk"]);
}

#[test]
fn forgotten_password_finds_the_step_1_section() {
    let hits = top("parolami bilmiyorum", 3);
    assert_eq!(
        hits.first().map(String::as_str),
        Some("adim-1.html#a1-parola"),
        "the step-1 section on the forgotten password is not the first result: {hits:?}"
    );
}

#[test]
fn how_many_copies_finds_step_6() {
    let hits = top("kac nusha", 1);
    assert!(
        hits.first().is_some_and(|h| h.starts_with("adim-6.html")),
        "first result for 'kac nusha' is not on step 6: {hits:?}"
    );
}

#[test]
fn dotless_capital_finds_wet_signature() {
    let searcher = Searcher::new(handbook().1.clone());
    let r = searcher.search("ISLAK", 1);
    let first = r.hits.first().expect("ISLAK finds something");
    let title = searcher.title(first, &r.terms);
    assert!(
        title
            .pieces()
            .iter()
            .any(|(t, m)| *m && t.contains(['ı', 'I'])),
        "{title:?}"
    );
    assert!(top("zzqxw", 5).is_empty());
}
