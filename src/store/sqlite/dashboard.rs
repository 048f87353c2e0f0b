//! The dashboard's figures for the whole registry, loaded in bulk: the data the checks load,
//! plus every status change, then one pass of the domain's [`DashboardBuilder`]. A fixed number
//! of queries whatever the size; the audit log is never read.

use crate::store::connection::Connection;
use chrono::NaiveDate;
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
        let mut dashboard = builder.finish();
        self.add_coverage(&mut dashboard, today)?;
        Ok(dashboard)
    }

    /// The coverage of the national list and the nominees against sworn officers: every
    /// agency of the national list with whether an agency with an active agreement carries its
    /// ORI (the small columns only: reading whole rows cost a quarter of the dashboard), and
    /// the active agencies' nominees who have not left.
    fn add_coverage(&self, dashboard: &mut Dashboard, today: NaiveDate) -> Result<()> {
        use crate::domain::State;
        use crate::domain::dashboard::coverage::{NomineeShare, Served, coverage, most_nominated};
        let mut stmt = self.conn().prepare(
            "SELECT n.state, n.population, n.sworn_officers,
                    EXISTS (SELECT 1 FROM agencies a JOIN agreements g ON g.agency_id = a.id
                            WHERE a.ori = n.ori AND g.status = 'active')
             FROM national_agencies n",
        )?;
        let mut served = Vec::new();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let r = &r;
            let code: String = r.get(0)?;
            let Some(state) = State::parse(&code) else {
                continue;
            };
            served.push(Served {
                state,
                population: r.get::<_, Option<i64>>(1)?.unwrap_or(0).max(0) as u64,
                sworn: r.get::<_, Option<i64>>(2)?.unwrap_or(0).max(0) as u64,
                covered: r.get(3)?,
            });
        }
        if served.is_empty() {
            return Ok(());
        }
        dashboard.coverage = coverage(served);
        let mut stmt = self.conn().prepare(
            "SELECT a.name, a.state, n.sworn_officers,
                    (SELECT count(*) FROM nominees m JOIN agreements g2 ON g2.id = m.agreement_id
                     WHERE g2.agency_id = a.id AND g2.status = 'active'
                       AND (m.leaves_on IS NULL OR m.leaves_on > ?1))
             FROM agencies a JOIN national_agencies n ON n.ori = a.ori
             WHERE EXISTS (SELECT 1 FROM agreements g WHERE g.agency_id = a.id AND g.status = 'active')",
        )?;
        let shares = stmt
            .query_map([today.to_string()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })?
            .collect::<crate::store::connection::Result<Vec<_>>>()?
            .into_iter()
            .filter_map(|(agency, state, sworn, nominees)| {
                Some(NomineeShare {
                    agency,
                    state: State::parse(&state)?,
                    nominees: nominees.max(0) as usize,
                    sworn: u32::try_from(sworn?).ok()?,
                })
            })
            .collect();
        dashboard.most_nominated = most_nominated(shares, MOST_NOMINATED_SHOWN);
        Ok(())
    }
}

/// How many agencies the dashboard lists by nominees per sworn officer.
const MOST_NOMINATED_SHOWN: usize = 10;

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
        let r = &r;
        let status = sql::code(r, 1, Status::parse)?;
        if let Some(on) = sql::date(r, 2)? {
            out.entry(r.get(0)?).or_default().push(Step { on, status });
        }
    }
    Ok(out)
}
