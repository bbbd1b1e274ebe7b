//! One class's card, built once per class and patched in place on an edit: its heading and
//! figures are text nodes fed by memos, and each part that has structure of its own (the
//! map, the tables, the lists) is rebuilt only when the part of the report it shows changed.
//! An RPO edit thus rewrites a few text nodes rather than the card: removing and building
//! the card's DOM again was most of an edit's layout and paint.

use leptos::prelude::*;

use super::{ClassOf, VsTarget};
use crate::engine::report::{ClassReport, Evaluation};
use crate::plan::{DataClass, PlaceRef, UserPopulation};
use crate::present::{self as show, Check};
use crate::ui::charts::ClassCharts;
use crate::ui::topology::TopologyMap;

/// The plan's regions and user populations, for the map.
pub type Places = (Vec<PlaceRef>, Vec<UserPopulation>);
/// The report's round-trip and price sources.
pub type Sources = (Vec<String>, Vec<String>);

/// The class, read in place, but waking its readers only when the named parts of it changed
/// (the report is recomputed whole on every edit, and the class compares unequal when any of
/// its figures moved).
macro_rules! watching {
    ($class:expr, $($($part:ident).+),+) => {
        Memo::new_with_compare(move |_| $class.get(), |a: Option<&Option<ClassOf>>, b: Option<&Option<ClassOf>>| {
            match (a.and_then(Option::as_ref), b.and_then(Option::as_ref)) {
                (Some(a), Some(b)) => false $(|| a.$($part).+ != b.$($part).+)+,
                (None, None) => false,
                _ => true,
            }
        })
    };
}

/// One value worked out from the class and its targets, compared by value so that its text
/// node is written only when it changed.
fn derived<T: PartialEq + Default + Send + Sync + 'static>(
    class: Memo<Option<ClassOf>>,
    target: Memo<Option<DataClass>>,
    f: impl Fn(&ClassReport, &DataClass) -> T + Send + Sync + 'static,
) -> Memo<T> {
    Memo::new(move |_| {
        class
            .with(|c| target.with(|t| c.as_deref().zip(t.as_ref()).map(|(c, t)| f(c, t))))
            .unwrap_or_default()
    })
}

/// "achieved / target", patched in place.
#[component]
fn VsTargetLive(check: Memo<Option<Check>>) -> impl IntoView {
    let part = move |f: fn(&Check) -> String| {
        move || check.with(|c| c.as_ref().map(f).unwrap_or_default())
    };
    view! {
        <span class=move || check.with(|c| format!("vs {}", c.as_ref().map_or("none", |c| c.state)))>
            <strong>{part(|c| c.achieved.clone())}</strong>
            <small>{part(|c| c.note.clone())}</small>
        </span>
    }
}

/// One data class: the recommendation with its numbers, reasons and rejected postures. Its
/// heading is always there; the rest is built only while the card is open (`card_open`; one
/// card is, by default), so a plan of sixteen classes builds one card's tables and map, not
/// sixteen.
#[component]
pub fn ClassCard(
    index: usize,
    class: Memo<Option<ClassOf>>,
    target: Memo<Option<DataClass>>,
    places: Memo<Places>,
    sources: Memo<Sources>,
    charts_open: RwSignal<bool>,
    card_open: RwSignal<bool>,
) -> impl IntoView {
    let heading = derived(class, target, |c, _| {
        if c.feasible {
            format!("{}: {}", c.name, show::posture_name(c.chosen.posture))
        } else {
            format!("{}: nothing meets every requirement", c.name)
        }
    });
    let slug = derived(class, target, |c, _| c.chosen.posture.slug());
    view! {
        // One card open at a time by default (the first): a `name`d group of details, so the
        // page is a list of verdicts rather than four full reports one under another.
        <details class="panel card" name="class-cards" open=card_open.get_untracked() data-testid=format!("class-card-{index}")
            on:toggle=move |ev| {
                use wasm_bindgen::JsCast;
                if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                    if card_open.get_untracked() != d.open() {
                        card_open.set(d.open());
                    }
                }
            }>
            <summary><h3>{move || heading.get()} " " <code class="slug">{move || slug.get()}</code></h3></summary>
            {move || card_open.get().then(|| card_body(index, class, target, places, sources, charts_open))}
        </details>
    }
}

/// An open card's content.
fn card_body(
    index: usize,
    class: Memo<Option<ClassOf>>,
    target: Memo<Option<DataClass>>,
    places: Memo<Places>,
    sources: Memo<Sources>,
    charts_open: RwSignal<bool>,
) -> impl IntoView {
    let placement = derived(class, target, |c, _| {
        show::placement(c.chosen.placement.as_ref())
    });
    let rpo = derived(class, target, |c, t| {
        Some(Check::duration(c.chosen.rpo_s, t.rpo_s))
    });
    let rto = derived(class, target, |c, t| {
        Some(Check::duration(c.chosen.rto_s, t.rto_s))
    });
    let write = derived(class, target, |c, t| {
        Some(Check::ms(c.chosen.worst_p99(true), t.write_p99_budget_ms))
    });
    let read = derived(class, target, |c, t| {
        Some(Check::ms(c.chosen.worst_p99(false), t.read_p99_budget_ms))
    });
    let cost = derived(class, target, |c, _| show::posture_cost(&c.chosen));
    let multiple = derived(class, target, |c, _| show::posture_multiple_note(&c.chosen));
    let lost = derived(class, target, |c, _| {
        c.chosen
            .writes_lost_on_region_failure
            .as_ref()
            .map_or("all since the region went down".to_string(), |w| {
                w.writes_text()
            })
    });
    let rto_parts = derived(class, target, |c, t| {
        Some((c.chosen.posture, c.chosen.rto.clone(), t.data_gb))
    });
    let residency = derived(class, target, |_, t| t.residency.clone());
    let map = watching!(
        class,
        chosen.posture,
        chosen.placement,
        chosen.links,
        chosen.residency
    );
    let latency = watching!(class, chosen.latency);
    let cost_parts = watching!(class, chosen.cost);
    let reasons = derived(class, target, |c, _| {
        c.reasons.iter().cloned().enumerate().collect::<Vec<_>>()
    });
    let relax = derived(class, target, |c, _| {
        c.relax.iter().cloned().enumerate().collect::<Vec<_>>()
    });
    let has_relax = Memo::new(move |_| relax.with(|r| !r.is_empty()));
    let services = watching!(class, services);
    let rejected = derived(class, target, |c, _| {
        c.rejected
            .iter()
            .map(|r| (r.posture.slug(), r.message.clone()))
            .enumerate()
            .collect::<Vec<_>>()
    });
    let rejected_count = Memo::new(move |_| rejected.with(Vec::len));
    view! {
        <p class="placement"><strong>"Placement: "</strong>{move || placement.get()}</p>
        <dl class="figures">
            <div><dt>"RPO (region loss)"</dt><dd><VsTargetLive check=rpo /></dd></div>
            <div><dt>"RTO (region loss)"</dt><dd><VsTargetLive check=rto /></dd></div>
            <div><dt>"Write p99, worst population"</dt><dd><VsTargetLive check=write /></dd></div>
            <div><dt>"Read p99, worst population"</dt><dd><VsTargetLive check=read /></dd></div>
            <div><dt>"Cost / month"</dt><dd><strong>{move || cost.get()}</strong><small>{move || multiple.get()}</small></dd></div>
            <div><dt>"Writes lost on a hard region failure"</dt><dd><strong>{move || lost.get()}</strong></dd></div>
        </dl>
        {move || rto_parts.get().map(|(posture, rto, data_gb)| view! {
            <crate::ui::operations::RtoParts index posture rto data_gb />
        })}
        {move || map.get().map(|c| view! {
            <TopologyMap regions=places.with(|p| p.0.clone()) users=places.with(|p| p.1.clone()) eval=c.chosen.clone()
                residency=residency.get() index />
        })}
        <h4>"Why"</h4>
        <ul class="reasons" data-testid=format!("reasons-{index}")>
            <For each=move || reasons.get() key=|r| r.clone() children=|(_, r)| view! { <li>{r}</li> } />
        </ul>
        {move || has_relax.get().then(|| view! {
            <h4>"What to relax"</h4>
            <ul><For each=move || relax.get() key=|r| r.clone() children=|(_, r)| view! { <li>{r}</li> } /></ul>
        })}
        {move || services.get().filter(|c| !c.services.is_empty()).map(|c| view! {
            <details class="services" data-testid=format!("services-{index}")>
                <summary>"Which managed database or software can deliver it"</summary>
                <ul>{c.services.iter().map(|s| view! {
                    <li class:misfit=!s.fits>
                        <strong>{s.name.clone()}</strong>" "{if s.fits { "fits: " } else { "does not fit: " }}{s.message.clone()}
                        <small>{format!(" Sources: {}", s.sources.join("; "))}</small>
                    </li>
                }).collect_view()}</ul>
            </details>
        })}
        {move || latency.get().map(|c| view! {
            <LatencyTable e=c.chosen.clone() rtt_sources=sources.with(|s| s.0.clone()) index />
        })}
        {move || cost_parts.get().map(|c| view! {
            <crate::ui::cost_regions::CostByRegion index cost=c.chosen.cost.clone() />
        })}
        <crate::ui::compare_postures::ComparePostures index class target />
        <ClassCharts index class target report_sources=sources open=charts_open />
        <details class="rejected">
            <summary>{move || show::rejected_heading(rejected_count.get())}</summary>
            <ul>
                <For each=move || rejected.get() key=|r| r.clone()
                    children=|(_, (slug, message))| view! { <li><code>{slug}</code>": " {message}</li> } />
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
