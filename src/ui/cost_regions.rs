//! A class card's cost region by region: what each region runs, its six lines and total,
//! its emissions, what each region beyond the first adds, and the assumptions behind the
//! bill of materials. Words and figures from `present::cost`.

use leptos::prelude::*;

use crate::engine::report::CostBreakdown;
use crate::present::cost::{bom_assumptions, extra_regions, region_rows};

#[component]
pub fn CostByRegion(index: usize, cost: Option<CostBreakdown>) -> impl IntoView {
    let cost = cost?;
    let rows = region_rows(&cost);
    let extra = extra_regions(&cost);
    let scaled = cost.from_bill.is_some();
    Some(view! {
        <details class="cost-regions" data-testid=format!("cost-regions-{index}")>
            <summary>"Cost by region, and what each extra region costs"</summary>
            {scaled.then(|| view! { <p class="hint">"At list prices: the bill of materials your bill is scaled by."</p> })}
            <div class="table-scroll" tabindex="0">
                <table>
                    <caption>"Monthly cost per region (USD), list prices"</caption>
                    <thead><tr>
                        <th scope="col">"Region"</th><th scope="col">"Runs"</th><th scope="col">"Compute"</th>
                        <th scope="col">"Database"</th><th scope="col">"Storage"</th><th scope="col">"Transfer"</th>
                        <th scope="col">"Backups"</th><th scope="col">"Platform"</th><th scope="col">"Total"</th>
                        <th scope="col">"Emissions"</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr data-testid="cost-region-row">
                                <th scope="row">{r.region}</th>
                                <td>{r.runs}{(!r.notes.is_empty()).then(|| view! { <br /><small>{format!("Price: {}", r.notes.join("; "))}</small> })}</td>
                                {r.cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                                <td>{r.carbon}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {(!extra.is_empty()).then(|| view! {
                <p data-testid=format!("extra-regions-{index}")>{format!("Each region beyond the first: {}.", extra.join("; "))}</p>
            })}
            <p><small>"Assumptions of the bill of materials (no public source): "</small></p>
            <ul class="assumptions">{bom_assumptions().into_iter().map(|a| view! { <li><small>{a}</small></li> }).collect_view()}</ul>
        </details>
    })
}
