//! The states, the District of Columbia and the territories an agency can belong to.

use std::fmt;

/// A U.S. state, DC or territory, stored by its two-letter postal code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct State {
    code: &'static str,
    name: &'static str,
}

/// Every jurisdiction ICE's lists name, by postal code and upper-case full name.
const STATES: &[(&str, &str)] = &[
    ("AL", "ALABAMA"),
    ("AK", "ALASKA"),
    ("AZ", "ARIZONA"),
    ("AR", "ARKANSAS"),
    ("CA", "CALIFORNIA"),
    ("CO", "COLORADO"),
    ("CT", "CONNECTICUT"),
    ("DE", "DELAWARE"),
    ("DC", "DISTRICT OF COLUMBIA"),
    ("FL", "FLORIDA"),
    ("GA", "GEORGIA"),
    ("HI", "HAWAII"),
    ("ID", "IDAHO"),
    ("IL", "ILLINOIS"),
    ("IN", "INDIANA"),
    ("IA", "IOWA"),
    ("KS", "KANSAS"),
    ("KY", "KENTUCKY"),
    ("LA", "LOUISIANA"),
    ("ME", "MAINE"),
    ("MD", "MARYLAND"),
    ("MA", "MASSACHUSETTS"),
    ("MI", "MICHIGAN"),
    ("MN", "MINNESOTA"),
    ("MS", "MISSISSIPPI"),
    ("MO", "MISSOURI"),
    ("MT", "MONTANA"),
    ("NE", "NEBRASKA"),
    ("NV", "NEVADA"),
    ("NH", "NEW HAMPSHIRE"),
    ("NJ", "NEW JERSEY"),
    ("NM", "NEW MEXICO"),
    ("NY", "NEW YORK"),
    ("NC", "NORTH CAROLINA"),
    ("ND", "NORTH DAKOTA"),
    ("OH", "OHIO"),
    ("OK", "OKLAHOMA"),
    ("OR", "OREGON"),
    ("PA", "PENNSYLVANIA"),
    ("RI", "RHODE ISLAND"),
    ("SC", "SOUTH CAROLINA"),
    ("SD", "SOUTH DAKOTA"),
    ("TN", "TENNESSEE"),
    ("TX", "TEXAS"),
    ("UT", "UTAH"),
    ("VT", "VERMONT"),
    ("VA", "VIRGINIA"),
    ("WA", "WASHINGTON"),
    ("WV", "WEST VIRGINIA"),
    ("WI", "WISCONSIN"),
    ("WY", "WYOMING"),
    ("AS", "AMERICAN SAMOA"),
    ("GU", "GUAM"),
    ("MP", "NORTHERN MARIANA ISLANDS"),
    ("PR", "PUERTO RICO"),
    ("VI", "U.S. VIRGIN ISLANDS"),
];

/// Other spellings of a full name seen in lists and typed by users.
const ALIASES: &[(&str, &str)] = &[
    ("VIRGIN ISLANDS", "VI"),
    ("US VIRGIN ISLANDS", "VI"),
    ("D.C.", "DC"),
    ("WASHINGTON DC", "DC"),
    ("WASHINGTON D.C.", "DC"),
    ("COMMONWEALTH OF THE NORTHERN MARIANA ISLANDS", "MP"),
];

impl State {
    /// Reads a state from its postal code or full name, in any case, ignoring surrounding and
    /// repeated spaces.
    pub fn parse(input: &str) -> Option<State> {
        let wanted = input
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_uppercase();
        if wanted.is_empty() {
            return None;
        }
        let code = ALIASES
            .iter()
            .find(|(alias, _)| *alias == wanted)
            .map(|(_, code)| *code);
        STATES
            .iter()
            .find(|(c, n)| Some(*c) == code || *c == wanted || *n == wanted)
            .map(|(code, name)| State { code, name })
    }

    /// Every state, DC and territory, in the order of the table (states alphabetically, then
    /// the territories).
    pub fn all() -> impl Iterator<Item = State> {
        STATES.iter().map(|(code, name)| State { code, name })
    }

    /// The two-letter postal code, as stored.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The upper-case full name, as ICE's lists spell it.
    pub fn name(&self) -> &'static str {
        self.name
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_and_full_name_in_any_case_are_read() {
        assert_eq!(State::parse("fl").unwrap().code(), "FL");
        assert_eq!(State::parse(" Florida ").unwrap().code(), "FL");
        assert_eq!(State::parse("NEW  HAMPSHIRE").unwrap().code(), "NH");
        assert_eq!(State::parse("guam").unwrap().code(), "GU");
        assert_eq!(
            State::parse("Northern Mariana Islands").unwrap().code(),
            "MP"
        );
        assert_eq!(State::parse("Virgin Islands").unwrap().code(), "VI");
        assert_eq!(State::parse("district of columbia").unwrap().code(), "DC");
    }

    #[test]
    fn unknown_states_are_refused() {
        assert!(State::parse("").is_none());
        assert!(State::parse("XX").is_none());
        assert!(State::parse("Floridaa").is_none());
    }

    #[test]
    fn the_table_holds_fifty_states_dc_and_five_territories() {
        assert_eq!(State::all().count(), 56);
    }
}
