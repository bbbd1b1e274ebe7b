//! The operations behind every RTO, in words: each setting's label, unit and the public
//! source of its default, and each part of an RTO with the setting that produced it (and
//! the field that changes it). The UI's Operations panel, the class cards and the
//! region-loss playbooks all use these, so a part reads the same everywhere.

use super::figures::{duration, plain};
use crate::engine::report::RtoBreakdown;
use crate::engine::{rto, Posture};
use crate::plan::{Operations, Promotion, Routing};

/// A field of the plan's `operations`, as the reader changes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OpsField {
    HealthCheckInterval,
    FailureThreshold,
    Routing,
    DnsTtl,
    ResolverOverstay,
    Promotion,
    ManualPromotion,
    CacheWarmup,
    BackupInterval,
}

impl OpsField {
    /// In the panel's order: detection, routing, promotion, warm-up, backups.
    pub const ALL: [OpsField; 9] = [
        OpsField::HealthCheckInterval,
        OpsField::FailureThreshold,
        OpsField::Routing,
        OpsField::DnsTtl,
        OpsField::ResolverOverstay,
        OpsField::Promotion,
        OpsField::ManualPromotion,
        OpsField::CacheWarmup,
        OpsField::BackupInterval,
    ];

    /// The plan's field name (`dns_ttl_s`), also the field's anchor and test id.
    pub fn key(self) -> &'static str {
        match self {
            OpsField::HealthCheckInterval => "health_check_interval_s",
            OpsField::FailureThreshold => "health_check_failure_threshold",
            OpsField::Routing => "routing",
            OpsField::DnsTtl => "dns_ttl_s",
            OpsField::ResolverOverstay => "resolver_overstay_s",
            OpsField::Promotion => "promotion",
            OpsField::ManualPromotion => "manual_promotion_min",
            OpsField::CacheWarmup => "cache_warmup_s",
            OpsField::BackupInterval => "backup_interval_min",
        }
    }

    /// The element id of the field's input (`ops-dns_ttl_s`): links from an RTO part land here.
    pub fn anchor(self) -> String {
        format!("ops-{}", self.key())
    }

    pub fn label(self) -> &'static str {
        match self {
            OpsField::HealthCheckInterval => "Health-check interval",
            OpsField::FailureThreshold => "Failure threshold",
            OpsField::Routing => "Routing",
            OpsField::DnsTtl => "DNS TTL",
            OpsField::ResolverOverstay => "Resolver overstay",
            OpsField::Promotion => "Promotion",
            OpsField::ManualPromotion => "Manual promotion",
            OpsField::CacheWarmup => "Cache warm-up",
            OpsField::BackupInterval => "Backup interval",
        }
    }

    /// The unit the field is typed in; empty for choices and counts.
    pub fn unit(self) -> &'static str {
        match self {
            OpsField::HealthCheckInterval
            | OpsField::DnsTtl
            | OpsField::ResolverOverstay
            | OpsField::CacheWarmup => "s",
            OpsField::ManualPromotion | OpsField::BackupInterval => "min",
            OpsField::FailureThreshold => "consecutive failed checks",
            OpsField::Routing | OpsField::Promotion => "",
        }
    }

    /// The default's public source with its figure and date, or "assumption" and why.
    /// The same words are in docs/engine.md and beside the constants in `engine::rto`.
    pub fn source(self) -> &'static str {
        match self {
            OpsField::HealthCheckInterval => "Route 53 health checkers probe every 30 s (standard, the API default) or every 10 s (fast); we use the fast 10 s. Amazon Route 53 Developer Guide, \"How Amazon Route 53 determines whether a health check is healthy\", read 2026-11-29.",
            OpsField::FailureThreshold => "Route 53 FailureThreshold: \"If you don't specify a value ... the default value is three\" (1 to 10). Amazon Route 53 API Reference, HealthCheckConfig, read 2026-11-29.",
            OpsField::Routing => "DNS failover records (Route 53) by default. Anycast or a global load balancer re-routes in 10 s once detection fires: our assumption, as no provider publishes a re-route time; for scale, AWS Global Accelerator's own health checks run every 10 or 30 s (API HealthCheckIntervalSeconds 10 to 30, read 2026-11-29).",
            OpsField::DnsTtl => "Route 53 recommends a TTL of 60 s or less on records associated with a health check. Amazon Route 53 Developer Guide, \"Values specific for failover records\", read 2026-11-29.",
            OpsField::ResolverOverstay => "0 s is the floor (resolvers honour the TTL). Bhowmick et al., \"TTL Violation of DNS Resolvers in the Wild\", PAM 2023: 8.74 % of 8,524 resolvers measured extend TTLs, so some users stay on the failed region longer; set what your clients show.",
            OpsField::Promotion => "Automated managed promotion in 60 s: AWS Well-Architected Labs (DR workshop 4) promote an Aurora Global Database secondary \"in under a minute\"; the Aurora User Guide puts its RTO \"in the order of minutes\" (read 2026-11-29).",
            OpsField::ManualPromotion => "Assumption: 30 min for a drilled manual promotion (page, confirm from a second vantage point, fence, promote); the Aurora User Guide: a manual \"detach and promote\" takes as long as \"you can perform the tasks\" (read 2026-11-29).",
            OpsField::CacheWarmup => "Assumption: 2 min for a scaled-down standby's caches to reach their hit rate; measure yours in a drill.",
            OpsField::BackupInterval => "Assumption: hourly snapshots copied to another region (AWS Backup rules take frequencies in hours, from 1; AWS Config rule backup-plan-min-frequency-and-min-retention-check, read 2026-11-29).",
        }
    }

    /// The default as shown: `10 s`, `3`, `DNS`, `automated`, `30 min`.
    pub fn default_text(self) -> String {
        let d = Operations::default();
        match self {
            OpsField::HealthCheckInterval => duration(d.health_check_interval_s),
            OpsField::FailureThreshold => d.health_check_failure_threshold.to_string(),
            OpsField::Routing => routing_name(d.routing).to_string(),
            OpsField::DnsTtl => duration(d.dns_ttl_s),
            OpsField::ResolverOverstay => duration(d.resolver_overstay_s),
            OpsField::Promotion => promotion_name(d.promotion).to_string(),
            OpsField::ManualPromotion => format!("{} min", plain(d.manual_promotion_min)),
            OpsField::CacheWarmup => duration(d.cache_warmup_s),
            OpsField::BackupInterval => format!("{} min", plain(d.backup_interval_min)),
        }
    }
}

/// `DNS` or `anycast / global load balancer`.
pub fn routing_name(r: Routing) -> &'static str {
    match r {
        Routing::Dns => "DNS failover",
        Routing::Anycast => "anycast / global load balancer",
    }
}

/// `automated` or `manual`.
pub fn promotion_name(p: Promotion) -> &'static str {
    match p {
        Promotion::Automated => "automated",
        Promotion::Manual => "manual",
    }
}

/// One part of an RTO: which part, its seconds as in the breakdown, the sentence naming the
/// settings that produced it, and the fields that change it (empty: a fixed constant or a
/// data class field).
#[derive(Clone, Debug, PartialEq)]
pub struct RtoPart {
    /// `detection`, `routing`, `promotion` or `warm-up`.
    pub part: &'static str,
    pub seconds: f64,
    pub text: String,
    pub fields: Vec<OpsField>,
}

/// Each part of `r` (the breakdown of `posture` under `ops`) with the setting behind it:
/// `routing 60 s: DNS TTL 60 s + resolver overstay 0 s`. `data_gb` is the class's data
/// size (a backup restore's warm-up depends on it).
pub fn rto_parts(
    posture: Posture,
    data_gb: f64,
    ops: &Operations,
    r: &RtoBreakdown,
) -> Vec<RtoPart> {
    let d = duration;
    let detection = RtoPart {
        part: "detection",
        seconds: r.detection_s,
        text: format!(
            "detection {}: health checks every {} x failure threshold {}",
            d(r.detection_s),
            d(ops.health_check_interval_s),
            ops.health_check_failure_threshold
        ),
        fields: vec![OpsField::HealthCheckInterval, OpsField::FailureThreshold],
    };
    let routing = match ops.routing {
        Routing::Dns => RtoPart {
            part: "routing",
            seconds: r.routing_s,
            text: format!(
                "routing {}: DNS TTL {} + resolver overstay {}",
                d(r.routing_s),
                d(ops.dns_ttl_s),
                d(ops.resolver_overstay_s)
            ),
            fields: vec![
                OpsField::Routing,
                OpsField::DnsTtl,
                OpsField::ResolverOverstay,
            ],
        },
        Routing::Anycast => RtoPart {
            part: "routing",
            seconds: r.routing_s,
            text: format!(
                "routing {}: anycast / global load balancer re-route (assumption)",
                d(r.routing_s)
            ),
            fields: vec![OpsField::Routing],
        },
    };
    let (promo_text, promo_fields) = match (posture, ops.promotion) {
        // The chosen service's published time replaced the plan's setting.
        _ if r.promotion_by.is_some() => (r.promotion_by.clone().unwrap_or_default(), vec![]),
        (Posture::ActiveActiveMultiWriter, _) => (
            "none: every region already takes writes".to_string(),
            vec![],
        ),
        (Posture::GlobalConsensus, _) if r.promotion_s == 0.0 => (
            format!(
                "leader election {} overlaps detection and routing",
                d(rto::ELECTION_S)
            ),
            vec![],
        ),
        (Posture::GlobalConsensus, _) => (
            format!(
                "the part of the {} leader election that outlasts detection and routing",
                d(rto::ELECTION_S)
            ),
            vec![],
        ),
        (_, Promotion::Automated) => (
            "automated managed promotion".to_string(),
            vec![OpsField::Promotion],
        ),
        (_, Promotion::Manual) => (
            format!(
                "manual promotion, drilled at {} min",
                plain(ops.manual_promotion_min)
            ),
            vec![OpsField::Promotion, OpsField::ManualPromotion],
        ),
    };
    let promotion = RtoPart {
        part: "promotion",
        seconds: r.promotion_s,
        text: format!("promotion {}: {promo_text}", d(r.promotion_s)),
        fields: promo_fields,
    };
    let (warm_text, warm_fields) = match posture {
        Posture::PilotLight => (
            format!(
                "scale-up {} (assumption) + cache warm-up {}",
                d(rto::PILOT_LIGHT_SCALE_UP_S),
                d(ops.cache_warmup_s)
            ),
            vec![OpsField::CacheWarmup],
        ),
        Posture::WarmStandby => (
            format!("cache warm-up {}", d(ops.cache_warmup_s)),
            vec![OpsField::CacheWarmup],
        ),
        Posture::BackupRestore => (
            format!(
                "provisioning {} (assumption) + restoring {} GB at {} GB/h",
                d(rto::PROVISION_S),
                plain(data_gb),
                plain(rto::RESTORE_GB_PER_HOUR)
            ),
            vec![],
        ),
        _ => (
            "none: the region that takes over already runs at full size".to_string(),
            vec![],
        ),
    };
    let warmup = RtoPart {
        part: "warm-up",
        seconds: r.warmup_s,
        text: format!("warm-up {}: {warm_text}", d(r.warmup_s)),
        fields: warm_fields,
    };
    vec![detection, routing, promotion, warmup]
}

/// The parts in one sentence: `RTO 4 min 30 s = detection 30 s: ... + routing 60 s: ...`.
pub fn rto_parts_sentence(parts: &[RtoPart]) -> String {
    let total: f64 = parts.iter().map(|p| p.seconds).sum();
    format!(
        "RTO {} = {}.",
        duration(total),
        parts
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{DataClass, Preset};

    fn parts(posture: Posture, ops: &Operations) -> Vec<RtoPart> {
        let c = DataClass::preset(Preset::Carts);
        let r = rto::rto(posture, &c, ops).unwrap();
        rto_parts(posture, c.data_gb, ops, &r)
    }

    #[test]
    fn each_part_names_the_settings_that_produced_it() {
        let ops = Operations::default();
        let p = parts(Posture::WarmStandby, &ops);
        assert_eq!(
            p[0].text,
            "detection 30 s: health checks every 10 s x failure threshold 3"
        );
        assert_eq!(
            p[1].text,
            "routing 60 s: DNS TTL 60 s + resolver overstay 0 s"
        );
        assert_eq!(p[2].text, "promotion 60 s: automated managed promotion");
        assert_eq!(p[3].text, "warm-up 2 min: cache warm-up 2 min");
        assert_eq!(p[1].fields[1], OpsField::DnsTtl);
        assert_eq!(p[1].fields[1].anchor(), "ops-dns_ttl_s");
        assert!(rto_parts_sentence(&p).starts_with("RTO 4 min 30 s = detection 30 s"));
    }

    #[test]
    fn parts_follow_the_settings() {
        let ops = Operations {
            dns_ttl_s: 300.0,
            resolver_overstay_s: 30.0,
            promotion: Promotion::Manual,
            manual_promotion_min: 15.0,
            ..Operations::default()
        };
        let p = parts(Posture::SyncStandby, &ops);
        assert_eq!(
            p[1].text,
            "routing 5 min 30 s: DNS TTL 5 min + resolver overstay 30 s"
        );
        assert_eq!(
            p[2].text,
            "promotion 15 min: manual promotion, drilled at 15 min"
        );
        assert!(p[3].text.starts_with("warm-up 0 s: none"));
        let any = Operations {
            routing: Routing::Anycast,
            ..Operations::default()
        };
        let p = parts(Posture::ActiveActiveMultiWriter, &any);
        assert_eq!(p[1].fields, vec![OpsField::Routing]);
        assert_eq!(
            p[2].text,
            "promotion 0 s: none: every region already takes writes"
        );
    }

    #[test]
    fn every_field_has_a_source_and_a_unique_anchor() {
        let mut seen = std::collections::HashSet::new();
        for f in OpsField::ALL {
            // A public source carries its date; anything else says it is an assumption.
            let s = f.source();
            assert!(s.contains("2026") || s.contains("2023") || s.starts_with("Assumption"));
            assert!(seen.insert(f.anchor()));
            assert!(!f.default_text().is_empty());
        }
    }
}
