//! The raw-HTML policy of content, decided on what a browser would build: a page's rendered
//! body is parsed by html5ever (the HTML5 parsing algorithm browsers implement) inside a page
//! skeleton like the templates', and every element the parser creates must be on an allow-list
//! of elements, attributes per element and URL schemes. Anything else fails the build with the
//! line it is on; nothing is stripped. Also the parse of written pages for the fuzz oracle.

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{ns, parse_document, Attribute, LocalName, Namespace, QualName};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;

/// One element as the parser created it: namespace, lower-case name, attributes with their
/// values after the parser's character-reference decoding, and the line of the text it was
/// created on. `added` marks attributes a repeated `<html>`/`<body>` tag adds to the page's
/// own element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// "html", "svg", "math" or the namespace URL.
    pub ns: String,
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub line: usize,
    pub added: bool,
    /// A `<script>` with text inside it.
    pub has_text: bool,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn is_html(&self, name: &str) -> bool {
        self.ns == "html" && self.name == name
    }
}

/// An element's name as the tree builder asks for it.
#[derive(Debug)]
pub struct Name(Namespace, LocalName);

impl ElemName for Name {
    fn ns(&self) -> &Namespace {
        &self.0
    }
    fn local_name(&self) -> &LocalName {
        &self.1
    }
}

/// A tree sink that keeps no tree: the tree builder holds its own stack of open elements, so
/// recording each element as it is created (with the line) is all the checks need.
#[derive(Default)]
struct Recorder {
    line: Cell<u64>,
    /// Look-ups of open elements so far: the tree builder walks its stack of open elements
    /// for most tags, so a very deep page costs depth² of them.
    work: Cell<u64>,
    /// Handle → (name, is an annotation-xml integration point); 0 is the document.
    nodes: RefCell<Vec<Option<(QualName, bool)>>>,
    /// Handle → index in `elements`.
    element_of: RefCell<Vec<Option<usize>>>,
    elements: RefCell<Vec<Element>>,
}

fn ns_name(ns: &Namespace) -> String {
    if *ns == ns!(html) {
        "html".into()
    } else if *ns == ns!(svg) {
        "svg".into()
    } else if *ns == ns!(mathml) {
        "math".into()
    } else {
        ns.to_string()
    }
}

fn attr_name(a: &Attribute) -> String {
    match &a.name.prefix {
        Some(p) => format!("{p}:{}", a.name.local),
        None => a.name.local.to_string(),
    }
}

impl Recorder {
    fn node(&self, node: Option<(QualName, bool)>, element: Option<usize>) -> usize {
        let mut nodes = self.nodes.borrow_mut();
        if nodes.is_empty() {
            nodes.push(None);
            self.element_of.borrow_mut().push(None);
        }
        nodes.push(node);
        self.element_of.borrow_mut().push(element);
        // The next handle is a template's contents.
        nodes.push(None);
        self.element_of.borrow_mut().push(None);
        nodes.len() - 2
    }

    fn record(&self, name: &QualName, attrs: &[Attribute], added: bool) -> usize {
        let mut elements = self.elements.borrow_mut();
        elements.push(Element {
            ns: ns_name(&name.ns),
            name: name.local.to_string(),
            attrs: attrs
                .iter()
                .map(|a| (attr_name(a), a.value.to_string()))
                .collect(),
            line: self.line.get() as usize,
            added,
            has_text: false,
        });
        elements.len() - 1
    }
}

impl TreeSink for Recorder {
    type Handle = usize;
    type Output = Vec<Element>;
    type ElemName<'a> = Name;

    fn finish(self) -> Vec<Element> {
        self.elements.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> usize {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a usize) -> Name {
        self.work.set(self.work.get() + 1);
        match self.nodes.borrow().get(*target) {
            Some(Some((q, _))) => Name(q.ns.clone(), q.local.clone()),
            _ => Name(ns!(), LocalName::from("")),
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> usize {
        let index = self.record(&name, &attrs, false);
        self.node(
            Some((name, flags.mathml_annotation_xml_integration_point)),
            Some(index),
        )
    }

    fn create_comment(&self, _text: StrTendril) -> usize {
        self.node(None, None)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> usize {
        self.node(None, None)
    }

    fn append(&self, parent: &usize, child: NodeOrText<usize>) {
        if let NodeOrText::AppendText(text) = child {
            let index = self.element_of.borrow().get(*parent).copied().flatten();
            if let Some(i) = index {
                let mut elements = self.elements.borrow_mut();
                if elements[i].name == "script" && !text.is_empty() {
                    elements[i].has_text = true;
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &usize,
        _prev: &usize,
        child: NodeOrText<usize>,
    ) {
        self.append(element, child);
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &usize) -> usize {
        target + 1
    }

    fn same_node(&self, x: &usize, y: &usize) -> bool {
        self.work.set(self.work.get() + 1);
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, _sibling: &usize, _new_node: NodeOrText<usize>) {}

    fn add_attrs_if_missing(&self, target: &usize, attrs: Vec<Attribute>) {
        if attrs.is_empty() {
            return;
        }
        let name = self.nodes.borrow().get(*target).cloned().flatten();
        if let Some((name, _)) = name {
            self.record(&name, &attrs, true);
        }
    }

    fn remove_from_parent(&self, _target: &usize) {}

    fn reparent_children(&self, _node: &usize, _new_parent: &usize) {}

    fn is_mathml_annotation_xml_integration_point(&self, handle: &usize) -> bool {
        matches!(self.nodes.borrow().get(*handle), Some(Some((_, true))))
    }

    fn set_current_line(&self, line: u64) {
        self.line.set(line);
    }
}

/// Every element of an HTML document, in the order the parser created them.
pub fn parse(html: &str) -> Vec<Element> {
    parse_document(Recorder::default(), Default::default()).one(html)
}

/// What the templates put around a body, on one line, so the body starts on line 2.
const BEFORE: &str = "<!DOCTYPE html><html lang=\"tr\"><head><meta charset=\"utf-8\"><title>s</title></head><body><main><article>\n";
/// Marks the end of the body: if the parser does not create it as it stands, the body left a
/// tag, a quoted value or a comment open, and the template's HTML after it would be read
/// inside that.
const END: &str = "\n<p data-icerik-sonu=\"\"></p></article></main></body></html>";

/// How many open-element look-ups a body may cost the parser: hundreds of times what the
/// longest handbook page needs, reached only by thousands of nested blocks.
const WORK_LIMIT: u64 = 5_000_000;

/// The body is fed to the parser in pieces of this many bytes, so the work limit stops it
/// soon after it is passed.
const PIECE: usize = 1024;

/// The elements a body creates where the templates put it, lines counted from the body's
/// first line, and whether the body ends where it ends (nothing left open). Err(line): the
/// body nests too deep to parse in bounded time.
fn body_elements(body: &str) -> Result<(Vec<Element>, bool), usize> {
    let mut parser = parse_document(Recorder::default(), Default::default());
    parser.process(BEFORE.into());
    let mut rest = body;
    while !rest.is_empty() {
        let mut end = PIECE.min(rest.len());
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        parser.process(rest[..end].into());
        rest = &rest[end..];
        let sink = &parser.tokenizer.sink.sink;
        if sink.work.get() > WORK_LIMIT {
            return Err((sink.line.get() as usize).saturating_sub(1).max(1));
        }
    }
    parser.process(END.into());
    let mut elements = parser.finish();
    let closed = elements.last().is_some_and(|last| {
        last.is_html("p")
            && !last.added
            && last.attrs == [("data-icerik-sonu".to_string(), String::new())]
    });
    if closed {
        elements.pop();
    }
    let elements = elements
        .into_iter()
        .filter(|e| e.line >= 2)
        .map(|e| Element {
            line: e.line - 1,
            ..e
        })
        .collect();
    Ok((elements, closed))
}

/// An element as it stands: what a component (trusted template output) creates may appear in
/// the body exactly so.
pub type Signature = (String, String, Vec<(String, String)>);

pub fn signature(e: &Element) -> Signature {
    let mut attrs = e.attrs.clone();
    attrs.sort();
    (e.ns.clone(), e.name.clone(), attrs)
}

/// The elements a component's HTML creates (trusted: it comes from a template).
pub fn signatures(html: &str) -> HashSet<Signature> {
    body_elements(html)
        .map(|(elements, _)| elements)
        .unwrap_or_default()
        .iter()
        .map(signature)
        .collect()
}

/// Line breaks as the parser counts them: `\n`, `\r\n` and a lone `\r`.
pub fn line_breaks(s: &str) -> usize {
    let b = s.as_bytes();
    (0..b.len())
        .filter(|&i| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')))
        .count()
}

/// A link or image address found in a body.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Line of the body's HTML (1-based).
    pub line: usize,
    pub target: String,
    pub image: bool,
}

/// Why a body is refused: the message, and the line of its HTML (None: the end of the body).
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub line: Option<usize>,
    pub message: String,
}

/// Elements content may use: text structure, tables, lists, and the elements Markdown writes.
/// Nothing that runs code, loads, embeds or frames another document, submits data, styles the
/// page or changes its address; no SVG or MathML inside a page.
const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Attributes every allowed element may have (and `aria-*`).
const GLOBAL_ATTRIBUTES: &[&str] = &["id", "class", "title", "lang", "dir", "role"];

/// Attributes particular elements may have besides the global ones.
fn element_attributes(name: &str) -> &'static [&'static str] {
    match name {
        "a" => &["href", "hreflang"],
        "img" => &["src", "alt", "width", "height", "loading", "decoding"],
        "ol" => &["start", "reversed", "type"],
        "li" => &["value"],
        "td" => &["colspan", "rowspan", "headers", "style"],
        "th" => &["colspan", "rowspan", "headers", "scope", "abbr", "style"],
        "col" | "colgroup" => &["span"],
        "details" => &["open"],
        "time" | "del" | "ins" => &["datetime"],
        // Markdown's task lists: a disabled check box.
        "input" => &["type", "disabled", "checked"],
        _ => &[],
    }
}

/// The Turkish reason an element is refused, and what to do instead.
fn why_element(e: &Element) -> String {
    if e.ns != "html" {
        let what = if e.ns == "svg" { "SVG" } else { "MathML" };
        return format!(
            "içerikte {what} (<{}>) kullanılamaz (sayfada kod çalıştırabilir ya da adres \
             değiştirebilir); çizimi ayrı bir resim dosyası olarak ekleyin",
            e.name
        );
    }
    let n = &e.name;
    let why = match n.as_str() {
        "script" | "noscript" | "template" => "sayfada kod çalıştırabilir",
        "iframe" | "frame" | "frameset" | "object" | "embed" | "applet" | "portal" | "video"
        | "audio" | "source" | "track" | "picture" => {
            "başka bir belgeyi ya da dosyayı sayfaya gömer"
        }
        "form" | "button" | "select" | "textarea" | "option" | "optgroup" | "fieldset"
        | "output" | "datalist" | "label" | "selectedcontent" => "veri gönderebilir",
        "meta" | "base" | "link" | "head" | "title" | "html" | "body" => {
            "sayfanın adresini, kaynaklarını ya da başlığını değiştirir"
        }
        "style" => "sayfanın görünümünü değiştirir",
        _ => "izin verilen öğeler listesinde değil (README, Güvenlik)",
    };
    format!("içerikte <{n}> kullanılamaz ({why}); şablonda bir değişiklik isteyin")
}

/// Addresses a link may have: relative (a page or file of the site), http(s), mailto, tel.
/// Read as a browser reads them (WHATWG URL: tabs and new lines removed, leading spaces and
/// control characters trimmed).
pub(super) fn check_link(target: &str) -> Result<(), String> {
    match url::Url::parse(target) {
        Ok(u) if ["http", "https", "mailto", "tel"].contains(&u.scheme()) => Ok(()),
        Ok(u) => Err(format!(
            "'{}' adresi '{}:' kullanıyor; içerik yalnızca sitenin sayfalarına ve http(s), \
             mailto:, tel: adreslerine bağlantı verebilir",
            target.escape_debug(),
            u.scheme()
        )),
        Err(url::ParseError::RelativeUrlWithoutBase) => Ok(()),
        Err(e) => Err(format!(
            "'{}' geçerli bir adres değil ({e})",
            target.escape_debug()
        )),
    }
}

/// A picture comes from the site itself (a relative address): the page sends no request to
/// another site, and the CSP would block it anyway.
pub(super) fn check_image(target: &str) -> Result<(), String> {
    let base = url::Url::parse("https://site.invalid/a/").expect("a valid base");
    match base.join(target) {
        Ok(u) if u.scheme() == "https" && u.host_str() == Some("site.invalid") => Ok(()),
        _ => Err(format!(
            "resim adresi '{}' sitenin dışını gösteriyor; resmi content/ içine koyup göreli \
             adresle verin (sayfalar başka sitelere istek göndermez)",
            target.escape_debug()
        )),
    }
}

/// Checks one element of content against the allow-list.
fn check_element(e: &Element) -> Result<(), String> {
    if e.added {
        return Err(format!(
            "içerikte <{}> etiketi kullanılamaz (sayfanın kendi <{}> öğesine öznitelik ekler)",
            e.name, e.name
        ));
    }
    if e.ns != "html" || !ELEMENTS.contains(&e.name.as_str()) {
        return Err(why_element(e));
    }
    let name = e.name.as_str();
    for (attr, value) in &e.attrs {
        let attr = attr.as_str();
        if attr.starts_with("on") {
            return Err(format!(
                "<{name}> üzerindeki '{attr}' olay özniteliği içerikte kullanılamaz (sayfada \
                 kod çalıştırabilir)"
            ));
        }
        let aria = attr
            .strip_prefix("aria-")
            .is_some_and(|a| !a.is_empty() && a.bytes().all(|b| b.is_ascii_lowercase()));
        if !(aria || GLOBAL_ATTRIBUTES.contains(&attr) || element_attributes(name).contains(&attr))
        {
            return Err(format!(
                "<{name}> üzerinde '{}' özniteliği kullanılamaz; izin verilenler: {}",
                attr.escape_debug(),
                GLOBAL_ATTRIBUTES
                    .iter()
                    .chain(element_attributes(name))
                    .chain(&["aria-*"])
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        match (name, attr) {
            ("a", "href") => check_link(value)?,
            ("img", "src") => check_image(value)?,
            // Markdown's table column alignment, and nothing else: styles are the site's.
            ("td" | "th", "style")
                if !["left", "center", "right"]
                    .iter()
                    .any(|a| *value == format!("text-align: {a}")) =>
            {
                return Err(format!(
                    "<{name}> üzerinde style=\"{}\" kullanılamaz; yalnızca tablonun hizalaması \
                     (Markdown'da :--- :---: ---:) olur",
                    value.escape_debug()
                ));
            }
            ("input", "type") if value != "checkbox" => {
                return Err(format!(
                    "içerikte <input type=\"{}\"> kullanılamaz; yalnızca Markdown'ın görev \
                     listesi (- [ ] ve - [x]) olur",
                    value.escape_debug()
                ));
            }
            _ => {}
        }
    }
    if name == "input" && (e.attr("type") != Some("checkbox") || e.attr("disabled").is_none()) {
        return Err(
            "içerikte <input> kullanılamaz (veri gönderebilir); yalnızca Markdown'ın görev \
             listesi (- [ ] ve - [x]) olur"
                .into(),
        );
    }
    Ok(())
}

/// Checks a rendered page body: every element it creates where the templates put it is on the
/// allow-list, or exactly an element a component (`trusted`) creates. Returns the body's link
/// and image addresses with their lines.
pub fn check_body(body: &str, trusted: &HashSet<Signature>) -> Result<Vec<Link>, Refusal> {
    let (mut elements, closed) = body_elements(body).map_err(|line| Refusal {
        line: Some(line),
        message: "sayfa çok derin iç içe geçiyor (binlerce alıntı, liste ya da HTML öğesi iç \
                  içe); tarayıcı da böyle bir sayfayı çok yavaş açar: daha az iç içe yazın"
            .into(),
    })?;
    if !closed {
        // What the end mark ran into is the open tag's fault, reported as such below.
        let last = line_breaks(body) + 1;
        elements.retain(|e| e.line <= last);
    }
    let mut links = Vec::new();
    for e in &elements {
        if let Err(message) = check_element(e) {
            if e.added || !trusted.contains(&signature(e)) {
                return Err(Refusal {
                    line: Some(e.line),
                    message,
                });
            }
        }
        if e.ns == "html" {
            let (attr, image) = match e.name.as_str() {
                "a" => ("href", false),
                "img" => ("src", true),
                _ => continue,
            };
            if let Some(target) = e.attr(attr) {
                links.push(Link {
                    line: e.line,
                    target: target.to_string(),
                    image,
                });
            }
        }
    }
    if !closed {
        return Err(Refusal {
            line: None,
            message: "sayfanın HTML'i açık kalan bir etiket, tırnak ya da yorumla bitiyor; \
                      şablonun ardından gelen HTML'i onun içinde okunurdu (<, \" ve <!-- \
                      kapatılmalı)"
                .into(),
        });
    }
    Ok(links)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(body: &str) -> Refusal {
        check_body(body, &HashSet::new()).unwrap_err()
    }

    /// The parser's view, not the text's: character references decoded, names in lower case,
    /// a repeated <body> adding to the page's own element.
    #[test]
    fn elements_are_what_the_parser_builds() {
        let e = parse("<P CLASS=a>x</P><body onload=\"x\"><a href=\"&#106avascript&colon;x\">");
        let p = e.iter().find(|e| e.name == "p").unwrap();
        assert_eq!(p.attrs, [("class".to_string(), "a".to_string())]);
        let body = e.iter().find(|e| e.added).unwrap();
        assert_eq!(body.name, "body");
        let a = e.iter().find(|e| e.name == "a").unwrap();
        assert_eq!(a.attr("href"), Some("javascript:x"));
    }

    #[test]
    fn allow_list() {
        assert_eq!(
            check_body(
                "<p>a <a href=\"sss.html#puk\">b</a></p>\n<img src=\"r.svg\" alt=\"\">\n",
                &HashSet::new()
            )
            .unwrap(),
            [
                Link {
                    line: 1,
                    target: "sss.html#puk".into(),
                    image: false
                },
                Link {
                    line: 2,
                    target: "r.svg".into(),
                    image: true
                }
            ]
        );
        let r = refused("<p>a</p>\n<p>b</p>\n<script>x()</script>\n");
        assert_eq!(r.line, Some(3));
        assert!(
            r.message.starts_with("içerikte <script> kullanılamaz"),
            "{r:?}"
        );
        assert!(refused("<p data-x=\"1\">a</p>")
            .message
            .contains("'data-x'"));
        assert!(refused("<a href=\"vbscript:x\">a</a>")
            .message
            .contains("'vbscript:'"));
        assert!(refused("<a href=\"http://[::1\">a</a>")
            .message
            .contains("geçerli bir adres değil"));
        assert!(refused("<table><tr><td style=\"text-align: left; x\">")
            .message
            .contains("style="));
        assert!(refused("<input type=\"checkbox\">")
            .message
            .contains("<input>"));
        check_body(
            "<table><tr><td style=\"text-align: right\">1</td></tr></table>\
             <input disabled=\"\" type=\"checkbox\" checked=\"\"/><span aria-hidden=\"true\">x</span>",
            &HashSet::new(),
        )
        .unwrap();
    }

    /// Whatever ran past the end (an open quote, tag or comment) is reported as that.
    #[test]
    fn a_body_must_end_closed() {
        for body in [
            "<p title=\"x",
            "<p title='x",
            "<p",
            "<!-- x",
            "<div>\n<b x=1 ",
        ] {
            let r = refused(body);
            assert_eq!(r.line, None, "{body}: {r:?}");
            assert!(r.message.contains("açık kalan"), "{body}: {r:?}");
        }
        check_body("<div><b>unclosed elements are fine", &HashSet::new()).unwrap();
    }

    /// Trusted elements are exactly those a component writes.
    #[test]
    fn component_signatures() {
        let trusted = signatures("<svg viewBox=\"0 0 1 1\"><rect width=\"1\"/></svg>");
        check_body(
            "<svg viewBox=\"0 0 1 1\"><rect width=\"1\"/></svg>",
            &trusted,
        )
        .unwrap();
        assert!(check_body("<svg viewBox=\"0 0 2 2\"></svg>", &trusted).is_err());
        assert!(check_body(
            "<svg viewBox=\"0 0 1 1\"><rect width=\"1\" onclick=\"x\"/></svg>",
            &trusted
        )
        .is_err());
    }

    /// Thousands of nested blocks stop the parse (its work is depth²) with a message, instead
    /// of taking minutes (found by `cargo xtask fuzz content`: 64,000 '>' took over 60 s).
    #[test]
    fn deep_nesting_is_refused_not_slow() {
        let r = refused(&"<div>".repeat(30_000));
        assert!(r.message.contains("çok derin"), "{r:?}");
        assert_eq!(r.line, Some(1));
        check_body(&"<div>".repeat(200), &HashSet::new()).unwrap();
    }
}
