//! Who the history names as the author of a change: the login name of the person at the
//! keyboard, as the operating system knows it, with the display name they chose for it.
//!
//! The display name is kept in the registry's `meta` table (key `display_name:LOGIN`), not in
//! a settings file: it belongs with the records it signs, a registry moved to another machine
//! keeps it, and setting it is itself a change the history carries.

use crate::store::connection::{Connection, OptionalExtension};
use serde_json::json;

use super::{Result, Store, Writer};

/// The `meta` key of a login's display name.
fn key(login: &str) -> String {
    format!("display_name:{login}")
}

/// The display name chosen for `login`, if any.
pub(crate) fn display_name(conn: &Connection, login: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key(login)], |r| {
            r.get(0)
        })
        .optional()?)
}

/// How the history names `login`: "Jane Doe (jdoe)" once a display name is set (the login
/// stays, so two people who chose the same name are still told apart), else the login alone.
pub fn author_name(login: &str, display: Option<&str>) -> String {
    match display
        .map(str::trim)
        .filter(|d| !d.is_empty() && *d != login)
    {
        Some(name) => format!("{name} ({login})"),
        None => login.to_string(),
    }
}

/// The author for `login` in this database (its display name read from `meta`); a database
/// whose `meta` cannot be read names the login alone.
pub(crate) fn author(conn: &Connection, login: &str) -> String {
    let display = display_name(conn, login).ok().flatten();
    author_name(login, display.as_deref())
}

impl Store {
    /// The display name the person at the keyboard chose for their login, if any.
    pub fn display_name(&self) -> Result<Option<String>> {
        display_name(self.conn(), &self.login)
    }
}

impl Writer<'_> {
    /// Sets (or, with an empty `name`, clears) the display name of `login`, recorded in the
    /// history like any change. Returns how the history names `login` from now on.
    pub fn set_display_name(&mut self, login: &str, name: &str) -> Result<String> {
        let name = crate::domain::agency::clean_name(name);
        let before: Option<String> = display_name(self, login)?;
        if name.is_empty() {
            self.execute("DELETE FROM meta WHERE key = ?1", [key(login)])?;
        } else {
            self.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key(login), name.clone()],
            )?;
        }
        let after = (!name.is_empty()).then_some(name);
        self.log(
            "person",
            None,
            None,
            "display name",
            json!({ "login": login, "display_name": [before, after] }),
        )?;
        Ok(author_name(login, after.as_deref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_author_is_the_login_with_the_display_name_chosen_for_it() {
        assert_eq!(author_name("jdoe", None), "jdoe");
        assert_eq!(author_name("jdoe", Some("  ")), "jdoe");
        assert_eq!(author_name("jdoe", Some("jdoe")), "jdoe");
        assert_eq!(author_name("jdoe", Some("Jane Doe")), "Jane Doe (jdoe)");
    }
}
