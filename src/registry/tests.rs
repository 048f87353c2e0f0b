//! The registry's typed answers: what a face can branch on without reading any text.

use super::{Edit, ListOptions, ReadError, Registry, RegistryError};
use crate::domain::ids::AgencyId;
use crate::domain::{AgencyDetails, AgencyKind, Model, State};
use crate::store::StoreError;

fn registry() -> (tempfile::TempDir, Registry) {
    let dir = tempfile::tempdir().unwrap();
    let registry = Registry::open(dir.path()).unwrap().as_user("tester");
    (dir, registry)
}

fn sheriff(name: &str) -> AgencyDetails {
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

#[test]
fn a_registry_can_be_handed_to_a_worker_thread() {
    fn worker_ready<T: Clone + Send + Sync + 'static>() {}
    worker_ready::<Registry>();
    worker_ready::<RegistryError>();
}

#[test]
fn an_edit_answers_with_the_agency_as_written() {
    let (_dir, registry) = registry();
    let created = registry
        .edit(&Edit::SaveAgency {
            id: None,
            details: sheriff("Polk County Sheriff's Office"),
            seen: None,
        })
        .unwrap();
    assert_eq!(created.agency.details.name, "Polk County Sheriff's Office");
    let requested = registry
        .edit(&Edit::AddAgreement {
            agency: created.agency.id,
            model: Model::Jem,
            component: crate::domain::Component::Ice,
            requested_on: crate::store::today(),
        })
        .unwrap();
    assert_eq!(requested.agreements.len(), 1);
    assert_eq!(registry.counts().unwrap(), (1, 1));
    let history = registry.history(Some(created.agency.id)).unwrap();
    assert!(history.iter().all(|e| e.who == "tester"), "{history:?}");
}

#[test]
fn a_missing_agency_is_a_typed_not_found() {
    let (_dir, registry) = registry();
    for result in [
        registry.agency(AgencyId(42)).map(|_| ()),
        registry.check(Some(AgencyId(42))).map(|_| ()),
        registry.history(Some(AgencyId(42))).map(|_| ()),
    ] {
        assert!(
            matches!(
                result,
                Err(RegistryError::Store(StoreError::NotFound {
                    what: "agency",
                    id: 42
                }))
            ),
            "{result:?}"
        );
    }
}

#[test]
fn a_refused_edit_carries_its_field_errors() {
    let (_dir, registry) = registry();
    let polk = Edit::SaveAgency {
        id: None,
        details: sheriff("Polk County Sheriff's Office"),
        seen: None,
    };
    registry.edit(&polk).unwrap();
    let refused = registry.edit(&polk).unwrap_err();
    let errors = refused.invalid().expect("a validation refusal");
    assert!(errors.iter().any(|e| e.field == "name"), "{errors:?}");
    assert_eq!(
        registry.counts().unwrap(),
        (1, 0),
        "nothing more was written"
    );
}

#[test]
fn a_database_of_a_newer_g287_is_refused_typed_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    drop(Registry::open(dir.path()).unwrap());
    // SQLite keeps `user_version` at byte 60 of the file's header, big-endian.
    let file = dir.path().join(super::DATABASE_FILE);
    let mut bytes = std::fs::read(&file).unwrap();
    bytes[60..64].copy_from_slice(&999u32.to_be_bytes());
    std::fs::write(&file, &bytes).unwrap();
    let refused = Registry::open(dir.path()).unwrap_err();
    assert!(
        matches!(
            &refused,
            RegistryError::Store(StoreError::Newer { found: 999, .. })
        ),
        "{refused:?}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), bytes, "left byte-identical");
}

#[test]
fn an_unreadable_list_names_each_file_and_nothing_is_imported() {
    let (dir, registry) = registry();
    let missing = dir.path().join("participatingAgencies07182025pm.xlsx");
    let garbage = dir.path().join("participatingAgencies07252025pm.csv");
    std::fs::write(&garbage, [0xff, 0xfe, 0x00, 0x01]).unwrap();
    let refused = registry
        .import(
            &[missing.clone(), garbage.clone()],
            ListOptions::default(),
            &mut |_, _| {},
        )
        .unwrap_err();
    let RegistryError::Unreadable(lists) = &refused else {
        panic!("{refused:?}")
    };
    assert_eq!(lists.len(), 2, "{refused}");
    assert!(
        matches!(&lists[0], ReadError::Unreadable { file, .. } if *file == missing.display().to_string()),
        "{refused}"
    );
    assert_eq!(registry.counts().unwrap(), (0, 0));
}

#[test]
fn a_restore_of_a_file_that_is_no_database_is_refused_typed() {
    let (dir, registry) = registry();
    let file = dir.path().join("not-a-backup.sqlite3");
    std::fs::write(&file, b"hello").unwrap();
    let refused = registry.restore(&file).unwrap_err();
    assert!(
        matches!(
            refused,
            RegistryError::Restore(crate::store::backup::RestoreRefusal::NotG287(_))
        ),
        "{refused:?}"
    );
}

#[test]
fn verify_names_an_anchor_the_history_does_not_hold() {
    let (_dir, registry) = registry();
    registry
        .edit(&Edit::SaveAgency {
            id: None,
            details: sheriff("Polk County Sheriff's Office"),
            seen: None,
        })
        .unwrap();
    let held = registry.verify(registry.chain_head().unwrap()).unwrap();
    assert!(held.ok(), "{held:?}");
    let foreign = super::ChainHead::parse(&format!("1:{}", "ab".repeat(32))).unwrap();
    let found = registry.verify(Some(foreign)).unwrap();
    assert!(found.verification.ok(), "the history itself holds");
    assert!(!found.ok(), "but not the anchor given");
}
