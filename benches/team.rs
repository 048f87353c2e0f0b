//! A team at work on one registry: 8 coordinator sessions at once, on PostgreSQL and, for
//! comparison, on the SQLite file.
//!
//! Each backend gets the same registry (`Registry::demo(300, 287)`), then 8 sessions, each a
//! thread with its own clone of the [`Registry`], work for 60 seconds: every operation opens
//! its own connection, as the window does. A session's operations, drawn by its own seeded
//! `fastrand` generator:
//! - 35 %: add one year to the experience of one of 4 nominees every session works on (the
//!   contention, on purpose);
//! - 20 %: the same on any other nominee;
//! - 25 %: count up the contact of an agency (half of the time one of 8 every session works
//!   on), as `… #bench N`;
//! - 20 %: record a decision on an agreement of any agency: one the rules admit for its status
//!   (an acceptance with an override, a suspension of an active one); the rules' refusals are
//!   counted, and are not saves.
//!
//! An edit reads the agency first (`Registry::agency`) and saves with the version it read
//! (`seen`); a save refused because someone saved the record meanwhile
//! (`StoreError::Changed`) is read again and retried, and so is one that met a lock
//! (`StoreError::Locked`); both are counted. One session also imports the next edition of ICE's
//! real lists (`tests/fixtures/ice/series`) 7.5 s in, then every 15 s.
//!
//! No update may be lost: every nominee's experience and every agency's counter must end at
//! its value before the run plus the increments the sessions saw saved; what differs is
//! printed as lost updates, and for each record short, how many saves returned `Ok` against
//! how many entries its history holds (a save that returned `Ok` and wrote nothing). Then
//! `Registry::verify` checks the database and the whole history.
//!
//! A save's time is that of the call that saved (`Registry::edit` or `Registry::decide`: its
//! connection, its transaction and, for an edit, reading the agency back); the time with
//! retries runs from the first read of the operation to its save.
//!
//! Run: `cargo bench --bench team` (a little over two minutes). A quick run:
//! `G287_BENCH_SECONDS=10 cargo bench --bench team`. PostgreSQL runs on a throwaway server
//! (`tests/common/postgres.rs`) when its programs are installed, else SQLite only, said so.

#[path = "../tests/common/postgres.rs"]
#[allow(dead_code)]
mod postgres;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use g287::domain::{AgencyDetails, AgencyId, DecisionDraft, NomineeId, Outcome, Status};
use g287::registry::{Edit, ListOptions, Location, Registry, RegistryError, StoreError, today};

/// Coordinator sessions at once.
const SESSIONS: usize = 8;
/// Agencies of the demo registry, and its seed.
const AGENCIES: usize = 300;
const SEED: u64 = 287;
/// Nominees and agencies every session works on.
const HOT_NOMINEES: usize = 4;
const HOT_AGENCIES: usize = 8;
/// When the importing session imports: first, then every.
const FIRST_IMPORT: Duration = Duration::from_millis(7_500);
const IMPORT_EVERY: Duration = Duration::from_secs(15);
/// Attempts of one operation before it is given up.
const ATTEMPTS: usize = 200;
/// The contact counter's mark.
const MARK: &str = " #bench ";

/// A nominee as the sessions know it.
#[derive(Debug, Clone, Copy)]
struct NomineeRef {
    id: NomineeId,
    agency: AgencyId,
}

/// What the sessions work on, read before they start.
struct Work {
    agencies: Vec<AgencyId>,
    /// The agencies with an agreement to decide on.
    deciding: Vec<AgencyId>,
    hot_agencies: Vec<AgencyId>,
    nominees: Vec<NomineeRef>,
    hot_nominees: Vec<NomineeRef>,
    /// Every nominee's experience and every agency's counter before the run.
    nominee_start: HashMap<i64, f32>,
    agency_start: HashMap<i64, u64>,
    /// The editions of ICE's lists to import, in date order.
    editions: Vec<(String, Vec<PathBuf>)>,
}

/// What one session did.
#[derive(Default)]
struct Tally {
    edits: u64,
    decisions: u64,
    /// Microseconds of each successful save call, and of each operation from its first read
    /// to its save.
    save_us: Vec<u64>,
    op_us: Vec<u64>,
    conflicts: u64,
    locked: u64,
    refused: u64,
    given_up: u64,
    errors: BTreeMap<String, u64>,
    imports: Vec<(String, Duration, String)>,
    nominee_increments: HashMap<i64, u64>,
    agency_increments: HashMap<i64, u64>,
}

/// How one attempt ended.
enum Attempt {
    Saved,
    Changed,
    Locked,
    Refused,
    Failed(String),
}

fn attempt<T>(result: Result<T, RegistryError>) -> Attempt {
    match result {
        Ok(_) => Attempt::Saved,
        Err(RegistryError::Store(StoreError::Changed(_))) => Attempt::Changed,
        Err(RegistryError::Store(StoreError::Locked(_))) => Attempt::Locked,
        Err(RegistryError::Store(StoreError::Refused(_))) => Attempt::Refused,
        Err(e) => Attempt::Failed(e.to_string()),
    }
}

/// The counter at the end of an agency's contact (0 when none).
fn counter(contact: Option<&str>) -> u64 {
    contact
        .and_then(|c| c.rsplit_once(MARK))
        .and_then(|(_, n)| n.parse().ok())
        .unwrap_or(0)
}

/// The contact with its counter one up.
fn counted_up(contact: Option<&str>) -> String {
    let n = counter(contact);
    let base = match contact {
        Some(c) => c.rsplit_once(MARK).map_or(c, |(base, _)| base),
        None => "Coordinator's desk",
    };
    format!("{base}{MARK}{}", n + 1)
}

/// The decision a coordinator would record on an agreement with `status`: one its rules admit
/// (a superseded one admits none: the refusal is counted).
fn decision_for(agreement: &g287::domain::Agreement) -> DecisionDraft {
    let today = today();
    let (outcome, until) = match agreement.status {
        Status::Active => (Outcome::Suspended, Some(today + chrono::Days::new(30))),
        _ => (Outcome::Accepted, None),
    };
    DecisionDraft {
        agreement_id: agreement.id,
        component: agreement.component,
        outcome,
        decided_on: today,
        official: "Field Office Director (bench)".into(),
        grounds: Some("team bench".into()),
        override_justification: Some(
            "Accepted pending the records the field office will send".into(),
        ),
        suspended_until: until,
    }
}

/// Runs one operation: `read` then `save` until saved, retrying a change made meanwhile or a
/// lock; records the outcome in `tally`. Returns whether it saved.
fn operation(
    tally: &mut Tally,
    deadline: Instant,
    mut once: impl FnMut() -> Result<(Instant, Attempt), String>,
) -> bool {
    let started = Instant::now();
    for _ in 0..ATTEMPTS {
        let (save_started, outcome) = match once() {
            Ok(done) => done,
            Err(read_failed) => {
                *tally.errors.entry(read_failed).or_default() += 1;
                return false;
            }
        };
        let now = Instant::now();
        match outcome {
            Attempt::Saved => {
                tally.save_us.push((now - save_started).as_micros() as u64);
                tally.op_us.push((now - started).as_micros() as u64);
                return true;
            }
            Attempt::Changed => tally.conflicts += 1,
            Attempt::Locked => tally.locked += 1,
            Attempt::Refused => {
                tally.refused += 1;
                return false;
            }
            Attempt::Failed(why) => {
                *tally.errors.entry(why).or_default() += 1;
                return false;
            }
        }
        // Bounded: a retry is not started past the deadline.
        if now >= deadline {
            break;
        }
    }
    tally.given_up += 1;
    false
}

fn increment_nominee(registry: &Registry, n: NomineeRef, tally: &mut Tally, deadline: Instant) {
    let saved = operation(tally, deadline, || {
        let detail = registry.agency(n.agency).map_err(|e| e.to_string())?;
        let nominee = detail
            .agreements
            .iter()
            .flat_map(|a| &a.nominees)
            .find(|x| x.id == n.id)
            .ok_or("a nominee vanished")?;
        let mut details = nominee.details.clone();
        details.years_experience = Some(details.years_experience.unwrap_or(0.0) + 1.0);
        let seen = detail.versions.of("nominee", n.id.0);
        let at = Instant::now();
        let result = registry.edit(&Edit::UpdateNominee {
            id: n.id,
            details,
            seen: Some(seen),
        });
        Ok((at, attempt(result)))
    });
    if saved {
        tally.edits += 1;
        *tally.nominee_increments.entry(n.id.0).or_default() += 1;
    }
}

fn count_up_agency(registry: &Registry, id: AgencyId, tally: &mut Tally, deadline: Instant) {
    let saved = operation(tally, deadline, || {
        let detail = registry.agency(id).map_err(|e| e.to_string())?;
        let details = AgencyDetails {
            contact: Some(counted_up(detail.agency.details.contact.as_deref())),
            ..detail.agency.details.clone()
        };
        let seen = detail.versions.of("agency", id.0);
        let at = Instant::now();
        let result = registry.edit(&Edit::SaveAgency {
            id: Some(id),
            details,
            seen: Some(seen),
        });
        Ok((at, attempt(result)))
    });
    if saved {
        tally.edits += 1;
        *tally.agency_increments.entry(id.0).or_default() += 1;
    }
}

fn decide(
    registry: &Registry,
    id: AgencyId,
    rng: &mut fastrand::Rng,
    tally: &mut Tally,
    deadline: Instant,
) {
    let pick = rng.usize(..64);
    let saved = operation(tally, deadline, || {
        let detail = registry.agency(id).map_err(|e| e.to_string())?;
        let agreement = &detail.agreements[pick % detail.agreements.len()].agreement;
        let draft = decision_for(agreement);
        let at = Instant::now();
        Ok((at, attempt(registry.decide(&draft))))
    });
    if saved {
        tally.decisions += 1;
    }
}

/// One coordinator's session until `deadline`; session 0 also imports.
fn session(registry: Registry, number: usize, work: &Work, start: Instant, end: Instant) -> Tally {
    let mut rng = fastrand::Rng::with_seed(SEED * 1_000 + number as u64);
    let mut tally = Tally::default();
    let mut next_import = start + FIRST_IMPORT;
    let mut edition = 0;
    while Instant::now() < end {
        if number == 0 && Instant::now() >= next_import && edition < work.editions.len() {
            let (name, files) = &work.editions[edition];
            edition += 1;
            next_import += IMPORT_EVERY;
            let started = Instant::now();
            let result = registry.import(files, ListOptions::default(), &mut |_, _| {});
            let took = started.elapsed();
            let what = match result {
                Ok(s) => format!(
                    "{} rows, {} agencies new, {} agreements new",
                    s.rows, s.agencies_new, s.agreements_new
                ),
                Err(e) => format!("FAILED: {e}"),
            };
            tally.imports.push((name.clone(), took, what));
            continue;
        }
        match rng.u32(..100) {
            0..35 => {
                let n = work.hot_nominees[rng.usize(..work.hot_nominees.len())];
                increment_nominee(&registry, n, &mut tally, end);
            }
            35..55 => {
                let n = work.nominees[rng.usize(..work.nominees.len())];
                increment_nominee(&registry, n, &mut tally, end);
            }
            55..80 => {
                let id = if rng.bool() {
                    work.hot_agencies[rng.usize(..work.hot_agencies.len())]
                } else {
                    work.agencies[rng.usize(..work.agencies.len())]
                };
                count_up_agency(&registry, id, &mut tally, end);
            }
            _ => {
                let id = work.deciding[rng.usize(..work.deciding.len())];
                decide(&registry, id, &mut rng, &mut tally, end);
            }
        }
    }
    tally
}

/// The editions of ICE's lists in `tests/fixtures/ice/series`, in date order.
fn editions() -> Vec<(String, Vec<PathBuf>)> {
    let series = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ice/series");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&series)
        .expect("the series of ICE's lists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .collect();
            files.sort();
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            (name, files)
        })
        .collect()
}

/// Reads what the sessions work on, and its values before the run.
fn work_of(registry: &Registry) -> Work {
    let agencies: Vec<AgencyId> = registry
        .agencies()
        .unwrap()
        .iter()
        .map(|a| a.agency.id)
        .collect();
    let mut nominees = Vec::new();
    let mut nominee_start = HashMap::new();
    let mut agency_start = HashMap::new();
    let mut deciding = Vec::new();
    for &id in &agencies {
        let detail = registry.agency(id).unwrap();
        if !detail.agreements.is_empty() {
            deciding.push(id);
        }
        agency_start.insert(id.0, counter(detail.agency.details.contact.as_deref()));
        for n in detail.agreements.iter().flat_map(|a| &a.nominees) {
            nominees.push(NomineeRef {
                id: n.id,
                agency: id,
            });
            nominee_start.insert(n.id.0, n.details.years_experience.unwrap_or(0.0));
        }
    }
    // Spread over the registry, each of another agency where possible.
    let step = (nominees.len() / HOT_NOMINEES).max(1);
    let hot_nominees: Vec<NomineeRef> = nominees
        .iter()
        .step_by(step)
        .take(HOT_NOMINEES)
        .copied()
        .collect();
    let hot_agencies: Vec<AgencyId> = agencies
        .iter()
        .step_by((agencies.len() / HOT_AGENCIES).max(1))
        .take(HOT_AGENCIES)
        .copied()
        .collect();
    Work {
        agencies,
        deciding,
        hot_agencies,
        nominees,
        hot_nominees,
        nominee_start,
        agency_start,
        editions: editions(),
    }
}

/// One backend's figures.
struct Figures {
    backend: String,
    seconds: f64,
    saves: u64,
    p50: f64,
    p99: f64,
    p99_retries: f64,
    conflicts: u64,
    locked: u64,
    refused: u64,
    imports: usize,
    lost: u64,
    verified: String,
}

/// The `q` quantile of sorted microseconds, in milliseconds.
fn quantile_ms(sorted: &[u64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i] as f64 / 1000.0
}

fn run(backend: &str, registry: Registry, seconds: u64) -> Figures {
    println!("\n== {backend} ==");
    let started = Instant::now();
    let made = registry.demo(AGENCIES, SEED).expect("the demo registry");
    println!(
        "setup: demo of {AGENCIES} agencies, seed {SEED}: {made:?} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let work = work_of(&registry);
    println!(
        "work: {} agencies, {} nominees; every session works on nominees {:?} and agencies {:?}; {} editions of ICE's lists to import",
        work.agencies.len(),
        work.nominees.len(),
        work.hot_nominees.iter().map(|n| n.id.0).collect::<Vec<_>>(),
        work.hot_agencies.iter().map(|a| a.0).collect::<Vec<_>>(),
        work.editions.len()
    );

    let start = Instant::now();
    let end = start + Duration::from_secs(seconds);
    let tallies: Vec<Tally> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..SESSIONS)
            .map(|i| {
                let registry = registry.clone();
                let work = &work;
                s.spawn(move || session(registry, i, work, start, end))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let elapsed = start.elapsed().as_secs_f64();

    let mut all = Tally::default();
    for t in tallies {
        all.edits += t.edits;
        all.decisions += t.decisions;
        all.save_us.extend(t.save_us);
        all.op_us.extend(t.op_us);
        all.conflicts += t.conflicts;
        all.locked += t.locked;
        all.refused += t.refused;
        all.given_up += t.given_up;
        for (k, v) in t.errors {
            *all.errors.entry(k).or_default() += v;
        }
        all.imports.extend(t.imports);
        for (k, v) in t.nominee_increments {
            *all.nominee_increments.entry(k).or_default() += v;
        }
        for (k, v) in t.agency_increments {
            *all.agency_increments.entry(k).or_default() += v;
        }
    }
    all.save_us.sort_unstable();
    all.op_us.sort_unstable();
    let saves = all.edits + all.decisions;

    // Lost updates: every counter against its start plus the increments seen saved.
    let by_agency: HashMap<i64, AgencyId> =
        work.nominees.iter().map(|n| (n.id.0, n.agency)).collect();
    let mut to_read: Vec<AgencyId> = all
        .nominee_increments
        .keys()
        .map(|n| by_agency[n])
        .chain(all.agency_increments.keys().map(|&a| AgencyId(a)))
        .collect();
    to_read.sort_by_key(|a| a.0);
    to_read.dedup();
    let mut lost = 0u64;
    let mut lost_where = Vec::new();
    let mut lost_agencies = Vec::new();
    for id in to_read {
        let detail = registry.agency(id).unwrap();
        if let Some(&k) = all.agency_increments.get(&id.0) {
            let expected = work.agency_start[&id.0] + k;
            let actual = counter(detail.agency.details.contact.as_deref());
            if actual != expected {
                lost += expected.abs_diff(actual);
                lost_where.push(format!("agency {}: {actual} for {expected}", id.0));
                lost_agencies.push(id);
            }
        }
        for n in detail.agreements.iter().flat_map(|a| &a.nominees) {
            if let Some(&k) = all.nominee_increments.get(&n.id.0) {
                let expected = work.nominee_start[&n.id.0] as f64 + k as f64;
                let actual = n.details.years_experience.unwrap_or(0.0) as f64;
                if actual != expected {
                    lost += (expected - actual).abs().round() as u64;
                    lost_where.push(format!("nominee {}: {actual} for {expected}", n.id.0));
                    lost_agencies.push(id);
                }
            }
        }
    }
    // Where a counter came out short, its history says how many of the saves counted wrote
    // anything: the entries changing the field during the run (all of them after the start).
    let mut written = Vec::new();
    lost_agencies.dedup();
    for id in lost_agencies {
        let history = registry.history(Some(id)).unwrap();
        for (kind, field, counted) in [
            ("agency", "contact", &all.agency_increments),
            ("nominee", "years_experience", &all.nominee_increments),
        ] {
            let mut entries: BTreeMap<i64, u64> = BTreeMap::new();
            for e in &history {
                if e.entity == kind && e.action == "update" && e.changes.get(field).is_some() {
                    *entries.entry(e.entity_id.unwrap_or(0)).or_default() += 1;
                }
            }
            for (rec, n) in entries {
                let saved = counted.get(&rec).copied().unwrap_or(0);
                if saved != n {
                    written.push(format!(
                        "{kind} {rec}: {saved} saves returned Ok, {n} entries in its history"
                    ));
                }
            }
        }
    }
    let hot: u64 = work
        .hot_nominees
        .iter()
        .map(|n| all.nominee_increments.get(&n.id.0).copied().unwrap_or(0))
        .sum();

    let verify_started = Instant::now();
    let verified = registry.verify(None);
    let verify_took = verify_started.elapsed().as_secs_f64();
    let verified = match verified {
        Ok(v) if v.ok() => format!(
            "passes ({} entries, {} rows proven) in {verify_took:.1} s",
            v.verification.entries, v.verification.rows_proven
        ),
        Ok(v) => format!("FAILS in {verify_took:.1} s: {:?}", v.verification),
        Err(e) => format!("FAILED to run: {e}"),
    };

    println!(
        "sessions: {SESSIONS} (each operation opens its own connection, as the app does), {seconds} s asked, {elapsed:.1} s until the last session stopped"
    );
    println!(
        "saves: {saves} ({} edits, {} decisions): {:.1} saves/s",
        all.edits,
        all.decisions,
        saves as f64 / elapsed
    );
    println!(
        "save time (the call that saved: connection, transaction, agency read back), ms: p50 {:.1}, p99 {:.1}, max {:.1}",
        quantile_ms(&all.save_us, 0.5),
        quantile_ms(&all.save_us, 0.99),
        quantile_ms(&all.save_us, 1.0)
    );
    println!(
        "with reads and retries (first read to save), ms: p50 {:.1}, p99 {:.1}, max {:.1}",
        quantile_ms(&all.op_us, 0.5),
        quantile_ms(&all.op_us, 0.99),
        quantile_ms(&all.op_us, 1.0)
    );
    println!(
        "refused as changed meanwhile, re-read and retried: {}; locked, retried: {}; operations given up: {}",
        all.conflicts, all.locked, all.given_up
    );
    println!(
        "decisions refused by the program's rules (not saves): {}",
        all.refused
    );
    if all.errors.is_empty() {
        println!("other errors: none");
    } else {
        for (e, n) in &all.errors {
            println!("other error, {n} times: {e}");
        }
    }
    for (name, took, what) in &all.imports {
        println!("import {name}: {:.2} s, {what}", took.as_secs_f64());
    }
    println!(
        "lost updates: {lost} ({} increments of nominees' experience, {hot} of them on the {} every session works on; {} of agencies' counters){}",
        all.nominee_increments.values().sum::<u64>(),
        work.hot_nominees.len(),
        all.agency_increments.values().sum::<u64>(),
        if lost_where.is_empty() {
            String::new()
        } else {
            format!(": {}", lost_where.join(", "))
        }
    );
    for line in &written {
        println!("  short: {line}");
    }
    println!("verify: {verified}");

    Figures {
        backend: backend.to_string(),
        seconds: elapsed,
        saves,
        p50: quantile_ms(&all.save_us, 0.5),
        p99: quantile_ms(&all.save_us, 0.99),
        p99_retries: quantile_ms(&all.op_us, 0.99),
        conflicts: all.conflicts,
        locked: all.locked,
        refused: all.refused,
        imports: all.imports.len(),
        lost,
        verified: if verified.starts_with("passes") {
            format!("passes, {verify_took:.1} s")
        } else {
            "**fails**".into()
        },
    }
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is read.
    let seconds: u64 = std::env::var("G287_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    println!(
        "team bench: {SESSIONS} sessions for {seconds} s on each backend; {} cores",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let mut figures = Vec::new();

    let file = tempfile::tempdir().unwrap();
    let registry = Registry::open(file.path()).expect("a registry in a folder");
    figures.push(run("SQLite (a file)", registry, seconds));

    match postgres::server() {
        Some(server) => {
            // The throwaway server is started for the tests' speed (fsync off); a team's
            // server writes to disk at every commit, as SQLite does here (synchronous=FULL):
            // measured so, both durable.
            let mut admin = ::postgres::Client::connect(
                &server.connection_string("postgres"),
                ::postgres::NoTls,
            )
            .expect("the throwaway server");
            // One statement each: ALTER SYSTEM refuses a transaction block.
            for setting in [
                "ALTER SYSTEM SET fsync = on",
                "ALTER SYSTEM SET synchronous_commit = on",
                "ALTER SYSTEM SET full_page_writes = on",
                "SELECT pg_reload_conf()",
            ] {
                admin.batch_execute(setting).expect("durable settings");
            }
            drop(admin);
            let data = tempfile::tempdir().unwrap();
            let location = Location {
                data_dir: data.path().to_path_buf(),
                server: Some(server.create_database("team_bench")),
            };
            let registry = Registry::create_on_server(&location).expect("a registry on a server");
            figures.push(run(
                "PostgreSQL (throwaway local server, fsync on)",
                registry,
                seconds,
            ));
        }
        None => println!("\nPostgreSQL NOT RUN: no server programs installed (see above)"),
    }

    println!(
        "\n| backend | sessions | s | saves | saves/s | save p50 ms | save p99 ms | p99 with retries ms | changed meanwhile, retried | locked, retried | rule refusals | imports | lost updates | verify |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for f in &figures {
        println!(
            "| {} | {SESSIONS} | {:.0} | {} | {:.0} | {:.1} | {:.1} | {:.1} | {} | {} | {} | {} | {} | {} |",
            f.backend,
            f.seconds,
            f.saves,
            f.saves as f64 / f.seconds,
            f.p50,
            f.p99,
            f.p99_retries,
            f.conflicts,
            f.locked,
            f.refused,
            f.imports,
            f.lost,
            f.verified
        );
    }
}
