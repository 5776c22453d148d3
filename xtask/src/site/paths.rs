//! The builder's file-system helpers: walking a source folder (content, templates, static
//! assets) safely, relative paths with '/', and URL percent-decoding (the link checker and
//! the dev server resolve addresses the same way).

use super::error::at;
use anyhow::{Context, Result};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Every file under `dir`, sorted by path (stable output order). Hidden and editor backup
/// files are skipped. Symbolic links are followed only while they stay inside `dir` (content
/// comes from pull requests and shared folders: a link must not publish the machine's files),
/// and a folder is walked once, so links cannot make the walk loop. `shown` names `dir` in
/// messages (`content/`).
pub fn walk(dir: &Path, shown: &str) -> Result<Vec<PathBuf>> {
    let root = std::fs::canonicalize(dir)
        .with_context(|| format!("{}: klasör okunamadı", dir.display()))?;
    let mut out = Vec::new();
    let mut seen: BTreeSet<PathBuf> = BTreeSet::from([root.clone()]);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries =
            std::fs::read_dir(&d).with_context(|| format!("{}: klasör okunamadı", d.display()))?;
        for entry in entries {
            let entry = entry?;
            let path = entry.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with('.') || name.ends_with('~') {
                continue; // editor swap files, .DS_Store, …
            }
            let kind = entry.file_type()?;
            let is_dir = if kind.is_symlink() {
                let shown_link = format!("{shown}{}", rel_path(dir, &path));
                let target = std::fs::canonicalize(&path).map_err(|_| {
                    at(
                        &shown_link,
                        1,
                        "symbolic link to something that does not exist",
                    )
                })?;
                if !target.starts_with(&root) {
                    return Err(at(
                        &shown_link,
                        1,
                        format!(
                            "symbolic link to {} leaves the {shown} folder; copy the file in \
                             instead (links are followed only inside the folder)",
                            target.display()
                        ),
                    ));
                }
                if target.is_dir() && !seen.insert(target.clone()) {
                    return Err(at(
                        &shown_link,
                        1,
                        format!(
                            "symbolic link to a folder that is already part of the site ({}); \
                             remove the link",
                            rel_path(&root, &target)
                        ),
                    ));
                }
                target.is_dir()
            } else {
                kind.is_dir()
            };
            if is_dir {
                if !kind.is_symlink() {
                    if let Ok(real) = std::fs::canonicalize(&path) {
                        seen.insert(real);
                    }
                }
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

/// Characters a path segment keeps as they are: RFC 3986's unreserved ones. Everything else
/// (spaces, `#`, `?`, `%`, quotes, non-ASCII as UTF-8) is percent-encoded.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The URL path of an output file (`img/a b#c.png` → `img/a%20b%23c.png`): each segment
/// percent-encoded, so `percent_decode` gives the name back. Used wherever the build writes a
/// file's address into another file (sitemap.xml, sw.js).
pub fn percent_encode_path(rel: &str) -> String {
    rel.split('/')
        .map(|seg| percent_encoding::utf8_percent_encode(seg, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// Decodes `%xx` escapes in a URL path.
pub fn percent_decode(s: &str) -> String {
    fn hex(b: u8) -> Option<u8> {
        (b as char).to_digit(16).map(|d| d as u8)
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("content");
        std::fs::create_dir_all(c.join("img")).unwrap();
        std::fs::write(c.join("a.md"), "a").unwrap();
        std::fs::write(c.join("img/b.svg"), "b").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "s").unwrap();
        dir
    }

    fn names(dir: &Path) -> Result<Vec<String>> {
        Ok(walk(dir, "content/")?
            .iter()
            .map(|p| rel_path(dir, p))
            .collect())
    }

    #[test]
    fn links_inside_are_followed_once() {
        let dir = tree();
        let c = dir.path().join("content");
        symlink(c.join("a.md"), c.join("b.md")).unwrap();
        symlink(c.join("img"), c.join("resim")).unwrap();
        assert_eq!(
            names(&c).unwrap(),
            ["a.md", "b.md", "img/b.svg", "resim/b.svg"]
        );
    }

    #[test]
    fn links_leaving_the_folder_are_refused() {
        let dir = tree();
        let c = dir.path().join("content");
        symlink(dir.path().join("secret.txt"), c.join("passwd.txt")).unwrap();
        let e = names(&c).unwrap_err().to_string();
        assert!(
            e.starts_with("content/passwd.txt:1: symbolic link to "),
            "{e}"
        );
        assert!(e.contains("leaves the content/ folder"), "{e}");
        std::fs::remove_file(c.join("passwd.txt")).unwrap();
        symlink(dir.path(), c.join("img/disari")).unwrap();
        let e = names(&c).unwrap_err().to_string();
        assert!(e.starts_with("content/img/disari:1: symbolic link"), "{e}");
        std::fs::remove_file(c.join("img/disari")).unwrap();
        symlink("/nowhere/at/all", c.join("bozuk")).unwrap();
        assert!(names(&c)
            .unwrap_err()
            .to_string()
            .contains("does not exist"));
    }

    #[test]
    fn links_cannot_loop() {
        let dir = tree();
        let c = dir.path().join("content");
        symlink(".", c.join("img/x")).unwrap();
        symlink(".", c.join("img/y")).unwrap();
        let e = names(&c).unwrap_err().to_string();
        assert!(e.contains("already part of the site (img)"), "{e}");
        std::fs::remove_file(c.join("img/x")).unwrap();
        std::fs::remove_file(c.join("img/y")).unwrap();
        symlink("..", c.join("img/ust")).unwrap();
        assert!(names(&c)
            .unwrap_err()
            .to_string()
            .contains("already part of the site"));
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("img/a%20b.svg"), "img/a b.svg");
        assert_eq!(percent_decode("%C4%B0l%zz%"), "İl%zz%");
    }
}
