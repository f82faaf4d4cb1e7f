//! The Company view's charts, as pure geometry in `crate::report::charts`'s style: one row per member, so
//! that people are compared side by side. Laid out in a view box `width` wide; each chart carries
//! its own height (it grows with the rows) and a description in words for its text alternative.

use crate::report::charts::{compact_money, nice_ticks, Bar, Chart, Label, Scale};
use crate::report::format::money;
use crate::team::TeamReport;

/// One row's height in the view box: its name on a line of its own (at the tables' text size,
/// 0.9rem, 14.4 units: the page draws these charts one unit to a pixel), then its bars.
pub const ROW_HEIGHT: f64 = 54.0;
/// Where a row's bars start below its top, under its name.
const BARS_TOP: f64 = 22.0;
/// The bars' room in a row.
const BARS_HEIGHT: f64 = 26.0;
/// The plot's left and right ends in a view box `width` wide, and its top: room at the ends for
/// half an axis label ("$1.5M"), none for the names, which are above the bars.
#[must_use]
pub fn plot_x(width: f64) -> (f64, f64) {
    (24.0, width - 40.0)
}
const TOP: f64 = 8.0;

/// One person's range of outcomes on a member's offer: token value after tax, today.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberRange {
    /// `Project · member`.
    pub name: String,
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
    pub expected: f64,
    pub prob_zero: f64,
}

/// Each member's range, from the team report (the same exact valuation `tokenworth value`
/// reports for the member's offer).
#[must_use]
pub fn member_ranges(report: &TeamReport) -> Vec<MemberRange> {
    report
        .members
        .iter()
        .map(|m| MemberRange {
            name: row_name(&m.project, &m.name),
            p10: m.own.distribution.p10,
            p50: m.own.distribution.p50,
            p90: m.own.distribution.p90,
            expected: m.own.expected_token_pv,
            prob_zero: m.own.prob_zero,
        })
        .collect()
}

fn row_name(project: &str, member: &str) -> String {
    format!("{project} · {member}")
}

/// A money axis from 0 to at least `max` along the top, and the scale over the plot's width.
fn x_axis(max: f64, width: f64, top: f64, currency: &str, chart: &mut Chart) -> Scale {
    let (left, right) = plot_x(width);
    let ticks = nice_ticks(0.0, max, 4);
    let high = ticks.last().copied().unwrap_or(1.0).max(f64::MIN_POSITIVE);
    let scale = Scale { domain: (0.0, high), range: (left, right) };
    chart.axis_x = Some((left, right));
    // The ticks label the axis under the rows, as x labels.
    chart.x_labels = ticks
        .iter()
        .map(|&t| Label { x: scale.at(t), y: top, text: compact_money(t, currency) })
        .collect();
    scale
}

/// Each row's name, whole, on a line of its own above its bars.
fn name_labels(names: &[String], width: f64, top: f64) -> Vec<Label> {
    let (left, _) = plot_x(width);
    names
        .iter()
        .enumerate()
        .map(|(i, n)| Label { x: left, y: top + ROW_HEIGHT * i as f64 + 16.0, text: n.clone() })
        .collect()
}

/// Cost against worth, one person of each member: what the tokens are expected to cost the
/// company (above) and what they are worth to the person, as cash before tax (below).
#[must_use]
pub fn cost_worth_chart(report: &TeamReport, width: f64) -> Chart {
    let mut chart = Chart::new(width);
    let c = report.currency.as_str();
    let top = TOP;
    let max = report
        .members
        .iter()
        .flat_map(|m| [m.each.token_cost, m.each.worth_pretax])
        .fold(0.0, f64::max);
    let rows = report.members.len().max(1) as f64;
    chart.axis_y = top + ROW_HEIGHT * rows;
    let x = x_axis(max, width, chart.axis_y + 18.0, c, &mut chart);
    let names: Vec<String> = report.members.iter().map(|m| row_name(&m.project, &m.name)).collect();
    for (i, m) in report.members.iter().enumerate() {
        let y = top + ROW_HEIGHT * i as f64 + BARS_TOP;
        let half = BARS_HEIGHT / 2.0;
        let (cost, worth) = (m.each.token_cost.max(0.0), m.each.worth_pretax.max(0.0));
        chart.bars.push(Bar {
            x: x.at(0.0),
            y,
            width: (x.at(cost) - x.at(0.0)).max(1.0),
            height: half,
            class: "bar-cost".into(),
            label: format!("{}: costs the company {}", names[i], money(m.each.token_cost, c)),
        });
        chart.bars.push(Bar {
            x: x.at(0.0),
            y: y + half,
            width: (x.at(worth) - x.at(0.0)).max(1.0),
            height: half,
            class: "bar-worth".into(),
            label: format!("{}: worth {} to them", names[i], money(m.each.worth_pretax, c)),
        });
    }
    chart.row_labels = name_labels(&names, width, top);
    chart.height = chart.axis_y + 30.0;
    chart.legend = vec![
        ("bar-cost".into(), "Expected cost to the company".into()),
        ("bar-worth".into(), "Worth to the person (as cash before tax)".into()),
    ];
    let ratios: Vec<String> = report
        .members
        .iter()
        .zip(&names)
        .map(|(m, n)| match m.each.worth_to_cost() {
            Some(r) => format!("{n} {:.0}%", r * 100.0),
            None => format!("{n} (costs nothing)"),
        })
        .collect();
    chart.description = format!(
        "For one person of each member, the tokens' expected cost to the company against their worth to the person. Worth per unit of cost: {}.",
        ratios.join(", ")
    );
    chart
}

/// Each member's range of outcomes: a bar from the 10th to the 90th percentile of one person's
/// token value, a tick at the median, and the expected value marked by a dot-like short bar.
#[must_use]
pub fn range_chart(ranges: &[MemberRange], currency: &str, width: f64) -> Chart {
    let mut chart = Chart::new(width);
    let top = TOP;
    let max = ranges.iter().flat_map(|r| [r.p90, r.expected]).fold(0.0, f64::max);
    let rows = ranges.len().max(1) as f64;
    chart.axis_y = top + ROW_HEIGHT * rows;
    let x = x_axis(max, width, chart.axis_y + 18.0, currency, &mut chart);
    let names: Vec<String> = ranges.iter().map(|r| r.name.clone()).collect();
    for (i, r) in ranges.iter().enumerate() {
        let y = top + ROW_HEIGHT * i as f64 + BARS_TOP + 3.0;
        let h = BARS_HEIGHT - 6.0;
        chart.bars.push(Bar {
            x: x.at(r.p10.max(0.0)),
            y,
            width: (x.at(r.p90.max(0.0)) - x.at(r.p10.max(0.0))).max(1.0),
            height: h,
            class: "bar-range".into(),
            label: format!(
                "{}: 80% of outcomes between {} and {}",
                r.name,
                money(r.p10, currency),
                money(r.p90, currency)
            ),
        });
        chart.bars.push(Bar {
            x: x.at(r.p50.max(0.0)) - 1.0,
            y: y - 3.0,
            width: 2.0,
            height: h + 6.0,
            class: "bar-median".into(),
            label: format!("{}: median {}", r.name, money(r.p50, currency)),
        });
        chart.bars.push(Bar {
            x: x.at(r.expected.max(0.0)) - 3.0,
            y: y + h / 2.0 - 3.0,
            width: 6.0,
            height: 6.0,
            class: "bar-expected".into(),
            label: format!("{}: expected {}", r.name, money(r.expected, currency)),
        });
    }
    chart.row_labels = name_labels(&names, width, top);
    chart.height = chart.axis_y + 30.0;
    chart.legend = vec![
        ("bar-range".into(), "10th to 90th percentile".into()),
        ("bar-median".into(), "Median".into()),
        ("bar-expected".into(), "Expected".into()),
    ];
    let words: Vec<String> = ranges
        .iter()
        .map(|r| {
            format!(
                "{} from {} to {} ({:.0}% chance of nothing)",
                r.name,
                compact_money(r.p10, currency),
                compact_money(r.p90, currency),
                r.prob_zero * 100.0
            )
        })
        .collect();
    chart.description = format!(
        "One person's token value on each member's offer, after tax, today: {}.",
        words.join("; ")
    );
    chart
}
