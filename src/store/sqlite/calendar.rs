//! The compliance calendar of the whole registry, assembled in bulk like the checks: the same
//! loaded data, plus complaints, notices and the date each agreement entered its status.

use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

use super::checks::CheckData;
use super::oversight::{all_complaints, all_notices};
use super::sql;
use super::{Result, Store};
use crate::domain::calendar::{
    Deadline, DeadlineState, deadlines, record_deadlines, suspension_deadline,
};
use crate::domain::claims::claim_deadlines;
use crate::domain::{AgencyId, AgreementId, Component, Model};

/// How many days a request may wait for a decision before the calendar shows it, unless the
/// coordinator sets another number.
pub const REQUEST_DAYS: u32 = 90;

/// One deadline with what a coordinator needs to recognise it in a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalendarItem {
    /// The deadline.
    #[serde(flatten)]
    pub deadline: Deadline,
    /// The agency's id (to open it).
    pub agency: AgencyId,
    /// The agency's name.
    pub agency_name: String,
    /// The agency's state code.
    pub state: String,
    /// The agreement's model.
    pub model: Model,
    /// The agreement's component.
    pub component: Component,
}

impl Store {
    /// Every deadline of every agreement as of `today`: overdue ones first, then those passed
    /// with no record, then the rest, each by due date, then by agency name. `request_days` is how long a request may wait.
    pub fn calendar(&self, today: NaiveDate, request_days: u32) -> Result<Vec<CalendarItem>> {
        let catalogue = self.catalogue()?;
        let data = CheckData::load(self.conn(), None)?;
        let complaints = by_agreement(all_complaints(self.conn())?, |c| c.agreement_id);
        let notices = by_agreement(all_notices(self.conn())?, |n| n.agreement_id);
        let claims = by_agreement(super::claims::all_claims(self.conn())?, |c| c.agreement_id);
        let since = status_since(self.conn())?;
        let suspensions = suspensions(self.conn())?;
        let mut items = Vec::new();
        for (agency, agreement) in data.agreements() {
            let input = data.input(agency, agreement, today);
            let mut found = deadlines(
                &catalogue,
                &input,
                since.get(&agreement.id).copied(),
                request_days,
            );
            found.extend(record_deadlines(
                &catalogue,
                agreement,
                of(&complaints, agreement.id),
                of(&notices, agreement.id),
                today,
            ));
            found.extend(suspension_deadline(
                &catalogue,
                agreement,
                suspensions.get(&agreement.id).copied(),
                today,
            ));
            found.extend(claim_deadlines(
                &catalogue,
                agreement,
                of(&claims, agreement.id),
                today,
            ));
            items.extend(found.into_iter().map(|deadline| CalendarItem {
                deadline,
                agency: agency.id,
                agency_name: agency.details.name.clone(),
                state: agency.details.state.code().to_string(),
                model: agreement.model,
                component: agreement.component,
            }));
        }
        // Names compare without case, as the Agencies list and the store's own order do:
        // "Deaf Smith County" before "DeWitt County".
        items.sort_by_cached_key(|i| {
            (
                rank(i),
                i.deadline.due,
                crate::domain::agency::identity_key(&i.agency_name),
                i.deadline.kind,
            )
        });
        Ok(items)
    }
}

/// Where a deadline sorts: overdue first, then those passed with no record, then the rest
/// (upcoming and advisory) by due date.
pub fn rank(item: &CalendarItem) -> u8 {
    match item.deadline.state {
        DeadlineState::Overdue => 0,
        DeadlineState::NoRecord => 1,
        DeadlineState::Upcoming | DeadlineState::Advisory => 2,
    }
}

/// Records grouped by the agreement they belong to, for the bulk read.
fn by_agreement<T>(rows: Vec<T>, id: impl Fn(&T) -> AgreementId) -> HashMap<AgreementId, Vec<T>> {
    let mut out: HashMap<AgreementId, Vec<T>> = HashMap::new();
    for r in rows {
        out.entry(id(&r)).or_default().push(r);
    }
    out
}

/// An agreement's records from [`by_agreement`]'s map; none when it has none.
fn of<T>(map: &HashMap<AgreementId, Vec<T>>, agreement: AgreementId) -> &[T] {
    map.get(&agreement).map(Vec::as_slice).unwrap_or_default()
}

/// The newest suspension with a stated end of each agreement: (day decided, day it ends).
fn suspensions(
    conn: &crate::store::connection::Connection,
) -> Result<HashMap<AgreementId, (NaiveDate, NaiveDate)>> {
    let mut stmt = conn.prepare(
        "SELECT agreement_id, decided_on, suspended_until FROM decisions
         WHERE outcome = 'suspended' AND suspended_until IS NOT NULL ORDER BY decided_on, id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = HashMap::new();
    while let Some(r) = rows.next()? {
        let r = &r;
        if let (Some(decided), Some(until)) = (sql::date(r, 1)?, sql::date(r, 2)?) {
            out.insert(r.get(0)?, (decided, until));
        }
    }
    Ok(out)
}

/// The day each agreement entered its current status (its newest status change).
fn status_since(
    conn: &crate::store::connection::Connection,
) -> Result<HashMap<AgreementId, NaiveDate>> {
    let mut stmt = conn
        .prepare("SELECT agreement_id, max(on_date) FROM status_changes GROUP BY agreement_id")?;
    let mut rows = stmt.query([])?;
    let mut out = HashMap::new();
    while let Some(r) = rows.next()? {
        let r = &r;
        if let Some(d) = sql::date(r, 1)? {
            out.insert(r.get(0)?, d);
        }
    }
    Ok(out)
}
