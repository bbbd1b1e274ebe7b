//! The nine postures of one class side by side: a table (a column per posture, a row per
//! figure) at desktop widths, a card per posture on a phone; columns sort by any figure row.
//! Every text comes from `present::compare`; this only lays it out.

use leptos::prelude::*;

use super::results::ClassOf;
use crate::plan::DataClass;
use crate::present::compare::{posture_table, sort_caption, sort_columns, PostureTable};

/// The comparison, built only once the reader opens it (nine postures' figures are many rows).
#[component]
pub fn ComparePostures(index: usize, class: ClassOf, target: DataClass) -> impl IntoView {
    let open = RwSignal::new(false);
    let sort = RwSignal::new(None::<String>);
    // Worked out when first opened, then kept.
    let table = StoredValue::new(None::<PostureTable>);
    let inputs = StoredValue::new(Some((class, target)));
    view! {
        <details class="compare-postures" data-testid=format!("compare-{index}")
            on:toggle=move |ev| {
                use wasm_bindgen::JsCast;
                if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                    open.set(d.open());
                }
            }>
            <summary data-testid=format!("compare-{index}-open")>"Compare the nine postures side by side"</summary>
            {move || open.get().then(|| {
                if let Some((class, target)) = inputs.try_update_value(Option::take).flatten() {
                    table.set_value(Some(posture_table(&class, &target)));
                }
                table.with_value(|t| t.clone().map(|t| view! {
                    <SortBy index table=t.clone() sort />
                    <Columns index table=t.clone() sort />
                    <Cards index table=t sort />
                }))
            })}
        </details>
    }
}

/// The sort control, shared by both layouts.
#[component]
fn SortBy(index: usize, table: PostureTable, sort: RwSignal<Option<String>>) -> impl IntoView {
    let caption = {
        let t = table.clone();
        move || sort.with(|k| sort_caption(&t, k.as_deref()))
    };
    view! {
        <div class="row compare-sort">
            <label class="field">
                <span>"Sort postures by"</span>
                <select data-testid=format!("compare-{index}-sort")
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        sort.set(Some(v).filter(|v| !v.is_empty()));
                    }>
                    <option value="" selected=move || sort.with(Option::is_none)>"the plan's posture, then complexity"</option>
                    {table.rows.iter().filter(|r| r.sortable).map(|r| {
                        let key = r.key.clone();
                        let k2 = key.clone();
                        view! { <option value=key selected=move || sort.with(|s| s.as_deref() == Some(k2.as_str()))>{r.label.clone()}</option> }
                    }).collect_view()}
                </select>
            </label>
            <p class="hint" data-testid=format!("compare-{index}-order")>{caption}</p>
        </div>
    }
}

/// The table: a column per posture; clicking a figure's row header sorts by it.
#[component]
fn Columns(index: usize, table: PostureTable, sort: RwSignal<Option<String>>) -> impl IntoView {
    let table = StoredValue::new(table);
    let order = move || table.with_value(|t| sort.with(|k| sort_columns(t, k.as_deref())));
    view! {
        <div class="table-scroll compare-table" tabindex="0">
            <table class="compare" data-testid=format!("compare-{index}-table")>
                <thead><tr>
                    <th scope="col">"Figure"</th>
                    {move || table.with_value(|t| order().into_iter().map(|c| {
                        let col = &t.columns[c];
                        view! {
                            <th scope="col" class:chosen=col.chosen class:recommended=col.recommended
                                data-testid=format!("compare-{index}-col-{}", col.slug)>
                                {col.name}
                                {(!col.mark.is_empty()).then(|| view! { <span class="mark" data-testid=format!("compare-{index}-mark-{}", col.slug)>{col.mark.clone()}</span> })}
                                <small class:broken=!col.meets>{col.verdict.clone()}</small>
                            </th>
                        }
                    }).collect_view())}
                </tr></thead>
                <tbody>
                    {move || table.with_value(|t| {
                        let order = order();
                        t.rows.iter().enumerate().map(|(r, row)| {
                            let key = row.key.clone();
                            let head = if row.sortable {
                                let k = key.clone();
                                view! { <button class="sort-by" aria-pressed=move || sort.with(|s| s.as_deref() == Some(k.as_str())).to_string()
                                    on:click={ let k = key.clone(); move |_| sort.set(Some(k.clone())) }>{row.label.clone()}</button> }.into_any()
                            } else {
                                row.label.clone().into_any()
                            };
                            let cells = order.iter().map(|&c| {
                                let col = &t.columns[c];
                                match (&col.unplaceable, col.cells.get(r)) {
                                    (Some(why), _) if r == 0 => view! {
                                        <td class="unplaceable" rowspan=t.rows.len()>
                                            <strong>"not placeable"</strong><small>{why.clone()}</small>
                                        </td>
                                    }.into_any(),
                                    (Some(_), _) => ().into_any(),
                                    (None, Some(cell)) => view! {
                                        <td class:broken=cell.broken.is_some()>
                                            {cell.text.clone()}
                                            {cell.broken.clone().map(|b| view! { <small>{b}</small> })}
                                        </td>
                                    }.into_any(),
                                    (None, None) => view! { <td>"–"</td> }.into_any(),
                                }
                            }).collect_view();
                            view! { <tr data-testid=format!("compare-{index}-row-{key}")><th scope="row">{head}</th>{cells}</tr> }
                        }).collect_view()
                    })}
                </tbody>
            </table>
        </div>
    }
}

/// A card per posture (phones): the same rows as a list of figure and value.
#[component]
fn Cards(index: usize, table: PostureTable, sort: RwSignal<Option<String>>) -> impl IntoView {
    let table = StoredValue::new(table);
    view! {
        <ol class="compare-cards" data-testid=format!("compare-{index}-cards")>
            {move || table.with_value(|t| sort.with(|k| sort_columns(t, k.as_deref())).into_iter().map(|c| {
                let col = &t.columns[c];
                view! {
                    <li class="compare-card" class:chosen=col.chosen class:recommended=col.recommended
                        data-testid=format!("compare-{index}-card-{}", col.slug)>
                      // The plan's posture open; the others a tap away (nine long cards are a long scroll).
                      <details open=col.chosen || col.recommended>
                        <summary>
                            <h5>{col.name}{(!col.mark.is_empty()).then(|| view! { <span class="mark">{col.mark.clone()}</span> })}</h5>
                            <p class:broken=!col.meets>{col.verdict.clone()}</p>
                        </summary>
                        {match &col.unplaceable {
                            Some(why) => view! { <p class="unplaceable"><strong>"not placeable: "</strong>{why.clone()}</p> }.into_any(),
                            None => view! {
                                <dl>{t.rows.iter().zip(&col.cells).map(|(row, cell)| view! {
                                    <div class:broken=cell.broken.is_some()>
                                        <dt>{row.label.clone()}</dt>
                                        <dd>{cell.text.clone()}{cell.broken.clone().map(|b| view! { <small>{b}</small> })}</dd>
                                    </div>
                                }).collect_view()}</dl>
                            }.into_any(),
                        }}
                      </details>
                    </li>
                }
            }).collect_view())}
        </ol>
    }
}
