//! `g287 admin` and `g287 copy`: a team's registry on a PostgreSQL server.

use std::io::Write;

use super::{AdminAction, Exit, Failure};
use crate::registry::{Location, Registry};
use crate::store::postgres::schema::Role;

/// `g287 admin init` and `g287 admin grant ROLE LOGIN`.
pub fn admin(at: &Location, action: AdminAction, out: &mut dyn Write) -> Result<Exit, Failure> {
    let io = Failure::output;
    let Some(server) = &at.server else {
        return Err(Failure::bad_input(
            "g287 admin works on a team's server: name its database with --database postgres://... or G287_DATABASE",
        ));
    };
    let shown = crate::store::postgres::open::shown(server);
    match action {
        AdminAction::Init => {
            let registry = Registry::create_on_server(at)?;
            let (agencies, _) = registry.counts()?;
            writeln!(
                out,
                "registry created in {shown} by {}: roles g287_viewer, g287_coordinator and g287_decider with their grants; {agencies} agencies. Give each coordinator a login: g287 admin grant ROLE LOGIN",
                registry.author()
            )
            .map_err(io)?;
        }
        AdminAction::Grant { role, login } => {
            let Some(role) = Role::parse(&role) else {
                return Err(Failure::bad_input(format!(
                    "{role}: not a g287 role; give viewer, coordinator or decider"
                )));
            };
            if login.trim().is_empty() {
                return Err(Failure::bad_input("give the login to grant the role to"));
            }
            Registry::grant_on_server(at, role, login.trim())?;
            writeln!(
                out,
                "{} is a {} of the registry in {shown}: may {}",
                login.trim(),
                role.name(),
                role.may()
            )
            .map_err(io)?;
        }
    }
    Ok(Exit::Done)
}

/// `g287 copy --to DESTINATION`.
pub fn copy(at: &Location, to: &str, out: &mut dyn Write) -> Result<Exit, Failure> {
    let registry = Registry::open_at(at)?;
    let copied = registry.copy_to(to)?;
    let shown = crate::store::postgres::open::shown(to);
    writeln!(
        out,
        "copied {} rows of {} tables to {shown}; both verify, and their history ends at the same entry{}",
        copied.rows,
        copied.tables,
        copied
            .head
            .map(|h| format!(": {}", h.in_words()))
            .unwrap_or_default()
    )
    .map_err(Failure::output)?;
    Ok(Exit::Done)
}
