//! Your bill and your prices: today's single-region monthly bill by line (when given,
//! every posture's cost is that bill scaled by its bill of materials), and overrides of
//! the list prices of the plan's regions, each beside the built-in price with its source
//! and date. Words and figures come from `present::cost` and the price data.

use leptos::prelude::*;

use crate::data::prices::{self, PriceBook};
use crate::engine::cost::baseline::BaselineBill;
use crate::place::Place;
use crate::present::cost::bill_line_label;

use super::fields::{NumberField, Problems};
use super::Editor;

fn bill_line<'a>(b: &'a mut BaselineBill, field: &str) -> Option<&'a mut f64> {
    Some(match field {
        "compute_usd" => &mut b.compute_usd,
        "database_usd" => &mut b.database_usd,
        "storage_usd" => &mut b.storage_usd,
        "network_usd" => &mut b.network_usd,
        "platform_usd" => &mut b.platform_usd,
        _ => return None,
    })
}

/// One line of the bill: empty is none; the bill is dropped when every line is empty.
fn bill_field(editor: Editor, field: &'static str) -> impl IntoView {
    let value = Signal::derive(move || {
        editor.plan.with(|p| {
            p.baseline_bill
                .as_ref()
                .and_then(|b| b.lines().into_iter().find(|l| l.0 == field))
                .map(|l| l.1)
                .filter(|&v| v != 0.0)
        })
    });
    let on_change = Callback::new(move |v: Option<f64>| {
        editor.edit(move |p| {
            let mut bill = p.baseline_bill.clone().unwrap_or_default();
            if let Some(line) = bill_line(&mut bill, field) {
                *line = v.unwrap_or(0.0);
            }
            p.baseline_bill = (bill != BaselineBill::default()).then_some(bill);
        })
    });
    view! {
        <NumberField label=bill_line_label(field).unwrap_or(field) unit="$/month"
            testid=format!("bill-{field}") value on_change optional=true max=1e9 />
    }
}

type Overrides = std::collections::BTreeMap<String, f64>;

/// Which map of the price book a field edits.
#[derive(Clone, Copy)]
struct PriceMap {
    get: fn(&PriceBook) -> &Overrides,
    get_mut: fn(&mut PriceBook) -> &mut Overrides,
}

const VM: PriceMap = PriceMap {
    get: |b| &b.vm_usd_per_month,
    get_mut: |b| &mut b.vm_usd_per_month,
};
const TRANSFER: PriceMap = PriceMap {
    get: |b| &b.transfer_usd_per_gb,
    get_mut: |b| &mut b.transfer_usd_per_gb,
};
const STORAGE: PriceMap = PriceMap {
    get: |b| &b.storage_usd_per_gb_month,
    get_mut: |b| &mut b.storage_usd_per_gb_month,
};

/// One price override of a region: empty is the list price (shown beside it).
fn price_field(
    editor: Editor,
    label: &'static str,
    unit: &'static str,
    map: PriceMap,
    key: String,
    list: String,
) -> impl IntoView {
    let (k1, k2) = (key.clone(), key.clone());
    let value =
        Signal::derive(move || editor.plan.with(|p| (map.get)(&p.prices).get(&k1).copied()));
    let on_change = Callback::new(move |v: Option<f64>| {
        let k = k2.clone();
        editor.edit(move |p| {
            let m = (map.get_mut)(&mut p.prices);
            match v {
                Some(v) => m.insert(k, v),
                None => m.remove(&k),
            };
        })
    });
    view! {
        <div class="ops-field">
            <NumberField label unit testid=format!("price-{key}") value on_change optional=true />
            <p class="ops-source"><small>{format!("Empty: the list price, {list}")}</small></p>
        </div>
    }
}

/// The plan's cloud regions (custom places are priced as their nearest cloud region).
fn cloud_regions(editor: Editor) -> Memo<Vec<String>> {
    Memo::new(move |_| {
        editor.plan.with(|p| {
            p.regions
                .iter()
                .filter_map(|r| match r.resolve() {
                    Ok(Place::Region(r)) => Some(r.key()),
                    _ => None,
                })
                .collect()
        })
    })
}

/// The panel: your bill, then your prices.
#[component]
pub fn CostInputs(editor: Editor) -> impl IntoView {
    let bill_problems = editor.problems_under("baseline_bill".to_string());
    let price_problems = editor.problems_under("prices".to_string());
    let regions = cloud_regions(editor);
    let list = PriceBook::default();
    view! {
        <section class="panel cost-inputs" aria-labelledby="costs-h" data-testid="cost-inputs">
            <h2 id="costs-h">"Your bill and prices"</h2>
            <h3>"Today's bill (one region)"</h3>
            <p class="hint">"Optional. Enter this workload's monthly bill today, in one region, by line: every posture's cost becomes that bill scaled line by line by its bill of materials, so single region reproduces it. Empty: the built-in list prices."</p>
            // Forms of their own, so a keystroke's autofill pass reads these fields, not the page's.
            <form class="fields" on:submit=|ev| ev.prevent_default()>
            <div class="ops-grid" data-testid="baseline-bill">
                {["compute_usd", "database_usd", "storage_usd", "network_usd", "platform_usd"]
                    .into_iter().map(|f| bill_field(editor, f)).collect_view()}
            </div>
            </form>
            <Problems problems=bill_problems testid="bill-problems".to_string() />
            <details class="your-prices" data-testid="your-prices">
            <summary><h3>"Your prices"</h3></summary>
            <p class="hint">"Optional overrides of the list prices, per region of the plan. Empty: the list price, whose source and date are under each field."</p>
            <form class="fields" on:submit=|ev| ev.prevent_default()>
            <For each=move || regions.get() key=|k| k.clone() let:key>
                {
                    let place = Place::parse(&key).ok();
                    let vm = place.as_ref().map(|p| prices::vm_usd_per_month(p, &list).describe()).unwrap_or_default();
                    let disk = place.as_ref().map(|p| prices::block_storage_usd_per_gb_month(p, &list).describe()).unwrap_or_default();
                    view! {
                        <fieldset class="price-region" data-testid=format!("prices-{key}")>
                            <legend>{key.clone()}</legend>
                            <div class="ops-grid">
                                {price_field(editor, "VM (4 vCPU, 16 GiB)", "$/month", VM, key.clone(), vm)}
                                {price_field(editor, "Database storage", "$/GB-month", STORAGE, format!("block/{key}"), disk)}
                            </div>
                        </fieldset>
                    }
                }
            </For>
            <fieldset class="price-region" data-testid="prices-transfer">
                <legend>"Transfer between regions, every provider"</legend>
                <div class="ops-grid">
                    {price_field(editor, "Same continent", "$/GB", TRANSFER, "same-continent".to_string(), "each pair's own, listed in About the numbers".to_string())}
                    {price_field(editor, "Intercontinental", "$/GB", TRANSFER, "intercontinental".to_string(), "each pair's own, listed in About the numbers".to_string())}
                    {price_field(editor, "Leaving the provider", "$/GB", TRANSFER, "internet".to_string(), "each pair's own, listed in About the numbers".to_string())}
                </div>
            </fieldset>
            </form>
            </details>
            <Problems problems=price_problems testid="price-problems".to_string() />
        </section>
    }
}
