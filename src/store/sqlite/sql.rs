//! Conversions between domain values and SQLite columns, shared by the store's modules.

use crate::store::connection::Row;
use chrono::NaiveDate;
use rusqlite::ToSql;
use rusqlite::types::{FromSql, FromSqlResult, ToSqlOutput, ValueRef};
use std::any::{Any, TypeId};
use std::cell::RefCell;

use crate::domain::agreement::{MoaSigning, Signature};
use crate::domain::claims::ClaimId;
use crate::domain::{
    Agency, AgencyDetails, AgencyId, AgencyKind, Agreement, AgreementId, ComplaintId, Component,
    DecisionId, MoaPosting, Model, NomineeId, Ori, State, Status,
};

/// Makes the domain's row ids SQL values: an id is stored as the integer row id it wraps, so
/// `params![agency_id]` and `row.get::<_, AgencyId>(0)` work and the schema is unchanged. The
/// impls live here because the domain must not name the database driver.
macro_rules! sql_row_id {
    ($($name:ident),* $(,)?) => {
        $(
            impl ToSql for $name {
                fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                    self.0.to_sql()
                }
            }

            impl FromSql for $name {
                fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                    i64::column_result(value).map($name)
                }
            }
        )*
    };
}

sql_row_id!(
    AgencyId,
    AgreementId,
    NomineeId,
    DecisionId,
    ComplaintId,
    ClaimId
);

/// Hands `read` a text column as a borrowed `&str` (`None` for NULL), without the allocation of
/// `row.get::<String>`: the bulk reads of checks decode hundreds of thousands of such cells.
/// Anything but valid UTF-8 text or NULL goes through `row.get`, so errors are the same.
fn with_text<T>(
    row: &Row<'_>,
    idx: usize,
    read: impl FnOnce(Option<&str>) -> crate::store::connection::Result<T>,
) -> crate::store::connection::Result<T> {
    match row.get_ref(idx)? {
        ValueRef::Null => read(None),
        ValueRef::Text(bytes) => match std::str::from_utf8(bytes) {
            Ok(text) => read(Some(text)),
            Err(_) => read(row.get::<_, Option<String>>(idx)?.as_deref()),
        },
        _ => read(row.get::<_, Option<String>>(idx)?.as_deref()),
    }
}

/// `YYYY-MM-DD`, the form the store writes, read without chrono's general parser; `None` for
/// anything else (which then goes to that parser).
fn iso_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)
}

/// Reads an ISO date column; a value that is not a date reads as a conversion error, never as
/// a silently different date.
pub(crate) fn date(
    row: &Row<'_>,
    idx: usize,
) -> crate::store::connection::Result<Option<NaiveDate>> {
    if let ValueRef::Text(bytes) = row.get_ref(idx)?
        && let Some(date) = iso_date(bytes)
    {
        return Ok(Some(date));
    }
    with_text(row, idx, |raw| {
        raw.map(|s| {
            s.parse::<NaiveDate>().map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    idx,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
                .into()
            })
        })
        .transpose()
    })
}

/// Reads a text column through a parser of stored codes.
pub(crate) fn code<T: Clone + 'static>(
    row: &Row<'_>,
    idx: usize,
    parse: fn(&str) -> Option<T>,
) -> crate::store::connection::Result<T> {
    with_text(row, idx, |raw| {
        let Some(raw) = raw else {
            // NULL: the error `row.get::<String>` gives.
            let raw: String = row.get(idx)?;
            return parse_code(idx, &raw, parse);
        };
        parse_code(idx, raw, parse)
    })
}

/// How many codes [`PARSED`] remembers per thread.
const PARSED_MAX: usize = 64;

/// A code parsed before: the type and parser that read it, the stored text, the value.
type Parsed = (TypeId, usize, Box<str>, Box<dyn Any>);

thread_local! {
    /// Codes parsed on this thread, with the parser and type that read them: a bulk read meets
    /// the same few codes (`passed`, `pending`, ...) tens of thousands of times, and the
    /// parsers, which accept any case and spacing, allocate each time. Parsers are pure, so a
    /// remembered result is the result.
    static PARSED: RefCell<Vec<Parsed>> =
        const { RefCell::new(Vec::new()) };
}

fn parse_code<T: Clone + 'static>(
    idx: usize,
    raw: &str,
    parse: fn(&str) -> Option<T>,
) -> crate::store::connection::Result<T> {
    let (kind, parser) = (TypeId::of::<T>(), parse as usize);
    let remembered = PARSED.with(|parsed| {
        parsed
            .borrow()
            .iter()
            .find(|(k, p, r, _)| *k == kind && *p == parser && **r == *raw)
            .and_then(|(.., value)| value.downcast_ref::<T>().cloned())
    });
    if let Some(value) = remembered {
        return Ok(value);
    }
    let value = parse(raw).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unknown code {raw:?}").into(),
        )
    })?;
    PARSED.with(|parsed| {
        let mut parsed = parsed.borrow_mut();
        if parsed.len() < PARSED_MAX {
            parsed.push((kind, parser, raw.into(), Box::new(value.clone())));
        }
    });
    Ok(value)
}

/// [`code`] for a type whose stored codes are `all`'s `code_of`: the stored code is matched
/// exactly first (no allocation), and anything else goes through `parse` as [`code`] does.
fn known_code<T: Copy + 'static>(
    row: &Row<'_>,
    idx: usize,
    all: impl IntoIterator<Item = T>,
    code_of: fn(T) -> &'static str,
    parse: fn(&str) -> Option<T>,
) -> crate::store::connection::Result<T> {
    if let ValueRef::Text(bytes) = row.get_ref(idx)?
        && let Some(found) = all.into_iter().find(|v| code_of(*v).as_bytes() == bytes)
    {
        return Ok(found);
    }
    code(row, idx, parse)
}

/// The columns [`agency`] reads, in order.
pub(crate) const AGENCY_COLUMNS: &str = "id, state, name, kind, county, ori, has_jail, contact";

/// Reads an agency from [`AGENCY_COLUMNS`] starting at `at`.
pub(crate) fn agency(row: &Row<'_>, at: usize) -> crate::store::connection::Result<Agency> {
    let state = known_code(row, at + 1, State::all(), |s| s.code(), State::parse)?;
    let ori: Option<String> = row.get(at + 5)?;
    Ok(Agency {
        id: row.get(at)?,
        details: AgencyDetails {
            state,
            name: row.get(at + 2)?,
            kind: known_code(
                row,
                at + 3,
                AgencyKind::ALL,
                AgencyKind::code,
                AgencyKind::parse,
            )?,
            county: row.get(at + 4)?,
            ori: ori.map(|o| Ori::parse(&o, state).unwrap_or_else(|_| Ori::unchecked(o))),
            has_jail: row.get(at + 6)?,
            contact: row.get(at + 7)?,
        },
    })
}

/// The columns [`agreement`] reads, in order.
pub(crate) const AGREEMENT_COLUMNS: &str = "id, agency_id, model, component, status, requested_on, signed_on, moa, moa_url, last_listed_on, \
     agency_signer_name, agency_signer_title, agency_signed_on, component_signer_name, component_signer_title, component_signed_on, \
     template_year, addenda";

/// How many columns [`AGREEMENT_COLUMNS`] names: a query that selects more after them reads
/// those from this index on.
pub(crate) const AGREEMENT_COLUMN_COUNT: usize = 18;

/// Reads an agreement from [`AGREEMENT_COLUMNS`] starting at `at`.
pub(crate) fn agreement(row: &Row<'_>, at: usize) -> crate::store::connection::Result<Agreement> {
    let moa = with_text(row, at + 7, |m| Ok(m.and_then(MoaPosting::parse)))?;
    Ok(Agreement {
        id: row.get(at)?,
        agency_id: row.get(at + 1)?,
        model: known_code(row, at + 2, Model::ALL, Model::code, Model::parse)?,
        component: known_code(
            row,
            at + 3,
            Component::ALL,
            Component::code,
            Component::parse,
        )?,
        status: known_code(row, at + 4, Status::ALL, Status::code, Status::parse)?,
        requested_on: date(row, at + 5)?,
        signed_on: date(row, at + 6)?,
        moa,
        moa_url: row.get(at + 8)?,
        last_listed_on: date(row, at + 9)?,
        signing: MoaSigning {
            agency: signature(row, at + 10)?,
            component: signature(row, at + 13)?,
            template_year: row.get(at + 16)?,
            addenda: row.get(at + 17)?,
        },
    })
}

/// A signature from its three columns (name, title, date); `None` unless all three are there.
fn signature(row: &Row<'_>, at: usize) -> crate::store::connection::Result<Option<Signature>> {
    let name: Option<String> = row.get(at)?;
    let title: Option<String> = row.get(at + 1)?;
    let on = date(row, at + 2)?;
    Ok(match (name, title, on) {
        (Some(name), Some(title), Some(on)) => Some(Signature { name, title, on }),
        _ => None,
    })
}

/// A date as stored.
pub(crate) fn iso(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_bind_and_read_as_the_integer_row_id() {
        let conn = crate::store::connection::Connection::from_sqlite(
            rusqlite::Connection::open_in_memory().unwrap(),
        );
        let (id, kind): (AgencyId, String) = conn
            .query_row("SELECT ?1, typeof(?1)", [AgencyId(5)], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((id, kind.as_str()), (AgencyId(5), "integer"));
        let none: Option<ClaimId> = conn.query_row("SELECT NULL", [], |r| r.get(0)).unwrap();
        assert_eq!(none, None);
    }
}
