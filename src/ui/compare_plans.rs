//! Compare the current plan with another (a pasted link or a plan file): what the other plan
//! changes in the inputs, and class by class in the results. The diff is
//! `engine::compare::diff`, its words `present::plan_diff`; this panel only opens the other
//! plan and lays the result out. The current plan is never changed.

use leptos::prelude::*;
use std::sync::Arc;

use crate::engine::compare::diff;
use crate::engine::{evaluate, Report};
use crate::plan::Plan;
use crate::present::plan_diff::{class_sections, input_lines, summary};

use super::plan_file::open_chosen_plan;

use super::Editor;

#[component]
pub fn ComparePlans(editor: Editor, report: Signal<Option<Arc<Report>>>) -> impl IntoView {
    let other = RwSignal::new(None::<(String, Plan)>);
    let error = RwSignal::new(None::<String>);
    let link = RwSignal::new(String::new());
    let other_report =
        Memo::new(move |_| other.with(|o| o.as_ref().and_then(|(_, p)| evaluate(p).ok())));
    let open_link = move |_| match crate::share::decode_plan_unvalidated(&link.get_untracked()) {
        Ok(p) => {
            other.set(Some(("the pasted link".to_string(), p)));
            error.set(None);
        }
        Err(e) => error.set(Some(format!("{e} Nothing was compared."))),
    };
    let open_file = move |ev: leptos::ev::Event| {
        open_chosen_plan(&ev, "Nothing was compared.", move |name, plan| match plan {
            Ok(p) => {
                other.set(Some((name, p)));
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        });
    };
    let result = move || {
        let (name, plan) = other.get()?;
        let d = editor.plan.with(|cur| {
            report.with(|r| other_report.with(|o| diff(cur, r.as_deref(), &plan, o.as_ref())))
        });
        let invalid = other_report.with(Option::is_none);
        Some(view! {
            <p class="compare-summary" data-testid="compare-summary">
                {format!("Compared with {name}. {}", summary(&d))}
                {invalid.then_some(" The opened plan does not validate, so it has no results; open it to see its problems.")}
            </p>
            {(!input_lines(&d).is_empty()).then(|| view! {
                <h3>"Inputs"</h3>
                <ul data-testid="compare-inputs">{input_lines(&d).into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            })}
            <h3>"Class by class"</h3>
            {class_sections(&d).into_iter().enumerate().map(|(i, s)| view! {
                <div class="compare-class" class:changed=s.status != "unchanged" data-testid=format!("compare-class-{i}")>
                    <h4>{s.name.clone()}" "<span class="status" data-testid=format!("compare-class-{i}-status")>{s.status}</span></h4>
                    {(!s.inputs.is_empty()).then(|| view! { <ul>{s.inputs.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul> })}
                    <div class="table-scroll" tabindex="0">
                        <table class="compare-plans">
                            <thead><tr><th scope="col">"Figure"</th><th scope="col">"Current plan"</th><th scope="col">"Opened plan"</th></tr></thead>
                            <tbody>{s.results.iter().map(|r| view! {
                                <tr class:changed=r.changed>
                                    <th scope="row">{r.figure}{r.changed.then_some(" (changed)")}</th>
                                    <td>{r.before.clone()}</td>
                                    <td>{r.after.clone()}{r.delta.clone().map(|d| view! { <small class="delta">{format!(" ({d})")}</small> })}</td>
                                </tr>
                            }).collect_view()}</tbody>
                        </table>
                    </div>
                </div>
            }).collect_view()}
        })
    };
    view! {
        <section class="panel compare-plans-panel" aria-labelledby="compare-plans-h" data-testid="compare-plans">
            <h2 id="compare-plans-h">"Compare with another plan"</h2>
            <p class="hint">"Paste a plan link or open a plan file to see what it changes against the plan on screen, which stays as it is."</p>
            <div class="row">
                <label class="field compare-link">
                    <span>"Plan link"</span>
                    <input type="text" data-testid="compare-link" placeholder="https://…#plan=v3.…"
                        prop:value=move || link.get() on:input=move |ev| link.set(event_target_value(&ev)) />
                </label>
                <button data-testid="compare-link-open" on:click=open_link>"Compare"</button>
                <label class="field">
                    <span>"or a plan file (.json)"</span>
                    <input type="file" accept=".json,application/json" data-testid="compare-file" on:change=open_file />
                </label>
                {move || other.with(Option::is_some).then(|| view! {
                    <button data-testid="compare-clear" on:click=move |_| { other.set(None); link.set(String::new()); }>"Clear"</button>
                })}
            </div>
            {move || error.get().map(|e| view! { <p class="inline-problems" role="alert" data-testid="compare-error">{e}</p> })}
            {result}
        </section>
    }
}
