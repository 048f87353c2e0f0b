//! Carrying out each command against the store.

use std::io::Write;

use super::{Command, Exit, Failure, Format, table};
use crate::domain::{Component, DecisionDraft, Model, Outcome, State, Status, parse_date};
use crate::registry::Location;
use crate::registry::{AgencyOverview, Registry};

/// Runs one command on the database in `at`, printing to `out`.
pub fn run(at: &Location, command: Command, out: &mut dyn Write) -> Result<Exit, Failure> {
    let io = Failure::output;
    match command {
        Command::Demo { agencies, seed } => {
            if agencies == 0 || agencies > 100_000 {
                return Err(Failure::bad_input(format!(
                    "--agencies {agencies}: give a number from 1 to 100000"
                )));
            }
            let registry = Registry::open_at(at)?;
            let s = registry.demo(agencies, seed)?;
            writeln!(
                out,
                "demo data in {}: {} agencies, {} agreements, {} nominees, {} decisions, {} complaints",
                registry.database().display(),
                s.agencies,
                s.agreements,
                s.nominees,
                s.decisions,
                s.complaints
            )
            .map_err(io)?;
            Ok(Exit::Done)
        }
        Command::Agencies {
            state,
            model,
            status,
            format,
        } => {
            let filter = Filter::parse(state.as_deref(), model.as_deref(), status.as_deref())?;
            let rows: Vec<AgencyOverview> = Registry::open_at(at)?
                .agencies()?
                .into_iter()
                .filter(|a| filter.keeps(a))
                .collect();
            match format {
                Format::Json => json(out, &rows).map_err(io)?,
                Format::Table => {
                    let body: Vec<Vec<String>> = rows
                        .iter()
                        .map(|a| {
                            vec![
                                a.agency.id.to_string(),
                                a.agency.details.state.code().to_string(),
                                a.agency.details.name.clone(),
                                a.agency.details.kind.label().to_string(),
                                a.agreements
                                    .iter()
                                    .map(|g| {
                                        format!(
                                            "{} {} {}",
                                            g.agreement.model,
                                            g.agreement.component,
                                            g.agreement.status
                                        )
                                    })
                                    .collect::<Vec<_>>()
                                    .join("; "),
                            ]
                        })
                        .collect();
                    table::write(out, &["ID", "STATE", "AGENCY", "TYPE", "AGREEMENTS"], &body)
                        .map_err(io)?;
                    writeln!(out, "{} agencies", rows.len()).map_err(io)?;
                }
            }
            Ok(Exit::Done)
        }
        Command::Check { agency, format } => {
            let checks = Registry::open_at(at)?.check(agency)?;
            match format {
                Format::Json => json(out, &checks).map_err(io)?,
                Format::Table => {
                    for c in &checks {
                        writeln!(
                            out,
                            "agreement {} — {} ({}) {} {} {}: {} of {} requirements not met, {} with no record",
                            c.agreement,
                            c.agency_name,
                            c.state,
                            c.model,
                            c.component,
                            c.status,
                            c.tally().not_met,
                            c.requirements.len(),
                            c.tally().no_record
                        )
                        .map_err(io)?;
                        let rows: Vec<Vec<String>> = c
                            .requirements
                            .iter()
                            .map(|r| {
                                vec![
                                    format!("  {}", r.id),
                                    r.status.code().to_string(),
                                    r.reason.clone(),
                                ]
                            })
                            .collect();
                        table::write(out, &["  REQUIREMENT", "STATUS", "REASON"], &rows)
                            .map_err(io)?;
                    }
                }
            }
            Ok(Exit::Done)
        }
        Command::Decide {
            agreement,
            component,
            outcome,
            date,
            official,
            grounds,
            override_justification,
            until,
        } => {
            let component = Component::parse(&component).ok_or_else(|| {
                Failure::bad_input(format!(
                    "--component {component:?}: give ice or cbp; nothing was written"
                ))
            })?;
            let outcome = Outcome::parse(&outcome).ok_or_else(|| {
                Failure::bad_input(format!(
                    "--outcome {outcome:?}: give accepted, declined, withdrawn, suspended or terminated; nothing was written"
                ))
            })?;
            let decided_on = parse_date(&date).ok_or_else(|| {
                Failure::bad_input(format!(
                    "--date {date:?}: give a date as YYYY-MM-DD; nothing was written"
                ))
            })?;
            let suspended_until = until
                .map(|u| {
                    parse_date(&u).ok_or_else(|| {
                        Failure::bad_input(format!(
                            "--until {u:?}: give a date as YYYY-MM-DD; nothing was written"
                        ))
                    })
                })
                .transpose()?;
            let registry = Registry::open_at(at)?;
            let draft = DecisionDraft {
                agreement_id: agreement,
                component,
                outcome,
                decided_on,
                official,
                grounds: grounds.filter(|g| !g.trim().is_empty()),
                override_justification: override_justification.filter(|o| !o.trim().is_empty()),
                suspended_until,
            };
            let recorded = registry.decide(&draft)?;
            write!(
                out,
                "decision {} recorded: agreement {agreement} is now {}",
                recorded.id, recorded.status
            )
            .map_err(io)?;
            if !recorded.waived.is_empty() {
                write!(out, "; override waives {}", recorded.waived.join(", ")).map_err(io)?;
            }
            writeln!(out).map_err(io)?;
            Ok(Exit::Done)
        }
        Command::History { agency, format } => {
            let entries = Registry::open_at(at)?.history(agency)?;
            match format {
                Format::Json => json(out, &entries).map_err(io)?,
                Format::Table => {
                    let rows: Vec<Vec<String>> = entries
                        .iter()
                        .map(|e| {
                            vec![
                                e.seq.to_string(),
                                e.when(),
                                e.who.clone(),
                                e.record(),
                                e.action.clone(),
                                e.changes_in_words(),
                            ]
                        })
                        .collect();
                    table::write(
                        out,
                        &["SEQ", "WHEN (UTC)", "WHO", "RECORD", "ACTION", "CHANGES"],
                        &rows,
                    )
                    .map_err(io)?;
                }
            }
            Ok(Exit::Done)
        }
        Command::Verify { head, format } => super::verify::run(at, head.as_deref(), format, out),
        Command::Import {
            files,
            list,
            as_of,
            dry_run,
            format,
        } => super::import::run(
            at,
            &files,
            list.as_deref(),
            as_of.as_deref(),
            dry_run,
            format,
            out,
        ),
        Command::Backup { file } => {
            let head = Registry::open_at(at)?.backup(&file)?;
            writeln!(out, "backup written to {}", file.display()).map_err(io)?;
            if let Some(head) = head {
                writeln!(out, "{}", head.in_words()).map_err(io)?;
            }
            Ok(Exit::Done)
        }
        Command::Admin { action } => super::team::admin(at, action, out),
        Command::Copy { to } => super::team::copy(at, &to, out),
        Command::Restore { file } => {
            if at.server.is_some() {
                return Err(Failure::bad_input(
                    "a registry on a server is restored by the server (pg_restore into an empty database, then `g287 verify`): see the README; nothing was changed",
                ));
            }
            let r = Registry::restore_in(&at.data_dir, &file)?;
            writeln!(
                out,
                "restored {}; the database it replaced is kept at {}; audit chain of {} entries intact",
                file.display(),
                r.replaced_kept_at.display(),
                r.verification.entries
            )
            .map_err(io)?;
            Ok(Exit::Done)
        }
        Command::Review { format } => super::import::review(at, format, out),
        Command::Attach {
            on,
            file,
            role,
            format,
        } => super::documents::attach(at, &on, &file, role.as_deref(), format, out),
        Command::AttachMoas { dir, format } => super::documents::attach_moas(at, &dir, format, out),
        Command::Documents { on, format } => super::documents::list(at, &on, format, out),
        Command::Document {
            id,
            open,
            save,
            remove,
            yes,
        } => super::documents::document(
            at,
            id,
            super::documents::DocumentAction {
                open,
                save: save.as_deref(),
                remove,
                yes,
            },
            out,
        ),
        Command::MoaChecks { format } => super::documents::checks(at, format, out),
        Command::MoaCheck {
            id,
            accept,
            dismiss,
        } => super::documents::settle(at, id, accept, dismiss.as_deref(), out),
        Command::AgenciesReference { file } => super::national::refresh(at, &file, out),
        Command::Links { format } => super::national::in_review(at, format, out),
        Command::Link {
            agency,
            ori,
            none,
            undo,
            reason,
        } => super::national::decide(at, agency, ori, none, undo, reason, out),
        command @ (Command::Sign { .. } | Command::Attest { .. } | Command::Claim { .. }) => {
            super::records::run(at, command, out)
        }
        command @ Command::Term { .. } => super::catalogue::edit_term(at, command, out),
        Command::Catalogue { version, format } => super::catalogue::run(at, version, format, out),
        Command::Calendar {
            overdue,
            kind,
            state,
            within,
            request_days,
            format,
        } => {
            let filter = super::calendar::CalendarFilter::parse(
                overdue,
                kind.as_deref(),
                state.as_deref(),
                within,
            )?;
            super::calendar::run(at, &filter, request_days, format, out)
        }
        Command::Report {
            agency,
            since,
            out: file,
            force,
            ..
        } => super::report::run(at, agency, since.as_deref(), &file, force, out),
        Command::Export {
            format,
            out: file,
            state,
            model,
            status,
        } => {
            let filter = Filter::parse(state.as_deref(), model.as_deref(), status.as_deref())?;
            super::export::run(at, &format, &file, &filter, out)
        }
    }
}

/// Writes a value as pretty JSON.
pub fn json<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// The `--state`, `--model` and `--status` filters of listings and exports.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only this state.
    pub state: Option<State>,
    /// Only agencies with an agreement of this model.
    pub model: Option<Model>,
    /// Only agencies with an agreement in this status.
    pub status: Option<Status>,
}

impl Filter {
    /// Validates the flags.
    pub fn parse(
        state: Option<&str>,
        model: Option<&str>,
        status: Option<&str>,
    ) -> Result<Filter, Failure> {
        Ok(Filter {
            state: state
                .map(|s| {
                    State::parse(s).ok_or_else(|| {
                        Failure::bad_input(format!(
                            "--state {s:?}: not a U.S. state, DC or territory"
                        ))
                    })
                })
                .transpose()?,
            model: model
                .map(|m| {
                    Model::parse(m).ok_or_else(|| {
                        Failure::bad_input(format!("--model {m:?}: give jem, tfm or wso"))
                    })
                })
                .transpose()?,
            status: status
                .map(|s| {
                    Status::parse(s).ok_or_else(|| {
                        let all: Vec<_> = Status::ALL.iter().map(|s| s.code()).collect();
                        Failure::bad_input(format!(
                            "--status {s:?}: give one of {}",
                            all.join(", ")
                        ))
                    })
                })
                .transpose()?,
        })
    }

    /// Whether an agency passes: its state matches, and one agreement matches both model and
    /// status when those are given.
    pub fn keeps(&self, a: &AgencyOverview) -> bool {
        self.state.is_none_or(|s| a.agency.details.state == s)
            && (self.model.is_none() && self.status.is_none()
                || a.agreements.iter().any(|g| {
                    self.model.is_none_or(|m| g.agreement.model == m)
                        && self.status.is_none_or(|s| g.agreement.status == s)
                }))
    }
}
