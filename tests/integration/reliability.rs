//! What workstations do to programs: processes killed mid-write, two programs on one data
//! folder, databases from earlier versions, backups taken while writing, restores of bad files.

use crate::common;

use common::{fixture, g287, stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

fn spawn(data: &Path, args: &[&str]) -> Child {
    common::command(data)
        .args(args)
        .env("USER", "tester")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn counts(data: &Path) -> (usize, usize) {
    let out = g287(data, &["agencies", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let a = v.as_array().unwrap();
    (
        a.len(),
        a.iter()
            .map(|x| x["agreements"].as_array().unwrap().len())
            .sum(),
    )
}

fn verify_ok(data: &Path) {
    let out = g287(data, &["verify"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "verify after a kill: {}{}",
        stdout(&out),
        stderr(&out)
    );
}

/// A small deterministic sequence of delays, spread over the run of the command being killed.
fn delays(n: usize, span: Duration) -> Vec<Duration> {
    let mut x: u64 = 0x9E3779B97F4A7C15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            span.mul_f64((x % 10_000) as f64 / 10_000.0)
        })
        .collect()
}

#[test]
fn a_demo_fill_killed_at_random_moments_leaves_all_or_nothing() {
    let mut survived = 0;
    let mut mid_write = 0;
    for delay in delays(12, Duration::from_millis(900)) {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let mut child = spawn(&data, &["demo", "--agencies", "1500"]);
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL on Unix
        let status = child.wait().unwrap();
        // (On a server the database is there before the program starts.)
        if !common::on_postgres() && !data.join("g287.sqlite3").exists() {
            continue;
        }
        verify_ok(&data);
        let (agencies, _) = counts(&data);
        assert!(
            agencies == 0 || agencies == 1500,
            "half a transaction survived: {agencies} agencies"
        );
        if !status.success() {
            mid_write += usize::from(agencies == 0);
        }
        survived += 1;
    }
    assert!(survived >= 10, "only {survived} runs reached the database");
    assert!(
        mid_write >= 3,
        "too few kills landed inside the transaction ({mid_write}) to prove anything"
    );
}

#[test]
fn an_import_killed_at_random_moments_leaves_the_earlier_list_or_both() {
    if common::sqlite_only("copies of a database file (postgres.rs kills a writer on the server)") {
        return;
    }
    let template = tempfile::tempdir().unwrap();
    let base = template.path().join("data");
    g287(
        &base,
        &[
            "import",
            fixture("participatingAgencies05162025am.xlsx")
                .to_str()
                .unwrap(),
        ],
    );
    let before = counts(&base);
    let july = fixture("participatingAgencies07182025pm.xlsx");
    let whole = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(whole.path().join("data")).unwrap();
    std::fs::copy(
        base.join("g287.sqlite3"),
        whole.path().join("data/g287.sqlite3"),
    )
    .unwrap();
    g287(
        &whole.path().join("data"),
        &["import", july.to_str().unwrap()],
    );
    let after = counts(&whole.path().join("data"));
    assert_ne!(before, after);
    let mut interrupted = 0;
    for delay in delays(12, Duration::from_millis(120)) {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir_all(&data).unwrap();
        std::fs::copy(base.join("g287.sqlite3"), data.join("g287.sqlite3")).unwrap();
        let mut child = spawn(&data, &["import", july.to_str().unwrap()]);
        std::thread::sleep(delay);
        let _ = child.kill();
        let finished = child.wait().unwrap().code().is_some();
        verify_ok(&data);
        let now = counts(&data);
        if finished {
            assert_eq!(now, after);
        } else {
            assert!(
                now == before || now == after,
                "half an import survived: {now:?}"
            );
            interrupted += usize::from(now == before);
        }
    }
    assert!(
        interrupted >= 2,
        "too few kills landed before the commit ({interrupted})"
    );
}

#[test]
fn two_programs_writing_one_data_folder_both_succeed_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    g287(&data, &["agencies"]);
    let lists = [
        "participatingAgencies05162025am.xlsx",
        "pendingAgencies05152025am.xlsx",
        "pendingAgencies07182025pm.xlsx",
    ];
    let children: Vec<Child> = lists
        .iter()
        .map(|l| spawn(&data, &["import", fixture(l).to_str().unwrap()]))
        .chain((0..3).map(|_| spawn(&data, &["check", "--format", "json"])))
        .collect();
    for mut c in children {
        let status = c.wait().unwrap();
        let mut err = String::new();
        std::io::Read::read_to_string(c.stderr.as_mut().unwrap(), &mut err).unwrap();
        assert!(status.code().is_some_and(|c| c <= 1), "{err}");
    }
    verify_ok(&data);
    let history: serde_json::Value =
        serde_json::from_slice(&g287(&data, &["history", "--format", "json"]).stdout).unwrap();
    let imports = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entity"] == "import")
        .count();
    assert_eq!(imports, 3, "every import's writes are kept");
}

#[test]
fn a_program_holding_the_data_too_long_makes_the_second_one_say_it_is_in_use() {
    if common::sqlite_only("SQLite's lock of the file") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    g287(&data, &["demo", "--agencies", "5"]);
    let conn = rusqlite::Connection::open(data.join("g287.sqlite3")).unwrap();
    conn.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let started = Instant::now();
    let out = g287(
        &data,
        &[
            "decide",
            "--agreement",
            "1",
            "--component",
            "ice",
            "--outcome",
            "withdrawn",
            "--date",
            "2026-11-01",
            "--official",
            "A. B., Director",
        ],
    );
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(stderr(&out).contains("in use"), "{}", stderr(&out));
    assert!(
        started.elapsed() >= Duration::from_secs(4),
        "it waited for the other program first"
    );
    conn.execute_batch("ROLLBACK").unwrap();
    drop(conn);
    verify_ok(&data);
}

fn fixtures_of_each_schema_version() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/db");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn a_database_of_every_released_schema_version_opens_and_verifies() {
    if common::sqlite_only("a file of each released schema") {
        return;
    }
    let fixtures = fixtures_of_each_schema_version();
    assert_eq!(
        fixtures.len() as i64,
        g287::store::schema_version(),
        "one fixture per released schema version"
    );
    for f in fixtures {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir_all(&data).unwrap();
        std::fs::copy(&f, data.join("g287.sqlite3")).unwrap();
        verify_ok(&data);
        assert_eq!(counts(&data), (30, 50), "{}", f.display());
        let version: i64 = rusqlite::Connection::open(data.join("g287.sqlite3"))
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, g287::store::schema_version());
        let store = crate::common::open_store(&data).unwrap();
        let catalogue = store.catalogue().unwrap();
        assert_eq!(
            store.catalogue_at(catalogue.version).unwrap(),
            Some(catalogue),
            "the catalogue in force is kept as a version after the upgrade"
        );
    }
}

#[test]
fn a_backup_taken_while_another_program_writes_is_consistent() {
    if common::sqlite_only("a backup file") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    g287(&data, &["agencies"]);
    let mut writer = spawn(&data, &["demo", "--agencies", "1500"]);
    let mut taken = 0;
    for i in 0..6 {
        let file = dir.path().join(format!("backup-{i}.sqlite3"));
        let out = g287(&data, &["backup", file.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        let restored = dir.path().join(format!("restored-{i}"));
        let back = g287(&restored, &["restore", file.to_str().unwrap()]);
        assert!(back.status.success(), "{}", stderr(&back));
        let (agencies, _) = counts(&restored);
        assert!(agencies == 0 || agencies == 1500, "{agencies}");
        taken += 1;
        std::thread::sleep(Duration::from_millis(150));
    }
    assert!(writer.wait().unwrap().success());
    assert_eq!(taken, 6);
}

#[cfg(unix)]
#[test]
fn backups_are_readable_by_their_owner_only_and_never_overwrite() {
    if common::sqlite_only("a backup file") {
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    g287(&data, &["demo", "--agencies", "5"]);
    let file = dir.path().join("b.sqlite3");
    assert!(
        g287(&data, &["backup", file.to_str().unwrap()])
            .status
            .success()
    );
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let again = g287(&data, &["backup", file.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"));
}

#[test]
fn restore_refuses_what_is_not_a_sound_g287_database_and_keeps_what_it_replaces() {
    if common::sqlite_only("a restore from a file") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    g287(&data, &["demo", "--agencies", "10"]);
    let before = counts(&data);
    let junk = dir.path().join("junk.sqlite3");
    std::fs::write(&junk, b"definitely not a database, just bytes..........").unwrap();
    let out = g287(&data, &["restore", junk.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("not a g287 database"));
    let foreign = dir.path().join("foreign.sqlite3");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE x (y)")
        .unwrap();
    assert_eq!(
        g287(&data, &["restore", foreign.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );

    let other = dir.path().join("other");
    g287(&other, &["demo", "--agencies", "20", "--seed", "9"]);
    let good = dir.path().join("good.sqlite3");
    g287(&other, &["backup", good.to_str().unwrap()]);
    let tampered = dir.path().join("tampered.sqlite3");
    std::fs::copy(&good, &tampered).unwrap();
    rusqlite::Connection::open(&tampered)
        .unwrap()
        .execute("UPDATE audit_log SET who = 'x' WHERE seq = 3", [])
        .unwrap();
    let out = g287(&data, &["restore", tampered.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("audit_log row 3, column who"),
        "{}",
        stderr(&out)
    );
    assert_eq!(counts(&data), before, "a refused restore changes nothing");

    let out = g287(&data, &["restore", good.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(counts(&data), counts(&other));
    let kept = stdout(&out)
        .split("kept at ")
        .nth(1)
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let kept_dir = tempfile::tempdir().unwrap();
    std::fs::copy(&kept, kept_dir.path().join("g287.sqlite3")).unwrap();
    assert_eq!(
        counts(kept_dir.path()),
        before,
        "the replaced database is kept whole"
    );
}
