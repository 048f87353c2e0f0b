//! Helpers shared by the integration tests: temporary data folders and the `g287` binary.

#![allow(dead_code)]

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

/// A fresh store in a temporary folder (removed when the folder guard drops).
pub fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
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
    std::process::Command::new(binary())
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("G287_DATA_DIR")
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
