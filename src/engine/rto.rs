//! RTO: detection + routing + promotion + warm-up, per posture.
//!
//! * detection = health-check interval x failure threshold (30–90 s with Route 53's 10 or 30 s
//!   interval and its default threshold of 3, sources below);
//! * routing = DNS TTL + resolver overstay for DNS failover, [`ANYCAST_REROUTE_S`] for
//!   anycast / a global load balancer;
//! * promotion = [`MANAGED_PROMOTION_S`] when automated, the plan's manual minutes otherwise;
//!   none for multi-writer (every region already writes); consensus re-elects a leader in
//!   [`ELECTION_S`], which overlaps detection and routing, so only the part of the election
//!   that outlasts them is counted;
//! * warm-up, decided per role ([`warm_by_role`]): a role is warm when it already serves real
//!   traffic or runs at full size with every write applied, and cold when it runs scaled down
//!   or serves nothing. Cold roles pay: a pilot light scales up ([`PILOT_LIGHT_SCALE_UP_S`])
//!   and warms caches, a warm standby warms caches (the plan's cache warm-up), backup &
//!   restore provisions ([`PROVISION_S`]) and restores data size / [`RESTORE_GB_PER_HOUR`].
//!   Warm roles pay nothing: a sync standby (full size, hot), a read replica that serves
//!   reads, a partition's standby that is another partition's home or serves its share,
//!   another writer, a consensus follower.
//!
//! Where the defaults of the plan's `Operations` come from (read 2026-11-29; the same words
//! are in docs/engine.md and the UI's Operations panel, `present::operations::OpsField::source`):
//!
//! * health-check interval 10 s: Route 53 health checkers probe every 30 s (standard, the
//!   API default) or every 10 s (fast); Route 53 Developer Guide, "How Amazon Route 53
//!   determines whether a health check is healthy";
//! * failure threshold 3: Route 53 API Reference, HealthCheckConfig.FailureThreshold, "the
//!   default value is three" (1 to 10);
//! * DNS TTL 60 s: Route 53 recommends 60 s or less on records associated with a health
//!   check; Route 53 Developer Guide, "Values specific for failover records";
//! * resolver overstay 0 s: the floor; Bhowmick et al., "TTL Violation of DNS Resolvers in
//!   the Wild" (PAM 2023) found 8.74 % of 8,524 resolvers extend TTLs;
//! * manual promotion 30 min, cache warm-up 120 s, backup interval 60 min: assumptions (see
//!   docs/engine.md for why).

use super::posture::Posture;
use super::report::RtoBreakdown;
use crate::plan::{DataClass, Operations, Promotion, Routing};

/// Anycast / global load balancer re-route time (s), after detection. Assumption: 10 s, as
/// no provider publishes a re-route time after its health checks fail. For scale: AWS Global
/// Accelerator's own health checks run every 10 or 30 s (API HealthCheckIntervalSeconds 10 to
/// 30, read 2026-11-29).
pub const ANYCAST_REROUTE_S: f64 = 10.0;
/// Managed global database promotion (s). AWS Well-Architected Labs (DR workshop 4): an
/// Aurora Global Database secondary is promoted "in under a minute"; the Aurora User Guide
/// puts the RTO "in the order of minutes" (read 2026-11-29). We take the minute.
pub const MANAGED_PROMOTION_S: f64 = 60.0;
/// Consensus leader election (s). Assumption: 10 s. For scale: CockroachDB's expiration-based
/// range leases last 9 s and are extended every 4.5 s, so a dead leaseholder's ranges wait
/// up to ~9 s for a new one (CockroachDB docs, "Replication Layer", leases; cockroachdb
/// issue 81561, read 2026-11-29).
pub const ELECTION_S: f64 = 10.0;
/// Scaling a pilot light's compute from zero to full (s). Assumption: instance launch and
/// autoscaling take ~10 minutes; AWS's whitepaper "Disaster Recovery of Workloads on AWS"
/// puts a pilot light's RTO at "10s of minutes" and a warm standby's at "minutes".
pub const PILOT_LIGHT_SCALE_UP_S: f64 = 600.0;
/// Provisioning a full stack from infrastructure-as-code before a restore (s). Assumption.
pub const PROVISION_S: f64 = 1800.0;
/// Restore throughput from a cross-region backup (GB/hour). Assumption (~140 MB/s).
pub const RESTORE_GB_PER_HOUR: f64 = 500.0;

/// Whether the role that takes over under `posture` is warm (serving or full size and hot)
/// and so pays no warm-up; the rule [`rto`] applies, stated once for tests and docs.
pub fn warm_by_role(posture: Posture) -> bool {
    !matches!(
        posture,
        Posture::BackupRestore | Posture::PilotLight | Posture::WarmStandby
    )
}

/// Health-check detection time (s).
pub fn detection_s(ops: &Operations) -> f64 {
    ops.health_check_interval_s * ops.health_check_failure_threshold as f64
}

/// Time for clients to reach the surviving region once detection fires (s).
pub fn routing_s(ops: &Operations) -> f64 {
    match ops.routing {
        Routing::Dns => ops.dns_ttl_s + ops.resolver_overstay_s,
        Routing::Anycast => ANYCAST_REROUTE_S,
    }
}

/// Promotion of a standby (s).
pub fn promotion_s(ops: &Operations) -> f64 {
    match ops.promotion {
        Promotion::Automated => MANAGED_PROMOTION_S,
        Promotion::Manual => ops.manual_promotion_min * 60.0,
    }
}

/// The RTO breakdown for a region loss under `posture`; `None` if not survived.
pub fn rto(posture: Posture, class: &DataClass, ops: &Operations) -> Option<RtoBreakdown> {
    let detection_s = detection_s(ops);
    let routing_s = routing_s(ops);
    let (promotion_s, warmup_s) = match posture {
        Posture::SingleRegion => return None,
        Posture::BackupRestore => (
            promotion_s(ops),
            PROVISION_S + class.data_gb / RESTORE_GB_PER_HOUR * 3600.0,
        ),
        Posture::PilotLight => (
            promotion_s(ops),
            PILOT_LIGHT_SCALE_UP_S + ops.cache_warmup_s,
        ),
        // A warm standby runs scaled down and serves nothing: its caches are cold.
        Posture::WarmStandby => (promotion_s(ops), ops.cache_warmup_s),
        // Warm by role (see [`warm_by_role`]): the takeover region already runs at full size
        // and has applied every write (sync standby), or already serves real traffic (a
        // read replica, another partition's home), so nothing needs warming.
        Posture::SyncStandby | Posture::ReadLocalWriteGlobal | Posture::ActiveActivePartitioned => {
            (promotion_s(ops), 0.0)
        }
        Posture::ActiveActiveMultiWriter => (0.0, 0.0),
        Posture::GlobalConsensus => ((ELECTION_S - detection_s - routing_s).max(0.0), 0.0),
    };
    // Each part as shown, so the parts on screen add up to the total.
    let shown = crate::present::round_duration;
    Some(RtoBreakdown {
        detection_s: shown(detection_s),
        routing_s: shown(routing_s),
        promotion_s: shown(promotion_s),
        warmup_s: shown(warmup_s),
        promotion_by: None,
    })
}

impl RtoBreakdown {
    pub fn total_s(&self) -> f64 {
        self.detection_s + self.routing_s + self.promotion_s + self.warmup_s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Preset, Routing};

    #[test]
    fn dns_failover_floor_is_90_s_for_60_s_ttl_and_10_s_x_3_checks() {
        let ops = Operations {
            dns_ttl_s: 60.0,
            health_check_interval_s: 10.0,
            health_check_failure_threshold: 3,
            routing: Routing::Dns,
            ..Operations::default()
        };
        // 10 s x 3 = 30 s detection, + 60 s TTL = 90 s before any promotion.
        assert_eq!(detection_s(&ops) + routing_s(&ops), 90.0);
        // Multi-writer needs no promotion: its RTO is exactly the floor.
        let mw = rto(
            Posture::ActiveActiveMultiWriter,
            &DataClass::preset(Preset::Carts),
            &ops,
        )
        .unwrap();
        assert_eq!(mw.total_s(), 90.0);
        // Warm standby adds the 60 s managed promotion and the 120 s cache warm-up: 270 s.
        let ws = rto(
            Posture::WarmStandby,
            &DataClass::preset(Preset::Carts),
            &ops,
        )
        .unwrap();
        assert_eq!(ws.total_s(), 270.0);
    }

    #[test]
    fn backup_restore_pays_provisioning_and_restore_throughput() {
        let mut c = DataClass::preset(Preset::AdminTooling);
        c.data_gb = 1000.0;
        let r = rto(Posture::BackupRestore, &c, &Operations::default()).unwrap();
        // 1000 GB at 500 GB/h = 2 h = 7200 s, + 1800 s provisioning.
        assert_eq!(r.warmup_s, 9000.0);
    }
}
