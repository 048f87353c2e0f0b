//! `g287 verify`: SQLite's integrity check, the whole audit chain, and, given `--head`, an
//! anchor kept outside the database.

use serde::Serialize;
use std::io::Write;

use super::commands::json;
use super::{Exit, Failure, Format};
use crate::registry::Location;
use crate::registry::{ChainHead, Registry, Verification, Verified};

/// What `verify --format json` prints.
#[derive(Serialize)]
struct Outcome<'a> {
    /// Everything checked out, the anchor included.
    ok: bool,
    #[serde(flatten)]
    verification: &'a Verification,
    /// The `--head` given and what was found of it.
    anchor: Option<Anchor>,
}

/// An anchor given with `--head`.
#[derive(Serialize)]
struct Anchor {
    /// As given, normalised (`N:HASH`).
    head: ChainHead,
    /// What differs; `None` when the history holds it unchanged.
    problem: Option<String>,
}

/// Runs `g287 verify [--head N:HASH] [--format table|json]`.
pub fn run(
    at: &Location,
    head: Option<&str>,
    format: Format,
    out: &mut dyn Write,
) -> Result<Exit, Failure> {
    let anchor = head
        .map(|text| {
            ChainHead::parse(text).ok_or_else(|| {
                Failure::bad_input(format!(
                    "--head {text:?}: give the chain head as N:HASH, an entry number and its \
                     64-digit SHA-256, as exports, reports and backups print it"
                ))
            })
        })
        .transpose()?;
    let found: Verified = Registry::open_at(at)?.verify(anchor)?;
    let ok = found.ok();
    let v = found.verification;
    let anchor = found.anchor.map(|(head, problem)| Anchor { head, problem });
    let io = Failure::output;
    match format {
        Format::Json => json(
            out,
            &Outcome {
                ok,
                verification: &v,
                anchor,
            },
        )
        .map_err(io)?,
        Format::Table => {
            if !v.integrity_ok {
                writeln!(
                    out,
                    "integrity check FAILED: {}",
                    v.integrity_messages.join("; ")
                )
                .map_err(io)?;
            }
            match (&v.first_bad, &v.first_difference) {
                (Some(bad), _) => writeln!(
                    out,
                    "history BROKEN at entry {}: {}",
                    bad.seq, bad.problem
                )
                .map_err(io)?,
                (None, Some(difference)) => writeln!(
                    out,
                    "registry CHANGED outside g287: {}",
                    v.difference_in_words(difference)
                )
                .map_err(io)?,
                (None, None) if v.integrity_ok && v.document_problems.is_empty() => writeln!(
                    out,
                    "ok: {}history of {} entries intact; replayed, it gives all {} rows of the registry; {} documents hash as recorded",
                    if v.on_server {
                        ""
                    } else {
                        "integrity check passed; "
                    },
                    v.entries,
                    v.rows_proven,
                    v.documents_proven
                )
                .map_err(io)?,
                (None, None) => {}
            }
            for problem in &v.document_problems {
                writeln!(
                    out,
                    "documents DIFFER from their history: {}",
                    problem.in_words()
                )
                .map_err(io)?;
            }
            match &anchor {
                Some(Anchor {
                    head,
                    problem: None,
                }) => writeln!(
                    out,
                    "ok: the history still holds entry {} as anchored ({head})",
                    head.seq
                )
                .map_err(io)?,
                Some(Anchor {
                    problem: Some(problem),
                    ..
                }) => writeln!(out, "anchor FAILED: {problem}").map_err(io)?,
                None => {}
            }
            if let Some(head) = &v.head {
                writeln!(out, "chain head: {head} (keep it outside the database; check it later with g287 verify --head {head})")
                    .map_err(io)?;
            }
        }
    }
    Ok(if ok { Exit::Done } else { Exit::VerifyFailed })
}
