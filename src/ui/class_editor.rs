//! One data class's fields, each with its unit, and its row actions. The row's index is a
//! signal (`at`): rows move, and everything here follows the row rather than the position.

use leptos::prelude::*;

use crate::engine::Posture;
use crate::plan::{
    ConflictSemantics, Consistency, DataClass, Ownership, Residency, ResidencyScope,
};

use super::classes::Deleted;
use super::fields::{NumberField, Problems, SelectField, TextField};
use super::Editor;

/// The row's index now; `usize::MAX` (edits nothing) once it is gone.
fn now(at: Memo<Option<usize>>) -> usize {
    at.get_untracked().unwrap_or(usize::MAX)
}

/// The row's index, tracked (for test ids and labels that follow the row).
fn idx(at: Memo<Option<usize>>) -> usize {
    at.get().unwrap_or(usize::MAX)
}

fn edit_class(editor: Editor, at: Memo<Option<usize>>, f: impl FnOnce(&mut DataClass) + 'static) {
    let i = now(at);
    editor.edit(move |p| {
        if let Some(c) = p.data_classes.get_mut(i) {
            f(c)
        }
    });
}

/// One field of the class, from the class's own memo: an edit of another class (or of the
/// regions, users, prices...) does not wake this class's fields.
fn read_class<T>(class: Memo<Option<DataClass>>, f: fn(&DataClass) -> T) -> Signal<T>
where
    T: Default + Send + Sync + Clone + 'static,
{
    Signal::derive(move || class.with(|c| c.as_ref().map(f).unwrap_or_default()))
}

/// `class-{index}-{field}`, following the row.
fn testid(at: Memo<Option<usize>>, field: &'static str) -> Signal<String> {
    Signal::derive(move || format!("class-{}-{field}", idx(at)))
}

/// A number field bound to one `DataClass` field.
macro_rules! class_number {
    ($editor:expr, $at:expr, $class:expr, $field:ident, $label:expr, $unit:expr, optional) => {
        class_number!(@ $editor, $at, $class, $field, $label, $unit, true, |c: &DataClass| c.$field, |v: Option<f64>| v)
    };
    ($editor:expr, $at:expr, $class:expr, $field:ident, $label:expr, $unit:expr) => {
        class_number!(@ $editor, $at, $class, $field, $label, $unit, false, |c: &DataClass| Some(c.$field), |v: Option<f64>| v.unwrap_or_default())
    };
    (@ $editor:expr, $at:expr, $class:expr, $field:ident, $label:expr, $unit:expr, $opt:expr, $get:expr, $set:expr) => {{
        let (editor, at) = ($editor, $at);
        view! {
            <NumberField label=$label unit=$unit optional=$opt
                testid=testid(at, stringify!($field))
                value=read_class($class, $get)
                on_change=Callback::new(move |v: Option<f64>| edit_class(editor, at, move |c| c.$field = ($set)(v))) />
        }
    }};
}

/// "Recommended" and the nine postures by name, for pinning one.
fn pin_options() -> Vec<(&'static str, &'static str)> {
    std::iter::once(("", "recommended"))
        .chain(
            Posture::ALL
                .iter()
                .map(|&p| (p.slug(), crate::present::posture_name(p))),
        )
        .collect()
}

/// "Not chosen" and the technology catalog's services, for choosing the database.
fn service_options() -> Vec<(&'static str, &'static str)> {
    let services = crate::catalog::catalog().map_or(&[][..], |c| c.services.as_slice());
    std::iter::once(("", "not chosen"))
        .chain(services.iter().map(|s| (s.id.as_str(), s.name.as_str())))
        .collect()
}

fn residency_slug(r: &Residency) -> &'static str {
    match r {
        Residency::None => "none",
        Residency::Pinned { .. } => "pinned",
        Residency::PerOwner => "per-owner",
    }
}

#[component]
pub fn ClassEditor(
    editor: Editor,
    at: Memo<Option<usize>>,
    count: Memo<usize>,
    deleted: Deleted,
) -> impl IntoView {
    // The class's own fields, compared by value once per edit instead of in every field.
    let class = Memo::new(move |_| {
        editor
            .plan
            .with(|p| at.get().and_then(|i| p.data_classes.get(i).cloned()))
    });
    let name = read_class(class, |c| c.name.clone());
    let problems =
        editor.problems_under(Signal::derive(move || format!("data_classes[{}]", idx(at))));
    let select = move |field: &'static str,
                       options: Vec<(&'static str, &'static str)>,
                       get: fn(&DataClass) -> &'static str,
                       set: fn(&mut DataClass, &str)| {
        view! {
            <SelectField label=field testid=Signal::derive(move || format!("class-{}-{}", idx(at), field.to_ascii_lowercase())) options
                value=Signal::derive(move || class.with(|c| c.as_ref().map(get).unwrap_or("")))
                on_change=Callback::new(move |v: String| edit_class(editor, at, move |c| set(c, &v))) />
        }
    };
    let swap = move |down: bool| {
        let i = now(at);
        let Some(j) = (if down {
            i.checked_add(1)
        } else {
            i.checked_sub(1)
        }) else {
            return;
        };
        let n = count.get_untracked();
        if j >= n {
            return;
        }
        editor.class_rows.swap(i, j, n);
        editor.edit(move |p| p.data_classes.swap(i, j));
    };
    let duplicate = move |_| {
        let i = now(at);
        let n = count.get_untracked();
        if i >= n {
            return;
        }
        editor.class_rows.insert(i + 1, n);
        editor.edit(move |p| {
            if let Some(mut c) = p.data_classes.get(i).cloned() {
                c.name = format!("{} (copy)", c.name);
                p.data_classes.insert(i + 1, c);
            }
        });
    };
    let delete = move |_| {
        let i = now(at);
        let gone = editor
            .plan
            .with_untracked(|p| p.data_classes.get(i).cloned());
        if let Some(c) = gone {
            editor.class_rows.remove(i, count.get_untracked());
            editor.edit(move |p| {
                p.data_classes.remove(i);
            });
            deleted.set(Some((i, c)));
            // Focus goes to the undo rather than to the next class's Delete.
            request_animation_frame(|| {
                use wasm_bindgen::JsCast;
                if let Some(b) = document()
                    .query_selector("[data-testid='undo-delete']")
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = b.focus();
                }
            });
        }
    };
    // Only a pinned class has the field; compared by value, so other edits leave it alone.
    let pinned = Memo::new(move |_| {
        class.with(|c| match c.as_ref().map(|c| &c.residency) {
            Some(Residency::Pinned { jurisdictions }) => Some(jurisdictions.join(", ")),
            _ => None,
        })
    });
    let jurisdictions = move || {
        pinned.get().map(|text| view! {
            <TextField label="Jurisdictions (comma-separated)" testid=testid(at, "jurisdictions")
                value=Signal::stored(text)
                on_change=Callback::new(move |v: String| edit_class(editor, at, move |c| c.residency = Residency::Pinned {
                    jurisdictions: v.split(',').map(|s| s.trim().to_ascii_uppercase()).filter(|s| !s.is_empty()).collect(),
                })) />
        })
    };
    // The fields are built when the row is first opened, then kept (text a field still holds
    // survives closing it): a plan's closed editors held 3,475 of the page's 7,968 elements
    // on the largest plan's first render.
    let built = RwSignal::new(at.get_untracked() == Some(0));
    let on_toggle = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let open = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
            .is_some_and(|d| d.open());
        if open && !built.get_untracked() {
            built.set(true);
        }
    };
    let fields = move || {
        built.get().then(|| view! {
            <div class="grid">
                <TextField label="Name" testid=testid(at, "name") value=name
                    on_change=Callback::new(move |v: String| edit_class(editor, at, move |c| c.name = v)) />
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
                {jurisdictions}
                {select("Residency scope", vec![("every-copy", "every copy"), ("primary-only", "primary copies only (DR copies may leave)")],
                    |c| match c.residency_scope { ResidencyScope::EveryCopy => "every-copy", ResidencyScope::PrimaryOnly => "primary-only" },
                    |c, v| c.residency_scope = if v == "primary-only" { ResidencyScope::PrimaryOnly } else { ResidencyScope::EveryCopy })}
                {select("Posture", pin_options(),
                    |c| c.pin.map_or("", Posture::slug),
                    |c, v| c.pin = Posture::from_slug(v))}
                <super::placement_pin::PlacementPinFields editor at />
                {select("Database", service_options(),
                    |c| c.service.as_deref().and_then(|id| crate::catalog::service(id).ok().flatten()).map_or("", |s| s.id.as_str()),
                    |c, v| c.service = Some(v.to_string()).filter(|v| !v.is_empty()))}
                // The numbers in a form of their own (no box: still cells of the grid). On every
                // keystroke Chromium's autofill reads the fields of the edited field's form: for
                // fields in no form, every field on the page; for the whole editor, the
                // placement pin's options and checkboxes too (a trace: 8-12 ms at 1x for the
                // example plan, 1.5-2.5 ms with this form).
                <form class="fields" on:submit=|ev| ev.prevent_default()>
                {class_number!(editor, at, class, rpo_s, "RPO target", "s; empty: survive AZ loss only", optional)}
                {class_number!(editor, at, class, rto_s, "RTO target", "s; empty: survive AZ loss only", optional)}
                {class_number!(editor, at, class, write_p99_budget_ms, "Write p99 budget", "ms, end-user", optional)}
                {class_number!(editor, at, class, read_p99_budget_ms, "Read p99 budget", "ms, end-user", optional)}
                {class_number!(editor, at, class, writes_per_s, "Writes", "writes/s")}
                {class_number!(editor, at, class, reads_per_s, "Reads", "reads/s")}
                {class_number!(editor, at, class, record_bytes, "Record size", "bytes")}
                {class_number!(editor, at, class, data_gb, "Data size", "GB per copy")}
                </form>
            </div>
        })
    };
    view! {
        <details class="class-editor" data-testid=move || format!("class-editor-{}", idx(at))
            open=at.get_untracked() == Some(0) on:toggle=on_toggle>
            <summary>{move || name.get()}</summary>
            {fields}
            <Problems problems testid=Signal::derive(move || format!("class-{}-problems", idx(at))) />
            <div class="row actions">
                <button data-testid=move || format!("class-{}-duplicate", idx(at)) on:click=duplicate>"Duplicate"</button>
                <button disabled=move || at.get() == Some(0) aria-label="Move up" on:click=move |_| swap(false)>"↑ Up"</button>
                <button disabled=move || at.get().is_none_or(|i| i + 1 >= count.get()) aria-label="Move down" on:click=move |_| swap(true)>"↓ Down"</button>
                <button class="danger" data-testid=move || format!("class-{}-delete", idx(at)) on:click=delete>"Delete"</button>
            </div>
        </details>
    }
}
