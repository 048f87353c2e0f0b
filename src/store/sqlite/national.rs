//! The national list of law enforcement agencies as the registry keeps it (`national_agencies`,
//! one row per ORI, and `national_lists`, the files it was read from), and each agency's link
//! to it (`ori_links`, with the agency's `ori`).
//!
//! The rules of linking are [`crate::domain::reference::link`]'s; this module reads what they
//! need and keeps what they say, with who and when, in the transaction of the change that
//! caused it: registering or editing an agency, an import, a newer national list, a
//! coordinator's confirmation. A coordinator's decision (a confirmed ORI, or "none") is never
//! changed by automatic linking.

use crate::store::connection::{Connection, OptionalExtension};
use rusqlite::params;
use serde::Serialize;
use std::collections::HashMap;

use super::agencies::agency;
use super::audit::Changes;
use super::sql::{self, AGENCY_COLUMNS};
use super::{Result, Store, StoreError, Writer};
use crate::domain::reference::{
    AgencyToLink, Candidate, LinkHow, LinkStanding, Linking, NationalList, OriLink,
    ReferenceAgency, ReferenceKind, link,
};
use crate::domain::{Agency, AgencyDetails, AgencyId, Ori, State, ValidationError};

/// One reading of a national list into the registry: the file, and what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NationalLoad {
    /// The file's name.
    pub file: String,
    /// Its SHA-256, hex.
    pub sha256: String,
    /// Agencies the list holds.
    pub agencies: usize,
    /// ORIs new to the registry.
    pub added: usize,
    /// ORIs whose row changed (name, county, type, figures).
    pub changed: usize,
    /// ORIs the list no longer holds.
    pub removed: usize,
    /// When (RFC 3339).
    pub loaded_at: String,
    /// Who.
    pub loaded_by: String,
}

/// What one round of linking did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LinkCounts {
    /// Agencies linked to an ORI by the rules.
    pub linked: usize,
    /// Agencies that went to the Review screen.
    pub in_review: usize,
}

/// An agency whose link waits for a coordinator, with the national list's candidates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkInReview {
    /// The agency.
    pub agency: Agency,
    /// Why it is in review.
    pub reason: String,
    /// The candidates, best first, each with its row of the national list.
    pub candidates: Vec<(Candidate, ReferenceAgency)>,
}

const REFERENCE_COLUMNS: &str =
    "ori, state, name, county, kind, population, sworn_officers, civilians, data_year";

fn reference_agency(
    row: &crate::store::connection::Row<'_>,
) -> crate::store::connection::Result<ReferenceAgency> {
    let ori: String = row.get(0)?;
    let state: String = row.get(1)?;
    let kind: String = row.get(4)?;
    let bad = |what: &str, value: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("national_agencies: {what} {value:?} is not one g287 knows").into(),
        )
    };
    Ok(ReferenceAgency {
        ori: Ori::unchecked(ori),
        state: State::parse(&state).ok_or_else(|| bad("state", &state))?,
        name: row.get(2)?,
        county: row.get(3)?,
        kind: ReferenceKind::parse(&kind).ok_or_else(|| bad("kind", &kind))?,
        population: row.get::<_, Option<i64>>(5)?.map(|n| n.max(0) as u64),
        sworn_officers: row.get::<_, Option<i64>>(6)?.map(|n| n.max(0) as u32),
        civilians: row.get::<_, Option<i64>>(7)?.map(|n| n.max(0) as u32),
        data_year: row.get::<_, i64>(8)?.clamp(0, u16::MAX as i64) as u16,
    })
}

/// The national list the registry holds, or one state's part of it.
pub(crate) fn national_list(conn: &Connection, state: Option<State>) -> Result<NationalList> {
    let rows = match state {
        None => conn
            .prepare_cached(&format!(
                "SELECT {REFERENCE_COLUMNS} FROM national_agencies"
            ))?
            .query_map([], reference_agency)?
            .collect::<crate::store::connection::Result<Vec<_>>>()?,
        Some(state) => conn
            .prepare_cached(&format!(
                "SELECT {REFERENCE_COLUMNS} FROM national_agencies WHERE state = ?1"
            ))?
            .query_map([state.code()], reference_agency)?
            .collect::<crate::store::connection::Result<Vec<_>>>()?,
    };
    NationalList::new(rows)
        .map_err(|ori| StoreError::Conflict(format!("the national list holds ORI {ori} twice")))
}

fn ori_link(conn: &Connection, id: AgencyId) -> Result<Option<OriLink>> {
    let row: Option<(String, Option<String>, String, String)> = conn
        .prepare_cached(
            "SELECT standing, note, decided_by, decided_at FROM ori_links WHERE agency_id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    Ok(row.and_then(|(code, note, decided_by, decided_at)| {
        LinkStanding::from_stored(&code, note).map(|standing| OriLink {
            standing,
            decided_by,
            decided_at,
        })
    }))
}

impl Store {
    /// Whether a national list was ever read into the registry.
    pub fn has_national_list(&self) -> Result<bool> {
        holds_list(self.conn())
    }

    /// Whether no national list was ever read into the registry (see [`never_loaded`]).
    pub fn national_list_never_loaded(&self) -> Result<bool> {
        never_loaded(self.conn())
    }

    /// The national list the registry holds.
    pub fn national_list(&self) -> Result<NationalList> {
        national_list(self.conn(), None)
    }

    /// The row of the national list with this ORI.
    pub fn national_agency(&self, ori: &Ori) -> Result<Option<ReferenceAgency>> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {REFERENCE_COLUMNS} FROM national_agencies WHERE ori = ?1"
            ))?
            .query_row([ori.as_str()], reference_agency)
            .optional()?)
    }

    /// The files the national list was read from, oldest first.
    pub fn national_loads(&self) -> Result<Vec<NationalLoad>> {
        let mut stmt = self.conn().prepare(
            "SELECT file, sha256, agencies, added, changed, removed, loaded_at, loaded_by
             FROM national_lists ORDER BY id",
        )?;
        let loads = stmt
            .query_map([], |r| {
                Ok(NationalLoad {
                    file: r.get(0)?,
                    sha256: r.get(1)?,
                    agencies: r.get::<_, i64>(2)? as usize,
                    added: r.get::<_, i64>(3)? as usize,
                    changed: r.get::<_, i64>(4)? as usize,
                    removed: r.get::<_, i64>(5)? as usize,
                    loaded_at: r.get(6)?,
                    loaded_by: r.get(7)?,
                })
            })?
            .collect::<crate::store::connection::Result<Vec<_>>>()?;
        Ok(loads)
    }

    /// An agency's link to the national list; `None` before the list was read.
    pub fn ori_link(&self, id: AgencyId) -> Result<Option<OriLink>> {
        ori_link(self.conn(), id)
    }

    /// Every agency's link, by agency (for lists and exports).
    pub fn ori_links(&self) -> Result<HashMap<AgencyId, OriLink>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT agency_id, standing, note, decided_by, decided_at FROM ori_links")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, AgencyId>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut links = HashMap::new();
        for row in rows {
            let (id, code, note, decided_by, decided_at) = row?;
            if let Some(standing) = LinkStanding::from_stored(&code, note) {
                links.insert(
                    id,
                    OriLink {
                        standing,
                        decided_by,
                        decided_at,
                    },
                );
            }
        }
        Ok(links)
    }

    /// The agencies whose link waits for a coordinator, by state and name; the first
    /// `with_candidates` of them with the national list's candidates as the rules rank them now
    /// (the rest with none: ranking them all costs the rules' time for each, and a screen shows
    /// a page at a time).
    pub fn links_in_review(&self, with_candidates: usize) -> Result<Vec<LinkInReview>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {AGENCY_COLUMNS}, l.note FROM agencies JOIN ori_links l ON l.agency_id = id
             WHERE l.standing IN ('review', 'undone') ORDER BY state, identity"
        ))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((sql::agency(r, 0)?, r.get::<_, Option<String>>(8)?))
            })?
            .collect::<crate::store::connection::Result<Vec<_>>>()?;
        let mut lists: HashMap<State, NationalList> = HashMap::new();
        let mut out = Vec::with_capacity(rows.len());
        for (n, (agency, reason)) in rows.into_iter().enumerate() {
            if n >= with_candidates {
                out.push(LinkInReview {
                    agency,
                    reason: reason.unwrap_or_default(),
                    candidates: Vec::new(),
                });
                continue;
            }
            let state = agency.details.state;
            let list = match lists.entry(state) {
                std::collections::hash_map::Entry::Occupied(held) => held.into_mut(),
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(national_list(self.conn(), Some(state))?)
                }
            };
            let list = &*list;
            let candidates = match link(&to_link(&agency), list) {
                Linking::Review { candidates, .. } => candidates,
                Linking::Linked { ori, .. } => vec![Candidate {
                    ori,
                    score: 100,
                    why: "the rules now match it".into(),
                }],
            };
            let candidates = candidates
                .into_iter()
                .filter_map(|c| list.by_ori(&c.ori).cloned().map(|row| (c, row)))
                .collect();
            out.push(LinkInReview {
                agency,
                reason: reason.unwrap_or_default(),
                candidates,
            });
        }
        Ok(out)
    }
}

/// What the rules need of an agency.
fn to_link(agency: &Agency) -> AgencyToLink<'_> {
    let d = &agency.details;
    AgencyToLink {
        state: d.state,
        name: &d.name,
        kind: d.kind,
        county: d.county.as_deref(),
    }
}

impl Writer<'_> {
    /// Reads a national list into the registry: new ORIs added, changed rows updated, ORIs the
    /// list no longer holds removed, the file recorded. Then links every agency not yet linked
    /// or in review, and sends to review every agency linked to an ORI that is gone.
    pub fn load_national_list(
        &mut self,
        list: &NationalList,
        file: &str,
        sha256: &str,
    ) -> Result<(NationalLoad, LinkCounts)> {
        let held = national_list(self, None)?;
        let mut held_by_ori: HashMap<&str, &ReferenceAgency> = held
            .agencies()
            .iter()
            .map(|a| (a.ori.as_str(), a))
            .collect();
        let (mut added, mut changed) = (0, 0);
        for row in list.agencies() {
            match held_by_ori.remove(row.ori.as_str()) {
                Some(before) if before == row => {}
                Some(_) => {
                    self.prepare_cached(
                        "UPDATE national_agencies SET state = ?2, name = ?3, county = ?4,
                         kind = ?5, population = ?6, sworn_officers = ?7, civilians = ?8,
                         data_year = ?9 WHERE ori = ?1",
                    )?
                    .execute(reference_values(row))?;
                    changed += 1;
                }
                None => {
                    self.prepare_cached(
                        "INSERT INTO national_agencies (ori, state, name, county, kind,
                         population, sworn_officers, civilians, data_year)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    )?
                    .execute(reference_values(row))?;
                    added += 1;
                }
            }
        }
        let mut gone: Vec<&str> = held_by_ori.into_keys().collect();
        gone.sort_unstable();
        for ori in &gone {
            self.prepare_cached("DELETE FROM national_agencies WHERE ori = ?1")?
                .execute([ori])?;
        }
        let load = NationalLoad {
            file: file.to_string(),
            sha256: sha256.to_string(),
            agencies: list.len(),
            added,
            changed,
            removed: gone.len(),
            loaded_at: self.now().to_string(),
            loaded_by: self.user().to_string(),
        };
        self.execute(
            "INSERT INTO national_lists (file, sha256, agencies, added, changed, removed,
             loaded_at, loaded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                load.file,
                load.sha256,
                load.agencies as i64,
                load.added as i64,
                load.changed as i64,
                load.removed as i64,
                load.loaded_at,
                load.loaded_by
            ],
        )?;
        let mut c = Changes::default();
        c.field("file", &load.file);
        c.field("sha256", &load.sha256);
        c.field("agencies", &load.agencies);
        c.field("added", &load.added);
        c.field("changed", &load.changed);
        c.field("removed", &load.removed);
        self.log_changes("national_list", None, None, "load", &c)?;
        self.review_links_to_gone(&gone, file)?;
        let counts = self.link_pending(list)?;
        Ok((load, counts))
    }

    /// Sends to review every agency linked to one of the `gone` ORIs (its ORI is kept: it was
    /// not wrong, the national list no longer vouches for it).
    fn review_links_to_gone(&mut self, gone: &[&str], file: &str) -> Result<()> {
        for ori in gone {
            let holder: Option<AgencyId> = self
                .prepare_cached("SELECT id FROM agencies WHERE ori = ?1")?
                .query_row([ori], |r| r.get(0))
                .optional()?;
            if let Some(id) = holder {
                let reason = format!("its ORI {ori} is no longer in the national list ({file})");
                self.keep_link(id, &LinkStanding::InReview { reason }, None)?;
            }
        }
        Ok(())
    }

    /// [`Writer::link_pending`] with the national list the registry holds; nothing when it
    /// holds none yet (the agencies are linked when it is read).
    pub(crate) fn link_pending_with_national_list(&mut self) -> Result<LinkCounts> {
        if !holds_list(self)? {
            return Ok(LinkCounts::default());
        }
        // The whole list (18,273 rows) is read only when some agency waits to be linked.
        let waiting: bool = self.query_row(
            "SELECT EXISTS (SELECT 1 FROM agencies LEFT JOIN ori_links l ON l.agency_id = id
             WHERE l.agency_id IS NULL OR l.standing = 'review')",
            [],
            |r| r.get(0),
        )?;
        if !waiting {
            return Ok(LinkCounts::default());
        }
        let list = national_list(self, None)?;
        self.link_pending(&list)
    }

    /// Links one agency by the rules if it has no link yet, with its state's part of the
    /// national list; its link as it stands otherwise. `None` when the registry holds no
    /// national list yet.
    pub fn link_agency(&mut self, id: AgencyId) -> Result<Option<LinkStanding>> {
        if !holds_list(self)? {
            return Ok(None);
        }
        if let Some(link) = ori_link(self, id)? {
            return Ok(Some(link.standing));
        }
        let agency = agency(self, id)?;
        let list = national_list(self, Some(agency.details.state))?;
        self.link_one(&agency, &list).map(Some)
    }

    /// After a coordinator or a list changed an agency's details: a link the rules made no
    /// longer holds when the name, state, type or county changed (it is made again by
    /// [`Writer::link_agency`] or the import's linking). An ORI typed on the form is the
    /// coordinator's (confirmed, when the national list holds it); one cleared there sends the
    /// agency to review, and the rules do not fill it again on their own.
    pub(crate) fn forget_automatic_link(
        &mut self,
        id: AgencyId,
        before: &AgencyDetails,
        after: &AgencyDetails,
    ) -> Result<()> {
        let Some(link) = ori_link(self, id)? else {
            return Ok(());
        };
        if before.ori != after.ori {
            return match &after.ori {
                Some(_) => self.drop_link(id),
                None => self.keep_link(
                    id,
                    &LinkStanding::Undone {
                        reason: format!(
                            "the ORI {} was cleared on the agency's form by {}",
                            before.ori.as_ref().map(Ori::as_str).unwrap_or_default(),
                            self.user()
                        ),
                    },
                    None,
                ),
            };
        }
        let moved = before.state != after.state
            || before.name != after.name
            || before.kind != after.kind
            || before.county != after.county;
        if !moved || link.standing.decided_by_coordinator() {
            return Ok(());
        }
        if matches!(
            link.standing,
            LinkStanding::Linked {
                how: LinkHow::Exact | LinkHow::NameCounty,
                ..
            }
        ) {
            self.prepare_cached("UPDATE agencies SET ori = NULL WHERE id = ?1")?
                .execute([id])?;
        }
        self.drop_link(id)
    }

    fn drop_link(&mut self, id: AgencyId) -> Result<()> {
        self.prepare_cached("DELETE FROM ori_links WHERE agency_id = ?1")?
            .execute([id])?;
        Ok(())
    }

    /// Links every agency that has no link yet, or one in review, by the rules; agencies whose
    /// link a coordinator decided, or that are linked, are left as they are.
    pub(crate) fn link_pending(&mut self, list: &NationalList) -> Result<LinkCounts> {
        if list.is_empty() {
            return Ok(LinkCounts::default());
        }
        let pending: Vec<Agency> = self
            .prepare(&format!(
                "SELECT {AGENCY_COLUMNS} FROM agencies LEFT JOIN ori_links l ON l.agency_id = id
                 WHERE l.agency_id IS NULL OR l.standing = 'review' ORDER BY id"
            ))?
            .query_map([], |r| sql::agency(r, 0))?
            .collect::<crate::store::connection::Result<Vec<_>>>()?;
        for agency in &pending {
            self.link_one(agency, list)?;
        }
        // Counted once all are settled: a later agency matching an earlier one's ORI sends both
        // to review.
        let mut counts = LinkCounts::default();
        for agency in &pending {
            match ori_link(self, agency.id)?.map(|l| l.standing) {
                Some(LinkStanding::Linked { .. }) => counts.linked += 1,
                Some(_) => counts.in_review += 1,
                None => {}
            }
        }
        Ok(counts)
    }

    /// Links one agency by the rules, unless a coordinator decided its link, and keeps the
    /// answer. An agency that already carries an ORI (typed by a coordinator) keeps it: the
    /// link says whether the national list holds it.
    pub(crate) fn link_one(
        &mut self,
        agency: &Agency,
        list: &NationalList,
    ) -> Result<LinkStanding> {
        let current = ori_link(self, agency.id)?;
        if let Some(link) = &current
            && link.standing.decided_by_coordinator()
        {
            return Ok(link.standing.clone());
        }
        let waiting: Option<LinkStanding> =
            current.map(|l| l.standing).filter(LinkStanding::in_review);
        let (standing, matched) = match &agency.details.ori {
            // An ORI the agency carries: typed by a coordinator (no link yet), or linked before
            // and sent to review when a newer national list no longer held it.
            Some(ori) => match (list.by_ori(ori), waiting) {
                (Some(_), None) => (
                    LinkStanding::Linked {
                        how: LinkHow::Confirmed,
                        note: Some("the ORI a coordinator entered".into()),
                    },
                    Some(ori.clone()),
                ),
                (Some(_), Some(_)) => (
                    LinkStanding::Linked {
                        how: LinkHow::Exact,
                        note: Some("its ORI is in the national list again".into()),
                    },
                    Some(ori.clone()),
                ),
                (None, Some(standing)) => return Ok(standing),
                (None, None) => (
                    LinkStanding::InReview {
                        reason: format!("its ORI {ori} is not in the national list"),
                    },
                    None,
                ),
            },
            None => match link(&to_link(agency), list) {
                Linking::Linked { ori, how } => {
                    let standing = match self.ori_holder(&ori)? {
                        Some(other) if other != agency.id => {
                            self.shared_match(agency, other, &ori)?
                        }
                        _ => match self.rival_in_review(&ori, agency.id)? {
                            // Another agency waits for the same ORI: neither takes it on the
                            // rules' word, whichever is linked again first.
                            Some(rival) => LinkStanding::InReview {
                                reason: shared_reason(&ori, &rival),
                            },
                            None => {
                                self.prepare_cached("UPDATE agencies SET ori = ?1 WHERE id = ?2")?
                                    .execute(params![ori.as_str(), agency.id])?;
                                self.log_link(agency.id, Some(&ori), how.code())?;
                                LinkStanding::Linked { how, note: None }
                            }
                        },
                    };
                    (standing, Some(ori))
                }
                Linking::Review { reason, .. } => (LinkStanding::InReview { reason }, None),
            },
        };
        self.keep_link(agency.id, &standing, matched.as_ref())?;
        Ok(standing)
    }

    /// Another agency in review that the rules matched to `ori`, for the same reason.
    fn rival_in_review(&self, ori: &Ori, except: AgencyId) -> Result<Option<Agency>> {
        let rival: Option<AgencyId> = self
            .prepare_cached(
                "SELECT agency_id FROM ori_links WHERE matched_ori = ?1 AND agency_id <> ?2
                 AND standing = 'review' ORDER BY agency_id LIMIT 1",
            )?
            .query_row(params![ori.as_str(), except], |r| r.get(0))
            .optional()?;
        rival.map(|id| agency(self, id)).transpose()
    }

    /// Two agencies of the registry match one ORI: ICE's lists spelt one agency two ways
    /// ("Ft. Myers" and "Fort Myers Police Department", "Lafourche County" and "Lafourche
    /// Parish Sheriff's Office"), or the rules cannot tell two apart. Neither keeps it on the
    /// rules' word, whichever was linked first: both wait for a coordinator, each naming the
    /// other. A link a coordinator confirmed stands.
    fn shared_match(
        &mut self,
        agency: &Agency,
        other: AgencyId,
        ori: &Ori,
    ) -> Result<LinkStanding> {
        let holder = super::agencies::agency(self, other)?;
        let automatic = ori_link(self, other)?.is_some_and(|l| {
            matches!(
                l.standing,
                LinkStanding::Linked {
                    how: LinkHow::Exact | LinkHow::NameCounty,
                    ..
                }
            )
        });
        if !automatic {
            return Ok(LinkStanding::InReview {
                reason: format!(
                    "it matches ORI {ori}, which a coordinator confirmed for {}",
                    named(&holder)
                ),
            });
        }
        self.prepare_cached("UPDATE agencies SET ori = NULL WHERE id = ?1")?
            .execute([other])?;
        self.log_link(other, None, "review")?;
        let reason = shared_reason(ori, agency);
        self.keep_link(other, &LinkStanding::InReview { reason }, Some(ori))?;
        Ok(LinkStanding::InReview {
            reason: shared_reason(ori, &holder),
        })
    }

    fn ori_holder(&self, ori: &Ori) -> Result<Option<AgencyId>> {
        Ok(self
            .prepare_cached("SELECT id FROM agencies WHERE ori = ?1")?
            .query_row([ori.as_str()], |r| r.get(0))
            .optional()?)
    }

    /// Writes an agency's link standing and the ORI it rests on (the one the rules matched or
    /// a coordinator chose), unless they are already so.
    fn keep_link(
        &mut self,
        id: AgencyId,
        standing: &LinkStanding,
        matched: Option<&Ori>,
    ) -> Result<()> {
        let held: Option<Option<String>> = self
            .prepare_cached("SELECT matched_ori FROM ori_links WHERE agency_id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        let same_ori = held.as_ref().map(|o| o.as_deref()) == Some(matched.map(Ori::as_str));
        if same_ori && ori_link(self, id)?.is_some_and(|l| l.standing == *standing) {
            return Ok(());
        }
        let (user, now) = (self.user().to_string(), self.now().to_string());
        self.prepare_cached(
            "INSERT INTO ori_links (agency_id, standing, note, matched_ori, decided_by, decided_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (agency_id) DO UPDATE SET standing = excluded.standing,
             note = excluded.note, matched_ori = excluded.matched_ori,
             decided_by = excluded.decided_by, decided_at = excluded.decided_at",
        )?
        .execute(params![
            id,
            standing.code(),
            standing.note(),
            matched.map(Ori::as_str),
            user,
            now
        ])?;
        Ok(())
    }

    fn log_link(&mut self, id: AgencyId, ori: Option<&Ori>, how: &str) -> Result<()> {
        let mut c = Changes::default();
        c.field("ori", &ori);
        c.field("ori_link", &how);
        self.log_changes("agency", Some(id.0), Some(id.0), "link", &c)
    }

    /// A coordinator's word on an agency's link: `Some(ori)` links it to that ORI of the
    /// national list (confirmed), `None` says it has none there, with `reason`.
    pub fn confirm_link(&mut self, id: AgencyId, ori: Option<&Ori>, reason: &str) -> Result<()> {
        let current = agency(self, id)?;
        let standing = match ori {
            Some(ori) => {
                if national_list_row(self, ori)?.is_none() {
                    return Err(StoreError::Invalid(vec![ValidationError::new(
                        "ori",
                        ori.as_str(),
                        "is not in the national list",
                    )]));
                }
                if let Some(other) = self.ori_holder(ori)?.filter(|o| *o != id) {
                    return Err(StoreError::Invalid(vec![ValidationError::new(
                        "ori",
                        ori.as_str(),
                        format!("agency {other} already has this ORI"),
                    )]));
                }
                self.prepare_cached("UPDATE agencies SET ori = ?1 WHERE id = ?2")?
                    .execute(params![ori.as_str(), id])?;
                LinkStanding::Linked {
                    how: LinkHow::Confirmed,
                    note: crate::domain::agency::non_empty(reason),
                }
            }
            None => {
                let Some(reason) = crate::domain::agency::non_empty(reason) else {
                    return Err(StoreError::Invalid(vec![ValidationError::new(
                        "reason",
                        reason,
                        "say why the agency has no ORI in the national list (a county jail without its own, a state agency the FBI does not list...)",
                    )]));
                };
                if current.details.ori.is_some() {
                    self.prepare_cached("UPDATE agencies SET ori = NULL WHERE id = ?1")?
                        .execute([id])?;
                }
                LinkStanding::NoOri { reason }
            }
        };
        self.log_link(id, ori, standing.code())?;
        self.keep_link(id, &standing, ori)
    }

    /// Undoes an agency's link: its ORI is cleared and it goes to the Review screen, where a
    /// coordinator chooses again. Nothing links it automatically until then.
    pub fn undo_link(&mut self, id: AgencyId) -> Result<()> {
        let current = agency(self, id)?;
        let Some(link) = ori_link(self, id)? else {
            return Err(StoreError::Conflict(format!(
                "agency {id} is not linked to the national list"
            )));
        };
        let was = match (&current.details.ori, &link.standing) {
            (Some(ori), _) => format!("the link to ORI {ori} was undone by {}", self.user()),
            (None, LinkStanding::NoOri { .. }) => {
                format!("\"no ORI\" was undone by {}", self.user())
            }
            (None, _) => {
                return Err(StoreError::Conflict(format!(
                    "agency {id} is not linked to an ORI"
                )));
            }
        };
        self.prepare_cached("UPDATE agencies SET ori = NULL WHERE id = ?1")?
            .execute([id])?;
        self.log_link(id, None, "undone")?;
        // Undone stands like a decision: the rules do not link it again on their own.
        self.keep_link(id, &LinkStanding::Undone { reason: was }, None)
    }
}

/// Whether the registry holds a national list (inside a transaction too).
pub fn holds_list(conn: &Connection) -> Result<bool> {
    Ok(
        conn.query_row("SELECT EXISTS (SELECT 1 FROM national_lists)", [], |r| {
            r.get(0)
        })?,
    )
}

/// Whether no national list was ever read into the registry: its tables are empty and its
/// history never wrote them. Rows deleted by another program are not "never read": the shipped
/// list is not read again over them, so that `verify` names what was deleted.
pub fn never_loaded(conn: &Connection) -> Result<bool> {
    let empty: bool = conn.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM national_lists)
            AND NOT EXISTS (SELECT 1 FROM national_agencies)",
        [],
        |r| r.get(0),
    )?;
    if !empty {
        return Ok(false);
    }
    // Scanned only when both tables are empty: at a registry's first start, or after they
    // were emptied behind g287's back.
    // PostgreSQL calls SQLite's instr strpos.
    let find = if conn.is_postgres() {
        "strpos"
    } else {
        "instr"
    };
    let written: bool = conn.query_row(
        &format!(
            "SELECT EXISTS (SELECT 1 FROM history WHERE {find}(changes, '\"t\":\"national_lists\"') > 0)"
        ),
        [],
        |r| r.get(0),
    )?;
    Ok(!written)
}

/// An agency as a coordinator reads it: "Fort Myers Police Department (FL)".
fn named(a: &Agency) -> String {
    format!("{} ({})", a.details.name, a.details.state.code())
}

/// Why an agency waits when another matches its ORI too.
fn shared_reason(ori: &Ori, other: &Agency) -> String {
    format!(
        "it matches ORI {ori}, as does {}: the registry may hold one agency under two names",
        named(other)
    )
}

fn national_list_row(conn: &Connection, ori: &Ori) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM national_agencies WHERE ori = ?1")?
        .query_row([ori.as_str()], |r| r.get(0))
        .optional()?)
}

fn reference_values(a: &ReferenceAgency) -> [rusqlite::types::Value; 9] {
    use rusqlite::types::Value;
    [
        a.ori.as_str().to_string().into(),
        a.state.code().to_string().into(),
        a.name.clone().into(),
        a.county.clone().into(),
        a.kind.code().to_string().into(),
        a.population.map(|n| n as i64).into(),
        a.sworn_officers.map(i64::from).into(),
        a.civilians.map(i64::from).into(),
        Value::Integer(i64::from(a.data_year)),
    ]
}
