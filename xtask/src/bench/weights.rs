//! Page weights of a built site: raw, gzip (level 9) and brotli (quality 11) sizes of every
//! HTML page and asset, as a host that precompresses would send them.

use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;

/// Sizes of one file.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Weight {
    pub file: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// gzip and brotli sizes of `bytes`.
pub fn compressed(bytes: &[u8]) -> Result<(u64, u64)> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes)?;
    let gzip = gz.finish()?.len() as u64;
    let mut br = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
        w.write_all(bytes)?;
    }
    Ok((gzip, br.len() as u64))
}

/// Weights of every file directly in `dir` or below (sorted by path).
pub fn of_site(dir: &Path) -> Result<Vec<Weight>> {
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(out)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Weight>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            walk(root, &path, out)?;
            continue;
        }
        let bytes = std::fs::read(&path)?;
        let (gzip, brotli) = compressed(&bytes)?;
        out.push(Weight {
            file: path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/"),
            raw: bytes.len() as u64,
            gzip,
            brotli,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compression_shrinks_repetitive_text() {
        let text = "e-imza başvuru rehberi ".repeat(200);
        let (gzip, brotli) = compressed(text.as_bytes()).unwrap();
        assert!(gzip < text.len() as u64 / 10, "gzip {gzip}");
        assert!(brotli <= gzip, "brotli {brotli} gzip {gzip}");
        assert!(brotli > 0);
    }
}
