//! List precedence: what one of ICE's lists changes about an agreement the registry holds.
//!
//! ICE's lists carry no ids and no history; each replaces the last. The rules that turn a
//! series of them into a history live here, free of SQL, so that they can be tested on their
//! own and so that every way of importing a series (all files at once, one by one oldest
//! first, one by one newest first) applies the same rules. The store looks up what it holds,
//! asks these functions, and persists their answer.
//!
//! - [`ListOrder`]: which of two lists is newer (date, then morning before afternoon, then
//!   the time the file was captured, then participating before pending);
//! - [`on_list`]: the status an agreement takes from a list that shows it;
//! - [`absent`]: the status an agreement takes from a list of its kind that omits it (delisted
//!   from the participating list, and dropped off the pending list);
//! - [`facts_precedence`]: whether a list's MOA facts and dates replace those recorded, and
//!   [`fill_facts`]: what an agreement's facts become;
//! - [`plan_list`]: every change one list makes to the registry, from what the registry
//!   holds ([`Holdings`]) and what the lists applied before say ([`Standing`]).

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::fmt;

use super::agreement::Status;

mod facts;
mod plan;

pub use facts::{AgreementFacts, FactChange, FactsFill, fill_facts};
pub use plan::{
    AgencyRef, AgreementRef, AppliedList, Conflict, FlaggedCell, HeldAgency, HeldAgreement,
    Holdings, ListChange, ListCounts, ListPlan, ListedAgreement, ListedRow, PublishedList,
    Standing, plan_list,
};

/// The kinds of ICE's lists that precedence concerns (a g287 export states its statuses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Published {
    /// The participating list: signed agreements.
    Participating,
    /// The pending list: requests accepted in principle, no MOA yet.
    Pending,
}

impl Published {
    /// The status a list of this kind gives the agreements it shows.
    pub fn status(self) -> Status {
        match self {
            Published::Pending => Status::Pending,
            Published::Participating => Status::Active,
        }
    }

    /// The word used in notes (`pending`, `participating`).
    pub fn code(self) -> &'static str {
        match self {
            Published::Pending => "pending",
            Published::Participating => "participating",
        }
    }
}

/// Where a list stands in ICE's series. Lists compare by date; on one day the morning file
/// comes before the afternoon one (ICE's names end in `am` or `pm`); two files under the same
/// name and date (ICE replaced the file) by the time each was captured, when known; and last
/// the participating list before the pending list: a request signed that day has left the
/// pending list as it joins the participating list (it is not "dropped off"), and the pending
/// list cannot demote what the participating list shows active, so the participating list
/// still has the last word.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ListOrder {
    /// The list's date.
    pub as_of: NaiveDate,
    /// ICE's name says `pm`.
    pub afternoon: bool,
    /// When the file was captured (the `sheets_YYYYMMDD_HHMMSS` folder it was saved in), if
    /// known. An unknown time comes before a known one.
    pub captured: Option<NaiveDateTime>,
    /// The kind of list.
    pub kind: Published,
}

impl ListOrder {
    /// Whether `self` has the last word over `other` on facts (an agency's name as spelt,
    /// type and county; an agreement's MOA and dates). As [`Ord`], except that in one edition
    /// the participating list comes last: it is the list that carries an agreement's facts,
    /// and on a day a pending list and a participating list name an agency differently, the
    /// participating list's spelling stands whichever was imported first.
    pub fn newer_for_facts(&self, other: &ListOrder) -> bool {
        let key = |o: &ListOrder| {
            (
                o.as_of,
                o.afternoon,
                o.captured,
                o.kind == Published::Participating,
            )
        };
        key(self) > key(other)
    }

    /// Whether `self` and `other` are the same day's same edition (am or pm) of the same kind
    /// of list, with no capture time to tell them apart: their order cannot be known.
    pub fn indistinguishable_from(&self, other: &ListOrder) -> bool {
        self == other && self.captured.is_none()
    }
}

/// Where a file stands in the order an import applies its files: ICE's lists as [`ListOrder`]
/// orders them; a g287 export (`kind` `None`), which states its own statuses, where its date
/// puts it, after the participating list of its edition.
pub fn application_order(
    as_of: NaiveDate,
    afternoon: bool,
    captured: Option<NaiveDateTime>,
    kind: Option<Published>,
) -> impl Ord {
    (
        as_of,
        afternoon,
        captured,
        kind != Some(Published::Participating),
    )
}

impl fmt::Display for ListOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} list of {} {}",
            self.kind.code(),
            self.as_of,
            if self.afternoon { "pm" } else { "am" }
        )?;
        if let Some(at) = self.captured {
            write!(f, ", captured {}", at.format("%Y-%m-%d %H:%M:%S"))?;
        }
        Ok(())
    }
}

/// What a list does to an agreement's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusOutcome {
    /// Nothing: the agreement already has the status the list gives.
    Unchanged,
    /// The agreement takes this status, as of the list's date.
    Becomes(Status),
    /// The list disagrees with the registry, which is kept as it is, and why.
    Kept(KeptBecause),
}

/// Why a list's status was not applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeptBecause {
    /// A newer list already set the agreement's status (on `since`): an older list imported
    /// late rolls nothing back.
    NewerListDecided {
        /// The day of the newer change.
        since: NaiveDate,
    },
    /// A pending list never demotes an active agreement (nor anything else the lifecycle
    /// forbids).
    LifecycleForbids {
        /// The status the list shows.
        listed: Status,
    },
}

/// What the registry holds about an agreement a list concerns, for [`on_list`] and [`absent`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    /// Its status now.
    pub status: Status,
    /// The day of its last status change.
    pub last_change: Option<NaiveDate>,
    /// Whether a list newer than the one being applied, published the same day, was applied
    /// before (so a change on the list's own day may be that newer list's). For [`absent`]:
    /// a newer list of the same kind, the same day (so a listing that day may be that list's).
    pub newer_same_day_applied: bool,
    /// Whether a participating list newer than the one being applied was applied before.
    pub newer_participating_applied: bool,
    /// The date of the newest of ICE's lists that showed it, if any.
    pub last_listed_on: Option<NaiveDate>,
}

impl Held {
    /// Whether a list of `as_of` is older than what decided the agreement's status.
    fn decided_by_newer(&self, as_of: NaiveDate) -> Option<NaiveDate> {
        self.last_change
            .filter(|d| *d > as_of || (*d == as_of && self.newer_same_day_applied))
    }
}

/// The status an agreement the registry `held` takes from a list of date `as_of` that shows it
/// `listed` (active on the participating list, pending on the pending list; a g287 export
/// states its own).
pub fn on_list(held: Held, listed: Status, as_of: NaiveDate) -> StatusOutcome {
    if held.status == listed {
        return StatusOutcome::Unchanged;
    }
    if let Some(since) = held.decided_by_newer(as_of) {
        // Only pending lists decided since (no newer participating list was applied): they
        // never demote an active agreement, nor drop one off, so had this older
        // participating list come first the agreement would have stayed active through them.
        let pending_cannot_demote = matches!(held.status, Status::Pending | Status::Delisted)
            && listed == Status::Active
            && !held.newer_participating_applied;
        if !pending_cannot_demote {
            return StatusOutcome::Kept(KeptBecause::NewerListDecided { since });
        }
    }
    if !held.status.can_become(listed) {
        return StatusOutcome::Kept(KeptBecause::LifecycleForbids { listed });
    }
    StatusOutcome::Becomes(listed)
}

/// The status an agreement the registry `held` takes from a list of `kind` and date `as_of`
/// that omits it: `None` when the list says nothing about it.
///
/// An agreement that an older participating list showed active and a newer one omits is
/// delisted. Likewise an agreement that an older pending list showed pending and a newer
/// pending list omits has dropped off ICE's pending list: had it been signed it would be on
/// the participating list and active by now, so it is no longer counted as pending, and
/// becomes delisted ("was on ICE's list and is absent from a later one"); it keeps the date
/// it was last listed. Agreements never listed by ICE (a coordinator's own requests) and
/// those in any other status are left alone.
pub fn absent(held: Held, kind: Published, as_of: NaiveDate) -> Option<Status> {
    // A listing the same day was an older list's unless a newer list of the kind, that day,
    // was applied already (then it may be that newer list's).
    let was_listed_before = held
        .last_listed_on
        .is_some_and(|d| d < as_of || (d == as_of && !held.newer_same_day_applied));
    (was_listed_before && held.status == kind.status() && held.status.can_become(Status::Delisted))
        .then_some(Status::Delisted)
}

/// Whether a list's facts (signed date, MOA, its address, addendum) replace those recorded,
/// or only fill in what is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactsPrecedence {
    /// The list is the newest that showed the agreement: its values replace older ones (ICE
    /// corrects its lists), each replacement reported.
    Replace,
    /// A newer list showed the agreement already: this older list fills in only what is empty.
    FillOnly,
}

/// Which facts win for an agreement last listed on `last_listed_on` when a list of `as_of` shows
/// it; `newer_same_day_applied` as in [`Held`]. Newer lists win whatever order the files are
/// imported in.
pub fn facts_precedence(
    last_listed_on: Option<NaiveDate>,
    as_of: NaiveDate,
    newer_same_day_applied: bool,
) -> FactsPrecedence {
    match last_listed_on {
        Some(d) if d > as_of || (d == as_of && newer_same_day_applied) => FactsPrecedence::FillOnly,
        _ => FactsPrecedence::Replace,
    }
}

/// Reads the capture time of a file from the folder it was saved in, named
/// `sheets_YYYYMMDD_HHMMSS` (how ICE's page was captured, one folder per capture).
pub fn captured_from_folder(folder: &str) -> Option<NaiveDateTime> {
    let stamp = folder.strip_prefix("sheets_")?;
    NaiveDateTime::parse_from_str(stamp.get(..15)?, "%Y%m%d_%H%M%S").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    fn held(status: Status, last_change: NaiveDate, last_listed: Option<NaiveDate>) -> Held {
        Held {
            status,
            last_change: Some(last_change),
            newer_same_day_applied: false,
            newer_participating_applied: false,
            last_listed_on: last_listed,
        }
    }

    fn order(m: u32, day: u32, pm: bool, captured: Option<&str>, kind: Published) -> ListOrder {
        ListOrder {
            as_of: d(m, day),
            afternoon: pm,
            captured: captured.and_then(captured_from_folder),
            kind,
        }
    }

    #[test]
    fn lists_order_by_date_edition_capture_then_participating_first() {
        use Published::*;
        let mut lists = [
            order(7, 3, true, Some("sheets_20250704_151659"), Pending),
            order(7, 3, true, Some("sheets_20250704_151659"), Participating),
            order(7, 3, true, Some("sheets_20250703_151805"), Participating),
            order(7, 3, false, None, Participating),
            order(7, 2, true, None, Participating),
        ];
        lists.sort();
        let shown: Vec<String> = lists.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "participating list of 2025-07-02 pm",
                "participating list of 2025-07-03 am",
                "participating list of 2025-07-03 pm, captured 2025-07-03 15:18:05",
                "participating list of 2025-07-03 pm, captured 2025-07-04 15:16:59",
                "pending list of 2025-07-03 pm, captured 2025-07-04 15:16:59",
            ]
        );
    }

    #[test]
    fn on_facts_the_participating_list_of_an_edition_comes_last() {
        let participating = order(7, 18, true, None, Published::Participating);
        let pending = order(7, 18, true, None, Published::Pending);
        assert!(pending > participating);
        assert!(participating.newer_for_facts(&pending));
        assert!(!pending.newer_for_facts(&participating));
        let morning = order(7, 18, false, None, Published::Participating);
        assert!(pending.newer_for_facts(&morning));
    }

    #[test]
    fn two_files_of_one_name_are_ordered_only_by_a_capture_time() {
        let a = order(7, 3, true, None, Published::Participating);
        assert!(a.indistinguishable_from(&a.clone()));
        let b = order(
            7,
            3,
            true,
            Some("sheets_20250704_151659"),
            Published::Participating,
        );
        assert!(!b.indistinguishable_from(&b.clone()));
        assert!(a < b);
    }

    #[test]
    fn capture_times_come_from_the_folder_name_only() {
        assert_eq!(
            captured_from_folder("sheets_20250519_024922").map(|t| t.to_string()),
            Some("2025-05-19 02:49:22".to_string())
        );
        assert_eq!(captured_from_folder("sheets_2025"), None);
        assert_eq!(captured_from_folder("downloads"), None);
        assert_eq!(captured_from_folder("sheets_20251340_000000"), None);
    }

    #[test]
    fn a_list_that_shows_an_agreement_gives_its_status_unless_newer_lists_decided() {
        let pending = held(Status::Pending, d(5, 15), Some(d(5, 15)));
        assert_eq!(
            on_list(pending, Status::Active, d(5, 16)),
            StatusOutcome::Becomes(Status::Active)
        );
        assert_eq!(
            on_list(pending, Status::Pending, d(5, 16)),
            StatusOutcome::Unchanged
        );
        // An older list imported late rolls nothing back: a newer participating list
        // delisted it.
        let delisted = Held {
            newer_participating_applied: true,
            ..held(Status::Delisted, d(7, 18), Some(d(7, 1)))
        };
        assert_eq!(
            on_list(delisted, Status::Active, d(7, 1)),
            StatusOutcome::Kept(KeptBecause::NewerListDecided { since: d(7, 18) })
        );
        // On one day, a change a newer list of that day made wins too.
        let same_day = Held {
            newer_same_day_applied: true,
            newer_participating_applied: true,
            ..held(Status::Delisted, d(7, 3), Some(d(7, 1)))
        };
        assert_eq!(
            on_list(same_day, Status::Active, d(7, 3)),
            StatusOutcome::Kept(KeptBecause::NewerListDecided { since: d(7, 3) })
        );
        // A delisted agreement listed again by a newer list comes back.
        assert_eq!(
            on_list(delisted, Status::Pending, d(7, 19)),
            StatusOutcome::Becomes(Status::Pending)
        );
    }

    #[test]
    fn a_pending_list_never_demotes_an_active_agreement() {
        let active = held(Status::Active, d(5, 16), Some(d(5, 16)));
        assert_eq!(
            on_list(active, Status::Pending, d(7, 18)),
            StatusOutcome::Kept(KeptBecause::LifecycleForbids {
                listed: Status::Pending
            })
        );
        // Imported newest first: the newer pending list made it pending; the older
        // participating list makes it active, as if the lists had come in order.
        let pending = held(Status::Pending, d(7, 18), Some(d(7, 18)));
        assert_eq!(
            on_list(pending, Status::Active, d(5, 16)),
            StatusOutcome::Becomes(Status::Active)
        );
        // Likewise when the newer pending list no longer showed it: it was signed, not
        // dropped off.
        let dropped = held(Status::Delisted, d(7, 18), Some(d(7, 1)));
        assert_eq!(
            on_list(dropped, Status::Active, d(7, 18)),
            StatusOutcome::Becomes(Status::Active)
        );
        // Unless a newer participating list omitted it.
        let omitted = Held {
            newer_participating_applied: true,
            ..pending
        };
        assert_eq!(
            on_list(omitted, Status::Active, d(5, 16)),
            StatusOutcome::Kept(KeptBecause::NewerListDecided { since: d(7, 18) })
        );
    }

    #[test]
    fn an_agreement_off_the_participating_list_is_delisted() {
        let active = held(Status::Active, d(5, 16), Some(d(5, 16)));
        assert_eq!(
            absent(active, Published::Participating, d(7, 18)),
            Some(Status::Delisted)
        );
        // The pending list says nothing about active agreements it omits.
        assert_eq!(absent(active, Published::Pending, d(7, 18)), None);
        // The afternoon list omits what the morning list showed: delisted that day.
        assert_eq!(
            absent(active, Published::Participating, d(5, 16)),
            Some(Status::Delisted)
        );
        // Unless the listing that day may be a newer list's, applied before; an older list
        // delists nothing.
        let newer_that_day = Held {
            newer_same_day_applied: true,
            ..active
        };
        assert_eq!(
            absent(newer_that_day, Published::Participating, d(5, 16)),
            None
        );
        assert_eq!(absent(active, Published::Participating, d(5, 1)), None);
    }

    #[test]
    fn an_agreement_that_drops_off_the_pending_list_is_no_longer_pending() {
        let pending = held(Status::Pending, d(5, 15), Some(d(6, 10)));
        assert_eq!(
            absent(pending, Published::Pending, d(6, 17)),
            Some(Status::Delisted),
            "off the pending list and not signed: delisted, no longer counted as pending"
        );
        // The participating list omits every pending agreement: that says nothing.
        assert_eq!(absent(pending, Published::Participating, d(6, 17)), None);
        // An older list: nothing to say.
        assert_eq!(absent(pending, Published::Pending, d(6, 3)), None);
    }

    #[test]
    fn a_request_ice_never_listed_does_not_drop_off_its_list() {
        let own = Held {
            status: Status::Pending,
            last_change: Some(d(5, 1)),
            newer_same_day_applied: false,
            newer_participating_applied: false,
            last_listed_on: None,
        };
        assert_eq!(absent(own, Published::Pending, d(7, 18)), None);
        let withdrawn = held(Status::Withdrawn, d(6, 1), Some(d(5, 15)));
        assert_eq!(absent(withdrawn, Published::Pending, d(7, 18)), None);
    }

    #[test]
    fn newer_lists_have_the_last_word_on_facts_in_any_import_order() {
        use FactsPrecedence::{FillOnly, Replace};
        // (last listed, this list's date, a newer list that day applied before, precedence)
        let cases = [
            (None, d(5, 16), false, Replace),
            (Some(d(5, 16)), d(7, 18), false, Replace),
            (Some(d(7, 18)), d(5, 16), false, FillOnly),
            (Some(d(7, 3)), d(7, 3), false, Replace),
            (Some(d(7, 3)), d(7, 3), true, FillOnly),
        ];
        for (listed, as_of, newer_same_day, wanted) in cases {
            assert_eq!(
                facts_precedence(listed, as_of, newer_same_day),
                wanted,
                "{listed:?} {as_of} {newer_same_day}"
            );
        }
    }
}
