//! The minijinja environment: loads `site-templates/`, strict undefined, Turkish filters,
//! `asset()`, and turns template errors into `file:line: message`.

use super::config::{Route, SiteConfig};
use super::error::{at, line_of};
use super::paths::{read_tree, Hidden};
use anyhow::Result;
use minijinja::syntax::SyntaxConfig;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// The work one render may do (minijinja's fuel, about one unit per instruction). The
/// printable handbook, the largest page, uses well under a hundredth of it.
pub const FUEL: u64 = 5_000_000;

/// Template names are paths relative to `site-templates/`; `static/` holds assets, not templates.
fn is_template(rel: &str) -> bool {
    !rel.starts_with("static/")
        && (rel.ends_with(".html") || rel.ends_with(".xml") || rel.ends_with(".txt"))
}

/// Builds the environment. `shown_prefix` is how the folder is named in messages
/// (`site-templates/`); `asset()` is added later by `add_assets`.
pub fn environment(
    templates_dir: &Path,
    shown_prefix: &str,
    site: &SiteConfig,
) -> Result<Environment<'static>> {
    let mut env = Environment::new();
    env.set_syntax(
        SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .expect("default delimiters are valid"),
    );
    add_common(&mut env, site);
    if !templates_dir.is_dir() {
        anyhow::bail!("{shown_prefix}: şablon klasörü bulunamadı");
    }
    for file in read_tree(templates_dir, shown_prefix, Hidden::Skip, &|rel| {
        is_template(rel)
    })? {
        let (rel, Some(bytes)) = (file.rel, file.bytes) else {
            continue;
        };
        let source = String::from_utf8(bytes)
            .map_err(|_| at(format!("{shown_prefix}{rel}"), 1, "UTF-8 değil"))?;
        env.add_template_owned(rel.clone(), source)
            .map_err(|e| template_error(&e, shown_prefix, None, 0))?;
    }
    Ok(env)
}

/// Gives the page templates `asset("style.css")` → its fingerprinted URL, once every asset
/// (the search index is made from the rendered bodies) is known. Components render page
/// bodies before this and cannot ask for assets.
pub fn add_assets(env: &mut Environment<'static>, urls: BTreeMap<String, String>) {
    env.add_function("asset", move |name: &str| -> Result<String, Error> {
        urls.get(name).cloned().ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!("asset('{name}'): site-templates/static/ içinde böyle bir dosya yok"),
            )
        })
    });
}

/// Gives page bodies `adim("adim-3.html")` → "Adım 3": body text names a numbered step by
/// its page, so inserting a step renumbers these mentions too (`numbers`: page URL → number).
/// `adim_eki("adim-3.html", "e")` → "'e" is the suffix that follows it, chosen by how the new
/// number is read aloud ("Adım 2'ye", "Adım 3'e", "Adım 6'ya", "Adım 1'deki").
pub fn add_step_numbers(env: &mut Environment<'static>, numbers: BTreeMap<String, String>) {
    let numbers = std::sync::Arc::new(numbers);
    let lookup = |numbers: &BTreeMap<String, String>, url: &str| -> Result<String, Error> {
        numbers.get(url).cloned().ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!(
                    "numaralı bir adım sayfası değil (numaralı adımlar: {})",
                    numbers.keys().cloned().collect::<Vec<_>>().join(", ")
                ),
            )
        })
    };
    let for_name = numbers.clone();
    env.add_function("adim", move |url: &str| -> Result<String, Error> {
        lookup(&for_name, url).map(|n| format!("Adım {n}"))
    });
    env.add_function(
        "adim_eki",
        move |url: &str, kind: &str| -> Result<String, Error> {
            let n = lookup(&numbers, url)?;
            let n: u32 = n.parse().map_err(|_| {
                Error::new(ErrorKind::InvalidOperation, format!("'{n}' bir sayı değil"))
            })?;
            number_suffix(n, kind).ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidOperation,
                    format!("'{kind}' bilinmeyen bir ek; kullanılabilenler: e, de, deki, den"),
                )
            })
        },
    );
}

/// The suffix (with its apostrophe) that a number takes in Turkish, by the last word it is
/// read with: `kind` "e" (dative: 2'ye, 3'e, 6'ya, 9'a), "de" (locative: 1'de, 3'te, 6'da),
/// "deki" (1'deki, 4'teki) or "den" (ablative: 1'den, 5'ten). None for any other kind.
pub fn number_suffix(n: u32, kind: &str) -> Option<String> {
    const ONES: [&str; 10] = [
        "", "bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz",
    ];
    const TENS: [&str; 10] = [
        "", "on", "yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan",
    ];
    let word = if n == 0 {
        "sıfır"
    } else if !n.is_multiple_of(10) {
        ONES[(n % 10) as usize]
    } else if !n.is_multiple_of(100) {
        TENS[((n / 10) % 10) as usize]
    } else if !n.is_multiple_of(1000) {
        "yüz"
    } else if !n.is_multiple_of(1_000_000) {
        "bin"
    } else {
        "milyon"
    };
    let last_vowel = word.chars().rev().find(|c| "aeıioöuü".contains(*c))?;
    let front = "eiöü".contains(last_vowel);
    let last = word.chars().last()?;
    let ends_in_vowel = "aeıioöuü".contains(last);
    let hard = "fstkçşhp".contains(last);
    let vowel = if front { "e" } else { "a" };
    let d = if hard { "t" } else { "d" };
    Some(match kind {
        "e" if ends_in_vowel => format!("'y{vowel}"),
        "e" => format!("'{vowel}"),
        "de" => format!("'{d}{vowel}"),
        "deki" => format!("'{d}{vowel}ki"),
        "den" => format!("'{d}{vowel}n"),
        _ => return None,
    })
}

/// Settings shared by the template environment and the page-body environment: strict
/// undefined, escaping, Turkish filters, `route_is("kisi-odemeli")` (an unknown route name is an
/// error, not a silent false) and the test `is ornek` (a site.toml value marked as an example).
fn add_common(env: &mut Environment<'static>, site: &SiteConfig) {
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // A loop in content or a template that never ends (nested range()s) would hang the build
    // and `serve`: each render gets this much work, far more than any real page needs.
    env.set_fuel(Some(FUEL));
    env.set_debug(true);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".md") || name.ends_with(".txt") {
            AutoEscape::None
        } else {
            AutoEscape::Html
        }
    });
    env.add_filter("upper", |s: &str| wasm_validator::text::upper_tr(s));
    env.add_filter("lower", |s: &str| wasm_validator::text::lower_tr(s));
    env.add_filter("slug", |s: &str| wasm_validator::text::slug(s));
    env.add_filter("tel", tel_href);
    env.add_filter("bolunmez", unbreakable_phones);
    let route = site.route;
    env.add_function("route_is", move |name: &str| -> Result<bool, Error> {
        Route::from_name(name).map(|r| r == route).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!(
                    "route_is('{name}'): bilinmeyen route (geçerli olanlar: {})",
                    Route::names()
                ),
            )
        })
    });
    let examples: Vec<String> = site.placeholders.iter().map(|p| p.value.clone()).collect();
    env.add_test("ornek", move |value: &str| {
        examples.iter().any(|e| e == value)
    });
}

/// `tel:` URL of a phone number as people write it: "0 (382) 000 00 00" → "tel:03820000000".
pub fn tel_href(s: &str) -> String {
    let digits: String = s
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

/// A phone number in running text ("0 (382) 212 34 56", "444 5 576") is read and dialled as one,
/// so it never breaks over two lines: the spaces between three or more digit groups in a row
/// become no-break spaces (U+00A0). Links to `tel:` get the same from the CSS.
pub fn unbreakable_phones(s: &str) -> String {
    let is_group = |w: &str| {
        let core = w
            .trim_start_matches(['(', '+'])
            .trim_end_matches(['.', ',', ';', ':', ')']);
        !core.is_empty() && core.chars().all(|c| c.is_ascii_digit())
    };
    let words: Vec<&str> = s.split(' ').collect();
    // Length of the run of digit groups each word belongs to (0 for other words).
    let mut run = vec![0; words.len()];
    let mut i = 0;
    while i < words.len() {
        let start = i;
        while i < words.len() && is_group(words[i]) {
            i += 1;
        }
        for r in &mut run[start..i] {
            *r = i - start;
        }
        i = i.max(start + 1);
    }
    let mut out = String::with_capacity(s.len());
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            let joined = run[i] >= 3 && run[i - 1] == run[i] && is_group(words[i - 1]);
            out.push(if joined { '\u{a0}' } else { ' ' });
        }
        out.push_str(w);
    }
    out
}

/// The environment that renders page bodies (`{{ site.unit.phone }}` in Markdown). Its comment
/// delimiters are `{## … ##}` because `{#id}` is Markdown's heading-id syntax. What `{{ … }}`
/// writes is text: `markdown_text` escapes it for Markdown and HTML at once, so a value in
/// site.toml can neither add HTML nor Markdown structure to a page.
pub fn markdown_environment(site: &SiteConfig) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_syntax(
        SyntaxConfig::builder()
            .comment_delimiters("{##", "##}")
            .keep_trailing_newline(true)
            .build()
            .expect("distinct delimiters"),
    );
    add_common(&mut env, site);
    env.set_auto_escape_callback(|_| AutoEscape::Custom(MARKDOWN.into()));
    env.set_formatter(|out, state, value| {
        if *state.auto_escape() == AutoEscape::Custom(MARKDOWN.into()) && !value.is_safe() {
            out.write_str(&markdown_text(&value.to_string()))
                .map_err(Error::from)
        } else {
            minijinja::escape_formatter(out, state, value)
        }
    });
    env
}

/// The auto-escape mode of page bodies.
const MARKDOWN: &str = "markdown";

/// Text for a Markdown source that reads as exactly this text: every ASCII punctuation mark and
/// control character becomes a numeric character reference. CommonMark never reads a character
/// reference as syntax (no emphasis, link, list, heading or HTML tag can start from one) but
/// shows it as its character, in link destinations too; component blocks decode them
/// (render.rs). Letters, digits, spaces and non-ASCII characters stay as they are.
pub fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_punctuation() || c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
            out.push_str(&format!("&#{};", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// `file:line: message` for a minijinja error. Errors in a page body (template named after the
/// page, e.g. `content/x.md`) are shifted by `body_offset` lines; template files get the prefix.
pub fn template_error(
    err: &Error,
    shown_prefix: &str,
    rendering: Option<&str>,
    body_offset: usize,
) -> anyhow::Error {
    let name = err.name().unwrap_or("?");
    let (file, line) = if name.ends_with(".md") {
        (name.to_string(), err.line().unwrap_or(1) + body_offset)
    } else {
        (format!("{shown_prefix}{name}"), err.line().unwrap_or(1))
    };
    let mut message = kind_message(err.kind());
    if let (Some(range), Some(src)) = (err.range(), err.template_source()) {
        if let Some(expr) = src.get(range.clone()) {
            message.push_str(&format!(" '{}'", expr.trim()));
        }
        debug_assert_eq!(line_of(src, range.start), err.line().unwrap_or(1));
    }
    if let Some(detail) = err.detail() {
        message.push_str(&format!(": {detail}"));
    }
    if let Some(page) = rendering {
        if page != file {
            message.push_str(&format!(" (işlenen sayfa: {page})"));
        }
    }
    at(file, line, message)
}

/// What went wrong, by minijinja's kind of error, in the build's language (minijinja names
/// the kinds in English).
fn kind_message(kind: ErrorKind) -> String {
    match kind {
        ErrorKind::NonPrimitive => "burada metin ya da sayı gibi basit bir değer olmalı",
        ErrorKind::NonKey => "bu değer anahtar olarak kullanılamaz",
        ErrorKind::InvalidOperation => "geçersiz işlem",
        ErrorKind::SyntaxError => "şablon yazımında hata",
        ErrorKind::TemplateNotFound => "şablon bulunamadı",
        ErrorKind::TooManyArguments => "fazla değer (argüman) verilmiş",
        ErrorKind::MissingArgument => "bir değer (argüman) eksik",
        ErrorKind::UnknownFilter => "bilinmeyen süzgeç (filter)",
        ErrorKind::UnknownTest => "bilinmeyen sınama (test)",
        ErrorKind::UnknownFunction => "bilinmeyen işlev (function)",
        ErrorKind::UnknownMethod => "bilinmeyen yöntem (method)",
        ErrorKind::BadEscape => "metinde geçersiz bir \\ kaçışı var",
        ErrorKind::UndefinedError => "şablonda bilinmeyen değişken",
        ErrorKind::BadSerialization => "değer şablona aktarılamadı",
        ErrorKind::CannotDeserialize => "değer okunamadı",
        ErrorKind::BadInclude => "eklenen şablon (include) yapılamadı",
        ErrorKind::EvalBlock => "blok yapılamadı",
        ErrorKind::CannotUnpack => "değer parçalarına ayrılamadı",
        ErrorKind::WriteFailure => "çıktı yazılamadı",
        ErrorKind::OutOfFuel => {
            "şablon çok fazla iş yapıyor (sonsuz ya da çok büyük bir döngü mü?) ve durduruldu"
        }
        ErrorKind::InvalidDelimiter => "geçersiz ayraçlar",
        ErrorKind::UnknownBlock => "bilinmeyen blok (block)",
        // A kind added by a later minijinja, named as minijinja names it.
        kind => return format!("şablon hatası ({kind})"),
    }
    .to_string()
}

/// A template value map from `(key, value)` pairs.
pub fn map<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    Value::from(
        pairs
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect::<BTreeMap<String, Value>>(),
    )
}

/// Any serde value as a template value.
pub fn ser<T: serde::Serialize>(value: T) -> Value {
    Value::from(minijinja::value::Serde(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_in_text_do_not_break() {
        assert_eq!(
            unbreakable_phones("alan koduyla: 0 (382) 212 34 56 gibi."),
            "alan koduyla: 0\u{a0}(382)\u{a0}212\u{a0}34\u{a0}56 gibi."
        );
        assert_eq!(
            unbreakable_phones("numaranız: 0 (532) 123 45 67."),
            "numaranız: 0\u{a0}(532)\u{a0}123\u{a0}45\u{a0}67."
        );
        assert_eq!(
            unbreakable_phones("Kamu SM (444 5 576) arayın"),
            "Kamu SM (444\u{a0}5\u{a0}576) arayın"
        );
        // Two numbers in a row are not a phone number; plain text stays as it is.
        assert_eq!(unbreakable_phones("Adım 2 ve 3 bitti"), "Adım 2 ve 3 bitti");
        assert_eq!(unbreakable_phones("yalnızca 11 rakam"), "yalnızca 11 rakam");
    }

    fn env_with(files: &[(&str, &str)]) -> (tempfile::TempDir, Result<Environment<'static>>) {
        let dir = tempfile::tempdir().unwrap();
        for (name, src) in files {
            let p = dir.path().join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, src).unwrap();
        }
        let site = crate::site::config::test_site();
        let env = environment(dir.path(), "site-templates/", &site);
        (dir, env)
    }

    #[test]
    fn step_number_suffixes_follow_how_the_number_is_read() {
        let cases = [
            (1, "e", "'e"),
            (2, "e", "'ye"),
            (3, "e", "'e"),
            (4, "e", "'e"),
            (5, "e", "'e"),
            (6, "e", "'ya"),
            (7, "e", "'ye"),
            (8, "e", "'e"),
            (9, "e", "'a"),
            (10, "e", "'a"),
            (20, "e", "'ye"),
            (40, "e", "'a"),
            (100, "e", "'e"),
            (1, "deki", "'deki"),
            (3, "deki", "'teki"),
            (4, "deki", "'teki"),
            (6, "deki", "'daki"),
            (9, "de", "'da"),
            (5, "den", "'ten"),
            (2, "den", "'den"),
            (60, "de", "'ta"),
            (11, "e", "'e"),
        ];
        for (n, kind, want) in cases {
            assert_eq!(
                number_suffix(n, kind).as_deref(),
                Some(want),
                "{n} + {kind}"
            );
        }
        assert_eq!(number_suffix(3, "ler"), None);
    }

    #[test]
    fn unknown_variable_names_file_and_line() {
        let (_d, env) = env_with(&[("page.html", "<p>\n{{ site.title }}\n{{ sitee.title }}</p>")]);
        let env = env.unwrap();
        let t = env.get_template("page.html").unwrap();
        let err = t
            .render(map([("site", map([("title", Value::from("x"))]))]))
            .unwrap_err();
        let msg = template_error(&err, "site-templates/", Some("content/a.md"), 0).to_string();
        assert!(
            msg.starts_with("site-templates/page.html:3: şablonda bilinmeyen değişken"),
            "{msg}"
        );
        assert!(msg.contains("(işlenen sayfa: content/a.md)"), "{msg}");
    }

    #[test]
    fn syntax_error_names_file_and_line() {
        let (_d, env) = env_with(&[("a.html", "ok\n{% if %}\n")]);
        let msg = env.err().unwrap().to_string();
        assert!(
            msg.starts_with("site-templates/a.html:2: şablon yazımında hata"),
            "{msg}"
        );
    }

    #[test]
    fn markdown_bodies_keep_heading_ids() {
        let env = markdown_environment(&crate::site::config::test_site());
        let out = env
            .render_named_str(
                "content/a.md",
                "## Soru {#puk}\n{{ x }}{## not ##}\n",
                map([("x", Value::from("1"))]),
            )
            .unwrap();
        assert_eq!(out, "## Soru {#puk}\n1\n");
    }

    /// A value written into a page body is text for Markdown and HTML alike.
    #[test]
    fn body_values_are_text_for_markdown_and_html() {
        use crate::site::markdown::{render, NoComponents};
        let env = markdown_environment(&crate::site::config::test_site());
        let hostile = [
            "<img src=x onerror=alert(1)>",
            "<script>alert(1)</script>",
            "[tıkla](javascript:alert(1))",
            "**kalın** _eğik_ `kod`",
            "a\n\n# Başlık\n- madde\n1. sıra",
            "&amp; &lt;b&gt; \\ \"'",
            "<!-- x -->",
            "| a | b |",
        ];
        for value in hostile {
            let src = env
                .render_named_str(
                    "content/a.md",
                    "Değer: {{ v }}\n\n[{{ v }}]({{ u }})\n",
                    map([
                        ("v", Value::from(value)),
                        ("u", Value::from("https://x.gov.tr/a_b(c)")),
                    ]),
                )
                .unwrap();
            let html = render(&src, "content/a.md", 1, &NoComponents).unwrap().html;
            let text = crate::site::html::decode_entities(&html);
            let squashed = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                squashed(&text).contains(&format!("Değer: {}", squashed(value))),
                "{value:?} shows as written: {html}"
            );
            for tag in [
                "<img", "<script", "<strong", "<em", "<code", "<h1", "<li", "<!--", "<table",
            ] {
                assert!(!html.contains(tag), "{value:?} made {tag}: {html}");
            }
            assert!(!html.contains("href=\"javascript"), "{html}");
            assert!(html.contains("href=\"https://x.gov.tr/a_b(c)\""), "{html}");
        }
    }

    #[test]
    fn endless_loops_stop_with_file_and_line() {
        let env = markdown_environment(&crate::site::config::test_site());
        let err = env
            .render_named_str(
                "content/a.md",
                "ok\n{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
                (),
            )
            .unwrap_err();
        let msg = template_error(&err, "site-templates/", None, 4).to_string();
        assert!(
            msg.starts_with("content/a.md:6: şablon çok fazla iş yapıyor"),
            "{msg}"
        );
    }

    #[test]
    fn turkish_upper_filter() {
        let (_d, env) = env_with(&[("a.html", "{{ 'istanbul ılgaz' | upper }}")]);
        let out = env
            .unwrap()
            .get_template("a.html")
            .unwrap()
            .render(())
            .unwrap();
        assert_eq!(out, "İSTANBUL ILGAZ");
    }
}
