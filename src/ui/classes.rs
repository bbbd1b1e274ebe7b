//! Data classes: add from presets or from scratch, edit every field with its unit,
//! duplicate, reorder, and delete with undo.

use leptos::prelude::*;

use crate::plan::{ConflictSemantics, Consistency, DataClass, Ownership, Preset, Residency};

use super::fields::{NumberField, Problems, SelectField, TextField};
use super::Editor;

fn edit_class(editor: Editor, i: usize, f: impl FnOnce(&mut DataClass) + 'static) {
    editor.edit(move |p| {
        if let Some(c) = p.data_classes.get_mut(i) {
            f(c)
        }
    });
}

fn read_class<T>(editor: Editor, i: usize, f: fn(&DataClass) -> T) -> Signal<T>
where
    T: Default + Send + Sync + Clone + 'static,
{
    Signal::derive(move || {
        editor
            .plan
            .with(|p| p.data_classes.get(i).map(f).unwrap_or_default())
    })
}

/// A number field bound to one `DataClass` field.
macro_rules! class_number {
    ($editor:expr, $i:expr, $field:ident, $label:expr, $unit:expr, optional) => {
        class_number!(@ $editor, $i, $field, $label, $unit, true, |c: &DataClass| c.$field, |v: Option<f64>| v)
    };
    ($editor:expr, $i:expr, $field:ident, $label:expr, $unit:expr) => {
        class_number!(@ $editor, $i, $field, $label, $unit, false, |c: &DataClass| Some(c.$field), |v: Option<f64>| v.unwrap_or_default())
    };
    (@ $editor:expr, $i:expr, $field:ident, $label:expr, $unit:expr, $opt:expr, $get:expr, $set:expr) => {{
        let (editor, i) = ($editor, $i);
        view! {
            <NumberField label=$label unit=$unit optional=$opt
                testid=format!("class-{}-{}", i, stringify!($field))
                value=read_class(editor, i, $get)
                on_change=Callback::new(move |v: Option<f64>| edit_class(editor, i, move |c| c.$field = ($set)(v))) />
        }
    }};
}

fn residency_slug(r: &Residency) -> &'static str {
    match r {
        Residency::None => "none",
        Residency::Pinned { .. } => "pinned",
        Residency::PerOwner => "per-owner",
    }
}

#[component]
pub fn ClassList(editor: Editor) -> impl IntoView {
    let count = Memo::new(move |_| editor.plan.with(|p| p.data_classes.len()));
    let deleted = RwSignal::new(None::<(usize, DataClass)>);
    let preset = RwSignal::new(Preset::ALL[0].slug().to_string());
    let add = move |_| {
        let chosen = Preset::ALL
            .into_iter()
            .find(|p| p.slug() == preset.get())
            .unwrap_or(Preset::ALL[0]);
        editor.edit(move |p| {
            let mut c = DataClass::preset(chosen);
            // Names must be unique; number a second copy of the same preset.
            let base = c.name.clone();
            let mut n = 2;
            while p.data_classes.iter().any(|x| x.name == c.name) {
                c.name = format!("{base}-{n}");
                n += 1;
            }
            p.data_classes.push(c);
        });
    };
    view! {
        <section class="panel" aria-labelledby="classes-h">
            <h2 id="classes-h">"Data classes"</h2>
            <div class="row">
                <label class="field"><span>"Preset"</span>
                    <select data-testid="preset-select" prop:value=move || preset.get() on:change=move |ev| preset.set(event_target_value(&ev))>
                        {Preset::ALL.into_iter().map(|p| view! { <option value=p.slug()>{p.display_name()}</option> }).collect_view()}
                    </select>
                </label>
                <button data-testid="add-class" on:click=add>"Add data class"</button>
            </div>
            {move || deleted.get().map(|(i, c)| view! {
                <p class="undo" role="status">
                    {format!("Deleted {:?}. ", c.name)}
                    <button data-testid="undo-delete" on:click=move |_| {
                        let c = c.clone();
                        editor.edit(move |p| { let at = i.min(p.data_classes.len()); p.data_classes.insert(at, c); });
                        deleted.set(None);
                    }>"Undo"</button>
                </p>
            })}
            {move || (0..count.get()).map(|i| view! { <ClassEditor editor i count deleted /> }).collect_view()}
        </section>
    }
}

#[component]
fn ClassEditor(
    editor: Editor,
    i: usize,
    count: Memo<usize>,
    deleted: RwSignal<Option<(usize, DataClass)>>,
) -> impl IntoView {
    let name = read_class(editor, i, |c| c.name.clone());
    let problems = editor.problems_under(format!("data_classes[{i}]"));
    let select = |field: &'static str,
                  options: Vec<(&'static str, &'static str)>,
                  get: fn(&DataClass) -> &'static str,
                  set: fn(&mut DataClass, &str)| {
        view! {
            <SelectField label=field testid=format!("class-{i}-{}", field.to_lowercase()) options
                value=Signal::derive(move || editor.plan.with(|p| p.data_classes.get(i).map(get).unwrap_or("")))
                on_change=Callback::new(move |v: String| edit_class(editor, i, move |c| set(c, &v))) />
        }
    };
    let swap = move |j: usize| {
        editor.edit(move |p| {
            if j < p.data_classes.len() {
                p.data_classes.swap(i, j)
            }
        })
    };
    view! {
        <details class="class-editor" data-testid=format!("class-editor-{i}") open=i == 0>
            <summary>{move || name.get()}</summary>
            <div class="grid">
                <TextField label="Name" testid=format!("class-{i}-name") value=name
                    on_change=Callback::new(move |v: String| edit_class(editor, i, move |c| c.name = v)) />
                {select("Consistency", Consistency::ALL.iter().map(|c| (c.slug(), c.slug())).collect(),
                    |c| c.consistency.slug(),
                    |c, v| if let Some(x) = Consistency::ALL.into_iter().find(|x| x.slug() == v) { c.consistency = x })}
                {select("Conflicts", vec![("never-conflict", "must never conflict"), ("last-writer-wins", "last writer wins"), ("mergeable", "mergeable (CRDT)")],
                    |c| match c.conflicts { ConflictSemantics::NeverConflict => "never-conflict", ConflictSemantics::LastWriterWins => "last-writer-wins", ConflictSemantics::Mergeable => "mergeable" },
                    |c, v| c.conflicts = match v { "last-writer-wins" => ConflictSemantics::LastWriterWins, "mergeable" => ConflictSemantics::Mergeable, _ => ConflictSemantics::NeverConflict })}
                {select("Ownership", vec![("per-population", "one population owns each record"), ("shared", "shared by all")],
                    |c| match c.ownership { Ownership::PerPopulation => "per-population", Ownership::Shared => "shared" },
                    |c, v| c.ownership = if v == "shared" { Ownership::Shared } else { Ownership::PerPopulation })}
                {select("Residency", vec![("none", "none"), ("pinned", "pinned to jurisdictions"), ("per-owner", "per owner (GDPR shape)")],
                    |c| residency_slug(&c.residency),
                    |c, v| c.residency = match v {
                        "pinned" => Residency::Pinned { jurisdictions: vec!["EU".into()] },
                        "per-owner" => Residency::PerOwner,
                        _ => Residency::None,
                    })}
                {move || editor.plan.with(|p| match p.data_classes.get(i).map(|c| &c.residency) {
                    Some(Residency::Pinned { jurisdictions }) => Some(view! {
                        <TextField label="Jurisdictions (comma-separated)" testid=format!("class-{i}-jurisdictions")
                            value=Signal::stored(jurisdictions.join(", "))
                            on_change=Callback::new(move |v: String| edit_class(editor, i, move |c| c.residency = Residency::Pinned {
                                jurisdictions: v.split(',').map(|s| s.trim().to_uppercase()).filter(|s| !s.is_empty()).collect(),
                            })) />
                    }),
                    _ => None,
                })}
                {class_number!(editor, i, rpo_s, "RPO target", "s; empty: survive AZ loss only", optional)}
                {class_number!(editor, i, rto_s, "RTO target", "s; empty: survive AZ loss only", optional)}
                {class_number!(editor, i, write_p99_budget_ms, "Write p99 budget", "ms", optional)}
                {class_number!(editor, i, read_p99_budget_ms, "Read p99 budget", "ms", optional)}
                {class_number!(editor, i, writes_per_s, "Writes", "writes/s")}
                {class_number!(editor, i, reads_per_s, "Reads", "reads/s")}
                {class_number!(editor, i, record_bytes, "Record size", "bytes")}
                {class_number!(editor, i, data_gb, "Data size", "GB per copy")}
            </div>
            <Problems problems testid=format!("class-{i}-problems") />
            <div class="row actions">
                <button data-testid=format!("class-{i}-duplicate") on:click=move |_| editor.edit(move |p| { if let Some(mut c) = p.data_classes.get(i).cloned() {
                    c.name = format!("{} (copy)", c.name); p.data_classes.insert(i + 1, c);
                } })>"Duplicate"</button>
                <button disabled=i == 0 aria-label="Move up" on:click=move |_| { if i > 0 { swap(i - 1) } }>"↑ Up"</button>
                <button disabled=move || { i + 1 >= count.get() } aria-label="Move down" on:click=move |_| swap(i + 1)>"↓ Down"</button>
                <button class="danger" data-testid=format!("class-{i}-delete") on:click=move |_| {
                    let gone = editor.plan.with_untracked(|p| p.data_classes.get(i).cloned());
                    if let Some(c) = gone {
                        editor.edit(move |p| { p.data_classes.remove(i); });
                        deleted.set(Some((i, c)));
                    }
                }>"Delete"</button>
            </div>
        </details>
    }
}
