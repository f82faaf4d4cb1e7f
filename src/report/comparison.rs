//! Two to four offers side by side on one footing: each valued with one person's assumptions and
//! ranked by the whole deal after risk against the same salary-only job, with total pay in today's
//! money beside it, and every offer's outcome distribution on one chart.

use rust_decimal::Decimal;

use crate::engine::{
    deal_against_salary, value_exact_figures, EngineError, QuitRuleFigures, Report,
};
use crate::offer::{Offer, WealthCounts};
use crate::report::charts::{
    compact_money, money_tick_count, nice_ticks, plot_box, Chart, Label, Scale,
};
use crate::report::format::{group_digits, money, money_decimal, percent_number, round_cents};

/// An exchange rate the person typed (issue 26): one `from` is `rate` of `to`, as of `date` (as they
/// wrote it). tokenworth never fetches a rate: intranet hosting and its strict content security
/// policy rule it out, and a rate without its date goes stale unseen.
#[derive(Debug, Clone, PartialEq)]
pub struct ExchangeRate {
    pub from: String,
    pub to: String,
    pub rate: Decimal,
    pub date: String,
}

impl ExchangeRate {
    /// "1 GBP = 1.27 USD on 2026-12-01".
    #[must_use]
    pub fn words(&self) -> String {
        format!(
            "1 {} = {} {} on {}",
            self.from,
            group_digits(&self.rate.normalize().to_string()),
            self.to,
            self.date
        )
    }
}

/// One offer's deciding figures, in today's money after tax, with the chosen person's assumptions.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparedOffer {
    pub name: String,
    pub currency: String,
    /// What the ranking is on: the certainty equivalent, path by path, of token value + compute
    /// budget's worth − salary given up − the pay this offer's full salary falls short of the
    /// baseline's by (a sure amount). Zero for the best-paid salary-only job.
    pub against_baseline: f64,
    /// Its expected counterpart (the same amounts, averaged).
    pub against_baseline_expected: f64,
    /// Base plus salary given up, a year before tax: what a salary-only job is matched against.
    pub full_salary_annual: Decimal,
    /// Salary plus expected token value plus the compute budget's worth.
    pub total_pay: f64,
    pub token_pv: f64,
    pub prob_zero: f64,
    /// The tokens alone, as sure cash: their certainty equivalent, never set against salary.
    pub certainty_equivalent: f64,
    pub net_pv: f64,
    /// A compute budget at list price and at its worth to the person, in today's money (MODEL.md
    /// 7.6): a row of its own, so that "$300k + $150k of compute" and "$400k cash" compare
    /// honestly. `None` without one.
    pub compute_list_pv: Option<f64>,
    pub compute_value_pv: Option<f64>,
    /// The income tax paid on the tokens as they vest, in today's money (MODEL.md 8.3): 0 for an
    /// offer taxed when it pays.
    pub tax_at_vest_pv: f64,
    /// The chance the tokens cost more than they bring (tax paid on value never paid out).
    pub prob_loss: f64,
    /// The offer's rule for leaving when the project goes badly: the yearly revenue under which
    /// the person leaves (MODEL.md 8.2), `None` without one.
    pub leaves_under: Option<Decimal>,
    /// The rate its figures were converted at into the comparison's currency (`currency` is then
    /// that one, not the file's); `None` for an offer in that currency.
    pub converted: Option<ExchangeRate>,
}

/// The comparison of several offers.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub offers: Vec<ComparedOffer>,
    /// Indexes of the offers that come first; `None` when currencies differ.
    pub best_total: Option<usize>,
    pub best_risk_adjusted: Option<usize>,
    /// The salary-only job every offer is set against (a year, before tax); `None` when
    /// currencies differ (each is then set against its own full salary).
    pub baseline_annual: Option<Decimal>,
    /// Whose assumptions, and what they are: "Compared with the assumptions of «Acme»: …".
    pub assumptions: String,
    /// Which personal figures the files carry differently, if any: said above the table.
    pub differing: Option<String>,
    /// One plain sentence.
    pub verdict: String,
    /// Each conversion in words, shown beside the comparison: "«London»'s figures are converted
    /// from GBP at 1 GBP = 1.27 USD on 2026-12-01, the rate you entered."
    pub conversions: Vec<String>,
    /// Cumulative distributions of token value, one line per offer.
    pub chart: Chart,
}

/// `offer` as `person` would value it: the person's own figures (the `personal` section and the
/// leaving rate, which is their estimate too) in place of the file's, the plan's terms kept. When
/// the tokens are taxed stays the offer's own: it follows the kind of unit each plan grants
/// (cash-settled units are taxed when paid, tokens received as pay when they vest), not the person.
#[must_use]
pub fn with_person(offer: &Offer, person: &Offer) -> Offer {
    let mut valued = offer.clone();
    valued.personal = person.personal.clone();
    valued.personal.taxed_at = offer.personal.taxed_at;
    valued.leaving.annual_departure_pct = person.leaving.annual_departure_pct;
    valued
}

/// The person's figures, each with how it is named and shown.
fn personal_figures(offer: &Offer) -> [(&'static str, String); 7] {
    let p = &offer.personal;
    let pct = |d: Decimal| percent_number(&d.normalize().to_string());
    [
        ("savings", money_decimal(p.wealth, &offer.currency)),
        ("risk aversion", p.risk_aversion.normalize().to_string()),
        (
            "risk weighed against",
            match p.wealth_counts {
                WealthCounts::Savings => "savings alone".to_string(),
                WealthCounts::SavingsAndPay => "savings and pay".to_string(),
            },
        ),
        ("discount rate", pct(p.discount_rate_pct)),
        ("income tax", pct(p.income_tax_pct)),
        ("tax on token payouts", pct(p.redemption_tax_pct)),
        ("leaving rate", format!("{} a year", pct(offer.leaving.annual_departure_pct))),
    ]
}

/// "Compared with the assumptions of «name»: savings $80,000, risk aversion 2, …".
#[must_use]
pub fn assumptions_sentence(person: &Offer) -> String {
    let figures: Vec<String> =
        personal_figures(person).iter().map(|(name, shown)| format!("{name} {shown}")).collect();
    format!("Compared with the assumptions of «{}»: {}.", person.name, figures.join(", "))
}

/// The personal figures that differ among `offers`' files, named ("savings and tax rates"), or
/// `None` when every file carries the same.
#[must_use]
pub fn differing_assumptions(offers: &[Offer]) -> Option<String> {
    let shown: Vec<[(&'static str, String); 7]> = offers.iter().map(personal_figures).collect();
    let mut names: Vec<&'static str> = Vec::new();
    for (i, (name, _)) in shown.first()?.iter().enumerate() {
        // The two taxes are named together, as a person thinks of them.
        let name = if name.contains("tax") { "tax rates" } else { name };
        if shown.windows(2).any(|w| w[0][i].1 != w[1][i].1) && !names.contains(&name) {
            names.push(name);
        }
    }
    match names.split_last()? {
        (last, []) => Some((*last).to_string()),
        (last, rest) => Some(format!("{} and {last}", rest.join(", "))),
    }
}

/// Compares `offers` (validated, in the order given) with `person`'s assumptions, the chart laid
/// out in a view box `width` wide.
///
/// The baseline is a salary-only job paying the highest full salary among them (base plus salary
/// given up; docs/MODEL-DECISIONS.md): every offer gives up its pay short of it for sure.
pub fn compare(offers: &[Offer], person: &Offer, width: f64) -> Result<Comparison, EngineError> {
    compare_at(offers, person, width, &[])
}

/// What one unit of `from` is in `to` at the rates given (either way round), if they say.
fn factor(from: &str, to: &str, rates: &[ExchangeRate]) -> Option<(Decimal, Option<ExchangeRate>)> {
    if from == to {
        return Some((Decimal::ONE, None));
    }
    rates.iter().filter(|r| !r.rate.is_zero()).find_map(|r| {
        if r.from == from && r.to == to {
            Some((r.rate, Some(r.clone())))
        } else if r.from == to && r.to == from {
            Decimal::ONE.checked_div(r.rate).map(|f| (f, Some(r.clone())))
        } else {
            None
        }
    })
}

/// [`compare`], offers in other currencies than the first's converted into it at the exchange
/// rates the person typed (`rates`): each offer is valued in its own currency (the person's savings
/// converted into it), set against the same salary-only job (the baseline converted back into its
/// currency), and its figures converted at the rate, which is said beside them. Without a rate
/// for every currency the offers are shown each in its own currency, unranked, as before.
pub fn compare_at(
    offers: &[Offer],
    person: &Offer,
    width: f64,
    rates: &[ExchangeRate],
) -> Result<Comparison, EngineError> {
    let currency = offers.first().map_or_else(String::new, |o| o.currency.clone());
    let factors: Option<Vec<(Decimal, Option<ExchangeRate>)>> =
        offers.iter().map(|o| factor(&o.currency, &currency, rates)).collect();
    let one_currency = factors.is_some();
    let factors = factors.unwrap_or_else(|| vec![(Decimal::ONE, None); offers.len()]);
    // The person's savings, in each offer's currency where the rates say.
    let person_factor = factor(&person.currency, &currency, rates).map(|(f, _)| f);
    let valued: Vec<Offer> = offers
        .iter()
        .zip(&factors)
        .map(|(o, (f, _))| {
            let mut valued = with_person(o, person);
            if let Some(p) = person_factor.filter(|_| one_currency && person.currency != o.currency)
            {
                if let Some(w) =
                    person.personal.wealth.checked_mul(p).and_then(|w| w.checked_div(*f))
                {
                    valued.personal.wealth = w;
                }
            }
            valued
        })
        .collect();
    let full = |o: &Offer| o.salary.base_annual.saturating_add(o.salary.sacrificed_annual);
    let in_currency = |o: &Offer, f: Decimal| full(o).checked_mul(f).unwrap_or(Decimal::MAX);
    let baseline = if one_currency {
        valued.iter().zip(&factors).map(|(o, (f, _))| in_currency(o, *f)).max()
    } else {
        None
    };
    let mut reports = Vec::with_capacity(valued.len());
    let mut compared = Vec::with_capacity(valued.len());
    for (offer, (f, rate)) in valued.iter().zip(&factors) {
        let mut r = value_exact_figures(offer)?;
        let own_baseline = match baseline {
            Some(b) => b.checked_div(*f).unwrap_or(b),
            None => full(offer),
        };
        let against = deal_against_salary(offer, own_baseline)?;
        // Money in the comparison's currency: f64 figures at the rate's f64, the salary exactly.
        let x = f64::try_from(*f).unwrap_or(1.0);
        compared.push(ComparedOffer {
            name: offer.name.clone(),
            currency: if rate.is_some() { currency.clone() } else { r.currency.clone() },
            against_baseline: against.risk_adjusted_net * x,
            against_baseline_expected: against.expected_net * x,
            full_salary_annual: in_currency(offer, *f),
            total_pay: r.expected.total_comp_pv * x,
            token_pv: r.expected.token_pv * x,
            prob_zero: r.prob_zero,
            certainty_equivalent: r.certainty_equivalent * x,
            net_pv: r.expected.net_pv * x,
            compute_list_pv: r.compute_budget.as_ref().map(|b| b.list_pv * x),
            compute_value_pv: r.compute_budget.as_ref().map(|b| b.value_pv * x),
            converted: rate.clone(),
            tax_at_vest_pv: r.expected.tax_at_vest_pv * x,
            prob_loss: r.prob_loss,
            leaves_under: r
                .quit_rule
                .as_ref()
                .and_then(QuitRuleFigures::leaves_under)
                .map(|m| m.checked_mul(*f).unwrap_or(m)),
        });
        if rate.is_some() {
            for outcome in &mut r.outcomes {
                outcome.0 *= x;
            }
            r.distribution.p50 *= x;
            r.currency.clone_from(&currency);
        }
        reports.push((offer.name.clone(), r));
    }
    let ranked = |key: fn(&ComparedOffer) -> f64| -> Vec<usize> {
        let mut order: Vec<usize> = (0..compared.len()).collect();
        // Highest first; the earlier offer on a tie.
        order.sort_by(|&a, &b| key(&compared[b]).total_cmp(&key(&compared[a])).then(a.cmp(&b)));
        order
    };
    let by_total = ranked(|o| o.total_pay);
    let by_risk = ranked(|o| o.against_baseline);
    let ranks = one_currency && compared.len() >= 2;
    let verdict = match baseline {
        _ if compared.len() < 2 => "Pick at least two offers to compare.".to_string(),
        Some(baseline) if ranks => verdict(&compared, &by_total, &by_risk, baseline),
        _ => "These offers are in different currencies, so tokenworth does not rank them: type the exchange rate and its date to compare them.".to_string(),
    };
    let conversions = compared
        .iter()
        .filter_map(|o| {
            let rate = o.converted.as_ref()?;
            let from = if rate.to == currency { &rate.from } else { &rate.to };
            Some(format!(
                "«{}»'s figures are converted from {from} to {currency} at {}, the rate you entered; tokenworth fetches no rates.",
                o.name,
                rate.words()
            ))
        })
        .collect();
    Ok(Comparison {
        chart: distribution_chart(&reports, width),
        best_total: ranks.then(|| by_total[0]),
        best_risk_adjusted: ranks.then(|| by_risk[0]),
        baseline_annual: baseline,
        assumptions: assumptions_sentence(person),
        differing: differing_assumptions(offers).map(|names| {
            format!(
                "These offers' files carry different {names}; all are compared with «{}»'s.",
                person.name
            )
        }),
        offers: compared,
        verdict,
        conversions,
    })
}

/// Which offer comes first on each measure, against the runner-up, in amounts rounded as shown so
/// that first − runner-up is the difference said.
fn verdict(
    offers: &[ComparedOffer],
    by_total: &[usize],
    by_risk: &[usize],
    baseline: Decimal,
) -> String {
    let currency = &offers[0].currency;
    let cents = |x: f64| round_cents(x).unwrap_or_default();
    let lead = |order: &[usize], key: fn(&ComparedOffer) -> f64| {
        let (first, second) = (&offers[order[0]], &offers[order[1]]);
        let (a, b) = (cents(key(first)), cents(key(second)));
        format!(
            "{} comes first ({} against {} for {}, {} more)",
            first.name,
            money_decimal(a, currency),
            money_decimal(b, currency),
            second.name,
            money_decimal(a.saturating_sub(b), currency)
        )
    };
    format!(
        "After risk, against a salary-only job paying {} a year: {}. On total pay in today's money (expected): {}.",
        money_decimal(baseline, currency),
        lead(by_risk, |o| o.against_baseline),
        lead(by_total, |o| o.total_pay),
    )
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
        .map(|&p| Label {
            x: left - 6.0,
            y: y.at(p),
            text: percent_number(&format!("{:.0}", p * 100.0)),
        })
        .collect();
    chart.x_labels = ticks
        .iter()
        .map(|&t| Label { x: x.at(t), y: bottom + 16.0, text: compact_money(t, currency) })
        .collect();
    let medians: Vec<String> = reports
        .iter()
        .map(|(name, r)| {
            format!(
                "{name}: {} chance of nothing, half below {}",
                percent_number(&format!("{:.0}", r.prob_zero * 100.0)),
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
    use crate::report::charts::{HEIGHT, MARGIN, WIDTH};

    fn offer(name: &str) -> Offer {
        let text =
            std::fs::read_to_string(format!("{}/examples/{name}.json", env!("CARGO_MANIFEST_DIR")))
                .unwrap();
        crate::parse_offer(&text).unwrap()
    }

    fn compared(offers: &[Offer], person: usize) -> Comparison {
        compare(offers, &offers[person], WIDTH).unwrap()
    }

    #[test]
    fn ranks_on_the_deal_after_risk_against_the_best_paid_salary_only_job() {
        let (acme, salary) = (offer("acme-copilot"), offer("salary-only"));
        let c = compared(&[salary.clone(), acme.clone()], 1);
        // Both pay 200,000 in full (acme: 180,000 + 20,000 given up): the baseline is 200,000 and
        // neither gives up anything for sure, so salary only is exactly 0 after risk and acme is
        // its own deal.
        assert_eq!(c.baseline_annual, Some(Decimal::from(200_000)));
        assert_eq!(c.offers[0].against_baseline, 0.0);
        let own = value_exact_figures(&acme).unwrap().deal;
        assert_eq!(c.offers[1].against_baseline, own.risk_adjusted_net);
        assert_eq!(c.offers[1].against_baseline_expected, own.expected_net);
        assert!(
            (own.risk_adjusted_net - ACME_AFTER_RISK).abs() < 0.005,
            "{}",
            own.risk_adjusted_net
        );
        assert_eq!(c.best_risk_adjusted, Some(1));
        // Total pay: acme 444,481.00 + 85,295.19 = 529,776.18 against 493,867.78 salary only.
        assert_eq!(c.best_total, Some(1));
        assert!((c.offers[1].total_pay - 529_776.18).abs() < 0.01);
        assert!((c.offers[0].total_pay - 493_867.78).abs() < 0.01);
        // The tokens alone, as sure cash, stay a figure of their own.
        assert!((c.offers[1].certainty_equivalent - 43_899.94).abs() < 0.01);
        assert_eq!(
            c.verdict,
            "After risk, against a salary-only job paying $200,000.00 a year: Acme Copilot tokens comes first ($5,700.21 against $0.00 for Salary-only alternative, $5,700.21 more). \
             On total pay in today's money (expected): Acme Copilot tokens comes first ($529,776.18 against $493,867.78 for Salary-only alternative, $35,908.40 more)."
        );
        assert_eq!(c.differing, None);
    }

    #[test]
    fn against_its_own_full_salary_an_offer_is_its_own_deal_exactly() {
        for name in ["acme-copilot", "compute-budget", "restored-salary", "tender-units"] {
            let o = offer(name);
            let full = o.salary.base_annual + o.salary.sacrificed_annual;
            let own = value_exact_figures(&o).unwrap().deal;
            assert_eq!(deal_against_salary(&o, full).unwrap(), own, "{name}");
        }
    }

    /// acme-copilot's `deal.risk_adjusted_net` (the CLI's `decision.risk_adjusted_net`).
    const ACME_AFTER_RISK: f64 = 5_700.21;

    #[test]
    fn an_offer_paying_less_in_full_gives_up_the_gap_for_sure() {
        let acme = offer("acme-copilot");
        let mut better_paid = offer("salary-only");
        better_paid.salary.base_annual = Decimal::from(212_000);
        let c = compared(&[acme.clone(), better_paid], 0);
        assert_eq!(c.baseline_annual, Some(Decimal::from(212_000)));
        assert_eq!(c.offers[1].against_baseline, 0.0);
        // Acme pays 12,000 a year less in full: 1,000 a month, 650 after 35 % tax, for 60 months
        // discounted at 12 % a year (monthly factors 1.12^(−t/12)).
        let annuity: f64 = (1..=60).map(|t| 1.12_f64.powf(-f64::from(t) / 12.0)).sum();
        let short = 650.0 * annuity;
        let own = value_exact_figures(&acme).unwrap().deal;
        assert!((c.offers[0].against_baseline_expected - (own.expected_net - short)).abs() < 1e-6);
        // A sure loss weighs more than its size after risk as well: below the own deal by at least
        // the loss (the wealth that carries the risk is smaller), never by less.
        assert!(c.offers[0].against_baseline <= own.risk_adjusted_net - short + 1e-6);
        assert!(
            (c.offers[0].against_baseline - AGAINST_212K).abs() < 0.005,
            "{}",
            c.offers[0].against_baseline
        );
        // Salary only comes first after risk; acme still does on total pay (its 529,776.18 against
        // 493,867.78 × 212 / 200, 523,499.84 from the unrounded salary).
        assert_eq!((c.best_risk_adjusted, c.best_total), (Some(1), Some(0)));
        assert!(c.verdict.contains("Salary-only alternative comes first ($0.00 against -$29,150.55 for Acme Copilot tokens, $29,150.55 more)"), "{}", c.verdict);
        assert!(c.verdict.contains("Acme Copilot tokens comes first ($529,776.18 against $523,499.84 for Salary-only alternative, $6,276.34 more)"), "{}", c.verdict);
    }

    #[test]
    fn a_salary_only_job_paying_less_than_the_baseline_is_its_sure_gap_below_zero() {
        let acme = offer("acme-copilot");
        let mut lower = offer("salary-only");
        lower.salary.base_annual = Decimal::from(188_000);
        let c = compared(&[acme, lower], 0);
        // Acme's 200,000 in full is the baseline; the 188,000 job falls 12,000 a year short: 650 a
        // month after tax for 60 months at 12 % a year (29,632.07), for sure: after risk it is
        // that loss.
        let annuity: f64 = (1..=60).map(|t| 1.12_f64.powf(-f64::from(t) / 12.0)).sum();
        assert_eq!(c.baseline_annual, Some(Decimal::from(200_000)));
        assert!((c.offers[1].against_baseline + 650.0 * annuity).abs() < 1e-6);
        assert_eq!(money(c.offers[1].against_baseline, "USD"), "-$29,632.07");
        assert!((c.offers[0].against_baseline - ACME_AFTER_RISK).abs() < 0.005);
    }

    /// acme-copilot against a 212,000 salary-only job.
    const AGAINST_212K: f64 = -29_150.55;

    #[test]
    fn one_persons_assumptions_for_every_offer_and_the_files_differences_named() {
        let acme = offer("acme-copilot");
        let mut salary = offer("salary-only");
        salary.name = "Salary, richer".to_string();
        salary.personal.wealth = Decimal::from(400_000);
        salary.personal.income_tax_pct = Decimal::from(40);
        salary.leaving.annual_departure_pct = Decimal::from(10);
        let offers = [acme.clone(), salary.clone()];
        let with_acme = compared(&offers, 0);
        let with_salary = compared(&offers, 1);
        assert_eq!(
            with_acme.differing.as_deref(),
            Some("These offers' files carry different savings, tax rates and leaving rate; all are compared with «Acme Copilot tokens»'s.")
        );
        assert!(with_acme.assumptions.starts_with("Compared with the assumptions of «Acme Copilot tokens»: savings $150,000.00, risk aversion 2, risk weighed against savings alone, discount rate 12%, income tax 35%, tax on token payouts 20%, leaving rate 15% a year."), "{}", with_acme.assumptions);
        // With acme's person, acme is its own deal; with the other person it is acme rewritten.
        let acme_deal = value_exact_figures(&acme).unwrap().deal.risk_adjusted_net;
        assert_eq!(with_acme.offers[0].against_baseline, acme_deal);
        let rewritten = with_person(&acme, &salary);
        assert_eq!(rewritten.personal, salary.personal);
        assert_eq!(rewritten.leaving.annual_departure_pct, Decimal::from(10));
        // The tax at vest, the chance of a loss and the leaving rule are each offer's own rows:
        // examples/taxed-at-vest.json's report says £34,378.17, 30.2 % and £1,000,000.
        let figures = compared(&[offer("taxed-at-vest"), offer("taxed-at-vest")], 0);
        let taxed = &figures.offers[0];
        assert_eq!(money(taxed.tax_at_vest_pv, "GBP"), "£34,378.17");
        assert_eq!(crate::report::format::percent(taxed.prob_loss), "30.2%");
        assert_eq!(taxed.leaves_under, Some(Decimal::from(1_000_000)));
        let plain = compared(&[offer("acme-copilot"), offer("salary-only")], 0);
        assert_eq!(
            (
                plain.offers[0].tax_at_vest_pv,
                plain.offers[0].prob_loss,
                plain.offers[0].leaves_under
            ),
            (0.0, 0.0, None)
        );
        // Taxed at vest or when paid is the plan's kind of unit: each offer keeps its own.
        let vested = offer("taxed-at-vest");
        assert_eq!(with_person(&vested, &acme).personal.taxed_at, vested.personal.taxed_at);
        assert_eq!(with_person(&acme, &vested).personal.taxed_at, acme.personal.taxed_at);
        assert_ne!(vested.personal.taxed_at, acme.personal.taxed_at);
        assert_eq!(rewritten.grant, acme.grant);
        let rewritten_deal = value_exact_figures(&rewritten).unwrap().deal.risk_adjusted_net;
        assert_eq!(with_salary.offers[0].against_baseline, rewritten_deal);
        assert!((rewritten_deal - acme_deal).abs() > 1.0);
        assert!(with_salary.assumptions.contains("«Salary, richer»: savings $400,000.00"));
    }

    #[test]
    fn the_distribution_lines_start_at_the_chance_of_nothing() {
        let comparison = compared(&[offer("acme-copilot"), offer("salary-only")], 0);
        assert_eq!(comparison.chart.lines.len(), 2);
        // Salary only: everything at zero, a vertical jump to 100 % at x = 0.
        let points: Vec<&str> = comparison.chart.lines[1].0.split(' ').collect();
        assert_eq!(points[1], format!("{:.1},{:.1}", MARGIN.0, HEIGHT - MARGIN.3));
        assert_eq!(points[2], format!("{:.1},{:.1}", MARGIN.0, MARGIN.2));
        assert!(comparison.chart.description.contains("100% chance of nothing"));
    }

    /// Issue 26: an offer in pounds beside one in dollars at a typed rate. Worked by hand: the
    /// pound offer's full salary £150,000 at 1 GBP = 1.25 USD is $187,500, below the dollar
    /// offer's $200,000, so the baseline is $200,000 (£160,000 for the pound offer, which gives up
    /// £10,000 a year for sure); every figure is its own-currency figure times 1.25.
    #[test]
    fn offers_in_two_currencies_compare_at_the_rate_typed() {
        let dollars = offer("salary-only");
        let mut pounds = offer("salary-only");
        pounds.name = "London".into();
        pounds.currency = "GBP".into();
        pounds.salary.base_annual = Decimal::from(150_000);
        let rate = ExchangeRate {
            from: "GBP".into(),
            to: "USD".into(),
            rate: Decimal::new(125, 2),
            date: "2026-12-01".into(),
        };
        let c = compare_at(
            &[dollars.clone(), pounds.clone()],
            &dollars,
            WIDTH,
            std::slice::from_ref(&rate),
        )
        .unwrap();
        assert_eq!(c.baseline_annual, Some(Decimal::from(200_000)));
        let london = &c.offers[1];
        assert_eq!(london.currency, "USD");
        assert_eq!(london.converted.as_ref(), Some(&rate));
        assert_eq!(london.full_salary_annual, Decimal::from(187_500));
        let own = value_exact_figures(&pounds).unwrap();
        assert!((london.total_pay - own.expected.total_comp_pv * 1.25).abs() < 1e-6);
        let gap = deal_against_salary(&pounds, Decimal::from(160_000)).unwrap();
        assert!((london.against_baseline - gap.risk_adjusted_net * 1.25).abs() < 1e-6);
        assert!(london.against_baseline < 0.0, "it pays less for sure");
        assert_eq!((c.best_total, c.best_risk_adjusted), (Some(0), Some(0)));
        assert_eq!(
            c.conversions,
            ["«London»'s figures are converted from GBP to USD at 1 GBP = 1.25 USD on 2026-12-01, the rate you entered; tokenworth fetches no rates."]
        );
        // The rate typed the other way round says the same.
        let back =
            ExchangeRate { from: "USD".into(), to: "GBP".into(), rate: Decimal::new(8, 1), ..rate };
        let c2 = compare_at(&[dollars.clone(), pounds.clone()], &dollars, WIDTH, &[back]).unwrap();
        assert_eq!(c2.offers[1].full_salary_annual, Decimal::from(187_500));
        // Without a rate: each in its own currency, unranked.
        let none = compare_at(&[dollars, pounds], &offer("salary-only"), WIDTH, &[]).unwrap();
        assert_eq!((none.offers[1].currency.as_str(), none.best_total), ("GBP", None));
        assert!(none.conversions.is_empty());
    }

    #[test]
    fn different_currencies_are_not_ranked() {
        let comparison = compared(&[offer("acme-copilot"), offer("research-lab")], 0);
        assert_eq!((comparison.best_total, comparison.best_risk_adjusted), (None, None));
        assert!(comparison.verdict.contains("different currencies"));
        assert!(compared(&[offer("acme-copilot")], 0).verdict.contains("at least two"));
    }

    #[test]
    fn on_a_phone_the_chart_is_laid_out_narrow_with_its_labels_apart() {
        let offers = [offer("acme-copilot"), offer("salary-only")];
        for width in [crate::report::charts::NARROW_WIDTH, WIDTH] {
            let chart = compare(&offers, &offers[0], width).unwrap().chart;
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
