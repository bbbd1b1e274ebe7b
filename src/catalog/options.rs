//! Per class: the services that can deliver a posture on a placement, with what each changes
//! in the numbers, and those that cannot, with the constraint they break.

use super::constraints::{check, Broken, Layout, Voters};
use super::data::{Basis, CatalogError, ConflictRule, Figure, Service, WriteRule};
use super::units::units;
use crate::data::Provider;
use crate::engine::report::Placement;
use crate::engine::Posture;

/// What choosing a service changes in a class's figures. The engine applies it:
/// `promotion_s` replaces the promotion part of the RTO when known, `lag_ms` the
/// apply delay of the RPO when known, `write` and `voters` the write latency, `conflict`
/// the conflict reasoning. An unknown figure leaves the engine's assumption in place.
#[derive(Clone, Debug, PartialEq)]
pub struct Effects {
    pub promotion_s: Figure,
    pub lag_ms: Figure,
    /// Every acknowledged write survives a region loss (synchronous or quorum).
    pub rpo_zero: bool,
    pub write: WriteRule,
    /// The voting layout of the first deployment (the only one for non-partitioned shapes).
    pub voters: Option<Voters>,
    pub conflict: ConflictRule,
}

/// A service that can deliver the posture on this placement.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    pub service: &'static Service,
    /// One layout per deployment (one per partition for a partitioned placement).
    pub layouts: Vec<Layout>,
    pub effects: Effects,
    /// One sentence with the figures, from [`crate::present::technology::fit_sentence`].
    pub message: String,
}

/// A service that offers the posture (or was chosen) but cannot take this placement.
#[derive(Clone, Debug, PartialEq)]
pub struct Misfit {
    pub service: &'static Service,
    /// Boxed: the variants carry region names, and a `Result` with it stays small.
    pub broken: Box<Broken>,
    /// The broken constraint in words, from [`crate::present::technology::broken_sentence`].
    pub message: String,
}

/// The answer for one class.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    pub posture: Posture,
    pub fits: Vec<Fit>,
    pub misfits: Vec<Misfit>,
}

/// The services of `providers` (and self-managed software) that offer `posture`, split into
/// those that fit `placement` and those that do not, in catalog order.
pub fn options(
    posture: Posture,
    providers: &[Provider],
    placement: &Placement,
) -> Result<Options, CatalogError> {
    let mut out = Options {
        posture,
        fits: Vec::new(),
        misfits: Vec::new(),
    };
    for s in &super::catalog()?.services {
        let on_provider = s.host.provider().is_none_or(|p| providers.contains(&p));
        if !on_provider || !s.postures.contains(&posture) {
            continue;
        }
        match evaluate(s, posture, placement) {
            Ok(f) => out.fits.push(f),
            Err(m) => out.misfits.push(m),
        }
    }
    Ok(out)
}

/// One service (a user's pinned choice) against a posture and placement.
pub fn evaluate(
    service: &'static Service,
    posture: Posture,
    placement: &Placement,
) -> Result<Fit, Misfit> {
    let misfit = |broken: Broken| Misfit {
        message: crate::present::technology::broken_sentence(service, &broken),
        service,
        broken: Box::new(broken),
    };
    if !service.postures.contains(&posture) {
        return Err(misfit(Broken::PostureNotOffered));
    }
    let mut layouts = Vec::new();
    for unit in units(placement) {
        layouts.push(check(service, &unit).map_err(misfit)?);
    }
    let effects = Effects {
        promotion_s: service.promotion.clone(),
        lag_ms: service.lag.clone(),
        rpo_zero: service.lag.basis == Basis::Documented && service.lag.value == Some(0.0),
        write: service.write.clone(),
        voters: layouts.first().and_then(|l| l.voters.clone()),
        conflict: service.conflict,
    };
    let mut fit = Fit {
        service,
        layouts,
        effects,
        message: String::new(),
    };
    fit.message = crate::present::technology::fit_sentence(&fit);
    Ok(fit)
}

/// The farthest pair of `regions` by `rtt_ms` (the pair an all-regions write waits for);
/// `None` with fewer than two regions or when no round trip is finite.
pub fn farthest_pair<'a>(
    regions: &[&'a str],
    rtt_ms: impl Fn(&str, &str) -> f64,
) -> Option<(&'a str, &'a str, f64)> {
    let mut best: Option<(&str, &str, f64)> = None;
    for (i, a) in regions.iter().enumerate() {
        for b in &regions[i + 1..] {
            let t = rtt_ms(a, b);
            if t.is_finite() && best.is_none_or(|(_, _, m)| t > m) {
                best = Some((a, b, t));
            }
        }
    }
    best
}

/// p99 write latency of an all-regions write (Cosmos DB strong consistency): factor x the
/// farthest pair's RTT + the fixed extra, as the provider publishes it; `None` for other rules.
pub fn all_regions_write_p99_ms(rule: &WriteRule, farthest_rtt_ms: f64) -> Option<f64> {
    match rule {
        WriteRule::AllRegions {
            factor, extra_ms, ..
        } => Some(factor * farthest_rtt_ms + extra_ms),
        _ => None,
    }
}
