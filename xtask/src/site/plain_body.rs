//! The raw-HTML policy (`sanitize::check_body`) for a body that Markdown alone writes: no raw
//! HTML, no component, no footnote, no heading attributes. Every element pulldown-cmark writes
//! for such a body is on the allow-list, so only the addresses of links and images can be
//! refused; they are read from the events, as the HTML parser would read them from the
//! written tags, without parsing the page (which was most of the build's CPU time). Anything
//! this module is not sure of goes to the parser (`plan` gives None).

use super::sanitize::{self, Link, Refusal};
use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

/// Nesting deeper than this goes to the parser, which refuses a body too deep to parse in
/// bounded time; Markdown written by hand stays far below.
const MAX_DEPTH: usize = 64;

/// A link or image tag Markdown will write: the index of its event and its address as the
/// HTML parser reads it back (the attribute's character references decoded).
pub struct Planned {
    event: usize,
    target: String,
    image: bool,
}

/// The address written for `dest`, as the parser reads it: pulldown-cmark percent-encodes
/// what is not safe in a URL and writes `&` and `'` as character references, which the parser
/// decodes.
fn as_read(dest: &str) -> String {
    let mut written = String::with_capacity(dest.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_href(&mut written, dest);
    written.replace("&amp;", "&").replace("&#x27;", "'")
}

fn has_line_break(s: &str) -> bool {
    s.contains(['\n', '\r'])
}

/// The link and image tags of a body, when Markdown alone writes all of it; `events` gives
/// each event and whether Markdown (not raw HTML or a component) wrote it. None: the body
/// needs the HTML parser.
pub fn plan<'a, 'e: 'a>(
    events: impl Iterator<Item = (&'a Event<'e>, bool)>,
) -> Option<Vec<Planned>> {
    let mut planned = Vec::new();
    let mut depth = 0usize;
    // Inside an image everything is its alt text: no tag is written for a nested link.
    let mut image_depth = 0usize;
    for (i, (event, markdown)) in events.enumerate() {
        if !markdown {
            return None;
        }
        match event {
            Event::Start(tag) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return None;
                }
                if image_depth > 0 {
                    image_depth += 1;
                    continue;
                }
                match tag {
                    Tag::Heading { classes, attrs, .. }
                        if !classes.is_empty() || !attrs.is_empty() =>
                    {
                        return None
                    }
                    Tag::FootnoteDefinition(_) | Tag::HtmlBlock => return None,
                    Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        ..
                    } => {
                        if has_line_break(title) {
                            return None;
                        }
                        let target = as_read(dest_url);
                        let target = if *link_type == LinkType::Email {
                            format!("mailto:{target}")
                        } else {
                            target
                        };
                        planned.push(Planned {
                            event: i,
                            target,
                            image: false,
                        });
                    }
                    Tag::Image {
                        dest_url, title, ..
                    } => {
                        if has_line_break(title) {
                            return None;
                        }
                        planned.push(Planned {
                            event: i,
                            target: as_read(dest_url),
                            image: true,
                        });
                        image_depth = 1;
                    }
                    _ => {}
                }
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                image_depth = image_depth.saturating_sub(1);
                if let TagEnd::HtmlBlock | TagEnd::FootnoteDefinition = end {
                    return None;
                }
            }
            // The alt text is written inside the tag: a line break there moves the line the
            // parser gives the image.
            Event::Text(t) | Event::Code(t) if image_depth > 0 && has_line_break(t) => return None,
            Event::FootnoteReference(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::InlineHtml(_) => return None,
            _ => {}
        }
    }
    Some(planned)
}

/// Checks the planned tags of a written body: `at(event)` is where the event's HTML starts
/// and `line_starts` where each line of the HTML after the first starts. The links and images
/// with the HTML line of their tag, or the first address the policy refuses.
pub fn check(
    planned: Vec<Planned>,
    at: impl Fn(usize) -> usize,
    line_starts: &[usize],
) -> Result<Vec<Link>, Refusal> {
    planned
        .into_iter()
        .map(|p| {
            let offset = at(p.event);
            let line = line_starts.partition_point(|&s| s <= offset) + 1;
            let checked = if p.image {
                sanitize::check_image(&p.target)
            } else {
                sanitize::check_link(&p.target)
            };
            match checked {
                Ok(()) => Ok(Link {
                    line,
                    target: p.target,
                    image: p.image,
                }),
                Err(message) => Err(Refusal {
                    line: Some(line),
                    message,
                }),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::markdown::{options, render_checked, NoComponents};
    use pulldown_cmark::Parser;

    /// Bodies whose links, lines and refusals the event reading must give exactly as the
    /// HTML parser does.
    const BODIES: &[&str] = &[
        "a [b](c.html) d\n\n[e](f.html#g) ve [h](<i j.html>)\n",
        "metin\nikinci satır [bağ](ş ü.html?a=1&b='2')\nüç [x](https://ör.nek/ä?q=1&r=2)\n",
        "<ad@ornek.gov.tr> ve <https://ornek.gov.tr/a> ve www.ornek.gov.tr\n",
        "[kötü](javascript:alert(1))\n",
        "satır\n\n![resim](https://baska.site/r.png)\n",
        "![resim](img/r.png \"başlık\") [![iç](i.png)](dis.html)\n",
        "![alt [iç](javascript:x) metin](r.png)\n",
        "[a\nb](c.html) [d](e.html \"başlık\nikinci\")\n",
        "| A | B |\n|:--|--:|\n| [x](y.html) | z |\n| k | [l](m.html) |\n",
        "- [ ] iş [a](b.html)\n- [x] bitti\n  [c](d.html)\n  1. [e](f.html)\n",
        "> [!NOTE]\n> [not](n.html)\n\n> alıntı\n> [a](b.html)\n",
        "## Başlık [bağ](b.html)\n\n### Diğer {#d}\n[x][ref]\n\n[ref]: r.html\n",
        "sert  \nkırılma [a](b.html)\\\n[c](d.html) `kod [e](f)`\n",
        "[x](%zz) [y](http://[::1) [z](data:text/html,x) [t](tel:123) [m](mailto:a@b)\n",
        "satır\r\n[a](b.html)\r\nsatır [c](d.html)\r\n",
        "dipnot[^1] [a](b.html)\n\n[^1]: [c](d.html)\n",
        "## Öznitelikli {.sinif #k}\n[a](b.html)\n",
        "<b>ham</b> [a](b.html)\n",
        "```\n[a](b.html)\n```\n\n    [c](d.html)\n\n[e](f.html)\n",
    ];

    fn both(src: &str) -> (String, String) {
        let show = |plain| {
            let r = render_checked(src, "content/t.md", 4, &NoComponents, plain);
            match r {
                Ok(r) => format!("{:?}\n{}", r.links, r.html),
                Err(e) => e.to_string(),
            }
        };
        (show(true), show(false))
    }

    #[test]
    fn events_give_the_links_lines_and_refusals_of_the_html_parser() {
        for src in BODIES {
            let (plain, parsed) = both(src);
            assert_eq!(plain, parsed, "{src:?}");
        }
        let content = crate::project_root().join("content");
        let mut pages = 0;
        for path in crate::site::paths::walk(&content, "content/").unwrap() {
            if path.extension().is_some_and(|e| e == "md") {
                let src = std::fs::read_to_string(&path).unwrap();
                let (plain, parsed) = both(&src);
                assert_eq!(plain, parsed, "{}", path.display());
                pages += 1;
            }
        }
        assert!(pages > 10, "handbook pages read: {pages}");
    }

    fn planned(src: &str) -> Option<Vec<(String, bool)>> {
        let events: Vec<Event> = Parser::new_ext(src, options()).collect();
        plan(events.iter().map(|e| (e, true)))
            .map(|p| p.into_iter().map(|p| (p.target, p.image)).collect())
    }

    #[test]
    fn only_bodies_markdown_alone_writes_are_read_from_events() {
        assert_eq!(
            planned("[a](<b c&'ş.html>) <a@b.tr> ![r](r.png)\n"),
            Some(vec![
                ("b%20c&'%C5%9F.html".to_string(), false),
                ("mailto:a@b.tr".to_string(), false),
                ("r.png".to_string(), true),
            ])
        );
        assert_eq!(planned("![a [b](c)](d.png)\n").map(|p| p.len()), Some(1));
        for needs_parser in [
            "<b>x</b>\n",
            "<div>\nx\n</div>\n",
            "a[^1]\n\n[^1]: b\n",
            "## A {.b}\n",
            "[a](b \"c\nd\")\n",
            &">".repeat(MAX_DEPTH + 1),
        ] {
            assert!(planned(needs_parser).is_none(), "{needs_parser:?}");
        }
    }
}
