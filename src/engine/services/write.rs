//! A chosen service's write rule, in place of the posture's own formula: who must
//! acknowledge a write (a quorum of voters laid out by the service, or every region) and
//! what that wait costs each population, with the factors named in its write path.
//!
//! * quorum: `write = RTT(user, leader) + W + c`, `W` the `k`-th fastest round trip from
//!   the leader to the other voting regions (`Voters::wait_regions`), voters outside the
//!   plan's regions (a configuration's witness) included through the latency model;
//! * every region (Cosmos DB strong consistency): p99 `= RTT_p99(user, writer) + factor x
//!   RTT_p99(farthest pair) + extra`, Microsoft's published formula; it gives no median,
//!   so the p50 is `RTT_p50(user, writer) + slowest RTT_p50 from the writer + c`
//!   (assumption: a write waits for every region, at their medians).

use crate::catalog::{Fit, Layout, Voters, WriteRule};
use crate::engine::latency::{self, Dist, Quantiles};
use crate::engine::report::Placement;
use crate::engine::Ctx;
use crate::place::Place;
use crate::present::technology as words;

/// One population's write under the service: its quantiles and the path with the factors.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ServiceWrite {
    pub write: Quantiles,
    pub path: String,
}

/// The write of each population (plan order) under `fit`'s rule; `None` for a population
/// whose write keeps the posture's formula (rule `posture`, or nothing to wait for).
pub(crate) fn writes(ctx: &Ctx, placement: &Placement, fit: &Fit) -> Vec<Option<ServiceWrite>> {
    (0..ctx.users.len())
        .map(|u| {
            let writer = writer_of(placement, u)?;
            let w = ctx.labels.iter().position(|l| *l == writer)?;
            let layout = fit
                .layouts
                .iter()
                .find(|l| l.regions.first().is_some_and(|r| *r == writer))
                .or(fit.layouts.first())?;
            let user = ctx.ur(u, w).q;
            match &fit.service.write {
                WriteRule::Posture => None,
                WriteRule::Quorum { .. } => quorum(ctx, w, layout.voters.as_ref()?, fit, layout)
                    .map(|(wait, path)| ServiceWrite {
                        write: user.then(wait).then(ctx.commit),
                        path,
                    }),
                WriteRule::AllRegions {
                    factor, extra_ms, ..
                } => all_regions(ctx, w, layout, *factor, *extra_ms, fit).map(|(part, path)| {
                    ServiceWrite {
                        write: user.then(part),
                        path,
                    }
                }),
            }
        })
        .collect()
}

/// Where population `u`'s writes land: the primary or leader, or its own home.
fn writer_of(p: &Placement, u: usize) -> Option<String> {
    match p {
        Placement::Partitioned { homes } => homes.get(u).map(|h| h.region.clone()),
        other => other.primary().map(str::to_string),
    }
}

/// The round trip from region `w` to `label`: from the plan's matrix when the region is
/// in the plan, else from the latency model; `None` for a region no model knows (a
/// private region such as Google's us-central2).
fn link(ctx: &Ctx, w: usize, label: &str) -> Option<(Dist, Quantiles)> {
    if let Some(j) = ctx.labels.iter().position(|l| l == label) {
        let l = ctx.rr(w, j);
        return Some((l.dist, l.q));
    }
    let place = Place::parse(label).ok()?;
    let r = crate::latency::rtt_explained(&ctx.regions[w], &place);
    Some((
        Dist::fit(r.floor_ms, r.link.p50_ms, r.link.p99_ms),
        Quantiles {
            p50: r.link.p50_ms,
            p99: r.link.p99_ms,
        },
    ))
}

/// The quorum wait and the path naming the voters it waits for.
fn quorum(
    ctx: &Ctx,
    w: usize,
    v: &Voters,
    fit: &Fit,
    layout: &Layout,
) -> Option<(Quantiles, String)> {
    let mut known: Vec<(&str, Dist, Quantiles)> = Vec::new();
    let mut unknown: Vec<&str> = Vec::new();
    for o in &v.others {
        match link(ctx, w, o) {
            Some((d, q)) => known.push((o, d, q)),
            None => unknown.push(o),
        }
    }
    let k = (v.wait_regions as usize).min(known.len());
    if k == 0 {
        // Nothing outside the leader's region to wait for, or no voter we can time.
        return (v.wait_regions == 0).then(|| {
            (
                Quantiles::ZERO,
                words::quorum_write_path(&ctx.labels[w], fit.service, layout, v, &[], &[]),
            )
        });
    }
    let dists: Vec<Dist> = known.iter().map(|x| x.1).collect();
    let wait = latency::kth_smallest(&dists, k);
    // Nearest first: the voters a write usually hears from.
    known.sort_by(|a, b| a.2.p50.total_cmp(&b.2.p50));
    let timed: Vec<(&str, Quantiles)> = known.iter().map(|x| (x.0, x.2)).collect();
    let path = words::quorum_write_path(&ctx.labels[w], fit.service, layout, v, &timed, &unknown);
    Some((wait, path))
}

/// The all-regions part (service side, after the user's leg) and its worked formula.
fn all_regions(
    ctx: &Ctx,
    w: usize,
    layout: &Layout,
    factor: f64,
    extra_ms: f64,
    fit: &Fit,
) -> Option<(Quantiles, String)> {
    let regions: Vec<&str> = layout.regions.iter().map(String::as_str).collect();
    let idx = |l: &str| ctx.labels.iter().position(|x| x == l);
    let (a, b, far) = crate::catalog::farthest_pair(&regions, |a, b| match (idx(a), idx(b)) {
        (Some(i), Some(j)) => ctx.rr(i, j).q.p99,
        _ => f64::NAN,
    })?;
    let p99 = crate::catalog::all_regions_write_p99_ms(&fit.service.write, far)?;
    let slowest_p50 = regions
        .iter()
        .filter_map(|r| idx(r))
        .filter(|&j| j != w)
        .map(|j| ctx.rr(w, j).q.p50)
        .fold(0.0, f64::max);
    let part = Quantiles {
        p50: slowest_p50 + ctx.commit.p50,
        p99,
    };
    let path = words::all_regions_write_path(
        &ctx.labels[w],
        &fit.service.short,
        (a, b),
        words::all_regions_formula(factor, far, extra_ms, p99),
    );
    Some((part, path))
}
