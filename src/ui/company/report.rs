//! The team's report: cost against worth for each member, project and the team; the fairness
//! table; "level the deal"; the pool; and the two charts.

use leptos::prelude::*;

use super::state::Company;
use crate::company::charts::{cost_worth_chart, range_chart};
use crate::engine::Solved;
use crate::report::format::{group_digits, money, percent};
use crate::team::{TeamReport, Totals};
use crate::ui::kit::charts::Svg;

/// The width the team's charts are laid out in: the report's column in CSS px (the page's width,
/// at most main's 1,280 px, less main's and the section's padding and border), so that a view-box
/// unit is a pixel and their labels are the tables' size at any width (issue 28).
fn column_width() -> f64 {
    let page = document().document_element().map_or(1024, |e| e.client_width());
    (f64::from(page.min(1280)) - 66.0).max(280.0)
}

/// [`column_width`], kept as the window is resized or turned.
fn column_width_signal() -> ReadSignal<f64> {
    let (width, set_width) = signal(column_width());
    let listener = window_event_listener(leptos::ev::resize, move |_| {
        let now = column_width();
        if (now - width.get_untracked()).abs() >= 1.0 {
            set_width.set(now);
        }
    });
    on_cleanup(move || listener.remove());
    width
}

fn ratio(r: Option<f64>) -> String {
    r.map_or_else(|| "–".to_string(), |r| format!("{r:.2}×"))
}

fn per_unit(r: Option<f64>) -> String {
    r.map_or_else(|| "–".to_string(), |r| format!("{r:+.2}"))
}

fn tokens(s: Solved<u64>) -> String {
    crate::team::tokens_text(s)
}

/// What the report's section shows.
#[derive(Clone, PartialEq)]
enum Shown {
    /// The team does not read: where to look.
    Waiting,
    /// The team reads, and its first report is being worked out.
    Working,
    /// Why the engine could not value the team.
    Failed(String),
    Report,
}

/// The report, once the team reads; until then, where to look.
#[component]
pub fn TeamReportView() -> impl IntoView {
    let co = expect_context::<Company>();
    let shown = Memo::new(move |_| {
        if co.checked.with(Result::is_err) {
            return Shown::Waiting;
        }
        co.report.with(|r| match r {
            None => Shown::Working,
            Some(Err(why)) => Shown::Failed(why.clone()),
            Some(Ok(_)) => Shown::Report,
        })
    });
    move || {
        match shown.get() {
        Shown::Waiting => view! {
            <section class="team-report" aria-labelledby="report-heading">
                <h2 id="report-heading">"The report"</h2>
                <p data-testid="report-waiting">"The report appears when every field above reads: see the messages beside the fields."</p>
            </section>
        }
        .into_any(),
        Shown::Working => view! {
            <section class="team-report" aria-labelledby="report-heading" aria-busy="true">
                <h2 id="report-heading">"The report"</h2>
                <p role="status" data-testid="report-working">"Working out the report…"</p>
            </section>
        }
        .into_any(),
        Shown::Failed(why) => view! {
            <section class="team-report"><h2 id="report-heading">"The report"</h2><p class="field-error" data-testid="report-error">{why}</p></section>
        }
        .into_any(),
        Shown::Report => view! { <Report /> }.into_any(),
    }
    }
}

/// The last report worked out, marked as updating (`aria-busy`, and said) while a newer team is
/// valued. The tables are drawn again only when a figure or a name they show changes.
#[component]
fn Report() -> impl IntoView {
    let co = expect_context::<Company>();
    // The company's name is not shown here: typing it draws nothing again.
    let figures = Memo::new(move |_| {
        co.report.with(|r| match r {
            Some(Ok(r)) => Some(TeamReport { company: String::new(), ..r.clone() }),
            _ => None,
        })
    });
    let updating = move || co.updating.get();
    view! {
        <section class="team-report" aria-labelledby="report-heading" data-testid="team-report"
            aria-busy=move || updating().to_string() class:updating=updating>
            <h2 id="report-heading">"The report"</h2>
            <p class="updating-note" role="status" data-testid="report-updating">{move || updating().then_some("Updating…")}</p>
            {move || figures.get().map(|report| view! { <Figures report=report /> })}
        </section>
    }
}

/// The report's tables scroll sideways in their own box on a phone: each box takes focus (with
/// a name), so that it can be scrolled by keyboard (axe's scrollable-region-focusable).
#[component]
fn Figures(report: TeamReport) -> impl IntoView {
    let co = expect_context::<Company>();
    let drawn = column_width_signal();
    let c = report.currency.clone();
    let totals_row = {
        let c = c.clone();
        move |label: String, t: &Totals, test_id: String| {
            view! {
                <tr data-testid=test_id>
                    <th scope="row">{label}</th>
                    <td>{t.people}</td>
                    <td data-testid="cost">{money(t.token_cost, &c)}</td>
                    <td>{money(t.salary_saved, &c)}</td>
                    <td>{money(t.net_cost(), &c)}</td>
                    <td data-testid="worth">{money(t.worth_pretax, &c)}</td>
                    <td data-testid="worth-to-cost">{ratio(t.worth_to_cost())}</td>
                    <td data-testid="risk-carried">{money(t.risk_carried, &c)}</td>
                </tr>
            }
        }
    };
    let cost_chart = {
        let report = report.clone();
        move || {
            let width = drawn.get();
            view! { <Svg id="cost-worth" title="Cost to the company against worth to the person" chart=cost_worth_chart(&report, width) /> }
        }
    };
    let currency = c.clone();
    let range = move || {
        let width = drawn.get();
        co.ranges.get().map(|ranges| view! {
            <Svg id="member-ranges" title="Each member's range of outcomes" chart=range_chart(&ranges, &currency, width) />
        })
    };
    let levelling = report.levelling.clone();
    let spread = report.spread.clone();
    view! {
            <h3>"What the grant costs the company, and what the grant alone is worth to the people holding it"</h3>
            <p class="hint">"Cost: the payouts before tax at the company's discount rate. The grant's worth: the tokens alone as sure cash before income tax (not the deal: the salary given up is set against it in the next table). Risk carried: the deal's expected net value minus its value after risk."</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Cost and worth: the table"><table class="team-table" data-testid="totals-table">
                <thead><tr><th scope="col"><span class="visually-hidden">"Who"</span></th><th scope="col">"People"</th><th scope="col">"Token cost"</th><th scope="col">"Salary saved"</th><th scope="col">"Net cost"</th><th scope="col">"The grant's worth to them"</th><th scope="col">"Worth / cost"</th><th scope="col">"Risk carried"</th></tr></thead>
                <tbody>
                    {report.members.iter().enumerate().map(|(i, m)| totals_row(format!("{} · {}", m.project, m.name), &m.all, format!("totals-member-{i}"))).collect_view()}
                    {report.projects.iter().enumerate().map(|(i, p)| totals_row(format!("Project {}", p.name), &p.totals, format!("totals-project-{i}"))).collect_view()}
                    {totals_row("Whole team".to_string(), &report.team, "totals-team".to_string())}
                </tbody>
            </table></div>
            {cost_chart}

            <h3>"Is it fair? The whole deal, after the salary given up: one person of each member, on their own assumptions"</h3>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Is it fair: the table"><table class="team-table" data-testid="fairness-table">
                <thead><tr><th scope="col"><span class="visually-hidden">"Member"</span></th><th scope="col">"The tokens, on average"</th><th scope="col">"Chance of nothing"</th><th scope="col">"The deal after risk"</th><th scope="col">"Per unit of salary given up"</th></tr></thead>
                <tbody>
                    {report.members.iter().enumerate().map(|(i, m)| view! {
                        <tr data-testid=format!("fairness-{i}")>
                            <th scope="row">{format!("{} · {}", m.project, m.name)}</th>
                            <td data-testid="expected">{money(m.own.expected_token_pv, &c)}</td>
                            <td>{percent(m.own.prob_zero)}</td>
                            <td>{money(m.own.risk_adjusted_net, &c)}</td>
                            <td data-testid="per-unit">{per_unit(m.each.value_per_unit_given_up())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table></div>
            {crate::team::spread_sentence(&spread).map(|sentence| view! { <p data-testid="spread">{sentence}</p> })}
            {range}

            <h3>"Level the deal"</h3>
            <p data-testid="levelling-target">{match (&levelling.target, &levelling.target_member) {
                (Some(t), Some(whose)) => format!("Levelled: every member gets {t:+.2} per unit of salary given up after risk, the best of any ({whose}). Fair: the fewest tokens at which each offer is worth its salary after risk, at the member's assumptions."),
                _ => "No one gives up salary: there is nothing to level.".to_string(),
            }}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Levelling the deal: the table"><table class="team-table" data-testid="levelling-table">
                <thead><tr><th scope="col"><span class="visually-hidden">"Member"</span></th><th scope="col">"Tokens now"</th><th scope="col">"Levelled"</th><th scope="col">"Fair"</th></tr></thead>
                <tbody>
                    {report.members.iter().enumerate().map(|(i, m)| view! {
                        <tr data-testid=format!("levelled-{i}")>
                            <th scope="row">{format!("{} · {}", m.project, m.name)}</th>
                            <td>{group_digits(&m.tokens.to_string())}</td>
                            <td data-testid="levelled-tokens">{tokens(m.levelled.tokens)}</td>
                            <td data-testid="fair-tokens">{tokens(m.levelled.fair_tokens)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table></div>
            <p data-testid="levelling-cost">{
                let change = |x: Option<f64>| crate::team::cost_change_text(x, &c);
                format!("Change in the team's token cost: levelled {}, fair {}.", change(levelling.extra_token_cost), change(levelling.extra_token_cost_fair))
            }</p>

            <h3>"The pool"</h3>
            <div class="table-scroll" tabindex="0" role="region" aria-label="The pool: the table"><table class="team-table" data-testid="pool-table">
                <thead><tr><th scope="col"><span class="visually-hidden">"Project"</span></th><th scope="col">"Supply"</th><th scope="col">"Held by the team"</th><th scope="col">"Left for later hires"</th><th scope="col">"Held, levelled"</th><th scope="col">"Held, fair"</th></tr></thead>
                <tbody>
                    {report.projects.iter().enumerate().map(|(i, p)| {
                        let pool = p.pool;
                        let held = move |h: Option<u64>| h.map_or("–".to_string(), |h| format!("{} ({})", group_digits(&h.to_string()), percent(pool.share(h))));
                        view! {
                            <tr data-testid=format!("pool-{i}")>
                                <th scope="row">{p.name.clone()}</th>
                                <td>{group_digits(&p.pool.supply.to_string())}</td>
                                <td>{held(Some(p.pool.held))}</td>
                                <td>{group_digits(&p.pool.left(p.pool.held).to_string())}</td>
                                <td>{held(p.pool.held_levelled)}</td>
                                <td>{held(p.pool.held_fair)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table></div>
    }
}
