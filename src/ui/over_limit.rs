//! A list longer than the plan allows (a link or file made elsewhere): the form draws only the
//! first rows up to the limit, so a thousand classes cannot freeze the page, and offers to
//! keep only those. Nothing is dropped without the user's word.

use leptos::prelude::*;

use crate::present::problems::{keep_first_rows, rows_over_limit};

#[component]
pub fn OverLimit(
    count: Memo<usize>,
    max: usize,
    what: &'static str,
    testid: &'static str,
    keep: Callback<()>,
) -> impl IntoView {
    move || {
        (count.get() > max).then(|| {
            view! {
                <p class="notice" role="status" data-testid=testid>
                    {rows_over_limit(what, count.get(), max)}
                    " "
                    <button data-testid=format!("{testid}-keep") on:click=move |_| keep.run(())>
                        {keep_first_rows(what, max)}
                    </button>
                </p>
            }
        })
    }
}
