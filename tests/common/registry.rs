//! A small registry whose dashboard figures are known by hand, dated relative to today so the
//! figures that count to today (waits going on, meetings in the last year, refreshers due)
//! stay the same whichever day the tests run.
//!
//! | agency | agreement | history (days before today) | officers | meetings |
//! |---|---|---|---|---|
//! | Harris County Sheriff's Office, TX | TFM ICE | requested 400, under review 380, pending 350, accepted and signed by both parties 300 | 1 certified, authorized 280 days ago | 60 days ago |
//! | Dallas Police Department, TX | TFM ICE | requested 200, pending 150 (no review), active 110 (signed) | 1 certified 90 days ago and authorized 800 days ago (expired), 1 not | none |
//! | Polk County Sheriff's Office, FL | WSO ICE | requested 800, under review 790, pending 765, accepted with an override (one citizenship unconfirmed) and signed 705 | 2 certified 650 days ago | 500 days ago |
//! | Polk County Sheriff's Office, FL | JEM ICE | requested 30 | | |
//! | Mobile Police Department, AL | TFM ICE | requested 120, under review 100, pending 40 | | |
//! | Texas National Guard, TX | TFM CBP | requested 500, declined 450 | | |
//!
//! So, with `since` a year back: now 3 active (+2), 1 requested (+1), 1 pending (+1), 0 under
//! review (-1), 1 declined (0). Waits that ended: requested 10, 20, 20, 50, 50 (median 20,
//! longest 50); under review 25, 30, 60 (median 30, longest 60); pending 40, 50, 60 (median 50,
//! longest 60); request to active 90, 95, 100 (median 95). Waiting now: requested 1 (30 days),
//! pending 1 (40 days). Compliance: 1 of 3 active agreements meets every requirement (Harris);
//! Polk fails one (its last meeting with the Field Office Director is over a year old), Dallas
//! one (Ben Cole's authorization ended two years after its date); 4 of 5 officers
//! certified; 1 authorization expired (Dallas); yearly meeting overdue: 1 WSO (Polk), none
//! unrecorded (the Task Force MOA has no such meeting). Active: TX 2, FL 1.

use chrono::{Days, NaiveDate};
use g287::domain::agreement::{MoaSigning, Signature};
use g287::domain::{
    AgencyDetails, AgencyId, AgencyKind, AgreementId, Attestation, Background, Component,
    DecisionDraft, Model, NomineeDetails, Outcome, State, Status,
};
use g287::store::agreements::{AgreementFacts, NewAgreement};
use g287::store::{Store, Writer, today};

/// The override text of Polk County's WSO acceptance.
pub const OVERRIDE: &str =
    "Accepted while the background investigations finish; conditions in the MOA cover letter";

/// The ids the tests need.
#[derive(Debug, Clone, Copy)]
pub struct Known {
    /// Harris County Sheriff's Office (TX).
    pub harris: AgencyId,
    /// Polk County Sheriff's Office (FL), with the override.
    pub polk: AgencyId,
}

/// `n` days before today.
pub fn ago(n: u64) -> NaiveDate {
    today() - Days::new(n)
}

/// The `since` date the figures above are computed for: a year back, as the dashboard opens.
pub fn since() -> NaiveDate {
    today().checked_sub_months(chrono::Months::new(12)).unwrap()
}

fn agency(w: &mut Writer<'_>, state: &str, name: &str, kind: AgencyKind) -> AgencyId {
    w.create_agency(&AgencyDetails {
        state: State::parse(state).unwrap(),
        name: name.into(),
        kind,
        county: None,
        ori: None,
        has_jail: Some(kind == AgencyKind::County),
        contact: None,
    })
    .unwrap()
}

/// A requested agreement, moved through `steps` (status, days ago) by status changes.
fn agreement(
    w: &mut Writer<'_>,
    agency: AgencyId,
    model: Model,
    component: Component,
    requested: u64,
    steps: &[(Status, u64)],
) -> AgreementId {
    let id = w
        .create_agreement(&NewAgreement {
            agency_id: agency,
            model,
            component,
            status: Status::Requested,
            on: ago(requested),
            requested_on: Some(ago(requested)),
            signed_on: None,
            note: None,
        })
        .unwrap();
    for (status, days) in steps {
        w.change_status(id, *status, ago(*days), None).unwrap();
    }
    id
}

fn officer(name: &str, f: impl FnOnce(&mut NomineeDetails)) -> NomineeDetails {
    let mut d = NomineeDetails {
        name: name.into(),
        us_citizen: Some(true),
        years_experience: Some(6.0),
        background: Background::Passed,
        background_on: Some(ago(420)),
        pending_discipline: Some(false),
        clearance_eligible: Some(true),
        exam_scores: vec![90],
        ..NomineeDetails::default()
    };
    f(&mut d);
    d
}

fn decide(
    w: &mut Writer<'_>,
    agreement: AgreementId,
    component: Component,
    outcome: Outcome,
    days: u64,
    override_justification: Option<&str>,
) {
    w.record_decision(&DecisionDraft {
        agreement_id: agreement,
        component,
        outcome,
        decided_on: ago(days),
        official: "R. Jones, ERO Assistant Director".into(),
        grounds: Some(format!("{outcome} after review of the request")),
        override_justification: override_justification.map(str::to_string),
        suspended_until: None,
    })
    .unwrap();
}

/// Both parties sign the MOA `days` ago: an accepted agreement becomes active that day.
fn sign(w: &mut Writer<'_>, agreement: AgreementId, days: u64) {
    let signer = |name: &str, title: &str| Signature {
        name: name.into(),
        title: title.into(),
        on: ago(days),
    };
    w.record_signing(
        agreement,
        &MoaSigning {
            agency: Some(signer("Pat Quinn", "Sheriff")),
            component: Some(signer("Todd M. Lyons", "Acting Director")),
            template_year: Some(2025),
            addenda: None,
        },
        today(),
    )
    .unwrap();
}

fn signed(w: &mut Writer<'_>, agreement: AgreementId, days: u64) {
    w.fill_agreement_facts(
        agreement,
        &AgreementFacts {
            signed_on: Some(ago(days)),
            ..AgreementFacts::default()
        },
    )
    .unwrap();
}

/// Writes the registry of the table above into an empty store.
pub fn fill(store: &mut Store) -> Known {
    store
        .write(|w| {
            let harris = agency(
                w,
                "TX",
                "Harris County Sheriff's Office",
                AgencyKind::County,
            );
            let tfm = agreement(
                w,
                harris,
                Model::Tfm,
                Component::Ice,
                400,
                &[(Status::UnderReview, 380), (Status::Pending, 350)],
            );
            w.add_nominee(
                tfm,
                &officer("Ana Ruiz", |d| {
                    d.course = Some("TFM basic course".into());
                    d.training_completed = Some(ago(285));
                    d.certified_on = Some(ago(280));
                    d.authorized_on = Some(ago(280));
                    d.last_refresher = Some(ago(30));
                }),
            )?;
            decide(w, tfm, Component::Ice, Outcome::Accepted, 300, None);
            sign(w, tfm, 300);
            for requirement in [
                "agency.isa",
                "agency.data_reporting",
                "agency.systems_access",
            ] {
                w.attest(
                    tfm,
                    &Attestation {
                        requirement_id: requirement.into(),
                        met: true,
                        on: ago(290),
                        note: Some("seen on the site visit".into()),
                        recorded_by: None,
                    },
                )?;
            }
            w.record_meeting(tfm, ago(60), Some("yearly review"))?;

            let dallas = agency(
                w,
                "TX",
                "Dallas Police Department",
                AgencyKind::Municipality,
            );
            let tfm = agreement(
                w,
                dallas,
                Model::Tfm,
                Component::Ice,
                200,
                &[(Status::Pending, 150), (Status::Active, 110)],
            );
            signed(w, tfm, 110);
            w.add_nominee(
                tfm,
                &officer("Ben Cole", |d| {
                    d.certified_on = Some(ago(90));
                    d.authorized_on = Some(ago(800));
                }),
            )?;
            w.add_nominee(tfm, &officer("Cy Diaz", |_| {}))?;

            let polk = agency(w, "FL", "Polk County Sheriff's Office", AgencyKind::County);
            let wso = agreement(
                w,
                polk,
                Model::Wso,
                Component::Ice,
                800,
                &[(Status::UnderReview, 790), (Status::Pending, 765)],
            );
            for (name, citizen) in [("Dee Evans", Some(true)), ("Eli Fox", None)] {
                w.add_nominee(
                    wso,
                    &officer(name, |d| {
                        d.background = Background::Pending;
                        d.us_citizen = citizen;
                        d.certified_on = Some(ago(650));
                        d.credentials_issued_on = Some(ago(640));
                    }),
                )?;
            }
            decide(
                w,
                wso,
                Component::Ice,
                Outcome::Accepted,
                705,
                Some(OVERRIDE),
            );
            sign(w, wso, 705);
            w.record_meeting(wso, ago(500), Some("first review"))?;
            w.attest(
                wso,
                &Attestation {
                    requirement_id: "agency.complaint_procedure".into(),
                    met: true,
                    on: ago(700),
                    note: Some("posters in English and Spanish at booking".into()),
                    recorded_by: None,
                },
            )?;
            agreement(w, polk, Model::Jem, Component::Ice, 30, &[]);

            let mobile = agency(
                w,
                "AL",
                "Mobile Police Department",
                AgencyKind::Municipality,
            );
            agreement(
                w,
                mobile,
                Model::Tfm,
                Component::Ice,
                120,
                &[(Status::UnderReview, 100), (Status::Pending, 40)],
            );

            let guard = agency(w, "TX", "Texas National Guard", AgencyKind::StateAgency);
            let cbp = agreement(w, guard, Model::Tfm, Component::Cbp, 500, &[]);
            decide(w, cbp, Component::Cbp, Outcome::Declined, 450, None);
            Ok(Known { harris, polk })
        })
        .unwrap()
}
