//! Charts drawn by the pure `charts` module as SVG strings, each with its data table for
//! screen readers and copy-paste. Rendered only while their section is open, so an edit
//! does not pay for charts nobody is looking at.

use leptos::prelude::*;

use crate::charts::{cost, latency, rto, staleness, without_caption, Table};
use crate::engine::report::Report;
use crate::plan::DataClass;

const H: u32 = 460;

/// The width to draw a chart at: what the results column has room for (panel and card
/// padding off), at least 560 px (below that the rows would not fit; the chart then
/// scrolls) and at most 900. Drawn at the width it is shown, its text keeps its size.
fn chart_width() -> u32 {
    let room = document()
        .query_selector(".results-col")
        .ok()
        .flatten()
        .map_or(900, |e| e.client_width() - 72);
    room.clamp(560, 900) as u32
}

/// One chart: the SVG, then its numbers as a table.
#[component]
fn ChartFigure(svg: String, table: Table, footnotes: Vec<String>, testid: String) -> impl IntoView {
    view! {
        <figure class="chart" data-testid=testid>
            // Focusable: on a narrow screen the chart scrolls sideways.
            <div class="chart-svg" tabindex="0"><div role="img" aria-label=table.caption.clone() inner_html=svg></div></div>
            <figcaption class="footnotes">{footnotes.into_iter().map(|f| view! { <p>{f}</p> }).collect_view()}</figcaption>
            <details class="chart-table">
                <summary>"Data table"</summary>
                <div class="table-scroll" tabindex="0">
                    <table>
                        <caption>{table.caption.clone()}</caption>
                        <thead><tr>{table.headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()}</tr></thead>
                        <tbody>
                            {table.rows.iter().map(|r| view! {
                                <tr>{r.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}</tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}

/// A `<details>` whose children are built only once it is opened.
#[component]
fn Lazy(
    summary: String,
    children: ChildrenFn,
    is_open: RwSignal<bool>,
    testid: String,
) -> impl IntoView {
    view! {
        <details class="charts" open=is_open.get_untracked() data-testid=testid
            on:toggle=move |ev| {
                use wasm_bindgen::JsCast;
                if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                    is_open.set(d.open());
                }
            }>
            <summary>{summary}</summary>
            {move || is_open.get().then(|| children())}
        </details>
    }
}

/// The four per-class charts: latency per posture, staleness, RTO, cost.
#[component]
pub fn ClassCharts(
    index: usize,
    class: super::results::ClassOf,
    target: DataClass,
    report_sources: (Vec<String>, Vec<String>),
    open: RwSignal<bool>,
) -> impl IntoView {
    let (rtt_sources, price_sources) = report_sources;
    view! {
        <Lazy summary="Charts: latency per posture, staleness, RTO, cost".into() is_open=open testid=format!("charts-{index}")>
            {
                let lat = latency::data_from(&class, &rtt_sources);
                let st = staleness::data_from(&class, &rtt_sources);
                let rt = rto::data_from(&class, target.rto_s);
                let co = cost::data_from(&class, &price_sources);
                let w = chart_width();
                // Sources and notes go under each chart as text, not inside the SVG.
                let (ls, ss, rs, cs) = without_caption(|| {
                    (latency::svg(&lat, w, H), staleness::svg(&st, w, H), rto::svg(&rt, w, H), cost::svg(&co, w, H))
                });
                view! {
                    <ChartFigure svg=ls table=latency::table(&lat) footnotes=latency::footnotes(&lat) testid=format!("chart-latency-{index}") />
                    <ChartFigure svg=ss table=staleness::table(&st) footnotes=staleness::footnotes(&st) testid=format!("chart-staleness-{index}") />
                    <ChartFigure svg=rs table=rto::table(&rt) footnotes=rto::footnotes(&rt) testid=format!("chart-rto-{index}") />
                    <ChartFigure svg=cs table=cost::table(&co) footnotes=cost::footnotes(&co) testid=format!("chart-cost-{index}") />
                }
            }
        </Lazy>
    }
}

/// Both source lists a report carries, for the chart captions.
pub fn sources(report: &Report) -> (Vec<String>, Vec<String>) {
    (report.rtt_sources.clone(), report.price_sources.clone())
}
