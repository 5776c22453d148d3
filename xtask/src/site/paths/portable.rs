//! Reading a source folder elsewhere than Unix: the same rules by path (checked, then read:
//! not race-free).

use super::at;
use super::{is_litter, refused_kind, symlink_refused, Hidden, SourceFile};
use anyhow::{Context, Result};
use std::path::Path;

pub fn read_tree(
    dir: &Path,
    shown: &str,
    hidden: Hidden,
    want: &dyn Fn(&str) -> bool,
    out: &mut Vec<SourceFile>,
) -> Result<()> {
    let mut stack = vec![(dir.to_path_buf(), String::new())];
    while let Some((d, prefix)) = stack.pop() {
        let entries =
            std::fs::read_dir(&d).with_context(|| format!("{}: klasör okunamadı", d.display()))?;
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = format!("{prefix}{name}");
            let shown_rel = format!("{shown}{rel}");
            if name.starts_with('.') || name.ends_with('~') {
                if hidden == Hidden::Skip || is_litter(&name) {
                    continue;
                }
                return Err(at(&shown_rel, 1, "gizli dosya ya da klasör yayımlanmaz"));
            }
            let kind = std::fs::symlink_metadata(entry.path())?.file_type();
            if kind.is_symlink() {
                return Err(symlink_refused(&shown_rel));
            } else if kind.is_dir() {
                stack.push((entry.path(), format!("{rel}/")));
            } else if kind.is_file() {
                let bytes = if want(&rel) {
                    Some(std::fs::read(entry.path())?)
                } else {
                    None
                };
                out.push(SourceFile { rel, bytes });
            } else {
                return Err(refused_kind(&shown_rel, "düzenli bir dosya değil"));
            }
        }
    }
    Ok(())
}

pub fn read_file(dir: &Path, name: &str, shown: &str) -> Result<Vec<u8>> {
    let path = dir.join(name);
    let kind = std::fs::symlink_metadata(&path)
        .with_context(|| format!("{shown}: okunamadı"))?
        .file_type();
    if kind.is_symlink() {
        return Err(symlink_refused(shown));
    }
    if !kind.is_file() {
        return Err(refused_kind(shown, "düzenli bir dosya değil"));
    }
    std::fs::read(&path).with_context(|| format!("{shown}: okunamadı"))
}
