//! Changes to requirements in the coordinator's words: thresholds as "at least 2 years of
//! experience", models by their abbreviations, retiring as "retired". Used for the catalogue's
//! history (from the audit log) and for how an older version differs from the one in force.

use serde_json::{Map, Value};

use crate::domain::{Model, Requirement, Rule};
use crate::registry::AuditEntry;

/// One history entry on one line: when, who, the version it made and what changed.
pub(super) fn line(e: &AuditEntry) -> String {
    let when: String =
        e.at.chars()
            .take(16)
            .collect::<String>()
            .replacen('T', " ", 1);
    let what = match (e.entity.as_str(), e.action.as_str()) {
        ("catalogue", "load") => format!(
            "version {}: {} requirements loaded from {}",
            e.entity_id.unwrap_or(1),
            e.changes["requirements"],
            e.changes["source"]
                .as_str()
                .unwrap_or("the shipped catalogue")
        ),
        ("requirement", _) => {
            let id = e.changes["id"].as_str().unwrap_or("?");
            let changes = e.changes["changes"]
                .as_object()
                .cloned()
                .unwrap_or_default();
            let version = match changes.get("version").and_then(Value::as_array) {
                Some(pair) if pair.len() == 2 => format!("version {}: ", pair[1]),
                _ => String::new(),
            };
            format!("{version}{id}: {}", describe(&changes).join("; "))
        }
        (entity, action) => format!("{entity} {action}: {}", e.changes),
    };
    format!("{when} · {} · {what}", e.who)
}

/// How `now` differs from `then` (the same requirement in two versions); empty when it does not.
pub(super) fn differences(then: &Requirement, now: &Requirement) -> Vec<String> {
    let (Ok(Value::Object(a)), Ok(Value::Object(b))) =
        (serde_json::to_value(then), serde_json::to_value(now))
    else {
        return Vec::new();
    };
    let changes: Map<String, Value> = b
        .into_iter()
        .filter_map(|(k, new)| {
            let old = a.get(&k).cloned().unwrap_or(Value::Null);
            (old != new).then(|| (k, Value::Array(vec![old, new])))
        })
        .collect();
    describe(&changes)
}

/// `{field: [before, after]}` as phrases, the version left out (it is said apart).
fn describe(changes: &Map<String, Value>) -> Vec<String> {
    changes
        .iter()
        .filter(|(k, _)| k.as_str() != "version")
        .filter_map(|(k, pair)| {
            let [old, new] = pair.as_array()?.as_slice() else {
                return None;
            };
            Some(match k.as_str() {
                "enabled" if new == &Value::Bool(false) => "retired".to_string(),
                "enabled" => "enabled again".to_string(),
                "rule" => format!("threshold {} → {}", threshold(old), threshold(new)),
                "models" => format!("models {} → {}", models(old), models(new)),
                "title" => format!("title “{}” → “{}”", scalar(old), scalar(new)),
                other => format!("{other} {} → {}", scalar(old), scalar(new)),
            })
        })
        .collect()
}

fn threshold(rule: &Value) -> String {
    serde_json::from_value::<Rule>(rule.clone())
        .ok()
        .and_then(|r| r.in_words())
        .unwrap_or_else(|| scalar(rule))
}

fn models(v: &Value) -> String {
    let list: Vec<&str> = v
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|m| Model::parse(m.as_str()?).map(Model::short))
                .collect()
        })
        .unwrap_or_default();
    if list.is_empty() {
        "none".into()
    } else {
        list.join(", ")
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "—".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Catalogue;
    use serde_json::json;

    #[test]
    fn a_requirement_edit_reads_as_the_coordinator_made_it() {
        let e = AuditEntry {
            seq: 7,
            at: "2026-11-28T06:09:41.123+00:00".into(),
            who: "tester".into(),
            entity: "requirement".into(),
            entity_id: None,
            agency_id: None,
            action: "update".into(),
            changes: json!({"id": "officer.experience", "changes": {
                "rule": [{"kind": "min_experience", "years": 2.0}, {"kind": "min_experience", "years": 3.0}],
                "models": [["tfm"], ["jem", "tfm"]],
                "enabled": [true, false],
                "version": [1, 2],
            }}),
        };
        assert_eq!(
            line(&e),
            "2026-11-28 06:09 · tester · version 2: officer.experience: retired; models TFM → JEM, TFM; threshold at least 2 years of experience → at least 3 years of experience"
        );
    }

    #[test]
    fn an_older_version_says_what_changed_since() {
        let shipped = Catalogue::shipped();
        let then = shipped.get("officer.exams").unwrap().clone();
        let mut now = then.clone();
        assert!(differences(&then, &now).is_empty());
        now.rule = Rule::ExamsPassed {
            pass_mark: 80,
            attempts: 2,
        };
        now.enabled = false;
        assert_eq!(
            differences(&then, &now),
            [
                "retired",
                "threshold 70% or more within 2 attempt(s) → 80% or more within 2 attempt(s)"
            ]
        );
    }
}
