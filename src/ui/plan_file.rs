//! Opening a plan file chosen in an `<input type="file">`, for every panel that opens one.

use wasm_bindgen::JsCast;

use crate::plan::Plan;

/// Reads the plan file chosen in `ev`'s input and hands `done` its name and the plan, or why
/// it could not be opened, ending with `kept` (what stayed as it was). The input is cleared,
/// so choosing the same file again opens it again.
pub fn open_chosen_plan(
    ev: &leptos::ev::Event,
    kept: &'static str,
    done: impl FnOnce(String, Result<Plan, String>) + 'static,
) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    let file = gloo::file::File::from(file);
    leptos::task::spawn_local(async move {
        let plan = match gloo::file::futures::read_as_text(&file).await {
            Ok(text) => crate::export::plan_from_file(&text).map_err(|e| format!("{e} {kept}")),
            Err(e) => Err(format!("The file could not be read ({e}). {kept}")),
        };
        done(file.name(), plan);
    });
    input.set_value("");
}
