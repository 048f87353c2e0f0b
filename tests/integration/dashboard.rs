//! The dashboard's figures from a real SQLite file: the known registry of
//! `tests/common/registry.rs`, whose figures were worked out by hand.

use crate::common;

use chrono::Datelike;
use common::registry::{self, ago, since};
use g287::domain::{Component, Model, State, Status};
use g287::store::today;

#[test]
fn the_known_registry_gives_the_figures_worked_out_by_hand() {
    let (_dir, mut store) = common::store();
    registry::fill(&mut store);
    let d = store.dashboard(today(), since()).unwrap();

    assert_eq!(d.now.total(), 6);
    assert_eq!(
        d.then.total(),
        3,
        "three agreements were requested after the since date"
    );
    for (status, now, change) in [
        (Status::Active, 3, 2),
        (Status::Requested, 1, 1),
        (Status::UnderReview, 0, -1),
        (Status::Pending, 1, 1),
        (Status::Declined, 1, 0),
    ] {
        assert_eq!(d.now.count(Some(status), None, None), now, "{status}");
        assert_eq!(d.change(status), change, "{status}");
    }
    assert_eq!(d.now.count(Some(Status::Active), Some(Model::Tfm), None), 2);
    assert_eq!(d.now.count(Some(Status::Active), Some(Model::Wso), None), 1);
    assert_eq!(d.now.count(None, None, Some(Component::Cbp)), 1);

    let step = |s| *d.step(s).unwrap();
    let requested = step(Status::Requested);
    assert_eq!(
        (requested.waited.median_days, requested.waited.longest_days),
        (Some(20.0), Some(50))
    );
    assert_eq!(
        (requested.waiting_now, requested.longest_waiting_now),
        (1, Some(30))
    );
    let review = step(Status::UnderReview);
    assert_eq!(review.waited.count, 3, "Dallas skipped the review");
    assert_eq!(
        (review.waited.median_days, review.waited.longest_days),
        (Some(30.0), Some(60))
    );
    let pending = step(Status::Pending);
    assert_eq!(
        (pending.waited.median_days, pending.waited.longest_days),
        (Some(50.0), Some(60))
    );
    assert_eq!(
        (pending.waiting_now, pending.longest_waiting_now),
        (1, Some(40))
    );
    assert_eq!(d.request_to_active.median_days, Some(95.0));

    let c = d.compliance;
    assert_eq!(c.all_met_share().to_string(), "33% (1 of 3)");
    assert_eq!(
        (c.failing, c.unrecorded, c.met_with_waiver),
        (2, 0, 0),
        "Polk fails its meeting, Dallas its expired authorization"
    );
    assert_eq!(c.certified_share().to_string(), "80% (4 of 5)");
    assert_eq!(
        (
            c.authorizations_expired,
            c.agreements_with_authorizations_expired
        ),
        (1, 1)
    );
    assert_eq!(c.meeting_months, 12, "from the catalogue's rule");
    assert_eq!(
        c.without_meeting(Model::Tfm),
        0,
        "no such term in the TFM MOA"
    );
    assert_eq!(c.without_meeting(Model::Wso), 1);
    assert_eq!(c.without_meeting(Model::Jem), 0);
    assert_eq!(c.meeting_unrecorded_total(), 0);

    assert_eq!(d.active_in(State::parse("TX").unwrap()), 2);
    assert_eq!(d.active_in(State::parse("FL").unwrap()), 1);
    assert_eq!(d.active_in(State::parse("AL").unwrap()), 0);

    let signed: usize = d.signed.iter().map(|m| m.total()).sum();
    assert_eq!(
        signed, 2,
        "Polk's WSO was signed before the chart's first month"
    );
    let month = |date: chrono::NaiveDate| {
        d.signed
            .iter()
            .find(|m| m.month == date.with_day0(0).unwrap())
            .unwrap()
            .count(Model::Tfm)
    };
    assert_eq!(month(ago(300)), 1);
    assert_eq!(month(ago(110)), 1);
}

#[test]
fn an_empty_registry_has_nothing_to_count() {
    let (_dir, store) = common::store();
    let d = store.dashboard(today(), since()).unwrap();
    assert_eq!(d.now.total(), 0);
    assert_eq!(d.compliance.all_met_share().to_string(), "none of 0");
    assert!(d.pipeline.iter().all(|p| p.waited.median_days.is_none()));
    assert_eq!(d.signed.len(), 13, "from a year back to this month");
}
