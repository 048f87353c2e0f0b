//! Documents in the window: the Agency screen's Documents card (a signed MOA attached, what was
//! read from it shown, a scan said to be one, a removal asked first), and the Review screen's
//! MOA disagreements with both values, dismissed with a reason or a signature read accepted.
//! Each change goes through the real registry, as the application's worker writes it.

use crate::common;

use common::window::{act, save, sees, sees_part};
use common::{agency_with_request, day};
use g287::documents::Subject;
use g287::domain::{AgreementId, Model};
use g287::store::Store;
use g287::ui::app::{App, Message as AppMessage, Page};
use g287::ui::screen::agency::{Action, Agency, Edit, Message, Save, Saved};
use iced_test::Simulator;
use iced_test::core::{Settings, Size};
use iced_test::selector::Candidate;
use std::path::PathBuf;

const TODAY: &str = "2026-11-28";

fn moa(name: &str) -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/moa")
        .join(name)
}

fn simulator(screen: &Agency) -> Simulator<'_, Message> {
    Simulator::with_size(
        Settings::default(),
        Size::new(1280.0, 5000.0),
        screen.view(),
    )
}

fn shows(screen: &Agency, what: &str) -> bool {
    simulator(screen).find(what).is_ok()
}

fn shows_part(screen: &Agency, part: &str) -> bool {
    simulator(screen)
        .find(|c: Candidate<'_>| match c {
            Candidate::Text { content, .. } if content.contains(part) => Some(()),
            _ => None,
        })
        .is_ok()
}

fn press(screen: &mut Agency, label: &str) -> Vec<Action> {
    let messages: Vec<Message> = {
        let mut ui = simulator(screen);
        ui.click(label).unwrap();
        ui.into_messages().collect()
    };
    messages.into_iter().map(|m| screen.update(m)).collect()
}

/// Writes a save through the registry, as the window's worker does, and hands the answer to
/// the screen.
fn answer(store: &Store, screen: &mut Agency, action: Action) {
    let Action::Save(save) = action else {
        panic!("expected a save, got {action:?}")
    };
    let registry = common::open_registry(&crate::common::data_dir_of_store(store))
        .unwrap()
        .as_user("tester");
    let result = registry
        .edit(&save.edit)
        .map(|d| store.agency_detail(d.agency.id, day(TODAY)).unwrap());
    screen.saved(Saved { save, result });
}

fn setup() -> (tempfile::TempDir, Store, Agency, AgreementId) {
    let (dir, mut store) = common::store();
    let (agency, agreement) =
        agency_with_request(&mut store, "Hamilton County Sheriff's Office", Model::Jem);
    let screen = Agency::loaded(store.agency_detail(agency, day(TODAY)).unwrap());
    (dir, store, screen, agreement)
}

#[test]
fn documents_a_signed_moa_attached_from_the_card_shows_what_was_read_and_is_removed_when_confirmed()
{
    let (_dir, store, mut s, agreement) = setup();
    assert!(shows(&s, "Documents (0)"));
    assert!(shows(&s, "Attach the signed MOA…"));
    // The file dialog's answer, as "Attach the signed MOA…" gets it.
    let file = moa("HamiltonCoIN_JEM_MOA_03.03.2025.pdf");
    let action = s.update(Message::DocumentPicked(Some(file.clone()), true));
    let Action::Save(Save { edit, .. }) = &action else {
        panic!("{action:?}")
    };
    assert_eq!(
        *edit,
        Edit::AttachDocument {
            agreement,
            to: Subject::Agreement,
            record: agreement.0,
            path: file,
            moa: true
        }
    );
    answer(&store, &mut s, action);
    assert!(shows(&s, "Documents (1)"));
    assert!(shows(
        &s,
        "HamiltonCoIN_JEM_MOA_03.03.2025.pdf — signed MOA"
    ));
    assert!(shows_part(
        &s,
        "MOA read: Jail Enforcement Model; Hamilton County Sheriff's Office, IN; IN; signed for the agency by Dennis J. Quakenbush II, Sheriff; signed for ICE by Caleb Vitello, Acting Director, 2025-03-03"
    ));
    assert!(shows_part(&s, "PDF · "), "kind and size shown");

    // A scan dropped on the window: attached, and said to read nothing.
    let action = s.update(Message::DocumentDropped(moa(
        "LeeCoSheriffsOffice_JEM_MOA_02.20.2025.pdf",
    )));
    answer(&store, &mut s, action);
    assert!(shows(&s, "Documents (2)"));
    // Dropped without being the agreement's listed MOA: kept as a document, not read.
    assert!(shows(&s, "LeeCoSheriffsOffice_JEM_MOA_02.20.2025.pdf"));

    // Remove asks first; Keep keeps it.
    let docs = store.documents_of(Subject::Agreement, agreement.0).unwrap();
    assert_eq!(docs.len(), 2);
    let _ = s.update(Message::AskRemoveDocument(docs[1].id));
    assert!(shows(&s, "Remove document"));
    assert!(matches!(press(&mut s, "Keep").as_slice(), [Action::None]));
    assert!(!shows(&s, "Remove document"));
    let _ = s.update(Message::AskRemoveDocument(docs[1].id));
    let mut actions = press(&mut s, "Remove document");
    answer(&store, &mut s, actions.remove(0));
    assert!(shows(&s, "Documents (1)"));
    assert_eq!(
        store.history(None, Some(1)).unwrap()[0].action,
        "remove",
        "the removal is in the history"
    );
}

#[test]
fn documents_a_scan_attached_as_the_moa_says_it_reads_nothing() {
    let (_dir, store, mut s, _) = setup();
    let action = s.update(Message::DocumentPicked(
        Some(moa("JacksonCountySOMN_JEM_MOA_030625.pdf")),
        true,
    ));
    answer(&store, &mut s, action);
    assert!(shows(&s, "MOA nothing read: no text layer (a scan)"));
}

#[test]
fn documents_a_file_over_the_limit_is_refused_in_a_banner_naming_it() {
    let (dir, store, mut s, _) = setup();
    let big = dir.path().join("big.pdf");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(g287::documents::MAX_DOCUMENT_BYTES + 1)
        .unwrap();
    let action = s.update(Message::DocumentPicked(Some(big), false));
    answer(&store, &mut s, action);
    assert!(shows_part(
        &s,
        "big.pdf: 64.0 MB (67108865 bytes) is over the limit"
    ));
    assert!(shows(&s, "Documents (0)"));
}

/// An application on a registry whose JEM agreement carries `file` attached as its MOA.
fn app_with_moa(file: &str) -> (tempfile::TempDir, App) {
    let (dir, mut store) = common::store();
    let (_, agreement) =
        agency_with_request(&mut store, "Polk County Sheriff's Office", Model::Jem);
    let registry = common::window::registry(store);
    registry
        .attach(Subject::Agreement, agreement.0, &moa(file), Some("moa"))
        .unwrap();
    let (app, _checks) = App::new(registry);
    (dir, app)
}

#[test]
fn documents_an_moa_of_another_model_reaches_the_review_screen_with_both_values() {
    let (_dir, mut app) = app_with_moa("CrenshawCoAL_WSO_MOA_04.16.2025.pdf");
    let _ = app.update(AppMessage::Navigate(Page::Review));
    // The model, the state and the agency all differ from Polk County's JEM agreement.
    assert!(sees(&app, "MOA disagreements: 3"));
    assert!(sees_part(
        &app,
        "In the MOA (CrenshawCoAL_WSO_MOA_04.16.2025.pdf): Warrant Service Officer"
    ));
    assert!(sees_part(&app, "In the registry: Jail Enforcement Model"));
    assert!(sees_part(
        &app,
        "In the registry: Polk County Sheriff's Office"
    ));
    // A disagreement is dismissed with a reason; there is nothing to accept.
    assert!(!sees(&app, "Accept"));
    save(&mut app, "Dismiss");
    assert!(sees(&app, "type why the MOA check is dismissed"));
    act(&mut app, |ui| {
        ui.click("reason to dismiss").unwrap();
        ui.typewrite("wrong file attached");
    });
    save(&mut app, "Dismiss");
    assert!(sees(&app, "MOA disagreements: 2"));
}

#[test]
fn documents_a_signature_read_from_an_moa_is_recorded_when_accepted_on_the_review_screen() {
    let (dir, mut app) = app_with_moa("HamiltonCoIN_JEM_MOA_03.03.2025.pdf");
    let _ = app.update(AppMessage::Navigate(Page::Review));
    assert!(sees_part(
        &app,
        "In the MOA (HamiltonCoIN_JEM_MOA_03.03.2025.pdf): Caleb Vitello, Acting Director, 2025-03-03"
    ));
    save(&mut app, "Accept");
    let store = crate::common::open_store(dir.path()).unwrap();
    let agreement = store.agreements_of(g287::domain::AgencyId(1)).unwrap();
    let ice = agreement[0].signing.component.clone().unwrap();
    assert_eq!(ice.name, "Caleb Vitello");
    assert_eq!(ice.on, day("2025-03-03"));
}

#[test]
fn documents_a_file_dropped_on_an_agreement_is_attached_to_it_not_imported() {
    let (dir, mut store) = common::store();
    agency_with_request(&mut store, "Polk County Sheriff's Office", Model::Jem);
    let (mut app, _checks) = App::new(common::window::registry(store));
    act(&mut app, |ui| {
        ui.click("Polk County Sheriff's Office").unwrap();
    });
    assert!(matches!(app.screen(), g287::ui::app::Screen::Agency(_)));
    let note = dir.path().join("minutes.txt");
    std::fs::write(&note, b"Steering meeting minutes").unwrap();
    common::window::settle(&mut app, AppMessage::FileDropped(note));
    assert!(
        matches!(app.screen(), g287::ui::app::Screen::Agency(_)),
        "the screen stays"
    );
    assert!(common::window::sees_tall(&app, "Documents (1)"));
    assert!(common::window::sees_tall(&app, "minutes.txt"));
}

#[test]
fn documents_a_document_is_attached_from_the_card_to_a_nominee_chosen_there() {
    let (_dir, mut store, _, agreement) = setup();
    let nominee = store
        .write(|w| {
            w.add_nominee(
                agreement,
                &g287::domain::NomineeDetails {
                    name: "Maria Lopez".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let agency = store.agreement(agreement).unwrap().agency_id;
    let mut s = Agency::loaded(store.agency_detail(agency, day(TODAY)).unwrap());
    assert!(shows(&s, "Attach… keeps the document with"));
    // The nominee chosen in the card's list, then the file dialog's answer.
    let target = g287::ui::screen::agency::AttachTarget {
        subject: Subject::Nominee,
        id: nominee.0,
        label: "Nominee: Maria Lopez".into(),
    };
    let _ = s.update(Message::AttachTo(target));
    let file = moa("LeeCoSheriffsOffice_JEM_MOA_02.20.2025.pdf");
    let action = s.update(Message::DocumentPicked(Some(file.clone()), false));
    let Action::Save(Save { edit, .. }) = &action else {
        panic!("{action:?}")
    };
    assert_eq!(
        *edit,
        Edit::AttachDocument {
            agreement,
            to: Subject::Nominee,
            record: nominee.0,
            path: file,
            moa: false
        }
    );
    answer(&store, &mut s, action);
    let kept = store.documents_of(Subject::Nominee, nominee.0).unwrap();
    assert_eq!(kept.len(), 1, "kept with the nominee");
    assert!(
        store
            .documents_of(Subject::Agreement, agreement.0)
            .unwrap()
            .is_empty(),
        "not with the agreement"
    );
    // A meeting's minutes go with the meeting.
    let meeting = store
        .write(|w| w.record_meeting(agreement, day("2026-10-01"), Some("steering meeting")))
        .unwrap();
    let mut s = Agency::loaded(store.agency_detail(agency, day(TODAY)).unwrap());
    let _ = s.update(Message::AttachTo(g287::ui::screen::agency::AttachTarget {
        subject: Subject::Meeting,
        id: meeting,
        label: "Meeting of 2026-10-01".into(),
    }));
    let action = s.update(Message::DocumentPicked(
        Some(moa("LeeCoSheriffsOffice_JEM_MOA_02.20.2025.pdf")),
        false,
    ));
    answer(&store, &mut s, action);
    assert_eq!(
        store.documents_of(Subject::Meeting, meeting).unwrap().len(),
        1
    );
    // The signed MOA still goes with the agreement, whatever record is chosen.
    let file = moa("HamiltonCoIN_JEM_MOA_03.03.2025.pdf");
    let action = s.update(Message::DocumentPicked(Some(file), true));
    answer(&store, &mut s, action);
    assert_eq!(
        store
            .documents_of(Subject::Agreement, agreement.0)
            .unwrap()
            .len(),
        1
    );
}
