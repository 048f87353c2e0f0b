//! The demo's agencies, drawn from the national list of law enforcement agencies: real names in
//! their real states, counties and types, written as ICE's lists write them ("Colbert County
//! Sheriff's Office" for the FBI's "Colbert", type County), so that screenshots and benchmarks
//! look like the real registry. Which ones, and everything done with them, is synthetic.

use fastrand::Rng;
use std::collections::HashSet;

use crate::domain::agency::identity_key;
use crate::domain::reference::{NationalList, ReferenceAgency, ReferenceKind};
use crate::domain::{AgencyDetails, AgencyKind, State};

/// The states with most agreements on ICE's lists, drawn from more often.
const BUSY_STATES: [&str; 6] = ["FL", "TX", "GA", "NC", "AL", "LA"];

/// How much more often a kind of agency is drawn than a city's police: sheriffs are most of
/// ICE's partners.
fn weight(row: &ReferenceAgency) -> f64 {
    let kind = match row.kind {
        ReferenceKind::County => 6.0,
        ReferenceKind::City => 1.5,
        ReferenceKind::StatePolice | ReferenceKind::OtherStateAgency => 0.4,
        ReferenceKind::UniversityOrCollege => 0.3,
        _ => 0.1,
    };
    let state = if BUSY_STATES.contains(&row.state.code()) {
        4.0
    } else {
        1.0
    };
    // Larger agencies take part more often than a village's two officers.
    let size = (2.0 + f64::from(row.sworn_officers.unwrap_or(0))).ln();
    kind * state * size
}

/// `count` agencies of `list` (all of it when it holds fewer), drawn by weight without
/// putting any back, in the order drawn. The same seed draws the same ones.
pub(super) fn draw<'a>(
    list: &'a NationalList,
    count: usize,
    rng: &mut Rng,
) -> Vec<&'a ReferenceAgency> {
    // Weighted sampling without replacement (Efraimidis and Spirakis): each row's key is
    // u^(1/w) for a uniform u, and the largest keys win.
    let mut keyed: Vec<(f64, &ReferenceAgency)> = list
        .agencies()
        .iter()
        .map(|row| (rng.f64().powf(1.0 / weight(row)), row))
        .collect();
    keyed.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.ori.cmp(&b.1.ori)));
    keyed.truncate(count);
    keyed.into_iter().map(|(_, row)| row).collect()
}

/// The FBI's name without the colon it puts after a unit's agency ("Highway Patrol:").
fn bare(name: &str) -> &str {
    name.trim().trim_end_matches(':').trim()
}

/// The agency's name and type as ICE's lists would write them.
fn ice_name(row: &ReferenceAgency) -> (String, AgencyKind) {
    let name = bare(&row.name);
    let says_what = [
        "Police",
        "Sheriff",
        "Department",
        "Marshal",
        "Office",
        "Authority",
    ]
    .iter()
    .any(|w| name.contains(w));
    match row.kind {
        ReferenceKind::County if says_what => (name.to_string(), AgencyKind::County),
        ReferenceKind::County if row.state.code() == "LA" => (
            format!("{name} Parish Sheriff's Office"),
            AgencyKind::County,
        ),
        ReferenceKind::County => (
            format!("{name} County Sheriff's Office"),
            AgencyKind::County,
        ),
        ReferenceKind::City if says_what => (name.to_string(), AgencyKind::Municipality),
        ReferenceKind::City => (
            format!("{name} Police Department"),
            AgencyKind::Municipality,
        ),
        ReferenceKind::UniversityOrCollege => {
            (format!("{name} Police Department"), AgencyKind::StateAgency)
        }
        // "Alaska State Troopers" already says its state; "Highway Patrol" does not.
        ReferenceKind::StatePolice | ReferenceKind::OtherStateAgency
            if name.starts_with(&state_title(row.state)) =>
        {
            (name.to_string(), AgencyKind::StateAgency)
        }
        ReferenceKind::StatePolice | ReferenceKind::OtherStateAgency => (
            format!("{} {name}", state_title(row.state)),
            AgencyKind::StateAgency,
        ),
        ReferenceKind::Tribal if !says_what => {
            (format!("{name} Police Department"), AgencyKind::Other)
        }
        _ => (name.to_string(), AgencyKind::Other),
    }
}

fn state_title(state: State) -> String {
    state.title()
}

/// The details of a demo agency drawn from `row`: its name as ICE writes it (with its county
/// when another drawn agency of the state already has that name, as for the troops of a
/// state's patrol), type and county; the ORI is left for the linking rules to find.
pub(super) fn details_of(
    row: &ReferenceAgency,
    taken: &mut HashSet<(State, String)>,
) -> AgencyDetails {
    let (mut name, kind) = ice_name(row);
    let county = row.county_as_ice_writes_it();
    if !taken.insert((row.state, identity_key(&name))) {
        name = match &county {
            Some(c) => format!("{name} ({c})"),
            None => format!("{name} ({})", row.ori),
        };
        if !taken.insert((row.state, identity_key(&name))) {
            name = format!("{name} {}", row.ori);
            taken.insert((row.state, identity_key(&name)));
        }
    }
    AgencyDetails {
        state: row.state,
        name,
        kind,
        county,
        ori: None,
        has_jail: None,
        contact: None,
    }
}
