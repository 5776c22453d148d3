//! Fixture tests of the site pipeline: every kind of bad content fails with `file:line:` and
//! leaves the previous output intact; builds are reproducible; output links are relative.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use xtask::site::dates::Date;
use xtask::site::{build, BuildOptions, WasmMode};

/// The test directorate's settings (shared by the builder's tests).
const SITE_TOML: &str = include_str!("fixtures/site.toml");

const BASE: &str = r#"<!doctype html>
<html lang="tr">
<head><meta charset="utf-8"><title>{{ page.title }} · {{ site.title }}</title>
<link rel="stylesheet" href="{{ asset('style.css') }}"></head>
<body>
<nav>{% for p in menu %}<a href="{{ p.url }}">{{ p.title }}</a>{% endfor %}</nav>
<main id="icerik">{% block main %}{% endblock %}</main>
{% if prev %}<a href="{{ prev.url }}">Önceki</a>{% endif %}{% if next %}<a href="{{ next.url }}">Sonraki</a>{% endif %}
<footer><a href="{{ site.kamusm.phone | tel }}">{{ site.kamusm.phone }}</a></footer>
</body>
</html>
"#;

const PAGE: &str = r##"{% extends "base.html" %}
{% block main %}<h1>{{ page.title }}</h1>
<ol>{% for e in page.toc %}<li><a href="#{{ e.id }}">{{ e.title }}</a></li>{% endfor %}</ol>
{{ page.content }}{% endblock %}
"##;

const KUTU: &str = r#"<figure class="kutu"><figcaption>{{ data.baslik }}</figcaption><a href="{{ data.hedef }}">git</a></figure>
"#;

const INDEX: &str = r#"+++
title = "Ana Sayfa"
order = 1

[[sources]]
title = "Özgün kılavuz"
url = "seed"
checked = 2026-11-30
+++

# Merhaba

Birim telefonu: {{ site.unit.phone }}.

## Başvuru Formu Erişim Parolası

Bkz. [SSS](sss.html#puk) ve [aşağısı](#sik-sorulan).

## Sık Sorulan {#sik-sorulan}

> [!WARNING]
> PUK kodunu denemeyin.

```kutu
baslik = "Ekran"
hedef = "sss.html"
```

| Alan | Örnek |
|------|-------|
| İl   | AKSARAY |

Dipnot[^1].

[^1]: Açıklama.
"#;

const SSS: &str = "+++\ntitle = \"Sıkça Sorulan Sorular\"\norder = 2\nslug = \"sss\"\n\n[[sources]]\ntitle = \"Kamu SM\"\nurl = \"https://kamusm.example/sss\"\nchecked = 2026-10-01\n+++\n\n## PUK nedir? {#puk}\n\nPUK.\n\n![Şema](resim/sema.svg)\n";

/// A small valid project in a temp dir: `content/`, `site-templates/`, and where `dist/` goes.
struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let f = Fixture {
            dir: tempfile::tempdir().unwrap(),
        };
        f.write("content/site.toml", SITE_TOML);
        f.write("content/index.md", INDEX);
        f.write("content/sss.md", SSS);
        f.write(
            "content/resim/sema.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        );
        f.write("site-templates/base.html", BASE);
        f.write("site-templates/page.html", PAGE);
        f.write("site-templates/components/kutu.html", KUTU);
        f.write(
            "site-templates/static/style.css",
            "body { color: #0b0c0c; }\n",
        );
        f
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let p = self.dir.path().join(rel);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains(from), "fixture {rel} has no {from:?}");
        std::fs::write(p, text.replacen(from, to, 1)).unwrap();
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("dist")
    }

    fn opts(&self) -> BuildOptions {
        BuildOptions {
            content_dir: self.dir.path().join("content"),
            templates_dir: self.dir.path().join("site-templates"),
            out_dir: self.out(),
            wasm: WasmMode::Skip,
            today: Date::parse_iso("2026-11-30"),
            ..BuildOptions::for_project(self.dir.path())
        }
    }

    fn build(&self) -> anyhow::Result<xtask::site::BuildReport> {
        build(&self.opts())
    }
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for path in xtask::site::paths::walk(dir, "dist/").unwrap() {
        out.insert(
            xtask::site::paths::rel_path(dir, &path),
            std::fs::read(&path).unwrap(),
        );
    }
    // walk() skips dot files; include the server hint explicitly.
    if let Ok(b) = std::fs::read(dir.join(".htaccess")) {
        out.insert(".htaccess".into(), b);
    }
    out
}

fn read(f: &Fixture, rel: &str) -> String {
    std::fs::read_to_string(f.out().join(rel)).unwrap()
}

#[test]
fn builds_the_fixture_site() {
    let f = Fixture::new();
    let report = f.build().unwrap();
    assert_eq!(report.pages, 2);
    let index = read(&f, "index.html");
    assert!(
        index.contains("Birim telefonu: 0 (312) 000 00 00."),
        "page bodies see site.*"
    );
    assert!(
        index.contains("<h2 id=\"basvuru-formu-erisim-parolasi\">"),
        "{index}"
    );
    assert!(
        index.contains("<a href=\"#sik-sorulan\">Sık Sorulan</a>"),
        "table of contents"
    );
    assert!(index.contains("<p class=\"uyari__baslik\">Uyarı</p>"));
    assert!(
        index.contains("<figure class=\"kutu\"><figcaption>Ekran</figcaption>"),
        "component"
    );
    assert!(index.contains("<table>"));
    assert!(index.contains("href=\"tel:4445576\""));
    assert!(index.contains("<a href=\"sss.html\">Sonraki</a>"));
    assert!(read(&f, "sss.html").contains("<a href=\"index.html\">Önceki</a>"));
    let css: Vec<_> = report
        .files
        .iter()
        .filter(|(p, _)| p.to_string_lossy().ends_with(".css"))
        .collect();
    assert_eq!(css.len(), 1);
    let css_name = css[0].0.to_string_lossy().into_owned();
    assert!(
        css_name.starts_with("style.") && css_name != "style.css",
        "fingerprinted: {css_name}"
    );
    assert!(index.contains(&format!("href=\"{css_name}\"")));
    assert!(
        f.out().join("resim/sema.svg").exists(),
        "content files are copied"
    );
    assert!(
        !f.out().join("sitemap.xml").exists(),
        "no sitemap without a base URL"
    );
}

#[test]
fn snapshot_of_rendered_markdown() {
    let f = Fixture::new();
    f.build().unwrap();
    let index = read(&f, "index.html");
    let main = &index[index.find("<main").unwrap()..index.find("</main>").unwrap()];
    insta::assert_snapshot!("index_main", main);
}

#[test]
fn two_builds_are_byte_identical() {
    let f = Fixture::new();
    f.build().unwrap();
    let first = snapshot(&f.out());
    f.build().unwrap();
    assert_eq!(first, snapshot(&f.out()));
    assert!(first.len() >= 5);
}

#[test]
fn output_has_only_relative_links() {
    let f = Fixture::new();
    let mut opts = f.opts();
    opts.base_url = Some("https://ornek.meb.gov.tr/eimza/".into());
    build(&opts).unwrap();
    for (path, bytes) in snapshot(&f.out()) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for attr in ["href=\"/", "src=\"/", "href='/", "src='/"] {
            assert!(!html.contains(attr), "{path} has an absolute link ({attr})");
        }
    }
    let sitemap = read(&f, "sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://ornek.meb.gov.tr/eimza/sss.html</loc>"),
        "{sitemap}"
    );
}

#[test]
fn turkish_file_names_and_headings_become_ascii_slugs() {
    let f = Fixture::new();
    f.write(
        "content/Çağrı Öğün Şık İlçe.md",
        "+++\ntitle = \"x\"\norder = 3\nfactual = false\n+++\n\n## Çğıİöşü ÇĞIÖŞÜ\n",
    );
    f.build().unwrap();
    let page = read(&f, "cagri-ogun-sik-ilce.html");
    assert!(page.contains("<h2 id=\"cgiiosu-cgiosu\">"), "{page}");
}

/// Builds a good site, breaks it with `breakage`, and checks the error and that `dist/` is untouched.
fn assert_fails(breakage: impl FnOnce(&Fixture), expected_start: &str) {
    let f = Fixture::new();
    f.build().unwrap();
    let before = snapshot(&f.out());
    breakage(&f);
    let err = f.build().expect_err("the broken site must not build");
    let message = format!("{err:#}");
    assert!(
        message.starts_with(expected_start),
        "expected a message starting with {expected_start:?}, got {message:?}"
    );
    assert!(!message.contains('\n'), "one line per problem: {message:?}");
    assert_eq!(
        before,
        snapshot(&f.out()),
        "the previous dist/ must stay exactly as it was"
    );
    let leftovers: Vec<_> = std::fs::read_dir(f.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("dist."))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
}

#[test]
fn unparsable_front_matter() {
    assert_fails(
        |f| f.edit("content/sss.md", "order = 2", "order = = 2"),
        "content/sss.md:3: front matter:",
    );
}

#[test]
fn missing_front_matter() {
    assert_fails(
        |f| f.write("content/yeni.md", "# Başlık\n"),
        "content/yeni.md:1: front matter missing",
    );
}

#[test]
fn missing_title() {
    assert_fails(
        |f| f.edit("content/sss.md", "title = \"Sıkça Sorulan Sorular\"\n", ""),
        "content/sss.md:1: front matter has no 'title'",
    );
}

#[test]
fn duplicate_slug() {
    assert_fails(
        |f| {
            f.write(
                "content/zz.md",
                "+++\ntitle = \"Kopya\"\nslug = \"sss\"\nfactual = false\n+++\n",
            )
        },
        "content/zz.md:1: duplicate slug: 'sss.html' is also produced by content/sss.md",
    );
}

#[test]
fn unknown_template() {
    assert_fails(
        |f| {
            f.edit(
                "content/sss.md",
                "order = 2\n",
                "order = 2\ntemplate = \"yok\"\n",
            )
        },
        "content/sss.md:4: unknown template 'yok'",
    );
}

#[test]
fn unknown_template_variable_in_a_template() {
    assert_fails(
        |f| {
            f.edit(
                "site-templates/page.html",
                "{{ page.title }}",
                "{{ page.baslik }}",
            )
        },
        "site-templates/page.html:2: unknown template variable",
    );
}

#[test]
fn unknown_template_variable_in_a_page() {
    assert_fails(
        |f| {
            f.edit(
                "content/index.md",
                "{{ site.unit.phone }}",
                "{{ site.unit.telefon }}",
            )
        },
        "content/index.md:13: unknown template variable",
    );
}

#[test]
fn broken_link() {
    assert_fails(
        |f| f.edit("content/index.md", "(sss.html#puk)", "(yok.html)"),
        "content/index.md:17: link to 'yok.html' does not resolve",
    );
}

#[test]
fn broken_anchor() {
    assert_fails(
        |f| f.edit("content/index.md", "(#sik-sorulan)", "(#yok)"),
        "content/index.md:17: link to '#yok' does not resolve",
    );
}

#[test]
fn missing_image() {
    assert_fails(
        |f| f.edit("content/sss.md", "resim/sema.svg", "resim/yok.svg"),
        "content/sss.md:16: image 'resim/yok.svg' does not exist",
    );
}

#[test]
fn bad_component_toml() {
    assert_fails(
        |f| f.edit("content/index.md", "hedef = \"sss.html\"", "hedef = sss"),
        "content/index.md:26: component 'kutu':",
    );
}

#[test]
fn broken_link_inside_a_component() {
    assert_fails(
        |f| {
            f.edit(
                "content/index.md",
                "hedef = \"sss.html\"",
                "hedef = \"yok.html\"",
            )
        },
        "content/index.md:24: link to 'yok.html' does not resolve",
    );
}

#[test]
fn unknown_key_in_site_config() {
    assert_fails(
        |f| {
            f.edit(
                "content/site.toml",
                "name = \"MEBBİS Birimi\"",
                "nme = \"MEBBİS Birimi\"",
            )
        },
        "content/site.toml:9: unknown field `nme`",
    );
}

#[test]
fn cli_exits_1_with_a_one_line_message() {
    let f = Fixture::new();
    f.edit("content/index.md", "(sss.html#puk)", "(yok.html)");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("build")
        .arg("--no-wasm")
        .arg("--content")
        .arg(f.dir.path().join("content"))
        .arg("--templates")
        .arg(f.dir.path().join("site-templates"))
        .arg("--out")
        .arg(f.out())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.trim(),
        "hata: content/index.md:17: link to 'yok.html' does not resolve"
    );
    assert!(!f.out().exists());
}

#[test]
fn page_without_sources() {
    assert_fails(
        |f| {
            f.edit(
                "content/sss.md",
                "[[sources]]\ntitle = \"Kamu SM\"\nurl = \"https://kamusm.example/sss\"\nchecked = 2026-10-01\n",
                "",
            )
        },
        "content/sss.md:1: front matter lists no sources",
    );
}

#[test]
fn source_with_a_bad_date() {
    assert_fails(
        |f| {
            f.edit(
                "content/sss.md",
                "checked = 2026-10-01",
                "checked = \"dün\"",
            )
        },
        "content/sss.md:9: front matter: invalid type",
    );
}

#[test]
fn stale_sources_warn_with_file_and_line() {
    let f = Fixture::new();
    assert!(f.build().unwrap().warnings.is_empty());
    let mut opts = f.opts();
    opts.today = Date::parse_iso("2027-11-01");
    let report = build(&opts).unwrap();
    assert_eq!(
        report.warnings,
        [
            "content/sss.md:9: source 'Kamu SM' was last checked on 2026-10-01, more than 12 \
          months ago: compare the page with it again and update 'checked'"
        ]
    );
    f.edit(
        "content/site.toml",
        "il = \"Ankara\"",
        "il = \"Ankara\"\nsource_max_age_months = 24",
    );
    assert!(
        build(&opts).unwrap().warnings.is_empty(),
        "the limit is a setting"
    );
}

#[test]
fn example_values_warn_and_stop_a_publishing_build() {
    let f = Fixture::new();
    f.edit(
        "content/site.toml",
        "phone = \"0 (312) 000 00 00\"",
        "phone = \"0 (312) 000 00 00\" # ÖRNEK: değiştirin",
    );
    let report = f.build().unwrap();
    assert_eq!(
        report.warnings,
        [
            "content/site.toml:10: unit.phone is an example value (marked # ÖRNEK): set the real \
          one and delete the marker before publishing"
        ]
    );
    let before = snapshot(&f.out());
    let mut opts = f.opts();
    opts.publish = true;
    let err = format!("{:#}", build(&opts).unwrap_err());
    assert!(
        err.starts_with("content/site.toml:10: unit.phone is an example value"),
        "{err}"
    );
    assert!(err.contains("--yayin"), "{err}");
    assert_eq!(before, snapshot(&f.out()), "dist/ untouched");
    f.edit(
        "content/site.toml",
        "phone = \"0 (312) 000 00 00\" # ÖRNEK: değiştirin",
        "phone = \"0 (312) 415 00 00\"",
    );
    build(&opts).unwrap();
}

#[test]
fn step_pages_make_the_step_list_and_their_links_are_checked() {
    let f = Fixture::new();
    f.write(
        "site-templates/adim.html",
        "{% extends \"base.html\" %}{% block main %}<ol>{% for s in steps %}<li>{{ s.label }} {{ s.title }}: {{ s.summary }}{% for t in s.tasks %} <a href=\"{{ t.href }}\">{{ t.text }}</a>{% endfor %}</li>{% endfor %}</ol>{% endblock %}",
    );
    for (n, order) in [(1, 11), (2, 12)] {
        f.write(
            &format!("content/adim-{n}.md"),
            &format!(
                "+++\ntitle = \"Adım {n}: Yapın\"\norder = {order}\ntemplate = \"adim\"\nin_menu = false\nfactual = false\n\n\
                 [step]\nlabel = \"{n}\"\nsummary = \"Özet {n}.\"\n[[step.tasks]]\ntext = \"Git\"\nhref = \"adim-{n}.html\"\n+++\nMetin.\n"
            ),
        );
    }
    f.build().unwrap();
    let one = read(&f, "adim-1.html");
    assert!(
        one.contains("<li>1 Yapın: Özet 1. <a href=\"adim-1.html\">Git</a></li>"),
        "{one}"
    );
    assert!(
        one.contains("<a href=\"adim-2.html\">Sonraki</a>"),
        "next step"
    );
    assert!(read(&f, "adim-2.html").contains("<a href=\"adim-1.html\">Önceki</a>"));
    // A broken task link is reported at its line in the front matter.
    f.edit(
        "content/adim-2.md",
        "href = \"adim-2.html\"",
        "href = \"adim-2.html#yok\"",
    );
    let err = format!("{:#}", f.build().unwrap_err());
    assert!(
        err.starts_with("content/adim-2.md:13: link to 'adim-2.html#yok' does not resolve"),
        "{err}"
    );
    // A numbered step's title starts with "Adım N: ".
    f.edit(
        "content/adim-2.md",
        "href = \"adim-2.html#yok\"",
        "href = \"adim-2.html\"",
    );
    f.edit(
        "content/adim-2.md",
        "title = \"Adım 2: Yapın\"",
        "title = \"Yapın\"",
    );
    let err = format!("{:#}", f.build().unwrap_err());
    assert_eq!(
        err,
        "content/adim-2.md:1: the title of step 2 must start with 'Adım 2: '"
    );
}

#[test]
fn aliases_cannot_write_outside_the_output() {
    // The reproduction from the review: aliases climbing out of the output folder.
    assert_fails(
        |f| {
            f.edit(
                "content/sss.md",
                "slug = \"sss\"\n",
                "slug = \"sss\"\naliases = [\"../../escaped.html\", \"../../s.html\"]\n",
            )
        },
        "content/sss.md:5: alias '../../escaped.html' must be a file name in the site's root folder",
    );
    for bad in ["/tmp/abs.html", "eski/adres.html", "Eski.html", "x.htm"] {
        assert_fails(
            |f| {
                f.edit(
                    "content/sss.md",
                    "slug = \"sss\"\n",
                    &format!("slug = \"sss\"\naliases = [\"{bad}\"]\n"),
                )
            },
            &format!("content/sss.md:5: alias '{bad}' must be a file name"),
        );
    }
    let f = Fixture::new();
    f.build().unwrap();
    let outside: Vec<_> = std::fs::read_dir(f.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html"))
        .collect();
    assert!(outside.is_empty(), "{outside:?}");
}

#[test]
fn symlinks_leaving_content_are_refused_and_cannot_loop() {
    use std::os::unix::fs::symlink;
    assert_fails(
        |f| symlink("/etc/passwd", f.dir.path().join("content/passwd.txt")).unwrap(),
        "content/passwd.txt:1: symbolic link to /etc/passwd leaves the content/ folder",
    );
    assert_fails(
        |f| symlink("/etc", f.dir.path().join("content/etc")).unwrap(),
        "content/etc:1: symbolic link to /etc leaves the content/ folder",
    );
    assert_fails(
        |f| {
            symlink(".", f.dir.path().join("content/resim/x")).unwrap();
            symlink(".", f.dir.path().join("content/resim/y")).unwrap();
        },
        "content/resim/",
    );
    // A link that stays inside is fine.
    let f = Fixture::new();
    symlink(
        f.dir.path().join("content/resim/sema.svg"),
        f.dir.path().join("content/sema2.svg"),
    )
    .unwrap();
    f.build().unwrap();
    assert!(f.out().join("sema2.svg").is_file());
}

#[test]
fn raw_html_in_content_follows_the_policy() {
    for (html, expected) in [
        (
            "<script src=\"evil.js\"></script>",
            "content/sss.md:18: içerikte <script> kullanılamaz (sayfada kod çalıştırabilir)",
        ),
        (
            "<meta http-equiv=\"refresh\" content=\"0;url=https://x.example\">",
            "content/sss.md:18: içerikte <meta> kullanılamaz",
        ),
        (
            "<p onmouseover=\"x()\">a</p>",
            "content/sss.md:18: <p> üzerindeki 'onmouseover' olay özniteliği",
        ),
        (
            "[tıkla](javascript:alert(1))",
            "content/sss.md:18: 'javascript:alert(1)' adresi 'javascript:' kullanıyor",
        ),
        // Read as a browser reads them: a comment closed at once, a tag over two lines.
        (
            "<!--><script src=\"evil.js\"></script><!-- -->",
            "content/sss.md:18: içerikte <script> kullanılamaz",
        ),
        (
            "<div>\n<meta\nhttp-equiv=\"refresh\" content=\"0;url=https://x.example\">\n</div>",
            "content/sss.md:20: içerikte <meta> kullanılamaz",
        ),
    ] {
        assert_fails(
            |f| {
                f.edit(
                    "content/sss.md",
                    "![Şema](resim/sema.svg)",
                    &format!("![Şema](resim/sema.svg)\n\n{html}"),
                )
            },
            expected,
        );
    }
}

#[test]
fn endless_template_loops_stop_the_build() {
    assert_fails(
        |f| {
            f.edit(
                "content/sss.md",
                "PUK.",
                "PUK. {% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
            )
        },
        "content/sss.md:14: the template does too much work",
    );
}

#[test]
fn template_links_with_numeric_entities_resolve() {
    // minijinja's auto-escape writes '/' in attributes as "&#x2f;": a template link into a
    // sub-folder must still resolve (the link checker once knew only named entities).
    let f = Fixture::new();
    f.edit(
        "site-templates/base.html",
        "<footer>",
        "<footer><a href=\"{{ 'resim/sema.svg' }}\">şema</a>",
    );
    f.build().unwrap();
    assert!(read(&f, "index.html").contains("href=\"resim&#x2f;sema.svg\""));
    f.edit(
        "site-templates/base.html",
        "'resim/sema.svg'",
        "'resim/yok.svg'",
    );
    let e = format!("{:#}", f.build().unwrap_err());
    assert!(
        e.contains("link to 'resim/yok.svg' does not resolve"),
        "{e}"
    );
}

/// The fixture built by the real binary (as a user runs it), optionally paused just before
/// the new output is swapped in.
fn spawn_build(f: &Fixture, pause_ms: Option<u64>) -> std::process::Child {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_xtask"));
    cmd.args(["build", "--no-wasm", "--content"])
        .arg(f.dir.path().join("content"))
        .arg("--templates")
        .arg(f.dir.path().join("site-templates"))
        .arg("--out")
        .arg(f.out())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    if let Some(ms) = pause_ms {
        cmd.env("XTASK_TEST_PAUSE_BEFORE_SWAP_MS", ms.to_string());
    }
    cmd.spawn().unwrap()
}

#[test]
fn killing_the_build_always_leaves_a_whole_output_folder() {
    let f = Fixture::new();
    f.build().unwrap();
    let old = snapshot(&f.out());
    f.edit("content/index.md", "# Merhaba", "# Merhaba yeniden");

    // Killed after the new site is complete and before it is swapped in: the old output
    // must be there, whole. (With two renames it was missing at one point.)
    let mut child = spawn_build(&f, Some(60_000));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let ready = std::fs::read_dir(f.dir.path()).unwrap().flatten().any(|e| {
            e.file_name().to_string_lossy().starts_with("dist.tmp-")
                && std::fs::read_to_string(e.path().join("index.html"))
                    .is_ok_and(|h| h.contains("Merhaba yeniden"))
        });
        if ready {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the paused build never got ready"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(f.out().is_dir(), "no output folder after the kill");
    assert!(old == snapshot(&f.out()), "the old output, whole");

    // The next build cleans up after the killed one and swaps the new site in.
    f.build().unwrap();
    let new = snapshot(&f.out());
    assert!(old != new, "the new site is in place");
    let leftovers: Vec<String> = std::fs::read_dir(f.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("dist."))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // Killed at arbitrary moments: the output is always one of the two whole sites.
    let mut delay = 7u64;
    for round in 0..12 {
        let (from, to) = if round % 2 == 0 {
            ("yeniden", "tekrar")
        } else {
            ("tekrar", "yeniden")
        };
        f.edit("content/index.md", from, to);
        let mut child = spawn_build(&f, None);
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        child.wait().unwrap();
        let now = snapshot(&f.out());
        assert!(
            now.contains_key("index.html") && now.contains_key("sss.html"),
            "round {round}: {:?}",
            now.keys()
        );
        let index = String::from_utf8_lossy(&now["index.html"]).into_owned();
        assert!(
            index.contains("Merhaba yeniden") || index.contains("Merhaba tekrar"),
            "round {round}"
        );
        delay = (delay * 7 + 3) % 40;
    }
}
