//! What the page says about a region: where it is, as a place, and whether any class
//! uses it.

use leptos::prelude::*;
use std::sync::Arc;

use crate::data::Region;
use crate::engine::report::Report;
use crate::geo::great_circle_km;

use super::Editor;

/// Where a region is, as a place: "Montréal, CA", "Frankfurt, DE" (the catalog city at its
/// coordinates and the country those coordinates fall in).
pub fn place_name(r: &Region) -> String {
    crate::geo::place_label(r.location())
}

/// Regions no class uses, each with its closest population, so adding a region that
/// changes nothing says why.
#[component]
pub fn UnusedRegions(editor: Editor, report: Signal<Option<Arc<Report>>>) -> impl IntoView {
    let unused = Memo::new(move |_| {
        let Some(r) = report.get() else {
            return Vec::new();
        };
        editor.plan.with(|p| {
            p.regions
                .iter()
                .filter(|region| {
                    let label = region.label();
                    !r.classes.iter().any(|c| {
                        c.chosen
                            .placement
                            .as_ref()
                            .is_some_and(|pl| pl.copies().iter().any(|(_, at)| *at == label))
                    })
                })
                .map(|region| {
                    let closest = region.resolve().ok().and_then(|here| {
                        p.users
                            .iter()
                            .filter_map(|u| {
                                let there = u.place.resolve().ok()?;
                                Some((
                                    great_circle_km(here.location(), there.location()),
                                    u.name.clone(),
                                ))
                            })
                            .min_by(|a, b| a.0.total_cmp(&b.0))
                            .map(|(_, n)| n)
                    });
                    (region.label(), closest.unwrap_or_default())
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <ul class="unused" data-testid="unused-regions">
            {move || unused.get().into_iter().map(|(label, closest)| view! {
                <li><code>{label}</code>": not used by any class; closest population: " {closest}"."</li>
            }).collect_view()}
        </ul>
    }
}
