//! Where each user population is served after one region is lost, and its write and read p99
//! there: the figures a reviewer checks before agreeing to a standby's place. A class's
//! chosen service reshapes them where its layout differs from the posture's (the leader it
//! moves to, the voters a write still waits for: [`super::services::after`]).

use super::latency::Quantiles;
use super::placement::{self, Choice, UserLatency};
use super::posture::Posture;
use super::report::PopulationAfter;
use super::services::after::{self, After};
use super::Ctx;
use crate::catalog::Fit;
use crate::plan::{Consistency, DataClass};

/// Write and read regions of one population after the loss (write, read), or `None` when
/// its data is unavailable until the region returns.
type Served = Option<(usize, usize)>;

/// Every population after losing region `lost`; empty when nobody's service changes.
pub(crate) fn after_loss(
    ctx: &Ctx,
    class: &DataClass,
    posture: Posture,
    c: &Choice,
    now: &[UserLatency],
    lost: usize,
    fit: Option<&Fit>,
) -> Vec<PopulationAfter> {
    let users = 0..ctx.users.len();
    let nearest = |u: usize, cands: &[usize]| -> Option<usize> {
        cands
            .iter()
            .copied()
            .filter(|&r| r != lost)
            .min_by(|&a, &b| ctx.ur(u, a).q.p99.total_cmp(&ctx.ur(u, b).q.p99))
    };
    let lin = class.consistency == Consistency::Linearizable;
    // (served per user, extra write wait after the loss: a quorum that now needs both
    // remaining voters).
    let (served, extra): (Vec<Served>, Option<(usize, usize)>) = match posture {
        _ if !holds_copy(c, lost) => return Vec::new(),
        Posture::SingleRegion => (users.map(|_| None).collect(), None),
        Posture::BackupRestore
        | Posture::PilotLight
        | Posture::WarmStandby
        | Posture::SyncStandby => {
            if c.primary != Some(lost) {
                return Vec::new();
            }
            let t = placement::takeover(posture, c);
            (users.map(|_| t.map(|t| (t, t))).collect(), None)
        }
        Posture::ReadLocalWriteGlobal => {
            let p = c.primary.unwrap_or(lost);
            let writer = if p == lost {
                placement::nearest_other(ctx, p, &c.replicas)
            } else {
                Some(p)
            };
            let mut readers: Vec<usize> = c.replicas.clone();
            readers.push(p);
            (
                users
                    .map(|u| {
                        let read = if lin { writer } else { nearest(u, &readers) };
                        writer.zip(read)
                    })
                    .collect(),
                None,
            )
        }
        Posture::ActiveActivePartitioned => (
            users
                .map(|u| {
                    let (h, s) = c.homes[u];
                    if h == lost {
                        s.map(|s| (s, s))
                    } else {
                        Some((h, h))
                    }
                })
                .collect(),
            None,
        ),
        Posture::ActiveActiveMultiWriter => (
            users
                .map(|u| nearest(u, &c.replicas).map(|w| (w, w)))
                .collect(),
            None,
        ),
        Posture::GlobalConsensus => {
            let rest: Vec<usize> = c.voters.iter().copied().filter(|&v| v != lost).collect();
            // The new leader: the surviving voter that serves the users' writes best.
            let leader = if c.voters.first() == Some(&lost) {
                rest.iter().copied().min_by(|&a, &b| {
                    let w = |l: usize| -> f64 {
                        (0..ctx.users.len())
                            .map(|u| ctx.shares[u] * ctx.ur(u, l).q.p99)
                            .sum()
                    };
                    w(a).total_cmp(&w(b))
                })
            } else {
                c.voters.first().copied()
            };
            let Some(l) = leader else {
                return Vec::new();
            };
            let other = rest.iter().copied().find(|&v| v != l);
            (
                users
                    .map(|u| {
                        Some((
                            l,
                            if lin {
                                l
                            } else {
                                nearest(u, &rest).unwrap_or(l)
                            },
                        ))
                    })
                    .collect(),
                other.map(|o| (l, o)),
            )
        }
    };
    // The chosen service's layout after the loss, where it differs from the posture's.
    let shaped = fit.and_then(|f| {
        let writer = served
            .iter()
            .flatten()
            .next()
            .map(|s| ctx.labels[s.0].as_str());
        after::after_loss(ctx, f, &ctx.labels[lost], writer)
    });
    let changed = served
        .iter()
        .zip(now)
        .any(|(s, n)| *s != Some((n.write_via, n.read_from)) || extra.is_some())
        || shaped.is_some();
    if !changed {
        return Vec::new();
    }
    served
        .iter()
        .enumerate()
        .map(|(u, s)| {
            let name = ctx.user_name(u).to_string();
            match s {
                None => PopulationAfter {
                    population: name,
                    served_from: None,
                    write_p99_ms: None,
                    read_p99_ms: None,
                },
                Some((w, r)) => {
                    // Both remaining voters must ack once one of three is gone.
                    let quorum = extra.map_or(Quantiles::ZERO, |(l, o)| ctx.rr(l, o).q);
                    let mut write = ctx.ur(u, *w).q.then(quorum).then(ctx.commit);
                    let mut read = ctx.ur(u, *r).q.p99;
                    let mut from = ctx.labels[*w].clone();
                    match &shaped {
                        Some(After::Quorum { leader, wait }) => {
                            if let Some(to_leader) = after::user_rtt(ctx, u, leader) {
                                write = to_leader.then(*wait).then(ctx.commit);
                                if lin {
                                    read = to_leader.p99;
                                }
                                from.clone_from(leader);
                            }
                        }
                        Some(After::AllRegions { part }) => write = ctx.ur(u, *w).q.then(*part),
                        None => {}
                    }
                    PopulationAfter {
                        population: name,
                        served_from: Some(from),
                        write_p99_ms: Some(write.p99),
                        read_p99_ms: Some(read),
                    }
                }
            }
        })
        .collect()
}

/// Does region `r` hold any copy of the class under placement `c`?
fn holds_copy(c: &Choice, r: usize) -> bool {
    c.primary == Some(r)
        || c.standby == Some(r)
        || c.backup == Some(r)
        || c.replicas.contains(&r)
        || c.voters.contains(&r)
        || c.homes.iter().any(|h| h.0 == r || h.1 == Some(r))
}
