//! A change made outside g287 to any table of the registry is named by `g287 verify` (exit 4):
//! for every table, a direct `UPDATE`, `DELETE` and `INSERT` made with SQLite alone (no
//! foreign keys, no checks, as anyone with `sqlite3` could), each on its own copy of one
//! registry that holds rows in every table. The registry untouched verifies (exit 0).

use std::path::{Path, PathBuf};

use crate::common::{self, g287, stderr, stdout};
use g287::documents::{Finding, FindingKind, Subject};
use g287::domain::claims::ClaimDetails;
use g287::domain::{AgreementId, NoticeParty};
use g287::store::documents::NewAttachment;

/// A registry with rows in every table: the v2 fixture with a coordinator's catalogue edit
/// (upgraded: the shipped correction waits in `shipped_changes`), ICE's July list imported
/// (an import, flagged values for review), a termination notice and a claim of citizenship.
fn registry_with_every_table(dir: &Path) -> PathBuf {
    let data = dir.join("data");
    common::edited_v2(&data);
    let list = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ice/participatingAgencies07182025pm.csv");
    let out = g287(&data, &["import", list.to_str().unwrap()]);
    assert!(
        stdout(&out).contains("flagged"),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let mut store = common::open_store(&data).unwrap();
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    store
        .write(|w| {
            w.give_termination_notice(
                AgreementId(1),
                day("2026-11-02"),
                NoticeParty::Agency,
                Some("letter"),
            )?;
            w.give_termination_notice(
                AgreementId(2),
                day("2026-11-03"),
                NoticeParty::Component,
                None,
            )?;
            for minute in ["10:00", "11:30"] {
                let at = |t: &str| {
                    chrono::NaiveDateTime::parse_from_str(
                        &format!("2026-11-04 {t}"),
                        "%Y-%m-%d %H:%M",
                    )
                    .unwrap()
                };
                w.record_claim(
                    AgreementId(1),
                    None,
                    &ClaimDetails {
                        claimed_at: Some(at(minute)),
                        reported_at: Some(at("12:00")),
                        note: Some("booking".into()),
                    },
                )?;
            }
            // A signed MOA attached, with a disagreement for review: rows in `documents`,
            // `document_contents`, `attachments` and `moa_checks`.
            let attached = w.attach_document(&NewAttachment {
                subject: Subject::Agreement,
                subject_id: 1,
                name: "signed MOA.pdf",
                role: Some("moa"),
                kind: "pdf",
                content: b"%PDF-1.7 a signed MOA",
                moa_read: None,
            })?;
            w.record_moa_findings(
                attached.id,
                AgreementId(1),
                &[Finding {
                    kind: FindingKind::Disagrees,
                    field: "model",
                    in_moa: "Warrant Service Officer".into(),
                    in_registry: Some("Jail Enforcement Model".into()),
                }],
            )?;
            Ok(())
        })
        .unwrap();
    data
}

/// A column: its name, declared type, and whether it is part of the primary key.
type Column = (String, String, bool);

/// Every table of the file but SQLite's own and the history, with its columns.
fn tables(database: &Path) -> Vec<(String, Vec<Column>)> {
    let conn = rusqlite::Connection::open(database).unwrap();
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table'
             AND name NOT LIKE 'sqlite%' AND name <> 'history' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    names
        .into_iter()
        .map(|t| {
            let columns = conn
                .prepare(&format!("PRAGMA table_info(\"{t}\")"))
                .unwrap()
                .query_map([], |r| {
                    Ok((r.get(1)?, r.get::<_, String>(2)?, r.get::<_, i64>(5)? > 0))
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            (t, columns)
        })
        .collect()
}

/// Runs `sql` on a copy of the registry with SQLite alone, then `g287 verify`: its exit code and
/// what it printed.
fn tampered(source: &Path, dir: &Path, name: &str, sql: &str) -> (Option<i32>, String) {
    let data = dir.join(name);
    std::fs::create_dir_all(&data).unwrap();
    std::fs::copy(source.join("g287.sqlite3"), data.join("g287.sqlite3")).unwrap();
    let conn = rusqlite::Connection::open(data.join("g287.sqlite3")).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON;")
        .unwrap();
    let changed = conn.execute(sql, []).unwrap();
    assert_eq!(changed, 1, "{name}: {sql}");
    drop(conn);
    let out = g287(&data, &["verify"]);
    (
        out.status.code(),
        format!("{}{}", stdout(&out), stderr(&out)),
    )
}

#[test]
fn an_update_delete_or_insert_in_any_table_outside_g287_is_named_by_verify() {
    if common::sqlite_only(
        "changing a copy of the file with SQLite alone (postgres.rs tampers on the server)",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = registry_with_every_table(dir.path());
    // A clean copy: the WAL checkpointed into the file, so that copying the file alone copies
    // the registry.
    let source = dir.path().join("source");
    std::fs::create_dir_all(&source).unwrap();
    let out = g287(
        &data,
        &["backup", source.join("g287.sqlite3").to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let untouched = g287(&source, &["verify"]);
    assert_eq!(untouched.status.code(), Some(0), "{}", stdout(&untouched));

    let database = source.join("g287.sqlite3");
    let conn = rusqlite::Connection::open(&database).unwrap();
    let tables = tables(&database);
    assert!(tables.len() >= 18, "{}", tables.len());
    let mut tried = 0;
    for (table, columns) in &tables {
        let rows: i64 = conn
            .query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
                r.get(0)
            })
            .unwrap();
        assert!(rows >= 1, "{table} has rows to tamper with");
        let (first, last): (i64, i64) = conn
            .query_row(
                &format!("SELECT min(rowid), max(rowid) FROM \"{table}\""),
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        // The row the history covers last in `meta` names the history itself.
        let skip_head = if table == "meta" {
            " AND key <> 'history_head'"
        } else {
            ""
        };
        // UPDATE: a text column (or else a number) of the first row.
        let (column, kind, _) = columns
            .iter()
            .find(|(_, kind, key)| !key && kind == "TEXT")
            .or_else(|| columns.iter().find(|(_, _, key)| !key))
            .unwrap();
        let new_value = if kind == "TEXT" {
            format!("coalesce(\"{column}\", '') || ' (edited)'")
        } else {
            format!("coalesce(\"{column}\", 0) + 1")
        };
        let row_where = |aggregate: &str, also: &str| -> i64 {
            conn.query_row(
                &format!("SELECT {aggregate}(rowid) FROM \"{table}\" WHERE 1{skip_head}{also}"),
                [],
                |r| r.get(0),
            )
            .unwrap()
        };
        let first_row = row_where("min", "");
        let (code, said) = tampered(
            &source,
            dir.path(),
            &format!("{table}-update"),
            &format!("UPDATE \"{table}\" SET \"{column}\" = {new_value} WHERE rowid = {first_row}"),
        );
        // The documents' bytes are outside the history: `verify` hashes them against the
        // SHA-256 the history records and names the document.
        let contents = table == "document_contents";
        assert_eq!(code, Some(4), "{table} update: {said}");
        assert!(
            if contents {
                said.contains("signed MOA.pdf (agreement 1) (SHA-256")
                    && said.contains("are missing")
                    && said.contains("recorded by no document")
            } else {
                said.contains(&format!("{table} row {first_row}, column {column}"))
            },
            "{table} update: {said}"
        );
        // DELETE: the last row. In `meta`, the chain end of schema 3 (kept, no longer written):
        // a deleted `shipped_revision` makes the next open run the catalogue's upgrade again,
        // which g287 then records as its own change (see the README's limits).
        let last_row = row_where(
            "max",
            if table == "meta" {
                " AND key = 'audit_head'"
            } else {
                ""
            },
        );
        let (code, said) = tampered(
            &source,
            dir.path(),
            &format!("{table}-delete"),
            &format!("DELETE FROM \"{table}\" WHERE rowid = {last_row}"),
        );
        assert_eq!(code, Some(4), "{table} delete: {said}");
        assert!(
            if contents {
                said.contains("signed MOA.pdf (agreement 1) (SHA-256")
                    && said.contains("are missing")
            } else {
                said.contains(&format!("{table} row {last_row} was deleted outside g287"))
            },
            "{table} delete: {said}"
        );
        // INSERT: a copy of the first row under a new rowid, its text made unique.
        let new_rowid = last.max(first) + 1000;
        let values: Vec<String> = columns
            .iter()
            .map(|(c, kind, key)| match (kind.as_str(), key) {
                ("INTEGER", true) => new_rowid.to_string(),
                ("TEXT", _) => format!("coalesce(\"{c}\", '') || ' (forged)'"),
                _ => format!("\"{c}\""),
            })
            .collect();
        let names: Vec<String> = columns.iter().map(|(c, _, _)| format!("\"{c}\"")).collect();
        let (code, said) = tampered(
            &source,
            dir.path(),
            &format!("{table}-insert"),
            &format!(
                "INSERT INTO \"{table}\" (rowid, {}) SELECT {new_rowid}, {} FROM \"{table}\" WHERE rowid = {first_row}",
                names.join(", "),
                values.join(", ")
            ),
        );
        assert_eq!(code, Some(4), "{table} insert: {said}");
        assert!(
            if contents {
                said.contains("recorded by no document")
            } else {
                said.contains(&format!(
                    "{table} row {new_rowid} was inserted outside g287"
                ))
            },
            "{table} insert: {said}"
        );
        tried += 3;
    }
    assert_eq!(tried, tables.len() * 3);
}
