//! `g287 report` end to end: the real binary on the known registry of
//! `tests/common/registry.rs`, and the HTML it writes read back; the PDF read back by poppler's
//! `pdftotext` where it is installed.

use crate::common;

use common::registry::{self, OVERRIDE, ago, since};
use common::{g287, stderr, stdout};
use g287::domain::dashboard::compliance_lines;
use g287::domain::{
    AgencyDetails, AgencyId, AgencyKind, AgreementId, Component, Model, State, Status,
};
use g287::report::html::escape;
use g287::store::agreements::NewAgreement;
use g287::store::today;
use std::path::{Path, PathBuf};

/// A data folder holding the known registry, and the ids it needs.
fn registry_dir() -> (tempfile::TempDir, PathBuf, registry::Known) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut store = common::open_store(&data).unwrap();
    store.set_user("tester");
    let known = registry::fill(&mut store);
    (dir, data, known)
}

fn agency_with(data: &Path, name: &str, meetings: usize) -> AgencyId {
    agency_and_agreement(data, name, meetings).0
}

/// An agency in Georgia with one requested JEM agreement and `meetings` oversight meetings.
fn agency_and_agreement(data: &Path, name: &str, meetings: usize) -> (AgencyId, AgreementId) {
    let mut store = common::open_store(data).unwrap();
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
            Ok((id, agreement))
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

    let store = common::open_store(&data).unwrap();
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
    let d = common::open_store(&data)
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

/// The text `pdftotext` reads from `file`, whitespace runs made one space (a cell's words may
/// wrap onto lines); `None`, with the reason printed, where poppler is not installed.
///
/// In the order the page draws it (`-raw`), each cell whole: in its default reading order
/// pdftotext may print a table's columns side by side, so a wrapped title can come out
/// interleaved with its neighbours. The names and decisions are also read in that default
/// order by the test.
fn pdf_text(file: &Path) -> Option<String> {
    pdftotext(file, &["-raw"])
}

fn pdftotext(file: &Path, mode: &[&str]) -> Option<String> {
    let out = match std::process::Command::new("pdftotext")
        .args(mode)
        .args(["-enc", "UTF-8"])
        .arg(file)
        .arg("-")
        .output()
    {
        Ok(out) => out,
        Err(e) => {
            eprintln!("skipped: pdftotext (poppler-utils) could not be run: {e}");
            return None;
        }
    };
    assert!(out.status.success(), "pdftotext: {}", stderr(&out));
    let text = String::from_utf8(out.stdout).expect("pdftotext writes UTF-8");
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn write_report(data: &Path, out: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["report", "--out", out.to_str().unwrap()];
    all.extend_from_slice(args);
    g287(data, &all)
}

#[test]
fn the_agency_report_as_pdf_holds_its_name_checklist_and_decisions_as_text() {
    let (dir, data, known) = registry_dir();
    let name = "O’Brien–Peña County Sheriff’s Office — Société";
    let (id, agreement) = agency_and_agreement(&data, name, 0);
    let official = "Renée D’Arcy, ERO Field Office Director";
    let decided = g287(
        &data,
        &[
            "decide",
            "--agreement",
            &agreement.to_string(),
            "--component",
            "ice",
            "--outcome",
            "withdrawn",
            "--date",
            &today().to_string(),
            "--official",
            official,
            "--grounds",
            "The agency’s request was withdrawn — by letter",
        ],
    );
    assert!(decided.status.success(), "{}", stderr(&decided));

    let file = dir.path().join("r.pdf");
    let o = write_report(&data, &file, &["--agency", &id.to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(&format!("compliance report of {name}")));
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF, not HTML");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "readable by its owner only");
    }
    let Some(text) = pdf_text(&file) else {
        return;
    };
    let default_order = pdftotext(&file, &[]).unwrap();
    for text in [&text, &default_order] {
        assert!(
            text.contains(&format!("Compliance report: {name}")),
            "{text}"
        );
        assert!(text.contains(official), "the decision's official: {text}");
        assert!(text.contains("Withdrawn"), "the decision's outcome: {text}");
        assert!(text.contains("Decisions (1)"), "{text}");
    }
    assert!(text.contains("The agency’s request was withdrawn — by letter"));

    // The checklist: each requirement's title and status, on the known registry's Polk County.
    let file = dir.path().join("polk.pdf");
    let o = write_report(&data, &file, &["--agency", &known.polk.to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = pdf_text(&file).unwrap();
    let store = common::open_store(&data).unwrap();
    let detail = store.agency_detail(known.polk, today()).unwrap();
    assert!(text.contains("Compliance report: Polk County Sheriff's Office"));
    for a in &detail.agreements {
        assert!(text.contains(&format!("(agreement {})", a.agreement.id)));
        for c in &a.checks {
            let title = c.title.to_string();
            assert!(text.contains(&title), "requirement {}: {title}", c.id);
            assert!(text.contains(&c.id.to_string()), "{}", c.id);
            assert!(text.contains(&c.status.to_string()), "{}", c.status);
        }
    }
    for seen in [
        "Waived",
        "Not met",
        "Dee Evans",
        "Eli Fox",
        OVERRIDE,
        "R. Jones, ERO Assistant Director",
        "Decisions (1)",
        "History",
    ] {
        assert!(text.contains(seen), "{seen}: {text}");
    }
    let head = store.chain_head().unwrap().unwrap();
    assert!(
        text.contains(&head.in_words()),
        "the chain head at the foot"
    );
    assert!(text.contains("Page 1 of"), "numbered pages");
}

#[test]
fn the_summary_as_pdf_holds_the_dashboards_figures_and_html_stays_html() {
    let (dir, data, _) = registry_dir();
    let file = dir.path().join("summary.pdf");
    let o = write_report(&data, &file, &["--summary"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read(&file).unwrap().starts_with(b"%PDF-"));
    if let Some(text) = pdf_text(&file) {
        assert!(text.contains("287(g) program summary"));
        assert!(text.contains(&format!("changes are counted since {}", since())));
        assert!(text.contains("Active agreements meeting every requirement: 33% (1 of 3)"));
        assert!(text.contains("TX Texas"), "{text}");
        for heading in [
            "Headline figures",
            "Pipeline",
            "Agreements signed per month",
        ] {
            assert!(text.contains(heading), "{heading}");
        }
    }
    for name in ["summary.html", "summary.HTM"] {
        let file = dir.path().join(name);
        let o = write_report(&data, &file, &["--summary"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let html = std::fs::read_to_string(&file).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>"), "{name}");
    }
}

#[test]
fn a_file_name_that_is_neither_pdf_nor_html_is_refused_with_exit_2_and_nothing_written() {
    let (dir, data, known) = registry_dir();
    let agency = known.harris.to_string();
    for name in ["r.txt", "r", "r.pdf.txt"] {
        let file = dir.path().join(name);
        for args in [vec!["--agency", agency.as_str()], vec!["--summary"]] {
            let o = write_report(&data, &file, &args);
            assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
            let said = stderr(&o);
            assert!(
                said.contains(name) && said.contains(".pdf or .html"),
                "{said}"
            );
            assert!(!file.exists(), "{name} written");
        }
    }
    // Refused even with --force over an existing file, which is kept.
    let kept = dir.path().join("kept.txt");
    std::fs::write(&kept, "kept").unwrap();
    let o = write_report(&data, &kept, &["--agency", &agency, "--force"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "kept");
}
