//! The history that proves the registry: one chained entry per transaction, carrying the full
//! new row of every row the transaction inserted or updated and the id of every row it
//! deleted, in every table g287 keeps (the descriptive `audit_log` included).
//!
//! How the rows are found: on every connection it opens, g287 registers SQLite's update hook,
//! which tells it the table and rowid of each row inserted, updated or deleted on that
//! connection ([`Touched`], in memory, never in the file). At commit, [`record`] reads those
//! rows as they now stand, writes them as one entry chained by SHA-256 to the one before, and
//! forgets the notes; all in the same transaction. A program other than g287 writes without the
//! hook, so what it changes is in the tables but not in the history, and `verify` finds it by
//! replaying the history into rows and comparing them with every table, naming the first
//! table, row and column that differ.
//!
//! The hook is not called for two kinds of change, which g287 therefore never makes: rows a
//! `REPLACE` removes on a conflict, and a `DELETE` without `WHERE` (SQLite's truncate
//! optimization). It is not called for tables `WITHOUT ROWID` either; g287 has none. (Triggers
//! noting the rows in a temporary table did the same work at twice the cost of an import.)
//!
//! The entry's `changes` is JSON, written by this module alone so that it reads back to the
//! very text a row gives again: `[{"t":TABLE,"c":[COLUMNS],"r":[[ROWID,VALUES..],..],"d":[ROWIDS]},..]`,
//! tables by name, rows by rowid.
//!
//! A later schema change that alters a table's rows (a new column) must be followed by a
//! snapshot entry ([`record_everything`]) written in the migration's transaction, after the
//! history before it was verified; the conversion of the older audit chain does just that.

use crate::store::connection::{Connection, OptionalExtension};
use rusqlite::params;
use rusqlite::types::ValueRef;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use super::Result;
use super::audit::{ChainHead, hex};

/// The `prev_hash` of the first entry.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Where the chain's end is recorded in `meta` (the one row the history does not cover: it
/// names the entry that covers everything else).
pub(crate) const HEAD_KEY: &str = "history_head";

/// The table of documents' bytes, which the history does not copy (a 3 MB PDF would be stored
/// a second time, as hex): the history carries each document's SHA-256 and size in
/// `documents`, and `verify` hashes every content against them instead
/// (`documents::check_contents`).
pub(crate) const CONTENTS: &str = "document_contents";

/// Every table the history covers, by name: all of the file's tables but SQLite's own, the
/// history itself, and [`CONTENTS`].
pub(crate) fn tracked_tables(conn: &Connection) -> Result<Vec<String>> {
    if conn.is_postgres() {
        return crate::store::postgres::history::tracked_tables(conn);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT name FROM main.sqlite_schema
         WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name <> 'history'
           AND name <> 'document_contents'
         ORDER BY name",
    )?;
    let names = stmt
        .query_map([], |r| r.get(0))?
        .collect::<crate::store::connection::Result<_>>()?;
    Ok(names)
}

/// Whether the file has the history of schema 4 (an older one has only the audit chain).
pub(crate) fn present(conn: &Connection) -> Result<bool> {
    if conn.is_postgres() {
        // A registry on a server starts at a schema with the history.
        return Ok(true);
    }
    Ok(conn.query_row(
        "SELECT count(*) > 0 FROM main.sqlite_schema WHERE type = 'table' AND name = 'history'",
        [],
        |r| r.get(0),
    )?)
}

/// The rows written on one connection since its last entry, as SQLite's update hook reported
/// them: per table, rowids in the order written (with repeats).
#[derive(Debug, Default)]
pub(crate) struct Touched {
    tables: Vec<(String, Vec<i64>)>,
}

impl Touched {
    fn note(&mut self, table: &str, rowid: i64) {
        match self.tables.iter_mut().find(|(t, _)| t == table) {
            Some((_, rows)) => rows.push(rowid),
            None => self.tables.push((table.to_string(), vec![rowid])),
        }
    }
}

/// The notes of one connection, shared with its update hook.
pub(crate) type Notes = Arc<Mutex<Touched>>;

/// Registers, on this connection only, the update hook that notes every row written (see the
/// module's documentation), and returns its notes.
pub(crate) fn install_tracking(conn: &mut rusqlite::Connection) -> Result<Notes> {
    let notes: Notes = Arc::default();
    let hook_notes = Arc::clone(&notes);
    conn.update_hook(Some(
        move |_: rusqlite::hooks::Action, db: &str, table: &str, rowid: i64| {
            if db == "main"
                && table != "history"
                && table != CONTENTS
                && !table.starts_with("sqlite")
                && let Ok(mut touched) = hook_notes.lock()
            {
                touched.note(table, rowid);
            }
        },
    ))?;
    Ok(notes)
}

/// Forgets what was noted: at the start of a transaction, what a rolled-back one wrote.
pub(crate) fn forget(notes: &Notes) {
    if let Ok(mut touched) = notes.lock() {
        touched.tables.clear();
    }
}

/// A name as an SQL identifier.
pub(crate) fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Which rows an entry carries.
enum Scope {
    /// The rows this transaction wrote, as noted, by table.
    Touched(Vec<(String, Vec<i64>)>),
    /// Every row of every table: the registry as it stands.
    Everything,
}

/// Writes the entry of the transaction on `conn`: every row it wrote, chained to the entry
/// before. Writes nothing when the transaction changed no row. Call it last, just before the
/// commit, in the same transaction.
pub(crate) fn record(
    conn: &Connection,
    notes: &Notes,
    at: &str,
    who: &str,
) -> Result<Option<ChainHead>> {
    let mut tables = if conn.is_postgres() {
        crate::store::postgres::history::touched(conn)?
    } else {
        notes
            .lock()
            .map(|mut t| std::mem::take(&mut t.tables))
            .unwrap_or_default()
    };
    tables.sort_by(|a, b| a.0.cmp(&b.0));
    for (_, rows) in &mut tables {
        rows.sort_unstable();
        rows.dedup();
    }
    let head = append(conn, at, who, None, Scope::Touched(tables));
    // The recorded end, written after the entry, is no part of the next one.
    forget(notes);
    head
}

/// Writes an entry carrying every row of every table under `action`: the start of the history
/// of a registry whose earlier history was verified in another form.
pub(crate) fn record_everything(
    conn: &Connection,
    at: &str,
    who: &str,
    action: &str,
) -> Result<Option<ChainHead>> {
    append(conn, at, who, Some(action), Scope::Everything)
}

fn append(
    conn: &Connection,
    at: &str,
    who: &str,
    action: Option<&str>,
    scope: Scope,
) -> Result<Option<ChainHead>> {
    let (tables, everything): (Vec<(String, Vec<i64>)>, bool) = match scope {
        Scope::Touched(tables) => (tables, false),
        Scope::Everything => (
            tracked_tables(conn)?
                .into_iter()
                .map(|t| (t, Vec::new()))
                .collect(),
            true,
        ),
    };
    let mut changes = String::from("[");
    let mut blocks = 0;
    let mut described_by = None;
    for (table, rows) in &tables {
        if table == "audit_log" {
            described_by = rows.first().map(|first| (*first, rows.len()));
        }
        let block = if everything {
            whole_block(conn, table)?
        } else {
            touched_block(conn, table, rows)?
        };
        if let Some(block) = block {
            if blocks > 0 {
                changes.push(',');
            }
            changes.push_str(&block);
            blocks += 1;
        }
    }
    changes.push(']');
    if blocks == 0 {
        return Ok(None);
    }
    let action = match action {
        Some(a) => a.to_string(),
        None => described(conn, described_by)?,
    };
    let (last_seq, prev): (i64, String) = conn
        .prepare_cached("SELECT seq, hash FROM history ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, GENESIS.to_string()));
    let seq = last_seq + 1;
    let hash = entry_hash(seq, at, who, &action, &changes, &prev);
    conn.prepare_cached(
        "INSERT INTO history (seq, at, who, action, changes, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![seq, at, who, action, changes, prev, hash])?;
    conn.prepare_cached(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![HEAD_KEY, format!("{seq} {hash}")])?;
    Ok(Some(ChainHead { seq, hash }))
}

/// What the transaction did, in words, from the descriptive entries it wrote to `audit_log`
/// (the first one's `seq`, and how many): "agreement 17 status", "agreement 17 create and
/// 3,211 more".
fn described(conn: &Connection, entries: Option<(i64, usize)>) -> Result<String> {
    let Some((seq, n)) = entries else {
        return Ok("changes without a described entry".into());
    };
    let first = conn
        .prepare_cached("SELECT entity, entity_id, action FROM audit_log WHERE seq = ?1")?
        .query_row([seq], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .optional()?;
    Ok(match first {
        Some((entity, id, action)) => {
            let record = match id {
                Some(id) => format!("{entity} {id}"),
                None => entity,
            };
            match n {
                1 => format!("{record} {action}"),
                n => format!("{record} {action} and {} more", n - 1),
            }
        }
        None => "changes without a described entry".into(),
    })
}

/// The block of one table for the rows the transaction wrote in it, `rows` sorted (`None`:
/// none). Runs of consecutive rowids (what an import appends) are read by one range query
/// each; a rowid noted and no longer there was deleted.
fn touched_block(conn: &Connection, table: &str, rows: &[i64]) -> Result<Option<String>> {
    let Source { from, key, columns } = source(conn, table)?;
    let except_head = if table == "meta" {
        format!(" AND key {} '{HEAD_KEY}'", is_not(conn))
    } else {
        String::new()
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {key}, {columns} FROM {from} WHERE {key} BETWEEN ?1 AND ?2{except_head} ORDER BY {key}"
    ))?;
    let columns: Vec<String> = stmt.column_names().into_iter().skip(1).collect();
    let mut block = Block::new(table, &columns);
    let mut start = 0;
    while start < rows.len() {
        let mut end = start + 1;
        while end < rows.len() && rows[end] == rows[end - 1] + 1 {
            end += 1;
        }
        let (lo, hi) = (rows[start], rows[end - 1]);
        let mut expected = lo;
        let mut found = stmt.query([lo, hi])?;
        while let Some(r) = found.next()? {
            let r = &r;
            let rowid: i64 = r.get(0)?;
            while expected < rowid {
                block.deleted(expected);
                expected += 1;
            }
            block.row(rowid, r, 1)?;
            expected = rowid + 1;
        }
        while expected <= hi {
            block.deleted(expected);
            expected += 1;
        }
        start = end;
    }
    Ok(block.finish())
}

/// The block of one table with every row it holds (`None`: it is empty).
fn whole_block(conn: &Connection, table: &str) -> Result<Option<String>> {
    let mut stmt = conn.prepare(&whole_table_query(conn, table)?)?;
    let columns: Vec<String> = stmt.column_names().into_iter().skip(1).collect();
    let mut block = Block::new(table, &columns);
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let r = &r;
        block.row(r.get(0)?, r, 1)?;
    }
    Ok(block.finish())
}

/// Every row of a table the history covers, by rowid: the rowid first, then its columns.
fn whole_table_query(conn: &Connection, table: &str) -> Result<String> {
    let Source { from, key, columns } = source(conn, table)?;
    let except_head = if table == "meta" {
        format!(" WHERE key {} '{HEAD_KEY}'", is_not(conn))
    } else {
        String::new()
    };
    Ok(format!(
        "SELECT {key}, {columns} FROM {from}{except_head} ORDER BY {key}"
    ))
}

/// How a table's rows are read by row id, in SQL.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    /// The table, as a query names it.
    pub(crate) from: String,
    /// Its row id: SQLite's `rowid`; on PostgreSQL the integer primary key, or the `rowid`
    /// column that stands in for SQLite's where there is none.
    pub(crate) key: String,
    /// Its columns, in order (without the stand-in `rowid`).
    pub(crate) columns: String,
}

pub(crate) fn source(conn: &Connection, table: &str) -> Result<Source> {
    if let Some(session) = conn.postgres() {
        return crate::store::postgres::history::source(session, table);
    }
    Ok(Source {
        from: format!("main.{}", quoted(table)),
        key: "rowid".into(),
        columns: "*".into(),
    })
}

/// "is not" for values that may be NULL, in the backend's words.
fn is_not(conn: &Connection) -> &'static str {
    if conn.is_postgres() {
        "IS DISTINCT FROM"
    } else {
        "IS NOT"
    }
}

/// One table's part of an entry, being written.
struct Block {
    text: String,
    rows: usize,
    deleted: Vec<i64>,
}

impl Block {
    fn new(table: &str, columns: &[String]) -> Block {
        let mut text = String::from("{\"t\":");
        push_json_str(&mut text, table);
        text.push_str(",\"c\":[");
        for (i, c) in columns.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            push_json_str(&mut text, c);
        }
        text.push_str("],\"r\":[");
        Block {
            text,
            rows: 0,
            deleted: Vec::new(),
        }
    }

    /// Adds the row whose columns start at `first` in `r`.
    fn row(
        &mut self,
        rowid: i64,
        r: &crate::store::connection::Row<'_>,
        first: usize,
    ) -> crate::store::connection::Result<()> {
        if self.rows > 0 {
            self.text.push(',');
        }
        push_row(&mut self.text, rowid, r, first)?;
        self.rows += 1;
        Ok(())
    }

    fn deleted(&mut self, rowid: i64) {
        self.deleted.push(rowid);
    }

    fn finish(mut self) -> Option<String> {
        if self.rows == 0 && self.deleted.is_empty() {
            return None;
        }
        self.text.push_str("],\"d\":[");
        for (i, id) in self.deleted.iter().enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            let _ = write!(self.text, "{id}");
        }
        self.text.push_str("]}");
        Some(self.text)
    }
}

/// A row as the history writes it: `[ROWID,VALUE,..]`.
fn push_row(
    out: &mut String,
    rowid: i64,
    r: &crate::store::connection::Row<'_>,
    first: usize,
) -> crate::store::connection::Result<()> {
    out.push('[');
    push_integer(out, rowid);
    for i in first..r.column_count() {
        out.push(',');
        push_value(out, r.get_ref(i)?);
    }
    out.push(']');
    Ok(())
}

/// One value, in a form that reads back to the same text and tells every stored value from
/// every other: text as a JSON string (or `{"x":HEX}` when it is not UTF-8), a blob as
/// `{"b":HEX}`, a real that JSON has no number for as `{"r":TEXT}`.
fn push_value(out: &mut String, v: ValueRef<'_>) {
    match v {
        ValueRef::Null => out.push_str("null"),
        ValueRef::Integer(i) => push_integer(out, i),
        ValueRef::Real(f) if f.is_finite() => {
            // A real that is a whole number still reads as a real ("3.0"), never as an integer.
            out.push_str(&serde_json::to_string(&f).unwrap_or_else(|_| "null".into()))
        }
        ValueRef::Real(f) => {
            let _ = write!(out, "{{\"r\":\"{f}\"}}");
        }
        ValueRef::Text(bytes) => match std::str::from_utf8(bytes) {
            Ok(text) => push_json_str(out, text),
            Err(_) => {
                let _ = write!(out, "{{\"x\":\"{}\"}}", hex(bytes));
            }
        },
        ValueRef::Blob(bytes) => {
            let _ = write!(out, "{{\"b\":\"{}\"}}", hex(bytes));
        }
    }
}

/// A string as serde_json writes it. Most need no escape (serde_json escapes only `"`, `\\` and
/// control characters), and are copied between quotes: `verify` writes some 600,000 rows.
fn push_json_str(out: &mut String, s: &str) {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push('"');
        out.push_str(s);
        out.push('"');
    } else {
        out.push_str(&serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into()));
    }
}

/// An integer's digits.
fn push_integer(out: &mut String, n: i64) {
    let mut buf = [0u8; 20];
    // `decimal` writes ASCII digits and a sign only.
    out.push_str(std::str::from_utf8(super::audit::decimal(Some(n), &mut buf)).unwrap_or("0"));
}

/// An entry's hash: SHA-256 over its fields and the hash of the entry before, a unit separator
/// after each so that no two different entries hash the same bytes.
fn entry_hash(seq: i64, at: &str, who: &str, action: &str, changes: &str, prev: &str) -> String {
    let mut h = Sha256::new();
    for field in [
        seq.to_string().as_bytes(),
        at.as_bytes(),
        who.as_bytes(),
        action.as_bytes(),
        changes.as_bytes(),
        prev.as_bytes(),
    ] {
        h.update(field);
        h.update([0x1f]);
    }
    hex(&h.finalize())
}

/// A row the tables and the history disagree on: the first one found (tables by name, rows by
/// rowid).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowDifference {
    /// The table.
    pub table: String,
    /// The row's rowid (its `id` where it has one).
    pub row: i64,
    /// The first column that differs (`None` when the whole row is missing or extra).
    pub column: Option<String>,
    /// What the history says the row holds (`None`: no such row).
    pub in_history: Option<String>,
    /// What the table holds (`None`: no such row).
    pub in_table: Option<String>,
}

impl RowDifference {
    /// "agencies row 5, column name: the history has "Polk County Sheriff's Office", the table
    /// "Tampered PD"", or the row's insertion or deletion outside g287.
    pub fn in_words(&self) -> String {
        let at = format!("{} row {}", self.table, self.row);
        match (&self.column, &self.in_history, &self.in_table) {
            (Some(column), Some(h), Some(t)) => format!(
                "{at}, column {column}: the history has {h}, the table {t} (changed outside g287)"
            ),
            (None, Some(_), None) => format!("{at} was deleted outside g287"),
            (None, None, Some(_)) => format!("{at} was inserted outside g287"),
            (_, h, t) => format!(
                "{at}: the history has {}, the table {}",
                h.as_deref().unwrap_or("nothing"),
                t.as_deref().unwrap_or("nothing")
            ),
        }
    }
}

/// One table's block as read back.
#[derive(Deserialize)]
struct ReadBlock<'a> {
    t: String,
    c: Vec<String>,
    #[serde(borrow)]
    r: Vec<&'a RawValue>,
    d: Vec<i64>,
}

/// The registry as the history tells it. Entries are kept whole, as read; each row is a range
/// of its entry's text, noted per table with the entry's position, and sorted by rowid once all
/// are read, so that the comparison with the tables is a merge of two sorted lists (no
/// per-row allocation, no hashing of 600,000 rows).
#[derive(Default)]
pub(crate) struct Replay {
    entries: Vec<String>,
    tables: HashMap<String, usize>,
    columns: Vec<Rc<[String]>>,
    /// Per table (by [`Replay::tables`]), every row written or deleted, in history order.
    written: Vec<Vec<Written>>,
}

/// A row as one entry left it.
struct Written {
    rowid: i64,
    /// The entry's position in [`Replay::entries`].
    entry: u32,
    /// Where the row's text is in the entry, and its columns; `None`: deleted.
    row: Option<(usize, usize, u32)>,
}

impl Replay {
    /// Applies one entry's changes. `Err` names what cannot be read.
    pub(crate) fn apply(&mut self, changes: String) -> std::result::Result<(), String> {
        let entry = self.entries.len() as u32;
        {
            let blocks: Vec<ReadBlock<'_>> = serde_json::from_str(&changes)
                .map_err(|e| format!("its changes cannot be read: {e}"))?;
            let base = changes.as_ptr() as usize;
            for block in blocks {
                let next = self.tables.len();
                let table = *self.tables.entry(block.t).or_insert(next);
                if table == self.written.len() {
                    self.written.push(Vec::new());
                }
                let columns: Rc<[String]> = block.c.into();
                let shape = match self.columns.iter().position(|c| *c == columns) {
                    Some(i) => i as u32,
                    None => {
                        self.columns.push(columns);
                        (self.columns.len() - 1) as u32
                    }
                };
                let written = &mut self.written[table];
                for raw in block.r {
                    let text = raw.get();
                    let rowid = leading_rowid(text).ok_or("a row without its rowid")?;
                    let start = text.as_ptr() as usize - base;
                    written.push(Written {
                        rowid,
                        entry,
                        row: Some((start, text.len(), shape)),
                    });
                }
                written.extend(block.d.into_iter().map(|rowid| Written {
                    rowid,
                    entry,
                    row: None,
                }));
            }
        }
        self.entries.push(changes);
        Ok(())
    }

    /// Compares the replayed rows with every table: the first difference (tables by name, rows
    /// by rowid), how many rows differ, and how many the history proves.
    pub(crate) fn compare(
        mut self,
        conn: &Connection,
    ) -> Result<(Option<RowDifference>, usize, usize)> {
        // Each rowid's last state: sorted by rowid, then history order; the last of a run wins.
        for written in &mut self.written {
            written.sort_unstable_by_key(|w| (w.rowid, w.entry));
            written.reverse();
            written.dedup_by_key(|w| w.rowid);
            written.reverse();
            written.retain(|w| w.row.is_some());
        }
        let existing = tracked_tables(conn)?;
        let mut found: Vec<RowDifference> = Vec::new();
        let mut proven = 0;
        let mut text = String::new();
        let empty = Vec::new();
        for table in &existing {
            let held = match self.tables.get(table) {
                Some(&i) => &self.written[i],
                None => &empty,
            };
            let mut next = 0;
            let mut stmt = conn.prepare(&whole_table_query(conn, table)?)?;
            let columns: Vec<String> = stmt.column_names().into_iter().skip(1).collect();
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let r = &r;
                let rowid: i64 = r.get(0)?;
                text.clear();
                push_row(&mut text, rowid, r, 1)?;
                while next < held.len() && held[next].rowid < rowid {
                    found.push(self.deleted(table, &held[next]));
                    next += 1;
                }
                match held.get(next).filter(|w| w.rowid == rowid) {
                    Some(w) => {
                        next += 1;
                        let (held_text, shape) = self.text_of(w);
                        let held_columns = &self.columns[shape as usize];
                        if held_text == text && **held_columns == *columns {
                            proven += 1;
                        } else {
                            found.push(edited(
                                table,
                                rowid,
                                held_columns,
                                held_text,
                                &columns,
                                &text,
                            ));
                        }
                    }
                    None => found.push(RowDifference {
                        table: table.clone(),
                        row: rowid,
                        column: None,
                        in_history: None,
                        in_table: Some(text.clone()),
                    }),
                }
            }
            found.extend(held[next..].iter().map(|w| self.deleted(table, w)));
        }
        // Tables the history holds rows of and the file no longer has.
        for (table, &i) in &self.tables {
            if !existing.contains(table) {
                found.extend(self.written[i].iter().map(|w| self.deleted(table, w)));
            }
        }
        let differing = found.len();
        let first = found
            .into_iter()
            .min_by(|a, b| (&a.table, a.row).cmp(&(&b.table, b.row)));
        Ok((first, differing, proven))
    }

    /// A row's text as its entry holds it, and the columns it was written under.
    fn text_of(&self, w: &Written) -> (&str, u32) {
        let (start, len, shape) = w.row.unwrap_or((0, 0, 0));
        (&self.entries[w.entry as usize][start..start + len], shape)
    }

    /// A row the history holds and the table does not.
    fn deleted(&self, table: &str, w: &Written) -> RowDifference {
        RowDifference {
            table: table.to_string(),
            row: w.rowid,
            column: None,
            in_history: Some(self.text_of(w).0.to_string()),
            in_table: None,
        }
    }
}

/// The rowid a row's text starts with (`[ROWID,`).
fn leading_rowid(text: &str) -> Option<i64> {
    let rest = text.strip_prefix('[')?;
    let end = rest.find([',', ']'])?;
    rest[..end].trim().parse().ok()
}

/// A row whose text differs: names the first column whose value differs.
fn edited(
    table: &str,
    rowid: i64,
    held_columns: &[String],
    held: &str,
    columns: &[String],
    text: &str,
) -> RowDifference {
    let values = |t: &str| serde_json::from_str::<Vec<serde_json::Value>>(t).unwrap_or_default();
    let held_values = values(held);
    let values = values(text);
    // Values after the rowid, by column name, so that a column added or lost is named too.
    let of = |names: &[String], vals: &[serde_json::Value], name: &str| {
        names
            .iter()
            .position(|c| c == name)
            .and_then(|i| vals.get(i + 1).cloned())
    };
    let mut names: Vec<&String> = columns.iter().collect();
    for c in held_columns {
        if !names.contains(&c) {
            names.push(c);
        }
    }
    let column = names
        .into_iter()
        .find(|name| of(held_columns, &held_values, name) != of(columns, &values, name));
    match column {
        Some(name) => {
            let show = |v: Option<serde_json::Value>| {
                v.map(|v| v.to_string())
                    .unwrap_or_else(|| "no such column".into())
            };
            RowDifference {
                table: table.to_string(),
                row: rowid,
                column: Some(name.clone()),
                in_history: Some(show(of(held_columns, &held_values, name))),
                in_table: Some(show(of(columns, &values, name))),
            }
        }
        None => RowDifference {
            table: table.to_string(),
            row: rowid,
            column: None,
            in_history: Some(held.to_string()),
            in_table: Some(text.to_string()),
        },
    }
}

/// One entry of the chain as read for verification.
pub(crate) struct StoredEntry {
    pub seq: i64,
    pub changes: String,
    pub prev_hash: String,
    pub hash: String,
    pub computed: String,
}

/// The columns of an entry, in the order [`read_entry`] takes them.
pub(crate) const ENTRY_COLUMNS: &str = "seq, at, who, action, changes, prev_hash, hash";

/// Reads a row of [`ENTRY_COLUMNS`], computing the hash its content gives.
pub(crate) fn read_entry(
    r: &crate::store::connection::Row<'_>,
) -> crate::store::connection::Result<StoredEntry> {
    let seq: i64 = r.get(0)?;
    let changes: String = r.get(4)?;
    let prev_hash: String = r.get(5)?;
    let computed = entry_hash(
        seq,
        &r.get::<_, String>(1)?,
        &r.get::<_, String>(2)?,
        &r.get::<_, String>(3)?,
        &changes,
        &prev_hash,
    );
    Ok(StoredEntry {
        seq,
        changes,
        prev_hash,
        hash: r.get(6)?,
        computed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A registry-like file with the update hook installed on `conn`; `outside` is a second
    /// connection to the same file, without it, as another program would have.
    struct Db {
        _dir: tempfile::TempDir,
        conn: Connection,
        notes: Notes,
        outside: Connection,
    }

    fn db() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.sqlite3");
        let mut raw = rusqlite::Connection::open(&file).unwrap();
        raw.execute_batch(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, score REAL, photo BLOB);
             CREATE TABLE history (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL,
                 action TEXT NOT NULL, changes TEXT NOT NULL, prev_hash TEXT NOT NULL,
                 hash TEXT NOT NULL);
             CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, entity TEXT, entity_id INTEGER,
                 action TEXT);",
        )
        .unwrap();
        let notes = install_tracking(&mut raw).unwrap();
        let conn = Connection::from_sqlite(raw);
        let outside = Connection::from_sqlite(rusqlite::Connection::open(&file).unwrap());
        Db {
            _dir: dir,
            conn,
            notes,
            outside,
        }
    }

    fn replay(conn: &Connection) -> (Option<RowDifference>, usize, usize) {
        let mut replay = Replay::default();
        let mut stmt = conn
            .prepare(&format!("SELECT {ENTRY_COLUMNS} FROM history ORDER BY seq"))
            .unwrap();
        let entries: Vec<StoredEntry> = stmt
            .query_map([], read_entry)
            .unwrap()
            .collect::<crate::store::connection::Result<_>>()
            .unwrap();
        let mut prev = GENESIS.to_string();
        for e in entries {
            assert_eq!(e.prev_hash, prev);
            assert_eq!(e.hash, e.computed);
            replay.apply(e.changes).unwrap();
            prev = e.hash;
        }
        replay.compare(conn).unwrap()
    }

    fn commit(db: &Db, sql: &str) -> Option<ChainHead> {
        db.conn.execute_batch("BEGIN").unwrap();
        forget(&db.notes);
        db.conn.execute_batch(sql).unwrap();
        let head = record(&db.conn, &db.notes, "2026-11-30T00:00:00Z", "tester").unwrap();
        db.conn.execute_batch("COMMIT").unwrap();
        head
    }

    #[test]
    fn rows_written_through_the_tracking_replay_to_the_tables() {
        let db = db();
        commit(
            &db,
            "INSERT INTO people (name, score, photo) VALUES ('Ann', 3.0, x'00ff'), ('Bo', 2.5, NULL), ('Cy', 1.0, NULL);
             INSERT INTO audit_log (entity, entity_id, action) VALUES ('person', 1, 'create');
             INSERT INTO audit_log (entity, entity_id, action) VALUES ('person', 2, 'create');
             INSERT INTO meta VALUES ('catalogue_version', '2');",
        );
        // An update, a deletion in the middle of a run of rowids, an upsert.
        let head = commit(
            &db,
            "UPDATE people SET name = 'Ann \"Q\" Lee' WHERE id = 1; DELETE FROM people WHERE id = 2;
             INSERT INTO meta VALUES ('catalogue_version', '3')
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value;",
        )
        .unwrap();
        assert_eq!(head.seq, 2);
        // The recorded end is kept out of the history, and a transaction writing nothing adds
        // no entry.
        assert_eq!(commit(&db, "UPDATE people SET name = name WHERE 0;"), None);
        let (first, differing, proven) = replay(&db.conn);
        assert_eq!((first, differing), (None, 0));
        assert_eq!(proven, 5);
        let action: String = db
            .conn
            .query_row("SELECT action FROM history WHERE seq = 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(action, "person 1 create and 1 more");
    }

    #[test]
    fn an_edit_an_insert_and_a_delete_made_without_the_tracking_are_named() {
        let db = db();
        commit(
            &db,
            "INSERT INTO people (name, score) VALUES ('Ann', 3.0), ('Bo', 2.0), ('Cy', 1.0);",
        );
        db.outside
            .execute_batch("UPDATE people SET name = 'Tampered' WHERE id = 1")
            .unwrap();
        let (first, differing, _) = replay(&db.conn);
        let first = first.unwrap();
        assert_eq!(differing, 1);
        assert_eq!((first.table.as_str(), first.row), ("people", 1));
        assert_eq!(first.column.as_deref(), Some("name"));
        assert_eq!(first.in_history.as_deref(), Some("\"Ann\""));
        assert_eq!(first.in_table.as_deref(), Some("\"Tampered\""));
        db.outside
            .execute_batch(
                "DELETE FROM people WHERE id = 2; INSERT INTO people (id, name) VALUES (9, 'Zed')",
            )
            .unwrap();
        let (first, differing, _) = replay(&db.conn);
        assert_eq!(differing, 3);
        assert_eq!(first.unwrap().row, 1);
        db.outside
            .execute_batch("UPDATE people SET name = 'Ann' WHERE id = 1")
            .unwrap();
        let first = replay(&db.conn).0.unwrap();
        assert_eq!(first.row, 2);
        assert!(
            first.in_words().contains("deleted outside g287"),
            "{}",
            first.in_words()
        );
        db.outside
            .execute_batch("INSERT INTO people (id, name, score) VALUES (2, 'Bo', 2.0)")
            .unwrap();
        let first = replay(&db.conn).0.unwrap();
        assert_eq!(first.row, 9, "{}", first.in_words());
        assert!(first.in_words().contains("inserted outside g287"));
        // Nothing the other connection wrote was noted on this one.
        assert_eq!(commit(&db, "UPDATE people SET name = name WHERE 0;"), None);
    }

    #[test]
    fn strings_and_integers_are_written_as_serde_json_writes_them() {
        for s in [
            "",
            "plain",
            "O'Brien \u{2019}",
            "quote \" back \\ slash",
            "tab\tnew\nline",
            "\u{7f}\u{1f}",
        ] {
            let mut out = String::new();
            push_json_str(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap(), "{s:?}");
        }
        for n in [0, 7, -7, 1234567890123, i64::MIN, i64::MAX] {
            let mut out = String::new();
            push_integer(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    #[test]
    fn values_of_every_kind_read_back_to_the_same_text() {
        let db = db();
        commit(
            &db,
            "INSERT INTO people (name, score, photo) VALUES (CAST(x'ff00' AS TEXT), 1e308 * 10, x'');
             INSERT INTO people (name, score) VALUES ('line\nbreak \u{2019}', -0.1);",
        );
        assert_eq!(replay(&db.conn).1, 0);
    }

    #[test]
    fn a_rolled_back_transaction_leaves_nothing_noted() {
        let db = db();
        db.conn.execute_batch("BEGIN").unwrap();
        forget(&db.notes);
        db.conn
            .execute_batch("INSERT INTO people (name) VALUES ('Gone')")
            .unwrap();
        db.conn.execute_batch("ROLLBACK").unwrap();
        commit(&db, "INSERT INTO people (name) VALUES ('Kept')");
        let (first, differing, proven) = replay(&db.conn);
        assert_eq!((first, differing, proven), (None, 0, 1));
    }

    #[test]
    fn a_snapshot_starts_a_history_that_proves_the_rows_before_it() {
        let db = db();
        db.outside
            .execute_batch("INSERT INTO people (name) VALUES ('Old');")
            .unwrap();
        assert_eq!(replay(&db.conn).1, 1);
        let head = record_everything(&db.conn, "t", "w", "converted")
            .unwrap()
            .unwrap();
        assert_eq!(head.seq, 1);
        assert_eq!(replay(&db.conn).1, 0);
    }
}
