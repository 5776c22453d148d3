//! Markdown corpora for the build-speed comparison: the handbook's own pages and synthetic
//! handbooks of N pages (headings, lists, tables, links), each written once in a neutral form
//! and then laid out for this builder, Hugo and mdBook with equivalent minimal themes.

use anyhow::{Context, Result};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// One page of a corpus, tool-neutral.
#[derive(Debug, Clone)]
pub struct Page {
    /// Output name without `.html` (`index` for the home page).
    pub slug: String,
    pub title: String,
    pub order: usize,
    pub in_menu: bool,
    /// Markdown body; links are written as output URLs (`p0002.html#b2-1`).
    pub body: String,
}

/// A deterministic pseudo-random generator (no dependency, same corpus on every machine).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "e-imza",
    "sertifika",
    "başvuru",
    "kart",
    "okuyucu",
    "parola",
    "PIN",
    "PUK",
    "kimlik",
    "numarası",
    "müdürlük",
    "birim",
    "form",
    "imzalı",
    "teslim",
    "ücret",
    "hesap",
    "şube",
    "çağrı",
    "merkezi",
    "güvenlik",
    "kişisel",
    "veri",
    "doğrulama",
    "adres",
    "posta",
    "kodu",
    "ilçe",
    "il",
    "öğretmen",
    "personel",
    "kayıp",
    "çalıntı",
    "yenileme",
    "süre",
    "gün",
    "ekran",
    "düğme",
    "bağlantı",
    "işlem",
    "onay",
    "sözleşme",
    "çıktı",
    "ıslak",
    "imza",
    "göreviniz",
    "unvan",
    "kurum",
    "şifre",
    "sürücü",
    "yükleme",
    "tarayıcı",
    "güncel",
];

fn sentence(rng: &mut Lcg, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(WORDS[rng.below(WORDS.len())]);
    }
    let mut chars = s.chars();
    let first = chars.next().map(|c| c.to_string()).unwrap_or_default();
    format!(
        "{}{}.",
        wasm_validator::text::upper_tr(&first),
        chars.as_str()
    )
}

fn paragraph(rng: &mut Lcg) -> String {
    (0..3 + rng.below(3))
        .map(|_| {
            let n = 8 + rng.below(10);
            sentence(rng, n)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A synthetic handbook of `n` pages: page 0 is `index`, the others `p0001`…; the first ten
/// pages are in the menu; every page links to three others (some with `#anchor`).
pub fn synthetic(n: usize) -> Vec<Page> {
    let mut rng = Lcg(0x5eed_0000 + n as u64);
    let slug = |i: usize| {
        if i == 0 {
            "index".to_string()
        } else {
            format!("p{i:04}")
        }
    };
    (0..n)
        .map(|i| {
            let mut body = String::new();
            let _ = writeln!(body, "{}\n", paragraph(&mut rng));
            for k in 1..=3 {
                let _ = writeln!(
                    body,
                    "## Bölüm {k}: {} {{#b{i}-{k}}}\n",
                    sentence(&mut rng, 3).trim_end_matches('.')
                );
                let _ = writeln!(body, "{}\n", paragraph(&mut rng));
                match k {
                    1 => {
                        for _ in 0..4 {
                            let _ = writeln!(body, "- {}", sentence(&mut rng, 6));
                        }
                        body.push('\n');
                        for m in 1..=3 {
                            let _ = writeln!(body, "{m}. **{}**", sentence(&mut rng, 5));
                        }
                        body.push('\n');
                    }
                    2 => {
                        body.push_str("| Alan | Açıklama | Örnek |\n|---|---|---|\n");
                        for _ in 0..5 {
                            let _ = writeln!(
                                body,
                                "| {} | {} | `{}` |",
                                WORDS[rng.below(WORDS.len())],
                                sentence(&mut rng, 6),
                                rng.below(100_000)
                            );
                        }
                        body.push('\n');
                    }
                    _ => {
                        let _ = writeln!(body, "> {}\n", sentence(&mut rng, 12));
                    }
                }
            }
            if n > 1 {
                for _ in 0..3 {
                    let j = rng.below(n);
                    let k = 1 + rng.below(3);
                    let anchor = if rng.below(2) == 0 {
                        format!("#b{j}-{k}")
                    } else {
                        String::new()
                    };
                    let _ = writeln!(
                        body,
                        "Ayrıca bakın: [{} {j}]({}.html{anchor}).\n",
                        sentence(&mut rng, 2).trim_end_matches('.'),
                        slug(j)
                    );
                }
            }
            Page {
                slug: slug(i),
                title: if i == 0 {
                    "Sentetik el kitabı".into()
                } else {
                    format!("Sayfa {i}")
                },
                order: i * 10,
                in_menu: i < 10,
                body,
            }
        })
        .collect()
}

/// The handbook's own pages (`content/*.md`), parsed just enough to lay them out for Hugo
/// and mdBook: title, order, slug, menu flag and the body. (This builder gets the real
/// `content/` folder as it is.)
pub fn handbook(content_dir: &Path) -> Result<Vec<Page>> {
    let mut pages = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(content_dir)
        .with_context(|| format!("cannot read {}", content_dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    entries.sort();
    for path in entries {
        let text = fs::read_to_string(&path)?;
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (front, body) = split_front(&text);
        let value: toml::Table =
            toml::from_str(front).with_context(|| format!("{}: front matter", path.display()))?;
        let title = value
            .get("title")
            .and_then(|v| v.as_str())
            .unwrap_or(&stem)
            .to_string();
        let order = value.get("order").and_then(|v| v.as_integer()).unwrap_or(0) as usize;
        let slug = value
            .get("slug")
            .and_then(|v| v.as_str())
            .map(String::from)
            .unwrap_or_else(|| wasm_validator::text::slug(&stem));
        let in_menu = value
            .get("in_menu")
            .and_then(|v| v.as_bool())
            .unwrap_or(true);
        pages.push(Page {
            slug,
            title,
            order,
            in_menu,
            body: body.to_string(),
        });
    }
    pages.sort_by_key(|p| (p.order, p.slug.clone()));
    Ok(pages)
}

fn split_front(text: &str) -> (&str, &str) {
    let rest = text.strip_prefix("+++\n").unwrap_or(text);
    match rest.find("\n+++\n") {
        Some(end) => (&rest[..end], &rest[end + 5..]),
        None => ("", text),
    }
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn menu(pages: &[Page]) -> Vec<&Page> {
    pages.iter().filter(|p| p.in_menu).collect()
}

/// Writes the corpus for this builder: `content/` (pages + site.toml) in `dir`.
/// `site_toml` is the project's own site settings file (the builder requires one).
pub fn write_own(pages: &[Page], dir: &Path, site_toml: &Path, data_dir: &Path) -> Result<()> {
    let content = dir.join("content");
    fs::create_dir_all(&content)?;
    fs::copy(site_toml, content.join("site.toml"))?;
    if data_dir.is_dir() {
        copy_dir(data_dir, &content.join("data"))?;
    }
    for p in pages {
        let file = if p.slug == "index" {
            "index.md".to_string()
        } else {
            format!("{}.md", p.slug)
        };
        let front = format!(
            "title = {}\norder = {}\nin_menu = {}\nfactual = false\n",
            toml_str(&p.title),
            p.order,
            p.in_menu
        );
        fs::write(content.join(file), format!("+++\n{front}+++\n{}", p.body))?;
    }
    Ok(())
}

/// The minimal theme for this builder: one layout, same structure as the others.
pub fn write_own_theme(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir.join("static"))?;
    fs::write(
        dir.join("base.html"),
        r#"<!doctype html>
<html lang="tr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ page.title }} – {{ site.title }}</title>
<link rel="stylesheet" href="{{ asset("style.css") }}">
</head>
<body>
<header><p><a href="index.html">{{ site.title }}</a></p>
<nav><ul>{% for p in menu %}<li><a href="{{ p.url }}">{{ p.title }}</a></li>{% endfor %}</ul></nav></header>
<main id="icerik"><h1>{{ page.title }}</h1>
{{ page.content }}
</main>
<nav>{% if prev %}<a href="{{ prev.url }}" rel="prev">{{ prev.title }}</a>{% endif %}
{% if next %}<a href="{{ next.url }}" rel="next">{{ next.title }}</a>{% endif %}</nav>
<footer><p>Kamu SM: <a href="tel:4445576">444 5 576</a></p></footer>
</body>
</html>
"#,
    )?;
    fs::write(dir.join("page.html"), "{% extends \"base.html\" %}\n")?;
    fs::write(dir.join("static").join("style.css"), MINIMAL_CSS)?;
    Ok(())
}

const MINIMAL_CSS: &str =
    "body{font-family:system-ui,sans-serif;max-width:40rem;margin:auto;padding:1rem}\n";

/// Writes a Hugo site (config, the minimal layout, content) in `dir`.
pub fn write_hugo(pages: &[Page], dir: &Path) -> Result<()> {
    let content = dir.join("content");
    let layouts = dir.join("layouts").join("_default");
    fs::create_dir_all(&content)?;
    fs::create_dir_all(&layouts)?;
    fs::create_dir_all(dir.join("assets"))?;
    fs::write(
        dir.join("hugo.toml"),
        r#"baseURL = "https://example.org/"
languageCode = "tr"
title = "Kayıp E-imza Başvuru Rehberi"
uglyURLs = true
relativeURLs = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404", "section"]
[markup.goldmark.parser.attribute]
title = true
"#,
    )?;
    fs::write(dir.join("assets").join("style.css"), MINIMAL_CSS)?;
    let layout = r#"<!doctype html>
<html lang="tr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ site.Title }}</title>
{{ $css := resources.Get "style.css" | fingerprint }}<link rel="stylesheet" href="{{ $css.RelPermalink }}">
</head>
<body>
<header><p><a href="index.html">{{ site.Title }}</a></p>
{{ partialCached "menu.html" . }}</header>
<main id="icerik"><h1>{{ .Title }}</h1>
{{ .Content }}
</main>
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}" rel="prev">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}" rel="next">{{ .Title }}</a>{{ end }}</nav>
<footer><p>Kamu SM: <a href="tel:4445576">444 5 576</a></p></footer>
</body>
</html>
"#;
    fs::write(layouts.join("single.html"), layout)?;
    // The menu is the same on every page: render it once, as this builder does.
    let partials = dir.join("layouts").join("partials");
    fs::create_dir_all(&partials)?;
    fs::write(
        partials.join("menu.html"),
        r#"<nav><ul>{{ range (where site.Pages "Params.in_menu" true).ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>"#,
    )?;
    fs::write(dir.join("layouts").join("index.html"), layout)?;
    for p in pages {
        let file = if p.slug == "index" {
            "_index.md".to_string()
        } else {
            format!("{}.md", p.slug)
        };
        let front = format!(
            "title = {}\nweight = {}\nslug = {}\nin_menu = {}\n",
            toml_str(&p.title),
            p.order.max(1),
            toml_str(&p.slug),
            p.in_menu
        );
        fs::write(content.join(file), format!("+++\n{front}+++\n{}", p.body))?;
    }
    Ok(())
}

/// Writes an mdBook (book.toml, SUMMARY.md, the minimal index.hbs, pages) in `dir`.
/// mdBook has no front matter: order comes from SUMMARY.md, the title from the `# heading`.
pub fn write_mdbook(pages: &[Page], dir: &Path) -> Result<()> {
    let src = dir.join("src");
    let theme = dir.join("theme");
    fs::create_dir_all(&src)?;
    fs::create_dir_all(&theme)?;
    fs::write(
        dir.join("book.toml"),
        r#"[book]
title = "Kayıp E-imza Başvuru Rehberi"
language = "tr"

[output.html]
theme = "theme"
additional-css = ["style.css"]

[output.html.search]
enable = false

[output.html.print]
enable = false
"#,
    )?;
    fs::write(dir.join("style.css"), MINIMAL_CSS)?;
    let menu_html: String = menu(pages)
        .iter()
        .map(|p| {
            format!(
                "<li><a href=\"{{{{ path_to_root }}}}{}.html\">{}</a></li>",
                p.slug, p.title
            )
        })
        .collect();
    fs::write(
        theme.join("index.hbs"),
        format!(
            r#"<!doctype html>
<html lang="{{{{ language }}}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{{{ title }}}}</title>
{{{{#each additional_css}}}}<link rel="stylesheet" href="{{{{ ../path_to_root }}}}{{{{ this }}}}">{{{{/each}}}}
</head>
<body>
<header><p><a href="{{{{ path_to_root }}}}index.html">{{{{ book_title }}}}</a></p>
<nav><ul>{menu_html}</ul></nav></header>
<main id="icerik">
{{{{{{ content }}}}}}
</main>
<nav>{{{{#if previous}}}}<a href="{{{{ path_to_root }}}}{{{{ previous.link }}}}" rel="prev">Önceki</a>{{{{/if}}}}
{{{{#if next}}}}<a href="{{{{ path_to_root }}}}{{{{ next.link }}}}" rel="next">Sonraki</a>{{{{/if}}}}</nav>
<footer><p>Kamu SM: <a href="tel:4445576">444 5 576</a></p></footer>
</body>
</html>
"#
        ),
    )?;
    let mut summary = String::from("# Summary\n\n");
    for p in pages {
        let file = format!("{}.md", p.slug);
        if p.slug == "index" {
            let _ = writeln!(summary, "[{}]({file})\n", p.title.replace(['[', ']'], ""));
        } else {
            let _ = writeln!(summary, "- [{}]({file})", p.title.replace(['[', ']'], ""));
        }
        fs::write(src.join(&file), format!("# {}\n\n{}", p.title, p.body))?;
    }
    fs::write(src.join("SUMMARY.md"), summary)?;
    Ok(())
}

/// Copies a directory tree (small trees: content, templates).
pub fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_corpus_is_deterministic_and_linked() {
        let a = synthetic(30);
        let b = synthetic(30);
        assert_eq!(a.len(), 30);
        assert_eq!(a[7].body, b[7].body);
        assert_eq!(a[0].slug, "index");
        assert_eq!(a[12].slug, "p0012");
        assert_eq!(a.iter().filter(|p| p.in_menu).count(), 10);
        for p in &a {
            assert!(p.body.contains("| Alan |"), "table in {}", p.slug);
            assert!(p.body.contains("\n- "), "list in {}", p.slug);
            assert_eq!(p.body.matches("Ayrıca bakın").count(), 3);
        }
    }

    #[test]
    fn splits_front_matter() {
        let (front, body) = split_front("+++\ntitle = \"A\"\n+++\nmetin\n");
        assert_eq!(front, "title = \"A\"");
        assert_eq!(body, "metin\n");
    }
}
