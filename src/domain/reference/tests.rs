//! The matching rules of [`link`](super::link) and [`NationalList::search`], each on a small
//! hand-made list written as the FBI writes its rows.

use super::*;
use crate::domain::agency::AgencyKind;

fn st(code: &str) -> State {
    State::parse(code).unwrap()
}

fn row(ori: &str, name: &str, county: &str, kind: ReferenceKind) -> ReferenceAgency {
    let state = st(&ori[..2]);
    ReferenceAgency {
        ori: Ori::parse(ori, state).unwrap(),
        name: name.to_string(),
        state,
        county: (!county.is_empty()).then(|| county.to_string()),
        kind,
        population: None,
        sworn_officers: None,
        civilians: None,
        data_year: 2025,
    }
}

use ReferenceKind::{City, County, OtherStateAgency, StatePolice, UniversityOrCollege};

fn list(rows: Vec<ReferenceAgency>) -> NationalList {
    NationalList::new(rows).unwrap()
}

/// Links an agency of `state` named `name`, of ICE's type `kind`, in `county`.
fn go(
    list: &NationalList,
    state: &str,
    name: &str,
    kind: AgencyKind,
    county: Option<&str>,
) -> Linking {
    link(
        &AgencyToLink {
            state: st(state),
            name,
            kind,
            county,
        },
        list,
    )
}

fn linked(result: &Linking) -> (&str, LinkHow) {
    match result {
        Linking::Linked { ori, how } => (ori.as_str(), *how),
        Linking::Review { reason, .. } => panic!("not linked: {reason}"),
    }
}

fn review(result: &Linking) -> (&str, Vec<&str>) {
    match result {
        Linking::Review { reason, candidates } => {
            assert!(!reason.trim().is_empty());
            assert!(
                candidates.windows(2).all(|w| w[0].score >= w[1].score),
                "{candidates:?}"
            );
            assert!(candidates.iter().all(|c| !c.why.trim().is_empty()));
            (
                reason.as_str(),
                candidates.iter().map(|c| c.ori.as_str()).collect(),
            )
        }
        Linking::Linked { ori, .. } => panic!("linked to {ori}, expected a review"),
    }
}

/// Alabama around Colbert County, with a city and a county both named Jackson in Mississippi and
/// Kansas.
fn sample() -> NationalList {
    list(vec![
        row("AL0170000", "Colbert", "COLBERT", County),
        row("AL0170100", "Muscle Shoals", "COLBERT", City),
        row("AL0170200", "Sheffield", "COLBERT", City),
        row("AL0170300", "Tuscumbia", "COLBERT", City),
        row("AL0040000", "Cherokee", "CHEROKEE", County),
        row("AL0170400", "Cherokee", "COLBERT", City),
        row("AK0010100", "Anchorage", "ANCHORAGE", City),
        row("MS0300000", "Jackson", "JACKSON", County),
        row("MS0250100", "Jackson", "HINDS", City),
        row("KS0430000", "Jackson", "JACKSON", County),
    ])
}

#[test]
fn a_sheriffs_office_is_its_countys_row() {
    let l = sample();
    let r = go(
        &l,
        "AL",
        "Colbert County Sheriff's Office",
        AgencyKind::County,
        Some("Colbert County"),
    );
    assert_eq!(linked(&r), ("AL0170000", LinkHow::Exact));
}

#[test]
fn a_police_department_is_its_citys_row() {
    let l = sample();
    let r = go(
        &l,
        "AK",
        "Anchorage Police Department",
        AgencyKind::Municipality,
        None,
    );
    assert_eq!(linked(&r), ("AK0010100", LinkHow::Exact));
    // "Department of Public Safety" is a city's police too.
    let r = go(
        &l,
        "AL",
        "Sheffield Department of Public Safety",
        AgencyKind::Municipality,
        None,
    );
    assert_eq!(linked(&r), ("AL0170200", LinkHow::Exact));
}

#[test]
fn a_city_and_a_county_of_one_name_the_police_department_is_the_city_the_sheriff_the_county() {
    let l = sample();
    let pd = go(
        &l,
        "MS",
        "Jackson Police Department",
        AgencyKind::Municipality,
        None,
    );
    assert_eq!(linked(&pd), ("MS0250100", LinkHow::Exact));
    let so = go(
        &l,
        "MS",
        "Jackson County Sheriff's Office",
        AgencyKind::County,
        None,
    );
    assert_eq!(linked(&so), ("MS0300000", LinkHow::Exact));
    // ICE's TYPE column calling the police department "County" does not make it the sheriff:
    // its name says what it is.
    let typed_county = go(
        &l,
        "AL",
        "Cherokee Police Department",
        AgencyKind::County,
        Some("Colbert County"),
    );
    assert_eq!(linked(&typed_county), ("AL0170400", LinkHow::Exact));
}

#[test]
fn two_jackson_county_sheriffs_offices_in_two_states_the_state_decides() {
    let l = sample();
    let ms = go(
        &l,
        "MS",
        "Jackson County Sheriff's Office",
        AgencyKind::County,
        Some("Jackson County"),
    );
    let ks = go(
        &l,
        "KS",
        "Jackson County Sheriff’s Office",
        AgencyKind::County,
        Some("Jackson County"),
    );
    assert_eq!(linked(&ms).0, "MS0300000");
    assert_eq!(linked(&ks).0, "KS0430000");
}

#[test]
fn universities_airports_and_ports_are_found_by_their_full_names() {
    let l = list(vec![
        row(
            "FL0010600",
            "University of Florida",
            "ALACHUA",
            UniversityOrCollege,
        ),
        row("FL0010800", "Alachua", "ALACHUA", City),
        row(
            "FL0051800",
            "Melbourne International Airport",
            "BREVARD",
            ReferenceKind::Other,
        ),
        row("FL0050300", "Melbourne", "BREVARD", City),
        row(
            "FL0360400",
            "Lee County Port Authority",
            "LEE",
            ReferenceKind::Other,
        ),
        row("FL0360000", "Lee", "LEE", County),
        row(
            "FL0481400",
            "University of Central Florida",
            "ORANGE",
            UniversityOrCollege,
        ),
    ]);
    let uf = go(
        &l,
        "FL",
        "University of Florida Police Department",
        AgencyKind::StateAgency,
        None,
    );
    assert_eq!(linked(&uf), ("FL0010600", LinkHow::Exact));
    let airport = go(
        &l,
        "FL",
        "Melbourne International Airport Police Department",
        AgencyKind::Municipality,
        None,
    );
    assert_eq!(linked(&airport), ("FL0051800", LinkHow::Exact));
    let port = go(
        &l,
        "FL",
        "Lee County Port Authority Police",
        AgencyKind::County,
        Some("Lee County"),
    );
    assert_eq!(linked(&port), ("FL0360400", LinkHow::Exact));
    // A university's board of trustees signs for the university's police.
    let ucf = go(
        &l,
        "FL",
        "University of Central Florida Board of Trustees",
        AgencyKind::StateAgency,
        None,
    );
    assert_eq!(linked(&ucf), ("FL0481400", LinkHow::Exact));
}

fn three_franklins() -> NationalList {
    list(vec![
        row("PA0280000", "Franklin", "FRANKLIN", County),
        row("PA0100100", "Franklin Township", "BEAVER", City),
        row("PA0610100", "Franklin", "VENANGO", City),
        row("PA0110200", "Franklin", "CAMBRIA", City),
        row("PA0330300", "Franklin", "JEFFERSON, INDIANA", City),
    ])
}

#[test]
fn several_cities_of_one_name_icess_county_picks_one() {
    let l = three_franklins();
    let r = go(
        &l,
        "PA",
        "Franklin Police Department",
        AgencyKind::Municipality,
        Some("Venango County"),
    );
    assert_eq!(linked(&r), ("PA0610100", LinkHow::NameCounty));
    // A city in several counties: any of them picks it.
    let r = go(
        &l,
        "PA",
        "Franklin Police Department",
        AgencyKind::Municipality,
        Some("Indiana County"),
    );
    assert_eq!(linked(&r), ("PA0330300", LinkHow::NameCounty));
}

#[test]
fn several_of_one_name_and_no_county_go_to_review_with_them_ranked() {
    let l = three_franklins();
    let r = go(
        &l,
        "PA",
        "Franklin Police Department",
        AgencyKind::Municipality,
        None,
    );
    let (reason, candidates) = review(&r);
    assert!(
        reason.contains("3 agencies of type City named Franklin in PA")
            && reason.contains("no county"),
        "{reason}"
    );
    assert_eq!(candidates[..3], ["PA0110200", "PA0330300", "PA0610100"]);
    // A county none of them is in: still review, the same three first.
    let r = go(
        &l,
        "PA",
        "Franklin Police Department",
        AgencyKind::Municipality,
        Some("Erie County"),
    );
    let (reason, candidates) = review(&r);
    assert!(reason.contains("none in Erie county"), "{reason}");
    assert_eq!(
        candidates.len(),
        5,
        "the three, then the county and the township"
    );
    assert_eq!(candidates[..3], ["PA0110200", "PA0330300", "PA0610100"]);
}

#[test]
fn the_only_row_of_the_name_in_another_county_than_ices_goes_to_review() {
    let l = list(vec![
        row("AR0460100", "Texarkana", "MILLER", City),
        row("AR0460000", "Miller", "MILLER", County),
    ]);
    let r = go(
        &l,
        "AR",
        "Texarkana Police Department",
        AgencyKind::Municipality,
        Some("Bowie County"),
    );
    let (reason, candidates) = review(&r);
    assert!(
        reason.contains("MILLER") && reason.contains("Bowie"),
        "{reason}"
    );
    assert_eq!(candidates[0], "AR0460100");
}

fn michigan() -> NationalList {
    list(vec![
        row("MI1111100", "Berrien", "BERRIEN", County),
        row("MI1300000", "Barry", "BARRY", County),
        row("MI1100100", "Benton Harbor", "BERRIEN", City),
        row("MI0800000", "Van Buren", "VAN BUREN", County),
    ])
}

#[test]
fn a_name_a_letter_off_is_linked_when_it_is_the_only_one_so_close_and_in_icess_county() {
    let l = michigan();
    let r = go(
        &l,
        "MI",
        "Berrian County Sheriff's Office",
        AgencyKind::County,
        Some("Berrian County"),
    );
    assert_eq!(linked(&r), ("MI1111100", LinkHow::NameCounty));
    // A slip in the role words too.
    let l = list(vec![
        row("FL0010800", "Alachua", "ALACHUA", City),
        row("FL0010000", "Alachua", "ALACHUA", County),
    ]);
    let r = go(
        &l,
        "FL",
        "Alachua Police Departent",
        AgencyKind::County,
        Some("Alachua County"),
    );
    assert_eq!(linked(&r), ("FL0010800", LinkHow::Exact));
}

#[test]
fn a_name_a_letter_off_without_a_county_to_confirm_it_goes_to_review() {
    let l = michigan();
    let r = go(
        &l,
        "MI",
        "Berrian County Sheriff's Office",
        AgencyKind::County,
        None,
    );
    let (reason, candidates) = review(&r);
    assert!(reason.contains("close in spelling"), "{reason}");
    assert_eq!(candidates[0], "MI1111100");
    // Nor when ICE's county is another.
    let r = go(
        &l,
        "MI",
        "Berrian County Sheriff's Office",
        AgencyKind::County,
        Some("Van Buren County"),
    );
    let (reason, _) = review(&r);
    assert!(reason.contains("not in Van Buren county"), "{reason}");
}

#[test]
fn no_agency_like_it_goes_to_review_with_no_candidate_and_says_so() {
    let l = sample();
    let r = go(
        &l,
        "AL",
        "Alabama National Guard",
        AgencyKind::StateAgency,
        None,
    );
    let (reason, candidates) = review(&r);
    assert!(candidates.is_empty());
    assert!(
        reason.contains("No agency named Alabama National Guard in AL"),
        "{reason}"
    );
    // A state with no row at all.
    let r = go(
        &l,
        "WY",
        "Laramie County Sheriff's Office",
        AgencyKind::County,
        None,
    );
    assert!(review(&r).1.is_empty());
}

#[test]
fn curly_and_straight_apostrophes_and_sheriffs_without_one_are_the_same() {
    let l = sample();
    for name in [
        "Colbert County Sheriff’s Office",
        "Colbert County Sheriff's Office",
        "Colbert County Sheriffs Office",
        "colbert  county SHERIFF'S department",
    ] {
        let r = go(&l, "AL", name, AgencyKind::County, Some("Colbert County"));
        assert_eq!(linked(&r).0, "AL0170000", "{name}");
    }
}

#[test]
fn saint_and_st_and_a_hyphen_or_not_are_the_same() {
    let l = list(vec![
        row("MN0730200", "St. Cloud", "STEARNS", City),
        row("FL0130000", "Miami-Dade", "MIAMI-DADE", County),
        row("LA0490000", "St. Landry", "ST LANDRY", County),
    ]);
    let r = go(
        &l,
        "MN",
        "Saint Cloud Police Department",
        AgencyKind::Municipality,
        None,
    );
    assert_eq!(linked(&r).0, "MN0730200");
    let r = go(
        &l,
        "FL",
        "Miami Dade Sheriff's Office",
        AgencyKind::County,
        Some("Miami-Dade County"),
    );
    assert_eq!(linked(&r).0, "FL0130000");
    let r = go(
        &l,
        "LA",
        "Saint Landry Parish Sheriff's Office",
        AgencyKind::County,
        Some("St. Landry Parish"),
    );
    assert_eq!(linked(&r).0, "LA0490000");
}

#[test]
fn a_village_or_borough_the_fbi_names_otherwise_is_still_the_city() {
    let l = list(vec![
        row("NY0322300", "Camden Village", "ONEIDA", City),
        row("PA0360700", "Manheim", "LANCASTER", City),
        row("PA0360800", "Manheim Township", "LANCASTER", City),
    ]);
    let r = go(
        &l,
        "NY",
        "Camden Police Department",
        AgencyKind::Municipality,
        None,
    );
    assert_eq!(linked(&r).0, "NY0322300");
    let r = go(
        &l,
        "PA",
        "Manheim Borough Police Department",
        AgencyKind::Municipality,
        None,
    );
    assert_eq!(linked(&r).0, "PA0360700", "the borough, not the township");
}

fn florida_state() -> NationalList {
    list(vec![
        row(
            "FL0133000",
            "Department of Law Enforcement:",
            "MIAMI-DADE",
            OtherStateAgency,
        ),
        row(
            "FL0370400",
            "Department of Law Enforcement:",
            "LEON",
            OtherStateAgency,
        ),
        row(
            "FL0481100",
            "Department of Law Enforcement:",
            "ORANGE",
            OtherStateAgency,
        ),
        row("FL0379000", "Highway Patrol:", "LEON", StatePolice),
        row(
            "FL0373800",
            "Florida Gaming Control Commission",
            "",
            OtherStateAgency,
        ),
        row(
            "MOMHP0000",
            "Missouri State Highway Patrol",
            "",
            StatePolice,
        ),
        row(
            "OKOBI0000",
            "State Bureau of Investigation",
            "",
            OtherStateAgency,
        ),
        row("OK0550000", "Oklahoma Highway Patrol", "", StatePolice),
    ])
}

#[test]
fn a_state_agency_with_one_row_is_linked_by_its_words() {
    let l = florida_state();
    let r = go(
        &l,
        "FL",
        "Florida Gaming Control Commission",
        AgencyKind::StateAgency,
        None,
    );
    assert_eq!(linked(&r).0, "FL0373800");
    let r = go(
        &l,
        "MO",
        "Missouri Highway Patrol",
        AgencyKind::StateAgency,
        None,
    );
    assert_eq!(linked(&r).0, "MOMHP0000");
    let r = go(
        &l,
        "OK",
        "Oklahoma Bureau of Investigation",
        AgencyKind::StateAgency,
        None,
    );
    assert_eq!(linked(&r).0, "OKOBI0000");
}

#[test]
fn a_state_agency_the_fbi_lists_unit_by_unit_goes_to_review_with_its_units() {
    let l = florida_state();
    let r = go(
        &l,
        "FL",
        "Florida Department of Law Enforcement",
        AgencyKind::StateAgency,
        Some("Leon County"),
    );
    let (reason, candidates) = review(&r);
    assert!(reason.contains("3 units"), "{reason}");
    assert!(reason.contains("headquarters"), "{reason}");
    assert_eq!(candidates.len(), 3);
    assert_eq!(candidates[0], "FL0370400", "the unit in ICE's county first");
}

#[test]
fn a_county_police_department_found_only_as_the_bare_county_goes_to_review() {
    let l = list(vec![
        row("NY0290000", "Nassau", "NASSAU", County),
        row("GA0670000", "Gwinnett", "GWINNETT", County),
        row(
            "GA0670200",
            "Gwinnett County Police Department",
            "GWINNETT",
            County,
        ),
    ]);
    let r = go(
        &l,
        "GA",
        "Gwinnett County Police Department",
        AgencyKind::County,
        Some("Gwinnett County"),
    );
    assert_eq!(linked(&r).0, "GA0670200");
    let r = go(
        &l,
        "GA",
        "Gwinnett County Sheriff's Office",
        AgencyKind::County,
        Some("Gwinnett County"),
    );
    assert_eq!(linked(&r).0, "GA0670000");
    let r = go(
        &l,
        "NY",
        "Nassau County Police Department",
        AgencyKind::County,
        Some("Nassau County"),
    );
    let (reason, candidates) = review(&r);
    assert!(reason.contains("sheriff"), "{reason}");
    assert_eq!(candidates, ["NY0290000"]);
}

#[test]
fn a_constable_where_the_fbi_lists_none_goes_to_review_saying_so() {
    let l = list(vec![row(
        "PA0221500",
        "Derry Township, Dauphin County",
        "DAUPHIN",
        City,
    )]);
    let r = go(
        &l,
        "PA",
        "Derry Township Constable's Office",
        AgencyKind::Municipality,
        None,
    );
    let (reason, candidates) = review(&r);
    assert!(reason.contains("constable"), "{reason}");
    assert!(candidates.is_empty());
    // The township's police is the row before the comma.
    let r = go(
        &l,
        "PA",
        "Derry Township Police Department",
        AgencyKind::Municipality,
        Some("Dauphin County"),
    );
    assert_eq!(linked(&r).0, "PA0221500");
}

#[test]
fn the_full_name_where_the_fbi_writes_it_whole() {
    let l = list(vec![
        row(
            "FL0160000",
            "Jacksonville Sheriff's Office",
            "DUVAL",
            County,
        ),
        row("FL0160200", "Jacksonville", "DUVAL", City),
    ]);
    let r = go(
        &l,
        "FL",
        "Jacksonville Sheriff's Office",
        AgencyKind::County,
        Some("Duval County"),
    );
    assert_eq!(linked(&r), ("FL0160000", LinkHow::Exact));
}

#[test]
fn candidates_are_at_most_eight() {
    let rows: Vec<ReferenceAgency> = (0..20)
        .map(|i| {
            row(
                &format!("TX{:07}", 100 + i),
                "Fire Marshal's Office:",
                "HARRIS",
                ReferenceKind::Other,
            )
        })
        .collect();
    let l = list(rows);
    let r = go(&l, "TX", "Fire Marshal's Office", AgencyKind::Other, None);
    let (_, candidates) = review(&r);
    assert_eq!(candidates.len(), 8);
}

#[test]
fn search_finds_by_ori_prefix_then_by_name_words_within_the_state() {
    let l = sample();
    let al = st("AL");
    let by_ori: Vec<&str> = l
        .search(al, "AL017", 10)
        .iter()
        .map(|r| r.ori.as_str())
        .collect();
    assert_eq!(
        by_ori,
        [
            "AL0170000",
            "AL0170100",
            "AL0170200",
            "AL0170300",
            "AL0170400"
        ]
    );
    assert_eq!(l.search(al, "al0170200", 10)[0].name, "Sheffield");

    let first = |q: &str| {
        l.search(al, q, 10)
            .first()
            .map(|r| r.ori.as_str().to_string())
    };
    assert_eq!(
        first("Colbert County Sheriff").as_deref(),
        Some("AL0170000")
    );
    assert_eq!(first("colbert").as_deref(), Some("AL0170000"));
    assert_eq!(first("musc").as_deref(), Some("AL0170100"));
    assert_eq!(first("muscle shoals police").as_deref(), Some("AL0170100"));
    // The role words rank the kind they name first.
    assert_eq!(
        first("Cherokee County Sheriff").as_deref(),
        Some("AL0040000")
    );
    assert_eq!(
        first("Cherokee Police Department").as_deref(),
        Some("AL0170400")
    );
    // Within the state only, and nothing for nothing.
    assert!(l.search(st("MS"), "colbert", 10).is_empty());
    assert!(l.search(al, "  ", 10).is_empty());
    assert!(l.search(al, "zzz", 10).is_empty());
    assert_eq!(l.search(al, "AL", 2).len(), 2, "the limit");
}

#[test]
fn a_bare_name_of_a_city_and_a_county_is_read_in_icess_type() {
    let l = sample();
    let r = go(
        &l,
        "MS",
        "Jackson",
        AgencyKind::Municipality,
        Some("Hinds County"),
    );
    assert_eq!(linked(&r), ("MS0250100", LinkHow::Exact));
    // The city is in Hinds County: ICE's Jackson County contradicts it.
    let r = go(
        &l,
        "MS",
        "Jackson",
        AgencyKind::Municipality,
        Some("Jackson County"),
    );
    assert!(review(&r).0.contains("HINDS"));
    let r = go(&l, "MS", "Jackson", AgencyKind::County, None);
    assert_eq!(linked(&r), ("MS0300000", LinkHow::Exact));
}

#[test]
fn a_county_is_written_as_ices_lists_write_it() {
    let named = |ori: &str, county: &str| row(ori, "X", county, County).county_as_ice_writes_it();
    assert_eq!(
        named("AL0200000", "COLBERT").as_deref(),
        Some("Colbert County")
    );
    assert_eq!(
        named("LA0290000", "LAFOURCHE").as_deref(),
        Some("Lafourche Parish")
    );
    assert_eq!(
        named("VA1000000", "BRISTOL CITY").as_deref(),
        Some("Bristol City")
    );
    assert_eq!(
        named("FL0130000", "MIAMI-DADE").as_deref(),
        Some("Miami-Dade County")
    );
    // A city in several counties: the first, the one its police are in.
    assert_eq!(
        named("GA0600100", "FULTON, DEKALB").as_deref(),
        Some("Fulton County")
    );
    assert_eq!(
        row("AK0010100", "Anchorage", "ANCHORAGE", City)
            .county_as_ice_writes_it()
            .as_deref(),
        Some("Anchorage")
    );
}
