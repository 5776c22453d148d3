//! The one-file checker (`e-imza-basvuru-kontrol.html`): kontrol.html rendered through
//! `tek-dosya.html` with its CSS, glue, wasm and boot script inside, each with the CSP hash that
//! lets it run without 'unsafe-inline'. It opens from disk with no other file beside it.

use super::content::Page;
use super::templates::map;
use super::wasm::base64;
use anyhow::{anyhow, bail, Result};
use minijinja::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The file's name in the output (Turkish: it is handed to people, not servers).
pub const NAME: &str = "e-imza-basvuru-kontrol.html";

/// The page template the one-file copy is made from.
pub const TEMPLATE: &str = "kontrol";

/// What `tek-dosya.html` inlines: its key, the asset's logical name, and the closing tag the
/// text must not contain (it would end the element early).
const PARTS: [(&str, &str, &str); 6] = [
    ("style", "style.css", "</style"),
    ("kontrol", "kontrol.css", "</style"),
    ("nojs", "kontrol-nojs.css", "</noscript"),
    ("glue", "checker.js", "</script"),
    ("wasm", "checker-wasm.js", "</script"),
    ("boot", "checker-boot.js", "</script"),
];

/// The one-file stage: the copy's data, only where the site has the checker page (test sites
/// may not).
pub fn for_site(
    pages: &[Page],
    files: &BTreeMap<String, Vec<u8>>,
    urls: &BTreeMap<String, String>,
) -> Result<Option<Value>> {
    pages
        .iter()
        .any(|p| p.template == TEMPLATE)
        .then(|| inline(files, urls))
        .transpose()
}

/// The `tek` value of `tek-dosya.html`: each part's text and `'sha256-…'` source, and the
/// favicon as a data: URL. `files` are the output files, `urls` the assets' logical → output names.
pub fn inline(files: &BTreeMap<String, Vec<u8>>, urls: &BTreeMap<String, String>) -> Result<Value> {
    let read = |logical: &str| -> Result<&[u8]> {
        urls.get(logical)
            .and_then(|u| files.get(u))
            .map(Vec::as_slice)
            .ok_or_else(|| anyhow!("{NAME}: '{logical}' dosyası eksik"))
    };
    let mut m = BTreeMap::new();
    for (key, logical, closing) in PARTS {
        let text = std::str::from_utf8(read(logical)?)
            .map_err(|_| anyhow!("{NAME}: {logical} geçerli UTF-8 değil"))?;
        // The nojs CSS sits inside <noscript><style>: it may end neither element.
        let lower = text.to_ascii_lowercase();
        if lower.contains(closing) || lower.contains("</style") && key == "nojs" {
            bail!(
                "{NAME}: {logical} içinde '{closing}' var; sayfaya gömülen öğeyi erken kapatırdı, \
                 bu metni dosyadan çıkarın"
            );
        }
        m.insert(
            key.to_string(),
            map([
                ("text", Value::from_safe_string(text.to_string())),
                ("hash", Value::from(csp_hash(text))),
            ]),
        );
    }
    m.insert(
        "favicon".to_string(),
        Value::from(format!(
            "data:image/svg+xml;base64,{}",
            base64(read("favicon.svg")?)
        )),
    );
    Ok(Value::from(m))
}

/// A CSP source that allows exactly this inline element text.
pub fn csp_hash(text: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(text.as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csp_hash_matches_the_known_vector() {
        // sha256("") in base64, as browsers compute it for an empty <script></script>.
        assert_eq!(
            csp_hash(""),
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
        );
    }

    fn assets(boot: &str) -> (BTreeMap<String, Vec<u8>>, BTreeMap<String, String>) {
        let mut files = BTreeMap::new();
        let mut urls = BTreeMap::new();
        for (_, logical, _) in PARTS {
            let text = if logical == "checker-boot.js" {
                boot
            } else {
                "x"
            };
            urls.insert(logical.to_string(), format!("out-{logical}"));
            files.insert(format!("out-{logical}"), text.as_bytes().to_vec());
        }
        urls.insert("favicon.svg".into(), "f.svg".into());
        files.insert("f.svg".into(), b"<svg/>".to_vec());
        (files, urls)
    }

    #[test]
    fn refuses_text_that_would_close_its_element() {
        let (files, urls) = assets("var s = '</SCRIPT>';");
        let err = inline(&files, &urls).unwrap_err().to_string();
        assert!(
            err.contains("checker-boot.js içinde '</script' var"),
            "{err}"
        );
        let (files, urls) = assets("start();");
        let v = inline(&files, &urls).unwrap();
        let boot = v.get_attr("boot").unwrap();
        assert_eq!(boot.get_attr("text").unwrap().to_string(), "start();");
        assert_eq!(
            boot.get_attr("hash").unwrap().to_string(),
            csp_hash("start();")
        );
        assert!(v
            .get_attr("favicon")
            .unwrap()
            .to_string()
            .starts_with("data:image/svg+xml;base64,"));
    }
}
