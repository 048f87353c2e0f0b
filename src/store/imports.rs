//! Applying ICE's lists to the registry, with the history ICE's files lack.
//!
//! ICE's files carry no ids and no history: each replaces the last. Applying them in date
//! order turns them into a history: a participating list makes its agreements active; an
//! agreement that an older list showed active and this one omits becomes `delisted`; a pending
//! list makes its rows pending. An older list applied after a newer one changes no status, and
//! a pending list never demotes an active agreement (the summary notes the conflict).

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};

use super::agreements::{AgreementFacts, NewAgreement};
use super::sql::{self, AGREEMENT_COLUMNS};
use super::{Result, Store, Writer};
use crate::domain::{
    AgencyDetails, AgencyId, AgencyKind, Agreement, AgreementId, Component, MoaPosting, Model,
    Status,
};
use crate::import::{ListFile, ListKind, Problem};

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
    /// Applies lists in date order (pending before participating on the same day, so that the
    /// participating list has the last word) in one transaction. With `dry_run` the
    /// transaction is rolled back and the summary says what would have happened.
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
        lists.sort_by_key(|l| {
            (
                l.list.as_of,
                l.list.afternoon,
                l.list.kind == ListKind::Participating,
            )
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

impl Writer<'_> {
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
        self.execute(
            "INSERT INTO imports (file, sha256, kind, as_of, imported_at, imported_by, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6, '{}')",
            params![list.name, l.sha256, list.kind.code(), list.as_of.to_string(), self.now(), self.user()],
        )?;
        let import_id = self.last_insert_rowid();
        let source = format!(
            "{} list of {} ({})",
            list.kind.code(),
            list.as_of,
            list.name
        );
        // A newer participating list already applied did not show agreements this older list
        // adds, so they are delisted as of that list: the history reads as if applied in order.
        let newer_participating: Option<(String, String)> = if list.kind == ListKind::Participating
        {
            self.query_row(
                "SELECT as_of, file FROM imports WHERE kind = 'participating' AND as_of > ?1 ORDER BY as_of DESC LIMIT 1",
                [list.as_of.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
        } else {
            None
        };
        let mut on_list: HashSet<AgreementId> = HashSet::new();
        let mut row_agreement = HashMap::new();
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
            let facts = AgreementFacts {
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
                listed_on: (list.kind == ListKind::Participating).then_some(list.as_of),
                requested_on: None,
            };
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
                    let (id, conflicts) = self.create_new_agreement(&new, &facts, |w, id| {
                        if let Some((newer, file)) = &newer_participating
                            && let Ok(newer_date) = newer.parse::<NaiveDate>()
                        {
                            w.change_status(
                                id,
                                Status::Delisted,
                                newer_date,
                                Some(&format!("absent from ICE's participating list of {newer} ({file}), imported earlier")),
                            )?;
                            delisted = true;
                        }
                        Ok(())
                    })?;
                    if delisted {
                        summary.delisted += 1;
                    }
                    agreements_created.insert((agency_id, model, component));
                    on_list.insert(id);
                    row_agreement.insert(row.row, id);
                    summary.agreements += 1;
                    conflicts
                }
                Existing::OnListAlready => {
                    summary.conflicts.push(format!(
                        "{} row {}: {} {} appears twice on this list; counted once",
                        list.name, row.row, row.agency, model
                    ));
                    continue;
                }
                Existing::Known(current, addendum) => {
                    let status_changed = self.move_to_listed(
                        current.id,
                        current.status,
                        listed_status,
                        list,
                        &source,
                        &row.agency,
                        summary,
                    )?;
                    on_list.insert(current.id);
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
        if list.kind == ListKind::Participating {
            self.delist_absent(&on_list, list.as_of, &source, summary)?;
        }
        for p in &list.problems {
            self.execute(
                "INSERT INTO review_items (import_id, file, row, column_name, value, message, agreement_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![import_id, p.file, p.row as i64, p.column, p.value, p.message, row_agreement.get(&p.row)],
            )?;
        }
        summary.flagged += list.problems.len();
        summary.refused_rows += list.refused_rows();
        summary.problems.extend(list.problems.iter().cloned());
        self.execute(
            "UPDATE imports SET summary = ?2 WHERE id = ?1",
            params![
                import_id,
                serde_json::json!({"rows": data_rows, "flagged": list.problems.len()}).to_string()
            ],
        )?;
        self.log(
            "import",
            Some(import_id),
            None,
            "apply",
            serde_json::json!({"file": list.name, "kind": list.kind.code(), "as_of": list.as_of, "sha256": l.sha256, "rows": data_rows, "flagged": list.problems.len()}),
        )?;
        Ok(())
    }

    /// Moves a known agreement to the status its list shows, unless the list is older than the
    /// agreement's last status change, or the lifecycle forbids it (a conflict, kept as is).
    #[allow(clippy::too_many_arguments)]
    fn move_to_listed(
        &mut self,
        id: AgreementId,
        status: Status,
        listed: Status,
        list: &ListFile,
        source: &str,
        agency: &str,
        summary: &mut ImportSummary,
    ) -> Result<bool> {
        if status == listed {
            return Ok(false);
        }
        let last_change: Option<String> = self
            .prepare_cached("SELECT max(on_date) FROM status_changes WHERE agreement_id = ?1")?
            .query_row([id], |r| r.get(0))?;
        let last_change = last_change.and_then(|d| d.parse::<NaiveDate>().ok());
        if last_change.is_some_and(|d| d > list.as_of) {
            summary.conflicts.push(format!(
                "{}: {agency} agreement {id} is {} since {}, later than this list; left as it is",
                list.name,
                status,
                last_change.unwrap_or_default()
            ));
            return Ok(false);
        }
        if !status.can_become(listed) {
            summary.conflicts.push(format!(
                "{}: {agency} agreement {id} is {status}; this list shows it {}: left {status}",
                list.name,
                listed.label().to_lowercase()
            ));
            return Ok(false);
        }
        if status == Status::Pending && listed == Status::Active && last_change == Some(list.as_of)
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

    /// Delists ICE agreements that an older participating list showed active and this one omits.
    fn delist_absent(
        &mut self,
        on_list: &HashSet<AgreementId>,
        as_of: NaiveDate,
        source: &str,
        summary: &mut ImportSummary,
    ) -> Result<()> {
        let candidates: Vec<AgreementId> = self
            .prepare(
                "SELECT id FROM agreements WHERE status = 'active' AND component = 'ice'
                 AND last_listed_on IS NOT NULL AND last_listed_on < ?1",
            )?
            .query_map([as_of.to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in candidates.into_iter().filter(|id| !on_list.contains(id)) {
            self.change_status(
                id,
                Status::Delisted,
                as_of,
                Some(&format!("absent from ICE's {source}")),
            )?;
            summary.delisted += 1;
        }
        Ok(())
    }
}
