//! Names and wording: postures, requirements, residency rules, jurisdictions.

use crate::engine::report::Requirement;
use crate::engine::Posture;
use crate::plan::Residency;

/// The posture as people name it: `Warm standby`.
pub fn posture_name(p: Posture) -> &'static str {
    match p {
        Posture::SingleRegion => "Single region, multi-AZ",
        Posture::BackupRestore => "Backup & restore",
        Posture::PilotLight => "Pilot light",
        Posture::WarmStandby => "Warm standby",
        Posture::SyncStandby => "Synchronous standby",
        Posture::ReadLocalWriteGlobal => "Read local, write global",
        Posture::ActiveActivePartitioned => "Active-active, partitioned by home region",
        Posture::ActiveActiveMultiWriter => "Active-active, multi-writer",
        Posture::GlobalConsensus => "Global consensus",
    }
}

/// The requirement as a column heading: `RPO`, `write p99`.
pub fn requirement_name(r: Requirement) -> &'static str {
    match r {
        Requirement::Residency => "residency",
        Requirement::Applicability => "applicability",
        Requirement::Conflicts => "conflicts",
        Requirement::Consistency => "consistency",
        Requirement::Rpo => "RPO",
        Requirement::Rto => "RTO",
        Requirement::WriteLatency => "write p99",
        Requirement::ReadLatency => "read p99",
    }
}

/// A residency rule in a sentence: `pinned to EU`, `per owner`, `none`.
pub fn residency_rule(r: &Residency) -> String {
    match r {
        Residency::None => "none".to_string(),
        Residency::Pinned { jurisdictions } => format!("pinned to {}", jurisdictions.join(", ")),
        Residency::PerOwner => "per owner".to_string(),
    }
}

/// A residency rule as a requirement: `every copy must stay in EU`.
pub fn residency_requirement(r: &Residency) -> String {
    match r {
        Residency::None => "no residency rule".to_string(),
        Residency::Pinned { jurisdictions } => {
            format!("every copy must stay in {}", jurisdictions.join(", "))
        }
        Residency::PerOwner => "each record stays in its owner population's jurisdiction".into(),
    }
}

/// A jurisdiction code for people; empty reads "jurisdiction unknown".
pub fn jurisdiction(j: &str) -> &str {
    if j.is_empty() {
        "jurisdiction unknown"
    } else {
        j
    }
}
