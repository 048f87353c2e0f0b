//! g287: the workbench of 287(g) program coordinators.
//!
//! - [`domain`]: the program's rules, free of any GUI or database;
//! - [`registry`]: the one API the window and the command line call for every operation,
//!   with typed results and one typed error;
//! - [`store`]: the registry's storage: the contract of a backend, and its SQLite implementation
//!   ([`store::sqlite`], the only place with SQL);
//! - [`import`]: reading ICE's published lists;
//! - [`report`]: printable HTML reports of an agency and of the program;
//! - [`cli`]: the command line;
//! - [`ui`]: the desktop window.

pub mod cli;
pub mod demo;
pub mod documents;
pub mod domain;
pub mod export;
pub mod files;
pub mod import;
pub mod paths;
pub mod registry;
pub mod report;
pub mod store;
pub mod ui;
