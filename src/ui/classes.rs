//! Data classes: add from presets or from scratch, duplicate, reorder, and delete with
//! undo. Rows are keyed by stable ids ([`super::rows`]); the fields are in `class_editor`.

use leptos::prelude::*;

use crate::plan::limits::MAX_CLASSES;
use crate::plan::{DataClass, Preset};

use super::class_editor::ClassEditor;
use super::over_limit::OverLimit;
use super::Editor;

/// A deleted class and its old position, for the undo.
pub type Deleted = RwSignal<Option<(usize, DataClass)>>;

#[component]
pub fn ClassList(editor: Editor) -> impl IntoView {
    let count = editor.class_count();
    let deleted: Deleted = RwSignal::new(None);
    let preset = RwSignal::new(Preset::ALL[0].slug().to_string());
    let add = move |_| {
        let chosen = Preset::ALL
            .into_iter()
            .find(|p| p.slug() == preset.get())
            .unwrap_or(Preset::ALL[0]);
        let n = count.get_untracked();
        editor.class_rows.insert(n, n);
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
    let rows = editor.class_rows;
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
                        let n = count.get_untracked();
                        editor.class_rows.insert(i.min(n), n);
                        editor.edit(move |p| { let at = i.min(p.data_classes.len()); p.data_classes.insert(at, c); });
                        deleted.set(None);
                    }>"Undo"</button>
                </p>
            })}
            <OverLimit count max=MAX_CLASSES what="data classes" testid="classes-over-limit"
                keep=Callback::new(move |()| editor.edit(|p| p.data_classes.truncate(MAX_CLASSES))) />
            <For each=move || rows.keys(count.get().min(MAX_CLASSES)) key=|id| *id let:id>
                <ClassEditor editor at=rows.position(id, count) count deleted />
            </For>
        </section>
    }
}
