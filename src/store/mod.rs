//! The store: where the registry is kept, and the only part of the program that knows how.
//!
//! The rest of the program reads and writes the registry through two traits, [`Backend`] (the
//! reads, and the one entry point of writes) and [`Writes`] (what one write transaction can
//! change). They are the contract of a backend: each backend is one implementation of them, in
//! a module of its own, and the rules (in [`crate::domain`]) do not change with it. Today there
//! is one, [`sqlite`], a SQLite file in the data folder; everything that knows it is SQLite
//! (the driver, pragmas, schema versions, row ids, file paths, SQLite's backup API) stays in
//! that module. A PostgreSQL backend is the next one.
//!
//! What every backend guarantees, whatever it keeps the data in:
//! - a write is one transaction: everything it changes is kept together or not at all;
//! - each write transaction that changes anything appends one entry to a history chained by
//!   SHA-256, carrying every row it wrote, in the same transaction;
//! - [`Backend::verify`] replays that history and compares it with every table, so that a
//!   change made outside g287 is found and named.
//!
//! The error type [`StoreError`] and the data types the queries return are the same for every
//! backend; none of them names a database driver.

pub mod connection;
pub mod copy;
pub mod postgres;
pub mod sqlite;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;

use crate::domain::agreement::MoaSigning;
use crate::domain::catalogue::Term;
use crate::domain::claims::{CitizenshipClaim, ClaimDetails, ClaimId};
use crate::domain::dashboard::Dashboard;
use crate::domain::{
    Agency, AgencyDetails, AgencyId, Agreement, AgreementId, Attestation, Catalogue, Complaint,
    ComplaintDetails, ComplaintId, Decision, DecisionDraft, DecisionRefusal, Nominee,
    NomineeDetails, NomineeId, NoticeParty, Requirement, Status, StatusChange, TerminationNotice,
    ValidationError,
};

// What callers name today through `crate::store::`: the SQLite backend's types, and the plain
// data its queries return (which a second backend returns too).
pub use sqlite::agencies::{AgencyOverview, AgreementOverview};
pub use sqlite::agreements::{AgreementFacts, NewAgreement};
pub use sqlite::calendar::CalendarItem;
pub use sqlite::checks::AgreementCheck;
pub use sqlite::decisions::Recorded;
pub use sqlite::detail::{AgencyDetail, AgreementDetail};
pub use sqlite::imports::{ImportSummary, ListToApply};
pub use sqlite::report::AgencyReport;
pub use sqlite::review::{Resolution, ReviewItem};
pub use sqlite::{
    AuditEntry, ChainHead, DATABASE_FILE, RowDifference, ShippedChange, Store, Verification,
    Writer, agencies, agreements, audit, backup, calendar, catalogue, checks, claims, dashboard,
    decisions, detail, documents, history, imports, migrations, national, nominees, os_user,
    oversight, report, review, schema_version, set_aside_empty, today, versions,
};

/// What can go wrong with the store, whatever the backend. `Clone`, so that GUI messages can
/// carry it. No variant names a database driver's type: a backend turns its driver's errors
/// into these (the SQLite one in [`sqlite`]), so that callers decide on the kind, not on a code.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    /// The database was written by a newer g287; it is left untouched.
    #[error(
        "{path}: this database has schema version {found}, newer than the {supported} this g287 knows; it was left untouched (use the newer g287)"
    )]
    Newer {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest version this program knows.
        supported: i64,
    },
    /// Another program holds the database locked past the busy timeout.
    #[error(
        "the data in {0} is in use by another g287 (locked); nothing was written, try again when it is done"
    )]
    Locked(PathBuf),
    /// The file is not a usable database.
    #[error("{path}: not a usable g287 database ({reason}); it was left untouched")]
    Unusable {
        /// The file.
        path: PathBuf,
        /// What the database said.
        reason: String,
    },
    /// The database file is empty (0 bytes) in a folder that has held a registry: it was not
    /// re-created as a new one ([`set_aside_empty`] does, on the coordinator's word).
    #[error(
        "{path}: the file is empty (0 bytes) in a folder that has held a registry ({holds}); it was not re-created as a new registry: restore a backup (g287 restore FILE), or remove the file to start anew"
    )]
    Emptied {
        /// The file.
        path: PathBuf,
        /// What else the folder holds, named.
        holds: String,
    },
    /// An upgrade found the history of the older schema broken, and did not convert it: the file
    /// is left at its version (a copy is in the backups folder).
    #[error(
        "{path}: this registry was not upgraded, because its history does not verify: {problem} The file was left as it was (a copy is in the backups folder); restore a backup that verifies, or open it with the g287 that wrote it"
    )]
    HistoryBroken {
        /// The file.
        path: PathBuf,
        /// What the verification found.
        problem: String,
    },
    /// Input that breaks a rule of the data (nothing was written).
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<ValidationError>),
    /// A program rule refused the change (nothing was written).
    #[error("{0}")]
    Refused(DecisionRefusal),
    /// A record named by id does not exist.
    #[error("no {what} with id {id}")]
    NotFound {
        /// What was looked for.
        what: &'static str,
        /// The id given.
        id: i64,
    },
    /// A record would collide with an existing one.
    #[error("{0}")]
    Conflict(String),
    /// Someone else saved the record since the form was opened: saving over it would lose
    /// their change, so nothing was written (the form keeps what was typed).
    #[error("{}", .0.in_words())]
    Changed(Box<versions::ChangedMeanwhile>),
    /// The database refused the change for the role that logged in (a team's registry on a
    /// server, whose grants decide who may change what); nothing was written.
    #[error(
        "the database refused this for {login}: {reason}; {may}; ask the registry's administrator (g287 admin grant) if you need more"
    )]
    NotAllowed {
        /// The login, with its g287 role.
        login: String,
        /// What the server said.
        reason: String,
        /// What the login may do, in words ("a coordinator may ...").
        may: String,
    },
    /// The connection to the server was lost or could not be made; nothing was written by the
    /// operation that met it.
    #[error(
        "the connection to the registry's server was lost ({0}); nothing was written by this change: it will be retried"
    )]
    Disconnected(String),
    /// The data folder or a file could not be used.
    #[error("{0}")]
    Io(String),
    /// Any other error of the database, kept whole (behind `Arc`, so that the error stays
    /// `Clone`) for its message; the backend that raised it may look inside, no one else needs to.
    #[error("database error: {0}")]
    Database(Arc<dyn std::error::Error + Send + Sync>),
}

/// A shorthand for results of the store.
pub type Result<T> = std::result::Result<T, StoreError>;

/// A registry kept somewhere: the reads, and the one way to write. The contract every backend
/// implements ([`sqlite::Store`] is the SQLite one); callers that take `&impl Backend` work on
/// any of them.
///
/// Reads see the registry as the last committed write left it. Every method that names a
/// record by id fails with [`StoreError::NotFound`] when there is none.
pub trait Backend {
    /// An open write transaction: what [`Backend::write`] hands its action.
    type Tx<'a>: Writes
    where
        Self: 'a;

    /// Runs one user action (an edit, a decision, a whole import) as one transaction. Everything
    /// `action` writes is committed together, or, if it returns an error, not at all. A
    /// transaction that changed rows appends exactly one entry to the history, chained to the
    /// previous one and carrying every row it wrote, committed in the same transaction, so that
    /// [`Backend::verify`] can replay it. A transaction that another writer holds the registry
    /// against fails with [`StoreError::Locked`] and writes nothing.
    fn write<T>(&mut self, action: impl FnOnce(&mut Self::Tx<'_>) -> Result<T>) -> Result<T>;

    /// Runs an action exactly as [`Backend::write`] would, then rolls it back: a dry run that
    /// reports what the action would do and leaves the registry (and its history) as it was.
    fn write_then_roll_back<T>(
        &mut self,
        action: impl FnOnce(&mut Self::Tx<'_>) -> Result<T>,
    ) -> Result<T>;

    /// Where the registry is, in words for a message (a file's path, a server's name).
    fn location(&self) -> String;

    /// The user recorded as the author of the changes written through this store.
    fn user(&self) -> &str;

    /// Records the changes from now on as made by `user` (tests, imports run on someone's
    /// behalf).
    fn set_user(&mut self, user: String);

    /// One agency.
    fn agency(&self, id: AgencyId) -> Result<Agency>;

    /// The agency these details identify (its identity within its state), if there is one.
    fn find_agency(&self, details: &AgencyDetails) -> Result<Option<AgencyId>>;

    /// Every agency with its agreements in brief, as the agencies list and the exports show it.
    fn overview(&self) -> Result<Vec<AgencyOverview>>;

    /// How many agencies and agreements the registry holds.
    fn counts(&self) -> Result<(i64, i64)>;

    /// One agreement.
    fn agreement(&self, id: AgreementId) -> Result<Agreement>;

    /// An agency's agreements.
    fn agreements_of(&self, agency: AgencyId) -> Result<Vec<Agreement>>;

    /// An agreement's status changes, oldest first.
    fn status_history(&self, id: AgreementId) -> Result<Vec<StatusChange>>;

    /// An agreement's attestations.
    fn attestations(&self, id: AgreementId) -> Result<Vec<Attestation>>;

    /// The dates of an agreement's steering meetings.
    fn meetings(&self, id: AgreementId) -> Result<Vec<NaiveDate>>;

    /// The decisions recorded on an agreement.
    fn decisions_of(&self, agreement: AgreementId) -> Result<Vec<Decision>>;

    /// The nominees of an agreement.
    fn nominees_of(&self, agreement: AgreementId) -> Result<Vec<Nominee>>;

    /// The citizenship claims recorded on an agreement.
    fn claims_of(&self, agreement: AgreementId) -> Result<Vec<CitizenshipClaim>>;

    /// The complaints recorded on an agreement.
    fn complaints_of(&self, agreement: AgreementId) -> Result<Vec<Complaint>>;

    /// The termination notices given on an agreement.
    fn notices_of(&self, agreement: AgreementId) -> Result<Vec<TerminationNotice>>;

    /// Everything the Agency screen shows of one agency, checked as of `today`.
    fn agency_detail(&self, id: AgencyId, today: NaiveDate) -> Result<AgencyDetail>;

    /// What the printable report of one agency holds, as of `today`.
    fn agency_report(&self, id: AgencyId, today: NaiveDate) -> Result<AgencyReport>;

    /// Every agreement (of one agency, or all) checked against the catalogue in force on
    /// `today`.
    fn check(&self, agency: Option<AgencyId>, today: NaiveDate) -> Result<Vec<AgreementCheck>>;

    /// The deadlines due from `today`, requests `request_days` ahead of theirs.
    fn calendar(&self, today: NaiveDate, request_days: u32) -> Result<Vec<CalendarItem>>;

    /// The program's figures as of `today`, with what changed since `since`.
    fn dashboard(&self, today: NaiveDate, since: NaiveDate) -> Result<Dashboard>;

    /// The catalogue of requirements in force.
    fn catalogue(&self) -> Result<Catalogue>;

    /// The catalogue as it stood at `version`, if there was one.
    fn catalogue_at(&self, version: u32) -> Result<Option<Catalogue>>;

    /// The history entries that changed the catalogue.
    fn catalogue_history(&self) -> Result<Vec<AuditEntry>>;

    /// Changes a newer g287 ships to requirements the coordinator has edited, for the
    /// coordinator to adopt or decline.
    fn shipped_changes(&self) -> Result<Vec<ShippedChange>>;

    /// What an import left for the coordinator to review.
    fn open_review(&self) -> Result<Vec<ReviewItem>>;

    /// The history, newest first: of one agency or all, at most `limit` entries.
    fn history(&self, agency: Option<AgencyId>, limit: Option<usize>) -> Result<Vec<AuditEntry>>;

    /// Proves the registry: checks the store's own integrity, walks the history's chain (naming
    /// the first entry that does not hold), and replays the history against every table (naming
    /// the first table, row and column that differ). A registry only g287 has written verifies;
    /// any change made outside it does not.
    fn verify(&self) -> Result<Verification>;

    /// The end of the history's chain, printed on exports and reports so that a later
    /// [`Backend::head_problem`] can tell whether they still describe this registry.
    fn chain_head(&self) -> Result<Option<ChainHead>>;

    /// Why `head` (from an export or a report) is not an entry of this registry's chain, if it
    /// is not.
    fn head_problem(&self, head: &ChainHead) -> Result<Option<String>>;

    /// Applies ICE's lists in date order, as one write (or, with `dry_run`, as a dry run), and
    /// says what they changed.
    fn apply_lists(&mut self, lists: Vec<ListToApply>, dry_run: bool) -> Result<ImportSummary>;

    /// [`Backend::apply_lists`], telling `progress` how many rows of how many are done.
    fn apply_lists_with_progress(
        &mut self,
        lists: Vec<ListToApply>,
        dry_run: bool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportSummary>;

    /// Writes a complete, consistent copy of the registry to `dest` (which must not exist yet),
    /// one that a restore accepts; safe while another writer is writing.
    fn backup_to(&self, dest: &Path) -> Result<()>;

    /// Makes today's backup in the backups folder if there is none yet (keeping the last few),
    /// and says where it went.
    fn daily_backup(&self, today: NaiveDate) -> Result<Option<PathBuf>>;

    /// The documents attached to a record (not removed), oldest first.
    fn documents_of(
        &self,
        subject: crate::documents::Subject,
        id: i64,
    ) -> Result<Vec<documents::DocumentEntry>>;

    /// The documents of every agreement (not removed), by agreement.
    fn documents_by_agreement(
        &self,
    ) -> Result<std::collections::HashMap<AgreementId, Vec<documents::DocumentEntry>>>;

    /// One attachment, removed ones included.
    fn document(&self, id: i64) -> Result<documents::DocumentEntry>;

    /// The bytes of an attachment's document.
    fn document_content(&self, id: i64) -> Result<Vec<u8>>;

    /// What MOAs' readings left for review, still open.
    fn open_moa_checks(&self) -> Result<Vec<documents::MoaCheck>>;
}

/// What one write transaction can change ([`Backend::write`]). Each method validates its input
/// against the rules of [`crate::domain`] (refusing with [`StoreError::Invalid`] or
/// [`StoreError::Refused`] and writing nothing) and records every row it writes for the
/// transaction's history entry. Nothing is visible to reads until the transaction commits.
pub trait Writes {
    /// Adds an agency; its identity within its state must be new.
    fn create_agency(&mut self, details: &AgencyDetails) -> Result<AgencyId>;

    /// Changes an agency's details; `false` if nothing changed.
    fn update_agency(&mut self, id: AgencyId, details: &AgencyDetails) -> Result<bool>;

    /// Adds an agreement to an agency.
    fn create_agreement(&mut self, new: &NewAgreement) -> Result<AgreementId>;

    /// Moves an agreement to status `to` on `on`, recording the change in its status history.
    fn change_status(
        &mut self,
        id: AgreementId,
        to: Status,
        on: NaiveDate,
        note: Option<&str>,
    ) -> Result<()>;

    /// Fills in the dates and MOA facts an agreement lacks from `facts`, never overwriting one
    /// already recorded: a different value is returned, in words, as a conflict for review.
    fn fill_agreement_facts(
        &mut self,
        id: AgreementId,
        facts: &AgreementFacts,
    ) -> Result<Vec<String>>;

    /// The agency an agreement belongs to, as this transaction sees it.
    fn agreement_agency(&self, id: AgreementId) -> Result<AgencyId>;

    /// The agreement a nominee belongs to, as this transaction sees it.
    fn nominee_agreement(&self, nominee: NomineeId) -> Result<AgreementId>;

    /// Records a signature of an agreement's MOA; returns the status it leaves it in.
    fn record_signing(
        &mut self,
        agreement_id: AgreementId,
        signing: &MoaSigning,
        today: NaiveDate,
    ) -> Result<Status>;

    /// Records an attestation that a requirement is (or is not) met.
    fn attest(&mut self, agreement_id: AgreementId, a: &Attestation) -> Result<()>;

    /// Records a steering meeting; returns its id.
    fn record_meeting(
        &mut self,
        agreement_id: AgreementId,
        held_on: NaiveDate,
        note: Option<&str>,
    ) -> Result<i64>;

    /// Records a decision, if the program's rules admit it.
    fn record_decision(&mut self, draft: &DecisionDraft) -> Result<Recorded>;

    /// Adds a nominee to an agreement.
    fn add_nominee(&mut self, agreement_id: AgreementId, d: &NomineeDetails) -> Result<NomineeId>;

    /// Changes a nominee's details; `false` if nothing changed.
    fn update_nominee(&mut self, id: NomineeId, d: &NomineeDetails) -> Result<bool>;

    /// Removes a nominee.
    fn remove_nominee(&mut self, id: NomineeId) -> Result<()>;

    /// Records a citizenship claim (a new one, or a change to `id`).
    fn record_claim(
        &mut self,
        agreement_id: AgreementId,
        id: Option<ClaimId>,
        details: &ClaimDetails,
    ) -> Result<ClaimId>;

    /// Records a complaint.
    fn record_complaint(
        &mut self,
        agreement_id: AgreementId,
        details: &ComplaintDetails,
    ) -> Result<ComplaintId>;

    /// Changes a complaint; `false` if nothing changed.
    fn update_complaint(&mut self, id: ComplaintId, details: &ComplaintDetails) -> Result<bool>;

    /// Records a termination notice; returns its id.
    fn give_termination_notice(
        &mut self,
        agreement_id: AgreementId,
        given_on: NaiveDate,
        given_by: NoticeParty,
        note: Option<&str>,
    ) -> Result<i64>;

    /// Changes a requirement of the catalogue, making a new catalogue version; returns it.
    fn update_requirement(&mut self, updated: &Requirement) -> Result<u32>;

    /// Adopts (or declines) a change a newer g287 ships to an edited requirement; returns the
    /// catalogue version.
    fn resolve_shipped_change(&mut self, requirement_id: &str, adopt: bool) -> Result<u32>;

    /// Changes a term (a deadline's length) of the catalogue; returns the catalogue version.
    fn update_term(&mut self, updated: &Term) -> Result<u32>;

    /// Resolves an item an import left for review.
    fn resolve_review(&mut self, id: i64, resolution: &Resolution) -> Result<()>;

    /// Links every agency not yet linked (or in review) to the national list the registry
    /// holds, by its rules; nothing when it holds none.
    fn link_pending(&mut self) -> Result<national::LinkCounts>;

    /// Attaches a document to a record; its bytes are kept once per SHA-256.
    fn attach_document(
        &mut self,
        new: &documents::NewAttachment<'_>,
    ) -> Result<documents::Attached>;

    /// Marks an attachment removed; its bytes stay.
    fn remove_document(&mut self, id: i64) -> Result<documents::DocumentEntry>;

    /// Records what an MOA's reading disagrees with or could fill in, for review.
    fn record_moa_findings(
        &mut self,
        attachment: i64,
        agreement: AgreementId,
        findings: &[crate::documents::Finding],
    ) -> Result<()>;

    /// Accepts (fills in the signature read) or dismisses an MOA check.
    fn resolve_moa_check(
        &mut self,
        id: i64,
        accept: bool,
        note: Option<&str>,
        today: NaiveDate,
    ) -> Result<()>;
}
