//! The plan's life outside the tab: the URL fragment (shareable, never sent to a server),
//! autosave in localStorage, and browser back/forward through edits. These are the only
//! effects in the app, and they only write to the outside world.

use leptos::prelude::*;
use web_sys::window;

use super::library::{self, Library};
use crate::plan::Plan;
use crate::share::{decode_plan_unvalidated, encode_plan, Restored, FRAGMENT_KEY};

/// Quiet time after an edit before the plan is written to the URL and the autosave (ms).
const SAVE_DELAY_MS: u32 = 250;
/// Edits closer together than this share one history entry (typing "250" is one step).
const HISTORY_GROUP_MS: f64 = 1000.0;

fn hash() -> Option<String> {
    window()?.location().hash().ok().filter(|h| !h.is_empty())
}

/// The plan to open (a link opened becomes a new library entry; a reload of this tab's own
/// URL opens its latest edit), with a notice when a link or entry could not be used.
pub fn load() -> (Restored, Library, bool) {
    let (o, lib) = library::open(hash().as_deref());
    (o.restored, lib, o.save_now)
}

/// The app's own address without the fragment, for the share link and the markdown export.
pub fn app_url() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default()
}

/// The full share link of a plan.
pub fn share_link(plan: &Plan) -> String {
    format!("{}#{FRAGMENT_KEY}{}", app_url(), encode_plan(plan))
}

/// The share link as last written to the URL, and whether it is up to date with the plan.
#[derive(Clone, Copy)]
pub struct Saved {
    pub link: Signal<String>,
    pub current: Signal<bool>,
}

/// Keeps the URL and the autosave in step with the plan, and steps through edits on
/// back/forward. `set_plan` is used only for history navigation. Saving waits until edits
/// pause for [`SAVE_DELAY_MS`]: serialising, compressing and writing storage and history
/// took about half of an edit's time when done on every keystroke. A pending save is
/// flushed when the page is hidden or closed.
pub fn sync(
    plan: ReadSignal<Plan>,
    set_plan: WriteSignal<Plan>,
    notice: RwSignal<Option<String>>,
    (lib, save_now): (Library, bool),
) -> Saved {
    if save_now {
        plan.with_untracked(|p| lib.save(p));
    }
    let last_push = StoredValue::new(f64::MIN);
    // The plan a popstate restored: writing it back to history would erase forward steps.
    let from_history = StoredValue::new(false);
    let generation = StoredValue::new(0u64);
    let link = RwSignal::new(plan.with_untracked(share_link));
    // The URL shows the opened plan from the start (replacing, not adding, a history entry),
    // so that back after the first edit returns to it.
    if let (Some(w), Some(fragment)) = (
        window(),
        link.with_untracked(|l| l.split_once('#').map(|x| format!("#{}", x.1))),
    ) {
        lib.wrote_url(&fragment);
        if w.location().hash().ok().as_deref() != Some(fragment.as_str()) {
            if let Ok(h) = w.history() {
                let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&fragment));
            }
        }
    }
    let current = RwSignal::new(true);
    let flush = move || {
        let p = plan.get_untracked();
        super::timed("meridian:persist", || {
            save(&p, lib, from_history, last_push)
        });
        link.set(share_link(&p));
        current.set(true);
    };
    Effect::new(move |first: Option<()>| {
        plan.track();
        if first.is_none() {
            return; // the plan just loaded: nothing to save yet
        }
        let gen = generation.get_value() + 1;
        generation.set_value(gen);
        current.set(false);
        gloo::timers::callback::Timeout::new(SAVE_DELAY_MS, move || {
            if generation.get_value() == gen {
                flush();
            }
        })
        .forget();
    });
    let on_hide = window_event_listener(leptos::ev::pagehide, move |_| {
        if !current.get_untracked() {
            flush();
        }
    });
    let on_pop = window_event_listener(leptos::ev::popstate, move |_| {
        let Some(h) = hash() else { return };
        // A half-edited plan in history is work in progress: open it, problems and all.
        match decode_plan_unvalidated(&h) {
            Ok(p) => {
                from_history.set_value(true);
                set_plan.set(p);
            }
            Err(e) => notice.set(Some(format!("{e} The plan on screen was kept."))),
        }
    });
    // Another tab saved: if it is this tab's plan, keep both and say so.
    let on_storage = window_event_listener(leptos::ev::storage, move |ev| {
        if let Some(key) = ev.key() {
            plan.with_untracked(|p| lib.on_storage(&key, ev.new_value(), p));
        }
    });
    // The app lives as long as the page; keep the listeners.
    std::mem::forget((on_hide, on_pop, on_storage));
    Saved {
        link: link.into(),
        current: current.into(),
    }
}

/// Writes the plan to the autosave and the URL (one history entry per burst of edits).
fn save(p: &Plan, lib: Library, from_history: StoredValue<bool>, last_push: StoredValue<f64>) {
    lib.save(p);
    if from_history.get_value() {
        from_history.set_value(false);
        return;
    }
    let Some(w) = window() else { return };
    let url = format!("#{FRAGMENT_KEY}{}", encode_plan(p));
    if w.location().hash().ok().as_deref() == Some(url.as_str()) {
        return;
    }
    lib.wrote_url(&url);
    let now = w.performance().map(|t| t.now()).unwrap_or_default();
    if let Ok(h) = w.history() {
        if now - last_push.get_value() < HISTORY_GROUP_MS {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        } else {
            let _ = h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            last_push.set_value(now);
        }
    }
}
