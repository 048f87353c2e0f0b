//! The signed MOA: who signed it for the agency and for ICE or CBP, when, the template year and
//! the addenda, shown in the agreement's summary and recorded through a form under it. The MOAs
//! take effect "upon signature of both parties", so the form says what both signatures do; the
//! store makes a pending agreement active.

use chrono::NaiveDate;
use iced::Element;
use iced::widget::{Column, column, container, row, text, text_input};

use super::widgets::{BODY, error_for, form_frame, labelled, quiet, save_or_cancel};
use super::{Edit, Message};
use crate::domain::agreement::{MoaSigning, Signature};
use crate::domain::{Agreement, AgreementId, Component, ValidationError, parse_date};
use crate::registry::RegistryError;

/// A field of the signatures form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SigningField {
    /// The agency signer's name.
    AgencyName,
    /// The agency signer's title.
    AgencyTitle,
    /// The date beside the agency's signature.
    AgencyOn,
    /// ICE's or CBP's signer's name.
    ComponentName,
    /// ICE's or CBP's signer's title.
    ComponentTitle,
    /// The date beside ICE's or CBP's signature.
    ComponentOn,
    /// The year of the MOA template.
    TemplateYear,
    /// The addenda, as listed.
    Addenda,
}

impl SigningField {
    const ALL: [SigningField; 8] = [
        SigningField::AgencyName,
        SigningField::AgencyTitle,
        SigningField::AgencyOn,
        SigningField::ComponentName,
        SigningField::ComponentTitle,
        SigningField::ComponentOn,
        SigningField::TemplateYear,
        SigningField::Addenda,
    ];

    /// The key its errors are filed under; a party's own problems (a signature dated after
    /// today) are filed under the party's key, as [`MoaSigning::validate`] names them.
    fn key(self) -> &'static str {
        match self {
            SigningField::AgencyName => "agency_name",
            SigningField::AgencyTitle => "agency_title",
            SigningField::AgencyOn => "agency_on",
            SigningField::ComponentName => "component_name",
            SigningField::ComponentTitle => "component_title",
            SigningField::ComponentOn => "component_on",
            SigningField::TemplateYear => "template_year",
            SigningField::Addenda => "addenda",
        }
    }
}

/// One party's three fields, and the key [`MoaSigning::validate`] files its errors under.
struct Party {
    fields: [SigningField; 3],
    key: &'static str,
}

const AGENCY: Party = Party {
    fields: [
        SigningField::AgencyName,
        SigningField::AgencyTitle,
        SigningField::AgencyOn,
    ],
    key: "agency_signature",
};

const COMPONENT: Party = Party {
    fields: [
        SigningField::ComponentName,
        SigningField::ComponentTitle,
        SigningField::ComponentOn,
    ],
    key: "component_signature",
};

/// The open signatures form, as typed.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct SigningForm {
    /// The agreement signed.
    pub agreement: AgreementId,
    /// Its component (ICE or CBP), whose signature the form asks for beside the agency's.
    component: Component,
    typed: [String; 8],
    /// The fields as the form opened, to tell whether closing it would lose anything.
    opened_with: [String; 8],
    errors: Vec<ValidationError>,
}

/// What a signature reads as in the summary: "NAME, TITLE, DATE", or that none is recorded.
pub(super) fn signature_in_words(s: Option<&Signature>) -> String {
    match s {
        Some(s) => s.to_string(),
        None => "signature not recorded".into(),
    }
}

impl SigningForm {
    /// The form filled with what is recorded of the agreement's signing.
    pub fn open(g: &Agreement) -> SigningForm {
        let s = &g.signing;
        let party = |p: &Option<Signature>| match p {
            Some(p) => [p.name.clone(), p.title.clone(), p.on.to_string()],
            None => Default::default(),
        };
        let [an, at, ad] = party(&s.agency);
        let [cn, ct, cd] = party(&s.component);
        let typed = [
            an,
            at,
            ad,
            cn,
            ct,
            cd,
            s.template_year.map(|y| y.to_string()).unwrap_or_default(),
            s.addenda.clone().unwrap_or_default(),
        ];
        SigningForm {
            agreement: g.id,
            component: g.component,
            opened_with: typed.clone(),
            typed,
            errors: Vec::new(),
        }
    }

    fn index(field: SigningField) -> usize {
        SigningField::ALL
            .iter()
            .position(|f| *f == field)
            .unwrap_or_default()
    }

    fn get(&self, field: SigningField) -> &str {
        &self.typed[Self::index(field)]
    }

    /// Whether anything was typed since the form opened.
    pub fn changed(&self) -> bool {
        self.typed != self.opened_with
    }

    /// Takes what was typed.
    pub fn set(&mut self, field: SigningField, value: String) {
        self.typed[Self::index(field)] = value;
        self.errors.clear();
    }

    /// Shows why the store refused it, beside the fields it names.
    pub fn refused(&mut self, e: RegistryError) {
        self.errors = match e.invalid() {
            Some(errors) => errors.to_vec(),
            None => vec![ValidationError::new("signing", "", e.to_string())],
        };
    }

    /// One party's signature: `None` when its three fields are empty; an error beside each
    /// empty field when only some are filled, since half a signature is not a signature.
    fn signature(
        &self,
        party: &Party,
        who: &str,
        errors: &mut Vec<ValidationError>,
    ) -> Option<Signature> {
        let [name, title, on] = party.fields.map(|f| self.get(f).trim());
        if [name, title, on].iter().all(|v| v.is_empty()) {
            return None;
        }
        let missing: Vec<SigningField> = party
            .fields
            .into_iter()
            .filter(|f| self.get(*f).trim().is_empty())
            .collect();
        if !missing.is_empty() {
            errors.extend(
                missing
                    .iter()
                    .map(|f| ValidationError::new(f.key(), "", "required")),
            );
            errors.push(ValidationError::new(
                party.key,
                "",
                format!("Give {who}'s name, title and date, or leave all three empty."),
            ));
        }
        let parsed = parse_date(on);
        if parsed.is_none() && !on.is_empty() {
            errors.push(ValidationError::new(
                party.fields[2].key(),
                on,
                "not a date: give YYYY-MM-DD",
            ));
        }
        Some(Signature {
            name: name.to_string(),
            title: title.to_string(),
            on: parsed?,
        })
    }

    /// The signing to record, checked as the store will check it, or `None` with the problems
    /// shown beside their fields and nothing sent.
    pub fn signing(&mut self, today: NaiveDate) -> Option<Edit> {
        let mut errors = Vec::new();
        let agency = self.signature(&AGENCY, "the agency", &mut errors);
        let component = self.signature(&COMPONENT, &self.component.to_string(), &mut errors);
        let year = self.get(SigningField::TemplateYear).trim();
        let template_year = match year {
            "" => None,
            y => match y.parse::<i32>() {
                Ok(y) => Some(y),
                Err(_) => {
                    errors.push(ValidationError::new(
                        "template_year",
                        y,
                        "give the MOA template's year, e.g. 2025",
                    ));
                    None
                }
            },
        };
        let addenda = self.get(SigningField::Addenda).trim();
        let signing = MoaSigning {
            agency,
            component,
            template_year,
            addenda: Some(addenda.to_string()).filter(|a| !a.is_empty()),
        };
        if errors.is_empty()
            && let Err(more) = signing.validate(today)
        {
            errors = more;
        }
        if !errors.is_empty() {
            self.errors = errors;
            return None;
        }
        Some(Edit::Sign {
            agreement: self.agreement,
            signing,
        })
    }

    /// The form.
    pub fn view(&self) -> Element<'_, Message> {
        let e = &self.errors;
        let input = |field: SigningField, placeholder: &'static str| {
            labelled(
                match field {
                    SigningField::AgencyName | SigningField::ComponentName => "Name",
                    SigningField::AgencyTitle | SigningField::ComponentTitle => "Title",
                    SigningField::AgencyOn | SigningField::ComponentOn => "Signed on",
                    SigningField::TemplateYear => "MOA template year",
                    SigningField::Addenda => "Addenda (blank: none)",
                },
                text_input(placeholder, self.get(field))
                    .style(crate::ui::choices::field)
                    .on_input(move |v| Message::Signing(field, v))
                    .on_submit(Message::SaveSigning)
                    .padding(6),
                error_for(e, field.key()),
            )
        };
        let party = |party: &Party, who: String, placeholders: [&'static str; 2]| {
            let [name, title, on] = party.fields;
            let mut block = Column::new().spacing(4).push(text(who).size(BODY)).push(
                row![
                    input(name, placeholders[0]),
                    input(title, placeholders[1]),
                    container(input(on, "YYYY-MM-DD")).width(200),
                ]
                .spacing(12),
            );
            if let Some(err) = error_for(e, party.key) {
                block = block.push(err);
            }
            block
        };
        let mut form = column![
                text("Record the MOA's signatures").size(16),
                quiet(
                    "As the signature page reads. Leave a party empty until it has signed; once both have, an accepted agreement waiting as pending becomes active on the later date."
                ),
                party(
                    &AGENCY,
                    "For the agency (sheriff, chief or director)".into(),
                    ["e.g. J. Smith", "e.g. Sheriff"]
                ),
                party(
                    &COMPONENT,
                    format!("For {}", self.component),
                    ["e.g. R. Jones", "e.g. ERO Assistant Director"]
                ),
                row![
                    container(input(SigningField::TemplateYear, "e.g. 2025")).width(200),
                    input(SigningField::Addenda, "e.g. Addendum 1 (2026): WSO transport"),
                ]
                .spacing(12),
        ]
        .spacing(10);
        if let Some(refusal) = error_for(e, "signing") {
            form = form.push(refusal);
        }
        form = form.push(save_or_cancel(
            "Save signatures",
            Message::SaveSigning,
            Message::CancelSigning,
        ));
        form_frame(form)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::AgencyId;
    use crate::domain::{Model, Status};

    fn agreement() -> Agreement {
        Agreement {
            id: AgreementId(7),
            agency_id: AgencyId(1),
            model: Model::Jem,
            component: Component::Cbp,
            status: Status::Pending,
            requested_on: None,
            signed_on: None,
            moa: None,
            moa_url: None,
            last_listed_on: None,
            signing: MoaSigning::default(),
        }
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_party_left_empty_is_no_signature_yet() {
        let mut form = SigningForm::open(&agreement());
        assert!(!form.changed());
        form.set(SigningField::ComponentName, "R. Jones".into());
        form.set(SigningField::ComponentTitle, "Director".into());
        form.set(SigningField::ComponentOn, "2026-11-02".into());
        let Some(Edit::Sign { agreement, signing }) = form.signing(day("2026-11-28")) else {
            panic!("the form was refused: {:?}", form.errors)
        };
        assert_eq!(agreement, AgreementId(7));
        assert_eq!(signing.agency, None);
        assert_eq!(
            signing.component.map(|s| (s.name, s.on)),
            Some(("R. Jones".to_string(), day("2026-11-02")))
        );
    }

    #[test]
    fn a_signature_dated_after_today_is_refused_beside_its_party() {
        let mut form = SigningForm::open(&agreement());
        form.set(SigningField::AgencyName, "J. Smith".into());
        form.set(SigningField::AgencyTitle, "Sheriff".into());
        form.set(SigningField::AgencyOn, "2026-12-01".into());
        form.set(SigningField::TemplateYear, "twenty".into());
        assert!(form.signing(day("2026-11-28")).is_none());
        let fields: Vec<&str> = form.errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["template_year"], "the year is read first");
        form.set(SigningField::TemplateYear, "2025".into());
        assert!(form.signing(day("2026-11-28")).is_none());
        assert_eq!(form.errors[0].field, "agency_signature");
        assert!(form.errors[0].message.contains("after today"));
    }
}
