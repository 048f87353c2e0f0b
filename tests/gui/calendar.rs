//! The Calendar screen and the Agency screen's oversight records, driven headless: every kind
//! of deadline listed, overdue first; filters; a deadline opening its agency; a complaint, a
//! meeting and a notice recorded in the window moving the calendar.

use crate::common;

use chrono::{Days, NaiveDate};
use common::sheriff;
use common::window::{act_tall as act, sees_tall as sees};
use g287::domain::{AgencyId, AgreementId, Component, Model, NomineeDetails, Status};
use g287::store::Store;
use g287::store::agreements::NewAgreement;
use g287::ui::app::{App, Message, Screen};
use g287::ui::screen::agency::{self, Agency, Edit};
use g287::ui::screen::calendar;
use iced::keyboard::key::Named;
use iced_test::Simulator;
use iced_test::core::{Settings, Size};

fn today() -> NaiveDate {
    g287::store::today()
}

fn ago(days: u64) -> NaiveDate {
    today() - Days::new(days)
}

fn active(
    store: &mut Store,
    name: &str,
    model: Model,
    since: NaiveDate,
) -> (AgencyId, AgreementId) {
    common::agency_with_agreement(store, name, model, Status::Active, since)
}

/// A registry with a deadline of every kind the MOAs set: Polk (JEM, active 400 days: no
/// meeting on record, a complaint ICE was not told of, the agency's notice, which ends a JEM
/// agreement on receipt, an officer's earliest refresher, ICE's review of the MOA), Lee (WSO,
/// active a month: its first review ahead), Dallas (TFM, active 400 days: an authorization two
/// years old, an open complaint, an officer's optional update) and Hardee (a request waiting
/// 120 days).
struct Registry {
    _dir: tempfile::TempDir,
    app: App,
    polk: AgencyId,
}

fn registry() -> Registry {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open_store(dir.path()).unwrap();
    let (polk, polk_agreement) = active(
        &mut store,
        "Polk County Sheriff's Office",
        Model::Jem,
        ago(400),
    );
    active(
        &mut store,
        "Lee County Sheriff's Office",
        Model::Wso,
        ago(30),
    );
    let (_, dallas) = active(
        &mut store,
        "Dallas County Sheriff's Office",
        Model::Tfm,
        ago(400),
    );
    let complaint = |days: u64| g287::domain::ComplaintDetails {
        received_on: Some(ago(days)),
        summary: "No interpreter at booking".into(),
        ..Default::default()
    };
    store
        .write(|w| {
            w.add_nominee(
                polk_agreement,
                &NomineeDetails {
                    name: "J. Smith".into(),
                    certified_on: Some(ago(390)),
                    ..NomineeDetails::default()
                },
            )?;
            w.add_nominee(
                dallas,
                &NomineeDetails {
                    name: "A. Lee".into(),
                    certified_on: Some(ago(390)),
                    authorized_on: Some(ago(735)),
                    ..NomineeDetails::default()
                },
            )?;
            // Ten days ago: two weekdays have passed whatever day the tests run.
            w.record_complaint(polk_agreement, &complaint(10))?;
            w.record_complaint(dallas, &complaint(3))?;
            w.give_termination_notice(
                polk_agreement,
                ago(10),
                g287::domain::NoticeParty::Agency,
                None,
            )?;
            let hardee = w.create_agency(&sheriff("Hardee County Sheriff's Office"))?;
            w.create_agreement(&NewAgreement {
                agency_id: hardee,
                model: Model::Jem,
                component: Component::Ice,
                status: Status::Requested,
                on: ago(120),
                requested_on: Some(ago(120)),
                signed_on: None,
                note: None,
            })
        })
        .unwrap();
    let (app, _) = App::new(crate::common::window::registry(store));
    Registry {
        _dir: dir,
        app,
        polk,
    }
}

/// Opens the Calendar tab and hands it what the app's worker thread would compute.
fn open_calendar(r: &mut Registry) {
    act(&mut r.app, |ui| {
        ui.click("Calendar").unwrap();
    });
    assert!(matches!(r.app.screen(), Screen::Calendar));
    assert!(sees(&r.app, "Reading the calendar…"));
    let items = r.app.registry().calendar(90);
    let _ = r
        .app
        .update(Message::Calendar(calendar::Message::Loaded(items)));
}

#[test]
fn every_kind_of_deadline_is_listed_overdue_first_then_unrecorded_then_by_due_date() {
    let mut r = registry();
    open_calendar(&mut r);
    assert!(sees(
        &r.app,
        &format!(
            "10 of 10 deadlines · 4 overdue · 1 passed with no record · as of {}",
            today()
        )
    ));
    let rows = r.app.calendar().visible();
    let kinds: Vec<&str> = rows.iter().map(|(_, what, _)| what.as_str()).collect();
    for kind in [
        "Refresher training",
        "Authorization expires",
        "First review",
        "MOA review by ICE",
        "Request waiting",
        "Tell ICE of complaint",
        "Resolve complaint",
        "Termination takes effect",
    ] {
        assert!(kinds.contains(&kind), "{kind} missing from {kinds:?}");
        assert!(sees(&r.app, kind), "{kind} not drawn");
    }
    for word in ["Overdue", "No record", "Advisory"] {
        assert!(sees(&r.app, word), "{word} not drawn");
    }
    assert!(sees(&r.app, "within 48 hours, excluding weekends"));
    let due = |i: usize| rows[i].0.parse::<NaiveDate>().unwrap();
    // Four overdue, by due date; then the first review nobody recorded; then the rest.
    assert!((0..4).all(|i| due(i) < today()));
    assert!((0..3).all(|i| due(i) <= due(i + 1)));
    assert_eq!(rows[0].1, "Request waiting");
    assert_eq!(rows[4].1, "First review");
    assert_eq!(rows[4].0, (ago(400) + chrono::Months::new(12)).to_string());
    assert!((5..rows.len() - 1).all(|i| due(i) <= due(i + 1)));
    assert!(
        !rows[5..]
            .iter()
            .any(|(_, what, _)| what == "Termination takes effect"),
        "a JEM agency's notice takes effect on receipt: overdue while it stays active"
    );
}

#[test]
fn filters_narrow_the_list_and_a_deadline_opens_its_agency() {
    let mut r = registry();
    open_calendar(&mut r);
    act(&mut r.app, |ui| {
        ui.click("Overdue only").unwrap();
    });
    assert!(sees(
        &r.app,
        &format!(
            "4 of 10 deadlines · 4 overdue · 0 passed with no record · as of {}",
            today()
        )
    ));
    act(&mut r.app, |ui| {
        ui.click("Search agency or officer").unwrap();
        ui.typewrite("hardee");
    });
    assert_eq!(r.app.calendar().visible().len(), 1);
    assert!(sees(&r.app, "Hardee County Sheriff's Office (FL)"));
    act(&mut r.app, |ui| {
        ui.click("Clear").unwrap();
    });
    let _ = r
        .app
        .update(Message::Calendar(calendar::Message::KindFilter(
            g287::ui::screen::agencies::Choice::Only(
                g287::domain::calendar::DeadlineKind::FirstReview,
            ),
        )));
    assert!(sees(
        &r.app,
        &format!(
            "2 of 10 deadlines · 0 overdue · 1 passed with no record · as of {}",
            today()
        )
    ));

    act(&mut r.app, |ui| {
        ui.click("Lee County Sheriff's Office (FL)").unwrap();
    });
    let Screen::Agency(a) = r.app.screen() else {
        panic!("the agency opens")
    };
    assert_eq!(a.title(), "Lee County Sheriff's Office");
    assert_ne!(a.id(), Some(r.polk));
    assert!(sees(&r.app, "← Calendar"));
    act(&mut r.app, |ui| {
        ui.click("← Calendar").unwrap();
    });
    assert!(
        matches!(r.app.screen(), Screen::Calendar),
        "back where it came from"
    );
}

#[test]
fn a_waiting_request_allowance_is_validated_and_recomputes() {
    let mut r = registry();
    open_calendar(&mut r);
    act(&mut r.app, |ui| {
        ui.click("90").unwrap();
        ui.tap_key(Named::End);
        ui.typewrite("x");
        ui.click("Apply").unwrap();
    });
    assert!(sees(
        &r.app,
        "\"90x\": give a number of days from 1 to 3650"
    ));
    assert_eq!(r.app.calendar().request_days(), 90);
    let _ = r
        .app
        .update(Message::Calendar(calendar::Message::RequestDays(
            "200".into(),
        )));
    let _ = r
        .app
        .update(Message::Calendar(calendar::Message::ApplyRequestDays));
    assert_eq!(r.app.calendar().request_days(), 200);
    let items = r.app.registry().calendar(200);
    let _ = r
        .app
        .update(Message::Calendar(calendar::Message::Loaded(items)));
    let waiting = r
        .app
        .calendar()
        .visible()
        .into_iter()
        .find(|(_, what, _)| what == "Request waiting")
        .unwrap();
    assert_eq!(waiting.0, (ago(120) + Days::new(200)).to_string());
}

// --- The Agency screen's oversight card -------------------------------------------------------

fn agency_sim(screen: &Agency) -> Simulator<'_, agency::Message> {
    Simulator::with_size(
        Settings::default(),
        Size::new(1400.0, 6000.0),
        screen.view(),
    )
}

fn agency_act(
    screen: &mut Agency,
    interact: impl FnOnce(&mut Simulator<'_, agency::Message>),
) -> Vec<agency::Action> {
    let messages: Vec<agency::Message> = {
        let mut ui = agency_sim(screen);
        interact(&mut ui);
        ui.into_messages().collect()
    };
    messages.into_iter().map(|m| screen.update(m)).collect()
}

fn agency_sees(screen: &Agency, what: &str) -> bool {
    agency_sim(screen).find(what).is_ok()
}

/// Writes the edit the actions hold, as the app does, and hands the agency back.
fn save(store: &mut Store, screen: &mut Agency, actions: Vec<agency::Action>) -> Edit {
    let asked: Vec<agency::Save> = actions
        .into_iter()
        .filter_map(|a| match a {
            agency::Action::Save(s) => Some(s),
            _ => None,
        })
        .collect();
    let [save] = asked.as_slice() else {
        panic!("one save expected, got {asked:?}")
    };
    let registry = crate::common::open_registry(&crate::common::data_dir_of_store(store))
        .unwrap()
        .as_user("tester");
    let result = registry.edit(&save.edit);
    screen.saved(agency::Saved {
        save: save.clone(),
        result,
    });
    save.edit.clone()
}

fn kinds_for(store: &Store, agreement: AgreementId) -> Vec<g287::domain::calendar::DeadlineKind> {
    store
        .calendar(today(), 90)
        .unwrap()
        .into_iter()
        .filter(|i| i.deadline.agreement == agreement)
        .map(|i| i.deadline.kind)
        .collect()
}

#[test]
fn complaints_meetings_and_notices_recorded_in_the_window_move_the_calendar() {
    use g287::domain::calendar::DeadlineKind as K;
    let (_dir, mut store) = common::store();
    let (agency, agreement) = active(
        &mut store,
        "Polk County Sheriff's Office",
        Model::Wso,
        ago(400),
    );
    let mut screen = Agency::loaded(store.agency_detail(agency, today()).unwrap());
    assert!(agency_sees(&screen, "No complaint recorded."));
    assert_eq!(kinds_for(&store, agreement), [K::FirstReview]);

    // A complaint: its summary is required, shown beside the field; nothing is written.
    let actions = agency_act(&mut screen, |ui| {
        ui.click("Record complaint…").unwrap();
    });
    assert!(actions.iter().all(|a| matches!(a, agency::Action::None)));
    let actions = agency_act(&mut screen, |ui| {
        ui.click("Save complaint").unwrap();
    });
    assert!(
        actions
            .iter()
            .all(|a| !matches!(a, agency::Action::Save(_)))
    );
    assert!(agency_sees(
        &screen,
        "say in a sentence what the complaint is about"
    ));
    let actions = agency_act(&mut screen, |ui| {
        ui.click("A sentence").unwrap();
        ui.typewrite("Family not told of a transfer");
        ui.click("Save complaint").unwrap();
    });
    save(&mut store, &mut screen, actions);
    // The WSO MOA's terms: 48 hours excluding weekends; 90 days to resolve.
    let term = |kind| {
        g287::domain::Catalogue::shipped()
            .term(kind, Model::Wso, Component::Ice, None)
            .unwrap()
            .due(today())
    };
    let due = term(K::ComplaintReported).to_string();
    let resolve = term(K::ComplaintResolved).to_string();
    assert!(
        agency_sees(
            &screen,
            &format!("ICE not told yet: due {due} · open: resolution due {resolve}")
        ),
        "the form closed and the complaint shows what it owes"
    );
    assert!(kinds_for(&store, agreement).contains(&K::ComplaintReported));

    // ICE told, with a date that is not one first.
    agency_act(&mut screen, |ui| {
        ui.click("Update…").unwrap();
    });
    // The three date fields share a placeholder, so the date is typed as the field reports it.
    let told = today().to_string();
    let _ = screen.update(agency::Message::Oversight(
        agency::OversightField::IceTold,
        "yesterday".into(),
    ));
    let actions = agency_act(&mut screen, |ui| {
        ui.click("Save complaint").unwrap();
    });
    assert!(
        actions
            .iter()
            .all(|a| !matches!(a, agency::Action::Save(_)))
    );
    assert!(agency_sees(
        &screen,
        "yesterday: not a date: give YYYY-MM-DD"
    ));
    let _ = screen.update(agency::Message::Oversight(
        agency::OversightField::IceTold,
        told.clone(),
    ));
    let actions = agency_act(&mut screen, |ui| {
        ui.click("Save complaint").unwrap();
    });
    save(&mut store, &mut screen, actions);
    assert!(agency_sees(
        &screen,
        &format!("ICE told {told} · open: resolution due {resolve}")
    ));
    let kinds = kinds_for(&store, agreement);
    assert!(
        !kinds.contains(&K::ComplaintReported) && kinds.contains(&K::ComplaintResolved),
        "{kinds:?}"
    );

    // A meeting replaces the overdue first review with the next yearly meeting.
    let actions = agency_act(&mut screen, |ui| {
        ui.click("Record meeting").unwrap();
    });
    save(&mut store, &mut screen, actions);
    assert!(agency_sees(&screen, &format!("Held {}", today())));
    let kinds = kinds_for(&store, agreement);
    assert!(
        kinds.contains(&K::OversightMeeting) && !kinds.contains(&K::FirstReview),
        "{kinds:?}"
    );

    // A notice of termination sets the day the agreement ends.
    let actions = agency_act(&mut screen, |ui| {
        ui.click("Record notice").unwrap();
    });
    save(&mut store, &mut screen, actions);
    let ends = (today() + Days::new(90)).to_string();
    assert!(agency_sees(
        &screen,
        &format!(
            "The agency gave notice on {}: the agreement ends on {ends}",
            today()
        )
    ));
    assert!(kinds_for(&store, agreement).contains(&K::TerminationTakesEffect));
    let history = store.history(Some(agency), None).unwrap();
    for entity in ["complaint", "meeting", "termination_notice"] {
        assert!(
            history.iter().any(|e| e.entity == entity),
            "{entity} in the history"
        );
    }
}
