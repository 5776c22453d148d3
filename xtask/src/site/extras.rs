//! Files beside the pages: sitemap.xml (when the public URL is known), redirect pages for
//! aliases, server hints for Apache and IIS, and the QR code for printed copies.

use qrcode::render::svg;
use qrcode::QrCode;

/// `sitemap.xml` listing every page under `base_url` (sorted, no dates: reproducible).
pub fn sitemap(base_url: &str, urls: &[String]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for url in urls {
        let loc = if url == "index.html" {
            base_url.to_string()
        } else {
            format!("{base_url}{url}")
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
pub fn htaccess(base_url: Option<&str>) -> String {
    let path = base_url
        .and_then(|u| u.split_once("://"))
        .map(|(_, rest)| rest.find('/').map(|i| &rest[i..]).unwrap_or("/"));
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
