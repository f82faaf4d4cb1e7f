//! Chart geometry, pure and native-testable: scales, ticks and the shapes of the charts the app
//! draws as inline SVG (`ui::charts` turns them into elements). Coordinates are SVG user units in a
//! `width × HEIGHT` view box, y growing downwards; the width is [`WIDTH`], or [`NARROW_WIDTH`] for a
//! phone's column, so that the labels stay a readable size when the chart is scaled to fit.

use crate::report::format::group_digits;

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
    // In the page's locale, if it installed one (`report::locale`): `1,2 Mio. €` reads as `1,2M €`.
    if let Some(style) = crate::report::locale::style() {
        let plain = format!("{sign}{digits}");
        let shown = style.number(&digits);
        return style.money(&plain, currency).replacen(&shown, &format!("{shown}{suffix}"), 1);
    }
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
    /// Where the horizontal axis starts and ends, when not at the plot's margins.
    pub axis_x: Option<(f64, f64)>,
    pub bars: Vec<Bar>,
    /// Vertical markers: x and label.
    pub markers: Vec<Label>,
    pub x_labels: Vec<Label>,
    /// Names written from their x rightwards, above a row's bars (the Company view's members):
    /// whole, never cut to fit a margin.
    pub row_labels: Vec<Label>,
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
    y_axis_between(0.0, max, currency, chart)
}

/// A vertical axis from `low` (0, or below it for money going out) to at least `high`.
fn y_axis_between(low: f64, high: f64, currency: Option<&str>, chart: &mut Chart) -> Scale {
    let (_, _, top, bottom) = plot_box(chart.width);
    let ticks = nice_ticks(low.min(0.0), high, 4);
    let bottom_value = ticks.first().copied().unwrap_or(0.0).min(0.0);
    let top_value = ticks.last().copied().unwrap_or(1.0).max(f64::MIN_POSITIVE);
    let scale = Scale { domain: (bottom_value, top_value), range: (bottom, top) };
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

mod mix;
mod offer;

pub use mix::*;
pub use offer::*;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Report;
    use rust_decimal::Decimal;

    fn acme() -> Report {
        let offer =
            crate::parse_offer(include_str!("../../../examples/acme-copilot.json")).unwrap();
        crate::engine::value_exact(&offer).unwrap()
    }

    /// The version 4 example: tokens taxed as they vest, with a rule to leave.
    fn taxed_at_vest() -> Report {
        let offer =
            crate::parse_offer(include_str!("../../../examples/taxed-at-vest.json")).unwrap();
        crate::engine::value_exact(&offer).unwrap()
    }

    /// A bar's share as its label gives it (`Nothing: 13.8%` → 13.8).
    fn share(b: &Bar) -> f64 {
        b.label.rsplit(": ").next().unwrap().trim_end_matches('%').parse::<f64>().unwrap()
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
    fn a_loss_has_a_bar_of_its_own_beside_nothing() {
        let report = taxed_at_vest();
        let chart = outcome_chart(&report, WIDTH);
        assert_eq!(chart.bars.len(), 22);
        assert_eq!(chart.bars[0].class, "bar-loss");
        assert_eq!(chart.bars[1].class, "bar-nothing");
        // The report: prob_loss 30.2 %, prob_zero (nothing or less) 41.2 %.
        assert_eq!(chart.bars[0].label, format!("A loss: {:.1}%", report.prob_loss * 100.0));
        assert!(
            (share(&chart.bars[0]) + share(&chart.bars[1]) - report.prob_zero * 100.0).abs() < 0.11
        );
        assert!(
            chart.description.contains("41% chance of nothing or less: 30% a loss, 11% nothing"),
            "{}",
            chart.description
        );
        // P10 is a loss (−£1,844.76): its marker stands over the loss bar.
        let loss_centre = chart.bars[0].x + chart.bars[0].width / 2.0;
        assert!(
            (chart.markers[0].x - loss_centre).abs() < 1.5,
            "{} {}",
            chart.markers[0].x,
            loss_centre
        );
        assert_eq!(chart.x_labels[0].text, "loss");
        // Without a loss, no such bar.
        assert!(outcome_chart(&acme(), WIDTH).bars.iter().all(|b| b.class != "bar-loss"));
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
    fn tax_at_vest_is_drawn_below_the_line_as_money_going_out() {
        let report = taxed_at_vest();
        let chart = yearly_cash_chart(&report, WIDTH);
        let (_, _, top, bottom) = plot_box(WIDTH);
        // The ledger: Takes off owes £110,727.84 at vest in year 4, the most of any year; Fizzles
        // owes £1,410.00 in year 1.
        let tax: Vec<&Bar> = chart.bars.iter().filter(|b| b.class == "bar-tax-at-vest").collect();
        // Years 1 to 4 owe tax (nothing vests in year 5), but Fizzles is shut in month 30 and
        // owes none in year 3: 4 + 4 + 2 bars.
        assert_eq!(tax.len(), 10);
        assert_eq!(tax[0].label, "Fizzles, year 1: tax at vest -£1,410.00");
        // Below the axis, which sits at 0 between the top and the bottom of the plot.
        assert!(chart.axis_y > top && chart.axis_y < bottom);
        assert!(tax.iter().all(|b| (b.y - chart.axis_y).abs() < 1e-9 && b.height > 0.0));
        let deepest = tax.iter().map(|b| b.height).fold(0.0, f64::max);
        let tallest = chart
            .bars
            .iter()
            .filter(|b| b.class != "bar-tax-at-vest")
            .map(|b| b.height)
            .fold(0.0, f64::max);
        // Heights in proportion: Takes off's year 5 is the tallest bar, £7,815.59 + £152,042.08 +
        // £370,988.97 = £530,846.64.
        assert!(
            (deepest / tallest - 110_727.84 / 530_846.64).abs() < 1e-9,
            "{deepest} / {tallest}"
        );
        assert_eq!(chart.legend.last().unwrap().1, "Tax owed as tokens vest");
        // Fizzles: £7.95 + £115.94 + £2,917.69 + £29.40 in; £1,410.00 + £2,335.06 of tax out.
        assert!(chart
            .description
            .contains("Fizzles: £3,070.98 in all, and £3,745.06 of tax paid as they vested"));
        assert!(chart.description.contains("the tax owed as tokens vest is drawn below the line"));
        // An offer taxed when it pays draws nothing below the line.
        let plain = yearly_cash_chart(&acme(), WIDTH);
        assert!(plain.bars.iter().all(|b| b.class != "bar-tax-at-vest"));
        assert!((plain.axis_y - bottom).abs() < 1e-9);
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
            serde_json::from_str(include_str!("../../../examples/acme-copilot.json")).unwrap();
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
        let offer =
            crate::parse_offer(include_str!("../../../examples/tender-units.json")).unwrap();
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
            crate::parse_offer(include_str!("../../../examples/acme-copilot.json")).unwrap();
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
        let offer = crate::parse_offer(include_str!("../../../examples/salary-only.json")).unwrap();
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
