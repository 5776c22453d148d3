//! Loads the Markdown pages under `content/`: front matter, body, slug, order.

use super::config::Route;
use super::error::{at, line_of};
use super::messages::toml_message;
use super::paths::{read_tree, Hidden};
use anyhow::Result;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

/// Front matter of a page (TOML between `+++` lines).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<Spanned<String>>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub order: i64,
    #[serde(default)]
    pub template: Option<String>,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default = "yes")]
    pub in_menu: bool,
    /// Where the page's facts come from; required unless `factual = false`.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// `false` for pages that state no facts (404, search).
    #[serde(default = "yes")]
    pub factual: bool,
    /// Present on the pages of the step-by-step list.
    #[serde(default)]
    pub step: Option<Step>,
    /// Per-route replacements: `[route.kisi-odemeli] title = "…"`.
    #[serde(default)]
    pub route: BTreeMap<String, RouteOverride>,
    #[serde(default)]
    pub extra: toml::Table,
}

/// One source of a page's facts.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    /// An http(s) address (parsed by the url crate, as site.toml's are), or "seed" for the
    /// original guide this handbook is based on.
    pub url: Spanned<String>,
    /// The day the facts were last compared with it.
    pub checked: Spanned<toml::value::Datetime>,
    /// Only in this application route (default: every route).
    #[serde(default)]
    pub route: Option<Spanned<String>>,
}

/// A page's entry in the step-by-step list: either `numbered = true` (the build numbers the
/// numbered steps in page order and titles them "Adım N: …") or a word `label`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Numbered in page order; the title is written without "Adım N: ".
    #[serde(default)]
    pub numbered: bool,
    /// What the round marker of an unnumbered step shows: a short word ("Önce", "Sonra").
    #[serde(default)]
    pub label: Option<String>,
    /// One sentence under the title.
    pub summary: String,
    #[serde(default)]
    pub tasks: Vec<Task>,
}

/// A task inside a step: a link into the step's page (or elsewhere).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub text: String,
    pub href: Spanned<String>,
    /// Only in this application route (default: every route).
    #[serde(default)]
    pub route: Option<Spanned<String>>,
}

/// What a route may replace in a page's front matter.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteOverride {
    pub title: Option<Spanned<String>>,
    pub description: Option<String>,
    /// Replaces `step.summary`.
    pub summary: Option<String>,
}

fn yes() -> bool {
    true
}

/// One Markdown page, loaded and validated, not yet rendered.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path shown in messages, relative to the project: `content/adim-1.md`.
    pub rel: String,
    /// Title and description for the build's route.
    pub title: String,
    pub description: String,
    /// The sources for the build's route.
    pub sources: Vec<PageSource>,
    /// The step-list entry for the build's route.
    pub step: Option<PageStep>,
    pub front: FrontMatter,
    pub slug: String,
    /// Line of the `aliases = …` key (for messages about an alias), else 1.
    pub aliases_line: usize,
    pub template: String,
    /// Line of the `template = …` key (for "unknown template" messages), else 1.
    pub template_line: usize,
    pub body: String,
    /// 1-based line of the source file where `body` starts.
    pub body_line: usize,
    /// In the search index, the search page's list and the sitemap: every page but the 404
    /// page, the search page itself and pages whose front matter says `[extra] arama = false`.
    pub searchable: bool,
}

/// A source as pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct PageSource {
    pub title: String,
    pub url: String,
    pub checked: super::dates::Date,
    /// Line of `checked` in the page (for the stale-source warning).
    #[serde(skip)]
    pub line: usize,
}

/// A step-list entry, for the build's route.
#[derive(Debug, Clone, Serialize)]
pub struct PageStep {
    /// The word label, or the step's number once `number_steps` has run.
    pub label: String,
    pub numbered: bool,
    /// The title without "Adım N: " (the step list shows it beside the number).
    pub title: String,
    pub summary: String,
    pub tasks: Vec<PageTask>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageTask {
    pub text: String,
    pub href: String,
    #[serde(skip)]
    pub line: usize,
}

impl Page {
    pub fn url(&self) -> String {
        format!("{}.html", self.slug)
    }
}

/// Everything under `content/` besides pages: data files and files published as they are.
#[derive(Debug, Default)]
pub struct Content {
    pub pages: Vec<Page>,
    /// `content/data/<name>.toml`, by name.
    pub data: BTreeMap<String, toml::Value>,
    /// Other files, by output path relative to the site root.
    pub files: BTreeMap<String, ContentFile>,
}

/// A file of `content/` that is neither a page nor data.
#[derive(Debug)]
pub struct ContentFile {
    /// As messages name it: `content/resim/a.png`.
    pub shown: String,
    /// Its bytes, or why a file of its type is not published. A refused file still claims
    /// its output name first, so a clash with a built file is reported naming both.
    pub bytes: std::result::Result<Vec<u8>, String>,
}

/// The types of file content may publish as they are: images and PDF. Everything else (HTML,
/// scripts, styles, wasm, server files…) could run in a reader's browser or configure the web
/// server, and the pages are made from Markdown anyway. SVG can hold scripts: until it goes
/// through the HTML allow-list it is refused too.
pub const PUBLISHED_TYPES: [&str; 7] = ["png", "jpg", "jpeg", "gif", "webp", "avif", "pdf"];

/// Whether `rel` may be published as it is; the message says why not.
pub fn check_published_type(rel: &str) -> std::result::Result<(), String> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if PUBLISHED_TYPES.contains(&ext.as_str()) {
        return Ok(());
    }
    let allowed = format!(
        "içerikte yalnızca .md sayfaları, data/*.toml veri dosyaları ve şu türde dosyalar \
         olabilir: {}",
        PUBLISHED_TYPES.join(", ")
    );
    let what = if ext.is_empty() {
        "uzantısız dosya".to_string()
    } else {
        format!(".{ext} dosyası")
    };
    let hint = match ext.as_str() {
        "html" | "htm" | "xhtml" => " (sayfaları .md olarak yazın)",
        "svg" => " (SVG içinde betik çalışabilir: PNG olarak kaydedin)",
        "toml" => " (veri dosyaları data/ klasörüne konur)",
        _ => "",
    };
    Err(format!("içerikte {what} yayımlanamaz; {allowed}{hint}"))
}

fn is_data(rel: &str) -> Option<&str> {
    rel.strip_prefix("data/")
        .and_then(|n| n.strip_suffix(".toml"))
}

pub fn load(content_dir: &Path, shown_prefix: &str, route: Route) -> Result<Content> {
    let mut content = Content::default();
    // site.toml is read by config::load; a file of a refused type is never read.
    let wanted = |rel: &str| {
        rel != "site.toml"
            && (rel.ends_with(".md") || is_data(rel).is_some() || check_published_type(rel).is_ok())
    };
    let files = read_tree(content_dir, shown_prefix, Hidden::Refuse, &wanted)?;
    // Pages are parsed on both cores (a tenth of a 10,000-page build), in batches of at least 64
    // (a handbook-sized site stays on one thread: serve's rebuild); the first error in file
    // order is the one reported, as in a one-thread build.
    let pages: Vec<Option<Result<Page>>> = files
        .par_iter()
        .with_min_len(64)
        .map(|file| {
            file.rel.ends_with(".md").then(|| {
                let shown = format!("{shown_prefix}{}", file.rel);
                let text = utf8(file.bytes.as_deref().unwrap_or_default(), &shown)?;
                parse_page(&shown, &file.rel, text, route)
            })
        })
        .collect();
    for (file, page) in files.into_iter().zip(pages) {
        let rel = file.rel;
        let shown = format!("{shown_prefix}{rel}");
        if rel == "site.toml" {
            continue;
        }
        if let Some(name) = is_data(&rel) {
            let text = utf8(file.bytes.as_deref().unwrap_or_default(), &shown)?;
            let value: toml::Value = toml::from_str(text).map_err(|e| {
                let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
                at(&shown, line, toml_message(e.message()))
            })?;
            content.data.insert(name.replace('/', "_"), value);
        } else if let Some(page) = page {
            content.pages.push(page?);
        } else {
            let bytes = match (file.bytes, check_published_type(&rel)) {
                (Some(bytes), Ok(())) => Ok(bytes),
                (_, Err(why)) => Err(why),
                (None, Ok(())) => Err("okunamadı".to_string()),
            };
            content.files.insert(rel, ContentFile { shown, bytes });
        }
    }
    content.pages.sort_by(|a, b| {
        a.front
            .order
            .cmp(&b.front.order)
            .then_with(|| a.slug.cmp(&b.slug))
    });
    number_steps(&mut content.pages);
    Ok(content)
}

fn utf8<'a>(bytes: &'a [u8], shown: &str) -> Result<&'a str> {
    std::str::from_utf8(bytes).map_err(|e| {
        let line = line_of(&String::from_utf8_lossy(bytes), e.valid_up_to());
        at(
            shown,
            line,
            "dosya geçerli UTF-8 değil: UTF-8 olarak kaydedin",
        )
    })
}

/// Splits `+++ front matter +++ body`, validates the front matter and applies `route`.
pub fn parse_page(shown: &str, rel: &str, text: &str, route: Route) -> Result<Page> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (prefix_len, rest) = if let Some(rest) = text.strip_prefix("+++\n") {
        (4, rest)
    } else if let Some(rest) = text.strip_prefix("+++\r\n") {
        (5, rest)
    } else {
        return Err(at(
            shown,
            1,
            "ön bilgi (front matter) yok: dosya '+++' satırıyla başlamalı",
        ));
    };
    let mut offset = 0;
    let mut end = None;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((fm_end, body_start)) = end else {
        return Err(at(
            shown,
            1,
            "ön bilgi (front matter) kapanmamış: ardından bir '+++' satırı ekleyin",
        ));
    };
    let fm_text = &rest[..fm_end];
    let front: FrontMatter = toml::from_str(fm_text).map_err(|e| {
        let line = e.span().map(|s| line_of(fm_text, s.start) + 1).unwrap_or(1);
        at(
            shown,
            line,
            format!("ön bilgi (front matter): {}", toml_message(e.message())),
        )
    })?;
    // Lines of the file from offsets in the front matter (it starts on line 2).
    let fm_line = |offset: usize| line_of(fm_text, offset) + 1;
    let key_line = |needle: &str| {
        fm_text
            .lines()
            .position(|l| l.trim_start().starts_with(needle))
            .map_or(1, |i| i + 2)
    };
    let known_route = |name: &Spanned<String>| -> Result<Route> {
        Route::from_name(name.get_ref()).ok_or_else(|| {
            at(
                shown,
                fm_line(name.span().start),
                format!(
                    "bilinmeyen route '{}' (geçerli olanlar: {})",
                    name.get_ref(),
                    Route::names()
                ),
            )
        })
    };
    for name in front.route.keys() {
        if Route::from_name(name).is_none() {
            return Err(at(
                shown,
                key_line(&format!("[route.{name}")),
                format!(
                    "bilinmeyen route '{name}' (geçerli olanlar: {})",
                    Route::names()
                ),
            ));
        }
    }
    let over = front.route.get(route.name()).cloned().unwrap_or_default();
    let title = match over.title.as_ref().or(front.title.as_ref()) {
        Some(t) if !t.get_ref().trim().is_empty() => t.get_ref().trim().to_string(),
        _ => return Err(at(shown, 1, "ön bilgide (front matter) 'title' yok")),
    };
    if let Some(st) = &front.step {
        check_step(st, &front, &key_line, &fm_line).map_err(|(line, msg)| at(shown, line, msg))?;
    }
    let description = over
        .description
        .clone()
        .unwrap_or_else(|| front.description.clone());
    let mut sources = Vec::new();
    // Every source is checked, whichever route the build is for.
    for s in &front.sources {
        let in_route = match &s.route {
            Some(r) => known_route(r)? == route,
            None => true,
        };
        let line = fm_line(s.checked.span().start);
        let checked = super::dates::Date::from_toml(s.checked.get_ref()).ok_or_else(|| {
            at(
                shown,
                line,
                "kaynağın 'checked' değeri 2026-11-30 gibi bir tarih olmalı",
            )
        })?;
        // Parsed by the url crate as site.toml's addresses are: http or https only, so a
        // `javascript:` or `file:` address never becomes a link on the page.
        let url = s.url.get_ref();
        if url != "seed" {
            if let Err(why) = super::config::web_url(url) {
                return Err(at(
                    shown,
                    fm_line(s.url.span().start),
                    format!(
                        "kaynağın adresi {why}; tam bir http(s) adresi ya da özgün kılavuz için \
                         \"seed\" yazın"
                    ),
                ));
            }
        }
        if !in_route {
            continue;
        }
        sources.push(PageSource {
            title: s.title.trim().to_string(),
            url: url.clone(),
            checked,
            line,
        });
    }
    if front.factual && sources.is_empty() {
        return Err(at(
            shown,
            1,
            "ön bilgide kaynak yok: [[sources]] ekleyin (title, url ya da \"seed\", checked) \
             ya da hiçbir bilgi vermeyen bir sayfaya factual = false yazın",
        ));
    }
    let step = match &front.step {
        None => None,
        Some(st) => {
            let mut tasks = Vec::new();
            for t in &st.tasks {
                if let Some(r) = &t.route {
                    if known_route(r)? != route {
                        continue;
                    }
                }
                tasks.push(PageTask {
                    text: t.text.clone(),
                    href: t.href.get_ref().clone(),
                    line: fm_line(t.href.span().start),
                });
            }
            Some(PageStep {
                label: st.label.as_deref().unwrap_or_default().trim().to_string(),
                numbered: st.numbered,
                title: title.clone(),
                summary: over.summary.clone().unwrap_or_else(|| st.summary.clone()),
                tasks,
            })
        }
    };
    let stem = rel.trim_end_matches(".md");
    let slug = match &front.slug {
        Some(s) => s.clone(),
        None if stem == "index" => "index".to_string(),
        None => wasm_validator::text::slug(&stem.replace('/', "-")),
    };
    if !is_slug(&slug) {
        return Err(at(
            shown,
            1,
            format!("slug '{slug}' yalnız a-z, 0-9 ve '-' içerebilir"),
        ));
    }
    for alias in &front.aliases {
        if !is_flat_page_name(alias) {
            return Err(at(
                shown,
                key_line("aliases"),
                format!(
                    "takma ad (alias) '{alias}' sitenin kök klasöründe bir dosya adı olmalı: a-z, 0-9 \
                     ve '-', sonu .html (örneğin eski-adres.html)"
                ),
            ));
        }
    }
    let template = front.template.clone().unwrap_or_else(|| "page".to_string());
    let template_line = key_line("template");
    let body_line = line_of(text, prefix_len + body_start);
    let opted_out = front.extra.get("arama") == Some(&toml::Value::Boolean(false));
    let searchable = slug != "404" && template != "ara" && !opted_out;
    Ok(Page {
        rel: shown.to_string(),
        title,
        description,
        sources,
        step,
        slug,
        aliases_line: key_line("aliases"),
        template,
        template_line,
        body: rest[body_start..].to_string(),
        body_line,
        searchable,
        front,
    })
}

/// A `[step]` is numbered or has a word label, never both; a numbered step's titles leave the
/// number to the build, so inserting a step cannot leave a stale "Adım 4:" behind.
fn check_step(
    st: &Step,
    front: &FrontMatter,
    key_line: &dyn Fn(&str) -> usize,
    fm_line: &dyn Fn(usize) -> usize,
) -> std::result::Result<(), (usize, String)> {
    let label = st.label.as_deref().map(str::trim);
    match (st.numbered, label) {
        (true, Some(_)) => Err((
            key_line("label"),
            "[step] ya numbered = true ya da label içerir, ikisi birden olmaz".to_string(),
        )),
        (false, None | Some("")) => Err((
            key_line("[step]"),
            "[step] içine numbered = true (numaralı adım) ya da label = \"Önce\" gibi bir sözcük \
             yazın"
                .to_string(),
        )),
        (false, Some(l)) if l.bytes().all(|b| b.is_ascii_digit()) => Err((
            key_line("label"),
            format!(
                "adım numarası elle yazılmaz: label = \"{l}\" yerine numbered = true yazın; \
                 numarayı derleme sayfaların sırasından verir"
            ),
        )),
        (false, Some(_)) => Ok(()),
        (true, None) => {
            let titles = front
                .title
                .iter()
                .chain(front.route.values().filter_map(|o| o.title.as_ref()));
            for t in titles {
                let claimed = t
                    .get_ref()
                    .trim()
                    .strip_prefix("Adım")
                    .map(str::trim_start)
                    .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
                if claimed {
                    return Err((
                        fm_line(t.span().start),
                        format!(
                            "numaralı adımın başlığı numarasız yazılır: \"{}\" yerine \"Adım N: \" \
                             olmadan yazın; numarayı derleme sayfaların sırasından verir",
                            t.get_ref().trim()
                        ),
                    ));
                }
            }
            Ok(())
        }
    }
}

/// Numbers the numbered steps 1, 2, … in page order: the step's label becomes its number and
/// the page's title "Adım N: title", which every heading, link, list and index then shows.
pub fn number_steps(pages: &mut [Page]) {
    let numbered = pages.iter_mut().filter_map(|p| {
        p.step
            .as_mut()
            .filter(|s| s.numbered)
            .map(|s| (&mut p.title, s))
    });
    for (n, (title, step)) in (1..).zip(numbered) {
        step.label = n.to_string();
        *title = format!("Adım {n}: {}", step.title);
    }
}

/// A slug: a-z, 0-9 and '-', not empty.
fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `<slug>.html`: the only kind of name an alias may have (no folders, nothing outside).
fn is_flat_page_name(s: &str) -> bool {
    s.strip_suffix(".html").is_some_and(is_slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(rel: &str, text: &str) -> Result<Page> {
        parse_page(&format!("content/{rel}"), rel, text, Route::MebbisBirimi)
    }

    #[test]
    fn splits_front_matter() {
        let p = parse(
            "a.md",
            "+++\ntitle = \"Başlık\"\norder = 2\nfactual = false\n+++\n\n# Merhaba\n",
        )
        .unwrap();
        assert_eq!(p.title, "Başlık");
        assert_eq!(p.slug, "a");
        assert_eq!(p.body_line, 6);
        assert_eq!(p.body, "\n# Merhaba\n");
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("a.md", "+++\ntitle = \"x\"\norder = =\n+++\n").unwrap_err();
        assert!(
            e.to_string() == "content/a.md:3: ön bilgi (front matter): fazladan = var",
            "{e}"
        );
        let e = parse("a.md", "+++\norder = 1\n+++\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "content/a.md:1: ön bilgide (front matter) 'title' yok"
        );
    }

    #[test]
    fn of_many_broken_pages_the_first_in_file_order_is_reported() {
        // Pages are parsed in parallel; the error must not depend on which thread came first.
        let dir = tempfile::tempdir().unwrap();
        for i in 0..200 {
            let body = if i % 7 == 3 {
                "+++\norder = 1\n+++\n"
            } else {
                "+++\ntitle = \"x\"\nfactual = false\n+++\n"
            };
            std::fs::write(dir.path().join(format!("s{i:03}.md")), body).unwrap();
        }
        std::fs::write(dir.path().join("t.md"), b"+++\ntitle = \"\xff\"\n+++\n").unwrap();
        for _ in 0..5 {
            let e = load(dir.path(), "content/", Route::MebbisBirimi)
                .err()
                .unwrap();
            assert_eq!(
                e.to_string(),
                "content/s003.md:1: ön bilgide (front matter) 'title' yok"
            );
        }
        std::fs::write(dir.path().join("a.md"), b"+++\ntitle = \"\xff\"\n+++\n").unwrap();
        let e = load(dir.path(), "content/", Route::MebbisBirimi)
            .err()
            .unwrap();
        assert!(
            e.to_string()
                .starts_with("content/a.md:2: dosya geçerli UTF-8 değil"),
            "{e}"
        );
    }

    #[test]
    fn turkish_file_names_become_slugs() {
        let p = parse(
            "Sıkça Sorulan Şeyler.md",
            "+++\ntitle = \"x\"\nfactual = false\n+++\n",
        )
        .unwrap();
        assert_eq!(p.slug, "sikca-sorulan-seyler");
    }

    const SOURCED: &str = "+++\ntitle = \"Giriş\"\n\n\
        [[sources]]\ntitle = \"Kılavuz\"\nurl = \"seed\"\nchecked = 2026-11-30\n\n\
        [[sources]]\ntitle = \"Kişi ödemeli\"\nurl = \"https://x.gov.tr/a\"\nchecked = 2025-10-10\nroute = \"kisi-odemeli\"\n\n\
        [step]\nnumbered = true\nsummary = \"Girin.\"\n\
        [[step.tasks]]\ntext = \"Giriş\"\nhref = \"adim-1.html#a\"\n\
        [[step.tasks]]\ntext = \"e-Devlet\"\nhref = \"adim-1.html#b\"\nroute = \"kisi-odemeli\"\n\n\
        [route.kisi-odemeli]\ntitle = \"e-Devlet\"\nsummary = \"e-Devlet ile girin.\"\n+++\n";

    #[test]
    fn sources_steps_and_routes() {
        let p = parse("adim-1.md", SOURCED).unwrap();
        assert_eq!(
            p.title, "Giriş",
            "numbered by number_steps, once every page is known"
        );
        assert_eq!(p.sources.len(), 1);
        assert_eq!(p.sources[0].line, 7, "line of 'checked'");
        let step = p.step.clone().unwrap();
        assert_eq!((step.summary.as_str(), step.tasks.len()), ("Girin.", 1));
        assert_eq!(step.tasks[0].line, 20, "line of the task's href");

        let k = parse_page(
            "content/adim-1.md",
            "adim-1.md",
            SOURCED,
            Route::KisiOdemeli,
        )
        .unwrap();
        assert_eq!(k.title, "e-Devlet");
        assert_eq!(k.sources.len(), 2);
        let mut pages = [p.clone(), k.clone(), p];
        pages[1].step = None;
        number_steps(&mut pages);
        let titles: Vec<_> = pages.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["Adım 1: Giriş", "e-Devlet", "Adım 2: Giriş"]);
        assert_eq!(pages[2].step.as_ref().unwrap().label, "2");
        let step = k.step.unwrap();
        assert_eq!(step.summary, "e-Devlet ile girin.");
        assert_eq!(step.tasks.len(), 2);
    }

    #[test]
    fn source_and_route_mistakes_name_the_line() {
        let e = parse("a.md", "+++\ntitle = \"x\"\n+++\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("content/a.md:1: ön bilgide kaynak yok"),
            "{e}"
        );
        let e = parse(
            "a.md",
            &SOURCED.replace("2025-10-10", "2025-10-10T10:00:00"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with(
                "content/a.md:12: kaynağın 'checked' değeri 2026-11-30 gibi bir tarih olmalı"
            ),
            "{e}"
        );
        let e = parse(
            "a.md",
            &SOURCED.replace(
                "route = \"kisi-odemeli\"\n\n[step]",
                "route = \"kisi\"\n\n[step]",
            ),
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            e,
            "content/a.md:13: bilinmeyen route 'kisi' (geçerli olanlar: mebbis-birimi, online-islemler, kisi-odemeli)"
        );
        let e = parse(
            "a.md",
            &SOURCED.replace("[route.kisi-odemeli]", "[route.yok]"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("content/a.md:26: bilinmeyen route 'yok'"),
            "{e}"
        );
        let e = parse(
            "a.md",
            &SOURCED.replace("url = \"seed\"", "url = \"kilavuz.pdf\""),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("content/a.md:6: kaynağın adresi 'kilavuz.pdf'"),
            "{e}"
        );
    }

    /// A source's address becomes a link on the page: only http and https pass, as the url
    /// crate parses them (a prefix test let "https:" with no host and "http://a b" through).
    #[test]
    fn source_urls_are_web_addresses() {
        for (bad, why) in [
            (
                "kilavuz.pdf",
                "'kilavuz.pdf' geçerli bir web adresi değil (https:// ile başlamıyor)",
            ),
            (
                "javascript:alert(1)",
                "'javascript:alert(1)' https:// ya da http:// ile başlamalı",
            ),
            (
                "file:///etc/passwd",
                "'file:///etc/passwd' https:// ya da http:// ile başlamalı",
            ),
            (
                "ftp://x.gov.tr/",
                "'ftp://x.gov.tr/' https:// ya da http:// ile başlamalı",
            ),
            ("https://x gov.tr/", "'https://x gov.tr/' içinde boşluk"),
            (
                "https://ad:parola@x.gov.tr/",
                "'https://ad:parola@x.gov.tr/' kullanıcı adı",
            ),
            (
                "https://",
                "'https://' geçerli bir web adresi değil (sunucu adı boş)",
            ),
            (
                "http://x_y.gov.tr:99999/",
                "bağlantı noktası (port) numarası geçersiz",
            ),
        ] {
            let text = SOURCED.replace("url = \"seed\"", &format!("url = \"{bad}\""));
            let e = parse("a.md", &text).unwrap_err().to_string();
            assert!(
                e.starts_with("content/a.md:6: kaynağın adresi '"),
                "{bad}: {e}"
            );
            assert!(e.contains(why), "{bad}: {e}");
            assert!(e.ends_with("tam bir http(s) adresi ya da özgün kılavuz için \"seed\" yazın"));
        }
        for good in [
            "https://x.gov.tr/a",
            "HTTP://X.gov.tr",
            "https://x.gov.tr/a?b=c#d",
        ] {
            let text = SOURCED.replace("url = \"seed\"", &format!("url = \"{good}\""));
            let p = parse("a.md", &text).unwrap();
            assert_eq!(p.sources[0].url, good, "shown as written");
        }
    }
}
