//! A class's pinned placement, beside its pinned posture: primary, standby (each "engine
//! chooses" or one of the plan's regions) and the three consensus voters. What the pin breaks
//! and where the engine would place the class are in the class card's reasons and the summary.

use leptos::prelude::*;

use crate::plan::{DataClass, PlacementPin};

use super::Editor;

fn edit_pin(editor: Editor, at: Memo<Option<usize>>, f: impl FnOnce(&mut PlacementPin) + 'static) {
    let Some(i) = at.get_untracked() else { return };
    editor.edit(move |p| {
        if let Some(c) = p.data_classes.get_mut(i) {
            f(&mut c.placement_pin)
        }
    });
}

/// One field of the class at `at`, compared by value: an edit elsewhere in the plan does not
/// wake the pin's options and checkboxes (one per plan region, per class).
fn read_pin<T: Clone + PartialEq + Send + Sync + 'static>(
    editor: Editor,
    at: Memo<Option<usize>>,
    f: impl Fn(&DataClass) -> T + Send + Sync + 'static,
) -> Memo<Option<T>> {
    Memo::new(move |_| {
        editor
            .plan
            .with(|p| at.get().and_then(|i| p.data_classes.get(i)).map(&f))
    })
}

/// The plan's region labels, in plan order; changed only when the regions are.
fn labels(editor: Editor) -> Memo<Vec<String>> {
    Memo::new(move |_| {
        editor
            .plan
            .with(|p| p.regions.iter().map(|r| r.label()).collect())
    })
}

/// "Engine chooses" or one region, for the primary or the standby.
#[component]
fn RegionPin(
    editor: Editor,
    at: Memo<Option<usize>>,
    label: &'static str,
    part: &'static str,
    get: fn(&PlacementPin) -> Option<String>,
    set: fn(&mut PlacementPin, Option<String>),
) -> impl IntoView {
    let pinned = read_pin(editor, at, move |c| get(&c.placement_pin));
    let value = move || pinned.get().flatten().unwrap_or_default();
    let labels = labels(editor);
    view! {
        <label class="field">
            <span>{label}</span>
            <select data-testid=move || format!("class-{}-pin-{part}", at.get().unwrap_or(usize::MAX))
                prop:value=value
                on:change=move |ev| {
                    let v = Some(event_target_value(&ev)).filter(|v| !v.is_empty());
                    edit_pin(editor, at, move |p| set(p, v));
                }>
                <option value="">"engine chooses"</option>
                // A pinned region the plan no longer lists stays visible (its problem says why).
                {move || {
                    let mut options = labels.get();
                    let v = value();
                    if !v.is_empty() && !options.contains(&v) {
                        options.push(v);
                    }
                    options
                }.into_iter().map(|l| {
                    let l2 = l.clone();
                    view! { <option value=l selected=move || value() == l2>{l.clone()}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// The pinned placement's fields for the class at `at`.
#[component]
pub fn PlacementPinFields(editor: Editor, at: Memo<Option<usize>>) -> impl IntoView {
    let voters = read_pin(editor, at, |c| c.placement_pin.voters.clone());
    let labels = labels(editor);
    view! {
        <fieldset class="placement-pin" data-testid=move || format!("class-{}-placement-pin", at.get().unwrap_or(usize::MAX))>
            <legend>"Placement (optional pin)"</legend>
            <RegionPin editor at label="Primary region" part="primary"
                get=|p| p.primary.clone() set=|p, v| p.primary = v />
            <RegionPin editor at label="Standby region" part="standby"
                get=|p| p.standby.clone() set=|p, v| p.standby = v />
            <div class="field voters">
                <span>"Consensus voters (3, or none)"</span>
                {move || labels.get().into_iter().map(|l| {
                    let key = l.clone();
                    let checked = { let k = key.clone(); move || voters.with(|v| v.as_ref().is_some_and(|v| v.contains(&k))) };
                    view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=checked
                                data-testid=move || format!("class-{}-pin-voter-{}", at.get().unwrap_or(usize::MAX), key)
                                on:change={ let k = l.clone(); move |ev| {
                                    let on = event_target_checked(&ev);
                                    let k = k.clone();
                                    edit_pin(editor, at, move |p| {
                                        p.voters.retain(|v| *v != k);
                                        if on { p.voters.push(k); }
                                    });
                                }} />
                            {l.clone()}
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}
