//! `g287 catalogue` end to end: the real binary lists the version in force and any version
//! kept, and names the versions there are when asked for one that is not.

use crate::common;

use common::{g287, stderr, stdout};
use g287::domain::Rule;
use g287::store::Store;

#[test]
fn the_catalogue_lists_the_version_in_force_and_any_version_kept() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let mut store = Store::open_in(&data).unwrap();
        let mut experience = store
            .catalogue()
            .unwrap()
            .get("officer.experience")
            .unwrap()
            .clone();
        experience.rule = Rule::MinExperience { years: 3.0 };
        experience.enabled = false;
        store.write(|w| w.update_requirement(&experience)).unwrap();
    }

    let now = g287(&data, &["catalogue"]);
    assert!(now.status.success(), "{}", stderr(&now));
    let table = stdout(&now);
    let line = table
        .lines()
        .find(|l| l.starts_with("officer.experience "))
        .unwrap();
    assert!(line.contains("at least 3 years of experience"), "{line}");
    assert!(line.contains("retired"), "{line}");
    assert!(
        table.contains("catalogue version 2 (in force): 23 requirements, 4 retired"),
        "{table}"
    );

    let old = g287(&data, &["catalogue", "--version", "1", "--format", "json"]);
    assert!(old.status.success(), "{}", stderr(&old));
    let listing: serde_json::Value = serde_json::from_slice(&old.stdout).unwrap();
    assert_eq!(
        (listing["version"].as_u64(), listing["in_force"].as_u64()),
        (Some(1), Some(2))
    );
    let experience = listing["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "officer.experience")
        .unwrap();
    assert_eq!(experience["threshold"], "at least 2 years of experience");
    assert_eq!(experience["rule"]["years"], 2.0);
    assert_eq!(experience["enabled"], true);

    let old_table = stdout(&g287(&data, &["catalogue", "--version", "1"]));
    assert!(
        old_table
            .contains("catalogue version 1 (version 2 is in force): 23 requirements, 3 retired"),
        "{old_table}"
    );

    let missing = g287(&data, &["catalogue", "--version", "5"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("--version 5: the catalogue has versions 1 to 2"),
        "{}",
        stderr(&missing)
    );
}
