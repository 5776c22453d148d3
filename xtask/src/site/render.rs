//! Renders pages: body (minijinja, then Markdown with components), then the page template with
//! the full context (site, page, pages, menu, steps, prev/next, data, checker, qr_svg).
//! The step-by-step list and previous/next links are derived here, once, from the pages.

use super::config::SiteConfig;
use super::content::{Page, PageTask};
use super::error::{at, line_of};
use super::markdown::{self, Components, Rendered};
use super::messages::toml_message;
use super::templates::{add_step_numbers, map, markdown_environment, ser, template_error};
use super::{memo, one_file};
use anyhow::Result;
use minijinja::{Environment, Value};
use rayon::prelude::*;

/// Values every template sees, built once per build and shared (cheap to clone).
pub struct Globals {
    pub site: Value,
    pub data: Value,
    pub checker: Value,
    /// The step-by-step list (`steps()`).
    pub steps: Value,
    /// Every page's sources once (`all_sources()`), and the latest date among them.
    pub all_sources: Value,
    pub all_sources_checked: Value,
    pub qr_svg: Value,
    pub templates_prefix: String,
}

/// A page after its body is rendered.
pub struct RenderedPage<'a> {
    pub page: &'a Page,
    pub body: Rendered,
}

/// Page metadata as templates see it; `content`/`toc` only where given.
fn page_value(page: &Page, body: Option<&Rendered>) -> Value {
    let mut m = std::collections::BTreeMap::new();
    m.insert("title".to_string(), Value::from(page.title.clone()));
    m.insert("description".into(), Value::from(page.description.clone()));
    m.insert("sources".into(), ser(&page.sources));
    m.insert(
        "checked".into(),
        ser(page.sources.iter().map(|s| s.checked).max()),
    );
    m.insert("step".into(), ser(&page.step));
    m.insert("slug".into(), Value::from(page.slug.clone()));
    m.insert("url".into(), Value::from(page.url()));
    m.insert("order".into(), Value::from(page.front.order));
    m.insert("template".into(), Value::from(page.template.clone()));
    m.insert("in_menu".into(), Value::from(page.front.in_menu));
    m.insert("searchable".into(), Value::from(page.searchable));
    m.insert("source".into(), Value::from(page.rel.clone()));
    m.insert("extra".into(), ser(&page.front.extra));
    if let Some(r) = body {
        m.insert("content".into(), Value::from_safe_string(r.html.clone()));
        m.insert("toc".into(), ser(&r.toc));
    }
    Value::from(m)
}

struct PageComponents<'a> {
    env: &'a Environment<'static>,
    globals: &'a Globals,
    page: &'a Page,
    page_meta: Value,
}

impl Components for PageComponents<'_> {
    fn has(&self, name: &str) -> bool {
        !name.is_empty()
            && self
                .env
                .get_template(&format!("components/{name}.html"))
                .is_ok()
    }

    fn render(&self, name: &str, body: &str, line: usize) -> Result<String> {
        let mut data: toml::Value = toml::from_str(body).map_err(|e| {
            let l = e
                .span()
                .map(|s| line + line_of(body, s.start))
                .unwrap_or(line);
            at(
                &self.page.rel,
                l,
                format!("bileşen '{name}': {}", toml_message(e.message())),
            )
        })?;
        // `{{ … }}` in a page body writes character references (templates::markdown_text); a
        // component shows its strings as text, so they are decoded here and escaped again by
        // the component's template.
        decode_strings(&mut data);
        let tmpl = self
            .env
            .get_template(&format!("components/{name}.html"))
            .expect("checked by has()");
        let ctx = map([
            ("data", ser(&data)),
            ("site", self.globals.site.clone()),
            ("page", self.page_meta.clone()),
            ("files", self.globals.data.clone()),
        ]);
        tmpl.render(ctx).map_err(|e| {
            let inner = template_error(&e, &self.globals.templates_prefix, None, 0);
            at(&self.page.rel, line, format!("bileşen '{name}': {inner}"))
        })
    }
}

/// Decodes the character references in every string of a component's data.
fn decode_strings(value: &mut toml::Value) {
    match value {
        toml::Value::String(s) => *s = super::html::decode_entities(s),
        toml::Value::Array(items) => items.iter_mut().for_each(decode_strings),
        toml::Value::Table(t) => t.iter_mut().for_each(|(_, v)| decode_strings(v)),
        _ => {}
    }
}

/// Renders every page body in parallel (minijinja pass, then Markdown); a body `kept` from the
/// previous build with the same inputs is taken instead (see memo.rs).
pub fn bodies<'a>(
    pages: &'a [Page],
    env: &Environment<'static>,
    globals: &Globals,
    site: &SiteConfig,
    kept: &mut memo::Bodies,
) -> Result<Vec<RenderedPage<'a>>> {
    let mut md_env = markdown_environment(site);
    let numbers: std::collections::BTreeMap<String, String> = pages
        .iter()
        .filter_map(|p| {
            Some((
                p.url(),
                p.step.as_ref().filter(|s| s.numbered)?.label.clone(),
            ))
        })
        .collect();
    kept.begin(memo::Shared {
        site: globals.site.clone(),
        data: globals.data.clone(),
        numbers: numbers.clone(),
        templates: memo::Shared::templates(env),
    });
    add_step_numbers(&mut md_env, numbers);
    let kept_now = &*kept;
    let rendered: Vec<(RenderedPage, Value, bool)> = pages
        .par_iter()
        .map(|page| {
            let meta = page_value(page, None);
            if let Some(body) = kept_now.get(page, &meta) {
                return Ok((RenderedPage { page, body }, meta, true));
            }
            let ctx = map([
                ("site", globals.site.clone()),
                ("data", globals.data.clone()),
                ("page", meta.clone()),
            ]);
            let src = md_env
                .render_named_str(&page.rel, &page.body, ctx)
                .map_err(|e| {
                    template_error(&e, &globals.templates_prefix, None, page.body_line - 1)
                })?;
            let components = PageComponents {
                env,
                globals,
                page,
                page_meta: meta.clone(),
            };
            let body = markdown::render(&src, &page.rel, page.body_line, &components)?;
            Ok((RenderedPage { page, body }, meta, false))
        })
        .collect::<Result<_>>()?;
    kept.keep(
        rendered
            .iter()
            .map(|(r, meta, _)| (r.page, meta.clone(), &r.body)),
    );
    kept.reused = rendered.iter().filter(|(_, _, reused)| *reused).count();
    Ok(rendered.into_iter().map(|(r, _, _)| r).collect())
}

/// Renders every page through its template; returns (output path, HTML) in page order. With
/// `tek` (one_file::inline), the checker page is also rendered as the one-file copy.
pub fn pages(
    rendered: &[RenderedPage],
    env: &Environment<'static>,
    globals: &Globals,
    tek: Option<&Value>,
) -> Result<Vec<(String, String)>> {
    for r in rendered {
        if env
            .get_template(&format!("{}.html", r.page.template))
            .is_err()
        {
            return Err(at(
                &r.page.rel,
                r.page.template_line,
                format!(
                    "bilinmeyen şablon '{}': {}{}.html yok",
                    r.page.template, globals.templates_prefix, r.page.template
                ),
            ));
        }
    }
    let all: Vec<Value> = rendered
        .iter()
        .map(|r| page_value(r.page, Some(&r.body)))
        .collect();
    let menu_idx: Vec<usize> = (0..rendered.len())
        .filter(|&i| rendered[i].page.front.in_menu)
        .collect();
    let step_idx: Vec<usize> = (0..rendered.len())
        .filter(|&i| rendered[i].page.step.is_some())
        .collect();
    let pages_value = Value::from(all.clone());
    let menu_value = Value::from(menu_idx.iter().map(|&i| all[i].clone()).collect::<Vec<_>>());
    rendered
        .par_iter()
        .enumerate()
        .map(|(i, r)| {
            // Step pages link to the steps before and after them; menu pages to theirs.
            let order = if r.page.step.is_some() {
                &step_idx
            } else {
                &menu_idx
            };
            let pos = order.iter().position(|&m| m == i);
            let neighbour = |d: isize| {
                pos.and_then(|p| p.checked_add_signed(d))
                    .and_then(|p| order.get(p))
                    .map(|&j| all[j].clone())
                    .unwrap_or(Value::from(()))
            };
            let ctx = map([
                ("site", globals.site.clone()),
                ("page", all[i].clone()),
                ("pages", pages_value.clone()),
                ("menu", menu_value.clone()),
                ("steps", globals.steps.clone()),
                ("all_sources", globals.all_sources.clone()),
                ("all_sources_checked", globals.all_sources_checked.clone()),
                ("prev", neighbour(-1)),
                ("next", neighbour(1)),
                ("data", globals.data.clone()),
                ("checker", globals.checker.clone()),
                ("qr_svg", globals.qr_svg.clone()),
            ]);
            let name = format!("{}.html", r.page.template);
            let render = |ctx: Value| {
                env.get_template(&name)
                    .and_then(|t| t.render(ctx))
                    .map_err(|e| {
                        template_error(&e, &globals.templates_prefix, Some(&r.page.rel), 0)
                    })
            };
            let mut out = vec![(r.page.url(), render(ctx.clone())?)];
            if let Some(tek) = tek.filter(|_| r.page.template == one_file::TEMPLATE) {
                let ctx = minijinja::context! { tek => tek.clone(), ..ctx };
                out.push((one_file::NAME.to_string(), render(ctx)?));
            }
            Ok(out)
        })
        .collect::<Result<Vec<_>>>()
        .map(|v| v.into_iter().flatten().collect())
}

/// One entry of the step-by-step list.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StepEntry {
    /// "Önce", "1", …, "Sonra".
    pub label: String,
    /// Whether the label is a step number (screen readers hear "Adım 1").
    pub numbered: bool,
    /// The page title without its "Adım N: " prefix.
    pub title: String,
    pub url: String,
    pub summary: String,
    pub tasks: Vec<PageTask>,
}

/// The step-by-step list: every page with a `[step]`, in page order, numbered by
/// `content::number_steps`.
pub fn steps(pages: &[Page]) -> Vec<StepEntry> {
    pages
        .iter()
        .filter_map(|p| p.step.as_ref().map(|s| (p, s)))
        .map(|(p, s)| StepEntry {
            label: s.label.clone(),
            numbered: s.numbered,
            title: s.title.clone(),
            url: p.url(),
            summary: s.summary.clone(),
            tasks: s.tasks.clone(),
        })
        .collect()
}

/// Every page's sources, each once (by title and address, with its latest date), in page
/// order: the printable handbook lists them at its end.
pub fn all_sources(pages: &[Page]) -> Vec<super::content::PageSource> {
    let mut out: Vec<super::content::PageSource> = Vec::new();
    for s in pages.iter().flat_map(|p| &p.sources) {
        match out
            .iter_mut()
            .find(|o| o.title == s.title && o.url == s.url)
        {
            Some(o) => o.checked = o.checked.max(s.checked),
            None => out.push(s.clone()),
        }
    }
    out
}
