//! The dashboard's figures for the whole registry, loaded in bulk: the data the checks load,
//! plus every status change, then one pass of the domain's [`DashboardBuilder`]. A fixed number
//! of queries whatever the size; the audit log is never read.

use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;

use super::checks::CheckData;
use super::sql;
use super::{Result, Store};
use crate::domain::calendar::deadlines;
use crate::domain::dashboard::{
    AgreementRecord, DEFAULT_MEETING_MONTHS, Dashboard, DashboardBuilder, Step,
};
use crate::domain::{AgreementId, Catalogue, Rule, Status, check_agreement};

impl Store {
    /// The program's figures as of `today`, with changes since `since`.
    pub fn dashboard(&self, today: NaiveDate, since: NaiveDate) -> Result<Dashboard> {
        let catalogue = self.catalogue()?;
        let data = CheckData::load(self.conn(), None)?;
        let histories = histories(self.conn())?;
        let mut builder = DashboardBuilder::new(today, since, meeting_months(&catalogue));
        for (agency, agreement) in data.agreements() {
            let input = data.input(agency, agreement, today);
            // Compliance is measured on active agreements only, so only they are checked: the
            // engine's reasons are most of the cost of a check.
            let (checks, due) = if agreement.status == Status::Active {
                // Only refreshers are read, and an active agreement has no request waiting,
                // so neither the waiting date nor the waiting days matter.
                (
                    check_agreement(&catalogue, input),
                    deadlines(&catalogue, &input, None, 0),
                )
            } else {
                (Vec::new(), Vec::new())
            };
            builder.add(&AgreementRecord {
                agreement,
                state: agency.details.state,
                history: histories
                    .get(&agreement.id)
                    .map(Vec::as_slice)
                    .unwrap_or_default(),
                nominees: input.nominees,
                meetings: input.meetings,
                checks: &checks,
                deadlines: &due,
            });
        }
        Ok(builder.finish())
    }
}

/// How long agreements may go between oversight meetings: the catalogue's rule, so a change
/// to the rule changes the dashboard too.
fn meeting_months(catalogue: &Catalogue) -> u32 {
    catalogue
        .requirements
        .iter()
        .filter(|r| r.enabled)
        .find_map(|r| match r.rule {
            Rule::OversightMeeting { months } => Some(months),
            _ => None,
        })
        .unwrap_or(DEFAULT_MEETING_MONTHS)
}

/// Every agreement's status history, in the order the changes were recorded. `ORDER BY id` is
/// the table's own order (the rowid), so SQLite sorts nothing, and the order is promised
/// rather than the accident of a scan.
fn histories(conn: &Connection) -> Result<HashMap<AgreementId, Vec<Step>>> {
    let mut stmt =
        conn.prepare("SELECT agreement_id, to_status, on_date FROM status_changes ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut out: HashMap<AgreementId, Vec<Step>> = HashMap::new();
    while let Some(r) = rows.next()? {
        let status = sql::code(r, 1, Status::parse)?;
        if let Some(on) = sql::date(r, 2)? {
            out.entry(r.get(0)?).or_default().push(Step { on, status });
        }
    }
    Ok(out)
}
