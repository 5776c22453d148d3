//! `serve`'s rebuilds keep what they can from the build before (site::Cache): after each kind
//! of edit, the output of a rebuild with the kept cache is byte for byte the output of a clean
//! build of the same content (the zip as serve makes it on request), and a change to one
//! page's body renders only that body again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use xtask::site::dates::Date;
use xtask::site::{archive, build_with, BuildOptions, Cache, WasmMode, SERVER_FILES};

/// A copy of the project's content and templates, and the two outputs compared.
struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new() -> Project {
        let root = xtask::project_root();
        let dir = tempfile::tempdir().unwrap();
        for (from, to) in [("content", "content"), ("site-templates", "templates")] {
            copy_tree(&root.join(from), &dir.path().join(to));
        }
        Project { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// The options `serve` builds with, into `out`.
    fn options(&self, out: &str) -> BuildOptions {
        BuildOptions {
            content_dir: self.path("content"),
            templates_dir: self.path("templates"),
            out_dir: self.path(out),
            base_url: None,
            wasm: WasmMode::Skip,
            publish: false,
            today: Date::parse_iso("2026-11-30"),
            offline: Some(false),
        }
    }

    /// `rel` with `from` replaced by `to` (which must be there once at least).
    fn edit(&self, rel: &str, from: &str, to: &str) {
        let path = self.path(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no '{from}'");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    /// Rebuilds with `cache` into `serve`, builds afresh into `clean`, and compares them; the
    /// zip, which serve makes only when asked for, is compared as serve makes it.
    fn rebuild_equals_clean(&self, cache: &mut Cache, what: &str) {
        build_with(&self.options("serve"), cache).unwrap();
        build_with(&self.options("clean"), &mut Cache::default()).unwrap();
        let (mut kept, clean) = (files(&self.path("serve")), files(&self.path("clean")));
        assert!(clean.len() > 20, "{what}: {} files", clean.len());
        assert!(
            !kept.contains_key(archive::NAME),
            "{what}: serve wrote the zip"
        );
        let zip = archive::of_output(&self.path("serve"), &SERVER_FILES).unwrap();
        kept.insert(archive::NAME.to_string(), zip);
        assert_eq!(
            kept.keys().collect::<Vec<_>>(),
            clean.keys().collect::<Vec<_>>(),
            "{what}: the rebuild wrote other files than a clean build"
        );
        for (name, bytes) in &clean {
            assert!(
                kept[name] == *bytes,
                "{what}: {name} differs from a clean build's"
            );
        }
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file under `dir` (dot files too, but not the output's marker) with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else if path.file_name() != Some(xtask::site::output::MARKER.as_ref()) {
                let rel = path
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn every_kind_of_edit_rebuilds_to_what_a_clean_build_writes() {
    let p = Project::new();
    let mut cache = Cache {
        zip_on_request: true,
        ..Cache::default()
    };
    p.rebuild_equals_clean(&mut cache, "first build");
    assert_eq!(cache.bodies.reused, 0, "a first build has nothing to reuse");
    let pages = files(&p.path("clean"))
        .keys()
        .filter(|f| f.ends_with(".html"))
        .count();

    // One page's body: only that body is rendered again.
    p.edit(
        "content/adim-3.md",
        "\n+++\n",
        "\n+++\n\nYeni bir paragraf, ölçüm için.\n",
    );
    p.rebuild_equals_clean(&mut cache, "a paragraph added to adim-3.md");
    let reused = cache.bodies.reused;
    assert!(
        reused > 10 && reused + 1 < pages,
        "bodies reused after one page changed: {reused} (of the {pages} HTML files)"
    );

    // A title other pages show (step list, previous/next, printable handbook).
    p.edit(
        "content/adim-2.md",
        "title = \"Veri kaybı başvurusunu seçin\"",
        "title = \"Veri kaybı başvurusunu bulup seçin\"",
    );
    p.rebuild_equals_clean(&mut cache, "a step's title changed");

    // A component's template, which renders inside page bodies: nothing is reused.
    p.edit("templates/components/ekran.html", "<", "<!-- yeni --><");
    p.rebuild_equals_clean(&mut cache, "a component template changed");
    assert_eq!(
        cache.bodies.reused, 0,
        "bodies kept over a changed component"
    );

    // site.toml, which page bodies read (`{{ site.unit.phone }}`).
    p.edit(
        "content/site.toml",
        "0 (382) 000 00 00",
        "0 (382) 000 00 01",
    );
    p.rebuild_equals_clean(&mut cache, "site.toml changed");
    assert_eq!(
        cache.bodies.reused, 0,
        "bodies kept over a changed site.toml"
    );

    // A new page, then the same content again: everything is reused.
    std::fs::write(
        p.path("content/yeni.md"),
        "+++\ntitle = \"Yeni sayfa\"\norder = 95\nfactual = false\n+++\n\nBkz. [SSS](sss.html).\n",
    )
    .unwrap();
    p.rebuild_equals_clean(&mut cache, "a page added");
    p.rebuild_equals_clean(&mut cache, "nothing changed");
    assert!(
        cache.bodies.reused > reused,
        "reused {}",
        cache.bodies.reused
    );
}
