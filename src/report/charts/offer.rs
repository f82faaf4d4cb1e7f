//! The charts of one offer: its outcomes, its yearly cash, its tokens and vesting, and the tornado of
//! what would change the answer.

use rust_decimal::prelude::ToPrimitive;

use super::{
    compact_money, marker_span, money_tick_count, nice_ticks, plot_box, y_axis, y_axis_between,
    Bar, Chart, Label, Scale, MARGIN, YEAR_LABEL_WIDTH,
};
use crate::engine::Report;
use crate::report::format::{group_digits, percent_number, round_cents};

/// A chance as a percentage with one decimal, as the bars' labels give it (`13.8%`).
fn pct(p: f64) -> String {
    percent_number(&format!("{:.1}", p * 100.0))
}

/// A chance in whole percent, as the descriptions give it (`14%`).
fn whole_pct(p: f64) -> String {
    percent_number(&format!("{:.0}", p * 100.0))
}

/// The distribution of outcomes: a bar for "nothing", twenty bars over (0, max], and the P10, P50
/// and P90 markers. Where tax at vest can make the tokens cost more than they bring (MODEL.md
/// 8.3), a bar for "a loss" comes first, and it and "nothing" add up to the chance of nothing or
/// less that the headline gives.
#[must_use]
pub fn outcome_chart(report: &Report, width: f64) -> Chart {
    const BINS: usize = 20;
    let mut chart = Chart::new(width);
    let c = report.currency.as_str();
    let (left, right, _, bottom) = plot_box(width);
    let max = report.outcomes.iter().map(|&(x, _)| x).fold(0.0, f64::max);
    let weight_where = |keep: fn(f64) -> bool| -> f64 {
        report.outcomes.iter().filter(|&&(x, _)| keep(x)).map(|&(_, w)| w).sum()
    };
    let loss = weight_where(|x| x < 0.0);
    let zero = weight_where(|x| x == 0.0);
    let mut bins = [0.0; BINS];
    for &(x, w) in report.outcomes.iter().filter(|&&(x, _)| x > 0.0) {
        let i = ((x / max) * BINS as f64).ceil() as usize;
        bins[i.clamp(1, BINS) - 1] += w;
    }
    let tallest = bins.iter().copied().fold(zero.max(loss), f64::max);
    let y = y_axis(tallest * 100.0, None, &mut chart);
    for tick in &mut chart.y_ticks {
        tick.text = percent_number(&tick.text);
    }
    // The slots before the outcomes above zero: "a loss" (only where there is one), "nothing".
    let before = if loss > 0.0 { 2 } else { 1 };
    let slot = (right - left) / (BINS + before) as f64;
    let bar = |i: usize, p: f64, class: &str, label: String| Bar {
        x: left + slot * i as f64 + 1.0,
        y: y.at(p * 100.0),
        width: (slot - 2.0).max(1.0),
        height: (bottom - y.at(p * 100.0)).max(0.0),
        class: class.to_string(),
        label,
    };
    let centre = |i: usize| left + slot * (i as f64 + 0.5);
    if loss > 0.0 {
        chart.bars.push(bar(0, loss, "bar-loss", format!("A loss: {}", pct(loss))));
        chart.x_labels.push(Label { x: centre(0), y: bottom + 16.0, text: "loss".into() });
    }
    let nothing = before - 1;
    chart.bars.push(bar(nothing, zero, "bar-nothing", format!("Nothing: {}", pct(zero))));
    for (i, &p) in bins.iter().enumerate() {
        let from = max * i as f64 / BINS as f64;
        let to = max * (i + 1) as f64 / BINS as f64;
        chart.bars.push(bar(
            i + before,
            p,
            "bar-outcome",
            format!("{} to {}: {}", compact_money(from, c), compact_money(to, c), pct(p)),
        ));
    }
    let outcomes_left = left + slot * before as f64;
    let x_of = |v: f64| {
        if v < 0.0 {
            centre(0)
        } else if v == 0.0 || max <= 0.0 {
            centre(nothing)
        } else {
            outcomes_left + (v / max) * (right - outcomes_left)
        }
    };
    chart.x_labels.push(Label { x: centre(nothing), y: bottom + 16.0, text: "nothing".into() });
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
    let chances = if loss > 0.0 {
        format!(
            "{} chance of nothing or less: {} a loss, {} nothing",
            whole_pct(loss + zero),
            whole_pct(loss),
            whole_pct(zero)
        )
    } else {
        format!("{} chance of nothing", whole_pct(zero))
    };
    chart.description = format!(
        "Chance of each outcome for the tokens' value after tax in today's money. {chances}; \
         one in ten outcomes is below {}, half are below {}, one in ten is above {}.",
        crate::report::format::money(d.p10, c),
        crate::report::format::money(d.p50, c),
        crate::report::format::money(d.p90, c)
    );
    chart
}

/// Yearly after-tax token cash of the never-leaving path, one bar per scenario in each year; the
/// income tax owed as tokens vest (MODEL.md 8.3) is money going out, drawn below the line.
#[must_use]
pub fn yearly_cash_chart(report: &Report, width: f64) -> Chart {
    let mut chart = Chart::new(width);
    let c = report.currency.as_str();
    let (left, right, _, bottom) = plot_box(width);
    let years = report.scenarios.iter().map(|s| s.stay.years.len()).max().unwrap_or(0);
    let year = |s: usize, y: usize| report.scenarios[s].stay.years.get(y);
    let cash = |s: usize, y: usize| -> f64 {
        year(s, y).map_or(0.0, |y| {
            [y.revenue_share, y.milestones, y.buyback, y.terminal]
                .iter()
                .map(|d| d.to_f64().unwrap_or(0.0))
                .sum()
        })
    };
    let tax =
        |s: usize, y: usize| year(s, y).map_or(0.0, |y| y.tax_at_vest.to_f64().unwrap_or(0.0));
    let cells = || (0..report.scenarios.len()).flat_map(|s| (0..years).map(move |y| (s, y)));
    let max = cells().map(|(s, y)| cash(s, y)).fold(0.0, f64::max);
    let most_tax = cells().map(|(s, y)| tax(s, y)).fold(0.0, f64::max);
    let scale = y_axis_between(-most_tax, max, Some(c), &mut chart);
    let zero = scale.at(0.0);
    chart.axis_y = zero;
    let group = (right - left) / years.max(1) as f64;
    let n = report.scenarios.len().max(1);
    let bar_width = ((group - 8.0) / n as f64).max(1.0);
    // A label every year while "Year 10" fits; else every second (or third...) year.
    let label_every = (YEAR_LABEL_WIDTH / group).ceil().max(1.0) as usize;
    let money = |v: f64| crate::report::format::money(v, c);
    for y in 0..years {
        if y % label_every == 0 {
            chart.x_labels.push(Label {
                x: left + group * (y as f64 + 0.5),
                y: bottom + 16.0,
                text: format!("Year {}", y + 1),
            });
        }
        for (s, scenario) in report.scenarios.iter().enumerate() {
            let x = left + group * y as f64 + 4.0 + bar_width * s as f64;
            let width = (bar_width - 1.0).max(0.5);
            let v = cash(s, y);
            chart.bars.push(Bar {
                x,
                y: scale.at(v),
                width,
                height: (zero - scale.at(v)).max(0.0),
                class: format!("scenario-{}", s % 6),
                label: format!("{}, year {}: {}", scenario.name, y + 1, money(v)),
            });
            let owed = tax(s, y);
            if owed > 0.0 {
                chart.bars.push(Bar {
                    x,
                    y: zero,
                    width,
                    height: (scale.at(-owed) - zero).max(0.0),
                    class: "bar-tax-at-vest".into(),
                    label: format!(
                        "{}, year {}: tax at vest {}",
                        scenario.name,
                        y + 1,
                        money(-owed)
                    ),
                });
            }
        }
    }
    let mut summary = Vec::new();
    for (s, scenario) in report.scenarios.iter().enumerate() {
        chart.legend.push((format!("scenario-{}", s % 6), scenario.name.clone()));
        let total: f64 = (0..years).map(|y| cash(s, y)).sum();
        let owed: f64 = (0..years).map(|y| tax(s, y)).sum();
        summary.push(if owed > 0.0 {
            format!(
                "{}: {} in all, and {} of tax paid as they vested",
                scenario.name,
                money(total),
                money(owed)
            )
        } else {
            format!("{}: {} in all", scenario.name, money(total))
        });
    }
    if most_tax > 0.0 {
        chart.legend.push(("bar-tax-at-vest".into(), "Tax owed as tokens vest".into()));
    }
    chart.description = format!(
        "After-tax cash from the tokens each year if you stay, by scenario{}. {}.",
        if most_tax > 0.0 { "; the tax owed as tokens vest is drawn below the line" } else { "" },
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
