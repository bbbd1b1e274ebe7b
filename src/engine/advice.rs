//! Advice a person can act on when nothing fits: for each posture, the smallest set of plan
//! changes (raise or clear a target, add a region, let disaster-recovery copies leave the
//! jurisdiction) after which that posture meets every requirement. Every suggestion is
//! checked by evaluating the changed plan, so none is offered that does not work.

use serde::{Deserialize, Serialize};

use super::posture::Posture;
use super::report::{Evaluation, Requirement};
use crate::data::{regions, Region};
use crate::plan::{DataClass, PlaceRef, Plan, Residency, ResidencyScope};
use crate::present as show;

/// A target of a data class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Target {
    Rpo,
    Rto,
    WriteBudget,
    ReadBudget,
}

/// One change to the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum Change {
    /// Set a target of the class (`None` clears it: survive AZ loss only).
    SetTarget { target: Target, to: Option<f64> },
    /// Add a catalog region to the plan's candidates.
    AddRegion { region: String },
    /// Residency binds the primary copies only (disaster-recovery copies may leave).
    ScopePrimaryOnly,
}

/// A suggestion: the changes, and the posture that fits once they are made.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Advice {
    pub posture: Posture,
    pub changes: Vec<Change>,
    /// The suggestion in the UI's words and units.
    pub text: String,
}

/// Suggestions are kept to the few with the fewest changes, at most one per kind of change
/// set (targets, residency scope, regions) and posture.
const MAX_ADVICE: usize = 4;

/// Applies `changes` to a copy of `plan`, for class `ci`.
pub fn apply(plan: &Plan, ci: usize, changes: &[Change]) -> Plan {
    let mut p = plan.clone();
    for ch in changes {
        match ch {
            Change::SetTarget { target, to } => {
                let c = &mut p.data_classes[ci];
                match target {
                    Target::Rpo => c.rpo_s = *to,
                    Target::Rto => c.rto_s = *to,
                    Target::WriteBudget => c.write_p99_budget_ms = *to,
                    Target::ReadBudget => c.read_p99_budget_ms = *to,
                }
            }
            Change::AddRegion { region } => {
                if !p.regions.iter().any(|r| r.label() == *region) {
                    p.regions.push(PlaceRef::key(region));
                }
            }
            Change::ScopePrimaryOnly => {
                p.data_classes[ci].residency_scope = ResidencyScope::PrimaryOnly
            }
        }
    }
    p
}

/// Target changes that would make `e` meet its numeric targets, or `None` if it also breaks
/// a requirement no target change mends.
fn target_changes(e: &Evaluation) -> Option<Vec<Change>> {
    let mut out = Vec::new();
    for v in &e.violations {
        let target = match v.requirement {
            Requirement::Rpo => Target::Rpo,
            Requirement::Rto => Target::Rto,
            Requirement::WriteLatency => Target::WriteBudget,
            Requirement::ReadLatency => Target::ReadBudget,
            _ => return None,
        };
        let to = match (target, v.achieved) {
            (_, None) => None,
            (Target::Rpo | Target::Rto, Some(a)) => Some(show::round_duration(a)),
            (_, Some(a)) => Some(show::round_ms(a)),
        };
        out.push(Change::SetTarget { target, to });
    }
    // Clearing one region-loss target alone leaves the other asking for a region loss.
    if out
        .iter()
        .any(|c| matches!(c, Change::SetTarget { to: None, .. }))
    {
        for t in [Target::Rpo, Target::Rto] {
            if !out
                .iter()
                .any(|c| matches!(c, Change::SetTarget { target, .. } if *target == t))
            {
                out.push(Change::SetTarget {
                    target: t,
                    to: None,
                });
            }
        }
    }
    Some(out)
}

/// Catalog regions to add so that every jurisdiction the class's copies must stay in has a
/// second region: for each region of the plan in such a jurisdiction, the nearest catalog
/// region of the same provider and jurisdiction not yet in the plan.
fn region_additions(plan: &Plan, class: &DataClass) -> Vec<Change> {
    if class.residency == Residency::None {
        return Vec::new();
    }
    let in_plan: Vec<&'static Region> = plan
        .regions
        .iter()
        .filter_map(|r| match r.resolve() {
            Ok(crate::place::Place::Region(reg)) => Some(reg),
            _ => None,
        })
        .collect();
    let mut out: Vec<Change> = Vec::new();
    for r in &in_plan {
        let same_j = in_plan
            .iter()
            .filter(|o| o.jurisdiction == r.jurisdiction)
            .count();
        if same_j >= 2 {
            continue;
        }
        let near = regions()
            .iter()
            .filter(|c| c.provider == r.provider && c.jurisdiction == r.jurisdiction)
            .filter(|c| !in_plan.iter().any(|p| p.key() == c.key()))
            .min_by(|a, b| {
                let d = |x: &Region| crate::geo::great_circle_km(x.location(), r.location());
                d(a).total_cmp(&d(b))
            });
        if let Some(n) = near {
            let add = Change::AddRegion { region: n.key() };
            if !out.contains(&add) {
                out.push(add);
            }
        }
    }
    out
}

/// The candidate change sets for `e`, simplest first.
fn candidates(plan: &Plan, class: &DataClass, e: &Evaluation) -> Vec<Vec<Change>> {
    let mut out = Vec::new();
    if let Some(t) = target_changes(e) {
        out.push(t);
    }
    if e.violations
        .iter()
        .any(|v| v.requirement == Requirement::Residency)
        || !e.placeable
        || e.rto_s.is_none()
    {
        if class.residency != Residency::None && class.residency_scope == ResidencyScope::EveryCopy
        {
            out.push(vec![Change::ScopePrimaryOnly]);
        }
        let adds = region_additions(plan, class);
        if !adds.is_empty() {
            out.push(adds);
        }
    }
    out.retain(|c| !c.is_empty());
    out
}

/// The change in words: `raise the RTO target of payments from 2 min to 4 min 30 s`.
fn change_text(class: &DataClass, ch: &Change) -> String {
    let c = &class.name;
    match ch {
        Change::SetTarget { target, to } => {
            let (name, now, dur) = match target {
                Target::Rpo => ("RPO target", class.rpo_s, true),
                Target::Rto => ("RTO target", class.rto_s, true),
                Target::WriteBudget => ("write p99 budget", class.write_p99_budget_ms, false),
                Target::ReadBudget => ("read p99 budget", class.read_p99_budget_ms, false),
            };
            let fmt = |v: f64| if dur { show::duration(v) } else { show::ms(v) };
            match (now, to) {
                (Some(n), Some(t)) => format!("raise the {name} of {c} from {} to {}", fmt(n), fmt(*t)),
                (_, None) => format!("clear the {name} of {c} (accept losing the region)"),
                (None, Some(t)) => format!("set the {name} of {c} to {}", fmt(*t)),
            }
        }
        Change::AddRegion { region } => format!("add {region} to the candidate regions"),
        Change::ScopePrimaryOnly => format!(
            "let disaster-recovery copies of {c} leave the jurisdiction (residency scope: primary copies only)"
        ),
    }
}

/// Suggestions for class `ci` of `plan`, each verified with `evaluate_posture`, which must
/// evaluate one posture of one class of a plan without advice (so advice never recurses).
pub(crate) fn advise(
    plan: &Plan,
    ci: usize,
    evals: &[Evaluation],
    evaluate_posture: &dyn Fn(&Plan, usize, Posture) -> Option<Evaluation>,
) -> Vec<Advice> {
    let class = &plan.data_classes[ci];
    let mut found: Vec<Advice> = Vec::new();
    for e in evals {
        for changes in candidates(plan, class, e) {
            let changed = apply(plan, ci, &changes);
            let fits = evaluate_posture(&changed, ci, e.posture)
                .is_some_and(|x| x.posture == e.posture && x.placeable && x.feasible());
            if fits {
                let adds: Vec<&str> = changes
                    .iter()
                    .filter_map(|ch| match ch {
                        Change::AddRegion { region } => Some(region.as_str()),
                        _ => None,
                    })
                    .collect();
                let words: Vec<String> = if adds.len() == changes.len() {
                    vec![format!(
                        "add {} to the candidate regions (a second region in each jurisdiction, for the standbys)",
                        adds.join(" and ")
                    )]
                } else {
                    changes.iter().map(|ch| change_text(class, ch)).collect()
                };
                found.push(Advice {
                    posture: e.posture,
                    text: format!(
                        "{}: then {} fits.",
                        capitalise(&words.join(" and ")),
                        show::posture_name(e.posture)
                    ),
                    changes,
                });
            }
        }
    }
    crate::sort::sort_by_key(&mut found, |a| (a.changes.len(), a.posture.tier()));
    // One suggestion per kind of change set, so a target relaxation does not crowd out
    // adding a region or scoping residency.
    let kind = |a: &Advice| match a.changes.first() {
        Some(Change::SetTarget { .. }) => 0,
        Some(Change::ScopePrimaryOnly) => 1,
        _ => 2,
    };
    let mut kept: Vec<Advice> = Vec::new();
    for a in found {
        if kept.len() < MAX_ADVICE
            && !kept
                .iter()
                .any(|k| kind(k) == kind(&a) && k.posture == a.posture)
        {
            kept.push(a);
        }
    }
    kept
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}
