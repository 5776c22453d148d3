//! Writing the output on Unix: everything beneath the parent folder's handle, never through a
//! link, and the swap with one renameat2(RENAME_EXCHANGE) (rustix).

use super::{marker_text, name_of, pause_for_kill_test, MARKER};
use anyhow::{Context, Result};
use rustix::fd::OwnedFd;
use rustix::fs::{
    fstat, mkdirat, openat, renameat, statat, unlinkat, AtFlags, Dir, FileType, Mode, OFlags, CWD,
};
use rustix::io::Errno;
use std::collections::BTreeMap;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

const DIR_FLAGS: OFlags = OFlags::RDONLY
    .union(OFlags::DIRECTORY)
    .union(OFlags::NOFOLLOW)
    .union(OFlags::CLOEXEC);

fn kind_at(dir: &OwnedFd, name: &str) -> rustix::io::Result<FileType> {
    statat(dir, name, AtFlags::SYMLINK_NOFOLLOW).map(|st| FileType::from_raw_mode(st.st_mode as _))
}

/// The output's parent folder, opened once: every later step works beneath this handle.
/// A parent that is itself a link is followed here, once (a web root under a linked
/// /var/www is common, and the build only ever names `dist`, `dist.tmp-…` and
/// `.dist.onceki` inside it).
fn open_parent(out: &Path) -> Result<OwnedFd> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    openat(
        CWD,
        parent,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .with_context(|| format!("{}: klasör açılamadı", parent.display()))
}

/// Who owns the folder `name` beneath `parent`.
#[derive(Debug, PartialEq, Eq)]
enum Owner {
    Absent,
    Empty,
    Ours,
    /// Refused, with the reason.
    Other(String),
}

fn owner(parent: &OwnedFd, name: &str, marker: &str) -> Owner {
    match kind_at(parent, name) {
        Err(Errno::NOENT) => return Owner::Absent,
        Err(e) => return Owner::Other(format!("okunamadı: {e}")),
        Ok(FileType::Symlink) => {
            return Owner::Other(
                "çıktı klasörü sembolik bağlantı; yapım bağlantının gösterdiği klasöre \
                 yazmaz (oradaki dosyaları silerdi): --out ile gerçek klasörün yolunu verin"
                    .into(),
            )
        }
        Ok(FileType::Directory) => {}
        Ok(_) => return Owner::Other("bir klasör değil".into()),
    }
    let Ok(dir) = openat(parent, name, DIR_FLAGS, Mode::empty()) else {
        return Owner::Other("klasör açılamadı".into());
    };
    if let Some(text) = read_marker(&dir) {
        return if text == marker {
            Owner::Ours
        } else {
            Owner::Other(format!(
                "klasördeki {MARKER} işareti başka bir yerdeki çıktıya ait: bu klasör bir \
                 çıktının kopyası, yapım onu silmez; boş bir klasör verin ya da bu klasörü \
                 elle silin"
            ))
        };
    }
    let empty = Dir::read_from(&dir).is_ok_and(|entries| {
        entries.flatten().all(|e| {
            let n = e.file_name().to_bytes();
            n == b"." || n == b".."
        })
    });
    if empty {
        Owner::Empty
    } else {
        Owner::Other(format!(
            "klasör boş değil ve bir önceki yapımın işaretini ({MARKER}) taşımıyor; yapım \
             içindeki dosyaları silerdi: boş ya da henüz olmayan bir klasör verin (eski bir \
             çıktıysa önce silin)"
        ))
    }
}

/// The marker's text, if `dir` holds one as a regular file (not followed, never blocking).
fn read_marker(dir: &OwnedFd) -> Option<String> {
    let fd = openat(
        dir,
        MARKER,
        OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .ok()?;
    let st = fstat(&fd).ok()?;
    if FileType::from_raw_mode(st.st_mode as _) != FileType::RegularFile {
        return None;
    }
    let mut text = String::new();
    std::fs::File::from(fd)
        .take(4096)
        .read_to_string(&mut text)
        .ok()?;
    Some(text)
}

pub fn check_owned(out: &Path, identity: &Path) -> Result<()> {
    if out
        .parent()
        .is_some_and(|p| !p.as_os_str().is_empty() && !p.exists())
    {
        return Ok(()); // nothing there yet
    }
    let parent = open_parent(out)?;
    match owner(&parent, &name_of(out), &marker_text(identity)) {
        Owner::Other(why) => anyhow::bail!("{}: {why}", out.display()),
        _ => Ok(()),
    }
}

pub fn write_site(out: &Path, identity: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
    let shown = out.display();
    let parent = open_parent(out)?;
    let name = name_of(out);
    let marker = marker_text(identity);
    let out_owner = owner(&parent, &name, &marker);
    if let Owner::Other(why) = &out_owner {
        anyhow::bail!("{shown}: {why}");
    }
    let tmp = format!("{name}.tmp-{}", std::process::id());
    let spare = format!(".{name}.onceki");
    remove_tree(&parent, &tmp)?;
    // Taking the spare by renaming it is atomic: a concurrent build cannot take it too.
    // Only a spare this build left (or an empty folder) is reused.
    if matches!(owner(&parent, &spare, &marker), Owner::Ours | Owner::Empty)
        && renameat(&parent, spare.as_str(), &parent, tmp.as_str()).is_ok()
    {
    } else {
        mkdirat(&parent, tmp.as_str(), Mode::from_raw_mode(0o777))
            .with_context(|| format!("{tmp}: klasör oluşturulamadı"))?;
    }
    let filled = openat(&parent, tmp.as_str(), DIR_FLAGS, Mode::empty())
        .map_err(anyhow::Error::from)
        .and_then(|dir| fill(&dir, files, marker.as_bytes()))
        .with_context(|| format!("{shown}: yeni çıktı yazılamadı"));
    if let Err(e) = filled {
        let _ = remove_tree(&parent, &tmp);
        return Err(e);
    }
    if out_owner != Owner::Absent {
        pause_for_kill_test();
        // Checked again just before the swap: the folder may have changed during the build.
        if let Owner::Other(why) = owner(&parent, &name, &marker) {
            let _ = remove_tree(&parent, &tmp);
            anyhow::bail!("{shown}: {why}");
        }
        match exchange(&parent, &tmp, &name) {
            Ok(true) => {
                // `tmp` now holds the previous output: keep it as the next build's spare.
                if renameat(&parent, tmp.as_str(), &parent, spare.as_str()).is_err() {
                    let _ = remove_tree(&parent, &tmp);
                }
                return Ok(());
            }
            Ok(false) => {}
            Err(e) => {
                let _ = remove_tree(&parent, &tmp);
                return Err(e).with_context(|| format!("{shown}: yeni çıktı yerine konamadı"));
            }
        }
    }
    // Without an atomic exchange (other systems, some file systems) two renames: for a
    // moment between them the output folder is missing.
    let old = format!("{name}.old-{}", std::process::id());
    let had_old = kind_at(&parent, &name).is_ok();
    if had_old {
        renameat(&parent, name.as_str(), &parent, old.as_str())
            .with_context(|| format!("{shown}: eski çıktı kenara alınamadı"))?;
        pause_for_kill_test();
    }
    if let Err(e) = renameat(&parent, tmp.as_str(), &parent, name.as_str()) {
        if had_old {
            let _ = renameat(&parent, old.as_str(), &parent, name.as_str());
        }
        let _ = remove_tree(&parent, &tmp);
        return Err(e).with_context(|| format!("{shown}: yeni çıktı yerine konamadı"));
    }
    if had_old && renameat(&parent, old.as_str(), &parent, spare.as_str()).is_err() {
        let _ = remove_tree(&parent, &old);
    }
    Ok(())
}

/// Swaps two entries of `parent` in one step (Linux `renameat2(RENAME_EXCHANGE)`): there
/// is never a moment without an output folder. Ok(false) where the system or file system
/// cannot.
#[cfg(target_os = "linux")]
fn exchange(parent: &OwnedFd, a: &str, b: &str) -> std::io::Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags};
    match renameat_with(parent, a, parent, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &OwnedFd, _: &str, _: &str) -> std::io::Result<bool> {
    Ok(false)
}

/// The output as a tree of folders: name → file bytes or sub-folder.
enum Node<'a> {
    File(&'a [u8]),
    Dir(BTreeMap<&'a str, Node<'a>>),
}

/// Makes the folder `dir` hold exactly `files` and the marker: removes whatever else it
/// holds (and anything of the wrong kind: a link, a FIFO, a folder where a file goes),
/// then writes every file (overwriting what a recycled folder holds).
fn fill(dir: &OwnedFd, files: &BTreeMap<String, Vec<u8>>, marker: &[u8]) -> Result<()> {
    let mut root: BTreeMap<&str, Node> = BTreeMap::new();
    root.insert(MARKER, Node::File(marker));
    for (rel, bytes) in files {
        let mut here = &mut root;
        let mut parts = rel.split('/').peekable();
        while let Some(part) = parts.next() {
            if parts.peek().is_none() {
                if here.insert(part, Node::File(bytes)).is_some() {
                    anyhow::bail!("{rel}: aynı yolda hem dosya hem klasör");
                }
                break;
            }
            let node = here
                .entry(part)
                .or_insert_with(|| Node::Dir(BTreeMap::new()));
            here = match node {
                Node::Dir(sub) => sub,
                Node::File(_) => anyhow::bail!("{rel}: aynı yolda hem dosya hem klasör"),
            };
        }
    }
    sync(dir, &root, "")
}

fn sync(dir: &OwnedFd, wanted: &BTreeMap<&str, Node>, prefix: &str) -> Result<()> {
    let mut present = Vec::new();
    for entry in Dir::read_from(dir).with_context(|| format!("{prefix}: okunamadı"))? {
        let entry = entry?;
        let name = entry.file_name().to_bytes();
        if name != b"." && name != b".." {
            present.push(String::from_utf8_lossy(name).into_owned());
        }
    }
    for name in present {
        let keep = matches!(
            (wanted.get(name.as_str()), kind_at(dir, &name)),
            (Some(Node::File(_)), Ok(FileType::RegularFile))
                | (Some(Node::Dir(_)), Ok(FileType::Directory))
                | (_, Err(Errno::NOENT))
        );
        if !keep {
            remove_tree(dir, &name).with_context(|| format!("{prefix}{name}: silinemedi"))?;
        }
    }
    for (name, node) in wanted {
        let shown = format!("{prefix}{name}");
        match node {
            Node::File(bytes) => {
                write_file(dir, name, bytes).with_context(|| format!("{shown}: yazılamadı"))?
            }
            Node::Dir(sub) => {
                match mkdirat(dir, *name, Mode::from_raw_mode(0o777)) {
                    Ok(()) | Err(Errno::EXIST) => {}
                    Err(e) => {
                        return Err(e).with_context(|| format!("{shown}: klasör oluşturulamadı"))
                    }
                }
                let sub_fd = match openat(dir, *name, DIR_FLAGS, Mode::empty()) {
                    Ok(fd) => fd,
                    Err(_) => {
                        // Something else took the name since the sweep: replace it.
                        remove_tree(dir, name)?;
                        mkdirat(dir, *name, Mode::from_raw_mode(0o777))?;
                        openat(dir, *name, DIR_FLAGS, Mode::empty())?
                    }
                };
                sync(&sub_fd, sub, &format!("{shown}/"))?;
            }
        }
    }
    Ok(())
}

/// Writes `bytes` as the file `name` beneath `dir`. An existing regular file with no other
/// hard link is reused: left as it is when it already holds `bytes` (a recycled folder holds
/// the output of two builds ago, mostly the same files: rewriting them would only dirty the
/// page cache), else overwritten in place (cheap). Anything else there (a link, a FIFO, a file
/// also linked from elsewhere) is removed and a new file created.
fn write_file(dir: &OwnedFd, name: &str, bytes: &[u8]) -> Result<()> {
    let reuse = openat(
        dir,
        name,
        OFlags::RDWR | OFlags::CREATE | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC,
        Mode::from_raw_mode(0o666),
    )
    .ok()
    .and_then(|fd| {
        let st = fstat(&fd).ok()?;
        let usable =
            FileType::from_raw_mode(st.st_mode as _) == FileType::RegularFile && st.st_nlink == 1;
        usable.then_some((fd, st.st_size as u64))
    });
    let (fd, old_len) = match reuse {
        Some(found) => found,
        None => {
            remove_tree(dir, name)?;
            let fd = openat(
                dir,
                name,
                OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::from_raw_mode(0o666),
            )?;
            (fd, 0)
        }
    };
    let mut file = std::fs::File::from(fd);
    let len = bytes.len() as u64;
    if old_len == len && len > 0 {
        if holds(&mut file, bytes) {
            return Ok(());
        }
        file.seek(SeekFrom::Start(0))?;
    }
    file.write_all(bytes)?;
    if old_len > len {
        file.set_len(len)?;
    }
    Ok(())
}

/// Whether `file`, read from where it stands, holds exactly `bytes` (its size is known to
/// match).
fn holds(file: &mut std::fs::File, bytes: &[u8]) -> bool {
    let mut buf = [0u8; 16 * 1024];
    let mut at = 0;
    while at < bytes.len() {
        let want = buf.len().min(bytes.len() - at);
        match file.read(&mut buf[..want]) {
            Ok(n) if n > 0 && buf[..n] == bytes[at..at + n] => at += n,
            _ => return false,
        }
    }
    true
}

/// Removes the entry `name` beneath `dir`: a link or file itself, a folder with
/// everything in it; never follows a link. Absent is fine.
pub(super) fn remove_tree(dir: &OwnedFd, name: &str) -> Result<()> {
    match kind_at(dir, name) {
        Err(Errno::NOENT) => Ok(()),
        Err(e) => Err(e.into()),
        Ok(FileType::Directory) => {
            let sub = openat(dir, name, DIR_FLAGS, Mode::empty())?;
            let mut names = Vec::new();
            for entry in Dir::read_from(&sub)? {
                let entry = entry?;
                let n = entry.file_name().to_bytes();
                if n != b"." && n != b".." {
                    names.push(String::from_utf8_lossy(n).into_owned());
                }
            }
            for n in names {
                remove_tree(&sub, &n)?;
            }
            unlinkat(dir, name, AtFlags::REMOVEDIR)?;
            Ok(())
        }
        Ok(_) => {
            unlinkat(dir, name, AtFlags::empty())?;
            Ok(())
        }
    }
}
