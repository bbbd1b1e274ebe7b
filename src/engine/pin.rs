//! A posture pinned by the plan: every figure and export follows the pin, and the report says
//! plainly what the pin breaks and what the engine would have chosen, with the difference in
//! numbers (design reviews compare option A with option B).

use serde::{Deserialize, Serialize};

mod placement;

pub use placement::{applies, PlacementNote};
pub(crate) use placement::{apply as apply_placement, check_residency, search};

use super::posture::Posture;
use super::report::{ClassReport, Evaluation, Rejection, Requirement};
use crate::plan::DataClass;
use crate::present::{self as show, posture_name as name};

/// What a pin changed: the engine's own choice and the requirements the pin breaks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PinNote {
    /// The posture the engine would have chosen (or its closest, when nothing fits).
    pub engine_choice: Posture,
    /// Requirements the pinned posture breaks (empty: it meets them all).
    pub breaks: Vec<Requirement>,
    /// The pin and the engine's choice side by side, in words with numbers.
    pub comparison: String,
}

/// `report` with `class.pin` applied: the pinned posture becomes the chosen one.
pub(crate) fn apply(class: &DataClass, mut report: ClassReport) -> ClassReport {
    let Some(pin) = class.pin else {
        return report;
    };
    let engine = report.chosen.clone();
    if engine.posture == pin {
        return report;
    }
    let Some(pinned) = report
        .evaluations
        .iter()
        .find(|e| e.posture == pin)
        .cloned()
    else {
        return report;
    };
    let breaks: Vec<Requirement> = pinned.violations.iter().map(|v| v.requirement).collect();
    let comparison = compare(&pinned, &engine, report.feasible);
    let mut reasons = vec![comparison.clone()];
    reasons.extend(pinned.violations.iter().map(|v| {
        format!(
            "the pin breaks {}: {}",
            show::requirement_name(v.requirement),
            v.message
        )
    }));
    reasons.extend(super::recommend::figures(class, &pinned));
    report.rejected = report
        .evaluations
        .iter()
        .filter(|e| e.posture != pin)
        .map(|e| Rejection {
            posture: e.posture,
            violations: e.violations.clone(),
            message: if e.posture == engine.posture && report.feasible {
                "the engine's choice: meets every requirement; not chosen because the plan pins another posture".to_string()
            } else if e.violations.is_empty() {
                "meets every requirement; not chosen because the plan pins another posture".to_string()
            } else {
                e.violations
                    .iter()
                    .map(|v| v.message.clone())
                    .collect::<Vec<_>>()
                    .join("; ")
            },
        })
        .collect();
    report.feasible = pinned.placeable && pinned.feasible();
    report.pin = Some(PinNote {
        engine_choice: engine.posture,
        breaks,
        comparison,
    });
    report.chosen = pinned;
    report.reasons = reasons;
    report
}

/// `Pinned to Warm standby; the engine would choose Synchronous standby: RPO 1.1 s vs 0 s,
/// RTO 4 min 30 s vs 2 min 30 s, worst write p99 140 ms vs 210 ms, $1,200/month vs $2,540/month`.
fn compare(pinned: &Evaluation, engine: &Evaluation, engine_fits: bool) -> String {
    format!(
        "Pinned to {} by the plan; the engine would choose {}{}: {}",
        name(pinned.posture),
        name(engine.posture),
        if engine_fits {
            ""
        } else {
            " (the closest; nothing fits)"
        },
        figures_vs(pinned, engine)
    )
}

fn pair(a: String, b: String) -> String {
    format!("{a} vs {b}")
}

/// `RPO 1.1 s vs 0 s, RTO ... vs ..., worst write p99 ... vs ..., cost ... vs ...`.
fn figures_vs(pinned: &Evaluation, engine: &Evaluation) -> String {
    let worst = |e: &Evaluation| e.worst_p99(true).map_or("–".to_string(), show::ms);
    format!(
        "RPO {}, RTO {}, worst write p99 {}, cost {}",
        pair(show::recovery(pinned.rpo_s), show::recovery(engine.rpo_s)),
        pair(show::recovery(pinned.rto_s), show::recovery(engine.rto_s)),
        pair(worst(pinned), worst(engine)),
        pair(show::posture_cost(pinned), show::posture_cost(engine)),
    )
}
