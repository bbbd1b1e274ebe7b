//! The library of the user's plans in localStorage (decisions in [`crate::share::library`]):
//! which entry this tab edits (kept per tab in sessionStorage), saving into it, noticing
//! another tab's write to it, saying so when storage fails, and the list of saved plans.

use std::cell::Cell;

use leptos::prelude::*;
use web_sys::{window, Storage};

use crate::plan::Plan;
use crate::share::library::{self, Entry, Opening, ENTRY_PREFIX, LEGACY_AUTOSAVE_KEY};

const CURRENT_KEY: &str = "meridian.current";
const WRITTEN_KEY: &str = "meridian.written";

fn local() -> Option<Storage> {
    window()?.local_storage().ok().flatten()
}
fn session() -> Option<Storage> {
    window()?.session_storage().ok().flatten()
}
fn now() -> f64 {
    js_sys::Date::now()
}

thread_local! {
    /// Set when the whole plan is replaced (new plan, template, upload): the next save starts
    /// a new entry, so the plan that was on screen stays in the library.
    static NEXT_SAVE_IS_NEW: Cell<bool> = const { Cell::new(false) };
}

/// The plan on screen is being replaced by another: keep the old one's entry as it is.
pub fn next_save_is_a_new_plan() {
    NEXT_SAVE_IS_NEW.with(|n| n.set(true));
}

/// Every readable entry.
pub fn entries() -> Vec<Entry> {
    let Some(s) = local() else { return Vec::new() };
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(ENTRY_PREFIX))
        .filter_map(|k| Entry::from_storage(&k, &s.get_item(&k).ok().flatten()?))
        .collect()
}

/// This tab's library state.
#[derive(Clone, Copy)]
pub struct Library {
    /// The entry this tab saves into; `None` until the first save.
    current: StoredValue<Option<String>>,
    /// The entry text this tab last wrote, to tell another tab's write from ours.
    last: StoredValue<String>,
    /// A storage failure, shown until a save succeeds.
    pub failure: RwSignal<Option<String>>,
    /// Another tab wrote this tab's plan: (its plan, its entry id, this tab's copy's id).
    pub conflict: RwSignal<Option<(Plan, String, String)>>,
    /// Counts this tab's saves, so the list of plans shows the latest.
    saves: RwSignal<u64>,
}

/// Opens the plan for this page load (see [`library::open`]).
pub fn open(fragment: Option<&str>) -> (Opening, Library) {
    let all = entries();
    let current_id = session().and_then(|s| s.get_item(CURRENT_KEY).ok().flatten());
    let current = all.iter().find(|e| Some(&e.id) == current_id.as_ref());
    let written: Vec<String> = session()
        .and_then(|s| s.get_item(WRITTEN_KEY).ok().flatten())
        .map(|w| w.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    let legacy = local().and_then(|s| s.get_item(LEGACY_AUTOSAVE_KEY).ok().flatten());
    let o = library::open(fragment, current, &written, &all, legacy.as_deref());
    let lib = Library {
        current: StoredValue::new(o.entry.clone()),
        last: StoredValue::new(String::new()),
        failure: RwSignal::new(None),
        conflict: RwSignal::new(None),
        saves: RwSignal::new(0),
    };
    if let Some(id) = &o.entry {
        lib.adopt(id);
    }
    (o, lib)
}

impl Library {
    fn adopt(&self, id: &str) {
        NEXT_SAVE_IS_NEW.with(|n| n.set(false));
        self.current.set_value(Some(id.to_string()));
        if let Some(s) = session() {
            let _ = s.set_item(CURRENT_KEY, id);
        }
        let text = local().and_then(|s| s.get_item(&format!("{ENTRY_PREFIX}{id}")).ok().flatten());
        self.last.set_value(text.unwrap_or_default());
    }

    /// Saves the plan into this tab's entry (a new one on the first save).
    pub fn save(&self, plan: &Plan) {
        if NEXT_SAVE_IS_NEW.with(|n| n.replace(false)) {
            self.current.set_value(None);
        }
        let id = self.current.get_value().unwrap_or_else(|| {
            let id = format!("{:x}", now() as u64 ^ (js_sys::Math::random() * 1e9) as u64);
            self.adopt(&id);
            id
        });
        let entry = Entry::new(id, plan, now());
        let text = entry.to_json();
        let result = local()
            .ok_or("this browser does not allow storage for this page".to_string())
            .and_then(|s| {
                s.set_item(&entry.key(), &text)
                    .map_err(|_| "the browser's storage is full or refused the write".to_string())
            });
        match result {
            Ok(()) => {
                self.last.set_value(text);
                self.failure.set(None);
                self.saves.update(|n| *n += 1);
                if let Some(s) = local() {
                    let _ = s.remove_item(LEGACY_AUTOSAVE_KEY); // kept as an entry now
                }
            }
            Err(why) => self.failure.set(Some(format!(
                "Your edits are not being saved in this browser: {why}. Download the plan to keep it."
            ))),
        }
    }

    /// Remembers a URL this tab wrote, so a reload of it reopens this tab's latest edit.
    pub fn wrote_url(&self, fragment: &str) {
        let Some(s) = session() else { return };
        let mut w: Vec<String> = s
            .get_item(WRITTEN_KEY)
            .ok()
            .flatten()
            .map(|w| w.split(',').map(str::to_string).collect())
            .unwrap_or_default();
        w.push(library::fingerprint(fragment));
        let keep = w.len().saturating_sub(200);
        let _ = s.set_item(WRITTEN_KEY, &w[keep..].join(","));
    }

    /// Another tab wrote `key`: if it is this tab's entry, keep this tab's plan as a copy
    /// (a new entry) and offer the other tab's version.
    pub fn on_storage(&self, key: &str, value: Option<String>, mine: &Plan) {
        let Some(id) = self.current.get_value() else {
            return;
        };
        if key != format!("{ENTRY_PREFIX}{id}") || value.as_deref() == Some(&self.last.get_value())
        {
            return;
        }
        let entry = value.as_deref().and_then(|v| Entry::from_storage(key, v));
        if let (Some(e), Some(v)) = (&entry, &value) {
            if e.plan == crate::share::encode_plan(mine) {
                // The same plan saved again (opened from the library, or taken from here).
                self.last.set_value(v.clone());
                return;
            }
        }
        let theirs = entry.and_then(|e| e.open());
        self.current.set_value(None);
        self.save(mine);
        if let (Some(theirs), Some(copy)) = (theirs, self.current.get_value()) {
            self.conflict.set(Some((theirs, id, copy)));
        }
    }

    /// Takes the other tab's version: this tab edits its entry again; its own copy goes.
    pub fn take_theirs(&self, their_id: &str, copy: &str) {
        if let Some(s) = local() {
            let _ = s.remove_item(&format!("{ENTRY_PREFIX}{copy}"));
        }
        self.adopt(their_id);
        self.conflict.set(None);
    }
}

/// The storage-failure notice (until a save succeeds) and the other-tab notice.
#[component]
pub fn Notices(lib: Library, editor: super::Editor) -> impl IntoView {
    let download = move |_| {
        let json = crate::export::plan_json(&editor.plan.get_untracked());
        super::toolbar::download("meridian-plan.json", "application/json", &json);
    };
    view! {
        {move || lib.failure.get().map(|f| view! {
            <div class="notice" role="alert" data-testid="storage-failure">
                <span>{f}</span>
                <button data-testid="storage-failure-download" on:click=download>"Download the plan"</button>
            </div>
        })}
        {move || lib.conflict.get().map(|(theirs, their_id, copy)| {
            let (id, copy2) = (their_id.clone(), copy.clone());
            view! {
                <div class="notice" role="alert" data-testid="other-tab">
                    <span>"This plan was changed in another tab. Your version is kept here as a separate plan in this browser."</span>
                    <span class="notice-actions">
                        <button data-testid="keep-mine" on:click=move |_| lib.conflict.set(None)>"Keep mine"</button>
                        <button data-testid="take-theirs" on:click=move |_| {
                            editor.replace(theirs.clone());
                            lib.take_theirs(&id, &copy2);
                        }>"Use the other tab's version"</button>
                    </span>
                </div>
            }
        })}
    }
}

/// The plans saved in this browser, newest first: open one (this tab then edits it) or
/// delete one (not the one on screen).
#[component]
pub fn Plans(lib: Library, editor: super::Editor) -> impl IntoView {
    let open = RwSignal::new(false);
    let list = Memo::new(move |_| {
        lib.saves.track();
        let mut all = if open.get() { entries() } else { Vec::new() };
        crate::sort::sort_by(&mut all, |a, b| b.edited_ms.total_cmp(&a.edited_ms));
        let current = lib.current.get_value();
        all.into_iter()
            .map(|e| {
                let here = current.as_deref() == Some(e.id.as_str());
                (e, here)
            })
            .collect::<Vec<_>>()
    });
    let count = RwSignal::new(entries().len());
    Effect::new(move |_| {
        lib.saves.track();
        count.set(entries().len());
    });
    view! {
        <details class="library" data-testid="library" on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary>"Your plans in this browser (" {count} ")"</summary>
            <ul>
                <For each=move || list.get() key=|(e, here)| (e.id.clone(), e.edited_ms.to_bits(), *here) let:row>
                    {
                        let (e, here) = row;
                        let (id, id2) = (e.id.clone(), e.id.clone());
                        let name = if e.name.trim().is_empty() { "Untitled plan".to_string() } else { e.name.clone() };
                        let edited = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(e.edited_ms))
                            .to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED);
                        view! {
                            <li data-testid="library-entry" data-current=here.to_string()>
                                <span class="library-name">{name}</span>
                                <small>"edited " {String::from(edited)} {here.then_some(" (on screen)")}</small>
                                <button data-testid="library-open" disabled=here on:click=move |_| {
                                    let found = entries().into_iter().find(|x| x.id == id).and_then(|x| x.open());
                                    if let Some(plan) = found {
                                        editor.replace(plan);
                                        lib.adopt(&id);
                                        lib.saves.update(|n| *n += 1);
                                    }
                                }>"Open"</button>
                                <button data-testid="library-delete" disabled=here on:click=move |_| {
                                    if let Some(s) = local() {
                                        let _ = s.remove_item(&format!("{ENTRY_PREFIX}{id2}"));
                                    }
                                    lib.saves.update(|n| *n += 1);
                                }>"Delete"</button>
                            </li>
                        }
                    }
                </For>
            </ul>
        </details>
    }
}
