//! Browser glue (wasm32 only): one module per page, each behind the feature the builder
//! compiles it with, so the checker's wasm carries no search code and the other way round.

#[cfg(feature = "checker-ui")]
mod checker;
#[cfg(feature = "search-ui")]
mod search;
