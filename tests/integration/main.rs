//! The store, the importer and the command line against real SQLite files in temporary folders,
//! most of it through the real `g287` binary.
//!
//! One test binary for all of them, for the reason given in `tests/gui/main.rs`.

#[path = "../common/mod.rs"]
mod common;

mod calendar;
mod cli;
mod cli_catalogue;
mod dashboard;
mod fuzz;
mod hostile;
mod ice_list;
mod import;
mod reliability;
mod report;
mod series;
mod store;
// A lint of a newer clippy, allowed here rather than fixed in the file that is being changed on
// another branch; remove after the merge.
#[allow(clippy::type_complexity)]
mod tamper;
mod upgrade;
