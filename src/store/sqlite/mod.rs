//! The SQLite backend of the store: one file, `g287.sqlite3`, in the data folder. Everything
//! that knows it is SQLite (`rusqlite`, pragmas, `user_version`, row ids, file paths, SQLite's
//! backup API) is in this module; the rest of the program sees it through the traits of
//! [`crate::store`] ([`backend`] implements them).
//!
//! Every user action is one transaction ([`Store::write`]), and every change it makes is
//! appended to `audit_log` in the same transaction, chained by SHA-256 so that a row edited,
//! deleted or inserted outside the program is found by [`Store::verify`]. Pragmas are set on
//! every open; the schema comes from the append-only list in [`migrations`], and a database
//! newer than the program is refused before anything is written to it.

pub mod agencies;
pub mod agreements;
pub mod audit;
pub mod author;
pub mod backend;
pub mod backup;
pub mod calendar;
pub mod catalogue;
pub mod checks;
pub mod claims;
pub mod dashboard;
pub mod decisions;
pub mod detail;
pub mod documents;
pub mod history;
pub mod imports;
pub mod migrations;
pub mod national;
pub mod nominees;
pub mod oversight;
pub mod report;
pub mod review;
mod scope;
mod sql;
pub mod versions;

use chrono::{NaiveDate, Utc};
use rusqlite::OpenFlags;

use super::connection::Connection;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::{Result, StoreError};
pub use audit::{AuditEntry, ChainHead, Verification};
pub use catalogue::ShippedChange;
pub use history::RowDifference;

/// The database file's name inside the data folder.
pub const DATABASE_FILE: &str = "g287.sqlite3";

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Database(Arc::new(e))
    }
}

/// An open database.
pub struct Store {
    conn: Connection,
    /// The rows this connection wrote since its last history entry ([`history`]).
    notes: history::Notes,
    path: PathBuf,
    user: String,
    /// Who logged in: the operating system's login on a file, the database role on a server.
    login: String,
    /// On a server, the g287 role of the login (`None`: a SQLite file, where the person at the
    /// keyboard may do everything).
    role: Option<super::postgres::schema::Role>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

/// The newest schema version this program knows.
pub fn schema_version() -> i64 {
    migrations::MIGRATIONS.len() as i64
}

impl Store {
    /// Opens (creating if needed) the database in `data_dir`, creating the folder too.
    /// Temporary files a killed g287 left in the data folder and its backups are removed.
    pub fn open_in(data_dir: &Path) -> Result<Store> {
        crate::files::create_private_dir(data_dir).map_err(|e| {
            StoreError::Io(format!(
                "{}: cannot create the data folder: {e}",
                data_dir.display()
            ))
        })?;
        crate::files::remove_debris(data_dir);
        crate::files::remove_debris(&data_dir.join(backup::BACKUP_DIR));
        let path = data_dir.join(DATABASE_FILE);
        refuse_emptied(data_dir, &path)?;
        Store::open(&path)
    }

    /// Opens (creating if needed) the database file at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let unusable = |e: rusqlite::Error| classify(path, e);
        let existed = path.exists();
        if !existed {
            create_private(path)?;
        } else {
            refuse_foreign_wal(path)?;
        }
        let conn = rusqlite::Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(unusable)?;
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(unusable)?;
        // Read the version before any pragma that writes (WAL switch), so that a newer or
        // foreign file is left byte-identical.
        let found: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(unusable)?;
        if found > schema_version() {
            return Err(StoreError::Newer {
                path: path.to_path_buf(),
                found,
                supported: schema_version(),
            });
        }
        if existed && found == 0 {
            let tables: i64 = conn
                .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
                .map_err(unusable)?;
            if tables > 0 {
                return Err(StoreError::Unusable {
                    path: path.to_path_buf(),
                    reason: "it holds tables but no g287 schema version".into(),
                });
            }
        }
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(unusable)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(unusable)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(unusable)?;
        restrict_permissions(path);
        let mut conn = Connection::from_sqlite(conn);
        migrate(&conn, path)?;
        let notes = history::install_tracking(
            conn.sqlite_mut()
                .expect("a SQLite store is on a SQLite connection"),
        )?;
        let login = os_user();
        let user = author::author(&conn, &login);
        let mut store = Store {
            conn,
            notes,
            path: path.to_path_buf(),
            user,
            login,
            role: None,
        };
        store.ensure_catalogue()?;
        Ok(store)
    }

    /// Opens the registry in a PostgreSQL database (`postgres://...`, or libpq's key=value
    /// form), which `g287 admin init` created: its schema version is read before anything is
    /// written (a newer one is refused), and changes are recorded as made by the role that
    /// logged in.
    pub fn connect(url: &str) -> Result<Store> {
        let opened = super::postgres::open::connect(url)?;
        let user = author::author(&opened.conn, &opened.login);
        let mut store = Store {
            conn: opened.conn,
            notes: history::Notes::default(),
            path: PathBuf::from(opened.shown),
            user,
            login: opened.login,
            role: opened.role,
        };
        store.ensure_catalogue()?;
        Ok(store)
    }

    /// Who logged in: the operating system's login on a file, the database role on a server
    /// (whom the history names, with a display name once one is set).
    pub fn login(&self) -> &str {
        &self.login
    }

    /// On a server, the g287 role of the login; `None` on a SQLite file.
    pub fn role(&self) -> Option<super::postgres::schema::Role> {
        self.role
    }

    /// How many statements this connection has run (on a server, each is a round trip).
    pub fn statements_run(&self) -> u64 {
        self.conn.statements_run()
    }

    /// Whether the connection still stands (a file's always does; a server's may have been
    /// lost).
    pub fn is_connected(&self) -> bool {
        self.conn
            .postgres()
            .is_none_or(|session| !session.client().is_closed())
    }

    /// Whether the registry is on a PostgreSQL server.
    pub fn is_server(&self) -> bool {
        self.conn.is_postgres()
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The OS user recorded as the author of changes.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// Records changes as made by `user` (tests, and imports run on someone's behalf). On a
    /// server the author is always the role that logged in, and this changes nothing.
    pub fn set_user(&mut self, user: impl Into<String>) {
        if !self.conn.is_postgres() {
            self.user = user.into();
        }
    }

    /// Runs one user action as one transaction: everything `action` writes, audit entries
    /// included, is committed together or not at all, with one entry of the history carrying
    /// every row it wrote ([`history`]).
    pub fn write<T>(&mut self, action: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        self.transact(true, action)
    }

    /// Runs an action as [`Store::write`] does, then rolls it back: a dry run that reports
    /// exactly what the action would do and leaves the file as it was.
    pub fn write_then_roll_back<T>(
        &mut self,
        action: impl FnOnce(&mut Writer<'_>) -> Result<T>,
    ) -> Result<T> {
        self.transact(false, action)
    }

    /// The one place a write transaction starts and ends. An error inside `action` drops the
    /// transaction, which rolls it back.
    fn transact<T>(
        &mut self,
        commit: bool,
        action: impl FnOnce(&mut Writer<'_>) -> Result<T>,
    ) -> Result<T> {
        let path = self.path.clone();
        let (login, role) = (self.user.clone(), self.role);
        let named = |e: StoreError| named_refusal(e, &login, role);
        let tx = Transaction::begin(&self.conn).map_err(|e| named(classify_any(&path, e)))?;
        // What a transaction rolled back wrote was noted too: it is no part of this one.
        history::forget(&self.notes);
        let audit = audit::Chain::head(tx.conn)?;
        let mut writer = Writer {
            tx,
            audit,
            user: &self.user,
            now: Utc::now().to_rfc3339(),
            agencies: Default::default(),
        };
        let value = action(&mut writer).map_err(named)?;
        if commit {
            let head = history::record(writer.tx.conn, &self.notes, &writer.now, writer.user)
                .map_err(named)?;
            // On a server, the other windows are told what changed, at the commit (a
            // notification is delivered only if the transaction commits).
            if let (Some(head), true) = (head, writer.tx.conn.is_postgres()) {
                super::postgres::listen::notify(
                    writer.tx.conn,
                    head.seq,
                    writer.user,
                    &writer.agencies,
                )
                .map_err(named)?;
            }
            writer.tx.commit()
        } else {
            writer.tx.roll_back()
        }
        .map_err(|e| named(classify_any(&path, e)))?;
        Ok(value)
    }

    /// The SQLite connection, for what only SQLite does (its backup API); a registry on a
    /// server is backed up by the server.
    pub(crate) fn sqlite_conn(&self) -> Result<&rusqlite::Connection> {
        self.conn.sqlite().ok_or_else(|| {
            StoreError::Conflict(
                "a registry on a PostgreSQL server is backed up by the server (pg_dump), not by g287: see the README".into(),
            )
        })
    }

    /// The connection, for reads.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// A refusal of the server's grants, naming the login, its g287 role and what that role may do.
fn named_refusal(
    e: StoreError,
    login: &str,
    role: Option<super::postgres::schema::Role>,
) -> StoreError {
    match e {
        StoreError::NotAllowed { reason, .. } => StoreError::NotAllowed {
            login: match role {
                Some(role) => format!("{login} ({})", role.name()),
                None => login.to_string(),
            },
            reason,
            may: match role {
                Some(role) => format!("a {} may {}", role.name(), role.may()),
                None => "this login holds no g287 role".into(),
            },
        },
        other => other,
    }
}

/// A write transaction on a connection, begun by a statement: it is rolled back when dropped
/// unless it was committed (an error, or a panic, inside an action writes nothing).
struct Transaction<'a> {
    conn: &'a Connection,
    open: bool,
}

impl<'a> Transaction<'a> {
    /// Begins one: on SQLite `IMMEDIATE`, taking the write lock at once, so that two writers
    /// never both read and then collide at commit.
    ///
    /// On PostgreSQL every writer first takes the registry's one lock (a transaction-level
    /// advisory lock, released at commit or rollback): the history is one chain, and its next
    /// entry can only be chained to the end once the previous writer has committed. Like
    /// SQLite's write lock, it serialises writers and never readers; unlike a lock on a table
    /// it needs no grant, so a viewer's write is refused on the table it tried to change.
    fn begin(conn: &'a Connection) -> super::connection::Result<Transaction<'a>> {
        Transaction::begin_with(
            conn,
            if conn.is_postgres() {
                "BEGIN; SELECT pg_advisory_xact_lock(287287287)"
            } else {
                "BEGIN IMMEDIATE"
            },
        )
    }

    fn begin_with(conn: &'a Connection, begin: &str) -> super::connection::Result<Transaction<'a>> {
        conn.execute_batch(begin)?;
        Ok(Transaction { conn, open: true })
    }

    fn commit(mut self) -> super::connection::Result<()> {
        self.conn.execute_batch("COMMIT")?;
        self.open = false;
        Ok(())
    }

    fn roll_back(mut self) -> super::connection::Result<()> {
        self.open = false;
        self.conn.execute_batch("ROLLBACK")
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if self.open {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

/// An open write transaction with its place in the audit chain.
pub struct Writer<'a> {
    tx: Transaction<'a>,
    audit: audit::Chain,
    user: &'a str,
    now: String,
    /// The agencies whose records this transaction changed, as its descriptive entries name
    /// them: what a team's other windows are told to read again.
    agencies: super::postgres::listen::Touched,
}

impl Writer<'_> {
    /// Appends one entry to the audit chain.
    pub(crate) fn log(
        &mut self,
        entity: &str,
        entity_id: Option<i64>,
        agency_id: Option<i64>,
        action: &str,
        changes: serde_json::Value,
    ) -> Result<()> {
        self.agencies.note(agency_id);
        let entry = audit::NewEntry {
            at: &self.now,
            who: self.user,
            entity,
            entity_id,
            agency_id,
            action,
            changes: &changes,
        };
        self.audit.append(self.tx.conn, entry)
    }

    /// The user the transaction writes for.
    pub(crate) fn user(&self) -> &str {
        self.user
    }

    /// The moment the transaction started (RFC 3339, UTC).
    pub(crate) fn now(&self) -> &str {
        &self.now
    }
}

impl std::ops::Deref for Writer<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.tx.conn
    }
}

fn migrate(conn: &Connection, path: &Path) -> Result<()> {
    migrate_with(conn, path, migrations::MIGRATIONS)
}

/// Brings the schema up to `list.len()`. A database that already holds data is copied to the
/// backups folder first, so that an upgrade that goes wrong loses nothing.
pub(crate) fn migrate_with(db: &Connection, path: &Path, list: &[&str]) -> Result<()> {
    let conn = db
        .sqlite()
        .expect("SQLite's migrations run on a SQLite connection");
    let target = list.len() as i64;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    if version > target {
        return Err(StoreError::Newer {
            path: path.to_path_buf(),
            found: version,
            supported: target,
        });
    }
    if version == target {
        return Ok(());
    }
    if version > 0 {
        backup::before_migration(conn, path, version, target)?;
    }
    let tx = Transaction::begin_with(db, "BEGIN EXCLUSIVE").map_err(|e| classify_any(path, e))?;
    // Read again inside the lock: another process may have migrated meanwhile.
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (at, sql) in list.iter().enumerate().skip(version.min(target) as usize) {
        conn.execute_batch(sql)?;
        if at + 1 == HISTORY_VERSION && version > 0 {
            convert_to_history(db, path, version)?;
        }
    }
    conn.pragma_update(None, "user_version", target)?;
    tx.commit().map_err(|e| classify_any(path, e))?;
    Ok(())
}

/// The schema version that brought the history proving the registry ([`history`]).
const HISTORY_VERSION: usize = 4;

/// Converts a registry of schema 1-3 to the history of schema 4, inside the upgrade's
/// transaction: its audit chain is verified first (an upgrade that fails it is refused, the
/// file left as it was), then one entry records every row as it stands, naming the old chain's
/// end, so that the history from then on proves the tables.
fn convert_to_history(tx: &Connection, path: &Path, from: i64) -> Result<()> {
    let old = audit::verify_legacy_chain(tx)?;
    if !old.ok() {
        return Err(StoreError::HistoryBroken {
            path: path.to_path_buf(),
            problem: old.in_words(),
        });
    }
    let head = match &old.head {
        Some(head) => format!(
            "its audit chain of {} entries verified, ending {head}",
            old.entries
        ),
        None => "its audit chain empty".into(),
    };
    history::record_everything(
        tx,
        &Utc::now().to_rfc3339(),
        &os_user(),
        &format!("upgrade from schema {from}: the registry as it stood, {head}"),
    )?;
    Ok(())
}

/// [`classify`] for an error of either backend's connection.
pub(crate) fn classify_any(path: &Path, e: super::connection::Error) -> StoreError {
    match e {
        super::connection::Error::Sqlite(e) => classify(path, e),
        other => StoreError::from(other),
    }
}

pub(crate) fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode::*;
    match e.sqlite_error_code() {
        Some(DatabaseBusy | DatabaseLocked) => StoreError::Locked(path.to_path_buf()),
        Some(NotADatabase | DatabaseCorrupt | CannotOpen | ReadOnly) => StoreError::Unusable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        },
        _ => StoreError::from(e),
    }
}

/// Refuses a database file of 0 bytes in a folder that has held a registry (it has backups,
/// reports or anything else of g287's): re-creating it would silently start an empty registry
/// in place of the lost one. On a first start (the folder holds nothing else) a 0-byte file is
/// what an interrupted first start left, and the registry is created.
fn refuse_emptied(data_dir: &Path, path: &Path) -> Result<()> {
    if std::fs::metadata(path).map_or(true, |m| m.len() > 0) {
        return Ok(());
    }
    let others: Vec<String> = std::fs::read_dir(data_dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with(DATABASE_FILE))
                .collect()
        })
        .unwrap_or_default();
    if others.is_empty() {
        return Ok(());
    }
    Err(StoreError::Emptied {
        path: path.to_path_buf(),
        holds: others.join(", "),
    })
}

/// Moves an emptied database file ([`StoreError::Emptied`]) aside, to
/// `g287.sqlite3.empty-YYYYMMDD-HHMMSS` in the same folder, so that the next open starts a new
/// registry; the window does it when the coordinator says so. Returns where it went.
pub fn set_aside_empty(path: &Path) -> Result<PathBuf> {
    let io = |e: std::io::Error| StoreError::Io(format!("{}: {e}", path.display()));
    if std::fs::metadata(path).map_err(io)?.len() != 0 {
        return Err(StoreError::Conflict(format!(
            "{} is not empty: it was left where it is",
            path.display()
        )));
    }
    let aside = path.with_extension(format!(
        "sqlite3.empty-{}",
        chrono::Local::now().format("%Y%m%d-%H%M%S")
    ));
    std::fs::rename(path, &aside).map_err(io)?;
    Ok(aside)
}

/// Refuses to open a database whose `-wal` file does not belong to it. SQLite applies any
/// well-formed WAL it finds beside the file, and a stale one from another database damages it
/// for good ("invalid page number 740") at the first checkpoint. So a WAL that is there is
/// first read read-only: if the file with it fails SQLite's quick check, or the end of its audit
/// chain does not hold, nothing is opened for writing and nothing is changed.
fn refuse_foreign_wal(path: &Path) -> Result<()> {
    let wal = path.with_extension("sqlite3-wal");
    if std::fs::metadata(&wal).map_or(true, |m| m.len() == 0) {
        return Ok(());
    }
    let checked = (|| {
        let conn = rusqlite::Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let mut stmt = conn.prepare("PRAGMA quick_check(3)")?;
        let found: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        if found != ["ok"] {
            return Ok::<_, StoreError>(Some(found.join("; ")));
        }
        // A foreign WAL's pages can form sound trees of their own; but every g287 commit
        // writes the last audit entry and the chain's recorded end together, and pages of
        // another database do not agree with them.
        let has_chain: bool = conn.query_row(
            "SELECT count(*) = 2 FROM sqlite_schema WHERE name IN ('audit_log', 'meta')",
            [],
            |r| r.get(0),
        )?;
        if !has_chain {
            return Ok(None);
        }
        audit::tail_problem(&Connection::from_sqlite(conn))
    })();
    let problem = match checked {
        Ok(None) => return Ok(()),
        Ok(Some(problem)) => problem,
        Err(StoreError::Database(e))
            if matches!(
                e.downcast_ref::<rusqlite::Error>()
                    .and_then(rusqlite::Error::sqlite_error_code),
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            ) =>
        {
            return Err(StoreError::Locked(path.to_path_buf()));
        }
        Err(e) => e.to_string(),
    };
    Err(StoreError::Unusable {
        path: path.to_path_buf(),
        reason: format!(
            "the write-ahead log beside it ({}) does not belong to it: read with it, {problem}; nothing was opened for writing and both files were left \
             as they are: move the -wal file away if it is not this database's, or restore a \
             backup",
            wal.display()
        ),
    })
}

/// Creates an empty database file readable by its owner only, before SQLite opens it: SQLite
/// gives its `-wal` and `-shm` files the database file's permissions.
pub(crate) fn create_private(path: &Path) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map(drop).map_err(|e| {
        StoreError::Io(format!(
            "{}: cannot create the database: {e}",
            path.display()
        ))
    })
}

/// Makes the database readable and writable by its owner only: it holds officers' personal data.
fn restrict_permissions(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for file in [
            path.to_path_buf(),
            path.with_extension("sqlite3-wal"),
            path.with_extension("sqlite3-shm"),
        ] {
            if file.exists() {
                let _ = std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// The login name of the person at the keyboard, recorded (with the display name they chose,
/// [`author`]) as the author of every change. Read from the operating system by `whoami`, the
/// same way on Linux, macOS and Windows: `$USER` is unset on many desktops, and every entry
/// then said "by unknown". The environment is asked only if the system cannot say.
pub fn os_user() -> String {
    whoami::username()
        .ok()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| {
            ["USER", "USERNAME", "LOGNAME"]
                .iter()
                .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        })
        .unwrap_or_else(|| "unknown".into())
}

/// Today's date on this machine, the default date of checks.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}
