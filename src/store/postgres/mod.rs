//! The PostgreSQL backend: a registry shared by a team on a database server. The store's SQL is
//! the same as SQLite's ([`super::connection`]); this module holds what only PostgreSQL has:
//! the session (placeholders translated, values bound and read back as SQLite's), the schema
//! and its versions, the roles a team's members log in with, and the notes of the rows a
//! transaction wrote, which the history records.

pub mod history;
pub mod listen;
pub mod open;
pub mod schema;
pub mod session;
pub mod translate;
pub mod value;

pub use session::{Prepared, Session};

use super::StoreError;

/// PostgreSQL's error in words: its message, with the detail and hint the server gave.
pub fn describe(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut text = db.message().to_string();
            if let Some(detail) = db.detail() {
                text.push_str(": ");
                text.push_str(detail);
            }
            if let Some(hint) = db.hint() {
                text.push_str(" (");
                text.push_str(hint);
                text.push(')');
            }
            text
        }
        None => e.to_string(),
    }
}

/// PostgreSQL's error as the store's: a lost connection, a refusal of the role's grants, a
/// writer that waited too long, or any other error of the database.
pub fn classify(e: postgres::Error) -> StoreError {
    use postgres::error::SqlState;
    let Some(db) = e.as_db_error() else {
        return if e.is_closed() {
            StoreError::Disconnected(e.to_string())
        } else {
            StoreError::Disconnected(describe(&e))
        };
    };
    let code = db.code();
    if *code == SqlState::INSUFFICIENT_PRIVILEGE {
        StoreError::NotAllowed {
            login: "this login".into(),
            reason: describe(&e),
            may: "it may only what its g287 role grants".into(),
        }
    } else if [
        SqlState::T_R_SERIALIZATION_FAILURE,
        SqlState::T_R_DEADLOCK_DETECTED,
        SqlState::LOCK_NOT_AVAILABLE,
        SqlState::QUERY_CANCELED,
    ]
    .contains(code)
    {
        StoreError::Locked(std::path::PathBuf::from("the registry's server"))
    } else if code.code().starts_with("08") || code.code().starts_with("57P") {
        StoreError::Disconnected(describe(&e))
    } else {
        StoreError::Database(std::sync::Arc::new(super::connection::Error::Value(
            describe(&e),
        )))
    }
}
