//! What each section of the Review screen keeps: its open items, the text typed beside each (a
//! date, a reason) and the error shown beside each, by the item's key. A settle answers with
//! the items open now, or with the error for the one settled, which keeps what was typed.

use std::collections::HashMap;
use std::hash::Hash;

use crate::registry::RegistryError;

/// A section's open items, with what is typed and shown beside each.
#[derive(Debug, Clone)]
pub struct Queue<K, T> {
    items: Vec<T>,
    typed: HashMap<K, String>,
    errors: HashMap<K, String>,
}

impl<K, T> Default for Queue<K, T> {
    fn default() -> Self {
        Queue {
            items: Vec::new(),
            typed: HashMap::new(),
            errors: HashMap::new(),
        }
    }
}

impl<K: Eq + Hash + Copy, T> Queue<K, T> {
    /// The items open now, nothing typed.
    pub fn new(items: Vec<T>) -> Queue<K, T> {
        Queue {
            items,
            ..Queue::default()
        }
    }

    /// The open items.
    pub fn items(&self) -> &[T] {
        &self.items
    }

    /// How many are open.
    pub fn open(&self) -> usize {
        self.items.len()
    }

    /// What is typed beside an item ("" when nothing).
    pub fn typed(&self, key: K) -> &str {
        self.typed.get(&key).map(String::as_str).unwrap_or("")
    }

    /// Takes what was typed beside an item; its error goes, since it spoke of the old text.
    pub fn type_text(&mut self, key: K, text: String) {
        self.errors.remove(&key);
        self.typed.insert(key, text);
    }

    /// Shows why an item could not be settled as asked.
    pub fn refuse(&mut self, key: K, why: impl Into<String>) {
        self.errors.insert(key, why.into());
    }

    /// The error shown beside an item.
    pub fn error(&self, key: K) -> Option<&str> {
        self.errors.get(&key).map(String::as_str)
    }

    /// After a settle of `key`: the items open now (what was typed for it goes), or the error,
    /// shown beside it with what was typed kept.
    pub fn settled(&mut self, key: K, result: Result<Vec<T>, RegistryError>) {
        match result {
            Ok(items) => {
                self.items = items;
                self.typed.remove(&key);
                self.errors.remove(&key);
            }
            Err(e) => {
                self.errors.insert(key, e.to_string());
            }
        }
    }
}
