//! The Agencies list's search and filters in words, for the Data screen: "Only the 249 of 707
//! agencies" did not say which filters an export of what the list shows applies.

use super::Agencies;

impl Agencies {
    /// The search and each filter set, in words ("search “harris”", "state TX Texas", "model
    /// TFM", "status active", "component ICE"); empty when the list shows every agency.
    pub fn filters_in_words(&self) -> Vec<String> {
        let mut said = Vec::new();
        let query = self.query.trim();
        if !query.is_empty() {
            said.push(format!("search “{query}”"));
        }
        if let Some(state) = self.state.value() {
            said.push(format!("state {state}"));
        }
        if let Some(model) = self.model.value() {
            said.push(format!("model {model}"));
        }
        if let Some(status) = self.status.value() {
            said.push(format!("status {status}"));
        }
        if let Some(component) = self.component.value() {
            said.push(format!("component {component}"));
        }
        said
    }
}
