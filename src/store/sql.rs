//! Conversions between domain values and SQLite columns, shared by the store's modules.

use chrono::NaiveDate;
use rusqlite::Row;

use crate::domain::{
    Agency, AgencyDetails, AgencyKind, Agreement, Component, MoaPosting, Model, Ori, State, Status,
};

/// Reads an ISO date column; a value that is not a date reads as a conversion error, never as
/// a silently different date.
pub(crate) fn date(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let raw: Option<String> = row.get(idx)?;
    raw.map(|s| {
        s.parse::<NaiveDate>().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
        })
    })
    .transpose()
}

/// Reads a text column through a parser of stored codes.
pub(crate) fn code<T>(
    row: &Row<'_>,
    idx: usize,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let raw: String = row.get(idx)?;
    parse(&raw).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unknown code {raw:?}").into(),
        )
    })
}

/// The columns [`agency`] reads, in order.
pub(crate) const AGENCY_COLUMNS: &str = "id, state, name, kind, county, ori, has_jail, contact";

/// Reads an agency from [`AGENCY_COLUMNS`] starting at `at`.
pub(crate) fn agency(row: &Row<'_>, at: usize) -> rusqlite::Result<Agency> {
    let state = code(row, at + 1, State::parse)?;
    let ori: Option<String> = row.get(at + 5)?;
    Ok(Agency {
        id: row.get(at)?,
        details: AgencyDetails {
            state,
            name: row.get(at + 2)?,
            kind: code(row, at + 3, AgencyKind::parse)?,
            county: row.get(at + 4)?,
            ori: ori.map(|o| Ori::parse(&o, state).unwrap_or_else(|_| Ori::unchecked(o))),
            has_jail: row.get(at + 6)?,
            contact: row.get(at + 7)?,
        },
    })
}

/// The columns [`agreement`] reads, in order.
pub(crate) const AGREEMENT_COLUMNS: &str = "id, agency_id, model, component, status, requested_on, signed_on, moa, moa_url, last_listed_on";

/// Reads an agreement from [`AGREEMENT_COLUMNS`] starting at `at`.
pub(crate) fn agreement(row: &Row<'_>, at: usize) -> rusqlite::Result<Agreement> {
    let moa: Option<String> = row.get(at + 7)?;
    Ok(Agreement {
        id: row.get(at)?,
        agency_id: row.get(at + 1)?,
        model: code(row, at + 2, Model::parse)?,
        component: code(row, at + 3, Component::parse)?,
        status: code(row, at + 4, Status::parse)?,
        requested_on: date(row, at + 5)?,
        signed_on: date(row, at + 6)?,
        moa: moa.as_deref().and_then(MoaPosting::parse),
        moa_url: row.get(at + 8)?,
        last_listed_on: date(row, at + 9)?,
    })
}

/// A date as stored.
pub(crate) fn iso(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}
