//! Turkish for what other programs tell the build in English: the toml reader's messages
//! (site.toml, front matter, data files, components) and the operating system's reasons a
//! file or folder could not be used, so a content editor reads one language.

use super::error::first_line;
use std::io;

/// The first line of a TOML reader's message, in Turkish. The toml crate and serde write
/// English: the messages a content editor meets (an unknown or missing key, a value of the
/// wrong type, the common syntax slips) are translated, the tokens they quote kept; any other
/// is kept as the reader wrote it, after a Turkish word saying what failed.
pub fn toml_message(message: &str) -> String {
    let m = first_line(message);
    let (head, expected) = match m.split_once(", expected ") {
        Some((h, e)) => (h, Some(e)),
        None => (m.as_str(), None),
    };
    let known = if let Some(rest) = head.strip_prefix("unknown field ") {
        format!("bilinmeyen anahtar {rest}")
    } else if let Some(rest) = head.strip_prefix("unknown variant ") {
        format!("bilinmeyen değer {rest}")
    } else if let Some(key) = head.strip_prefix("missing field ") {
        format!("{key} anahtarı eksik")
    } else if let Some(found) = head.strip_prefix("invalid type: ") {
        format!("değerin türü yanlış: {} yazılmış", toml_kind(found))
    } else if let Some(key) = head.strip_prefix("duplicate key") {
        format!("aynı anahtar iki kez yazılmış{key}")
    } else {
        match TOML_SYNTAX.iter().find(|(en, _)| *en == head) {
            Some((_, tr)) => tr.to_string(),
            None => return format!("TOML okunamadı: {m}"),
        }
    };
    let field = head.starts_with("unknown field ");
    match expected.map(|e| (e, e.strip_prefix("one of "))) {
        Some((_, Some(list))) if field => format!("{known} (geçerli anahtarlar: {list})"),
        Some((e, None)) if field => format!("{known} (geçerli anahtar: {e})"),
        Some((_, Some(list))) => format!("{known} (geçerli değerler: {list})"),
        Some(("nothing", None)) => known,
        Some((e, None)) => format!("{known} ({} bekleniyordu)", toml_kind(e)),
        None if head.contains(", there are no fields") => {
            known.replace(", there are no fields", " (burada hiçbir anahtar olamaz)")
        }
        None => known,
    }
}

/// toml_parser's descriptions of syntax errors, the ones a hand-edited file most often has.
const TOML_SYNTAX: &[(&str, &str)] = &[
    ("invalid key", "geçersiz anahtar"),
    (
        "invalid unquoted key",
        "tırnaksız anahtarda geçersiz karakter",
    ),
    (
        "missing key for inline table element",
        "satır içi tabloda anahtar eksik",
    ),
    ("missing value", "değer eksik"),
    ("missing value for key", "anahtarın değeri eksik"),
    (
        "missing assignment between key-value pairs",
        "anahtarla değer arasında = eksik",
    ),
    ("extra assignment between key-value pairs", "fazladan = var"),
    ("extra `=`", "fazladan = var"),
    (
        "missing comma between array elements",
        "dizinin öğeleri arasında virgül eksik",
    ),
    (
        "missing comma between key-value pairs",
        "satır içi tabloda virgül eksik",
    ),
    ("extra comma in array", "dizide fazladan virgül var"),
    (
        "extra comma in inline table",
        "satır içi tabloda fazladan virgül var",
    ),
    ("unclosed table", "tablo başlığı ] ile kapanmamış"),
    ("unclosed array table", "[[…]] başlığı ]] ile kapanmamış"),
    ("unclosed array", "dizi ] ile kapanmamış"),
    ("unclosed inline table", "satır içi tablo } ile kapanmamış"),
    ("invalid string", "geçersiz metin (tırnakları denetleyin)"),
    (
        "invalid basic string",
        "geçersiz metin (tırnakları ve \\ kaçışlarını denetleyin)",
    ),
    (
        "invalid literal string",
        "geçersiz metin (tek tırnakları denetleyin)",
    ),
    (
        "invalid multi-line basic string",
        "geçersiz çok satırlı metin (\"\"\" ile kapanmalı)",
    ),
    (
        "invalid multi-line literal string",
        "geçersiz çok satırlı metin (\'\'\' ile kapanmalı)",
    ),
    (
        "missing escaped value",
        "\\ kaçışından sonra karakter eksik",
    ),
    ("missing opening quote", "açılış tırnağı eksik"),
    ("invalid value", "geçersiz değer"),
    ("invalid boolean", "geçersiz true/false değeri"),
    ("invalid integer number", "geçersiz tam sayı"),
    ("invalid float", "geçersiz ondalık sayı"),
    (
        "invalid date-time",
        "geçersiz tarih (2026-11-30 gibi yazın)",
    ),
    ("invalid table", "geçersiz tablo"),
    ("invalid key-value pair", "geçersiz anahtar = değer satırı"),
    (
        "invalid comment character",
        "açıklamada (#) geçersiz bir karakter var",
    ),
];

/// serde's and toml's names of a value's kind (`string "dün"`, `a date-time`, `u32`) in
/// Turkish; a name not listed is kept.
fn toml_kind(kind: &str) -> String {
    let kind = kind
        .strip_prefix("a ")
        .or_else(|| kind.strip_prefix("an "))
        .unwrap_or(kind);
    let (name, value) = kind.split_once(' ').unwrap_or((kind, ""));
    let tr = match name {
        "string" | "borrowed" | "str" | "char" | "character" => "metin",
        "boolean" | "bool" => "true ya da false",
        "integer" | "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize"
        | "isize" => "tam sayı",
        "floating" | "f32" | "f64" => "ondalık sayı",
        "sequence" | "array" => "dizi",
        "map" | "table" | "struct" => "tablo",
        "date-time" | "datetime" | "TOML" => "tarih",
        _ => return kind.to_string(),
    };
    match name {
        // "floating point `1.5`", "borrowed string", "struct FrontMatter": the second word
        // belongs to the kind's name.
        "floating" | "borrowed" | "struct" => match value.split_once(' ') {
            Some((_, v)) => format!("{tr} {v}"),
            None => tr.to_string(),
        },
        _ if value.is_empty() => tr.to_string(),
        _ => format!("{tr} {value}"),
    }
}

/// An error with its causes, `outer: inner`, as anyhow's `{:#}` writes it, but each of the
/// operating system's reasons (English, from the OS) said in Turkish.
pub fn chain(e: &anyhow::Error) -> String {
    e.chain()
        .map(|cause| match cause.downcast_ref::<io::Error>() {
            Some(io) => io_reason(io),
            None => cause.to_string(),
        })
        .collect::<Vec<_>>()
        .join(": ")
}

/// Plain Turkish for the usual reasons a file or folder cannot be read or written; a rarer
/// one is the system's own message, marked as its.
pub fn io_reason(e: &io::Error) -> String {
    use io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "böyle bir dosya ya da klasör yok".into(),
        K::PermissionDenied => "erişim izni yok".into(),
        K::AlreadyExists => "bu adda bir dosya ya da klasör zaten var".into(),
        K::IsADirectory => "bu bir klasör, dosya değil".into(),
        K::NotADirectory => "yolun bir parçası klasör değil".into(),
        K::DirectoryNotEmpty => "klasör boş değil".into(),
        K::StorageFull => "diskte yer kalmadı".into(),
        K::ReadOnlyFilesystem => "disk yalnızca okunabilir".into(),
        K::AddrInUse => "bu adres başka bir program tarafından kullanılıyor".into(),
        K::InvalidData => "dosyanın içeriği okunamadı".into(),
        _ if e.raw_os_error().is_some() => format!("sistemin iletisi: {e}"),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_messages_are_turkish() {
        for (en, tr) in [
            (
                "unknown field `nme`, expected one of `name`, `phone`",
                "bilinmeyen anahtar `nme` (geçerli anahtarlar: `name`, `phone`)",
            ),
            (
                "unknown field `x`, expected `title`",
                "bilinmeyen anahtar `x` (geçerli anahtar: `title`)",
            ),
            (
                "unknown field `x`, there are no fields",
                "bilinmeyen anahtar `x` (burada hiçbir anahtar olamaz)",
            ),
            ("missing field `title`", "`title` anahtarı eksik"),
            (
                "invalid type: string \"dün\", expected a date-time",
                "değerin türü yanlış: metin \"dün\" yazılmış (tarih bekleniyordu)",
            ),
            (
                "invalid type: integer `3`, expected a boolean",
                "değerin türü yanlış: tam sayı `3` yazılmış (true ya da false bekleniyordu)",
            ),
            (
                "invalid type: floating point `1.5`, expected u32",
                "değerin türü yanlış: ondalık sayı `1.5` yazılmış (tam sayı bekleniyordu)",
            ),
            (
                "unknown variant `x`, expected one of `a`, `b`",
                "bilinmeyen değer `x` (geçerli değerler: `a`, `b`)",
            ),
            (
                "invalid string, expected `\"`, `'`\nmore",
                "geçersiz metin (tırnakları denetleyin) (`\"`, `'` bekleniyordu)",
            ),
            ("duplicate key", "aynı anahtar iki kez yazılmış"),
            ("extra `=`, expected nothing", "fazladan = var"),
            ("something new", "TOML okunamadı: something new"),
        ] {
            assert_eq!(toml_message(en), tr, "{en}");
        }
    }

    #[test]
    fn the_systems_reasons_are_turkish() {
        let e = anyhow::Error::new(io::Error::from(io::ErrorKind::NotFound))
            .context("content/a.md: okunamadı");
        assert_eq!(
            chain(&e),
            "content/a.md: okunamadı: böyle bir dosya ya da klasör yok"
        );
        let rare = io::Error::from_raw_os_error(5);
        assert!(io_reason(&rare).starts_with("sistemin iletisi: "), "{rare}");
        let plain = anyhow::anyhow!("a.md:1: bağlantı bulunamadı").context("yapım durdu");
        assert_eq!(
            chain(&plain),
            format!("{plain:#}"),
            "no I/O error: as anyhow writes it"
        );
    }
}
