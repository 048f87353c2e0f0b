//! The list rules on the cases `tests/integration/{import,ice_list,series}.rs` try on ICE's
//! real files, here on a few rows each, without a database: what the registry holds goes in,
//! the changes come out.

use super::*;
use crate::domain::agreement::{MoaSigning, Signature};
use crate::domain::ids::{AgencyId, AgreementId};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, day).unwrap()
}

fn florida() -> State {
    State::parse("FL").unwrap()
}

fn details(name: &str) -> AgencyDetails {
    AgencyDetails {
        state: florida(),
        name: name.to_string(),
        kind: AgencyKind::County,
        county: Some("Polk".to_string()),
        ori: None,
        has_jail: None,
        contact: None,
    }
}

/// A row of ICE's list naming `agency`'s `model` agreement.
fn row(n: usize, agency: &str, model: Model) -> ListedRow {
    let agency = details(agency);
    ListedRow {
        row: n,
        identity: agency.identity(),
        kind_read: Some(agency.kind),
        agency,
        agreement: Some(ListedAgreement {
            model,
            component: Component::Ice,
            stated: None,
            signed: None,
            moa: None,
            moa_url: None,
            addendum: None,
        }),
    }
}

fn signed(mut r: ListedRow, on: NaiveDate) -> ListedRow {
    if let Some(a) = r.agreement.as_mut() {
        a.signed = Some(on);
    }
    r
}

/// An ICE agreement the registry holds.
fn agreement(id: i64, agency: i64, status: Status, listed: Option<NaiveDate>) -> Agreement {
    Agreement {
        id: AgreementId(id),
        agency_id: AgencyId(agency),
        model: Model::Jem,
        component: Component::Ice,
        status,
        requested_on: None,
        signed_on: None,
        moa: None,
        moa_url: None,
        last_listed_on: listed,
        signing: MoaSigning::default(),
    }
}

/// The list of `kind` and date `as_of`, no list applied before it.
fn ice_list(kind: Published, as_of: NaiveDate) -> PublishedList {
    PublishedList {
        file: format!("{}-{as_of}.xlsx", kind.code()),
        as_of,
        standing: Standing {
            order: Some(ListOrder {
                as_of,
                afternoon: false,
                captured: None,
                kind,
            }),
            ..Standing::default()
        },
        refused_rows: 0,
    }
}

/// What the registry holds: `agencies` (id, name, newest listing) and `agreements` (with the
/// day of their last status change), and the agreements a list of `list`'s kind may omit, as
/// the store's query selects them.
fn holdings(
    list: &PublishedList,
    agencies: &[(AgencyId, &str)],
    agreements: &[(Agreement, Option<NaiveDate>)],
) -> Holdings {
    let mut held = Holdings::default();
    for (id, name) in agencies {
        let details = details(name);
        let newest_listing = agreements
            .iter()
            .filter(|(a, _)| a.agency_id == *id)
            .filter_map(|(a, _)| a.last_listed_on)
            .max();
        held.agencies.insert(
            (details.state, details.identity()),
            HeldAgency {
                id: *id,
                details,
                newest_listing,
            },
        );
    }
    for (a, last_change) in agreements {
        held.agreements.insert(
            (a.agency_id, a.model, a.component),
            HeldAgreement {
                agreement: a.clone(),
                addendum: None,
                last_change: *last_change,
            },
        );
    }
    if let Some(kind) = list.kind() {
        held.listed = agreements
            .iter()
            .map(|(a, _)| a.clone())
            .filter(|a| a.status == kind.status() && a.component == Component::Ice)
            .filter(|a| a.last_listed_on.is_some_and(|l| l <= list.as_of))
            .collect();
    }
    held
}

fn plan(list: &PublishedList, rows: Vec<ListedRow>, held: &Holdings) -> ListPlan {
    plan_list(list, rows, held, &|_, _| Vec::new())
}

/// (agreement, from, to, on) of every status change.
fn moves(plan: &ListPlan) -> Vec<(AgreementRef, Status, Status, NaiveDate)> {
    plan.changes
        .iter()
        .filter_map(|c| match c {
            ListChange::StatusChange {
                agreement,
                from,
                to,
                on,
                ..
            } => Some((*agreement, *from, *to, *on)),
            _ => None,
        })
        .collect()
}

fn notes(plan: &ListPlan) -> Vec<String> {
    plan.changes
        .iter()
        .filter_map(|c| match c {
            ListChange::StatusChange { note, .. } => Some(note.clone()),
            _ => None,
        })
        .collect()
}

fn conflicts(plan: &ListPlan) -> Vec<String> {
    plan.conflicts.iter().map(ToString::to_string).collect()
}

const POLK: &str = "Polk County Sheriff's Office";
const LEE: &str = "Lee County Sheriff's Office";

#[test]
fn a_new_agency_and_its_agreement_are_created_with_the_lists_status() {
    let list = ice_list(Published::Participating, d(5, 16));
    let plan = plan(
        &list,
        vec![
            signed(row(2, POLK, Model::Jem), d(3, 1)),
            row(3, POLK, Model::Tfm),
        ],
        &Holdings::default(),
    );
    assert!(
        matches!(&plan.changes[0], ListChange::NewAgency { details, .. } if details.name == POLK)
    );
    let created: Vec<_> = plan
        .changes
        .iter()
        .filter_map(|c| match c {
            ListChange::NewAgreement {
                agency, status, on, ..
            } => Some((*agency, *status, *on)),
            _ => None,
        })
        .collect();
    // The signed date is the day it became active; without one, the list's date.
    assert_eq!(
        created,
        [
            (AgencyRef::New(0), Status::Active, d(3, 1)),
            (AgencyRef::New(0), Status::Active, d(5, 16)),
        ]
    );
    assert_eq!(plan.counts.agencies_new, 1);
    assert_eq!(plan.counts.agreements_new, 2);
    assert_eq!(plan.counts.agreements, 2);
    assert_eq!(plan.row_agreements[&3], AgreementRef::New(1));
}

#[test]
fn a_newer_participating_list_activates_what_was_pending() {
    let list = ice_list(Published::Participating, d(7, 18));
    let pending = agreement(10, 1, Status::Pending, Some(d(5, 15)));
    let held = holdings(&list, &[(AgencyId(1), POLK)], &[(pending, Some(d(5, 15)))]);
    let plan = plan(&list, vec![row(2, POLK, Model::Jem)], &held);
    assert_eq!(
        moves(&plan),
        [(
            AgreementRef::Held(AgreementId(10)),
            Status::Pending,
            Status::Active,
            d(7, 18)
        )]
    );
    assert_eq!(plan.counts.activated, 1);
    assert_eq!(plan.counts.agreements_new, 0);
    assert_eq!(plan.matched, [AgencyId(1)]);
    assert!(conflicts(&plan).is_empty(), "{:?}", conflicts(&plan));
}

#[test]
fn an_active_agreement_off_a_newer_participating_list_is_delisted() {
    let list = ice_list(Published::Participating, d(7, 18));
    let on_it = agreement(10, 1, Status::Active, Some(d(5, 16)));
    let off_it = agreement(11, 2, Status::Active, Some(d(5, 16)));
    let held = holdings(
        &list,
        &[(AgencyId(1), POLK), (AgencyId(2), LEE)],
        &[(on_it, Some(d(5, 16))), (off_it, Some(d(5, 16)))],
    );
    let mut held = held;
    // CBP's agreements are on none of ICE's lists: omitted, they stay.
    let mut cbp = agreement(12, 2, Status::Active, Some(d(5, 16)));
    cbp.component = Component::Cbp;
    held.listed.push(cbp);
    let plan = plan(&list, vec![row(2, POLK, Model::Jem)], &held);
    assert_eq!(
        moves(&plan),
        [(
            AgreementRef::Held(AgreementId(11)),
            Status::Active,
            Status::Delisted,
            d(7, 18)
        )]
    );
    assert_eq!(
        notes(&plan),
        ["absent from ICE's participating list of 2025-07-18 (participating-2025-07-18.xlsx)"]
    );
    assert_eq!((plan.counts.delisted, plan.counts.dropped_off), (1, 0));
    assert_eq!(plan.counts.unchanged, 0, "the listing date moves: updated");
    assert_eq!(plan.counts.updated, 1);
}

#[test]
fn a_pending_agreement_off_a_newer_pending_list_has_dropped_off_it() {
    let list = ice_list(Published::Pending, d(7, 18));
    let dropped = agreement(11, 2, Status::Pending, Some(d(5, 15)));
    // A coordinator's own request, never on ICE's list, does not drop off it.
    let own = agreement(12, 3, Status::Pending, None);
    // The pending list says nothing about active agreements it omits.
    let active = agreement(13, 4, Status::Active, Some(d(5, 16)));
    let mut held = holdings(
        &list,
        &[],
        &[
            (dropped, Some(d(5, 15))),
            (own.clone(), Some(d(5, 1))),
            (active.clone(), None),
        ],
    );
    held.listed.extend([own, active]);
    let plan = plan(&list, Vec::new(), &held);
    assert_eq!(
        moves(&plan),
        [(
            AgreementRef::Held(AgreementId(11)),
            Status::Pending,
            Status::Delisted,
            d(7, 18)
        )]
    );
    assert!(
        notes(&plan)[0].ends_with(
            "and not on the participating list: dropped off the pending list (last listed 2025-05-15)"
        ),
        "{:?}",
        notes(&plan)
    );
    assert_eq!((plan.counts.delisted, plan.counts.dropped_off), (0, 1));
}

#[test]
fn an_older_list_after_a_newer_one_changes_no_status() {
    // July's participating list was applied: it delisted agreement 10.
    let mut list = ice_list(Published::Participating, d(5, 16));
    list.standing.newer_participating = true;
    list.standing.newer_same_day_for_facts = false;
    list.standing.next_of_kind = Some((d(7, 18), "july.xlsx".to_string()));
    let delisted = agreement(10, 1, Status::Delisted, Some(d(5, 16)));
    let active = agreement(11, 2, Status::Active, Some(d(7, 18)));
    let held = holdings(
        &list,
        &[(AgencyId(1), POLK), (AgencyId(2), LEE)],
        &[(delisted, Some(d(7, 18))), (active, Some(d(7, 1)))],
    );
    // May shows Polk (delisted in July) and an agreement only May shows; it omits Lee,
    // which July shows active.
    let plan = plan(
        &list,
        vec![row(2, POLK, Model::Jem), row(3, POLK, Model::Wso)],
        &held,
    );
    // Polk stays delisted; Lee stays active; the agreement only May shows is created and
    // delisted as of July, as if the lists had come in order.
    assert_eq!(
        moves(&plan),
        [(
            AgreementRef::New(0),
            Status::Active,
            Status::Delisted,
            d(7, 18)
        )]
    );
    assert!(
        notes(&plan)[0].starts_with(
            "absent from ICE's participating list of 2025-07-18 (july.xlsx), imported earlier"
        ),
        "{:?}",
        notes(&plan)
    );
    assert_eq!(plan.counts.delisted, 1);
    assert_eq!(
        conflicts(&plan),
        [
            "participating-2025-05-16.xlsx: Polk County Sheriff's Office agreement 10 is Delisted since 2025-07-18, set by a later list than this one; left as it is"
        ]
    );
}

#[test]
fn a_pending_list_never_demotes_an_active_agreement() {
    // The same day's participating list was applied first and showed it: it wins.
    let list = ice_list(Published::Pending, d(7, 18));
    let both = agreement(10, 1, Status::Active, Some(d(7, 18)));
    // An older listing: the pending list disagrees with the registry.
    let older = agreement(11, 2, Status::Active, Some(d(5, 16)));
    let held = holdings(
        &list,
        &[(AgencyId(1), POLK), (AgencyId(2), LEE)],
        &[(both, Some(d(5, 16))), (older, Some(d(5, 16)))],
    );
    let plan = plan(
        &list,
        vec![row(2, POLK, Model::Jem), row(3, LEE, Model::Jem)],
        &held,
    );
    assert!(moves(&plan).is_empty(), "{:?}", moves(&plan));
    assert_eq!(
        conflicts(&plan),
        [
            "pending-2025-07-18.xlsx: Polk County Sheriff's Office agreement 10 is on both ICE's pending and participating lists of 2025-07-18; the participating list wins: active",
            "pending-2025-07-18.xlsx: Lee County Sheriff's Office agreement 11 is Active; this list shows it pending: left Active",
        ]
    );
    // Not this list's to date: kept active, it is not listed as pending.
    assert!(
        !plan
            .changes
            .iter()
            .any(|c| matches!(c, ListChange::FactsFilled { .. })),
        "{:?}",
        plan.changes
    );
    assert_eq!(plan.counts.unchanged, 2);
}

#[test]
fn a_participating_list_after_the_same_days_pending_list_says_the_agreement_was_on_both() {
    let list = ice_list(Published::Participating, d(7, 18));
    let pending = agreement(10, 1, Status::Pending, Some(d(7, 18)));
    let held = holdings(&list, &[(AgencyId(1), POLK)], &[(pending, Some(d(7, 18)))]);
    let plan = plan(&list, vec![row(2, POLK, Model::Jem)], &held);
    assert_eq!(
        moves(&plan),
        [(
            AgreementRef::Held(AgreementId(10)),
            Status::Pending,
            Status::Active,
            d(7, 18)
        )]
    );
    assert_eq!(
        conflicts(&plan),
        [
            "participating-2025-07-18.xlsx: Polk County Sheriff's Office agreement 10 is on both ICE's pending and participating lists of 2025-07-18; the participating list wins: active"
        ]
    );
}

#[test]
fn the_same_list_again_changes_nothing() {
    let list = ice_list(Published::Participating, d(7, 18));
    let rows = || vec![signed(row(2, POLK, Model::Jem), d(3, 1))];
    let first = plan(&list, rows(), &Holdings::default());
    assert_eq!(first.counts.agreements_new, 1);
    // The registry as the first application left it.
    let mut active = agreement(10, 1, Status::Active, Some(d(7, 18)));
    active.signed_on = Some(d(3, 1));
    let held = holdings(&list, &[(AgencyId(1), POLK)], &[(active, Some(d(3, 1)))]);
    let again = plan(&list, rows(), &held);
    assert!(again.changes.is_empty(), "{:?}", again.changes);
    assert!(again.conflicts.is_empty(), "{:?}", again.conflicts);
    assert_eq!(again.counts.unchanged, 1);
    assert_eq!(again.counts.agreements, 1);
}

#[test]
fn an_agreement_twice_on_one_list_is_counted_once_and_its_differences_flagged() {
    let list = ice_list(Published::Participating, d(7, 18));
    let rows = vec![
        signed(row(2, POLK, Model::Tfm), d(4, 14)),
        signed(row(3, POLK, Model::Tfm), d(4, 14)),
        signed(row(4, POLK, Model::Tfm), d(4, 15)),
    ];
    let differ = |first: usize, repeat: usize| {
        if repeat == 2 {
            vec![("SIGNED", format!("row {first}"), "2025-04-15".to_string())]
        } else {
            Vec::new()
        }
    };
    let plan = plan_list(&list, rows, &Holdings::default(), &differ);
    assert_eq!(plan.counts.agreements_new, 1);
    assert_eq!(plan.counts.agreements, 1);
    assert_eq!(plan.counts.repeated_rows, 2);
    assert_eq!(
        conflicts(&plan),
        [
            "participating-2025-07-18.xlsx row 3: Polk County Sheriff's Office TFM appears twice on this list (first on row 2), the same both times; counted once"
        ]
    );
    assert_eq!(plan.flagged.len(), 1);
    assert_eq!((plan.flagged[0].row, plan.flagged[0].column), (4, "SIGNED"));
    assert!(
        plan.flagged[0]
            .message
            .starts_with("Polk County Sheriff's Office TFM is also on row 2"),
        "{}",
        plan.flagged[0].message
    );
    // Every row's flags are filed against the one agreement.
    assert_eq!(plan.row_agreements[&4], AgreementRef::New(0));
    // A known agreement named twice is one agreement too.
    let pending = agreement(10, 1, Status::Pending, Some(d(5, 15)));
    let held = holdings(&list, &[(AgencyId(1), POLK)], &[(pending, Some(d(5, 15)))]);
    let twice = plan_list(
        &list,
        vec![row(2, POLK, Model::Jem), row(3, POLK, Model::Jem)],
        &held,
        &|_, _| Vec::new(),
    );
    assert_eq!(moves(&twice).len(), 1);
    assert_eq!((twice.counts.activated, twice.counts.repeated_rows), (1, 1));
}

#[test]
fn a_newer_list_renames_an_agency_and_an_older_one_only_fills_in() {
    // Registered as the May list spelt it, with no county.
    let mut registered = details("Polk County Sheriffs Office");
    registered.county = None;
    let jem = agreement(10, 1, Status::Active, Some(d(5, 16)));
    let with = |list: &PublishedList| {
        let mut held = holdings(list, &[], &[(jem.clone(), Some(d(5, 16)))]);
        held.agencies.insert(
            (florida(), registered.identity()),
            HeldAgency {
                id: AgencyId(1),
                details: registered.clone(),
                newest_listing: Some(d(5, 16)),
            },
        );
        held
    };
    let mut spelt = row(2, "Polk County Sheriffs Office", Model::Jem);
    spelt.agency.name = "Polk County Sheriff's Office".to_string();
    spelt.identity = registered.identity();
    let refreshes = |plan: &ListPlan| -> Vec<AgencyDetails> {
        plan.changes
            .iter()
            .filter_map(|c| match c {
                ListChange::AgencyRefresh { details, .. } => Some(details.clone()),
                _ => None,
            })
            .collect()
    };
    let newer = ice_list(Published::Participating, d(7, 18));
    let renamed = plan(&newer, vec![spelt.clone()], &with(&newer));
    let after = refreshes(&renamed);
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].name, "Polk County Sheriff's Office");
    assert_eq!(after[0].county.as_deref(), Some("Polk"));
    assert_eq!(renamed.counts.agencies_updated, 1);
    // An older list keeps the newer spelling and fills in only the missing county.
    let older = ice_list(Published::Participating, d(5, 1));
    let filled = refreshes(&plan(&older, vec![spelt], &with(&older)));
    assert_eq!(filled.len(), 1);
    assert_eq!(filled[0].name, "Polk County Sheriffs Office");
    assert_eq!(filled[0].county.as_deref(), Some("Polk"));
}

#[test]
fn a_newer_lists_facts_replace_those_recorded_and_an_older_lists_only_fill_in() {
    let mut recorded = agreement(10, 1, Status::Active, Some(d(7, 1)));
    recorded.signed_on = Some(d(3, 1));
    let fill_of = |plan: &ListPlan| {
        plan.changes.iter().find_map(|c| match c {
            ListChange::FactsFilled { fill, .. } => Some(fill.clone()),
            _ => None,
        })
    };
    // ICE corrects its lists: the newer list's date replaces the one recorded, and says so.
    let newer = ice_list(Published::Participating, d(7, 18));
    let held = holdings(
        &newer,
        &[(AgencyId(1), POLK)],
        &[(recorded.clone(), Some(d(3, 1)))],
    );
    let replaced = plan(
        &newer,
        vec![signed(row(2, POLK, Model::Jem), d(3, 2))],
        &held,
    );
    let fill = fill_of(&replaced).expect("facts change");
    assert_eq!(fill.signed_on, Some(d(3, 2)));
    assert_eq!(fill.last_listed_on, Some(d(7, 18)));
    assert_eq!(
        conflicts(&replaced),
        [
            "participating-2025-07-18.xlsx row 2: Polk County Sheriff's Office: signed_on was recorded as 2025-03-01; ICE's newer list gives 2025-03-02, which replaces it"
        ]
    );
    assert_eq!(replaced.counts.updated, 1);
    // An older list imported late: the recorded date stays, said; nothing is written.
    let older = ice_list(Published::Participating, d(5, 16));
    let held = holdings(
        &older,
        &[(AgencyId(1), POLK)],
        &[(recorded.clone(), Some(d(3, 1)))],
    );
    let kept = plan(
        &older,
        vec![signed(row(2, POLK, Model::Jem), d(3, 2))],
        &held,
    );
    assert_eq!(fill_of(&kept), None);
    assert_eq!(
        conflicts(&kept),
        [
            "participating-2025-05-16.xlsx row 2: Polk County Sheriff's Office: signed_on is recorded as 2025-03-01; the new value 2025-03-02 was not applied"
        ]
    );
    assert_eq!(kept.counts.unchanged, 1);
}

#[test]
fn a_list_never_replaces_the_signed_date_both_signatures_give() {
    let mut recorded = agreement(10, 1, Status::Active, Some(d(7, 1)));
    recorded.signed_on = Some(d(3, 1));
    let signature = |on| Signature {
        name: "Grady Judd".into(),
        title: "Sheriff".into(),
        on,
    };
    recorded.signing.agency = Some(signature(d(2, 27)));
    recorded.signing.component = Some(signature(d(3, 1)));
    let fill = fill_facts(
        &recorded,
        None,
        &AgreementFacts {
            signed_on: Some(d(3, 2)),
            from_list: Some(FactsPrecedence::Replace),
            ..AgreementFacts::default()
        },
    );
    assert_eq!(fill.signed_on, Some(d(3, 1)));
    assert!(fill.changes.is_empty(), "{:?}", fill.changes);
    assert_eq!(
        fill.conflicts,
        ["signed_on is recorded as 2025-03-01; the new value 2025-03-02 was not applied"]
    );
}

#[test]
fn a_withdrawn_or_declined_agreement_on_a_newer_list_takes_its_status_again() {
    let list = ice_list(Published::Pending, d(7, 18));
    let withdrawn = agreement(10, 1, Status::Withdrawn, Some(d(5, 15)));
    let declined = agreement(11, 2, Status::Declined, None);
    let held = holdings(
        &list,
        &[(AgencyId(1), POLK), (AgencyId(2), LEE)],
        &[(withdrawn, Some(d(6, 1))), (declined, Some(d(6, 2)))],
    );
    let plan = plan(
        &list,
        vec![row(2, POLK, Model::Jem), row(3, LEE, Model::Jem)],
        &held,
    );
    assert_eq!(
        moves(&plan),
        [
            (
                AgreementRef::Held(AgreementId(10)),
                Status::Withdrawn,
                Status::Pending,
                d(7, 18)
            ),
            (
                AgreementRef::Held(AgreementId(11)),
                Status::Declined,
                Status::Pending,
                d(7, 18)
            ),
        ]
    );
    assert_eq!(plan.counts.made_pending, 2);
    // A list older than the coordinator's decision does not undo it.
    let older = ice_list(Published::Pending, d(5, 20));
    let withdrawn = agreement(10, 1, Status::Withdrawn, Some(d(5, 15)));
    let held = holdings(
        &older,
        &[(AgencyId(1), POLK)],
        &[(withdrawn, Some(d(6, 1)))],
    );
    let kept = plan_list(&older, vec![row(2, POLK, Model::Jem)], &held, &|_, _| {
        Vec::new()
    });
    assert!(moves(&kept).is_empty());
    assert_eq!(kept.conflicts.len(), 1, "{:?}", conflicts(&kept));
}

#[test]
fn rows_that_could_not_be_read_are_named_beside_the_agreements_off_the_list() {
    let mut list = ice_list(Published::Participating, d(7, 18));
    list.refused_rows = 2;
    let off = agreement(11, 2, Status::Active, Some(d(5, 16)));
    let held = holdings(&list, &[], &[(off, None)]);
    let plan = plan(&list, Vec::new(), &held);
    assert_eq!(
        conflicts(&plan),
        [
            "participating list of 2025-07-18 (participating-2025-07-18.xlsx): 2 rows could not be read (flagged); agreements 11 are off this list, and one of them may be on such a row: check the flagged rows"
        ]
    );
}

#[test]
fn a_g287_export_states_its_statuses_and_delists_nothing() {
    let list = PublishedList {
        file: "export.csv".into(),
        as_of: d(8, 1),
        standing: Standing::default(),
        refused_rows: 0,
    };
    let mut suspended = row(2, POLK, Model::Jem);
    suspended.agreement.as_mut().unwrap().stated = Some(Status::Suspended);
    let mut alone = row(3, LEE, Model::Jem);
    alone.agreement = None;
    let active = agreement(11, 5, Status::Active, Some(d(5, 16)));
    let mut held = holdings(&list, &[], &[(active.clone(), None)]);
    held.listed.push(active);
    let plan = plan(&list, vec![suspended, alone], &held);
    let statuses: Vec<Status> = plan
        .changes
        .iter()
        .filter_map(|c| match c {
            ListChange::NewAgreement { status, .. } => Some(*status),
            _ => None,
        })
        .collect();
    assert_eq!(statuses, [Status::Suspended]);
    assert_eq!(
        plan.counts.agencies_new, 2,
        "the agency alone is created too"
    );
    assert!(moves(&plan).is_empty(), "{:?}", moves(&plan));
}

#[test]
fn a_list_knows_the_newer_lists_applied_before_it_and_a_replaced_file() {
    let order = |m, day, kind| ListOrder {
        as_of: d(m, day),
        afternoon: false,
        captured: None,
        kind,
    };
    let applied = [
        AppliedList {
            order: order(7, 18, Published::Pending),
            file: "pending.xlsx".into(),
            sha256: "a".repeat(64),
        },
        AppliedList {
            order: order(7, 3, Published::Participating),
            file: "p0703.xlsx".into(),
            sha256: "b".repeat(64),
        },
        AppliedList {
            order: order(7, 1, Published::Participating),
            file: "p0701.xlsx".into(),
            sha256: "c".repeat(64),
        },
    ];
    let (standing, twins) = Standing::among(
        Some(order(7, 1, Published::Participating)),
        "p0701.xlsx",
        &"d".repeat(64),
        &applied,
    );
    assert!(standing.newer_participating);
    assert!(!standing.newer_same_day);
    assert_eq!(standing.next_of_kind, Some((d(7, 3), "p0703.xlsx".into())));
    assert_eq!(twins.len(), 1);
    assert!(
        twins[0]
            .to_string()
            .contains("two different files carry this name (sha256 cccccccccccc… and dddddddddddd…); neither has a capture time"),
        "{}",
        twins[0]
    );
    let (export, none) = Standing::among(None, "export.csv", "e", &applied);
    assert_eq!((export, none), (Standing::default(), Vec::new()));
}
