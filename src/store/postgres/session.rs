//! A session on the server: one `postgres::Client`, its prepared statements, and the binding
//! of rusqlite's parameters.
//!
//! Parameters reach PostgreSQL as the very values rusqlite would bind: a statement's
//! parameters (`params![..]`, `[id]`, `params_from_iter(..)`, every domain type's `ToSql`) are
//! bound to `SELECT ?1, .., ?N` on a small in-memory SQLite connection of the session's and
//! read back. So a value converts one way on both backends, and the store's calls stay as they
//! are written for SQLite. It costs microseconds per statement, against a round trip to the
//! server.

use rusqlite::types::Value;
use std::cell::RefCell;
use std::collections::HashMap;

use super::translate::placeholders;
use super::value::{Param, row_values};
use crate::store::connection::{Error, Result};
use crate::store::sqlite::history::Source;

/// One connection to the server.
pub struct Session {
    client: RefCell<postgres::Client>,
    statements: RefCell<HashMap<String, postgres::Statement>>,
    binder: rusqlite::Connection,
    shapes: RefCell<HashMap<String, Source>>,
}

impl Session {
    /// Wraps a connected client.
    pub fn new(client: postgres::Client) -> Result<Session> {
        Ok(Session {
            client: RefCell::new(client),
            statements: RefCell::default(),
            binder: rusqlite::Connection::open_in_memory()?,
            shapes: RefCell::default(),
        })
    }

    /// How the history reads a table's rows, if this session asked already.
    pub(crate) fn shape(&self, table: &str) -> Option<Source> {
        self.shapes.borrow().get(table).cloned()
    }

    /// Keeps how the history reads a table's rows, for the rest of the session.
    pub(crate) fn remember_shape(&self, table: &str, shape: &Source) {
        self.shapes
            .borrow_mut()
            .insert(table.to_string(), shape.clone());
    }

    /// The client, for what the store does on PostgreSQL alone.
    pub fn client(&self) -> std::cell::RefMut<'_, postgres::Client> {
        self.client.borrow_mut()
    }

    /// A statement of the store's SQL, its placeholders translated, prepared once per session.
    pub fn prepare(&self, sql: &str) -> Result<Prepared<'_>> {
        if let Some(statement) = self.statements.borrow().get(sql) {
            return Ok(Prepared {
                session: self,
                statement: statement.clone(),
            });
        }
        let statement = self.client.borrow_mut().prepare(&placeholders(sql))?;
        self.statements
            .borrow_mut()
            .insert(sql.to_string(), statement.clone());
        Ok(Prepared {
            session: self,
            statement,
        })
    }

    /// Runs statements without parameters (PostgreSQL's simple query protocol).
    pub fn batch(&self, sql: &str) -> Result<()> {
        Ok(self.client.borrow_mut().batch_execute(sql)?)
    }

    /// The id the last `INSERT` of this session gave its row: the value its identity column's
    /// sequence last handed out.
    pub fn last_insert_id(&self) -> Result<i64> {
        let row = self
            .client
            .borrow_mut()
            .query_one("SELECT lastval()", &[])?;
        Ok(row.get(0))
    }

    /// The values of `params`, as rusqlite binds them, for a statement of `count` parameters.
    fn values<P: rusqlite::Params>(&self, params: P, count: usize) -> Result<Vec<Param>> {
        if count == 0 {
            let mut stmt = self.binder.prepare_cached("SELECT 0")?;
            stmt.query_row(params, |_| Ok(()))?;
            return Ok(Vec::new());
        }
        let select = format!(
            "SELECT {}",
            (1..=count)
                .map(|i| format!("?{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut stmt = self.binder.prepare_cached(&select)?;
        let values = stmt.query_row(params, |r| {
            (0..count)
                .map(|i| r.get::<_, Value>(i))
                .collect::<rusqlite::Result<Vec<_>>>()
        })?;
        Ok(values.into_iter().map(Param).collect())
    }
}

/// The values as the parameters the client takes.
fn as_params(values: &[Param]) -> Vec<&(dyn postgres::types::ToSql + Sync)> {
    values
        .iter()
        .map(|v| v as &(dyn postgres::types::ToSql + Sync))
        .collect()
}

/// A statement prepared on a session.
pub struct Prepared<'c> {
    session: &'c Session,
    statement: postgres::Statement,
}

impl Prepared<'_> {
    fn bound<P: rusqlite::Params>(&self, params: P) -> Result<Vec<Param>> {
        self.session.values(params, self.statement.params().len())
    }

    /// Runs it; returns the number of rows changed.
    pub fn execute<P: rusqlite::Params>(&mut self, params: P) -> Result<usize> {
        let values = self.bound(params)?;
        let changed = self
            .session
            .client
            .borrow_mut()
            .execute(&self.statement, &as_params(&values))?;
        Ok(changed as usize)
    }

    /// Every row, as SQLite values.
    pub fn query<P: rusqlite::Params>(&mut self, params: P) -> Result<Vec<Vec<Value>>> {
        let values = self.bound(params)?;
        let rows = self
            .session
            .client
            .borrow_mut()
            .query(&self.statement, &as_params(&values))?;
        rows.iter()
            .map(|row| row_values(row).map_err(Error::Value))
            .collect()
    }

    /// The names of the result's columns.
    pub fn column_names(&self) -> Vec<String> {
        self.statement
            .columns()
            .iter()
            .map(|c| c.name().to_string())
            .collect()
    }
}
