//! The registry: the one API the window and the command line call for everything a coordinator
//! does (open, import, export, edit, decide, check, calendar, dashboard, report, backup,
//! restore, verify). Each operation opens its own connection to the database, so that a
//! [`Registry`] is a small `Clone + Send + Sync` value the window can hand to a worker thread;
//! results are typed and every failure is one [`RegistryError`], which each face words in its
//! own way. No screen and no command opens the database itself.
//!
//! - [`edit`]: the changes of an agency and its agreements, one transaction each;
//! - [`lists`]: importing ICE's published lists (with progress and a dry run);
//! - [`documents`]: documents kept with the record, ICE's MOAs in bulk;
//! - [`files`]: export, reports, backups, restore and verification.

pub mod documents;
pub mod edit;
mod error;
pub mod files;
pub mod lists;
pub mod national;
mod pool;
pub mod team;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::domain::check::Tally;
use crate::domain::{AgencyId, AgreementId};
use crate::store::Store;

pub use crate::domain::dashboard::Dashboard;
pub use crate::import::ReadError;
pub use crate::store::agencies::AgencyOverview;
pub use crate::store::backup::RestoreRefusal;
pub use crate::store::calendar::{CalendarItem, REQUEST_DAYS};
pub use crate::store::catalogue::ShippedChange;
pub use crate::store::checks::AgreementCheck;
pub use crate::store::detail::{AgencyDetail, AgreementDetail};
pub use crate::store::imports::ImportSummary;
pub use crate::store::national::{LinkCounts, LinkInReview, NationalLoad};
pub use crate::store::review::{Resolution, ReviewItem};
pub use crate::store::{AuditEntry, ChainHead, DATABASE_FILE, StoreError, Verification, today};
pub use edit::{Edit, Recorded};
pub use error::{RegistryError, Result};
pub use files::{Report, Restored, Verified};
pub use lists::ListOptions;

/// Where a registry is: the data folder (which holds the SQLite file, reports and backups),
/// and, for a team, the PostgreSQL database that holds the registry instead of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The data folder.
    pub data_dir: PathBuf,
    /// The team's database on a PostgreSQL server (`postgres://...` or libpq's `key=value`
    /// form); `None`: the SQLite file in the data folder.
    pub server: Option<String>,
}

impl Location {
    /// The SQLite file in `data_dir`.
    pub fn folder(data_dir: &Path) -> Location {
        Location {
            data_dir: data_dir.to_path_buf(),
            server: None,
        }
    }
}

/// The coordinator's registry: the database in a data folder, or on a team's server. Cheap to
/// clone and safe to send to a worker thread; every operation opens its own connection
/// (SQLite's locking, or the server's, keeps two writers apart), so no connection is ever
/// shared between threads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registry {
    data_dir: PathBuf,
    database: PathBuf,
    /// The team's database, when the registry is on a server.
    server: Option<String>,
    /// On a server, the sessions kept between operations.
    pool: pool::Pool,
    /// Who the history names as the author of changes; `None`: the OS user.
    user: Option<String>,
    /// How the history names the author of changes made now, for the status line: the login
    /// with its display name, or `user`.
    author: String,
}

impl Registry {
    /// Opens the registry in `data_dir`, creating the folder and the database if needed and
    /// bringing an older database up to date; a database that cannot be used (newer, locked,
    /// foreign, emptied) is refused here, before any operation.
    pub fn open(data_dir: &Path) -> Result<Registry> {
        let mut store = Store::open_in(data_dir)?;
        national::ensure_shipped(&mut store)?;
        Ok(Registry {
            data_dir: data_dir.to_path_buf(),
            database: store.path().to_path_buf(),
            server: None,
            pool: pool::Pool::default(),
            user: None,
            author: store.user().to_string(),
        })
    }

    /// Opens the registry where `location` says: the team's server when it names one, else the
    /// SQLite file in its data folder ([`Registry::open`]).
    pub fn open_at(location: &Location) -> Result<Registry> {
        let Some(url) = &location.server else {
            return Registry::open(&location.data_dir);
        };
        // The data folder still holds what is the coordinator's own: reports, exports,
        // settings.
        crate::files::create_private_dir(&location.data_dir)
            .map_err(|e| RegistryError::io(&location.data_dir, e))?;
        let mut store = Store::connect(url)?;
        // As on a file: the shipped national list is read once, when the registry holds none
        // (`admin init` reads it; a registry copied from a file has it).
        national::ensure_shipped(&mut store)?;
        Ok(Registry {
            data_dir: location.data_dir.clone(),
            database: store.path().to_path_buf(),
            server: Some(url.clone()),
            pool: pool::Pool::default(),
            user: None,
            author: store.user().to_string(),
        })
    }

    /// Where this registry is.
    pub fn location(&self) -> Location {
        Location {
            data_dir: self.data_dir.clone(),
            server: self.server.clone(),
        }
    }

    /// Whether the registry is a team's, on a PostgreSQL server.
    pub fn is_server(&self) -> bool {
        self.server.is_some()
    }

    /// On a server, the g287 role of the login (what it may do); `None` on a SQLite file,
    /// where the person at the keyboard may do everything.
    pub fn role(&self) -> Result<Option<crate::store::postgres::schema::Role>> {
        if self.server.is_none() {
            return Ok(None);
        }
        Ok(self.store()?.role())
    }

    /// The same registry, recording changes as made by `user` rather than the OS user (tests,
    /// and work done on someone's behalf).
    pub fn as_user(self, user: impl Into<String>) -> Registry {
        let user = user.into();
        Registry {
            author: user.clone(),
            user: Some(user),
            ..self
        }
    }

    /// How the history names the author of the changes made now: "Jane Doe (jdoe)" once the
    /// person at the keyboard has set a display name, else their login name.
    pub fn author(&self) -> &str {
        &self.author
    }

    /// The login name of the person at the keyboard: as the operating system knows it, or on
    /// a server the role they logged in with.
    pub fn login(&self) -> String {
        if self.server.is_some()
            && let Ok(store) = self.store()
        {
            return store.login().to_string();
        }
        crate::store::os_user()
    }

    /// The display name chosen for the login of the person at the keyboard, if any.
    pub fn display_name(&self) -> Result<Option<String>> {
        Ok(self.store()?.display_name()?)
    }

    /// Sets the display name of the person at the keyboard (once: it is kept in the registry
    /// and every later change names it); an empty `name` goes back to the login alone. The
    /// change is in the history. Returns how changes are named from now on.
    pub fn set_display_name(&mut self, name: &str) -> Result<String> {
        let login = self.login();
        let author = self.store()?.write(|w| w.set_display_name(&login, name))?;
        // The sessions kept recorded changes under the old name.
        self.pool.clear();
        if self.user.is_none() {
            self.author = author.clone();
        }
        Ok(author)
    }

    /// Sets an emptied database aside (kept beside it, renamed) and opens a new, empty
    /// registry in its place: only on the coordinator's word, after [`crate::store::StoreError::Emptied`].
    pub fn start_anew(data_dir: &Path) -> Result<Registry> {
        crate::store::set_aside_empty(&data_dir.join(DATABASE_FILE))?;
        Registry::open(data_dir)
    }

    /// The data folder.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The database file; on a server, the server and database (without a password).
    pub fn database(&self) -> &Path {
        &self.database
    }

    /// A connection of this operation's own: on a server, a session kept from an earlier
    /// operation when there is one ([`pool`]).
    fn store(&self) -> Result<pool::Lent> {
        let mut store = match &self.server {
            Some(url) => match self.pool.take() {
                Some(store) => pool::Lent::pooled(store, &self.pool),
                None => pool::Lent::pooled(Store::connect(url)?, &self.pool),
            },
            None => pool::Lent::own(Store::open(&self.database)?),
        };
        if let Some(user) = &self.user {
            store.set_user(user.clone());
        }
        Ok(store)
    }

    /// How many agencies and agreements the registry holds.
    pub fn counts(&self) -> Result<(i64, i64)> {
        Ok(self.store()?.counts()?)
    }

    /// Every agency with its agreements, as the Agencies list and `g287 agencies` show them.
    pub fn agencies(&self) -> Result<Vec<AgencyOverview>> {
        Ok(self.store()?.overview()?)
    }

    /// One agency with everything recorded of it, as of today.
    pub fn agency(&self, id: AgencyId) -> Result<AgencyDetail> {
        Ok(self.store()?.agency_detail(id, today())?)
    }

    /// The agreement as recorded (its signatures, model, component...).
    pub fn agreement(&self, id: AgreementId) -> Result<crate::domain::Agreement> {
        Ok(self.store()?.agreement(id)?)
    }

    /// Checks agreements against the requirement catalogue: every agreement, or one agency's
    /// (a missing agency is [`crate::store::StoreError::NotFound`]).
    pub fn check(&self, agency: Option<AgencyId>) -> Result<Vec<AgreementCheck>> {
        Ok(self.store()?.check(agency, today())?)
    }

    /// Checks every agreement; returns the not met and no record counts per agreement, as the
    /// Agencies list shows them.
    pub fn check_unmet(&self) -> Result<HashMap<AgreementId, Tally>> {
        let checks = self.check(None)?;
        Ok(checks.iter().map(|c| (c.agreement, c.tally())).collect())
    }

    /// The compliance calendar as of today; a request waits `request_days` before it is listed.
    pub fn calendar(&self, request_days: u32) -> Result<Vec<CalendarItem>> {
        Ok(self.store()?.calendar(today(), request_days)?)
    }

    /// The program at a glance, counting changes since `since`.
    pub fn dashboard(&self, since: NaiveDate) -> Result<Dashboard> {
        Ok(self.store()?.dashboard(today(), since)?)
    }

    /// The history of changes, of one agency (which must exist) or of everything.
    pub fn history(&self, agency: Option<AgencyId>) -> Result<Vec<AuditEntry>> {
        let store = self.store()?;
        if let Some(id) = agency {
            store.agency(id)?;
        }
        Ok(store.history(agency, None)?)
    }

    /// The flagged values of imports still open for review.
    pub fn review(&self) -> Result<Vec<ReviewItem>> {
        Ok(self.store()?.open_review()?)
    }

    /// Settles one flagged value; returns the values still open.
    pub fn settle(&self, id: i64, resolution: &Resolution) -> Result<Vec<ReviewItem>> {
        let mut store = self.store()?;
        store.write(|w| w.resolve_review(id, resolution))?;
        Ok(store.open_review()?)
    }

    /// The requirement catalogue in force.
    pub fn catalogue(&self) -> Result<crate::domain::catalogue::Catalogue> {
        Ok(self.store()?.catalogue()?)
    }

    /// The requirement catalogue in force and the history of its versions.
    pub fn catalogue_with_history(
        &self,
    ) -> Result<(crate::domain::catalogue::Catalogue, Vec<AuditEntry>)> {
        let store = self.store()?;
        Ok((store.catalogue()?, store.catalogue_history()?))
    }

    /// A version of the catalogue kept, if there is one of that number.
    pub fn catalogue_at(
        &self,
        version: u32,
    ) -> Result<Option<crate::domain::catalogue::Catalogue>> {
        Ok(self.store()?.catalogue_at(version)?)
    }

    /// The corrections a newer g287 shipped for requirements the coordinator changed, still
    /// awaiting a choice.
    pub fn shipped_changes(&self) -> Result<Vec<ShippedChange>> {
        Ok(self.store()?.shipped_changes()?)
    }

    /// Saves a changed requirement as a new catalogue version; returns the catalogue in force
    /// and its history afterwards.
    pub fn update_requirement(
        &self,
        requirement: &crate::domain::catalogue::Requirement,
    ) -> Result<(crate::domain::catalogue::Catalogue, Vec<AuditEntry>)> {
        self.store()?.write(|w| w.update_requirement(requirement))?;
        self.catalogue_with_history()
    }

    /// [`Registry::update_requirement`] from a form opened on `opened_on`: refused, with who
    /// changed it and what, when the requirement in force is no longer the one the form was
    /// opened on (another decider saved it meanwhile).
    pub fn update_requirement_over(
        &self,
        requirement: &crate::domain::catalogue::Requirement,
        opened_on: &crate::domain::catalogue::Requirement,
    ) -> Result<(crate::domain::catalogue::Catalogue, Vec<AuditEntry>)> {
        self.store()?.write(|w| {
            w.ensure_requirement_unchanged(opened_on)?;
            w.update_requirement(requirement)
        })?;
        self.catalogue_with_history()
    }

    /// Adopts a shipped correction or keeps the coordinator's version; returns the catalogue,
    /// its history and the corrections still awaiting a choice.
    pub fn resolve_shipped(
        &self,
        requirement: &str,
        adopt: bool,
    ) -> Result<(
        crate::domain::catalogue::Catalogue,
        Vec<AuditEntry>,
        Vec<ShippedChange>,
    )> {
        let mut store = self.store()?;
        store.write(|w| w.resolve_shipped_change(requirement, adopt))?;
        Ok((
            store.catalogue()?,
            store.catalogue_history()?,
            store.shipped_changes()?,
        ))
    }

    /// Changes one of the MOA terms behind the calendar's deadlines; returns the catalogue
    /// version in force afterwards (the same one when nothing changed).
    pub fn update_term(&self, term: &crate::domain::terms::Term) -> Result<u32> {
        Ok(self.store()?.write(|w| w.update_term(term))?)
    }

    /// Fills an empty registry with `agencies` synthetic agencies from `seed`.
    pub fn demo(&self, agencies: usize, seed: u64) -> Result<crate::demo::DemoSummary> {
        let mut store = self.store()?;
        let national = store.national_list()?;
        Ok(crate::demo::fill(
            &mut *store,
            &national,
            agencies,
            seed,
            today(),
        )?)
    }
}
