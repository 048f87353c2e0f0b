//! Moving a registry between backends, history and all: a SQLite file into an empty PostgreSQL
//! database (`g287 copy --to postgres://...`), or a server's registry into a new SQLite file
//! (`--to FILE.sqlite3`).
//!
//! Every row of every table is copied with its row id, and the history with it, entry for
//! entry: nothing is re-recorded, so the copy's history is the original's and `verify` on the
//! copy replays the same chain to the same rows. Both ends are verified: the source before (a
//! registry that does not verify is not copied) and the copy after, which must end at the
//! same entry. The copy is one transaction: a failure leaves the destination as empty as it was.

use std::path::Path;

use super::connection::Connection;
use super::postgres::{history::VERSION_TABLE, schema};
use super::sqlite::history::{self, quoted};
use super::{ChainHead, Result, Store, StoreError};

/// What a copy moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    /// Tables copied.
    pub tables: usize,
    /// Rows copied, history entries and documents' bytes included.
    pub rows: u64,
    /// The history's end, the same at both ends.
    pub head: Option<ChainHead>,
}

/// Copies the registry of `from` into the empty PostgreSQL database at `url`, which it
/// creates as `g287 admin init` does (schema, roles and grants); run by the database's owner.
pub fn to_server(from: &Store, url: &str) -> Result<Copied> {
    let head = verified_head(from)?;
    let mut client = super::postgres::open::client(url)?;
    schema::init(&mut client)?;
    let to = Connection::from_postgres(super::postgres::Session::new(client)?);
    to.execute_batch("BEGIN; ALTER TABLE history DISABLE TRIGGER g287_history_author;")?;
    let copied = copy_rows(from.conn(), &to);
    let copied = match copied {
        Ok(c) => c,
        Err(e) => {
            let _ = to.execute_batch("ROLLBACK");
            return Err(e);
        }
    };
    to.execute_batch(&format!(
        "{}
         ALTER TABLE history ENABLE TRIGGER g287_history_author;
         COMMIT;",
        identity_catch_up(&to)?
    ))?;
    drop(to);
    let copy = Store::connect(url)?;
    check_copy(&copy, url, head.as_ref())?;
    Ok(Copied { head, ..copied })
}

/// Copies the registry of `from` (on a server) into a new SQLite file at `file`, which must
/// not exist.
pub fn to_file(from: &Store, file: &Path) -> Result<Copied> {
    let head = verified_head(from)?;
    if file.exists() {
        return Err(StoreError::Conflict(format!(
            "{}: the file exists; a registry is copied into a new file only",
            file.display()
        )));
    }
    super::sqlite::create_private(file)?;
    let raw = rusqlite::Connection::open(file)?;
    let to = Connection::from_sqlite(raw);
    super::sqlite::migrate_with(&to, file, super::sqlite::migrations::MIGRATIONS)?;
    to.execute_batch("BEGIN IMMEDIATE")?;
    let copied = match copy_rows(from.conn(), &to) {
        Ok(c) => c,
        Err(e) => {
            let _ = to.execute_batch("ROLLBACK");
            drop(to);
            let _ = std::fs::remove_file(file);
            return Err(e);
        }
    };
    to.execute_batch("COMMIT")?;
    drop(to);
    let copy = Store::open(file)?;
    check_copy(&copy, &file.display().to_string(), head.as_ref())?;
    Ok(Copied { head, ..copied })
}

/// The history's end of a registry that verifies; a registry that does not is not copied.
fn verified_head(from: &Store) -> Result<Option<ChainHead>> {
    let v = from.verify()?;
    if !v.ok() {
        return Err(StoreError::HistoryBroken {
            path: from.path().to_path_buf(),
            problem: format!("{} It was not copied.", v.in_words()),
        });
    }
    from.chain_head()
}

/// The copy verifies and ends where its original does.
fn check_copy(copy: &Store, shown: &str, head: Option<&ChainHead>) -> Result<()> {
    let v = copy.verify()?;
    let copied_head = copy.chain_head()?;
    if !v.ok() || copied_head.as_ref() != head {
        return Err(StoreError::HistoryBroken {
            path: shown.into(),
            problem: format!(
                "the copy does not verify as its original does: {} (its history ends at {:?}, the original's at {:?})",
                v.in_words(),
                copied_head.map(|h| h.seq),
                head.map(|h| h.seq)
            ),
        });
    }
    Ok(())
}

/// Copies every row of every table of `from` into the same table of `to`, row ids kept.
fn copy_rows(from: &Connection, to: &Connection) -> Result<Copied> {
    let mut tables = history::tracked_tables(from)?;
    tables.extend(["history".to_string(), history::CONTENTS.to_string()]);
    let mut rows = 0;
    for table in &tables {
        let source = history::source(from, table)?;
        let columns = column_names(from, table, &source)?;
        // Where the row id is no column of the table (SQLite's implicit rowid), it is copied
        // too: the history names rows by it.
        let stand_in = !has_integer_key(from, table, &source)?;
        let mut names: Vec<String> = columns.iter().map(|c| quoted(c)).collect();
        if stand_in {
            names.push("rowid".into());
        }
        let insert = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            quoted(table),
            names.join(", "),
            (1..=names.len())
                .map(|i| format!("?{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut read = from.prepare(&format!(
            "SELECT {key}, {columns} FROM {from} ORDER BY {key}",
            key = source.key,
            columns = source.columns,
            from = source.from,
        ))?;
        let mut found = read.query([])?;
        let mut write = to.prepare_cached(&insert)?;
        while let Some(r) = found.next()? {
            let mut values: Vec<rusqlite::types::Value> = (1..r.column_count())
                .map(|i| r.get(i))
                .collect::<super::connection::Result<_>>(
            )?;
            if stand_in {
                values.push(r.get(0)?);
            }
            write.execute(rusqlite::params_from_iter(values))?;
            rows += 1;
        }
    }
    Ok(Copied {
        tables: tables.len(),
        rows,
        head: None,
    })
}

/// Whether one of the table's columns is its row id (an INTEGER PRIMARY KEY on SQLite; on
/// PostgreSQL, a table without the stand-in `rowid` column).
fn has_integer_key(conn: &Connection, table: &str, source: &history::Source) -> Result<bool> {
    if conn.is_postgres() {
        return Ok(source.key != quoted("rowid"));
    }
    Ok(conn.query_row(
        "SELECT count(*) = 1 AND max(upper(type)) = 'INTEGER' FROM pragma_table_info(?1) WHERE pk > 0",
        [table],
        |r| r.get(0),
    )?)
}

/// The names of a table's columns, in order, without a stand-in row id.
fn column_names(conn: &Connection, _table: &str, source: &history::Source) -> Result<Vec<String>> {
    let stmt = conn.prepare(&format!(
        "SELECT {} FROM {} WHERE 1 = 0",
        source.columns, source.from
    ))?;
    Ok(stmt.column_names())
}

/// Statements that move each identity column's sequence past the rows copied in with their
/// ids, so that the next row inserted gets a new one.
fn identity_catch_up(to: &Connection) -> Result<String> {
    let mut stmt = to.prepare(
        "SELECT table_name::text, column_name::text FROM information_schema.columns
         WHERE table_schema = current_schema() AND is_identity = 'YES'",
    )?;
    let identities: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<super::connection::Result<_>>()?;
    Ok(identities
        .iter()
        .filter(|(table, _)| table != VERSION_TABLE)
        .map(|(table, column)| {
            format!(
                "SELECT setval(pg_get_serial_sequence('{t}', '{c}'), coalesce((SELECT max({qc}) FROM {qt}), 0) + 1, false);",
                t = quoted(table).replace('\'', "''"),
                c = column.replace('\'', "''"),
                qc = quoted(column),
                qt = quoted(table),
            )
        })
        .collect::<Vec<_>>()
        .join("\n"))
}
