//! The whole site as one zip (`e-imza-el-kitabi.zip`), for a unit that hands the handbook out
//! rather than hosting it: the pages, assets and the one-file checker, without the server files.
//! Reproducible: names sorted, one fixed date and mode, so the same site gives the same bytes.
//!
//! Compressing is most of the zip's cost (level 9, several MB on a large site), so each file
//! is compressed on its own, in parallel, as the only entry of a small zip; the whole zip then
//! copies those entries in name order (the bytes are those of compressing one after the
//! other). Entries are kept for the next build of the same process (`serve`): an unchanged
//! file is not compressed again.

use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Write};
use std::sync::{Arc, Mutex};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// The zip's name in the output.
pub const NAME: &str = "e-imza-el-kitabi.zip";

fn options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9))
        // 1980-01-01, the format's earliest date: no build time inside.
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
}

/// One file compressed: its bytes (to know it again) and a zip holding only it.
struct Entry {
    bytes: Vec<u8>,
    zipped: Vec<u8>,
}

/// The previous build's entries by name in the zip (this process only).
static KEPT: Mutex<Option<HashMap<String, Arc<Entry>>>> = Mutex::new(None);

fn compress(path: &str, bytes: &[u8]) -> Result<Entry> {
    let mut one = ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len() / 3 + 256)));
    one.start_file(path, options())?;
    one.write_all(bytes)?;
    Ok(Entry {
        bytes: bytes.to_vec(),
        zipped: one.finish()?.into_inner(),
    })
}

/// A zip of `files` (sorted by the map) except `leave_out`, each under the folder `folder/`, so
/// unpacking gives one folder rather than files spread over the desktop.
pub fn zip(files: &BTreeMap<String, Vec<u8>>, leave_out: &[&str], folder: &str) -> Result<Vec<u8>> {
    let wanted: Vec<(String, &str, &[u8])> = files
        .iter()
        .filter(|(name, _)| !leave_out.contains(&name.as_str()))
        .map(|(name, bytes)| (format!("{folder}/{name}"), name.as_str(), bytes.as_slice()))
        .collect();
    let kept = KEPT
        .lock()
        .map(|mut k| k.take())
        .unwrap_or_default()
        .unwrap_or_default();
    let entries: Vec<Arc<Entry>> = wanted
        .par_iter()
        .map(|(path, name, bytes)| match kept.get(path) {
            Some(entry) if entry.bytes == *bytes => Ok(Arc::clone(entry)),
            _ => compress(path, bytes)
                .map(Arc::new)
                .with_context(|| format!("{NAME}: {name} could not be added")),
        })
        .collect::<Result<_>>()?;
    let size = entries.iter().map(|e| e.zipped.len()).sum::<usize>();
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(size)));
    for ((_, name, _), entry) in wanted.iter().zip(&entries) {
        ZipArchive::new(Cursor::new(entry.zipped.as_slice()))
            .and_then(|mut one| zip.raw_copy_file(one.by_index_raw(0)?))
            .with_context(|| format!("{NAME}: {name} could not be added"))?;
    }
    let bytes = zip.finish().context(NAME)?.into_inner();
    if let Ok(mut k) = KEPT.lock() {
        *k = Some(
            wanted
                .into_iter()
                .map(|(path, _, _)| path)
                .zip(entries)
                .collect(),
        );
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn files() -> BTreeMap<String, Vec<u8>> {
        [
            ("index.html", "<p>merhaba</p>"),
            ("a/b.css", "x{}"),
            (".htaccess", "s"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
        .collect()
    }

    /// The zip written file after file by one writer: what `zip` must equal byte for byte.
    fn one_after_another(files: &BTreeMap<String, Vec<u8>>, folder: &str) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in files {
            zip.start_file(format!("{folder}/{name}"), options())
                .unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn parallel_and_kept_entries_give_the_bytes_of_one_writer() {
        let mut site: BTreeMap<String, Vec<u8>> = (0..40)
            .map(|i| {
                let text = format!("<p>sayfa {i}</p>").repeat(50 + i * 37);
                (format!("s{i:02}.html"), text.into_bytes())
            })
            .collect();
        site.insert("bos.txt".into(), Vec::new());
        let want = one_after_another(&site, "k");
        assert_eq!(zip(&site, &[], "k").unwrap(), want, "first build");
        assert_eq!(zip(&site, &[], "k").unwrap(), want, "every entry kept");
        // One file changed, one gone, one new: kept entries must not stand in for them.
        site.insert("s07.html".into(), b"<p>yeni metin</p>".to_vec());
        site.remove("s08.html");
        site.insert("s99.html".into(), b"<p>eklendi</p>".to_vec());
        assert_eq!(zip(&site, &[], "k").unwrap(), one_after_another(&site, "k"));
        // Another folder name is another entry.
        assert_eq!(zip(&site, &[], "m").unwrap(), one_after_another(&site, "m"));
    }

    #[test]
    fn same_site_same_bytes_and_server_files_left_out() {
        let one = zip(&files(), &[".htaccess"], "el-kitabi").unwrap();
        let two = zip(&files(), &[".htaccess"], "el-kitabi").unwrap();
        assert_eq!(one, two, "the zip must be reproducible");
        let mut archive = ZipArchive::new(Cursor::new(one)).unwrap();
        let names: Vec<String> = archive.file_names().map(String::from).collect();
        assert_eq!(names.len(), 2, "{names:?}");
        let mut text = String::new();
        archive
            .by_name("el-kitabi/index.html")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "<p>merhaba</p>");
        assert!(archive.by_name("el-kitabi/a/b.css").is_ok());
    }
}
