//! Applying ICE's lists to the registry, with the history ICE's files lack.
//!
//! ICE's files carry no ids and no history: each replaces the last. Applying them in date
//! order turns them into a history: a participating list makes its agreements active; an
//! agreement that an older list showed active and this one omits becomes `delisted`; a pending
//! list makes its rows pending, and an agreement an older pending list showed pending and this
//! one omits has dropped off it (delisted too). An older list applied after a newer one
//! changes no status, and a pending list never demotes an active agreement (the summary notes
//! the conflict). The rules are `domain::lists`'; this module looks up what they need and
//! persists their answer.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};

use super::agreements::{AgreementFacts, NewAgreement};
use super::sql::{self, AGREEMENT_COLUMNS};
use super::{Result, Store, Writer};
use crate::domain::lists::{
    self, FactsPrecedence, Held, KeptBecause, ListOrder, Published, StatusOutcome,
};
use crate::domain::{
    AgencyDetails, AgencyId, AgencyKind, Agreement, AgreementId, Component, MoaPosting, Model,
    Status,
};
use crate::import::{ListFile, ListKind, ListRow, Problem, date_from_file_name};

/// Page cache an import may use per row of its lists (the database grows by about 1.3 KiB a
/// row, audit entries included).
const CACHE_KIB_PER_ROW: usize = 2;
/// The most page cache an import uses.
const MAX_IMPORT_CACHE_KIB: usize = 256 * 1024;

/// A list read from a file, with the fingerprint of the bytes read.
#[derive(Debug, Clone)]
pub struct ListToApply {
    /// The list.
    pub list: ListFile,
    /// SHA-256 of the file's bytes, to recognise a file imported before.
    pub sha256: String,
}

impl ListToApply {
    /// Fingerprints the file of a list just read.
    pub fn new(list: ListFile) -> std::io::Result<ListToApply> {
        let bytes = std::fs::read(&list.path)?;
        let sha256 = super::audit::hex(&Sha256::digest(&bytes));
        Ok(ListToApply { list, sha256 })
    }
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ImportSummary {
    /// Whether nothing was written.
    pub dry_run: bool,
    /// Data rows read, over all files.
    pub rows: usize,
    /// Agreements the rows name (rows that could become one).
    pub agreements: usize,
    /// Agencies not known before.
    pub agencies_new: usize,
    /// Agencies registered before the import that its rows name.
    pub agencies_matched: usize,
    /// Agreements not known before.
    pub agreements_new: usize,
    /// Known agreements that became active.
    pub activated: usize,
    /// Known agreements that became pending.
    pub made_pending: usize,
    /// Active agreements absent from a newer participating list.
    pub delisted: usize,
    /// Pending agreements absent from a newer pending list (and not on the participating
    /// list): delisted, no longer counted as pending.
    pub dropped_off: usize,
    /// Agencies whose name (as spelt), type or county a newer list changed.
    pub agencies_updated: usize,
    /// Rows naming an agreement an earlier row of the same list named (counted once; a
    /// difference between the two is flagged).
    pub repeated_rows: usize,
    /// Agreements whose dates or MOA facts were filled in.
    pub updated: usize,
    /// Agreements on a list that needed no change.
    pub unchanged: usize,
    /// Cells flagged for review.
    pub flagged: usize,
    /// Rows that could not become an agreement (also among `problems`).
    pub refused_rows: usize,
    /// Disagreements between lists or with the registry, kept as they were.
    pub conflicts: Vec<String>,
    /// Every flagged cell: file, row, column, value and what is wrong.
    pub problems: Vec<Problem>,
    /// Each file.
    pub files: Vec<FileSummary>,
    /// Agencies created by this import, so that later rows naming them are not "matched".
    #[serde(skip)]
    created: HashSet<i64>,
    /// Agencies registered before this import that its rows named.
    #[serde(skip)]
    matched: HashSet<i64>,
}

/// One file of an import.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileSummary {
    /// The file's name.
    pub file: String,
    /// Participating or pending.
    pub kind: ListKind,
    /// The list's date.
    pub as_of: NaiveDate,
    /// Data rows.
    pub rows: usize,
    /// The same file (same bytes, kind and date) was imported before, so it was not applied again.
    pub already_imported: bool,
}

impl Store {
    /// Applies lists in their order in ICE's series (see [`ListOrder`]: the participating list
    /// before the pending list of the same edition, which cannot demote what it shows active)
    /// in one transaction. With `dry_run` the transaction is rolled back and the summary says
    /// what would have happened.
    pub fn apply_lists(&mut self, lists: Vec<ListToApply>, dry_run: bool) -> Result<ImportSummary> {
        self.apply_lists_with_progress(lists, dry_run, &mut |_, _| {})
    }

    /// [`Store::apply_lists`], telling `progress` the rows done and the rows in all as it goes.
    pub fn apply_lists_with_progress(
        &mut self,
        mut lists: Vec<ListToApply>,
        dry_run: bool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportSummary> {
        // ICE's lists in their order in the series (see `ListOrder`); a g287 export where its
        // date puts it. Files of the same place in the series by their fingerprint, so that
        // one call always applies them in the same order.
        lists.sort_by(|a, b| {
            let key = |l: &ListToApply| {
                (
                    l.list.as_of,
                    l.list.afternoon,
                    l.list.captured,
                    l.list.kind != ListKind::Participating,
                )
            };
            key(a).cmp(&key(b)).then_with(|| a.sha256.cmp(&b.sha256))
        });
        let apply = |w: &mut Writer<'_>| {
            let mut summary = ImportSummary {
                dry_run,
                ..ImportSummary::default()
            };
            let total: usize = lists.iter().map(|l| l.list.rows.len()).sum();
            let mut done = 0;
            for l in &lists {
                w.apply_list(l, &mut summary, &mut |n| progress(done + n, total))?;
                done += l.list.rows.len();
                progress(done, total);
            }
            Ok(summary)
        };
        // A large import writes more pages than SQLite's page cache holds by default (2 MiB):
        // the excess would be written to the WAL in mid-transaction and read back. The cache is
        // given room in proportion to the rows for the import (pages are taken only as needed),
        // then set back.
        let rows: usize = lists.iter().map(|l| l.list.rows.len()).sum();
        let wanted_kib = (rows * CACHE_KIB_PER_ROW).min(MAX_IMPORT_CACHE_KIB) as i64;
        let previous: i64 = self
            .conn()
            .pragma_query_value(None, "cache_size", |r| r.get(0))?;
        // A negative cache_size is in KiB, a positive one in pages.
        let grow = previous < 0 && -previous < wanted_kib;
        if grow {
            self.conn().pragma_update(None, "cache_size", -wanted_kib)?;
        }
        let result = if dry_run {
            self.write_then_roll_back(apply)
        } else {
            self.write(apply)
        };
        if grow {
            self.conn().pragma_update(None, "cache_size", previous)?;
        }
        result
    }
}

/// What the registry holds for a row's agency, model and component.
enum Existing {
    /// Nothing: the row makes a new agreement.
    None,
    /// An agreement an earlier row of the same list named.
    OnListAlready,
    /// A known agreement, with its `addendum` column (boxed: an agreement with its MOA's
    /// signatures is many times the size of the other variants).
    Known(Box<Agreement>, Option<String>),
}

/// A list applied before, as the `imports` table remembers it.
struct Applied {
    order: ListOrder,
    file: String,
    sha256: String,
}

/// What the lists applied before say about the list being applied, for the rules of
/// [`crate::domain::lists`].
struct Standing {
    /// The list's own place in the series; `None` for a g287 export.
    order: Option<ListOrder>,
    /// A newer list of any kind, the same day, was applied before.
    newer_same_day: bool,
    /// A newer list of the same kind, the same day, was applied before.
    newer_same_day_same_kind: bool,
    /// A list newer for facts (see [`ListOrder::newer_for_facts`]), the same day, was applied
    /// before.
    newer_same_day_for_facts: bool,
    /// A newer participating list was applied before.
    newer_participating: bool,
    /// The oldest list of the same kind newer than this one applied before: its date and
    /// file. An agreement this list adds was absent from it (it did not exist), so it is
    /// delisted as of that list, as if the lists had come in order.
    next_of_kind: Option<(NaiveDate, String)>,
}

impl Standing {
    /// What the registry holds about `current`, for [`lists::on_list`] or, when `absent`
    /// (the list omits it), for [`lists::absent`], which asks about newer lists of its kind.
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

impl Writer<'_> {
    /// The lists of ICE's applied so far, each with its place in the series: stored with the
    /// import since it could be read from the file's folder, else rebuilt from its date and
    /// file name (imports made before the order was kept).
    fn applied_lists(&self) -> Result<Vec<Applied>> {
        let mut stmt = self.prepare(
            "SELECT file, sha256, kind, as_of, summary FROM imports
             WHERE kind IN ('participating', 'pending')",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (file, sha256, kind, as_of, summary) = row?;
            let stored = serde_json::from_str::<serde_json::Value>(&summary)
                .ok()
                .and_then(|v| serde_json::from_value::<ListOrder>(v.get("order")?.clone()).ok());
            let derived = || {
                Some(ListOrder {
                    as_of: as_of.parse().ok()?,
                    afternoon: date_from_file_name(&file).is_some_and(|(_, pm)| pm),
                    captured: None,
                    kind: if kind == "participating" {
                        Published::Participating
                    } else {
                        Published::Pending
                    },
                })
            };
            if let Some(order) = stored.or_else(derived) {
                out.push(Applied {
                    order,
                    file,
                    sha256,
                });
            }
        }
        Ok(out)
    }

    /// Where `l` stands against the lists applied before; notes in `summary` another file
    /// published under the same name and date (ICE replaced the file).
    fn standing(&self, l: &ListToApply, summary: &mut ImportSummary) -> Result<Standing> {
        let Some(order) = l.list.order() else {
            return Ok(Standing {
                order: None,
                newer_same_day: false,
                newer_same_day_same_kind: false,
                newer_same_day_for_facts: false,
                newer_participating: false,
                next_of_kind: None,
            });
        };
        let applied = self.applied_lists()?;
        let newer = || applied.iter().filter(|a| a.order > order);
        for twin in applied
            .iter()
            .filter(|a| a.file == l.list.name && a.sha256 != l.sha256)
            .filter(|a| a.order.as_of == order.as_of && a.order.kind == order.kind)
        {
            let (first, then) = if twin.order <= order {
                (&twin.order, &order)
            } else {
                (&order, &twin.order)
            };
            let how = if twin.order.indistinguishable_from(&order) {
                "neither has a capture time, so which is newer cannot be known: they were \
                 applied in the order given, and the later one has the last word; check them"
                    .to_string()
            } else {
                format!("both applied, the {first} first, then the {then}")
            };
            summary.conflicts.push(format!(
                "{}: two different files carry this name (sha256 {}… and {}…); {how}",
                l.list.name,
                short(&twin.sha256),
                short(&l.sha256),
            ));
        }
        Ok(Standing {
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
        })
    }

    fn apply_list(
        &mut self,
        l: &ListToApply,
        summary: &mut ImportSummary,
        progress: &mut dyn FnMut(usize),
    ) -> Result<()> {
        let list = &l.list;
        let data_rows = list.rows.len() + list.refused_rows();
        summary.rows += data_rows;
        let seen_before: Option<String> = self
            .query_row(
                "SELECT imported_at FROM imports WHERE sha256 = ?1 AND kind = ?2 AND as_of = ?3",
                params![l.sha256, list.kind.code(), list.as_of.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        summary.files.push(FileSummary {
            file: list.name.clone(),
            kind: list.kind,
            as_of: list.as_of,
            rows: data_rows,
            already_imported: seen_before.is_some(),
        });
        if seen_before.is_some() {
            summary.agreements += list.rows.len();
            summary.unchanged += list.rows.len();
            return Ok(());
        }
        let standing = self.standing(l, summary)?;
        self.execute(
            "INSERT INTO imports (file, sha256, kind, as_of, imported_at, imported_by, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                list.name,
                l.sha256,
                list.kind.code(),
                list.as_of.to_string(),
                self.now(),
                self.user(),
                serde_json::json!({"order": standing.order}).to_string()
            ],
        )?;
        let import_id = self.last_insert_rowid();
        let source = format!(
            "{} list of {} ({})",
            list.kind.code(),
            list.as_of,
            list.name
        );
        let mut problems = list.problems.clone();
        let mut on_list: HashSet<AgreementId> = HashSet::new();
        let mut row_agreement = HashMap::new();
        // The first row of each agreement on this list, to compare a repeated row with.
        let mut first_rows: HashMap<(AgencyId, Model, Component), &ListRow> = HashMap::new();
        // Agencies this list's rows named, by state and identity key: an agency's rows follow
        // each other, and it is looked up once.
        let mut agencies_seen: HashMap<(&'static str, String), AgencyId> = HashMap::new();
        // Agencies this list created, and the agreements it created for them, which therefore
        // need no lookup either.
        let mut agencies_created: HashSet<AgencyId> = HashSet::new();
        let mut agreements_created: HashSet<(AgencyId, Model, Component)> = HashSet::new();
        for (n, row) in list.rows.iter().enumerate() {
            if n % 256 == 0 {
                progress(n);
            }
            let details = AgencyDetails {
                state: row.state,
                name: row.agency.clone(),
                // A TYPE that could not be read is flagged; the agency is kept as Other until reviewed.
                kind: row.kind.unwrap_or(AgencyKind::Other),
                county: row.county.clone(),
                ori: row.registry.as_ref().and_then(|r| r.ori.clone()),
                has_jail: row.registry.as_ref().and_then(|r| r.has_jail),
                contact: None,
            };
            let key = (details.state.code(), details.identity());
            let seen = agencies_seen.get(&key).copied();
            let found = match seen {
                Some(id) => Some(id),
                None => super::agencies::find_by_identity(self, key.0, &key.1)?,
            };
            let agency_id = match found {
                Some(id) => {
                    // Counted once per agency registered before this import, however many
                    // of its rows the lists hold.
                    if !summary.created.contains(&id) && summary.matched.insert(id) {
                        summary.agencies_matched += 1;
                    }
                    if seen.is_none() && !agencies_created.contains(&id) {
                        self.refresh_agency(id, row, &standing, summary)?;
                    }
                    id
                }
                None => {
                    summary.agencies_new += 1;
                    let id = self.create_unregistered_agency(&details, &key.1)?;
                    summary.created.insert(id);
                    agencies_created.insert(id);
                    id
                }
            };
            if seen.is_none() {
                agencies_seen.insert(key, agency_id);
            }
            // A g287 export's row of an agency with no agreement carries the agency alone.
            let Some(model) = row.model else { continue };
            let component = row
                .registry
                .as_ref()
                .map_or(Component::Ice, |r| r.component);
            let existing = if agencies_created.contains(&agency_id) {
                // Every agreement of an agency this list created is on this list already.
                if agreements_created.contains(&(agency_id, model, component)) {
                    Existing::OnListAlready
                } else {
                    Existing::None
                }
            } else {
                match self
                    .prepare_cached(&format!(
                        "SELECT {AGREEMENT_COLUMNS}, addendum FROM agreements
                         WHERE agency_id = ?1 AND model = ?2 AND component = ?3"
                    ))?
                    .query_row(params![agency_id, model.code(), component.code()], |r| {
                        Ok((
                            sql::agreement(r, 0)?,
                            r.get::<_, Option<String>>(sql::AGREEMENT_COLUMN_COUNT)?,
                        ))
                    })
                    .optional()?
                {
                    None => Existing::None,
                    Some((current, _)) if on_list.contains(&current.id) => Existing::OnListAlready,
                    Some((current, addendum)) => Existing::Known(Box::new(current), addendum),
                }
            };
            let listed_status = match (list.kind, row.registry.as_ref().and_then(|r| r.status)) {
                (ListKind::Participating, _) => Status::Active,
                (ListKind::Pending, _) => Status::Pending,
                (ListKind::Registry, Some(status)) => status,
                // The reader refuses a registry row with an agreement and no status.
                (ListKind::Registry, None) => continue,
            };
            let mut facts = AgreementFacts {
                signed_on: row.signed,
                moa: row.moa.as_ref().map(|m| {
                    if m.posted {
                        MoaPosting::Posted
                    } else {
                        MoaPosting::Pending
                    }
                }),
                moa_url: row.moa.as_ref().and_then(|m| m.url.clone()),
                addendum: row.addendum.clone(),
                // A pending list lists the agreements it holds pending (below); a g287
                // export is no list of ICE's.
                listed_on: (list.kind == ListKind::Participating).then_some(list.as_of),
                requested_on: None,
                // A g287 export states its facts as a coordinator would.
                from_list: standing.order.as_ref().map(|_| FactsPrecedence::Replace),
            };
            if list.kind == ListKind::Pending {
                facts.listed_on = Some(list.as_of);
            }
            let conflicts = match existing {
                Existing::None => {
                    summary.agreements_new += 1;
                    let mut delisted = false;
                    let new = NewAgreement {
                        agency_id,
                        model,
                        component,
                        status: listed_status,
                        on: row
                            .signed
                            .filter(|_| listed_status != Status::Pending)
                            .unwrap_or(list.as_of),
                        requested_on: None,
                        signed_on: None,
                        note: Some(format!("on ICE's {source}")),
                    };
                    let next = standing.next_of_kind.clone();
                    let (id, conflicts) = self.create_new_agreement(&new, &facts, |w, id| {
                        if let Some((newer, file)) = &next {
                            w.change_status(
                                id,
                                Status::Delisted,
                                *newer,
                                Some(&format!(
                                    "absent from ICE's {} list of {newer} ({file}), imported earlier{}",
                                    list.kind.code(),
                                    if list.kind == ListKind::Pending {
                                        ", and not on the participating list: dropped off the pending list"
                                    } else {
                                        ""
                                    }
                                )),
                            )?;
                            delisted = true;
                        }
                        Ok(())
                    })?;
                    if delisted {
                        match list.kind {
                            ListKind::Pending => summary.dropped_off += 1,
                            _ => summary.delisted += 1,
                        }
                    }
                    agreements_created.insert((agency_id, model, component));
                    first_rows.insert((agency_id, model, component), row);
                    on_list.insert(id);
                    row_agreement.insert(row.row, id);
                    summary.agreements += 1;
                    conflicts
                }
                Existing::OnListAlready => {
                    let first = first_rows.get(&(agency_id, model, component)).copied();
                    summary.repeated_rows += 1;
                    let differences = first.map(|f| f.differences(row)).unwrap_or_default();
                    if differences.is_empty() {
                        summary.conflicts.push(format!(
                            "{} row {}: {} {} appears twice on this list (first on row {}), \
                             the same both times; counted once",
                            list.name,
                            row.row,
                            row.agency,
                            model,
                            first.map_or(0, |f| f.row)
                        ));
                    }
                    for (column, first_value, value) in differences {
                        problems.push(Problem {
                            file: list.name.clone(),
                            row: row.row,
                            column: column.to_string(),
                            value,
                            message: format!(
                                "{} {model} is also on row {}, where {column} is {first_value:?}; \
                                 the agreement takes row {}'s values, not this row's",
                                row.agency,
                                first.map_or(0, |f| f.row),
                                first.map_or(0, |f| f.row),
                            ),
                            kept: true,
                        });
                    }
                    if let Some(id) = first.and_then(|f| row_agreement.get(&f.row)).copied() {
                        row_agreement.insert(row.row, id);
                    }
                    continue;
                }
                Existing::Known(current, addendum) => {
                    // The day of the last change matters only to a change of status.
                    let last_change = if current.status == listed_status {
                        None
                    } else {
                        self.last_status_change(current.id)?
                    };
                    let held = standing.held(&current, last_change, false);
                    let outcome = lists::on_list(held, listed_status, list.as_of);
                    let status_changed = self.move_to_listed(
                        &current,
                        outcome,
                        list,
                        &source,
                        &row.agency,
                        summary,
                    )?;
                    let status = match outcome {
                        StatusOutcome::Becomes(s) => s,
                        _ => current.status,
                    };
                    if list.kind == ListKind::Pending && status != Status::Pending {
                        // Listed as pending but kept in another status: it is not this
                        // list's to date.
                        facts.listed_on = None;
                    }
                    if standing.order.is_some() {
                        let promoted = status_changed
                            && status == Status::Active
                            && list.kind == ListKind::Participating;
                        // An older participating list promoting what a newer pending list
                        // made pending: the date it was last listed is this list's.
                        facts.from_list = Some(if promoted {
                            FactsPrecedence::Replace
                        } else {
                            lists::facts_precedence(
                                current.last_listed_on,
                                list.as_of,
                                standing.newer_same_day_for_facts,
                            )
                        });
                    }
                    on_list.insert(current.id);
                    first_rows.insert((agency_id, model, component), row);
                    row_agreement.insert(row.row, current.id);
                    summary.agreements += 1;
                    let before = self.total_changes();
                    let conflicts = self.fill_facts_of(&current, addendum, &facts)?;
                    let facts_changed = self.total_changes() != before;
                    match (status_changed, facts_changed) {
                        (false, false) => summary.unchanged += 1,
                        (false, true) => summary.updated += 1,
                        (true, _) => {}
                    }
                    conflicts
                }
            };
            for c in conflicts {
                summary.conflicts.push(format!(
                    "{} row {}: {}: {c}",
                    list.name, row.row, row.agency
                ));
            }
        }
        if let Some(order) = &standing.order {
            self.omitted(
                &on_list,
                list.refused_rows(),
                order,
                &standing,
                &source,
                summary,
            )?;
        }
        for p in &problems {
            self.execute(
                "INSERT INTO review_items (import_id, file, row, column_name, value, message, agreement_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![import_id, p.file, p.row as i64, p.column, p.value, p.message, row_agreement.get(&p.row)],
            )?;
        }
        summary.flagged += problems.len();
        summary.refused_rows += list.refused_rows();
        self.execute(
            "UPDATE imports SET summary = ?2 WHERE id = ?1",
            params![
                import_id,
                serde_json::json!({"rows": data_rows, "flagged": problems.len(), "order": standing.order}).to_string()
            ],
        )?;
        self.log(
            "import",
            Some(import_id),
            None,
            "apply",
            serde_json::json!({"file": list.name, "kind": list.kind.code(), "as_of": list.as_of, "sha256": l.sha256, "rows": data_rows, "flagged": problems.len()}),
        )?;
        summary.problems.extend(problems);
        Ok(())
    }

    /// The day of an agreement's last status change.
    fn last_status_change(&self, id: AgreementId) -> Result<Option<NaiveDate>> {
        let last: Option<String> = self
            .prepare_cached("SELECT max(on_date) FROM status_changes WHERE agreement_id = ?1")?
            .query_row([id], |r| r.get(0))?;
        Ok(last.and_then(|d| d.parse::<NaiveDate>().ok()))
    }

    /// An agency a list names again takes the list's name (as spelt), type and county when the
    /// list is the newest that showed any of its agreements; an older list fills in only what
    /// is missing. So the newest list has the last word whatever order files come in.
    fn refresh_agency(
        &mut self,
        id: AgencyId,
        row: &ListRow,
        standing: &Standing,
        summary: &mut ImportSummary,
    ) -> Result<()> {
        let Some(order) = &standing.order else {
            return Ok(());
        };
        let current = super::agencies::agency(self, id)?.details;
        let same = current.name == row.agency
            && row.kind.is_none_or(|k| k == current.kind)
            && (row.county.is_none() || row.county == current.county);
        if same {
            // Nothing this row could change (most rows): no need to ask which list is newer.
            return Ok(());
        }
        let newest: Option<String> = self
            .prepare_cached("SELECT max(last_listed_on) FROM agreements WHERE agency_id = ?1")?
            .query_row([id], |r| r.get(0))?;
        let newest = newest.and_then(|d| d.parse::<NaiveDate>().ok());
        let replace =
            lists::facts_precedence(newest, order.as_of, standing.newer_same_day_for_facts)
                == FactsPrecedence::Replace;
        let mut details = current.clone();
        if replace {
            details.name = row.agency.clone();
            details.kind = row.kind.unwrap_or(current.kind);
            details.county = row.county.clone().or(current.county.clone());
        } else {
            if current.kind == AgencyKind::Other {
                details.kind = row.kind.unwrap_or(current.kind);
            }
            details.county = current.county.clone().or(row.county.clone());
        }
        if self.update_agency(id, &details)? {
            summary.agencies_updated += 1;
        }
        Ok(())
    }

    /// Applies a list's status outcome to a known agreement, noting a kept disagreement in the
    /// summary. Returns whether the status changed.
    fn move_to_listed(
        &mut self,
        current: &Agreement,
        outcome: StatusOutcome,
        list: &ListFile,
        source: &str,
        agency: &str,
        summary: &mut ImportSummary,
    ) -> Result<bool> {
        let (id, status) = (current.id, current.status);
        let listed = match outcome {
            StatusOutcome::Unchanged => return Ok(false),
            StatusOutcome::Kept(KeptBecause::NewerListDecided { since }) => {
                summary.conflicts.push(format!(
                    "{}: {agency} agreement {id} is {status} since {since}, set by a later list than this one; left as it is",
                    list.name,
                ));
                return Ok(false);
            }
            StatusOutcome::Kept(KeptBecause::LifecycleForbids { .. })
                if status == Status::Active
                    && list.kind == ListKind::Pending
                    && current.last_listed_on == Some(list.as_of) =>
            {
                summary.conflicts.push(format!(
                    "{}: {agency} agreement {id} is on both ICE's pending and participating lists of {}; the participating list wins: active",
                    list.name, list.as_of
                ));
                return Ok(false);
            }
            StatusOutcome::Kept(KeptBecause::LifecycleForbids { listed }) => {
                summary.conflicts.push(format!(
                    "{}: {agency} agreement {id} is {status}; this list shows it {}: left {status}",
                    list.name,
                    listed.label().to_lowercase()
                ));
                return Ok(false);
            }
            StatusOutcome::Becomes(listed) => listed,
        };
        if status == Status::Pending
            && listed == Status::Active
            && self.last_status_change(id)? == Some(list.as_of)
        {
            summary.conflicts.push(format!(
                "{}: {agency} agreement {id} is on both ICE's pending and participating lists of {}; the participating list wins: active",
                list.name, list.as_of
            ));
        }
        self.change_status(id, listed, list.as_of, Some(&format!("on ICE's {source}")))?;
        match listed {
            Status::Active => summary.activated += 1,
            Status::Pending => summary.made_pending += 1,
            _ => summary.updated += 1,
        }
        Ok(true)
    }

    /// The agreements an older list of this kind showed and this one omits: delisted from the
    /// participating list, or dropped off the pending list (see [`lists::absent`]).
    fn omitted(
        &mut self,
        on_list: &HashSet<AgreementId>,
        refused_rows: usize,
        order: &ListOrder,
        standing: &Standing,
        source: &str,
        summary: &mut ImportSummary,
    ) -> Result<()> {
        let candidates: Vec<Agreement> = self
            .prepare(&format!(
                "SELECT {AGREEMENT_COLUMNS} FROM agreements WHERE status = ?1 AND component = 'ice'
                 AND last_listed_on IS NOT NULL AND last_listed_on <= ?2"
            ))?
            .query_map(
                params![order.kind.status().code(), order.as_of.to_string()],
                |r| sql::agreement(r, 0),
            )?
            .collect::<rusqlite::Result<_>>()?;
        let mut dropped = Vec::new();
        for current in candidates.into_iter().filter(|a| !on_list.contains(&a.id)) {
            let held = standing.held(&current, None, true);
            let Some(next) = lists::absent(held, order.kind, order.as_of) else {
                continue;
            };
            let note = match order.kind {
                Published::Participating => format!("absent from ICE's {source}"),
                Published::Pending => format!(
                    "absent from ICE's {source} and not on the participating list: dropped off the pending list (last listed {})",
                    current
                        .last_listed_on
                        .map(|d| d.to_string())
                        .unwrap_or_default()
                ),
            };
            self.change_status(current.id, next, order.as_of, Some(&note))?;
            match order.kind {
                Published::Participating => summary.delisted += 1,
                Published::Pending => summary.dropped_off += 1,
            }
            dropped.push(current.id);
        }
        // A refused row may be one of these agreements (its state or model unreadable): the
        // list's own omission cannot be told from an unreadable row, so it is said.
        if refused_rows > 0 && !dropped.is_empty() {
            summary.conflicts.push(format!(
                "{}: {refused_rows} rows could not be read (flagged); agreements {} are off this list, and one of them may be on such a row: check the flagged rows",
                source,
                dropped.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
            ));
        }
        Ok(())
    }
}

/// The first characters of a fingerprint, enough to tell two files apart in a message.
fn short(sha256: &str) -> &str {
    sha256.get(..12).unwrap_or(sha256)
}
