//! `g287 sign`, `g287 attest` and `g287 claim`: the MOA's two signatures, the coordinator's
//! record of an obligation the checklist cannot judge from anything else, and claims of U.S.
//! citizenship with the time ICE was told.

use std::io::Write;

use super::{Command, Exit, Failure};
use crate::domain::agreement::{MoaSigning, Signature};
use crate::domain::claims::{ClaimDetails, TIME, parse_time};
use crate::domain::{Attestation, parse_date};
use crate::registry::Location;
use crate::registry::Registry;

/// Runs `sign`, `attest` or `claim`.
pub fn run(at: &Location, command: Command, out: &mut dyn Write) -> Result<Exit, Failure> {
    let io = Failure::output;
    match command {
        Command::Sign {
            agreement,
            agency_signer,
            agency_title,
            agency_date,
            component_signer,
            component_title,
            component_date,
            template_year,
            addenda,
        } => {
            let registry = Registry::open_at(at)?;
            let current = registry.agreement(agreement)?;
            let agency = signature(
                "agency",
                agency_signer,
                agency_title,
                agency_date,
                current.signing.agency,
            )?;
            let component = signature(
                "component",
                component_signer,
                component_title,
                component_date,
                current.signing.component,
            )?;
            let signing = MoaSigning {
                agency,
                component,
                template_year: template_year.or(current.signing.template_year),
                addenda: addenda.or(current.signing.addenda),
            };
            let status = registry.sign(agreement, &signing)?;
            match signing.in_effect_on() {
                Some(on) => writeln!(
                    out,
                    "signatures recorded: the MOA of agreement {agreement} took effect on {on}; the agreement is {status}"
                ),
                None => writeln!(
                    out,
                    "signature recorded: agreement {agreement} awaits the other party's signature; it is {status}"
                ),
            }
            .map_err(io)?;
            Ok(Exit::Done)
        }
        Command::Attest {
            agreement,
            requirement,
            met,
            date,
            evidence,
        } => {
            let met = match met.trim().to_lowercase().as_str() {
                "yes" | "y" | "true" => true,
                "no" | "n" | "false" => false,
                _ => {
                    return Err(Failure::bad_input(format!(
                        "--met {met:?}: give yes or no; nothing was written"
                    )));
                }
            };
            let on = parse_date(&date).ok_or_else(|| {
                Failure::bad_input(format!(
                    "--date {date:?}: give a date as YYYY-MM-DD; nothing was written"
                ))
            })?;
            let registry = Registry::open_at(at)?;
            let attestation = Attestation {
                requirement_id: requirement.clone(),
                met,
                on,
                note: evidence.filter(|e| !e.trim().is_empty()),
                recorded_by: None,
            };
            registry.attest(agreement, &attestation)?;
            writeln!(
                out,
                "recorded: {requirement} {} on {on} for agreement {agreement}",
                if met { "in place" } else { "missing" }
            )
            .map_err(io)?;
            Ok(Exit::Done)
        }
        Command::Claim {
            agreement,
            id,
            claimed_at,
            reported_at,
            note,
        } => {
            let time = |flag: &str, raw: &str| {
                parse_time(raw).ok_or_else(|| {
                    Failure::bad_input(format!(
                        "--{flag} {raw:?}: give a time as \"YYYY-MM-DD HH:MM\"; nothing was written"
                    ))
                })
            };
            let details = ClaimDetails {
                claimed_at: Some(time("claimed-at", &claimed_at)?),
                reported_at: reported_at
                    .as_deref()
                    .map(|r| time("reported-at", r))
                    .transpose()?,
                note,
            };
            let (id, term) = Registry::open_at(at)?.claim(agreement, id, &details)?;
            write!(out, "claim {id} recorded for agreement {agreement}").map_err(io)?;
            match (
                details.reported_late(term.as_ref()),
                details.report_due(term.as_ref()),
            ) {
                (Some(true), Some(due)) => {
                    write!(out, "; reported late (due by {})", due.format(TIME))
                }
                (Some(false), _) => write!(out, "; reported in time"),
                (None, Some(due)) => write!(out, "; ICE to be told by {}", due.format(TIME)),
                (_, None) => write!(out, "; this model's MOA sets no time limit"),
            }
            .map_err(io)?;
            writeln!(out).map_err(io)?;
            Ok(Exit::Done)
        }
        _ => Err(Failure::bad_input(
            "only sign, attest and claim are recorded here",
        )),
    }
}

/// One party's signature from its three flags, or the one recorded when none is given. All
/// three or none: a signature without its date cannot say when the MOA took effect.
fn signature(
    party: &str,
    name: Option<String>,
    title: Option<String>,
    date: Option<String>,
    recorded: Option<Signature>,
) -> Result<Option<Signature>, Failure> {
    match (name, title, date) {
        (None, None, None) => Ok(recorded),
        (Some(name), Some(title), Some(date)) => {
            let on = parse_date(&date).ok_or_else(|| {
                Failure::bad_input(format!(
                    "--{party}-date {date:?}: give a date as YYYY-MM-DD; nothing was written"
                ))
            })?;
            Ok(Some(Signature { name, title, on }))
        }
        _ => Err(Failure::bad_input(format!(
            "give --{party}-signer, --{party}-title and --{party}-date together; nothing was written"
        ))),
    }
}
