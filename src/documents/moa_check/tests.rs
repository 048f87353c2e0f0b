//! Matching and comparing on the shapes of the real MOAs' readings.

use super::*;
use crate::documents::moa_reader::Signer;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn target(id: i64, state: State, agency: &str, model: Model, file: Option<&str>) -> MoaTarget {
    MoaTarget {
        agreement: AgreementId(id),
        state,
        agency: agency.into(),
        model,
        component: Component::Ice,
        moa_file: file.map(str::to_string),
        signed_on: Some(day(2025, 4, 16)),
        signing: MoaSigning::default(),
    }
}

fn navajo() -> MoaReading {
    MoaReading {
        model: Some(Model::Wso),
        agency: Some("Navajo County Sheriffs Office".into()),
        state: None,
        signers: vec![
            Signer {
                party: SignerParty::Agency,
                name: "David M. Clouse".into(),
                title: Some("Sheriff".into()),
                date: None,
            },
            Signer {
                party: SignerParty::Ice,
                name: "Todd M. Lyons".into(),
                title: Some("Acting Director".into()),
                date: Some(day(2025, 4, 16)),
            },
        ],
        unreadable: None,
    }
}

#[test]
fn agency_names_agree_across_abbreviations_acronyms_and_state_suffixes() {
    let al = State::parse("AL").unwrap();
    let fl = State::parse("FL").unwrap();
    let az = State::parse("AZ").unwrap();
    assert!(agency_agrees(
        "Crenshaw County Sheriffs Office, AL",
        "Crenshaw County Sheriff's Office",
        al
    ));
    assert!(agency_agrees(
        "Arcadia Police Dept (APD)",
        "Arcadia Police Department",
        fl
    ));
    assert!(agency_agrees(
        "Arizona Department of Corrections Rehabilitation and Reentry",
        "Arizona Department of Corrections",
        az
    ));
    assert!(agency_agrees(
        "Franklin County Sheriff's Office, Alabama",
        "Franklin Co SO",
        al
    ));
    assert!(!agency_agrees(
        "Crenshaw County Sheriffs Office, AL",
        "Henry County Sheriff's Office",
        al
    ));
}

#[test]
fn a_file_name_of_one_link_matches_before_anything_read() {
    let az = State::parse("AZ").unwrap();
    let targets = [
        target(1, az, "Navajo County Sheriff's Office", Model::Wso, None),
        target(
            2,
            az,
            "Somewhere Else",
            Model::Jem,
            Some("NavajoCoAZ_WSO_MOA_04.16.2025.pdf"),
        ),
    ];
    assert_eq!(
        match_moa("NavajoCoAZ_WSO_MOA_04.16.2025.pdf", &navajo(), &targets),
        MoaMatch::ByFileName(AgreementId(2))
    );
}

#[test]
fn content_matches_only_with_model_state_and_agency_read_and_one_agreement_fitting() {
    let az = State::parse("AZ").unwrap();
    let targets = [
        target(1, az, "Navajo County Sheriff's Office", Model::Wso, None),
        target(2, az, "Navajo County Sheriff's Office", Model::Jem, None),
    ];
    // Navajo's reading has no state: never matched by content.
    assert!(matches!(
        match_moa("renamed.pdf", &navajo(), &targets),
        MoaMatch::Unmatched(_)
    ));
    let mut with_state = navajo();
    with_state.state = Some(az);
    assert_eq!(
        match_moa("renamed.pdf", &with_state, &targets),
        MoaMatch::ByContent(AgreementId(1))
    );
    let scan = MoaReading {
        unreadable: Some("no text layer (a scan)".into()),
        ..MoaReading::default()
    };
    let MoaMatch::Unmatched(why) = match_moa("renamed.pdf", &scan, &targets) else {
        panic!()
    };
    assert!(why.contains("no text layer"), "{why}");
}

#[test]
fn another_model_and_an_earlier_signed_date_disagree_and_a_full_signer_fills() {
    let az = State::parse("AZ").unwrap();
    let mut t = target(1, az, "Navajo County Sheriff's Office", Model::Jem, None);
    t.signed_on = Some(day(2025, 4, 10));
    let found = compare(&navajo(), &t);
    let fields: Vec<(&str, FindingKind)> = found.iter().map(|f| (f.field, f.kind)).collect();
    assert_eq!(
        fields,
        [
            ("model", FindingKind::Disagrees),
            ("signed_on", FindingKind::Disagrees),
            ("component_signature", FindingKind::Fills),
        ]
    );
    assert_eq!(found[0].in_moa, "Warrant Service Officer");
    assert_eq!(
        found[0].in_registry.as_deref(),
        Some("Jail Enforcement Model")
    );
    // The agency's signer has no date: it fills nothing.
    assert!(found.iter().all(|f| f.field != "agency_signature"));
    // A list date on or after the one signature read agrees.
    t.model = Model::Wso;
    t.signed_on = Some(day(2025, 4, 16));
    assert_eq!(compare(&navajo(), &t).len(), 1);
}

#[test]
fn a_scan_compares_nothing() {
    let az = State::parse("AZ").unwrap();
    let t = target(1, az, "Navajo County Sheriff's Office", Model::Jem, None);
    let scan = MoaReading {
        unreadable: Some("no text layer (a scan)".into()),
        ..MoaReading::default()
    };
    assert!(compare(&scan, &t).is_empty());
}
