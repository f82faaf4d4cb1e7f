//! The charts, drawn as inline SVG from `crate::charts` geometry: no chart library, nothing loaded.
//! Each has a text alternative: a `<title>` and `<desc>` the SVG is labelled by.

use leptos::prelude::*;

use crate::charts::{outcome_chart, tokens_chart, tornado_chart, tornado_height, yearly_cash_chart, Chart, HEIGHT, MARGIN, WIDTH};
use crate::engine::Report;

/// Draws one chart's shapes with its title and description.
#[component]
pub(crate) fn Svg(id: &'static str, title: &'static str, chart: Chart, #[prop(default = HEIGHT)] height: f64, #[prop(optional)] y_labels_left: bool) -> impl IntoView {
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let bottom = height - MARGIN.3;
    let anchor = if y_labels_left { "end" } else { "middle" };
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {WIDTH} {height}") width="100%" role="img" data-testid=format!("chart-{id}")
                aria-labelledby=labelled_by preserveAspectRatio="xMidYMid meet">
                <title id=title_id>{title}</title>
                <desc id=desc_id>{chart.description.clone()}</desc>
                {chart.y_ticks.iter().map(|t| view! {
                    <line class="grid" x1=MARGIN.0 x2=WIDTH - MARGIN.1 y1=t.y y2=t.y />
                    <text x=t.x y=t.y + 4.0 text-anchor="end">{t.text.clone()}</text>
                }).collect_view()}
                {chart.bars.iter().map(|b| view! {
                    <rect class=b.class.clone() x=b.x y=b.y width=b.width height=b.height><title>{b.label.clone()}</title></rect>
                }).collect_view()}
                {chart.lines.iter().map(|(points, class)| view! {
                    <polyline class=format!("line {class}") points=points.clone() fill="none" stroke-width="2.5" />
                }).collect_view()}
                {chart.markers.iter().map(|m| view! {
                    <line class="marker" x1=m.x x2=m.x y1=m.y + 10.0 y2=bottom />
                    <text x=m.x y=m.y + 6.0 text-anchor="middle" class="marker-label">{m.text.clone()}</text>
                }).collect_view()}
                <line class="axis" x1=MARGIN.0 x2=WIDTH - MARGIN.1 y1=bottom y2=bottom />
                {chart.x_labels.iter().map(|l| view! {
                    <text x=l.x y=l.y + 4.0 text-anchor=anchor>{l.text.clone()}</text>
                }).collect_view()}
            </svg>
            {(!chart.legend.is_empty()).then(|| view! {
                <figcaption class="legend">
                    {chart.legend.iter().map(|(class, name)| view! {
                        <span class="legend-item"><svg width="12" height="12" aria-hidden="true"><rect class=class.clone() width="12" height="12" /></svg>" " {name.clone()}</span>
                    }).collect_view()}
                </figcaption>
            })}
        </figure>
    }
}

/// The distribution of outcomes with P10/P50/P90 marked.
#[component]
pub fn OutcomeChart(#[prop(into)] report: Signal<Option<Report>>) -> impl IntoView {
    move || report.with(|r| r.as_ref().map(|r| view! { <Svg id="outcomes" title="Chance of each outcome" chart=outcome_chart(r) /> }))
}

/// Yearly after-tax cash by scenario, if you stay.
#[component]
pub fn YearlyCashChart(#[prop(into)] report: Signal<Option<Report>>) -> impl IntoView {
    move || report.with(|r| r.as_ref().map(|r| view! { <Svg id="yearly-cash" title="Cash from the tokens each year" chart=yearly_cash_chart(r) /> }))
}

/// Vested and still-held tokens over time for one scenario.
#[component]
pub fn TokensChart(#[prop(into)] report: Signal<Option<Report>>, #[prop(into)] scenario: Signal<usize>) -> impl IntoView {
    move || {
        let index = scenario.get();
        report.with(|r| r.as_ref().map(|r| view! { <Svg id="tokens" title="Your tokens over time" chart=tokens_chart(r, index) /> }))
    }
}

/// The sensitivity tornado.
#[component]
pub fn TornadoChart(#[prop(into)] report: Signal<Option<Report>>) -> impl IntoView {
    move || {
        report.with(|r| {
            r.as_ref().map(|r| {
                let height = tornado_height(r.sensitivity.len());
                view! { <Svg id="tornado" title="What moves the net value" chart=tornado_chart(r) height=height y_labels_left=true /> }
            })
        })
    }
}
