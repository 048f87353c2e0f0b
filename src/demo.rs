//! A realistic synthetic registry for demonstrations, tests and benchmarks (`g287 demo`).
//!
//! The same seed gives the same data. Agencies are real ones of the national list, in their
//! real states, counties and types ([`agencies`]); agreements cover the three models, a few with CBP; nominees vary so that every
//! check outcome (met, not met, unknown, waived) occurs.

use chrono::{Datelike, Days, NaiveDate};
use fastrand::Rng;

use crate::domain::agreement::{MoaSigning, Signature};
use crate::domain::reference::NationalList;
use crate::domain::{
    AgencyDetails, AgencyKind, AgreementId, Attestation, Background, ComplaintDetails, Component,
    DecisionDraft, Model, NomineeDetails, NoticeParty, Outcome, Status,
};
use crate::store::agreements::{AgreementFacts, NewAgreement};
use crate::store::{Backend, Result, StoreError, Writes};

mod agencies;

const FIRST: &[&str] = &[
    "James",
    "Maria",
    "Robert",
    "Linda",
    "Michael",
    "Patricia",
    "David",
    "Jennifer",
    "William",
    "Elizabeth",
    "Carlos",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Daniel",
    "Karen",
    "Matthew",
    "Nancy",
    "Anthony",
    "Lisa",
    "Mark",
    "Betty",
    "Steven",
    "Angela",
    "Paul",
    "Ashley",
    "Andrew",
    "Kimberly",
];

const LAST: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
];

/// What a demo fill made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoSummary {
    /// Agencies created.
    pub agencies: usize,
    /// Agreements created.
    pub agreements: usize,
    /// Nominees created.
    pub nominees: usize,
    /// Decisions recorded.
    pub decisions: usize,
    /// Complaints recorded.
    pub complaints: usize,
}

/// Fills the store with `agencies` agencies drawn from the `national` list (all of it when it
/// holds fewer) and synthetic requests, agreements, nominees and decisions from `seed`, as of
/// `today`, in one transaction; the agencies are then linked to the national list by its rules
/// (when the store holds it). Refused on a database that already holds agencies, so demo data
/// never mixes with real records.
pub fn fill(
    store: &mut impl Backend,
    national: &NationalList,
    agencies: usize,
    seed: u64,
    today: NaiveDate,
) -> Result<DemoSummary> {
    if store.counts()?.0 > 0 {
        return Err(StoreError::Conflict(format!(
            "{} already holds agencies; demo data goes only into an empty database (use another --data-dir)",
            store.location()
        )));
    }
    let mut rng = Rng::with_seed(seed);
    // Complaints and notices draw from their own sequence, so that adding them left every
    // other figure of a seed as it was.
    let mut oversight_rng = Rng::with_seed(seed ^ 0x0c0f_fee0);
    let catalogue = crate::domain::Catalogue::shipped();
    let mut summary = DemoSummary::default();
    let drawn = agencies::draw(national, agencies, &mut rng);
    store.write(|w| {
        let mut taken = std::collections::HashSet::new();
        for row in drawn {
            let mut details = agencies::details_of(row, &mut taken);
            fill_in(&mut rng, &mut details);
            let kind = details.kind;
            // No agency nominates more officers than half the sworn officers it has.
            let most_nominees = row
                .sworn_officers
                .map_or(6, |sworn| (sworn as usize / 2).clamp(1, 6));
            let agency_id = w.create_agency(&details)?;
            summary.agencies += 1;
            let models: Vec<Model> = match rng.u8(0..100) {
                0..=29 => vec![Model::Tfm],
                30..=44 => vec![Model::Jem],
                45..=54 => vec![Model::Wso],
                55..=79 => vec![Model::Tfm, Model::Wso],
                80..=94 => vec![Model::Jem, Model::Tfm],
                _ => vec![Model::Jem, Model::Tfm, Model::Wso],
            };
            for model in models {
                let component = if rng.u8(0..100) == 0 { Component::Cbp } else { Component::Ice };
                let requested = today - Days::new(rng.u64(20..3000));
                let id = w.create_agreement(&NewAgreement {
                    agency_id,
                    model,
                    component,
                    status: Status::Requested,
                    on: requested,
                    requested_on: (rng.u8(0..100) > 4).then_some(requested),
                    signed_on: None,
                    note: Some("demo data".into()),
                })?;
                summary.agreements += 1;
                let target = status(&mut rng);
                let review = requested + Days::new(rng.u64(3..40));
                // A step that would fall after today has not happened yet: the agreement
                // stays where it is, rather than every late step piling up on today.
                if target == Status::Requested || review > today {
                    continue;
                }
                w.change_status(id, Status::UnderReview, review, None)?;
                if target == Status::UnderReview {
                    continue;
                }
                let pending = review + Days::new(rng.u64(5..90));
                if pending > today {
                    continue;
                }
                w.change_status(id, Status::Pending, pending, None)?;
                let decided = pending + Days::new(rng.u64(10..200));
                if matches!(target, Status::Pending | Status::UnderReview) || decided > today {
                    add_nominees(w, &mut rng, (id, model, most_nominees), None, today, &mut summary)?;
                    continue;
                }
                if matches!(target, Status::Declined | Status::Withdrawn) {
                    let outcome = if target == Status::Declined { Outcome::Declined } else { Outcome::Withdrawn };
                    w.record_decision(&decision(id, component, outcome, decided, None, &mut rng))?;
                    summary.decisions += 1;
                    continue;
                }
                add_nominees(w, &mut rng, (id, model, most_nominees), Some(decided), today, &mut summary)?;
                let justification = "Accepted pending completion of officer screening; conditions in the MOA cover letter";
                let accepted = w
                    .record_decision(&decision(id, component, Outcome::Accepted, decided, None, &mut rng))
                    .or_else(|_| {
                        w.record_decision(&decision(id, component, Outcome::Accepted, decided, Some(justification), &mut rng))
                    })?;
                summary.decisions += 1;
                let _ = accepted;
                // Acceptance is not signing: the agreement goes active when both parties sign.
                let agency_signed = (decided + Days::new(rng.u64(1..20))).min(today);
                let ice_signed = (agency_signed + Days::new(rng.u64(0..15))).min(today);
                let signer = |title: &str, rng: &mut Rng, on| Signature {
                    name: format!("{} {}", FIRST[rng.usize(0..FIRST.len())], LAST[rng.usize(0..LAST.len())]),
                    title: title.into(),
                    on,
                };
                let head = if kind == AgencyKind::Municipality { "Chief of Police" } else { "Sheriff" };
                let signing = MoaSigning {
                    agency: Some(signer(head, &mut rng, agency_signed)),
                    component: Some(signer("Acting Director", &mut rng, ice_signed)),
                    template_year: Some(if ice_signed.year() >= 2025 { 2025 } else { 2020 }),
                    addenda: None,
                };
                w.record_signing(id, &signing, today)?;
                w.fill_agreement_facts(
                    id,
                    &AgreementFacts { moa: Some(crate::domain::MoaPosting::Posted), ..Default::default() },
                )?;
                for req in ["agency.isa", "agency.data_reporting", "agency.complaint_procedure", "agency.systems_access"] {
                    if catalogue.get(req).is_some_and(|r| r.applies_to(model)) && rng.u8(0..100) < 80 {
                        w.attest(id, &Attestation { requirement_id: req.into(), met: rng.u8(0..100) < 95, on: decided, note: None, recorded_by: None })?;
                    }
                }
                let mut meeting = decided + Days::new(rng.u64(200..400));
                while meeting < today && rng.u8(0..100) < 85 {
                    w.record_meeting(id, meeting, None)?;
                    meeting = meeting + Days::new(rng.u64(250..420));
                }
                if target == Status::Active {
                    summary.complaints += add_oversight(w, &mut oversight_rng, id, decided, today)?;
                }
                let end = (decided + Days::new(rng.u64(30..900))).min(today);
                match target {
                    Status::Suspended | Status::Terminated => {
                        let outcome = if target == Status::Suspended { Outcome::Suspended } else { Outcome::Terminated };
                        w.record_decision(&decision(id, component, outcome, end, None, &mut rng))?;
                        summary.decisions += 1;
                    }
                    Status::Delisted => w.change_status(id, Status::Delisted, end, Some("absent from ICE's list"))?,
                    _ => {}
                }
            }
        }
        w.link_pending()?;
        Ok(())
    })?;
    Ok(summary)
}

/// The demo's own part of an agency drawn from the national list: whether it runs a jail and
/// whom to call.
fn fill_in(rng: &mut Rng, details: &mut AgencyDetails) {
    let jails = matches!(details.kind, AgencyKind::County) || details.name.contains("Corrections");
    details.has_jail = match rng.u8(0..100) {
        0..=7 => None,
        8..=13 => Some(!jails),
        _ => Some(jails),
    };
    details.contact = Some(format!(
        "{} {}",
        FIRST[rng.usize(0..FIRST.len())],
        LAST[rng.usize(0..LAST.len())]
    ));
}

/// Complaints (some open, some late to ICE) and, rarely, a notice of termination for an active
/// agreement, so the calendar has every kind of deadline. Returns the complaints added.
fn add_oversight(
    w: &mut impl Writes,
    rng: &mut Rng,
    agreement: AgreementId,
    active_since: NaiveDate,
    today: NaiveDate,
) -> Result<usize> {
    let mut added = 0;
    let days_active = (today - active_since).num_days().max(1) as u64;
    while rng.u8(0..100) < 12 && added < 3 {
        let received = today - Days::new(rng.u64(0..days_active.min(400)));
        let told = (rng.u8(0..100) < 85).then(|| (received + Days::new(rng.u64(0..4))).min(today));
        let resolved = (today - received).num_days() > 20 && rng.u8(0..100) < 75;
        let resolved_on = resolved.then(|| (received + Days::new(rng.u64(10..120))).min(today));
        w.record_complaint(
            agreement,
            &ComplaintDetails {
                received_on: Some(received),
                summary: COMPLAINTS[rng.usize(0..COMPLAINTS.len())].into(),
                ice_told_on: told,
                resolved_on,
                resolution: resolved_on
                    .map(|_| "Reviewed with the Field Office; no violation found".into()),
                results_reported_on: resolved_on
                    .filter(|_| rng.u8(0..100) < 80)
                    .map(|r| (r + Days::new(rng.u64(1..40))).min(today)),
            },
        )?;
        added += 1;
    }
    if rng.u8(0..100) < 2 {
        let given_on = today - Days::new(rng.u64(0..120));
        let by = if rng.bool() {
            NoticeParty::Agency
        } else {
            NoticeParty::Component
        };
        w.give_termination_notice(agreement, given_on, by, Some("demo data"))?;
    }
    Ok(added)
}

/// What demo complaints are about.
const COMPLAINTS: [&str; 4] = [
    "Detainee says no interpreter was offered at booking",
    "Family was not told where a detainee was transferred",
    "Complaint poster missing from the processing area",
    "Officer questioned a witness about immigration status",
];

fn status(rng: &mut Rng) -> Status {
    match rng.u8(0..100) {
        0..=59 => Status::Active,
        60..=69 => Status::Pending,
        70..=74 => Status::Requested,
        75..=80 => Status::UnderReview,
        81..=83 => Status::Declined,
        84..=85 => Status::Withdrawn,
        86..=87 => Status::Suspended,
        88..=91 => Status::Terminated,
        _ => Status::Delisted,
    }
}

fn decision(
    agreement_id: AgreementId,
    component: Component,
    outcome: Outcome,
    decided_on: NaiveDate,
    justification: Option<&str>,
    rng: &mut Rng,
) -> DecisionDraft {
    let official = [
        "ERO Executive Associate Director",
        "ERO Assistant Director, 287(g) Program",
        "Deputy Director, ICE",
        "Acting Director, ICE",
    ][rng.usize(0..4)];
    DecisionDraft {
        agreement_id,
        component,
        outcome,
        decided_on,
        official: format!(
            "{} {}, {official}",
            FIRST[rng.usize(0..FIRST.len())],
            LAST[rng.usize(0..LAST.len())]
        ),
        grounds: Some(format!("{outcome} after review of the agency's request")),
        override_justification: justification.map(str::to_string),
        // ICE's notice states the suspension's length.
        suspended_until: (outcome == Outcome::Suspended)
            .then(|| decided_on + Days::new(rng.u64(30..180))),
    }
}

/// Nominees for an agreement: trained and mostly certified when `trained_by` is given (the day
/// the agency's services were accepted), else still in screening.
fn add_nominees(
    w: &mut impl Writes,
    rng: &mut Rng,
    (agreement, model, most): (AgreementId, Model, usize),
    trained_by: Option<NaiveDate>,
    today: NaiveDate,
    summary: &mut DemoSummary,
) -> Result<()> {
    let (trained, since) = (trained_by.is_some(), trained_by.unwrap_or(today));
    let count = match model {
        Model::Tfm => rng.usize(1..7),
        Model::Jem => rng.usize(1..5),
        Model::Wso => rng.usize(1..4),
    };
    let count = count.min(most.max(1));
    for _ in 0..count {
        let certified =
            (trained && rng.u8(0..100) < 85).then(|| since + Days::new(rng.u64(20..120)));
        let details = NomineeDetails {
            name: format!(
                "{} {}",
                FIRST[rng.usize(0..FIRST.len())],
                LAST[rng.usize(0..LAST.len())]
            ),
            us_citizen: match rng.u8(0..100) {
                0 => Some(false),
                1..=4 => None,
                _ => Some(true),
            },
            years_experience: (rng.u8(0..100) > 5).then(|| rng.u8(0..25) as f32 + 0.5),
            background: match rng.u8(0..100) {
                0..=2 => Background::Failed,
                3..=9 => Background::Pending,
                10..=12 => Background::NotStarted,
                _ => Background::Passed,
            },
            background_on: Some(since),
            pending_discipline: match rng.u8(0..100) {
                0..=1 => Some(true),
                2..=6 => None,
                _ => Some(false),
            },
            clearance_eligible: match rng.u8(0..100) {
                0..=2 => Some(false),
                3..=8 => None,
                _ => Some(true),
            },
            course: trained.then(|| format!("{} basic course", model.short())),
            training_completed: certified.map(|c| c - Days::new(7)),
            exam_scores: if trained {
                vec![rng.u8(55..100)]
            } else {
                vec![]
            },
            certified_on: certified,
            authorization_expires: None,
            last_refresher: certified
                .and_then(|c| (rng.u8(0..100) < 60).then(|| c + Days::new(rng.u64(200..500)))),
            credentials_issued_on: certified.filter(|_| model != Model::Tfm && rng.u8(0..100) < 90),
            ..NomineeDetails::default()
        };
        // Officers who keep up with training take a refresher each cycle and have their
        // authorization renewed with it; the others show as overdue on the calendar.
        let keeps_up = details.last_refresher;
        let cycle = Days::new(if model == Model::Jem { 700 } else { 330 });
        let mut details = details;
        if let Some(mut r) = keeps_up {
            while r + cycle < today {
                r = r + cycle;
            }
            details.last_refresher = Some(r.min(today));
        }
        // A Task Force authorization runs two years from its date; renewed with the
        // refreshers for those who keep up.
        details.authorized_on = certified.filter(|_| model == Model::Tfm).map(|c| {
            let mut on = c;
            while keeps_up.is_some() && on + Days::new(730) < today {
                on = on + Days::new(730);
            }
            on
        });
        w.add_nominee(agreement, &details)?;
        summary.nominees += 1;
    }
    Ok(())
}
