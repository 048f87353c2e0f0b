//! A team's registry on a PostgreSQL server: creating it, granting its roles, and moving a
//! registry between a SQLite file and a server.

use std::path::Path;

use super::{Location, Registry, Result, national};
use crate::store::copy::Copied;
use crate::store::postgres::schema::{self, Role};
use crate::store::{Store, StoreError};

impl Registry {
    /// Creates the registry in the empty PostgreSQL database `location.server`, as its owner:
    /// the schema, the roles and their grants, then the requirement catalogue and the national
    /// list of agencies, each in the history as the owner's. Refused on a database that holds
    /// any table.
    pub fn create_on_server(location: &Location) -> Result<Registry> {
        let url = server_of(location)?;
        let mut client = crate::store::postgres::open::client(url)?;
        schema::init(&mut client)?;
        drop(client);
        let mut store = Store::connect(url)?;
        national::ensure_shipped(&mut store)?;
        drop(store);
        Registry::open_at(location)
    }

    /// Gives the login `login` the g287 role `role` on the server of `location` (and takes any
    /// other g287 role from it); run by the registry's owner.
    pub fn grant_on_server(location: &Location, role: Role, login: &str) -> Result<()> {
        let url = server_of(location)?;
        let mut client = crate::store::postgres::open::client(url)?;
        Ok(schema::grant(&mut client, role, login)?)
    }

    /// Copies this registry, history and all, to `destination`: an empty PostgreSQL database
    /// (`postgres://...`) from a SQLite file, or a new SQLite file from a server; both ends
    /// are verified.
    pub fn copy_to(&self, destination: &str) -> Result<Copied> {
        let from = self.store()?;
        let to_server = destination.starts_with("postgres://")
            || destination.starts_with("postgresql://")
            || destination.contains("dbname=");
        match (self.is_server(), to_server) {
            (false, true) => Ok(crate::store::copy::to_server(&from, destination)?),
            (true, false) => Ok(crate::store::copy::to_file(&from, Path::new(destination))?),
            (false, false) => Err(StoreError::Conflict(
                "this registry is a SQLite file: copy it to a PostgreSQL database (--to postgres://...), or make a file copy with `g287 backup FILE`".into(),
            )
            .into()),
            (true, true) => Err(StoreError::Conflict(
                "this registry is on a server: copy it to a new SQLite file (--to FILE.sqlite3); a server's registry moves to another server with pg_dump and pg_restore".into(),
            )
            .into()),
        }
    }
}

fn server_of(location: &Location) -> Result<&str> {
    location.server.as_deref().ok_or_else(|| {
        StoreError::Conflict(
            "no server given: name the team's database with --database postgres://... or G287_DATABASE".into(),
        )
        .into()
    })
}

/// One save committed on the team's server by anyone, as a window learns of it.
pub use crate::store::postgres::listen::Change;

/// The team's saves as they are committed, on a connection of their own
/// ([`Registry::listen`]).
#[derive(Debug)]
pub struct Changes(crate::store::postgres::listen::Listener);

impl Changes {
    /// The next save committed by anyone, waiting at most `timeout` (`None`: none meanwhile).
    /// A lost connection is [`StoreError::Disconnected`]: listen again.
    pub fn next(&mut self, timeout: std::time::Duration) -> Result<Option<Change>> {
        Ok(self.0.next(timeout)?)
    }
}

impl Registry {
    /// On a team's server, the saves of every coordinator as they are committed; `None` on a
    /// SQLite file, which only this computer writes.
    pub fn listen(&self) -> Result<Option<Changes>> {
        match &self.server {
            Some(url) => Ok(Some(Changes(
                crate::store::postgres::listen::Listener::connect(url)?,
            ))),
            None => Ok(None),
        }
    }
}
