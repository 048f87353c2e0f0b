//! The agency's history from the audit log, newest first, one compact line per change.

use iced::widget::{Column, button, column, row, rule, text};
use iced::{Alignment, Element, Length};

use super::Message;
use super::widgets::{BODY, SMALL, card, heading, quiet};
use crate::store::AuditEntry;

/// Entries shown before "Show all": the page stays short for agencies with a long past.
pub const FIRST_SHOWN: usize = 25;

/// The history section; `all` shows every entry the store handed over.
pub(super) fn view(history: &[AuditEntry], all: bool) -> Element<'_, Message> {
    let shown = if all {
        history.len()
    } else {
        history.len().min(FIRST_SHOWN)
    };
    let mut entries = Column::new().spacing(6);
    for e in &history[..shown] {
        let record = match e.entity_id {
            Some(id) => format!("{} {id}", e.entity),
            None => e.entity.clone(),
        };
        entries = entries.push(
            row![
                text(when(&e.at)).size(SMALL).width(150),
                text(e.who.clone()).size(SMALL).width(110),
                text(format!("{record} · {}", e.action))
                    .size(SMALL)
                    .width(170),
                text(changes(&e.changes)).size(SMALL).width(Length::Fill),
            ]
            .spacing(10),
        );
    }
    let mut section = column![
        row![
            heading("History"),
            quiet(if history.is_empty() {
                "nothing recorded yet".to_string()
            } else {
                format!("newest first, {shown} of {} shown", history.len())
            }),
        ]
        .spacing(12)
        .align_y(Alignment::Center),
        rule::horizontal(1),
        entries,
    ]
    .spacing(8);
    if shown < history.len() {
        section = section.push(
            button(text(format!("Show all {} entries", history.len())).size(BODY))
                .on_press(Message::ShowAllHistory)
                .style(button::secondary),
        );
    }
    card(section)
}

/// "2026-11-28 06:09:41" from RFC 3339: the first 19 characters, a space for the `T`.
fn when(at: &str) -> String {
    at.chars()
        .take(19)
        .collect::<String>()
        .replacen('T', " ", 1)
}

/// `{field: [old, new], ..}` as "field: old → new; ..", the shape the store logs updates in.
/// Any other object (a record as created) as "field: value; ..", leaving out what is empty:
/// compact JSON has no spaces to wrap at and runs off the page. Anything else as compact JSON.
pub(super) fn changes(v: &serde_json::Value) -> String {
    let Some(map) = v.as_object() else {
        return v.to_string();
    };
    let pairs: Option<Vec<String>> = map
        .iter()
        .map(|(k, x)| match x.as_array().map(Vec::as_slice) {
            Some([old, new]) => Some(format!("{k}: {} → {}", scalar(old), scalar(new))),
            _ => None,
        })
        .collect();
    match pairs {
        Some(p) if !p.is_empty() => p.join("; "),
        _ if map.is_empty() => v.to_string(),
        _ => map
            .iter()
            .filter(|(_, x)| !x.is_null())
            .map(|(k, x)| format!("{k}: {}", scalar(x)))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// A value as a coordinator reads it: strings without quotes, nothing as a dash.
fn scalar(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "—".into(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn updates_read_as_old_to_new_and_records_as_compact_json() {
        assert_eq!(
            changes(&json!({"ori": [null, "FL0530000"], "has_jail": [false, true]})),
            "has_jail: false → true; ori: — → FL0530000"
        );
        assert_eq!(
            changes(&json!({"name": "Jane Smith", "exam_scores": [70], "course": null})),
            "exam_scores: [70]; name: Jane Smith"
        );
        assert_eq!(changes(&json!("imported")), r#""imported""#);
        assert_eq!(when("2026-11-28T06:09:41.123+00:00"), "2026-11-28 06:09:41");
    }
}
