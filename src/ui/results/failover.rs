//! The failover table: what each region's loss does to each class, each row opening that
//! region's playbook.

use leptos::prelude::*;
use std::sync::Arc;

use crate::engine::report::Report;
use crate::present as show;

/// The failover table's texts: the class names, then per region lost its cell per class
/// (`None`: the class has no copy there).
#[derive(Clone, PartialEq)]
struct OutageTable {
    classes: Vec<String>,
    rows: Vec<(String, Vec<Option<OutageCell>>)>,
}

/// One class's outage: downtime, effect, and what follows the failover, if anything.
#[derive(Clone, PartialEq)]
struct OutageCell {
    down: String,
    effect: String,
    after: Option<String>,
}

fn outage_table(r: &Report) -> OutageTable {
    let rows = crate::export::playbook::regions(r)
        .into_iter()
        .map(|region| {
            let cells = r
                .classes
                .iter()
                .map(|c| {
                    c.chosen
                        .outages
                        .iter()
                        .find(|o| o.region == region)
                        .map(|o| {
                            let down = match o.downtime_s {
                                Some(0.0) => "unaffected".to_string(),
                                d => format!("down {}", show::recovery(d)),
                            };
                            let after = (!o.after.is_empty())
                                .then(|| format!("Then: {}.", show::after_failover(&o.after)));
                            OutageCell {
                                down,
                                effect: format!(" {} ", o.effect),
                                after,
                            }
                        })
                })
                .collect();
            (region, cells)
        })
        .collect();
    OutageTable {
        classes: r.classes.iter().map(|c| c.name.clone()).collect(),
        rows,
    }
}

/// What each region's loss does to each class (the chosen postures). Opening a region's row
/// shows its region-loss playbook, the same text as the markdown's. The table is rebuilt only
/// when its texts change, not on every edit.
#[component]
pub fn FailoverStory(report: Signal<Arc<Report>>) -> impl IntoView {
    let editor = use_context::<crate::ui::Editor>();
    // Regions whose playbook is open; kept across recomputed reports.
    let open = RwSignal::new(Vec::<String>::new());
    let table = Memo::new(move |_| report.with(|r| outage_table(r)));
    view! {
        <section class="panel" aria-labelledby="failover-h" data-testid="failover">
            <h2 id="failover-h">"If a region is lost"</h2>
            <p class="hint">"Open a region for its playbook: what to do, class by class, in order."</p>
            {move || {
                let OutageTable { classes, rows } = table.get();
                let columns = classes.len() + 1;
                view! {
                    <div class="table-scroll" tabindex="0">
                        <table class="failover">
                            <thead><tr>
                                <th scope="col">"Region lost"</th>
                                {classes.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|(region, cells)| {
                                    let cells = cells.into_iter().map(|cell| match cell {
                                        Some(OutageCell { down, effect, after }) => view! {
                                            <td>
                                                <strong>{down}</strong>
                                                <small>{effect}</small>
                                                {after.map(|a| view! { <small class="after">{a}</small> })}
                                            </td>
                                        }.into_any(),
                                        None => view! { <td>"–"</td> }.into_any(),
                                    }).collect_view();
                                    let key = StoredValue::new(region.clone());
                                    let is_open = move || open.with(|o| key.with_value(|k| o.contains(k)));
                                    let toggle = move |_| key.with_value(|k| open.update(|o| match o.iter().position(|x| x == k) {
                                        Some(i) => { o.remove(i); }
                                        None => o.push(k.clone()),
                                    }));
                                    let panel_id = format!("playbook-panel-{}", region.replace(':', "-"));
                                    view! {
                                        <tr>
                                            <th scope="row">
                                                <button class="disclosure" aria-expanded=move || is_open().to_string() aria-controls=panel_id.clone()
                                                    data-testid=format!("outage-open-{region}") on:click=toggle>
                                                    {region.clone()}
                                                </button>
                                            </th>
                                            {cells}
                                        </tr>
                                        {move || is_open().then(|| {
                                            let book = editor.map(|e| e.plan.with(|p| report.with(|r| {
                                                key.with_value(|k| crate::export::playbook::playbook_for(p, r, k))
                                            })));
                                            view! {
                                                <tr class="playbook-row" id=panel_id.clone()>
                                                    <td colspan=columns>{book.map(|book| view! { <crate::ui::operations::PlaybookView book /> })}</td>
                                                </tr>
                                            }
                                        })}
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            }}
        </section>
    }
}
