//! The handbook builder and the project's tasks, as a library so workspace tests can call them.

pub mod cli;
