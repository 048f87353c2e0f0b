//! Issue 17: what a hostile file, a concurrent writer or a crafted backup does to g287. Each
//! test failed on the code before the issue was resolved.

use crate::common;

use common::{g287, sheriff, snapshot, stderr, stdout};
use std::io::Write;
use std::path::{Path, PathBuf};

/// ESC and BEL in an agency name (from a database written before names were checked) were
/// printed raw by `g287 agencies`: they cleared the screen and set the terminal's title.
#[test]
fn control_characters_in_a_name_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut store = crate::common::open_store(&data).unwrap();
    store
        .write(|w| w.create_agency(&sheriff("Polk\u{1b}]0;owned\u{7}\u{1b}[2J Sheriff")))
        .unwrap();
    drop(store);
    for format in ["table", "json"] {
        let out = g287(&data, &["agencies", "--format", format]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
        assert!(text.contains("Polk\\u001b]0;owned\\u0007"), "{text}");
    }
}

/// Expects exit `code` with `expected` in the message.
fn exits_with(out: &std::process::Output, code: i32, expected: &str) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}{}",
        stdout(out),
        stderr(out)
    );
    assert!(stderr(out).contains(expected), "{}", stderr(out));
}

// --- Files that exhaust the machine ------------------------------------------------------

/// A workbook of one sheet: `sheet_data` is the XML inside `<sheetData>`, `dimension` the
/// sheet's declared dimension element (or nothing).
fn crafted_xlsx(dir: &Path, name: &str, dimension: &str, sheet_data: &str) -> PathBuf {
    let path = dir.join(name);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    let rels = "http://schemas.openxmlformats.org/package/2006/relationships";
    let office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#
                .to_string(),
        ),
        (
            "_rels/.rels",
            format!(
                r#"<Relationships xmlns="{rels}"><Relationship Id="rId1" Type="{office}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<workbook xmlns="{main}" xmlns:r="{office}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<Relationships xmlns="{rels}"><Relationship Id="rId1" Type="{office}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<worksheet xmlns="{main}">{dimension}<sheetData>{HEADER_ROW}{sheet_data}</sheetData></worksheet>"#
            ),
        ),
    ];
    for (part, text) in parts {
        zip.start_file(part, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    path
}

/// A pending list's header, as inline strings in row 1.
const HEADER_ROW: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>STATE</t></is></c><c r="B1" t="inlineStr"><is><t>LAW ENFORCEMENT AGENCY</t></is></c><c r="C1" t="inlineStr"><is><t>SUPPORT TYPE</t></is></c></row>"#;

/// One data row of text cells at Excel row `row`, columns from A.
fn text_row(row: u64, cells: &[&str]) -> String {
    let mut xml = format!(r#"<row r="{row}">"#);
    for (i, text) in cells.iter().enumerate() {
        let col = (b'A' + i as u8) as char;
        xml.push_str(&format!(
            r#"<c r="{col}{row}" t="inlineStr"><is><t>{text}</t></is></c>"#
        ));
    }
    xml + "</row>"
}

/// Imports `file` into a fresh data folder and expects exit 2 with `expected` in the message
/// and nothing written.
fn refused_with(file: &Path, expected: &str) {
    let data = file.parent().unwrap().join("data");
    assert!(g287(&data, &["agencies"]).status.success());
    let before = snapshot(&data);
    let out = g287(&data, &["import", file.to_str().unwrap()]);
    exits_with(&out, 2, expected);
    assert_eq!(snapshot(&data), before, "nothing written");
}

/// A 1.7 KB workbook with one cell at XFD1048576 aborted g287 ("memory allocation of
/// 549755813888 bytes failed", exit 134).
#[test]
fn a_workbook_reaching_xfd1048576_is_refused_not_allocated() {
    let dir = tempfile::tempdir().unwrap();
    let far = r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#;
    let declared = crafted_xlsx(
        dir.path(),
        "declared.xlsx",
        r#"<dimension ref="A1:XFD1048576"/>"#,
        &text_row(2, &["FLORIDA", "Polk County Sheriff", "Task Force Model"]),
    );
    refused_with(&declared, "says it reaches cell XFD1048576");
    let real = crafted_xlsx(dir.path(), "real.xlsx", "", far);
    refused_with(&real, "cell XFD1048576 is past what a list may hold");
}

/// One row at `r="99999999"` grew to 23 GB.
#[test]
fn a_row_numbered_99999999_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = crafted_xlsx(
        dir.path(),
        "far.xlsx",
        "",
        &text_row(
            99_999_999,
            &["FLORIDA", "Polk County Sheriff", "Task Force Model"],
        ),
    );
    refused_with(&file, "cell A99999999 is past what a list may hold");
}

/// A cell longer than Excel allows (32,767 characters) is refused.
#[test]
fn a_cell_longer_than_a_spreadsheet_allows_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let long = "x".repeat(40_000);
    let file = crafted_xlsx(
        dir.path(),
        "long.xlsx",
        "",
        &text_row(2, &["FLORIDA", &long, "Task Force Model"]),
    );
    refused_with(&file, "cell B2 holds 40000 characters");
}

/// A 4 GB sparse CSV took 4.2 GB of memory before it was refused; now its size refuses it
/// before a byte is read.
#[test]
fn a_file_larger_than_a_list_can_be_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.csv");
    let f = std::fs::File::create(&file).unwrap();
    f.set_len(4 << 30).unwrap();
    refused_with(
        &file,
        "the file is 4096 MB, more than the 64 MB a list may be",
    );
}

/// A FIFO given to import blocked forever; anything that is not a regular file is refused.
#[cfg(unix)]
#[test]
fn a_pipe_is_refused_as_a_list() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("list.csv");
    make_fifo(&fifo);
    refused_with(&fifo, "not a regular file");
}

// --- Backups and restore ---------------------------------------------------------------------

/// A data folder with a few agencies, and a backup of it at `dir/name`.
fn registry_and_backup(dir: &Path, name: &str) -> (PathBuf, PathBuf) {
    let data = dir.join("data");
    let out = g287(&data, &["demo", "--agencies", "5"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let backup = dir.join(name);
    assert!(
        g287(&data, &["backup", backup.to_str().unwrap()])
            .status
            .success()
    );
    (data, backup)
}

/// Restore checked a copy of the main file, then installed the original path through SQLite,
/// which applied a tampered `-wal` lying beside it: "audit chain of 6 entries intact", exit
/// 0, and the next `verify` failed. Now the checked bytes are what is installed.
#[test]
fn restore_installs_the_bytes_it_checked_never_a_wal_beside_the_backup() {
    if common::sqlite_only("a restore from a file") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (_, backup) = registry_and_backup(dir.path(), "good.sqlite3");
    let tampered = dir.path().join("tampered.sqlite3");
    {
        let conn = rusqlite::Connection::open(&backup).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        conn.execute("UPDATE audit_log SET who = 'mallory' WHERE seq = 2", [])
            .unwrap();
        // The main file is still the sound one; the change lies in the -wal only.
        std::fs::copy(&backup, &tampered).unwrap();
        std::fs::copy(
            backup.with_extension("sqlite3-wal"),
            tampered.with_extension("sqlite3-wal"),
        )
        .unwrap();
    }
    let restored = dir.path().join("restored");
    let out = g287(&restored, &["restore", tampered.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let verify = g287(&restored, &["verify"]);
    assert!(
        verify.status.success(),
        "{}{}",
        stdout(&verify),
        stderr(&verify)
    );
}

/// A backup carrying a trigger (that rewrote every later decision) was accepted, and one whose
/// `audit_log` is an empty view was accepted as "0 entries intact". Only g287's own schema
/// is, object by object.
#[test]
fn a_backup_with_a_trigger_or_a_view_is_refused_and_nothing_changes() {
    if common::sqlite_only("a backup file") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (data, backup) = registry_and_backup(dir.path(), "good.sqlite3");
    let before = snapshot(&data);
    let crafted = [
        (
            "trigger.sqlite3",
            "CREATE TRIGGER rewrite AFTER INSERT ON decisions BEGIN
                 UPDATE decisions SET official = 'Trigger Official' WHERE id = new.id;
             END;",
            "trigger \"rewrite\" (on decisions) is not one g287 creates",
        ),
        (
            "view.sqlite3",
            "DROP TABLE audit_log;
             CREATE VIEW audit_log AS SELECT 1 AS seq WHERE 0;",
            "its view \"audit_log\" (on audit_log) differs from the one g287 creates",
        ),
        (
            "extra.sqlite3",
            "CREATE TABLE notes (x); CREATE INDEX notes_x ON notes (x);",
            "is not one g287 creates",
        ),
    ];
    for (name, sql, expected) in crafted {
        let file = dir.path().join(name);
        std::fs::copy(&backup, &file).unwrap();
        rusqlite::Connection::open(&file)
            .unwrap()
            .execute_batch(sql)
            .unwrap();
        let out = g287(&data, &["restore", file.to_str().unwrap()]);
        exits_with(&out, 2, expected);
        assert_eq!(snapshot(&data), before, "{name}: nothing changed");
    }
    let out = g287(&data, &["restore", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// A stale `-wal` from another database beside `g287.sqlite3` was applied and damaged it for
/// good ("invalid page number 740"). Now it is detected and the database refused, exit 5, both
/// files left as they were.
#[test]
fn a_wal_from_another_database_is_refused_and_nothing_changes() {
    if common::sqlite_only("a write-ahead log file") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(g287(&data, &["demo", "--agencies", "5"]).status.success());
    let other = dir.path().join("other");
    assert!(
        g287(&other, &["demo", "--agencies", "60", "--seed", "3"])
            .status
            .success()
    );
    let database = data.join("g287.sqlite3");
    let wal = data.join("g287.sqlite3-wal");
    {
        // Another g287 writes while a reader holds its file open, so its WAL stays.
        let reader = rusqlite::Connection::open(other.join("g287.sqlite3")).unwrap();
        let _: i64 = reader
            .query_row("SELECT count(*) FROM meta", [], |r| r.get(0))
            .unwrap();
        let mut store = crate::common::open_store(&other).unwrap();
        store
            .write(|w| w.create_agency(&sheriff("Seminole County Sheriff's Office")))
            .unwrap();
        drop(store);
        std::fs::copy(other.join("g287.sqlite3-wal"), &wal).unwrap();
        drop(reader);
    }
    let (db_before, wal_before) = (
        std::fs::read(&database).unwrap(),
        std::fs::read(&wal).unwrap(),
    );
    let out = g287(&data, &["agencies"]);
    exits_with(&out, 5, "does not belong to it");
    assert_eq!(
        std::fs::read(&database).unwrap(),
        db_before,
        "database unchanged"
    );
    assert_eq!(std::fs::read(&wal).unwrap(), wal_before, "-wal unchanged");
    // Moved away, the registry is whole again.
    std::fs::remove_file(&wal).unwrap();
    assert!(g287(&data, &["verify"]).status.success());
}

/// A zero-length `g287.sqlite3` was silently re-created as a new, empty registry. The command
/// line refuses it (exit 5) unless it is a first start.
#[test]
fn an_emptied_database_is_refused_unless_it_is_a_first_start() {
    if common::sqlite_only("an emptied database file") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(g287(&data, &["demo", "--agencies", "5"]).status.success());
    let backup = data.join("backups").join("kept.sqlite3");
    assert!(
        g287(&data, &["backup", backup.to_str().unwrap()])
            .status
            .success()
    );
    let database = data.join("g287.sqlite3");
    std::fs::File::create(&database).unwrap();
    let out = g287(&data, &["agencies"]);
    exits_with(&out, 5, "empty (0 bytes)");
    assert_eq!(
        std::fs::metadata(&database).unwrap().len(),
        0,
        "left as it was"
    );
    // The window asks; on the coordinator's word the empty file is set aside, kept.
    let aside = g287::store::set_aside_empty(&database).unwrap();
    assert_eq!(std::fs::metadata(&aside).unwrap().len(), 0);
    assert!(crate::common::open_store(&data).is_ok());
    std::fs::File::create(&database).unwrap();
    let out = g287(&data, &["restore", backup.to_str().unwrap()]);
    assert!(out.status.success(), "restore mends it: {}", stderr(&out));

    let first = dir.path().join("first");
    std::fs::create_dir_all(&first).unwrap();
    std::fs::File::create(first.join("g287.sqlite3")).unwrap();
    let out = g287(&first, &["agencies"]);
    assert!(out.status.success(), "a first start: {}", stderr(&out));
}

// --- Files g287 writes -----------------------------------------------------------------------

/// The permission bits of a file or folder.
#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Exports were created 0644 (0666 under umask 000), the data folder and `backups/` 0755
/// (0777). Everything g287 writes is owner-only, whatever the umask.
#[cfg(unix)]
#[test]
fn everything_written_is_owner_only_even_under_umask_000() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("new").join("data");
    let run = |args: &str| {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("umask 000 && exec \"$0\" --data-dir \"$1\" {args}"))
            .arg(common::binary())
            .arg(&data)
            .env("USER", "tester")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args}: {}", stderr(&out));
    };
    run("demo --agencies 3");
    let export = dir.path().join("out.csv");
    run(&format!("export --format csv --out {}", export.display()));
    let backup = data.join("backups").join("b.sqlite3");
    run(&format!("backup {}", backup.display()));
    let report = dir.path().join("summary.html");
    run(&format!("report --summary --out {}", report.display()));
    for file in [&export, &backup, &report, &data.join("g287.sqlite3")] {
        assert_eq!(mode(file), 0o600, "{}", file.display());
    }
    for folder in [&data, &data.join("backups"), &dir.path().join("new")] {
        assert_eq!(mode(folder), 0o700, "{}", folder.display());
    }
}

/// A symbolic link planted at an export's temporary name made the export overwrite the link's
/// target; `report --out --force` followed a link at the target, and hung on a FIFO.
#[cfg(unix)]
#[test]
fn links_and_pipes_are_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(g287(&data, &["demo", "--agencies", "3"]).status.success());
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let export = dir.path().join("e.csv");
    std::os::unix::fs::symlink(&victim, dir.path().join(".e.csv.g287-tmp")).unwrap();
    let out = g287(
        &data,
        &[
            "export",
            "--format",
            "csv",
            "--out",
            export.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&export).unwrap().contains("STATE"));

    let linked = dir.path().join("linked.html");
    std::os::unix::fs::symlink(&victim, &linked).unwrap();
    let fifo = dir.path().join("pipe.html");
    make_fifo(&fifo);
    for target in [&linked, &fifo] {
        let out = g287(
            &data,
            &[
                "report",
                "--summary",
                "--out",
                target.to_str().unwrap(),
                "--force",
            ],
        );
        exits_with(&out, 2, "not a regular file");
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
}

/// A named pipe at `path`.
#[cfg(unix)]
fn make_fifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.unwrap().success());
}

/// A killed restore left a 165 MB `.g287-restore-check.sqlite3`, a killed export or backup its
/// temporary file: the next start removes them.
#[test]
fn debris_of_a_killed_run_is_removed_at_the_next_start() {
    if common::sqlite_only("the temporary files of the data folder") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(g287(&data, &["agencies"]).status.success());
    std::fs::create_dir_all(data.join("backups")).unwrap();
    let debris = [
        data.join(".g287-restore-check.sqlite3"),
        data.join(".g287.sqlite3.g287-tmp-99999-0"),
        data.join("backups")
            .join(".b.sqlite3.g287-tmp-99999-1-journal"),
    ];
    for file in &debris {
        std::fs::write(file, "half").unwrap();
    }
    assert!(g287(&data, &["agencies"]).status.success());
    for file in &debris {
        assert!(!file.exists(), "{} left", file.display());
    }
}

/// A g287 export re-imported as a registry made 8 duplicate agencies such as "'=1+1": the
/// registry's own round trip now gives the same registry back, in CSV and xlsx.
#[test]
fn the_registrys_round_trip_gives_the_same_registry() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut store = crate::common::open_store(&data).unwrap();
    let names = [
        "=1+1",
        "+1 Police",
        "-Minus Sheriff",
        "@Sum Office",
        "\u{FF1D}1+1",
        "\u{FE66}Small",
        "'=Quoted",
        "'Plain Quote",
        "Polk County Sheriff's Office",
    ];
    for name in names {
        store.write(|w| w.create_agency(&sheriff(name))).unwrap();
    }
    drop(store);
    let listed = |data: &Path| {
        let out = g287(data, &["agencies", "--format", "json"]);
        let agencies: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut names: Vec<String> = agencies
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["name"].as_str().unwrap().to_string())
            .collect();
        names.sort();
        names
    };
    let before = listed(&data);
    assert_eq!(before.len(), names.len());
    for format in ["csv", "xlsx"] {
        let file = dir.path().join(format!("registry.{format}"));
        let out = g287(
            &data,
            &[
                "export",
                "--format",
                format,
                "--out",
                file.to_str().unwrap(),
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let copy = dir.path().join(format!("copy-{format}"));
        let out = g287(&copy, &["import", file.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{format}: {}{}",
            stdout(&out),
            stderr(&out)
        );
        assert_eq!(listed(&copy), before, "{format}");
    }
}

// --- The tamper-evident record, beyond the database ------------------------------------------

/// Putting an older copy of the registry back in place of the file (a backup, or yesterday's
/// copy of the file) leaves a registry whose history proves it, and `verify` passes. The head
/// every export, report and backup carries, given to `verify --head`, finds the history cut.
/// A cut of the history alone no longer passes: its rows are then not proven.
#[test]
fn a_chain_head_kept_outside_finds_a_cut_history() {
    if common::sqlite_only("an older backup file put back") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(g287(&data, &["demo", "--agencies", "5"]).status.success());
    let older = dir.path().join("older.sqlite3");
    assert!(
        g287(&data, &["backup", older.to_str().unwrap()])
            .status
            .success()
    );
    let list = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ice/participatingAgencies07182025pm.csv");
    let out = g287(&data, &["import", list.to_str().unwrap()]);
    assert!(
        stdout(&out).contains("832 new"),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let out = g287(&data, &["verify", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let head = found["head"].as_str().unwrap().to_string();
    let (seq, hash) = head.split_once(':').unwrap();
    assert_eq!(seq, found["entries"].to_string());
    assert_eq!(hash.len(), 64);

    // Every file written outside carries it.
    let csv = dir.path().join("e.csv");
    let out = g287(
        &data,
        &["export", "--format", "csv", "--out", csv.to_str().unwrap()],
    );
    assert!(
        stdout(&out).contains(&head),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.trim_end().lines().last().unwrap().contains(&head),
        "{text}"
    );
    let json = dir.path().join("e.json");
    g287(
        &data,
        &[
            "export",
            "--format",
            "json",
            "--out",
            json.to_str().unwrap(),
        ],
    );
    let exported: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(exported["chain_head"], head.as_str());
    let report = dir.path().join("r.html");
    g287(
        &data,
        &["report", "--summary", "--out", report.to_str().unwrap()],
    );
    assert!(std::fs::read_to_string(&report).unwrap().contains(&head));
    let backup = dir.path().join("b.sqlite3");
    let out = g287(&data, &["backup", backup.to_str().unwrap()]);
    assert!(stdout(&out).contains(&head), "{}", stdout(&out));
    // The export with its head line still imports as the same registry.
    let copy = dir.path().join("copy");
    let out = g287(&copy, &["import", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));

    let out = g287(&data, &["verify", "--head", &head]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));

    // The cut of the history alone, with its recorded end rewritten: the rows the cut
    // entries wrote are no longer proven.
    let n: i64 = seq.parse().unwrap();
    let database = data.join("g287.sqlite3");
    let kept = dir.path().join("kept.sqlite3");
    std::fs::copy(&database, &kept).unwrap();
    {
        let conn = rusqlite::Connection::open(&database).unwrap();
        conn.execute("DELETE FROM history WHERE seq = ?1", [n])
            .unwrap();
        conn.execute(
            "UPDATE meta SET value = (SELECT seq || ' ' || hash FROM history ORDER BY seq DESC LIMIT 1) WHERE key = 'history_head'",
            [],
        )
        .unwrap();
    }
    let out = g287(&data, &["verify"]);
    assert_eq!(out.status.code(), Some(4), "{}", stdout(&out));
    assert!(stdout(&out).contains("differ"), "{}", stdout(&out));
    // The whole file put back as it was before the import: it proves itself.
    for f in ["g287.sqlite3-wal", "g287.sqlite3-shm"] {
        let _ = std::fs::remove_file(data.join(f));
    }
    std::fs::copy(&older, &database).unwrap();
    assert!(
        g287(&data, &["verify"]).status.success(),
        "an older registry put back passes"
    );
    let out = g287(&data, &["verify", "--head", &head]);
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).contains(&format!(
            "entry {n} anchored outside is no longer in the history"
        )),
        "{}",
        stdout(&out)
    );
    let out = g287(&data, &["verify", "--head", "12:nothex"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}
