//! The national list of law enforcement agencies through the real binary: the links an import
//! makes and `g287 agencies --format json` reports, a coordinator's confirmation, "no ORI" and
//! undo, a newer FBI file read with `g287 agencies-reference`, an older registry upgraded, and
//! the demo built on real agencies.

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::common::{self, fixture, g287, stderr, stdout};

const JULY: &str = "participatingAgencies07182025pm.xlsx";

fn json(data: &Path, args: &[&str]) -> Value {
    let out = g287(data, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

fn agencies(data: &Path) -> Vec<Value> {
    json(data, &["agencies", "--format", "json"])
        .as_array()
        .unwrap()
        .clone()
}

fn by_name<'a>(list: &'a [Value], state: &str, name: &str) -> &'a Value {
    list.iter()
        .find(|a| a["state"] == state && a["name"] == name)
        .unwrap_or_else(|| panic!("{name} ({state}) is not in the registry"))
}

fn july(dir: &Path) -> PathBuf {
    let data = dir.join("data");
    let out = g287(&data, &["import", fixture(JULY).to_str().unwrap()]);
    // Exit 1: the list's three unreadable signing dates are flagged.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("national list: 609 agencies linked to their ORI, 76 waiting"),
        "{}",
        stdout(&out)
    );
    data
}

fn shipped_csv() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/national-agencies-fbi-lee.csv")
}

#[test]
fn every_agency_of_the_july_list_says_its_ori_and_how_it_was_linked_or_why_not() {
    let dir = tempfile::tempdir().unwrap();
    let data = july(dir.path());
    let list = agencies(&data);
    assert_eq!(list.len(), 685);
    let mut how: HashMap<String, usize> = HashMap::new();
    for a in &list {
        let link = a["ori_link"].as_str().map(str::to_string);
        match &link {
            Some(code) => {
                let ori = a["ori"].as_str().expect("a linked agency carries its ORI");
                assert_eq!(ori.len(), 9);
                assert!(a["ori_link_reason"].is_null(), "{a}");
                assert!(["exact", "name_county"].contains(&code.as_str()), "{a}");
            }
            None => {
                assert!(a["ori"].is_null(), "{a}");
                let reason = a["ori_link_reason"].as_str().unwrap();
                assert!(reason.starts_with("in review: "), "{reason}");
            }
        }
        *how.entry(link.unwrap_or_else(|| "review".into()))
            .or_default() += 1;
    }
    assert_eq!(how["exact"], 607);
    assert_eq!(how["name_county"], 2);
    assert_eq!(how["review"], 76);
    let colbert = by_name(&list, "AL", "Colbert County Sheriff's Office");
    assert_eq!(colbert["ori"], "AL0200000");
    assert_eq!(colbert["ori_link"], "exact");
    // A typo of ICE's, confirmed by its county: linked by name and county.
    let berrien = by_name(&list, "MI", "Berrian County Sheriff's Office");
    assert_eq!(berrien["ori_link"], "name_county");

    // Each waiting agency is listed with its reason and the candidates, best first.
    let waiting = json(&data, &["links", "--format", "json"]);
    let waiting = waiting.as_array().unwrap();
    assert_eq!(waiting.len(), 76);
    // ICE's list names the Walker County sheriff twice (Office and Department): both match
    // TX2360000, so neither takes it on the rules' word, and each names the other.
    for (name, other) in [
        (
            "Walker County Sheriff's Office",
            "Walker County Sheriff’s Department (TX)",
        ),
        (
            "Walker County Sheriff’s Department",
            "Walker County Sheriff's Office (TX)",
        ),
    ] {
        let walker = waiting.iter().find(|w| w["name"] == name).unwrap();
        assert_eq!(
            walker["reason"],
            format!(
                "it matches ORI TX2360000, as does {other}: the registry may hold one agency under two names"
            )
        );
    }
    let fdle = waiting
        .iter()
        .find(|w| w["name"] == "Florida Department of Law Enforcement")
        .unwrap();
    // The FBI lists FDLE as 7 units, none marked as the headquarters: all are candidates.
    let units = fdle["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["name"] == "Department of Law Enforcement:")
        .count();
    assert_eq!(units, 7, "{fdle}");

    // The links are in the history, and the history still proves every row.
    let verify = g287(&data, &["verify"]);
    assert!(verify.status.success(), "{}", stdout(&verify));
}

#[test]
fn a_coordinator_confirms_an_ori_says_there_is_none_or_undoes_a_link_each_in_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let data = july(dir.path());
    let list = agencies(&data);
    let id = |name: &str| {
        by_name(&list, "FL", name)["id"]
            .as_i64()
            .unwrap()
            .to_string()
    };
    let fdle = id("Florida Department of Law Enforcement");
    let guard = id("Florida National Guard");
    let polk = id("Polk County Sheriff's Office");

    // FDLE's headquarters unit, in Leon County (Tallahassee).
    let out = g287(&data, &["link", &fdle, "--ori", "FL0370400"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let list = agencies(&data);
    let fdle_now = by_name(&list, "FL", "Florida Department of Law Enforcement");
    assert_eq!(fdle_now["ori"], "FL0370400");
    assert_eq!(fdle_now["ori_link"], "confirmed");

    // "No ORI" needs a reason; with one it is kept.
    let out = g287(&data, &["link", &guard, "--none"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = g287(
        &data,
        &[
            "link",
            &guard,
            "--none",
            "--reason",
            "a military unit: the FBI lists no National Guard",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let guard_now = by_name(&agencies(&data), "FL", "Florida National Guard").clone();
    assert!(guard_now["ori_link"].is_null());
    assert!(
        guard_now["ori_link_reason"]
            .as_str()
            .unwrap()
            .contains("the FBI lists no National Guard"),
        "{guard_now}"
    );

    // An ORI another agency has, or one the national list does not hold, is refused.
    let out = g287(&data, &["link", &fdle, "--ori", "FL0530000"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("already has this ORI"),
        "{}",
        stderr(&out)
    );
    let out = g287(&data, &["link", &guard, "--ori", "FL9999999"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not in the national list"),
        "{}",
        stderr(&out)
    );

    // Undone, Polk waits on the Review screen, without its ORI, and no import links it again.
    let out = g287(&data, &["link", &polk, "--undo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = g287(&data, &["import", fixture(JULY).to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let polk_now = by_name(&agencies(&data), "FL", "Polk County Sheriff's Office").clone();
    assert!(polk_now["ori"].is_null(), "{polk_now}");
    assert!(
        polk_now["ori_link_reason"]
            .as_str()
            .unwrap()
            .contains("the link to ORI FL0530000 was undone by "),
        "{polk_now}"
    );
    let waiting = json(&data, &["links", "--format", "json"]);
    let polk_waits = waiting
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["name"] == "Polk County Sheriff's Office")
        .expect("Polk waits on the Review screen");
    assert_eq!(polk_waits["candidates"][0]["ori"], "FL0530000");

    let history = json(&data, &["history", "--format", "json"]);
    let links: Vec<&Value> = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "link")
        .collect();
    assert!(
        links
            .iter()
            .any(|e| e["changes"]["ori_link"] == "confirmed" && e["changes"]["ori"] == "FL0370400"),
        "{links:?}"
    );
    assert!(links.iter().any(|e| e["changes"]["ori_link"] == "none"));
    assert!(links.iter().any(|e| e["changes"]["ori_link"] == "undone"));
    assert!(g287(&data, &["verify"]).status.success());
}

#[test]
fn a_newer_national_list_adds_changes_and_removes_agencies_and_sends_a_link_to_a_gone_ori_to_review()
 {
    let dir = tempfile::tempdir().unwrap();
    let data = july(dir.path());
    let shipped = std::fs::read_to_string(shipped_csv()).unwrap();
    let mut newer = String::new();
    for line in shipped.lines() {
        if line.starts_with("FL0530000,") {
            continue; // Polk County, FL: gone
        }
        if line.starts_with("AL0200000,") {
            // Colbert's figures change.
            newer.push_str("AL0200000,2026,Colbert,AL,COLBERT,County,21000,46,24,70,3.33\n");
            continue;
        }
        newer.push_str(line);
        newer.push('\n');
    }
    newer.push_str("FL0539900,2026,Polk County Port Authority,FL,POLK,Other,0,12,3,15,0\n");
    let file = dir.path().join("fbi_lee_2026.csv");
    std::fs::write(&file, newer).unwrap();

    let out = g287(&data, &["agencies-reference", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(
        said.contains("18273 agencies read (1 new, 1 changed, 1 no longer listed)"),
        "{said}"
    );
    // The FBI's federal rows (state FS) are named, not dropped silently.
    assert!(said.contains("FS"), "{said}");
    let list = agencies(&data);
    let polk = by_name(&list, "FL", "Polk County Sheriff's Office");
    assert_eq!(
        polk["ori"], "FL0530000",
        "its ORI is kept: it was not wrong"
    );
    assert!(polk["ori_link"].is_null());
    assert!(
        polk["ori_link_reason"]
            .as_str()
            .unwrap()
            .contains("its ORI FL0530000 is no longer in the national list (fbi_lee_2026.csv)"),
        "{polk}"
    );
    let history = json(&data, &["history", "--format", "json"]);
    let load = history
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["entity"] == "national_list" && e["changes"]["file"] == "fbi_lee_2026.csv")
        .expect("the newer list's reading is in the history");
    assert_eq!(load["changes"]["removed"], 1);
    assert_eq!(load["changes"]["sha256"].as_str().unwrap().len(), 64);
    assert!(g287(&data, &["verify"]).status.success());

    // A file that is not such a list changes nothing.
    let bad = dir.path().join("not-a-list.csv");
    std::fs::write(&bad, "ori,name\nAL0200000,Colbert\n").unwrap();
    let before = agencies(&data);
    let out = g287(&data, &["agencies-reference", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not-a-list.csv"), "{}", stderr(&out));
    assert_eq!(agencies(&data), before);
}

#[test]
fn a_registry_of_schema_4_is_upgraded_with_the_national_list_and_its_agencies_linked() {
    if common::sqlite_only("upgrading a schema-4 file") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/db/schema-v4.sqlite3");
    std::fs::copy(fixture, data.join("g287.sqlite3")).unwrap();
    let list = agencies(&data);
    assert_eq!(list.len(), 30);
    for a in &list {
        assert!(
            a["ori_link"].is_string() || a["ori_link_reason"].is_string(),
            "every agency is linked or says why not: {a}"
        );
        assert!(
            !a["ori_link_reason"]
                .as_str()
                .unwrap_or_default()
                .contains("holds no national list"),
            "{a}"
        );
    }
    assert!(g287(&data, &["verify"]).status.success());
}

#[test]
fn the_demos_agencies_are_real_agencies_in_the_state_shown() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = g287(&data, &["demo", "--agencies", "400", "--seed", "3"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(shipped_csv()).unwrap();
    let national = g287::import::national::read_national_list(&bytes, "shipped")
        .unwrap()
        .list;
    let list = agencies(&data);
    assert_eq!(list.len(), 400);
    let mut linked = 0;
    for a in &list {
        let state = g287::domain::State::parse(a["state"].as_str().unwrap()).unwrap();
        let name = a["name"].as_str().unwrap().to_lowercase();
        // Its FBI row: the one it is linked to, or else one of its state whose name (without
        // the colon the FBI puts after a unit's agency) the demo's name is made from.
        let real = national.in_state(state).iter().any(|row| {
            let bare = row.name.trim_end_matches(':').trim().to_lowercase();
            name.contains(&bare)
                && a["county"].as_str().is_none_or(|c| {
                    row.county.as_deref().is_some_and(|fbi| {
                        c.to_uppercase()
                            .starts_with(fbi.split(',').next().unwrap_or(fbi))
                    })
                })
        });
        assert!(
            real,
            "{name} is not an agency of the national list in {state:?}"
        );
        if let Some(ori) = a["ori"].as_str() {
            linked += 1;
            let row = national
                .agencies()
                .iter()
                .find(|r| r.ori.as_str() == ori)
                .expect("its ORI is in the national list");
            assert_eq!(row.state, state, "{a}");
        }
    }
    assert!(
        linked >= 360,
        "the rules link the demo's agencies: {linked} of 400"
    );
}
