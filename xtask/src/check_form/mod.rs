//! `cargo xtask check-form FILE [--json]`: batch check of applicants' form values for the
//! MEBBİS unit. FILE is JSON (an object keyed by field ids, or an array of them) or CSV (a
//! header row of field ids, one applicant per row; `,` `;` or tab separated, as spreadsheets
//! save it; CRLF, CR or LF line breaks). Prints every finding in Turkish per applicant with the
//! portal-ready values, or with `--json` a JSON array with one applicant per line. Exit code:
//! 0 no errors, 1 an applicant has an error, 2 bad file or arguments (with `--json`, stdout
//! then holds `{"error": "…"}`, or the error as the array's last element if reports were
//! already written).
//!
//! Applicants are streamed: each is read, checked and written before the next is read, so
//! memory does not grow with the number of applicants, nor with a long line or value (see
//! `applicant::CELL_LIMIT`).
//!
//! - `cli`: the command line (flags, exit codes, where messages go);
//! - `csv`, `json`: the two readers, each handing over one `applicant::Applicant` at a time;
//! - `applicant`: what both readers hand over, and the reader's own findings (a value cut, a
//!   number in Excel's scientific notation);
//! - `report`: the text and JSON reports;
//! - `file`: one file checked (JSON or CSV told apart, each applicant read, checked, reported);
//! - `stop`: why a run stops with exit code 2, and the Turkish reasons for read/write errors.

mod applicant;
mod cli;
mod csv;
mod file;
mod json;
mod report;
mod stop;

pub use applicant::CELL_LIMIT;
pub use cli::{main, run, run_to, usage_line, Args, Exit};
