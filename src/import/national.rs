//! TEMPORARY stand-in while the reader is written elsewhere (replaced at merge).
use crate::domain::reference::{NationalList, ReferenceAgency, ReferenceKind};
use crate::domain::{Ori, State};
/// Stand-in.
pub struct NationalReading {
    /// list
    pub list: NationalList,
    /// problems
    pub problems: Vec<NationalProblem>,
}
/// Stand-in.
#[derive(Debug)]
pub struct NationalProblem {
    /// r
    pub row: usize,
    /// c
    pub column: String,
    /// v
    pub value: String,
    /// m
    pub message: String,
}
/// Stand-in.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct NationalReadError(String);
/// Stand-in.
pub fn read_national_list(bytes: &[u8], _file: &str) -> Result<NationalReading, NationalReadError> {
    let mut r = csv::Reader::from_reader(bytes);
    let mut v = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| NationalReadError(e.to_string()))?;
        let code = match &rec[3] {
            "NB" => "NE",
            "GM" => "GU",
            c => c,
        };
        let Some(state) = State::parse(code) else {
            continue;
        };
        let Ok(ori) = Ori::parse(&rec[0], state) else {
            continue;
        };
        v.push(ReferenceAgency {
            ori,
            name: rec[2].to_string(),
            state,
            county: Some(rec[4].to_string()).filter(|c| !c.is_empty() && c != "NOT SPECIFIED"),
            kind: ReferenceKind::parse(&rec[5]).unwrap(),
            population: rec[6].parse().ok().filter(|n| *n > 0),
            sworn_officers: rec[7].parse().ok(),
            civilians: rec[8].parse().ok(),
            data_year: rec[1].parse().unwrap_or(0),
        });
    }
    Ok(NationalReading {
        list: NationalList::new(v).map_err(|o| NationalReadError(o.to_string()))?,
        problems: vec![],
    })
}
impl std::fmt::Display for NationalProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message)
    }
}
