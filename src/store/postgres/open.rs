//! Connecting to a registry on a server: the schema version read first, the session's notes
//! for the history, and who logged in.

use postgres::{Client, NoTls};

use super::schema::{self, Role};
use super::{Session, describe};
use crate::store::connection::Connection;
use crate::store::{Result, StoreError};

/// A session on a registry, ready for the store.
pub(crate) struct Opened {
    /// The connection.
    pub(crate) conn: Connection,
    /// The server and database, for messages (never the password).
    pub(crate) shown: String,
    /// The role that logged in.
    pub(crate) login: String,
    /// Its g287 role.
    pub(crate) role: Option<Role>,
}

/// Connects to the server at `url`, refusing a database that holds no registry or a newer one
/// (before anything is written), and prepares the session's notes of the rows it writes.
pub(crate) fn connect(url: &str) -> Result<Opened> {
    let shown = shown(url);
    let mut client = client(url)?;
    match schema::version(&mut client)? {
        None => {
            return Err(StoreError::Unusable {
                path: shown.into(),
                reason: "it holds no g287 registry yet: the database's owner creates one with `g287 --database URL admin init`".into(),
            });
        }
        Some(found) if found > schema::newest() => {
            return Err(StoreError::Newer {
                path: shown.into(),
                found,
                supported: schema::newest(),
            });
        }
        Some(found) if found < schema::newest() => {
            return Err(StoreError::Unusable {
                path: shown.into(),
                reason: format!(
                    "its schema is version {found}, which this g287 cannot upgrade on a server"
                ),
            });
        }
        Some(_) => {}
    }
    client
        .batch_execute(&format!(
            "SET client_min_messages = warning;
             SET lock_timeout = '30s';
             CREATE TEMP TABLE IF NOT EXISTS {} (tbl text NOT NULL, id bigint NOT NULL);",
            super::history::TOUCHED
        ))
        .map_err(super::classify)?;
    let login: String = client
        .query_one("SELECT session_user::text", &[])
        .map_err(super::classify)?
        .get(0);
    let role = schema::role_of_session(&mut client)?;
    let conn = Connection::from_postgres(Session::new(client)?);
    Ok(Opened {
        conn,
        shown,
        login,
        role,
    })
}

/// A client connected to `url`, without TLS (a Unix socket, loopback, or a tunnel: see the
/// README); a failure says which server refused and why.
pub(crate) fn client(url: &str) -> Result<Client> {
    Client::connect(url, NoTls).map_err(|e| StoreError::Unusable {
        path: shown(url).into(),
        reason: format!("cannot connect: {}", describe(&e)),
    })
}

/// The server and database of `url` for messages: a `postgres://` URL without its password,
/// or libpq's `key=value` form without `password=`.
pub fn shown(url: &str) -> String {
    if let Some(rest) = url
        .strip_prefix("postgres://")
        .or_else(|| url.strip_prefix("postgresql://"))
    {
        let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
        let host = match authority.rsplit_once('@') {
            Some((user, host)) => {
                let user = user.split(':').next().unwrap_or_default();
                format!("{user}@{host}")
            }
            None => authority.to_string(),
        };
        let path = path.split('?').next().unwrap_or_default();
        return format!("postgres://{host}/{path}");
    }
    url.split_whitespace()
        .filter(|kv| !kv.starts_with("password="))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn a_password_is_never_shown() {
        assert_eq!(
            shown("postgres://jdoe:s3cret@db.example:5432/g287?sslmode=disable"),
            "postgres://jdoe@db.example:5432/g287"
        );
        assert_eq!(
            shown("host=/tmp/x user=jdoe password=s3cret dbname=g287"),
            "host=/tmp/x user=jdoe dbname=g287"
        );
    }
}
