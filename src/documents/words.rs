//! An MOA's reading in one line of words, as the command line, the report and the window
//! show it.

use super::moa_reader::{MoaReading, SignerParty};

/// "Task Force Model; Bartow Police Department (FL); FL; signed for the agency by Stephen P.
/// Walker, Chief of Police, 2025-04-21", or why nothing was read.
pub fn reading_in_words(read: &MoaReading) -> String {
    if let Some(why) = &read.unreadable {
        return format!("nothing read: {why}");
    }
    let mut parts = Vec::new();
    if let Some(m) = read.model {
        parts.push(m.label().to_string());
    }
    if let Some(a) = &read.agency {
        parts.push(a.clone());
    }
    if let Some(s) = read.state {
        parts.push(s.code().to_string());
    }
    for s in &read.signers {
        parts.push(format!(
            "signed for {} by {}{}{}",
            match s.party {
                SignerParty::Agency => "the agency",
                SignerParty::Ice => "ICE",
            },
            s.name,
            s.title
                .as_deref()
                .map(|t| format!(", {t}"))
                .unwrap_or_default(),
            s.date.map(|d| format!(", {d}")).unwrap_or_default()
        ));
    }
    if parts.is_empty() {
        "read, but no model, agency or signer recognised".into()
    } else {
        format!("read: {}", parts.join("; "))
    }
}
