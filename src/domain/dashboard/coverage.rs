//! How much of the nation's law enforcement is under an active agreement: per state and
//! nationally, the agencies of the national list whose ORI an agency with an active agreement
//! carries, and their share of the sworn officers and of the population served; and per agency,
//! its nominees against its sworn officers.

use std::collections::{HashMap, HashSet};

use crate::domain::{Ori, State};

/// One state's (or the nation's) coverage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// The state; `None` for the nation.
    pub state: Option<State>,
    /// Agencies of the national list there.
    pub agencies: usize,
    /// Of them, those under an active agreement (linked to an agency of the registry with one).
    pub agencies_active: usize,
    /// Sworn officers of all its agencies.
    pub sworn: u64,
    /// Sworn officers of the agencies under an active agreement.
    pub sworn_active: u64,
    /// Population served by all its agencies, as the FBI counts it (a sheriff's county often
    /// without its cities, which their police serve; state agencies report none).
    pub population: u64,
    /// Population served by the agencies under an active agreement.
    pub population_active: u64,
}

impl Coverage {
    fn new(state: Option<State>) -> Coverage {
        Coverage {
            state,
            agencies: 0,
            agencies_active: 0,
            sworn: 0,
            sworn_active: 0,
            population: 0,
            population_active: 0,
        }
    }

    /// The share of sworn officers under an active agreement, in percent (0 when none).
    pub fn sworn_share(&self) -> f64 {
        share(self.sworn_active, self.sworn)
    }

    /// The share of the population served under an active agreement, in percent.
    pub fn population_share(&self) -> f64 {
        share(self.population_active, self.population)
    }
}

fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// One agency of the national list, as coverage counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Served {
    /// Its state.
    pub state: State,
    /// Whether an agency of the registry with an active agreement carries its ORI.
    pub covered: bool,
    /// Its sworn officers (none reported: 0).
    pub sworn: u64,
    /// The population it serves (none reported: 0).
    pub population: u64,
}

impl Served {
    /// A row of the national list, covered when `active` holds its ORI.
    pub fn of(row: &crate::domain::reference::ReferenceAgency, active: &HashSet<&Ori>) -> Served {
        Served {
            state: row.state,
            covered: active.contains(&row.ori),
            sworn: u64::from(row.sworn_officers.unwrap_or(0)),
            population: row.population.unwrap_or(0),
        }
    }
}

/// The nation first, then each state with an agency under an active agreement, the largest
/// share of sworn officers first, from every agency of the national list.
pub fn coverage(rows: impl IntoIterator<Item = Served>) -> Vec<Coverage> {
    let mut nation = Coverage::new(None);
    let mut states: HashMap<&'static str, Coverage> = HashMap::new();
    for row in rows {
        let state = states
            .entry(row.state.code())
            .or_insert_with(|| Coverage::new(Some(row.state)));
        for c in [&mut nation, state] {
            c.agencies += 1;
            c.sworn += row.sworn;
            c.population += row.population;
            if row.covered {
                c.agencies_active += 1;
                c.sworn_active += row.sworn;
                c.population_active += row.population;
            }
        }
    }
    let mut by_state: Vec<Coverage> = states
        .into_values()
        .filter(|c| c.agencies_active > 0)
        .collect();
    by_state.sort_by(|a, b| {
        b.sworn_share()
            .total_cmp(&a.sworn_share())
            .then_with(|| a.state.map(|s| s.code()).cmp(&b.state.map(|s| s.code())))
    });
    let mut out = vec![nation];
    out.extend(by_state);
    out
}

/// An agency under an active agreement: its nominees against its sworn officers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NomineeShare {
    /// The agency's name.
    pub agency: String,
    /// Its state.
    pub state: State,
    /// Its nominees on active agreements who have not left.
    pub nominees: usize,
    /// Its sworn officers, as the national list gives them (more than zero).
    pub sworn: u32,
}

impl NomineeShare {
    /// Nominees per hundred sworn officers.
    pub fn percent(&self) -> f64 {
        self.nominees as f64 * 100.0 / f64::from(self.sworn)
    }
}

/// The `limit` agencies with the most nominees per sworn officer, most first (then by name).
pub fn most_nominated(mut shares: Vec<NomineeShare>, limit: usize) -> Vec<NomineeShare> {
    shares.retain(|s| s.sworn > 0 && s.nominees > 0);
    shares.sort_by(|a, b| {
        b.percent()
            .total_cmp(&a.percent())
            .then_with(|| a.agency.cmp(&b.agency))
    });
    shares.truncate(limit);
    shares
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reference::{NationalList, ReferenceAgency, ReferenceKind};

    fn row(ori: &str, state: &str, population: u64, sworn: u32) -> ReferenceAgency {
        let state = State::parse(state).unwrap();
        ReferenceAgency {
            ori: Ori::parse(ori, state).unwrap(),
            name: ori.to_string(),
            state,
            county: None,
            kind: ReferenceKind::County,
            population: (population > 0).then_some(population),
            sworn_officers: Some(sworn),
            civilians: None,
            data_year: 2025,
        }
    }

    #[test]
    fn coverage_counts_agencies_officers_and_population_per_state_and_nation() {
        let list = NationalList::new(vec![
            row("FL0010000", "FL", 1000, 100),
            row("FL0020000", "FL", 3000, 300),
            row("TX0010000", "TX", 500, 50),
            row("GA0010000", "GA", 700, 70),
        ])
        .unwrap();
        let active = [
            Ori::parse("FL0020000", State::parse("FL").unwrap()).unwrap(),
            Ori::parse("TX0010000", State::parse("TX").unwrap()).unwrap(),
            // Not in the list: counted nowhere.
            Ori::parse("TX0099000", State::parse("TX").unwrap()).unwrap(),
        ];
        let active: HashSet<&Ori> = active.iter().collect();
        let c = coverage(list.agencies().iter().map(|row| Served::of(row, &active)));
        let nation = &c[0];
        assert_eq!(nation.state, None);
        assert_eq!((nation.agencies, nation.agencies_active), (4, 2));
        assert_eq!((nation.sworn, nation.sworn_active), (520, 350));
        assert_eq!((nation.population, nation.population_active), (5200, 3500));
        // TX (100 %) before FL (75 %); GA has none active and is not listed.
        let states: Vec<_> = c[1..].iter().map(|c| c.state.unwrap().code()).collect();
        assert_eq!(states, ["TX", "FL"]);
        assert_eq!(c[2].sworn_share(), 75.0);
        assert_eq!(c[2].population_share(), 75.0);
    }

    #[test]
    fn the_most_nominated_agencies_come_first_and_those_without_figures_are_left_out() {
        let fl = State::parse("FL").unwrap();
        let share = |agency: &str, nominees, sworn| NomineeShare {
            agency: agency.into(),
            state: fl,
            nominees,
            sworn,
        };
        let top = most_nominated(
            vec![
                share("A", 5, 100),
                share("B", 30, 60),
                share("C", 0, 10),
                share("D", 4, 0),
                share("E", 10, 100),
            ],
            2,
        );
        let names: Vec<_> = top.iter().map(|s| s.agency.as_str()).collect();
        assert_eq!(names, ["B", "E"]);
        assert_eq!(top[0].percent(), 50.0);
    }
}
