//! The fields compared between two plans, with typed values.

use crate::engine::posture::Posture;
use crate::plan::{
    AccessNetwork, ConflictSemantics, Consistency, DataClass, Ownership, PlacementPin, Plan,
    Promotion, Residency, ResidencyScope, Routing,
};

/// A field's value, typed so the presentation layer can show it in its unit.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Seconds; `None`: no target.
    Seconds(Option<f64>),
    Minutes(f64),
    /// Milliseconds; `None`: no budget.
    Ms(Option<f64>),
    WritesPerS(f64),
    ReadsPerS(f64),
    Bytes(f64),
    Gb(f64),
    /// A fraction of users (0..1).
    Share(f64),
    /// A plain count (health-check threshold, records); `None`: the default.
    Count(Option<f64>),
    Text(String),
    Consistency(Consistency),
    Conflicts(ConflictSemantics),
    Ownership(Ownership),
    Residency(Residency),
    Scope(ResidencyScope),
    Access(AccessNetwork),
    Routing(Routing),
    Promotion(Promotion),
    /// A pinned posture; `None`: the engine chooses.
    Pin(Option<Posture>),
    PlacementPin(PlacementPin),
    /// Place labels (home hints).
    Places(Vec<String>),
}

/// One field that differs: its name in the plan file, the current value and the other's.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    pub field: &'static str,
    pub before: Value,
    pub after: Value,
}

pub(super) fn changes(pairs: Vec<(&'static str, Value, Value)>) -> Vec<FieldChange> {
    pairs
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(field, before, after)| FieldChange {
            field,
            before,
            after,
        })
        .collect()
}

pub(super) fn class_fields(a: &DataClass, b: &DataClass) -> Vec<FieldChange> {
    use Value as V;
    let hints = |c: &DataClass| V::Places(c.home_hints.iter().map(|h| h.label()).collect());
    let service = |c: &DataClass| V::Text(c.service.clone().unwrap_or_default());
    changes(vec![
        (
            "consistency",
            V::Consistency(a.consistency),
            V::Consistency(b.consistency),
        ),
        ("rpo_s", V::Seconds(a.rpo_s), V::Seconds(b.rpo_s)),
        ("rto_s", V::Seconds(a.rto_s), V::Seconds(b.rto_s)),
        (
            "write_p99_budget_ms",
            V::Ms(a.write_p99_budget_ms),
            V::Ms(b.write_p99_budget_ms),
        ),
        (
            "read_p99_budget_ms",
            V::Ms(a.read_p99_budget_ms),
            V::Ms(b.read_p99_budget_ms),
        ),
        (
            "residency",
            V::Residency(a.residency.clone()),
            V::Residency(b.residency.clone()),
        ),
        (
            "residency_scope",
            V::Scope(a.residency_scope),
            V::Scope(b.residency_scope),
        ),
        (
            "ownership",
            V::Ownership(a.ownership),
            V::Ownership(b.ownership),
        ),
        (
            "writes_per_s",
            V::WritesPerS(a.writes_per_s),
            V::WritesPerS(b.writes_per_s),
        ),
        (
            "reads_per_s",
            V::ReadsPerS(a.reads_per_s),
            V::ReadsPerS(b.reads_per_s),
        ),
        (
            "record_bytes",
            V::Bytes(a.record_bytes),
            V::Bytes(b.record_bytes),
        ),
        ("data_gb", V::Gb(a.data_gb), V::Gb(b.data_gb)),
        (
            "conflicts",
            V::Conflicts(a.conflicts),
            V::Conflicts(b.conflicts),
        ),
        ("keys", V::Count(a.keys), V::Count(b.keys)),
        ("pin", V::Pin(a.pin), V::Pin(b.pin)),
        (
            "placement_pin",
            V::PlacementPin(a.placement_pin.clone()),
            V::PlacementPin(b.placement_pin.clone()),
        ),
        ("service", service(a), service(b)),
        ("home_hints", hints(a), hints(b)),
    ])
}

pub(super) fn operations(a: &Plan, b: &Plan) -> Vec<FieldChange> {
    use Value as V;
    let (a, b) = (&a.operations, &b.operations);
    let threshold = |v: u32| V::Count(Some(f64::from(v)));
    changes(vec![
        (
            "health_check_interval_s",
            V::Seconds(Some(a.health_check_interval_s)),
            V::Seconds(Some(b.health_check_interval_s)),
        ),
        (
            "health_check_failure_threshold",
            threshold(a.health_check_failure_threshold),
            threshold(b.health_check_failure_threshold),
        ),
        ("routing", V::Routing(a.routing), V::Routing(b.routing)),
        (
            "dns_ttl_s",
            V::Seconds(Some(a.dns_ttl_s)),
            V::Seconds(Some(b.dns_ttl_s)),
        ),
        (
            "resolver_overstay_s",
            V::Seconds(Some(a.resolver_overstay_s)),
            V::Seconds(Some(b.resolver_overstay_s)),
        ),
        (
            "promotion",
            V::Promotion(a.promotion),
            V::Promotion(b.promotion),
        ),
        (
            "manual_promotion_min",
            V::Minutes(a.manual_promotion_min),
            V::Minutes(b.manual_promotion_min),
        ),
        (
            "cache_warmup_s",
            V::Seconds(Some(a.cache_warmup_s)),
            V::Seconds(Some(b.cache_warmup_s)),
        ),
        (
            "backup_interval_min",
            V::Minutes(a.backup_interval_min),
            V::Minutes(b.backup_interval_min),
        ),
    ])
}
