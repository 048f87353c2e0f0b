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

/// Where each jurisdiction sits on the tile-grid map of the dashboard and the printed summary:
/// (column, row), one square per state whatever its size, placed roughly where the state lies.
/// The Pacific territories take the bottom left, Puerto Rico and the Virgin Islands the bottom
/// right, on a row of their own.
const TILES: &[(&str, u8, u8)] = &[
    ("AK", 0, 0),
    ("ME", 10, 0),
    ("WI", 5, 1),
    ("VT", 9, 1),
    ("NH", 10, 1),
    ("WA", 0, 2),
    ("ID", 1, 2),
    ("MT", 2, 2),
    ("ND", 3, 2),
    ("MN", 4, 2),
    ("IL", 5, 2),
    ("MI", 6, 2),
    ("NY", 8, 2),
    ("MA", 9, 2),
    ("OR", 0, 3),
    ("NV", 1, 3),
    ("WY", 2, 3),
    ("SD", 3, 3),
    ("IA", 4, 3),
    ("IN", 5, 3),
    ("OH", 6, 3),
    ("PA", 7, 3),
    ("NJ", 8, 3),
    ("CT", 9, 3),
    ("RI", 10, 3),
    ("CA", 0, 4),
    ("UT", 1, 4),
    ("CO", 2, 4),
    ("NE", 3, 4),
    ("MO", 4, 4),
    ("KY", 5, 4),
    ("WV", 6, 4),
    ("VA", 7, 4),
    ("MD", 8, 4),
    ("DE", 9, 4),
    ("AZ", 1, 5),
    ("NM", 2, 5),
    ("KS", 3, 5),
    ("AR", 4, 5),
    ("TN", 5, 5),
    ("NC", 6, 5),
    ("SC", 7, 5),
    ("DC", 8, 5),
    ("OK", 3, 6),
    ("LA", 4, 6),
    ("MS", 5, 6),
    ("AL", 6, 6),
    ("GA", 7, 6),
    ("HI", 0, 7),
    ("TX", 3, 7),
    ("FL", 8, 7),
    ("GU", 0, 8),
    ("MP", 1, 8),
    ("AS", 2, 8),
    ("PR", 9, 8),
    ("VI", 10, 8),
];

/// The tile grid's size in tiles: columns, rows (the last row holds the territories).
pub const TILE_GRID: (u8, u8) = (11, 9);

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

    /// The first two letters of its agencies' ORIs (see
    /// [`crate::domain::agency::ori_prefixes`]).
    pub fn ori_prefixes(&self) -> &'static [&'static str] {
        match self.code {
            "NE" => &["NB", "NE"],
            "GU" => &["GM", "GU"],
            _ => STATES
                .iter()
                .find(|(code, _)| *code == self.code)
                .map_or(&[], |(code, _)| std::slice::from_ref(code)),
        }
    }

    /// The upper-case full name, as ICE's lists spell it.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The name in title case ("Northern Mariana Islands", "District of Columbia"): the store
    /// keeps ICE's upper case, headings and sentences read better this way.
    pub fn title(&self) -> String {
        self.name
            .split_whitespace()
            .enumerate()
            .map(|(i, w)| {
                let w = w.to_lowercase();
                if i > 0 && matches!(w.as_str(), "of" | "and" | "the") {
                    return w;
                }
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Its (column, row) on the tile-grid map; see [`TILE_GRID`].
    pub fn tile(&self) -> (u8, u8) {
        TILES
            .iter()
            .find(|(code, ..)| *code == self.code)
            .map_or((0, 0), |(_, column, row)| (*column, *row))
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
    fn every_jurisdiction_has_a_tile_of_its_own_inside_the_grid() {
        let tiles: std::collections::HashSet<(u8, u8)> = State::all().map(|s| s.tile()).collect();
        assert_eq!(tiles.len(), 56);
        assert_eq!(TILES.len(), 56);
        assert!(TILES.iter().all(|(code, ..)| State::parse(code).is_some()));
        assert!(
            tiles
                .iter()
                .all(|(c, r)| *c < TILE_GRID.0 && *r < TILE_GRID.1)
        );
    }

    #[test]
    fn the_table_holds_fifty_states_dc_and_five_territories() {
        assert_eq!(State::all().count(), 56);
    }

    #[test]
    fn titles_read_as_in_a_sentence() {
        assert_eq!(State::parse("DC").unwrap().title(), "District of Columbia");
        assert_eq!(
            State::parse("MP").unwrap().title(),
            "Northern Mariana Islands"
        );
        assert_eq!(State::parse("wv").unwrap().title(), "West Virginia");
    }
}
