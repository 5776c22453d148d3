//! The site pipeline (`xtask/src/site/`): config → content → assets (+ wasm) → templates → pages → extras → link
//! check → atomic write. One module per stage; errors name the source file and line.

pub mod archive;
pub mod assets;
pub mod config;
pub mod content;
pub mod dates;
pub mod error;
pub mod extras;
pub mod html;
pub mod links;
pub mod markdown;
pub mod offline;
pub mod one_file;
pub mod output;
pub mod owners;
pub mod paths;
pub mod render;
pub mod sanitize;
pub mod search_index;
pub mod templates;
pub mod wasm;

use anyhow::Result;
use minijinja::Value;
use owners::{Claimant, Outputs};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use templates::{map, ser};

/// Whether to compile the browser code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WasmMode {
    /// Compile wasm-validator for wasm32 and run wasm-bindgen.
    Build,
    /// Write tiny placeholders instead (fast: content tests, benchmarks).
    Skip,
}

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub content_dir: PathBuf,
    pub templates_dir: PathBuf,
    pub out_dir: PathBuf,
    pub base_url: Option<String>,
    pub wasm: WasmMode,
    /// A publishing build (`--yayin`): example values in site.toml are an error.
    pub publish: bool,
    /// The date sources are aged against (default: today, or `SOURCE_DATE_EPOCH`).
    pub today: Option<dates::Date>,
    /// Overrides site.toml's `offline`: `serve` turns the offline worker off, since a saved
    /// copy has no place on a dev server (and the retiring worker cleans up an earlier one).
    pub offline: Option<bool>,
}

impl BuildOptions {
    /// The project's own folders: `content/`, `site-templates/`, output `dist/`.
    pub fn for_project(root: &Path) -> Self {
        BuildOptions {
            content_dir: root.join("content"),
            templates_dir: root.join("site-templates"),
            out_dir: root.join("dist"),
            base_url: None,
            wasm: WasmMode::Build,
            publish: false,
            today: None,
            offline: None,
        }
    }
}

#[derive(Debug, Default, Clone)]
pub struct BuildReport {
    pub pages: usize,
    /// Each stage with its wall time, in order.
    pub stages: Vec<(String, Duration)>,
    /// Every output file (relative path) with its size in bytes.
    pub files: Vec<(PathBuf, u64)>,
    /// Things to fix that do not stop the build, one `file:line: …` line each.
    pub warnings: Vec<String>,
}

impl BuildReport {
    /// Total size of the files whose name ends with `suffix`.
    pub fn size_of(&self, suffix: &str) -> u64 {
        self.files
            .iter()
            .filter(|(p, _)| p.to_string_lossy().ends_with(suffix))
            .map(|(_, s)| s)
            .sum()
    }
}

impl BuildOptions {
    /// Parses the flags of `build` (and `serve`, which also takes `--port`) into options for this
    /// project.
    pub fn from_args(args: &[String], allow_port: bool) -> Result<(BuildOptions, Option<u16>)> {
        let root = crate::project_root();
        let mut opts = BuildOptions::for_project(&root);
        let mut port = None;
        let mut parser = lexopt::Parser::from_args(args);
        use lexopt::prelude::*;
        while let Some(arg) = parser.next()? {
            match arg {
                Long("out") => opts.out_dir = PathBuf::from(parser.value()?),
                Long("base-url") => opts.base_url = Some(parser.value()?.string()?),
                Long("content") => opts.content_dir = PathBuf::from(parser.value()?),
                Long("templates") => opts.templates_dir = PathBuf::from(parser.value()?),
                Long("no-wasm") => opts.wasm = WasmMode::Skip,
                Long("yayin") => opts.publish = true,
                Long("port") if allow_port => port = Some(parser.value()?.parse()?),
                other => anyhow::bail!(
                    "{}; {}",
                    other.unexpected(),
                    crate::commands::usage_of(if allow_port { "serve" } else { "build" })
                ),
            }
        }
        Ok((opts, port))
    }
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

impl BuildReport {
    /// One line per stage with its time, then the sizes that matter, then one line per warning
    /// (on stderr: `uyarı: content/site.toml:31: …`).
    pub fn print(&self, opts: &BuildOptions) {
        let report = self;
        for w in &report.warnings {
            eprintln!("uyarı: {w}");
        }
        let total: Duration = report.stages.iter().map(|(_, d)| *d).sum();
        let stages: Vec<String> = report
            .stages
            .iter()
            .map(|(name, d)| format!("{name} {:.1} ms", d.as_secs_f64() * 1000.0))
            .collect();
        println!(
            "{} sayfa · {:.0} ms ({})",
            report.pages,
            total.as_secs_f64() * 1000.0,
            stages.join(", ")
        );
        let wasm = report.size_of(".wasm");
        let css = report.size_of(".css");
        let html = report.size_of(".html");
        let js = report.size_of(".js");
        println!(
            "html {} · css {} · js {} · wasm {}{} → {}",
            kb(html),
            kb(css),
            kb(js),
            kb(wasm),
            if opts.wasm == WasmMode::Skip {
                " (derlenmedi)"
            } else {
                ""
            },
            opts.out_dir.display()
        );
    }
}

/// The wasm assets of the previous build, reused by `serve` when only content changed.
#[derive(Default)]
pub struct Cache {
    pub wasm: Option<Vec<assets::Asset>>,
}

/// Builds the site described by `opts`.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    build_with(opts, &mut Cache::default())
}

fn shown_prefix(dir: &Path) -> String {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{name}/")
}

/// Builds with a cache of expensive outputs (wasm) that the caller may keep between builds.
pub fn build_with(opts: &BuildOptions, cache: &mut Cache) -> Result<BuildReport> {
    let mut report = BuildReport::default();
    let mut clock = Instant::now();
    let mut stage = |report: &mut BuildReport, name: &str| {
        report.stages.push((name.to_string(), clock.elapsed()));
        clock = Instant::now();
    };
    let content_prefix = shown_prefix(&opts.content_dir);
    let templates_prefix = shown_prefix(&opts.templates_dir);
    // Before any work: whether the output folder is the build's to write.
    output::check_target(
        &opts.out_dir,
        &[
            (&opts.content_dir, &content_prefix),
            (&opts.templates_dir, &templates_prefix),
        ],
    )?;

    let site_shown = format!("{content_prefix}site.toml");
    let mut site = config::load(&opts.content_dir, &site_shown, opts.base_url.as_deref())?;
    site.offline = opts.offline.unwrap_or(site.offline);
    let placeholders = site.placeholder_messages(&site_shown);
    if opts.publish && !placeholders.is_empty() {
        anyhow::bail!(
            "{}\nyayın derlemesi (--yayin), site.toml'da örnek değer kaldıkça çalışmaz",
            placeholders.join("\n")
        );
    }
    report.warnings.extend(placeholders);
    let mut content = content::load(&opts.content_dir, &content_prefix, site.route)?;
    report.pages = content.pages.len();
    let mut files = Outputs::default();
    let content_files = claim_content(&mut files, &mut content)?;
    let today = opts.today.unwrap_or_else(dates::Date::today);
    report.warnings.extend(stale_sources(
        &content.pages,
        today,
        site.source_max_age_months,
    ));
    stage(&mut report, "içerik");

    let generated = match (opts.wasm, cache.wasm.take()) {
        (WasmMode::Skip, _) => wasm::placeholders(),
        (WasmMode::Build, Some(cached)) => cached,
        (WasmMode::Build, None) => wasm::build(&crate::project_root())?,
    };
    if opts.wasm == WasmMode::Build {
        cache.wasm = Some(generated.clone());
    }
    stage(&mut report, "wasm");

    let mut asset_urls: BTreeMap<String, String> = BTreeMap::new();
    let static_assets = assets::load_static(
        &opts.templates_dir.join("static"),
        &format!("{templates_prefix}static/"),
    )?;
    for (logical, bytes) in static_assets {
        let by = Claimant::built(format!("{templates_prefix}static/{logical}"));
        add_asset(&mut files, &mut asset_urls, logical, bytes, by)?;
    }
    for (logical, bytes) in generated {
        let by = Claimant::built(format!("derlenen {logical}"));
        add_asset(&mut files, &mut asset_urls, logical, bytes, by)?;
    }
    let mut env = templates::environment(&opts.templates_dir, &templates_prefix, &site)?;
    stage(&mut report, "şablonlar");

    let globals = render::Globals {
        site: ser(&site),
        data: ser(&content.data),
        checker: checker_value(&site),
        steps: ser(render::steps(&content.pages)),
        all_sources: ser(render::all_sources(&content.pages)),
        all_sources_checked: ser(render::all_sources(&content.pages)
            .iter()
            .map(|s| s.checked)
            .max()),
        qr_svg: Value::from(
            site.base_url
                .as_ref()
                .and_then(|u| extras::qr_svg(&format!("{u}kontrol.html")))
                .map(Value::from_safe_string),
        ),
        templates_prefix: templates_prefix.clone(),
    };
    let bodies = render::bodies(&content.pages, &env, &globals, &site)?;
    stage(&mut report, "markdown");
    // The search index is built from the page bodies; then every asset is known, and the
    // page templates get `asset()` with the finished map.
    let (name, bytes) = search_index::asset(&bodies);
    add_asset(
        &mut files,
        &mut asset_urls,
        name,
        bytes,
        Claimant::built("arama dizini"),
    )?;
    // The one-file copy only where the site has the checker page (test sites may not).
    let tek = content
        .pages
        .iter()
        .any(|p| p.template == one_file::TEMPLATE)
        .then(|| one_file::inline(files.files(), &asset_urls))
        .transpose()?;
    let disk_only = asset_urls
        .get("checker-wasm.js")
        .cloned()
        .unwrap_or_default();
    let fingerprinted: std::collections::BTreeSet<String> = asset_urls.values().cloned().collect();
    templates::add_assets(&mut env, asset_urls);
    stage(&mut report, "arama dizini");
    let pages = render::pages(&bodies, &env, &globals, tek.as_ref())?;
    stage(&mut report, "sayfalar");

    for (url, html) in pages {
        files.put(&url, html.into_bytes())?;
    }
    for page in &content.pages {
        for alias in &page.front.aliases {
            files.put(
                alias,
                extras::redirect(&page.url(), &page.title).into_bytes(),
            )?;
        }
    }
    for (rel, bytes) in content_files {
        files.put(&rel, bytes)?;
    }
    if let Some(base) = &site.base_url {
        let urls: Vec<String> = content
            .pages
            .iter()
            .filter(|p| p.searchable)
            .map(|p| p.url())
            .collect();
        files.put("sitemap.xml", extras::sitemap(base, &urls).into_bytes())?;
    }
    // Copies for other places than a web server: the zip holds everything a reader opens;
    // the offline worker keeps what a browser asks for over http (no disk-only files).
    let server_files = [".htaccess", "web.config", offline::WORKER];
    archive::recall(&opts.out_dir);
    let zip = archive::zip(files.files(), &server_files, "e-imza-el-kitabi")?;
    let leave_out = [
        one_file::NAME,
        archive::NAME,
        disk_only.as_str(),
        "sitemap.xml",
    ];
    let worker = offline::worker(files.files(), &leave_out, &fingerprinted, site.offline);
    files.put(archive::NAME, zip)?;
    files.put(offline::WORKER, worker.into_bytes())?;
    files.put(
        ".htaccess",
        extras::htaccess(site.base_url.as_deref()).into_bytes(),
    )?;
    files.put("web.config", extras::WEB_CONFIG.as_bytes().to_vec())?;
    let files = files.files();

    let origins: Vec<links::PageOrigin> = bodies
        .iter()
        .map(|r| links::PageOrigin {
            output: r.page.url(),
            source: r.page.rel.clone(),
            template: format!("{templates_prefix}{}.html", r.page.template),
            links: r
                .body
                .links
                .iter()
                .cloned()
                .chain(r.page.step.iter().flat_map(|s| {
                    s.tasks.iter().map(|t| markdown::LinkRef {
                        target: t.href.clone(),
                        line: t.line,
                        image: false,
                    })
                }))
                .collect(),
        })
        .collect();
    links::check(files, &origins)?;
    stage(&mut report, "bağlantılar");
    output::write_site(&opts.out_dir, files)?;
    stage(&mut report, "yazma");
    report.files = files
        .iter()
        .map(|(p, b)| (PathBuf::from(p), b.len() as u64))
        .collect();
    Ok(report)
}

/// Adds a fingerprinted asset to the output and notes its URL for `asset(logical)`.
fn add_asset(
    files: &mut Outputs,
    urls: &mut BTreeMap<String, String>,
    logical: String,
    bytes: Vec<u8>,
    by: Claimant,
) -> Result<()> {
    let url = assets::fingerprinted_name(&logical, &bytes);
    files.add(&url, by, bytes)?;
    urls.insert(logical, url);
    Ok(())
}

/// The names the build itself writes, claimed before any content: a page, alias or content
/// file wanting one of them is refused naming both.
const BUILT_FILES: [(&str, &str); 7] = [
    (one_file::NAME, "tek dosyalık denetleyici"),
    (archive::NAME, "sitenin zip dosyası"),
    (offline::WORKER, "çevrimdışı kopyanın service worker'ı"),
    (".htaccess", "Apache sunucu ayarı"),
    ("web.config", "IIS sunucu ayarı"),
    ("sitemap.xml", "site haritası"),
    (output::MARKER, "çıktı klasörünün işareti"),
];

/// Claims the output names of the build's own files, then of every page, alias and content
/// file (a clash names both claimants), then refuses content files of a type that is not
/// published. Returns the content files' bytes by output path.
fn claim_content(
    files: &mut Outputs,
    content: &mut content::Content,
) -> Result<Vec<(String, Vec<u8>)>> {
    for (name, what) in BUILT_FILES {
        files.claim(name, Claimant::built(format!("{what} ({name})")))?;
    }
    // By file, so the later file in the folder is the one a message points at.
    let mut pages: Vec<&content::Page> = content.pages.iter().collect();
    pages.sort_by(|a, b| a.rel.cmp(&b.rel));
    for page in &pages {
        files.claim(
            &page.url(),
            Claimant::source(&page.rel, 1, format!("{} sayfası", page.rel)),
        )?;
    }
    for page in &pages {
        for alias in &page.front.aliases {
            files.claim(
                alias,
                Claimant::source(
                    &page.rel,
                    page.aliases_line,
                    format!("{} sayfasının eski adresi (aliases)", page.rel),
                ),
            )?;
        }
    }
    let mut out = Vec::new();
    for (rel, file) in std::mem::take(&mut content.files) {
        files.claim(
            &rel,
            Claimant::source(&file.shown, 1, format!("{} dosyası", file.shown)),
        )?;
        match file.bytes {
            Ok(bytes) => out.push((rel, bytes)),
            Err(why) => return Err(error::at(&file.shown, 1, why)),
        }
    }
    Ok(out)
}

/// Sources checked longer ago than `max_months` before `today`, one warning line each.
fn stale_sources(pages: &[content::Page], today: dates::Date, max_months: u32) -> Vec<String> {
    pages
        .iter()
        .flat_map(|p| p.sources.iter().map(move |s| (p, s)))
        .filter(|(_, s)| s.checked.months_until(today) > i64::from(max_months))
        .map(|(p, s)| {
            error::at(
                &p.rel,
                s.line,
                format!(
                    "source '{}' was last checked on {}, more than {max_months} months ago: \
                     compare the page with it again and update 'checked'",
                    s.title,
                    s.checked.iso()
                ),
            )
            .to_string()
        })
        .collect()
}

/// What `kontrol.html` renders the checker form from: the validator's own field list and its
/// sections, so no field or label is typed twice. Hints name the directorate's il through
/// `{il}` (AKSARAY), `{plaka}` (68) and `{alan_kodu}` (382), filled in here from site.toml.
/// (The il options come from the wasm.)
fn checker_value(site: &config::SiteConfig) -> Value {
    use wasm_validator::schema;
    let il = site.il_info.clone();
    let fill = |hint: &str| -> String {
        let Some(il) = &il else {
            return hint.to_string();
        };
        hint.replace("{il}", &il.upper)
            .replace("{plaka}", &il.plate)
            .replace("{alan_kodu}", &il.area_code)
    };
    let field = |f: &schema::Field| -> Value {
        let html = f.id.html();
        map([
            ("id", Value::from(f.id.as_str())),
            ("label", Value::from(f.label)),
            ("required", Value::from(f.required())),
            ("kind", ser(f.kind)),
            ("max_len", ser(f.max_len)),
            ("options", ser(f.options)),
            ("dropdown", Value::from(f.dropdown)),
            ("hint", Value::from(html.hint.map(fill))),
            ("autocomplete", Value::from(html.autocomplete)),
            ("inputmode", Value::from(html.inputmode)),
            ("yan", Value::from(html.beside_previous)),
        ])
    };
    let sections: Vec<Value> = schema::sections()
        .iter()
        .map(|s| {
            map([
                ("id", Value::from(s.id())),
                ("title", Value::from(s.title())),
                (
                    "fields",
                    Value::from(s.fields().map(field).collect::<Vec<_>>()),
                ),
            ])
        })
        .collect();
    map([
        (
            "fields",
            Value::from(schema::FIELDS.iter().map(field).collect::<Vec<_>>()),
        ),
        ("sections", Value::from(sections)),
    ])
}
