//! `g287 attach`, `attach-moas`, `documents`, `document`, `moa-checks` and `moa-check`:
//! documents kept with the record, ICE's MOAs in bulk, and what an MOA's reading left for
//! review.

use clap::Args as ClapArgs;
use std::io::Write;
use std::path::Path;

use super::commands::json;
use super::{Exit, Failure, Format, table};
use crate::documents::{Subject, reading_in_words, size_in_words};
use crate::registry::Location;
use crate::registry::Registry;
use crate::registry::documents::AttachOutcome;

/// The record a document belongs to: exactly one of the flags.
#[derive(Debug, Clone, ClapArgs)]
#[group(required = true, multiple = false)]
pub struct SubjectArgs {
    /// An agreement's id.
    #[arg(long)]
    agreement: Option<i64>,
    /// A nominee's id.
    #[arg(long)]
    nominee: Option<i64>,
    /// A decision's id.
    #[arg(long)]
    decision: Option<i64>,
    /// A complaint's id.
    #[arg(long)]
    complaint: Option<i64>,
    /// A steering meeting's id.
    #[arg(long)]
    meeting: Option<i64>,
}

impl SubjectArgs {
    /// The record named.
    fn subject(&self) -> (Subject, i64) {
        [
            (Subject::Agreement, self.agreement),
            (Subject::Nominee, self.nominee),
            (Subject::Decision, self.decision),
            (Subject::Complaint, self.complaint),
            (Subject::Meeting, self.meeting),
        ]
        .into_iter()
        .find_map(|(s, id)| id.map(|id| (s, id)))
        .unwrap_or((Subject::Agreement, 0))
    }
}

/// Runs `g287 attach --agreement ID FILE [--role moa]`.
pub fn attach(
    at: &Location,
    on: &SubjectArgs,
    file: &Path,
    role: Option<&str>,
    format: Format,
    out: &mut dyn Write,
) -> Result<Exit, Failure> {
    let (subject, id) = on.subject();
    let registry = Registry::open_at(at)?;
    let done = registry.attach(subject, id, file, role)?;
    let io = Failure::output;
    match format {
        Format::Json => json(out, &done).map_err(io)?,
        Format::Table => attached_in_words(&done, subject, id, out).map_err(io)?,
    }
    Ok(if done.findings.is_empty() {
        Exit::Done
    } else {
        Exit::Flagged
    })
}

fn attached_in_words(
    done: &AttachOutcome,
    subject: Subject,
    id: i64,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(
        out,
        "attached {} ({}, {}) to {subject} {id} as document {}; SHA-256 {}{}",
        done.name,
        done.kind,
        size_in_words(done.bytes),
        done.attached.id,
        done.attached.sha256,
        if done.attached.stored {
            ""
        } else {
            " (the same bytes were already kept: stored once)"
        }
    )?;
    if let Some(read) = &done.moa_read {
        writeln!(out, "MOA {}", reading_in_words(read))?;
    }
    for f in &done.findings {
        writeln!(
            out,
            "for review: {} {}: MOA says {}, registry {}",
            f.field,
            f.kind.code(),
            f.in_moa,
            f.in_registry.as_deref().unwrap_or("nothing")
        )?;
    }
    Ok(())
}

/// Runs `g287 attach-moas DIR`.
pub fn attach_moas(
    at: &Location,
    dir: &Path,
    format: Format,
    out: &mut dyn Write,
) -> Result<Exit, Failure> {
    let batch = Registry::open_at(at)?.attach_moas(dir)?;
    let io = Failure::output;
    match format {
        Format::Json => json(out, &batch).map_err(io)?,
        Format::Table => {
            for m in &batch.matched {
                writeln!(
                    out,
                    "{}: {} agreement {} of {} (by {}){}",
                    m.file,
                    m.model.to_uppercase(),
                    m.agreement,
                    m.agency,
                    m.by.replace('_', " "),
                    if m.already_attached {
                        ", already attached: kept as it was"
                    } else {
                        ""
                    }
                )
                .map_err(io)?;
                match &m.moa_read.unreadable {
                    Some(why) => writeln!(out, "    nothing read: {why}").map_err(io)?,
                    None => {
                        writeln!(out, "    read: {}", reading_in_words(&m.moa_read)).map_err(io)?
                    }
                }
            }
            for (file, why) in batch.unmatched.iter().zip(&batch.why_unmatched) {
                writeln!(out, "{file}: NOT attached: {why}").map_err(io)?;
            }
            for m in &batch.mismatches {
                writeln!(
                    out,
                    "{}: {} differs: MOA says {}, registry {} (on the Review screen)",
                    m.file,
                    m.finding.field,
                    m.finding.in_moa,
                    m.finding.in_registry.as_deref().unwrap_or("nothing")
                )
                .map_err(io)?;
            }
            writeln!(
                out,
                "{} MOAs matched ({} without text), {} not attached, {} disagreements and {} signatures to fill in for review",
                batch.matched.len(),
                batch.unreadable.len(),
                batch.unmatched.len(),
                batch.mismatches.len(),
                batch.fills
            )
            .map_err(io)?;
        }
    }
    Ok(
        if batch.unmatched.is_empty() && batch.mismatches.is_empty() {
            Exit::Done
        } else {
            Exit::Flagged
        },
    )
}

/// Runs `g287 documents --agreement ID`.
pub fn list(
    at: &Location,
    on: &SubjectArgs,
    format: Format,
    out: &mut dyn Write,
) -> Result<Exit, Failure> {
    let (subject, id) = on.subject();
    let docs = Registry::open_at(at)?.documents(subject, id)?;
    let io = Failure::output;
    match format {
        Format::Json => json(out, &docs).map_err(io)?,
        Format::Table => {
            let rows: Vec<Vec<String>> = docs
                .iter()
                .map(|d| {
                    vec![
                        d.id.to_string(),
                        d.name.clone(),
                        d.kind.clone(),
                        size_in_words(d.bytes.max(0) as u64),
                        d.sha256.clone(),
                        d.role.clone().unwrap_or_default(),
                        d.attached_at.get(..10).unwrap_or_default().to_string(),
                    ]
                })
                .collect();
            table::write(
                out,
                &["id", "name", "kind", "size", "sha256", "role", "attached"],
                &rows,
            )
            .map_err(io)?;
        }
    }
    Ok(Exit::Done)
}

/// What `g287 document ID` does with the attachment.
#[derive(Debug, Clone, Default)]
pub struct DocumentAction<'a> {
    /// Open it with the system's viewer.
    pub open: bool,
    /// Save a copy here.
    pub save: Option<&'a Path>,
    /// Remove it (needs `yes`).
    pub remove: bool,
    /// The coordinator's "yes" to a removal.
    pub yes: bool,
}

/// Runs `g287 document ID [--open | --save FILE | --remove --yes]`.
pub fn document(
    at: &Location,
    id: i64,
    action: DocumentAction<'_>,
    out: &mut dyn Write,
) -> Result<Exit, Failure> {
    let registry = Registry::open_at(at)?;
    let io = Failure::output;
    if action.remove {
        let d = registry.document(id)?;
        if !action.yes {
            return Err(Failure::bad_input(format!(
                "removing {} from {} {} is recorded in the history and cannot be undone: add --yes to remove it; nothing was changed",
                d.name, d.subject, d.subject_id
            )));
        }
        let d = registry.remove_document(id)?;
        writeln!(
            out,
            "removed {} from {} {}; its bytes (SHA-256 {}) stay in the registry and the history records the removal",
            d.name, d.subject, d.subject_id, d.sha256
        )
        .map_err(io)?;
    } else if let Some(dest) = action.save {
        let d = registry.save_document(id, dest)?;
        writeln!(out, "saved a copy of {} to {}", d.name, dest.display()).map_err(io)?;
    } else if action.open {
        let file = registry.document_to_view(id)?;
        open::that_detached(&file).map_err(|e| Failure {
            exit: Exit::Unusable,
            message: format!("{}: no viewer could open it: {e}", file.display()),
        })?;
        writeln!(out, "opened {}", file.display()).map_err(io)?;
    } else {
        let d = registry.document(id)?;
        json(out, &d).map_err(io)?;
    }
    Ok(Exit::Done)
}

/// Runs `g287 moa-checks`.
pub fn checks(at: &Location, format: Format, out: &mut dyn Write) -> Result<Exit, Failure> {
    let checks = Registry::open_at(at)?.moa_checks()?;
    let io = Failure::output;
    match format {
        Format::Json => json(out, &checks).map_err(io)?,
        Format::Table => {
            let rows: Vec<Vec<String>> = checks
                .iter()
                .map(|c| {
                    vec![
                        c.id.to_string(),
                        format!("{} ({})", c.agency, c.state),
                        c.model.to_uppercase(),
                        c.document.clone(),
                        c.field.clone(),
                        c.kind.clone(),
                        c.in_moa.clone(),
                        c.in_registry.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            table::write(
                out,
                &[
                    "id",
                    "agency",
                    "model",
                    "document",
                    "field",
                    "kind",
                    "in MOA",
                    "in registry",
                ],
                &rows,
            )
            .map_err(io)?;
        }
    }
    Ok(Exit::Done)
}

/// Runs `g287 moa-check ID (--accept | --dismiss REASON)`.
pub fn settle(
    at: &Location,
    id: i64,
    accept: bool,
    dismiss: Option<&str>,
    out: &mut dyn Write,
) -> Result<Exit, Failure> {
    let open = Registry::open_at(at)?.settle_moa_check(id, accept, dismiss)?;
    writeln!(
        out,
        "MOA check {id} {}; {} still open",
        if accept {
            "accepted: the signature read from the MOA is recorded"
        } else {
            "dismissed"
        },
        open.len()
    )
    .map_err(Failure::output)?;
    Ok(Exit::Done)
}
