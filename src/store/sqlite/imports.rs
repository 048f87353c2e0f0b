//! Applying ICE's lists to the registry, with the history ICE's files lack.
//!
//! ICE's files carry no ids and no history: each replaces the last. Applying them in date
//! order turns them into a history: a participating list makes its agreements active; an
//! agreement that an older list showed active and this one omits becomes `delisted`; a pending
//! list makes its rows pending, and an agreement an older pending list showed pending and this
//! one omits has dropped off it (delisted too). An older list applied after a newer one
//! changes no status, and a pending list never demotes an active agreement (the summary notes
//! the conflict). The rules are `domain::lists`': for each list this module looks up what the
//! registry holds that the list concerns ([`lists::Holdings`], a few queries per agency named),
//! asks [`lists::plan_list`] for the changes, and writes each change with its history entry in
//! the plan's order; it decides nothing.

use crate::store::connection::OptionalExtension;
use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashSet;

use super::agreements::NewAgreement;
use super::sql::{self, AGREEMENT_COLUMNS};
use super::{Result, Store, Writer};
use crate::domain::lists::{
    self, AgencyRef, AgreementRef, AppliedList, HeldAgency, HeldAgreement, Holdings, ListChange,
    ListCounts, ListOrder, ListedAgreement, ListedRow, Published, PublishedList, Standing,
};
use crate::domain::{
    AgencyDetails, AgencyId, AgencyKind, AgreementId, Component, MoaPosting, State,
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
    /// Of the new agreements, those that start pending (a pending list's new agreements are
    /// pending, though none "becomes" pending: that count is of agreements already known).
    pub new_pending: usize,
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
    /// Agencies the import linked to their ORI in the national list (new ones, and ones in
    /// review that now match).
    pub ori_linked: usize,
    /// Agencies left on the Review screen with candidates of the national list.
    pub ori_in_review: usize,
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
    created: HashSet<AgencyId>,
    /// Agencies registered before this import that its rows named.
    #[serde(skip)]
    matched: HashSet<AgencyId>,
}

impl ImportSummary {
    /// Adds one list's counts.
    fn add(&mut self, counts: &ListCounts) {
        self.agencies_new += counts.agencies_new;
        self.agencies_updated += counts.agencies_updated;
        self.agreements += counts.agreements;
        self.agreements_new += counts.agreements_new;
        self.new_pending += counts.new_pending;
        self.activated += counts.activated;
        self.made_pending += counts.made_pending;
        self.delisted += counts.delisted;
        self.dropped_off += counts.dropped_off;
        self.repeated_rows += counts.repeated_rows;
        self.updated += counts.updated;
        self.unchanged += counts.unchanged;
    }
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
                lists::application_order(
                    l.list.as_of,
                    l.list.afternoon,
                    l.list.captured,
                    l.list.order().map(|o| o.kind),
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
            // New agencies, and agencies in review whose name or county a list changed, are
            // linked to the national list in the same transaction.
            let links = w.link_pending_with_national_list()?;
            summary.ori_linked = links.linked;
            summary.ori_in_review = links.in_review;
            Ok(summary)
        };
        // A large import writes more pages than SQLite's page cache holds by default (2 MiB):
        // the excess would be written to the WAL in mid-transaction and read back. The cache is
        // given room in proportion to the rows for the import (pages are taken only as needed),
        // then set back.
        let rows: usize = lists.iter().map(|l| l.list.rows.len()).sum();
        let wanted_kib = (rows * CACHE_KIB_PER_ROW).min(MAX_IMPORT_CACHE_KIB) as i64;
        let sqlite = self.conn().sqlite();
        let previous: i64 = match sqlite {
            Some(conn) => conn.pragma_query_value(None, "cache_size", |r| r.get(0))?,
            None => 0,
        };
        // A negative cache_size is in KiB, a positive one in pages.
        let grow = previous < 0 && -previous < wanted_kib;
        if let Some(conn) = sqlite.filter(|_| grow) {
            conn.pragma_update(None, "cache_size", -wanted_kib)?;
        }
        let result = if dry_run {
            self.write_then_roll_back(apply)
        } else {
            self.write(apply)
        };
        if let Some(conn) = self.conn().sqlite().filter(|_| grow) {
            conn.pragma_update(None, "cache_size", previous)?;
        }
        result
    }
}

impl Writer<'_> {
    /// The lists of ICE's applied so far, each with its place in the series: stored with the
    /// import since it could be read from the file's folder, else rebuilt from its date and
    /// file name (imports made before the order was kept).
    fn applied_lists(&self) -> Result<Vec<AppliedList>> {
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
                out.push(AppliedList {
                    order,
                    file,
                    sha256,
                });
            }
        }
        Ok(out)
    }

    /// Applies one list: looks up what the registry holds that the list concerns, asks
    /// [`lists::plan_list`] what the list changes, and writes each change with its history
    /// entry, in the plan's order.
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
            summary.add(&ListCounts::applied_before(list.rows.len()));
            return Ok(());
        }
        let order = list.order();
        let applied = match order {
            Some(_) => self.applied_lists()?,
            None => Vec::new(),
        };
        let (standing, twins) = Standing::among(order, &list.name, &l.sha256, &applied);
        summary
            .conflicts
            .extend(twins.iter().map(ToString::to_string));
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
        let import_id = self.last_insert_rowid()?;
        let rows: Vec<ListedRow> = list.rows.iter().map(listed_row).collect();
        let held = self.holdings(&rows, standing.order.as_ref())?;
        let published = PublishedList {
            file: list.name.clone(),
            as_of: list.as_of,
            standing,
            refused_rows: list.refused_rows(),
        };
        let plan = lists::plan_list(&published, rows, &held, &|first, repeat| {
            list.rows[first].differences(&list.rows[repeat])
        });
        drop(held);
        for &id in &plan.matched {
            // Counted once per agency registered before this import, however many of its
            // rows the lists hold.
            if !summary.created.contains(&id) && summary.matched.insert(id) {
                summary.agencies_matched += 1;
            }
        }
        let mut agencies: Vec<AgencyId> = Vec::new();
        let mut agreements: Vec<AgreementId> = Vec::new();
        let agency = |r: AgencyRef, new: &[AgencyId]| match r {
            AgencyRef::Held(id) => id,
            AgencyRef::New(n) => new[n],
        };
        let agreement = |r: AgreementRef, new: &[AgreementId]| match r {
            AgreementRef::Held(id) => id,
            AgreementRef::New(n) => new[n],
        };
        let steps = plan.changes.len().max(1);
        for (n, change) in plan.changes.into_iter().enumerate() {
            if n % 256 == 0 {
                progress(n * list.rows.len() / steps);
            }
            match change {
                ListChange::NewAgency { details, identity } => {
                    let id = self.create_unregistered_agency(&details, &identity)?;
                    summary.created.insert(id);
                    agencies.push(id);
                }
                ListChange::AgencyRefresh { agency, details } => {
                    self.update_agency(agency, &details)?;
                }
                ListChange::NewAgreement {
                    agency: of,
                    model,
                    component,
                    status,
                    on,
                    note,
                    facts,
                } => {
                    let new = NewAgreement {
                        agency_id: agency(of, &agencies),
                        model,
                        component,
                        status,
                        on,
                        requested_on: None,
                        signed_on: None,
                        note: Some(note),
                    };
                    agreements.push(self.create_new_agreement(&new, &facts)?);
                }
                ListChange::StatusChange {
                    agreement: which,
                    to,
                    on,
                    note,
                    ..
                } => {
                    self.change_status(agreement(which, &agreements), to, on, Some(&note))?;
                }
                ListChange::FactsFilled {
                    agreement: id,
                    agency,
                    fill,
                } => self.write_fill(id, agency, &fill)?,
            }
        }
        summary.add(&plan.counts);
        summary
            .conflicts
            .extend(plan.conflicts.iter().map(ToString::to_string));
        let mut problems = list.problems.clone();
        problems.extend(plan.flagged.into_iter().map(|f| Problem {
            file: list.name.clone(),
            row: f.row,
            column: f.column.to_string(),
            value: f.value,
            message: f.message,
            kept: true,
        }));
        for p in &problems {
            let about = plan
                .row_agreements
                .get(&p.row)
                .map(|r| agreement(*r, &agreements));
            self.execute(
                "INSERT INTO review_items (import_id, file, row, column_name, value, message, agreement_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![import_id, p.file, p.row as i64, p.column, p.value, p.message, about],
            )?;
        }
        summary.flagged += problems.len();
        summary.refused_rows += list.refused_rows();
        self.execute(
            "UPDATE imports SET summary = ?2 WHERE id = ?1",
            params![
                import_id,
                serde_json::json!({"rows": data_rows, "flagged": problems.len(), "order": published.standing.order}).to_string()
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

    /// What the registry holds that a list of `rows` concerns: the agencies they name (looked
    /// up once each), every agreement of those agencies with its addendum and the day of its
    /// last status change (one query per agency), and, for one of ICE's lists (`order`), the
    /// agreements it may omit. An import into an empty registry asks one question per agency.
    fn holdings(&self, rows: &[ListedRow], order: Option<&ListOrder>) -> Result<Holdings> {
        let mut held = Holdings::default();
        let mut looked_up: HashSet<(State, &str)> = HashSet::new();
        for row in rows {
            let state = row.agency.state;
            if !looked_up.insert((state, &row.identity)) {
                continue;
            }
            let Some(id) = super::agencies::find_by_identity(self, state.code(), &row.identity)?
            else {
                continue;
            };
            let details = super::agencies::agency(self, id)?.details;
            let mut newest_listing = None;
            let mut stmt = self.prepare_cached(&format!(
                "SELECT {AGREEMENT_COLUMNS}, addendum,
                 (SELECT max(on_date) FROM status_changes WHERE agreement_id = agreements.id)
                 FROM agreements WHERE agency_id = ?1"
            ))?;
            let mut found = stmt.query([id])?;
            while let Some(r) = found.next()? {
                let r = &r;
                let agreement = sql::agreement(r, 0)?;
                let addendum: Option<String> = r.get(sql::AGREEMENT_COLUMN_COUNT)?;
                let last_change = sql::date(r, sql::AGREEMENT_COLUMN_COUNT + 1)?;
                newest_listing = newest_listing.max(agreement.last_listed_on);
                held.agreements.insert(
                    (id, agreement.model, agreement.component),
                    HeldAgreement {
                        agreement,
                        addendum,
                        last_change,
                    },
                );
            }
            held.agencies.insert(
                (state, row.identity.clone()),
                HeldAgency {
                    id,
                    details,
                    newest_listing,
                },
            );
        }
        if let Some(order) = order {
            // Nothing this list does changes these before it asks about them: any it shows
            // are on it, and it leaves the others as they are. The query narrows them to what
            // `lists::absent` could delist; the rules check again.
            held.listed = self
                .prepare(&format!(
                    "SELECT {AGREEMENT_COLUMNS} FROM agreements WHERE status = ?1 AND component = 'ice'
                     AND last_listed_on IS NOT NULL AND last_listed_on <= ?2"
                ))?
                .query_map(
                    params![order.kind.status().code(), order.as_of.to_string()],
                    |r| sql::agreement(r, 0),
                )?
                .collect::<crate::store::connection::Result<_>>()?;
        }
        Ok(held)
    }
}

/// A row of a list as the rules read it.
fn listed_row(row: &ListRow) -> ListedRow {
    let agency = AgencyDetails {
        state: row.state,
        name: row.agency.clone(),
        // A TYPE that could not be read is flagged; the agency is kept as Other until reviewed.
        kind: row.kind.unwrap_or(AgencyKind::Other),
        county: row.county.clone(),
        ori: row.registry.as_ref().and_then(|r| r.ori.clone()),
        has_jail: row.registry.as_ref().and_then(|r| r.has_jail),
        contact: None,
    };
    ListedRow {
        row: row.row,
        identity: agency.identity(),
        agency,
        kind_read: row.kind,
        agreement: row.model.map(|model| ListedAgreement {
            model,
            component: row
                .registry
                .as_ref()
                .map_or(Component::Ice, |r| r.component),
            stated: row.registry.as_ref().and_then(|r| r.status),
            signed: row.signed,
            moa: row.moa.as_ref().map(|m| {
                if m.posted {
                    MoaPosting::Posted
                } else {
                    MoaPosting::Pending
                }
            }),
            moa_url: row.moa.as_ref().and_then(|m| m.url.clone()),
            addendum: row.addendum.clone(),
        }),
    }
}
