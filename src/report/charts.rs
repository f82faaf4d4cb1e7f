//! Chart geometry, pure and native-testable: scales, ticks and the shapes of the charts the app
//! draws as inline SVG (`ui::charts` turns them into elements). Coordinates are SVG user units in a
//! `width × HEIGHT` view box, y growing downwards; the width is [`WIDTH`], or [`NARROW_WIDTH`] for a
//! phone's column, so that the labels stay a readable size when the chart is scaled to fit.

use rust_decimal::prelude::ToPrimitive;

use rust_decimal::Decimal;

use crate::engine::{MixAnalysis, MixOption, Report};
use crate::report::format::{group_digits, round_cents};

/// The view box's width for a column of about 500 px or more.
pub const WIDTH: f64 = 640.0;
/// The view box's width on a phone: scaled to a 300 px column, 12-unit labels are 10 px, not 5.
pub const NARROW_WIDTH: f64 = 360.0;
pub const HEIGHT: f64 = 260.0;
/// Room for the axis labels: left, right, top, bottom.
pub const MARGIN: (f64, f64, f64, f64) = (64.0, 16.0, 16.0, 40.0);

/// A linear map from data to view-box units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub domain: (f64, f64),
    pub range: (f64, f64),
}

impl Scale {
    #[must_use]
    pub fn at(&self, v: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if (d1 - d0).abs() < f64::EPSILON {
            return r0;
        }
        r0 + (v - d0) / (d1 - d0) * (r1 - r0)
    }
}

/// "Nice" ticks from 0 (or `low`) to at least `high`: steps of 1, 2 or 5 × 10^k, about `count`.
#[must_use]
pub fn nice_ticks(low: f64, high: f64, count: usize) -> Vec<f64> {
    let (low, high) = if low.is_finite() && high.is_finite() {
        (low.min(high), high.max(low))
    } else {
        (0.0, 1.0)
    };
    let span = high - low;
    if span <= 0.0 {
        return vec![low];
    }
    let rough = span / count.max(1) as f64;
    let magnitude = 10f64.powf(rough.log10().floor());
    // The 1, 2 or 5 × 10^k step whose number of intervals is closest to `count`.
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .min_by(|a, b| (span / a - count as f64).abs().total_cmp(&(span / b - count as f64).abs()))
        .unwrap_or(magnitude);
    let first = (low / step).floor() * step;
    let mut ticks = Vec::new();
    let mut t = first;
    while t <= high + step * 1e-9 && ticks.len() < 50 {
        ticks.push(if t.abs() < step * 1e-9 { 0.0 } else { t });
        t += step;
    }
    if ticks.last().is_some_and(|&last| last < high - step * 1e-9) {
        ticks.push(t);
    }
    ticks
}

/// Room for a marker's label ("P50") above the plot, in view-box units.
const MARKER_LABEL_WIDTH: f64 = 30.0;

/// How a marker's label at `x` is anchored to its line in a view box `width` wide: centred, unless
/// that would cross the y axis's labels (a P10 at "nothing", on a phone) or the right edge; then it
/// starts or ends at the line.
#[must_use]
pub fn marker_anchor(x: f64, width: f64) -> &'static str {
    if x - MARKER_LABEL_WIDTH / 2.0 < MARGIN.0 {
        "start"
    } else if x + MARKER_LABEL_WIDTH / 2.0 > width {
        "end"
    } else {
        "middle"
    }
}

/// Where a marker's label at `x` reaches, left to right, as [`marker_anchor`] places it.
fn marker_span(x: f64, width: f64) -> (f64, f64) {
    match marker_anchor(x, width) {
        "start" => (x, x + MARKER_LABEL_WIDTH),
        "end" => (x - MARKER_LABEL_WIDTH, x),
        _ => (x - MARKER_LABEL_WIDTH / 2.0, x + MARKER_LABEL_WIDTH / 2.0),
    }
}

/// Room for a "Year 10" label under the yearly bars, in view-box units.
const YEAR_LABEL_WIDTH: f64 = 52.0;

/// About how many money ticks (`$250k`, about 40 units wide) fit along an axis `span` long.
#[must_use]
pub fn money_tick_count(span: f64) -> usize {
    ((span / 90.0) as usize).clamp(2, 5)
}

/// Money in a few characters for an axis: `$1.2M`, `€350k`, `-$20k`, `CHF 5`.
#[must_use]
pub fn compact_money(amount: f64, currency: &str) -> String {
    let sign = if amount < 0.0 { "-" } else { "" };
    let a = amount.abs();
    let (value, suffix) = if a >= 1e9 {
        (a / 1e9, "bn")
    } else if a >= 1e6 {
        (a / 1e6, "M")
    } else if a >= 1e3 {
        (a / 1e3, "k")
    } else {
        (a, "")
    };
    let digits = if value >= 100.0 || value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    };
    let digits = digits.strip_suffix(".0").map_or(digits.clone(), str::to_string);
    match currency {
        "USD" => format!("{sign}${digits}{suffix}"),
        "EUR" => format!("{sign}€{digits}{suffix}"),
        "GBP" => format!("{sign}£{digits}{suffix}"),
        other => format!("{sign}{other} {digits}{suffix}"),
    }
}

/// A rectangle with its CSS class and what it means in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub class: String,
    pub label: String,
}

/// A label at a position.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub x: f64,
    pub y: f64,
    pub text: String,
}

/// Everything one chart draws.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Chart {
    /// The view box's width the shapes are laid out in.
    pub width: f64,
    /// The view box's height, and where the horizontal axis runs in it: the tornado's grow with
    /// its rows, the others are [`HEIGHT`] high.
    pub height: f64,
    pub axis_y: f64,
    pub bars: Vec<Bar>,
    /// Vertical markers: x and label.
    pub markers: Vec<Label>,
    pub x_labels: Vec<Label>,
    pub y_ticks: Vec<Label>,
    /// Polylines: SVG points text and CSS class.
    pub lines: Vec<(String, String)>,
    /// Legend entries: CSS class and name.
    pub legend: Vec<(String, String)>,
    /// What the chart shows, in words.
    pub description: String,
    /// A line under the chart for everyone to read (the tornado names the inputs it leaves out).
    pub note: Option<String>,
}

impl Chart {
    pub(crate) fn new(width: f64) -> Chart {
        Chart { width, height: HEIGHT, axis_y: HEIGHT - MARGIN.3, ..Chart::default() }
    }
}

/// The plotting area in a view box `width` wide: left, right, top and bottom.
#[must_use]
pub fn plot_box(width: f64) -> (f64, f64, f64, f64) {
    let (l, r, t, b) = MARGIN;
    (l, width - r, t, HEIGHT - b)
}

fn y_axis(max: f64, currency: Option<&str>, chart: &mut Chart) -> Scale {
    let (_, _, top, bottom) = plot_box(chart.width);
    let ticks = nice_ticks(0.0, max, 4);
    let top_value = ticks.last().copied().unwrap_or(1.0).max(f64::MIN_POSITIVE);
    let scale = Scale { domain: (0.0, top_value), range: (bottom, top) };
    chart.y_ticks = ticks
        .iter()
        .map(|&t| Label {
            x: MARGIN.0 - 6.0,
            y: scale.at(t),
            text: currency
                .map_or_else(|| group_digits(&format!("{t:.0}")), |c| compact_money(t, c)),
        })
        .collect();
    scale
}

/// The distribution of outcomes: a bar for "nothing", twenty bars over (0, max], and the P10, P50
/// and P90 markers.
#[must_use]
pub fn outcome_chart(report: &Report, width: f64) -> Chart {
    const BINS: usize = 20;
    let mut chart = Chart::new(width);
    let c = report.currency.as_str();
    let (left, right, _, bottom) = plot_box(width);
    let max = report.outcomes.iter().map(|&(x, _)| x).fold(0.0, f64::max);
    let zero: f64 = report.outcomes.iter().filter(|&&(x, _)| x <= 0.0).map(|&(_, w)| w).sum();
    let mut bins = [0.0; BINS];
    for &(x, w) in report.outcomes.iter().filter(|&&(x, _)| x > 0.0) {
        let i = ((x / max) * BINS as f64).ceil() as usize;
        bins[i.clamp(1, BINS) - 1] += w;
    }
    let tallest = bins.iter().copied().fold(zero, f64::max);
    let y = y_axis(tallest * 100.0, None, &mut chart);
    for tick in &mut chart.y_ticks {
        tick.text = format!("{}%", tick.text);
    }
    let slot = (right - left) / (BINS + 1) as f64;
    let bar = |i: usize, p: f64, class: &str, label: String| Bar {
        x: left + slot * i as f64 + 1.0,
        y: y.at(p * 100.0),
        width: (slot - 2.0).max(1.0),
        height: (bottom - y.at(p * 100.0)).max(0.0),
        class: class.to_string(),
        label,
    };
    chart.bars.push(bar(0, zero, "bar-nothing", format!("Nothing: {:.1}%", zero * 100.0)));
    for (i, &p) in bins.iter().enumerate() {
        let from = max * i as f64 / BINS as f64;
        let to = max * (i + 1) as f64 / BINS as f64;
        chart.bars.push(bar(
            i + 1,
            p,
            "bar-outcome",
            format!("{} to {}: {:.1}%", compact_money(from, c), compact_money(to, c), p * 100.0),
        ));
    }
    let x_of = |v: f64| {
        if v <= 0.0 || max <= 0.0 {
            left + slot / 2.0
        } else {
            left + slot + (v / max) * (right - left - slot)
        }
    };
    chart.x_labels.push(Label { x: left + slot / 2.0, y: bottom + 16.0, text: "nothing".into() });
    for t in nice_ticks(0.0, max, money_tick_count(right - left).min(4))
        .into_iter()
        .filter(|&t| t > 0.0 && t <= max)
    {
        chart.x_labels.push(Label { x: x_of(t), y: bottom + 16.0, text: compact_money(t, c) });
    }
    let d = &report.distribution;
    for (name, v) in [("P10", d.p10), ("P50", d.p50), ("P90", d.p90)] {
        // A label close to the one before it goes one line lower, so that the two stay readable.
        let crowded = chart.markers.last().is_some_and(|before| {
            before.y == MARGIN.2 && marker_span(x_of(v), width).0 < marker_span(before.x, width).1
        });
        chart.markers.push(Label {
            x: x_of(v),
            y: if crowded { MARGIN.2 + 14.0 } else { MARGIN.2 },
            text: name.to_string(),
        });
    }
    chart.description = format!(
        "Chance of each outcome for the tokens' value after tax in today's money. {:.0}% chance of nothing; \
         one in ten outcomes is below {}, half are below {}, one in ten is above {}.",
        zero * 100.0,
        crate::report::format::money(d.p10, c),
        crate::report::format::money(d.p50, c),
        crate::report::format::money(d.p90, c)
    );
    chart
}

/// Yearly after-tax token cash of the never-leaving path, one bar per scenario in each year.
#[must_use]
pub fn yearly_cash_chart(report: &Report, width: f64) -> Chart {
    let mut chart = Chart::new(width);
    let c = report.currency.as_str();
    let (left, right, _, bottom) = plot_box(width);
    let years = report.scenarios.iter().map(|s| s.stay.years.len()).max().unwrap_or(0);
    let cash = |s: usize, y: usize| -> f64 {
        report.scenarios[s].stay.years.get(y).map_or(0.0, |y| {
            [y.revenue_share, y.milestones, y.buyback, y.terminal]
                .iter()
                .map(|d| d.to_f64().unwrap_or(0.0))
                .sum()
        })
    };
    let max = (0..report.scenarios.len())
        .flat_map(|s| (0..years).map(move |y| (s, y)))
        .map(|(s, y)| cash(s, y))
        .fold(0.0, f64::max);
    let scale = y_axis(max, Some(c), &mut chart);
    let group = (right - left) / years.max(1) as f64;
    let n = report.scenarios.len().max(1);
    let bar_width = ((group - 8.0) / n as f64).max(1.0);
    // A label every year while "Year 10" fits; else every second (or third...) year.
    let label_every = (YEAR_LABEL_WIDTH / group).ceil().max(1.0) as usize;
    let mut summary = Vec::new();
    for y in 0..years {
        if y % label_every == 0 {
            chart.x_labels.push(Label {
                x: left + group * (y as f64 + 0.5),
                y: bottom + 16.0,
                text: format!("Year {}", y + 1),
            });
        }
        for s in 0..report.scenarios.len() {
            let v = cash(s, y);
            chart.bars.push(Bar {
                x: left + group * y as f64 + 4.0 + bar_width * s as f64,
                y: scale.at(v),
                width: (bar_width - 1.0).max(0.5),
                height: (bottom - scale.at(v)).max(0.0),
                class: format!("scenario-{}", s % 6),
                label: format!(
                    "{}, year {}: {}",
                    report.scenarios[s].name,
                    y + 1,
                    crate::report::format::money(v, c)
                ),
            });
        }
    }
    for (s, scenario) in report.scenarios.iter().enumerate() {
        chart.legend.push((format!("scenario-{}", s % 6), scenario.name.clone()));
        let total: f64 = (0..years).map(|y| cash(s, y)).sum();
        summary.push(format!(
            "{}: {} in all",
            scenario.name,
            crate::report::format::money(total, c)
        ));
    }
    chart.description = format!(
        "After-tax cash from the tokens each year if you stay, by scenario. {}.",
        summary.join("; ")
    );
    chart
}

/// Vested and still-held tokens month by month for one scenario's never-leaving path.
#[must_use]
pub fn tokens_chart(report: &Report, scenario: usize, width: f64) -> Chart {
    let mut chart = Chart::new(width);
    let Some(s) = report.scenarios.get(scenario).or(report.scenarios.first()) else { return chart };
    let (left, right, _, bottom) = plot_box(width);
    let vested = &s.stay.vested_by_month;
    let held = &s.stay.held_by_month;
    let months = vested.len().saturating_sub(1).max(1);
    let max = vested.iter().copied().max().unwrap_or(0) as f64;
    let y = y_axis(max, None, &mut chart);
    let x = Scale { domain: (0.0, months as f64), range: (left, right) };
    let points = |series: &[u64]| {
        series
            .iter()
            .enumerate()
            .map(|(t, &v)| format!("{:.1},{:.1}", x.at(t as f64), y.at(v as f64)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    chart.lines.push((points(vested), "series-0".into()));
    chart.lines.push((points(held), "series-1".into()));
    chart.legend = vec![
        ("series-0".into(), "Vested".into()),
        ("series-1".into(), "Still held (after buybacks)".into()),
    ];
    for t in nice_ticks(0.0, months as f64, 5).into_iter().filter(|&t| t <= months as f64) {
        chart.x_labels.push(Label { x: x.at(t), y: bottom + 16.0, text: format!("{t:.0}") });
    }
    chart.description = format!(
        "Tokens vested and still held each month in the {} scenario if you stay: {} vested by month {}, {} still held at the end.",
        s.name,
        group_digits(&vested.last().copied().unwrap_or(0).to_string()),
        months,
        group_digits(&held.last().copied().unwrap_or(0).to_string())
    );
    chart
}

/// The vesting schedule as the form draws it: the share of the grant vested at the end of each
/// month (`cumulative_pct[t]` for t = 0..=months, from `form::draft::vesting_curve`), a step line
/// that rises where tokens vest.
#[must_use]
pub fn vesting_chart(cumulative_pct: &[f64], width: f64) -> Chart {
    let mut chart = Chart::new(width);
    let (left, right, _, bottom) = plot_box(width);
    let months = cumulative_pct.len().saturating_sub(1).max(1);
    let top = cumulative_pct.iter().copied().fold(100.0_f64, f64::max);
    let y = Scale { domain: (0.0, top), range: (bottom, MARGIN.2) };
    chart.y_ticks = [0.0, 25.0, 50.0, 75.0, 100.0]
        .iter()
        .map(|&t| Label { x: MARGIN.0 - 6.0, y: y.at(t), text: format!("{t:.0}%") })
        .collect();
    let x = Scale { domain: (0.0, months as f64), range: (left, right) };
    let mut points = vec![format!("{:.1},{:.1}", x.at(0.0), y.at(0.0))];
    for t in 1..cumulative_pct.len() {
        let (before, now) = (cumulative_pct[t - 1], cumulative_pct[t]);
        if now != before {
            points.push(format!("{:.1},{:.1}", x.at(t as f64), y.at(before)));
            points.push(format!("{:.1},{:.1}", x.at(t as f64), y.at(now)));
        }
    }
    let last = cumulative_pct.last().copied().unwrap_or(0.0);
    points.push(format!("{:.1},{:.1}", x.at(months as f64), y.at(last)));
    chart.lines.push((points.join(" "), "series-0".into()));
    for t in nice_ticks(0.0, months as f64, 5).into_iter().filter(|&t| t <= months as f64) {
        chart.x_labels.push(Label { x: x.at(t), y: bottom + 16.0, text: format!("{t:.0}") });
    }
    chart.description = vesting_words(cumulative_pct);
    chart
}

/// The schedule in words: when vesting starts, the share by each year's end, when it is complete.
fn vesting_words(cumulative_pct: &[f64]) -> String {
    let share = |p: f64| {
        let rounded = (p * 10.0).round() / 10.0;
        if rounded.fract() == 0.0 {
            format!("{rounded:.0}%")
        } else {
            format!("{rounded:.1}%")
        }
    };
    let Some(first) = cumulative_pct.iter().position(|&p| p > 0.0) else {
        return "Nothing vests within the months looked ahead.".to_string();
    };
    let years: Vec<String> = (12..cumulative_pct.len())
        .step_by(12)
        .map(|m| format!("{} by month {m}", share(cumulative_pct[m])))
        .collect();
    let done = cumulative_pct.iter().position(|&p| p >= 100.0 - 1e-9);
    format!(
        "Share of the grant vested each month: the first tokens vest in month {first}; {}; {}.",
        years.join(", "),
        done.map_or_else(
            || format!(
                "{} by the last month looked ahead",
                share(cumulative_pct.last().copied().unwrap_or(0.0))
            ),
            |m| format!("all of it by month {m}")
        )
    )
}

/// Plain names for the sensitivity inputs.
#[must_use]
pub fn input_name(input: &str) -> &'static str {
    match input {
        "revenue" => "Revenue",
        "pool_pct" => "Pool share",
        "revenue_multiple" => "Revenue multiple",
        "token_price" => "Tender price",
        "discount_rate_pct" => "Discount rate",
        "annual_departure_pct" => "Departure rate",
        "annual_dilution_pct" => "Dilution",
        "income_tax_pct" => "Income tax",
        _ => "Other",
    }
}

/// One bar of a tornado: an input's name and the value at 0.8× and 1.2× of it.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoRow {
    pub name: String,
    pub low: f64,
    pub high: f64,
    pub swing: f64,
}

/// MODEL.md's sensitivity table (the expected net value, risk-neutral) as tornado rows.
#[must_use]
pub fn expected_net_rows(report: &Report) -> Vec<TornadoRow> {
    let row = |r: &crate::engine::SensitivityRow| TornadoRow {
        name: input_name(r.input).to_string(),
        low: r.low,
        high: r.high,
        swing: r.swing,
    };
    report.sensitivity.iter().map(row).collect()
}

/// What would change the answer (the deal's risk-adjusted net value) as tornado rows, in the
/// verdict's order: the inputs that can turn it first.
#[must_use]
pub fn risk_adjusted_rows(found: &crate::engine::WhatChangesIt) -> Vec<TornadoRow> {
    let row = |r: &crate::engine::RiskRow| TornadoRow {
        name: crate::report::verdict::risk_input_name(r),
        low: r.low,
        high: r.high,
        swing: r.swing,
    };
    found.rows.iter().map(row).collect()
}

/// The tornado: per input a bar from its low to its high value, around the value now (`base`).
/// An input that moves the value by less than a cent gets no bar, which would be a sliver that
/// reads as a drawing fault: it is named under the chart as changing nothing here.
#[must_use]
pub fn tornado_chart(rows: &[TornadoRow], base: f64, currency: &str, width: f64) -> Chart {
    let mut chart = Chart::new(width);
    let c = currency;
    let (left, right, top, _) = plot_box(width);
    let left = left + 60.0;
    let (rows, changes_nothing): (Vec<_>, Vec<_>) =
        rows.iter().partition(|r| round_cents(r.swing).is_none_or(|d| !d.is_zero()));
    let low = rows.iter().flat_map(|r| [r.low, r.high]).fold(base, f64::min);
    let high = rows.iter().flat_map(|r| [r.low, r.high]).fold(base, f64::max);
    let pad = ((high - low) * 0.05).max(1.0);
    let x = Scale { domain: (low - pad, high + pad), range: (left, right) };
    let row_height = 22.0;
    for (i, row) in rows.iter().enumerate() {
        let (a, b) = (row.low.min(row.high), row.low.max(row.high));
        let y = top + 8.0 + row_height * i as f64;
        chart.bars.push(Bar {
            x: x.at(a),
            y,
            width: (x.at(b) - x.at(a)).max(1.0),
            height: row_height - 6.0,
            class: "bar-tornado".into(),
            label: format!(
                "{}: {} at 0.8×, {} at 1.2×",
                row.name,
                crate::report::format::money(row.low, c),
                crate::report::format::money(row.high, c)
            ),
        });
        chart.x_labels.push(Label {
            x: left - 6.0,
            y: y + row_height / 2.0,
            text: row.name.clone(),
        });
    }
    // The axis just under the last bar, and no room for axis labels: the rows are labelled.
    chart.axis_y = top + 6.0 + row_height * rows.len().max(1) as f64;
    chart.height = chart.axis_y + 6.0;
    chart.markers.push(Label { x: x.at(base), y: top, text: compact_money(base, c) });
    let swings: Vec<String> = rows
        .iter()
        .take(3)
        .map(|r| {
            format!(
                "{} ({})",
                r.name,
                crate::report::format::money(
                    round_cents(r.swing).and_then(|d| d.to_f64()).unwrap_or(r.swing),
                    c
                )
            )
        })
        .collect();
    let unmoved: Vec<&str> = changes_nothing.iter().map(|r| r.name.as_str()).collect();
    chart.note = (!unmoved.is_empty())
        .then(|| format!("Changes nothing in this offer: {}.", unmoved.join(", ")));
    chart.description = if rows.is_empty() {
        "Nothing in this offer moves this value.".to_string()
    } else {
        format!(
            "How far the value moves with each input 20% lower or higher. Biggest: {}.",
            swings.join(", ")
        )
    };
    chart
}

/// The salary-to-token mix: what each amount traded is worth to the person after risk, and on
/// average, with the best amount and the offer's own marked.
#[must_use]
pub fn mix_value_chart(mix: &MixAnalysis, currency: &str, width: f64) -> Chart {
    let mut chart = Chart::new(width);
    let values = mix.options.iter().flat_map(|o| [o.risk_adjusted_net, o.expected_net]);
    let (low, high) = values.fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let ticks = nice_ticks(low, high, 4);
    let (_, _, top, bottom) = plot_box(width);
    let y = Scale {
        domain: (ticks.first().copied().unwrap_or(low), ticks.last().copied().unwrap_or(high)),
        range: (bottom, top),
    };
    chart.y_ticks = ticks
        .iter()
        .map(|&t| Label { x: MARGIN.0 - 6.0, y: y.at(t), text: compact_money(t, currency) })
        .collect();
    let x = mix_axis(mix, currency, &mut chart);
    let points = |value: fn(&MixOption) -> f64| {
        mix.options
            .iter()
            .map(|o| format!("{:.1},{:.1}", x.at(amount(o)), y.at(value(o))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    chart.lines.push((points(|o| o.risk_adjusted_net), "series-0".into()));
    chart.lines.push((points(|o| o.expected_net), "series-1 dashed".into()));
    chart.legend = vec![
        ("series-0".into(), "Worth to you after risk".into()),
        ("series-1".into(), "Expected (average) value".into()),
    ];
    mark_choices(mix, &x, top, &mut chart);
    chart.description = format!(
        "Net value of the tokens after the salary given up, for each yearly amount traded from {} to {}: after risk it is highest, {}, at {}; on average it is {} at the cap.",
        crate::report::format::money_decimal(mix.options.first().map_or(Decimal::ZERO, |o| o.sacrificed_annual), currency),
        crate::report::format::money_decimal(mix.options.last().map_or(Decimal::ZERO, |o| o.sacrificed_annual), currency),
        crate::report::format::money(mix.best.risk_adjusted_net, currency),
        crate::report::format::money_decimal(mix.best.sacrificed_annual, currency),
        crate::report::format::money(mix.options.last().map_or(0.0, |o| o.expected_net), currency),
    );
    chart
}

/// The chance of ending up worse off than trading nothing, for each amount traded.
#[must_use]
pub fn mix_risk_chart(mix: &MixAnalysis, currency: &str, width: f64) -> Chart {
    let mut chart = Chart::new(width);
    let (_, _, top, bottom) = plot_box(width);
    let y = Scale { domain: (0.0, 1.0), range: (bottom, top) };
    chart.y_ticks = [0.0, 0.25, 0.5, 0.75, 1.0]
        .iter()
        .map(|&t| Label { x: MARGIN.0 - 6.0, y: y.at(t), text: format!("{:.0}%", t * 100.0) })
        .collect();
    let x = mix_axis(mix, currency, &mut chart);
    let points = mix
        .options
        .iter()
        .map(|o| format!("{:.1},{:.1}", x.at(amount(o)), y.at(o.prob_worse_than_salary_only)))
        .collect::<Vec<_>>()
        .join(" ");
    chart.lines.push((points, "series-2".into()));
    mark_choices(mix, &x, top, &mut chart);
    chart.description = format!(
        "The chance of ending up worse off than trading no salary: {} at the best amount, {} at the most the plan allows.",
        crate::report::format::percent(mix.best.prob_worse_than_salary_only),
        crate::report::format::percent(mix.options.last().map_or(0.0, |o| o.prob_worse_than_salary_only)),
    );
    chart
}

fn amount(option: &MixOption) -> f64 {
    option.sacrificed_annual.to_f64().unwrap_or(0.0)
}

/// The x axis of the mix charts: salary traded a year, from zero to the most the plan allows.
fn mix_axis(mix: &MixAnalysis, currency: &str, chart: &mut Chart) -> Scale {
    let (left, right, _, bottom) = plot_box(chart.width);
    let most = mix.options.last().map_or(0.0, amount);
    let x = Scale { domain: (0.0, most.max(f64::MIN_POSITIVE)), range: (left, right) };
    for t in nice_ticks(0.0, most, money_tick_count(right - left))
        .into_iter()
        .filter(|&t| t <= most * (1.0 + 1e-9))
    {
        chart.x_labels.push(Label {
            x: x.at(t),
            y: bottom + 16.0,
            text: compact_money(t, currency),
        });
    }
    x
}

/// Markers at the best amount and at the offer's own, one label above the other when both.
fn mark_choices(mix: &MixAnalysis, x: &Scale, top: f64, chart: &mut Chart) {
    if mix.best.sacrificed_annual == mix.current.sacrificed_annual {
        chart.markers.push(Label {
            x: x.at(amount(&mix.best)),
            y: top,
            text: "Best: this offer".into(),
        });
    } else {
        chart.markers.push(Label { x: x.at(amount(&mix.best)), y: top, text: "Best".into() });
        chart.markers.push(Label {
            x: x.at(amount(&mix.current)),
            y: top + 14.0,
            text: "This offer".into(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acme() -> Report {
        let offer = crate::parse_offer(include_str!("../../examples/acme-copilot.json")).unwrap();
        crate::engine::value_exact(&offer).unwrap()
    }

    #[test]
    fn ticks_are_nice() {
        assert_eq!(
            nice_ticks(0.0, 85_295.0, 4),
            vec![0.0, 20_000.0, 40_000.0, 60_000.0, 80_000.0, 100_000.0]
        );
        assert_eq!(nice_ticks(0.0, 1.0, 4), vec![0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0]);
        assert_eq!(nice_ticks(0.0, 0.0, 4), vec![0.0]);
        assert_eq!(nice_ticks(0.0, f64::NAN, 4).len(), 6);
    }

    #[test]
    fn compact_money_reads_at_a_glance() {
        for (v, c, want) in [
            (1_234_567.0, "USD", "$1.2M"),
            (350_000.0, "EUR", "€350k"),
            (-20_000.0, "USD", "-$20k"),
            (5.0, "CHF", "CHF 5"),
            (2.5e9, "GBP", "£2.5bn"),
        ] {
            assert_eq!(compact_money(v, c), want);
        }
    }

    #[test]
    fn the_outcome_chart_puts_probability_where_the_outcomes_are() {
        let report = acme();
        let chart = outcome_chart(&report, WIDTH);
        assert_eq!(chart.bars.len(), 21);
        // The "nothing" bar's share is the exact prob_zero, and all bars' shares add to 1.
        let share = |b: &Bar| {
            b.label.rsplit(": ").next().unwrap().trim_end_matches('%').parse::<f64>().unwrap()
        };
        assert!((share(&chart.bars[0]) - report.prob_zero * 100.0).abs() < 0.051);
        let total: f64 = chart.bars.iter().map(share).sum();
        assert!((total - 100.0).abs() < 1.1, "{total}");
        let markers: Vec<&str> = chart.markers.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(markers, ["P10", "P50", "P90"]);
        assert!(chart.markers[0].x < chart.markers[1].x && chart.markers[1].x < chart.markers[2].x);
        assert!(chart.description.contains("$31,179.61"));
        for bar in &chart.bars {
            assert!(
                bar.height >= 0.0
                    && bar.y + bar.height <= HEIGHT - MARGIN.3 + 1e-9
                    && bar.x.is_finite()
            );
        }
    }

    #[test]
    fn yearly_cash_bars_have_the_ledger_heights() {
        let report = acme();
        let chart = yearly_cash_chart(&report, WIDTH);
        assert_eq!(chart.bars.len(), 3 * 5);
        let (_, _, top, bottom) = plot_box(WIDTH);
        // Hit's year 5 is the tallest bar; the axis reaches at least its value.
        let tallest = chart.bars.iter().map(|b| b.height).fold(0.0, f64::max);
        assert!(tallest <= bottom - top + 1e-9 && tallest > 0.5 * (bottom - top));
        assert_eq!(chart.legend.len(), 3);
        assert!(chart.bars[0].label.starts_with("Flop, year 1: $0.00"));
    }

    #[test]
    fn the_tokens_chart_follows_vesting() {
        let report = acme();
        let chart = tokens_chart(&report, 1, WIDTH);
        assert_eq!(chart.lines.len(), 2);
        assert_eq!(chart.lines[0].0.split(' ').count(), 61);
        assert!(chart.description.contains("10,000 vested by month 60"));
        assert_eq!(
            chart.y_ticks.last().map(|t| t.text.as_str()),
            Some("10,000"),
            "token counts read with separators"
        );
        assert!(
            tokens_chart(&report, 99, WIDTH).description.contains("Flop"),
            "an unknown index falls back to the first"
        );
    }

    #[test]
    fn the_vesting_chart_rises_where_the_schedule_vests() {
        let mut doc = crate::form::draft::blank_offer("x");
        crate::form::draft::apply_vesting_preset(&mut doc, "back-loaded");
        let chart = vesting_chart(&crate::form::draft::vesting_curve(&doc, 60), WIDTH);
        let (left, right, top, bottom) = plot_box(WIDTH);
        // Month 12 is a fifth of the way along 60 months; 5 % is a twentieth of the way up.
        let x12 = left + (right - left) * 12.0 / 60.0;
        let y5 = bottom - (bottom - top) * 0.05;
        let points: Vec<&str> = chart.lines[0].0.split(' ').collect();
        assert_eq!(points[1], format!("{x12:.1},{bottom:.1}"));
        assert_eq!(points[2], format!("{x12:.1},{y5:.1}"));
        // Four yearly steps: two points each, the start and the end.
        assert_eq!(points.len(), 2 + 4 * 2);
        assert_eq!(
            chart.description,
            "Share of the grant vested each month: the first tokens vest in month 12; 5% by month 12, 20% by month 24, 60% by month 36, 100% by month 48, 100% by month 60; all of it by month 48."
        );
        crate::form::draft::apply_vesting_preset(&mut doc, "lock-then-three-years");
        let words = vesting_chart(&crate::form::draft::vesting_curve(&doc, 36), WIDTH).description;
        assert!(
            words.contains(
                "month 13; 0% by month 12, 33.3% by month 24, 66.7% by month 36; 66.7% by the last"
            ),
            "{words}"
        );
        let nothing = vesting_chart(&[0.0; 13], WIDTH);
        assert!(nothing.description.starts_with("Nothing vests"));
    }

    /// The tokens chart draws the engine's vested counts, so it follows a schedule: back-loaded
    /// 5/15/40/40 of 10,000 tokens is 500 by month 12, 2,000 by 24, 6,000 by 36.
    #[test]
    fn the_tokens_chart_follows_a_vesting_schedule() {
        let mut doc: serde_json::Value =
            serde_json::from_str(include_str!("../../examples/acme-copilot.json")).unwrap();
        crate::offer::migrate(&mut doc);
        crate::form::draft::apply_vesting_preset(&mut doc, "back-loaded");
        let report = crate::engine::value_exact(&crate::offer::read_offer(&doc).unwrap()).unwrap();
        let vested = &report.scenarios[1].stay.vested_by_month;
        assert_eq!(
            [vested[11], vested[12], vested[24], vested[36], vested[48]],
            [0, 500, 2_000, 6_000, 10_000]
        );
        let chart = tokens_chart(&report, 1, WIDTH);
        let (left, right, top, bottom) = plot_box(WIDTH);
        let points: Vec<(f64, f64)> = chart.lines[0]
            .0
            .split(' ')
            .map(|p| {
                p.split_once(',').map(|(x, y)| (x.parse().unwrap(), y.parse().unwrap())).unwrap()
            })
            .collect();
        // Month 12 is a fifth of the way along; 500 of the axis's 10,000 a twentieth of the way up.
        let (x, y) = points[12];
        assert!((x - (left + (right - left) / 5.0)).abs() < 0.06, "{x}");
        assert!((y - (bottom - (bottom - top) / 20.0)).abs() < 0.06, "{y}");
        assert_eq!(points[11].1, bottom, "nothing before the first year's end");
    }

    /// The tornado of MODEL.md's table, around the expected net value.
    fn expected_net_tornado(report: &Report, width: f64) -> Chart {
        tornado_chart(&expected_net_rows(report), report.expected.net_pv, &report.currency, width)
    }

    #[test]
    fn the_tornado_is_sorted_and_around_the_base() {
        let report = acme();
        let chart = expected_net_tornado(&report, WIDTH);
        assert_eq!(chart.bars.len(), report.sensitivity.len());
        let widths: Vec<f64> = chart.bars.iter().map(|b| b.width).collect();
        assert!(widths.windows(2).all(|w| w[0] >= w[1] - 1e-9), "{widths:?}");
        let base = chart.markers[0].x;
        assert!(chart.bars.iter().all(|b| b.x <= base + 1e-9 && b.x + b.width >= base - 1e-9));
        assert!(chart.description.starts_with("How far") && chart.description.contains("Revenue"));
    }

    #[test]
    fn the_tornado_names_the_inputs_that_change_nothing_and_draws_no_bar_for_them() {
        // In the tender-units example, dilution and income tax leave the net value as it is
        // (no salary is given up, so the income tax rate touches nothing).
        let offer = crate::parse_offer(include_str!("../../examples/tender-units.json")).unwrap();
        let report = crate::engine::value_exact(&offer).unwrap();
        let unmoved: Vec<&str> =
            report.sensitivity.iter().filter(|r| r.swing == 0.0).map(|r| r.input).collect();
        assert_eq!(unmoved, ["annual_dilution_pct", "income_tax_pct"]);
        let chart = expected_net_tornado(&report, WIDTH);
        assert_eq!(chart.bars.len(), report.sensitivity.len() - 2);
        assert!(chart
            .bars
            .iter()
            .all(|b| !b.label.starts_with("Dilution") && !b.label.starts_with("Income tax")));
        assert_eq!(
            chart.note.as_deref(),
            Some("Changes nothing in this offer: Dilution, Income tax.")
        );
        // Acme's inputs all move it: no note.
        assert_eq!(expected_net_tornado(&acme(), WIDTH).note, None);
    }

    #[test]
    fn at_a_phone_width_everything_stays_in_the_view_box_and_labels_keep_apart() {
        let mut offer =
            crate::parse_offer(include_str!("../../examples/acme-copilot.json")).unwrap();
        let five_years = crate::engine::value_exact(&offer).unwrap();
        offer.horizon_months = 120;
        let ten_years = crate::engine::value_exact(&offer).unwrap();
        offer.mix = Some(crate::offer::Mix {
            tokens_per_unit: Decimal::new(5, 1),
            max_sacrificed_annual: Decimal::from(60_000),
            step_annual: Decimal::from(1_000),
        });
        let mix = crate::engine::decide(&offer).unwrap().mix.unwrap();
        let bottom = HEIGHT - MARGIN.3;
        let mut doc = crate::form::draft::blank_offer("x");
        crate::form::draft::apply_vesting_preset(&mut doc, "four-years-cliff");
        let vesting = crate::form::draft::vesting_curve(&doc, 120);
        for width in [NARROW_WIDTH, WIDTH] {
            let charts = [
                outcome_chart(&five_years, width),
                yearly_cash_chart(&five_years, width),
                yearly_cash_chart(&ten_years, width),
                tokens_chart(&ten_years, 0, width),
                expected_net_tornado(&five_years, width),
                mix_value_chart(&mix, "USD", width),
                mix_risk_chart(&mix, "USD", width),
                vesting_chart(&vesting, width),
            ];
            for chart in charts {
                assert_eq!(chart.width, width);
                // Every bar within the view box and above the axis (the tornado's axis once cut
                // through its last rows).
                assert!(chart.axis_y < chart.height, "{width}: {}", chart.description);
                for bar in &chart.bars {
                    assert!(bar.x >= 0.0 && bar.x + bar.width <= width + 1e-9, "{width}: {bar:?}");
                    assert!(
                        bar.y >= 0.0 && bar.y + bar.height <= chart.axis_y + 1e-9,
                        "{width}: {bar:?} below the axis at {}",
                        chart.axis_y
                    );
                }
                for label in chart.x_labels.iter().chain(&chart.markers) {
                    assert!((0.0..=width).contains(&label.x), "{width}: {label:?}");
                }
                // The labels along the x axis, and the markers' labels on one line, do not touch.
                let axis: Vec<f64> =
                    chart.x_labels.iter().filter(|l| l.y == bottom + 16.0).map(|l| l.x).collect();
                assert!(
                    axis.windows(2).all(|w| w[1] - w[0] >= 40.0),
                    "{width}: axis labels at {axis:?} in {}",
                    chart.description
                );
                // Marker labels clear the y axis's labels, left of MARGIN.0, and the right edge.
                for m in &chart.markers {
                    let (from, to) = marker_span(m.x, width);
                    assert!(
                        from >= MARGIN.0 - 1e-9 && to <= width + 1e-9,
                        "{width}: marker label {m:?} spans {from}..{to}"
                    );
                }
                for line in [MARGIN.2, MARGIN.2 + 14.0] {
                    let mut on_line: Vec<f64> =
                        chart.markers.iter().filter(|m| m.y == line).map(|m| m.x).collect();
                    on_line.sort_by(f64::total_cmp);
                    assert!(
                        on_line
                            .windows(2)
                            .all(|w| marker_span(w[0], width).1 <= marker_span(w[1], width).0),
                        "{width}: markers at {on_line:?}"
                    );
                }
            }
        }
        // Ten years at a phone's width: a label every second year.
        let labels: Vec<String> = yearly_cash_chart(&ten_years, NARROW_WIDTH)
            .x_labels
            .into_iter()
            .map(|l| l.text)
            .collect();
        assert_eq!(labels, ["Year 1", "Year 3", "Year 5", "Year 7", "Year 9"]);
    }

    #[test]
    fn charts_of_an_offer_without_tokens_are_calm() {
        let offer = crate::parse_offer(include_str!("../../examples/salary-only.json")).unwrap();
        let report = crate::engine::value_exact(&offer).unwrap();
        for chart in [
            outcome_chart(&report, WIDTH),
            yearly_cash_chart(&report, WIDTH),
            tokens_chart(&report, 0, WIDTH),
            expected_net_tornado(&report, WIDTH),
        ] {
            for bar in &chart.bars {
                assert!(
                    bar.x.is_finite()
                        && bar.y.is_finite()
                        && bar.height.is_finite()
                        && bar.width.is_finite(),
                    "{bar:?}"
                );
            }
            for (points, _) in &chart.lines {
                assert!(!points.contains("NaN") && !points.contains("inf"), "{points}");
            }
        }
    }
}
