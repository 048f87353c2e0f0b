//! Upgrading a database made under the first shipped catalogue: the corrected catalogue
//! arrives as a new catalogue version recorded in the history, and a requirement the
//! coordinator edited is never overwritten: the shipped change waits for them to adopt or keep
//! theirs.

use crate::common;

use g287::domain::{Model, Rule};

#[test]
fn an_upgrade_from_schema_2_brings_the_corrected_catalogue_and_keeps_the_coordinators_edits() {
    if common::sqlite_only("upgrading a schema-2 file") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    common::edited_v2(&data);
    let mut store = common::open_store(&data).unwrap();
    let c = store.catalogue().unwrap();
    assert_eq!(
        c.version, 3,
        "the correction is one new version after theirs"
    );
    assert_eq!(store.catalogue_at(3).unwrap().as_ref(), Some(&c));
    assert_eq!(c.terms.len(), 17, "the MOA terms arrive with it");

    // Left as first shipped: corrected.
    let refresher = c.get("officer.refresher_jem").unwrap();
    assert!(!refresher.enabled, "no MOA sets a JEM refresher deadline");
    assert_eq!(
        c.get("officer.certified").unwrap().models,
        [Model::Jem, Model::Wso]
    );
    assert!(
        c.get("officer.credentials").is_some(),
        "new requirements added"
    );
    // Edited by the coordinator: kept as they left it.
    let experience = c.get("officer.experience").unwrap();
    assert_eq!(experience.rule, Rule::MinExperience { years: 3.0 });
    let meeting = c.get("agency.oversight_meeting").unwrap();
    assert_eq!(meeting.rule, Rule::OversightMeeting { months: 6 });
    assert!(meeting.models.contains(&Model::Tfm), "not overwritten");

    let waiting = store.shipped_changes().unwrap();
    let ids: Vec<&str> = waiting.iter().map(|w| w.requirement_id.as_str()).collect();
    assert_eq!(ids, ["agency.oversight_meeting", "officer.experience"]);
    assert_eq!(waiting[0].shipped.models, [Model::Jem, Model::Wso]);
    assert_eq!(waiting[0].theirs, *meeting);

    let history = store.catalogue_history().unwrap();
    let upgrade = history.iter().find(|e| e.action == "upgrade").unwrap();
    assert!(upgrade.changes.to_string().contains("officer.experience"));
    assert!(store.verify().unwrap().ok());
    let backups: Vec<_> = std::fs::read_dir(data.join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!backups.is_empty(), "a copy is kept before the upgrade");

    // Their choice: adopt one, keep the other; each recorded, neither offered again.
    let version = store
        .write(|w| w.resolve_shipped_change("agency.oversight_meeting", true))
        .unwrap();
    assert_eq!(version, 4);
    store
        .write(|w| w.resolve_shipped_change("officer.experience", false))
        .unwrap();
    let c = store.catalogue().unwrap();
    assert_eq!(
        c.get("agency.oversight_meeting").unwrap().models,
        [Model::Jem, Model::Wso]
    );
    assert_eq!(
        c.get("officer.experience").unwrap().rule,
        Rule::MinExperience { years: 3.0 }
    );
    assert!(store.shipped_changes().unwrap().is_empty());
    let actions: Vec<String> = store
        .catalogue_history()
        .unwrap()
        .iter()
        .map(|e| e.action.clone())
        .collect();
    assert!(
        actions.contains(&"adopt_shipped".to_string()),
        "{actions:?}"
    );
    assert!(actions.contains(&"keep_own".to_string()), "{actions:?}");
    drop(store);

    // Opening again upgrades nothing more.
    let store = common::open_store(&data).unwrap();
    assert_eq!(store.catalogue().unwrap().version, 4);
    assert!(store.verify().unwrap().ok());
}

/// A registry of schema 3 is upgraded only after its audit chain verifies: one whose chain was
/// edited outside g287 is refused, left at its version, with what was found; a sound one gets a
/// first history entry that records every row as it stood, so that a row written long before
/// the upgrade and edited after it is still named.
#[test]
fn an_upgrade_verifies_the_old_chain_first_and_the_history_then_proves_the_old_rows() {
    if common::sqlite_only("upgrading an older file") {
        return;
    }
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/db/schema-v3.sqlite3");
    let dir = tempfile::tempdir().unwrap();
    let version = |file: &std::path::Path| -> i64 {
        rusqlite::Connection::open(file)
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap()
    };

    let broken = dir.path().join("broken");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::copy(&fixture, broken.join("g287.sqlite3")).unwrap();
    rusqlite::Connection::open(broken.join("g287.sqlite3"))
        .unwrap()
        .execute("UPDATE audit_log SET who = 'mallory' WHERE seq = 5", [])
        .unwrap();
    let out = common::g287(&broken, &["agencies"]);
    assert_eq!(out.status.code(), Some(4), "{}", common::stderr(&out));
    let said = common::stderr(&out);
    assert!(said.contains("was not upgraded"), "{said}");
    assert!(said.contains("entry 5"), "{said}");
    assert_eq!(version(&broken.join("g287.sqlite3")), 3);

    let sound = dir.path().join("sound");
    std::fs::create_dir_all(&sound).unwrap();
    std::fs::copy(&fixture, sound.join("g287.sqlite3")).unwrap();
    let store = common::open_store(&sound).unwrap();
    let v = store.verify().unwrap();
    assert!(v.ok(), "{}", v.in_words());
    let first: String = rusqlite::Connection::open(sound.join("g287.sqlite3"))
        .unwrap()
        .query_row("SELECT action FROM history WHERE seq = 1", [], |r| r.get(0))
        .unwrap();
    assert!(
        first.starts_with("upgrade from schema 3: the registry as it stood, its audit chain of"),
        "{first}"
    );
    drop(store);
    rusqlite::Connection::open(sound.join("g287.sqlite3"))
        .unwrap()
        .execute("UPDATE nominees SET name = 'Someone Else' WHERE id = 3", [])
        .unwrap();
    let v = common::open_store(&sound).unwrap().verify().unwrap();
    let difference = v.first_difference.unwrap();
    assert_eq!(
        (
            difference.table.as_str(),
            difference.row,
            difference.column.as_deref()
        ),
        ("nominees", 3, Some("name"))
    );
}
