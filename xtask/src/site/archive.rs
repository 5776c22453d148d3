//! The whole site as one zip (`e-imza-el-kitabi.zip`), for a unit that hands the handbook out
//! rather than hosting it: the pages, assets and the one-file checker, without the server files.
//! Reproducible: names sorted, one fixed date and mode, so the same site gives the same bytes.
//!
//! Compressing is most of the zip's cost (several MB on a large site), so each file is
//! compressed on its own, in parallel and the largest first (the search index is a quarter of
//! a large site and was the last to finish), as the only entry of a small zip; the whole zip then
//! copies those entries in name order (the bytes are those of compressing one after the
//! other). Entries are kept for the next build of the same process (`serve`): an unchanged
//! file is not compressed again. A new process takes them from the previous output's zip
//! (`recall`), when that zip says it was made the same way (its comment) and one of its
//! entries, compressed again, gives the same bytes: so the zip never depends on which
//! compressor wrote the one before.

use super::owners::Outputs;
use anyhow::{Context, Result};
use flate2::{Decompress, FlushDecompress, Status};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// The zip's name in the output.
pub const NAME: &str = "e-imza-el-kitabi.zip";

/// The zip's comment: how its entries were compressed. Change it with the compression
/// method, the level or the deflate library (Cargo.toml's flate2 features), so `recall` does
/// not take entries compressed another way.
const MADE_BY: &str = "e-imza el kitabi; deflate 3, zlib-rs";

/// Level 3: on the 1,000-page bench corpus it compresses in 60 % of level 6's time for a
/// result 2 % bigger (the handbook's zip: 320 KB against 306 KB), and the whole build took
/// 0.28 s instead of 0.36 s (0.41 s CPU instead of 0.55 s). Level 1 (zlib-rs's quick
/// strategy) made the handbook's zip 44 % bigger; level 9 was under 1 % smaller than 6.
fn options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(3))
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

/// The zip stage of a build that writes its zip: the name now (so links to it resolve), the
/// zip itself made on another thread from the files so far, while the later stages (the
/// offline worker, server settings, the link check) run; `Pending::finish` puts it in before
/// writing. Entries of the zip already in `out_dir` are reused (`recall`).
pub fn start(
    files: &mut Outputs,
    server_files: &'static [&'static str],
    out_dir: &Path,
) -> Result<Pending> {
    let snapshot = files.files().clone();
    stand_in(files)?;
    let out_dir = out_dir.to_path_buf();
    Ok(Pending(std::thread::spawn(move || {
        recall(&out_dir);
        zip(&snapshot, server_files, "e-imza-el-kitabi")
    })))
}

/// A zip being made (`start`).
pub struct Pending(std::thread::JoinHandle<Result<Vec<u8>>>);

impl Pending {
    /// Waits for the zip and puts it in `files` in place of its stand-in.
    pub fn finish(self, files: &mut Outputs) -> Result<()> {
        let zip = self
            .0
            .join()
            .map_err(|_| anyhow::anyhow!("{NAME}: zip yapılırken iş parçacığı çöktü"))??;
        files.put(NAME, zip)
    }
}

/// `serve`'s zip stage: the name alone, so that links to the zip resolve; `serve` makes the zip
/// from the output when a browser asks for it (`of_output`), not on every rebuild. The name is
/// taken out again before writing (`Outputs::take`).
pub fn stand_in(files: &mut Outputs) -> Result<()> {
    files.put(NAME, Vec::new())
}

/// The zip the zip stage makes, from the output folder `out` written without it.
pub fn of_output(out: &Path, server_files: &[&str]) -> Result<Vec<u8>> {
    let mut files = BTreeMap::new();
    // walk() leaves out dot files: the output's marker and `.htaccess`, which the zip leaves out.
    for path in super::paths::walk(out, "dist/")? {
        let rel = super::paths::rel_path(out, &path);
        if rel != NAME {
            let bytes = std::fs::read(&path).with_context(|| format!("{rel} okunamadı"))?;
            files.insert(rel, bytes);
        }
    }
    zip(&files, server_files, "e-imza-el-kitabi")
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
    // Largest first, so the biggest file is not the one left running alone at the end.
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(wanted[i].2.len()));
    let done: Vec<(usize, Arc<Entry>)> = order
        .par_iter()
        .map(|&i| {
            let (path, name, bytes) = &wanted[i];
            match kept.get(path) {
                Some(entry) if entry.bytes == *bytes => Ok((i, Arc::clone(entry))),
                _ => compress(path, bytes)
                    .map(|e| (i, Arc::new(e)))
                    .with_context(|| format!("{NAME}: {name} zip dosyasına eklenemedi")),
            }
        })
        .collect::<Result<_>>()?;
    let mut slots: Vec<Option<Arc<Entry>>> = vec![None; wanted.len()];
    for (i, entry) in done {
        slots[i] = Some(entry);
    }
    let entries: Vec<Arc<Entry>> = slots.into_iter().flatten().collect();
    let size = entries.iter().map(|e| e.zipped.len()).sum::<usize>();
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(size)));
    for ((_, name, _), entry) in wanted.iter().zip(&entries) {
        ZipArchive::new(Cursor::new(entry.zipped.as_slice()))
            .and_then(|mut one| zip.raw_copy_file(one.by_index_raw(0)?))
            .with_context(|| format!("{NAME}: {name} zip dosyasına eklenemedi"))?;
    }
    zip.set_comment(MADE_BY);
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

/// Before the first build of a process: keeps the entries of the zip in the output folder
/// `out` (or, when it is absent, in the recycled previous output beside it), so files that
/// did not change are not compressed again. Anything unreadable or made another way is
/// ignored: the zip is then compressed whole, as on a first build.
pub fn recall(out: &Path) {
    let Ok(mut kept) = KEPT.lock() else { return };
    if kept.is_some() {
        return;
    }
    let found = [out.join(NAME), super::output::spare(out).join(NAME)]
        .into_iter()
        .find(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file()));
    let entries = found
        .and_then(|p| std::fs::read(p).ok())
        .and_then(|bytes| entries_of(&bytes).ok())
        .filter(made_alike);
    *kept = entries;
}

/// Each entry of a zip written by `zip`, as the one-entry zip and bytes `compress` gives.
/// Entries are inflated in parallel, each straight into a buffer of its size with one
/// inflater per thread: reading the previous zip was the slowest single-threaded part of a
/// rebuild. The CRC is not checked here: the bytes only stand for a file they equal.
fn entries_of(bytes: &[u8]) -> Result<HashMap<String, Arc<Entry>>> {
    let all = ZipArchive::new(Cursor::new(bytes))?;
    if all.comment() != MADE_BY.as_bytes() {
        anyhow::bail!("bu zip başka bir yolla yazılmış");
    }
    (0..all.len())
        .into_par_iter()
        .map_init(
            || (all.clone(), Decompress::new(false)),
            |(all, inflater), i| {
                let (name, plain) = {
                    let mut raw = all.by_index_raw(i)?;
                    let size = usize::try_from(raw.size())?;
                    let mut packed = Vec::with_capacity(usize::try_from(raw.compressed_size())?);
                    raw.read_to_end(&mut packed)?;
                    let plain = match raw.compression() {
                        CompressionMethod::Stored => packed,
                        CompressionMethod::Deflated => {
                            inflater.reset(false);
                            // One byte more than the size: a longer stream does not fit.
                            let mut plain = Vec::with_capacity(size + 1);
                            let status = inflater.decompress_vec(
                                &packed,
                                &mut plain,
                                FlushDecompress::Finish,
                            )?;
                            anyhow::ensure!(
                                status == Status::StreamEnd,
                                "zip girdisi yarım kalmış"
                            );
                            plain
                        }
                        other => anyhow::bail!(
                            "zip girdisinin sıkıştırma yöntemi beklenmedik: {other:?}"
                        ),
                    };
                    anyhow::ensure!(
                        plain.len() == size,
                        "zip girdisinin boyu kayıttakinden farklı"
                    );
                    (raw.name().to_string(), plain)
                };
                let mut one = ZipWriter::new(Cursor::new(Vec::new()));
                one.raw_copy_file(all.by_index_raw(i)?)?;
                let zipped = one.finish()?.into_inner();
                Ok((
                    name,
                    Arc::new(Entry {
                        bytes: plain,
                        zipped,
                    }),
                ))
            },
        )
        .collect()
}

/// Whether a recalled entry, compressed again now, gives its bytes: a changed deflate library
/// that the comment did not tell about is caught here. The largest entry of at most 64 KB
/// (a page, most likely), so the check costs milliseconds even beside a huge search index.
fn made_alike(entries: &HashMap<String, Arc<Entry>>) -> bool {
    let small = entries
        .iter()
        .filter(|(_, e)| e.bytes.len() <= 64 * 1024)
        .max_by_key(|(n, e)| (e.bytes.len(), *n));
    let Some((name, entry)) =
        small.or_else(|| entries.iter().min_by_key(|(n, e)| (e.bytes.len(), *n)))
    else {
        return true;
    };
    compress(name, &entry.bytes).is_ok_and(|again| again.zipped == entry.zipped)
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
        zip.set_comment(MADE_BY);
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn a_new_process_takes_entries_from_the_previous_zip_only_when_made_alike() {
        let site: BTreeMap<String, Vec<u8>> = (0..12)
            .map(|i| {
                (
                    format!("s{i}.html"),
                    format!("<p>{i}</p>").repeat(90 + i).into_bytes(),
                )
            })
            .collect();
        let want = one_after_another(&site, "k");
        let entries = entries_of(&want).unwrap();
        assert_eq!(entries.len(), 12);
        assert!(made_alike(&entries));
        // Recalled entries stand for the compressed files: the same bytes as compressing.
        for (path, entry) in &entries {
            assert_eq!(
                entry.zipped,
                compress(path, &entry.bytes).unwrap().zipped,
                "{path}"
            );
        }
        // A zip without the comment, or whose entries were compressed at another level, is
        // not taken.
        let mut other = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in &site {
            other
                .start_file(format!("k/{name}"), options().compression_level(Some(1)))
                .unwrap();
            other.write_all(bytes).unwrap();
        }
        other.set_comment(MADE_BY);
        let other = other.finish().unwrap().into_inner();
        assert!(!made_alike(&entries_of(&other).unwrap()));
        let mut plain = ZipWriter::new(Cursor::new(Vec::new()));
        plain.start_file("k/a.html", options()).unwrap();
        let plain = plain.finish().unwrap().into_inner();
        assert!(entries_of(&plain).is_err());
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
