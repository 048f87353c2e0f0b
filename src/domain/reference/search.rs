//! [`NationalList::search`]: the national list as the coordinator types in the New agency form.

use super::names::words;
use super::{NationalList, ReferenceAgency, ReferenceKind};
use crate::domain::state::State;

/// Words that say what an agency is rather than which one: "Colbert County Sheriff" finds the
/// FBI's "Colbert" by "colbert" alone, while "sheriff" and "county" rank the County row first.
const ROLE_WORDS: &[&str] = &[
    "sheriff",
    "sheriffs",
    "office",
    "department",
    "police",
    "pd",
    "so",
    "county",
    "parish",
    "city",
    "of",
    "the",
];

/// The score of a row found by its ORI: above any found by name.
const BY_ORI: u32 = 2000;

impl NationalList {
    /// The agencies of `state` that `query` names, best first, at most `limit`:
    ///
    /// - by ORI: a query of letters and digits that begins ORIs ("AL017", "al0170000") finds
    ///   those agencies first, by ORI;
    /// - by name: every word of the query, role words ("County", "Sheriff", "Police",
    ///   "Department"...) set aside, begins a word of the FBI's name, so "Colbert County
    ///   Sheriff", "colbert" and "colb" all find "Colbert". A name equal to the words comes
    ///   first, then names beginning with them; among those, rows of the kind the role words
    ///   point to (County for "sheriff" or "county", City for "police") come first.
    ///
    /// An empty query finds nothing.
    pub fn search(&self, state: State, query: &str, limit: usize) -> Vec<&ReferenceAgency> {
        let query = query.trim();
        if query.is_empty() || limit == 0 {
            return Vec::new();
        }
        let upper = query.to_uppercase();
        let ori_like = upper.chars().all(|c| c.is_ascii_alphanumeric());
        let typed = words(query);
        let mut wanted: Vec<&String> = typed
            .iter()
            .filter(|w| !ROLE_WORDS.contains(&w.as_str()))
            .collect();
        if wanted.is_empty() {
            wanted = typed.iter().collect();
        }
        let has = |w: &str| typed.iter().any(|t| t == w);
        let wants_county = has("sheriff") || has("sheriffs") || has("county") || has("parish");
        let wants_city = !wants_county && (has("police") || has("pd") || has("city"));

        let mut hits: Vec<(u32, &ReferenceAgency)> = Vec::new();
        for row in self.in_state(state) {
            if ori_like && row.ori.as_str().starts_with(&upper) {
                hits.push((BY_ORI, row));
                continue;
            }
            if wanted.is_empty() {
                continue;
            }
            let name = words(&row.name);
            if !wanted
                .iter()
                .all(|w| name.iter().any(|n| n.starts_with(w.as_str())))
            {
                continue;
            }
            let mut score = 1000;
            if name.len() == wanted.len() && name.iter().zip(&wanted).all(|(n, w)| n == *w) {
                score += 300;
            } else if name.first() == wanted.first().copied() {
                score += 150;
            }
            if (wants_county && row.kind == ReferenceKind::County)
                || (wants_city && row.kind == ReferenceKind::City)
            {
                score += 100;
            }
            score += 50u32.saturating_sub(name.len() as u32 * 5);
            hits.push((score, row));
        }
        hits.sort_by(|a, b| {
            b.0.cmp(&a.0).then_with(|| {
                if a.0 == BY_ORI {
                    a.1.ori.cmp(&b.1.ori)
                } else {
                    (&a.1.name, &a.1.ori).cmp(&(&b.1.name, &b.1.ori))
                }
            })
        });
        hits.into_iter().take(limit).map(|(_, row)| row).collect()
    }
}
