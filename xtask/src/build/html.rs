//! The builder's HTML helpers: escaping text for HTML/XML and decoding character references,
//! shared by the Markdown stage, the link checker, the search index and the extras.

/// Escapes text for HTML/XML content and attribute values.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Decodes HTML character references: the named ones pulldown-cmark and minijinja write
/// (`&amp; &lt; &gt; &quot; &apos; &nbsp;`) and every numeric one. Unknown ones stay as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities(
                "A &amp; B &lt;x&gt; &quot;q&quot; &#39;s&#x27; &#x130;&#350; &#x2f;&#X2F; &yok; &"
            ),
            "A & B <x> \"q\" 's' İŞ // &yok; &"
        );
    }

    #[test]
    fn escape_round_trips() {
        let text = "a<b> & \"c\"";
        assert_eq!(decode_entities(&escape(text)), text);
    }
}
