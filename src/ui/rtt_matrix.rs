//! Round trips between the chosen regions as a matrix, like cloudping.co's: one coloured
//! cell per pair, sortable by any column, each cell's source on hover and focus, and
//! copyable as CSV. The numbers and colours come from `charts::rtt`, as in the SVG export.

use leptos::prelude::*;

use crate::charts::rtt::{self, CellKind, RttData};
use crate::plan::Plan;

/// "aws" over "us-east-1": two short lines instead of a cut "a…".
fn header(label: &str) -> impl IntoView {
    match label.split_once(':') {
        Some((provider, code)) => {
            view! { <small>{provider.to_string()}</small><br />{code.to_string()} }.into_any()
        }
        None => view! { {label.to_string()} }.into_any(),
    }
}

#[component]
pub fn RttMatrix(#[prop(into)] plan: Signal<Plan>) -> impl IntoView {
    let data = Memo::new(move |_| plan.with(rtt::data_from));
    // Sorted by the round trip to this column's region; None: the plan's order.
    let sort = RwSignal::new(None::<usize>);
    let copied = RwSignal::new(String::new());
    let order = Memo::new(move |_| data.with(|d| rtt::row_order(d, sort.get())));
    let copy_csv = move |_| {
        let text = data.with_untracked(|d| rtt::csv(d, &order.get_untracked()));
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(&text);
        }
        copied.set("Copied as CSV.".into());
    };
    let body = move || {
        let d: RttData = data.get();
        let heads = d.labels.iter().enumerate().map(|(c, l)| {
            let label = l.clone();
            view! {
                <th scope="col" aria-sort=move || if sort.get() == Some(c) { "ascending" } else { "none" }>
                    <button class="sort" data-testid=format!("rtt-sort-{c}")
                        aria-label=format!("Sort rows by round trip to {label}")
                        on:click=move |_| sort.update(|s| *s = if *s == Some(c) { None } else { Some(c) })>
                        {header(l)}
                    </button>
                </th>
            }
        }).collect_view();
        let rows = order.get().into_iter().map(|r| {
            let cells = d.cells[r].iter().enumerate().map(|(c, cell)| match cell {
                Some(x) => {
                    let (bg, fg) = rtt::cell_colours(&d, x);
                    let tip = rtt::cell_tip(&d, r, c);
                    view! {
                        <td class:modeled=x.kind == CellKind::Modeled style=format!("background:{bg};color:{fg}")
                            tabindex="0" title=tip.clone() aria-label=tip>{rtt::cell_text(x)}</td>
                    }.into_any()
                }
                None => view! { <td title="This region does not resolve">"?"</td> }.into_any(),
            }).collect_view();
            view! { <tr><th scope="row">{d.labels[r].clone()}</th>{cells}</tr> }
        }).collect_view();
        view! {
            <table class="rtt-matrix" data-testid="rtt-matrix">
                <caption class="visually-hidden">"Round trip p50 (ms) from row to column"</caption>
                <thead><tr><th scope="col">"From \\ to"</th>{heads}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <ul class="sources">{d.sources.iter().map(|s| view! { <li>{format!("RTT {s}")}</li> }).collect_view()}</ul>
        }
    };
    view! {
        <section class="panel" aria-labelledby="rtt-h" data-testid="rtt-heatmap">
            <h2 id="rtt-h">"Round trips between the chosen regions"</h2>
            <p class="hint">"p50 round trip (ms) from row to column; “~” and italic: modeled; grey: the same region (cross-AZ). Hover or focus a cell for its p99 and source; click a column to sort the rows by it."</p>
            <div class="table-scroll" tabindex="0">{body}</div>
            <p class="row">
                <button data-testid="rtt-copy-csv" on:click=copy_csv>"Copy as CSV"</button>
                <span class="hint" role="status">{move || copied.get()}</span>
            </p>
        </section>
    }
}
