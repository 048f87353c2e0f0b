//! The registry's schema on PostgreSQL, its versions, and the roles a team logs in with.
//!
//! Versions: an append-only list, like SQLite's. A registry on a server starts at the schema
//! SQLite's migrations reach (6), created whole by `schema.sql`; later versions append their
//! SQL here, and are numbered as SQLite's, so that one number names one set of tables on both
//! backends. The version is read before anything is written; a newer database is left
//! untouched.
//!
//! Roles: three group roles, which the database itself enforces with its grants (not only the
//! window): `g287_viewer` reads; `g287_coordinator` also records agencies, agreements,
//! nominees, oversight, imports and documents; `g287_decider` also records ICE's or CBP's
//! decisions and changes the requirement catalogue. The history and the descriptive log are
//! append-only for all of them (INSERT, never UPDATE or DELETE), and each history entry must
//! name the role that logged in, which a trigger checks.

use postgres::Client;

use crate::store::{Result, StoreError};

/// The schema versions of a registry on PostgreSQL: (version, SQL bringing it there).
pub const MIGRATIONS: &[(i64, &str)] = &[
    (6, include_str!("schema.sql")),
    (
        7,
        "CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id);",
    ),
];

/// The newest schema version this program knows on PostgreSQL.
pub fn newest() -> i64 {
    MIGRATIONS.last().map_or(0, |(v, _)| *v)
}

/// What one may do in a registry on a server, by the group role granted to one's login.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Reads everything, changes nothing.
    Viewer,
    /// Records agencies, agreements, nominees, oversight, imports and documents.
    Coordinator,
    /// A coordinator who also records ICE's or CBP's decisions and edits the catalogue.
    Decider,
}

impl Role {
    /// Every role, least first.
    pub const ALL: [Role; 3] = [Role::Viewer, Role::Coordinator, Role::Decider];

    /// The role's name, as `g287 admin grant` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Coordinator => "coordinator",
            Role::Decider => "decider",
        }
    }

    /// The group role on the server.
    pub fn group(self) -> &'static str {
        match self {
            Role::Viewer => "g287_viewer",
            Role::Coordinator => "g287_coordinator",
            Role::Decider => "g287_decider",
        }
    }

    /// The role of a name, as typed.
    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.name().eq_ignore_ascii_case(name.trim()))
    }

    /// Why a login of this role may not do what needs `needed`, in words for the window;
    /// `None` when it may.
    pub fn refusal(self, needed: Role, what: &str) -> Option<String> {
        (self < needed).then(|| {
            format!(
                "{what} needs the {} role; you are a {} (you may {}): ask the registry's administrator",
                needed.name(),
                self.name(),
                self.may()
            )
        })
    }

    /// What it may do, in words for the window and messages.
    pub fn may(self) -> &'static str {
        match self {
            Role::Viewer => "read the registry",
            Role::Coordinator => {
                "record agencies, agreements, nominees, oversight, imports and documents"
            }
            Role::Decider => {
                "record agencies, agreements, nominees, oversight, imports and documents, ICE's or CBP's decisions, and change the catalogue"
            }
        }
    }
}

/// Tables only a decider writes: decisions and the requirement catalogue.
const DECIDER_TABLES: &[&str] = &[
    "decisions",
    "requirements",
    "terms",
    "catalogue_versions",
    "shipped_changes",
];

/// Tables every writer appends to and none changes.
const APPEND_ONLY: &[&str] = &["history", "audit_log"];

/// Creates the registry in an empty database: the schema, the version, the triggers that note
/// the rows each transaction writes, and the three group roles with their grants; in one
/// transaction. Refused on a database that holds any table (a registry or anything else).
pub fn init(client: &mut Client) -> Result<()> {
    let found: i64 = client
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()",
            &[],
        )
        .map_err(db)?
        .get(0);
    if found > 0 {
        let version = version(client)?;
        return Err(StoreError::Conflict(match version {
            Some(v) => format!(
                "this database already holds a g287 registry (schema {v}); nothing was changed"
            ),
            None => format!(
                "this database holds {found} tables that are not a g287 registry; nothing was changed: create an empty database for the registry"
            ),
        }));
    }
    let mut tx = client.transaction().map_err(db)?;
    tx.batch_execute(&format!(
        "CREATE TABLE {table} (version BIGINT NOT NULL);
         INSERT INTO {table} (version) VALUES ({version});",
        table = super::history::VERSION_TABLE,
        version = newest(),
    ))
    .map_err(db)?;
    for (_, sql) in MIGRATIONS {
        tx.batch_execute(sql).map_err(db)?;
    }
    let notes = notes_and_checks(&mut tx)?;
    tx.batch_execute(&notes).map_err(db)?;
    let grants = roles_and_grants(&mut tx)?;
    tx.batch_execute(&grants).map_err(db)?;
    tx.commit().map_err(db)?;
    Ok(())
}

/// The schema version of the registry in this database, `None` when it holds none.
pub fn version(client: &mut Client) -> Result<Option<i64>> {
    let table = super::history::VERSION_TABLE;
    let present: bool = client
        .query_one(&format!("SELECT to_regclass('{table}') IS NOT NULL"), &[])
        .map_err(db)?
        .get(0);
    if !present {
        return Ok(None);
    }
    let row = client
        .query_one(&format!("SELECT max(version) FROM {table}"), &[])
        .map_err(db)?;
    Ok(row.get(0))
}

/// Grants `role` to the login `login` (created, without a password, when there is none: the
/// server's administrator sets how it authenticates), and takes any other g287 role from it,
/// so that a login has exactly one.
pub fn grant(client: &mut Client, role: Role, login: &str) -> Result<()> {
    let login_name = ident(login);
    let mut tx = client.transaction().map_err(db)?;
    let exists: bool = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
            &[&login],
        )
        .map_err(db)?
        .get(0);
    if !exists {
        tx.batch_execute(&format!("CREATE ROLE {login_name} LOGIN"))
            .map_err(db)?;
    }
    for other in Role::ALL {
        if other != role {
            tx.batch_execute(&format!("REVOKE {} FROM {login_name}", other.group()))
                .map_err(db)?;
        }
    }
    tx.batch_execute(&format!("GRANT {} TO {login_name}", role.group()))
        .map_err(db)?;
    tx.commit().map_err(db)?;
    Ok(())
}

/// The role of the login of this session: the highest g287 role it holds; the owner of the
/// registry's tables (who ran `admin init`) may do everything a decider may.
pub fn role_of_session(client: &mut Client) -> Result<Option<Role>> {
    let row = client
        .query_one(
            "SELECT pg_has_role(session_user, 'g287_decider', 'USAGE')
                 OR (SELECT tableowner = session_user FROM pg_tables
                     WHERE schemaname = current_schema() AND tablename = 'history'),
                    pg_has_role(session_user, 'g287_coordinator', 'USAGE'),
                    pg_has_role(session_user, 'g287_viewer', 'USAGE')",
            &[],
        )
        .map_err(db)?;
    let (decider, coordinator, viewer): (Option<bool>, bool, bool) =
        (row.get(0), row.get(1), row.get(2));
    Ok(if decider == Some(true) {
        Some(Role::Decider)
    } else if coordinator {
        Some(Role::Coordinator)
    } else if viewer {
        Some(Role::Viewer)
    } else {
        None
    })
}

/// The triggers noting each written row for the history ([`super::history`]), one function per
/// table naming its row id, and the check that a history entry names the role logged in.
fn notes_and_checks(tx: &mut postgres::Transaction<'_>) -> Result<String> {
    let touched = super::history::TOUCHED;
    let mut sql = String::new();
    for (table, key) in tracked_with_keys(tx)? {
        let function = format!("g287_note_{table}");
        sql.push_str(&format!(
            "CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $f$
             BEGIN
                 IF to_regclass('pg_temp.{touched}') IS NOT NULL THEN
                     IF TG_OP = 'DELETE' THEN
                         INSERT INTO pg_temp.{touched} (tbl, id) VALUES ('{table}', OLD.{key});
                     ELSE
                         INSERT INTO pg_temp.{touched} (tbl, id) VALUES ('{table}', NEW.{key});
                     END IF;
                 END IF;
                 RETURN NULL;
             END $f$;
             CREATE TRIGGER g287_note AFTER INSERT OR UPDATE OR DELETE ON {name}
                 FOR EACH ROW EXECUTE FUNCTION {function}();\n",
            name = ident(&table),
            key = ident(&key),
        ));
    }
    sql.push_str(
        "CREATE FUNCTION g287_history_author() RETURNS trigger LANGUAGE plpgsql AS $f$
         BEGIN
             -- The registry's owner (who could drop this check anyway) loads whole histories:
             -- a copy from a file, a pg_restore.
             IF session_user::text = (SELECT tableowner::text FROM pg_tables
                                      WHERE schemaname = TG_TABLE_SCHEMA AND tablename = 'history')
                OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
                 RETURN NEW;
             END IF;
             IF NEW.who IS DISTINCT FROM session_user::text
                AND right(NEW.who, length(session_user::text) + 2) IS DISTINCT FROM '(' || session_user::text || ')' THEN
                 RAISE EXCEPTION 'a history entry must name the role logged in (%), not %', session_user, NEW.who
                     USING ERRCODE = 'insufficient_privilege';
             END IF;
             RETURN NEW;
         END $f$;
         CREATE TRIGGER g287_history_author BEFORE INSERT ON history
             FOR EACH ROW EXECUTE FUNCTION g287_history_author();\n",
    );
    Ok(sql)
}

/// Every table the history covers with the column that is its row id.
fn tracked_with_keys(tx: &mut postgres::Transaction<'_>) -> Result<Vec<(String, String)>> {
    let rows = tx
        .query(
            "SELECT t.table_name::text,
                    CASE WHEN EXISTS (SELECT 1 FROM information_schema.columns c
                                      WHERE c.table_schema = t.table_schema
                                        AND c.table_name = t.table_name AND c.column_name = 'rowid')
                         THEN 'rowid'
                         ELSE (SELECT a.attname::text FROM pg_index i
                               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                               WHERE i.indrelid = format('%I', t.table_name)::regclass AND i.indisprimary
                               LIMIT 1)
                    END
             FROM information_schema.tables t
             WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
               AND t.table_name NOT IN ('history', 'document_contents', 'g287_schema')
             ORDER BY 1",
            &[],
        )
        .map_err(db)?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}

/// The three group roles (created when the server has none yet) and their grants on this
/// registry's tables.
fn roles_and_grants(tx: &mut postgres::Transaction<'_>) -> Result<String> {
    let tables: Vec<String> = tx
        .query(
            "SELECT table_name::text FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
             ORDER BY 1",
            &[],
        )
        .map_err(db)?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let mut sql = String::new();
    for role in Role::ALL {
        sql.push_str(&format!(
            "DO $r$ BEGIN
                 IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{group}') THEN
                     CREATE ROLE {group} NOLOGIN;
                 END IF;
             END $r$;\n",
            group = role.group()
        ));
    }
    sql.push_str(
        "GRANT g287_viewer TO g287_coordinator;
         GRANT g287_coordinator TO g287_decider;
         GRANT USAGE ON SCHEMA public TO g287_viewer;
         GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO g287_coordinator;\n",
    );
    for table in &tables {
        let name = ident(table);
        sql.push_str(&format!("GRANT SELECT ON {name} TO g287_viewer;\n"));
        let writer = if DECIDER_TABLES.contains(&table.as_str()) {
            "g287_decider"
        } else {
            "g287_coordinator"
        };
        let what = if APPEND_ONLY.contains(&table.as_str()) {
            "INSERT"
        } else if table == super::history::VERSION_TABLE {
            continue;
        } else {
            "INSERT, UPDATE, DELETE"
        };
        sql.push_str(&format!("GRANT {what} ON {name} TO {writer};\n"));
    }
    Ok(sql)
}

/// A name as an SQL identifier.
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn db(e: postgres::Error) -> StoreError {
    super::classify(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_schema_is_the_sqlite_schema_version() {
        assert_eq!(newest(), crate::store::schema_version());
    }

    #[test]
    fn roles_are_named_as_typed() {
        assert_eq!(Role::parse(" Coordinator "), Some(Role::Coordinator));
        assert_eq!(Role::parse("admin"), None);
        assert!(Role::Viewer < Role::Decider);
    }
}
