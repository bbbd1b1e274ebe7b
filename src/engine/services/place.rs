//! The placement search held to a chosen service's constraints, from outside the search:
//! when the engine's best placement breaks the service's rules, the placements the service
//! admits are enumerated within each group of regions it allows (its provider's regions,
//! each DynamoDB MRSC region set, each Spanner configuration), each checked against the
//! catalog, and the best by the engine's own objective is kept. If none exists the
//! engine's placement stands and the choice is refused with the constraint it breaks.
//!
//! * single-region, backup & restore and the standby postures: every primary and takeover
//!   pair of a group (the pairs the search itself compares);
//! * global consensus: every leader and pair of other voters of a group (the search's
//!   candidates, limited to the group);
//! * read-local-write-global, partitioned and multi-writer: the engine's own search run on
//!   the plan with only the group's regions (same users, same local commit), its choice
//!   mapped back.
//!
//! A placement pin that binds the posture wins: the pinned roles are the user's decision.

use crate::catalog::{self, data::RegionRule, Service};
use crate::engine::evaluate_posture::placement_of;
use crate::engine::placement::{self, Choice, Objective, Unplaceable};
use crate::engine::{pin, Ctx, Posture};
use crate::plan::{DataClass, Plan};

/// The class's chosen service, when it offers `posture`.
fn offered(class: &DataClass, posture: Posture) -> Option<&'static Service> {
    let s = catalog::service(class.service.as_deref()?).ok()??;
    s.postures.contains(&posture).then_some(s)
}

fn fits(ctx: &Ctx, service: &'static Service, posture: Posture, c: &Choice) -> bool {
    catalog::evaluate(service, posture, &placement_of(ctx, posture, c)).is_ok()
}

/// The best placement of `posture` for `class` that its chosen service can take, else the
/// engine's best placement (see the module docs).
pub(crate) fn search(
    ctx: &Ctx,
    class: &DataClass,
    posture: Posture,
) -> Result<(Choice, Objective), Unplaceable> {
    let free = placement::search(ctx, class, posture);
    let Some(service) = offered(class, posture) else {
        return free;
    };
    if pin::applies(&class.placement_pin, posture) {
        return free;
    }
    if let Ok((c, _)) = &free {
        if fits(ctx, service, posture, c) {
            return free;
        }
    }
    best_admissible(ctx, class, posture, service).map_or(free, Ok)
}

/// The best placement `service` admits, by the engine's objective; `None` when it admits
/// none among the plan's regions.
fn best_admissible(
    ctx: &Ctx,
    class: &DataClass,
    posture: Posture,
    service: &'static Service,
) -> Option<(Choice, Objective)> {
    let mut best: Option<(Choice, Objective)> = None;
    let consider = |best: &mut Option<(Choice, Objective)>, c: Choice| {
        if !fits(ctx, service, posture, &c) {
            return;
        }
        let o = placement::objective(ctx, class, posture, &c);
        if best
            .as_ref()
            .is_none_or(|b| o.compare(&b.1) == std::cmp::Ordering::Less)
        {
            *best = Some((c, o));
        }
    };
    let allowed = ctx.allowed(class);
    let dr = ctx.dr_allowed(class);
    for group in groups(ctx, service) {
        let inside = |rs: &[usize]| -> Vec<usize> {
            rs.iter().copied().filter(|r| group.contains(r)).collect()
        };
        let (allowed, dr) = (inside(&allowed), inside(&dr));
        let primaries = ctx.hinted(class, &allowed);
        // The engine's search on the group alone: when its best fits it is the group's best.
        let within = search_within(ctx, class, posture, &group);
        if let Some(c) = within.filter(|c| fits(ctx, service, posture, c)) {
            consider(&mut best, c);
            continue;
        }
        match posture {
            Posture::SingleRegion => {
                for &p in &primaries {
                    consider(
                        &mut best,
                        Choice {
                            primary: Some(p),
                            ..Choice::default()
                        },
                    );
                }
            }
            Posture::BackupRestore
            | Posture::PilotLight
            | Posture::WarmStandby
            | Posture::SyncStandby => {
                for &p in &primaries {
                    for &t in dr.iter().filter(|&&t| t != p) {
                        consider(&mut best, Choice::with_takeover(posture, p, t));
                    }
                }
            }
            Posture::GlobalConsensus => {
                placement::voter_triples(&primaries, &allowed, |voters| {
                    if best
                        .as_ref()
                        .is_some_and(|x| cannot_beat(ctx, class, &voters, &x.1))
                    {
                        return;
                    }
                    consider(
                        &mut best,
                        Choice {
                            voters,
                            ..Choice::default()
                        },
                    );
                });
            }
            Posture::ReadLocalWriteGlobal
            | Posture::ActiveActivePartitioned
            | Posture::ActiveActiveMultiWriter => {}
        }
    }
    best
}

/// Whether consensus `voters` (leader first) cannot beat `best`, from a lower bound of
/// their objective: each user's write takes at least its round trip to the leader, and its
/// read at least the smallest read p99 over the voters' links (`Link::read_floor`, which
/// bounds a read-your-writes mixture too); a quorum wait and a commit only add, and the objective's terms grow with both. Consensus
/// has no takeover, so the failover terms are 0 and the bound compares safely: it skips a
/// candidate only when its excess is already larger, or equal with a traffic-weighted
/// latency no smaller, than the best's.
fn cannot_beat(ctx: &Ctx, class: &DataClass, voters: &[usize], best: &Objective) -> bool {
    let lb = placement::sum_user_terms(ctx, class, |u| {
        let w = ctx.ur(u, voters[0]).q.p99;
        let r = voters
            .iter()
            .map(|&v| ctx.ur(u, v).read_floor)
            .fold(f64::INFINITY, f64::min);
        (w, r)
    });
    lb.excess_ms > best.excess_ms
        || (lb.excess_ms == best.excess_ms
            && best.failover_excess_ms <= 0.0
            && lb.weighted_ms >= best.weighted_ms)
}

/// The groups of plan regions (indices) one deployment of the service may span: its
/// provider's regions (those it is offered in), or one group per region set or
/// configuration.
fn groups(ctx: &Ctx, service: &Service) -> Vec<Vec<usize>> {
    let provider = service.host.provider();
    let code = |i: usize| -> Option<&str> {
        match (provider, catalog::units::split(&ctx.labels[i])) {
            (None, _) => Some(ctx.labels[i].as_str()),
            (Some(want), Some((got, code))) if want == got => Some(code),
            _ => None,
        }
    };
    let regions_in = |keep: &dyn Fn(&str) -> bool| -> Vec<usize> {
        (0..ctx.n())
            .filter(|&i| code(i).is_some_and(keep))
            .collect()
    };
    let mut out: Vec<Vec<usize>> = match &service.regions {
        RegionRule::Any { only, .. } => vec![regions_in(&|c: &str| {
            only.as_ref().is_none_or(|o| o.iter().any(|x| x == c))
        })],
        RegionRule::Sets { sets, .. } => sets
            .iter()
            .map(|s| regions_in(&|c: &str| s.regions.iter().any(|x| x == c)))
            .collect(),
        RegionRule::Configurations { configurations, .. } => configurations
            .iter()
            .map(|k| regions_in(&|c: &str| k.regions().any(|x| x == c)))
            .collect(),
    };
    out.retain(|g| !g.is_empty());
    out.sort();
    out.dedup();
    out
}

/// The engine's own search on the plan reduced to `group` (same users, prices and local
/// commit), its choice mapped back to the plan's region indices; `None` when the group
/// is the whole plan (the search already ran) or leaves no placement.
fn search_within(
    ctx: &Ctx,
    class: &DataClass,
    posture: Posture,
    group: &[usize],
) -> Option<Choice> {
    if group.len() == ctx.n() {
        return None;
    }
    let plan = Plan {
        regions: group.iter().map(|&i| ctx.plan.regions[i].clone()).collect(),
        ..ctx.plan.clone()
    };
    let mut sub = Ctx::new(&plan);
    // The local commit is the first region's in-region round trip: keep the plan's.
    sub.commit = ctx.commit;
    let (c, _) = placement::search(&sub, class, posture).ok()?;
    let at = |i: usize| group[i];
    Some(Choice {
        primary: c.primary.map(at),
        standby: c.standby.map(at),
        replicas: c.replicas.iter().map(|&i| at(i)).collect(),
        homes: c.homes.iter().map(|&(h, s)| (at(h), s.map(at))).collect(),
        voters: c.voters.iter().map(|&i| at(i)).collect(),
        backup: c.backup.map(at),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Plan;

    /// With a service that admits every placement of the plan (self-managed software, no
    /// region rule the placements break), the enumeration, pruned by its lower bound, finds
    /// what the engine's own search finds, with the same objective.
    #[test]
    fn the_enumeration_finds_the_engines_own_best_when_everything_is_admitted() {
        let plan = Plan::example();
        let ctx = Ctx::new(&plan);
        for (id, posture) in [
            ("self-cockroachdb-region-survival", Posture::GlobalConsensus),
            ("self-postgres-patroni", Posture::SyncStandby),
            ("self-postgres-patroni", Posture::WarmStandby),
        ] {
            let service = catalog::service(id).unwrap().unwrap();
            for class in &plan.data_classes {
                let Ok((engine, o)) = placement::search(&ctx, class, posture) else {
                    // Unplaceable (residency): nothing is admitted either.
                    assert!(best_admissible(&ctx, class, posture, service).is_none());
                    continue;
                };
                let (found, p) = best_admissible(&ctx, class, posture, service).unwrap();
                assert_eq!(
                    p.compare(&o),
                    std::cmp::Ordering::Equal,
                    "{id} {}",
                    class.name
                );
                assert_eq!(
                    placement_of(&ctx, posture, &found),
                    placement_of(&ctx, posture, &engine),
                    "{id} {}",
                    class.name
                );
            }
        }
    }
}
