//! A placement pinned by the plan (primary, standby, voters): the search keeps the pinned
//! roles and chooses only the rest, a pinned copy outside the class's residency is reported
//! as broken, and the report compares the result with where the engine would have placed the
//! class without the pin.

use serde::{Deserialize, Serialize};

use crate::engine::placement::{self, Choice, Objective};
use crate::engine::posture::Posture;
use crate::engine::report::{ClassReport, Evaluation, Placement, Requirement, Violation};
use crate::engine::Ctx;
use crate::plan::{DataClass, PlacementPin};
use crate::present::{self as show, posture_name as name};

/// What a pinned placement changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlacementNote {
    /// Whether the pin binds a role of the chosen posture (partitioned and multi-writer
    /// postures have no single primary, standby or voters).
    pub applies: bool,
    /// The posture and placement the engine would choose without the placement pin.
    pub engine_posture: Posture,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engine_placement: Option<Placement>,
    /// Requirements the pinned placement breaks that the engine's own placement meets.
    pub breaks: Vec<Requirement>,
    /// The two side by side, in words with numbers.
    pub comparison: String,
}

/// Whether `pin` binds one of `posture`'s roles.
pub fn applies(pin: &PlacementPin, posture: Posture) -> bool {
    match posture {
        Posture::SingleRegion | Posture::ReadLocalWriteGlobal => pin.primary.is_some(),
        Posture::BackupRestore
        | Posture::PilotLight
        | Posture::WarmStandby
        | Posture::SyncStandby => pin.primary.is_some() || pin.standby.is_some(),
        Posture::GlobalConsensus => pin.primary.is_some() || !pin.voters.is_empty(),
        Posture::ActiveActivePartitioned | Posture::ActiveActiveMultiWriter => false,
    }
}

/// The best placement of `posture` that keeps the pinned roles; `None` when the pin binds
/// none of its roles (or leaves no placement), so the ordinary search runs.
pub(crate) fn search(
    ctx: &Ctx,
    class: &DataClass,
    posture: Posture,
) -> Option<(Choice, Objective)> {
    let pin = &class.placement_pin;
    if !applies(pin, posture) {
        return None;
    }
    let at = |l: &String| ctx.labels.iter().position(|x| x == l);
    let primary = pin.primary.as_ref().and_then(at);
    let standby = pin.standby.as_ref().and_then(at);
    let voters: Vec<usize> = pin.voters.iter().filter_map(at).collect();
    let allowed = ctx.allowed(class);
    let primaries = primary.map_or_else(|| ctx.hinted(class, &allowed), |p| vec![p]);
    let mut candidates: Vec<Choice> = Vec::new();
    match posture {
        Posture::SingleRegion => candidates.extend(primary.map(|p| Choice {
            primary: Some(p),
            ..Choice::default()
        })),
        Posture::BackupRestore
        | Posture::PilotLight
        | Posture::WarmStandby
        | Posture::SyncStandby => {
            let takeovers = standby.map_or_else(|| ctx.dr_allowed(class), |s| vec![s]);
            for &p in &primaries {
                for &t in takeovers.iter().filter(|&&t| t != p) {
                    candidates.push(Choice::with_takeover(posture, p, t));
                }
            }
        }
        Posture::ReadLocalWriteGlobal => {
            if let Some(p) = primary.filter(|&p| allowed.iter().any(|&r| r != p)) {
                candidates.push(placement::rlwg_choice(ctx, class, p, &allowed));
            }
        }
        Posture::GlobalConsensus => {
            let (leaders, pool) = if voters.len() == 3 {
                (
                    primary.map_or_else(|| voters.clone(), |p| vec![p]),
                    voters.clone(),
                )
            } else {
                (primaries.clone(), allowed.clone())
            };
            placement::voter_triples(&leaders, &pool, |voters| {
                candidates.push(Choice {
                    voters,
                    ..Choice::default()
                })
            });
        }
        Posture::ActiveActivePartitioned | Posture::ActiveActiveMultiWriter => {}
    }
    candidates
        .into_iter()
        .map(|c| {
            let o = placement::objective(ctx, class, posture, &c);
            (c, o)
        })
        .min_by(|a, b| a.1.compare(&b.1))
}

/// `e` with a residency violation when a pinned role put a copy where the class may not
/// keep one (the search never does; a pin may).
pub(crate) fn check_residency(class: &DataClass, mut e: Evaluation) -> Evaluation {
    if !e.placeable
        || !applies(&class.placement_pin, e.posture)
        || e.violations
            .iter()
            .any(|v| v.requirement == Requirement::Residency)
    {
        return e;
    }
    let outside: Vec<String> = e
        .residency
        .iter()
        .filter(|c| !c.compliant)
        .map(|c| format!("{} in {} ({})", c.role, c.place, c.jurisdiction))
        .collect();
    if !outside.is_empty() {
        e.violations.insert(
            0,
            Violation {
                requirement: Requirement::Residency,
                target: None,
                achieved: None,
                by: None,
                message: format!(
                    "the pinned placement puts copies outside residency ({}): {}",
                    show::residency_rule(&class.residency),
                    outside.join(", ")
                ),
            },
        );
    }
    e
}

/// `report` (computed with the placement pin) with a note comparing it with `free()`, the
/// same class's report without the placement pin.
pub(crate) fn apply(
    class: &DataClass,
    mut report: ClassReport,
    free: impl FnOnce() -> ClassReport,
) -> ClassReport {
    let pin = &class.placement_pin;
    if pin.is_empty() {
        return report;
    }
    let free = free();
    let (pinned, engine) = (&report.chosen, &free.chosen);
    let binds = applies(pin, pinned.posture);
    let breaks: Vec<Requirement> = pinned
        .violations
        .iter()
        .map(|v| v.requirement)
        .filter(|r| !engine.violations.iter().any(|v| v.requirement == *r))
        .collect();
    let head = if binds {
        format!(
            "Placement pinned by the plan ({}): {} at {}",
            show::placement_pin(pin),
            name(pinned.posture),
            show::placement(pinned.placement.as_ref())
        )
    } else {
        format!(
            "Placement pinned by the plan ({}), which binds no role of the chosen {} (at {})",
            show::placement_pin(pin),
            name(pinned.posture),
            show::placement(pinned.placement.as_ref())
        )
    };
    let comparison = if pinned.posture == engine.posture && pinned.placement == engine.placement {
        format!("{head}; without the pin the engine would choose the same")
    } else {
        format!(
            "{head}; without the pin the engine would choose {} at {}: {}, worst read p99 {}",
            name(engine.posture),
            show::placement(engine.placement.as_ref()),
            super::figures_vs(pinned, engine),
            super::pair(worst(pinned, false), worst(engine, false)),
        )
    };
    let mut reasons = vec![comparison.clone()];
    reasons.extend(
        pinned
            .violations
            .iter()
            .filter(|v| breaks.contains(&v.requirement))
            .map(|v| {
                format!(
                    "the placement pin breaks {}: {}",
                    show::requirement_name(v.requirement),
                    v.message
                )
            }),
    );
    reasons.append(&mut report.reasons);
    report.reasons = reasons;
    report.placement_pin = Some(PlacementNote {
        applies: binds,
        engine_posture: engine.posture,
        engine_placement: engine.placement.clone(),
        breaks,
        comparison,
    });
    report
}

fn worst(e: &Evaluation, write: bool) -> String {
    e.worst_p99(write).map_or("–".to_string(), show::ms)
}
