//! The operations behind every RTO: a panel to edit them (each default with its public
//! source), each class card's RTO broken into the settings that produced it with links to
//! those fields, and a region-loss playbook as the outage table opens it. Words come from
//! `present::operations` and `export::playbook`, the same as in the markdown.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::engine::report::RtoBreakdown;
use crate::engine::Posture;
use crate::export::playbook::{Playbook, FILL_IN};
use crate::plan::{Operations, Promotion, Routing};
use crate::present::duration;
use crate::present::operations::{promotion_name, routing_name, rto_parts, OpsField};

use super::fields::{NumberField, SelectField};
use super::Editor;

/// Moves the keyboard focus (and so the view) to an operations field.
fn focus_field(f: OpsField) {
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&f.anchor()))
        .and_then(|wrap| wrap.query_selector("input, select").ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = el {
        let _ = el.focus();
    }
}

/// A link to an operations field; it focuses the field without touching the URL fragment,
/// which holds the plan.
#[component]
fn FieldLink(field: OpsField) -> impl IntoView {
    view! {
        <a class="ops-link" href=format!("#{}", field.anchor())
            on:click=move |ev: leptos::ev::MouseEvent| { ev.prevent_default(); focus_field(field) }>
            {format!("change {}", field.label().to_ascii_lowercase())}
        </a>
    }
}

/// One number field of the operations, with its default's source beneath it.
fn number(
    editor: Editor,
    field: OpsField,
    get: fn(&Operations) -> f64,
    set: fn(&mut Operations, f64),
) -> impl IntoView {
    let value = Signal::derive(move || Some(editor.plan.with(|p| get(&p.operations))));
    let on_change = Callback::new(move |v: Option<f64>| {
        if let Some(v) = v {
            editor.edit(move |p| set(&mut p.operations, v))
        }
    });
    view! {
        <div class="ops-field" id=field.anchor()>
            <NumberField label=field.label() unit=field.unit() testid=field.anchor() value on_change />
            <Source field />
        </div>
    }
}

#[component]
fn Source(field: OpsField) -> impl IntoView {
    view! {
        <p class="ops-source"><small>{format!("Default {}. {}", field.default_text(), field.source())}</small></p>
    }
}

/// The Operations panel: detection, routing, promotion, warm-up and backups.
#[component]
pub fn OperationsPanel(editor: Editor) -> impl IntoView {
    let routing = Signal::derive(move || {
        editor.plan.with(|p| match p.operations.routing {
            Routing::Dns => "dns",
            Routing::Anycast => "anycast",
        })
    });
    let promotion = Signal::derive(move || {
        editor.plan.with(|p| match p.operations.promotion {
            Promotion::Automated => "automated",
            Promotion::Manual => "manual",
        })
    });
    view! {
        <section class="panel operations" aria-labelledby="ops-h" data-testid="operations">
            <h2 id="ops-h">"Operations behind every RTO"</h2>
            <p class="hint">"Detection + routing + promotion + warm-up = each class's RTO. Defaults and their sources are under each field."</p>
            // A form of its own, so a keystroke's autofill pass reads these fields, not the page's.
            <form class="fields" on:submit=|ev| ev.prevent_default()>
            <div class="ops-grid">
                {number(editor, OpsField::HealthCheckInterval, |o| o.health_check_interval_s, |o, v| o.health_check_interval_s = v)}
                {number(editor, OpsField::FailureThreshold, |o| f64::from(o.health_check_failure_threshold),
                    |o, v| o.health_check_failure_threshold = v.round().clamp(0.0, f64::from(u32::MAX)) as u32)}
                <div class="ops-field" id=OpsField::Routing.anchor()>
                    <SelectField label="Routing" testid=OpsField::Routing.anchor() value=routing
                        options=vec![("dns", routing_name(Routing::Dns)), ("anycast", routing_name(Routing::Anycast))]
                        on_change=Callback::new(move |v: String| editor.edit(move |p| {
                            p.operations.routing = if v == "anycast" { Routing::Anycast } else { Routing::Dns }
                        })) />
                    <Source field=OpsField::Routing />
                </div>
                {number(editor, OpsField::DnsTtl, |o| o.dns_ttl_s, |o, v| o.dns_ttl_s = v)}
                {number(editor, OpsField::ResolverOverstay, |o| o.resolver_overstay_s, |o, v| o.resolver_overstay_s = v)}
                <div class="ops-field" id=OpsField::Promotion.anchor()>
                    <SelectField label="Promotion" testid=OpsField::Promotion.anchor() value=promotion
                        options=vec![("automated", promotion_name(Promotion::Automated)), ("manual", promotion_name(Promotion::Manual))]
                        on_change=Callback::new(move |v: String| editor.edit(move |p| {
                            p.operations.promotion = if v == "manual" { Promotion::Manual } else { Promotion::Automated }
                        })) />
                    <Source field=OpsField::Promotion />
                </div>
                {number(editor, OpsField::ManualPromotion, |o| o.manual_promotion_min, |o, v| o.manual_promotion_min = v)}
                {number(editor, OpsField::CacheWarmup, |o| o.cache_warmup_s, |o, v| o.cache_warmup_s = v)}
                {number(editor, OpsField::BackupInterval, |o| o.backup_interval_min, |o, v| o.backup_interval_min = v)}
            </div>
            </form>
        </section>
    }
}

/// A class card's RTO, part by part, each with the setting behind it and a link to it.
#[component]
pub fn RtoParts(
    index: usize,
    posture: Posture,
    rto: Option<RtoBreakdown>,
    data_gb: f64,
) -> impl IntoView {
    let editor = use_context::<Editor>();
    let ops = Memo::new(move |_| {
        editor
            .map(|e| e.plan.with(|p| p.operations.clone()))
            .unwrap_or_default()
    });
    move || {
        let r = rto.clone()?;
        let parts = rto_parts(posture, data_gb, &ops.get(), &r);
        Some(view! {
            <div class="rto-parts" data-testid=format!("rto-parts-{index}") data-total-s=r.total_s().to_string()>
                <p><strong>{format!("RTO {} =", duration(r.total_s()))}</strong></p>
                <ul>
                    {parts.into_iter().map(|p| view! {
                        <li data-testid=format!("rto-{}-{index}", p.part) data-seconds=p.seconds.to_string()>
                            {p.text} " "
                            {p.fields.into_iter().map(|f| view! { <FieldLink field=f /> " " }).collect_view()}
                        </li>
                    }).collect_view()}
                </ul>
            </div>
        })
    }
}

/// A region-loss playbook, the same text as the markdown's.
#[component]
pub fn PlaybookView(book: Playbook) -> impl IntoView {
    let has_steps = !book.steps.is_empty();
    view! {
        <div class="playbook" data-testid=format!("playbook-{}", book.region)>
            <p>{book.summary}</p>
            {has_steps.then(|| view! {
                <h4>"Decision points"</h4>
                <ul>{book.decisions.into_iter().map(|d| view! { <li><strong>{d.situation} "."</strong> " " {d.action}</li> }).collect_view()}</ul>
                <h4>"Steps, in order"</h4>
                <ol>
                    {book.steps.into_iter().map(|s| view! {
                        <li data-testid="playbook-step" data-class=s.class.clone()>
                            <strong>{s.title} "."</strong>
                            <ul>
                                {s.lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                                <li class="slot">{format!("Your {}: ", s.slot)} <code>{FILL_IN}</code></li>
                            </ul>
                        </li>
                    }).collect_view()}
                </ol>
                <p><strong>"Fencing."</strong> " " {book.fencing}</p>
                <p><strong>"Fail-back."</strong> " " {book.failback}</p>
                {(!book.unaffected.is_empty()).then(|| view! { <p>{format!("Unaffected (no copy there): {}.", book.unaffected.join(", "))}</p> })}
                <h4>"Your team's details"</h4>
                <ul>{book.slots.into_iter().map(|s| view! { <li class="slot">{format!("{s}: ")} <code>{FILL_IN}</code></li> }).collect_view()}</ul>
            })}
        </div>
    }
}
