//! The builder's file-system helpers: reading a source folder (content, templates, static
//! assets) without following links, relative paths with '/', and URL percent-decoding (the
//! link checker and the dev server resolve addresses the same way).

use super::error::at;
use anyhow::Result;
use std::path::{Path, PathBuf};

/// One file of a source folder.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the folder, with '/'.
    pub rel: String,
    /// Its bytes, read once from the file that was opened and checked (`None` where the
    /// caller did not want them read).
    pub bytes: Option<Vec<u8>>,
}

/// What to do with hidden names (starting with '.', or ending in '~').
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// Left out without a word (templates, listings of the output).
    Skip,
    /// Refused with a message, except the litter editors and systems leave behind (content: a
    /// hidden file there is either a mistake or meant for the web server, and neither is
    /// published).
    Refuse,
}

/// Editor and system litter, never read and never published: backups (`a.md~`), swap and
/// lock files, macOS folder data. Skipping these is not a safety decision: nothing skipped
/// is published.
fn is_litter(name: &str) -> bool {
    name.ends_with('~')
        || name == ".DS_Store"
        || name.starts_with("._")
        || name.starts_with(".#")
        || name.starts_with(".~lock.")
        || (name.starts_with('.') && [".swp", ".swo", ".swx"].iter().any(|s| name.ends_with(s)))
}

/// Every file under `dir`, sorted by path, with the bytes of those `want` asks for.
///
/// Each folder and file is opened beneath the folder above it without following symbolic
/// links (a link is refused, wherever it points: a link checked and then followed could be
/// swapped for one to a file outside the folder between the two), only folders and regular
/// files are accepted (a FIFO would block the build, a device is no content), and a file's
/// bytes are read from the very handle whose type was checked. `shown` names `dir` in
/// messages (`content/`).
pub fn read_tree(
    dir: &Path,
    shown: &str,
    hidden: Hidden,
    want: &dyn Fn(&str) -> bool,
) -> Result<Vec<SourceFile>> {
    let mut out = Vec::new();
    imp::read_tree(dir, shown, hidden, want, &mut out)?;
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(out)
}

/// Every file under `dir` (names only; hidden ones skipped), sorted, with the same checks as
/// `read_tree`.
pub fn walk(dir: &Path, shown: &str) -> Result<Vec<PathBuf>> {
    Ok(read_tree(dir, shown, Hidden::Skip, &|_| false)?
        .into_iter()
        .map(|f| dir.join(&f.rel))
        .collect())
}

/// The bytes of `dir/name` (a file directly inside `dir`), opened without following a link
/// and only if it is a regular file. `shown` names the file in messages.
pub fn read_file(dir: &Path, name: &str, shown: &str) -> Result<Vec<u8>> {
    imp::read_file(dir, name, shown)
}

/// Why an entry is refused, for `file:1: …` messages.
fn refused_kind(shown: &str, what: &str) -> anyhow::Error {
    at(
        shown,
        1,
        format!(
            "{what}; yalnızca düzenli dosyalar ve klasörler okunur: yerine dosyanın kendisini koyun"
        ),
    )
}

fn symlink_refused(shown: &str) -> anyhow::Error {
    at(
        shown,
        1,
        "sembolik bağlantı okunmaz (bağlantı izlenirse klasörün dışındaki bir dosya \
         yayımlanabilirdi): bağlantı yerine dosyanın ya da klasörün kendisini koyun",
    )
}

#[cfg(unix)]
mod unix;
#[cfg(unix)]
use unix as imp;

#[cfg(not(unix))]
mod portable;
#[cfg(not(unix))]
use portable as imp;

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
    fn symlinks_are_refused_wherever_they_point() {
        for (link, target) in [
            ("b.md", "a.md"),
            ("resim", "img"),
            ("passwd.txt", "../secret.txt"),
            ("img/disari", ".."),
            ("bozuk", "/nowhere/at/all"),
        ] {
            let dir = tree();
            let c = dir.path().join("content");
            symlink(target, c.join(link)).unwrap();
            let e = names(&c).unwrap_err().to_string();
            assert!(
                e.starts_with(&format!("content/{link}:1: sembolik bağlantı okunmaz")),
                "{e}"
            );
        }
        let dir = tree();
        assert_eq!(
            names(&dir.path().join("content")).unwrap(),
            ["a.md", "img/b.svg"]
        );
    }

    #[test]
    fn only_regular_files_are_read_and_a_fifo_does_not_block() {
        let dir = tree();
        let c = dir.path().join("content");
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            c.join("img/boru.png"),
            rustix::fs::Mode::from_raw_mode(0o644),
        )
        .unwrap();
        let e = read_tree(&c, "content/", Hidden::Refuse, &|_| true)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("content/img/boru.png:1: adlandırılmış boru (FIFO)"),
            "{e}"
        );
    }

    #[test]
    fn bytes_are_read_once_and_hidden_names_follow_the_mode() {
        let dir = tree();
        let c = dir.path().join("content");
        std::fs::write(c.join(".a.md.swp"), "x").unwrap();
        std::fs::write(c.join("a.md~"), "x").unwrap();
        let files = read_tree(&c, "content/", Hidden::Refuse, &|rel| rel.ends_with(".md")).unwrap();
        let got: Vec<(&str, Option<&[u8]>)> = files
            .iter()
            .map(|f| (f.rel.as_str(), f.bytes.as_deref()))
            .collect();
        assert_eq!(got, [("a.md", Some(&b"a"[..])), ("img/b.svg", None)]);
        std::fs::write(c.join("img/.htaccess"), "x").unwrap();
        let e = read_tree(&c, "content/", Hidden::Refuse, &|_| true)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("content/img/.htaccess:1: gizli dosya"), "{e}");
        assert_eq!(names(&c).unwrap(), ["a.md", "img/b.svg"], "walk skips them");
    }

    #[test]
    fn one_file_is_read_without_following_a_link() {
        let dir = tree();
        let c = dir.path().join("content");
        std::fs::write(c.join("site.toml"), "a = 1").unwrap();
        assert_eq!(
            read_file(&c, "site.toml", "content/site.toml").unwrap(),
            b"a = 1"
        );
        std::fs::remove_file(c.join("site.toml")).unwrap();
        symlink(dir.path().join("secret.txt"), c.join("site.toml")).unwrap();
        let e = read_file(&c, "site.toml", "content/site.toml")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("content/site.toml:1: sembolik bağlantı"),
            "{e}"
        );
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("img/a%20b.svg"), "img/a b.svg");
        assert_eq!(percent_decode("%C4%B0l%zz%"), "İl%zz%");
    }
}
