//! Issue 17: what a hostile file, a concurrent writer or a crafted backup does to g287. Each
//! test failed on the code before the issue was resolved.

use crate::common;

use common::{g287, sheriff, stderr, stdout};
use std::path::Path;

/// ESC and BEL in an agency name (from a database written before names were checked) were
/// printed raw by `g287 agencies`: they cleared the screen and set the terminal's title.
#[test]
fn control_characters_in_a_name_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut store = g287::store::Store::open_in(&data).unwrap();
    store
        .write(|w| w.create_agency(&sheriff("Polk\u{1b}]0;owned\u{7}\u{1b}[2J Sheriff")))
        .unwrap();
    drop(store);
    for format in ["table", "json"] {
        let out = g287(&data, &["agencies", "--format", format]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
        assert!(text.contains("Polk\\u001b]0;owned\\u0007"), "{text}");
    }
}

/// Bytes of a file, for comparing before and after.
fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}
