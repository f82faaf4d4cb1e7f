//! The charts of a salary mix (MODEL-DECISIONS: the mix): the deal after risk, and the chance of
//! ending up worse off, at each amount of salary the plan lets the person trade.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::{compact_money, money_tick_count, nice_ticks, plot_box, Chart, Label, Scale, MARGIN};
use crate::engine::{MixAnalysis, MixOption};

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
        .map(|&t| Label {
            x: MARGIN.0 - 6.0,
            y: y.at(t),
            text: crate::report::format::percent_number(&format!("{:.0}", t * 100.0)),
        })
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
