//! TEMPORARY stand-in while the linking rules are written elsewhere (replaced at merge).
use super::*;
/// Stand-in.
pub fn link(agency: &AgencyToLink<'_>, list: &NationalList) -> Linking {
    let wanted = agency
        .name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let c: Vec<_> = list
        .in_state(agency.state)
        .iter()
        .filter(|a| a.name.to_lowercase() == wanted)
        .collect();
    if c.len() == 1 {
        Linking::Linked {
            ori: c[0].ori.clone(),
            how: LinkHow::Exact,
        }
    } else {
        Linking::Review {
            reason: format!("{} candidates", c.len()),
            candidates: c
                .iter()
                .map(|a| Candidate {
                    ori: a.ori.clone(),
                    score: 1,
                    why: "same first word".into(),
                })
                .collect(),
        }
    }
}
impl NationalList {
    /// Stand-in.
    pub fn search(&self, state: State, query: &str, limit: usize) -> Vec<&ReferenceAgency> {
        let q = query.to_lowercase();
        if q.is_empty() {
            return vec![];
        }
        self.in_state(state)
            .iter()
            .filter(|a| {
                a.name.to_lowercase().contains(&q) || a.ori.as_str().to_lowercase().starts_with(&q)
            })
            .take(limit)
            .collect()
    }
}
