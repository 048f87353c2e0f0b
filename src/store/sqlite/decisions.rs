//! Decisions: recorded only through the program's rule (see `domain::decision::admit`), in one
//! transaction with the status change they cause.

use rusqlite::params;
use serde_json::json;

use super::checks::CheckData;
use super::{Result, Store, StoreError, Writer};
use crate::domain::calendar::DeadlineKind;
use crate::domain::decision::{admit, check_suspension_length};
use crate::domain::{
    AgencyId, AgreementId, Component, Decision, DecisionDraft, DecisionId, Outcome,
};

/// What recording a decision did.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    /// The new decision's id.
    pub id: DecisionId,
    /// The requirements its override waived.
    pub waived: Vec<String>,
    /// The agreement's status now.
    pub status: crate::domain::Status,
}

impl Writer<'_> {
    /// Checks the agreement as of the decision's date, applies the program's rules and, if they
    /// admit it, records the decision and moves the agreement's status, all in this transaction.
    pub fn record_decision(&mut self, draft: &DecisionDraft) -> Result<Recorded> {
        let agreement = super::agreements::agreement(self, draft.agreement_id)?;
        let catalogue = super::catalogue::catalogue(self)?;
        let data = CheckData::load(self, Some(agreement.agency_id))?;
        let agency = super::agencies::agency(self, agreement.agency_id)?;
        let check = data.check(&catalogue, &agency, &agreement, draft.decided_on);
        check_suspension_length(
            draft,
            catalogue.term(
                DeadlineKind::SuspensionEnds,
                agreement.model,
                agreement.component,
                None,
            ),
        )
        .map_err(|e| StoreError::Invalid(vec![e]))?;
        let moa_signed = agreement.signing.in_effect_on().is_some();
        let waived = admit(
            draft,
            agreement.component,
            agreement.status,
            moa_signed,
            &check.requirements,
        )
        .map_err(StoreError::Refused)?;
        self.prepare_cached(
            "INSERT INTO decisions (agreement_id, component, outcome, decided_on, official, grounds,
             override_justification, waived, catalogue_version, recorded_by, recorded_at,
             suspended_until)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?
        .execute(params![
            draft.agreement_id,
            draft.component.code(),
            draft.outcome.code(),
            draft.decided_on.to_string(),
            draft.official.trim(),
            draft.grounds,
            draft.override_justification.as_deref().filter(|_| !waived.is_empty()),
            serde_json::to_string(&waived).unwrap_or_else(|_| "[]".into()),
            catalogue.version,
            self.user(),
            self.now(),
            draft.suspended_until.map(|d| d.to_string()),
        ])?;
        let id = DecisionId(self.last_insert_rowid()?);
        self.log(
            "decision",
            Some(id.0),
            Some(agreement.agency_id.0),
            "create",
            json!({
                "agreement": draft.agreement_id,
                "component": draft.component.code(),
                "outcome": draft.outcome.code(),
                "decided_on": draft.decided_on,
                "official": draft.official.trim(),
                "grounds": draft.grounds,
                "override": draft.override_justification,
                "waived": waived,
                "catalogue_version": catalogue.version,
                "suspended_until": draft.suspended_until,
            }),
        )?;
        let moves = draft.outcome.moves(&agreement);
        if let Some(to) = moves {
            let note = format!(
                "{} by {}: {}",
                draft.outcome,
                draft.component,
                draft.official.trim()
            );
            self.change_status(draft.agreement_id, to, draft.decided_on, Some(&note))?;
        }
        let status = moves.unwrap_or(agreement.status);
        // Acceptance is not signing: the signed date comes from the MOA's two signatures (or
        // ICE's list), never from the decision.
        Ok(Recorded { id, waived, status })
    }
}

impl Store {
    /// The decisions on an agreement, oldest first.
    pub fn decisions_of(&self, agreement: AgreementId) -> Result<Vec<Decision>> {
        Ok(super::scope::rows(
            self.decisions_in(super::scope::Scope::Agreement(agreement))?,
        ))
    }

    /// The decisions on the agreements of `scope`, oldest first.
    pub(crate) fn decisions_in(
        &self,
        scope: super::scope::Scope,
    ) -> Result<Vec<(AgreementId, Decision)>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT id, agreement_id, component, outcome, decided_on, official, grounds, override_justification,
             waived, catalogue_version, recorded_by, suspended_until FROM decisions
             WHERE {} ORDER BY decided_on, id",
            scope.condition("agreement_id")
        ))?;
        let rows = stmt.query_map([scope.id()], |r| {
            let waived: String = r.get(8)?;
            Ok(Decision {
                id: r.get(0)?,
                draft: DecisionDraft {
                    agreement_id: r.get(1)?,
                    component: super::sql::code(r, 2, Component::parse)?,
                    outcome: super::sql::code(r, 3, Outcome::parse)?,
                    decided_on: super::sql::date(r, 4)?.unwrap_or_default(),
                    official: r.get(5)?,
                    grounds: r.get(6)?,
                    override_justification: r.get(7)?,
                    suspended_until: super::sql::date(r, 11)?,
                },
                waived: serde_json::from_str(&waived).unwrap_or_default(),
                catalogue_version: r.get(9)?,
                recorded_by: r.get(10)?,
            })
            .map(|d| (d.draft.agreement_id, d))
        })?;
        Ok(rows.collect::<crate::store::connection::Result<_>>()?)
    }

    /// Runs `verify`: SQLite's integrity check and the audit chain.
    pub fn verify(&self) -> Result<super::Verification> {
        super::audit::verify(self.conn())
    }

    /// Where the audit chain ends now, as recorded: what exports, reports and backups carry.
    pub fn chain_head(&self) -> Result<Option<super::audit::ChainHead>> {
        super::audit::chain_head(self.conn())
    }

    /// Whether the history still holds `head` (an anchor kept outside) unchanged: `None` when
    /// it does, else what differs.
    pub fn head_problem(&self, head: &super::audit::ChainHead) -> Result<Option<String>> {
        super::audit::head_problem(self.conn(), head)
    }

    /// The history from the audit log, newest first: one agency's, or everything's.
    pub fn history(
        &self,
        agency: Option<AgencyId>,
        limit: Option<usize>,
    ) -> Result<Vec<super::AuditEntry>> {
        // The log's agency column is generic (any entity's agency), so it is queried as the number.
        super::audit::history(self.conn(), agency.map(|a| a.0), limit)
    }
}
