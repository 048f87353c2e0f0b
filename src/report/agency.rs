//! The compliance report of one agency: its details, then for each agreement its lifecycle,
//! requirement checklist with reasons, nominees, oversight and decisions, then its history.

use chrono::NaiveDate;

use super::document::{Cell, Document};
use crate::domain::calendar::DeadlineKind;
use crate::domain::{AgencyId, Background, CheckStatus, MoaPosting};
use crate::store::AuditEntry;
use crate::store::detail::AgreementDetail;
use crate::store::report::AgencyReport;

fn date(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "—".to_string(), |d| d.to_string())
}

fn yes_no(v: Option<bool>) -> String {
    match v {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => "not recorded".into(),
    }
}

/// The class that shades a check's status word.
fn status_class(s: CheckStatus) -> &'static str {
    match s {
        CheckStatus::Met => "met",
        CheckStatus::NotMet => "not-met",
        CheckStatus::NoRecord => "no-record",
        CheckStatus::NotYetDue => "not-yet-due",
        CheckStatus::Waived => "waived",
    }
}

/// The report, to render as PDF or HTML.
pub fn agency_report(r: &AgencyReport) -> Document {
    let d = &r.detail.agency.details;
    let mut page = Document::new(format!("Compliance report: {}", d.name));
    page.heading(1, &format!("Compliance report: {}", d.name));
    page.note(&format!(
        "Agency {} · checked against the requirement catalogue on {} · written by g287",
        r.detail.agency.id, r.today
    ));
    page.heading(2, "Agency");
    page.facts([
        ("State", format!("{} ({})", d.state.title(), d.state.code())),
        ("Type", d.kind.label().to_string()),
        ("County", d.county.clone().unwrap_or_else(|| "—".into())),
        (
            "ORI",
            d.ori
                .as_ref()
                .map_or_else(|| "—".to_string(), |o| o.as_str().to_string()),
        ),
        ("Runs a jail", yes_no(d.has_jail)),
        ("Contact", d.contact.clone().unwrap_or_else(|| "—".into())),
    ]);
    page.heading(2, &format!("Agreements ({})", r.detail.agreements.len()));
    if r.detail.agreements.is_empty() {
        page.paragraph("No agreement requested yet.");
    }
    for a in &r.detail.agreements {
        agreement(&mut page, a);
    }
    history(
        &mut page,
        &r.detail.history,
        r.history_total,
        r.detail.agency.id,
    );
    page
}

fn agreement(page: &mut Document, a: &AgreementDetail) {
    let g = &a.agreement;
    page.heading(
        2,
        &format!(
            "{} with {}: {} (agreement {})",
            g.model.label(),
            g.component,
            g.status,
            g.id
        ),
    );
    let signature = |s: &Option<crate::domain::agreement::Signature>| match s {
        Some(s) => s.to_string(),
        None => "not recorded".into(),
    };
    let component_signed = format!("Signed for {}", g.component);
    page.facts([
        ("Status", g.status.label().to_string()),
        ("Requested", date(g.requested_on)),
        ("Signed", date(g.signed_on)),
        ("Signed for the agency", signature(&g.signing.agency)),
        (component_signed.as_str(), signature(&g.signing.component)),
        (
            "MOA template",
            g.signing
                .template_year
                .map(|y| y.to_string())
                .unwrap_or_else(|| "—".into()),
        ),
        (
            "Addenda",
            g.signing.addenda.clone().unwrap_or_else(|| "—".into()),
        ),
        (
            "MOA posted",
            match g.moa {
                Some(MoaPosting::Posted) => "posted".into(),
                Some(MoaPosting::Pending) => "signed, not yet posted".into(),
                None => "—".into(),
            },
        ),
        (
            "MOA address",
            g.moa_url.clone().unwrap_or_else(|| "—".into()),
        ),
        ("Last on ICE's list", date(g.last_listed_on)),
    ]);

    page.heading(3, "Lifecycle");
    page.table(
        &["Date", "Change", "By", "Note"],
        a.lifecycle.iter().map(|c| {
            vec![
                Cell::from(c.on.to_string()),
                Cell::from(match c.from {
                    Some(from) => format!("{from} → {}", c.to),
                    None => format!("Created as {}", c.to),
                }),
                Cell::from(c.by.clone()),
                Cell::from(c.note.clone().unwrap_or_default()),
            ]
        }),
    );

    let tally = crate::domain::check::Tally::of(&a.checks);
    page.heading(3, "Requirements");
    page.note(&format!(
        "{} not met · {} with no record, of {} · catalogue version {}",
        tally.not_met,
        tally.no_record,
        a.checks.len(),
        a.catalogue_version
    ));
    page.table(
        &["Status", "Requirement", "Reason", "Id", "Source"],
        a.checks.iter().map(|c| {
            vec![
                Cell::with_class(c.status.to_string(), status_class(c.status)),
                Cell::from(c.title.to_string()),
                Cell::from(c.reason.clone()),
                Cell::from(c.id.to_string()),
                Cell::from(c.source.to_string()),
            ]
        }),
    );

    page.heading(3, &format!("Nominees ({})", a.nominees.len()));
    if a.nominees.is_empty() {
        page.paragraph("No officer nominated.");
    } else {
        page.table(
            &[
                "Officer",
                "U.S. citizen",
                "Experience",
                "Background",
                "Discipline pending",
                "Clearance eligible",
                "Course",
                "Exams",
                "Certified",
                "Authorization ends",
                "Last refresher",
            ],
            a.nominees.iter().map(|n| {
                let d = &n.details;
                let background = match (d.background, d.background_on) {
                    (Background::NotStarted, _) | (_, None) => d.background.to_string(),
                    (b, Some(on)) => format!("{b} ({on})"),
                };
                vec![
                    Cell::from(d.name.clone()),
                    Cell::from(yes_no(d.us_citizen)),
                    Cell::from(
                        d.years_experience
                            .map_or_else(|| "—".to_string(), |y| format!("{y} years")),
                    ),
                    Cell::from(background),
                    Cell::from(yes_no(d.pending_discipline)),
                    Cell::from(yes_no(d.clearance_eligible)),
                    Cell::from(match (&d.course, d.training_completed) {
                        (Some(c), Some(on)) => format!("{c}, completed {on}"),
                        (Some(c), None) => c.clone(),
                        (None, Some(on)) => format!("completed {on}"),
                        (None, None) => "—".into(),
                    }),
                    Cell::from(d.exams_in_words()),
                    Cell::from(date(d.certified_on)),
                    Cell::from(date(d.authorization_expires)),
                    Cell::from(date(d.last_refresher)),
                ]
            }),
        );
    }

    page.heading(3, "Oversight");
    let mut oversight = vec![if a.meetings.is_empty() {
        "No oversight meeting recorded.".to_string()
    } else {
        let mut days: Vec<String> = a.meetings.iter().map(|d| d.to_string()).collect();
        days.sort();
        format!("Oversight meetings held: {}", days.join(", "))
    }];
    oversight.extend(a.attestations.iter().map(|t| {
        format!(
            "{}: recorded as {} on {}{}",
            t.requirement_id,
            if t.met { "in place" } else { "missing" },
            t.on,
            t.note
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default()
        )
    }));
    oversight.extend(a.complaints.iter().map(|c| {
        let d = &c.details;
        format!(
            "Complaint received {}: {} · ICE told {} · resolved {}{}",
            date(d.received_on),
            d.summary,
            date(d.ice_told_on),
            date(d.resolved_on),
            d.resolution
                .as_deref()
                .map(|r| format!(": {r}"))
                .unwrap_or_default()
        )
    }));
    oversight.extend(a.notices.iter().map(|n| {
        format!(
            "Notice of termination given {} by {}, takes effect {}{}",
            n.given_on,
            n.given_by.to_string().to_lowercase(),
            n.takes_effect(a.term(DeadlineKind::TerminationTakesEffect, Some(n.given_by)))
                .map(|d| d.to_string())
                .unwrap_or_else(|| "when the coordinator records it (no term set)".into()),
            n.note
                .as_deref()
                .map(|x| format!(" ({x})"))
                .unwrap_or_default()
        )
    }));
    page.list(oversight);

    documents(page, a);

    page.heading(3, &format!("Decisions ({})", a.decisions.len()));
    if a.decisions.is_empty() {
        page.paragraph("No decision recorded.");
    } else {
        page.table(
            &[
                "Date",
                "Component",
                "Outcome",
                "Official",
                "Grounds",
                "Override",
                "Waived",
                "Catalogue version",
                "Recorded by",
            ],
            a.decisions.iter().map(|d| {
                vec![
                    Cell::from(d.draft.decided_on.to_string()),
                    Cell::from(d.draft.component.to_string()),
                    Cell::from(d.draft.outcome.to_string()),
                    Cell::from(d.draft.official.clone()),
                    Cell::from(d.draft.grounds.clone().unwrap_or_default()),
                    Cell::from(d.draft.override_justification.clone().unwrap_or_default()),
                    // By title, with the id the checklist's table also gives.
                    Cell::from(
                        d.waived
                            .iter()
                            .map(|id| format!("{} ({id})", a.requirement_title(id)))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                    Cell::number(d.catalogue_version),
                    Cell::from(d.recorded_by.clone()),
                ]
            }),
        );
    }
}

/// The documents kept with the agreement and its records, each with its SHA-256 (the bytes a
/// reader can check a copy against), and what was read from an MOA.
fn documents(page: &mut Document, a: &AgreementDetail) {
    page.heading(3, &format!("Documents ({})", a.documents.len()));
    if a.documents.is_empty() {
        page.paragraph("No document kept with this agreement.");
        return;
    }
    page.table(
        &[
            "Document",
            "Attached to",
            "Kind",
            "Size",
            "SHA-256",
            "Attached",
        ],
        a.documents.iter().map(|d| {
            vec![
                Cell::from(match d.role.as_deref() {
                    Some("moa") => format!("{} (signed MOA)", d.name),
                    _ => d.name.clone(),
                }),
                Cell::from(format!("{} {}", d.subject, d.subject_id)),
                Cell::from(d.kind.clone()),
                Cell::from(crate::documents::size_in_words(d.bytes.max(0) as u64)),
                Cell::from(d.sha256.clone()),
                Cell::from(format!(
                    "{} by {}",
                    d.attached_at.get(..10).unwrap_or_default(),
                    d.attached_by
                )),
            ]
        }),
    );
    for d in &a.documents {
        if let Some(read) = &d.moa_read {
            page.note(&format!(
                "{}: {}",
                d.name,
                crate::documents::reading_in_words(read)
            ));
        }
    }
}

fn history(page: &mut Document, entries: &[AuditEntry], total: usize, agency: AgencyId) {
    page.heading(2, "History");
    if entries.len() < total {
        page.note(&format!(
            "The newest {} of {total} entries; {} older ones are left out (`g287 history --agency {agency}` lists them all).",
            entries.len(),
            total - entries.len()
        ));
    } else {
        page.note(&format!("All {total} entries, newest first."));
    }
    page.table(
        &["When (UTC)", "Who", "Record", "Action", "What changed"],
        entries.iter().map(|e| {
            vec![
                Cell::from(e.when()),
                Cell::from(e.who.clone()),
                Cell::from(e.record()),
                Cell::from(e.action.clone()),
                Cell::from(e.changes_in_words()),
            ]
        }),
    );
}
