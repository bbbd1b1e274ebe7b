//! Results: the summary across classes, then a card per data class with the recommended
//! posture, each figure beside its target, the reasons and the rejected postures.

use leptos::prelude::*;
use std::sync::Arc;

use crate::engine::report::{ClassReport, Evaluation, Report};
use crate::plan::{DataClass, PlaceRef, Plan, UserPopulation};
use crate::present::{self as show, Check};

mod failover;
pub use failover::FailoverStory;

use super::charts::ClassCharts;
use super::topology::TopologyMap;

/// One class of a shared report, read in place: never cloned (a class of the largest plan's
/// report is thousands of values, and a clone per view was a large part of showing a new
/// report), and compared by the class's value, so that a memo holding it wakes its views only
/// when that class changed; a class the engine did not evaluate again is the same `Arc` in
/// both reports, and compares at once.
#[derive(Clone)]
pub struct ClassOf(Arc<ClassReport>);

impl ClassOf {
    /// Class `index` of `report`, if it has one.
    pub fn new(report: &Arc<Report>, index: usize) -> Option<ClassOf> {
        report.classes.get(index).cloned().map(ClassOf)
    }
}

impl std::ops::Deref for ClassOf {
    type Target = ClassReport;
    fn deref(&self) -> &ClassReport {
        &self.0
    }
}

impl PartialEq for ClassOf {
    /// A class the engine reused (or the worker said was unchanged) is the same `Arc`.
    fn eq(&self, other: &ClassOf) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

/// "achieved / target" cell with a met/missed mark that does not rely on colour alone.
#[component]
fn VsTarget(check: Check) -> impl IntoView {
    view! {
        <span class=format!("vs {}", check.state)>
            <strong>{check.achieved}</strong>
            <small>{check.note}</small>
        </span>
    }
}

/// The table across classes, and the totals.
#[component]
pub fn Summary(plan: Signal<Plan>, report: Signal<Arc<Report>>) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="summary-h" data-testid="summary">
            <h2 id="summary-h">"Recommendation"</h2>
            <p class="to-inputs"><a href="#inputs" data-testid="to-inputs">"Edit the plan (regions, users, data classes) ↓"</a></p>
            <p class="totals" data-testid="total-cost">
                {move || {
                    report.with(|r| show::totals_sentence(&r.totals))
                }}
            </p>
            <div class="table-scroll" tabindex="0">
                <table class="summary">
                    <thead>
                        <tr>
                            <th scope="col">"Data class"</th>
                            <th scope="col">"Posture"</th>
                            <th scope="col">"RPO"</th>
                            <th scope="col">"RTO"</th>
                            <th scope="col">"Write p99 (worst)"</th>
                            <th scope="col">"Read p99 (worst)"</th>
                            <th scope="col">"Cost / month"</th>
                            // Long text last: on a phone the verdicts come first.
                            <th scope="col">"Placement"</th>
                        </tr>
                    </thead>
                    <tbody>
                        // One keyed row per class, each re-rendered only when its own
                        // recommendation or targets change.
                        <For each=move || 0..report.with(|r| r.classes.len()) key=|i| *i let:i>
                            {
                                let class = Memo::new(move |_| report.with(|r| ClassOf::new(r, i)));
                                let target = Memo::new(move |_| plan.with(|p| p.data_classes.get(i).cloned()));
                                move || match (class.get(), target.get()) {
                                    (Some(c), Some(t)) => summary_row(i, &c, t).into_any(),
                                    _ => ().into_any(),
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn summary_row(i: usize, c: &ClassReport, dc: DataClass) -> impl IntoView {
    // The same words as the markdown's decisions table, without its code marks.
    let posture = crate::present::posture_verdict(c).replace('`', "");
    let e = &c.chosen;
    view! {
        <tr class:infeasible=!c.feasible>
            <th scope="row"><a href=format!("#class-card-{i}") data-testid=format!("open-card-{i}") on:click=move |ev| {
                // Opens the class's card (closing the open one: they share a name) and shows it.
                ev.prevent_default();
                use wasm_bindgen::JsCast;
                if let Some(d) = document()
                    .query_selector(&format!("[data-testid='class-card-{i}']"))
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                {
                    d.set_open(true);
                    d.scroll_into_view();
                }
            }>{c.name.clone()}</a></th>
            <td data-testid=format!("posture-{i}")><code>{posture}</code></td>
            <td><VsTarget check=Check::duration(e.rpo_s, dc.rpo_s) /></td>
            <td data-testid=format!("summary-rto-{i}")><VsTarget check=Check::duration(e.rto_s, dc.rto_s) /></td>
            <td><VsTarget check=Check::ms(e.worst_p99(true), dc.write_p99_budget_ms) /></td>
            <td><VsTarget check=Check::ms(e.worst_p99(false), dc.read_p99_budget_ms) /></td>
            <td>{show::posture_cost(e)} <small>{format!(" ({})", show::posture_multiple(e))}</small></td>
            <td class="placement-cell">{show::placement(e.placement.as_ref())}</td>
        </tr>
    }
}

/// One data class: the recommendation with its numbers, reasons and rejected postures. Its
/// heading is always there; the rest is built only while the card is open (`open`; one card
/// is, by default), so a plan of sixteen classes builds one card's tables and map, not
/// sixteen. `open` is a plain value, not a signal read inside: the card is one view type
/// whether open or not, so an edit patches the open card's text in place instead of
/// building its map and tables again.
#[component]
pub fn ClassCard(
    index: usize,
    class: ClassOf,
    target: DataClass,
    places: (Vec<PlaceRef>, Vec<UserPopulation>),
    sources: (Vec<String>, Vec<String>),
    charts_open: RwSignal<bool>,
    card_open: RwSignal<bool>,
    open: bool,
) -> impl IntoView {
    let e = &class.chosen;
    let heading = if class.feasible {
        format!(
            "{}: {}",
            class.name,
            crate::present::posture_name(e.posture)
        )
    } else {
        format!("{}: nothing meets every requirement", class.name)
    };
    let slug = e.posture.slug();
    view! {
        // One card open at a time by default (the first): a `name`d group of details, so the
        // page is a list of verdicts rather than four full reports one under another.
        <details class="panel card" name="class-cards" open=open data-testid=format!("class-card-{index}")
            on:toggle=move |ev| {
                use wasm_bindgen::JsCast;
                if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                    if card_open.get_untracked() != d.open() {
                        card_open.set(d.open());
                    }
                }
            }>
            <summary><h3>{heading} " " <code class="slug">{slug}</code></h3></summary>
            // One box for the body: off screen (the card is below the summary on most
            // screens) an edit's changes to it skip style, layout and paint (style/main.css).
            {open.then(|| view! { <div class="card-body">{card_body(index, &class, &target, &places, &sources, charts_open)}</div> })}
        </details>
    }
}

/// An open card's content.
fn card_body(
    index: usize,
    class: &ClassOf,
    target: &DataClass,
    places: &(Vec<PlaceRef>, Vec<UserPopulation>),
    sources: &(Vec<String>, Vec<String>),
    charts_open: RwSignal<bool>,
) -> impl IntoView {
    let e = class.chosen.clone();
    view! {
        <p class="placement"><strong>"Placement: "</strong>{show::placement(e.placement.as_ref())}</p>
        <dl class="figures">
            <div><dt>"RPO (region loss)"</dt><dd><VsTarget check=Check::duration(e.rpo_s, target.rpo_s) /></dd></div>
            <div><dt>"RTO (region loss)"</dt><dd><VsTarget check=Check::duration(e.rto_s, target.rto_s) /></dd></div>
            <div><dt>"Write p99, worst population"</dt><dd><VsTarget check=Check::ms(e.worst_p99(true), target.write_p99_budget_ms) /></dd></div>
            <div><dt>"Read p99, worst population"</dt><dd><VsTarget check=Check::ms(e.worst_p99(false), target.read_p99_budget_ms) /></dd></div>
            <div><dt>"Cost / month"</dt><dd><strong>{show::posture_cost(&e)}</strong><small>{show::posture_multiple_note(&e)}</small></dd></div>
            <div><dt>"Writes lost on a hard region failure"</dt><dd><strong>{e.writes_lost_on_region_failure.as_ref().map_or("all since the region went down".to_string(), |w| w.writes_text())}</strong></dd></div>
        </dl>
        <super::operations::RtoParts index posture=e.posture rto=e.rto.clone() data_gb=target.data_gb />
        <TopologyMap regions=places.0.clone() users=places.1.clone() eval=e.clone() residency=target.residency.clone() index />
        <h4>"Why"</h4>
        <ul class="reasons" data-testid=format!("reasons-{index}")>
            {class.reasons.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}
        </ul>
        {(!class.relax.is_empty()).then(|| view! {
            <h4>"What to relax"</h4>
            <ul>{class.relax.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul>
        })}
        {(!class.services.is_empty()).then(|| view! {
            <details class="services" data-testid=format!("services-{index}")>
                <summary>"Which managed database or software can deliver it"</summary>
                <ul>{class.services.iter().map(|s| view! {
                    <li class:misfit=!s.fits>
                        <strong>{s.name.clone()}</strong>" "{if s.fits { "fits: " } else { "does not fit: " }}{s.message.clone()}
                        <small>{format!(" Sources: {}", s.sources.join("; "))}</small>
                    </li>
                }).collect_view()}</ul>
            </details>
        })}
        <LatencyTable e=e.clone() rtt_sources=sources.0.clone() index />
        <super::cost_regions::CostByRegion index cost=e.cost.clone() />
        <super::compare_postures::ComparePostures index class=class.clone() target=target.clone() />
        <ClassCharts index class=class.clone() target=target.clone() report_sources=sources.clone() open=charts_open />
        <details class="rejected">
            <summary>{format!("Rejected postures ({})", class.rejected.len())}</summary>
            <ul>
                {class.rejected.iter().map(|r| view! {
                    <li><code>{r.posture.slug()}</code>": " {r.message.clone()}</li>
                }).collect_view()}
            </ul>
        </details>
    }
}

/// Write and read latency per user population for the chosen posture, with the sources of the
/// round trips they are built from.
#[component]
fn LatencyTable(e: Evaluation, rtt_sources: Vec<String>, index: usize) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0">
            <table class="latency">
                <caption>"Latency per user population (ms, p50 / p99)"</caption>
                <thead><tr>
                    <th scope="col">"Users"</th><th scope="col">"Write p50"</th><th scope="col">"Write p99"</th>
                    <th scope="col">"Read p50"</th><th scope="col">"Read p99"</th><th scope="col">"Write path"</th><th scope="col">"Reads from"</th>
                </tr></thead>
                <tbody>
                    {e.latency.into_iter().map(|l| view! {
                        <tr>
                            <th scope="row">{l.population}<small class="access">{format!(" over {}", crate::present::access(l.access))}</small></th>
                            <td>{show::ms(l.write_p50_ms)}</td>
                            <td><VsTarget check=Check::ms(Some(l.write_p99_ms), l.write_budget_ms) /></td>
                            <td>{show::ms(l.read_p50_ms)}</td>
                            <td><VsTarget check=Check::ms(Some(l.read_p99_ms), l.read_budget_ms) /></td>
                            <td>{l.write_path}</td>
                            <td>{l.read_from}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <details class="sources" data-testid=format!("latency-sources-{index}")>
            <summary>{crate::present::latency::round_trip_sources_heading(rtt_sources.len())}</summary>
            <ul>{rtt_sources.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
        </details>
    }
}
