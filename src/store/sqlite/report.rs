//! What the printed report of one agency needs beyond its screen: how long its history is, so
//! the report can say how many older entries it leaves out.

use chrono::NaiveDate;

use super::detail::AgencyDetail;
use super::{Result, Store};
use crate::domain::AgencyId;

/// One agency as its printed report shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyReport {
    /// The agency as its screen shows it, with the newest entries of its history.
    pub detail: AgencyDetail,
    /// How many entries its whole history holds.
    pub history_total: usize,
    /// The day it was checked for.
    pub today: NaiveDate,
}

impl Store {
    /// Reads an agency for its report, checked as of `today`.
    pub fn agency_report(&self, id: AgencyId, today: NaiveDate) -> Result<AgencyReport> {
        let detail = self.agency_detail(id, today)?;
        let total: i64 = self.conn().query_row(
            "SELECT count(*) FROM audit_log WHERE agency_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        Ok(AgencyReport {
            detail,
            history_total: usize::try_from(total).unwrap_or(0),
            today,
        })
    }
}
