//! The Documents card of the agreement in view: the documents kept with it and its records
//! (name, kind, size, short hash; for an MOA what was read from it), Attach… and Attach the
//! signed MOA… (the system's file dialog; a file dropped on the window does the same), Open
//! (the system's viewer), Save a copy… and Remove (asked first). The card never writes: an
//! attachment or a removal leaves as a save, opening and copying as actions the application
//! runs on a worker.

use iced::widget::{Column, button, column, container, row, text};
use iced::{Alignment, Element, Length, Task};
use std::path::PathBuf;

use super::Message;
use crate::documents::{Subject, reading_in_words, size_in_words};
use crate::registry::AgreementDetail;
use crate::store::documents::DocumentEntry;
use crate::ui::screen::parts::{BODY, SMALL, card, confirm_row, heading};

/// What the card holds between messages: the removal being asked about, and what became of
/// the last open or copy.
#[derive(Debug, Clone, Default)]
pub(super) struct DocumentsCard {
    /// The attachment whose removal is being asked about.
    pub removing: Option<i64>,
    /// The record Attach… keeps the next document with; `None`: the agreement itself.
    pub target: Option<AttachTarget>,
    /// The outcome of the last Open or Save a copy, and whether it failed.
    pub notice: Option<(String, bool)>,
}

/// A record of the agreement in view that a document can be kept with: the agreement, one of
/// its nominees, decisions, complaints or meetings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachTarget {
    /// What kind of record.
    pub subject: Subject,
    /// Its id.
    pub id: i64,
    /// How the coordinator knows it: "Nominee: Maria Lopez".
    pub label: String,
}

impl std::fmt::Display for AttachTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// The records of `a` a document can be kept with, the agreement first.
pub(super) fn targets(a: &AgreementDetail) -> Vec<AttachTarget> {
    let mut out = vec![AttachTarget {
        subject: Subject::Agreement,
        id: a.agreement.id.0,
        label: format!("The agreement ({})", a.agreement.model.label()),
    }];
    out.extend(a.nominees.iter().map(|n| AttachTarget {
        subject: Subject::Nominee,
        id: n.id.0,
        label: format!("Nominee: {}", n.details.name),
    }));
    out.extend(a.decisions.iter().map(|d| AttachTarget {
        subject: Subject::Decision,
        id: d.id.0,
        label: format!(
            "Decision: {} {}, {}",
            d.draft.component, d.draft.outcome, d.draft.decided_on
        ),
    }));
    out.extend(a.complaints.iter().map(|c| AttachTarget {
        subject: Subject::Complaint,
        id: c.id.0,
        label: format!(
            "Complaint{}: {}",
            c.details
                .received_on
                .map(|d| format!(" of {d}"))
                .unwrap_or_default(),
            c.details.summary
        ),
    }));
    out.extend(a.meeting_ids.iter().map(|(id, held_on)| AttachTarget {
        subject: Subject::Meeting,
        id: *id,
        label: format!("Meeting of {held_on}"),
    }));
    out
}

/// The file dialog choosing a document to attach, answering [`Message::DocumentPicked`].
pub(super) fn pick(moa: bool) -> Task<Message> {
    Task::perform(
        async move {
            let dialog = rfd::AsyncFileDialog::new().set_title(if moa {
                "Attach the signed MOA"
            } else {
                "Attach a document"
            });
            let dialog = if moa {
                dialog.add_filter("PDF", &["pdf"])
            } else {
                dialog
            };
            dialog.pick_file().await.map(|f| f.path().to_path_buf())
        },
        move |path| Message::DocumentPicked(path, moa),
    )
}

/// The save dialog for a copy of a document, answering [`Message::DocumentSaveTo`].
pub(super) fn pick_copy(id: i64, name: String) -> Task<Message> {
    Task::perform(
        async move {
            rfd::AsyncFileDialog::new()
                .set_title("Save a copy of the document")
                .set_file_name(name)
                .save_file()
                .await
                .map(|f| f.path().to_path_buf())
        },
        move |path| Message::DocumentSaveTo(id, path),
    )
}

/// Whether a file is the agreement's MOA as ICE's list links it (its name is the link's last
/// part): a dropped or chosen file of that name is attached as the signed MOA.
pub(super) fn is_listed_moa(a: &AgreementDetail, path: &std::path::Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let listed = a
        .agreement
        .moa_url
        .as_deref()
        .and_then(crate::documents::moa_file_name);
    name.is_some() && name == listed
}

/// The card.
pub(super) fn view<'a>(
    a: &'a AgreementDetail,
    state: &'a DocumentsCard,
    attaching: bool,
) -> Element<'a, Message> {
    let attach = |label: &'static str, moa: bool| {
        button(text(label))
            .on_press_maybe((!attaching).then_some(Message::AttachDocument(moa)))
            .style(button::secondary)
            .padding([6, 16])
    };
    let header = row![
        heading(format!("Documents ({})", a.documents.len())),
        iced::widget::space::horizontal(),
        attach("Attach the signed MOA…", true),
        attach("Attach…", false),
    ]
    .spacing(12)
    .align_y(Alignment::Center);
    let mut section = column![header].spacing(10);
    let choices = targets(a);
    if choices.len() > 1 {
        let chosen = state
            .target
            .clone()
            .filter(|t| choices.contains(t))
            .unwrap_or_else(|| choices[0].clone());
        section = section.push(
            row![
                text("Attach… keeps the document with").size(BODY),
                iced::widget::pick_list(choices, Some(chosen), Message::AttachTo)
                    .text_size(BODY)
                    .padding([4, 8]),
                text("(the signed MOA always goes with the agreement)").size(SMALL),
            ]
            .spacing(10)
            .align_y(Alignment::Center),
        );
    }
    if attaching {
        section = section.push(text("Attaching…").size(SMALL));
    }
    if a.documents.is_empty() {
        section = section.push(
            text("No document kept yet. Attach the signed MOA, letters or minutes, or drop a file on the window.")
                .size(BODY),
        );
    }
    let mut list = Column::new().spacing(8);
    for d in &a.documents {
        list = list.push(entry(d, state.removing == Some(d.id)));
    }
    section = section.push(list);
    if let Some((said, failed)) = &state.notice {
        let mut note = text(said.as_str()).size(SMALL);
        if *failed {
            note = note.style(text::danger);
        }
        section = section.push(note);
    }
    card(section)
}

/// One document: what it is, what was read from an MOA, and its buttons.
fn entry(d: &DocumentEntry, removing: bool) -> Element<'_, Message> {
    let title = match d.role.as_deref() {
        Some("moa") => format!("{} — signed MOA", d.name),
        _ => d.name.clone(),
    };
    let facts = format!(
        "{} · {} · SHA-256 {}… · attached to {} {} on {} by {}",
        d.kind.to_uppercase(),
        size_in_words(d.bytes.max(0) as u64),
        &d.sha256[..12.min(d.sha256.len())],
        d.subject,
        d.subject_id,
        d.attached_at.get(..10).unwrap_or_default(),
        d.attached_by
    );
    let mut block = column![
        row![
            text(title).size(16).width(Length::Fill),
            button(text("Open"))
                .on_press(Message::OpenDocument(d.id))
                .style(button::secondary),
            button(text("Save a copy…"))
                .on_press(Message::SaveDocumentCopy(d.id, d.name.clone()))
                .style(button::secondary),
            button(text("Remove"))
                .on_press(Message::AskRemoveDocument(d.id))
                .style(button::danger),
        ]
        .spacing(8)
        .align_y(Alignment::Center),
        text(facts).size(SMALL),
    ]
    .spacing(4);
    if let Some(read) = &d.moa_read {
        let said = reading_in_words(read);
        let mut line = text(format!("MOA {said}")).size(SMALL);
        if read.unreadable.is_some() {
            line = line.style(text::warning);
        }
        block = block.push(line);
    }
    if removing {
        block = block.push(confirm_row(
            text(format!(
                "Remove {} from this record? The history keeps that it was attached and removed, and its bytes stay in the registry.",
                d.name
            ))
            .size(BODY)
            .style(text::danger),
            ("Remove document", Message::ConfirmRemoveDocument),
            ("Keep", Message::CancelRemoveDocument),
            None,
        ));
    }
    container(block)
        .padding(10)
        .style(container::bordered_box)
        .width(Length::Fill)
        .into()
}

/// A result of opening or copying, for the card's note.
pub(super) fn outcome(what: &str, result: &Result<PathBuf, String>) -> (String, bool) {
    match result {
        Ok(file) => (format!("{what} {}", file.display()), false),
        Err(why) => (why.clone(), true),
    }
}
