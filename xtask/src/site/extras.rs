//! Files beside the pages: sitemap.xml (when the public URL is known), redirect pages for
//! aliases, server hints for Apache and IIS, and the QR code for printed copies. Each writes
//! values in its file's own syntax: XML-escaped and percent-encoded URLs in the sitemap, only
//! URL-parser-checked paths in `.htaccess`.

use super::config::htaccess_safe;
use super::content::Page;
use super::owners::Outputs;
use super::paths::percent_encode_path;
use anyhow::Result;
use qrcode::render::svg;
use qrcode::QrCode;

/// The extras stage: a redirect page for each old address of a page (`aliases`), and
/// `sitemap.xml` of the searchable pages when the public URL is known.
pub fn put(files: &mut Outputs, pages: &[Page], base_url: Option<&str>) -> Result<()> {
    for page in pages {
        for alias in &page.front.aliases {
            files.put(alias, redirect(&page.url(), &page.title).into_bytes())?;
        }
    }
    if let Some(base) = base_url {
        let urls: Vec<String> = pages
            .iter()
            .filter(|p| p.searchable)
            .map(|p| p.url())
            .collect();
        files.put("sitemap.xml", sitemap(base, &urls).into_bytes())?;
    }
    Ok(())
}

/// The server-settings stage: `.htaccess` for Apache and `web.config` for IIS.
pub fn put_server_settings(files: &mut Outputs, base_url: Option<&str>) -> Result<()> {
    files.put(".htaccess", htaccess(base_url).into_bytes())?;
    files.put("web.config", WEB_CONFIG.as_bytes().to_vec())
}

/// `sitemap.xml` listing every page under `base_url` (sorted, no dates: reproducible). The
/// base is re-serialised by the `url` crate (config.rs checked it), page names are
/// percent-encoded, and the whole is XML-escaped.
pub fn sitemap(base_url: &str, urls: &[String]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let base = url::Url::parse(base_url)
        .map(|u| u.to_string())
        .unwrap_or_default();
    for url in urls {
        let loc = if url == "index.html" {
            base.clone()
        } else {
            format!("{base}{}", percent_encode_path(url))
        };
        out.push_str(&format!("  <url><loc>{}</loc></url>\n", escape(&loc)));
    }
    out.push_str("</urlset>\n");
    out
}

pub use super::html::escape;

/// A redirect page for an old address: meta refresh (allowed by the CSP) plus a plain link.
pub fn redirect(target: &str, title: &str) -> String {
    let t = escape(target);
    format!(
        "<!doctype html>\n<html lang=\"tr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={t}\">\n\
         <title>{}</title>\n</head>\n<body>\n<p>Bu sayfa taşındı: <a href=\"{t}\">{}</a></p>\n</body>\n</html>\n",
        escape(title),
        escape(title)
    )
}

/// Apache: the wasm MIME type, long caching for fingerprinted assets, the 404 page.
/// Apache reads an `ErrorDocument` value without a leading "/" as text to show, so the 404
/// page needs the site's path on the server: known from `base_url`, else left as a comment.
/// Only a path the `url` crate parsed and re-serialised, of characters Apache reads literally,
/// is written (config.rs refuses any other base URL; this holds even if it did not).
pub fn htaccess(base_url: Option<&str>) -> String {
    let path = base_url
        .and_then(|u| super::config::base_url(u).ok())
        .and_then(|u| url::Url::parse(&u).ok())
        .map(|u| u.path().to_string())
        .filter(|p| p.starts_with('/') && p.ends_with('/') && p.chars().all(htaccess_safe));
    let error_document = match path {
        Some(p) => format!("ErrorDocument 404 {p}404.html\n"),
        None => "# ErrorDocument 404 /KLASOR/404.html  (sitenin sunucudaki yolu; site.toml'da \
                 base_url verilirse derleme bunu kendisi yazar)\n"
            .to_string(),
    };
    format!(
        "# Apache ayarları (e-imza el kitabı). Sunucu izin veriyorsa otomatik uygulanır.\n\
AddType application/wasm .wasm\n\
AddType text/javascript .js\n\
{error_document}\
<IfModule mod_headers.c>\n\
  <FilesMatch \"\\.[0-9a-f]{{8}}\\.(css|js|wasm|svg)$\">\n\
    Header set Cache-Control \"public, max-age=31536000, immutable\"\n\
  </FilesMatch>\n\
  <FilesMatch \"(\\.html|^sw\\.js)$\">\n\
    Header set Cache-Control \"no-cache\"\n\
  </FilesMatch>\n\
</IfModule>\n"
    )
}

/// IIS: the wasm MIME type (IIS refuses unknown extensions otherwise).
pub const WEB_CONFIG: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<!-- IIS ayarları (e-imza el kitabı): .wasm dosyalarının sunulabilmesi için gerekli. -->\n\
<configuration>\n  <system.webServer>\n    <staticContent>\n\
      <remove fileExtension=\".wasm\" />\n      <mimeMap fileExtension=\".wasm\" mimeType=\"application/wasm\" />\n\
    </staticContent>\n  </system.webServer>\n</configuration>\n";

/// SVG of a QR code for `url`, sized by the viewBox so CSS can scale it.
pub fn qr_svg(url: &str) -> Option<String> {
    let code = QrCode::new(url.as_bytes()).ok()?;
    let svg = code
        .render::<svg::Color>()
        .min_dimensions(160, 160)
        .quiet_zone(true)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // Drop the XML declaration; the SVG goes inline into HTML.
    let start = svg.find("<svg").unwrap_or(0);
    Some(svg[start..].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemap_lists_pages() {
        let s = sitemap(
            "https://x.meb.gov.tr/eimza/",
            &["index.html".into(), "sss.html".into()],
        );
        assert!(s.contains("<loc>https://x.meb.gov.tr/eimza/</loc>"));
        assert!(s.contains("<loc>https://x.meb.gov.tr/eimza/sss.html</loc>"));
    }

    /// Names and values a careless or hostile editor might give.
    const HOSTILE: &[&str] = &[
        "a\nb",
        "q\"uote",
        "<x>",
        "a&b",
        "sp ace",
        "%0a",
        "x\u{2028}y",
        "x\u{2029}y",
        "it's",
        "ş",
        "a#b?c",
        "]]>",
    ];

    #[test]
    fn sitemap_is_xml_whatever_the_names() {
        let base = "https://x.meb.gov.tr/e&imza%22/";
        let pages: Vec<String> = HOSTILE.iter().map(|h| format!("{h}.html")).collect();
        let xml = sitemap(base, &pages);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}:\n{xml}"));
        let locs: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("loc"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(locs.len(), pages.len(), "{xml}");
        for (loc, page) in locs.iter().zip(&pages) {
            let rest = loc
                .strip_prefix(base)
                .unwrap_or_else(|| panic!("{loc} is under {base}"));
            assert!(
                loc.chars().all(|c| c.is_ascii_graphic()),
                "{loc}: one encoded URL"
            );
            assert_eq!(super::super::paths::percent_decode(rest), *page);
            let parsed = url::Url::parse(loc).unwrap();
            assert_eq!(parsed.as_str(), *loc, "the url crate reads it as written");
        }
    }

    #[test]
    fn web_config_is_xml() {
        let doc = roxmltree::Document::parse(WEB_CONFIG).unwrap();
        let map = doc
            .descendants()
            .find(|n| n.has_tag_name("mimeMap"))
            .unwrap();
        assert_eq!(map.attribute("mimeType"), Some("application/wasm"));
    }

    #[test]
    fn htaccess_holds_only_its_own_directives_whatever_the_base_url() {
        let fixed = htaccess(None);
        let fixed_lines: Vec<&str> = fixed.lines().filter(|l| !l.starts_with('#')).collect();
        let mut bases: Vec<String> = HOSTILE
            .iter()
            .map(|h| format!("https://x.meb.gov.tr/{h}/"))
            .collect();
        bases.push("https://x.meb.gov.tr/a\nRedirect / https://kotu.example/\n".into());
        bases.push("https://x.meb.gov.tr/a\rRedirect / https://kotu.example/".into());
        bases.push("https://x.meb.gov.tr/%{HTTP_HOST}/".into());
        bases.push("javascript:alert(1)".into());
        for base in &bases {
            let h = htaccess(Some(base));
            for line in h.lines() {
                let ok = line.starts_with('#')
                    || fixed_lines.contains(&line)
                    || line
                        .strip_prefix("ErrorDocument 404 /")
                        .and_then(|p| p.strip_suffix("/404.html").or(p.strip_suffix("404.html")))
                        .is_some_and(|p| p.chars().all(htaccess_safe));
                assert!(ok, "{base:?} wrote the line {line:?}");
            }
            assert!(!h.contains("Redirect"), "{base:?}: {h}");
            assert!(
                !h.contains('\u{2028}') && !h.contains('\r'),
                "{base:?}: {h}"
            );
        }
    }

    #[test]
    fn htaccess_404_is_a_path_apache_serves() {
        let h = htaccess(Some("https://x.meb.gov.tr/eimza/"));
        assert!(h.contains("\nErrorDocument 404 /eimza/404.html\n"), "{h}");
        assert!(htaccess(Some("https://x.meb.gov.tr/")).contains("\nErrorDocument 404 /404.html\n"));
        let unknown = htaccess(None);
        assert!(!unknown.contains("\nErrorDocument"), "{unknown}");
        assert!(unknown.contains("# ErrorDocument 404 /KLASOR/404.html"));
    }

    #[test]
    fn qr_is_svg_without_inline_style() {
        let s = qr_svg("https://x.meb.gov.tr/eimza/kontrol.html").unwrap();
        assert!(s.starts_with("<svg"));
        assert!(
            !s.contains("style="),
            "CSP forbids inline styles: {}",
            &s[..200.min(s.len())]
        );
    }
}
