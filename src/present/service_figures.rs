//! A chosen service's figures where they enter the engine's numbers: its published lag as
//! the RPO factor (with basis, page and date), and the distance limit it breaks.

use super::figures::{duration, grouped, ms, round_duration};
use super::product::{Factor, LagParts};
use super::technology::{basis, host};
use crate::catalog::Service;

/// A distance in km, to the nearest 10: `10,870 km`.
pub fn km(v: f64) -> String {
    format!("{} km", grouped((v / 10.0).round() * 10.0))
}

/// The broken distance limit: `Cosmos DB strong consistency is blocked by default for
/// regions more than 8,000 km apart; azure:eastus and azure:japaneast are 10,870 km apart
/// (great circle). Azure support can lift the block.`
pub fn span_sentence(service: &Service, a: &str, b: &str, km_: f64, max_km: f64) -> String {
    format!(
        "{} is blocked by default for regions more than {} apart; {a} and {b} are {} apart (great circle). {} support can lift the block.",
        service.short,
        km(max_km),
        km(km_),
        host(service.host)
    )
}

/// Where the lag in an RPO comes from when the class chose a service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LagBy {
    /// The service's published lag.
    Service,
    /// Half the p99 round trip, which is longer than the service's published lag (a
    /// replica cannot apply a write before it arrives).
    Transit,
    /// The engine's model: the service publishes no lag.
    Modelled,
}

/// The lag factor of a writes-lost product: `1.0 s lag (Aurora Global Database, published
/// typical; https://..., read 2026-11-29)` (the quote behind the figure is in the class's
/// list of services and in docs/technologies.md).
pub fn rpo_lag_factor(service: &Service, lag_s: f64, by: LagBy, model: &LagParts) -> Factor {
    let shown = round_duration(lag_s);
    let f = &service.lag;
    let source = f
        .source
        .and_then(|i| service.sources.get(i))
        .map_or(String::new(), |s| format!("; {}, read {}", s.url, s.read));
    let why = match (by, f.value) {
        (LagBy::Service, _) => format!("{}, {}{source}", service.short, basis(f.basis)),
        (LagBy::Transit, Some(v)) => format!(
            "half the p99 round trip, longer than {}'s {} lag of {}{source}",
            service.short,
            basis(f.basis),
            ms(v)
        ),
        (_, _) => format!(
            "modelled: {}; {} publishes no typical lag",
            model.text(),
            service.short
        ),
    };
    Factor::new(shown, format!("{} lag ({why})", duration(shown)))
}

/// The expected lag in a runbook: the model's `p99 lag 1.1 s`, or the chosen service's
/// published figure, `lag 1.0 s (Aurora Global Database, published typical)`, when the
/// class's service fits its placement and publishes one.
pub fn expected_lag(
    dc: Option<&crate::plan::DataClass>,
    e: &crate::engine::report::Evaluation,
) -> String {
    let rpo = duration(e.rpo_s.unwrap_or(0.0));
    let service = dc
        .and_then(|d| d.service.as_deref())
        .and_then(|id| crate::catalog::service(id).ok().flatten())
        .filter(|s| s.lag.value.is_some())
        .filter(|s| {
            e.placement
                .as_ref()
                .is_some_and(|p| crate::catalog::evaluate(s, e.posture, p).is_ok())
        });
    match service {
        Some(s) => format!("lag {rpo} ({}, {})", s.short, basis(s.lag.basis)),
        None => format!("p99 lag {rpo}"),
    }
}

/// The outage effect when a quorum service loses its leader's region: `leader lost: Spanner
/// multi-region moves the leader to gcp:us-east1; no acknowledged write is lost; users
/// re-route in 1 min 30 s`.
pub fn leader_moved(service: &Service, leader: &str, reroute_s: f64) -> String {
    format!(
        "leader lost: {} moves the leader to {leader}; no acknowledged write is lost; users re-route in {}",
        service.short,
        duration(reroute_s)
    )
}

/// The outage effect when a quorum service loses a voter that does not lead.
pub fn voter_lost(service: &Service) -> String {
    format!(
        "voter lost: {} keeps its quorum with the surviving voters; writes continue, no loss",
        service.short
    )
}
