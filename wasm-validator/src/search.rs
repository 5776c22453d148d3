//! Handbook search, shared by the builder (which writes the index) and the browser (which
//! reads it): the index format, Turkish-aware tokens built on `text::fold`, matching that
//! tolerates suffixes, ranking (headings above body text) and highlighted excerpts.
//!
//! The browser glue is `web/search.rs`; the builder side is `xtask/src/site/search_index.rs`.

mod index;
mod messages;
mod rank;
mod tokens;

pub use index::{DecodeError, Index, Page, Section, FORMAT, INDEX_GLOBAL};
pub use messages::{status_message, MAX_SHOWN};
pub use rank::{Hit, Marked, Results, Searcher};
pub use tokens::{match_quality, query_terms, tokenize, QueryTerm, Token};
