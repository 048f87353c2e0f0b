//! An agreement's facts (signed date, request date, MOA, its address, ADDENDUM, the date last
//! listed): which value wins when a list or a form gives one.
//!
//! Dates are only ever filled in, except by the newest of ICE's lists that showed the agreement
//! (ICE corrects its lists); an older list imported late fills in only what is empty. A value
//! not applied, or replaced, is said, for the coordinator to review. Pure: the store writes
//! the [`FactsFill`] this answers and records its [`FactChange`]s in the history.

use chrono::NaiveDate;

use super::FactsPrecedence;
use crate::domain::{Agreement, MoaPosting};

/// Facts about an agreement that are filled in as they become known (from a list or a form).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgreementFacts {
    /// MOA signing date.
    pub signed_on: Option<NaiveDate>,
    /// Date of the written request.
    pub requested_on: Option<NaiveDate>,
    /// MOA posted or not.
    pub moa: Option<MoaPosting>,
    /// Address of the posted MOA.
    pub moa_url: Option<String>,
    /// ICE's ADDENDUM column.
    pub addendum: Option<String>,
    /// Date of the list it was seen on.
    pub listed_on: Option<NaiveDate>,
    /// For facts read from one of ICE's lists, whether that list is the newest that showed the
    /// agreement ([`FactsPrecedence::Replace`]: its values replace those recorded, a different
    /// signed date reported as a conflict, and it sets the date last listed) or an older one
    /// imported late ([`FactsPrecedence::FillOnly`]: it fills in only what is empty). `None`
    /// for facts a coordinator or a decision gives: dates are only filled in, other values
    /// set.
    pub from_list: Option<FactsPrecedence>,
}

/// One field a fill changed, as the history records it: its value before and after (dates
/// as `YYYY-MM-DD`, the MOA as its code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactChange {
    /// The column's name (`signed_on`, `moa`, `last_listed_on`, ...).
    pub field: &'static str,
    /// The value recorded before.
    pub before: Option<String>,
    /// The value recorded now.
    pub after: Option<String>,
}

/// What filling facts into an agreement leaves in it: every fact's value afterwards, the
/// fields that changed and the disagreements to review.
#[derive(Debug, Clone, PartialEq)]
pub struct FactsFill {
    /// MOA signing date.
    pub signed_on: Option<NaiveDate>,
    /// Date of the written request.
    pub requested_on: Option<NaiveDate>,
    /// MOA posted or not.
    pub moa: Option<MoaPosting>,
    /// Address of the posted MOA.
    pub moa_url: Option<String>,
    /// Date of the newest of ICE's lists that showed it.
    pub last_listed_on: Option<NaiveDate>,
    /// ICE's ADDENDUM column.
    pub addendum: Option<String>,
    /// The fields that changed, for the history; empty when nothing did.
    pub changes: Vec<FactChange>,
    /// Values not applied, or replaced, in words, for review.
    pub conflicts: Vec<String>,
}

/// Fills `facts` into `current` (whose ADDENDUM is `addendum`): a value already recorded
/// stays, and a different new value is a conflict, unless the facts come from the newest list
/// that showed the agreement (see [`AgreementFacts::from_list`]).
pub fn fill_facts(
    current: &Agreement,
    addendum: Option<&str>,
    facts: &AgreementFacts,
) -> FactsFill {
    let mut changes = Vec::new();
    let mut conflicts = Vec::new();
    let precedence = facts.from_list;
    let iso = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    // A signing date the coordinator recorded from the MOA's two signatures is the MOA's own
    // word: a list never replaces it; a different date on a list is a conflict to review.
    let signed_by_both = current.signing.in_effect_on().is_some();
    let mut fill_date = |field: &'static str, old: Option<NaiveDate>, new: Option<NaiveDate>| {
        match (old, new) {
            (None, Some(n)) => {
                changes.push(FactChange {
                    field,
                    before: None,
                    after: iso(Some(n)),
                });
                Some(n)
            }
            (Some(o), Some(n))
                if o != n
                    && precedence == Some(FactsPrecedence::Replace)
                    && !(field == "signed_on" && signed_by_both) =>
            {
                // ICE corrects its lists: the newest list's date wins, and the change is said.
                conflicts.push(format!(
                    "{field} was recorded as {o}; ICE's newer list gives {n}, which replaces it"
                ));
                changes.push(FactChange {
                    field,
                    before: iso(Some(o)),
                    after: iso(Some(n)),
                });
                Some(n)
            }
            (Some(o), Some(n)) if o != n => {
                conflicts.push(format!(
                    "{field} is recorded as {o}; the new value {n} was not applied"
                ));
                Some(o)
            }
            (o, _) => o,
        }
    };
    let signed_on = fill_date("signed_on", current.signed_on, facts.signed_on);
    let requested_on = fill_date("requested_on", current.requested_on, facts.requested_on);
    // An older list than the newest that showed the agreement fills in only.
    let wanted = |old_is_none: bool| match precedence {
        Some(FactsPrecedence::FillOnly) => old_is_none,
        _ => true,
    };
    let mut set = |field: &'static str, old: Option<String>, new: Option<String>| {
        if wanted(old.is_none()) && new.is_some() && new != old {
            changes.push(FactChange {
                field,
                before: old,
                after: new.clone(),
            });
            new
        } else {
            old
        }
    };
    let code = |m: Option<MoaPosting>| m.map(|m| m.code().to_string());
    let moa = set("moa", code(current.moa), code(facts.moa)).and_then(|m| MoaPosting::parse(&m));
    let moa_url = set("moa_url", current.moa_url.clone(), facts.moa_url.clone());
    let listed_on = match precedence {
        // The newest list sets the date, even back to its own when a newer pending list's
        // listing no longer counts (see `plan_list`).
        Some(FactsPrecedence::Replace) => facts.listed_on,
        _ => facts
            .listed_on
            .filter(|d| current.last_listed_on.is_none_or(|c| *d > c)),
    };
    let last_listed_on = set(
        "last_listed_on",
        iso(current.last_listed_on),
        iso(listed_on),
    )
    .and_then(|d| d.parse().ok());
    let addendum = set(
        "addendum",
        addendum.map(str::to_string),
        facts.addendum.clone(),
    );
    FactsFill {
        signed_on,
        requested_on,
        moa,
        moa_url,
        last_listed_on,
        addendum,
        changes,
        conflicts,
    }
}
