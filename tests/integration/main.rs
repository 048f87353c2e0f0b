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

/// The same suite again, every test on a registry on PostgreSQL (a throwaway server of the
/// child's own): the store, the importer, the calendar, the dashboard, the reports and the
/// command line give the same results on both backends. Tests about SQLite's file alone say
/// so and return.
#[test]
fn the_whole_suite_on_postgresql() {
    common::run_suite_on_postgres("the_whole_suite_on_postgresql");
}
mod team;
