//! Which agreements a read covers: one agreement, or every agreement of an agency at once.
//!
//! The Agency screen shows everything recorded under each of an agency's agreements. Read
//! agreement by agreement, that was ten queries per agreement; on a server each is a round
//! trip. Read by agency, each kind of record is one query however many agreements there are,
//! and the rows are grouped by agreement in memory ([`by_agreement`]).

use std::collections::HashMap;

use crate::domain::{AgencyId, AgreementId};

/// The agreements a read covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// One agreement.
    Agreement(AgreementId),
    /// Every agreement of an agency.
    Agency(AgencyId),
}

impl Scope {
    /// The condition on `column` (an agreement's id) that keeps the scope's rows, with the
    /// scope's id as `?1`.
    pub(crate) fn condition(self, column: &str) -> String {
        match self {
            Scope::Agreement(_) => format!("{column} = ?1"),
            Scope::Agency(_) => {
                format!("{column} IN (SELECT id FROM agreements WHERE agency_id = ?1)")
            }
        }
    }

    /// The id bound to `?1`.
    pub(crate) fn id(self) -> i64 {
        match self {
            Scope::Agreement(id) => id.0,
            Scope::Agency(id) => id.0,
        }
    }
}

/// Rows read with their agreement, grouped by agreement, each group in the order read.
pub(crate) fn by_agreement<T>(rows: Vec<(AgreementId, T)>) -> HashMap<AgreementId, Vec<T>> {
    let mut grouped: HashMap<AgreementId, Vec<T>> = HashMap::new();
    for (agreement, row) in rows {
        grouped.entry(agreement).or_default().push(row);
    }
    grouped
}

/// The rows alone, for a read of one agreement.
pub(crate) fn rows<T>(rows: Vec<(AgreementId, T)>) -> Vec<T> {
    rows.into_iter().map(|(_, row)| row).collect()
}
