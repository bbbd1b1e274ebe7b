//! The browser UI. Thin by design: components read derived state (`Memo`s over the plan)
//! and send events; every number comes from the pure modules.

mod about;

use leptos::prelude::*;

pub use about::AboutNumbers;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="masthead">
            <h1>"Meridian"</h1>
            <p class="tagline">"Multi-region architecture planner: latency, cost and consistency per data class, computed in your browser."</p>
        </header>
        <main id="main">
            <AboutNumbers />
        </main>
    }
}
