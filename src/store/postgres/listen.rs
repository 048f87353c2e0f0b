//! A team's windows told of each other's saves: every write on the server notifies the
//! channel `g287` as it commits (PostgreSQL's `NOTIFY`, delivered only if the transaction
//! commits, in commit order), naming the history entry, its author and the agencies whose
//! records changed; a window listens on a connection of its own ([`Listener`]) and reads again
//! what it shows.

use std::collections::BTreeSet;
use std::time::Duration;

use postgres::fallible_iterator::FallibleIterator;
use serde::{Deserialize, Serialize};

use crate::store::connection::Connection;
use crate::store::{Result, StoreError};

/// The channel every registry's writes notify.
pub const CHANNEL: &str = "g287";

/// More agencies than this in one write (an import) are not listed: "many" (read everything).
const LISTED: usize = 200;

/// The agencies a transaction changed, noted as its descriptive entries are written.
#[derive(Debug, Default)]
pub struct Touched {
    agencies: BTreeSet<i64>,
    /// An entry about no agency (the catalogue, a national list) was written.
    others: bool,
}

impl Touched {
    /// Notes the agency an entry is about (`None`: an entry about the registry as a whole).
    pub(crate) fn note(&mut self, agency: Option<i64>) {
        match agency {
            Some(id) => {
                self.agencies.insert(id);
            }
            None => self.others = true,
        }
    }
}

/// One write committed on the server, as another window learns of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The history entry it wrote.
    pub seq: i64,
    /// Who wrote it (the role, with a display name once set).
    pub who: String,
    /// The agencies whose records it changed; `None` when it changed more than can be listed,
    /// or something about the registry as a whole (the catalogue, the national list): then
    /// everything shown is read again.
    pub agencies: Option<Vec<i64>>,
}

impl Change {
    /// Whether the change may move what is shown of `agency`.
    pub fn concerns(&self, agency: i64) -> bool {
        self.agencies.as_ref().is_none_or(|a| a.contains(&agency))
    }
}

/// Notifies the channel of the write being committed on `conn`.
pub(crate) fn notify(conn: &Connection, seq: i64, who: &str, touched: &Touched) -> Result<()> {
    let agencies = (!touched.others && touched.agencies.len() <= LISTED)
        .then(|| touched.agencies.iter().copied().collect());
    let payload = serde_json::to_string(&Change {
        seq,
        who: who.to_string(),
        agencies,
    })
    .unwrap_or_default();
    conn.query_row(
        &format!("SELECT pg_notify('{CHANNEL}', ?1)::text"),
        [payload],
        |_| Ok(()),
    )?;
    Ok(())
}

/// A connection of its own that listens for the team's writes.
pub struct Listener {
    client: postgres::Client,
}

impl std::fmt::Debug for Listener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Listener")
    }
}

impl Listener {
    /// Connects to the server at `url` and listens.
    pub fn connect(url: &str) -> Result<Listener> {
        let mut client = super::open::client(url)?;
        client
            .batch_execute(&format!("LISTEN {CHANNEL}"))
            .map_err(super::classify)?;
        Ok(Listener { client })
    }

    /// The next write committed by anyone, waiting at most `timeout`; `None` when there was
    /// none meanwhile. A connection that is gone is an error
    /// ([`StoreError::Disconnected`]): the caller connects again.
    pub fn next(&mut self, timeout: Duration) -> Result<Option<Change>> {
        let waited = {
            let mut notifications = self.client.notifications();
            let mut iter = notifications.timeout_iter(timeout);
            iter.next().map_err(super::classify)?
        };
        match waited {
            Some(n) => Ok(Some(serde_json::from_str(n.payload()).unwrap_or(Change {
                seq: 0,
                who: String::new(),
                agencies: None,
            }))),
            None => {
                // Nothing came: make sure the silence is not a dead connection.
                if self.client.is_valid(Duration::from_secs(5)).is_err() {
                    return Err(StoreError::Disconnected("the server did not answer".into()));
                }
                Ok(None)
            }
        }
    }
}
