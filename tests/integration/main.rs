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
mod documents;
mod fuzz;
mod hostile;
mod ice_list;
mod import;
mod linking;
mod national;
mod reliability;
mod report;
mod series;
mod store;
mod tamper;
mod upgrade;
