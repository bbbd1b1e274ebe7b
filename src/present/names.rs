//! Names and wording: postures, requirements, residency rules, jurisdictions.

use crate::engine::report::{CopyResidency, LinkKind, Placement, Requirement, Role};
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
        Residency::None => "no residency constraint".to_string(),
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

/// A placement in one line: `primary aws:us-east-1; sync standby aws:us-east-2`.
pub fn placement(p: Option<&Placement>) -> String {
    let Some(p) = p else {
        return "not placeable".to_string();
    };
    match p {
        Placement::Single { primary, backup } => match backup {
            Some(b) => format!("primary {primary}; backup {b}"),
            None => format!("primary {primary}"),
        },
        Placement::Standby {
            primary,
            standby,
            replication,
        } => {
            let kind = match replication {
                crate::engine::report::Replication::Sync => "sync standby",
                crate::engine::report::Replication::Async => "standby",
            };
            format!("primary {primary}; {kind} {standby}")
        }
        Placement::Replicated { primary, replicas } => {
            format!("primary {primary}; replicas {}", replicas.join(", "))
        }
        Placement::Partitioned { homes } => homes
            .iter()
            .map(|h| match &h.standby {
                Some(s) => format!("{} home {} (standby {s})", h.population, h.region),
                None => format!("{} home {} (no standby)", h.population, h.region),
            })
            .collect::<Vec<_>>()
            .join("; "),
        Placement::MultiWriter { writers } => format!("writers {}", writers.join(", ")),
        Placement::Consensus { leader, followers } => {
            format!("leader {leader}; voters {}", followers.join(", "))
        }
    }
}

/// A copy's role as a map label: `primary`, `home: Europe`.
pub fn role(r: &Role) -> String {
    match r {
        Role::Primary => "primary".into(),
        Role::Standby => "standby".into(),
        Role::Replica => "replica".into(),
        Role::Writer => "writer".into(),
        Role::Leader => "leader".into(),
        Role::Follower => "voter".into(),
        Role::Backup => "backup".into(),
        Role::Home(p) => format!("home: {p}"),
        Role::PartitionStandby(p) => format!("standby: {p}"),
    }
}

/// How a link replicates, one word: `sync`, `async`, `backup`.
pub fn link_kind(k: LinkKind) -> &'static str {
    match k {
        LinkKind::Sync => "sync",
        LinkKind::Async => "async",
        LinkKind::Backup => "backup",
    }
}

/// A jurisdiction with where it comes from: `AU (from coordinates)`, `EU (set by you)`,
/// `US (from the region)`; an empty code reads "unknown".
pub fn jurisdiction_source(code: &str, set_by_user: bool, custom: bool) -> String {
    let code = if code.is_empty() { "unknown" } else { code };
    match (set_by_user, custom) {
        (true, _) => format!("{code} (set by you)"),
        (false, true) => format!("{code} (from coordinates)"),
        (false, false) => format!("{code} (from the region)"),
    }
}

/// A plan place's jurisdiction with its source, or why it has none.
pub fn place_jurisdiction(p: &crate::plan::PlaceRef) -> String {
    match p.resolve() {
        Ok(place) => {
            let (user, custom) = match p {
                crate::plan::PlaceRef::Custom(c) => (c.jurisdiction_override.is_some(), true),
                crate::plan::PlaceRef::Key(k) => (false, !k.contains(':')),
            };
            jurisdiction_source(place.jurisdiction(), user, custom)
        }
        Err(_) => "unknown (not a place)".to_string(),
    }
}

/// The residency verdict of a placement: `residency (per owner, primary copies only): 4 of
/// 4 copies compliant; disaster-recovery copies outside the jurisdiction under contract:
/// standby for Europe in aws:us-east-1 (US)`.
pub fn residency_verdict(
    rule: &Residency,
    scope: crate::plan::ResidencyScope,
    copies: &[CopyResidency],
) -> String {
    let ok = copies.iter().filter(|c| c.compliant).count();
    let scope_text = match scope {
        crate::plan::ResidencyScope::EveryCopy => "",
        crate::plan::ResidencyScope::PrimaryOnly => ", primary copies only",
    };
    let mut s = format!(
        "residency ({}{scope_text}): {ok} of {} copies compliant",
        residency_rule(rule),
        copies.len()
    );
    let dr: Vec<String> = copies
        .iter()
        .filter(|c| c.outside_for_dr)
        .map(|c| format!("{} in {} ({})", c.role, c.place, c.jurisdiction))
        .collect();
    if !dr.is_empty() {
        s.push_str(&format!(
            "; disaster-recovery copies outside the jurisdiction, allowed under contract: {}",
            dr.join(", ")
        ));
    }
    s
}

/// The access network in words with its round trip: `fixed broadband (10 ms p50, 30 ms p99)`.
pub fn access(a: crate::plan::AccessNetwork) -> String {
    let q = crate::engine::access::round_trip(a);
    let name = match a {
        crate::plan::AccessNetwork::DataCentre => return "data centre (no last mile)".into(),
        crate::plan::AccessNetwork::FixedBroadband => "fixed broadband",
        crate::plan::AccessNetwork::Mobile => "mobile",
    };
    format!(
        "{name} ({} p50, {} p99)",
        super::figures::ms(q.p50),
        super::figures::ms(q.p99)
    )
}

/// A pinned placement's parts: `primary aws:eu-west-1, standby aws:us-east-1`.
pub fn placement_pin(pin: &crate::plan::PlacementPin) -> String {
    let mut parts = Vec::new();
    if let Some(p) = &pin.primary {
        parts.push(format!("primary {p}"));
    }
    if let Some(s) = &pin.standby {
        parts.push(format!("standby {s}"));
    }
    if !pin.voters.is_empty() {
        parts.push(format!("voters {}", pin.voters.join(", ")));
    }
    parts.join(", ")
}
