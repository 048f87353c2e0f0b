//! What one list changes in the registry, planned without the database.
//!
//! The store looks up what the registry holds for the agencies and agreements a list names
//! ([`Holdings`]) and where the list stands among the lists applied before ([`Standing`]);
//! [`plan_list`] answers, in the order they are to be written, the changes the list makes
//! ([`ListChange`]), the disagreements kept as they were ([`Conflict`]), the repeated rows'
//! differences ([`FlaggedCell`]) and the counts of the import's summary ([`ListCounts`]). The
//! store writes each change and its history entry, and decides nothing.

use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::fmt;

use super::facts::{AgreementFacts, FactsFill, fill_facts};
use super::{
    FactsPrecedence, Held, KeptBecause, ListOrder, Published, StatusOutcome, absent,
    facts_precedence, on_list,
};
use crate::domain::{
    AgencyDetails, AgencyId, AgencyKind, Agreement, AgreementId, Component, MoaPosting, Model,
    State, Status,
};

/// A list of ICE's applied before, as the registry remembers it.
#[derive(Debug, Clone, PartialEq)]
pub struct AppliedList {
    /// Its place in ICE's series.
    pub order: ListOrder,
    /// The file's name.
    pub file: String,
    /// SHA-256 of the file's bytes.
    pub sha256: String,
}

/// What the lists applied before say about the list being applied: whether a newer list
/// already had its say, which decides whether this one may change a status or a fact.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Standing {
    /// The list's own place in the series; `None` for a g287 export, which states its own
    /// statuses and is subject to none of these rules.
    pub order: Option<ListOrder>,
    /// A newer list of any kind, the same day, was applied before.
    pub newer_same_day: bool,
    /// A newer list of the same kind, the same day, was applied before.
    pub newer_same_day_same_kind: bool,
    /// A list newer for facts (see [`ListOrder::newer_for_facts`]), the same day, was applied
    /// before.
    pub newer_same_day_for_facts: bool,
    /// A newer participating list was applied before.
    pub newer_participating: bool,
    /// The oldest list of the same kind newer than this one applied before: its date and
    /// file. An agreement this list adds was absent from it (it did not exist), so it is
    /// delisted as of that list, as if the lists had come in order.
    pub next_of_kind: Option<(NaiveDate, String)>,
}

impl Standing {
    /// Where a list of place `order` (`None`: a g287 export), read from `file` with
    /// fingerprint `sha256`, stands against the lists `applied` before; with a note for each
    /// other file published under the same name and date (ICE replaced the file).
    pub fn among(
        order: Option<ListOrder>,
        file: &str,
        sha256: &str,
        applied: &[AppliedList],
    ) -> (Standing, Vec<Conflict>) {
        let Some(order) = order else {
            return (Standing::default(), Vec::new());
        };
        let twins = applied
            .iter()
            .filter(|a| a.file == file && a.sha256 != sha256)
            .filter(|a| a.order.as_of == order.as_of && a.order.kind == order.kind)
            .map(|twin| {
                let (first, then) = if twin.order <= order {
                    (twin.order.clone(), order.clone())
                } else {
                    (order.clone(), twin.order.clone())
                };
                Conflict::TwoFilesOneName {
                    file: file.to_string(),
                    earlier_sha256: twin.sha256.clone(),
                    this_sha256: sha256.to_string(),
                    order_unknown: twin.order.indistinguishable_from(&order),
                    first,
                    then,
                }
            })
            .collect();
        let newer = || applied.iter().filter(|a| a.order > order);
        let standing = Standing {
            newer_same_day: newer().any(|a| a.order.as_of == order.as_of),
            newer_same_day_for_facts: applied
                .iter()
                .any(|a| a.order.as_of == order.as_of && a.order.newer_for_facts(&order)),
            newer_same_day_same_kind: newer()
                .any(|a| a.order.as_of == order.as_of && a.order.kind == order.kind),
            newer_participating: newer().any(|a| a.order.kind == Published::Participating),
            next_of_kind: newer()
                .filter(|a| a.order.kind == order.kind)
                .min_by(|a, b| a.order.cmp(&b.order))
                .map(|a| (a.order.as_of, a.file.clone())),
            order: Some(order),
        };
        (standing, twins)
    }

    /// What the registry holds about `current`, for [`on_list`] or, when `absent` (the list
    /// omits it), for [`absent`], which asks about newer lists of its kind.
    fn held(&self, current: &Agreement, last_change: Option<NaiveDate>, absent: bool) -> Held {
        Held {
            status: current.status,
            last_change,
            newer_same_day_applied: if absent {
                self.newer_same_day_same_kind
            } else {
                self.newer_same_day
            },
            newer_participating_applied: self.newer_participating,
            last_listed_on: current.last_listed_on,
        }
    }
}

/// The list being applied: its name, date and standing.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedList {
    /// The file's name, as messages name it.
    pub file: String,
    /// The list's date.
    pub as_of: NaiveDate,
    /// Where it stands among the lists applied before (its kind is its order's).
    pub standing: Standing,
    /// Rows that could not be read (flagged by the reader): one may be an agreement the list
    /// seems to omit.
    pub refused_rows: usize,
}

impl PublishedList {
    /// Which of ICE's lists it is; `None` for a g287 export.
    pub fn kind(&self) -> Option<Published> {
        self.standing.order.as_ref().map(|o| o.kind)
    }

    /// The word for its kind in notes (`participating`, `pending`, `registry`).
    fn kind_code(&self) -> &'static str {
        self.kind().map_or("registry", Published::code)
    }

    /// How notes name it: "participating list of 2025-07-18 (file)".
    pub fn source(&self) -> String {
        format!(
            "{} list of {} ({})",
            self.kind_code(),
            self.as_of,
            self.file
        )
    }
}

/// One row of a list, as the registry reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedRow {
    /// The row number the user sees in Excel.
    pub row: usize,
    /// The agency as the row gives it (TYPE `Other` when unreadable).
    pub agency: AgencyDetails,
    /// Its identity key (see [`AgencyDetails::identity`]), by which agencies are matched.
    pub identity: String,
    /// TYPE as read: `None` when empty or unreadable, so that it replaces no known type.
    pub kind_read: Option<AgencyKind>,
    /// The agreement the row names; `None` on a g287 export's row of an agency alone.
    pub agreement: Option<ListedAgreement>,
}

/// The agreement a row names and the facts it gives.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedAgreement {
    /// SUPPORT TYPE.
    pub model: Model,
    /// ICE on ICE's lists; a g287 export states it.
    pub component: Component,
    /// The status a g287 export states (ICE's lists state none: their kind gives it).
    pub stated: Option<Status>,
    /// SIGNED.
    pub signed: Option<NaiveDate>,
    /// MOA: posted or pending.
    pub moa: Option<MoaPosting>,
    /// The MOA's address.
    pub moa_url: Option<String>,
    /// ADDENDUM.
    pub addendum: Option<String>,
}

/// An agency the registry holds that a list names.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldAgency {
    /// Its id.
    pub id: AgencyId,
    /// Its details now.
    pub details: AgencyDetails,
    /// The newest of ICE's lists that showed any of its agreements.
    pub newest_listing: Option<NaiveDate>,
}

/// An agreement the registry holds that a list names, or that a list of its kind may omit.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldAgreement {
    /// The agreement now.
    pub agreement: Agreement,
    /// Its ADDENDUM.
    pub addendum: Option<String>,
    /// The day of its last status change.
    pub last_change: Option<NaiveDate>,
}

/// What the registry holds that a list concerns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Holdings {
    /// The agencies the list names, by state and identity key (those the registry lacks are
    /// absent).
    pub agencies: HashMap<(State, String), HeldAgency>,
    /// Every agreement of those agencies, by agency, model and component.
    pub agreements: HashMap<(AgencyId, Model, Component), HeldAgreement>,
    /// For one of ICE's lists: the ICE agreements in the status its kind gives, listed on or
    /// before its date, in the order the registry holds them: those it omits may be off the
    /// list (see [`absent`]).
    pub listed: Vec<Agreement>,
}

/// An agency a change concerns: held, or the `n`th [`ListChange::NewAgency`] of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgencyRef {
    /// Registered before the list.
    Held(AgencyId),
    /// Created by the plan's `n`th new agency (counting from 0).
    New(usize),
}

/// An agreement a change concerns: held, or the `n`th [`ListChange::NewAgreement`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgreementRef {
    /// Known before the list.
    Held(AgreementId),
    /// Created by the plan's `n`th new agreement (counting from 0).
    New(usize),
}

/// One change a list makes to the registry, in the order they are written.
#[derive(Debug, Clone, PartialEq)]
pub enum ListChange {
    /// An agency the registry did not know.
    NewAgency {
        /// As the list gives it.
        details: AgencyDetails,
        /// Its identity key.
        identity: String,
    },
    /// A newer list's spelling, type or county of an agency.
    AgencyRefresh {
        /// The agency.
        agency: AgencyId,
        /// Its details afterwards.
        details: AgencyDetails,
    },
    /// An agreement the registry did not know, with the status the list gives and its facts.
    NewAgreement {
        /// Its agency.
        agency: AgencyRef,
        /// JEM, TFM or WSO.
        model: Model,
        /// ICE or CBP.
        component: Component,
        /// Its first status.
        status: Status,
        /// The date of that status.
        on: NaiveDate,
        /// Why, for its status history.
        note: String,
        /// The facts the row gives.
        facts: AgreementFacts,
    },
    /// An agreement's status moves.
    StatusChange {
        /// The agreement.
        agreement: AgreementRef,
        /// Its status before.
        from: Status,
        /// Its status after.
        to: Status,
        /// As of.
        on: NaiveDate,
        /// Why, for its status history.
        note: String,
    },
    /// A known agreement's facts filled in or replaced.
    FactsFilled {
        /// The agreement.
        agreement: AgreementId,
        /// Its agency, for the history.
        agency: AgencyId,
        /// What its facts become, and the fields that changed.
        fill: FactsFill,
    },
}

/// A disagreement between lists, or between a list and the registry, kept as it was; each
/// reads as the import's summary says it.
#[derive(Debug, Clone, PartialEq)]
pub enum Conflict {
    /// Another file with this name and date was applied before (ICE replaced the file).
    TwoFilesOneName {
        /// The name.
        file: String,
        /// The fingerprint of the file applied before.
        earlier_sha256: String,
        /// The fingerprint of this one.
        this_sha256: String,
        /// Neither has a capture time: which is newer cannot be known.
        order_unknown: bool,
        /// The one of the two earlier in the series.
        first: ListOrder,
        /// The other.
        then: ListOrder,
    },
    /// A newer list already set the agreement's status.
    NewerListDecided {
        /// The list's file.
        file: String,
        /// The agency as the row names it.
        agency: String,
        /// The agreement.
        agreement: AgreementId,
        /// Its status, kept.
        status: Status,
        /// Since when.
        since: NaiveDate,
    },
    /// The same day's pending and participating lists both show the agreement: the
    /// participating list wins.
    OnBothLists {
        /// The list's file.
        file: String,
        /// The agency as the row names it.
        agency: String,
        /// The agreement.
        agreement: AgreementId,
        /// The day.
        as_of: NaiveDate,
    },
    /// The lifecycle forbids the status the list shows (a pending list and an active
    /// agreement).
    LifecycleForbids {
        /// The list's file.
        file: String,
        /// The agency as the row names it.
        agency: String,
        /// The agreement.
        agreement: AgreementId,
        /// Its status, kept.
        status: Status,
        /// The status the list shows.
        listed: Status,
    },
    /// A fact not applied, or replaced (see [`fill_facts`]).
    Fact {
        /// The list's file.
        file: String,
        /// The row.
        row: usize,
        /// The agency as the row names it.
        agency: String,
        /// What, in words.
        text: String,
    },
    /// A row repeating an earlier row of the list, the same in every column.
    RepeatedRow {
        /// The list's file.
        file: String,
        /// The repeat.
        row: usize,
        /// The agency as the row names it.
        agency: String,
        /// The agreement's model.
        model: Model,
        /// The row first naming it.
        first_row: usize,
    },
    /// Rows could not be read, and agreements are off the list: one may be on such a row.
    RefusedRowsMayHide {
        /// The list, as notes name it.
        source: String,
        /// How many rows were refused.
        refused_rows: usize,
        /// The agreements off the list.
        agreements: Vec<AgreementId>,
    },
}

/// The first characters of a fingerprint, enough to tell two files apart in a message.
fn short(sha256: &str) -> &str {
    sha256.get(..12).unwrap_or(sha256)
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Conflict::TwoFilesOneName {
                file,
                earlier_sha256,
                this_sha256,
                order_unknown,
                first,
                then,
            } => {
                write!(
                    f,
                    "{file}: two different files carry this name (sha256 {}… and {}…); ",
                    short(earlier_sha256),
                    short(this_sha256)
                )?;
                if *order_unknown {
                    f.write_str(
                        "neither has a capture time, so which is newer cannot be known: they were \
                         applied in the order given, and the later one has the last word; check them",
                    )
                } else {
                    write!(f, "both applied, the {first} first, then the {then}")
                }
            }
            Conflict::NewerListDecided {
                file,
                agency,
                agreement,
                status,
                since,
            } => write!(
                f,
                "{file}: {agency} agreement {agreement} is {status} since {since}, set by a later list than this one; left as it is"
            ),
            Conflict::OnBothLists {
                file,
                agency,
                agreement,
                as_of,
            } => write!(
                f,
                "{file}: {agency} agreement {agreement} is on both ICE's pending and participating lists of {as_of}; the participating list wins: active"
            ),
            Conflict::LifecycleForbids {
                file,
                agency,
                agreement,
                status,
                listed,
            } => write!(
                f,
                "{file}: {agency} agreement {agreement} is {status}; this list shows it {}: left {status}",
                listed.label().to_lowercase()
            ),
            Conflict::Fact {
                file,
                row,
                agency,
                text,
            } => write!(f, "{file} row {row}: {agency}: {text}"),
            Conflict::RepeatedRow {
                file,
                row,
                agency,
                model,
                first_row,
            } => write!(
                f,
                "{file} row {row}: {agency} {model} appears twice on this list (first on row {first_row}), the same both times; counted once"
            ),
            Conflict::RefusedRowsMayHide {
                source,
                refused_rows,
                agreements,
            } => write!(
                f,
                "{source}: {refused_rows} rows could not be read (flagged); agreements {} are off this list, and one of them may be on such a row: check the flagged rows",
                agreements
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// A cell of a repeated row that differs from the first row naming the same agreement: flagged
/// for review, the agreement keeping the first row's values.
#[derive(Debug, Clone, PartialEq)]
pub struct FlaggedCell {
    /// The repeat.
    pub row: usize,
    /// The column, as ICE names it.
    pub column: &'static str,
    /// The repeat's value.
    pub value: String,
    /// What is wrong, in words.
    pub message: String,
}

/// The counts of the import's summary one list adds (see `store::imports::ImportSummary`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListCounts {
    /// Agreements the rows name (rows that could become one, repeats counted once).
    pub agreements: usize,
    /// Agencies not known before.
    pub agencies_new: usize,
    /// Agreements not known before.
    pub agreements_new: usize,
    /// Of the new agreements, those that start pending (every one on a pending list).
    pub new_pending: usize,
    /// Known agreements that became active.
    pub activated: usize,
    /// Known agreements that became pending.
    pub made_pending: usize,
    /// Active agreements off the participating list.
    pub delisted: usize,
    /// Pending agreements off the pending list.
    pub dropped_off: usize,
    /// Agencies whose name, type or county a newer list changed.
    pub agencies_updated: usize,
    /// Rows naming an agreement an earlier row named.
    pub repeated_rows: usize,
    /// Known agreements whose facts (or a status other than active or pending) changed.
    pub updated: usize,
    /// Known agreements the list left as they were.
    pub unchanged: usize,
}

impl ListCounts {
    /// A file applied before (the same bytes, kind and date) is not applied again: it changes
    /// nothing, and each of its `rows` counts as an agreement left unchanged.
    pub fn applied_before(rows: usize) -> ListCounts {
        ListCounts {
            agreements: rows,
            unchanged: rows,
            ..ListCounts::default()
        }
    }
}

/// What a list does to the registry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListPlan {
    /// The changes, in the order they are to be written.
    pub changes: Vec<ListChange>,
    /// The disagreements kept, in the order met.
    pub conflicts: Vec<Conflict>,
    /// Repeated rows' cells that differ from the first row's.
    pub flagged: Vec<FlaggedCell>,
    /// The agencies registered before that the list names, in the order first named.
    pub matched: Vec<AgencyId>,
    /// The agreement each row became (a repeat: the first row's).
    pub row_agreements: HashMap<usize, AgreementRef>,
    /// The summary's counts.
    pub counts: ListCounts,
}

/// What a row's agreement is to the registry.
enum Existing<'h> {
    /// Nothing: the row makes a new agreement.
    None,
    /// An earlier row of this list named it (its index among the rows, its row number).
    OnListAlready(usize, usize),
    /// A known agreement.
    Known(&'h HeldAgreement),
}

/// The changes `list`, whose rows are `rows`, makes to what the registry `held`s.
/// `differences(first, repeat)` gives, for two rows (by index in `rows`) naming the same
/// agreement, the columns in which they differ: (column, first's value, repeat's value).
pub fn plan_list(
    list: &PublishedList,
    rows: Vec<ListedRow>,
    held: &Holdings,
    differences: &dyn Fn(usize, usize) -> Vec<(&'static str, String, String)>,
) -> ListPlan {
    let standing = &list.standing;
    let kind = list.kind();
    let source = list.source();
    let on_ice_list = format!("on ICE's {source}");
    let mut plan = ListPlan::default();
    let mut counts = ListCounts::default();
    // Agencies the rows named so far: an agency is matched, refreshed or created once.
    let mut seen: HashMap<(State, String), AgencyRef> = HashMap::new();
    let mut new_agencies = 0;
    let mut new_agreements = 0;
    // The first row of each agreement on this list (index, row number), to compare a repeat
    // with; an agreement is on the list once.
    let mut first_rows: HashMap<(AgencyRef, Model, Component), (usize, usize)> = HashMap::new();
    let mut on_list_ids: HashSet<AgreementId> = HashSet::new();
    for (index, row) in rows.into_iter().enumerate() {
        let key = (row.agency.state, row.identity.clone());
        let agency = match seen.get(&key) {
            Some(agency) => *agency,
            None => {
                let agency = match held.agencies.get(&key) {
                    Some(h) => {
                        plan.matched.push(h.id);
                        if let Some(details) = refreshed(h, &row, list) {
                            counts.agencies_updated += 1;
                            plan.changes.push(ListChange::AgencyRefresh {
                                agency: h.id,
                                details,
                            });
                        }
                        AgencyRef::Held(h.id)
                    }
                    None => {
                        counts.agencies_new += 1;
                        plan.changes.push(ListChange::NewAgency {
                            details: row.agency.clone(),
                            identity: row.identity.clone(),
                        });
                        new_agencies += 1;
                        AgencyRef::New(new_agencies - 1)
                    }
                };
                seen.insert(key, agency);
                agency
            }
        };
        // A g287 export's row of an agency with no agreement carries the agency alone.
        let Some(listed) = &row.agreement else {
            continue;
        };
        let agreement_key = (agency, listed.model, listed.component);
        let existing = match (first_rows.get(&agreement_key), agency) {
            (Some(&(first, first_row)), _) => Existing::OnListAlready(first, first_row),
            (None, AgencyRef::New(_)) => Existing::None,
            (None, AgencyRef::Held(id)) => held
                .agreements
                .get(&(id, listed.model, listed.component))
                .map_or(Existing::None, Existing::Known),
        };
        let listed_status = match (kind, listed.stated) {
            (Some(kind), _) => kind.status(),
            (None, Some(status)) => status,
            // The reader refuses a registry row with an agreement and no status.
            (None, None) => continue,
        };
        let mut facts = AgreementFacts {
            signed_on: listed.signed,
            moa: listed.moa,
            moa_url: listed.moa_url.clone(),
            addendum: listed.addendum.clone(),
            // A g287 export is no list of ICE's: it lists nothing.
            listed_on: kind.map(|_| list.as_of),
            requested_on: None,
            // A g287 export states its facts as a coordinator would.
            from_list: standing.order.as_ref().map(|_| FactsPrecedence::Replace),
        };
        match existing {
            Existing::None => {
                counts.agreements_new += 1;
                counts.new_pending += usize::from(listed_status == Status::Pending);
                plan.changes.push(ListChange::NewAgreement {
                    agency,
                    model: listed.model,
                    component: listed.component,
                    status: listed_status,
                    on: listed
                        .signed
                        .filter(|_| listed_status != Status::Pending)
                        .unwrap_or(list.as_of),
                    note: on_ice_list.clone(),
                    facts,
                });
                new_agreements += 1;
                let created = AgreementRef::New(new_agreements - 1);
                if let Some((newer, file)) = &standing.next_of_kind {
                    // Imported after a newer list of its kind that did not show it: off that
                    // list, as if the lists had come in order.
                    plan.changes.push(ListChange::StatusChange {
                        agreement: created,
                        from: listed_status,
                        to: Status::Delisted,
                        on: *newer,
                        note: format!(
                            "absent from ICE's {} list of {newer} ({file}), imported earlier{}",
                            list.kind_code(),
                            if kind == Some(Published::Pending) {
                                ", and not on the participating list: dropped off the pending list"
                            } else {
                                ""
                            }
                        ),
                    });
                    match kind {
                        Some(Published::Pending) => counts.dropped_off += 1,
                        _ => counts.delisted += 1,
                    }
                }
                first_rows.insert(agreement_key, (index, row.row));
                plan.row_agreements.insert(row.row, created);
                counts.agreements += 1;
            }
            Existing::OnListAlready(first, first_row) => {
                counts.repeated_rows += 1;
                let differ = differences(first, index);
                if differ.is_empty() {
                    plan.conflicts.push(Conflict::RepeatedRow {
                        file: list.file.clone(),
                        row: row.row,
                        agency: row.agency.name.clone(),
                        model: listed.model,
                        first_row,
                    });
                }
                for (column, first_value, value) in differ {
                    plan.flagged.push(FlaggedCell {
                        row: row.row,
                        column,
                        value,
                        message: format!(
                            "{} {} is also on row {first_row}, where {column} is {first_value:?}; \
                             the agreement takes row {first_row}'s values, not this row's",
                            row.agency.name, listed.model,
                        ),
                    });
                }
                if let Some(agreement) = plan.row_agreements.get(&first_row).copied() {
                    plan.row_agreements.insert(row.row, agreement);
                }
            }
            Existing::Known(h) => {
                let current = &h.agreement;
                // The day of the last change matters only to a change of status.
                let last_change = (current.status != listed_status)
                    .then_some(h.last_change)
                    .flatten();
                let outcome = on_list(
                    standing.held(current, last_change, false),
                    listed_status,
                    list.as_of,
                );
                let kept = |conflict| Some(conflict);
                let noted = match outcome {
                    StatusOutcome::Unchanged | StatusOutcome::Becomes(_) => None,
                    StatusOutcome::Kept(KeptBecause::NewerListDecided { since }) => {
                        kept(Conflict::NewerListDecided {
                            file: list.file.clone(),
                            agency: row.agency.name.clone(),
                            agreement: current.id,
                            status: current.status,
                            since,
                        })
                    }
                    // The participating list of the day was applied first and showed it.
                    StatusOutcome::Kept(KeptBecause::LifecycleForbids { .. })
                        if current.status == Status::Active
                            && kind == Some(Published::Pending)
                            && current.last_listed_on == Some(list.as_of) =>
                    {
                        kept(Conflict::OnBothLists {
                            file: list.file.clone(),
                            agency: row.agency.name.clone(),
                            agreement: current.id,
                            as_of: list.as_of,
                        })
                    }
                    StatusOutcome::Kept(KeptBecause::LifecycleForbids { listed }) => {
                        kept(Conflict::LifecycleForbids {
                            file: list.file.clone(),
                            agency: row.agency.name.clone(),
                            agreement: current.id,
                            status: current.status,
                            listed,
                        })
                    }
                };
                plan.conflicts.extend(noted);
                let status_changed = if let StatusOutcome::Becomes(to) = outcome {
                    // The same day's pending list, applied first, made it pending.
                    if current.status == Status::Pending
                        && to == Status::Active
                        && h.last_change == Some(list.as_of)
                    {
                        plan.conflicts.push(Conflict::OnBothLists {
                            file: list.file.clone(),
                            agency: row.agency.name.clone(),
                            agreement: current.id,
                            as_of: list.as_of,
                        });
                    }
                    plan.changes.push(ListChange::StatusChange {
                        agreement: AgreementRef::Held(current.id),
                        from: current.status,
                        to,
                        on: list.as_of,
                        note: on_ice_list.clone(),
                    });
                    match to {
                        Status::Active => counts.activated += 1,
                        Status::Pending => counts.made_pending += 1,
                        _ => counts.updated += 1,
                    }
                    true
                } else {
                    false
                };
                let status = match outcome {
                    StatusOutcome::Becomes(s) => s,
                    _ => current.status,
                };
                if kind == Some(Published::Pending) && status != Status::Pending {
                    // Listed as pending but kept in another status: it is not this list's to
                    // date.
                    facts.listed_on = None;
                }
                if standing.order.is_some() {
                    let promoted = status_changed
                        && status == Status::Active
                        && kind == Some(Published::Participating);
                    // An older participating list promoting what a newer pending list made
                    // pending: the date it was last listed is this list's.
                    facts.from_list = Some(if promoted {
                        FactsPrecedence::Replace
                    } else {
                        facts_precedence(
                            current.last_listed_on,
                            list.as_of,
                            standing.newer_same_day_for_facts,
                        )
                    });
                }
                on_list_ids.insert(current.id);
                first_rows.insert(agreement_key, (index, row.row));
                plan.row_agreements
                    .insert(row.row, AgreementRef::Held(current.id));
                counts.agreements += 1;
                let fill = fill_facts(current, h.addendum.as_deref(), &facts);
                plan.conflicts
                    .extend(fill.conflicts.iter().map(|text| Conflict::Fact {
                        file: list.file.clone(),
                        row: row.row,
                        agency: row.agency.name.clone(),
                        text: text.clone(),
                    }));
                let facts_changed = !fill.changes.is_empty();
                if facts_changed {
                    plan.changes.push(ListChange::FactsFilled {
                        agreement: current.id,
                        agency: current.agency_id,
                        fill,
                    });
                }
                match (status_changed, facts_changed) {
                    (false, false) => counts.unchanged += 1,
                    (false, true) => counts.updated += 1,
                    (true, _) => {}
                }
            }
        }
    }
    if let Some(kind) = kind {
        omitted(list, kind, held, &on_list_ids, &mut plan, &mut counts);
    }
    plan.counts = counts;
    plan
}

/// An agency a list names again takes the list's name (as spelt), type and county when the
/// list is the newest that showed any of its agreements; an older list fills in only what is
/// missing. So the newest list has the last word whatever order files come in. `None` when
/// nothing changes (and always for a g287 export).
fn refreshed(held: &HeldAgency, row: &ListedRow, list: &PublishedList) -> Option<AgencyDetails> {
    list.standing.order.as_ref()?;
    let current = &held.details;
    let listed = &row.agency;
    let same = current.name == listed.name
        && row.kind_read.is_none_or(|k| k == current.kind)
        && (listed.county.is_none() || listed.county == current.county);
    if same {
        return None;
    }
    let replace = facts_precedence(
        held.newest_listing,
        list.as_of,
        list.standing.newer_same_day_for_facts,
    ) == FactsPrecedence::Replace;
    let mut details = current.clone();
    if replace {
        details.name = listed.name.clone();
        details.kind = row.kind_read.unwrap_or(current.kind);
        details.county = listed.county.clone().or(current.county.clone());
    } else {
        if current.kind == AgencyKind::Other {
            details.kind = row.kind_read.unwrap_or(current.kind);
        }
        details.county = current.county.clone().or(listed.county.clone());
    }
    (details != *current).then_some(details)
}

/// The agreements an older list of this kind showed and this one omits: delisted from the
/// participating list, or dropped off the pending list (see [`absent`]).
fn omitted(
    list: &PublishedList,
    kind: Published,
    held: &Holdings,
    on_list_ids: &HashSet<AgreementId>,
    plan: &mut ListPlan,
    counts: &mut ListCounts,
) {
    let source = list.source();
    let mut dropped = Vec::new();
    // ICE's lists show ICE's agreements only: they say nothing of CBP's.
    let concerned = held
        .listed
        .iter()
        .filter(|a| a.component == Component::Ice && !on_list_ids.contains(&a.id));
    for current in concerned {
        let facts = list.standing.held(current, None, true);
        let Some(next) = absent(facts, kind, list.as_of) else {
            continue;
        };
        let note = match kind {
            Published::Participating => format!("absent from ICE's {source}"),
            Published::Pending => format!(
                "absent from ICE's {source} and not on the participating list: dropped off the pending list (last listed {})",
                current
                    .last_listed_on
                    .map(|d| d.to_string())
                    .unwrap_or_default()
            ),
        };
        plan.changes.push(ListChange::StatusChange {
            agreement: AgreementRef::Held(current.id),
            from: current.status,
            to: next,
            on: list.as_of,
            note,
        });
        match kind {
            Published::Participating => counts.delisted += 1,
            Published::Pending => counts.dropped_off += 1,
        }
        dropped.push(current.id);
    }
    // A refused row may be one of these agreements (its state or model unreadable): the
    // list's own omission cannot be told from an unreadable row, so it is said.
    if list.refused_rows > 0 && !dropped.is_empty() {
        plan.conflicts.push(Conflict::RefusedRowsMayHide {
            source,
            refused_rows: list.refused_rows,
            agreements: dropped,
        });
    }
}

#[cfg(test)]
mod tests;
