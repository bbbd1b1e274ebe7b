//! What losing each region does to a class under its placement: the writes lost (with their
//! factors), how long its users are down, what happens in words, and each population's
//! service once the failover is done.

use super::evaluate_posture::{label, loss, writer_shares};
use super::placement::{self, Choice, UserLatency};
use super::posture::Posture;
use super::report::Outage;
use super::{after_failover, rpo, rto, Ctx};
use crate::catalog::Fit;
use crate::plan::DataClass;
use crate::present::{self as show, Product};

/// One outage per region of the plan, in plan order.
pub(crate) fn outages(
    ctx: &Ctx,
    class: &DataClass,
    posture: Posture,
    c: &Choice,
    lats: &[UserLatency],
    rto_s: Option<f64>,
    fit: Option<&Fit>,
) -> Vec<Outage> {
    let ops = ctx.ops();
    let reroute = show::round_duration(rto::detection_s(ops) + rto::routing_s(ops));
    let share = writer_shares(ctx, lats);
    // The lag from the model, or the chosen service's published figure (as in the RPO).
    let rl = rpo::RpoLag::new(ctx, fit);
    let read_from: Vec<usize> = lats.iter().map(|l| l.read_from).collect();
    // The same for every region that loses nothing: built once (formatting its factors was a
    // tenth of an 80-region evaluation), cloned per region.
    let nothing_lost = Product::writes_lost(class.writes_per_s, 1.0, 0.0);
    let none = || nothing_lost.clone();
    let no_copy = format!("no copy of {} here: unaffected", class.name);
    (0..ctx.n())
        .map(|r| {
            let name = label(ctx, r);
            let after = after_failover::after_loss(ctx, class, posture, c, lats, r, fit);
            // A quorum service names where its leader goes and whose votes carry on.
            let quorum_service = fit
                .map(|f| f.service)
                .filter(|s| matches!(s.write, crate::catalog::WriteRule::Quorum { .. }));
            let users_here: Vec<&str> = (0..ctx.users.len())
                .filter(|&u| read_from[u] == r)
                .map(|u| ctx.user_name(u))
                .collect();
            let (lost, down, effect): (Product, Option<f64>, String) = match posture {
                _ if c.primary == Some(r) => {
                    let lost = match posture {
                        Posture::SingleRegion => none(),
                        Posture::BackupRestore => loss(class, 1.0, show::round_duration(ops.backup_interval_min * 60.0)),
                        Posture::SyncStandby => none(),
                        _ => {
                            let to = c.standby.or_else(|| placement::nearest_other(ctx, r, &c.replicas)).unwrap_or(r);
                            rl.loss(class, 1.0, r, to)
                        }
                    };
                    let effect = match rto_s {
                        None => format!("{} is down until {name} returns; data since the last backup is at risk", class.name),
                        Some(t) => format!(
                            "primary lost: {} fails over in {} and loses {}",
                            class.name,
                            show::duration(t),
                            lost.writes_text()
                        ),
                    };
                    (lost, rto_s, effect)
                }
                _ if c.standby == Some(r) => (
                    none(),
                    // A lost sync standby stalls writes until detection drops it to async.
                    Some(if posture == Posture::SyncStandby {
                        show::round_duration(rto::detection_s(ops))
                    } else {
                        0.0
                    }),
                    if posture == Posture::SyncStandby {
                        "sync standby lost: writes stall until detection drops it to async, then run unprotected (RPO > 0) until it is rebuilt".to_string()
                    } else {
                        "standby lost: no impact on users; no region protection until it is rebuilt".to_string()
                    },
                ),
                _ if c.voters.first() == Some(&r) => (
                    none(),
                    Some(rto_s.unwrap_or(0.0)),
                    match (quorum_service, after.first().and_then(|a| a.served_from.as_deref())) {
                        (Some(s), Some(leader)) => show::service_figures::leader_moved(s, leader, rto_s.unwrap_or(0.0)),
                        _ => format!("leader lost: the other two voters elect a new leader; no acknowledged write is lost; users re-route in {}", show::duration(rto_s.unwrap_or(0.0))),
                    },
                ),
                _ if c.voters.contains(&r) => (
                    none(),
                    Some(0.0),
                    match quorum_service {
                        Some(s) => show::service_figures::voter_lost(s),
                        None => "voter lost: the leader still has a majority (2 of 3); writes continue, no loss".to_string(),
                    },
                ),
                _ if c.homes.iter().any(|h| h.0 == r) => {
                    let owners: Vec<&str> = c.homes.iter().enumerate().filter(|(_, h)| h.0 == r).map(|(u, _)| ctx.user_name(u)).collect();
                    let standby = c.homes.iter().find(|h| h.0 == r).and_then(|h| h.1);
                    let all_have_standby = c.homes.iter().filter(|h| h.0 == r).all(|h| h.1.is_some());
                    match standby {
                        Some(s) if all_have_standby => {
                            let lost = rl.loss(class, share[r], r, s);
                            let effect = format!("home of {} lost: their partition fails over in {} and loses {}; other users unaffected", owners.join(", "), show::recovery(rto_s), lost.writes_text());
                            (lost, rto_s, effect)
                        }
                        _ => (none(), None, format!("home of {} lost: no standby allowed, their records are unavailable until {name} returns", owners.join(", "))),
                    }
                }
                Posture::ActiveActiveMultiWriter if c.replicas.contains(&r) => {
                    let to = placement::nearest_other(ctx, r, &c.replicas).unwrap_or(r);
                    let lost = rl.loss(class, share[r], r, to);
                    let down = if users_here.is_empty() { 0.0 } else { reroute };
                    let effect = format!("writer lost: its users re-route to another writer in {}; unreplicated writes lost: {}", show::duration(reroute), lost.writes_text());
                    (lost, Some(down), effect)
                }
                _ if c.replicas.contains(&r) => (
                    none(),
                    Some(if users_here.is_empty() { 0.0 } else { reroute }),
                    if users_here.is_empty() {
                        "replica lost: no reader depends on it; no loss".to_string()
                    } else {
                        format!("replica lost: readers from {} re-route in {}; no loss", users_here.join(", "), show::duration(reroute))
                    },
                ),
                _ if c.backup == Some(r) || c.homes.iter().any(|h| h.1 == Some(r)) => (
                    none(),
                    Some(0.0),
                    "holds a backup or standby copy only: no impact on users; protection lost until rebuilt".to_string(),
                ),
                _ => (none(), Some(0.0), no_copy.clone()),
            };
            Outage {
                region: name,
                writes_lost: lost,
                downtime_s: down,
                effect,
                after,
            }
        })
        .collect()
}
