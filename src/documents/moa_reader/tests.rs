//! The reader on the 14 real MOAs in `tests/fixtures/moa/`, on hostile input, and on links.

use super::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/moa/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
#[ignore]
fn dump_readings() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/moa");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    for name in names {
        let t = std::time::Instant::now();
        let r = read_moa(&fixture(&name));
        println!(
            "{name} ({:?})\n  {}",
            t.elapsed(),
            serde_json::to_string(&r).unwrap()
        );
    }
}

/// Writes each fixture's laid-out text to `$MOA_DUMP` (a folder), to study layouts.
#[test]
#[ignore]
fn dump_layouts() {
    let Ok(out) = std::env::var("MOA_DUMP") else {
        return;
    };
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/moa");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = pdf_text::extract(&std::fs::read(&path).unwrap()).unwrap();
        let mut dump = String::new();
        for (i, page) in text.pages.iter().enumerate() {
            dump += &format!("==== page {}\n", i + 1);
            for line in &page.lines {
                dump += &format!("{:6.1}", line.y);
                for span in &line.spans {
                    dump += &format!(" [{:.0}-{:.0}] {} |", span.x0, span.x1, span.text);
                }
                dump += "\n";
            }
        }
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        std::fs::write(format!("{out}/{stem}.txt"), dump).unwrap();
    }
}
