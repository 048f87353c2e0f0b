//! The store against a real SQLite file: migrations, the newer-version refusal, history for
//! every change, tampering found by verify, and the decision rule carried out in one transaction.

use crate::common;

use common::{agency_with_request, day, sheriff, store};
use g287::domain::agreement::{MoaSigning, Signature};
use g287::domain::{
    AgencyId, AgencyKind, AgreementId, Background, CheckStatus, Component, DecisionDraft, Model,
    NomineeDetails, Outcome, State, Status,
};
use g287::store::{Store, StoreError, schema_version};

fn accept(agreement: AgreementId, justification: Option<&str>) -> DecisionDraft {
    DecisionDraft {
        agreement_id: agreement,
        component: Component::Ice,
        outcome: Outcome::Accepted,
        decided_on: day("2026-02-01"),
        official: "R. Jones, ERO Assistant Director".into(),
        grounds: Some("meets the program's requirements".into()),
        override_justification: justification.map(str::to_string),
        suspended_until: None,
    }
}

#[test]
fn opening_creates_the_schema_once_and_reopening_changes_nothing() {
    if common::sqlite_only("the database file") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let first = common::open_store(dir.path()).unwrap();
    assert!(dir.path().join("g287.sqlite3").exists());
    drop(first);
    let again = common::open_store(dir.path()).unwrap();
    assert_eq!(again.counts().unwrap(), (0, 0));
    let conn = rusqlite::Connection::open(dir.path().join("g287.sqlite3")).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema_version());
    let catalogue_loads: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'catalogue'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        catalogue_loads, 1,
        "the catalogue is loaded once, not on every open"
    );
}

#[test]
fn a_database_from_a_newer_g287_is_refused_and_left_byte_identical() {
    if common::sqlite_only(
        "a newer SQLite file left byte for byte (postgres.rs refuses a newer schema on the server)",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g287.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = common::open_store(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::Newer { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("left untouched"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("g287.sqlite3-wal").exists());
}

#[test]
fn a_file_that_is_not_a_database_is_refused() {
    if common::sqlite_only("a file that is not a database") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("g287.sqlite3"),
        b"this is not sqlite at all, just some text....",
    )
    .unwrap();
    let err = common::open_store(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::Unusable { .. }), "{err}");
}

#[cfg(unix)]
#[test]
fn the_database_is_readable_by_its_owner_only() {
    if common::sqlite_only("the database file's permissions") {
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let (dir, _store) = store();
    let mode = std::fs::metadata(dir.path().join("g287.sqlite3"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn every_change_is_in_the_history_with_before_and_after() {
    let (_dir, mut store) = store();
    let (agency, agreement) =
        agency_with_request(&mut store, "Polk County Sheriff's Office", Model::Jem);
    let mut edited = sheriff("Polk County Sheriff's Office");
    edited.county = Some("Polk".into());
    store.write(|w| w.update_agency(agency, &edited)).unwrap();
    store
        .write(|w| w.change_status(agreement, Status::UnderReview, day("2026-01-10"), None))
        .unwrap();
    let nominee = store
        .write(|w| {
            w.add_nominee(
                agreement,
                &NomineeDetails {
                    name: "J. Smith".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    store
        .write(|w| {
            w.update_nominee(
                nominee,
                &NomineeDetails {
                    name: "J. Smith".into(),
                    us_citizen: Some(true),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    store.write(|w| w.remove_nominee(nominee)).unwrap();

    let history = store.history(Some(agency), None).unwrap();
    let actions: Vec<(String, String)> = history
        .iter()
        .rev()
        .map(|e| (e.entity.clone(), e.action.clone()))
        .collect();
    let expected = [
        ("agency", "create"),
        ("agreement", "create"),
        ("agency", "update"),
        ("agreement", "status"),
        ("nominee", "create"),
        ("nominee", "update"),
        ("nominee", "delete"),
    ];
    assert_eq!(
        actions,
        expected.map(|(a, b)| (a.to_string(), b.to_string()))
    );
    let update = &history[4];
    assert_eq!(
        update.changes["county"],
        serde_json::json!(["Polk County", "Polk"])
    );
    assert!(history.iter().all(|e| e.who == "tester"));
    let statuses = store.status_history(agreement).unwrap();
    assert_eq!(statuses.len(), 2);
    assert_eq!(statuses[1].from, Some(Status::Requested));
    assert_eq!(statuses[1].on, day("2026-01-10"));
    assert!(store.verify().unwrap().ok());
}

#[test]
fn an_unchanged_save_writes_no_history() {
    let (_dir, mut store) = store();
    let (agency, _) = agency_with_request(&mut store, "Polk County Sheriff's Office", Model::Jem);
    let before = store.history(None, None).unwrap().len();
    let changed = store
        .write(|w| w.update_agency(agency, &sheriff("Polk County Sheriff's Office")))
        .unwrap();
    assert!(!changed);
    assert_eq!(store.history(None, None).unwrap().len(), before);
}

#[test]
fn the_same_agency_name_in_another_state_is_another_agency_but_not_in_the_same_state() {
    let (_dir, mut store) = store();
    store
        .write(|w| w.create_agency(&sheriff("Hillsborough County Sheriff's Office")))
        .unwrap();
    let mut nh = sheriff("Hillsborough County Sheriff's Office");
    nh.state = State::parse("New Hampshire").unwrap();
    store.write(|w| w.create_agency(&nh)).unwrap();
    let dup = sheriff("HILLSBOROUGH  COUNTY SHERIFF’S OFFICE ");
    let err = store.write(|w| w.create_agency(&dup)).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    assert_eq!(store.counts().unwrap().0, 2);
}

#[test]
fn an_ori_is_unique() {
    let (_dir, mut store) = store();
    let mut a = sheriff("Polk County Sheriff's Office");
    a.ori = Some(g287::domain::Ori::parse("FL0530000", a.state).unwrap());
    store.write(|w| w.create_agency(&a)).unwrap();
    let mut b = sheriff("Lakeland Police Department");
    b.kind = AgencyKind::Municipality;
    b.ori = a.ori.clone();
    let err = store.write(|w| w.create_agency(&b)).unwrap_err();
    assert!(err.to_string().contains("ORI"), "{err}");
}

/// Polk County's JEM request, the agency's jail answered as given (`Some(false)`: no jail, so
/// the JEM's jail requirement is not met; `None`: unknown). Returns (agency, agreement).
fn jem_request_with_jail(store: &mut Store, has_jail: Option<bool>) -> (AgencyId, AgreementId) {
    let (agency, agreement) =
        agency_with_request(store, "Polk County Sheriff's Office", Model::Jem);
    let mut details = sheriff("Polk County Sheriff's Office");
    details.has_jail = has_jail;
    store.write(|w| w.update_agency(agency, &details)).unwrap();
    // One officer who meets every request requirement, so only the jail is in question.
    store
        .write(|w| {
            w.add_nominee(
                agreement,
                &NomineeDetails {
                    name: "J. Smith".into(),
                    us_citizen: Some(true),
                    background: Background::Passed,
                    ..Default::default()
                },
            )
        })
        .unwrap();
    (agency, agreement)
}

/// Both parties sign the MOA of `agreement`: the agency on the 10th, ICE on the 18th of
/// February 2026.
fn sign(store: &mut Store, agreement: AgreementId) -> Status {
    let signing = MoaSigning {
        agency: Some(Signature {
            name: "Grady Judd".into(),
            title: "Sheriff".into(),
            on: day("2026-02-10"),
        }),
        component: Some(Signature {
            name: "Todd M. Lyons".into(),
            title: "Acting Director".into(),
            on: day("2026-02-18"),
        }),
        template_year: Some(2025),
        addenda: None,
    };
    store
        .write(|w| w.record_signing(agreement, &signing, day("2026-02-20")))
        .unwrap()
}

#[test]
fn acceptance_is_refused_without_override_and_nothing_is_written() {
    let (_dir, mut store) = store();
    let (_, agreement) = jem_request_with_jail(&mut store, Some(false));
    let before = store.history(None, None).unwrap().len();
    let err = store
        .write(|w| w.record_decision(&accept(agreement, None)))
        .unwrap_err();
    match err {
        StoreError::Refused(r) => assert!(r.to_string().contains("agency.jail"), "{r}"),
        other => panic!("expected a refusal, got {other}"),
    }
    assert_eq!(store.history(None, None).unwrap().len(), before);
    assert_eq!(
        store.agreement(agreement).unwrap().status,
        Status::Requested
    );
    assert!(store.decisions_of(agreement).unwrap().is_empty());
}

#[test]
fn acceptance_with_override_is_recorded_and_waives_the_unmet_requirements() {
    let (_dir, mut store) = store();
    let (agency, agreement) = jem_request_with_jail(&mut store, None);
    let justification = "Jail agreement with the neighbouring county covers detainees";
    let recorded = store
        .write(|w| w.record_decision(&accept(agreement, Some(justification))))
        .unwrap();
    assert_eq!(recorded.waived, ["agency.jail"]);
    // Acceptance is not signing: the MOA takes effect upon signature of both parties.
    assert_eq!(recorded.status, Status::Pending);
    assert_eq!(store.agreement(agreement).unwrap().signed_on, None);
    let decisions = store.decisions_of(agreement).unwrap();
    assert_eq!(
        decisions[0].draft.override_justification.as_deref(),
        Some(justification)
    );
    assert_eq!(decisions[0].catalogue_version, 1);
    let check = store.check(Some(agency), day("2026-02-02")).unwrap();
    let jail = check[0]
        .requirements
        .iter()
        .find(|r| &*r.id == "agency.jail")
        .unwrap();
    assert_eq!(jail.status, CheckStatus::Waived);
    assert!(jail.reason.contains(justification));

    assert_eq!(sign(&mut store, agreement), Status::Active);
    let signed = store.agreement(agreement).unwrap();
    assert_eq!(
        signed.signed_on,
        Some(day("2026-02-18")),
        "the later signature"
    );
    assert_eq!(signed.signing.agency.unwrap().name, "Grady Judd");
    let lifecycle = store.status_history(agreement).unwrap();
    let last = lifecycle.last().unwrap();
    assert_eq!((last.to, last.on), (Status::Active, day("2026-02-18")));
    assert!(store.verify().unwrap().ok());
}

#[test]
fn a_newer_lists_signed_date_never_replaces_the_one_both_signatures_give() {
    use g287::domain::lists::FactsPrecedence;
    use g287::store::agreements::AgreementFacts;
    let (_dir, mut store) = store();
    let (_, agreement) = jem_request_with_jail(&mut store, Some(true));
    store
        .write(|w| w.record_decision(&accept(agreement, None)))
        .unwrap();
    assert_eq!(sign(&mut store, agreement), Status::Active);
    let conflicts = store
        .write(|w| {
            w.fill_agreement_facts(
                agreement,
                &AgreementFacts {
                    signed_on: Some(day("2026-02-01")),
                    from_list: Some(FactsPrecedence::Replace),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    assert_eq!(
        store.agreement(agreement).unwrap().signed_on,
        Some(day("2026-02-18")),
        "the MOA's signatures win over a list"
    );
    assert!(
        conflicts
            .iter()
            .any(|c| c.contains("2026-02-01") && c.contains("not applied")),
        "{conflicts:?}"
    );
}

#[test]
fn one_signature_alone_does_not_make_an_accepted_agreement_active() {
    let (_dir, mut store) = store();
    let (_, agreement) = jem_request_with_jail(&mut store, Some(true));
    store
        .write(|w| w.record_decision(&accept(agreement, None)))
        .unwrap();
    let half = MoaSigning {
        agency: Some(Signature {
            name: "Grady Judd".into(),
            title: "Sheriff".into(),
            on: day("2026-02-10"),
        }),
        ..MoaSigning::default()
    };
    let status = store
        .write(|w| w.record_signing(agreement, &half, day("2026-02-20")))
        .unwrap();
    assert_eq!(status, Status::Pending);
    assert_eq!(store.agreement(agreement).unwrap().signed_on, None);
    // A signature dated after today is refused, nothing written.
    let future = MoaSigning {
        component: Some(Signature {
            name: "Todd M. Lyons".into(),
            title: "Acting Director".into(),
            on: day("2026-03-01"),
        }),
        ..half.clone()
    };
    let err = store
        .write(|w| w.record_signing(agreement, &future, day("2026-02-20")))
        .unwrap_err();
    assert!(err.to_string().contains("2026-03-01"), "{err}");
    assert_eq!(store.agreement(agreement).unwrap().signing, half);
}

#[test]
fn a_nominee_changes_the_checklist() {
    let (_dir, mut store) = store();
    let (agency, agreement) =
        agency_with_request(&mut store, "Polk County Sheriff's Office", Model::Tfm);
    let status_of = |store: &Store, id: &str| {
        store.check(Some(agency), day("2026-02-02")).unwrap()[0]
            .requirements
            .iter()
            .find(|r| &*r.id == id)
            .unwrap()
            .status
    };
    assert_eq!(
        status_of(&store, "officer.background"),
        CheckStatus::NoRecord,
        "no officer nominated: nothing was checked, so never met"
    );
    store
        .write(|w| {
            w.add_nominee(
                agreement,
                &NomineeDetails {
                    name: "A. Lee".into(),
                    background: Background::Failed,
                    ..Default::default()
                },
            )
        })
        .unwrap();
    assert_eq!(status_of(&store, "officer.background"), CheckStatus::NotMet);
    assert_eq!(
        status_of(&store, "officer.experience"),
        CheckStatus::NoRecord
    );
}

#[test]
fn a_suspension_ends_the_waiver_of_an_earlier_acceptance() {
    let (_dir, mut store) = store();
    let (agency, agreement) = jem_request_with_jail(&mut store, Some(false));
    store
        .write(|w| {
            w.record_decision(&accept(
                agreement,
                Some("Temporary arrangement approved by the FOD"),
            ))
        })
        .unwrap();
    assert_eq!(sign(&mut store, agreement), Status::Active);
    let mut suspend = accept(agreement, None);
    suspend.outcome = Outcome::Suspended;
    suspend.decided_on = day("2026-03-01");
    // The JEM MOA suspends at once for the length ICE's notice states: without it, refused.
    let err = store.write(|w| w.record_decision(&suspend)).unwrap_err();
    assert!(err.to_string().contains("suspended_until"), "{err}");
    suspend.suspended_until = Some(day("2026-06-01"));
    store.write(|w| w.record_decision(&suspend)).unwrap();
    let calendar = store.calendar(day("2026-06-02"), 90).unwrap();
    let ends = calendar
        .iter()
        .find(|i| i.deadline.kind == g287::domain::calendar::DeadlineKind::SuspensionEnds)
        .unwrap();
    assert_eq!(
        (ends.deadline.due, ends.deadline.overdue),
        (day("2026-06-01"), true)
    );
    let check = store.check(Some(agency), day("2026-03-02")).unwrap();
    let jail = check[0]
        .requirements
        .iter()
        .find(|r| &*r.id == "agency.jail")
        .unwrap();
    assert_eq!(jail.status, CheckStatus::NotMet);
}

fn tamper(dir: &std::path::Path, sql: &str) {
    common::outside(dir, sql);
}

/// A registry of four agencies with a request each: one history entry per transaction.
fn chain_of_ten() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = store();
    for i in 0..4 {
        agency_with_request(
            &mut store,
            &format!("Agency {i} Sheriff's Office"),
            Model::Wso,
        );
    }
    let v = store.verify().unwrap();
    assert!(v.ok(), "{}", v.in_words());
    assert!(v.entries >= 5, "{v:?}");
    (dir, store)
}

#[test]
fn verify_names_an_entry_edited_outside_g287() {
    let (dir, store) = chain_of_ten();
    tamper(
        dir.path(),
        "UPDATE history SET who = 'mallory' WHERE seq = 4",
    );
    let v = store.verify().unwrap();
    assert_eq!(v.first_bad.as_ref().unwrap().seq, 4, "{v:?}");
    assert!(v.first_bad.unwrap().problem.contains("changed"));
}

#[test]
fn verify_names_an_entry_deleted_outside_g287() {
    let (dir, store) = chain_of_ten();
    tamper(dir.path(), "DELETE FROM history WHERE seq = 3");
    assert_eq!(store.verify().unwrap().first_bad.unwrap().seq, 3);
}

#[test]
fn verify_names_an_entry_inserted_outside_g287() {
    let (dir, store) = chain_of_ten();
    tamper(
        dir.path(),
        "UPDATE history SET seq = seq + 1000 WHERE seq >= 3;
         UPDATE history SET seq = seq - 999 WHERE seq >= 1000;
         INSERT INTO history (seq, at, who, action, changes, prev_hash, hash)
         SELECT 3, at, who, action, '[]', hash, hash FROM history WHERE seq = 2;",
    );
    let bad = store.verify().unwrap().first_bad.unwrap();
    assert!(bad.seq == 3 || bad.seq == 4, "{bad:?}");
}

#[test]
fn verify_notices_entries_cut_off_the_end() {
    let (dir, store) = chain_of_ten();
    let last = store.verify().unwrap().entries;
    tamper(
        dir.path(),
        &format!("DELETE FROM history WHERE seq >= {}", last - 1),
    );
    let bad = store.verify().unwrap().first_bad.unwrap();
    assert_eq!(bad.seq, last - 1, "{bad:?}");
}

#[test]
fn the_catalogue_edit_is_versioned_and_changes_checks() {
    let (_dir, mut store) = store();
    let (agency, agreement) =
        agency_with_request(&mut store, "Polk County Sheriff's Office", Model::Tfm);
    store
        .write(|w| {
            w.add_nominee(
                agreement,
                &NomineeDetails {
                    name: "A. Lee".into(),
                    years_experience: Some(2.5),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let experience = |store: &Store| {
        store.check(Some(agency), day("2026-02-02")).unwrap()[0]
            .requirements
            .iter()
            .find(|r| &*r.id == "officer.experience")
            .unwrap()
            .status
    };
    assert_eq!(experience(&store), CheckStatus::Met);
    let mut req = store
        .catalogue()
        .unwrap()
        .get("officer.experience")
        .unwrap()
        .clone();
    req.rule = g287::domain::Rule::MinExperience { years: 3.0 };
    let version = store.write(|w| w.update_requirement(&req)).unwrap();
    assert_eq!(version, 2);
    assert_eq!(experience(&store), CheckStatus::NotMet);
    assert!(store.history(None, Some(1)).unwrap()[0].entity == "requirement");
}

#[test]
fn every_catalogue_version_is_kept_so_old_decisions_show_what_they_were_made_under() {
    let (_dir, mut store) = store();
    let shipped = store.catalogue().unwrap();
    assert_eq!(
        store.catalogue_at(shipped.version).unwrap(),
        Some(shipped.clone())
    );
    let mut req = shipped.get("officer.experience").unwrap().clone();
    req.rule = g287::domain::Rule::MinExperience { years: 3.0 };
    let v2 = store.write(|w| w.update_requirement(&req)).unwrap();
    let mut retired = store
        .catalogue()
        .unwrap()
        .get("agency.jail")
        .unwrap()
        .clone();
    retired.enabled = false;
    let v3 = store.write(|w| w.update_requirement(&retired)).unwrap();
    assert_eq!((v2, v3), (shipped.version + 1, shipped.version + 2));

    let old = store.catalogue_at(shipped.version).unwrap().unwrap();
    assert_eq!(old, shipped, "the first version is as shipped");
    let middle = store.catalogue_at(v2).unwrap().unwrap();
    assert_eq!(
        middle.get("officer.experience").unwrap().rule,
        g287::domain::Rule::MinExperience { years: 3.0 }
    );
    assert!(middle.get("agency.jail").unwrap().enabled);
    assert_eq!(
        store.catalogue_at(v3).unwrap().unwrap(),
        store.catalogue().unwrap()
    );
    assert_eq!(store.catalogue_at(v3 + 1).unwrap(), None);
}

#[test]
fn a_catalogue_edit_out_of_bounds_is_refused_and_nothing_is_written() {
    let (dir, mut store) = store();
    let before = store.catalogue().unwrap();
    let history = store.catalogue_history().unwrap().len();
    let mut exams = before.get("officer.exams").unwrap().clone();
    exams.rule = g287::domain::Rule::ExamsPassed {
        pass_mark: 150,
        attempts: 0,
    };
    exams.models.clear();
    let err = store.write(|w| w.update_requirement(&exams)).unwrap_err();
    let StoreError::Invalid(errors) = &err else {
        panic!("{err}")
    };
    let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
    assert_eq!(fields, ["models", "pass_mark", "attempts"]);
    assert!(err.to_string().contains("retire it instead"), "{err}");
    assert_eq!(store.catalogue().unwrap(), before, "nothing written");
    assert_eq!(store.catalogue_history().unwrap().len(), history);
    drop(store);
    let reopened = common::open_store(dir.path()).unwrap();
    assert_eq!(reopened.catalogue().unwrap().version, before.version);
}

#[test]
fn the_catalogue_history_names_each_requirement_edited_and_no_agency_change() {
    let (_dir, mut store) = store();
    agency_with_request(&mut store, "Polk County Sheriff's Office", Model::Tfm);
    let loaded = store.catalogue_history().unwrap();
    assert_eq!(loaded.len(), 1);
    assert_eq!(
        (loaded[0].entity.as_str(), loaded[0].action.as_str()),
        ("catalogue", "load")
    );
    let mut jail = store
        .catalogue()
        .unwrap()
        .get("agency.jail")
        .unwrap()
        .clone();
    jail.enabled = false;
    store.write(|w| w.update_requirement(&jail)).unwrap();
    let history = store.catalogue_history().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].entity, "requirement");
    assert_eq!(history[0].changes["id"], "agency.jail");
    assert_eq!(
        history[0].changes["changes"]["enabled"],
        serde_json::json!([true, false])
    );
}

#[test]
fn every_field_of_an_agency_and_a_nominee_reads_back_as_written_and_as_changed() {
    let (_dir, mut store) = store();
    let (agency, agreement) =
        agency_with_request(&mut store, "Polk County Sheriff's Office", Model::Jem);
    let full = g287::domain::AgencyDetails {
        state: State::parse("FL").unwrap(),
        name: "Polk County Sheriff's Office".into(),
        kind: AgencyKind::County,
        county: Some("Polk County".into()),
        ori: Some(g287::domain::Ori::parse("FL0530000", State::parse("FL").unwrap()).unwrap()),
        has_jail: Some(true),
        contact: Some("Grady Judd".into()),
    };
    store.write(|w| w.update_agency(agency, &full)).unwrap();
    assert_eq!(store.agency(agency).unwrap().details, full);
    let changed = g287::domain::AgencyDetails {
        state: State::parse("GA").unwrap(),
        name: "Polk County Sheriff's Office (GA)".into(),
        kind: AgencyKind::Municipality,
        county: None,
        ori: None,
        has_jail: Some(false),
        contact: None,
    };
    store.write(|w| w.update_agency(agency, &changed)).unwrap();
    assert_eq!(store.agency(agency).unwrap().details, changed);

    let nominee = |store: &Store| {
        store
            .agency_detail(agency, day("2026-11-28"))
            .unwrap()
            .agreements[0]
            .nominees[0]
            .clone()
    };
    let first = NomineeDetails {
        name: "Ana Ruiz".into(),
        us_citizen: Some(true),
        years_experience: Some(6.5),
        background: Background::Passed,
        background_on: Some(day("2025-03-01")),
        pending_discipline: Some(false),
        clearance_eligible: Some(true),
        course: Some("287(g) TFM basic".into()),
        training_completed: Some(day("2025-04-02")),
        exam_scores: vec![64, 81],
        certified_on: Some(day("2025-04-03")),
        authorization_expires: Some(day("2027-04-03")),
        last_refresher: Some(day("2026-04-01")),
        authorized_on: Some(day("2025-04-03")),
        credentials_issued_on: Some(day("2025-04-10")),
        credentials_returned_on: Some(day("2026-06-01")),
        leaves_on: Some(day("2026-05-31")),
        leaving_reported_on: Some(day("2026-05-01")),
    };
    let id = store.write(|w| w.add_nominee(agreement, &first)).unwrap();
    assert_eq!(nominee(&store).details, first);
    let second = NomineeDetails {
        name: "Ana Ruiz-Lopez".into(),
        us_citizen: Some(false),
        years_experience: Some(1.0),
        background: Background::Pending,
        background_on: None,
        pending_discipline: Some(true),
        clearance_eligible: None,
        course: None,
        training_completed: None,
        exam_scores: vec![],
        certified_on: None,
        authorization_expires: None,
        last_refresher: None,
        authorized_on: None,
        credentials_issued_on: None,
        credentials_returned_on: None,
        leaves_on: None,
        leaving_reported_on: None,
    };
    store.write(|w| w.update_nominee(id, &second)).unwrap();
    assert_eq!(nominee(&store).details, second);
    assert_eq!(nominee(&store).agreement_id, agreement);
}
