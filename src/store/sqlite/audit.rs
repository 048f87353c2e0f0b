//! The descriptive history (`audit_log`): every change of every record, as a coordinator reads
//! it ("agency 5 update: name: A → B"), and `verify`.
//!
//! Up to schema 3 these entries were chained by SHA-256 each; that chain protected the entries,
//! not the registry. Since schema 4 the proof is [`super::history`]: one chained entry per
//! transaction carrying every row it wrote, `audit_log`'s rows included, replayed by `verify`
//! and compared with every table. The old chain is verified once, when a database is upgraded
//! ([`verify_legacy_chain`]), and its entries keep their hashes; new entries carry none.

use crate::store::connection::{Connection, OptionalExtension};
use rusqlite::params;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::Result;
use super::history::{self, RowDifference};

/// The `prev_hash` of the first entry.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An entry about to be appended.
pub(crate) struct NewEntry<'a> {
    pub at: &'a str,
    pub who: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<i64>,
    pub agency_id: Option<i64>,
    pub action: &'a str,
    pub changes: &'a serde_json::Value,
}

/// The changes of an audit entry as a JSON object built field by field, with the very text
/// `serde_json::Value::to_string` gives for the same object: keys sorted (a `Value` map is a
/// `BTreeMap`), each value as serde_json writes it. Building no `Value` saves the allocations
/// of its tree, which dominate an import's audit entries.
///
/// For values whose JSON is the same written directly and through a `Value`: strings, dates,
/// integers, booleans, `None`, and tuples or arrays of those (not floats: a `Value` widens an
/// `f32` to `f64`; not structs: a `Value` sorts their fields).
#[derive(Debug, Default)]
pub(crate) struct Changes {
    fields: Vec<(&'static str, String)>,
}

impl Changes {
    /// Adds a field (a key given twice keeps the last value, as a map does).
    pub(crate) fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
        self.fields.retain(|(k, _)| *k != key);
        self.fields.push((key, json));
    }

    /// Whether no field was added.
    pub(crate) fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// The object's JSON text.
    pub(crate) fn to_json(&self) -> String {
        let mut fields: Vec<&(&str, String)> = self.fields.iter().collect();
        fields.sort_unstable_by_key(|(key, _)| *key);
        let mut out = String::with_capacity(
            2 + fields
                .iter()
                .map(|(k, v)| k.len() + v.len() + 4)
                .sum::<usize>(),
        );
        out.push('{');
        for (i, (key, value)) in fields.into_iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&serde_json::to_string(key).unwrap_or_default());
            out.push(':');
            out.push_str(value);
        }
        out.push('}');
        out
    }
}

impl super::Writer<'_> {
    /// [`Writer::log`](super::Writer::log) with the changes built as [`Changes`]: the entry
    /// appended is the same.
    pub(crate) fn log_changes(
        &mut self,
        entity: &str,
        entity_id: Option<i64>,
        agency_id: Option<i64>,
        action: &str,
        changes: &Changes,
    ) -> Result<()> {
        self.agencies.note(agency_id);
        let entry = NewEntry {
            at: &self.now,
            who: self.user,
            entity,
            entity_id,
            agency_id,
            action,
            changes: &serde_json::Value::Null,
        };
        self.audit
            .append_text(self.tx.conn, &entry, &changes.to_json())
    }
}

/// Where the descriptive entries end, carried through one transaction so that appending costs
/// one insert.
pub(crate) struct Chain {
    seq: i64,
}

impl Chain {
    /// Reads where the entries end.
    pub(crate) fn head(conn: &Connection) -> Result<Chain> {
        let seq = conn
            .prepare_cached("SELECT max(seq) FROM audit_log")?
            .query_row([], |r| r.get::<_, Option<i64>>(0))?
            .unwrap_or(0);
        Ok(Chain { seq })
    }

    pub(crate) fn append(&mut self, conn: &Connection, e: NewEntry<'_>) -> Result<()> {
        // The same text as `Value::to_string`, written straight into a buffer rather than
        // through `fmt::Display`.
        let changes = serde_json::to_string(e.changes).unwrap_or_else(|_| e.changes.to_string());
        self.append_text(conn, &e, &changes)
    }

    /// Appends an entry whose `changes` (ignored in `e`) are given as JSON text. It carries no
    /// hash of its own: the transaction's entry in [`super::history`] covers its row.
    fn append_text(&mut self, conn: &Connection, e: &NewEntry<'_>, changes: &str) -> Result<()> {
        let seq = self.seq + 1;
        conn.prepare_cached(
            "INSERT INTO audit_log (seq, at, who, entity, entity_id, agency_id, action, changes, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '', '')",
        )?
        .execute(params![seq, e.at, e.who, e.entity, e.entity_id, e.agency_id, e.action, changes])?;
        self.seq = seq;
        Ok(())
    }
}

#[allow(clippy::too_many_arguments)]
fn entry_hash(
    seq: i64,
    at: &str,
    who: &str,
    entity: &str,
    entity_id: Option<i64>,
    agency_id: Option<i64>,
    action: &str,
    changes: &str,
    prev_hash: &str,
) -> String {
    let mut h = Sha256::new();
    let mut digits = [[0u8; 20]; 3];
    let [seq_buf, entity_buf, agency_buf] = &mut digits;
    // A unit separator between fields, so that no two different entries hash the same text.
    for field in [
        decimal(Some(seq), seq_buf),
        at.as_bytes(),
        who.as_bytes(),
        entity.as_bytes(),
        decimal(entity_id, entity_buf),
        decimal(agency_id, agency_buf),
        action.as_bytes(),
        changes.as_bytes(),
        prev_hash.as_bytes(),
    ] {
        h.update(field);
        h.update([0x1f]);
    }
    hex(&h.finalize())
}

/// An integer's decimal digits as `to_string` writes them (nothing for `None`), in `buf`.
pub(crate) fn decimal(n: Option<i64>, buf: &mut [u8; 20]) -> &[u8] {
    let Some(n) = n else { return &[] };
    let mut at = buf.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        buf[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    &buf[at..]
}

/// Bytes as lower-case hexadecimal.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0xf)] as char);
    }
    out
}

/// One entry of the history, as shown to the coordinator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    /// Position in the chain.
    pub seq: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// The OS user.
    pub who: String,
    /// What kind of record (`agency`, `agreement`, `nominee`, `decision`, ...).
    pub entity: String,
    /// Its id.
    pub entity_id: Option<i64>,
    /// The agency it belongs to.
    pub agency_id: Option<i64>,
    /// `create`, `update`, `status`, `delete`, ...
    pub action: String,
    /// What changed: field to `[before, after]`, or the record created.
    pub changes: serde_json::Value,
}

impl AuditEntry {
    /// "2026-11-28 06:09:41" (UTC) from the RFC 3339 time: the first 19 characters, a space for
    /// the `T`.
    pub fn when(&self) -> String {
        self.at
            .chars()
            .take(19)
            .collect::<String>()
            .replacen('T', " ", 1)
    }

    /// The record changed: "nominee 12", or the kind alone when it has no id.
    pub fn record(&self) -> String {
        match self.entity_id {
            Some(id) => format!("{} {id}", self.entity),
            None => self.entity.clone(),
        }
    }

    /// What changed, as a coordinator reads it. An update (every field `[before, after]`)
    /// reads "field: old → new; ..", a record as created "field: value; ..", leaving out what
    /// is empty: compact JSON has no spaces to wrap at and runs off the page. Strings without
    /// quotes, nothing as a dash.
    pub fn changes_in_words(&self) -> String {
        let Some(map) = self.changes.as_object() else {
            return scalar(&self.changes);
        };
        let pairs: Option<Vec<String>> = map
            .iter()
            .map(|(k, x)| match x.as_array().map(Vec::as_slice) {
                Some([old, new]) => Some(format!("{k}: {} → {}", scalar(old), scalar(new))),
                _ => None,
            })
            .collect();
        match pairs {
            Some(p) if !p.is_empty() => p.join("; "),
            _ => map
                .iter()
                .filter(|(_, x)| !x.is_null())
                .map(|(k, x)| format!("{k}: {}", scalar(x)))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}

/// A logged value as a coordinator reads it: strings without quotes, nothing as a dash.
fn scalar(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "—".into(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Where the audit chain ends: its last entry's number and hash. Written outside the database
/// (on every export, report and backup, or copied from the Data screen), it anchors the
/// history: `g287 verify --head N:HASH` proves the registry still holds that entry unchanged,
/// which a rewrite of the file, the chain and its recorded end together cannot fake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    /// The entry's number (`seq`).
    pub seq: i64,
    /// Its SHA-256, in hex.
    pub hash: String,
}

impl std::fmt::Display for ChainHead {
    /// `N:HASH`, the form `--head` takes.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.seq, self.hash)
    }
}

impl Serialize for ChainHead {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl ChainHead {
    /// Reads `N:HASH` (the hash 64 hex digits, any case).
    pub fn parse(text: &str) -> Option<ChainHead> {
        let (seq, hash) = text.trim().split_once(':')?;
        let seq: i64 = seq.trim().parse().ok().filter(|n| *n >= 1)?;
        let hash = hash.trim().to_ascii_lowercase();
        (hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
            .then_some(ChainHead { seq, hash })
    }

    /// A sentence for files that carry it: "chain head 57:ab12… (`g287 verify --head 57:ab12…`)".
    pub fn in_words(&self) -> String {
        format!("g287 audit chain head {self} (check it later with: g287 verify --head {self})")
    }
}

/// The chain's end as recorded (`None` when the history is empty).
pub(crate) fn chain_head(conn: &Connection) -> Result<Option<ChainHead>> {
    if !history::present(conn)? {
        return legacy_head(conn);
    }
    Ok(conn
        .query_row(
            "SELECT seq, hash FROM history ORDER BY seq DESC LIMIT 1",
            [],
            |r| {
                Ok(ChainHead {
                    seq: r.get(0)?,
                    hash: r.get(1)?,
                })
            },
        )
        .optional()?)
}

/// The end of the audit chain of schema 3 and before.
fn legacy_head(conn: &Connection) -> Result<Option<ChainHead>> {
    Ok(conn
        .query_row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| {
                Ok(ChainHead {
                    seq: r.get(0)?,
                    hash: r.get(1)?,
                })
            },
        )
        .optional()?)
}

/// Whether entry `head.seq` is in the chain with hash `head.hash`: `None` when it is, else what
/// differs.
pub(crate) fn head_problem(conn: &Connection, head: &ChainHead) -> Result<Option<String>> {
    let found: Option<String> = conn
        .query_row("SELECT hash FROM history WHERE seq = ?1", [head.seq], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(match found {
        Some(hash) if hash == head.hash => None,
        Some(hash) => Some(format!(
            "entry {} is not the one anchored: its hash is {hash}, the anchor says {}; the history up to it was rewritten",
            head.seq, head.hash
        )),
        None => Some(format!(
            "entry {} anchored outside is no longer in the history: it was cut",
            head.seq
        )),
    })
}

/// The outcome of `verify`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verification {
    /// SQLite's `integrity_check` said `ok`.
    pub integrity_ok: bool,
    /// What `integrity_check` said when it was not `ok`.
    pub integrity_messages: Vec<String>,
    /// Entries in the chain.
    pub entries: i64,
    /// The first entry found wrong, and why; `None` when the chain holds.
    pub first_bad: Option<BadEntry>,
    /// The chain's end as walked (`N:HASH` in JSON), `None` when the history is empty or
    /// broken: the anchor to keep outside.
    pub head: Option<ChainHead>,
    /// Rows of the registry the replayed history holds exactly as the tables do.
    pub rows_proven: usize,
    /// Rows the tables and the replayed history disagree on (edited, inserted or deleted
    /// outside g287).
    pub rows_differing: usize,
    /// The first of them (tables by name, rows by id), with the column that differs.
    pub first_difference: Option<RowDifference>,
    /// Documents whose bytes hash to the SHA-256 the registry and its history record.
    pub documents_proven: usize,
    /// Documents whose bytes changed or are missing, named by where they are attached.
    pub document_problems: Vec<super::documents::DocumentProblem>,
    /// The registry is on a PostgreSQL server, which keeps its own files whole (its
    /// write-ahead log): there is no SQLite integrity check to run, and none is claimed.
    pub on_server: bool,
}

impl Verification {
    /// The integrity check that was run, as the sentences of [`Verification::in_words`] open:
    /// "the database passed SQLite's integrity check, " on a file, nothing on a server.
    fn integrity_clause(&self) -> &'static str {
        if self.on_server {
            ""
        } else {
            "the database passed SQLite's integrity check, "
        }
    }

    /// What was found, in a sentence for the window.
    pub fn in_words(&self) -> String {
        if self.ok() {
            if self.documents_proven == 0 {
                return format!(
                    "The registry holds: {}all {} entries of the history are intact, and replaying them gives every one of the {} rows of the tables.",
                    self.integrity_clause(),
                    self.entries,
                    self.rows_proven
                );
            }
            return format!(
                "The registry holds: {}all {} entries of the history are intact, replaying them gives every one of the {} rows of the tables, and the bytes of its {} documents hash as recorded.",
                self.integrity_clause(),
                self.entries,
                self.rows_proven,
                self.documents_proven
            );
        }
        let mut found = Vec::new();
        if !self.integrity_ok {
            found.push(format!(
                "the integrity check failed ({})",
                self.integrity_messages.join("; ")
            ));
        }
        if let Some(bad) = &self.first_bad {
            found.push(format!(
                "the history is broken at entry {}: {}",
                bad.seq, bad.problem
            ));
        }
        if let Some(difference) = &self.first_difference {
            found.push(self.difference_in_words(difference));
        }
        found.extend(self.document_problems.iter().map(|p| p.in_words()));
        format!("The registry does not verify: {}.", found.join("; "))
    }

    /// The first row that differs, and how many do.
    pub fn difference_in_words(&self, difference: &RowDifference) -> String {
        match self.rows_differing {
            0 | 1 => format!("1 row differs from its history: {}", difference.in_words()),
            n => format!(
                "{n} rows differ from their history; the first: {}",
                difference.in_words()
            ),
        }
    }

    /// Whether everything checked out.
    pub fn ok(&self) -> bool {
        self.integrity_ok
            && self.first_bad.is_none()
            && self.first_difference.is_none()
            && self.document_problems.is_empty()
    }
}

/// The first entry where the chain breaks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BadEntry {
    /// Its position (the seq of the row, or where a row should be).
    pub seq: i64,
    /// What is wrong.
    pub problem: String,
}

/// The columns the legacy chain's walk reads, in its order.
const CHAIN_COLUMNS: &str =
    "seq, at, who, entity, entity_id, agency_id, action, changes, prev_hash, hash";

/// One entry as a chain sees it: its position, the hashes stored, and the hash its content
/// gives.
struct ChainRow {
    seq: i64,
    stored_prev: String,
    stored_hash: String,
    computed: String,
}

impl ChainRow {
    /// Reads a row of [`CHAIN_COLUMNS`] (the audit chain of schema 3 and before).
    fn read(r: &crate::store::connection::Row<'_>) -> crate::store::connection::Result<ChainRow> {
        let seq: i64 = r.get(0)?;
        let stored_prev: String = r.get(8)?;
        let computed = entry_hash(
            seq,
            &r.get::<_, String>(1)?,
            &r.get::<_, String>(2)?,
            &r.get::<_, String>(3)?,
            r.get(4)?,
            r.get(5)?,
            &r.get::<_, String>(6)?,
            &r.get::<_, String>(7)?,
            &stored_prev,
        );
        Ok(ChainRow {
            seq,
            stored_prev,
            stored_hash: r.get(9)?,
            computed,
        })
    }

    /// Reads a row of [`history::ENTRY_COLUMNS`].
    fn read_history(
        r: &crate::store::connection::Row<'_>,
    ) -> crate::store::connection::Result<ChainRow> {
        let e = history::read_entry(r)?;
        Ok(ChainRow {
            seq: e.seq,
            stored_prev: e.prev_hash,
            stored_hash: e.hash,
            computed: e.computed,
        })
    }
}

/// How a chain's row is read: [`ChainRow::read`] or [`ChainRow::read_history`].
type ReadChainRow =
    fn(&crate::store::connection::Row<'_>) -> crate::store::connection::Result<ChainRow>;

/// Whether the end of the chain holds, cheaply: the last two entries hash to what they store
/// and follow each other, and the end recorded in `meta` is the last entry. Every commit writes
/// them together, so a database read with a write-ahead log that is its own always passes;
/// one whose log came from another database mixes their pages and fails. `None` when it holds.
pub(crate) fn tail_problem(conn: &Connection) -> Result<Option<String>> {
    let snapshot = conn.snapshot()?;
    let (sql, key, read): (String, &str, ReadChainRow) = if history::present(&snapshot)? {
        (
            format!(
                "SELECT {} FROM history ORDER BY seq DESC LIMIT 2",
                history::ENTRY_COLUMNS
            ),
            history::HEAD_KEY,
            ChainRow::read_history,
        )
    } else {
        (
            format!("SELECT {CHAIN_COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT 2"),
            "audit_head",
            ChainRow::read,
        )
    };
    let tail: Vec<ChainRow> = snapshot
        .prepare(&sql)?
        .query_map([], read)?
        .collect::<crate::store::connection::Result<_>>()?;
    let head: Option<String> = snapshot
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?;
    let problem = match (tail.first(), head) {
        (None, None) => None,
        (Some(last), Some(head)) if head != format!("{} {}", last.seq, last.stored_hash) => {
            Some(format!(
                "the chain's recorded end ({head}) is not its last entry ({})",
                last.seq
            ))
        }
        (Some(last), Some(_)) => tail
            .iter()
            .find(|e| e.computed != e.stored_hash)
            .map(|e| format!("entry {} does not match its hash", e.seq))
            .or_else(|| {
                tail.get(1)
                    .filter(|prev| prev.stored_hash != last.stored_prev || prev.seq + 1 != last.seq)
                    .map(|_| format!("entry {} does not follow the one before", last.seq))
            }),
        _ => Some("the chain and its recorded end disagree".into()),
    };
    Ok(problem)
}

/// Runs SQLite's integrity check, walks the whole history and replays it against every table.
pub(crate) fn verify(conn: &Connection) -> Result<Verification> {
    verify_observed(conn, &mut || {})
}

/// Runs SQLite's integrity check and walks the audit chain of schema 3 and before: what an
/// upgrade checks before it converts that chain into the history.
pub(crate) fn verify_legacy_chain(conn: &Connection) -> Result<Verification> {
    let mut walk = Walk::new(conn, "audit_head")?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {CHAIN_COLUMNS} FROM audit_log ORDER BY seq"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let r = &r;
        if !walk.step(ChainRow::read(r)?) {
            break;
        }
    }
    drop(rows);
    walk.finish(conn, None)
}

/// SQLite's integrity check: what it said, when not `ok`.
fn integrity_messages(conn: &Connection) -> Result<Vec<String>> {
    if conn.is_postgres() {
        // The server keeps its own files whole (its write-ahead log, and page checksums where
        // the cluster has them); what g287 proves there is the history against the tables.
        return Ok(Vec::new());
    }
    let mut messages = Vec::new();
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    for row in rows {
        let m = row?;
        if m != "ok" {
            messages.push(m);
        }
    }
    Ok(messages)
}

/// The walk of a chain, entry by entry.
struct Walk {
    integrity_messages: Vec<String>,
    expected_seq: i64,
    prev: String,
    first_bad: Option<BadEntry>,
    head_key: &'static str,
}

impl Walk {
    fn new(conn: &Connection, head_key: &'static str) -> Result<Walk> {
        Walk::checked(integrity_messages(conn)?, head_key)
    }

    /// A walk whose integrity check was run elsewhere.
    fn checked(integrity_messages: Vec<String>, head_key: &'static str) -> Result<Walk> {
        Ok(Walk {
            integrity_messages,
            expected_seq: 1,
            prev: GENESIS.to_string(),
            first_bad: None,
            head_key,
        })
    }

    /// Takes the next entry; `false` once the chain is found broken.
    fn step(&mut self, row: ChainRow) -> bool {
        let ChainRow {
            seq,
            stored_prev,
            stored_hash,
            computed,
        } = row;
        let expected_seq = self.expected_seq;
        let problem = if seq != expected_seq {
            Some(format!(
                "entry {expected_seq} is missing (the next one found is {seq}): deleted outside g287"
            ))
        } else if stored_prev != self.prev {
            Some(format!(
                "entry {seq} does not follow entry {}: an entry was deleted or inserted outside g287",
                seq - 1
            ))
        } else if computed != stored_hash {
            Some(format!(
                "entry {seq} was changed outside g287 (its content no longer matches its hash)"
            ))
        } else {
            None
        };
        if let Some(problem) = problem {
            self.first_bad = Some(BadEntry {
                seq: seq.min(expected_seq),
                problem,
            });
            return false;
        }
        self.expected_seq = seq + 1;
        self.prev = stored_hash;
        true
    }

    /// Marks the chain broken at the entry being walked.
    fn broken(&mut self, problem: String) {
        self.first_bad = Some(BadEntry {
            seq: self.expected_seq - 1,
            problem,
        });
    }

    /// Checks the recorded end against the walk and words the outcome; `replayed` is the
    /// comparison of the replayed history with the tables, when there was one.
    fn finish(
        mut self,
        conn: &Connection,
        replayed: Option<(Option<RowDifference>, usize, usize)>,
    ) -> Result<Verification> {
        let entries = self.expected_seq - 1;
        if self.first_bad.is_none() {
            let head: Option<String> = conn
                .query_row(
                    "SELECT value FROM meta WHERE key = ?1",
                    [self.head_key],
                    |r| r.get(0),
                )
                .optional()?;
            let expected = format!("{entries} {}", self.prev);
            match head {
                Some(h) if h == expected => {}
                None if entries == 0 => {}
                Some(h) => {
                    let recorded: i64 = h
                        .split(' ')
                        .next()
                        .and_then(|n| n.parse().ok())
                        .unwrap_or(-1);
                    self.first_bad = Some(BadEntry {
                        seq: entries.min(recorded.max(0)) + 1,
                        problem: format!(
                            "the chain ends at entry {entries} but g287 last wrote entry {recorded}: entries were removed from the end outside g287"
                        ),
                    });
                }
                None => {
                    self.first_bad = Some(BadEntry {
                        seq: 1,
                        problem: "the record of the chain's end is missing".into(),
                    })
                }
            }
        }
        let head = (self.first_bad.is_none() && entries > 0).then_some(ChainHead {
            seq: entries,
            hash: self.prev,
        });
        let (first_difference, rows_differing, rows_proven) = replayed.unwrap_or((None, 0, 0));
        Ok(Verification {
            integrity_ok: self.integrity_messages.is_empty(),
            integrity_messages: self.integrity_messages,
            entries,
            first_bad: self.first_bad,
            head,
            rows_proven,
            rows_differing,
            first_difference,
            documents_proven: 0,
            document_problems: Vec::new(),
            on_server: conn.is_postgres(),
        })
    }
}

/// [`verify`], calling `after_walk` between the walk of the chain and the read of its recorded
/// end: where a test commits a concurrent write.
fn verify_observed(conn: &Connection, after_walk: &mut dyn FnMut()) -> Result<Verification> {
    // One read transaction: the integrity check, the walk, the replay and the recorded end all
    // see the same snapshot, whatever another program commits meanwhile (it is rolled back on
    // drop, having written nothing).
    let snapshot = conn.snapshot()?;
    let conn: &Connection = &snapshot;
    if !history::present(conn)? {
        return verify_legacy_chain(conn);
    }
    // SQLite's integrity check reads every page; on a file it runs on a second connection
    // and core while this one walks and replays the history (it checks the file's structure,
    // which a write committed meanwhile does not make wrong).
    let file = conn
        .path()
        .filter(|p| !p.is_empty())
        .map(std::path::PathBuf::from);
    let integrity = file.map(|file| {
        std::thread::spawn(move || -> Result<Vec<String>> {
            let other = rusqlite::Connection::open_with_flags(
                &file,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            other.busy_timeout(std::time::Duration::from_secs(5))?;
            integrity_messages(&Connection::from_sqlite(other))
        })
    });
    let mut walk = match integrity {
        None => Walk::new(conn, history::HEAD_KEY)?,
        Some(_) => Walk::checked(Vec::new(), history::HEAD_KEY)?,
    };
    let mut replay = history::Replay::default();
    let mut stmt = conn.prepare(&format!(
        "SELECT {} FROM history ORDER BY seq",
        history::ENTRY_COLUMNS
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let r = &r;
        let entry = history::read_entry(r)?;
        let changes = entry.changes;
        let row = ChainRow {
            seq: entry.seq,
            stored_prev: entry.prev_hash,
            stored_hash: entry.hash,
            computed: entry.computed,
        };
        if !walk.step(row) {
            break;
        }
        if let Err(problem) = replay.apply(changes) {
            walk.broken(problem);
            break;
        }
    }
    drop(rows);
    drop(stmt);
    after_walk();
    // The replay proves the tables only through an intact chain.
    let replayed = if walk.first_bad.is_none() {
        Some(replay.compare(conn)?)
    } else {
        None
    };
    if let Some(check) = integrity {
        walk.integrity_messages = check
            .join()
            .unwrap_or_else(|_| Ok(vec!["the integrity check stopped".into()]))?;
    }
    let mut verification = walk.finish(conn, replayed)?;
    // The documents' bytes are outside the history (see `history::CONTENTS`): each is hashed
    // against the SHA-256 its `documents` row, which the replay proved, records.
    (
        verification.documents_proven,
        verification.document_problems,
    ) = super::documents::check_contents(conn)?;
    Ok(verification)
}

/// The history of one agency (all its records), newest first, or of everything.
pub(crate) fn history(
    conn: &Connection,
    agency: Option<i64>,
    limit: Option<usize>,
) -> Result<Vec<AuditEntry>> {
    // A condition only for an agency, not `?1 IS NULL OR agency_id = ?1`: SQLite cannot use
    // the index on agency_id for that OR, and would scan the whole log to show one agency (and
    // PostgreSQL cannot tell the type of a parameter that is only tested for NULL).
    let mut sql = String::from(
        "SELECT seq, at, who, entity, entity_id, agency_id, action, changes FROM audit_log",
    );
    let mut values: Vec<i64> = Vec::new();
    if let Some(agency) = agency {
        sql.push_str(" WHERE agency_id = ?1");
        values.push(agency);
    }
    sql.push_str(" ORDER BY seq DESC");
    if let Some(limit) = limit {
        values.push(limit as i64);
        sql.push_str(&format!(" LIMIT ?{}", values.len()));
    }
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values), entry)?;
    Ok(rows.collect::<crate::store::connection::Result<_>>()?)
}

/// One entry from a row of `seq, at, who, entity, entity_id, agency_id, action, changes`.
pub(crate) fn entry(
    r: &crate::store::connection::Row<'_>,
) -> crate::store::connection::Result<AuditEntry> {
    let changes: String = r.get(7)?;
    Ok(AuditEntry {
        seq: r.get(0)?,
        at: r.get(1)?,
        who: r.get(2)?,
        entity: r.get(3)?,
        entity_id: r.get(4)?,
        agency_id: r.get(5)?,
        action: r.get(6)?,
        changes: serde_json::from_str(&changes).unwrap_or(serde_json::Value::String(changes)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_the_text_of_the_same_value() {
        let mut c = Changes::default();
        c.field("zeta", "a \"quoted\" \u{2019} line\nbreak");
        c.field(
            "alpha",
            &Some(chrono::NaiveDate::from_ymd_opt(2025, 7, 18).unwrap()),
        );
        c.field("mid", &(None::<String>, Some("x")));
        c.field("b", &None::<bool>);
        c.field("count", &42);
        c.field("count", &43);
        let value = serde_json::json!({
            "zeta": "a \"quoted\" \u{2019} line\nbreak",
            "alpha": chrono::NaiveDate::from_ymd_opt(2025, 7, 18).unwrap(),
            "mid": [null, "x"],
            "b": null,
            "count": 43,
        });
        assert_eq!(c.to_json(), value.to_string());
        assert_eq!(
            Changes::default().to_json(),
            serde_json::json!({}).to_string()
        );
    }

    /// A `decide` committed by another program while `verify` walks the chain is not taken for
    /// entries removed from the end: the walk and the recorded end are one snapshot.
    #[test]
    fn a_write_committed_during_verify_is_not_taken_for_a_cut_chain() {
        let dir = tempfile::tempdir().unwrap();
        let mut reader = crate::store::Store::open_in(dir.path()).unwrap();
        let mut writer = crate::store::Store::open_in(dir.path()).unwrap();
        let log = |store: &mut crate::store::Store| {
            store
                .write(|w| w.log("test", None, None, "create", serde_json::json!({})))
                .unwrap();
        };
        log(&mut reader);
        log(&mut reader);
        let found = verify_observed(reader.conn(), &mut || log(&mut writer)).unwrap();
        assert!(found.ok(), "{}", found.in_words());
        assert_eq!(reader.verify().unwrap().entries, found.entries + 1);
    }

    fn entry(entity_id: Option<i64>, changes: serde_json::Value) -> AuditEntry {
        AuditEntry {
            seq: 1,
            at: "2026-11-28T06:09:41.123+00:00".into(),
            who: "tester".into(),
            entity: "agency".into(),
            entity_id,
            agency_id: entity_id,
            action: "update".into(),
            changes,
        }
    }

    #[test]
    fn entries_read_in_words_updates_as_old_to_new_and_records_without_empty_fields() {
        use serde_json::json;
        let update = entry(
            Some(3),
            json!({"ori": [null, "FL0530000"], "has_jail": [false, true]}),
        );
        assert_eq!(
            update.changes_in_words(),
            "has_jail: false → true; ori: — → FL0530000"
        );
        assert_eq!(update.when(), "2026-11-28 06:09:41");
        assert_eq!(update.record(), "agency 3");
        // A record as created: a two-score list is not mistaken for an update.
        let created = entry(
            None,
            json!({"name": "Jane Smith", "exam_scores": [70, 85], "course": null}),
        );
        assert_eq!(
            created.changes_in_words(),
            "exam_scores: [70,85]; name: Jane Smith"
        );
        assert_eq!(created.record(), "agency");
        assert_eq!(
            entry(None, json!("imported")).changes_in_words(),
            "imported"
        );
    }

    #[test]
    fn decimal_and_hex_write_what_to_string_and_format_write() {
        for n in [0, 1, 9, 10, 42, 337_378, -1, -10, i64::MAX, i64::MIN] {
            let mut buf = [0u8; 20];
            assert_eq!(decimal(Some(n), &mut buf), n.to_string().as_bytes());
        }
        assert_eq!(decimal(None, &mut [0u8; 20]), b"");
        let bytes: Vec<u8> = (0..=255).collect();
        let expected: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex(&bytes), expected);
    }
}
