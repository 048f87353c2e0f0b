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
                if std::env::var_os("G287_LINKING_ALL").is_some() {
                    let row = list.by_ori(ori).unwrap();
                    eprintln!(
                        "LINK {} | {} | {} | {} => {} {} [{}]",
                        ice.state,
                        ice.name,
                        ice.kind,
                        ice.county.as_deref().unwrap_or("-"),
                        ori,
                        row.described(),
                        how.code()
                    );
                }
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
                if std::env::var_os("G287_LINKING_ALL").is_some() {
                    for c in candidates {
                        eprintln!("    {} {} {}: {}", ice.name, c.score, c.ori, c.why);
                    }
                }
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
    // The issue asks for 97 % (665 of 685). The rules that are certain reach 611 (89.2 %): the
    // rest are agencies the FBI's list does not hold (constables, jails, corrections, National
    // Guards, several state departments), state agencies it lists unit by unit, and a few where
    // ICE's county contradicts the only match or no county confirms a close spelling. This is
    // the honest floor; a change that lowers it must say why.
    assert!(
        linked >= 611,
        "{linked} linked, fewer than the 611 of the rules as reviewed"
    );
}

/// Hand-checked expectations on the July list: (state, ICE's name as written, the ORI it must be
/// linked to or `None` for review, why). Each ORI was looked up in the FBI's CSV by hand.
const EXPECTED: &[(&str, &str, Option<&str>, &str)] = &[
    // Sheriffs: the County row of the county's bare name.
    (
        "AL",
        "Colbert County Sheriff's Office",
        Some("AL0200000"),
        "Colbert, County, COLBERT",
    ),
    (
        "AL",
        "Cherokee County Sheriff's Office",
        Some("AL0130000"),
        "Cherokee, County, CHEROKEE",
    ),
    (
        "AL",
        "Franklin County Sheriff's Office",
        Some("AL0330000"),
        "Franklin, County, FRANKLIN; one of six Franklin County sheriffs ICE lists, the state decides",
    ),
    (
        "FL",
        "Franklin County Sheriff's Office",
        Some("FL0190000"),
        "Franklin, County, FRANKLIN in FL",
    ),
    (
        "TX",
        "Franklin County Sheriff's Office",
        Some("TX0800000"),
        "Franklin, County, FRANKLIN in TX",
    ),
    (
        "KS",
        "Jackson County Sheriff’s Office",
        Some("KS0430000"),
        "Jackson, County, JACKSON in KS; curly apostrophe",
    ),
    (
        "MI",
        "Jackson County Sheriff's Office",
        Some("MI3813800"),
        "Jackson, County (not the City Jackson MI3849700)",
    ),
    (
        "TX",
        "Jackson County Sheriff's Office",
        Some("TX1200000"),
        "Jackson, County, JACKSON in TX",
    ),
    (
        "FL",
        "Jackson County Sheriff's Office",
        Some("FL0320000"),
        "Jackson, County, JACKSON in FL",
    ),
    (
        "TX",
        "Walker County Sheriff’s Department",
        Some("TX2360000"),
        "Walker, County; 'Sheriff’s Department' with a curly apostrophe",
    ),
    (
        "PA",
        "Franklin County Sheriffs Office",
        Some("PA0280000"),
        "Franklin, County; 'Sheriffs' without apostrophe",
    ),
    (
        "LA",
        "Beauregard Parish Sheriff's Office",
        Some("LA0060000"),
        "Beauregard, County; a parish is LA's county",
    ),
    (
        "MT",
        "Flathead County Sheriff's Department",
        Some("MT0150000"),
        "Flathead, County",
    ),
    (
        "FL",
        "Miami Dade Sheriff's Office",
        Some("FL0130000"),
        "Miami-Dade, County: the hyphen is spelling",
    ),
    (
        "FL",
        "Jacksonville Sheriff's Office",
        Some("FL0160000"),
        "the FBI writes the full name, type County, DUVAL",
    ),
    (
        "MD",
        "St. Mary's County Sheriff's Office",
        Some("MD0190000"),
        "St. Mary's, County",
    ),
    (
        "FL",
        "St. Johns County Sheriff's Office",
        Some("FL0550000"),
        "St. Johns, County",
    ),
    (
        "NH",
        "Hillsborough County Sheriff's Office",
        Some("NH0060000"),
        "Hillsborough, County in NH (FL has one too)",
    ),
    (
        "FL",
        "Hillsborough County Sheriff's Office",
        Some("FL0290000"),
        "Hillsborough, County in FL",
    ),
    (
        "NE",
        "Dakota County Sheriff's Office",
        Some("NB0220000"),
        "Dakota, County; Nebraska's ORIs begin NB",
    ),
    // Misspelt names: the only County row within two letters, in ICE's county.
    (
        "MI",
        "Berrian County Sheriff's Office",
        Some("MI1111100"),
        "Berrien, County, BERRIEN: one letter off, the only such county in MI",
    ),
    (
        "TX",
        "Lampass County Sheriff's Office",
        Some("TX1410000"),
        "Lampasas, County, LAMPASAS: one letter short, the only such county in TX",
    ),
    // Sheriffs that stay for review.
    (
        "GA",
        "Morgan County Sheriff's Office",
        None,
        "the FBI's list has no Morgan County row in GA (only the city of Madison in MORGAN)",
    ),
    (
        "TN",
        "Madison County Sheriff's Office",
        None,
        "ICE gives Macon County; the FBI's Madison is in MADISON, and Macon is another county (TN0560000)",
    ),
    (
        "VA",
        "Hopewell County Sheriff's Office",
        None,
        "Hopewell is an independent city; the FBI has only its police (VA1130000, City)",
    ),
    // City police departments: the City row.
    (
        "FL",
        "St. Petersburg Police Department",
        Some("FL0521400"),
        "St. Petersburg, City",
    ),
    (
        "FL",
        "St. Cloud Police Department",
        Some("FL0490100"),
        "St. Cloud, City, OSCEOLA",
    ),
    (
        "FL",
        "Tallahassee Police Department",
        Some("FL0370300"),
        "Tallahassee, City",
    ),
    (
        "FL",
        "Hialeah Police Department",
        Some("FL0130400"),
        "Hialeah, City",
    ),
    (
        "FL",
        "Okeechobee Police Department",
        Some("FL0470100"),
        "Okeechobee, City, not the County row FL0470000, though ICE's TYPE says County",
    ),
    (
        "FL",
        "Neptune Beach Police Department",
        Some("FL0160400"),
        "Neptune Beach, City, DUVAL; ICE's TYPE says County",
    ),
    (
        "FL",
        "Alachua Police Departent",
        Some("FL0010800"),
        "Alachua, City (not the County FL0010000): 'Departent' is a slip",
    ),
    (
        "FL",
        "Boca Raton Police Services Department",
        Some("FL0500200"),
        "Boca Raton, City",
    ),
    (
        "FL",
        "Indian Creek Village Department of Public Safety",
        Some("FL0132500"),
        "Indian Creek Village, City",
    ),
    (
        "NV",
        "Las Vegas Metropolitan Police Department",
        Some("NV0020100"),
        "the FBI writes the full name, City, CLARK",
    ),
    (
        "NY",
        "Camden Police Department",
        Some("NY0322300"),
        "Camden Village, City: the only Camden in NY",
    ),
    (
        "PA",
        "Manheim Borough Police Department",
        Some("PA0360700"),
        "Manheim, City (the borough), not Manheim Township PA0360800",
    ),
    (
        "PA",
        "Robinson Township Police Department",
        Some("PA0024000"),
        "'Robinson Township, Allegheny County', City, ALLEGHENY (ICE writes Alleghany)",
    ),
    (
        "AR",
        "Texarkana Police Department",
        None,
        "ICE gives Bowie County (Texas); the FBI's Texarkana AR is in MILLER",
    ),
    (
        "GA",
        "Monroe Police Department",
        None,
        "ICE gives Monroe County; the FBI's city of Monroe is in WALTON",
    ),
    (
        "NH",
        "Pittsburgh Police Department",
        None,
        "the FBI has Pittsburg (COOS), one letter off, but ICE gives no county to confirm it",
    ),
    (
        "NY",
        "Nassau County Police Department",
        None,
        "the FBI's only Nassau row is the bare County row, which may be the sheriff's",
    ),
    // Universities, airports, ports: the full name.
    (
        "FL",
        "University of Florida Police Department",
        Some("FL0010600"),
        "University of Florida, University or College",
    ),
    (
        "FL",
        "University of Central Florida Board of Trustees",
        Some("FL0481400"),
        "University of Central Florida: its trustees sign for its police",
    ),
    (
        "FL",
        "Florida International University Police Department",
        Some("FL0133100"),
        "Florida International University",
    ),
    (
        "FL",
        "Tallahassee State College Police Department",
        None,
        "the FBI still lists it as Tallahassee Community College",
    ),
    (
        "FL",
        "Lee County Port Authority Police",
        Some("FL0360400"),
        "Lee County Port Authority, Other",
    ),
    (
        "FL",
        "Melbourne International Airport Police Department",
        Some("FL0051800"),
        "Melbourne International Airport, Other (not the City of Melbourne)",
    ),
    (
        "MI",
        "Metro Police Authority of Genesee County",
        Some("MI2565000"),
        "the FBI writes the full name, City",
    ),
    (
        "OK",
        "Okmulgee County Criminal Justice Authority",
        Some("OK056013C"),
        "the FBI writes the full name, Other",
    ),
    // State agencies.
    (
        "MO",
        "Missouri Highway Patrol",
        Some("MOMHP0000"),
        "Missouri State Highway Patrol, State Police, the only one",
    ),
    (
        "OK",
        "Oklahoma Bureau of Investigation",
        Some("OKOBI0000"),
        "State Bureau of Investigation, Other State Agency",
    ),
    (
        "VA",
        "Virginia Department of State Police",
        Some("VAVSP0000"),
        "State Police, State Police",
    ),
    (
        "IA",
        "Iowa Department of Public Safety",
        Some("IADPS0000"),
        "Iowa Department of Public Safety, State Police",
    ),
    (
        "TN",
        "Tennessee Department of Corrections",
        Some("TN019410X"),
        "'Department of Correction,', TN's only such row",
    ),
    (
        "FL",
        "Florida Department of Law Enforcement",
        None,
        "seven units 'Department of Law Enforcement:', none the headquarters",
    ),
    (
        "FL",
        "Florida Department of Highway Safety and Motor Vehicles, Division of Highway Patrol",
        None,
        "the FBI lists the patrol as units 'Highway Patrol:'",
    ),
    ("TX", "Texas National Guard", None, "not in the FBI's list"),
    // Neither police nor sheriff.
    (
        "PA",
        "Derry Township Constable's Office",
        None,
        "the FBI lists no constable in PA; Derry Township's police is another agency",
    ),
    (
        "FL",
        "Orange County Corrections Department",
        None,
        "the FBI lists no county corrections department; Orange (FL0480000) is the sheriff",
    ),
];

#[test]
fn hand_checked_agencies_of_the_july_list_are_linked_as_expected() {
    let list = national();
    let agencies = july_agencies();
    let mut wrong = Vec::new();
    for (state, name, expected, why) in EXPECTED {
        let state = State::parse(state).unwrap();
        let ice = agencies
            .iter()
            .find(|a| a.state == state && identity_key(&a.name) == identity_key(name))
            .unwrap_or_else(|| panic!("{state} {name} is not on the July list"));
        let got = match link_one(ice, &list) {
            Linking::Linked { ori, .. } => Some(ori.as_str().to_string()),
            Linking::Review { .. } => None,
        };
        if got.as_deref() != *expected {
            wrong.push(format!(
                "{state} {name}: got {got:?}, expected {expected:?} ({why})"
            ));
        }
    }
    assert!(EXPECTED.len() >= 50);
    assert!(wrong.is_empty(), "{wrong:#?}");
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
