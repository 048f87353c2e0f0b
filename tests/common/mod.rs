//! Helpers shared by the integration tests: temporary data folders and the `g287` binary.

#![allow(dead_code)]

pub mod postgres;
pub mod registry;
pub mod window;

use std::path::{Path, PathBuf};
use std::process::Output;

use chrono::NaiveDate;
use g287::domain::{
    AgencyDetails, AgencyId, AgencyKind, AgreementId, Component, Model, State, Status,
};
use g287::store::Store;
use g287::store::agreements::NewAgreement;

/// The environment variable that runs the suite on PostgreSQL: set to `postgres`, every test
/// that opens a registry gets a database of its own on a throwaway server
/// ([`postgres::server`]) instead of a SQLite file. `the_whole_suite_on_postgresql` sets it
/// for a second run of the same test binary.
pub const BACKEND_VAR: &str = "G287_TEST_BACKEND";

/// Whether this run of the suite writes to PostgreSQL.
pub fn on_postgres() -> bool {
    std::env::var(BACKEND_VAR).is_ok_and(|v| v == "postgres")
}

/// `true`, saying so, when this run is on PostgreSQL and the test is about SQLite's file
/// alone (its bytes, its write-ahead log, a backup file, an older schema's file): the test
/// then returns at once.
pub fn sqlite_only(what: &str) -> bool {
    if on_postgres() {
        eprintln!("on PostgreSQL, not run: {what} is SQLite's alone");
        return true;
    }
    false
}

/// The registries on the server, by the data folder each test gave: the folder's database is
/// created (as a copy of a registry just made by `g287 admin init`) on first use.
static SERVER_DATABASES: std::sync::Mutex<Vec<(PathBuf, String)>> =
    std::sync::Mutex::new(Vec::new());

/// The template every test's database is copied from: a registry as `admin init` leaves it.
static TEMPLATE: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// The database holding the registry of `data_dir` when the suite runs on PostgreSQL.
pub fn server_database(data_dir: &Path) -> Option<String> {
    if !on_postgres() {
        return None;
    }
    let server = postgres::server().expect("PostgreSQL's server programs, for this run");
    let mut known = SERVER_DATABASES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, db)) = known.iter().find(|(dir, _)| dir == data_dir) {
        return Some(db.clone());
    }
    // The template holds the schema and the catalogue, not the national list: as a new
    // SQLite file, the registry reads the list when the registry layer first opens it.
    let template = TEMPLATE.get_or_init(|| {
        let db = server.create_database("g287_template");
        let mut client = ::postgres::Client::connect(&db, ::postgres::NoTls).unwrap();
        g287::store::postgres::schema::init(&mut client).unwrap();
        drop(client);
        drop(Store::connect(&db).unwrap());
        db.split("dbname=")
            .nth(1)
            .unwrap()
            .trim_matches('\'')
            .to_string()
    });
    let db = server.create_database_from("g287_test", template);
    known.push((data_dir.to_path_buf(), db.clone()));
    Some(db)
}

/// The data folder whose registry is the server database `db`.
pub fn data_dir_of(db: &str) -> Option<PathBuf> {
    let known = SERVER_DATABASES.lock().unwrap_or_else(|e| e.into_inner());
    known
        .iter()
        .find(|(_, d)| db.contains(d.as_str()) || d.contains(db))
        .map(|(dir, _)| dir.clone())
}

/// The data folder of a store opened by [`open_store`] or [`store`], on either backend.
pub fn data_dir_of_store(store: &Store) -> PathBuf {
    data_dir_of(&store.path().to_string_lossy())
        .unwrap_or_else(|| store.path().parent().expect("a data folder").to_path_buf())
}

/// Where the registry of `data_dir` is for this run: the folder's SQLite file, or its database
/// on the server.
pub fn location(data_dir: &Path) -> g287::registry::Location {
    g287::registry::Location {
        data_dir: data_dir.to_path_buf(),
        server: server_database(data_dir),
    }
}

/// Runs `sql` on the registry of `data_dir` the way anyone with `sqlite3` or `psql` could,
/// without g287 (its history notes nothing of it).
pub fn outside(data_dir: &Path, sql: &str) {
    match server_database(data_dir) {
        Some(db) => {
            let mut client = ::postgres::Client::connect(&db, ::postgres::NoTls).unwrap();
            client.batch_execute(sql).unwrap();
        }
        None => {
            let conn = rusqlite::Connection::open(data_dir.join("g287.sqlite3")).unwrap();
            conn.execute_batch(sql).unwrap();
        }
    }
}

/// The `g287` binary on the registry of `data_dir` (and its server when the run is on
/// PostgreSQL), with nothing else set.
pub fn command(data_dir: &Path) -> std::process::Command {
    let mut command = std::process::Command::new(binary());
    command.arg("--data-dir").arg(data_dir);
    if let Some(db) = server_database(data_dir) {
        command.arg("--database").arg(db);
    }
    command
}

/// Opens the store of `data_dir` on this run's backend (`Store::open_in` on SQLite).
pub fn open_store(data_dir: &Path) -> g287::store::Result<Store> {
    match server_database(data_dir) {
        Some(db) => Store::connect(&db),
        None => Store::open_in(data_dir),
    }
}

/// Opens the registry of `data_dir` on this run's backend (`Registry::open` on SQLite).
pub fn open_registry(data_dir: &Path) -> g287::registry::Result<g287::registry::Registry> {
    g287::registry::Registry::open_at(&location(data_dir))
}

/// A fresh store in a temporary folder (removed when the folder guard drops), on this run's
/// backend.
pub fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open_store(dir.path()).unwrap();
    store.set_user("tester");
    (dir, store)
}

/// A date from ISO text.
pub fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A county sheriff's office in Florida with a jail.
pub fn sheriff(name: &str) -> AgencyDetails {
    AgencyDetails {
        state: State::parse("FL").unwrap(),
        name: name.into(),
        kind: AgencyKind::County,
        county: Some("Polk County".into()),
        ori: None,
        has_jail: Some(true),
        contact: None,
    }
}

/// Registers an agency with one requested agreement of `model`; returns (agency, agreement).
pub fn agency_with_request(store: &mut Store, name: &str, model: Model) -> (AgencyId, AgreementId) {
    agency_with_agreement(store, name, model, Status::Requested, day("2026-01-05"))
}

/// Registers an agency with one ICE agreement of `model` that reached `status` on `on` (asked
/// for that day too, and signed then if it is active); returns (agency, agreement).
pub fn agency_with_agreement(
    store: &mut Store,
    name: &str,
    model: Model,
    status: Status,
    on: NaiveDate,
) -> (AgencyId, AgreementId) {
    store
        .write(|w| {
            let agency = w.create_agency(&sheriff(name))?;
            let agreement = w.create_agreement(&NewAgreement {
                agency_id: agency,
                model,
                component: Component::Ice,
                status,
                on,
                requested_on: Some(on),
                signed_on: (status == Status::Active).then_some(on),
                note: None,
            })?;
            Ok((agency, agreement))
        })
        .unwrap()
}

/// A real ICE list shipped as a fixture.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ice")
        .join(name)
}

/// Runs the real `g287` binary on a data folder, with a home and XDG folders inside the
/// temporary folder so nothing touches the user's.
pub fn g287(data_dir: &Path, args: &[&str]) -> Output {
    let home = data_dir.parent().unwrap_or(data_dir);
    command(data_dir)
        .args(args)
        .env_remove("G287_DATA_DIR")
        .env_remove("G287_DATABASE")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("xdg-data"))
        .env("XDG_CONFIG_HOME", home.join("xdg-config"))
        .env("USER", "tester")
        .output()
        .unwrap()
}

/// Stdout as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The `g287` binary under test: the one cargo built for this test run.
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_g287"))
}

/// Stderr as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The bytes of every file in a folder, to show that nothing was written.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect()
}

/// The schema-v2 fixture in a fresh data folder, with two requirements edited as g287 2 saved
/// an edit: the body replaced, the version raised and kept.
pub fn edited_v2(data: &Path) {
    std::fs::create_dir_all(data).unwrap();
    let file = data.join("g287.sqlite3");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/db/schema-v2.sqlite3"),
        &file,
    )
    .unwrap();
    let conn = rusqlite::Connection::open(&file).unwrap();
    conn.execute_batch(
        r#"
UPDATE requirements SET body = json_set(body, '$.rule.years', 3.0,
    '$.title', 'Each nominee has at least 3 years of law enforcement experience')
    WHERE id = 'officer.experience';
UPDATE requirements SET body = json_set(body, '$.rule.months', 6)
    WHERE id = 'agency.oversight_meeting';
UPDATE meta SET value = '2' WHERE key = 'catalogue_version';
INSERT INTO catalogue_versions (version, requirements, recorded_at)
SELECT 2, (SELECT json_group_array(json(body)) FROM (SELECT body FROM requirements ORDER BY position)),
       '2026-06-01T00:00:00Z';
"#,
    )
    .unwrap();
}

/// Runs this test binary again with the suite on PostgreSQL ([`BACKEND_VAR`]), every test but
/// `this_test`, on a throwaway server the child starts; fails with the child's output when any
/// test fails there. Says plainly that it was skipped when the server programs are missing.
pub fn run_suite_on_postgres(this_test: &str) {
    if on_postgres() {
        return;
    }
    let path = std::env::var_os("PATH");
    if postgres::locate(
        path.as_deref(),
        Path::new(postgres::DEBIAN_LIB_DIR),
        &mut std::io::stderr(),
    )
    .is_none()
    {
        return;
    }
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--skip", this_test, "--test-threads", "4"])
        .env(BACKEND_VAR, "postgres")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = text
        .lines()
        .filter(|l| {
            l.starts_with("test result:")
                || l.contains("FAILED")
                || l.starts_with("on PostgreSQL, not run")
        })
        .collect::<Vec<_>>()
        .join("\n");
    eprintln!("the suite on PostgreSQL:\n{summary}");
    assert!(
        out.status.success(),
        "the suite failed on PostgreSQL:\n{text}"
    );
}
