//! Compiles `wasm-validator` for the browser and runs wasm-bindgen in-process. Every glue is a
//! classic script (modules and fetch do not work from file://): `checker.js` with
//! `checker_bg.wasm` (fetched and compiled while it downloads over http) and `checker-wasm.js`
//! (the same wasm as a script, for kontrol.html opened from disk and the one-file copy);
//! `search.js` carries its wasm inside. `embed_bytes` is the one way wasm rides in a script.

use super::assets::Asset;
use super::options::WasmMode;
use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;

const TARGET: &str = "wasm32-unknown-unknown";

/// The generated assets' logical names, in the order they are produced.
pub const GENERATED: [&str; 4] = [
    "checker.js",
    "checker_bg.wasm",
    "checker-wasm.js",
    "search.js",
];

/// The globals the glues define (`no_modules_global`) and the one holding the checker's wasm
/// bytes when they come as a script; checker-boot.js uses the same names.
const CHECKER_GLUE: &str = "eimza_checker";
pub const CHECKER_BYTES: &str = "EIMZA_CHECKER_WASM";
const SEARCH_GLUE: &str = "eimza_search";
const SEARCH_BYTES: &str = "EIMZA_SEARCH_WASM";

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string())
}

/// rustup does not add targets from rust-toolchain.toml when the toolchain is already present,
/// so check for the wasm32 standard library and add it when it is missing.
pub fn ensure_target(root: &Path) -> Result<()> {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let out = Command::new(&rustc)
        .args(["--print", "target-libdir", "--target", TARGET])
        .current_dir(root)
        .output()
        .with_context(|| format!("'{rustc}' çalıştırılamadı"))?;
    let libdir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let installed = out.status.success()
        && std::fs::read_dir(&libdir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(false);
    if installed {
        return Ok(());
    }
    eprintln!("wasm hedefi eksik: rustup target add {TARGET}");
    let status = Command::new("rustup")
        .args(["target", "add", TARGET])
        .current_dir(root)
        .status();
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => {
            bail!("'rustup target add {TARGET}' çalışmadı ({s}); elle çalıştırıp yeniden derleyin")
        }
        Err(_) => bail!(
            "{TARGET} hedefi kurulu değil ve rustup bulunamadı: rustup'ı kurun \
             (https://rustup.rs) ya da hedefi Rust araç zincirinize ekleyin, sonra yeniden derleyin"
        ),
    }
}

/// Compiles the crate with one browser feature into its own target dir (so the two builds and
/// the host builds never invalidate each other) and returns the raw .wasm path.
fn compile(root: &Path, feature: &str) -> Result<PathBuf> {
    let target_dir = root.join("target").join(format!("wasm-{feature}"));
    let status = Command::new(cargo())
        .args([
            "build",
            "--quiet",
            "--package",
            "wasm-validator",
            "--lib",
            "--release",
        ])
        .args(["--target", TARGET, "--features", feature])
        .arg("--target-dir")
        .arg(&target_dir)
        .current_dir(root)
        .status()
        .context("cargo çalıştırılamadı")?;
    if !status.success() {
        bail!(
            "wasm-validator {TARGET} için derlenemedi (özellik {feature}); yukarıdaki hatalara bakın"
        );
    }
    Ok(target_dir
        .join(TARGET)
        .join("release")
        .join("wasm_validator.wasm"))
}

/// Part of the cache key: change it when the bindgen settings below change.
const BINDGEN_SETTINGS: &str = "v4";

/// Runs wasm-bindgen on `wasm` for a classic script defining `global`, cached by the input's
/// hash (bindgen is the slow part).
fn bindgen(root: &Path, wasm: &Path, name: &str, global: &str) -> Result<(String, Vec<u8>)> {
    let input = std::fs::read(wasm).with_context(|| format!("{}: okunamadı", wasm.display()))?;
    let hash: String = Sha256::digest(&input)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let cache = root
        .join("target")
        .join("wasm-cache")
        .join(format!("{name}-{BINDGEN_SETTINGS}-{hash}"));
    if let (Ok(js), Ok(bytes)) = (
        std::fs::read_to_string(cache.with_extension("js")),
        std::fs::read(cache.with_extension("wasm")),
    ) {
        return Ok((js, bytes));
    }
    let mut output = run_bindgen(name, input, global, false)?;
    let js = output.js().to_string();
    let js = shorten_imports(&js, output.wasm_mut());
    let bytes = output.wasm_mut().emit_wasm();
    if let Some(dir) = cache.parent() {
        std::fs::create_dir_all(dir).ok();
        std::fs::write(cache.with_extension("js"), &js).ok();
        std::fs::write(cache.with_extension("wasm"), &bytes).ok();
    }
    Ok((js, bytes))
}

/// The checker's wasm twice: as shipped, and the same with its name section kept (for the
/// bench's size report; never shipped, never cached).
pub fn checker_for_report(root: &Path) -> Result<(Vec<u8>, Vec<u8>)> {
    ensure_target(root)?;
    let wasm = compile(root, "checker-ui")?;
    let (_, shipped) = bindgen(root, &wasm, "checker", CHECKER_GLUE)?;
    let input = std::fs::read(&wasm).with_context(|| format!("{}: okunamadı", wasm.display()))?;
    let mut output = run_bindgen("checker", input, CHECKER_GLUE, true)?;
    let js = output.js().to_string();
    shorten_imports(&js, output.wasm_mut());
    Ok((shipped, output.wasm_mut().emit_wasm()))
}

/// wasm-bindgen with the one configuration the site ships; `keep_names` keeps the name section
/// (only for the bench's size report).
fn run_bindgen(
    name: &str,
    input: Vec<u8>,
    global: &str,
    keep_names: bool,
) -> Result<wasm_bindgen_cli_support::Output> {
    let mut b = wasm_bindgen_cli_support::Bindgen::new();
    b.input_bytes(name, input)
        .typescript(false)
        // The caller always says where the wasm is.
        .omit_default_module_path(true)
        // Function names and toolchain notes are for debuggers; the browser never needs them
        // (they were a third of the checker's size).
        .remove_name_section(!keep_names)
        .remove_producers_section(true);
    b.no_modules(true)?.no_modules_global(global)?;
    b.generate_output()
        .with_context(|| format!("{name} için wasm-bindgen çalışmadı"))
}

/// The wasm stage: the browser code's assets, built once and then taken from `cached` (which
/// `serve` keeps between builds), or tiny placeholders with `WasmMode::Skip`.
pub fn assets(mode: WasmMode, root: &Path, cached: &mut Option<Vec<Asset>>) -> Result<Vec<Asset>> {
    let generated = match (mode, cached.take()) {
        (WasmMode::Skip, _) => placeholders(),
        (WasmMode::Build, Some(cached)) => cached,
        (WasmMode::Build, None) => build(root)?,
    };
    if mode == WasmMode::Build {
        *cached = Some(generated.clone());
    }
    Ok(generated)
}

/// Gives the wasm's imports short names (`i0`, `i1`, …) in both the module and the glue.
/// wasm-bindgen names each one after its JS function plus a 16-hex-digit hash
/// (`__wbg_addEventListener_847fd86b8c33ec43`), written twice (the glue's import object and the
/// wasm's import section); the hashes do not compress, and they were ~1.1 KB of the checker
/// page's brotli. A name is renamed only when the glue spells it exactly once (its key in the
/// import object), so nothing else in the glue can refer to it; the others keep their name.
/// Returns the new glue.
fn shorten_imports(js: &str, module: &mut walrus::Module) -> String {
    let mut js = js.to_string();
    let mut n = 0usize;
    for import in module.imports.iter_mut() {
        let old = import.name.clone();
        let key = format!("{old}:");
        if old.len() < 8 || js.matches(old.as_str()).count() != 1 || !js.contains(&key) {
            continue;
        }
        let short = loop {
            let s = format!("i{n}");
            n += 1;
            // Never a name the glue already uses.
            if !js.contains(&s) {
                break s;
            }
        };
        js = js.replacen(&key, &format!("{short}:"), 1);
        import.name = short;
    }
    js
}

/// Builds both browser modules; returns the generated assets.
pub fn build(root: &Path) -> Result<Vec<Asset>> {
    ensure_target(root)?;
    let checker = compile(root, "checker-ui")?;
    let (checker_js, checker_wasm) = bindgen(root, &checker, "checker", CHECKER_GLUE)?;
    let search = compile(root, "search-ui")?;
    let (search_js, search_wasm) = bindgen(root, &search, "search", SEARCH_GLUE)?;
    let search = format!(
        "{search_js}\n{}{SEARCH_GLUE}({{ module_or_path: self.{SEARCH_BYTES} }});\n",
        embed_bytes(SEARCH_BYTES, &search_wasm)
    );
    Ok(vec![
        ("checker.js".into(), checker_js.into_bytes()),
        (
            "checker-wasm.js".into(),
            embed_bytes(CHECKER_BYTES, &checker_wasm).into_bytes(),
        ),
        ("checker_bg.wasm".into(), checker_wasm),
        ("search.js".into(), search.into_bytes()),
    ])
}

/// A classic script that sets `self.<global>` to the wasm's bytes (a Uint8Array): how wasm
/// reaches a page opened from disk, where fetch does not work. The bytes ride in a string
/// literal, one character each (`latin1_text`), which brotli compresses almost as well as the
/// bare wasm: base64 cost the one-file checker ~12 KB of brotli.
pub fn embed_bytes(global: &str, wasm: &[u8]) -> String {
    format!(
        "self.{global} = (function (s) {{\n  var b = new Uint8Array(s.length);\n  \
         for (var i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 255;\n  return b;\n}})(\"{}\");\n",
        latin1_text(wasm)
    )
}

/// Each byte as one character that is safe, unescaped, in a JS string literal inside an HTML
/// `<script>`: itself, or U+0100 + the byte for a control character (C0, DEL, C1: invalid in
/// HTML text), `"`, `\\` and `<` (which could start `</script` or `<!--`). `charCodeAt & 255`
/// gives the byte back either way.
pub fn latin1_text(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| {
            let shifted =
                b < 0x20 || (0x7f..=0x9f).contains(&b) || matches!(b, b'"' | b'\\' | b'<');
            char::from_u32(u32::from(b) + if shifted { 0x100 } else { 0 }).unwrap_or('?')
        })
        .collect()
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Tiny stand-ins for the generated assets, for fast builds that do not need the browser code
/// (content tests, benchmarks against other generators).
pub fn placeholders() -> Vec<Asset> {
    let note = b"/* wasm derlenmedi (--no-wasm) */\n".to_vec();
    vec![
        ("checker.js".into(), note.clone()),
        (
            "checker_bg.wasm".into(),
            vec![0, b'a', b's', b'm', 1, 0, 0, 0],
        ),
        ("checker-wasm.js".into(), note.clone()),
        ("search.js".into(), note),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte survives the trip (decoded as the embedded script does) and none of the
    /// characters could end the script, the string, or be invalid in HTML.
    #[test]
    fn embedded_bytes_round_trip_and_are_safe_in_html() {
        let all: Vec<u8> = (0..=255).collect();
        let text = latin1_text(&all);
        assert_eq!(text.chars().count(), 256);
        let back: Vec<u8> = text.chars().map(|c| (c as u32 & 255) as u8).collect();
        assert_eq!(back, all);
        for c in text.chars() {
            assert!(!c.is_control(), "{:?}", c);
            assert!(
                !matches!(c, '"' | '\\' | '<' | '\u{2028}' | '\u{2029}'),
                "{c:?}"
            );
            assert!(c.len_utf16() == 1, "{c:?}");
        }
        let script = embed_bytes("X", &all);
        assert!(script.contains(&text));
        assert!(script.contains("charCodeAt(i) & 255"));
        assert!(!script.contains("</script"));
    }

    /// An import the glue names once (its key) is renamed in both; one it also names
    /// elsewhere keeps its name; the short names are new to the glue.
    #[test]
    fn imports_get_short_names_only_where_safe() {
        let mut m = walrus::Module::default();
        let ty = m.types.add(&[], &[]);
        let hashed = "__wbg_focus_d5e2fdbdb56416f0";
        let shared = "__wbg_used_twice_0123456789abcdef";
        m.add_import_func("./x_bg.js", hashed, ty);
        m.add_import_func("./x_bg.js", shared, ty);
        let js = format!(
            "const import0 = {{\n{hashed}: function(a) {{ a.focus(); }},\n{shared}: function() {{}},\n}};\n\
             const i0 = import0.{shared};\n"
        );
        let out = shorten_imports(&js, &mut m);
        let names: Vec<&str> = m.imports.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["i1", shared]);
        assert!(out.contains("\ni1: function(a) { a.focus(); }"), "{out}");
        assert!(!out.contains(hashed), "{out}");
        assert_eq!(out.matches(shared).count(), 2, "{out}");
    }

    #[test]
    fn base64_known_vectors() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
    }
}
