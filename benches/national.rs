//! g287 at national scale (issue 6): every state and local agency in the country.
//!
//! On one dataset built once per run with `g287::demo::fill` (18,000 agencies, about 27,000
//! agreements, 64,000 nominees, 337,000 audit entries):
//! - the check of every agreement against the catalogue (target: under 200 ms), until its
//!   result is in hand, and again with the result freed (its 350,000 requirement checks hold
//!   some 1.4 million strings, which take a good part of that time again to free);
//! - the dashboard's figures, `Store::dashboard`, as the window computes them when the page
//!   opens;
//! - opening an agency, `Store::agency_detail`, on a sample of agencies (target: one 60 Hz frame,
//!   16 ms).
//!
//! And on a national list in ICE's participating format, written by [`national_csv`] (18,000
//! agencies, 32,000 rows; the same bytes as `benches/sqlite3-compare.sh` writes):
//! - reading it (`g287::import::read_list`);
//! - reading and applying it into an empty database, as `g287 import` does (the target, at most
//!   2x `sqlite3`'s `.import` of the same file, is measured by `benches/sqlite3-compare.sh`).
//!
//! Run: `cargo bench --bench national` (about two minutes: the fill alone takes about 6 s).
//! One group: `cargo bench --bench national -- "open an agency"`.

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};
use sha2::{Digest, Sha256};

use g287::domain::AgencyId;
use g287::import::read_list;
use g287::store::imports::ListToApply;
use g287::store::{Store, today};

/// The 50 states and DC as ICE's lists spell them.
const STATES: [&str; 51] = [
    "ALABAMA",
    "ALASKA",
    "ARIZONA",
    "ARKANSAS",
    "CALIFORNIA",
    "COLORADO",
    "CONNECTICUT",
    "DELAWARE",
    "DISTRICT OF COLUMBIA",
    "FLORIDA",
    "GEORGIA",
    "HAWAII",
    "IDAHO",
    "ILLINOIS",
    "INDIANA",
    "IOWA",
    "KANSAS",
    "KENTUCKY",
    "LOUISIANA",
    "MAINE",
    "MARYLAND",
    "MASSACHUSETTS",
    "MICHIGAN",
    "MINNESOTA",
    "MISSISSIPPI",
    "MISSOURI",
    "MONTANA",
    "NEBRASKA",
    "NEVADA",
    "NEW HAMPSHIRE",
    "NEW JERSEY",
    "NEW MEXICO",
    "NEW YORK",
    "NORTH CAROLINA",
    "NORTH DAKOTA",
    "OHIO",
    "OKLAHOMA",
    "OREGON",
    "PENNSYLVANIA",
    "RHODE ISLAND",
    "SOUTH CAROLINA",
    "SOUTH DAKOTA",
    "TENNESSEE",
    "TEXAS",
    "UTAH",
    "VERMONT",
    "VIRGINIA",
    "WASHINGTON",
    "WEST VIRGINIA",
    "WISCONSIN",
    "WYOMING",
];
const PLACE_START: [&str; 20] = [
    "Ash", "Bel", "Cal", "Dun", "Elm", "Fair", "Glen", "Hart", "Iron", "Jas", "Kel", "Lin", "Mar",
    "North", "Oak", "Pine", "Red", "Stone", "West", "York",
];
const PLACE_END: [&str; 20] = [
    "ford", "ton", "ville", "field", "wood", "brook", "dale", "port", "burg", "ridge", "mont",
    "view", "land", "haven", "crest", "well", "mill", "gate", "shire", "water",
];
const MODELS: [&str; 3] = [
    "Jail Enforcement Model",
    "Task Force Model",
    "Warrant Service Officer",
];
/// Agencies on the national list.
const AGENCIES: usize = 18_000;

/// A national list in ICE's participating format: 18,000 agencies over the 50 states and DC
/// (agency `i` in state `i mod 51`), with 1, 2 or 3 agreements each (6,000, 10,000 and 2,000
/// agencies: 32,000 rows), sorted by state as ICE sorts them. Pure arithmetic, no generator
/// state, so that `benches/sqlite3-compare.sh` writes the same bytes with awk.
fn national_csv() -> String {
    let mut out =
        String::from("STATE,LAW ENFORCEMENT AGENCY,TYPE,COUNTY,SUPPORT TYPE,SIGNED,MOA\n");
    let ns = STATES.len();
    for (s, state) in STATES.iter().enumerate() {
        for j in (0..).take_while(|j| j * ns + s < AGENCIES) {
            let i = j * ns + s;
            let place = format!("{}{}", PLACE_START[j % 20], PLACE_END[(j / 20) % 20]);
            let (name, kind, county) = match j % 10 {
                0..=3 => (
                    format!("{place} County Sheriff's Office"),
                    "County",
                    format!("{place} County"),
                ),
                4..=8 => (
                    format!("{place} Police Department"),
                    "Municipality",
                    format!("{}{} County", PLACE_START[(j + 7) % 20], PLACE_END[j % 20]),
                ),
                _ => (
                    format!("{place} State Highway Patrol"),
                    "State Agency",
                    String::new(),
                ),
            };
            let n = match (i * 7) % 9 {
                0..=2 => 1,
                3..=7 => 2,
                _ => 3,
            };
            for (m, model) in MODELS.iter().enumerate() {
                if (n == 1 && m != i % 3) || (n == 2 && m == i % 3) {
                    continue;
                }
                let month = 1 + (i * 5 + m) % 12;
                let day = 1 + (i * 11 + m * 3) % 28;
                let year = 2017 + (i * 13 + m) % 9;
                out.push_str(&format!(
                    "{state},{name},{kind},{county},{model},{month}/{day}/{year},link\n"
                ));
            }
        }
    }
    out
}

/// Reads and applies a list into the store, as `g287 import FILE` does.
fn import(store: &mut Store, file: &Path) -> g287::store::imports::ImportSummary {
    let list = read_list(file, None, None, today()).expect("the national list reads");
    let list = ListToApply::new(list).expect("the national list fingerprints");
    store
        .apply_lists(vec![list], false)
        .expect("the national list applies")
}

fn national(c: &mut Criterion) {
    let today = today();

    // The national list, and one import of it to show what it holds.
    let lists = tempfile::tempdir().unwrap();
    let csv_path = lists.path().join("national.csv");
    let csv = national_csv();
    std::fs::write(&csv_path, &csv).unwrap();
    let hash: String = Sha256::digest(csv.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    println!(
        "national list: {} rows, {} bytes, sha256 {hash}",
        csv.lines().count() - 1,
        csv.len()
    );
    {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        let summary = import(&mut store, &csv_path);
        assert_eq!(
            (summary.rows, summary.agreements_new, summary.agencies_new),
            (32_000, 32_000, 18_000),
            "{summary:?}"
        );
        assert_eq!(summary.flagged, 0, "{:?}", summary.problems);
    }

    // The demo dataset.
    let dir = tempfile::tempdir().unwrap();
    let registry = g287::registry::Registry::open(dir.path()).unwrap();
    let started = Instant::now();
    let made = registry.demo(18_000, 287).unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    println!(
        "demo dataset: {made:?} in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let mut group = c.benchmark_group("national");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));

    assert_eq!(store.check(None, today).unwrap().len(), made.agreements);
    // The check until its result is in hand (freed after the timing, as a caller keeps it).
    group.bench_function("check of every agreement (target 200 ms)", |b| {
        b.iter_with_large_drop(|| store.check(None, today).unwrap())
    });
    // The same with the result freed in the timing: some 1.4 million strings.
    group.bench_function("check of every agreement, then freeing its result", |b| {
        b.iter(|| store.check(None, today).unwrap())
    });

    // The dashboard as the window computes it when the page opens: changes over the last year.
    let year_back = today
        .checked_sub_months(chrono::Months::new(12))
        .unwrap_or(today);
    group.bench_function("dashboard of the whole registry", |b| {
        b.iter(|| store.dashboard(today, year_back).unwrap())
    });

    // A sample of agencies: every 360th, and of those with the most agreements, the one with
    // the longest history.
    let overview = store.overview().unwrap();
    let mut sample: Vec<AgencyId> = overview.iter().step_by(360).map(|a| a.agency.id).collect();
    let most = overview.iter().map(|a| a.agreements.len()).max().unwrap();
    let busiest = overview
        .iter()
        .filter(|a| a.agreements.len() == most)
        .max_by_key(|a| store.history(Some(a.agency.id), None).unwrap().len())
        .map(|a| a.agency.id)
        .unwrap();
    sample.push(busiest);
    let slowest = sample
        .iter()
        .map(|id| {
            let started = Instant::now();
            std::hint::black_box(store.agency_detail(*id, today).unwrap());
            (started.elapsed(), *id)
        })
        .max()
        .unwrap();
    println!(
        "agency detail: {} agencies sampled, slowest once: agency {} in {:.2} ms",
        sample.len(),
        slowest.1,
        slowest.0.as_secs_f64() * 1000.0
    );
    let mut next = 0;
    group.bench_function("open an agency (target 16 ms)", |b| {
        b.iter(|| {
            let id = sample[next % sample.len()];
            next += 1;
            store.agency_detail(id, today).unwrap()
        })
    });

    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("read the national list (32,000 rows)", |b| {
        b.iter(|| read_list(&csv_path, None, None, today).unwrap())
    });
    group.bench_function(
        "import the national list into an empty database (read and apply)",
        |b| {
            b.iter_batched(
                || {
                    let dir = tempfile::tempdir().unwrap();
                    let store = Store::open_in(dir.path()).unwrap();
                    (dir, store)
                },
                |(dir, mut store)| {
                    let summary = import(&mut store, &csv_path);
                    // Closing the database (its WAL checkpoint) is part of what the CLI does.
                    drop(store);
                    (dir, summary)
                },
                BatchSize::PerIteration,
            )
        },
    );
    group.finish();
}

criterion_group!(benches, national);
criterion_main!(benches);
