//! Bench section `wasmsize`: where the checker's wasm bytes go. Builds the checker as shipped
//! and a copy with its name section kept, then reports the bytes of each function (from the
//! copy's code section, names demangled), totals per crate and per `wasm_validator` module,
//! the data section, and the shipped file's raw and brotli size (brotli by Node, as the
//! page-weight budget measures it).

use super::common::{fresh_dir, print_table, section, Bench};
use super::weights;
use anyhow::{Context, Result};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// How many of the largest functions the table lists.
const TOP: usize = 30;

/// One function of the wasm: its demangled name and body size in bytes.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FnSize {
    pub name: String,
    pub bytes: u64,
}

/// Sizes read from a wasm that carries a name section.
#[derive(Debug, Default, serde::Serialize)]
pub struct Report {
    /// Every defined function, largest first.
    pub functions: Vec<FnSize>,
    /// Bytes of the data segments.
    pub data: u64,
    /// Sum of the function bodies.
    pub code: u64,
}

/// Reads the functions, their sizes and names, and the data segments of `wasm`.
pub fn analyse(wasm: &[u8]) -> Result<Report> {
    let module = walrus::Module::from_buffer(wasm).context("the wasm could not be read")?;
    let mut functions: Vec<FnSize> = module
        .funcs
        .iter_local()
        .map(|(id, f)| {
            let bytes = f.original_range.as_ref().map_or(0, |r| r.len() as u64);
            let name = module
                .funcs
                .get(id)
                .name
                .as_deref()
                .map(|n| clean(&format!("{:#}", rustc_demangle::demangle(n))))
                .unwrap_or_else(|| format!("<fn {}>", id.index()));
            FnSize { name, bytes }
        })
        .collect();
    functions.sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| a.name.cmp(&b.name)));
    let code = functions.iter().map(|f| f.bytes).sum();
    let data = module.data.iter().map(|d| d.value.len() as u64).sum();
    Ok(Report {
        functions,
        data,
        code,
    })
}

/// Section ids of the wasm binary format: code (function bodies) and data (segments).
const CODE: u8 = 10;
const DATA: u8 = 11;

/// The contents of the first section with id `id` of a wasm binary: the file is an 8-byte
/// header, then sections of an id byte and a LEB128 length. None for a malformed file.
fn section_bytes(wasm: &[u8], id: u8) -> Option<&[u8]> {
    let mut at = 8;
    while at < wasm.len() {
        let this = *wasm.get(at)?;
        at += 1;
        let (mut len, mut shift) = (0usize, 0u32);
        loop {
            let b = *wasm.get(at)?;
            at += 1;
            len |= usize::from(b & 0x7f).checked_shl(shift)?;
            shift += 7;
            if b < 0x80 {
                break;
            }
        }
        let body = wasm.get(at..at.checked_add(len)?)?;
        if this == id {
            return Some(body);
        }
        at += len;
    }
    None
}

/// A name without its hashes: the name section mixes demangled names that keep their hash
/// (`…::check::h3f020aad38c6b8f7`) and crate disambiguators (`core[c5930c85a12de822]`).
pub fn clean(name: &str) -> String {
    let is_hash = |s: &str| s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit());
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find(']') {
            Some(j) if is_hash(&after[..j]) => rest = &after[j + 1..],
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    match out.rsplit_once("::h") {
        Some((head, h)) if is_hash(h) => head.to_string(),
        _ => out,
    }
}

/// The crate a demangled name belongs to: its first path segment, with the `<` of a trait
/// impl (`<alloc::string::String as core::fmt::Write>::write_str` is `alloc`) removed.
/// Monomorphised generics count for the crate that defines them, not the caller.
pub fn crate_of(name: &str) -> &str {
    let n = name.trim_start_matches('<').trim_start_matches('&');
    let n = n.strip_prefix("mut ").unwrap_or(n);
    // `<T as core::fmt::Debug>::fmt`: a generic type has no crate; the trait's counts.
    let n = match n.split_once(" as ") {
        Some((ty, tr)) if !ty.contains("::") => tr,
        _ => n,
    };
    match n.find("::") {
        // `<str>::len`, `<[u8]>::…`, `<char>::…`: methods of primitive types live in core.
        Some(i) if n[..i].contains(['>', '[', ']']) || ["str", "char"].contains(&&n[..i]) => "core",
        Some(i) => &n[..i],
        None => "(adsız)",
    }
}

/// The module of a `wasm_validator` function, two path segments deep
/// (`wasm_validator::rules::phone`), or `None` for other crates.
pub fn module_of(name: &str) -> Option<String> {
    let n = name.trim_start_matches('<').trim_start_matches('&');
    let n = n.strip_prefix("mut ").unwrap_or(n);
    if !n.starts_with("wasm_validator::") {
        return None;
    }
    // The path up to the first generic or `as`, without its last part (the function or type).
    let path = n
        .split(['<', ' '])
        .next()
        .unwrap_or(n)
        .trim_end_matches("::");
    let parts: Vec<&str> = path.split("::").collect();
    let keep = (parts.len() - 1).clamp(1, 3);
    Some(parts[..keep].join("::"))
}

/// Totals of `key` over the functions, largest first.
fn totals<'a>(
    functions: &'a [FnSize],
    key: impl Fn(&'a str) -> Option<String>,
) -> Vec<(String, u64, usize)> {
    let mut by: BTreeMap<String, (u64, usize)> = BTreeMap::new();
    for f in functions {
        if let Some(k) = key(&f.name) {
            let e = by.entry(k).or_default();
            e.0 += f.bytes;
            e.1 += 1;
        }
    }
    let mut v: Vec<(String, u64, usize)> = by.into_iter().map(|(k, (b, n))| (k, b, n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

fn short(name: &str) -> String {
    const MAX: usize = 90;
    if name.chars().count() <= MAX {
        name.to_string()
    } else {
        let mut s: String = name.chars().take(MAX - 1).collect();
        s.push('…');
        s
    }
}

fn print_totals(rows: &[(String, u64, usize)], what: &str, code: u64) {
    let mut table = vec![vec![
        what.to_string(),
        "bayt".into(),
        "%".into(),
        "işlev".into(),
    ]];
    for (k, b, n) in rows {
        table.push(vec![
            k.clone(),
            b.to_string(),
            format!("{:.1}", *b as f64 * 100.0 / code.max(1) as f64),
            n.to_string(),
        ]);
    }
    print_table(&table);
}

pub(super) fn wasm_size(bench: &Bench) -> Result<Value> {
    section("Denetleyici wasm'ının boyutu (ad bölümünden, işlev başına)");
    let (shipped, named) = crate::site::wasm::checker_for_report(&bench.root)?;
    let report = analyse(&named)?;
    // The shipped file's brotli size, measured as the page-weight budget measures it.
    let dir = bench.dir.join("wasmsize");
    fresh_dir(&dir)?;
    std::fs::write(dir.join("checker_bg.wasm"), &shipped)?;
    // Each part compressed on its own too: what cutting code or data would save on the wire.
    let geo = std::fs::read(bench.root.join("wasm-validator/data/geo.tsv"))?;
    let parts = [
        ("kod", section_bytes(&shipped, CODE)),
        ("veri", section_bytes(&shipped, DATA)),
        ("geo", Some(geo.as_slice())),
    ];
    // A part the file lacks is not written: it shows as "?", not as an empty file's size.
    for (name, bytes) in parts {
        if let Some(bytes) = bytes {
            std::fs::write(dir.join(format!("{name}.bin")), bytes)?;
        }
    }
    let measured = weights::of_site(&bench.root, &dir)?;
    let brotli_of = |file: &str| measured.iter().find(|w| w.file == file).map(|w| w.brotli);
    let brotli = brotli_of("checker_bg.wasm").context("weights.mjs measured nothing")?;
    let kb = |file: &str| {
        brotli_of(file)
            .map(|b| format!("{:.1} KB", b as f64 / 1024.0))
            .unwrap_or_else(|| "?".into())
    };
    println!(
        "  gönderilen wasm: ham {} bayt · brotli {} bayt · kod {} bayt ({} işlev) · veri {} bayt",
        shipped.len(),
        brotli,
        report.code,
        report.functions.len(),
        report.data
    );
    println!(
        "  ayrı ayrı brotli: kod bölümü {} · veri bölümü {} (içindeki il/ilçe/posta kodu verisi \
         tek başına {})",
        kb("kod.bin"),
        kb("veri.bin"),
        kb("geo.bin")
    );

    let crates = totals(&report.functions, |n| Some(crate_of(n).to_string()));
    println!("\n  crate başına:");
    print_totals(&crates, "crate", report.code);
    let modules = totals(&report.functions, module_of);
    println!("\n  wasm_validator modülü başına:");
    print_totals(&modules, "modül", report.code);

    println!("\n  en büyük {TOP} işlev:");
    let mut table = vec![vec!["işlev".to_string(), "bayt".into()]];
    for f in report.functions.iter().take(TOP) {
        table.push(vec![short(&f.name), f.bytes.to_string()]);
    }
    print_table(&table);

    let json_totals = |rows: &[(String, u64, usize)]| -> Vec<Value> {
        rows.iter()
            .map(|(k, b, n)| json!({ "name": k, "bytes": b, "functions": n }))
            .collect()
    };
    Ok(json!({
        "raw": shipped.len(),
        "brotli": brotli,
        "code": report.code,
        "data": report.data,
        "brotli_code_section": brotli_of("kod.bin"),
        "brotli_data_section": brotli_of("veri.bin"),
        "brotli_geo_data": brotli_of("geo.bin"),
        "crates": json_totals(&crates),
        "modules": json_totals(&modules),
        "functions": report.functions,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_their_hashes() {
        assert_eq!(
            clean("wasm_validator::rules::phone::check::h3f020aad38c6b8f7"),
            "wasm_validator::rules::phone::check"
        );
        assert_eq!(
            clean("<core[c5930c85a12de822]::fmt::Formatter>::pad"),
            "<core::fmt::Formatter>::pad"
        );
        assert_eq!(clean("<[u8]>::len"), "<[u8]>::len");
    }

    #[test]
    fn crates_and_modules_from_demangled_names() {
        assert_eq!(crate_of("core::fmt::Formatter::pad"), "core");
        assert_eq!(
            crate_of("<alloc::string::String as core::fmt::Write>::write_str"),
            "alloc"
        );
        assert_eq!(crate_of("<&T as core::fmt::Debug>::fmt"), "core");
        assert_eq!(crate_of("memcpy"), "(adsız)");
        assert_eq!(crate_of("<str>::trim_matches"), "core");
        assert_eq!(crate_of("<[core::mem::MaybeUninit<u8>]>::x"), "core");
        assert_eq!(
            module_of("wasm_validator::rules::phone::check").as_deref(),
            Some("wasm_validator::rules::phone")
        );
        assert_eq!(
            module_of("wasm_validator::geo::parse").as_deref(),
            Some("wasm_validator::geo")
        );
        assert_eq!(
            module_of("<wasm_validator::geo::PostalCode as core::fmt::Display>::fmt").as_deref(),
            Some("wasm_validator::geo")
        );
        assert_eq!(module_of("core::fmt::write"), None);
    }

    /// A hand-written module with a name section: sizes come from the code section, names
    /// from the name section, and the data segment is counted.
    #[test]
    fn reads_sizes_and_names_of_a_small_module() {
        let mut m = walrus::Module::default();
        let mut small = walrus::FunctionBuilder::new(&mut m.types, &[], &[walrus::ValType::I32]);
        small.func_body().i32_const(1);
        let small = small.finish(vec![], &mut m.funcs);
        m.funcs.get_mut(small).name = Some("wasm_validator::geo::small".into());
        let mut big = walrus::FunctionBuilder::new(&mut m.types, &[], &[walrus::ValType::I32]);
        let mut body = big.func_body();
        body.i32_const(1);
        for i in 0..20 {
            body.i32_const(i).binop(walrus::ir::BinaryOp::I32Add);
        }
        let big = big.finish(vec![], &mut m.funcs);
        m.funcs.get_mut(big).name = Some("core::fmt::big".into());
        m.exports.add("small", small);
        m.exports.add("big", big);
        let mem = m.memories.add_local(false, false, 1, None, None);
        m.data.add(
            walrus::DataKind::Active {
                memory: mem,
                offset: walrus::ConstExpr::Value(walrus::ir::Value::I32(8)),
            },
            vec![7; 100],
        );
        let r = analyse(&m.emit_wasm()).unwrap();
        assert_eq!(r.data, 100);
        assert_eq!(r.functions.len(), 2);
        assert_eq!(r.functions[0].name, "core::fmt::big");
        assert_eq!(r.functions[1].name, "wasm_validator::geo::small");
        assert!(r.functions[0].bytes > r.functions[1].bytes + 20);
        assert_eq!(r.code, r.functions[0].bytes + r.functions[1].bytes);
        // The data section holds the segment's 100 bytes (after its count, flags and offset);
        // the code section, the two bodies and their counts.
        let wasm = m.emit_wasm();
        let data = section_bytes(&wasm, DATA).unwrap();
        assert!(data.len() > 100 && data.len() < 110, "{}", data.len());
        assert!(data.ends_with(&[7; 100]));
        let code = section_bytes(&wasm, CODE).unwrap();
        assert!(code.len() as u64 > r.code && (code.len() as u64) < r.code + 8);
        assert_eq!(section_bytes(&wasm, 99), None);
        let data_end = data.as_ptr() as usize - wasm.as_ptr() as usize + data.len();
        assert_eq!(
            section_bytes(&wasm[..data_end - 1], DATA),
            None,
            "cut short"
        );
    }
}
