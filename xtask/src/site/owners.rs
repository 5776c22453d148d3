//! The site's output map, where every output path has exactly one owner (a page, an alias, a
//! content file, an asset, a file the build makes): a second claim on a path, or on one that
//! differs only in ASCII case (one file on a case-insensitive web server), stops the build
//! naming both claimants.

use super::error::at;
use anyhow::Result;
use std::collections::BTreeMap;

/// Who claims an output path, and where messages point for it.
#[derive(Debug, Clone)]
pub struct Claimant {
    /// What it is, for messages: "content/sss.md sayfası".
    pub who: String,
    /// The source file and line behind it, where there is one.
    pub at: Option<(String, usize)>,
}

impl Claimant {
    /// A claim made by something an editor wrote.
    pub fn source(file: &str, line: usize, who: impl Into<String>) -> Claimant {
        Claimant {
            who: who.into(),
            at: Some((file.to_string(), line)),
        }
    }

    /// A claim by the build itself.
    pub fn built(who: impl Into<String>) -> Claimant {
        Claimant {
            who: who.into(),
            at: None,
        }
    }
}

/// The output files and their owners.
#[derive(Debug, Default)]
pub struct Outputs {
    files: BTreeMap<String, Vec<u8>>,
    /// By the path in ASCII lower case: the path as claimed and its owner.
    owners: BTreeMap<String, (String, Claimant)>,
}

impl Outputs {
    /// Claims `path` for `by`; its bytes come later (`put`).
    pub fn claim(&mut self, path: &str, by: Claimant) -> Result<()> {
        let key = path.to_ascii_lowercase();
        if let Some((taken, first)) = self.owners.get(&key) {
            let message = if taken == path {
                format!(
                    "'{path}' iki kez üretiliyor: {} ve {}; her çıktı dosyasının tek bir sahibi \
                     olur, birini yeniden adlandırın",
                    by.who, first.who
                )
            } else {
                format!(
                    "'{path}' ile '{taken}' yalnızca büyük/küçük harfte ayrılıyor ({} ve {}); \
                     büyük/küçük harf ayırmayan sunucularda biri ötekinin yerine geçer, birini \
                     yeniden adlandırın",
                    by.who, first.who
                )
            };
            return Err(match by.at.as_ref().or(first.at.as_ref()) {
                Some((file, line)) => at(file, *line, message),
                None => anyhow::anyhow!("{message}"),
            });
        }
        self.owners.insert(key, (path.to_string(), by));
        Ok(())
    }

    /// The bytes of a claimed path.
    pub fn put(&mut self, path: &str, bytes: Vec<u8>) -> Result<()> {
        match self.owners.get(&path.to_ascii_lowercase()) {
            Some((taken, _)) if taken == path => {
                self.files.insert(path.to_string(), bytes);
                Ok(())
            }
            _ => anyhow::bail!("'{path}': sahibi olmayan bir çıktı dosyası yazılmak istendi"),
        }
    }

    /// Claims `path` and gives its bytes.
    pub fn add(&mut self, path: &str, by: Claimant, bytes: Vec<u8>) -> Result<()> {
        self.claim(path, by)?;
        self.put(path, bytes)
    }

    /// Takes a file's bytes out of the output (its name stays claimed).
    pub fn take(&mut self, path: &str) -> Option<Vec<u8>> {
        self.files.remove(path)
    }

    /// Every output file written so far, by path.
    pub fn files(&self) -> &BTreeMap<String, Vec<u8>> {
        &self.files
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_claim_names_both() {
        let mut o = Outputs::default();
        o.add(
            "kontrol.html",
            Claimant::source("content/kontrol.md", 1, "content/kontrol.md sayfası"),
            b"a".to_vec(),
        )
        .unwrap();
        let e = o
            .claim(
                "kontrol.html",
                Claimant::source("content/kontrol.html", 1, "content/kontrol.html dosyası"),
            )
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "content/kontrol.html:1: 'kontrol.html' iki kez üretiliyor: content/kontrol.html \
             dosyası ve content/kontrol.md sayfası; her çıktı dosyasının tek bir sahibi olur, \
             birini yeniden adlandırın"
        );
        // A built file claimed second points at the source claimant.
        let e = o
            .claim("Kontrol.HTML", Claimant::built("sw.js"))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with(
                "content/kontrol.md:1: 'Kontrol.HTML' ile 'kontrol.html' yalnızca büyük/küçük"
            ),
            "{e}"
        );
        assert!(o.put("yok.html", vec![]).is_err(), "unclaimed");
        assert_eq!(o.files().len(), 1);
    }
}
