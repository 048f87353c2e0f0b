//! Turning rows of cells into [`ListRow`]s and [`Problem`]s, one column rule at a time.
//!
//! A row needs a state, an agency name and a model to become an agreement; without one it is
//! refused (a problem with `kept: false`), never dropped silently. Any other unreadable cell is
//! left empty and reported (`kept: true`). Blank rows are not data and are skipped.

use chrono::NaiveDate;

use super::cells::{Cell, RawCell, RawRow, optional_text};
use super::dates::parse_signed;
use super::header::{self, Columns};
use super::safelinks::unwrap_safelink;
use super::{ListKind, ListRow, MoaCell, Problem, RegistryFacts};
use crate::domain::agency::{clean_name, name_concerns, non_empty};
use crate::domain::{AgencyKind, Component, Model, Ori, State, Status};

/// Reads the data rows (those below the header) of file `file`.
pub(crate) fn read_rows(
    file: &str,
    rows: &[RawRow],
    columns: &Columns,
    kind: ListKind,
    today: NaiveDate,
) -> (Vec<ListRow>, Vec<Problem>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for raw in rows
        .iter()
        .filter(|r| !r.is_blank() && !is_chain_head_line(r))
    {
        let mut row = RowReader {
            file,
            raw,
            problems: Vec::new(),
            refused: false,
        };
        for (index, cell) in raw.cells.iter().enumerate() {
            if let Some(shown) = &cell.bad_bytes {
                row.problem(
                    &columns.name_of(index),
                    &Cell::Text(shown.clone()),
                    "holds bytes that are not UTF-8 (shown as \\xNN) in a file that is otherwise \
                     UTF-8: the row cannot be imported until the file is corrected",
                    false,
                );
            }
        }
        let read = row.read(columns, kind, today);
        if row.refused {
            // Nothing of a refused row is imported, so none of its values is "kept".
            problems.extend(
                row.problems
                    .into_iter()
                    .map(|p| Problem { kept: false, ..p }),
            );
        } else {
            problems.append(&mut row.problems);
            out.extend(read);
        }
    }
    (out, problems)
}

/// The line a g287 CSV export ends with: the audit chain's head, one cell, not data.
fn is_chain_head_line(row: &RawRow) -> bool {
    row.cells.iter().skip(1).all(|c| c.value.is_blank())
        && row.value(0).raw().starts_with("g287 audit chain head ")
}

/// One row being read, collecting its problems.
struct RowReader<'a> {
    file: &'a str,
    raw: &'a RawRow,
    problems: Vec<Problem>,
    refused: bool,
}

impl RowReader<'_> {
    fn read(&mut self, columns: &Columns, kind: ListKind, today: NaiveDate) -> Option<ListRow> {
        let state = self.state(columns.state);
        let agency = self.agency(columns.agency);
        let agency_kind = columns.kind.and_then(|i| self.kind(i));
        let county = columns
            .county
            .and_then(|i| self.optional(i, header::COUNTY));
        let model = self.model(columns.model, kind);
        let registry = (kind == ListKind::Registry).then(|| self.registry(columns, state, model));
        let (signed, signed_raw) = match columns.signed {
            Some(i) => self.signed(i, kind, today),
            None => (None, None),
        };
        let (moa, moa_addendum) = columns.moa.map_or((None, false), |i| self.moa(i));
        let addendum = columns
            .addendum
            .and_then(|i| self.addendum(i))
            .or_else(|| moa_addendum.then(|| "addendum".to_string()));
        Some(ListRow {
            row: self.raw.row,
            state: state?,
            agency: agency?,
            kind: agency_kind,
            county,
            model: model?,
            signed,
            signed_raw,
            moa,
            addendum,
            registry,
        })
    }

    /// The columns of a g287 export. The status is required on a row with an agreement: it is
    /// the whole point of the export, and never guessed.
    fn registry(
        &mut self,
        columns: &Columns,
        state: Option<State>,
        model: Option<Option<Model>>,
    ) -> RegistryFacts {
        let text = |me: &Self, i: Option<usize>| {
            i.map(|i| me.cell(i).raw().trim().to_string())
                .unwrap_or_default()
        };
        let component_raw = text(self, columns.component);
        let agency_only = matches!(model, Some(None));
        let component = match Component::parse(&component_raw) {
            Some(c) => c,
            // An agency with no agreement has no component; the export leaves it empty.
            None if agency_only && component_raw.is_empty() => Component::Ice,
            None => {
                let cell = columns
                    .component
                    .map(|i| self.cell(i).clone())
                    .unwrap_or(Cell::Empty);
                self.problem(
                    header::COMPONENT,
                    &cell,
                    "the component is ICE or CBP: the row cannot be imported",
                    false,
                );
                Component::Ice
            }
        };
        let status_raw = text(self, columns.status);
        let has_agreement = matches!(model, Some(Some(_)));
        let status = match (Status::parse(&status_raw), has_agreement) {
            (Some(s), true) => Some(s),
            (None, false) if status_raw.is_empty() => None,
            _ => {
                let cell = columns
                    .status
                    .map(|i| self.cell(i).clone())
                    .unwrap_or(Cell::Empty);
                self.problem(
                    header::STATUS,
                    &cell,
                    "not a status g287 writes (requested, under_review, pending, active, ...): the row cannot be imported",
                    false,
                );
                None
            }
        };
        let ori_raw = text(self, columns.ori);
        let ori = match (ori_raw.is_empty(), state) {
            (false, Some(state)) => match Ori::parse(&ori_raw, state) {
                Ok(o) => Some(o),
                Err(e) => {
                    let cell = columns
                        .ori
                        .map(|i| self.cell(i).clone())
                        .unwrap_or(Cell::Empty);
                    self.problem(
                        header::ORI,
                        &cell,
                        format!("{}; imported without an ORI", e.message),
                        true,
                    );
                    None
                }
            },
            _ => None,
        };
        let jail_raw = text(self, columns.jail).to_lowercase();
        let has_jail = match jail_raw.as_str() {
            "" => None,
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                let cell = columns
                    .jail
                    .map(|i| self.cell(i).clone())
                    .unwrap_or(Cell::Empty);
                self.problem(
                    header::JAIL,
                    &cell,
                    "JAIL is yes, no or empty; imported as unknown",
                    true,
                );
                None
            }
        };
        RegistryFacts {
            component,
            status,
            ori,
            has_jail,
        }
    }

    fn cell(&self, index: usize) -> &Cell {
        self.raw.value(index)
    }

    fn problem(&mut self, column: &str, value: &Cell, message: impl Into<String>, kept: bool) {
        self.refused |= !kept;
        self.problems.push(Problem {
            file: self.file.to_string(),
            row: self.raw.row,
            column: column.to_string(),
            value: value.raw(),
            message: message.into(),
            kept,
        });
    }

    fn state(&mut self, index: usize) -> Option<State> {
        let cell = self.cell(index).clone();
        let state = State::parse(&cell.raw());
        if state.is_none() {
            let message = if cell.is_blank() {
                "no state: the row cannot become an agreement".to_string()
            } else {
                "not a U.S. state, DC or territory: the row cannot become an agreement".to_string()
            };
            self.problem(header::STATE, &cell, message, false);
        }
        state
    }

    fn agency(&mut self, index: usize) -> Option<String> {
        let cell = self.cell(index).clone();
        let name = match &cell {
            Cell::Error(_) => String::new(),
            other => clean_name(&other.raw()),
        };
        if name.is_empty() {
            let message = match &cell {
                Cell::Error(e) => format!("the spreadsheet error {e} is not an agency name"),
                _ => "no agency name: the row cannot become an agreement".to_string(),
            };
            self.problem(header::AGENCY, &cell, message, false);
            return None;
        }
        for concern in name_concerns(&name) {
            // A control character is refused; a name mixing scripts is imported as written, to
            // be checked: it may be a look-alike of an agency already registered.
            let kept = !concern.contains("control characters");
            let what = if kept {
                "imported as written, check it is not a look-alike of another agency"
            } else {
                "the row cannot be imported"
            };
            self.problem(
                header::AGENCY,
                &cell,
                format!("the name {concern}: {what}"),
                kept,
            );
        }
        if self.refused {
            return None;
        }
        Some(name)
    }

    fn kind(&mut self, index: usize) -> Option<AgencyKind> {
        let cell = self.cell(index).clone();
        let text = non_empty(&cell.raw())?;
        let kind = AgencyKind::parse(&text);
        if kind.is_none() {
            self.problem(
                header::TYPE,
                &cell,
                "not an agency type (County, Municipality or State Agency); imported without a type",
                true,
            );
        }
        kind
    }

    fn optional(&mut self, index: usize, column: &str) -> Option<String> {
        let cell = self.cell(index).clone();
        if let Cell::Error(e) = &cell
            && e != "#N/A"
        {
            self.problem(
                column,
                &cell,
                format!("the spreadsheet error {e}; imported without a value"),
                true,
            );
            return None;
        }
        optional_text(&cell)
    }

    /// The model; on a g287 export an empty cell is an agency with no agreement (`Some(None)`).
    fn model(&mut self, index: usize, kind: ListKind) -> Option<Option<Model>> {
        let cell = self.cell(index).clone();
        if kind == ListKind::Registry && cell.is_blank() {
            return Some(None);
        }
        let model = Model::parse(&cell.raw());
        if model.is_none() {
            let message = if cell.is_blank() {
                "no support type (model): the row cannot become an agreement".to_string()
            } else {
                "not a 287(g) model (Jail Enforcement Model, Task Force Model or Warrant \
                 Service Officer): the row cannot become an agreement"
                    .to_string()
            };
            self.problem(header::SUPPORT_TYPE, &cell, message, false);
        }
        model.map(Some)
    }

    fn signed(
        &mut self,
        index: usize,
        kind: ListKind,
        today: NaiveDate,
    ) -> (Option<NaiveDate>, Option<String>) {
        let cell = self.cell(index).clone();
        if cell.is_blank() {
            if kind == ListKind::Participating {
                self.problem(
                    header::SIGNED,
                    &cell,
                    "no signed date, though a participating list gives one",
                    true,
                );
            }
            return (None, None);
        }
        match parse_signed(&cell, today) {
            Ok(date) => (Some(date), None),
            Err(why) => {
                self.problem(
                    header::SIGNED,
                    &cell,
                    format!("{why}; imported without a signed date"),
                    true,
                );
                (None, Some(cell.raw()))
            }
        }
    }

    /// The MOA cell and whether it also announces an addendum (`link | addendum`).
    fn moa(&mut self, index: usize) -> (Option<MoaCell>, bool) {
        let Some(raw_cell) = self.raw.get(index).cloned() else {
            return (None, false);
        };
        match read_moa(&raw_cell) {
            Ok(read) => read,
            Err(why) => {
                self.problem(header::MOA, &raw_cell.value, why, true);
                (None, false)
            }
        }
    }

    fn addendum(&mut self, index: usize) -> Option<String> {
        let raw_cell = self.raw.get(index)?.clone();
        let text = self.optional(index, header::ADDENDUM)?;
        Some(raw_cell.link.as_deref().map_or(text, unwrap_safelink))
    }
}

/// Reads an MOA cell: `link` (posted), `link pending` (not posted), a bare address (posted, as
/// in one row of the May 2025 list), or `link | addendum` (posted, with an addendum, as older
/// lists wrote it). Errors with the message for anything else.
fn read_moa(cell: &RawCell) -> Result<(Option<MoaCell>, bool), String> {
    let text = clean_name(&cell.value.raw()).to_lowercase();
    let url = cell.link.as_deref().map(unwrap_safelink);
    let posted = |posted: bool, url: Option<String>| Some(MoaCell { posted, url });
    if text.is_empty() {
        return Ok((None, false));
    }
    if text == "link" {
        return Ok((posted(true, url), false));
    }
    if text == "link pending" {
        return Ok((posted(false, url), false));
    }
    // g287's own export writes a pending MOA whose address is known as "link pending ADDRESS".
    let cleaned = clean_name(&cell.value.raw());
    if let Some(address) = cleaned
        .get(.."link pending ".len())
        .filter(|start| start.eq_ignore_ascii_case("link pending "))
        .and_then(|_| cleaned.get("link pending ".len()..))
        .filter(|rest| rest.starts_with("https://") || rest.starts_with("http://"))
    {
        return Ok((
            posted(false, url.or_else(|| Some(address.to_string()))),
            false,
        ));
    }
    if text.starts_with("https://") || text.starts_with("http://") {
        let url = url.or_else(|| Some(unwrap_safelink(&clean_name(&cell.value.raw()))));
        return Ok((posted(true, url), false));
    }
    if let Some((first, second)) = text.split_once('|')
        && first.trim() == "link"
        && second.trim() == "addendum"
    {
        return Ok((posted(true, url), true));
    }
    Err(
        "expected \"link\" or \"link pending\"; imported without the MOA's posting status"
            .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 7, 20).unwrap()
    }

    fn text(s: &str) -> RawCell {
        RawCell::plain(if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.into())
        })
    }

    fn linked(s: &str, url: &str) -> RawCell {
        RawCell {
            value: Cell::Text(s.into()),
            link: Some(url.into()),
            bad_bytes: None,
        }
    }

    /// ICE's participating columns, with ADDENDUM.
    fn columns() -> Columns {
        Columns {
            state: 0,
            agency: 1,
            kind: Some(2),
            county: Some(3),
            model: 4,
            signed: Some(5),
            moa: Some(6),
            addendum: Some(7),
            component: None,
            status: None,
            ori: None,
            jail: None,
        }
    }

    fn read(cells: Vec<RawCell>) -> (Vec<ListRow>, Vec<Problem>) {
        let rows = [RawRow { row: 7, cells }];
        read_rows(
            "f.xlsx",
            &rows,
            &columns(),
            ListKind::Participating,
            today(),
        )
    }

    fn good() -> Vec<RawCell> {
        vec![
            text("FLORIDA"),
            text(" Hillsborough  County Sheriff’s Office "),
            text("County"),
            text("Hillsborough County "),
            text("Jail Enforcement Model"),
            RawCell::plain(Cell::Date(45785.0)),
            linked(
                "link",
                "https://gcc02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.ice.gov%2Fa.pdf&data=1",
            ),
            text(""),
        ]
    }

    #[test]
    fn a_clean_row_is_read_and_cleaned() {
        let (rows, problems) = read(good());
        assert_eq!(problems, []);
        let row = &rows[0];
        assert_eq!(row.row, 7);
        assert_eq!(row.state.code(), "FL");
        assert_eq!(row.agency, "Hillsborough County Sheriff’s Office");
        assert_eq!(row.kind, Some(AgencyKind::County));
        assert_eq!(row.county.as_deref(), Some("Hillsborough County"));
        assert_eq!(row.model, Some(Model::Jem));
        assert_eq!(row.signed, NaiveDate::from_ymd_opt(2025, 5, 8));
        assert_eq!(row.signed_raw, None);
        assert_eq!(
            row.moa,
            Some(MoaCell {
                posted: true,
                url: Some("https://www.ice.gov/a.pdf".into())
            })
        );
        assert_eq!(row.addendum, None);
    }

    #[test]
    fn not_available_markers_are_cleaned_silently() {
        let mut cells = good();
        cells[3] = RawCell::plain(Cell::Error("#N/A".into()));
        cells[2] = text("");
        let (rows, problems) = read(cells);
        assert_eq!(problems, []);
        assert_eq!((rows[0].county.clone(), rows[0].kind), (None, None));
    }

    #[test]
    fn unusable_rows_are_refused_with_every_reason() {
        let mut cells = good();
        cells[0] = text("ATLANTIS");
        cells[4] = text("Harbor Patrol Model");
        cells[5] = text("7/72025");
        let (rows, problems) = read(cells);
        assert!(rows.is_empty());
        let summary: Vec<(&str, &str, bool)> = problems
            .iter()
            .map(|p| (p.column.as_str(), p.value.as_str(), p.kept))
            .collect();
        assert_eq!(
            summary,
            [
                ("STATE", "ATLANTIS", false),
                ("SUPPORT TYPE", "Harbor Patrol Model", false),
                ("SIGNED", "7/72025", false)
            ]
        );
        assert!(problems.iter().all(|p| p.row == 7 && p.file == "f.xlsx"));
    }

    #[test]
    fn empty_agency_refuses_the_row() {
        let mut cells = good();
        cells[1] = text("   ");
        let (rows, problems) = read(cells);
        assert!(rows.is_empty());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].column, "LAW ENFORCEMENT AGENCY");
        assert!(!problems[0].kept);
    }

    #[test]
    fn unreadable_optional_cells_are_kept_empty_and_flagged() {
        let mut cells = good();
        cells[2] = text("City");
        cells[5] = RawCell::plain(Cell::Number(1141572.0));
        cells[6] = text("see website");
        cells[3] = RawCell::plain(Cell::Error("#REF!".into()));
        let (rows, problems) = read(cells);
        let row = &rows[0];
        assert_eq!((row.kind, row.signed, row.moa.clone()), (None, None, None));
        assert_eq!(row.signed_raw.as_deref(), Some("1141572"));
        assert_eq!(row.county, None);
        let columns: Vec<&str> = problems.iter().map(|p| p.column.as_str()).collect();
        assert_eq!(columns, ["TYPE", "COUNTY", "SIGNED", "MOA"]);
        assert!(problems.iter().all(|p| p.kept));
        assert!(
            problems[2].message.contains("5025"),
            "{}",
            problems[2].message
        );
    }

    #[test]
    fn empty_signed_on_a_participating_list_is_flagged() {
        let mut cells = good();
        cells[5] = text(" ");
        let (rows, problems) = read(cells.clone());
        assert_eq!(rows[0].signed, None);
        assert_eq!(rows[0].signed_raw, None);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("no signed date"));
        assert!(problems[0].kept);
    }

    #[test]
    fn moa_cells() {
        let read = |c: RawCell| read_moa(&c);
        assert_eq!(
            read(text("link pending ")),
            Ok((
                Some(MoaCell {
                    posted: false,
                    url: None
                }),
                false
            ))
        );
        assert_eq!(
            read(text("LINK")),
            Ok((
                Some(MoaCell {
                    posted: true,
                    url: None
                }),
                false
            ))
        );
        assert_eq!(read(text("  ")), Ok((None, false)));
        // g287's export of a pending MOA whose address is known.
        assert_eq!(
            read(text("link pending https://www.ice.gov/doclib/x.pdf")),
            Ok((
                Some(MoaCell {
                    posted: false,
                    url: Some("https://www.ice.gov/doclib/x.pdf".into())
                }),
                false
            ))
        );
        assert_eq!(
            read(text("link\u{a0}|\u{a0}addendum")),
            Ok((
                Some(MoaCell {
                    posted: true,
                    url: None
                }),
                true
            ))
        );
        assert_eq!(
            read(text("https://www.ice.gov/x.pdf")),
            Ok((
                Some(MoaCell {
                    posted: true,
                    url: Some("https://www.ice.gov/x.pdf".into())
                }),
                false
            ))
        );
        assert!(read(text("pending review")).is_err());
    }

    #[test]
    fn addendum_keeps_its_address_or_text() {
        let mut cells = good();
        cells[7] = linked(
            "link",
            "https://gcc02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.ice.gov%2Fadd.pdf&data=1",
        );
        let (rows, _) = read(cells.clone());
        assert_eq!(
            rows[0].addendum.as_deref(),
            Some("https://www.ice.gov/add.pdf")
        );
        cells[7] = text("link ");
        assert_eq!(read(cells.clone()).0[0].addendum.as_deref(), Some("link"));
        cells[6] = text("link | addendum");
        cells[7] = text("");
        assert_eq!(read(cells).0[0].addendum.as_deref(), Some("addendum"));
    }

    /// A name with ESC is refused; one mixing Latin and Cyrillic letters is imported and flagged;
    /// a zero-width space is removed from the name.
    #[test]
    fn control_characters_and_mixed_scripts_in_a_name_are_flagged() {
        let named = |name: &str| {
            let mut cells = good();
            cells[1] = text(name);
            read(cells)
        };
        let (rows, problems) = named("Polk\u{1b}]0;owned\u{7} Sheriff");
        assert!(rows.is_empty());
        assert_eq!(
            (problems[0].column.as_str(), problems[0].kept),
            ("LAW ENFORCEMENT AGENCY", false)
        );
        let (rows, problems) = named("P\u{043E}lk County Sheriff");
        assert_eq!(rows[0].agency, "P\u{043E}lk County Sheriff");
        assert!(
            problems[0].kept && problems[0].message.contains("Cyrillic"),
            "{problems:?}"
        );
        let (rows, problems) = named("Polk\u{200B} County Sheriff");
        assert_eq!(
            (rows[0].agency.as_str(), problems.len()),
            ("Polk County Sheriff", 0)
        );
    }

    #[test]
    fn blank_and_short_rows() {
        let rows = [
            RawRow {
                row: 2,
                cells: vec![text(""), text("  ")],
            },
            RawRow {
                row: 3,
                cells: vec![text("GUAM"), text("Guam Police"), text("County")],
            },
        ];
        let (read, problems) =
            read_rows("f.csv", &rows, &columns(), ListKind::Participating, today());
        assert!(read.is_empty());
        let found: Vec<(usize, &str, bool)> = problems
            .iter()
            .map(|p| (p.row, p.column.as_str(), p.kept))
            .collect();
        assert_eq!(found, [(3, "SUPPORT TYPE", false), (3, "SIGNED", false)]);
    }

    #[test]
    fn pending_lists_have_no_dates_to_miss() {
        let columns = Columns {
            signed: None,
            moa: None,
            addendum: None,
            ..columns()
        };
        let rows = [RawRow {
            row: 2,
            cells: good().into_iter().take(5).collect(),
        }];
        let (read, problems) = read_rows("p.xlsx", &rows, &columns, ListKind::Pending, today());
        assert_eq!(problems, []);
        assert_eq!((read[0].signed, read[0].moa.clone()), (None, None));
    }
}
