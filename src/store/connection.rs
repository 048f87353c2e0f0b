//! The connection the store's SQL runs on: a SQLite file or a PostgreSQL server, behind one
//! small API shaped like rusqlite's (`prepare_cached`, `query_row`, `query_map`, `execute`,
//! `Row::get`), so that every query of the store is written once and runs on both.
//!
//! Why one SQL for two backends: the registry's rules live partly in queries (what an
//! agreement's check reads, what the dashboard counts), and two copies of 9,000 lines would
//! drift; "the same results on both backends" is then a property of the code, not of
//! vigilance. The dialects differ little for what the store writes (plain `SELECT`/`INSERT`/
//! `UPDATE` over integer, real and text columns); what differs is kept here and in
//! [`super::postgres`]:
//! - placeholders: SQLite's `?1` becomes PostgreSQL's `$1` when a statement is prepared;
//! - values: parameters are bound through rusqlite's own `ToSql` (so every conversion of a
//!   domain value is the same on both) and rows come back as rusqlite values (so every
//!   `FromSql` is the same too); PostgreSQL's typed columns are mapped to SQLite's storage
//!   classes ([`super::postgres::value`]);
//! - transactions: begun and ended by statements, not by a driver's guard type.
//!
//! What only one backend has (SQLite's pragmas, update hook and backup API; PostgreSQL's roles
//! and notifications) is reached through [`Connection::sqlite`] or [`Connection::postgres`],
//! in the modules of that backend.

use rusqlite::types::{FromSql, FromSqlError, Value, ValueRef};
use std::cell::Cell;
use std::sync::Arc;

use super::postgres::Session;

/// What can go wrong on a connection: the driver's error, kept whole.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite's error (and rusqlite's conversions, on either backend).
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL's error.
    #[error("{}", super::postgres::describe(.0))]
    Postgres(#[from] postgres::Error),
    /// A value PostgreSQL returned or was given that has no SQLite equivalent.
    #[error("{0}")]
    Value(String),
}

/// A shorthand for results of the connection.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// Whether this is "the query returned no row" (which [`OptionalExtension::optional`] turns
    /// into `None`).
    fn is_no_rows(&self) -> bool {
        matches!(self, Error::Sqlite(rusqlite::Error::QueryReturnedNoRows))
    }
}

impl From<Error> for super::StoreError {
    fn from(e: Error) -> Self {
        match e {
            // Kept as rusqlite's own, so that callers looking for SQLite's codes find them.
            Error::Sqlite(e) => super::StoreError::from(e),
            Error::Postgres(e) => super::postgres::classify(e),
            other => super::StoreError::Database(Arc::new(other)),
        }
    }
}

/// `.optional()` on a query of one row: no row is `None`, as in rusqlite.
pub trait OptionalExtension<T> {
    /// `None` when the query returned no row; any other error stays an error.
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(value) => Ok(Some(value)),
            Err(e) if e.is_no_rows() => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// An open connection to the registry's database, counting the statements it runs (what a
/// screen costs in round trips to a server).
pub struct Connection {
    link: Link,
    statements: Cell<u64>,
}

/// The driver's connection.
enum Link {
    Sqlite(rusqlite::Connection),
    // Boxed: a session holds its client, statements and a SQLite binder, and a registry on a
    // file should not carry that size.
    Postgres(Box<Session>),
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.link {
            Link::Sqlite(_) => f.write_str("Connection(SQLite)"),
            Link::Postgres(_) => f.write_str("Connection(PostgreSQL)"),
        }
    }
}

impl Connection {
    /// A connection to a SQLite file.
    pub fn from_sqlite(conn: rusqlite::Connection) -> Connection {
        Connection {
            link: Link::Sqlite(conn),
            statements: Cell::new(0),
        }
    }

    /// A session on a PostgreSQL server.
    pub fn from_postgres(session: Session) -> Connection {
        Connection {
            link: Link::Postgres(Box::new(session)),
            statements: Cell::new(0),
        }
    }

    /// The SQLite connection, handed back.
    pub fn into_sqlite(self) -> Option<rusqlite::Connection> {
        match self.link {
            Link::Sqlite(conn) => Some(conn),
            Link::Postgres(_) => None,
        }
    }

    /// How many statements this connection has run: each a round trip on a server.
    pub fn statements_run(&self) -> u64 {
        self.statements.get()
    }

    fn count(&self) {
        self.statements.set(self.statements.get() + 1);
    }

    /// The SQLite connection, for what only SQLite has (pragmas, the update hook, backups).
    pub fn sqlite(&self) -> Option<&rusqlite::Connection> {
        match &self.link {
            Link::Sqlite(conn) => Some(conn),
            Link::Postgres(_) => None,
        }
    }

    /// The SQLite connection, mutably.
    pub fn sqlite_mut(&mut self) -> Option<&mut rusqlite::Connection> {
        match &mut self.link {
            Link::Sqlite(conn) => Some(conn),
            Link::Postgres(_) => None,
        }
    }

    /// The PostgreSQL session, for what only PostgreSQL has (roles, notifications).
    pub fn postgres(&self) -> Option<&Session> {
        match &self.link {
            Link::Sqlite(_) => None,
            Link::Postgres(session) => Some(session),
        }
    }

    /// A statement, prepared once per connection and kept.
    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        let kind = match &self.link {
            Link::Sqlite(conn) => StatementKind::SqliteCached(conn.prepare_cached(sql)?),
            Link::Postgres(session) => StatementKind::Postgres(session.prepare(sql)?),
        };
        Ok(Statement {
            kind,
            statements: &self.statements,
        })
    }

    /// A statement prepared for one use (PostgreSQL keeps it like any other).
    pub fn prepare(&self, sql: &str) -> Result<Statement<'_>> {
        let kind = match &self.link {
            Link::Sqlite(conn) => StatementKind::Sqlite(conn.prepare(sql)?),
            Link::Postgres(session) => StatementKind::Postgres(session.prepare(sql)?),
        };
        Ok(Statement {
            kind,
            statements: &self.statements,
        })
    }

    /// Runs one statement; returns the number of rows it changed.
    pub fn execute<P: rusqlite::Params>(&self, sql: &str, params: P) -> Result<usize> {
        match &self.link {
            Link::Sqlite(conn) => {
                self.count();
                Ok(conn.execute(sql, params)?)
            }
            Link::Postgres(_) => self.prepare(sql)?.execute(params),
        }
    }

    /// Runs several statements without parameters.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        self.count();
        match &self.link {
            Link::Sqlite(conn) => Ok(conn.execute_batch(sql)?),
            Link::Postgres(session) => session.batch(sql),
        }
    }

    /// The one row of a query (an error when there is none: see [`OptionalExtension`]).
    pub fn query_row<T, P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
        read: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        self.prepare_cached(sql)?.query_row(params, read)
    }

    /// The id the last `INSERT` on this connection gave its row (SQLite's rowid; PostgreSQL's
    /// identity column, by `lastval()`).
    pub fn last_insert_rowid(&self) -> Result<i64> {
        match &self.link {
            Link::Sqlite(conn) => Ok(conn.last_insert_rowid()),
            Link::Postgres(session) => {
                self.count();
                session.last_insert_id()
            }
        }
    }

    /// A read transaction: every query through it sees the same snapshot of the registry,
    /// whatever another writer commits meanwhile. It writes nothing and ends when dropped.
    pub fn snapshot(&self) -> Result<Snapshot<'_>> {
        self.execute_batch(if self.is_postgres() {
            "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
        } else {
            "BEGIN DEFERRED"
        })?;
        Ok(Snapshot { conn: self })
    }

    /// The file of a SQLite connection (`None` on PostgreSQL, and for an in-memory database).
    pub fn path(&self) -> Option<&str> {
        self.sqlite().and_then(rusqlite::Connection::path)
    }

    /// Which backend this is, for the few statements written differently.
    pub fn is_postgres(&self) -> bool {
        matches!(self.link, Link::Postgres(_))
    }
}

/// A read transaction ([`Connection::snapshot`]); reads go through it as through the
/// connection.
pub struct Snapshot<'c> {
    conn: &'c Connection,
}

impl std::ops::Deref for Snapshot<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for Snapshot<'_> {
    fn drop(&mut self) {
        // It wrote nothing: rolling it back only ends it.
        let _ = self.conn.execute_batch("ROLLBACK");
    }
}

/// A prepared statement.
pub struct Statement<'c> {
    kind: StatementKind<'c>,
    statements: &'c Cell<u64>,
}

/// The driver's statement.
enum StatementKind<'c> {
    /// SQLite's, from its statement cache.
    SqliteCached(rusqlite::CachedStatement<'c>),
    /// SQLite's, for one use.
    Sqlite(rusqlite::Statement<'c>),
    /// PostgreSQL's.
    Postgres(super::postgres::Prepared<'c>),
}

impl Statement<'_> {
    fn count(&self) {
        self.statements.set(self.statements.get() + 1);
    }

    /// Runs it; returns the number of rows changed.
    pub fn execute<P: rusqlite::Params>(&mut self, params: P) -> Result<usize> {
        self.count();
        match &mut self.kind {
            StatementKind::SqliteCached(s) => Ok(s.execute(params)?),
            StatementKind::Sqlite(s) => Ok(s.execute(params)?),
            StatementKind::Postgres(p) => p.execute(params),
        }
    }

    /// Its rows, to step through with [`Rows::next`].
    pub fn query<P: rusqlite::Params>(&mut self, params: P) -> Result<Rows<'_>> {
        self.count();
        match &mut self.kind {
            StatementKind::SqliteCached(s) => Ok(Rows::Sqlite(s.query(params)?)),
            StatementKind::Sqlite(s) => Ok(Rows::Sqlite(s.query(params)?)),
            StatementKind::Postgres(p) => Ok(Rows::Values {
                rows: p.query(params)?,
                at: 0,
            }),
        }
    }

    /// Every row, each read by `read`.
    pub fn query_map<T, P: rusqlite::Params>(
        &mut self,
        params: P,
        mut read: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Result<std::vec::IntoIter<Result<T>>> {
        let mut rows = self.query(params)?;
        let mut read_rows = Vec::new();
        while let Some(row) = rows.next()? {
            read_rows.push(read(&row));
        }
        Ok(read_rows.into_iter())
    }

    /// The first row, read by `read`; an error when there is none.
    pub fn query_row<T, P: rusqlite::Params>(
        &mut self,
        params: P,
        read: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        let mut rows = self.query(params)?;
        match rows.next()? {
            Some(row) => read(&row),
            None => Err(Error::Sqlite(rusqlite::Error::QueryReturnedNoRows)),
        }
    }

    /// Whether the query returns a row.
    pub fn exists<P: rusqlite::Params>(&mut self, params: P) -> Result<bool> {
        Ok(self.query(params)?.next()?.is_some())
    }

    /// The names of its result's columns.
    pub fn column_names(&self) -> Vec<String> {
        match &self.kind {
            StatementKind::SqliteCached(s) => s.column_names().map(str::to_string).collect(),
            StatementKind::Sqlite(s) => s.column_names().map(str::to_string).collect(),
            StatementKind::Postgres(p) => p.column_names(),
        }
    }

    /// How many columns its result has.
    pub fn column_count(&self) -> usize {
        match &self.kind {
            StatementKind::SqliteCached(s) => s.column_count(),
            StatementKind::Sqlite(s) => s.column_count(),
            StatementKind::Postgres(p) => p.column_names().len(),
        }
    }
}

/// The rows of a query, stepped through one at a time.
pub enum Rows<'s> {
    /// SQLite's cursor.
    Sqlite(rusqlite::Rows<'s>),
    /// PostgreSQL's rows, read whole (the server sends them all), as SQLite values.
    Values {
        /// The rows.
        rows: Vec<Vec<Value>>,
        /// The next one.
        at: usize,
    },
}

impl Rows<'_> {
    /// The next row, if any.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Row<'_>>> {
        match self {
            Rows::Sqlite(rows) => Ok(rows.next()?.map(Row::Sqlite)),
            Rows::Values { rows, at } => {
                let row = rows.get(*at).map(|values| Row::Values(values));
                *at += 1;
                Ok(row)
            }
        }
    }
}

/// One row of a result.
pub enum Row<'r> {
    /// SQLite's row.
    Sqlite(&'r rusqlite::Row<'r>),
    /// A row of PostgreSQL's, as SQLite values.
    Values(&'r [Value]),
}

impl Row<'_> {
    /// Column `idx`, converted by rusqlite's `FromSql` whatever the backend.
    pub fn get<I: ColumnIndex, T: FromSql>(&self, idx: I) -> Result<T> {
        let idx = idx.index();
        match self {
            Row::Sqlite(row) => Ok(row.get(idx)?),
            Row::Values(values) => {
                let value = column(values, idx)?;
                T::column_result(ValueRef::from(value))
                    .map_err(|e| Error::Sqlite(conversion_error(idx, value, e)))
            }
        }
    }

    /// How many columns the row has.
    pub fn column_count(&self) -> usize {
        match self {
            Row::Sqlite(row) => row.as_ref().column_count(),
            Row::Values(values) => values.len(),
        }
    }

    /// Column `idx` as it is stored, borrowed.
    pub fn get_ref<I: ColumnIndex>(&self, idx: I) -> Result<ValueRef<'_>> {
        let idx = idx.index();
        match self {
            Row::Sqlite(row) => Ok(row.get_ref(idx)?),
            Row::Values(values) => Ok(ValueRef::from(column(values, idx)?)),
        }
    }
}

/// What names a column of a row: its position (the store never reads a column by name).
pub trait ColumnIndex {
    /// The column's position, from 0.
    fn index(self) -> usize;
}

impl ColumnIndex for usize {
    fn index(self) -> usize {
        self
    }
}

fn column(values: &[Value], idx: usize) -> Result<&Value> {
    values
        .get(idx)
        .ok_or(Error::Sqlite(rusqlite::Error::InvalidColumnIndex(idx)))
}

/// rusqlite's error for a value `FromSql` refused, as its own `Row::get` words it.
fn conversion_error(idx: usize, value: &Value, e: FromSqlError) -> rusqlite::Error {
    let kind = value.data_type();
    match e {
        FromSqlError::InvalidType => rusqlite::Error::InvalidColumnType(idx, String::new(), kind),
        FromSqlError::OutOfRange(i) => rusqlite::Error::IntegralValueOutOfRange(idx, i),
        FromSqlError::Other(err) => rusqlite::Error::FromSqlConversionFailure(idx, kind, err),
        other => rusqlite::Error::FromSqlConversionFailure(idx, kind, Box::new(other)),
    }
}
