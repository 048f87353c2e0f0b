//! Linking ICE's real participating list of 18 July 2025 to the FBI's real national list:
//! how many of its distinct agencies are linked automatically, that those links are right (a
//! table of hand-checked expectations), and that every other one says why.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::common::fixture;
use g287::domain::agency::identity_key;
use g287::domain::reference::{AgencyToLink, LinkHow, Linking, NationalList, link};
use g287::domain::{AgencyKind, State};
use g287::import::national::read_national_list;
use g287::import::read_list;

const FBI: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/national-agencies-fbi-lee.csv"
);

fn national() -> NationalList {
    let bytes = std::fs::read(FBI).unwrap();
    read_national_list(&bytes, "national-agencies-fbi-lee.csv")
        .unwrap()
        .list
}

/// One distinct agency of the list: (state, name, kind, county) of its first row.
struct Ice {
    state: State,
    name: String,
    kind: AgencyKind,
    county: Option<String>,
}

/// The distinct agencies of ICE's July list, by (state, identity key), in file order. A row
/// without a `TYPE` would be linked as `Other` (its name's role words still decide); the July
/// list has none.
fn july_agencies() -> Vec<Ice> {
    let today = NaiveDate::from_ymd_opt(2025, 7, 20).unwrap();
    let list = read_list(
        &fixture("participatingAgencies07182025pm.xlsx"),
        None,
        None,
        today,
    )
    .unwrap();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for row in list.rows {
        if seen.insert((row.state, identity_key(&row.agency))) {
            out.push(Ice {
                state: row.state,
                kind: row.kind.unwrap_or(AgencyKind::Other),
                name: row.agency,
                county: row.county,
            });
        }
    }
    out
}

fn link_one(ice: &Ice, list: &NationalList) -> Linking {
    link(
        &AgencyToLink {
            state: ice.state,
            name: &ice.name,
            kind: ice.kind,
            county: ice.county.as_deref(),
        },
        list,
    )
}

#[test]
fn the_fbis_file_is_read_whole_but_for_its_federal_rows() {
    let bytes = std::fs::read(FBI).unwrap();
    let reading = read_national_list(&bytes, "national-agencies-fbi-lee.csv").unwrap();
    // 18,330 rows: 57 federal agencies (state code FS) are no state's and are skipped, each
    // with a problem; Nebraska (NB) and Guam (GM) are read into NE and GU.
    assert_eq!(reading.list.len(), 18_273);
    assert_eq!(reading.problems.len(), 57, "{:#?}", &reading.problems[..3]);
    assert!(
        reading
            .problems
            .iter()
            .all(|p| p.column == "state_abbr" && p.value == "FS" && p.skipped)
    );
    assert_eq!(
        reading.list.in_state(State::parse("NE").unwrap()).len(),
        192
    );
}

#[test]
fn ices_july_list_is_linked_and_every_other_agency_says_why() {
    let list = national();
    let agencies = july_agencies();
    assert_eq!(agencies.len(), 685);
    let started = std::time::Instant::now();
    let results: Vec<Linking> = agencies.iter().map(|a| link_one(a, &list)).collect();
    let elapsed = started.elapsed();

    let mut by_how: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unlinked: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (ice, result) in agencies.iter().zip(&results) {
        match result {
            Linking::Linked { ori, how } => {
                assert_ne!(*how, LinkHow::Confirmed);
                assert!(ori.as_str().starts_with(ice.state.code()) || ice.state.code() == "NE");
                *by_how.entry(how.code()).or_default() += 1;
            }
            Linking::Review { reason, candidates } => {
                assert!(!reason.trim().is_empty(), "{}: no reason", ice.name);
                assert!(candidates.len() <= 8);
                for c in candidates {
                    let row = list
                        .by_ori(&c.ori)
                        .expect("a candidate is a row of the list");
                    assert_eq!(
                        row.state, ice.state,
                        "{}: candidate of another state",
                        ice.name
                    );
                    assert!(!c.why.trim().is_empty());
                }
                assert!(
                    candidates.windows(2).all(|w| w[0].score >= w[1].score),
                    "{}: candidates not best first",
                    ice.name
                );
                unlinked.entry(kind_of(ice)).or_default().push(format!(
                    "{} {} ({}): {} [{} candidate{}]",
                    ice.state,
                    ice.name,
                    ice.kind,
                    reason,
                    candidates.len(),
                    if candidates.len() == 1 { "" } else { "s" }
                ));
            }
        }
    }
    let linked: usize = by_how.values().sum();
    eprintln!(
        "Linked {linked} of {} distinct agencies ({:.1} %) in {elapsed:?}: {by_how:?}",
        agencies.len(),
        100.0 * linked as f64 / agencies.len() as f64
    );
    for (kind, names) in &unlinked {
        eprintln!("\n{kind} ({}):", names.len());
        for n in names {
            eprintln!("- {n}");
        }
    }
}

/// A rough kind, for the printed list of agencies left to review.
fn kind_of(ice: &Ice) -> String {
    let name = ice.name.to_lowercase();
    if name.contains("constab") {
        "Constables".into()
    } else if name.contains("universit") || name.contains("college") {
        "Universities and colleges".into()
    } else if ice.kind == AgencyKind::StateAgency {
        "State agencies".into()
    } else if name.contains("sheriff") {
        "Sheriffs".into()
    } else if name.contains("police") || name.contains("public safety") {
        "Police departments".into()
    } else {
        "Jails, corrections and other county agencies".into()
    }
}
