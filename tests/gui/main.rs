//! The window driven headless with iced_test (tiny-skia): clicks and typing on the real views,
//! messages fed back to the real application, assertions on what the coordinator sees.
//!
//! One test binary for every screen: each binary links iced, wgpu and SQLite, so one per file
//! would cost a link of several hundred megabytes apiece (and once filled CI's disk).

#[path = "../common/mod.rs"]
mod common;

mod agency;
mod app;
mod calendar;
mod catalogue;
mod dashboard;
mod data_filters;
mod documents;
mod focus;
mod keyboard;
mod leaving;
mod messages;
mod national;
mod report;
mod screen_size;

/// The same screens again on a registry on PostgreSQL (a throwaway server of the child's
/// own), through the same registry layer: what the window shows does not depend on the backend.
#[test]
fn the_whole_suite_on_postgresql() {
    common::run_suite_on_postgres("the_whole_suite_on_postgresql");
}
