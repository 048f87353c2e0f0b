//! The program summary: the dashboard's figures on paper, the map and the chart as pictures
//! with their tables beside them.

use super::document::{Cell, Document, Svg};
use crate::domain::dashboard::{Dashboard, PIPELINE, compliance_lines, days, shades, signed};
use crate::domain::state::TILE_GRID;
use crate::domain::{Component, Model, State, Status};

/// Print colours: dark enough on white paper, told apart by lightness as well as hue.
fn model_colour(model: Model) -> &'static str {
    match model {
        Model::Jem => "#b35c00",
        Model::Tfm => "#2f4bb8",
        Model::Wso => "#555555",
    }
}

/// The map's shades on paper, white for none to the darkest blue.
const SHADE_COLOURS: [&str; 5] = ["#ffffff", "#c9d2f2", "#93a5e6", "#5a74d6", "#2f4bb8"];

/// The summary, to render as PDF or HTML.
pub fn summary_report(d: &Dashboard) -> Document {
    let mut page = Document::new("287(g) program summary");
    page.heading(1, "287(g) program summary");
    page.note(&format!(
        "As of {}; changes are counted since {} · written by g287",
        d.today, d.since
    ));
    headline(&mut page, d);
    counts(&mut page, d);
    pipeline(&mut page, d);
    page.heading(2, "Compliance of active agreements");
    page.list(compliance_lines(&d.compliance));
    states(&mut page, d);
    months(&mut page, d);
    page
}

fn headline(page: &mut Document, d: &Dashboard) {
    let c = &d.compliance;
    let waiting: usize = PIPELINE
        .iter()
        .map(|s| d.now.count(Some(*s), None, None))
        .sum();
    let waiting_change: i64 = PIPELINE.iter().map(|s| d.change(*s)).sum();
    page.heading(2, "Headline figures");
    page.table(
        &["Figure", "Value", &format!("Change since {}", d.since)],
        [
            vec![
                Cell::from("Active agreements"),
                Cell::number(d.now.count(Some(Status::Active), None, None)),
                Cell::number(signed(d.change(Status::Active))),
            ],
            vec![
                Cell::from("Requests in the pipeline"),
                Cell::number(waiting),
                Cell::number(signed(waiting_change)),
            ],
            vec![
                Cell::from("Active agreements meeting every requirement"),
                Cell::from(c.all_met_share().to_string()),
                Cell::from(""),
            ],
            vec![
                Cell::from("Officers certified (active agreements)"),
                Cell::from(c.certified_share().to_string()),
                Cell::from(""),
            ],
            vec![
                Cell::from("Active agreements failing a requirement / with no record"),
                Cell::from(format!("{} / {}", c.failing, c.unrecorded)),
                Cell::from(""),
            ],
            vec![
                Cell::from("Task Force authorizations expired"),
                Cell::from(format!(
                    "{} officer(s), on {} agreement(s)",
                    c.authorizations_expired, c.agreements_with_authorizations_expired
                )),
                Cell::from(""),
            ],
            vec![
                Cell::from(format!(
                    "Meeting with the Field Office Director overdue ({} months; JEM, WSO)",
                    c.meeting_months
                )),
                Cell::from(format!(
                    "{} ({}); {} with no meeting on record",
                    c.without_meeting_total(),
                    [Model::Jem, Model::Wso]
                        .map(|m| format!("{} {}", m.short(), c.without_meeting(m)))
                        .join(", "),
                    c.meeting_unrecorded_total()
                )),
                Cell::from(""),
            ],
        ],
    );
}

fn counts(page: &mut Document, d: &Dashboard) {
    page.heading(2, "Agreements by status");
    page.note("Models and components are counted now.");
    let since = d.since.to_string();
    let headers: Vec<String> = ["Status", "Now", since.as_str(), "Change"]
        .into_iter()
        .map(str::to_string)
        .chain(Model::ALL.map(|m| m.short().to_string()))
        .chain(Component::ALL.map(|c| c.to_string()))
        .collect();
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut rows = Vec::new();
    for status in Status::ALL {
        let (now, then) = (
            d.now.count(Some(status), None, None),
            d.then.count(Some(status), None, None),
        );
        if now == 0 && then == 0 {
            continue;
        }
        let mut row = vec![
            Cell::from(status.label()),
            Cell::number(now),
            Cell::number(then),
            Cell::number(signed(d.change(status))),
        ];
        row.extend(Model::ALL.map(|m| Cell::number(d.now.count(Some(status), Some(m), None))));
        row.extend(Component::ALL.map(|c| Cell::number(d.now.count(Some(status), None, Some(c)))));
        rows.push(row);
    }
    let (now, then) = (d.now.total(), d.then.total());
    let mut total = vec![
        Cell::from("Total"),
        Cell::number(now),
        Cell::number(then),
        Cell::number(signed(now as i64 - then as i64)),
    ];
    total.extend(Model::ALL.map(|m| Cell::number(d.now.count(None, Some(m), None))));
    total.extend(Component::ALL.map(|c| Cell::number(d.now.count(None, None, Some(c)))));
    rows.push(total);
    page.table(&headers, rows);
}

fn pipeline(page: &mut Document, d: &Dashboard) {
    page.heading(2, "Pipeline");
    page.note("Waits that ended count whatever came next (active, declined, withdrawn).");
    let mut rows: Vec<Vec<Cell>> = d
        .pipeline
        .iter()
        .map(|p| {
            vec![
                Cell::from(p.status.label()),
                Cell::number(p.waiting_now),
                Cell::number(days(p.longest_waiting_now.map(f64::from))),
                Cell::number(days(p.waited.median_days)),
                Cell::number(days(p.waited.longest_days.map(f64::from))),
                Cell::number(p.waited.count),
            ]
        })
        .collect();
    let j = &d.request_to_active;
    rows.push(vec![
        Cell::from("From request to active"),
        Cell::number(format!(
            "{} active",
            d.now.count(Some(Status::Active), None, None)
        )),
        Cell::number("—"),
        Cell::number(days(j.median_days)),
        Cell::number(days(j.longest_days.map(f64::from))),
        Cell::number(j.count),
    ]);
    page.table(
        &[
            "Step",
            "Waiting now",
            "Longest still waiting",
            "Median of ended waits",
            "Longest ended wait",
            "Waits ended",
        ],
        rows,
    );
}

fn states(page: &mut Document, d: &Dashboard) {
    page.heading(2, "Active agreements by state");
    let side = 36.0;
    let (columns, rows) = TILE_GRID;
    let legend_x = f32::from(columns) * side + 16.0;
    let mut map = Svg::new(
        (legend_x + 130.0) as u32,
        ((f32::from(rows) + 0.4) * side) as u32 + 4,
    );
    let ranges = shades(d.most_active_in_a_state());
    let shade = |count: usize| {
        let i = ranges
            .iter()
            .position(|(low, high)| (*low..=*high).contains(&count))
            .unwrap_or(0);
        // Spread the shades in use over the whole ramp, darkest for the busiest.
        let step = (SHADE_COLOURS.len() - 1) as f32 / (ranges.len() - 1).max(1) as f32;
        SHADE_COLOURS[(i as f32 * step).round() as usize]
    };
    for state in State::all() {
        let (column, row) = state.tile();
        let gap = if row + 1 == rows { 0.4 } else { 0.0 };
        let (x, y) = (
            f32::from(column) * side + 1.0,
            (f32::from(row) + gap) * side + 1.0,
        );
        let count = d.active_in(state);
        let fill = shade(count);
        let ink = if matches!(fill, "#5a74d6" | "#2f4bb8") {
            "#ffffff"
        } else {
            "#000000"
        };
        map.rect(x, y, side - 2.0, side - 2.0, fill);
        map.text(
            x + side / 2.0 - 1.0,
            y + 14.0,
            state.code(),
            "middle",
            11,
            ink,
        );
        map.text(
            x + side / 2.0 - 1.0,
            y + 28.0,
            &count.to_string(),
            "middle",
            10,
            ink,
        );
    }
    map.text(legend_x, 14.0, "Active agreements", "start", 12, "#000000");
    for (i, (low, high)) in ranges.iter().enumerate() {
        let y = 24.0 + i as f32 * 22.0;
        map.rect(legend_x, y, 16.0, 16.0, shade(*low));
        let label = if low == high {
            low.to_string()
        } else {
            format!("{low}–{high}")
        };
        map.text(legend_x + 24.0, y + 13.0, &label, "start", 12, "#000000");
    }
    page.svg(&map, "Tile map of active agreements per state");
    let mut busy: Vec<_> = d.active_by_state.iter().filter(|(_, n)| *n > 0).collect();
    busy.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.code().cmp(b.0.code())));
    if busy.is_empty() {
        page.paragraph("No active agreement.");
    } else {
        page.table(
            &["State", "Active agreements"],
            busy.into_iter().map(|(state, n)| {
                vec![
                    Cell::from(format!("{} {}", state.code(), state.title())),
                    Cell::number(n),
                ]
            }),
        );
    }
}

fn months(page: &mut Document, d: &Dashboard) {
    page.heading(
        2,
        &format!("Agreements signed per month, {}", d.signed_span()),
    );
    let (width, height) = (720.0_f32, 240.0_f32);
    let (left, top, bottom) = (40.0, 28.0, 30.0);
    let plot_h = height - top - bottom;
    let mut chart = Svg::new(width as u32, height as u32);
    let most = d.signed.iter().map(|m| m.total()).max().unwrap_or(0).max(1);
    let y_of = |n: usize| top + plot_h * (1.0 - n as f32 / most as f32);
    let n = d.signed.len().max(1);
    let slot = (width - left - 8.0) / n as f32;
    let bar = (slot * 0.7).max(1.0);
    let every = (58.0 / slot).ceil().max(1.0) as usize;
    chart.line((left, y_of(0)), (width - 8.0, y_of(0)), "#000000");
    chart.text(left - 6.0, y_of(0) + 4.0, "0", "end", 11, "#000000");
    chart.line((left, y_of(most)), (width - 8.0, y_of(most)), "#bbbbbb");
    chart.text(
        left - 6.0,
        y_of(most) + 4.0,
        &most.to_string(),
        "end",
        11,
        "#000000",
    );
    for (i, m) in d.signed.iter().enumerate() {
        let x = left + i as f32 * slot + (slot - bar) / 2.0;
        let mut base = 0;
        for model in [Model::Jem, Model::Tfm, Model::Wso] {
            let count = m.count(model);
            if count > 0 {
                chart.rect(
                    x,
                    y_of(base + count),
                    bar,
                    y_of(base) - y_of(base + count),
                    model_colour(model),
                );
                base += count;
            }
        }
        if (d.signed.len() - 1 - i).is_multiple_of(every) {
            chart.text(
                x + bar / 2.0,
                height - 12.0,
                &m.label(),
                "middle",
                11,
                "#000000",
            );
        }
    }
    let mut x = left;
    for model in Model::ALL {
        chart.rect(x, 6.0, 12.0, 12.0, model_colour(model));
        chart.text(x + 18.0, 16.0, model.short(), "start", 12, "#000000");
        x += 64.0;
    }
    page.svg(&chart, "Bar chart of agreements signed per month, by model");
    page.table(
        &["Month", "JEM", "TFM", "WSO", "Total"],
        d.signed.iter().rev().map(|m| {
            vec![
                Cell::from(m.label()),
                Cell::number(m.count(Model::Jem)),
                Cell::number(m.count(Model::Tfm)),
                Cell::number(m.count(Model::Wso)),
                Cell::number(m.total()),
            ]
        }),
    );
}
