//! The sessions a registry on a team's server keeps between operations.
//!
//! Each operation of the registry has a connection of its own. On a file, opening one costs
//! microseconds; on a server it costs a round trip or three and a process on the server, and
//! a new session prepares every statement again (another round trip each). So a registry on a
//! server keeps the sessions its operations are done with, and the next operation takes one:
//! its prepared statements are kept too. A session whose connection was lost is dropped, not
//! handed out again.

use std::sync::{Arc, Mutex};

use crate::store::Store;

/// Idle sessions, shared by every clone of a registry (the window's and its workers').
#[derive(Clone, Default)]
pub(super) struct Pool(Arc<Mutex<Vec<Store>>>);

/// At most this many idle sessions are kept: the window and a few workers at once.
const KEPT: usize = 4;

impl Pool {
    /// An idle session that is still connected, if one is kept.
    pub(super) fn take(&self) -> Option<Store> {
        let mut idle = self.0.lock().unwrap_or_else(|e| e.into_inner());
        while let Some(store) = idle.pop() {
            if store.is_connected() {
                return Some(store);
            }
        }
        None
    }

    /// Keeps a session the operation is done with, for the next one.
    pub(super) fn give_back(&self, store: Store) {
        let mut idle = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if idle.len() < KEPT && store.is_connected() {
            idle.push(store);
        }
    }

    /// Drops every idle session (the author they record changed).
    pub(super) fn clear(&self) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pool")
    }
}

/// Every pool is the same for comparing registries: a registry is its place and its author.
impl PartialEq for Pool {
    fn eq(&self, _: &Pool) -> bool {
        true
    }
}

impl Eq for Pool {}

/// A session lent to one operation; given back to the pool when the operation drops it.
pub struct Lent {
    store: Option<Store>,
    pool: Option<Pool>,
}

impl Lent {
    /// A session of the operation's own (a file's), given back to no pool.
    pub(super) fn own(store: Store) -> Lent {
        Lent {
            store: Some(store),
            pool: None,
        }
    }

    /// A session lent from `pool`.
    pub(super) fn pooled(store: Store, pool: &Pool) -> Lent {
        Lent {
            store: Some(store),
            pool: Some(pool.clone()),
        }
    }
}

impl std::ops::Deref for Lent {
    type Target = Store;
    fn deref(&self) -> &Store {
        self.store.as_ref().expect("lent until dropped")
    }
}

impl std::ops::DerefMut for Lent {
    fn deref_mut(&mut self) -> &mut Store {
        self.store.as_mut().expect("lent until dropped")
    }
}

impl Drop for Lent {
    fn drop(&mut self) {
        if let (Some(store), Some(pool)) = (self.store.take(), &self.pool) {
            pool.give_back(store);
        }
    }
}
