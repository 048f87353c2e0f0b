//! Reading the FBI's national list of law enforcement agencies (its Law Enforcement Employees
//! data as a CSV file, one row per ORI) into a [`NationalList`].
//!
//! The columns read, by name and in any order: `ori`, `data_year`, `pub_agency_name`,
//! `state_abbr`, `county_name`, `agency_type_name`, `population`, `officer_ct`, `civilian_ct`
//! (others, such as `total_pe_ct`, are ignored). A row that cannot become an agency (its ORI,
//! state, type, name or year unreadable) is skipped with a [`NationalProblem`]; an unreadable
//! count is left empty with one. Nothing is dropped silently.
//!
//! The FBI writes two states with its own codes, which are also its ORIs' first letters:
//! Nebraska `NB` (postal code NE) and Guam `GM` (GU). Those rows are read into their state and
//! keep their ORIs as the FBI wrote them, since that is the identifier the FBI and the agency
//! use. Its code `FS` (federal agencies, which belong to no state) is not a state: those rows
//! are skipped, each with a problem.

use std::fmt;

use crate::domain::agency::{Ori, clean_name};
use crate::domain::reference::{NationalList, ReferenceAgency, ReferenceKind};
use crate::domain::state::State;

/// The columns the reader needs.
const COLUMNS: [&str; 9] = [
    "ori",
    "data_year",
    "pub_agency_name",
    "state_abbr",
    "county_name",
    "agency_type_name",
    "population",
    "officer_ct",
    "civilian_ct",
];

/// The national list read from a file, and what could not be read in it.
#[derive(Debug, Clone, PartialEq)]
pub struct NationalReading {
    /// The agencies read.
    pub list: NationalList,
    /// Every row skipped and every value left empty, in file order.
    pub problems: Vec<NationalProblem>,
}

/// One value of the FBI's file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NationalProblem {
    /// The file's name as given to [`read_national_list`].
    pub file: String,
    /// The line number as a text editor shows it, the header being line 1.
    pub row: usize,
    /// The column's name in the file's header (`ori`, `state_abbr`...).
    pub column: String,
    /// The value as written.
    pub value: String,
    /// What is wrong, in words.
    pub message: String,
    /// `true`: the row was skipped (no agency read from it); `false`: the agency was read with
    /// this value left empty.
    pub skipped: bool,
}

impl fmt::Display for NationalProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} row {}, {} {:?}: {} ({})",
            self.file,
            self.row,
            self.column,
            self.value,
            self.message,
            if self.skipped {
                "row skipped"
            } else {
                "agency read, value left empty"
            }
        )
    }
}

/// Why a file is not the FBI's national list at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NationalReadError {
    /// The file holds nothing, or a header and no agency.
    #[error("{file}: holds no agency: {detail}")]
    Empty {
        /// The file's name.
        file: String,
        /// "the file is empty", "only a header".
        detail: String,
    },
    /// The file is not UTF-8 text (the FBI publishes UTF-8).
    #[error(
        "{file}: is not UTF-8 text (an unreadable byte on line {line}); the FBI's list is a \
         UTF-8 CSV file"
    )]
    NotUtf8 {
        /// The file's name.
        file: String,
        /// The line of the first byte that is not UTF-8.
        line: usize,
    },
    /// The file is not a CSV file the reader can parse.
    #[error("{file}: is not a readable CSV file: {reason}")]
    NotCsv {
        /// The file's name.
        file: String,
        /// What the CSV reader said.
        reason: String,
    },
    /// The header lacks columns the list needs.
    #[error("{file}: is not the FBI's list of agencies: no column {}", .missing.join(", "))]
    MissingColumns {
        /// The file's name.
        file: String,
        /// The columns missing, in the order listed in the module's notes.
        missing: Vec<String>,
    },
    /// Two rows have the same ORI, the list's key.
    #[error("{file}: the ORI {ori} is on two rows; an ORI names one agency")]
    DuplicateOri {
        /// The file's name.
        file: String,
        /// The ORI.
        ori: String,
    },
}

/// The state of an FBI `state_abbr`, with its own codes for Nebraska and Guam.
fn fbi_state(code: &str) -> Option<State> {
    match code.trim().to_uppercase().as_str() {
        "NB" => State::parse("NE"),
        "GM" => State::parse("GU"),
        "FS" => None,
        other if other.len() == 2 => State::parse(other),
        _ => None,
    }
}

/// Reads the FBI's national list from `bytes`; `file` names it in errors and problems.
pub fn read_national_list(bytes: &[u8], file: &str) -> Result<NationalReading, NationalReadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(NationalReadError::Empty {
            file: file.to_string(),
            detail: "the file is empty".into(),
        });
    }
    if let Err(e) = std::str::from_utf8(bytes) {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        return Err(NationalReadError::NotUtf8 {
            file: file.to_string(),
            line,
        });
    }
    let not_csv = |e: csv::Error| NationalReadError::NotCsv {
        file: file.to_string(),
        reason: e.to_string(),
    };
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .map_err(not_csv)?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let missing: Vec<String> = COLUMNS
        .iter()
        .filter(|c| !header.iter().any(|h| h == *c))
        .map(|c| c.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(NationalReadError::MissingColumns {
            file: file.to_string(),
            missing,
        });
    }
    let at = |name: &str| header.iter().position(|h| h == name).unwrap_or(0);
    let [
        ori_at,
        year_at,
        name_at,
        state_at,
        county_at,
        kind_at,
        pop_at,
        officers_at,
        civ_at,
    ] = COLUMNS.map(at);

    let mut agencies = Vec::new();
    let mut problems = Vec::new();
    let mut seen_rows = 0usize;
    for record in reader.records() {
        let record = record.map_err(not_csv)?;
        seen_rows += 1;
        let row = record.position().map_or(0, |p| p.line() as usize);
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        let mut problem = |column: &str, value: &str, message: String, skipped: bool| {
            problems.push(NationalProblem {
                file: file.to_string(),
                row,
                column: column.to_string(),
                value: value.to_string(),
                message,
                skipped,
            });
        };

        let code = cell(state_at);
        let Some(state) = fbi_state(code) else {
            let message = if code.eq_ignore_ascii_case("FS") {
                "FS is the FBI's code for federal agencies, which belong to no state".into()
            } else {
                "not a state's code".into()
            };
            problem("state_abbr", code, message, true);
            continue;
        };
        let ori_text = cell(ori_at);
        let ori = match Ori::parse(ori_text, state) {
            Ok(ori) => ori,
            Err(e) => {
                let upper = ori_text.to_uppercase();
                // Nebraska's and Guam's ORIs begin with the FBI's code for the state.
                if upper.len() == 9
                    && upper.chars().all(|c| c.is_ascii_alphanumeric())
                    && upper[..2].eq_ignore_ascii_case(code)
                    && code != state.code()
                {
                    Ori::unchecked(upper)
                } else {
                    problem("ori", ori_text, e.message.clone(), true);
                    continue;
                }
            }
        };
        let kind_text = cell(kind_at);
        let Some(kind) = ReferenceKind::parse(kind_text) else {
            problem(
                "agency_type_name",
                kind_text,
                "not a type of agency the FBI uses (City, County, University or College, State \
                 Police, Other State Agency, Tribal, Federal, Other)"
                    .into(),
                true,
            );
            continue;
        };
        let name = clean_name(cell(name_at));
        if name.is_empty() {
            problem("pub_agency_name", "", "no name".into(), true);
            continue;
        }
        let year_text = cell(year_at);
        let Ok(data_year) = year_text.parse::<u16>() else {
            problem("data_year", year_text, "not a year".into(), true);
            continue;
        };
        let county_text = cell(county_at);
        let county = match county_text {
            "" => None,
            c if c.eq_ignore_ascii_case("NOT SPECIFIED")
                || c.eq_ignore_ascii_case("UNMAPPED COUNTY") =>
            {
                None
            }
            c => Some(c.to_string()),
        };
        let mut count = |column: &str, text: &str| -> Option<u64> {
            if text.is_empty() || text.eq_ignore_ascii_case("NULL") {
                return None;
            }
            match text.parse::<u64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    problem(column, text, "not a whole number".into(), false);
                    None
                }
            }
        };
        let population = count("population", cell(pop_at)).filter(|n| *n > 0);
        let sworn_officers =
            count("officer_ct", cell(officers_at)).map(|n| n.min(u32::MAX as u64) as u32);
        let civilians = count("civilian_ct", cell(civ_at)).map(|n| n.min(u32::MAX as u64) as u32);
        agencies.push(ReferenceAgency {
            ori,
            name,
            state,
            county,
            kind,
            population,
            sworn_officers,
            civilians,
            data_year,
        });
    }
    if seen_rows == 0 {
        return Err(NationalReadError::Empty {
            file: file.to_string(),
            detail: "only a header".into(),
        });
    }
    let list = NationalList::new(agencies).map_err(|ori| NationalReadError::DuplicateOri {
        file: file.to_string(),
        ori: ori.to_string(),
    })?;
    Ok(NationalReading { list, problems })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "ori,data_year,pub_agency_name,state_abbr,county_name,agency_type_name,\
                          population,officer_ct,civilian_ct,total_pe_ct,pe_ct_per_1000\n";

    fn read(body: &str) -> Result<NationalReading, NationalReadError> {
        read_national_list(format!("{HEADER}{body}").as_bytes(), "fbi.csv")
    }

    #[test]
    fn a_county_and_a_state_agency_are_read_with_their_empty_values_as_none() {
        let r = read(
            "AL0170000,2025,Colbert,AL,COLBERT,County,54000,40,10,50,1.0\n\
             AL0010700,2024,Highway Patrol:,AL,NOT SPECIFIED,State Police,0,,,5,NULL\n",
        )
        .unwrap();
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let al = State::parse("AL").unwrap();
        let colbert = r
            .list
            .by_ori(&Ori::parse("AL0170000", al).unwrap())
            .unwrap();
        assert_eq!(colbert.name, "Colbert");
        assert_eq!(colbert.county.as_deref(), Some("COLBERT"));
        assert_eq!(colbert.kind, ReferenceKind::County);
        assert_eq!(colbert.population, Some(54000));
        assert_eq!(colbert.sworn_officers, Some(40));
        assert_eq!(colbert.civilians, Some(10));
        assert_eq!(colbert.data_year, 2025);
        let patrol = r
            .list
            .by_ori(&Ori::parse("AL0010700", al).unwrap())
            .unwrap();
        assert_eq!(patrol.county, None, "NOT SPECIFIED is no county");
        assert_eq!(patrol.population, None, "0 is no population");
        assert_eq!(patrol.sworn_officers, None);
        assert_eq!(patrol.civilians, None);
    }

    #[test]
    fn nebraska_and_guam_keep_the_fbis_ori_and_federal_rows_are_skipped_with_a_problem() {
        let r = read(
            "NB0010000,2025,Adams,NB,ADAMS,County,6070,19,53,72,11.86\n\
             GM0010000,2025,Guam Police Department,GM,NOT SPECIFIED,Other,0,1,1,2,NULL\n\
             DCFBIWA01,2025,Federal Bureau of Investigation,FS,NOT SPECIFIED,Federal,0,1,1,2,NULL\n",
        )
        .unwrap();
        let ne = r.list.in_state(State::parse("NE").unwrap());
        assert_eq!(ne.len(), 1);
        assert_eq!(ne[0].ori.as_str(), "NB0010000");
        assert_eq!(r.list.in_state(State::parse("GU").unwrap()).len(), 1);
        assert_eq!(r.list.len(), 2);
        assert_eq!(r.problems.len(), 1);
        let p = &r.problems[0];
        assert_eq!(
            (p.row, p.column.as_str(), p.value.as_str()),
            (4, "state_abbr", "FS")
        );
        assert!(p.skipped);
        let shown = p.to_string();
        assert!(
            shown.contains("fbi.csv") && shown.contains("row 4"),
            "{shown}"
        );
        assert!(
            shown.contains("state_abbr") && shown.contains("\"FS\""),
            "{shown}"
        );
        assert!(shown.contains("row skipped"), "{shown}");
    }

    #[test]
    fn a_row_with_an_unreadable_ori_state_or_type_is_skipped_with_a_problem_on_its_line() {
        let r = read(
            "AL0170000,2025,Colbert,AL,COLBERT,County,54000,40,10,50,1.0\n\
             AL01,2025,Short,AL,COLBERT,City,1,1,1,2,1\n\
             TX0010000,2025,Wrong state,AL,COLBERT,City,1,1,1,2,1\n\
             AL0180000,2025,Nowhere,ZZ,COLBERT,City,1,1,1,2,1\n\
             AL0190000,2025,Odd,AL,COLBERT,Village,1,1,1,2,1\n\
             AL0200000,2025,Counted,AL,COLBERT,City,many,1,1,2,1\n",
        )
        .unwrap();
        assert_eq!(
            r.list.len(),
            2,
            "Colbert, and Counted with its population empty"
        );
        let seen: Vec<(usize, &str, bool)> = r
            .problems
            .iter()
            .map(|p| (p.row, p.column.as_str(), p.skipped))
            .collect();
        assert_eq!(
            seen,
            [
                (3, "ori", true),
                (4, "ori", true),
                (5, "state_abbr", true),
                (6, "agency_type_name", true),
                (7, "population", false),
            ]
        );
        assert!(r.problems[1].message.contains("AL"), "{}", r.problems[1]);
        assert!(r.problems[4].to_string().contains("value left empty"));
    }

    #[test]
    fn a_file_missing_columns_is_refused_naming_them() {
        let e = read_national_list(b"ori,name,state\nAL0170000,Colbert,AL\n", "x.csv").unwrap_err();
        let NationalReadError::MissingColumns { missing, .. } = &e else {
            panic!("{e:?}")
        };
        assert!(missing.contains(&"pub_agency_name".to_string()));
        assert!(missing.contains(&"agency_type_name".to_string()));
        assert!(!missing.contains(&"ori".to_string()));
        let shown = e.to_string();
        assert!(
            shown.starts_with("x.csv:") && shown.contains("state_abbr"),
            "{shown}"
        );
    }

    #[test]
    fn a_file_that_is_not_utf8_is_refused_with_its_line() {
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes.extend_from_slice(b"AL0170000,2025,Colbert \x92,AL,COLBERT,County,1,1,1,2,1\n");
        let e = read_national_list(&bytes, "x.csv").unwrap_err();
        assert_eq!(
            e,
            NationalReadError::NotUtf8 {
                file: "x.csv".into(),
                line: 2
            }
        );
        assert!(e.to_string().contains("UTF-8"));
    }

    #[test]
    fn an_empty_file_or_a_header_alone_is_refused() {
        let e = read_national_list(b"", "x.csv").unwrap_err();
        assert!(matches!(e, NationalReadError::Empty { .. }), "{e:?}");
        assert!(e.to_string().contains("empty"));
        let e = read_national_list(HEADER.as_bytes(), "x.csv").unwrap_err();
        assert!(matches!(e, NationalReadError::Empty { .. }), "{e:?}");
    }

    #[test]
    fn two_rows_with_one_ori_are_refused_naming_it() {
        let e = read(
            "AL0170000,2025,Colbert,AL,COLBERT,County,1,1,1,2,1\n\
             AL0170000,2024,Colbert,AL,COLBERT,County,1,1,1,2,1\n",
        )
        .unwrap_err();
        assert_eq!(
            e,
            NationalReadError::DuplicateOri {
                file: "fbi.csv".into(),
                ori: "AL0170000".into()
            }
        );
        assert!(e.to_string().contains("AL0170000"));
    }

    #[test]
    fn a_quoted_name_with_a_comma_and_a_byte_order_mark_are_read() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(HEADER.as_bytes());
        bytes.extend_from_slice(
            b"PA0221500,2025,\"Derry Township, Dauphin County\",PA,DAUPHIN,City,25296,43,3,46,1.82\n",
        );
        let r = read_national_list(&bytes, "x.csv").unwrap();
        assert_eq!(r.list.agencies()[0].name, "Derry Township, Dauphin County");
    }
}
