//! The site pipeline (`xtask/src/site/`). `build_with` is the list of stages below, in this
//! order; each is one call into its own module, timed and named in the build's report. The
//! first error stops the build (`file:line: what is wrong`) and the previous output stays.
//!
//! 1. `hedef` (output): the output folder is the build's to replace.
//! 2. `ayarlar` (config): site.toml and `--base-url`; example values are warnings, `--yayin`
//!    refuses them.
//! 3. `içerik` (content): the pages (front matter, steps, sources) and content files.
//! 4. `sahipler` (claims): every output name gets one owner, before anything is rendered.
//! 5. `kaynak yaşı` (stale): sources checked too long ago are warnings.
//! 6. `wasm` (wasm): the checker and the search compiled to wasm, or placeholders.
//! 7. `varlıklar` (assets): the static files and the wasm's, fingerprinted.
//! 8. `şablonlar` (templates): the minijinja environment of `site-templates/`.
//! 9. `şablon verisi` (globals): what every template sees, the checker's fields
//!    (checker_data) among it.
//! 10. `markdown` (render): each page's body, minijinja then Markdown.
//! 11. `arama dizini` (search_index): the search index, from the bodies.
//! 12. `tek dosya` (one_file): the one-file checker's inlined parts.
//! 13. `sayfalar` (render): each page through its template, with `asset()`.
//! 14. `ekler` (extras): redirect pages for old addresses, `sitemap.xml`.
//! 15. `zip` (archive): the site as one zip, made on another thread during 16–18.
//! 16. `çevrimdışı` (offline): the service worker with its list of files.
//! 17. `sunucu ayarları` (extras): `.htaccess` and `web.config`.
//! 18. `bağlantılar` (links): every internal link and `#anchor` resolves.
//! 19. `zip bekleme` (archive): the zip of stage 15 joins the output.
//! 20. `yazma` (output): the new output folder swapped in at once.
//!
//! Flags are read and the report printed by the command line (cli.rs).

pub mod archive;
pub mod assets;
pub mod checker_data;
pub mod claims;
pub mod config;
pub mod content;
pub mod dates;
pub mod error;
pub mod extras;
pub mod globals;
pub mod html;
pub mod links;
pub mod markdown;
pub mod memo;
pub mod messages;
pub mod offline;
pub mod one_file;
pub mod options;
pub mod output;
pub mod owners;
pub mod paths;
pub mod plain_body;
pub mod render;
pub mod sanitize;
pub mod search_index;
pub mod stale;
pub mod templates;
pub mod wasm;

pub use options::{BuildOptions, WasmMode};

use anyhow::Result;
use owners::Claimant;
use std::path::PathBuf;
use std::time::{Duration, Instant};

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

/// What a build keeps for the next one in the same process (`serve`): the wasm assets, reused
/// when only content changed, and the pages' bodies (memo.rs); and what `serve` skips.
#[derive(Default)]
pub struct Cache {
    pub wasm: Option<Vec<assets::Asset>>,
    pub bodies: memo::Bodies,
    /// `serve`: the zip is not made by the build but when a browser asks for it (the zip
    /// stage only claims its name for the link check; archive::of_output).
    pub zip_on_request: bool,
}

/// Builds the site described by `opts`.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    build_with(opts, &mut Cache::default())
}

/// The files only a web server reads, which the zip leaves out.
pub const SERVER_FILES: [&str; 3] = [".htaccess", "web.config", offline::WORKER];

/// Each stage's wall time, in order.
#[derive(Default)]
struct Stages(Vec<(String, Duration)>);

impl Stages {
    /// Runs one stage and notes its time under `name`.
    fn run<T>(&mut self, name: &str, stage: impl FnOnce() -> Result<T>) -> Result<T> {
        let started = Instant::now();
        let out = stage();
        self.0.push((name.to_string(), started.elapsed()));
        out
    }
}

/// Builds with a cache of expensive outputs (wasm) that the caller may keep between builds.
pub fn build_with(opts: &BuildOptions, cache: &mut Cache) -> Result<BuildReport> {
    let content_prefix = opts.content_shown();
    let templates_prefix = opts.templates_shown();
    let site_shown = format!("{content_prefix}site.toml");
    let sources = [
        (opts.content_dir.as_path(), content_prefix.as_str()),
        (opts.templates_dir.as_path(), templates_prefix.as_str()),
    ];
    let today = opts.today.unwrap_or_else(dates::Date::today);
    let root = crate::project_root();
    let mut s = Stages::default();

    s.run("hedef", || output::check_target(&opts.out_dir, &sources))?;
    let (site, placeholders) = s.run("ayarlar", || config::for_build(opts, &site_shown))?;
    let mut content = s.run("içerik", || {
        content::load(&opts.content_dir, &content_prefix, site.route)
    })?;
    let mut files = s.run("sahipler", || claims::claim_all(&mut content))?;
    let stale = s.run("kaynak yaşı", || {
        Ok(stale::warnings(
            &content.pages,
            today,
            site.source_max_age_months,
        ))
    })?;
    let generated = s.run("wasm", || wasm::assets(opts.wasm, &root, &mut cache.wasm))?;
    let mut urls = s.run("varlıklar", || {
        assets::collect(
            &opts.templates_dir,
            &templates_prefix,
            generated,
            &mut files,
        )
    })?;
    let mut env = s.run("şablonlar", || {
        templates::environment(&opts.templates_dir, &templates_prefix, &site)
    })?;
    let globals = s.run("şablon verisi", || {
        Ok(globals::of(&site, &content, &templates_prefix))
    })?;
    let bodies = s.run("markdown", || {
        render::bodies(&content.pages, &env, &globals, &site, &mut cache.bodies)
    })?;
    s.run("arama dizini", || {
        let index = search_index::asset(&bodies);
        urls.add(&mut files, index, Claimant::built("arama dizini"))
    })?;
    let tek = s.run("tek dosya", || {
        one_file::for_site(&content.pages, files.files(), &urls.0)
    })?;
    s.run("sayfalar", || {
        templates::add_assets(&mut env, urls.0.clone());
        for (url, html) in render::pages(&bodies, &env, &globals, tek.as_ref())? {
            files.put(&url, html.into_bytes())?;
        }
        Ok(())
    })?;
    s.run("ekler", || {
        extras::put(&mut files, &content.pages, site.base_url.as_deref())
    })?;
    // The zip is made on another thread while the next stages run (archive::start).
    let zip = s.run("zip", || {
        if cache.zip_on_request {
            archive::stand_in(&mut files).map(|()| None)
        } else {
            archive::start(&mut files, &SERVER_FILES, &opts.out_dir).map(Some)
        }
    })?;
    s.run("çevrimdışı", || {
        offline::put(&mut files, &urls, site.offline)
    })?;
    s.run("sunucu ayarları", || {
        extras::put_server_settings(&mut files, site.base_url.as_deref())
    })?;
    s.run("bağlantılar", || {
        links::check(files.files(), &links::origins(&bodies, &templates_prefix))
    })?;
    s.run("zip bekleme", || match zip {
        Some(pending) => pending.finish(&mut files),
        None => Ok(()),
    })?;
    s.run("yazma", || {
        if cache.zip_on_request {
            files.take(archive::NAME);
        }
        output::write_site(&opts.out_dir, files.files())
    })?;

    Ok(BuildReport {
        pages: content.pages.len(),
        stages: s.0,
        files: files
            .files()
            .iter()
            .map(|(p, b)| (PathBuf::from(p), b.len() as u64))
            .collect(),
        warnings: [placeholders, stale].concat(),
    })
}

#[cfg(test)]
mod tests {
    /// The stages of a numbered list (`N. \`name\` (module): …`), as `name (module)`.
    fn numbered<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<String> {
        lines
            .filter_map(|l| {
                let (number, rest) = l.split_once(". `")?;
                number.parse::<u32>().ok()?;
                let (name, rest) = rest.split_once("` (")?;
                let module = rest.split_once(')')?.0;
                Some(format!("{name} ({module})"))
            })
            .collect()
    }

    /// The stages of the module comment's numbered list.
    fn listed(text: &str) -> Vec<String> {
        numbered(text.lines().filter_map(|l| l.strip_prefix("//! ")))
    }

    /// The stages of CONTRIBUTING.md's section "The build's stages".
    fn contributing(text: &str) -> Vec<String> {
        let section = text
            .split_once("## The build's stages\n")
            .map_or("", |(_, s)| s);
        let section = section.split_once("\n## ").map_or(section, |(s, _)| s);
        numbered(section.lines())
    }

    /// The names of the stages `build_with` runs, in order.
    fn run(text: &str) -> Vec<String> {
        let body = text.split_once("pub fn build_with(").map_or("", |(_, b)| b);
        let body = body.split_once("\n}\n").map_or(body, |(b, _)| b);
        body.split("s.run(\"")
            .skip(1)
            .filter_map(|r| Some(r.split_once('"')?.0.to_string()))
            .collect()
    }

    /// The names alone of `name (module)` entries.
    fn names(stages: &[String]) -> Vec<String> {
        stages
            .iter()
            .map(|s| {
                s.split_once(" (")
                    .map_or(s.as_str(), |(n, _)| n)
                    .to_string()
            })
            .collect()
    }

    const THIS_FILE: &str = include_str!("mod.rs");
    const CONTRIBUTING: &str = include_str!("../../../CONTRIBUTING.md");

    #[test]
    fn the_module_comment_lists_the_stages_build_with_runs_in_order() {
        let code = run(THIS_FILE);
        assert!(code.len() > 10, "stages found in build_with: {code:?}");
        assert_eq!(
            names(&listed(THIS_FILE)),
            code,
            "site/mod.rs: the //! list of stages and the stages build_with runs differ"
        );
    }

    #[test]
    fn contributing_lists_the_same_stages_as_the_module_comment() {
        let here = listed(THIS_FILE);
        assert!(here.len() > 10, "stages found in the comment: {here:?}");
        assert_eq!(
            contributing(CONTRIBUTING),
            here,
            "CONTRIBUTING.md (The build's stages) and site/mod.rs's //! list differ"
        );
    }

    #[test]
    fn each_stage_names_a_module_of_the_site() {
        let dir = crate::project_root().join("xtask/src/site");
        for stage in listed(THIS_FILE) {
            let module = stage
                .split_once(" (")
                .map_or("", |(_, m)| m)
                .trim_end_matches(')');
            assert!(
                dir.join(format!("{module}.rs")).is_file(),
                "site/mod.rs: the stage {stage} names no module site/{module}.rs"
            );
        }
    }

    #[test]
    fn a_stage_out_of_order_or_missing_is_found() {
        let swapped = THIS_FILE
            .replacen("//! 15. `zip`", "//! 15. `çevrimdışı`", 1)
            .replacen("//! 16. `çevrimdışı`", "//! 16. `zip`", 1);
        assert_eq!(listed(&swapped).len(), run(&swapped).len());
        assert_ne!(names(&listed(&swapped)), run(&swapped));
        let renamed = THIS_FILE.replacen("s.run(\"zip\"", "s.run(\"arşiv\"", 1);
        assert_ne!(names(&listed(&renamed)), run(&renamed));
        let added = THIS_FILE.replacen(
            "    s.run(\"çevrimdışı\"",
            "    s.run(\"yeni\", f)?;\n    s.run(\"çevrimdışı\"",
            1,
        );
        assert_ne!(added, THIS_FILE);
        assert_eq!(run(&added).len(), listed(&added).len() + 1);
        let moved = CONTRIBUTING.replacen("15. `zip` (archive)", "15. `zip` (extras)", 1);
        assert_ne!(contributing(&moved), listed(THIS_FILE));
        let cut = CONTRIBUTING.replacen("18. `bağlantılar`", "18. bağlantılar", 1);
        assert_eq!(contributing(&cut).len() + 1, listed(THIS_FILE).len());
    }
}
