//! The program at a glance: how many agreements stand where, and how that changed since a
//! chosen date; how long requests wait at each step of the pipeline; active agreements per
//! state; the compliance measures GAO asked for (requirements met, officers certified,
//! refreshers overdue, oversight meetings held, WSO included); agreements signed per month.
//!
//! The figures are computed here from data the store loads in bulk, one agreement at a time
//! ([`DashboardBuilder::add`]), so the whole registry never has to sit in memory as checks. The
//! window and the printed summary both show this one [`Dashboard`], so they cannot disagree.

use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

use super::agreement::{Agreement, Component, Model, Status};
use super::calendar::{Deadline, DeadlineKind, DeadlineState};
use super::check::{CheckStatus, RequirementCheck, Tally, add_months};
use super::nominee::Nominee;
use super::state::State;

/// How long agreements may go between oversight meetings when the catalogue has no rule for it:
/// "at least once a year" (domain.md, and the "no meeting in the last 12 months").
pub const DEFAULT_MEETING_MONTHS: u32 = 12;

/// The fewest months the chart of signings covers, so a `since` date a few weeks back still
/// shows a year of bars.
pub const CHART_MIN_MONTHS: u32 = 12;

/// The most months the chart of signings covers (five years), so that a `since` date far back
/// still leaves bars and labels wide enough to read.
pub const CHART_MAX_MONTHS: u32 = 60;

/// The steps of the pipeline a request goes through before it becomes active.
pub const PIPELINE: [Status; 3] = [Status::Requested, Status::UnderReview, Status::Pending];

/// One entry of an agreement's status history: the status it took and the day that took effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The day the status took effect.
    pub on: NaiveDate,
    /// The status taken.
    pub status: Status,
}

/// Everything the dashboard reads about one agreement.
#[derive(Debug, Clone, Copy)]
pub struct AgreementRecord<'a> {
    /// The agreement (its status is the one in force now).
    pub agreement: &'a Agreement,
    /// Its agency's state.
    pub state: State,
    /// Its status history in the order the changes were recorded (changes on one day keep that
    /// order).
    pub history: &'a [Step],
    /// Its nominated officers.
    pub nominees: &'a [Nominee],
    /// The days oversight meetings were held.
    pub meetings: &'a [NaiveDate],
    /// The requirement engine's checks of the agreement today (only read for active ones).
    pub checks: &'a [RequirementCheck],
    /// The compliance calendar's deadlines of the agreement today (only read for active ones).
    pub deadlines: &'a [Deadline],
}

/// Agreements counted by status, model and component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    cells: [[[usize; 2]; 3]; 10],
}

impl Counts {
    /// Counts one agreement.
    pub fn add(&mut self, status: Status, model: Model, component: Component) {
        self.cells[status as usize][model as usize][component as usize] += 1;
    }

    /// The agreements matching every given part (`None`: any).
    pub fn count(
        &self,
        status: Option<Status>,
        model: Option<Model>,
        component: Option<Component>,
    ) -> usize {
        let mut n = 0;
        for s in Status::ALL {
            for m in Model::ALL {
                for c in Component::ALL {
                    if status.is_none_or(|x| x == s)
                        && model.is_none_or(|x| x == m)
                        && component.is_none_or(|x| x == c)
                    {
                        n += self.cells[s as usize][m as usize][c as usize];
                    }
                }
            }
        }
        n
    }

    /// Every agreement counted.
    pub fn total(&self) -> usize {
        self.count(None, None, None)
    }
}

/// How long agreements waited, in days.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Wait {
    /// How many waits were measured.
    pub count: usize,
    /// The median (the mean of the two middle waits when the count is even).
    pub median_days: Option<f64>,
    /// The longest.
    pub longest_days: Option<u32>,
}

impl Wait {
    /// The median and longest of these waits.
    pub fn of(mut days: Vec<u32>) -> Wait {
        days.sort_unstable();
        let n = days.len();
        let median_days = match n {
            0 => None,
            _ if n % 2 == 1 => Some(f64::from(days[n / 2])),
            _ => Some((f64::from(days[n / 2 - 1]) + f64::from(days[n / 2])) / 2.0),
        };
        Wait {
            count: n,
            median_days,
            longest_days: days.last().copied(),
        }
    }
}

/// One step of the pipeline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PipelineStep {
    /// Requested, under review or pending.
    pub status: Status,
    /// Agreements in this status now.
    pub waiting_now: usize,
    /// The longest of the waits still going on, in days, counted to today.
    pub longest_waiting_now: Option<u32>,
    /// Waits at this step that have ended (the agreement moved on, whatever it moved to).
    pub waited: Wait,
}

/// The compliance measures of the agreements active now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Compliance {
    /// Agreements active now.
    pub active: usize,
    /// Of those, the ones whose every requirement is met (nothing not met, nothing unrecorded).
    pub all_met: usize,
    /// Of those, the ones with nothing unmet only because a decision's override waived it.
    pub met_with_waiver: usize,
    /// Active agreements with at least one requirement the record shows not met.
    pub failing: usize,
    /// Active agreements with nothing not met but something g287 holds no record of (an
    /// agreement known only from ICE's list): unrecorded, not failing.
    pub unrecorded: usize,
    /// Officers nominated under active agreements.
    pub nominated: usize,
    /// Of those, the ones certified.
    pub certified: usize,
    /// Officers whose authorization has expired (Task Force: two years from its date). No
    /// MOA sets an officer refresher deadline, so none is counted overdue.
    pub authorizations_expired: usize,
    /// Active agreements with at least one authorization expired.
    pub agreements_with_authorizations_expired: usize,
    /// The months within which an oversight meeting must have been held.
    pub meeting_months: u32,
    /// Active agreements whose model's MOA carries the yearly meeting (JEM, WSO) and whose
    /// recorded meetings show it overdue, per model (indexed as [`Model::ALL`]).
    pub without_meeting: [usize; 3],
    /// Active agreements owing a meeting with none on record to judge by (known only from
    /// ICE's list), per model: not counted as overdue.
    pub meeting_unrecorded: [usize; 3],
    /// Active agreements per model (indexed as [`Model::ALL`]).
    pub active_by_model: [usize; 3],
}

impl Compliance {
    /// Active agreements whose recorded meetings show one overdue.
    pub fn without_meeting_total(&self) -> usize {
        self.without_meeting.iter().sum()
    }

    /// Active agreements owing a meeting with none on record.
    pub fn meeting_unrecorded_total(&self) -> usize {
        self.meeting_unrecorded.iter().sum()
    }

    /// Those of one model.
    pub fn without_meeting(&self, model: Model) -> usize {
        self.without_meeting[model as usize]
    }

    /// Share of active agreements whose every requirement is met.
    pub fn all_met_share(&self) -> Share {
        Share::new(self.all_met, self.active)
    }

    /// Share of nominated officers who are certified.
    pub fn certified_share(&self) -> Share {
        Share::new(self.certified, self.nominated)
    }
}

/// Agreements signed in one month, per model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MonthSigned {
    /// The first day of the month.
    pub month: NaiveDate,
    /// Signings per model (indexed as [`Model::ALL`]).
    pub by_model: [usize; 3],
}

impl MonthSigned {
    /// Signings of one model.
    pub fn count(&self, model: Model) -> usize {
        self.by_model[model as usize]
    }

    /// Every signing of the month.
    pub fn total(&self) -> usize {
        self.by_model.iter().sum()
    }

    /// "2026-03".
    pub fn label(&self) -> String {
        format!("{}-{:02}", self.month.year(), self.month.month())
    }
}

/// The program at a glance, as of `today`, with changes since `since`.
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    /// The day the figures are for.
    pub today: NaiveDate,
    /// The day changes are counted from.
    pub since: NaiveDate,
    /// Agreements by status, model and component now.
    pub now: Counts,
    /// The same as of `since`: the status in force that day, from the status history;
    /// agreements that did not exist yet are not counted.
    pub then: Counts,
    /// Requested, under review, pending: how many wait there now and how long waits last.
    pub pipeline: [PipelineStep; 3],
    /// From the written request to active, for agreements that went all the way.
    pub request_to_active: Wait,
    /// Agreements active now in each state, DC and territory, in [`State::all`] order.
    pub active_by_state: Vec<(State, usize)>,
    /// The compliance measures of the agreements active now.
    pub compliance: Compliance,
    /// Per state and nationally, the agencies of the national list under an active agreement
    /// and their share of sworn officers and population (see [`coverage`]); empty until the
    /// store adds them, and when the registry holds no national list.
    pub coverage: Vec<coverage::Coverage>,
    /// The agencies with the most nominees per sworn officer, most first.
    pub most_nominated: Vec<coverage::NomineeShare>,
    /// Agreements signed per month, by model, oldest first, over the span [`chart_span`] gives:
    /// the months to this month, or to the latest signing when none falls in the last
    /// [`CHART_MIN_MONTHS`] (a registry of ICE's 2025 lists opened in 2026 still shows its
    /// signings), from the month of `since` when that is further back.
    pub signed: Vec<MonthSigned>,
}

impl Dashboard {
    /// Computes the figures from `records`, as [`DashboardBuilder`] does.
    pub fn compute<'a>(
        today: NaiveDate,
        since: NaiveDate,
        meeting_months: u32,
        records: impl IntoIterator<Item = AgreementRecord<'a>>,
    ) -> Dashboard {
        let mut builder = DashboardBuilder::new(today, since, meeting_months);
        for r in records {
            builder.add(&r);
        }
        builder.finish()
    }

    /// Agreements in `status` now, less as of `since`.
    pub fn change(&self, status: Status) -> i64 {
        self.now.count(Some(status), None, None) as i64
            - self.then.count(Some(status), None, None) as i64
    }

    /// Agreements of `status` and `model` now, less as of `since`.
    pub fn change_of_model(&self, status: Status, model: Model) -> i64 {
        self.now.count(Some(status), Some(model), None) as i64
            - self.then.count(Some(status), Some(model), None) as i64
    }

    /// Agreements active now in `state`.
    pub fn active_in(&self, state: State) -> usize {
        self.active_by_state
            .iter()
            .find(|(s, _)| *s == state)
            .map_or(0, |(_, n)| *n)
    }

    /// The most agreements active in one state.
    pub fn most_active_in_a_state(&self) -> usize {
        self.active_by_state
            .iter()
            .map(|(_, n)| *n)
            .max()
            .unwrap_or(0)
    }

    /// The months the chart of signings covers, in words: "2024-08 to 2025-07".
    pub fn signed_span(&self) -> String {
        match (self.signed.first(), self.signed.last()) {
            (Some(first), Some(last)) => format!("{} to {}", first.label(), last.label()),
            _ => String::new(),
        }
    }

    /// The pipeline step of `status`, if it is one.
    pub fn step(&self, status: Status) -> Option<&PipelineStep> {
        self.pipeline.iter().find(|p| p.status == status)
    }
}

/// Computes a [`Dashboard`] one agreement at a time.
#[derive(Debug, Clone)]
pub struct DashboardBuilder {
    today: NaiveDate,
    since: NaiveDate,
    now: Counts,
    then: Counts,
    stays: [Vec<u32>; 3],
    waiting: [(usize, Option<u32>); 3],
    journeys: Vec<u32>,
    active_by_state: HashMap<State, usize>,
    compliance: Compliance,
    signed: BTreeMap<NaiveDate, [usize; 3]>,
}

impl DashboardBuilder {
    /// Starts the figures for `today`, with changes since `since`, counting agreements without
    /// an oversight meeting in the last `meeting_months`.
    pub fn new(today: NaiveDate, since: NaiveDate, meeting_months: u32) -> DashboardBuilder {
        DashboardBuilder {
            today,
            since,
            now: Counts::default(),
            then: Counts::default(),
            stays: Default::default(),
            waiting: [(0, None); 3],
            journeys: Vec::new(),
            active_by_state: HashMap::new(),
            compliance: Compliance {
                meeting_months,
                ..Compliance::default()
            },
            signed: BTreeMap::new(),
        }
    }

    /// Counts one agreement.
    pub fn add(&mut self, r: &AgreementRecord<'_>) {
        let a = r.agreement;
        self.now.add(a.status, a.model, a.component);
        // Changes on one day keep the order they were recorded in: the sort is stable.
        let mut steps = r.history.to_vec();
        steps.sort_by_key(|s| s.on);
        if let Some(then) = steps.iter().rev().find(|s| s.on <= self.since) {
            self.then.add(then.status, a.model, a.component);
        }
        self.pipeline(a, &steps);
        // Every month with a signing is kept: the chart's span depends on the latest one.
        if let Some(signed) = a.signed_on.filter(|d| *d <= self.today) {
            self.signed.entry(first_of_month(signed)).or_insert([0; 3])[a.model as usize] += 1;
        }
        if a.status == Status::Active {
            *self.active_by_state.entry(r.state).or_default() += 1;
            self.comply(r);
        }
    }

    fn pipeline(&mut self, a: &Agreement, steps: &[Step]) {
        for (i, step) in steps.iter().enumerate() {
            let Some(at) = PIPELINE.iter().position(|p| *p == step.status) else {
                continue;
            };
            match steps.get(i + 1) {
                Some(next) => self.stays[at].push(days_between(step.on, next.on)),
                None if a.status == step.status => {
                    let (_, longest) = &mut self.waiting[at];
                    let waited = days_between(step.on, self.today);
                    *longest = Some(longest.map_or(waited, |l| l.max(waited)));
                }
                None => {}
            }
        }
        if let Some(at) = PIPELINE.iter().position(|p| *p == a.status) {
            self.waiting[at].0 += 1;
        }
        let requested = steps.iter().position(|s| s.status == Status::Requested);
        if let Some(from) = requested
            && let Some(active) = steps[from..].iter().find(|s| s.status == Status::Active)
        {
            self.journeys.push(days_between(steps[from].on, active.on));
        }
    }

    fn comply(&mut self, r: &AgreementRecord<'_>) {
        let c = &mut self.compliance;
        let model = r.agreement.model as usize;
        c.active += 1;
        c.active_by_model[model] += 1;
        let tally = Tally::of(r.checks);
        if tally.not_met > 0 {
            c.failing += 1;
        } else if tally.no_record > 0 {
            c.unrecorded += 1;
        } else if r.checks.iter().any(|k| k.status == CheckStatus::Waived) {
            c.met_with_waiver += 1;
        } else {
            c.all_met += 1;
        }
        c.nominated += r.nominees.len();
        c.certified += r
            .nominees
            .iter()
            .filter(|n| n.details.certified_on.is_some())
            .count();
        let expired = r
            .deadlines
            .iter()
            .filter(|d| d.kind == DeadlineKind::AuthorizationExpiry && d.overdue)
            .count();
        c.authorizations_expired += expired;
        c.agreements_with_authorizations_expired += usize::from(expired > 0);
        // The calendar's meeting deadline exists only where the model's MOA carries the
        // meeting; it tells overdue from unrecorded.
        let meeting = r.deadlines.iter().find(|d| {
            matches!(
                d.kind,
                DeadlineKind::OversightMeeting | DeadlineKind::FirstReview
            )
        });
        match meeting.map(|d| d.state) {
            Some(DeadlineState::Overdue) => c.without_meeting[model] += 1,
            Some(DeadlineState::NoRecord) => c.meeting_unrecorded[model] += 1,
            _ => {}
        }
    }

    /// The figures.
    pub fn finish(self) -> Dashboard {
        let [s0, s1, s2] = self.stays;
        let stays = [s0, s1, s2].map(Wait::of);
        let pipeline = std::array::from_fn(|i| PipelineStep {
            status: PIPELINE[i],
            waiting_now: self.waiting[i].0,
            longest_waiting_now: self.waiting[i].1,
            waited: stays[i],
        });
        Dashboard {
            today: self.today,
            since: self.since,
            now: self.now,
            then: self.then,
            pipeline,
            request_to_active: Wait::of(self.journeys),
            active_by_state: State::all()
                .map(|s| (s, self.active_by_state.get(&s).copied().unwrap_or(0)))
                .collect(),
            compliance: self.compliance,
            coverage: Vec::new(),
            most_nominated: Vec::new(),
            signed: {
                let latest = self.signed.keys().next_back().copied();
                let (first, last) = chart_span(self.today, self.since, latest);
                let mut months = Vec::new();
                let mut month = first;
                while month <= last {
                    let by_model = self.signed.get(&month).copied().unwrap_or([0; 3]);
                    months.push(MonthSigned { month, by_model });
                    month = add_months(month, 1);
                }
                months
            },
        }
    }
}

/// The first and last months (their first days) of the chart of signings, for figures as of
/// `today` with changes since `since`, when the latest signing on or before today falls in
/// `latest` (its month), if any.
///
/// The chart ends this month, as a dashboard of the program now should, unless no signing
/// falls in the last [`CHART_MIN_MONTHS`]: then it ends at the latest signing's month, so that
/// a registry whose newest list is old (ICE's 2025 lists, opened in late 2026) still shows its
/// signings rather than a year of empty bars. It covers at least [`CHART_MIN_MONTHS`], reaches
/// back to the month of `since` when that is further, and at most [`CHART_MAX_MONTHS`].
pub fn chart_span(
    today: NaiveDate,
    since: NaiveDate,
    latest: Option<NaiveDate>,
) -> (NaiveDate, NaiveDate) {
    let this_month = first_of_month(today);
    let back = |from: NaiveDate, months: u32| {
        from.checked_sub_months(chrono::Months::new(months - 1))
            .unwrap_or(from)
    };
    let last = match latest {
        Some(latest) if latest < back(this_month, CHART_MIN_MONTHS) => first_of_month(latest),
        _ => this_month,
    };
    let first = first_of_month(since)
        .min(back(last, CHART_MIN_MONTHS))
        .max(back(last, CHART_MAX_MONTHS));
    (first, last)
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// Whole days from `from` to `to`; none when `to` comes first (a date typed wrong).
fn days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    u32::try_from((to - from).num_days()).unwrap_or(0)
}

/// The shades above zero of the map of active agreements.
pub const SHADES: usize = 4;

/// The ranges of counts the map's shades stand for, in the window and on paper: zero, then
/// [`SHADES`] equal steps up to `most` (fewer when `most` is small, so no range is empty).
pub fn shades(most: usize) -> Vec<(usize, usize)> {
    let mut out = vec![(0, 0)];
    let mut low = 1;
    for i in 1..=SHADES {
        let high = (most * i).div_ceil(SHADES);
        if high >= low {
            out.push((low, high));
            low = high + 1;
        }
    }
    out
}

/// The compliance measures in sentences, as the window and the printed summary write them.
pub fn compliance_lines(c: &Compliance) -> Vec<String> {
    let mut lines = vec![format!(
        "Active agreements meeting every requirement: {}",
        c.all_met_share()
    )];
    if c.met_with_waiver > 0 {
        lines.push(format!(
            "{} more meet them only through a decision's written override",
            c.met_with_waiver
        ));
    }
    lines.push(format!(
        "Officers certified, of those nominated under active agreements: {}",
        c.certified_share()
    ));
    lines.push(format!(
        "Active agreements failing at least one requirement: {}; with nothing failing but something not on record: {}",
        c.failing, c.unrecorded
    ));
    lines.push(format!(
        "Task Force authorizations expired: {} officer(s), on {} agreement(s)",
        c.authorizations_expired, c.agreements_with_authorizations_expired
    ));
    lines.push(format!(
        "Active agreements whose recorded meetings with the Field Office Director show one overdue ({} months): {}; with no meeting on record: {}",
        c.meeting_months,
        c.without_meeting_total(),
        c.meeting_unrecorded_total()
    ));
    for model in [Model::Jem, Model::Wso] {
        lines.push(format!(
            "{}: {} overdue, {} not on record, of {} active",
            model.label(),
            c.without_meeting(model),
            c.meeting_unrecorded[model as usize],
            c.active_by_model[model as usize]
        ));
    }
    lines
}

/// A part of a whole, written "62% (31 of 50)".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    /// The part.
    pub part: usize,
    /// The whole.
    pub whole: usize,
}

impl Share {
    /// `part` of `whole`.
    pub fn new(part: usize, whole: usize) -> Share {
        Share { part, whole }
    }

    /// The percentage, rounded, but never 100 unless all and never 0 unless none: "100%" must
    /// not hide the one agreement that fails.
    pub fn percent(&self) -> Option<usize> {
        if self.whole == 0 {
            return None;
        }
        let rounded = (self.part * 100 + self.whole / 2) / self.whole;
        Some(match rounded {
            100 if self.part < self.whole => 99,
            0 if self.part > 0 => 1,
            r => r,
        })
    }
}

impl fmt::Display for Share {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.percent() {
            Some(p) => write!(f, "{p}% ({} of {})", self.part, self.whole),
            None => write!(f, "none of 0"),
        }
    }
}

/// A change in a count, signed: "+3", "-2", "0".
pub fn signed(change: i64) -> String {
    if change > 0 {
        format!("+{change}")
    } else {
        change.to_string()
    }
}

/// A number of days, with a half day when a median falls between two: "12 days", "12.5 days",
/// "1 day"; a dash when there is nothing to measure.
pub fn days(d: Option<f64>) -> String {
    match d {
        None => "—".into(),
        Some(1.0) => "1 day".into(),
        Some(d) if d.fract() == 0.0 => format!("{d:.0} days"),
        Some(d) => format!("{d:.1} days"),
    }
}

pub mod coverage;
#[cfg(test)]
mod tests;
