//! One posture for one class: place it, then compute every figure the report shows and the
//! requirements it breaks.

use super::cost;
use super::placement::{self, Choice, Unplaceable, UserLatency};
use super::posture::Posture;
use super::report::*;
use super::{residency, rpo, rto, staleness, Ctx};
use crate::plan::{ConflictSemantics, Consistency, DataClass, Ownership};
use crate::present::product::{Factor, LagParts};
use crate::present::{self as show, round_sig, Product};

fn empty(posture: Posture, violation: Violation) -> Evaluation {
    Evaluation {
        posture,
        placeable: false,
        placement: None,
        links: Vec::new(),
        latency: Vec::new(),
        rpo_s: None,
        writes_lost_on_region_failure: None,
        rto_s: None,
        rto: None,
        region_failures_survived: 0,
        outages: Vec::new(),
        staleness: Vec::new(),
        conflicts_per_day: None,
        conflicts: None,
        monthly_cost_usd: None,
        cost: None,
        cost_multiple: None,
        session_reads: None,
        residency: Vec::new(),
        violations: vec![violation],
    }
}

pub(crate) fn evaluate(ctx: &Ctx, class: &DataClass, posture: Posture) -> Evaluation {
    // The search, held to the class's chosen service's constraints when one is chosen.
    let choice = match super::services::search(ctx, class, posture) {
        Ok((c, _)) => c,
        Err(Unplaceable::Residency(m)) => {
            return empty(
                posture,
                Violation {
                    requirement: Requirement::Residency,
                    target: None,
                    achieved: None,
                    by: None,
                    message: m,
                },
            )
        }
        Err(Unplaceable::Applicability(m)) => {
            return empty(
                posture,
                Violation {
                    requirement: Requirement::Applicability,
                    target: None,
                    achieved: None,
                    by: None,
                    message: m,
                },
            )
        }
    };
    evaluate_choice(ctx, class, posture, &choice)
}

pub(super) fn label(ctx: &Ctx, r: usize) -> String {
    ctx.labels[r].clone()
}

pub(super) fn placement_of(ctx: &Ctx, posture: Posture, c: &Choice) -> Placement {
    let l = |r: usize| label(ctx, r);
    let ls = |rs: &[usize]| rs.iter().map(|&r| label(ctx, r)).collect::<Vec<_>>();
    let primary = || l(c.primary.expect("single-writer postures have a primary"));
    match posture {
        Posture::SingleRegion | Posture::BackupRestore => Placement::Single {
            primary: primary(),
            backup: c.backup.map(l),
        },
        Posture::PilotLight | Posture::WarmStandby | Posture::SyncStandby => Placement::Standby {
            primary: primary(),
            standby: l(c.standby.expect("standby postures have a standby")),
            replication: if posture == Posture::SyncStandby {
                Replication::Sync
            } else {
                Replication::Async
            },
        },
        Posture::ReadLocalWriteGlobal => Placement::Replicated {
            primary: primary(),
            replicas: ls(&c.replicas),
        },
        Posture::ActiveActivePartitioned => Placement::Partitioned {
            homes: c
                .homes
                .iter()
                .enumerate()
                .map(|(u, &(h, s))| Home {
                    population: ctx.user_name(u).to_string(),
                    region: l(h),
                    standby: s.map(l),
                })
                .collect(),
        },
        Posture::ActiveActiveMultiWriter => Placement::MultiWriter {
            writers: ls(&c.replicas),
        },
        Posture::GlobalConsensus => Placement::Consensus {
            leader: l(c.voters[0]),
            followers: ls(&c.voters[1..]),
        },
    }
}

/// The replication links of a placement, each with the RTT the engine used.
fn links_of(ctx: &Ctx, posture: Posture, c: &Choice) -> Vec<ReplicationLink> {
    let mut pairs: Vec<(usize, usize, LinkKind)> = Vec::new();
    match posture {
        Posture::SingleRegion | Posture::BackupRestore => {
            if let (Some(p), Some(b)) = (c.primary, c.backup) {
                pairs.push((p, b, LinkKind::Backup));
            }
        }
        Posture::PilotLight | Posture::WarmStandby | Posture::SyncStandby => {
            if let (Some(p), Some(s)) = (c.primary, c.standby) {
                let kind = if posture == Posture::SyncStandby {
                    LinkKind::Sync
                } else {
                    LinkKind::Async
                };
                pairs.push((p, s, kind));
            }
        }
        Posture::ReadLocalWriteGlobal => {
            if let Some(p) = c.primary {
                pairs.extend(c.replicas.iter().map(|&r| (p, r, LinkKind::Async)));
            }
        }
        Posture::ActiveActivePartitioned => {
            for &(h, s) in &c.homes {
                if let Some(s) = s {
                    if !pairs.iter().any(|&(a, b, _)| a == h && b == s) {
                        pairs.push((h, s, LinkKind::Async));
                    }
                }
            }
        }
        Posture::ActiveActiveMultiWriter => {
            for (i, &a) in c.replicas.iter().enumerate() {
                pairs.extend(c.replicas[i + 1..].iter().map(|&b| (a, b, LinkKind::Async)));
            }
        }
        Posture::GlobalConsensus => {
            pairs.extend(
                c.voters[1..]
                    .iter()
                    .map(|&f| (c.voters[0], f, LinkKind::Sync)),
            );
        }
    }
    pairs
        .into_iter()
        .filter(|&(a, b, _)| a != b)
        .map(|(a, b, kind)| ReplicationLink {
            from: label(ctx, a),
            to: label(ctx, b),
            kind,
            rtt_p50_ms: ctx.rr(a, b).q.p50,
        })
        .collect()
}

/// Read-your-writes by sticky routing, when some population reads away from where its
/// writes land: the window is the p99 replication lag to the farthest such read region.
fn session_reads(ctx: &Ctx, class: &DataClass, lats: &[UserLatency]) -> Option<SessionReads> {
    if !placement::needs_session_reads(class) {
        return None;
    }
    let mut window_ms: f64 = 0.0;
    let mut writer = None;
    for l in lats {
        if l.read_from != l.write_via {
            window_ms = window_ms.max(rpo::lag(ctx, l.write_via, l.read_from).p99());
            writer = Some(l.write_via);
        }
    }
    let to = writer?;
    Some(SessionReads {
        window_s: show::round_duration(window_ms / 1000.0),
        share_of_reads: placement::session_read_share(class),
        to: label(ctx, to),
    })
}

/// Whether every region holding a primary, home or leader has somewhere to fail over to.
fn has_takeover(posture: Posture, c: &Choice) -> bool {
    match posture {
        Posture::SingleRegion => false,
        Posture::ActiveActivePartitioned => c.homes.iter().all(|h| h.1.is_some()),
        Posture::ActiveActiveMultiWriter => c.replicas.len() >= 2,
        Posture::GlobalConsensus => c.voters.len() >= 3,
        Posture::ReadLocalWriteGlobal => !c.replicas.is_empty(),
        Posture::BackupRestore => c.backup.is_some(),
        Posture::PilotLight | Posture::WarmStandby | Posture::SyncStandby => c.standby.is_some(),
    }
}

/// The loss when region `r`, accepting `share` of the writes, fails with `lag_s` unreplicated.
pub(super) fn loss(class: &DataClass, share: f64, lag_s: f64) -> Product {
    Product::writes_lost(class.writes_per_s, share, lag_s)
}

/// Achieved RPO (s, as shown) and the writes lost on the worst region's hard failure, with
/// its factors. `(None, None)`: the posture does not survive a region loss.
fn rpo_of(
    ctx: &Ctx,
    class: &DataClass,
    posture: Posture,
    c: &Choice,
    lats: &[UserLatency],
    rl: &rpo::RpoLag,
) -> (Option<f64>, Option<Product>) {
    let worst = |losses: Vec<(f64, Product)>| {
        let rpo = losses.iter().map(|l| l.0).fold(0.0, f64::max);
        let lost = losses
            .into_iter()
            .map(|l| l.1)
            .max_by(|a, b| a.value.total_cmp(&b.value));
        (Some(rpo), lost)
    };
    // The lag and the writes it loses, from the model or the chosen service's figure.
    let lagged = |share: f64, a: usize, b: usize| (rl.seconds(a, b), rl.loss(class, share, a, b));
    match posture {
        Posture::SingleRegion => (None, None),
        Posture::BackupRestore => {
            let s = show::round_duration(ctx.ops().backup_interval_min * 60.0);
            (Some(s), Some(loss(class, 1.0, s)))
        }
        Posture::SyncStandby | Posture::GlobalConsensus => (Some(0.0), Some(loss(class, 1.0, 0.0))),
        Posture::PilotLight | Posture::WarmStandby => {
            let (s, lost) = lagged(1.0, c.primary.unwrap(), c.standby.unwrap());
            (Some(s), Some(lost))
        }
        Posture::ReadLocalWriteGlobal => {
            let p = c.primary.unwrap();
            let target = placement::nearest_other(ctx, p, &c.replicas).unwrap_or(c.replicas[0]);
            let (s, lost) = lagged(1.0, p, target);
            (Some(s), Some(lost))
        }
        Posture::ActiveActivePartitioned => {
            if c.homes.iter().any(|h| h.1.is_none()) {
                return (None, None);
            }
            let share = writer_shares(ctx, lats);
            worst(
                c.homes
                    .iter()
                    .map(|&(h, s)| lagged(share[h], h, s.unwrap_or(h)))
                    .collect(),
            )
        }
        Posture::ActiveActiveMultiWriter => {
            let share = writer_shares(ctx, lats);
            worst(
                c.replicas
                    .iter()
                    .map(|&a| {
                        let b = placement::nearest_other(ctx, a, &c.replicas).unwrap_or(a);
                        lagged(share[a], a, b)
                    })
                    .collect(),
            )
        }
    }
}

/// Share of the class's writes each region accepts, from where each population writes.
pub(super) fn writer_shares(ctx: &Ctx, lats: &[UserLatency]) -> Vec<f64> {
    let mut share = vec![0.0; ctx.n()];
    for (l, s) in lats.iter().zip(&ctx.shares) {
        share[l.write_via] += s;
    }
    share
}

/// Expected conflicting writes per day for multi-writer (see docs/engine.md): two writes to
/// one record from regions a and b conflict when they fall within the replication lag of
/// each other; with Poisson writes spread uniformly over K records that is
/// `W_a x W_b x 2 x lag_ab / K` per second, summed over writer pairs. Each pair is a product
/// of its shown factors and the total is the sum of the pairs as shown.
fn conflicts(ctx: &Ctx, class: &DataClass, c: &Choice, lats: &[UserLatency]) -> Conflicts {
    if class.ownership == Ownership::PerPopulation {
        // Each record is written from its owner's region only.
        return Conflicts {
            per_day: 0.0,
            pairs: Vec::new(),
            owned_records: true,
        };
    }
    let keys = class
        .keys
        .unwrap_or(class.data_gb * 1e9 / class.record_bytes)
        .max(1.0);
    let share = writer_shares(ctx, lats);
    let mut pairs = Vec::new();
    for (i, &a) in c.replicas.iter().enumerate() {
        for &b in &c.replicas[i + 1..] {
            let (wa, wb) = (class.writes_per_s * share[a], class.writes_per_s * share[b]);
            if wa > 0.0 && wb > 0.0 {
                // The median lag, averaged over both directions, with its parts as shown.
                let lag_s = (rpo::lag(ctx, a, b).p50() + rpo::lag(ctx, b, a).p50()) / 2000.0;
                let (ab, ba) = (
                    rpo::median_lag_parts(ctx, a, b),
                    rpo::median_lag_parts(ctx, b, a),
                );
                let parts = LagParts {
                    half_rtt_ms: (ab.half_rtt_ms + ba.half_rtt_ms) / 2.0,
                    ..ab
                };
                pairs.push(ConflictPair {
                    between: [label(ctx, a), label(ctx, b)],
                    per_day: Product::conflicts(
                        wa,
                        wb,
                        Factor::modelled_lag_ms(lag_s, &parts),
                        keys,
                    ),
                });
            }
        }
    }
    Conflicts {
        per_day: pairs.iter().map(|p| round_sig(p.per_day.value)).sum(),
        pairs,
        owned_records: false,
    }
}

fn staleness_curve(
    ctx: &Ctx,
    class: &DataClass,
    posture: Posture,
    c: &Choice,
) -> Vec<StalenessPoint> {
    let strong = |_: f64| 1.0;
    let lin = class.consistency == Consistency::Linearizable;
    let curve: Box<dyn Fn(f64) -> f64> = match posture {
        Posture::ReadLocalWriteGlobal if !lin => {
            let p = c.primary.unwrap();
            let lags: Vec<_> = c.replicas.iter().map(|&r| rpo::lag(ctx, p, r)).collect();
            let n = c.replicas.len() + 1;
            Box::new(move |t| staleness::p_consistent(n, 1, 1, &lags, t))
        }
        Posture::ActiveActiveMultiWriter => {
            let mut lags = Vec::new();
            for &a in &c.replicas {
                for &b in &c.replicas {
                    if a != b {
                        lags.push(rpo::lag(ctx, a, b));
                    }
                }
            }
            let n = c.replicas.len();
            Box::new(move |t| staleness::p_consistent(n, 1, 1, &lags, t))
        }
        Posture::GlobalConsensus if !lin => {
            let l = c.voters[0];
            let lags: Vec<_> = c.voters[1..].iter().map(|&v| rpo::lag(ctx, l, v)).collect();
            Box::new(move |t| staleness::p_consistent(3, 1, 2, &lags, t))
        }
        _ => Box::new(strong),
    };
    staleness::CURVE_T_MS
        .iter()
        .map(|&t| StalenessPoint {
            t_ms: t,
            p_consistent: curve(t),
        })
        .collect()
}

pub(super) fn violations(class: &DataClass, posture: Posture, eval: &Evaluation) -> Vec<Violation> {
    let mut v = Vec::new();
    if posture == Posture::ActiveActiveMultiWriter {
        if class.conflicts == ConflictSemantics::NeverConflict {
            v.push(Violation {
                requirement: Requirement::Conflicts,
                target: None,
                achieved: eval.conflicts_per_day,
                by: None,
                message: format!(
                    "{} must never conflict, but concurrent writers in {} regions would produce {}",
                    class.name,
                    eval.placement.as_ref().map_or(0, |p| p.regions().len()),
                    show::posture_conflicts(eval)
                ),
            });
        }
        if class.consistency == Consistency::Causal
            && class.conflicts == ConflictSemantics::LastWriterWins
        {
            v.push(Violation {
                requirement: Requirement::Consistency,
                target: None,
                achieved: None,
                by: None,
                message: "causal reads need every write ordered after the writes it depends on; last-writer-wins by timestamp across independent writers can keep a write and drop one it depended on (mergeable data with causal delivery can keep it)".to_string(),
            });
        }
        if class.consistency == Consistency::Linearizable {
            v.push(Violation {
                requirement: Requirement::Consistency,
                target: None,
                achieved: None,
                by: None,
                message: "linearizable reads need one serial order of writes; independent writers cannot give one".to_string(),
            });
        }
    }
    for (req, target, achieved, what) in [
        (Requirement::Rpo, class.rpo_s, eval.rpo_s, "RPO"),
        (Requirement::Rto, class.rto_s, eval.rto_s, "RTO"),
    ] {
        let Some(t) = target else { continue };
        match achieved {
            None => v.push(Violation {
                requirement: req,
                target: Some(t),
                achieved: None,
                by: None,
                message: format!(
                    "{what} target {} for a region loss, but {} does not survive losing its region",
                    show::duration(t),
                    posture.slug()
                ),
            }),
            Some(a) if !show::met(a, t, show::round_duration) => v.push(Violation {
                requirement: req,
                target: Some(t),
                achieved: Some(a),
                by: Some(show::round_duration(a) - show::round_duration(t)),
                message: format!(
                    "{what} is {} > target {} (over by {})",
                    show::duration(a),
                    show::duration(t),
                    show::duration(show::round_duration(a) - show::round_duration(t))
                ),
            }),
            _ => {}
        }
    }
    for (req, budget, is_write) in [
        (Requirement::WriteLatency, class.write_p99_budget_ms, true),
        (Requirement::ReadLatency, class.read_p99_budget_ms, false),
    ] {
        let Some(b) = budget else { continue };
        let over: Vec<&PopulationLatency> = eval
            .latency
            .iter()
            .filter(|l| {
                let a = if is_write {
                    l.write_p99_ms
                } else {
                    l.read_p99_ms
                };
                !show::met(a, b, show::round_ms)
            })
            .collect();
        let worst = over.iter().max_by(|x, y| {
            let (a, c) = if is_write {
                (x.write_p99_ms, y.write_p99_ms)
            } else {
                (x.read_p99_ms, y.read_p99_ms)
            };
            a.total_cmp(&c)
        });
        if let Some(w) = worst {
            let a = if is_write {
                w.write_p99_ms
            } else {
                w.read_p99_ms
            };
            let kind = match (is_write, posture) {
                (true, Posture::GlobalConsensus) => "quorum write",
                (true, Posture::SyncStandby) => "synchronous write",
                (true, _) => "write",
                (false, _) => "read",
            };
            let path = if is_write {
                &w.write_path
            } else {
                &w.read_from
            };
            let others = if over.len() > 1 {
                format!(
                    "; {} of {} populations over budget",
                    over.len(),
                    eval.latency.len()
                )
            } else {
                String::new()
            };
            v.push(Violation {
                requirement: req,
                target: Some(b),
                achieved: Some(a),
                by: Some(show::round_ms(a) - show::round_ms(b)),
                message: format!(
                    "{kind} from {} is {} p99 > budget {} (over by {}, via {path}){others}",
                    w.population,
                    show::ms(a),
                    show::ms(b),
                    show::ms(show::round_ms(a) - show::round_ms(b))
                ),
            });
        }
    }
    v
}

pub(crate) fn evaluate_choice(
    ctx: &Ctx,
    class: &DataClass,
    posture: Posture,
    c: &Choice,
) -> Evaluation {
    let placement = Some(placement_of(ctx, posture, c));
    let links = links_of(ctx, posture, c);
    // Each population's write and read, computed once and used by every figure below.
    let lats: Vec<UserLatency> = (0..ctx.users.len())
        .map(|u| placement::user_latency(ctx, class, posture, c, u))
        .collect();
    let latency: Vec<PopulationLatency> = lats
        .iter()
        .enumerate()
        .map(|(u, l)| {
            let mut write_path = label(ctx, l.write_via);
            if posture == Posture::SyncStandby {
                write_path = format!(
                    "{write_path}, sync ack from {}",
                    label(ctx, c.standby.unwrap())
                );
            }
            if let Some(q) = l.quorum_via {
                write_path = format!("leader {write_path}, quorum ack from {}", label(ctx, q));
            }
            PopulationLatency {
                population: ctx.user_name(u).to_string(),
                write_p50_ms: l.write.p50,
                write_p99_ms: l.write.p99,
                read_p50_ms: l.read.p50,
                read_p99_ms: l.read.p99,
                write_budget_ms: class.write_p99_budget_ms,
                read_budget_ms: class.read_p99_budget_ms,
                write_path,
                read_from: label(ctx, l.read_from),
                access: ctx.plan.users[u].access,
            }
        })
        .collect();
    // The class's chosen service when it fits: its lag drives the RPO and its layout the
    // service after each region loss.
    let fit = placement
        .as_ref()
        .and_then(|p| super::services::chosen_fit(class, posture, p));
    let rl = rpo::RpoLag::new(ctx, fit.as_ref());
    let (rpo_s, writes_lost) = rpo_of(ctx, class, posture, c, &lats, &rl);
    // No takeover target for some failed region, no recovery time at all: a partition whose
    // residency allows no standby is down until its region returns.
    let rto = if has_takeover(posture, c) {
        rto::rto(posture, class, ctx.ops())
    } else {
        None
    };
    let rto_s = rto.as_ref().map(|r| r.total_s());
    let survived = match posture {
        Posture::SingleRegion => 0,
        _ if rpo_s.is_none() => 0,
        Posture::ReadLocalWriteGlobal | Posture::ActiveActiveMultiWriter => {
            (c.replicas.len() + usize::from(c.primary.is_some())).saturating_sub(1) as u32
        }
        _ => 1,
    };
    let conflicts =
        (posture == Posture::ActiveActiveMultiWriter).then(|| conflicts(ctx, class, c, &lats));
    let mut sources = ctx.price_sources.borrow_mut();
    let cost = cost::cost(ctx, class, posture, c, &ctx.prices, &mut sources);
    drop(sources);
    let mut eval = Evaluation {
        posture,
        placeable: true,
        latency,
        rpo_s,
        writes_lost_on_region_failure: writes_lost,
        rto_s,
        rto,
        region_failures_survived: survived,
        outages: super::outages::outages(ctx, class, posture, c, &lats, rto_s, fit.as_ref()),
        staleness: staleness_curve(ctx, class, posture, c),
        conflicts_per_day: Some(conflicts.as_ref().map_or(0.0, |c| c.per_day)),
        conflicts,
        monthly_cost_usd: Some(cost.total_usd()),
        cost: Some(cost),
        cost_multiple: None,
        residency: residency::copies(ctx, class, c),
        session_reads: session_reads(ctx, class, &lats),
        placement,
        links,
        violations: Vec::new(),
    };
    eval.violations = violations(class, posture, &eval);
    eval
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflicts_by_hand() {
        // 10 writes/s on each side, 100 ms lag, 1000 records:
        // 10 x 10 x 2 x 0.1 / 1000 = 0.02 conflicts/s = 1728 per day.
        let p = Product::conflicts(10.0, 10.0, Factor::lag_ms(0.1), 1000.0);
        assert!((p.value - 1728.0).abs() < 1e-9);
    }
}
