//! Two plans side by side: what changed in the inputs (regions, populations, operations,
//! classes and their fields) and in the results (per class: posture, RPO, RTO, worst write
//! p99, cost). Pure; the wording is `present::plan_diff`. Classes and populations are matched
//! by name, regions by label.

mod fields;

use fields::{changes, class_fields, operations};
pub use fields::{FieldChange, Value};

use super::posture::Posture;
use super::report::{ClassReport, Placement, Report};
use crate::plan::Plan;

/// Whether an entry is in both plans or only one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    Both,
    /// Only in the other plan (it adds it).
    Added,
    /// Only in the current plan (the other removes it).
    Removed,
}

/// A user population matched by name.
#[derive(Clone, Debug, PartialEq)]
pub struct PopulationDiff {
    pub name: String,
    pub presence: Presence,
    pub changes: Vec<FieldChange>,
}

/// The figures a design review compares, for one class in one plan.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassOutcome {
    pub posture: Posture,
    pub feasible: bool,
    pub placement: Option<Placement>,
    pub rpo_s: Option<f64>,
    pub rto_s: Option<f64>,
    pub write_p99_ms: Option<f64>,
    pub monthly_cost_usd: Option<f64>,
}

impl ClassOutcome {
    fn of(c: &ClassReport) -> ClassOutcome {
        ClassOutcome {
            posture: c.chosen.posture,
            feasible: c.feasible,
            placement: c.chosen.placement.clone(),
            rpo_s: c.chosen.rpo_s,
            rto_s: c.chosen.rto_s,
            write_p99_ms: c.chosen.worst_p99(true),
            monthly_cost_usd: c.chosen.monthly_cost_usd,
        }
    }
}

/// One data class matched by name: its field changes and its results in each plan (`None`
/// where that plan has no report, i.e. it does not validate, or lacks the class).
#[derive(Clone, Debug, PartialEq)]
pub struct ClassDiff {
    pub name: String,
    pub presence: Presence,
    pub changes: Vec<FieldChange>,
    pub before: Option<ClassOutcome>,
    pub after: Option<ClassOutcome>,
}

/// Everything that differs between the current plan and another.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanDiff {
    pub name: Option<(String, String)>,
    pub regions_added: Vec<String>,
    pub regions_removed: Vec<String>,
    pub populations: Vec<PopulationDiff>,
    pub operations: Vec<FieldChange>,
    /// Every class of either plan: the current plan's order, then the other's new ones.
    pub classes: Vec<ClassDiff>,
}

impl PlanDiff {
    /// No input differs (the results then differ only if the engine changed).
    pub fn inputs_equal(&self) -> bool {
        self.name.is_none()
            && self.regions_added.is_empty()
            && self.regions_removed.is_empty()
            && self
                .populations
                .iter()
                .all(|p| p.presence == Presence::Both && p.changes.is_empty())
            && self.operations.is_empty()
            && self
                .classes
                .iter()
                .all(|c| c.presence == Presence::Both && c.changes.is_empty())
    }
}

/// Entries of `a` then those only in `b`, matched by `key`, with their presence.
fn matched<'a, T>(
    a: &'a [T],
    b: &'a [T],
    key: impl Fn(&T) -> &str,
) -> Vec<(Option<&'a T>, Option<&'a T>)> {
    let mut out: Vec<(Option<&T>, Option<&T>)> = a
        .iter()
        .map(|x| (Some(x), b.iter().find(|y| key(y) == key(x))))
        .collect();
    out.extend(
        b.iter()
            .filter(|y| !a.iter().any(|x| key(x) == key(y)))
            .map(|y| (None, Some(y))),
    );
    out
}

fn presence<T>(pair: &(Option<T>, Option<T>)) -> Presence {
    match pair {
        (Some(_), Some(_)) => Presence::Both,
        (None, _) => Presence::Added,
        (_, None) => Presence::Removed,
    }
}

/// What changes from `current` (with its report, if it validates) to `other`.
pub fn diff(
    current: &Plan,
    current_report: Option<&Report>,
    other: &Plan,
    other_report: Option<&Report>,
) -> PlanDiff {
    let labels = |p: &Plan| p.regions.iter().map(|r| r.label()).collect::<Vec<_>>();
    let (ra, rb) = (labels(current), labels(other));
    let populations = matched(&current.users, &other.users, |u| u.name.as_str())
        .into_iter()
        .map(|pair| PopulationDiff {
            name: pair
                .0
                .or(pair.1)
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            presence: presence(&pair),
            changes: match pair {
                (Some(a), Some(b)) => changes(vec![
                    ("share", Value::Share(a.share), Value::Share(b.share)),
                    (
                        "place",
                        Value::Text(a.place.label()),
                        Value::Text(b.place.label()),
                    ),
                    ("access", Value::Access(a.access), Value::Access(b.access)),
                ]),
                _ => Vec::new(),
            },
        })
        .filter(|p| p.presence != Presence::Both || !p.changes.is_empty())
        .collect();
    let outcome = |r: Option<&Report>, name: &str| {
        r.and_then(|r| r.classes.iter().find(|c| c.name == name))
            .map(|c| ClassOutcome::of(c))
    };
    let classes = matched(&current.data_classes, &other.data_classes, |c| {
        c.name.as_str()
    })
    .into_iter()
    .map(|pair| {
        let name = pair
            .0
            .or(pair.1)
            .map(|c| c.name.clone())
            .unwrap_or_default();
        ClassDiff {
            presence: presence(&pair),
            changes: match pair {
                (Some(a), Some(b)) => class_fields(a, b),
                _ => Vec::new(),
            },
            before: pair.0.and_then(|_| outcome(current_report, &name)),
            after: pair.1.and_then(|_| outcome(other_report, &name)),
            name,
        }
    })
    .collect();
    PlanDiff {
        name: (current.name != other.name).then(|| (current.name.clone(), other.name.clone())),
        regions_added: rb.iter().filter(|r| !ra.contains(r)).cloned().collect(),
        regions_removed: ra.iter().filter(|r| !rb.contains(r)).cloned().collect(),
        populations,
        operations: operations(current, other),
        classes,
    }
}
