//! What the history needs of PostgreSQL: which tables it covers, which rows a transaction
//! wrote, and how a table's rows are read by row id.
//!
//! PostgreSQL has no update hook. Instead every table the history covers has a trigger
//! (created by `g287 admin init`, [`super::schema`]) that notes the table and row id of each
//! row inserted, updated or deleted into `g287_touched`, a temporary table of the session's own:
//! it lives in the session, never in the database, like SQLite's notes in memory. A session
//! that has no such table (psql, another program) writes without notes, so what it changes is
//! in the tables but not in the history, and `verify` names it, as on SQLite.

use crate::store::Result;
use crate::store::connection::Connection;
use crate::store::sqlite::history::{Source, quoted};

use super::Session;

/// The session's notes, created at connection (the trigger writes nothing without it).
pub(crate) const TOUCHED: &str = "g287_touched";

/// The table of schema versions, which the history does not cover (it names the schema the
/// history is written in).
pub(crate) const VERSION_TABLE: &str = "g287_schema";

/// Every table the history covers, by name: the registry's tables but the history itself,
/// documents' bytes and the schema version.
pub(crate) fn tracked_tables(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
           AND table_name NOT IN ('history', 'document_contents', 'g287_schema')
         ORDER BY table_name::text COLLATE \"C\"",
    )?;
    let names = stmt
        .query_map([], |r| r.get(0))?
        .collect::<crate::store::connection::Result<_>>()?;
    Ok(names)
}

/// The rows this session's transaction wrote, by table, as the triggers noted them; the notes
/// are then cleared, so that the recorded end written after the entry is no part of the next.
pub(crate) fn touched(conn: &Connection) -> Result<Vec<(String, Vec<i64>)>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT tbl, id FROM pg_temp.{TOUCHED}"))?;
    let mut rows = stmt.query([])?;
    let mut tables: Vec<(String, Vec<i64>)> = Vec::new();
    while let Some(r) = rows.next()? {
        let table: String = r.get(0)?;
        let id: i64 = r.get(1)?;
        match tables.iter_mut().find(|(t, _)| *t == table) {
            Some((_, ids)) => ids.push(id),
            None => tables.push((table, vec![id])),
        }
    }
    drop(rows);
    drop(stmt);
    conn.execute(&format!("DELETE FROM pg_temp.{TOUCHED}"), [])?;
    Ok(tables)
}

/// How a table's rows are read by row id: its integer primary key, or its stand-in `rowid`
/// column; its columns in order without that stand-in. Asked of the server once per session
/// and table.
pub(crate) fn source(session: &Session, table: &str) -> Result<Source> {
    if let Some(known) = session.shape(table) {
        return Ok(known);
    }
    let mut client = session.client();
    let columns: Vec<String> = client
        .query(
            "SELECT column_name::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = $1
             ORDER BY ordinal_position",
            &[&table],
        )
        .map_err(crate::store::connection::Error::from)?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let key = if columns.iter().any(|c| c == "rowid") {
        "rowid".to_string()
    } else {
        let keys: Vec<String> = client
            .query(
                "SELECT a.attname::text FROM pg_index i
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                 WHERE i.indrelid = $1::text::regclass AND i.indisprimary",
                &[&quoted(table)],
            )
            .map_err(crate::store::connection::Error::from)?
            .iter()
            .map(|r| r.get(0))
            .collect();
        match keys.as_slice() {
            [one] => one.clone(),
            _ => {
                return Err(crate::store::StoreError::Unusable {
                    path: table.into(),
                    reason: "the table has neither one integer primary key nor a rowid column"
                        .into(),
                });
            }
        }
    };
    let shape = Source {
        from: quoted(table),
        key: quoted(&key),
        columns: columns
            .iter()
            .filter(|c| *c != "rowid")
            .map(|c| quoted(c))
            .collect::<Vec<_>>()
            .join(", "),
    };
    drop(client);
    session.remember_shape(table, &shape);
    Ok(shape)
}
