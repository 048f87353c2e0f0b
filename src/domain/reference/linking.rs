//! [`link`]: the one row of the national list an agency is, or why it cannot be said.
//!
//! The rules, tried in order; the first that finds any agency decides, and a rule that finds
//! several, or a single one that contradicts what ICE says, sends the agency to review:
//!
//! 1. **The full name.** The FBI sometimes writes an agency's full name ("Jacksonville Sheriff's
//!    Office", "Las Vegas Metropolitan Police Department", "Lee County Port Authority").
//! 2. **The name without its role words**, in the kind those words name: "Colbert County
//!    Sheriff's Office" is the County row "Colbert"; "Anchorage Police Department" (or
//!    "... Department of Public Safety") the City row "Anchorage", else a university, airport or
//!    port of that full name ("University of Florida Police Department"); a university's
//!    "Board of Trustees" its university. The name's role words decide the kind, not ICE's
//!    `TYPE` column, which calls some city police departments "County"; without role words,
//!    ICE's type decides (County: a County row; Municipality: a City row).
//! 3. **A state agency by its words**: the state's name and the words "Department", "of",
//!    "the", "State", "Office", "Division", "and" set aside, the same words in the same order as
//!    one state-level row ("Missouri Highway Patrol" and "Missouri State Highway Patrol";
//!    "Oklahoma Bureau of Investigation" and "State Bureau of Investigation"), a long word
//!    allowed a slip of one letter ("Corrections" for Tennessee's "Department of Correction").
//! 4. **A slip of the pen**: no row has the name, but exactly one row of the kind (County for a
//!    sheriff, City for a police department) in the whole state is within two letters of it
//!    (names of six letters or more), and ICE's county is that row's county (a county of six
//!    letters or more also allowing a slip of two): "Berrian County Sheriff's Office", county
//!    "Berrian County", is the County row "Berrien", county BERRIEN. Without a county from ICE,
//!    or with another, the close row is only a candidate.
//!
//! ICE's county, when given, must not contradict a single City or County row found (a city in
//! several counties is in each): "Texarkana Police Department" with Bowie County (Texas) is not
//! the Texarkana of Miller County, Arkansas, linked on its name alone.
//!
//! A rule that finds several rows: ICE's county picks one ([`LinkHow::NameCounty`]), else
//! review with them as candidates. Units of one state agency ("Department of Law
//! Enforcement:" in seven counties) are never picked by county: ICE's agreement is with the
//! agency as a whole, and no unit is marked as its headquarters. A "County Police Department"
//! found only as the bare County row (which the FBI gives the sheriff when a county has both,
//! "Gwinnett" beside "Gwinnett County Police Department") goes to review.
//!
//! Pure and deterministic; it reads only the agency's state, and normalises a row's name only
//! when its first letter or its kind could match.

use super::names::{
    county_words, fbi_counties, fold_into, holds, same_county, same_word, within, words,
};
use super::{
    AgencyToLink, Candidate, LinkHow, Linking, NationalList, ReferenceAgency, ReferenceKind,
};
use crate::domain::agency::AgencyKind;

/// At most this many candidates are offered for review.
const MAX_CANDIDATES: usize = 8;

/// What a name's last words say an agency is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Sheriff,
    Police,
    Trustees,
    Constable,
    Unsaid,
}

const SHERIFF: &[&[&str]] = &[
    &["sheriffs", "office"],
    &["sheriff", "office"],
    &["sheriffs", "department"],
    &["sheriff", "department"],
    &["sheriffs"],
    &["sheriff"],
];

const POLICE: &[&[&str]] = &[
    &["police", "services", "department"],
    &["police", "department"],
    &["department", "of", "public", "safety"],
    &["public", "safety", "department"],
    &["public", "safety"],
    &["police"],
];

const TRUSTEES: &[&[&str]] = &[&["board", "of", "trustees"]];

/// Words that say what an agency is, not which: set aside when comparing state agencies.
const STATE_FILLER: &[&str] = &[
    "department",
    "of",
    "the",
    "state",
    "office",
    "division",
    "and",
];

/// Words too common to make two names alike when ranking candidates.
const COMMON: &[&str] = &[
    "county",
    "parish",
    "city",
    "town",
    "village",
    "sheriffs",
    "sheriff",
    "office",
    "police",
    "department",
    "of",
    "the",
    "and",
    "state",
    "division",
    "public",
    "safety",
    "services",
    "board",
    "commissioners",
    "authority",
    "center",
    "facility",
    "general",
    "generals",
];

const STATE_LEVEL: &[ReferenceKind] = &[
    ReferenceKind::StatePolice,
    ReferenceKind::OtherStateAgency,
    ReferenceKind::UniversityOrCollege,
    ReferenceKind::Other,
];

const NOT_CITY: &[ReferenceKind] = &[
    ReferenceKind::UniversityOrCollege,
    ReferenceKind::Other,
    ReferenceKind::OtherStateAgency,
    ReferenceKind::StatePolice,
    ReferenceKind::Tribal,
];

/// One way of reading ICE's name.
#[derive(Debug)]
struct Reading {
    /// The words a row's name must have (for [`Compare::Content`], its content words).
    key: Vec<String>,
    /// The kinds the row may be.
    kinds: &'static [ReferenceKind],
    compare: Compare,
    /// The name as the coordinator reads it in a reason.
    shown: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compare {
    /// The row's name, or its part before a comma ("Derry Township, Dauphin County").
    Name,
    /// The name of a County row, read as a county police department (see the module's notes).
    CountyPolice,
    /// The content words of a state-level row's name.
    Content,
    /// A City row's name, less a trailing "Village", "Borough" or "Town" on either side: the
    /// FBI writes "Camden Village" (NY) where ICE writes "Camden Police Department", and
    /// "Manheim" (PA) where ICE writes "Manheim Borough Police Department". ("Township" is
    /// never set aside: "Manheim" and "Manheim Township" are two agencies.)
    Municipal,
}

/// Links `agency` to its row of the national list, or says why it cannot (see the module's
/// rules). Never returns [`LinkHow::Confirmed`]: only a coordinator confirms.
pub fn link(agency: &AgencyToLink<'_>, list: &NationalList) -> Linking {
    let rows = list.in_state(agency.state);
    let full = words(agency.name);
    let state_words = words(agency.state.name());
    let county = agency
        .county
        .map(|c| county_words(c).join(" "))
        .filter(|c| !c.is_empty() && c != "na" && c != "n a");
    let (role, core) = split_role(&full);

    if role == Role::Constable && !rows.iter().any(|r| holds(&r.name, "constable")) {
        return Linking::Review {
            reason: format!(
                "ICE names a constable; the FBI's list holds no constable in {}, so no row can \
                 be this agency",
                agency.state
            ),
            candidates: Vec::new(),
        };
    }

    let readings = readings(agency, &full, role, &core, &state_words);
    for reading in &readings {
        let found: Vec<&ReferenceAgency> = rows
            .iter()
            .filter(|r| reading.kinds.contains(&r.kind) && matches(reading, r, &state_words))
            .collect();
        if !found.is_empty() {
            return decide(
                agency,
                county.as_deref(),
                reading,
                found,
                rows,
                &state_words,
            );
        }
    }

    // A slip of the pen: the only close row of its kind, in ICE's county.
    let mut close: Vec<Candidate> = Vec::new();
    let mut close_but_elsewhere = false;
    for reading in readings.iter().filter(|r| r.compare == Compare::Name) {
        if reading.kinds.len() > 2 {
            // The full name read as any kind, or as a university or port: too loose for a slip.
            continue;
        }
        let key = reading.key.join(" ");
        if key.chars().count() < 6 {
            continue;
        }
        let mut folded = String::new();
        let mut near: Vec<(usize, &ReferenceAgency)> = rows
            .iter()
            .filter(|r| reading.kinds.contains(&r.kind))
            .filter_map(|r| {
                fold_into(&r.name, &mut folded);
                within(&key, &folded, 2).map(|d| (d, r))
            })
            .collect();
        near.sort_by(|a, b| (a.0, &a.1.ori).cmp(&(b.0, &b.1.ori)));
        if let [(_, row)] = near.as_slice()
            && let Some(county) = county.as_deref()
        {
            if in_county(row, county) {
                return Linking::Linked {
                    ori: row.ori.clone(),
                    how: LinkHow::NameCounty,
                };
            }
            close_but_elsewhere = true;
        }
        for (d, row) in near.into_iter().filter(|(d, _)| *d <= 2) {
            if close.iter().any(|c| c.ori == row.ori) {
                continue;
            }
            close.push(Candidate {
                ori: row.ori.clone(),
                score: 900 - 100 * d as u32,
                why: format!(
                    "name {d} letter{} off ({}), {}",
                    if d == 1 { "" } else { "s" },
                    row.described(),
                    county_note(row, county.as_deref())
                ),
            });
        }
    }

    let primary = readings
        .iter()
        .find(|r| r.compare == Compare::Name && r.kinds.len() <= 2);
    let (shown, kind) = primary.map_or_else(
        || (agency.name.trim().to_string(), String::new()),
        |r| {
            // A police department was also looked for among universities, airports and ports.
            let kind = match (r.kinds, role) {
                ([_], Role::Police) | ([_, _, ..], _) => String::new(),
                ([k], _) => format!(" of type {k}"),
                ([], _) => String::new(),
            };
            (r.shown.clone(), kind)
        },
    );
    if !close.is_empty() {
        let why_not = match county.as_deref() {
            None => "ICE gives no county to confirm it".to_string(),
            Some(c) if close_but_elsewhere => {
                format!("it is not in {} county as ICE says", cap(c))
            }
            Some(_) => "several are that close".to_string(),
        };
        let how_many = if close.len() == 1 {
            "one is".to_string()
        } else {
            format!("{} are", close.len())
        };
        let mut candidates = close;
        add_similar(
            &mut candidates,
            agency,
            &full,
            county.as_deref(),
            rows,
            &state_words,
        );
        return Linking::Review {
            reason: format!(
                "No agency{kind} named {shown} in {} in the FBI's list; {how_many} close in \
                 spelling, but {why_not}",
                agency.state,
            ),
            candidates,
        };
    }

    let mut candidates = Vec::new();
    add_similar(
        &mut candidates,
        agency,
        &full,
        county.as_deref(),
        rows,
        &state_words,
    );
    let reason = if candidates.is_empty() {
        format!(
            "No agency{kind} named {shown} in {} in the FBI's list, nor one with a word of its \
             name",
            agency.state
        )
    } else {
        format!(
            "No agency{kind} named {shown} in {} in the FBI's list; the candidates share words \
             of its name",
            agency.state
        )
    };
    Linking::Review { reason, candidates }
}

/// Splits the role words off the end of a name.
fn split_role(full: &[String]) -> (Role, Vec<String>) {
    if full
        .iter()
        .any(|w| same_word(w, "constable") || same_word(w, "constables"))
    {
        return (Role::Constable, full.to_vec());
    }
    for (role, patterns) in [
        (Role::Sheriff, SHERIFF),
        (Role::Police, POLICE),
        (Role::Trustees, TRUSTEES),
    ] {
        for pattern in patterns {
            let n = pattern.len();
            if full.len() > n
                && full[full.len() - n..]
                    .iter()
                    .zip(pattern.iter())
                    .all(|(w, p)| same_word(w, p))
            {
                return (role, full[..full.len() - n].to_vec());
            }
        }
    }
    (Role::Unsaid, full.to_vec())
}

/// A city's name without a trailing "Village", "Borough" or "Town".
fn without_designator(name: &[String]) -> Vec<String> {
    match name.split_last() {
        Some((last, rest))
            if !rest.is_empty() && matches!(last.as_str(), "village" | "borough" | "town") =>
        {
            rest.to_vec()
        }
        _ => name.to_vec(),
    }
}

/// A county as a coordinator reads it in a reason: "Bowie", not "bowie".
fn cap(county: &str) -> String {
    title(&county.split(' ').map(str::to_string).collect::<Vec<_>>())
}

/// The name without a trailing "County" or "Parish"; `None` when it has none.
fn without_county(core: &[String]) -> Option<Vec<String>> {
    match core.split_last() {
        Some((last, rest)) if !rest.is_empty() && (last == "county" || last == "parish") => {
            Some(rest.to_vec())
        }
        _ => None,
    }
}

fn title(key: &[String]) -> String {
    key.iter()
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && matches!(w.as_str(), "of" | "the" | "and" | "at") {
                return w.clone();
            }
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The ways of reading ICE's name, in the order they are tried.
fn readings(
    agency: &AgencyToLink<'_>,
    full: &[String],
    role: Role,
    core: &[String],
    state_words: &[String],
) -> Vec<Reading> {
    let name = |key: Vec<String>, kinds: &'static [ReferenceKind], compare: Compare| Reading {
        shown: title(&key),
        key,
        kinds,
        compare,
    };
    let mut out = vec![Reading {
        shown: agency.name.trim().to_string(),
        ..name(full.to_vec(), &ReferenceKind::ALL, Compare::Name)
    }];
    match role {
        Role::Sheriff => {
            let key = without_county(core).unwrap_or_else(|| core.to_vec());
            out.push(name(key, &[ReferenceKind::County], Compare::Name));
        }
        Role::Police => {
            if let Some(county) = without_county(core) {
                out.push(name(core.to_vec(), &ReferenceKind::ALL, Compare::Name));
                out.push(name(
                    county,
                    &[ReferenceKind::County],
                    Compare::CountyPolice,
                ));
            } else if core != state_words {
                out.push(name(core.to_vec(), &[ReferenceKind::City], Compare::Name));
                out.push(name(core.to_vec(), NOT_CITY, Compare::Name));
                out.push(name(
                    without_designator(core),
                    &[ReferenceKind::City],
                    Compare::Municipal,
                ));
            }
        }
        Role::Trustees => {
            out.push(name(
                core.to_vec(),
                &[ReferenceKind::UniversityOrCollege],
                Compare::Name,
            ));
        }
        Role::Constable => {}
        Role::Unsaid => match agency.kind {
            AgencyKind::County => {
                let key = without_county(full).unwrap_or_else(|| full.to_vec());
                out.push(name(key, &[ReferenceKind::County], Compare::Name));
            }
            AgencyKind::Municipality => {
                out.push(name(full.to_vec(), &[ReferenceKind::City], Compare::Name));
            }
            AgencyKind::StateAgency | AgencyKind::Other => {}
        },
    }
    if agency.kind == AgencyKind::StateAgency || full.starts_with(state_words) {
        let key = content(full, state_words);
        if !key.is_empty() {
            out.push(Reading {
                shown: agency.name.trim().to_string(),
                key,
                kinds: STATE_LEVEL,
                compare: Compare::Content,
            });
        }
    }
    out
}

/// A state agency's words that say which agency it is: the state's name and
/// [`STATE_FILLER`] set aside.
fn content(name: &[String], state_words: &[String]) -> Vec<String> {
    let rest = name.strip_prefix(state_words).unwrap_or(name);
    rest.iter()
        .filter(|w| !STATE_FILLER.contains(&w.as_str()))
        .cloned()
        .collect()
}

/// Whether `row` has the name `reading` looks for. A row is read only when its first letter
/// could match, to keep a national run fast.
fn matches(reading: &Reading, row: &ReferenceAgency, state_words: &[String]) -> bool {
    match reading.compare {
        Compare::Name | Compare::CountyPolice => {
            let first = reading.key.first().and_then(|w| w.chars().next());
            let row_first = row
                .name
                .chars()
                .find(|c| c.is_alphanumeric())
                .and_then(|c| c.to_lowercase().next());
            if first != row_first {
                return false;
            }
            let name = words(&row.name);
            if name == reading.key {
                return true;
            }
            reading.compare == Compare::Name
                && row.name.contains(',')
                && row.name.split(',').next().map(words).as_deref() == Some(&reading.key[..])
        }
        Compare::Content => {
            let theirs = content(&words(&row.name), state_words);
            theirs.len() == reading.key.len()
                && theirs
                    .iter()
                    .zip(&reading.key)
                    .all(|(a, b)| same_word(a, b))
        }
        Compare::Municipal => {
            let first = reading.key.first().and_then(|w| w.chars().next());
            let row_first = row
                .name
                .chars()
                .find(|c| c.is_alphanumeric())
                .and_then(|c| c.to_lowercase().next());
            first == row_first && without_designator(&words(&row.name)) == reading.key
        }
    }
}

/// What the county ICE gives says of `row`.
fn county_note(row: &ReferenceAgency, county: Option<&str>) -> String {
    match (&row.county, county) {
        (Some(c), Some(ice)) if fbi_counties(c).iter().any(|c| same_county(c, ice)) => {
            format!("in {} county as ICE says", cap(ice))
        }
        (Some(c), Some(ice)) => format!("in {c}, not {} county as ICE says", cap(ice)),
        (Some(c), None) => format!("in {c}"),
        (None, _) => "no county given".to_string(),
    }
}

fn in_county(row: &ReferenceAgency, county: &str) -> bool {
    row.county
        .as_deref()
        .is_some_and(|c| fbi_counties(c).iter().any(|c| same_county(c, county)))
}

/// Whether `row` is one unit of a state agency the FBI lists unit by unit.
fn is_unit(row: &ReferenceAgency) -> bool {
    matches!(
        row.kind,
        ReferenceKind::StatePolice | ReferenceKind::OtherStateAgency
    ) || row.name.trim_end().ends_with(':')
}

fn kinds_label(found: &[&ReferenceAgency]) -> String {
    let mut kinds: Vec<&str> = found.iter().map(|r| r.kind.label()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds.join(" or ")
}

/// The rows a reading found: one, or one that ICE's county picks, is linked; else review.
fn decide(
    agency: &AgencyToLink<'_>,
    county: Option<&str>,
    reading: &Reading,
    found: Vec<&ReferenceAgency>,
    rows: &[ReferenceAgency],
    state_words: &[String],
) -> Linking {
    let st = agency.state;
    let shown = &reading.shown;
    let same = |row: &ReferenceAgency, score: u32| Candidate {
        ori: row.ori.clone(),
        score,
        why: format!("same name, type {}, {}", row.kind, county_note(row, county)),
    };
    let review = |reason: String, found: &[&ReferenceAgency]| {
        let mut candidates: Vec<Candidate> = found
            .iter()
            .map(|r| {
                let fits = county.is_some_and(|c| in_county(r, c));
                same(r, if fits { 950 } else { 900 })
            })
            .collect();
        candidates.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.ori.cmp(&b.ori)));
        candidates.truncate(MAX_CANDIDATES);
        let full = words(agency.name);
        add_similar(&mut candidates, agency, &full, county, rows, state_words);
        Linking::Review { reason, candidates }
    };

    if reading.compare == Compare::CountyPolice {
        return review(
            format!(
                "The FBI lists {shown} county's agency in {st} only under the county's name \
                 ({}); where a county has both, that row is the sheriff's, so whether it is \
                 this police department a coordinator must say",
                found[0].described()
            ),
            &found,
        );
    }

    // The full name read as any kind found rows of several kinds ("Jackson", City and County):
    // those of the kind ICE's name and type point to, if any.
    let mut found = found;
    let wanted = wanted_kinds(agency, &words(agency.name));
    if found.iter().any(|r| wanted.contains(&r.kind)) {
        found.retain(|r| wanted.contains(&r.kind));
    }

    if let [row] = found.as_slice() {
        let local = matches!(row.kind, ReferenceKind::City | ReferenceKind::County);
        if let (true, Some(c), Some(_)) = (local, county, &row.county)
            && !in_county(row, c)
        {
            return review(
                format!(
                    "The only agency named {shown} of type {} in {st} is in {}, but ICE gives \
                     {} county",
                    row.kind,
                    row.county.as_deref().unwrap_or_default(),
                    cap(c)
                ),
                &found,
            );
        }
        return Linking::Linked {
            ori: row.ori.clone(),
            how: LinkHow::Exact,
        };
    }

    let n = found.len();
    let kind = kinds_label(&found);
    if found.iter().all(|r| is_unit(r)) {
        return review(
            format!(
                "The FBI lists {shown} in {st} as {n} units of type {kind}, each with its own \
                 ORI and none marked as the headquarters; ICE's agreement is with the agency as \
                 a whole"
            ),
            &found,
        );
    }
    match county {
        None => review(
            format!(
                "{n} agencies of type {kind} named {shown} in {st}, and ICE gives no county to \
                 choose"
            ),
            &found,
        ),
        Some(c) => {
            let here: Vec<&ReferenceAgency> =
                found.iter().copied().filter(|r| in_county(r, c)).collect();
            match here.as_slice() {
                [row] => Linking::Linked {
                    ori: row.ori.clone(),
                    how: LinkHow::NameCounty,
                },
                [] => review(
                    format!(
                        "{n} agencies of type {kind} named {shown} in {st}, none in {} county \
                         as ICE gives",
                        cap(c)
                    ),
                    &found,
                ),
                several => review(
                    format!(
                        "{n} agencies of type {kind} named {shown} in {st}, {} of them in {} \
                         county as ICE gives",
                        several.len(),
                        cap(c)
                    ),
                    &found,
                ),
            }
        }
    }
}

/// Adds, after those already there, the rows of the state whose names share the most
/// distinctive words with ICE's name (or one such word misspelt by a letter), best first, up to
/// [`MAX_CANDIDATES`].
fn add_similar(
    candidates: &mut Vec<Candidate>,
    agency: &AgencyToLink<'_>,
    full: &[String],
    county: Option<&str>,
    rows: &[ReferenceAgency],
    state_words: &[String],
) {
    if candidates.len() >= MAX_CANDIDATES {
        return;
    }
    let distinctive: Vec<&String> = full
        .iter()
        .filter(|w| !COMMON.contains(&w.as_str()) && !state_words.contains(w))
        .collect();
    if distinctive.is_empty() {
        return;
    }
    let wants = wanted_kinds(agency, full);
    // Below those already there, which found the name itself or a close spelling of it.
    let cap = candidates
        .iter()
        .map(|c| c.score.saturating_sub(1))
        .min()
        .unwrap_or(850)
        .min(850);
    let mut scored: Vec<(u32, &ReferenceAgency, Vec<&str>)> = Vec::new();
    // A row is folded only if its name holds the first or last three letters of one of the
    // words (a slip of one letter in a word of five or more leaves one of them whole, but for a
    // slip in the middle of a five- or six-letter word).
    let probes: Vec<(&str, &str)> = distinctive
        .iter()
        // Not the folded abbreviations: "st" is not in "Saint".
        .filter(|w| w.is_ascii() && !matches!(w.as_str(), "st" | "mt" | "ft" | "township"))
        .map(|w| {
            let n = w.len().min(3);
            (&w[..n], &w[w.len() - n..])
        })
        .collect();
    let all_ascii = probes.len() == distinctive.len();
    let mut folded = String::new();
    for row in rows {
        if all_ascii
            && !probes
                .iter()
                .any(|(head, tail)| holds(&row.name, head) || holds(&row.name, tail))
        {
            continue;
        }
        fold_into(&row.name, &mut folded);
        let shared: Vec<&str> = distinctive
            .iter()
            .filter(|w| {
                folded.split(' ').any(|n| {
                    n == w.as_str() || (w.len() >= 5 && n.len() >= 5 && within(n, w, 1).is_some())
                })
            })
            .map(|w| w.as_str())
            .collect();
        if shared.is_empty() || candidates.iter().any(|c| c.ori == row.ori) {
            continue;
        }
        let name_len = folded.split(' ').count();
        // Most for sharing all of ICE's distinctive words, a little for adding few of its own.
        let shared_n = shared.len() as u32;
        let mut score =
            300 * shared_n / distinctive.len() as u32 + 100 * shared_n / name_len.max(1) as u32;
        if wants.contains(&row.kind) {
            score += 60;
        }
        if county.is_some_and(|c| in_county(row, c)) {
            score += 40;
        }
        scored.push((score.min(cap), row, shared));
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.ori.cmp(&b.1.ori)));
    for (score, row, shared) in scored {
        if candidates.len() >= MAX_CANDIDATES {
            break;
        }
        candidates.push(Candidate {
            ori: row.ori.clone(),
            score,
            why: format!(
                "shares the word{} \"{}\": {}, {}",
                if shared.len() == 1 { "" } else { "s" },
                shared.join(" "),
                row.described(),
                county_note(row, county)
            ),
        });
    }
}

/// The kinds ICE's name and type point to, for ranking candidates.
fn wanted_kinds(agency: &AgencyToLink<'_>, full: &[String]) -> &'static [ReferenceKind] {
    match split_role(full) {
        (Role::Sheriff, _) => &[ReferenceKind::County],
        (Role::Police, core) if without_county(&core).is_some() => &[ReferenceKind::County],
        (Role::Police, _) => &[ReferenceKind::City, ReferenceKind::UniversityOrCollege],
        (Role::Trustees, _) => &[ReferenceKind::UniversityOrCollege],
        _ => match agency.kind {
            AgencyKind::County => &[ReferenceKind::County],
            AgencyKind::Municipality => &[ReferenceKind::City],
            AgencyKind::StateAgency => STATE_LEVEL,
            AgencyKind::Other => &[ReferenceKind::Other, ReferenceKind::UniversityOrCollege],
        },
    }
}
