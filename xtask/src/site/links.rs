//! Checks every internal link and `#anchor` of the finished site before it is written: links
//! from Markdown are reported at their source line, others at the page and template.

use super::error::at;
use super::html::{tokens, Token};
use super::markdown::LinkRef;
use super::render::RenderedPage;
use anyhow::{anyhow, Result};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Where a page came from, to name it in messages.
pub struct PageOrigin {
    /// Output path, e.g. `adim-1.html`.
    pub output: String,
    /// `content/adim-1.md`
    pub source: String,
    /// `site-templates/adim.html`
    pub template: String,
    pub links: Vec<LinkRef>,
}

/// Each rendered page's origin with its links: those of its Markdown, then its step's tasks.
pub fn origins(rendered: &[RenderedPage], templates_prefix: &str) -> Vec<PageOrigin> {
    rendered
        .iter()
        .map(|r| PageOrigin {
            output: r.page.url(),
            source: r.page.rel.clone(),
            template: format!("{templates_prefix}{}.html", r.page.template),
            links: r
                .body
                .links
                .iter()
                .cloned()
                .chain(r.page.step.iter().flat_map(|s| {
                    s.tasks.iter().map(|t| LinkRef {
                        target: t.href.clone(),
                        line: t.line,
                        image: false,
                    })
                }))
                .collect(),
        })
        .collect()
}

/// ids and references of one HTML file.
#[derive(Default)]
struct Scan {
    ids: HashSet<String>,
    refs: Vec<String>,
}

fn scan(html: &str) -> Scan {
    let mut out = Scan::default();
    for token in tokens(html) {
        let Token::Open(tag) = token else { continue };
        for (attr, value) in tag.attrs() {
            let Some(value) = value else { continue };
            match attr.as_str() {
                "id" => {
                    out.ids.insert(value);
                }
                "name" if tag.name == "a" => {
                    out.ids.insert(value);
                }
                "href" | "src" | "action" | "poster" => out.refs.push(value),
                _ => {}
            }
        }
    }
    out
}

fn is_external(target: &str) -> bool {
    if target.starts_with("//") {
        return true;
    }
    let scheme_end = target.find(':');
    let first_sep = target.find(['/', '?', '#']);
    match (scheme_end, first_sep) {
        (Some(c), Some(s)) => c < s && c > 0,
        (Some(c), None) => c > 0,
        _ => false,
    }
}

pub use super::paths::percent_decode;

/// Why a link does not lead anywhere in the site.
#[derive(Debug, PartialEq)]
enum Broken {
    /// Starts with '/', which works only when the site is served from a server's root.
    Absolute,
    /// Its '..' parts climb above the site's root folder.
    Outside,
    /// No output file at the address.
    NoFile,
    /// The file is there, the `#anchor` is no id in it.
    NoAnchor(String),
}

impl Broken {
    /// The message for a link (or, from Markdown, an image) to `target`.
    fn message(&self, target: &str, image: bool) -> String {
        if image && matches!(self, Broken::NoFile | Broken::NoAnchor(_)) {
            return format!("resim '{target}' bulunamadı");
        }
        match self {
            Broken::Absolute => format!(
                "bağlantı '{target}' / ile başlıyor: site bir alt klasörde ve diskten de açılsın \
                 diye göreli yazın (örneğin sss.html)"
            ),
            Broken::Outside => format!(
                "bağlantı '{target}' sitenin dışını gösteriyor: '..' sitenin kök klasörünün \
                 üstüne çıkamaz"
            ),
            Broken::NoFile => {
                format!("bağlantı '{target}' bulunamadı: sitede bu adda bir sayfa ya da dosya yok")
            }
            Broken::NoAnchor(id) => format!(
                "bağlantı '{target}' bulunamadı: sayfada '{id}' kimlikli bir başlık ya da bölüm yok"
            ),
        }
    }
}

/// Resolves `target` as linked from `from` (both relative to the site root).
/// Returns None for a link that resolves, Some(why) for a broken one.
fn check_one(
    from: &str,
    target: &str,
    files: &BTreeMap<String, Vec<u8>>,
    ids: &HashMap<String, HashSet<String>>,
) -> Option<Broken> {
    let target = target.trim();
    if target.is_empty() || is_external(target) {
        return None;
    }
    if target.starts_with('/') {
        return Some(Broken::Absolute);
    }
    let (path, frag) = match target.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (target, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let resolved = if path.is_empty() {
        from.to_string()
    } else {
        let mut parts: Vec<&str> = from.split('/').collect();
        parts.pop();
        let decoded = percent_decode(path);
        for seg in decoded.split('/') {
            match seg {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        return Some(Broken::Outside);
                    }
                }
                s => parts.push(s),
            }
        }
        let joined = parts.join("/");
        if decoded.ends_with('/') || joined.is_empty() {
            format!(
                "{}index.html",
                if joined.is_empty() {
                    String::new()
                } else {
                    format!("{joined}/")
                }
            )
        } else {
            joined
        }
    };
    if !files.contains_key(&resolved) {
        return Some(Broken::NoFile);
    }
    match frag {
        Some(f) if !f.is_empty() && resolved.ends_with(".html") => {
            let f = percent_decode(f);
            if ids.get(&resolved).is_some_and(|set| set.contains(&f)) {
                None
            } else {
                Some(Broken::NoAnchor(f))
            }
        }
        _ => None,
    }
}

/// Checks the whole output. All broken links are reported, one per line.
pub fn check(files: &BTreeMap<String, Vec<u8>>, pages: &[PageOrigin]) -> Result<()> {
    // Parsing the pages is the slow part: in parallel, then gathered in path order.
    let scans: Vec<(&String, Scan)> = files
        .par_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(path, bytes)| (path, scan(&String::from_utf8_lossy(bytes))))
        .collect();
    let mut ids = HashMap::new();
    let mut refs = Vec::new();
    for (path, s) in scans {
        ids.insert(path.clone(), s.ids);
        refs.push((path.clone(), s.refs));
    }
    let mut errors = Vec::new();
    let mut reported: BTreeSet<(String, String)> = BTreeSet::new();
    for page in pages {
        for link in &page.links {
            if let Some(broken) = check_one(&page.output, &link.target, files, &ids) {
                let what = broken.message(&link.target, link.image);
                errors.push(at(&page.source, link.line, what).to_string());
                reported.insert((page.output.clone(), link.target.trim().to_string()));
            }
        }
    }
    let templates: HashMap<&str, &str> = pages
        .iter()
        .map(|p| (p.output.as_str(), p.template.as_str()))
        .collect();
    for (path, targets) in &refs {
        for target in targets {
            if reported.contains(&(path.clone(), target.trim().to_string())) {
                continue;
            }
            if let Some(broken) = check_one(path, target, files, &ids) {
                let from = templates
                    .get(path.as_str())
                    .map(|t| format!(" (şablon: {t})"))
                    .unwrap_or_default();
                let what = broken.message(target, false);
                errors.push(format!("{path}: {what}{from}"));
                reported.insert((path.clone(), target.trim().to_string()));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(anyhow!(errors.join("\n")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        files
            .iter()
            .map(|(p, s)| (p.to_string(), s.as_bytes().to_vec()))
            .collect()
    }

    fn origin(output: &str, links: &[(&str, usize)]) -> PageOrigin {
        PageOrigin {
            output: output.into(),
            source: format!("content/{}", output.replace(".html", ".md")),
            template: "site-templates/page.html".into(),
            links: links
                .iter()
                .map(|(t, l)| LinkRef {
                    target: t.to_string(),
                    line: *l,
                    image: false,
                })
                .collect(),
        }
    }

    #[test]
    fn resolves_pages_anchors_and_externals() {
        let files = site(&[
            ("index.html", "<a href=\"sss.html#puk\">x</a><a href=\"#ust\">y</a><p id=\"ust\"></p><a href=\"https://kamusm.gov.tr\">k</a><a href=\"tel:4445576\">t</a>"),
            ("sss.html", "<h2 id=\"puk\">PUK</h2><img src=\"img/a%20b.svg\" alt=\"\"><a href=\"./index.html?q=x\">i</a>"),
            ("img/a b.svg", "<svg/>"),
        ]);
        check(&files, &[origin("index.html", &[("sss.html#puk", 3)])]).unwrap();
    }

    #[test]
    fn broken_markdown_link_names_source_line() {
        let files = site(&[
            ("index.html", "<a href=\"sss.html#yok\">x</a>"),
            ("sss.html", "<h2 id=\"puk\"></h2>"),
        ]);
        let e = check(&files, &[origin("index.html", &[("sss.html#yok", 7)])]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "content/index.md:7: bağlantı 'sss.html#yok' bulunamadı: sayfada 'yok' kimlikli bir \
             başlık ya da bölüm yok"
        );
    }

    #[test]
    fn template_links_and_absolute_links_are_reported() {
        let files = site(&[(
            "index.html",
            "<a href=\"/sss.html\">x</a><link href=\"yok.css\">",
        )]);
        let e = check(&files, &[origin("index.html", &[])])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("index.html: bağlantı '/sss.html' / ile başlıyor: site bir alt klasörde"),
            "{e}"
        );
        assert!(
            e.contains(
                "index.html: bağlantı 'yok.css' bulunamadı: sitede bu adda bir sayfa ya da dosya \
                 yok (şablon: site-templates/page.html)"
            ),
            "{e}"
        );
    }

    #[test]
    fn links_above_the_root_are_reported() {
        let files = site(&[
            ("adim/a.html", "<a href=\"../../sss.html\">x</a>"),
            ("sss.html", ""),
        ]);
        let e = check(&files, &[]).unwrap_err().to_string();
        assert_eq!(
            e,
            "adim/a.html: bağlantı '../../sss.html' sitenin dışını gösteriyor: '..' sitenin kök \
             klasörünün üstüne çıkamaz"
        );
    }

    #[test]
    fn externals() {
        assert!(is_external("https://x"));
        assert!(is_external("mailto:a@b"));
        assert!(is_external("//cdn"));
        assert!(!is_external("a.html#b:c"));
        assert!(!is_external("sss.html"));
    }
}
