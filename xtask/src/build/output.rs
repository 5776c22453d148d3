//! Writes the finished site: into a temporary sibling folder first, then swapped in, so a failed
//! build (or a crash half-way) leaves the previous output exactly as it was.
//!
//! The folder replaced by a swap is kept as a hidden sibling (`.dist.onceki` beside `dist`)
//! and becomes the next build's temporary folder: overwriting a file is several times cheaper
//! than creating one on common file systems (1,000 new files ≈ 0.4 s here, overwritten ≈
//! 0.06 s), and on a large site creating files was most of the build's time.

use anyhow::{Context, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn name_of(out: &Path) -> String {
    out.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "dist".into())
}

/// `dist.<tag>-<pid>`: private to this process, so two builds never write the same folder.
fn sibling(out: &Path, tag: &str) -> PathBuf {
    out.with_file_name(format!("{}.{tag}-{}", name_of(out), std::process::id()))
}

/// `.dist.onceki`: the previous output, recycled as the next temporary folder.
pub fn spare(out: &Path) -> PathBuf {
    out.with_file_name(format!(".{}.onceki", name_of(out)))
}

/// Writes `files` (relative path → bytes) as the new content of `out`.
pub fn write_site(out: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: klasör oluşturulamadı", parent.display()))?;
    }
    let tmp = sibling(out, "tmp");
    let _ = std::fs::remove_dir_all(&tmp);
    // Taking the spare by renaming it is atomic: a concurrent build cannot take it too.
    if std::fs::rename(spare(out), &tmp).is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    if let Err(e) = fill(&tmp, files) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    let old = sibling(out, "old");
    let had_old = out.exists();
    if had_old {
        std::fs::rename(out, &old)
            .with_context(|| format!("{}: eski çıktı kenara alınamadı", out.display()))?;
    }
    if let Err(e) = std::fs::rename(&tmp, out) {
        if had_old {
            let _ = std::fs::rename(&old, out);
        }
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e).with_context(|| format!("{}: yeni çıktı yerine konamadı", out.display()));
    }
    if had_old && std::fs::rename(&old, spare(out)).is_err() {
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(())
}

/// Makes `dir` hold exactly `files`: writes (overwriting what a recycled folder holds) and
/// removes whatever else it held.
fn fill(dir: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: klasör oluşturulamadı", dir.display()))?;
    let wanted: BTreeSet<PathBuf> = files.keys().map(|rel| dir.join(rel)).collect();
    let (stale_files, mut stale_dirs) = listing(dir);
    for path in stale_files.iter().filter(|p| !wanted.contains(*p)) {
        std::fs::remove_file(path).with_context(|| format!("{}: silinemedi", path.display()))?;
    }
    // Deepest first; a folder that still holds wanted files stays (the error is expected).
    stale_dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in &stale_dirs {
        let _ = std::fs::remove_dir(d);
    }
    for (rel, bytes) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("{}: klasör oluşturulamadı", parent.display()))?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("{}: yazılamadı", path.display()))?;
    }
    Ok(())
}

/// Every file and folder under `dir` (hidden ones too), best effort.
fn listing(dir: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let (mut files, mut dirs) = (Vec::new(), Vec::new());
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                dirs.push(path.clone());
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    (files, dirs)
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

    fn contents(dir: &Path) -> BTreeMap<String, String> {
        listing(dir)
            .0
            .into_iter()
            .map(|p| {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                (rel, std::fs::read_to_string(&p).unwrap())
            })
            .collect()
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
    }
}
