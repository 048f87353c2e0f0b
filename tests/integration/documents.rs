//! Documents kept with the record, through the real binary: ICE's 14 real MOAs matched to
//! their agreements after importing ICE's lists, read and compared; a deliberate mismatch on
//! the review list; an attachment through backup and restore, in the history with its hash,
//! named by `verify` when its bytes change; the size limit.

use crate::common;

use common::{fixture, g287, snapshot, stderr, stdout};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", stdout(out), stderr(out)))
}

fn moa_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/moa")
}

fn moa(name: &str) -> PathBuf {
    moa_dir().join(name)
}

/// A data folder holding ICE's participating lists of 16 May and 18 July 2025, whose MOA
/// links end in the 14 fixtures' names (checked in the test below).
fn with_ice_lists(dir: &Path) -> PathBuf {
    let data = dir.join("data");
    let out = g287(
        &data,
        &[
            "import",
            fixture("participatingAgencies05162025am.xlsx")
                .to_str()
                .unwrap(),
            fixture("participatingAgencies07182025pm.xlsx")
                .to_str()
                .unwrap(),
        ],
    );
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}",
        stderr(&out)
    );
    data
}

/// Every agreement of `g287 agencies --format json`, with its agency.
fn agreements(data: &Path) -> Vec<(Value, Value)> {
    let all = json(&g287(data, &["agencies", "--format", "json"]));
    all.as_array()
        .unwrap()
        .iter()
        .flat_map(|a| {
            a["agreements"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |g| (a.clone(), g.clone()))
        })
        .collect()
}

fn sha256(bytes: &[u8]) -> String {
    g287::documents::sha256_hex(bytes)
}

const SCANS: [&str; 3] = [
    "HenryCountySheriffAL_JEM_MOA_031425.pdf",
    "JacksonCountySOMN_JEM_MOA_030625.pdf",
    "LeeCoSheriffsOffice_JEM_MOA_02.20.2025.pdf",
];

#[test]
fn documents_the_fourteen_real_moas_each_find_their_agreement_by_its_link() {
    let dir = tempfile::tempdir().unwrap();
    let data = with_ice_lists(dir.path());
    // Which agreement's MOA link ends in each file name, as the lists give it.
    let listed = agreements(&data);
    let by_link = |file: &str| -> Vec<i64> {
        listed
            .iter()
            .filter(|(_, g)| {
                g["moa_url"]
                    .as_str()
                    .and_then(g287::documents::moa_file_name)
                    .as_deref()
                    == Some(file)
            })
            .map(|(_, g)| g["id"].as_i64().unwrap())
            .collect()
    };
    let mut names: Vec<String> = std::fs::read_dir(moa_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 14);
    for name in &names {
        assert_eq!(
            by_link(name).len(),
            1,
            "{name} is the link of one agreement"
        );
    }

    let started = std::time::Instant::now();
    let out = g287(
        &data,
        &[
            "attach-moas",
            moa_dir().to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let batch = json(&out);
    assert_eq!(batch["unmatched"], serde_json::json!([]));
    assert_eq!(batch["mismatches"], serde_json::json!([]), "{batch:#}");
    let matched = batch["matched"].as_array().unwrap();
    assert_eq!(matched.len(), 14);
    for m in matched {
        let file = m["file"].as_str().unwrap();
        assert_eq!(m["by"], "file_name", "{file}");
        assert_eq!(m["agreement"].as_i64().unwrap(), by_link(file)[0], "{file}");
        let read = &m["moa_read"];
        if SCANS.contains(&file) {
            assert_eq!(read["unreadable"], "no text layer (a scan)", "{file}");
            assert_eq!(
                read["model"],
                Value::Null,
                "{file}: nothing read from a scan"
            );
        } else if file.starts_with("287gWSO_BakerCo") {
            // Its title page names no model the reader knows (see README): nothing guessed.
            assert_eq!(read["model"], Value::Null);
            assert_eq!(read["unreadable"], Value::Null);
        } else {
            assert_eq!(read["unreadable"], Value::Null, "{file}");
            assert_eq!(
                read["model"], m["model"],
                "{file}: the model read is the agreement's"
            );
        }
    }
    assert_eq!(batch["unreadable"].as_array().unwrap().len(), 3);
    eprintln!("attach-moas of the 14 MOAs took {took:?}");

    // The contract of `agencies --format json`: documents and what was read.
    let now = agreements(&data);
    for name in &names {
        let id = by_link(name)[0];
        let (_, g) = now.iter().find(|(_, g)| g["id"] == id).unwrap();
        let docs = g["documents"].as_array().unwrap();
        assert_eq!(docs.len(), 1, "{name}");
        let bytes = std::fs::read(moa(name)).unwrap();
        assert_eq!(docs[0]["name"], name.as_str());
        assert_eq!(docs[0]["sha256"], sha256(&bytes));
        assert_eq!(docs[0]["bytes"], bytes.len() as u64);
        assert_eq!(docs[0]["kind"], "pdf");
        assert!(g["moa_read"].is_object(), "{name}");
    }
    let hamilton = &now
        .iter()
        .find(|(_, g)| g["id"] == by_link("HamiltonCoIN_JEM_MOA_03.03.2025.pdf")[0])
        .unwrap()
        .1["moa_read"];
    assert_eq!(hamilton["model"], "jem");
    assert_eq!(hamilton["agency"], "Hamilton County Sheriff's Office, IN");
    assert_eq!(hamilton["signers"][1]["name"], "Caleb Vitello");
    assert_eq!(hamilton["signers"][1]["date"], "2025-03-03");

    // Again: every one is already attached; nothing is written.
    let before = json(&g287(&data, &["history", "--format", "json"]));
    let again = json(&g287(
        &data,
        &[
            "attach-moas",
            moa_dir().to_str().unwrap(),
            "--format",
            "json",
        ],
    ));
    assert!(
        again["matched"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["already_attached"] == true)
    );
    assert_eq!(json(&g287(&data, &["history", "--format", "json"])), before);
    let verified = g287(&data, &["verify"]);
    assert!(verified.status.success(), "{}", stdout(&verified));
    assert!(stdout(&verified).contains("14 documents hash as recorded"));
}

#[test]
fn documents_a_pdf_no_link_names_is_listed_never_attached_at_a_guess() {
    let dir = tempfile::tempdir().unwrap();
    let data = with_ice_lists(dir.path());
    let folder = dir.path().join("renamed");
    std::fs::create_dir_all(&folder).unwrap();
    // A scan under another name: nothing to match it by.
    std::fs::copy(moa(SCANS[0]), folder.join("scan-0001.pdf")).unwrap();
    // A text MOA under another name, whose reading states no state: not matched by content.
    std::fs::copy(
        moa("NavajoCoAZ_WSO_MOA_04.16.2025.pdf"),
        folder.join("navajo.pdf"),
    )
    .unwrap();
    // Bartow's states model, agency and state: matched by what it says.
    std::fs::copy(
        moa("BartowPDFL_TFM_MOA_042925.pdf"),
        folder.join("bartow-signed.pdf"),
    )
    .unwrap();
    let out = g287(
        &data,
        &["attach-moas", folder.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let batch = json(&out);
    assert_eq!(
        batch["unmatched"],
        serde_json::json!(["navajo.pdf", "scan-0001.pdf"])
    );
    assert!(
        batch["why_unmatched"][1]
            .as_str()
            .unwrap()
            .contains("no text layer")
    );
    assert_eq!(batch["matched"].as_array().unwrap().len(), 1);
    assert_eq!(batch["matched"][0]["file"], "bartow-signed.pdf");
    assert_eq!(batch["matched"][0]["by"], "content");
    assert!(
        batch["matched"][0]["agency"]
            .as_str()
            .unwrap()
            .starts_with("Bartow Police Department (FL)")
    );
}

#[test]
fn documents_an_moa_on_an_agreement_of_another_model_reaches_review_with_both_values() {
    let dir = tempfile::tempdir().unwrap();
    let data = with_ice_lists(dir.path());
    let listed = agreements(&data);
    // Crenshaw's WSO MOA, attached by mistake to Henry County's JEM agreement.
    let (_, henry) = listed
        .iter()
        .find(|(a, g)| {
            a["name"] == "Henry County Sheriff's Office"
                && a["state"] == "AL"
                && g["model"] == "jem"
        })
        .unwrap();
    let id = henry["id"].as_i64().unwrap().to_string();
    let out = g287(
        &data,
        &[
            "attach",
            "--agreement",
            &id,
            moa("CrenshawCoAL_WSO_MOA_04.16.2025.pdf").to_str().unwrap(),
            "--role",
            "moa",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("model disagrees"), "{}", stdout(&out));
    let checks = json(&g287(&data, &["moa-checks", "--format", "json"]));
    let model = checks
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "model")
        .unwrap_or_else(|| panic!("{checks:#}"));
    assert_eq!(model["kind"], "disagrees");
    assert_eq!(model["in_moa"], "Warrant Service Officer");
    assert_eq!(model["in_registry"], "Jail Enforcement Model");
    assert_eq!(model["agreement_id"].as_i64().unwrap().to_string(), id);
    let agency = checks
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "agency")
        .unwrap();
    assert_eq!(agency["in_moa"], "Crenshaw County Sheriffs Office, AL");
    assert_eq!(agency["in_registry"], "Henry County Sheriff's Office");

    // A disagreement cannot be "accepted" into the registry; it is dismissed with a reason.
    let check = model["id"].as_i64().unwrap().to_string();
    assert_eq!(
        g287(&data, &["moa-check", &check, "--accept"])
            .status
            .code(),
        Some(2)
    );
    let dismissed = g287(
        &data,
        &["moa-check", &check, "--dismiss", "wrong file: removed"],
    );
    assert!(dismissed.status.success(), "{}", stderr(&dismissed));
    let left = json(&g287(&data, &["moa-checks", "--format", "json"]));
    assert!(
        left.as_array()
            .unwrap()
            .iter()
            .all(|c| c["field"] != "model")
    );
    assert!(g287(&data, &["verify"]).status.success());
}

#[test]
fn documents_a_signature_read_fills_the_empty_one_only_when_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let data = with_ice_lists(dir.path());
    let listed = agreements(&data);
    let (_, hamilton) = listed
        .iter()
        .find(|(a, g)| {
            a["name"] == "Hamilton County Sheriff's Office"
                && a["state"] == "IN"
                && g["model"] == "jem"
        })
        .unwrap();
    let id = hamilton["id"].as_i64().unwrap();
    let out = g287(
        &data,
        &[
            "attach",
            "--agreement",
            &id.to_string(),
            moa("HamiltonCoIN_JEM_MOA_03.03.2025.pdf").to_str().unwrap(),
            "--role",
            "moa",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let signing = |data: &Path| {
        agreements(data)
            .into_iter()
            .find(|(_, g)| g["id"] == id)
            .unwrap()
            .1["signing"]
            .clone()
    };
    assert_eq!(
        signing(&data)["component"],
        Value::Null,
        "nothing filled unasked"
    );
    let checks = json(&g287(&data, &["moa-checks", "--format", "json"]));
    let fill = checks
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "component_signature")
        .unwrap();
    assert_eq!(fill["kind"], "fills");
    assert_eq!(fill["in_moa"], "Caleb Vitello, Acting Director, 2025-03-03");
    let accepted = g287(
        &data,
        &[
            "moa-check",
            &fill["id"].as_i64().unwrap().to_string(),
            "--accept",
        ],
    );
    assert!(accepted.status.success(), "{}", stderr(&accepted));
    let component = &signing(&data)["component"];
    assert_eq!(component["name"], "Caleb Vitello");
    assert_eq!(component["title"], "Acting Director");
    assert_eq!(component["on"], "2025-03-03");
    assert!(g287(&data, &["verify"]).status.success());
}

/// A demo registry with one small document attached to agreement `id`; returns the data
/// folder, the agreement and the document's bytes.
fn demo_with_document(dir: &Path) -> (PathBuf, String, Vec<u8>) {
    let data = dir.join("data");
    assert!(
        g287(&data, &["demo", "--agencies", "5", "--seed", "3"])
            .status
            .success()
    );
    let id = agreements(&data)[0].1["id"].as_i64().unwrap().to_string();
    let file = dir.join("Minutes of 2 June.docx");
    let bytes = b"PK\x03\x04 word/document.xml -- the minutes of the steering meeting".to_vec();
    std::fs::write(&file, &bytes).unwrap();
    let out = g287(
        &data,
        &["attach", "--agreement", &id, file.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains(&sha256(&bytes)), "{}", stdout(&out));
    (data, id, bytes)
}

#[test]
fn documents_an_attachment_is_in_the_history_with_its_hash_and_survives_backup_and_restore() {
    if common::sqlite_only("a backup file and its restore") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (data, id, bytes) = demo_with_document(dir.path());
    let hash = sha256(&bytes);
    let history = json(&g287(&data, &["history", "--format", "json"]));
    let entry = &history[0];
    assert_eq!(entry["entity"], "document");
    assert_eq!(entry["action"], "attach");
    assert_eq!(entry["changes"]["sha256"], hash.as_str());
    assert_eq!(entry["changes"]["kind"], "docx");

    let backup = dir.path().join("backup.sqlite3");
    assert!(
        g287(&data, &["backup", backup.to_str().unwrap()])
            .status
            .success()
    );
    let other = dir.path().join("other");
    let restored = g287(&other, &["restore", backup.to_str().unwrap()]);
    assert!(restored.status.success(), "{}", stderr(&restored));
    let docs = json(&g287(
        &other,
        &["documents", "--agreement", &id, "--format", "json"],
    ));
    assert_eq!(docs[0]["sha256"], hash.as_str());
    let copy = dir.path().join("copy.docx");
    let doc = docs[0]["id"].as_i64().unwrap().to_string();
    let saved = g287(
        &other,
        &["document", &doc, "--save", copy.to_str().unwrap()],
    );
    assert!(saved.status.success(), "{}", stderr(&saved));
    assert_eq!(std::fs::read(&copy).unwrap(), bytes);
    // A copy never overwrites.
    assert_eq!(
        g287(
            &other,
            &["document", &doc, "--save", copy.to_str().unwrap()]
        )
        .status
        .code(),
        Some(5)
    );
    assert!(g287(&other, &["verify"]).status.success());

    // The same bytes on another agreement are stored once; removing asks first.
    let second = agreements(&data)[1].1["id"].as_i64().unwrap().to_string();
    let file = dir.path().join("again.docx");
    std::fs::write(&file, &bytes).unwrap();
    let out = g287(
        &data,
        &["attach", "--agreement", &second, file.to_str().unwrap()],
    );
    assert!(stdout(&out).contains("stored once"), "{}", stdout(&out));
    let db = rusqlite::Connection::open(data.join("g287.sqlite3")).unwrap();
    let count = |sql: &str| -> i64 { db.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM documents"), 1);
    assert_eq!(count("SELECT count(*) FROM document_contents"), 1);
    assert_eq!(count("SELECT count(*) FROM attachments"), 2);
    let refused = g287(&data, &["document", &doc, "--remove"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("--yes"));
    let removed = g287(&data, &["document", &doc, "--remove", "--yes"]);
    assert!(removed.status.success(), "{}", stderr(&removed));
    let left = json(&g287(
        &data,
        &["documents", "--agreement", &id, "--format", "json"],
    ));
    assert_eq!(left, serde_json::json!([]));
    let history = json(&g287(&data, &["history", "--format", "json"]));
    assert_eq!(history[0]["action"], "remove");
    assert!(g287(&data, &["verify"]).status.success());
}

#[test]
fn documents_a_byte_changed_in_a_stored_document_is_named_by_verify() {
    if common::sqlite_only(
        "changing a blob with SQLite alone (postgres.rs changes one on the server)",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (data, _, _) = demo_with_document(dir.path());
    assert!(g287(&data, &["verify"]).status.success());
    {
        let db = rusqlite::Connection::open(data.join("g287.sqlite3")).unwrap();
        let mut content: Vec<u8> = db
            .query_row("SELECT content FROM document_contents", [], |r| r.get(0))
            .unwrap();
        content[10] ^= 0x01;
        db.execute("UPDATE document_contents SET content = ?1", [&content])
            .unwrap();
    }
    let out = g287(&data, &["verify"]);
    assert_eq!(out.status.code(), Some(4));
    let text = stdout(&out);
    assert!(
        text.contains("Minutes of 2 June.docx (agreement") && text.contains("changed outside g287"),
        "{text}"
    );
    let report = json(&g287(&data, &["verify", "--format", "json"]));
    assert_eq!(report["ok"], false);
    assert_eq!(report["document_problems"][0]["problem"], "changed");
    {
        let db = rusqlite::Connection::open(data.join("g287.sqlite3")).unwrap();
        db.execute("DELETE FROM document_contents WHERE id > 0", [])
            .unwrap();
    }
    let out = g287(&data, &["verify"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stdout(&out).contains("are missing"), "{}", stdout(&out));
}

#[test]
fn documents_over_the_size_limit_are_refused_with_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(
        g287(&data, &["demo", "--agencies", "3", "--seed", "3"])
            .status
            .success()
    );
    let id = agreements(&data)[0].1["id"].as_i64().unwrap().to_string();
    let big = dir.path().join("video.mp4");
    // Sparse: 64 MiB and one byte, without writing them.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(g287::documents::MAX_DOCUMENT_BYTES + 1)
        .unwrap();
    let before = snapshot(&data);
    let out = g287(
        &data,
        &["attach", "--agreement", &id, big.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(
        message.contains("video.mp4")
            && message.contains("67108865 bytes")
            && message.contains("64.0 MB")
            && message.contains("nothing was attached"),
        "{message}"
    );
    assert_eq!(snapshot(&data), before, "nothing written");
    // A record that does not exist: refused, nothing written.
    let small = dir.path().join("note.txt");
    std::fs::write(&small, b"note").unwrap();
    let out = g287(
        &data,
        &["attach", "--nominee", "99999", small.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no nominee with id 99999"),
        "{}",
        stderr(&out)
    );
    assert_eq!(snapshot(&data), before);
}

#[test]
fn documents_the_agency_report_lists_its_documents_with_their_hashes() {
    let dir = tempfile::tempdir().unwrap();
    let (data, id, bytes) = demo_with_document(dir.path());
    let agency = agreements(&data)
        .into_iter()
        .find(|(_, g)| g["id"].as_i64().unwrap().to_string() == id)
        .unwrap()
        .0["id"]
        .as_i64()
        .unwrap()
        .to_string();
    for ext in ["html", "pdf"] {
        let file = dir.path().join(format!("report.{ext}"));
        let out = g287(
            &data,
            &[
                "report",
                "--agency",
                &agency,
                "--out",
                file.to_str().unwrap(),
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(html.contains("Documents (1)"), "no documents section");
    assert!(html.contains("Minutes of 2 June.docx"));
    assert!(html.contains(&sha256(&bytes)));
}
