//! Loads the Markdown pages under `content/`: front matter, body, slug, order.

use super::error::{at, first_line, line_of};
use anyhow::{Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Front matter of a page (TOML between `+++` lines).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
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
    #[serde(default)]
    pub extra: toml::Table,
}

fn yes() -> bool {
    true
}

/// One Markdown page, loaded and validated, not yet rendered.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path shown in messages, relative to the project: `content/adim-1.md`.
    pub rel: String,
    pub title: String,
    pub front: FrontMatter,
    pub slug: String,
    pub template: String,
    /// Line of the `template = …` key (for "unknown template" messages), else 1.
    pub template_line: usize,
    pub body: String,
    /// 1-based line of the source file where `body` starts.
    pub body_line: usize,
}

impl Page {
    pub fn url(&self) -> String {
        format!("{}.html", self.slug)
    }
}

/// Everything under `content/` besides pages: data files and files copied as they are.
#[derive(Debug, Default)]
pub struct Content {
    pub pages: Vec<Page>,
    /// `content/data/<name>.toml`, by name.
    pub data: BTreeMap<String, toml::Value>,
    /// Other files (images…), by output path relative to the site root.
    pub files: BTreeMap<String, PathBuf>,
}

/// Walks `dir` recursively, returning files sorted by path (stable output order).
pub fn walk(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries =
            std::fs::read_dir(&d).with_context(|| format!("{}: klasör okunamadı", d.display()))?;
        for entry in entries {
            let path = entry?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with('.') || name.ends_with('~') {
                continue; // editor swap files, .DS_Store, …
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// `rel` path with forward slashes, for messages and URLs.
pub fn rel_path(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

pub fn load(content_dir: &Path, shown_prefix: &str) -> Result<Content> {
    let mut content = Content::default();
    for path in walk(content_dir)? {
        let rel = rel_path(content_dir, &path);
        let shown = format!("{shown_prefix}{rel}");
        if rel == "site.toml" {
            continue;
        }
        if let Some(name) = rel
            .strip_prefix("data/")
            .and_then(|n| n.strip_suffix(".toml"))
        {
            let text = read_text(&path, &shown)?;
            let value: toml::Value = toml::from_str(&text).map_err(|e| {
                let line = e.span().map(|s| line_of(&text, s.start)).unwrap_or(1);
                at(&shown, line, first_line(e.message()))
            })?;
            content.data.insert(name.replace('/', "_"), value);
        } else if rel.ends_with(".md") {
            let text = read_text(&path, &shown)?;
            content.pages.push(parse_page(&shown, &rel, &text)?);
        } else {
            content.files.insert(rel, path);
        }
    }
    check_slugs(&content.pages)?;
    content.pages.sort_by(|a, b| {
        a.front
            .order
            .cmp(&b.front.order)
            .then_with(|| a.slug.cmp(&b.slug))
    });
    Ok(content)
}

fn read_text(path: &Path, shown: &str) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("{shown}: okunamadı"))?;
    String::from_utf8(bytes).map_err(|e| {
        let line = line_of(
            &String::from_utf8_lossy(e.as_bytes()),
            e.utf8_error().valid_up_to(),
        );
        at(shown, line, "file is not valid UTF-8")
    })
}

/// Splits `+++ front matter +++ body` and validates the front matter.
pub fn parse_page(shown: &str, rel: &str, text: &str) -> Result<Page> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (prefix_len, rest) = if let Some(rest) = text.strip_prefix("+++\n") {
        (4, rest)
    } else if let Some(rest) = text.strip_prefix("+++\r\n") {
        (5, rest)
    } else {
        return Err(at(
            shown,
            1,
            "front matter missing: the file must start with a '+++' line",
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
            "front matter is not closed: add a '+++' line after it",
        ));
    };
    let fm_text = &rest[..fm_end];
    let front: FrontMatter = toml::from_str(fm_text).map_err(|e| {
        let line = e.span().map(|s| line_of(fm_text, s.start) + 1).unwrap_or(1);
        at(
            shown,
            line,
            format!("front matter: {}", first_line(e.message())),
        )
    })?;
    let title = match &front.title {
        Some(t) if !t.trim().is_empty() => t.trim().to_string(),
        _ => return Err(at(shown, 1, "front matter has no 'title'")),
    };
    let stem = rel.trim_end_matches(".md");
    let slug = match &front.slug {
        Some(s) => s.clone(),
        None if stem == "index" => "index".to_string(),
        None => wasm_validator::text::slug(&stem.replace('/', "-")),
    };
    if slug.is_empty()
        || !slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(at(
            shown,
            1,
            format!("slug '{slug}' must use only a-z, 0-9 and '-'"),
        ));
    }
    let template = front.template.clone().unwrap_or_else(|| "page".to_string());
    let template_line = fm_text
        .lines()
        .position(|l| l.trim_start().starts_with("template"))
        .map(|i| i + 2)
        .unwrap_or(1);
    let body_line = line_of(text, prefix_len + body_start);
    Ok(Page {
        rel: shown.to_string(),
        title,
        slug,
        template,
        template_line,
        body: rest[body_start..].to_string(),
        body_line,
        front,
    })
}

fn check_slugs(pages: &[Page]) -> Result<()> {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    let mut sorted: Vec<&Page> = pages.iter().collect();
    sorted.sort_by(|a, b| a.rel.cmp(&b.rel));
    for page in sorted {
        let mut names = vec![page.url()];
        names.extend(page.front.aliases.iter().cloned());
        for name in names {
            if let Some(other) = seen.insert(name.clone(), &page.rel) {
                return Err(at(
                    &page.rel,
                    1,
                    format!("duplicate slug: '{name}' is also produced by {other}"),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let p = parse_page(
            "content/a.md",
            "a.md",
            "+++\ntitle = \"Başlık\"\norder = 2\n+++\n\n# Merhaba\n",
        )
        .unwrap();
        assert_eq!(p.title, "Başlık");
        assert_eq!(p.slug, "a");
        assert_eq!(p.body_line, 5);
        assert_eq!(p.body, "\n# Merhaba\n");
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse_page(
            "content/a.md",
            "a.md",
            "+++\ntitle = \"x\"\norder = =\n+++\n",
        )
        .unwrap_err();
        assert!(
            e.to_string().starts_with("content/a.md:3: front matter:"),
            "{e}"
        );
        let e = parse_page("content/a.md", "a.md", "+++\norder = 1\n+++\n").unwrap_err();
        assert_eq!(e.to_string(), "content/a.md:1: front matter has no 'title'");
    }

    #[test]
    fn turkish_file_names_become_slugs() {
        let p = parse_page(
            "content/x.md",
            "Sıkça Sorulan Şeyler.md",
            "+++\ntitle = \"x\"\n+++\n",
        )
        .unwrap();
        assert_eq!(p.slug, "sikca-sorulan-seyler");
    }
}
