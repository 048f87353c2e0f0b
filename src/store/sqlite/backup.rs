//! Backups: on request (`g287 backup`), every day automatically, and before every schema
//! upgrade; and restoring one, which refuses anything that is not a sound g287 database and
//! keeps the database it replaces.
//!
//! Copies use SQLite's online backup, so they are consistent even while another g287 writes,
//! and are then switched out of WAL mode so that each backup is one self-contained file.

use chrono::{Local, NaiveDate};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use crate::store::connection::Connection as Db;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{Result, Store, StoreError, Verification, classify, schema_version};

/// The folder, inside the data folder, that holds automatic backups.
pub const BACKUP_DIR: &str = "backups";
/// How many daily backups are kept.
pub const DAILY_KEPT: usize = 7;
const DAILY_PREFIX: &str = "g287-daily-";

/// A backup's destination that exists already.
fn already_there(dest: &Path) -> StoreError {
    StoreError::Conflict(format!(
        "{} already exists; choose another name (nothing was overwritten)",
        dest.display()
    ))
}

/// Copies the database to `dest`, which must not exist, through a temporary file in the same
/// folder renamed to `dest` only once complete: a failed or killed backup leaves no partial
/// file or `-journal` under the requested name (and the temporary ones go at the next start).
fn copy(from: &Connection, dest: &Path) -> Result<()> {
    let io = |e: crate::files::WriteError| StoreError::Io(format!("the backup was not made: {e}"));
    if crate::files::check_target(dest).map_err(io)? {
        return Err(already_there(dest));
    }
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        crate::files::create_private_dir(parent).map_err(|e| {
            StoreError::Io(format!(
                "{}: cannot create the folder: {e}",
                parent.display()
            ))
        })?;
    }
    let mut tmp = crate::files::TempFile::beside(dest)
        .map_err(|e| StoreError::Io(format!("{}: the backup failed: {e}", dest.display())))?;
    tmp.close();
    let result = (|| {
        let mut to = Connection::open(tmp.path())?;
        Backup::new(from, &mut to)?.run_to_completion(512, Duration::from_millis(2), None)?;
        to.pragma_update(None, "journal_mode", "DELETE")?;
        Ok::<_, rusqlite::Error>(())
    })();
    result.map_err(|e| StoreError::Io(format!("{}: the backup failed: {e}", dest.display())))?;
    tmp.install(dest, false).map_err(|e| match e {
        crate::files::WriteError::Exists(_) => already_there(dest),
        e => io(e),
    })
}

fn backup_dir(database: &Path) -> PathBuf {
    database.parent().unwrap_or(Path::new(".")).join(BACKUP_DIR)
}

fn stamp() -> String {
    Local::now().format("%Y%m%d-%H%M%S").to_string()
}

/// Copies a database about to be upgraded into the backups folder.
pub(crate) fn before_migration(
    conn: &Connection,
    path: &Path,
    from: i64,
    to: i64,
) -> Result<PathBuf> {
    let dest = backup_dir(path).join(format!(
        "g287-before-v{to}-from-v{from}-{}.sqlite3",
        stamp()
    ));
    copy(conn, &dest)?;
    Ok(dest)
}

impl Store {
    /// Writes a consistent copy of the database to `dest`, which must not exist yet. Safe while
    /// the window or another command is writing.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        copy(self.sqlite_conn()?, dest)
    }

    /// Makes today's automatic backup if there is none yet, and keeps the newest
    /// [`DAILY_KEPT`]. Returns the file written, if one was.
    pub fn daily_backup(&self, today: NaiveDate) -> Result<Option<PathBuf>> {
        if self.is_server() {
            // A team's server is backed up by the server (pg_dump), not by each window.
            return Ok(None);
        }
        let dir = backup_dir(self.path());
        let dest = dir.join(format!("{DAILY_PREFIX}{today}.sqlite3"));
        if dest.exists() {
            return Ok(None);
        }
        copy(self.sqlite_conn()?, &dest)?;
        let mut daily: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| {
                        p.file_name()
                            .and_then(|n| n.to_str())
                            .is_some_and(|n| n.starts_with(DAILY_PREFIX) && n.ends_with(".sqlite3"))
                    })
                    .collect()
            })
            .unwrap_or_default();
        // Names carry ISO dates, so their order is their age.
        daily.sort();
        let excess = daily.len().saturating_sub(DAILY_KEPT);
        for old in &daily[..excess] {
            let _ = std::fs::remove_file(old);
        }
        Ok(Some(dest))
    }
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq)]
pub struct Restored {
    /// Where the database that was replaced was kept.
    pub replaced_kept_at: PathBuf,
    /// The restored database's verification.
    pub verification: Verification,
}

/// Why a restore was refused; nothing was changed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum RestoreRefusal {
    /// The file is not a g287 database (or not SQLite at all).
    #[error("{0}")]
    NotG287(String),
    /// The file is a g287 database that fails verification.
    #[error("{file}: fails verification: {why}; nothing was restored")]
    FailsVerification {
        /// The file.
        file: PathBuf,
        /// What verify found.
        why: String,
    },
    /// The store could not be used.
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// The schema objects (type, name, table, SQL) that g287's own migrations up to `version`
/// create, read from a database in memory that ran them: what a backup of that version may
/// hold, whatever migrations are added later.
fn own_schema(version: i64) -> rusqlite::Result<Vec<SchemaObject>> {
    let conn = Connection::open_in_memory()?;
    for sql in &super::migrations::MIGRATIONS[..version.clamp(0, schema_version()) as usize] {
        conn.execute_batch(sql)?;
    }
    schema_objects(&conn)
}

/// One row of `sqlite_schema`: type, name, table and SQL.
type SchemaObject = (String, String, String, Option<String>);

fn schema_objects(conn: &Connection) -> rusqlite::Result<Vec<SchemaObject>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, sql FROM sqlite_schema
         WHERE name NOT IN ('sqlite_sequence', 'sqlite_stat1', 'sqlite_stat4')
         ORDER BY type, name",
    )?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect()
}

/// The first difference between a candidate's schema and g287's own, in words; `None` when
/// they are the same object by object.
fn foreign_schema(found: &[SchemaObject], own: &[SchemaObject]) -> Option<String> {
    if let Some((kind, name, table, _)) = found.iter().find(|o| !own.contains(o)) {
        let what = if own.iter().any(|(_, n, _, _)| n == name) {
            "differs from the one g287 creates"
        } else {
            "is not one g287 creates"
        };
        return Some(format!("its {kind} {name:?} (on {table}) {what}"));
    }
    own.iter()
        .find(|o| !found.contains(o))
        .map(|(kind, name, _, _)| format!("it lacks g287's {kind} {name:?}"))
}

/// The refusal of `file` as not a g287 database, saying why.
fn not_g287(file: &Path, why: &str) -> RestoreRefusal {
    RestoreRefusal::NotG287(format!(
        "{}: not a g287 database ({why}); nothing was restored",
        file.display()
    ))
}

/// Checks the database at `path` (a private copy): a g287 schema of a version this program
/// knows, object by object (no trigger, view or anything g287 does not create), whose
/// integrity and audit chain hold. `file` is the name shown in refusals.
fn check_copy(db: &Db, file: &Path) -> std::result::Result<Verification, RestoreRefusal> {
    let not = |why: String| not_g287(file, &why);
    let conn = db.sqlite().expect("a copy is a SQLite file");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| not(e.to_string()))?;
    if version < 1 {
        return Err(not("it has no g287 schema version".into()));
    }
    if version > schema_version() {
        return Err(not(format!(
            "it was written by a newer g287 (schema {version}, this one knows {})",
            schema_version()
        )));
    }
    let found = schema_objects(conn).map_err(|e| not(e.to_string()))?;
    let own = own_schema(version).map_err(|e| not(e.to_string()))?;
    if let Some(why) = foreign_schema(&found, &own) {
        return Err(not(format!(
            "{why}; a backup holds only g287's own tables and indexes"
        )));
    }
    let v = super::audit::verify(db).map_err(|e| not(e.to_string()))?;
    if !v.ok() {
        let why = match (&v.first_bad, &v.first_difference) {
            (Some(bad), _) => format!("history entry {}: {}", bad.seq, bad.problem),
            (None, Some(difference)) => v.difference_in_words(difference),
            (None, None) if !v.integrity_ok => {
                format!("integrity check: {}", v.integrity_messages.join("; "))
            }
            (None, None) => v
                .document_problems
                .iter()
                .map(|p| p.in_words())
                .collect::<Vec<_>>()
                .join("; "),
        };
        return Err(RestoreRefusal::FailsVerification {
            file: file.to_path_buf(),
            why,
        });
    }
    Ok(v)
}

/// Copies the bytes of `file` (the file alone: a `-wal` beside it is never read) to a private
/// temporary file beside `database`, and checks that copy ([`check_copy`]). Returns the copy,
/// open, so that what is installed is exactly what was checked.
fn checked_copy(
    file: &Path,
    database: &Path,
) -> std::result::Result<(crate::files::TempFile, Connection, Verification), RestoreRefusal> {
    let not = |why: String| not_g287(file, &why);
    if !file.is_file() {
        return Err(not("no such file, or not a regular file".into()));
    }
    let mut tmp = crate::files::TempFile::beside(database)
        .map_err(|e| StoreError::Io(format!("{}: {e}", database.display())))?;
    let copied = std::fs::File::open(file).and_then(|mut from| {
        let to = tmp.file().ok_or_else(|| std::io::Error::other("closed"))?;
        std::io::copy(&mut from, to)?;
        to.sync_all()
    });
    copied.map_err(|e| not(format!("cannot be read: {e}")))?;
    tmp.close();
    let conn = Connection::open_with_flags(tmp.path(), OpenFlags::SQLITE_OPEN_READ_WRITE)
        .map_err(|e| not(e.to_string()))?;
    let db = Db::from_sqlite(conn);
    let verification = check_copy(&db, file)?;
    let conn = db.into_sqlite().expect("wrapped just above");
    Ok((tmp, conn, verification))
}

/// Replaces the database in `data_dir` with the backup `file`, after checking a private copy of
/// its bytes (see `check_copy`) and keeping the current database in the backups folder. What
/// is installed is that checked copy, never the file read again (nor a `-wal` beside it).
pub fn restore(data_dir: &Path, file: &Path) -> std::result::Result<Restored, RestoreRefusal> {
    let database = data_dir.join(super::DATABASE_FILE);
    crate::files::create_private_dir(data_dir)
        .map_err(|e| StoreError::Io(format!("{}: {e}", data_dir.display())))?;
    let (_copy, source, _) = checked_copy(file, &database)?;
    let store = Store::open(&database)?;
    let kept = backup_dir(&database).join(format!("g287-before-restore-{}.sqlite3", stamp()));
    store.backup_to(&kept)?;
    drop(store);
    let mut live = Connection::open(&database).map_err(|e| classify(&database, e))?;
    live.busy_timeout(Duration::from_secs(5))
        .map_err(|e| classify(&database, e))?;
    Backup::new(&source, &mut live)
        .and_then(|b| b.run_to_completion(512, Duration::from_millis(2), None))
        .map_err(|e| classify(&database, e))?;
    drop(live);
    drop(source);
    // Opening migrates an older backup (with its own pre-upgrade copy) and sets the pragmas.
    let store = Store::open(&database)?;
    let verification = store.verify()?;
    Ok(Restored {
        replaced_kept_at: kept,
        verification,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upgrade_is_preceded_by_a_backup_and_a_fresh_database_is_not_backed_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g287.sqlite3");
        let db = Db::from_sqlite(Connection::open(&path).unwrap());
        let v1 = ["CREATE TABLE t (x); INSERT INTO t VALUES (1);"];
        super::super::migrate_with(&db, &path, &v1).unwrap();
        assert!(
            !dir.path().join(BACKUP_DIR).exists(),
            "nothing to back up on a fresh database"
        );
        let v2 = [v1[0], "ALTER TABLE t ADD COLUMN y; UPDATE t SET y = 2;"];
        super::super::migrate_with(&db, &path, &v2).unwrap();
        let backups: Vec<_> = std::fs::read_dir(dir.path().join(BACKUP_DIR))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(backups.len(), 1);
        assert!(backups[0].to_string_lossy().contains("before-v2-from-v1"));
        let old = Connection::open(&backups[0]).unwrap();
        let version: i64 = old
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            version, 1,
            "the backup is the database as it was before the upgrade"
        );
        let y: Option<i64> = db.query_row("SELECT y FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(y, Some(2));
    }

    /// The schema a backup may hold is derived from the migrations, so a database of every
    /// released version, and a fresh one, holds exactly g287's own objects.
    #[test]
    fn every_released_schema_is_g287s_own() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/db");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&fixtures)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        let dir = tempfile::tempdir().unwrap();
        drop(Store::open_in(dir.path()).unwrap());
        files.push(dir.path().join(super::super::DATABASE_FILE));
        for file in files {
            let conn =
                Connection::open_with_flags(&file, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
            let version: i64 = conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap();
            let found = schema_objects(&conn).unwrap();
            assert_eq!(
                foreign_schema(&found, &own_schema(version).unwrap()),
                None,
                "{}",
                file.display()
            );
        }
    }

    #[test]
    fn daily_backups_keep_the_newest_seven() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in(dir.path()).unwrap();
        for day in 1..=10 {
            let date = NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
            assert!(store.daily_backup(date).unwrap().is_some());
            assert!(store.daily_backup(date).unwrap().is_none(), "once a day");
        }
        let mut names: Vec<String> = std::fs::read_dir(dir.path().join(BACKUP_DIR))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names.len(), DAILY_KEPT);
        assert_eq!(names[0], "g287-daily-2026-11-04.sqlite3");
    }
}
