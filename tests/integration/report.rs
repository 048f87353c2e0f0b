//! `g287 report` end to end: the real binary on the known registry of
//! `tests/common/registry.rs`, and the HTML it writes read back.

use crate::common;

use common::registry::{self, OVERRIDE, ago, since};
use common::{g287, stderr, stdout};
use g287::domain::dashboard::compliance_lines;
use g287::domain::{AgencyDetails, AgencyId, AgencyKind, Component, Model, State, Status};
use g287::report::html::escape;
use g287::store::agreements::NewAgreement;
use g287::store::{Store, today};
use std::path::{Path, PathBuf};

/// A data folder holding the known registry, and the ids it needs.
fn registry_dir() -> (tempfile::TempDir, PathBuf, registry::Known) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut store = Store::open_in(&data).unwrap();
    store.set_user("tester");
    let known = registry::fill(&mut store);
    (dir, data, known)
}

fn agency_with(data: &Path, name: &str, meetings: usize) -> AgencyId {
    let mut store = Store::open_in(data).unwrap();
    store
        .write(|w| {
            let id = w.create_agency(&AgencyDetails {
                state: State::parse("GA").unwrap(),
                name: name.into(),
                kind: AgencyKind::County,
                county: None,
                ori: None,
                has_jail: Some(true),
                contact: None,
            })?;
            let agreement = w.create_agreement(&NewAgreement {
                agency_id: id,
                model: Model::Jem,
                component: Component::Ice,
                status: Status::Requested,
                on: ago(10),
                requested_on: Some(ago(10)),
                signed_on: None,
                note: None,
            })?;
            for i in 0..meetings {
                w.record_meeting(agreement, ago(i as u64), None)?;
            }
            Ok(id)
        })
        .unwrap()
}

fn report(data: &Path, args: &[&str]) -> (std::process::Output, String) {
    let out = data.parent().unwrap().join("report.html");
    let mut all = vec!["report", "--out", out.to_str().unwrap(), "--force"];
    all.extend_from_slice(args);
    let o = g287(data, &all);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(&out).unwrap();
    (o, html)
}

#[test]
fn the_agency_report_holds_its_agreements_checklist_nominees_decisions_and_history() {
    let (_dir, data, known) = registry_dir();
    let (o, html) = report(&data, &["--agency", &known.polk.to_string()]);
    assert!(stdout(&o).contains("compliance report of Polk County Sheriff's Office"));
    assert!(html.contains(&escape("Compliance report: Polk County Sheriff's Office")));

    let store = Store::open_in(&data).unwrap();
    let detail = store.agency_detail(known.polk, today()).unwrap();
    assert_eq!(detail.agreements.len(), 2);
    for a in &detail.agreements {
        assert!(html.contains(&format!("(agreement {})", a.agreement.id)));
        assert!(!a.checks.is_empty());
        for c in &a.checks {
            assert!(html.contains(&escape(&c.reason)), "reason of {}", c.id);
            assert!(
                html.contains(&format!("<td>{}</td>", escape(&c.id))),
                "{}",
                c.id
            );
        }
        for change in &a.lifecycle {
            assert!(html.contains(&format!("<td>{}</td>", change.on)));
        }
    }
    assert!(
        html.contains(r#"<td class="waived">Waived</td>"#),
        "the override's waiver"
    );
    assert!(
        html.contains(r#"<td class="not-met">Not met</td>"#),
        "the overdue refreshers"
    );
    for officer in ["Dee Evans", "Eli Fox"] {
        assert!(html.contains(&format!("<td>{officer}</td>")), "{officer}");
    }
    assert!(html.contains(&format!("<td>{}</td>", escape(OVERRIDE))));
    assert!(html.contains("<td>R. Jones, ERO Assistant Director</td>"));
    assert!(
        html.contains("<td>officer.background</td>"),
        "what was waived"
    );

    let history = store.history(Some(known.polk), None).unwrap();
    assert!(html.contains(&format!("All {} entries, newest first.", history.len())));
    let newest = &history[0];
    assert!(html.contains(&format!("{} {}", newest.entity, newest.entity_id.unwrap())));
    for forbidden in ["<script", "<link", "src=", "@import", "url("] {
        assert!(
            !html.contains(forbidden),
            "{forbidden} in a self-contained report"
        );
    }
    assert!(html.contains("@media print"));
}

#[test]
fn markup_in_an_agency_name_is_printed_as_text_and_a_long_history_says_what_it_leaves_out() {
    let (_dir, data, _) = registry_dir();
    let id = agency_with(&data, "<script>alert('x')</script> Sheriff & Co", 210);
    let (_, html) = report(&data, &["--agency", &id.to_string()]);
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Sheriff &amp; Co"));
    assert!(!html.contains("<script"));
    // Created: the agency, its agreement, 210 meetings.
    assert!(
        html.contains(
            "The newest 200 of 212 entries; 12 older ones are left out (`g287 history --agency"
        ),
        "{}",
        &html[html.find("<h2>History").unwrap()..][..400]
    );
}

#[test]
fn the_summary_holds_the_dashboards_figures() {
    let (_dir, data, _) = registry_dir();
    let (o, html) = report(&data, &["--summary"]);
    assert!(stdout(&o).contains(&format!("changes since {}", since())));
    let d = Store::open_in(&data)
        .unwrap()
        .dashboard(today(), since())
        .unwrap();
    assert!(html.contains(&format!("changes are counted since {}", since())));
    for line in compliance_lines(&d.compliance) {
        assert!(
            html.contains(&format!("<li>{}</li>", escape(&line))),
            "{line}"
        );
    }
    assert!(html.contains("<li>Active agreements meeting every requirement: 33% (1 of 3)</li>"));
    for status in Status::ALL {
        let (now, then) = (
            d.now.count(Some(status), None, None),
            d.then.count(Some(status), None, None),
        );
        let row = format!(
            r#"<tr><td>{}</td><td class="number">{now}</td><td class="number">{then}</td><td class="number">{}</td>"#,
            status.label(),
            g287::domain::dashboard::signed(d.change(status))
        );
        assert_eq!(html.contains(&row), now + then > 0, "{status}: {row}");
    }
    assert!(html.contains(
        r#"<tr><td>Requested</td><td class="number">1</td><td class="number">30 days</td><td class="number">20 days</td><td class="number">50 days</td><td class="number">5</td></tr>"#
    ));
    assert!(html.contains(r#"<tr><td>TX Texas</td><td class="number">2</td></tr>"#));
    for m in &d.signed {
        assert!(html.contains(&format!("<tr><td>{}</td>", m.label())));
    }
    assert_eq!(html.matches("<svg").count(), 2, "the map and the chart");
}

#[test]
fn an_unknown_agency_or_an_existing_file_is_refused_and_nothing_is_written() {
    let (dir, data, known) = registry_dir();
    let out = dir.path().join("r.html");
    let o = g287(
        &data,
        &["report", "--agency", "9999", "--out", out.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("no agency with id 9999"));
    assert!(!out.exists());

    std::fs::write(&out, "kept").unwrap();
    let args = [
        "report",
        "--agency",
        &known.harris.to_string(),
        "--out",
        out.to_str().unwrap(),
    ];
    let o = g287(&data, &args);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "kept");

    let mut forced = args.to_vec();
    forced.push("--force");
    assert!(g287(&data, &forced).status.success());
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("Harris County")
    );

    let o = g287(
        &data,
        &[
            "report",
            "--summary",
            "--since",
            "yesterday",
            "--out",
            "x.html",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let o = g287(&data, &["report", "--out", "x.html"]);
    assert_eq!(o.status.code(), Some(2), "neither --agency nor --summary");
}
