//! The Import screen's "Attach ICE's MOAs from a folder…": every PDF of a folder matched to its
//! agreement by its MOA link's file name in ICE's lists (or by what it says), read, compared,
//! attached in one transaction; what matched nothing is listed, never attached at a guess.

use iced::widget::{button, column, text};
use iced::{Element, Task};
use std::path::PathBuf;

use super::Message;
use crate::registry::RegistryError;
use crate::registry::documents::MoaBatch;

/// Where the MOAs' attachment stands.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum MoaPhase {
    /// Nothing asked.
    #[default]
    Idle,
    /// Reading and attaching the folder's PDFs.
    Attaching(PathBuf),
    /// Done: what was attached, unmatched and in disagreement, in lines.
    Done(Vec<String>),
    /// Nothing was attached: why.
    Failed(String),
}

/// The folder dialog, answering [`Message::MoaFolder`].
pub fn pick() -> Task<Message> {
    Task::perform(
        async {
            rfd::AsyncFileDialog::new()
                .set_title("Choose the folder of ICE's MOAs")
                .pick_folder()
                .await
                .map(|f| f.path().to_path_buf())
        },
        Message::MoaFolder,
    )
}

/// The outcome, in lines for the screen.
pub fn outcome(result: Result<MoaBatch, RegistryError>) -> MoaPhase {
    let batch = match result {
        Ok(batch) => batch,
        Err(e) => return MoaPhase::Failed(format!("{e}; nothing was attached")),
    };
    let attached = batch.matched.iter().filter(|m| !m.already_attached).count();
    let mut lines = vec![format!(
        "{} MOAs matched their agreement ({attached} attached now, {} already kept; {} without text: nothing read), {} not attached, {} disagreements and {} signatures to fill in on the Review screen.",
        batch.matched.len(),
        batch.matched.len() - attached,
        batch.unreadable.len(),
        batch.unmatched.len(),
        batch.mismatches.len(),
        batch.fills
    )];
    lines.extend(
        batch
            .unmatched
            .iter()
            .zip(&batch.why_unmatched)
            .map(|(file, why)| format!("{file}: not attached: {why}")),
    );
    lines.extend(batch.mismatches.iter().map(|m| {
        format!(
            "{}: {} differs: the MOA says {}, the registry {}",
            m.file,
            m.finding.field,
            m.finding.in_moa,
            m.finding.in_registry.as_deref().unwrap_or("nothing")
        )
    }));
    MoaPhase::Done(lines)
}

/// The button and the outcome.
pub fn view(phase: &MoaPhase) -> Element<'_, Message> {
    let busy = matches!(phase, MoaPhase::Attaching(_));
    let mut section = column![
        text("ICE's signed MOAs").size(18),
        text("A folder of MOA PDFs as ICE posts them: each is attached to the agreement whose MOA link in ICE's lists ends in its file name (or, failing that, whose model, state and agency it states), read, and compared with the registry."),
        button(text("Attach ICE's MOAs from a folder…"))
            .on_press_maybe((!busy).then_some(Message::BrowseMoas))
            .style(button::secondary),
    ]
    .spacing(8);
    match phase {
        MoaPhase::Idle => {}
        MoaPhase::Attaching(dir) => {
            section = section.push(text(format!("Reading the MOAs in {}…", dir.display())))
        }
        MoaPhase::Done(lines) => {
            for line in lines {
                section = section.push(text(line.as_str()).size(14));
            }
        }
        MoaPhase::Failed(why) => section = section.push(text(why.as_str()).style(text::danger)),
    }
    section.into()
}
