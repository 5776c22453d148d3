//! The builder's integration tests, one binary: each file is a module here, so the xtask
//! library and its dependencies are linked once instead of once per file.

mod build;
mod check_form;
mod deps;
mod incremental;
mod messages;
mod search_index;
mod serve;
mod tidy;
