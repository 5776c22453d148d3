//! Fixture tests of the site pipeline: every kind of bad content fails with `file:line:` and
//! leaves the previous output intact; builds are reproducible; output links are relative.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use xtask::site::dates::Date;
use xtask::site::{build, BuildOptions, WasmMode};

/// The test directorate's settings (shared by the builder's tests).
const SITE_TOML: &str = include_str!("../fixtures/site.toml");

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

const SSS: &str = "+++\ntitle = \"Sıkça Sorulan Sorular\"\norder = 2\nslug = \"sss\"\n\n[[sources]]\ntitle = \"Kamu SM\"\nurl = \"https://kamusm.example/sss\"\nchecked = 2026-10-01\n+++\n\n## PUK nedir? {#puk}\n\nPUK.\n\n![Şema](resim/sema.png)\n";

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
        f.write("content/resim/sema.png", "\u{89}PNG şema");
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
        f.out().join("resim/sema.png").exists(),
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

/// One build by the command line with `threads` worker threads (rayon's RAYON_NUM_THREADS).
fn build_with_threads(f: &Fixture, threads: usize, out: &Path) {
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_xtask"))
        .env("RAYON_NUM_THREADS", threads.to_string())
        .arg("build")
        .arg("--no-wasm")
        .arg("--content")
        .arg(f.dir.path().join("content"))
        .arg("--templates")
        .arg(f.dir.path().join("site-templates"))
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn one_thread_and_several_give_the_same_bytes() {
    let f = Fixture::new();
    // Enough pages that every parallel stage splits its work.
    for i in 0..60 {
        let next = (i + 7) % 60;
        f.write(
            &format!("content/s{i:02}.md"),
            &format!(
                "+++\ntitle = \"Sayfa {i}\"\norder = {}\nfactual = false\n+++\n\n## Bölüm {i} {{#b{i}}}\n\n\
                 {} [sonraki](s{next:02}.html#b{next}).\n",
                10 + i,
                "Metin ve biraz daha metin. ".repeat(1 + i * 3)
            ),
        );
    }
    let one = f.dir.path().join("tek");
    let many = f.dir.path().join("cok");
    build_with_threads(&f, 1, &one);
    build_with_threads(&f, 4, &many);
    let (one, many) = (snapshot(&one), snapshot(&many));
    assert!(one.len() > 60, "{} files", one.len());
    assert!(one.contains_key("e-imza-el-kitabi.zip"));
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        many.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &one {
        assert!(
            many[name] == *bytes,
            "{name} differs between 1 and 4 threads"
        );
    }
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
        "content/sss.md:3: ön bilgi (front matter):",
    );
}

#[test]
fn missing_front_matter() {
    assert_fails(
        |f| f.write("content/yeni.md", "# Başlık\n"),
        "content/yeni.md:1: ön bilgi (front matter) yok",
    );
}

#[test]
fn missing_title() {
    assert_fails(
        |f| f.edit("content/sss.md", "title = \"Sıkça Sorulan Sorular\"\n", ""),
        "content/sss.md:1: ön bilgide (front matter) 'title' yok",
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
        "content/zz.md:1: 'sss.html' iki kez üretiliyor: content/zz.md sayfası ve content/sss.md \
         sayfası",
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
        "content/sss.md:4: bilinmeyen şablon 'yok'",
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
        "site-templates/page.html:2: şablonda bilinmeyen değişken",
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
        "content/index.md:13: şablonda bilinmeyen değişken",
    );
}

#[test]
fn broken_link() {
    assert_fails(
        |f| f.edit("content/index.md", "(sss.html#puk)", "(yok.html)"),
        "content/index.md:17: bağlantı 'yok.html' bulunamadı: sitede bu adda bir sayfa ya da dosya yok",
    );
}

#[test]
fn broken_anchor() {
    assert_fails(
        |f| f.edit("content/index.md", "(#sik-sorulan)", "(#yok)"),
        "content/index.md:17: bağlantı '#yok' bulunamadı: sayfada 'yok' kimlikli bir başlık ya da bölüm yok",
    );
}

#[test]
fn missing_image() {
    assert_fails(
        |f| f.edit("content/sss.md", "resim/sema.png", "resim/yok.png"),
        "content/sss.md:16: resim 'resim/yok.png' bulunamadı",
    );
}

#[test]
fn bad_component_toml() {
    assert_fails(
        |f| f.edit("content/index.md", "hedef = \"sss.html\"", "hedef = sss"),
        "content/index.md:26: bileşen 'kutu':",
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
        "content/index.md:24: bağlantı 'yok.html' bulunamadı: sitede bu adda bir sayfa ya da dosya yok",
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
        "content/site.toml:9: bilinmeyen anahtar `nme` (geçerli anahtarlar: ",
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
        "hata: content/index.md:17: bağlantı 'yok.html' bulunamadı: sitede bu adda bir sayfa ya da dosya yok"
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
        "content/sss.md:1: ön bilgide kaynak yok",
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
        "content/sss.md:9: ön bilgi (front matter): değerin türü yanlış: metin \"dün\" yazılmış",
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
            "content/sss.md:9: 'Kamu SM' kaynağı en son 2026-10-01 tarihinde \
          denetlenmiş, 12 aydan eski: sayfayı kaynakla yeniden karşılaştırıp 'checked' \
          tarihini güncelleyin"
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
            "content/site.toml:10: unit.phone örnek bir değer (# ÖRNEK ile işaretli): \
             yayımlamadan önce gerçek değeri yazın (varsa # ÖRNEK işaretini de silin)"
        ]
    );
    let before = snapshot(&f.out());
    let mut opts = f.opts();
    opts.publish = true;
    let err = format!("{:#}", build(&opts).unwrap_err());
    assert!(
        err.starts_with("content/site.toml:10: unit.phone örnek bir değer"),
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

/// A step page for the step fixtures: `numbered = true`, its title without a number.
fn write_step(f: &Fixture, slug: &str, title: &str, order: i64) {
    f.write(
        &format!("content/{slug}.md"),
        &format!(
            "+++\ntitle = \"{title}\"\norder = {order}\ntemplate = \"adim\"\nin_menu = false\nfactual = false\n\n\
             [step]\nnumbered = true\nsummary = \"Özet {slug}.\"\n[[step.tasks]]\ntext = \"Git\"\nhref = \"{slug}.html\"\n+++\nMetin.\n"
        ),
    );
}

/// Step pages for the step fixtures: a template that prints the title, the step list and
/// the previous/next links.
fn step_fixture() -> Fixture {
    let f = Fixture::new();
    f.write(
        "site-templates/adim.html",
        "{% extends \"base.html\" %}{% block main %}<h1>{{ page.title }}</h1>{{ page.content }}<ol>{% for s in steps %}<li>{{ s.label }} {{ s.title }}: {{ s.summary }}{% for t in s.tasks %} <a href=\"{{ t.href }}\">{{ t.text }}</a>{% endfor %}</li>{% endfor %}</ol>{% endblock %}",
    );
    f
}

#[test]
fn step_pages_make_the_step_list_and_their_links_are_checked() {
    let f = step_fixture();
    write_step(&f, "adim-1", "Yapın", 11);
    write_step(&f, "adim-2", "Yapın", 12);
    f.build().unwrap();
    let one = read(&f, "adim-1.html");
    assert!(
        one.contains("<li>1 Yapın: Özet adim-1. <a href=\"adim-1.html\">Git</a></li>"),
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
        err.starts_with("content/adim-2.md:13: bağlantı 'adim-2.html#yok' bulunamadı"),
        "{err}"
    );
}

#[test]
fn inserting_a_step_page_renumbers_every_later_step() {
    let f = step_fixture();
    write_step(&f, "giris", "Girin", 10);
    write_step(&f, "form", "Formu doldurun", 20);
    write_step(&f, "imza", "İmzalayın", 30);
    f.edit(
        "content/imza.md",
        "+++\nMetin.",
        "+++\nGeri: {{ adim(\"form.html\") }}.",
    );
    f.write(
        "content/once.md",
        "+++\ntitle = \"Başlamadan önce\"\norder = 5\ntemplate = \"adim\"\nin_menu = false\nfactual = false\n\n\
         [step]\nlabel = \"Önce\"\nsummary = \"Hazırlanın.\"\n+++\nMetin.\n",
    );
    f.build().unwrap();
    let titles = |f: &Fixture| -> Vec<String> {
        ["giris", "secim", "form", "imza"]
            .iter()
            .filter(|s| f.out().join(format!("{s}.html")).exists())
            .map(|s| {
                let html = read(f, &format!("{s}.html"));
                let start = html.find("<h1>").unwrap() + 4;
                html[start..start + html[start..].find("</h1>").unwrap()].to_string()
            })
            .collect()
    };
    assert_eq!(
        titles(&f),
        [
            "Adım 1: Girin",
            "Adım 2: Formu doldurun",
            "Adım 3: İmzalayın"
        ]
    );
    let list = |f: &Fixture| {
        let html = read(f, "giris.html");
        let start = html.find("<ol>").unwrap();
        html[start..start + html[start..].find("</ol>").unwrap()].to_string()
    };
    assert!(list(&f).contains("<li>1 Girin:"), "{}", list(&f));
    assert!(list(&f).contains("<li>2 Formu doldurun:"), "{}", list(&f));
    assert!(list(&f).contains("<li>3 İmzalayın:"), "{}", list(&f));
    assert!(read(&f, "form.html").contains("<title>Adım 2: Formu doldurun · "));
    assert!(read(&f, "imza.html").contains("Geri: Adım 2."));

    // A new page between the first and the second: every later step moves up by one.
    write_step(&f, "secim", "Yöntemi seçin", 15);
    f.build().unwrap();
    assert_eq!(
        titles(&f),
        [
            "Adım 1: Girin",
            "Adım 2: Yöntemi seçin",
            "Adım 3: Formu doldurun",
            "Adım 4: İmzalayın"
        ]
    );
    let list = list(&f);
    let order: Vec<usize> = [
        "<li>Önce Başlamadan önce:",
        "<li>1 Girin:",
        "<li>2 Yöntemi seçin:",
        "<li>3 Formu doldurun:",
        "<li>4 İmzalayın:",
    ]
    .iter()
    .map(|e| list.find(e).unwrap_or_else(|| panic!("{e} in {list}")))
    .collect();
    assert!(order.is_sorted(), "the step list is in page order: {list}");
    let form = read(&f, "form.html");
    assert!(form.contains("<title>Adım 3: Formu doldurun · "), "{form}");
    assert!(form.contains("<a href=\"secim.html\">Önceki</a>"), "{form}");
    assert!(form.contains("<a href=\"imza.html\">Sonraki</a>"), "{form}");
    assert!(
        read(&f, "imza.html").contains("Geri: Adım 3."),
        "body text that names a step by its page follows"
    );
    let secim = read(&f, "secim.html");
    assert!(
        secim.contains("<a href=\"giris.html\">Önceki</a>"),
        "{secim}"
    );
    assert!(
        secim.contains("<a href=\"form.html\">Sonraki</a>"),
        "{secim}"
    );
}

#[test]
fn a_numbered_step_may_not_write_its_own_number() {
    let broken = |from: &str, to: &str| {
        let f = step_fixture();
        write_step(&f, "adim-1", "Yapın", 11);
        f.edit("content/adim-1.md", from, to);
        format!("{:#}", f.build().unwrap_err())
    };
    let err = broken("title = \"Yapın\"", "title = \"Adım 4: Yapın\"");
    assert!(
        err.starts_with("content/adim-1.md:2: numaralı adımın başlığı numarasız yazılır"),
        "{err}"
    );
    // A route's title too, at its own line.
    let err = broken(
        "+++\nMetin",
        "\n[route.kisi-odemeli]\ntitle = \"Adım 1: Başka\"\n+++\nMetin",
    );
    assert!(
        err.starts_with("content/adim-1.md:16: numaralı adımın başlığı numarasız yazılır"),
        "{err}"
    );
    // A number written as a label.
    let err = broken("numbered = true", "label = \"4\"");
    assert!(
        err.starts_with("content/adim-1.md:9: adım numarası elle yazılmaz"),
        "{err}"
    );
    let err = broken("numbered = true", "numbered = true\nlabel = \"Önce\"");
    assert!(
        err.starts_with("content/adim-1.md:10: [step] ya numbered = true ya da label"),
        "{err}"
    );
    let err = broken("+++\nMetin.", "+++\nBkz. {{ adim(\"sss.html\") }}.");
    assert!(
        err.starts_with("content/adim-1.md:15: geçersiz işlem 'adim(\"sss.html\")': numaralı bir adım sayfası değil"),
        "{err}"
    );
    let err = broken("numbered = true\n", "");
    assert!(
        err.starts_with("content/adim-1.md:8: [step] içine numbered = true"),
        "{err}"
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
        "content/sss.md:5: takma ad (alias) '../../escaped.html' sitenin kök klasöründe bir dosya adı olmalı",
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
            &format!("content/sss.md:5: takma ad (alias) '{bad}' sitenin kök klasöründe bir dosya adı olmalı"),
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
fn symlinks_in_content_are_refused_wherever_they_point() {
    // A link is checked and then read by path in two steps, so one swapped in between could
    // publish a file from outside content/: links are not read at all, even those that stay
    // inside (the last two were followed before).
    use std::os::unix::fs::symlink;
    for (link, target) in [
        ("passwd.png", "/etc/passwd"),
        ("etc", "/etc"),
        ("resim/x", "."),
        ("sema2.png", "resim/sema.png"),
        ("kopya.md", "sss.md"),
    ] {
        assert_fails(
            |f| symlink(target, f.dir.path().join("content").join(link)).unwrap(),
            &format!("content/{link}:1: sembolik bağlantı okunmaz"),
        );
    }
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
                    "![Şema](resim/sema.png)",
                    &format!("![Şema](resim/sema.png)\n\n{html}"),
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
        "content/sss.md:14: şablon çok fazla iş yapıyor",
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
        "<footer><a href=\"{{ 'resim/sema.png' }}\">şema</a>",
    );
    f.build().unwrap();
    assert!(read(&f, "index.html").contains("href=\"resim&#x2f;sema.png\""));
    f.edit(
        "site-templates/base.html",
        "'resim/sema.png'",
        "'resim/yok.png'",
    );
    let e = format!("{:#}", f.build().unwrap_err());
    assert!(
        e.contains("index.html: bağlantı 'resim/yok.png' bulunamadı: sitede bu adda bir sayfa ya da dosya yok"),
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

#[test]
fn content_publishes_only_images_and_pdf() {
    for (name, start) in [
        (
            "duyuru.html",
            "content/duyuru.html:1: içerikte .html dosyası yayımlanamaz",
        ),
        ("x.js", "content/x.js:1: içerikte .js dosyası yayımlanamaz"),
        (
            "resim/stil.css",
            "content/resim/stil.css:1: içerikte .css dosyası",
        ),
        ("a.wasm", "content/a.wasm:1: içerikte .wasm dosyası"),
        (
            "web.config",
            "content/web.config:1: 'web.config' iki kez üretiliyor: content/web.config dosyası \
             ve IIS sunucu ayarı (web.config)",
        ),
        (
            "resim/ayar.config",
            "content/resim/ayar.config:1: içerikte .config dosyası",
        ),
        (
            "resim/cizim.svg",
            "content/resim/cizim.svg:1: içerikte .svg dosyası",
        ),
        ("OKUBENI", "content/OKUBENI:1: içerikte uzantısız dosya"),
        ("ayar.toml", "content/ayar.toml:1: içerikte .toml dosyası"),
        (".htaccess", "content/.htaccess:1: gizli dosya"),
        (
            "resim/.gizli.png",
            "content/resim/.gizli.png:1: gizli dosya",
        ),
    ] {
        assert_fails(
            |f| f.write(&format!("content/{name}"), "<script>alert(1)</script>"),
            start,
        );
    }
    // The listed types are published as they are, whatever the case of the extension; an
    // editor's backup and swap files are left out without a word.
    let f = Fixture::new();
    f.write("content/belgeler/kilavuz.pdf", "%PDF-1.4");
    f.write("content/resim/Foto.JPG", "jpg");
    f.write("content/sss.md~", "yedek");
    f.write("content/.sss.md.swp", "takas");
    f.build().unwrap();
    assert_eq!(read(&f, "belgeler/kilavuz.pdf"), "%PDF-1.4");
    assert_eq!(read(&f, "resim/Foto.JPG"), "jpg");
    assert!(!f.out().join("sss.md~").exists());
}

#[test]
fn every_output_file_has_one_owner() {
    let kontrol = "+++\ntitle = \"Denetleyici\"\nfactual = false\n+++\nForm.\n";
    // A content file taking a page's name (the checker page's, on the real site).
    assert_fails(
        |f| {
            f.write("content/kontrol.md", kontrol);
            f.write("content/kontrol.html", "<p>sahte</p>");
        },
        "content/kontrol.html:1: 'kontrol.html' iki kez üretiliyor: content/kontrol.html \
         dosyası ve content/kontrol.md sayfası",
    );
    // Names that differ only in case are one file on a case-insensitive server.
    assert_fails(
        |f| f.write("content/resim/Sema.png", "başka"),
        "content/resim/sema.png:1: 'resim/sema.png' ile 'resim/Sema.png' yalnızca büyük/küçük \
         harfte ayrılıyor",
    );
    // A slug or an alias taking a file the build makes.
    assert_fails(
        |f| {
            f.edit(
                "content/sss.md",
                "slug = \"sss\"",
                "slug = \"e-imza-basvuru-kontrol\"",
            )
        },
        "content/sss.md:1: 'e-imza-basvuru-kontrol.html' iki kez üretiliyor: content/sss.md \
         sayfası ve tek dosyalık denetleyici (e-imza-basvuru-kontrol.html)",
    );
    let alias = |name: &str| {
        let name = name.to_string();
        move |f: &Fixture| {
            f.edit(
                "content/sss.md",
                "slug = \"sss\"\n",
                &format!("slug = \"sss\"\naliases = [\"{name}\"]\n"),
            )
        }
    };
    assert_fails(
        alias("e-imza-basvuru-kontrol.html"),
        "content/sss.md:5: 'e-imza-basvuru-kontrol.html' iki kez üretiliyor: content/sss.md \
         sayfasının eski adresi (aliases) ve tek dosyalık denetleyici",
    );
    assert_fails(
        alias("sw.js"),
        "content/sss.md:5: takma ad (alias) 'sw.js' sitenin kök klasöründe bir dosya adı olmalı",
    );
    assert_fails(
        alias("index.html"),
        "content/sss.md:5: 'index.html' iki kez üretiliyor: content/sss.md sayfasının eski \
         adresi (aliases) ve content/index.md sayfası",
    );
    // Two pages with the same alias.
    assert_fails(
        |f| {
            alias("eski.html")(f);
            f.edit(
                "content/index.md",
                "order = 1\n",
                "order = 1\naliases = [\"eski.html\"]\n",
            );
        },
        "content/sss.md:5: 'eski.html' iki kez üretiliyor: content/sss.md sayfasının eski adresi \
         (aliases) ve content/index.md sayfasının eski adresi (aliases)",
    );
}

/// A folder that is not the build's: a web root with its own files.
fn web_root(dir: &Path) -> (PathBuf, BTreeMap<String, Vec<u8>>) {
    let root = dir.join("www");
    std::fs::create_dir_all(root.join("resim")).unwrap();
    std::fs::write(root.join("index.php"), "<?php // başka bir uygulama").unwrap();
    std::fs::write(root.join("resim/logo.gif"), "GIF89a").unwrap();
    std::fs::write(root.join(".htaccess"), "# sunucunun kendi ayarı").unwrap();
    (root.clone(), snapshot(&root))
}

#[test]
fn a_symlinked_output_is_refused_and_its_target_untouched() {
    let f = Fixture::new();
    let (root, before) = web_root(f.dir.path());
    std::os::unix::fs::symlink(&root, f.out()).unwrap();
    // Twice: the second build used to empty the link's target.
    for _ in 0..2 {
        let e = format!("{:#}", f.build().unwrap_err());
        assert!(e.contains("çıktı klasörü sembolik bağlantı"), "{e}");
        assert_eq!(before, snapshot(&root), "the web root is untouched");
    }
    assert!(std::fs::symlink_metadata(f.out()).unwrap().is_symlink());
}

#[test]
fn a_folder_with_other_files_is_refused_and_the_builds_own_is_rewritten() {
    let f = Fixture::new();
    let (root, before) = web_root(f.dir.path());
    let mut opts = f.opts();
    opts.out_dir = root.clone();
    for _ in 0..2 {
        let e = format!("{:#}", build(&opts).unwrap_err());
        assert!(
            e.contains("klasör boş değil ve bir önceki yapımın işaretini"),
            "{e}"
        );
        assert_eq!(before, snapshot(&root), "the folder is untouched");
    }
    // An absent folder, then the same folder again (it carries the marker now), then an
    // empty one: all built.
    f.build().unwrap();
    assert!(f.out().join(".e-imza-cikti").is_file());
    f.edit("content/index.md", "# Merhaba", "# Merhaba yeniden");
    f.build().unwrap();
    assert!(read(&f, "index.html").contains("Merhaba yeniden"));
    let empty = f.dir.path().join("bos");
    std::fs::create_dir(&empty).unwrap();
    opts.out_dir = empty.clone();
    build(&opts).unwrap();
    assert!(empty.join("index.html").is_file());
    // The marker is the build's, not the site's.
    let zip = std::fs::read(f.out().join("e-imza-el-kitabi.zip")).unwrap();
    assert!(!String::from_utf8_lossy(&zip).contains(".e-imza-cikti"));
    assert!(!read(&f, "sw.js").contains(".e-imza-cikti"));
}

#[test]
fn links_inside_the_output_are_replaced_not_written_through() {
    let f = Fixture::new();
    f.build().unwrap();
    let outside = f.dir.path().join("disarida");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("hedef.txt"), "dokunma").unwrap();
    std::fs::write(outside.join("sert.txt"), "dokunma").unwrap();
    let before = snapshot(&outside);
    std::fs::remove_file(f.out().join("sss.html")).unwrap();
    std::os::unix::fs::symlink(outside.join("hedef.txt"), f.out().join("sss.html")).unwrap();
    std::fs::remove_dir_all(f.out().join("resim")).unwrap();
    std::os::unix::fs::symlink(&outside, f.out().join("resim")).unwrap();
    std::fs::remove_file(f.out().join("index.html")).unwrap();
    std::fs::hard_link(outside.join("sert.txt"), f.out().join("index.html")).unwrap();
    // The first build moves that folder aside as the spare; the second one recycles it.
    for _ in 0..3 {
        f.build().unwrap();
        assert_eq!(
            before,
            snapshot(&outside),
            "nothing written outside the output"
        );
    }
    for dir in [f.out(), f.dir.path().join(".dist.onceki")] {
        for name in ["sss.html", "index.html", "resim"] {
            let meta = std::fs::symlink_metadata(dir.join(name)).unwrap();
            assert!(!meta.is_symlink(), "{}", dir.join(name).display());
        }
    }
    assert!(read(&f, "sss.html").contains("PUK"));
}

#[test]
fn a_fifo_in_content_is_refused_without_blocking() {
    for name in ["boru.png", "boru.md", "data/boru.toml"] {
        let f = Fixture::new();
        std::fs::create_dir_all(f.dir.path().join("content/data")).unwrap();
        let fifo = f.dir.path().join("content").join(name);
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success(), "mkfifo");
        let opts = f.opts();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(build(&opts).map_err(|e| format!("{e:#}")));
        });
        // Only a guard against a hang (the old reader blocked here for ever), not a timing test.
        let result = rx
            .recv_timeout(std::time::Duration::from_secs(120))
            .expect("the build blocked on a FIFO");
        let e = result.unwrap_err();
        assert!(
            e.starts_with(&format!("content/{name}:1: adlandırılmış boru (FIFO)")),
            "{e}"
        );
    }
}

#[test]
fn the_output_cannot_be_inside_or_around_the_sources() {
    let f = Fixture::new();
    let content = f.dir.path().join("content");
    let before = snapshot(&content);
    for (out, says) in [
        (content.join("dist"), "content/ klasörünün içinde"),
        (content.join("a/b/dist"), "content/ klasörünün içinde"),
        (content.clone(), "content/ klasörünün içinde"),
        (f.dir.path().to_path_buf(), "content/ klasörünü içeriyor"),
        (
            f.dir.path().join("site-templates/static/dist"),
            "site-templates/ klasörünün içinde",
        ),
    ] {
        let mut opts = f.opts();
        opts.out_dir = out.clone();
        let e = format!("{:#}", build(&opts).unwrap_err());
        assert!(e.contains(says), "{}: {e}", out.display());
        assert_eq!(before, snapshot(&content), "{}", out.display());
        assert!(!content.join("dist").exists() && !content.join("a").exists());
    }
}

/// The shipped example values are known by value: with the `# ÖRNEK` comment deleted they
/// still warn, stop `--yayin` and show the red strip; a real value does none of that.
#[test]
fn shipped_example_values_stop_publishing_without_their_marker() {
    let f = Fixture::new();
    f.write(
        "site-templates/base.html",
        &BASE.replace(
            "<body>",
            "<body>{% if site.placeholders %}<div class=\"ornek-serit\"></div>{% endif %}\
             {% if site.unit.email is ornek %}<span class=\"ornek\">örnek</span>{% endif %}",
        ),
    );
    f.build().unwrap();
    assert!(
        !read(&f, "index.html").contains("ornek"),
        "real values: no strip"
    );
    for (from, to, key) in [
        (
            "phone = \"0 (312) 000 00 00\"",
            "phone = \"0 (382) 000 00 00\"",
            "unit.phone",
        ),
        (
            "email = \"mebbis@deneme.meb.gov.tr\"",
            "email = \"mebbis@aksaray-mem.example\"",
            "unit.email",
        ),
        (
            "email = \"mebbis@deneme.meb.gov.tr\"",
            "email = \"birim@ornek.meb.gov.tr\"",
            "unit.email",
        ),
        (
            "address = \"Deneme\"",
            "address = \"Aksaray İl Millî Eğitim Müdürlüğü, Bilgi İşlem MEBBİS Birimi, Aksaray\"",
            "unit.address",
        ),
    ] {
        f.edit("content/site.toml", from, to);
        let report = f.build().unwrap();
        assert_eq!(report.warnings.len(), 1, "{to}: {:?}", report.warnings);
        assert!(
            report.warnings[0].contains(&format!(": {key} örnek bir değer")),
            "{:?}",
            report.warnings
        );
        assert!(
            read(&f, "index.html").contains("ornek-serit"),
            "{to}: the strip"
        );
        let before = snapshot(&f.out());
        let mut opts = f.opts();
        opts.publish = true;
        let err = format!("{:#}", build(&opts).unwrap_err());
        assert!(err.contains(key) && err.contains("--yayin"), "{err}");
        assert_eq!(before, snapshot(&f.out()), "dist/ untouched");
        f.edit("content/site.toml", to, from);
    }
    let mut opts = f.opts();
    opts.publish = true;
    opts.base_url = Some("https://eimza.ornek.meb.gov.tr/".into());
    let err = format!("{:#}", build(&opts).unwrap_err());
    assert!(
        err.contains("base_url") && err.contains("--base-url"),
        "{err}"
    );
    opts.base_url = Some("https://eimza.aksaray.meb.gov.tr/".into());
    build(&opts).unwrap();
}

/// A site.toml value shown in a page body is text: neither HTML nor Markdown in it becomes
/// active, in a paragraph or inside a component.
#[test]
fn site_values_are_text_in_page_bodies() {
    let f = Fixture::new();
    f.edit(
        "content/site.toml",
        "name = \"MEBBİS Birimi\"",
        r#"name = "<img src=x onerror=alert(1)> **kalın** [a](javascript:alert(1)) \"q\" & <!--""#,
    );
    f.edit(
        "content/index.md",
        "Birim telefonu: {{ site.unit.phone }}.",
        "Birim telefonu: {{ site.unit.phone }}.\n\nBirim: {{ site.unit.name }}\n\n\
         ```kutu\nbaslik = \"{{ site.unit.name }}\"\nhedef = \"sss.html\"\n```\n",
    );
    f.build().unwrap();
    let index = read(&f, "index.html");
    assert!(
        index.contains(
            "<p>Birim: &lt;img src=x onerror=alert(1)&gt; **kalın** [a](javascript:alert(1))"
        ),
        "{index}"
    );
    assert!(
        index.contains(
            "<figcaption>&lt;img src=x onerror=alert(1)&gt; **kalın** [a](javascript:alert(1))"
        ),
        "the component shows the text once escaped: {index}"
    );
    for active in [
        "<img src=x",
        "<strong>kalın",
        "href=\"javascript",
        "<!--",
        "&amp;#",
    ] {
        assert!(!index.contains(active), "{active}: {index}");
    }
}

/// Hostile base URLs fail with the line; an odd but valid one reaches sitemap.xml, .htaccess
/// and sw.js only in its re-serialised, escaped form, and each file still parses.
#[test]
fn base_url_reaches_server_files_only_checked_and_escaped() {
    let f = Fixture::new();
    for bad in [
        r#""https://x.meb.gov.tr/a\nRedirect / https://kotu.example/""#,
        r#""https://x.meb.gov.tr/a\u2028b/""#,
        r#""https://x.meb.gov.tr/a b/""#,
        r#""javascript:alert(1)""#,
        r#""https://x.meb.gov.tr/?q=1""#,
    ] {
        f.write(
            "content/site.toml",
            &format!("base_url = {bad}\n{SITE_TOML}"),
        );
        let err = format!("{:#}", f.build().unwrap_err());
        assert!(
            err.starts_with("content/site.toml:1: base_url: "),
            "{bad}: {err}"
        );
    }
    f.write(
        "content/site.toml",
        &format!("base_url = \"https://x.meb.gov.tr/a\\\"b&c<d>%0a/\"\n{SITE_TOML}"),
    );
    f.build().unwrap();
    let base = "https://x.meb.gov.tr/a%22b&c%3Cd%3E%0a/";
    let sitemap = read(&f, "sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(locs, [base.to_string(), format!("{base}sss.html")]);
    let htaccess = read(&f, ".htaccess");
    assert!(
        htaccess.contains("\nErrorDocument 404 /a%22b&c%3Cd%3E%0a/404.html\n"),
        "{htaccess}"
    );
    assert_eq!(
        htaccess
            .lines()
            .filter(|l| l.starts_with("ErrorDocument"))
            .count(),
        1
    );
    roxmltree::Document::parse(&read(&f, "web.config")).unwrap();
}

/// The offline copy lists content files by the address pages link them with (spaces, `#`,
/// `?`, `%` and Turkish letters percent-encoded), keeps their bytes, and asks the network
/// first for them: only fingerprinted assets are served from the saved copy first.
#[test]
fn offline_copy_lists_content_files_encoded() {
    let f = Fixture::new();
    let png: &[u8] = &[
        0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0xff, 0xfe, 0x80,
    ];
    for name in ["a b#c%?.png", "şekil 1.png"] {
        std::fs::write(f.dir.path().join("content/resim").join(name), png).unwrap();
    }
    f.edit(
        "content/sss.md",
        "![Şema](resim/sema.png)",
        "![Şema](resim/sema.png)\n\n![A](resim/a%20b%23c%25%3F.png) ![Ş](resim/%C5%9Fekil%201.png)",
    );
    f.build().unwrap();
    let sw = read(&f, "sw.js");
    let list = |name: &str| -> Vec<String> {
        let start = format!("var {name} = ");
        let from = sw.find(&start).unwrap() + start.len();
        let end = from + sw[from..].find(";\n").unwrap();
        serde_json::from_str(&sw[from..end]).unwrap()
    };
    let kept = list("DOSYALAR");
    let fixed = list("SABIT");
    for url in [
        "resim/a%20b%23c%25%3F.png",
        "resim/%C5%9Fekil%201.png",
        "sss.html",
    ] {
        assert!(kept.contains(&url.to_string()), "{url}: {kept:?}");
        assert!(
            !fixed.contains(&url.to_string()),
            "{url} is asked from the network first"
        );
    }
    assert!(
        fixed
            .iter()
            .any(|u| u.starts_with("style.") && u.ends_with(".css")),
        "{fixed:?}"
    );
    assert!(fixed.iter().all(|u| kept.contains(u)));
    assert_eq!(
        std::fs::read(f.out().join("resim/a b#c%?.png")).unwrap(),
        png,
        "bytes kept"
    );
}
