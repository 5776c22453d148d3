//! Build errors that point at a source file and line: `content/adim-1.md:12: what is wrong`.

use std::fmt;

/// An error in a source file the user edits (content, templates, config).
#[derive(Debug)]
pub struct SourceError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for SourceError {}

/// Builds an `anyhow::Error` for `file:line: message`.
pub fn at(file: impl Into<String>, line: usize, message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(SourceError {
        file: file.into(),
        line,
        message: message.into(),
    })
}

/// Line numbers of many offsets in one text: the line starts are found in one pass, then each
/// lookup is a binary search (rescanning from the start for every link made large pages
/// quadratic: 36k links in 4 MB took 31 s).
pub struct LineIndex {
    /// Byte offset where each line after the first starts.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        LineIndex {
            starts: text
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1)
                .collect(),
        }
    }

    /// 1-based line of a byte offset (the same answer as `line_of`).
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) + 1
    }
}

/// 1-based line number of a byte offset in `text` (one lookup; use `LineIndex` for many).
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The first line of a parser's message, without its own position decorations.
pub fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or("").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
        assert_eq!(
            at("content/x.md", 3, "bad").to_string(),
            "content/x.md:3: bad"
        );
        for text in ["a\nb\nc", "", "\n\n", "abc\n"] {
            let index = LineIndex::new(text);
            for offset in 0..=text.len() + 2 {
                assert_eq!(
                    index.line(offset),
                    line_of(text, offset),
                    "{text:?} @ {offset}"
                );
            }
        }
    }
}
