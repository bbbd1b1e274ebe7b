//! A chosen service's layout after a region loss, in place of the posture's formula
//! (docs/technologies.md, "After a region loss"):
//!
//! * quorum services (Spanner, DynamoDB MRSC, CockroachDB, ...): when the leader's region is
//!   lost the leader moves to the surviving voting region (a read-write one for a Spanner
//!   configuration, never a witness) that serves the users best; a write then waits, as
//!   before the loss, for the `k`-th fastest of the surviving voting regions (`k` =
//!   `Voters::wait_regions`, capped by the survivors): DynamoDB MRSC with one of three
//!   replicas lost commits with the remaining two;
//! * every-region services (Cosmos DB strong): the surviving regions acknowledge, by the
//!   same published formula over the surviving farthest pair; one region left writes
//!   within the published single-region bound (the formula's `+ 10 ms`);
//! * posture rule (Aurora, DynamoDB MREC, Patroni, ...): the posture's own routing already
//!   is the service's (writes go to the promoted secondary), so nothing changes.

use crate::catalog::{data::RegionRule, Fit, Layout, Voters, WriteRule};
use crate::engine::latency::{self, Dist, Quantiles};
use crate::engine::{access, Ctx};
use crate::place::Place;

/// Where and how a class writes after one region is lost, under its chosen service.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum After {
    /// Writes led from `leader` (a region label, possibly one the plan does not list,
    /// such as a configuration's second read-write region) and waiting `wait` for the
    /// surviving voters, before the local commit.
    Quorum { leader: String, wait: Quantiles },
    /// Every surviving region acknowledges: the part after the user's leg.
    AllRegions { part: Quantiles },
}

/// The round trip between two region labels: the plan's matrix when both are in the plan,
/// else the latency model; `None` for a region no model knows.
pub(crate) fn rtt(ctx: &Ctx, a: &str, b: &str) -> Option<(Dist, Quantiles)> {
    let at = |l: &str| ctx.labels.iter().position(|x| x == l);
    if let (Some(i), Some(j)) = (at(a), at(b)) {
        let l = ctx.rr(i, j);
        return Some((l.dist, l.q));
    }
    let (pa, pb) = (Place::parse(a).ok()?, Place::parse(b).ok()?);
    let r = crate::latency::rtt_explained(&pa, &pb);
    let q = Quantiles {
        p50: r.link.p50_ms,
        p99: r.link.p99_ms,
    };
    Some((Dist::fit(r.floor_ms, q.p50, q.p99), q))
}

/// Population `u`'s round trip to a region label, its access network included.
pub(crate) fn user_rtt(ctx: &Ctx, u: usize, region: &str) -> Option<Quantiles> {
    if let Some(j) = ctx.labels.iter().position(|x| x == region) {
        return Some(ctx.ur(u, j).q);
    }
    let place = Place::parse(region).ok()?;
    let r = crate::latency::rtt_explained(&ctx.users[u], &place);
    let last_mile = access::round_trip(ctx.plan.users[u].access);
    Some(last_mile.then(Quantiles {
        p50: r.link.p50_ms,
        p99: r.link.p99_ms,
    }))
}

/// The service's layout after losing region `lost`, for a class whose writes went to
/// `writer` (the posture's writer after the loss, a plan region); `None` when the posture's
/// formula stands (posture rule, or nothing of the service there).
pub(crate) fn after_loss(ctx: &Ctx, fit: &Fit, lost: &str, writer: Option<&str>) -> Option<After> {
    let layout = fit.layouts.first()?;
    match &fit.service.write {
        WriteRule::Posture => None,
        WriteRule::Quorum { .. } => quorum(ctx, fit, layout, layout.voters.as_ref()?, lost),
        WriteRule::AllRegions { .. } => {
            let writer = writer?;
            let surviving: Vec<&str> = layout
                .regions
                .iter()
                .map(String::as_str)
                .filter(|r| *r != lost)
                .collect();
            let rtts: Vec<(&str, Quantiles)> = surviving
                .iter()
                .filter(|r| **r != writer)
                .filter_map(|r| rtt(ctx, writer, r).map(|x| (*r, x.1)))
                .collect();
            let (_, _, far) = crate::catalog::farthest_pair(&surviving, |a, b| {
                rtt(ctx, a, b).map_or(f64::NAN, |x| x.1.p99)
            })
            .unwrap_or(("", "", 0.0));
            let p99 = crate::catalog::all_regions_write_p99_ms(&fit.service.write, far)?;
            let slowest_p50 = rtts.iter().map(|x| x.1.p50).fold(0.0, f64::max);
            Some(After::AllRegions {
                part: Quantiles {
                    p50: slowest_p50 + ctx.commit.p50,
                    p99,
                },
            })
        }
    }
}

fn quorum(ctx: &Ctx, fit: &Fit, layout: &Layout, v: &Voters, lost: &str) -> Option<After> {
    let voting: Vec<&str> = std::iter::once(v.leader.as_str())
        .chain(v.others.iter().map(String::as_str))
        .collect();
    let leader = if v.leader == lost {
        new_leader(ctx, fit, layout, &voting, lost)?
    } else {
        v.leader.clone()
    };
    let survivors: Vec<Dist> = voting
        .iter()
        .filter(|r| **r != lost && **r != leader)
        .filter_map(|r| rtt(ctx, &leader, r).map(|x| x.0))
        .collect();
    let k = (v.wait_regions as usize).min(survivors.len());
    let wait = if k == 0 {
        Quantiles::ZERO
    } else {
        latency::kth_smallest(&survivors, k)
    };
    Some(After::Quorum { leader, wait })
}

/// The surviving region that takes the lead: one that can lead (a read-write region of
/// the configuration; never the witness the service adds), serving the users' writes best
/// (share-weighted p99 round trip), as the engine picks a new consensus leader.
fn new_leader(
    ctx: &Ctx,
    fit: &Fit,
    layout: &Layout,
    voting: &[&str],
    lost: &str,
) -> Option<String> {
    let can_lead = |r: &str| -> bool {
        if layout.witness.as_deref() == Some(r) {
            return false;
        }
        match (&fit.service.regions, &layout.configuration) {
            (RegionRule::Configurations { configurations, .. }, Some(name)) => configurations
                .iter()
                .find(|c| &c.name == name)
                .is_some_and(|c| {
                    let code = r.split_once(':').map_or(r, |x| x.1);
                    c.read_write.iter().any(|w| w == code)
                }),
            _ => true,
        }
    };
    let weight = |r: &str| -> f64 {
        (0..ctx.users.len())
            .map(|u| ctx.shares[u] * user_rtt(ctx, u, r).map_or(f64::INFINITY, |q| q.p99))
            .sum()
    };
    voting
        .iter()
        .filter(|r| **r != lost && can_lead(r))
        .min_by(|a, b| weight(a).total_cmp(&weight(b)))
        .map(|r| r.to_string())
}
