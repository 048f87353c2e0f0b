//! A save refused because another coordinator changed the record since its form was opened:
//! what they changed, beside the form that still holds what was typed, with the two ways on.

use iced::widget::{button, column, container, row, text};
use iced::{Alignment, Element, Length};

use super::widgets::BODY;
use super::{Form, Message};
use crate::store::versions::ChangedMeanwhile;

/// A refused save waiting for the coordinator's choice.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Conflict {
    /// The form whose save was refused (it stays open with what was typed).
    pub form: Form,
    /// Their change: who, when, what, and the record's version now.
    pub changed: ChangedMeanwhile,
}

impl Conflict {
    /// The panel: their change field by field, then "Save mine over theirs" (the form's
    /// values saved knowingly over their version) or "Take theirs" (the form reloaded with the
    /// record as it now is; what was typed is dropped).
    pub fn view(&self) -> Element<'_, Message> {
        let mut lines = column![
            text(format!(
                "Not saved: {} changed this {} at {} UTC, after you opened it.",
                self.changed.by,
                self.changed.kind,
                self.changed
                    .at
                    .get(..16)
                    .unwrap_or(&self.changed.at)
                    .replace('T', " ")
            ))
            .size(BODY)
        ]
        .spacing(4);
        for (field, theirs) in their_fields(&self.changed) {
            lines = lines.push(text(format!("Theirs: {field}: {theirs}")).size(BODY));
        }
        lines = lines.push(
            text("What you typed is kept in the form below: compare, then choose.").size(BODY),
        );
        container(
            column![
                lines,
                row![
                    button(text("Save mine over theirs"))
                        .on_press(Message::SaveMineOverTheirs)
                        .style(button::primary),
                    button(text("Take theirs"))
                        .on_press(Message::TakeTheirs)
                        .style(button::secondary),
                ]
                .spacing(12)
                .align_y(Alignment::Center),
            ]
            .spacing(10),
        )
        .padding(10)
        .style(container::warning)
        .width(Length::Fill)
        .into()
    }
}

/// Their change as (field, "before → after") in words.
pub(super) fn their_fields(changed: &ChangedMeanwhile) -> Vec<(String, String)> {
    let shown = |v: &serde_json::Value| match v {
        serde_json::Value::Null => "(empty)".to_string(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match &changed.changes {
        serde_json::Value::Object(fields) => fields
            .iter()
            .map(|(field, change)| {
                let words = match change {
                    serde_json::Value::Array(pair) if pair.len() == 2 => {
                        format!("{} → {}", shown(&pair[0]), shown(&pair[1]))
                    }
                    other => shown(other),
                };
                (field.replace('_', " "), words)
            })
            .collect(),
        _ => vec![("change".into(), changed.action.clone())],
    }
}
