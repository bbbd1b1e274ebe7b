//! A failover runbook per data class: the steps an on-call engineer follows when a region
//! is lost, with the plan's real regions, thresholds and numbers (detection = health-check
//! interval x threshold, the DNS TTL, the replica lag to check against the RPO, the
//! promotion method and its time, the writes at risk). Steps are plain text; they are
//! escaped when rendered.

use std::fmt::Write as _;

use super::escape;
use crate::engine::report::{ClassReport, Evaluation, Placement, Report};
use crate::engine::Posture;
use crate::plan::{ConflictSemantics, DataClass, Operations, Plan, Promotion, Routing};
use crate::present as show;

/// One step: a short imperative title and what exactly to do or check.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub title: &'static str,
    pub detail: String,
}

/// The runbook for one data class.
#[derive(Clone, Debug, PartialEq)]
pub struct Runbook {
    pub class: String,
    pub posture: Posture,
    /// One sentence: what failing over means for this class.
    pub summary: String,
    pub steps: Vec<Step>,
}

/// The data class a report entry describes (plan order; names are unique in a valid plan).
pub(crate) fn class_of<'a>(plan: &'a Plan, c: &ClassReport) -> Option<&'a DataClass> {
    plan.data_classes.iter().find(|d| d.name == c.name)
}

fn detection(o: &Operations) -> String {
    format!(
        "health checks fail {} times in a row at {} intervals (detection {})",
        o.health_check_failure_threshold,
        show::duration(o.health_check_interval_s),
        show::duration(o.health_check_interval_s * f64::from(o.health_check_failure_threshold))
    )
}

fn promotion(o: &Operations, e: &Evaluation) -> String {
    let planned = e.rto.as_ref().map_or(0.0, |r| r.promotion_s);
    match o.promotion {
        Promotion::Automated => format!(
            "automated promotion, planned at {}",
            show::duration(planned)
        ),
        Promotion::Manual => format!(
            "manual promotion by the on-call engineer, drilled at {} min (planned {})",
            o.manual_promotion_min,
            show::duration(planned)
        ),
    }
}

fn shift_small(o: &Operations, to: &str) -> String {
    match o.routing {
        Routing::Dns => format!(
            "Send a small weighted share (about 5 %) of traffic to {to} through DNS and wait out the record TTL of {} plus the resolver overstay of {} before judging it; clients that cache longer keep hitting the failed region for a while.",
            show::duration(o.dns_ttl_s),
            show::duration(o.resolver_overstay_s)
        ),
        Routing::Anycast => format!(
            "Shift a small share (about 5 %) of traffic to {to} at the global load balancer / anycast layer; it re-routes in seconds."
        ),
    }
}

fn watch(dc: Option<&DataClass>, e: &Evaluation) -> String {
    let budget = show::ms_budget;
    let warm = e.rto.as_ref().map_or(0.0, |r| r.warmup_s);
    let mut s = format!(
        "Compare error rate and p95/p99 latency with the pre-failover baseline (write p99 budget: {}, read p99 budget: {}).",
        budget(dc.and_then(|d| d.write_p99_budget_ms)),
        budget(dc.and_then(|d| d.read_p99_budget_ms))
    );
    if warm > 0.0 {
        let _ = write!(
            s,
            " Expect {} of warm-up (scaling or cache warming) before latency settles.",
            show::duration(warm)
        );
    }
    if let Some(sr) = &e.session_reads {
        let _ = write!(
            s,
            " Read-your-writes is kept by sticky routing: after promotion, point it at the new write region, or a user's reads right after their own write go to a replica that may not have it (the mechanism in normal operation: {}).",
            show::session_reads(dc.map_or(crate::plan::Consistency::ReadYourWrites, |d| d.consistency), sr)
        );
    }
    s
}

fn rto_line(dc: Option<&DataClass>, e: &Evaluation) -> String {
    match (&e.rto, e.rto_s) {
        (Some(r), Some(total)) => format!(
            "Expected time to recover {} = {} detection + {} routing + {} promotion + {} warm-up, against the RTO target {}.",
            show::duration(total),
            show::duration(r.detection_s),
            show::duration(r.routing_s),
            show::duration(r.promotion_s),
            show::duration(r.warmup_s),
            show::duration_target(dc.and_then(|d| d.rto_s))
        ),
        _ => "This posture does not recover from a region loss on its own.".into(),
    }
}

fn lost_tail(e: &Evaluation) -> (String, f64) {
    match &e.writes_lost_on_region_failure {
        Some(p) => (format!("up to {}", p.writes_text()), p.value),
        None => ("everything since the region was lost".to_string(), 0.0),
    }
}

/// "within the RPO target 60 s", or a plain check when the class has no RPO target.
fn within_rpo(dc: Option<&DataClass>) -> String {
    match dc.and_then(|d| d.rpo_s) {
        Some(t) => format!("within the RPO target {}", show::duration(t)),
        None => "no larger than expected (the class has no RPO target)".into(),
    }
}

fn common_start(o: &Operations, failed: &str) -> Vec<Step> {
    vec![
        Step {
            title: "Confirm impact",
            detail: format!(
                "Alarm: {} against {failed}. Confirm from a second vantage point (another region's prober, the provider's status page) that {failed} is down or cut off, not the checker. Note the time: the RTO clock runs from the failure.",
                detection(o)
            ),
        },
        Step {
            title: "Freeze deploys",
            detail: "Stop deploys and config changes in every region until failback is complete."
                .into(),
        },
    ]
}

fn single_writer(plan: &Plan, c: &ClassReport, dc: Option<&DataClass>) -> Runbook {
    let o = &plan.operations;
    let e = &c.chosen;
    let replicas: &[String] = match &e.placement {
        Some(Placement::Replicated { replicas, .. }) => replicas,
        _ => &[],
    };
    let primary = e
        .placement
        .as_ref()
        .and_then(|p| p.primary())
        .unwrap_or("the primary")
        .to_string();
    let target = e
        .placement
        .as_ref()
        .and_then(|p| p.standby())
        .or(replicas.first().map(String::as_str))
        .unwrap_or("the standby")
        .to_string();
    let rpo_t = show::duration_target(dc.and_then(|d| d.rpo_s));
    let within = within_rpo(dc);
    let (tail, lost) = lost_tail(e);
    let lag = show::service_figures::expected_lag(dc, e);
    let mut steps = common_start(o, &primary);
    let readiness = match e.posture {
        Posture::SyncStandby => format!(
            "{target} replicates synchronously: confirm it acknowledged every commit up to the failure (no period where replication fell back to async). If it did fall back, the RPO is not 0: measure its lag first (RPO target {rpo_t})."
        ),
        Posture::PilotLight => format!(
            "{target} holds the data tier only: start scaling its compute to serving size now. Check its replica lag: the last applied write must be {within} (expected {lag}, {tail}). If the lag is larger, escalate before promoting: promotion would lose more than agreed.",
        ),
        Posture::ReadLocalWriteGlobal => format!(
            "Promote the read replica in {target}. Check its replica lag is {within} (expected {lag}, {tail}); the other replicas ({}) must re-point to it after promotion.",
            if replicas.len() > 1 { replicas[1..].join(", ") } else { "none".into() }
        ),
        _ => format!(
            "{target} runs scaled down: check it is healthy and its replica lag is {within} (expected {lag}, {tail}). If the lag is larger, escalate before promoting.",
        ),
    };
    steps.push(Step {
        title: "Check the standby",
        detail: readiness,
    });
    steps.push(Step {
        title: "Fence, then promote",
        detail: format!(
            "One actor promotes (whoever holds the failover lock); nobody else. First fence {primary}: revoke its write credentials or bump the replication epoch so that it cannot accept writes if it comes back (split brain). Then promote {target}: {}.",
            promotion(o, e)
        ),
    });
    steps.extend(rest_of_failover(o, dc, e, &primary, &target, lost, &tail));
    Runbook {
        class: c.name.clone(),
        posture: e.posture,
        summary: format!(
            "Writes go to {primary}; on its loss {target} is promoted. RPO {} (target {rpo_t}), RTO {} (target {}).",
            show::duration(e.rpo_s.unwrap_or(0.0)),
            show::recovery(e.rto_s),
            show::duration_target(dc.and_then(|d| d.rto_s))
        ),
        steps,
    }
}

fn rest_of_failover(
    o: &Operations,
    dc: Option<&DataClass>,
    e: &Evaluation,
    failed: &str,
    target: &str,
    lost: f64,
    tail: &str,
) -> Vec<Step> {
    let reconcile = if lost > 0.0 {
        format!(
            "When {failed} is reachable again (still fenced), extract the writes it committed after the last position {target} applied: the lost tail, {tail}. Replay the ones that are still valid, and tell the owners of the others."
        )
    } else {
        format!(
            "RPO is 0: when {failed} is reachable, confirm with row counts or checksums that {target} has every acknowledged write. Then find the cause."
        )
    };
    vec![
        Step {
            title: "Shift a small share",
            detail: shift_small(o, target),
        },
        Step {
            title: "Watch errors and p95",
            detail: watch(dc, e),
        },
        Step {
            title: "Shift all traffic",
            detail: format!("Move the rest of the traffic to {target}. {}", rto_line(dc, e)),
        },
        Step {
            title: "Announce",
            detail: if lost > 0.0 {
                format!(
                    "Post on the status page and the incident channel: service restored from {target}; writes made in the last {} before the failure may be missing ({}) and are being reconciled.",
                    show::duration(e.rpo_s.unwrap_or(0.0)),
                    show::writes(lost)
                )
            } else {
                format!("Post on the status page and the incident channel: service restored from {target}; no acknowledged write was lost.")
            },
        },
        Step {
            title: "Investigate and reconcile",
            detail: reconcile,
        },
        Step {
            title: "Fail back deliberately",
            detail: format!(
                "Rebuild {failed} as a replica of {target} and let it catch up; switch back only in a planned window with these same steps (or stay on {target}). Never fail back automatically."
            ),
        },
    ]
}

fn partitioned(plan: &Plan, c: &ClassReport, dc: Option<&DataClass>) -> Runbook {
    let o = &plan.operations;
    let e = &c.chosen;
    let homes: &[crate::engine::report::Home] = match &e.placement {
        Some(Placement::Partitioned { homes }) => homes,
        _ => &[],
    };
    let homes: Vec<String> = homes
        .iter()
        .map(|h| match &h.standby {
            Some(s) => format!("{}: home {} fails over to {s}", h.population, h.region),
            None => format!(
                "{}: home {} has no standby (no allowed second region): that partition is down until its region returns",
                h.population, h.region
            ),
        })
        .collect();
    let (tail, lost) = lost_tail(e);
    let lag = show::service_figures::expected_lag(dc, e);
    let within = within_rpo(dc);
    let same_jurisdiction = if dc.is_some_and(|d| d.residency != crate::plan::Residency::None) {
        " Records are never re-homed outside their jurisdiction: each standby is in the same one."
    } else {
        ""
    };
    let mut steps = common_start(o, "the failed home region");
    steps[0]
        .detail
        .push_str(" Only the partition homed there is affected (partitions above).");
    steps.push(Step {
        title: "Check the standby",
        detail: format!(
            "Check the failed partition's standby is healthy and its replica lag is {within} (expected {lag}, {tail} for the largest partition).{same_jurisdiction}",
        ),
    });
    steps.push(Step {
        title: "Fence, then promote",
        detail: format!(
            "One actor promotes that partition's standby; nobody else. First fence the failed home (revoke its write credentials or bump the epoch) so it cannot accept writes if it comes back. Then promote: {}.",
            promotion(o, e)
        ),
    });
    steps.extend(rest_of_failover(
        o,
        dc,
        e,
        "the failed home",
        "its standby",
        lost,
        &tail,
    ));
    Runbook {
        class: c.name.clone(),
        posture: e.posture,
        summary: format!(
            "Each record has one home region; a region loss fails over only the partition homed there. {}.",
            homes.join("; ")
        ),
        steps,
    }
}

fn multi_writer(plan: &Plan, c: &ClassReport, dc: Option<&DataClass>) -> Runbook {
    let o = &plan.operations;
    let e = &c.chosen;
    let writers: &[String] = match &e.placement {
        Some(Placement::MultiWriter { writers }) => writers,
        _ => &[],
    };
    let n = writers.len().max(1);
    let writers = writers.join(", ");
    let (tail, lost) = lost_tail(e);
    let merge = match dc.map(|d| d.conflicts) {
        Some(ConflictSemantics::Mergeable) => "they merge (CRDT-shaped data)",
        Some(ConflictSemantics::LastWriterWins) => {
            "last writer wins: the older of two concurrent updates is dropped; log what was dropped"
        }
        _ => "they need reconciliation by the owning team",
    };
    let mut steps = common_start(o, "the failed writer region");
    steps.push(Step {
        title: "Check the survivors",
        detail: format!(
            "No promotion is needed: every region in {writers} accepts writes. Check the survivors can absorb the failed region's share: with {n} writers each should run at most {:.0} % utilised in normal operation.",
            100.0 * (n as f64 - 1.0) / n as f64
        ),
    });
    steps.push(Step {
        title: "Shift traffic away",
        detail: shift_small(o, "the surviving writers"),
    });
    steps.push(Step {
        title: "Watch errors, p95 and conflicts",
        detail: format!(
            "{} Also watch the conflict rate: {} are expected in normal operation.",
            watch(dc, e),
            show::posture_conflicts(e)
        ),
    });
    steps.push(Step {
        title: "Shift all traffic",
        detail: rto_line(dc, e),
    });
    steps.push(Step {
        title: "Announce",
        detail: format!(
            "Post on the status page: service continues from {writers} minus the failed region; writes made there in the last {} before the failure ({}) are delayed until it returns.",
            show::duration(e.rpo_s.unwrap_or(0.0)),
            show::writes(lost)
        ),
    });
    steps.push(Step {
        title: "Investigate and reconcile",
        detail: format!(
            "When the region returns, its unreplicated writes ({tail}) replicate out and meet concurrent updates: {merge}."
        ),
    });
    steps.push(Step {
        title: "Fail back deliberately",
        detail: "Re-admit traffic to the returning region only after its replication has caught up, with a small share first.".into(),
    });
    Runbook {
        class: c.name.clone(),
        posture: e.posture,
        summary: format!(
            "Every region ({writers}) accepts writes; a region loss moves its users to the others. RPO {} (lag), RTO {}.",
            show::duration(e.rpo_s.unwrap_or(0.0)),
            show::recovery(e.rto_s)
        ),
        steps,
    }
}

fn consensus(plan: &Plan, c: &ClassReport, dc: Option<&DataClass>) -> Runbook {
    let o = &plan.operations;
    let e = &c.chosen;
    let (leader, voters): (String, Vec<String>) = match &e.placement {
        Some(Placement::Consensus { leader, followers }) => (
            leader.clone(),
            std::iter::once(leader).chain(followers).cloned().collect(),
        ),
        _ => ("the leader".into(), Vec::new()),
    };
    let n = voters.len();
    let q = n / 2 + 1;
    let mut steps = common_start(o, "the failed voter region");
    steps.push(Step {
        title: "Check the quorum",
        detail: format!(
            "Voters: {} ({n}); a write needs {q} of them, so {} survived. Confirm the remaining voters still form a quorum. Do not force a reconfiguration while a quorum exists.",
            voters.join(", "),
            match n.saturating_sub(q) {
                0 => "no region loss is".to_string(),
                1 => "one region loss is".to_string(),
                k => format!("{k} region losses are"),
            }
        ),
    });
    steps.push(Step {
        title: "Let the leader move",
        detail: format!(
            "If {leader} (the leader) was lost, the voters elect a new one on their own (planned {}); no manual promotion and no fencing: a minority cannot commit. Check which region now leads: writes pay the quorum round trip from there, so write latency changes.",
            show::duration(e.rto.as_ref().map_or(0.0, |r| r.promotion_s + r.detection_s))
        ),
    });
    steps.push(Step {
        title: "Shift traffic away",
        detail: shift_small(o, "the surviving voters"),
    });
    steps.push(Step {
        title: "Watch errors and p95",
        detail: watch(dc, e),
    });
    steps.push(Step {
        title: "Shift all traffic",
        detail: rto_line(dc, e),
    });
    steps.push(Step {
        title: "Announce",
        detail: "Post on the status page: service continues on the remaining voters; no acknowledged write was lost (RPO 0 s).".into(),
    });
    steps.push(Step {
        title: "Investigate and fail back",
        detail: format!(
            "When the region returns, let its voter catch up, then restore the leader preference to {leader} in a planned window. Until then a second region loss may lose the quorum."
        ),
    });
    Runbook {
        class: c.name.clone(),
        posture: e.posture,
        summary: format!(
            "A majority of {n} voters ({}) acknowledges every write; losing one region triggers a re-election, not a promotion. RPO {}, RTO {}.",
            voters.join(", "),
            show::recovery(e.rpo_s),
            show::recovery(e.rto_s)
        ),
        steps,
    }
}

fn backup_restore(plan: &Plan, c: &ClassReport, dc: Option<&DataClass>) -> Runbook {
    let o = &plan.operations;
    let e = &c.chosen;
    let (primary, backup) = match &e.placement {
        Some(Placement::Single { primary, backup }) => (
            primary.clone(),
            backup.clone().unwrap_or_else(|| "the backup region".into()),
        ),
        _ => ("the primary".into(), "the backup region".into()),
    };
    let restore = e.rto.as_ref().map_or(0.0, |r| r.warmup_s);
    let (tail, lost) = lost_tail(e);
    let gb = dc.map_or(0.0, |d| d.data_gb);
    let mut steps = common_start(o, &primary);
    steps.push(Step {
        title: "Decide to restore",
        detail: format!(
            "The newest backup in {backup} is at most {} old (backup every {} min): restoring loses {tail}. If {primary} is expected back sooner than the restore takes ({}), waiting may lose less; decide and write the decision down.",
            show::duration(o.backup_interval_min * 60.0),
            o.backup_interval_min,
            show::duration(restore)
        ),
    });
    steps.push(Step {
        title: "Provision and restore",
        detail: format!(
            "Provision the database and the service in {backup} and restore the newest backup ({gb} GB; planned {} for provisioning and restore). Fence {primary}: it must not accept writes if it comes back.",
            show::duration(restore)
        ),
    });
    steps.push(Step {
        title: "Verify the restore",
        detail: "Check row counts, checksums and the newest timestamp against the backup's manifest before taking traffic.".into(),
    });
    steps.extend(rest_of_failover(o, dc, e, &primary, &backup, lost, &tail));
    Runbook {
        class: c.name.clone(),
        posture: e.posture,
        summary: format!(
            "One region ({primary}); backups are copied to {backup}. A region loss means restoring there: RPO {}, RTO {}.",
            show::duration(e.rpo_s.unwrap_or(0.0)),
            show::recovery(e.rto_s)
        ),
        steps,
    }
}

fn single_region(plan: &Plan, c: &ClassReport) -> Runbook {
    let o = &plan.operations;
    let e = &c.chosen;
    let primary = e
        .placement
        .as_ref()
        .and_then(|p| p.primary())
        .unwrap_or("its region")
        .to_string();
    let mut steps = common_start(o, &primary);
    steps.push(Step {
        title: "Announce",
        detail: format!(
            "This class lives in {primary} only (multi-AZ): it is unavailable until {primary} returns. Post on the status page with the provider's estimate."
        ),
    });
    steps.push(Step {
        title: "Recover",
        detail: format!(
            "When {primary} returns, check the database's integrity and replay queued work. If the outage outlasts what the business accepts, the decision to restore elsewhere is a new project, not a runbook step: record it."
        ),
    });
    Runbook {
        class: c.name.clone(),
        posture: e.posture,
        summary: format!(
            "{primary} only, across availability zones: an AZ loss is absorbed, a region loss is an outage until the region returns."
        ),
        steps,
    }
}

/// The class's chosen database names its own failover: its steps, published promotion time
/// and source go right after the step that promotes (or lets the quorum move).
fn with_chosen_service(rb: &mut Runbook, dc: Option<&DataClass>, e: &Evaluation) {
    let Some(detail) = show::technology::chosen_service_steps(dc, e) else {
        return;
    };
    let after = rb
        .steps
        .iter()
        .position(|s| {
            matches!(
                s.title,
                "Fence, then promote" | "Let the leader move" | "Check the survivors"
            )
        })
        .map_or(rb.steps.len().min(2), |i| i + 1);
    rb.steps.insert(
        after,
        Step {
            title: "Use the chosen database's failover",
            detail,
        },
    );
}

/// The runbook for every data class, in plan order.
pub fn runbooks(plan: &Plan, report: &Report) -> Vec<Runbook> {
    report
        .classes
        .iter()
        .map(|c| {
            let dc = class_of(plan, c);
            let mut rb = match c.chosen.posture {
                Posture::SingleRegion => single_region(plan, c),
                Posture::BackupRestore => backup_restore(plan, c, dc),
                Posture::PilotLight
                | Posture::WarmStandby
                | Posture::SyncStandby
                | Posture::ReadLocalWriteGlobal => single_writer(plan, c, dc),
                Posture::ActiveActivePartitioned => partitioned(plan, c, dc),
                Posture::ActiveActiveMultiWriter => multi_writer(plan, c, dc),
                Posture::GlobalConsensus => consensus(plan, c, dc),
            };
            with_chosen_service(&mut rb, dc, &c.chosen);
            rb
        })
        .collect()
}

/// The runbooks as markdown: a section per class with its summary, numbered steps, and what
/// each single-region outage does to it.
pub fn write_markdown(md: &mut String, plan: &Plan, report: &Report) {
    let _ = writeln!(md, "## Failover runbooks\n");
    for (rb, c) in runbooks(plan, report).iter().zip(&report.classes) {
        let _ = writeln!(
            md,
            "### {}: {}\n",
            escape::text(&rb.class),
            crate::present::posture_name(rb.posture)
        );
        if !c.feasible {
            let _ = writeln!(
                md,
                "**No posture meets every requirement for this class; this runbook is for the closest one.**\n"
            );
        }
        let _ = writeln!(md, "{}\n", escape::text(&rb.summary));
        for (i, s) in rb.steps.iter().enumerate() {
            let _ = writeln!(
                md,
                "{}. **{}.** {}",
                i + 1,
                s.title,
                escape::text(&s.detail)
            );
        }
        if !c.chosen.outages.is_empty() {
            let _ = writeln!(md, "\nIf one region fails:\n");
            let _ = writeln!(
                md,
                "| region lost | effect | down for | writes lost | then (p99 per population) |"
            );
            let _ = writeln!(md, "|---|---|---|---|---|");
            for o in &c.chosen.outages {
                let after = show::after_failover(&o.after);
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {} | {} |",
                    escape::text(&o.region),
                    escape::text(&o.effect),
                    o.downtime_s
                        .map_or("until it returns".into(), show::duration),
                    o.writes_lost.writes_text(),
                    if after.is_empty() {
                        "unchanged".to_string()
                    } else {
                        escape::text(&after)
                    }
                );
            }
        }
        let _ = writeln!(md);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_gets_a_runbook_per_class_with_its_regions() {
        let plan = Plan::example();
        let report = crate::engine::evaluate(&plan).unwrap();
        let rbs = runbooks(&plan, &report);
        assert_eq!(rbs.len(), plan.data_classes.len());
        for (rb, c) in rbs.iter().zip(&report.classes) {
            assert_eq!(rb.class, c.name);
            let all: String = rb.steps.iter().map(|s| s.detail.as_str()).collect();
            // The detection threshold and interval appear in every runbook.
            assert!(all.contains("fail 3 times in a row at 10 s intervals (detection 30 s)"));
            let p = c.chosen.placement.as_ref().unwrap();
            for r in p.primary().iter().chain(&p.standby()) {
                assert!(all.contains(r), "{} lacks {r}", rb.class);
            }
        }
    }
}
