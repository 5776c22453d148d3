//! The whole site as one zip (`e-imza-el-kitabi.zip`), for a unit that hands the handbook out
//! rather than hosting it: the pages, assets and the one-file checker, without the server files.
//! Reproducible: names sorted, one fixed date and mode, so the same site gives the same bytes.

use super::owners::Outputs;
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The zip's name in the output.
pub const NAME: &str = "e-imza-el-kitabi.zip";

/// The zip stage: every file so far but `server_files` (a zip is opened from disk, not
/// served), added to `files`.
pub fn put(files: &mut Outputs, server_files: &[&str]) -> Result<()> {
    let zip = zip(files.files(), server_files, "e-imza-el-kitabi")?;
    files.put(NAME, zip)
}

/// A zip of `files` (sorted by the map) except `leave_out`, each under the folder `folder/`, so
/// unpacking gives one folder rather than files spread over the desktop.
pub fn zip(files: &BTreeMap<String, Vec<u8>>, leave_out: &[&str], folder: &str) -> Result<Vec<u8>> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9))
        // 1980-01-01, the format's earliest date: no build time inside.
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in files {
        if leave_out.contains(&name.as_str()) {
            continue;
        }
        zip.start_file(format!("{folder}/{name}"), options)
            .and_then(|()| Ok(zip.write_all(bytes)?))
            .with_context(|| format!("{NAME}: {name} zip dosyasına eklenemedi"))?;
    }
    Ok(zip.finish().context(NAME)?.into_inner())
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

    #[test]
    fn same_site_same_bytes_and_server_files_left_out() {
        let one = zip(&files(), &[".htaccess"], "el-kitabi").unwrap();
        let two = zip(&files(), &[".htaccess"], "el-kitabi").unwrap();
        assert_eq!(one, two, "the zip must be reproducible");
        let mut archive = zip::ZipArchive::new(Cursor::new(one)).unwrap();
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
