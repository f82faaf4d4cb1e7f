//! Two to four offers side by side: the figures that decide between them, which comes first on
//! total pay and on risk-adjusted pay, and every offer's outcome distribution on one chart.

use crate::charts::{compact_money, money_tick_count, nice_ticks, plot_box, Chart, Label, Scale};
use crate::engine::Report;
use crate::format::money;

/// One offer's deciding figures, in today's money after tax.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparedOffer {
    pub name: String,
    pub currency: String,
    /// Salary plus expected token value.
    pub total_pay: f64,
    pub token_pv: f64,
    pub prob_zero: f64,
    pub certainty_equivalent: f64,
    pub salary_equivalent: f64,
    pub net_pv: f64,
    /// Salary plus the tokens' certainty equivalent plus the compute budget's worth: what the
    /// whole offer is worth to this person.
    pub risk_adjusted_pay: f64,
    /// A compute budget at list price and at its worth to the person, in today's money (MODEL.md
    /// 7.6): a row of its own, so that "$300k + $150k of compute" and "$400k cash" compare
    /// honestly. `None` without one.
    pub compute_list_pv: Option<f64>,
    pub compute_value_pv: Option<f64>,
}

/// The comparison of several offers.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub offers: Vec<ComparedOffer>,
    /// Indexes of the offers that come first; `None` when currencies differ.
    pub best_total: Option<usize>,
    pub best_risk_adjusted: Option<usize>,
    /// One plain sentence.
    pub verdict: String,
    /// Cumulative distributions of token value, one line per offer.
    pub chart: Chart,
}

/// Compares valued offers (`(name, report)`), in the order given, with the chart laid out in a
/// view box `width` wide.
#[must_use]
pub fn compare(reports: &[(String, Report)], width: f64) -> Comparison {
    let offers: Vec<ComparedOffer> = reports
        .iter()
        .map(|(name, r)| ComparedOffer {
            name: name.clone(),
            currency: r.currency.clone(),
            total_pay: r.expected.total_comp_pv,
            token_pv: r.expected.token_pv,
            prob_zero: r.prob_zero,
            certainty_equivalent: r.certainty_equivalent,
            salary_equivalent: r.salary_equivalent_annual_pretax,
            net_pv: r.expected.net_pv,
            // The budget's worth, as `total_comp_pv` counts it; its leaving risk is the job's.
            risk_adjusted_pay: r.expected.salary_pv
                + r.certainty_equivalent
                + r.compute_budget.as_ref().map_or(0.0, |b| b.value_pv),
            compute_list_pv: r.compute_budget.as_ref().map(|b| b.list_pv),
            compute_value_pv: r.compute_budget.as_ref().map(|b| b.value_pv),
        })
        .collect();
    let one_currency = offers.windows(2).all(|w| w[0].currency == w[1].currency);
    let best = |key: fn(&ComparedOffer) -> f64| -> Option<usize> {
        if !one_currency || offers.is_empty() {
            return None;
        }
        (0..offers.len())
            .max_by(|&a, &b| key(&offers[a]).total_cmp(&key(&offers[b])).then(b.cmp(&a)))
    };
    let best_total = best(|o| o.total_pay);
    let best_risk_adjusted = best(|o| o.risk_adjusted_pay);
    let verdict = match (best_total, best_risk_adjusted) {
        _ if offers.len() < 2 => "Pick at least two offers to compare.".to_string(),
        (Some(t), Some(r)) if t == r => format!(
            "{} comes first on total pay in today's money ({}) and on risk-adjusted pay ({}).",
            offers[t].name,
            money(offers[t].total_pay, &offers[t].currency),
            money(offers[r].risk_adjusted_pay, &offers[r].currency)
        ),
        (Some(t), Some(r)) => format!(
            "{} comes first on total pay in today's money ({}), but {} does once risk is counted ({}).",
            offers[t].name,
            money(offers[t].total_pay, &offers[t].currency),
            offers[r].name,
            money(offers[r].risk_adjusted_pay, &offers[r].currency)
        ),
        _ => "These offers are in different currencies, so tokenworth does not rank them; convert one first.".to_string(),
    };
    Comparison {
        chart: distribution_chart(reports, width),
        offers,
        best_total,
        best_risk_adjusted,
        verdict,
    }
}

/// Step lines of `P(token value ≤ x)` for every offer on shared axes.
fn distribution_chart(reports: &[(String, Report)], width: f64) -> Chart {
    let mut chart = Chart::new(width);
    let (left, right, top, bottom) = plot_box(width);
    let max =
        reports.iter().flat_map(|(_, r)| r.outcomes.iter().map(|&(x, _)| x)).fold(0.0, f64::max);
    let ticks = nice_ticks(0.0, max, money_tick_count(right - left).min(4));
    let x_max = ticks.last().copied().unwrap_or(1.0).max(f64::MIN_POSITIVE);
    let x = Scale { domain: (0.0, x_max), range: (left, right) };
    let y = Scale { domain: (0.0, 1.0), range: (bottom, top) };
    let currency = reports.first().map_or("USD", |(_, r)| r.currency.as_str());
    for (i, (name, r)) in reports.iter().enumerate() {
        let mut points = vec![format!("{:.1},{:.1}", x.at(0.0), y.at(0.0))];
        let mut cumulative = 0.0;
        let mut outcomes = r.outcomes.iter().peekable();
        while let Some(&(value, weight)) = outcomes.next() {
            points.push(format!("{:.1},{:.1}", x.at(value), y.at(cumulative)));
            cumulative += weight;
            // Equal values make one step.
            while let Some(&(_, more)) = outcomes.next_if(|&&(next, _)| next == value) {
                cumulative += more;
            }
            points.push(format!("{:.1},{:.1}", x.at(value), y.at(cumulative.min(1.0))));
        }
        points.push(format!("{:.1},{:.1}", x.at(x_max), y.at(cumulative.min(1.0))));
        let class = format!("series-{}", i % 6);
        chart.lines.push((points.join(" "), class.clone()));
        chart.legend.push((class, name.clone()));
    }
    chart.y_ticks = [0.0, 0.25, 0.5, 0.75, 1.0]
        .iter()
        .map(|&p| Label { x: left - 6.0, y: y.at(p), text: format!("{:.0}%", p * 100.0) })
        .collect();
    chart.x_labels = ticks
        .iter()
        .map(|&t| Label { x: x.at(t), y: bottom + 16.0, text: compact_money(t, currency) })
        .collect();
    let medians: Vec<String> = reports
        .iter()
        .map(|(name, r)| {
            format!(
                "{name}: {:.0}% chance of nothing, half below {}",
                r.prob_zero * 100.0,
                money(r.distribution.p50, &r.currency)
            )
        })
        .collect();
    chart.description = format!(
        "The chance that the tokens are worth at most each amount, one line per offer; a line further right is better. {}.",
        medians.join("; ")
    );
    chart
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{HEIGHT, MARGIN, WIDTH};

    fn report(name: &str) -> (String, Report) {
        let text =
            std::fs::read_to_string(format!("{}/examples/{name}.json", env!("CARGO_MANIFEST_DIR")))
                .unwrap();
        let offer = crate::parse_offer(&text).unwrap();
        (offer.name.clone(), crate::engine::value_exact(&offer).unwrap())
    }

    #[test]
    fn ranks_on_total_and_risk_adjusted_pay() {
        let acme = report("acme-copilot");
        let salary = report("salary-only");
        let comparison = compare(&[salary.clone(), acme.clone()], WIDTH);
        // Acme: 444,481.00 + 85,295.19 = 529,776.18 against 493,867.78 salary only.
        assert_eq!(comparison.best_total, Some(1));
        assert!((comparison.offers[1].total_pay - 529_776.18).abs() < 0.01);
        // Risk-adjusted, acme is 444,481.00 + 43,899.94 = 488,380.94: salary only comes first.
        assert_eq!(comparison.best_risk_adjusted, Some(0));
        assert!((comparison.offers[1].risk_adjusted_pay - 488_380.94).abs() < 0.01);
        assert!(
            comparison.verdict.contains("but Salary-only alternative does once risk is counted"),
            "{}",
            comparison.verdict
        );
    }

    #[test]
    fn the_distribution_lines_start_at_the_chance_of_nothing() {
        let acme = report("acme-copilot");
        let salary = report("salary-only");
        let comparison = compare(&[acme, salary], WIDTH);
        assert_eq!(comparison.chart.lines.len(), 2);
        // Salary only: everything at zero, a vertical jump to 100 % at x = 0.
        let points: Vec<&str> = comparison.chart.lines[1].0.split(' ').collect();
        assert_eq!(points[1], format!("{:.1},{:.1}", MARGIN.0, HEIGHT - MARGIN.3));
        assert_eq!(points[2], format!("{:.1},{:.1}", MARGIN.0, MARGIN.2));
        assert!(comparison.chart.description.contains("100% chance of nothing"));
    }

    #[test]
    fn different_currencies_are_not_ranked() {
        let comparison = compare(&[report("acme-copilot"), report("research-lab")], WIDTH);
        assert_eq!((comparison.best_total, comparison.best_risk_adjusted), (None, None));
        assert!(comparison.verdict.contains("different currencies"));
        assert!(compare(&[report("acme-copilot")], WIDTH).verdict.contains("at least two"));
    }

    #[test]
    fn on_a_phone_the_chart_is_laid_out_narrow_with_its_labels_apart() {
        let reports = [report("acme-copilot"), report("salary-only")];
        for width in [crate::charts::NARROW_WIDTH, WIDTH] {
            let chart = compare(&reports, width).chart;
            assert_eq!(chart.width, width);
            let xs: Vec<f64> = chart.x_labels.iter().map(|l| l.x).collect();
            assert!(
                xs.iter().all(|x| (0.0..=width).contains(x))
                    && xs.windows(2).all(|w| w[1] - w[0] >= 40.0),
                "{width}: {xs:?}"
            );
            assert!(chart.lines.iter().all(|(points, _)| points
                .split([' ', ','])
                .step_by(2)
                .all(|x| x.parse::<f64>().is_ok_and(|x| x <= width))));
        }
    }
}
