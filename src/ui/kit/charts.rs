//! The charts, drawn as inline SVG from `crate::report::charts` geometry: no chart library, nothing loaded.
//! Each has a text alternative: a `<title>` and `<desc>` the SVG is labelled by.

use leptos::prelude::*;

use crate::engine::Report;
use crate::report::charts::{
    marker_anchor, outcome_chart, tokens_chart, vesting_chart, yearly_cash_chart, Chart, MARGIN,
    NARROW_WIDTH, WIDTH,
};

/// Below this window width (CSS px) the charts are laid out for a phone's column.
const NARROW_WINDOW: i32 = 600;

/// The charts' view-box width for the window's width, kept as the window is resized or turned.
#[derive(Clone, Copy)]
struct ChartWidth(Memo<f64>);

/// Provides the charts' width to every chart below (the app and the embed).
pub fn provide_chart_width() {
    let window_width = RwSignal::new(window_width());
    let listener =
        window_event_listener(leptos::ev::resize, move |_| window_width.set(self::window_width()));
    on_cleanup(move || listener.remove());
    provide_context(ChartWidth(Memo::new(move |_| {
        if window_width.get() < NARROW_WINDOW {
            NARROW_WIDTH
        } else {
            WIDTH
        }
    })));
}

#[allow(clippy::cast_possible_truncation)]
fn window_width() -> i32 {
    web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|w| w.as_f64()).unwrap_or(1024.0)
        as i32
}

/// The view-box width to lay a chart out in (tracked: the chart is redrawn when it changes).
pub fn chart_width() -> f64 {
    use_context::<ChartWidth>().map_or(WIDTH, |ChartWidth(width)| width.get())
}

/// Draws one chart's shapes with its title and description.
#[component]
pub(crate) fn Svg(
    /// Names the chart's test id and its title's and description's ids: unique in the page.
    #[prop(into)]
    id: String,
    title: &'static str,
    chart: Chart,
    #[prop(optional)] y_labels_left: bool,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let (width, height, bottom) = (chart.width, chart.height, chart.axis_y);
    let anchor = if y_labels_left { "end" } else { "middle" };
    let axis_x = chart.axis_x.unwrap_or((MARGIN.0, width - MARGIN.1));
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {width} {height}") width="100%" role="img" data-testid=format!("chart-{id}")
                aria-labelledby=labelled_by preserveAspectRatio="xMidYMid meet">
                <title id=title_id>{title}</title>
                <desc id=desc_id>{chart.description.clone()}</desc>
                {chart.y_ticks.iter().map(|t| view! {
                    <line class="grid" x1=MARGIN.0 x2=width - MARGIN.1 y1=t.y y2=t.y />
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
                    <text x=m.x y=m.y + 6.0 text-anchor=marker_anchor(m.x, width) class="marker-label">{m.text.clone()}</text>
                }).collect_view()}
                <line class="axis" x1=axis_x.0 x2=axis_x.1 y1=bottom y2=bottom />
                {chart.x_labels.iter().map(|l| view! {
                    <text x=l.x y=l.y + 4.0 text-anchor=anchor>{l.text.clone()}</text>
                }).collect_view()}
                {chart.row_labels.iter().map(|l| view! {
                    <text x=l.x y=l.y class="row-label">{l.text.clone()}</text>
                }).collect_view()}
            </svg>
            {(!chart.legend.is_empty()).then(|| view! {
                <figcaption class="legend">
                    {chart.legend.iter().map(|(class, name)| view! {
                        <span class="legend-item"><svg width="12" height="12" aria-hidden="true"><rect class=class.clone() width="12" height="12" /></svg>" " {name.clone()}</span>
                    }).collect_view()}
                </figcaption>
            })}
            {chart.note.clone().map(|note| view! { <p class="chart-note" data-testid=format!("chart-{id}-note")>{note}</p> })}
        </figure>
    }
}

/// The distribution of outcomes with P10/P50/P90 marked.
#[component]
pub fn OutcomeChart(#[prop(into)] report: Signal<Option<Report>>) -> impl IntoView {
    move || {
        let width = chart_width();
        report.with(|r| r.as_ref().map(|r| view! { <Svg id="outcomes" title="Chance of each outcome" chart=outcome_chart(r, width) /> }))
    }
}

/// Yearly after-tax cash by scenario, if you stay.
#[component]
pub fn YearlyCashChart(#[prop(into)] report: Signal<Option<Report>>) -> impl IntoView {
    move || {
        let width = chart_width();
        report.with(|r| r.as_ref().map(|r| view! { <Svg id="yearly-cash" title="Cash from the tokens each year" chart=yearly_cash_chart(r, width) /> }))
    }
}

/// Vested and still-held tokens over time for one scenario.
#[component]
pub fn TokensChart(
    #[prop(into)] report: Signal<Option<Report>>,
    #[prop(into)] scenario: Signal<usize>,
) -> impl IntoView {
    move || {
        let (index, width) = (scenario.get(), chart_width());
        report.with(|r| r.as_ref().map(|r| view! { <Svg id="tokens" title="Your tokens over time" chart=tokens_chart(r, index, width) /> }))
    }
}

/// The share of a grant vested each month (a memo of `draft::vesting_curve_over_horizon`, so that
/// it is drawn again only when the curve changes): the calculator's form and each Company plan.
#[component]
pub fn VestingChart(
    curve: Memo<Vec<f64>>,
    #[prop(into)] id: String,
    title: &'static str,
) -> impl IntoView {
    move || {
        let chart = vesting_chart(&curve.get(), chart_width());
        view! { <Svg id=id.clone() title=title chart=chart /> }
    }
}
