//! Writes the finished site: into a temporary sibling folder first, then swapped in with one
//! atomic exchange (Linux), so a failed build, a crash or a kill at any moment leaves a whole
//! output folder: the previous one or the new one.
//!
//! The folder replaced by a swap is kept as a hidden sibling (`.dist.onceki` beside `dist`)
//! and becomes the next build's temporary folder: overwriting a file is several times cheaper
//! than creating one on common file systems (1,000 new files ≈ 0.4 s here, overwritten ≈
//! 0.06 s), and on a large site creating files was most of the build's time. A file there
//! that already holds the new bytes (most of them, between two edits) is not written at all.
//!
//! The output folder belongs to the build, and only it: the build writes into a folder that
//! is absent, empty, or carries the marker (`.e-imza-cikti`) an earlier build left for that
//! very place; it refuses an output that is a symbolic link, and it never follows a link
//! inside the output (everything is opened beneath the parent folder's handle with
//! `O_NOFOLLOW`; a link, FIFO or extra hard link found where a file goes is replaced, never
//! written through).

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The marker file an output folder carries: the build's own, never part of the site (it is
/// not in the zip or the offline worker's list).
pub const MARKER: &str = ".e-imza-cikti";

fn name_of(out: &Path) -> String {
    out.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "dist".into())
}

/// `.dist.onceki`: the previous output, recycled as the next temporary folder.
pub fn spare(out: &Path) -> PathBuf {
    out.with_file_name(format!(".{}.onceki", name_of(out)))
}

/// Whether a relative output path stays inside the output folder: plain names separated by
/// '/', no '..', '.', empty, absolute, drive or backslash parts. Checked here, where every
/// file is written, whatever stage produced the path.
pub fn stays_inside(rel: &str) -> bool {
    !rel.is_empty()
        && !rel.contains('\\')
        && !rel.contains(':')
        && rel
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// What the marker says: which output folder it belongs to, as a hash of the folder's real
/// path (a copy of the output, say on a web server, is not the build's to empty; the hash
/// keeps the build machine's paths off a server that publishes the copy).
fn marker_text(identity: &Path) -> String {
    let hash = Sha256::digest(identity.as_os_str().as_encoded_bytes());
    let short: String = hash.iter().take(12).map(|b| format!("{b:02x}")).collect();
    format!(
        "Bu klasörü \"cargo xtask build\" yazdı; bir sonraki yapım içindekileri silip yeniden \
         yazar.\nBu dosya sitenin parçası değildir; yayımlarken kopyalamayın.\nçıktı: {short}\n"
    )
}

/// The real path `out` stands for: its parent's real path and its own name (the name itself
/// is not resolved: a link there is refused, not followed).
fn real_path(path: &Path) -> Result<PathBuf> {
    let abs =
        std::path::absolute(path).with_context(|| format!("{}: yol çözülemedi", path.display()))?;
    // The nearest folder that exists, resolved, then the names below it as written.
    let mut rest = Vec::new();
    let mut here = abs.as_path();
    loop {
        match std::fs::canonicalize(here) {
            Ok(real) if rest.is_empty() || real.is_dir() => {
                return Ok(rest.iter().rev().fold(real, |p, n| p.join(n)));
            }
            _ => {}
        }
        match (here.file_name(), here.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                here = parent;
            }
            _ => anyhow::bail!("{}: yol çözülemedi", path.display()),
        }
    }
}

/// `out`'s identity: the real path of its parent folder, then its name.
fn identity(out: &Path) -> Result<PathBuf> {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty());
    Ok(real_path(parent.unwrap_or(Path::new(".")))?.join(name_of(out)))
}

/// Checks, before any work, that the build may write `out`: not a symbolic link, not inside
/// a source folder nor containing one (`sources`: each folder with its name for messages),
/// and absent, empty or marked as this place's output by an earlier build. `write_site`
/// checks the folder again when it writes.
pub fn check_target(out: &Path, sources: &[(&Path, &str)]) -> Result<()> {
    let shown = out.display();
    if out.file_name().is_none() {
        anyhow::bail!("{shown}: çıktı yolu bir klasör adıyla bitmeli (örneğin dist)");
    }
    let out_real = identity(out)?;
    for (dir, name) in sources {
        let Ok(dir_real) = real_path(dir) else {
            continue;
        };
        if out_real.starts_with(&dir_real) {
            anyhow::bail!(
                "{shown}: çıktı klasörü {name} klasörünün içinde; yapım siteyi kendi \
                 kaynağının içine yazardı: --out ile {name} dışında bir klasör verin"
            );
        }
        if dir_real.starts_with(&out_real) {
            anyhow::bail!(
                "{shown}: çıktı klasörü {name} klasörünü içeriyor; yapım onu silerdi: --out \
                 ile {name} dışında bir klasör verin"
            );
        }
    }
    imp::check_owned(out, &out_real)
}

/// For outputs inside cargo's `target/` (the test site, the benchmark's site): a folder there
/// that the build would refuse (written before outputs carried the marker) is removed, since
/// everything under `target/` is scratch. A link there is left alone (and then refused).
pub fn clear_scratch_output(out: &Path) -> Result<()> {
    let is_dir = std::fs::symlink_metadata(out).is_ok_and(|m| m.is_dir());
    if is_dir && check_target(out, &[]).is_err() {
        std::fs::remove_dir_all(out)
            .with_context(|| format!("{}: eski çıktı silinemedi", out.display()))?;
    }
    Ok(())
}

/// Writes `files` (relative path → bytes) as the new content of `out`, with the marker.
pub fn write_site(out: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
    if let Some(bad) = files.keys().find(|rel| !stays_inside(rel)) {
        anyhow::bail!(
            "'{bad}' yazılmadı: her çıktı dosyası {} klasörünün içinde kalmalı",
            out.display()
        );
    }
    if files.contains_key(MARKER) {
        anyhow::bail!("{MARKER}: bu ad çıktı klasörünün işaretidir, sitede bir dosya olamaz");
    }
    if out.file_name().is_none() {
        anyhow::bail!(
            "{}: çıktı yolu bir klasör adıyla bitmeli (örneğin dist)",
            out.display()
        );
    }
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: klasör oluşturulamadı", parent.display()))?;
    }
    let id = identity(out)?;
    remove_stale_temps(out);
    imp::write_site(out, &id, files)
}

/// For the kill test (xtask/tests/it/build.rs): a pause at the swap's most fragile moment,
/// where a killed build must still leave a whole output folder.
fn pause_for_kill_test() {
    if let Some(ms) = std::env::var("XTASK_TEST_PAUSE_BEFORE_SWAP_MS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

/// Removes `dist.tmp-<pid>` / `dist.old-<pid>` folders left by builds that were killed (their
/// process no longer exists). Linux only: elsewhere they stay until removed by hand.
fn remove_stale_temps(out: &Path) {
    let (Some(parent), name) = (out.parent(), name_of(out)) else {
        return;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let pid = [".tmp-", ".old-"].iter().find_map(|tag| {
            file.strip_prefix(&name)?
                .strip_prefix(tag)?
                .parse::<u32>()
                .ok()
        });
        if let Some(pid) = pid {
            let alive = !cfg!(target_os = "linux") || Path::new(&format!("/proc/{pid}")).exists();
            if !alive {
                // remove_dir_all removes a link itself, never what it points to.
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

#[cfg(unix)]
mod unix;
#[cfg(unix)]
use unix as imp;

#[cfg(not(unix))]
mod imp {
    use anyhow::Result;
    use std::collections::BTreeMap;
    use std::path::Path;

    pub fn check_owned(_: &Path, _: &Path) -> Result<()> {
        anyhow::bail!("çıktı klasörü yalnızca Unix sistemlerde güvenle yazılabilir")
    }

    pub fn write_site(_: &Path, _: &Path, _: &BTreeMap<String, Vec<u8>>) -> Result<()> {
        anyhow::bail!("çıktı klasörü yalnızca Unix sistemlerde güvenle yazılabilir")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(pairs: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
            .collect()
    }

    /// Every file under `dir` but the marker, with its text.
    fn contents(dir: &Path) -> BTreeMap<String, String> {
        crate::site::paths::walk(dir, "dist/")
            .unwrap()
            .into_iter()
            .map(|p| {
                let rel = crate::site::paths::rel_path(dir, &p);
                (rel, std::fs::read_to_string(&p).unwrap())
            })
            .collect()
    }

    #[test]
    fn no_path_leaves_the_output_folder() {
        for bad in [
            "../x.html",
            "a/../../x.html",
            "/etc/x",
            "a//b",
            "./a",
            "a\\..\\b",
            "C:x",
            "",
        ] {
            assert!(!stays_inside(bad), "{bad}");
        }
        for good in ["index.html", "img/a b.svg", ".htaccess", "a/b/c.css"] {
            assert!(stays_inside(good), "{good}");
        }
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("a").join("dist");
        let e = write_site(&out, &site(&[("ok.html", "1"), ("../../kacak.html", "x")]))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("'../../kacak.html' yazılmadı: her çıktı dosyası"),
            "{e}"
        );
        assert!(!tmp.path().join("kacak.html").exists());
        assert!(!out.exists(), "nothing written at all");
    }

    #[test]
    fn recycled_folder_holds_exactly_the_new_site() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        let one = site(&[("a.html", "1"), ("eski/b.html", "1"), (".htaccess", "1")]);
        let two = site(&[("a.html", "2"), ("c.html", "2")]);
        let three = site(&[("a.html", "3"), ("d/e.html", "3")]);
        write_site(&out, &one).unwrap();
        write_site(&out, &two).unwrap();
        // The third build recycles the first one's folder: stale files and folders must go.
        write_site(&out, &three).unwrap();
        let want: BTreeMap<String, String> = [("a.html", "3"), ("d/e.html", "3")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(contents(&out), want);
        assert!(
            !out.join("eski").exists(),
            "stale folder left in the output"
        );
        assert_eq!(
            contents(&spare(&out)).get("c.html").map(String::as_str),
            Some("2")
        );
        let names: Vec<String> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "only dist and its spare: {names:?}");
        assert!(out.join(MARKER).is_file(), "the output carries the marker");
    }

    #[test]
    fn a_recycled_file_that_already_holds_the_bytes_is_left_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        write_site(&out, &site(&[("a.html", "1"), ("b.html", "aynı")])).unwrap();
        write_site(&out, &site(&[("a.html", "2"), ("b.html", "aynı")])).unwrap();
        // The spare now holds the first build; mark its files as written long ago.
        let long_ago = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1 << 30);
        for name in ["a.html", "b.html"] {
            let file = std::fs::File::options()
                .append(true)
                .open(spare(&out).join(name))
                .unwrap();
            file.set_modified(long_ago).unwrap();
        }
        // Same sizes as the spare's files; only b.html has the same bytes.
        write_site(&out, &site(&[("a.html", "3"), ("b.html", "aynı")])).unwrap();
        let modified = |name: &str| {
            std::fs::metadata(out.join(name))
                .unwrap()
                .modified()
                .unwrap()
        };
        assert_eq!(modified("b.html"), long_ago, "unchanged file rewritten");
        assert_ne!(modified("a.html"), long_ago, "changed file not written");
        assert_eq!(std::fs::read_to_string(out.join("a.html")).unwrap(), "3");
        assert_eq!(std::fs::read_to_string(out.join("b.html")).unwrap(), "aynı");
    }

    #[test]
    fn a_recycled_file_longer_or_shorter_than_the_new_one_is_rewritten_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        write_site(
            &out,
            &site(&[("a.html", "uzun eski metin"), ("b.html", "k")]),
        )
        .unwrap();
        write_site(&out, &site(&[("a.html", "x"), ("b.html", "y")])).unwrap();
        write_site(
            &out,
            &site(&[("a.html", "kısa"), ("b.html", "çok daha uzun")]),
        )
        .unwrap();
        let want: BTreeMap<String, String> = [("a.html", "kısa"), ("b.html", "çok daha uzun")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(contents(&out), want);
    }

    #[test]
    fn only_an_empty_folder_or_this_places_own_output_is_written() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        std::fs::create_dir(&out).unwrap();
        write_site(&out, &site(&[("a.html", "1")])).unwrap();
        write_site(&out, &site(&[("a.html", "2")])).unwrap();
        // A copy of the output elsewhere (a web root) carries a marker that is not its own.
        let copy = tmp.path().join("kopya");
        std::fs::create_dir(&copy).unwrap();
        std::fs::copy(out.join(MARKER), copy.join(MARKER)).unwrap();
        std::fs::write(copy.join("baska.txt"), "k").unwrap();
        let e = write_site(&copy, &site(&[("a.html", "3")]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("başka bir yerdeki çıktıya ait"), "{e}");
        assert!(copy.join("baska.txt").exists());
        assert!(check_target(&copy, &[]).is_err(), "the early check agrees");
        assert!(check_target(&out, &[]).is_ok());
    }
}
