//! Reading a source folder on Unix: every folder and file opened beneath its parent's handle
//! with `O_NOFOLLOW`, types checked on the opened handle (rustix).

use super::at;
use super::{is_litter, refused_kind, symlink_refused, Hidden, SourceFile};
use anyhow::{Context, Result};
use rustix::fd::OwnedFd;
use rustix::fs::{fstat, openat, statat, AtFlags, Dir, FileType, Mode, OFlags, CWD};
use rustix::io::Errno;
use std::io::Read;
use std::path::Path;

/// Deeper than this is a mistake (or a bind-mount loop), not a site.
const MAX_DEPTH: usize = 64;

fn kind(stat: &rustix::fs::Stat) -> FileType {
    FileType::from_raw_mode(stat.st_mode as _)
}

/// Opens a folder given by the operator (`--content`, `--templates`): following a link
/// here is their choice; below it nothing is followed.
fn open_root(dir: &Path) -> std::io::Result<OwnedFd> {
    Ok(openat(
        CWD,
        dir,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )?)
}

/// Opens `name` beneath `parent` as a folder, not following a link.
fn open_dir(parent: &OwnedFd, name: &str, shown: &str) -> Result<OwnedFd> {
    let fd = openat(
        parent,
        name,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| opened_error(e, shown))?;
    Ok(fd)
}

/// Reads `name` beneath `parent`: opened without following a link and without blocking
/// (a FIFO put there after the listing), then its type checked on the handle itself.
fn read_regular(parent: &OwnedFd, name: &str, shown: &str) -> Result<Vec<u8>> {
    let fd = openat(
        parent,
        name,
        OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| opened_error(e, shown))?;
    let stat = fstat(&fd).with_context(|| format!("{shown}: okunamadı"))?;
    if kind(&stat) != FileType::RegularFile {
        return Err(refused_kind(shown, "düzenli bir dosya değil"));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(stat.st_size).unwrap_or(0));
    std::fs::File::from(fd)
        .read_to_end(&mut bytes)
        .with_context(|| format!("{shown}: okunamadı"))?;
    Ok(bytes)
}

fn opened_error(e: Errno, shown: &str) -> anyhow::Error {
    if e == Errno::LOOP || e == Errno::MLINK {
        symlink_refused(shown)
    } else if e == Errno::NOTDIR {
        refused_kind(shown, "klasör değil")
    } else {
        anyhow::Error::new(std::io::Error::from(e)).context(format!("{shown}: okunamadı"))
    }
}

pub fn read_tree(
    dir: &Path,
    shown: &str,
    hidden: Hidden,
    want: &dyn Fn(&str) -> bool,
    out: &mut Vec<SourceFile>,
) -> Result<()> {
    let root = open_root(dir).with_context(|| format!("{}: klasör okunamadı", dir.display()))?;
    read_dir(&root, "", shown, hidden, want, out, 0)
}

fn read_dir(
    fd: &OwnedFd,
    prefix: &str,
    shown: &str,
    hidden: Hidden,
    want: &dyn Fn(&str) -> bool,
    out: &mut Vec<SourceFile>,
    depth: usize,
) -> Result<()> {
    let here = format!("{shown}{prefix}");
    if depth > MAX_DEPTH {
        return Err(at(
            here.trim_end_matches('/'),
            1,
            format!("klasörler {MAX_DEPTH} kattan derin"),
        ));
    }
    let mut names = Vec::new();
    for entry in Dir::read_from(fd).with_context(|| format!("{here}: klasör okunamadı"))? {
        let entry = entry.with_context(|| format!("{here}: klasör okunamadı"))?;
        let raw = entry.file_name().to_bytes();
        if raw == b"." || raw == b".." {
            continue;
        }
        let Ok(name) = std::str::from_utf8(raw) else {
            return Err(at(
                format!("{here}{}", String::from_utf8_lossy(raw)),
                1,
                "dosya adı UTF-8 değil: adını değiştirin",
            ));
        };
        names.push(name.to_string());
    }
    names.sort();
    for name in names {
        let rel = format!("{prefix}{name}");
        let shown_rel = format!("{shown}{rel}");
        if name.starts_with('.') || name.ends_with('~') {
            if hidden == Hidden::Skip || is_litter(&name) {
                continue;
            }
            return Err(at(
                &shown_rel,
                1,
                "gizli dosya ya da klasör (adı nokta ile başlıyor) yayımlanmaz ve sunucu \
                 ayarı olarak da kullanılmaz: silin ya da adını değiştirin",
            ));
        }
        // The type from the listing, without following a link; the open below checks it
        // again on the handle.
        let stat = match statat(fd, name.as_str(), AtFlags::SYMLINK_NOFOLLOW) {
            Ok(s) => s,
            Err(Errno::NOENT) => continue, // removed since the listing
            Err(e) => {
                return Err(anyhow::Error::new(std::io::Error::from(e))
                    .context(format!("{shown_rel}: okunamadı")))
            }
        };
        match kind(&stat) {
            FileType::Directory => {
                let sub = open_dir(fd, &name, &shown_rel)?;
                read_dir(
                    &sub,
                    &format!("{rel}/"),
                    shown,
                    hidden,
                    want,
                    out,
                    depth + 1,
                )?;
            }
            FileType::RegularFile => {
                let bytes = if want(&rel) {
                    Some(read_regular(fd, &name, &shown_rel)?)
                } else {
                    None
                };
                out.push(SourceFile { rel, bytes });
            }
            FileType::Symlink => return Err(symlink_refused(&shown_rel)),
            FileType::Fifo => {
                return Err(refused_kind(&shown_rel, "adlandırılmış boru (FIFO)"));
            }
            FileType::Socket => return Err(refused_kind(&shown_rel, "soket")),
            _ => return Err(refused_kind(&shown_rel, "aygıt dosyası")),
        }
    }
    Ok(())
}

pub fn read_file(dir: &Path, name: &str, shown: &str) -> Result<Vec<u8>> {
    let root = open_root(dir).with_context(|| format!("{}: klasör okunamadı", dir.display()))?;
    match statat(&root, name, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(stat) if kind(&stat) == FileType::Symlink => return Err(symlink_refused(shown)),
        Ok(stat) if kind(&stat) != FileType::RegularFile => {
            return Err(refused_kind(shown, "düzenli bir dosya değil"))
        }
        _ => {}
    }
    read_regular(&root, name, shown)
}
