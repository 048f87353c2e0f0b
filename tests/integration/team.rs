//! A team's registry on PostgreSQL: roles the database enforces, saves that never overwrite
//! another coordinator's unseen change, other windows told of each save, a registry moved
//! between a file and a server, and the queries a screen costs. Each test starts from its own
//! database on the throwaway server (`common::postgres`), and says so when there is none.

use std::time::{Duration, Instant};

use crate::common::{self, g287, stderr, stdout};
use g287::domain::Model;
use g287::registry::{Edit, Location, Registry, RegistryError, StoreError};
use g287::store::postgres::schema::Role;

/// A registry created on its own database by `admin init` (as the server's superuser), with
/// the server's connection string; `None` (said) without PostgreSQL's server programs.
fn team(name: &str) -> Option<(tempfile::TempDir, String)> {
    let server = common::postgres::server()?;
    let db = server.create_database(name);
    let dir = tempfile::tempdir().unwrap();
    let location = Location {
        data_dir: dir.path().join("data"),
        server: Some(db.clone()),
    };
    Registry::create_on_server(&location).unwrap();
    Some((dir, db))
}

/// The same database, logged in as `login`.
fn as_login(db: &str, login: &str) -> String {
    db.replace(
        &format!("user={}", common::postgres::ADMIN),
        &format!("user={login}"),
    )
}

fn registry(dir: &tempfile::TempDir, db: &str) -> Registry {
    Registry::open_at(&Location {
        data_dir: dir.path().join("data"),
        server: Some(db.to_string()),
    })
    .unwrap()
}

fn grant(dir: &tempfile::TempDir, db: &str, role: Role, login: &str) {
    let location = Location {
        data_dir: dir.path().join("data"),
        server: Some(db.to_string()),
    };
    Registry::grant_on_server(&location, role, login).unwrap();
}

fn polk() -> Edit {
    Edit::SaveAgency {
        id: None,
        details: common::sheriff("Polk County Sheriff's Office"),
        seen: None,
    }
}

/// An agreement of Polk County's under review (so that ICE may decide on it).
fn under_review(owner: &Registry) -> g287::domain::AgreementId {
    let agency = owner.edit(&polk()).unwrap().agency.id;
    let detail = owner
        .edit(&Edit::AddAgreement {
            agency,
            model: Model::Tfm,
            component: g287::domain::Component::Ice,
            requested_on: common::day("2026-10-01"),
        })
        .unwrap();
    detail.agreements[0].agreement.id
}

fn decision(agreement: g287::domain::AgreementId) -> g287::domain::DecisionDraft {
    g287::domain::DecisionDraft {
        agreement_id: agreement,
        component: g287::domain::Component::Ice,
        outcome: g287::domain::Outcome::Declined,
        decided_on: common::day("2026-11-02"),
        official: "Jane Roe, ERO Field Office Director".into(),
        grounds: Some("Not enough officers to staff the task force".into()),
        override_justification: None,
        suspended_until: None,
    }
}

#[test]
fn the_database_refuses_a_viewers_write_and_a_coordinators_decision_and_the_history_names_the_role()
{
    if common::on_postgres() {
        return;
    }
    let Some((dir, db)) = team("roles") else {
        return;
    };
    grant(&dir, &db, Role::Viewer, "ann");
    grant(&dir, &db, Role::Coordinator, "bob");
    grant(&dir, &db, Role::Decider, "cat");
    let ann = registry(&dir, &as_login(&db, "ann"));
    let bob = registry(&dir, &as_login(&db, "bob"));
    let cat = registry(&dir, &as_login(&db, "cat"));
    assert_eq!(ann.role().unwrap(), Some(Role::Viewer));
    assert_eq!(bob.role().unwrap(), Some(Role::Coordinator));

    // A viewer reads, and is refused any write by the database, with who and why.
    let refused = ann.edit(&polk()).unwrap_err();
    let said = refused.to_string();
    assert!(
        matches!(
            &refused,
            RegistryError::Store(StoreError::NotAllowed { .. })
        ),
        "{said}"
    );
    assert!(said.contains("ann (viewer)"), "{said}");
    assert!(
        said.contains("permission denied for table agencies"),
        "{said}"
    );
    assert_eq!(ann.counts().unwrap(), (0, 0), "nothing was written");

    // A coordinator records agencies and requests, and cannot record ICE's decision.
    let agreement = under_review(&bob);
    let refused = bob.decide(&decision(agreement)).unwrap_err().to_string();
    assert!(
        refused.contains("bob (coordinator)") && refused.contains("table decisions"),
        "{refused}"
    );
    // The decider can; the agreement is declined.
    cat.decide(&decision(agreement)).unwrap();
    assert_eq!(
        cat.agreement(agreement).unwrap().status,
        g287::domain::Status::Declined
    );

    // The history names the role that logged in, whatever the operating system's user.
    let history = ann.history(None).unwrap();
    let by = |who: &str| history.iter().filter(|e| e.who == who).count();
    assert!(by("bob") >= 2, "{history:?}");
    assert!(by("cat") >= 1, "{history:?}");
    assert!(history.iter().all(|e| e.who != common::postgres::ADMIN
        || e.entity == "catalogue"
        || e.entity == "national_list"));

    // Nor can a coordinator rewrite the history, nor append an entry in another's name.
    let mut bob_sql =
        ::postgres::Client::connect(&as_login(&db, "bob"), ::postgres::NoTls).unwrap();
    let rewrite = bob_sql
        .batch_execute("UPDATE history SET who = 'cat' WHERE seq = 3")
        .unwrap_err();
    let said = rewrite.as_db_error().map(|e| e.message().to_string());
    assert!(
        said.as_deref()
            .is_some_and(|m| m.contains("permission denied for table history")),
        "{said:?}"
    );
    let forged = bob_sql
        .batch_execute(
            "INSERT INTO history (seq, at, who, action, changes, prev_hash, hash)
             VALUES (999, 'now', 'cat', 'forged', '[]', 'x', 'y')",
        )
        .unwrap_err();
    let said = forged.as_db_error().map(|e| e.message().to_string());
    assert!(
        said.as_deref()
            .is_some_and(|m| m.contains("must name the role logged in")),
        "{said:?}"
    );
    assert!(cat.verify(None).unwrap().ok());
}

/// Two coordinators open the same agency; both save. The second is refused with who saved
/// first and when; nothing of either is lost: the first's change is written and in the history,
/// the second's is saved over it once they choose to, and the history holds both.
#[test]
fn a_save_over_a_change_made_since_the_form_opened_is_refused_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let first = common::open_registry(&data).unwrap().as_user("jdoe");
    let second = common::open_registry(&data).unwrap().as_user("rroe");
    let opened = first.edit(&polk()).unwrap();
    let id = opened.agency.id;
    // Both read the agency (their forms open on the same version).
    let seen_by_first = first.agency(id).unwrap().versions.of("agency", id.0);
    let seen_by_second = second.agency(id).unwrap().versions.of("agency", id.0);
    assert_eq!(seen_by_first, seen_by_second);

    let mut theirs = opened.agency.details.clone();
    theirs.contact = Some("Lt. Ann Cole, 863-555-0100".into());
    first
        .edit(&Edit::SaveAgency {
            id: Some(id),
            details: theirs.clone(),
            seen: Some(seen_by_first),
        })
        .unwrap();

    let mut mine = opened.agency.details.clone();
    mine.county = Some("Polk".into());
    let refused = second
        .edit(&Edit::SaveAgency {
            id: Some(id),
            details: mine.clone(),
            seen: Some(seen_by_second),
        })
        .unwrap_err();
    let RegistryError::Store(StoreError::Changed(changed)) = &refused else {
        panic!("expected a refusal for the change made meanwhile, got {refused}");
    };
    let said = refused.to_string();
    // On a server the author is the login role, whoever the registry was opened for.
    let first_author = if common::on_postgres() {
        common::postgres::ADMIN
    } else {
        "jdoe"
    };
    assert!(
        said.starts_with(&format!("{first_author} changed this agency at ")),
        "who, then when: {said}"
    );
    assert!(said.contains("contact"), "what they changed: {said}");
    assert!(changed.version > seen_by_second);
    // Nothing of the second save was written; the first is there.
    let now = second.agency(id).unwrap().agency.details;
    assert_eq!(now, theirs);

    // The second coordinator, having compared, saves theirs over it knowingly.
    second
        .edit(&Edit::SaveAgency {
            id: Some(id),
            details: mine.clone(),
            seen: Some(changed.version),
        })
        .unwrap();
    assert_eq!(second.agency(id).unwrap().agency.details, mine);
    let history = second.history(Some(id)).unwrap();
    let updates: Vec<&str> = history
        .iter()
        .filter(|e| e.action == "update")
        .map(|e| e.who.as_str())
        .collect();
    // On a server the author is the login role, whoever the registry was opened for.
    let (a, b) = if common::on_postgres() {
        (common::postgres::ADMIN, common::postgres::ADMIN)
    } else {
        ("jdoe", "rroe")
    };
    assert_eq!(
        updates,
        [b, a],
        "both changes are in the history, newest first"
    );
    assert!(second.verify(None).unwrap().ok());
}

/// A save committed in one session reaches another session listening on the server, naming
/// the agency, well within a second; a SQLite file has no one else to hear.
#[test]
fn a_save_in_one_session_is_heard_by_another_within_a_second() {
    if common::on_postgres() {
        return;
    }
    let file = tempfile::tempdir().unwrap();
    assert!(
        common::open_registry(file.path())
            .unwrap()
            .listen()
            .unwrap()
            .is_none()
    );
    let Some((dir, db)) = team("live") else {
        return;
    };
    let writer = registry(&dir, &db);
    let listening = registry(&dir, &db);
    let mut changes = listening
        .listen()
        .unwrap()
        .expect("a server's registry is heard");
    let started = Instant::now();
    let id = writer.edit(&polk()).unwrap().agency.id;
    let change = changes
        .next(Duration::from_secs(5))
        .unwrap()
        .expect("the save was heard");
    let waited = started.elapsed();
    assert!(change.concerns(id.0), "{change:?}");
    assert_eq!(change.who, common::postgres::ADMIN);
    assert!(waited < Duration::from_secs(1), "heard after {waited:?}");
    // A write rolled back (refused) is never heard.
    assert!(writer.edit(&polk()).is_err());
    assert_eq!(changes.next(Duration::from_millis(300)).unwrap(), None);
}

/// Opening an agency costs the same number of queries however many agreements it has: on a
/// server each is a round trip.
#[test]
fn opening_an_agency_takes_a_bounded_number_of_queries() {
    let (_dir, mut store) = common::store();
    let (agency, _) =
        common::agency_with_request(&mut store, "Polk County Sheriff's Office", Model::Tfm);
    let cost = |store: &g287::store::Store| {
        let before = store.statements_run();
        store
            .agency_detail(agency, common::day("2026-11-30"))
            .unwrap();
        store.statements_run() - before
    };
    let one = cost(&store);
    for model in [Model::Jem, Model::Wso] {
        store
            .write(|w| {
                w.create_agreement(&g287::store::NewAgreement {
                    agency_id: agency,
                    model,
                    component: g287::domain::Component::Ice,
                    status: g287::domain::Status::Requested,
                    on: common::day("2026-11-01"),
                    requested_on: Some(common::day("2026-11-01")),
                    signed_on: None,
                    note: None,
                })
            })
            .unwrap();
    }
    let three = cost(&store);
    assert_eq!(one, three, "queries with 1 agreement, then 3");
    assert!(one <= 30, "{one} queries to open an agency");
    // Saving the agency's form, and reading the list again, cost a fixed number too.
    let before = store.statements_run();
    let mut details = store.agency(agency).unwrap().details;
    details.contact = Some("Lt. Ann Cole".into());
    store.write(|w| w.update_agency(agency, &details)).unwrap();
    let save = store.statements_run() - before;
    let before = store.statements_run();
    let listed = store.overview().unwrap().len();
    let list = store.statements_run() - before;
    eprintln!(
        "statements: opening an agency {one}, saving its details {save}, the list of {listed} {list}"
    );
    assert!(save <= 30 && list <= 10, "save {save}, list {list}");
}

/// `g287 copy`: a SQLite registry onto an empty database on the server, history and all, and
/// back to a new file; the three verify and end their history at the same entry, and list the
/// same agencies.
#[test]
fn a_registry_moves_from_a_file_to_a_server_and_back_history_and_all() {
    if common::on_postgres() {
        return;
    }
    let Some(server) = common::postgres::server() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(g287(&data, &["demo", "--agencies", "40"]).status.success());
    let db = server.create_database("copy_to");
    let out = g287(&data, &["copy", "--to", &db]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("both verify"), "{}", stdout(&out));
    let back = dir.path().join("back.sqlite3");
    let out = g287(
        &data,
        &["--database", &db, "copy", "--to", back.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    // A server already holding a registry is not copied over.
    let again = g287(&data, &["copy", "--to", &db]);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert!(stderr(&again).contains("already holds a g287 registry"));

    let listed = |args: &[&str]| {
        let out = g287(&data, args);
        assert!(out.status.success(), "{}", stderr(&out));
        out.stdout
    };
    let from_file = listed(&["agencies", "--format", "json"]);
    assert_eq!(
        from_file,
        listed(&["--database", &db, "agencies", "--format", "json"])
    );
    let back_dir = dir.path().join("back");
    std::fs::create_dir_all(&back_dir).unwrap();
    std::fs::rename(&back, back_dir.join("g287.sqlite3")).unwrap();
    let out = g287(&back_dir, &["agencies", "--format", "json"]);
    assert_eq!(from_file, out.stdout);
    let head = |args: &[&str]| {
        let out = g287(&data, args);
        assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
        stdout(&out).lines().last().unwrap_or_default().to_string()
    };
    let file_head = head(&["verify"]);
    assert_eq!(file_head, head(&["--database", &db, "verify"]));
    let out = g287(&back_dir, &["verify"]);
    assert_eq!(stdout(&out).lines().last().unwrap_or_default(), file_head);
}

/// On the server as on a file: a row changed, deleted or inserted behind g287's back (with
/// `psql`) is named by `verify`, whatever the table; a newer schema is refused untouched.
#[test]
fn verify_names_a_change_made_on_the_server_behind_g287s_back() {
    if common::on_postgres() {
        return;
    }
    let Some((dir, db)) = team("tamper") else {
        return;
    };
    let data = dir.path().join("data");
    let owner = registry(&dir, &db);
    let agreement = under_review(&owner);
    owner.decide(&decision(agreement)).unwrap();
    let verify = || g287(&data, &["--database", &db, "verify"]);
    assert_eq!(verify().status.code(), Some(0), "{}", stdout(&verify()));
    let mut client = ::postgres::Client::connect(&db, ::postgres::NoTls).unwrap();
    let author: String = client
        .query_one("SELECT who FROM history WHERE seq = 3", &[])
        .unwrap()
        .get(0);
    // Each change made with psql alone, named by verify, then put back (verify holds again);
    // the deletion last, as it cannot be put back.
    let tampered = [
        (
            "UPDATE agencies SET name = 'Tampered PD' WHERE id = 1",
            "agencies row 1, column name",
            "UPDATE agencies SET name = 'Polk County Sheriff''s Office' WHERE id = 1".to_string(),
        ),
        (
            "INSERT INTO meta (key, value) VALUES ('mallory', 'was here')",
            "meta row",
            "DELETE FROM meta WHERE key = 'mallory'".to_string(),
        ),
        (
            "UPDATE history SET who = 'mallory' WHERE seq = 3",
            "entry 3",
            format!("UPDATE history SET who = '{author}' WHERE seq = 3"),
        ),
        (
            "DELETE FROM decisions WHERE id = 1",
            "decisions row 1",
            String::new(),
        ),
    ];
    for (sql, named, undo) in tampered {
        client.batch_execute(sql).unwrap();
        let out = verify();
        assert_eq!(out.status.code(), Some(4), "{sql}: {}", stdout(&out));
        assert!(stdout(&out).contains(named), "{sql}: {}", stdout(&out));
        if !undo.is_empty() {
            client.batch_execute(&undo).unwrap();
            assert_eq!(verify().status.code(), Some(0), "{undo}");
        }
    }

    // A registry of a newer schema is refused before anything is written to it.
    let mut client = ::postgres::Client::connect(&db, ::postgres::NoTls).unwrap();
    client
        .batch_execute("UPDATE g287_schema SET version = 99")
        .unwrap();
    let count = |client: &mut ::postgres::Client| -> i64 {
        client
            .query_one("SELECT count(*) FROM history", &[])
            .unwrap()
            .get(0)
    };
    let before = count(&mut client);
    let out = g287(&data, &["--database", &db, "agencies"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("schema version 99"),
        "{}",
        stderr(&out)
    );
    assert_eq!(count(&mut client), before);
}
