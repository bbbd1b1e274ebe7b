//! The plan's life outside the tab: the URL fragment (shareable, never sent to a server),
//! autosave in localStorage, and browser back/forward through edits. These are the only
//! effects in the app, and they only write to the outside world.

use leptos::prelude::*;
use web_sys::window;

use crate::plan::Plan;
use crate::share::{decode_plan, encode_plan, restore, Restored, FRAGMENT_KEY};

const AUTOSAVE_KEY: &str = "meridian.autosave";
/// Edits closer together than this share one history entry (typing "250" is one step).
const HISTORY_GROUP_MS: f64 = 1000.0;

fn storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

fn hash() -> Option<String> {
    window()?.location().hash().ok().filter(|h| !h.is_empty())
}

/// The plan to open: the link, else the autosave, else the example, with a notice when a
/// link or autosave could not be used.
pub fn load() -> Restored {
    let saved = storage().and_then(|s| s.get_item(AUTOSAVE_KEY).ok().flatten());
    restore(hash().as_deref(), saved.as_deref())
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

/// Keeps the URL and the autosave in step with the plan, and steps through edits on
/// back/forward. `set_plan` is used only for history navigation.
pub fn sync(plan: ReadSignal<Plan>, set_plan: WriteSignal<Plan>, notice: RwSignal<Option<String>>) {
    let last_push = StoredValue::new(f64::MIN);
    // The plan a popstate restored: writing it back to history would erase forward steps.
    let from_history = StoredValue::new(false);
    Effect::new(move |_| {
        let p = plan.get();
        if let Some(s) = storage() {
            let _ = s.set_item(AUTOSAVE_KEY, &p.to_json_pretty());
        }
        if from_history.get_value() {
            from_history.set_value(false);
            return;
        }
        let Some(w) = window() else { return };
        let url = format!("#{FRAGMENT_KEY}{}", encode_plan(&p));
        if w.location().hash().ok().as_deref() == Some(url.as_str()) {
            return;
        }
        let now = w.performance().map(|t| t.now()).unwrap_or_default();
        if let Ok(h) = w.history() {
            if now - last_push.get_value() < HISTORY_GROUP_MS {
                let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            } else {
                let _ = h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
                last_push.set_value(now);
            }
        }
    });
    let handle = window_event_listener(leptos::ev::popstate, move |_| {
        let Some(h) = hash() else { return };
        match decode_plan(&h) {
            Ok(p) => {
                from_history.set_value(true);
                set_plan.set(p);
            }
            Err(e) => notice.set(Some(format!("{e} The plan on screen was kept."))),
        }
    });
    // The app lives as long as the page; keep the listener.
    std::mem::forget(handle);
}
