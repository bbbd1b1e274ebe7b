//! A pinned placement names regions of the plan, each role once, three voters led by the
//! pinned primary.

use std::fmt;

use serde::Serialize;

use super::PlanError;
use crate::plan::{PlacementPin, Plan};

/// Why a pinned placement cannot be honoured.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "problem", rename_all = "kebab-case")]
pub enum PinProblem {
    /// The region is not among the plan's regions (removed since it was pinned?).
    NotAPlanRegion { label: String },
    /// The standby is the pinned primary: a region loss would take both.
    StandbyIsPrimary { label: String },
    /// Consensus here has three voters (docs/engine.md, "Postures and their roles").
    VoterCount { count: usize },
    /// A region listed twice among the voters.
    RepeatedVoter { label: String },
    /// The pinned primary leads the consensus group, so it must be a voter.
    PrimaryNotAVoter { label: String },
}

impl fmt::Display for PinProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PinProblem::NotAPlanRegion { label } => write!(
                f,
                "{label:?} is not one of the plan's regions; allowed: a label listed in regions"
            ),
            PinProblem::StandbyIsPrimary { label } => write!(
                f,
                "{label:?} is the pinned primary too; allowed: another of the plan's regions"
            ),
            PinProblem::VoterCount { count } => {
                write!(f, "{count} voters; allowed: exactly 3, or none")
            }
            PinProblem::RepeatedVoter { label } => {
                write!(f, "{label:?} is listed more than once; allowed: 3 different regions")
            }
            PinProblem::PrimaryNotAVoter { label } => write!(
                f,
                "the pinned primary {label:?} leads the consensus group, so it must be one of the voters"
            ),
        }
    }
}

/// Every problem of class `i`'s pinned placement.
pub(super) fn check(plan: &Plan, i: usize, pin: &PlacementPin) -> Vec<PlanError> {
    let mut out = Vec::new();
    let labels: Vec<String> = plan.regions.iter().map(|r| r.label()).collect();
    let mut bad = |part: &str, problem: PinProblem| {
        out.push(PlanError::BadPlacementPin {
            field: format!("data_classes[{i}].placement_pin.{part}"),
            problem,
        })
    };
    let known = |l: &str| labels.iter().any(|x| x == l);
    for (part, region) in [("primary", &pin.primary), ("standby", &pin.standby)] {
        if let Some(l) = region.as_deref().filter(|l| !known(l)) {
            bad(part, PinProblem::NotAPlanRegion { label: l.into() });
        }
    }
    if let (Some(p), Some(s)) = (&pin.primary, &pin.standby) {
        if p == s {
            bad("standby", PinProblem::StandbyIsPrimary { label: s.clone() });
        }
    }
    if pin.voters.is_empty() {
        return out;
    }
    if pin.voters.len() != 3 {
        bad(
            "voters",
            PinProblem::VoterCount {
                count: pin.voters.len(),
            },
        );
    }
    for (j, v) in pin
        .voters
        .iter()
        .enumerate()
        .take(super::limits::MAX_REGIONS)
    {
        if !known(v) {
            bad("voters", PinProblem::NotAPlanRegion { label: v.clone() });
        } else if pin.voters[..j].contains(v) {
            bad("voters", PinProblem::RepeatedVoter { label: v.clone() });
        }
    }
    if let Some(p) = pin.primary.as_ref().filter(|p| !pin.voters.contains(p)) {
        bad("voters", PinProblem::PrimaryNotAVoter { label: p.clone() });
    }
    out
}
