//! The design-review checklist, tailored to the plan: only the items that apply, each with
//! the plan's own numbers (the lost tail only where RPO > 0, read-your-writes only where a
//! class needs it and reads from replicas, a residency inventory only for residency-bound
//! classes, fencing only for single-writer failover, headroom with the actual utilisation).
//! Items are plain text; they are escaped when rendered.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::escape;
use super::runbook::class_of;
use crate::engine::report::{ClassReport, Placement, Report};
use crate::engine::Posture;
use crate::plan::{Consistency, Plan, Promotion, Residency, Routing};
use crate::present as show;

/// One thing to check before the design is approved.
#[derive(Clone, Debug, PartialEq)]
pub struct ChecklistItem {
    /// Short topic, e.g. "Split brain".
    pub topic: &'static str,
    /// What to check, with the plan's numbers.
    pub text: String,
}

fn survives(c: &ClassReport) -> bool {
    c.chosen.rpo_s.is_some()
}

/// Regions that hold a copy or serve traffic for this class. (The sets here are filled by
/// `insert`, not `collect`, which sorts first: one copy of the sort less in the wasm.)
fn regions_of(c: &ClassReport, into: &mut BTreeSet<String>) {
    for r in c.chosen.placement.iter().flat_map(|p| p.regions()) {
        into.insert(r.to_string());
    }
}

/// Regions that serve traffic in normal operation.
fn active_regions(c: &ClassReport) -> usize {
    match &c.chosen.placement {
        Some(Placement::MultiWriter { writers }) => writers.len(),
        Some(Placement::Consensus { followers, .. }) => 1 + followers.len(),
        Some(Placement::Partitioned { homes }) => {
            let mut distinct: BTreeSet<&str> = BTreeSet::new();
            for h in homes {
                distinct.insert(h.region.as_str());
            }
            distinct.len()
        }
        Some(Placement::Replicated { replicas, .. }) => 1 + replicas.len(),
        _ => 1,
    }
}

fn list(items: Vec<String>) -> String {
    items.join("; ")
}

/// The checklist for a plan and its report.
pub fn checklist(plan: &Plan, report: &Report) -> Vec<ChecklistItem> {
    let classes = &report.classes;
    let mut items = Vec::new();
    let mut push = |topic: &'static str, text: String| items.push(ChecklistItem { topic, text });

    // Posture per class, with its reason.
    push(
        "Posture per data class",
        format!(
            "Each data class has its own posture and a written reason the owners agreed to (the reasons, each citing a number, are under the class's section below): {}.",
            list(
                classes
                    .iter()
                    .map(|c| {
                        if c.feasible {
                            format!("{} is {}", c.name, c.chosen.posture.slug())
                        } else {
                            format!(
                                "{} has no posture meeting every requirement (closest {}; to make it fit: {})",
                                c.name,
                                c.chosen.posture.slug(),
                                c.relax.join("; ")
                            )
                        }
                    })
                    .collect()
            )
        ),
    );

    // RPO/RTO per class.
    push(
        "RPO and RTO stated",
        format!(
            "RPO and RTO for the loss of a region are written down per class, achieved against target: {}.",
            list(
                classes
                    .iter()
                    .map(|c| {
                        let dc = class_of(plan, c);
                        format!(
                            "{}: RPO {} (target {}), RTO {} (target {})",
                            c.name,
                            show::recovery(c.chosen.rpo_s),
                            show::duration_target(dc.and_then(|d| d.rpo_s)),
                            show::recovery(c.chosen.rto_s),
                            show::duration_target(dc.and_then(|d| d.rto_s))
                        )
                    })
                    .collect()
            )
        ),
    );

    // Classes that do not survive a region loss at all.
    let down: Vec<String> = classes
        .iter()
        .filter(|c| !survives(c))
        .map(|c| c.name.clone())
        .collect();
    if !down.is_empty() {
        push(
            "Accepted region outage",
            format!(
                "{} {} not survive the loss of a region: the data is unavailable until the region returns. The owners have accepted that in writing.",
                down.join(", "),
                if down.len() == 1 { "does" } else { "do" }
            ),
        );
    }

    // Lost-tail reconciliation where RPO > 0.
    let tails: Vec<String> = classes
        .iter()
        .filter(|c| c.chosen.rpo_s.is_some_and(|r| r > 0.0))
        .map(|c| {
            let lost = c
                .chosen
                .writes_lost_on_region_failure
                .as_ref()
                .map_or_else(|| "0 writes".to_string(), |p| p.writes_text());
            format!(
                "{}: {lost} lost on a hard failure of the worst region",
                c.name
            )
        })
        .collect();
    if !tails.is_empty() {
        push(
            "Lost-tail reconciliation",
            format!(
                "A procedure finds and reconciles the writes a failover loses (compare the failed region's log past the last replicated position; replay or notify): {}.",
                list(tails)
            ),
        );
    }

    // Read-your-writes where the class needs it and reads come from replicas.
    let ryw: Vec<String> = classes
        .iter()
        .filter_map(|c| {
            let dc = class_of(plan, c)?;
            let needs = matches!(
                dc.consistency,
                Consistency::ReadYourWrites | Consistency::Causal
            );
            let replica_reads = matches!(
                c.chosen.posture,
                Posture::ReadLocalWriteGlobal | Posture::ActiveActiveMultiWriter
            );
            (needs && replica_reads).then(|| {
                let window = c
                    .chosen
                    .staleness
                    .iter()
                    .find(|p| p.p_consistent >= 0.99)
                    .map_or_else(
                        || show::duration(c.chosen.rpo_s.unwrap_or(0.0)),
                        |p| show::ms(p.t_ms),
                    );
                format!(
                    "{} ({}; replicas are 99 % consistent {window} after a write): send a user's reads to where they wrote for that window (sticky routing), or carry a causal token",
                    c.name,
                    dc.consistency.slug()
                )
            })
        })
        .collect();
    if !ryw.is_empty() {
        push(
            "Read-your-writes",
            format!(
                "Users see their own writes despite replica lag: {}.",
                list(ryw)
            ),
        );
    }

    // Static stability and headroom for classes with more than one active region.
    let headroom: Vec<String> = classes
        .iter()
        .filter(|c| active_regions(c) >= 2)
        .map(|c| {
            let n = active_regions(c);
            format!(
                "{}: {n} active regions at most {} utilised each ({} in total, {} compute)",
                c.name,
                show::percent(crate::engine::cost::max_utilisation(n)),
                show::vms(c.chosen.cost.as_ref().map_or(0.0, |k| k.compute_vms)),
                show::usd_month(c.chosen.cost.as_ref().map_or(0.0, |k| k.lines.compute_usd))
            )
        })
        .collect();
    let standbys: Vec<String> = classes
        .iter()
        .filter(|c| {
            matches!(
                c.chosen.posture,
                Posture::PilotLight | Posture::WarmStandby | Posture::SyncStandby
            )
        })
        .map(|c| {
            let warm = c.chosen.rto.as_ref().map_or(0.0, |r| r.warmup_s);
            format!(
                "{}: the standby {} scales to full size within the {} warm-up the RTO assumes (quota and capacity reserved)",
                c.name,
                c.chosen.placement.as_ref().and_then(|p| p.standby()).unwrap_or_default(),
                show::duration(warm)
            )
        })
        .collect();
    if !headroom.is_empty() || !standbys.is_empty() {
        push(
            "Static stability",
            format!(
                "Surviving regions carry the load of a lost one without new provisioning: {}.",
                list(headroom.into_iter().chain(standbys).collect())
            ),
        );
    }

    // Fencing and serialised promotion for single-writer failover.
    let fenced: Vec<String> = classes
        .iter()
        .filter(|c| {
            matches!(
                c.chosen.posture,
                Posture::PilotLight
                    | Posture::WarmStandby
                    | Posture::SyncStandby
                    | Posture::ReadLocalWriteGlobal
                    | Posture::ActiveActivePartitioned
                    | Posture::BackupRestore
            )
        })
        .map(|c| match &c.chosen.placement {
            Some(Placement::Partitioned { homes }) => format!(
                "{}: fence each failed home before its standby takes writes ({})",
                c.name,
                homes
                    .iter()
                    .map(|h| format!("{} -> {}", h.region, h.standby.as_deref().unwrap_or("none")))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            p => {
                let copies = p.as_ref().map(|p| p.copies()).unwrap_or_default();
                let primary = copies.first().map_or("", |c| c.1);
                let target = copies.get(1).map_or("", |c| c.1);
                format!("{}: fence {primary} before {target} takes writes", c.name)
            }
        })
        .collect();
    if !fenced.is_empty() {
        let who = match plan.operations.promotion {
            Promotion::Automated => "one automation holding a lease".to_string(),
            Promotion::Manual => format!(
                "one named on-call engineer (drilled at {} min)",
                plan.operations.manual_promotion_min
            ),
        };
        push(
            "Split brain",
            format!(
                "Promotion is serialised ({who}) and the old primary is fenced (write credentials revoked or replication epoch bumped) so it cannot accept writes when it returns: {}.",
                list(fenced)
            ),
        );
    }

    // Multi-writer conflicts.
    let conflicts: Vec<String> = classes
        .iter()
        .filter(|c| c.chosen.posture == Posture::ActiveActiveMultiWriter)
        .map(|c| {
            let how = class_of(plan, c).map_or("", |d| match d.conflicts {
                crate::plan::ConflictSemantics::Mergeable => "merge (CRDT)",
                crate::plan::ConflictSemantics::LastWriterWins => {
                    "last writer wins (drops the older update)"
                }
                crate::plan::ConflictSemantics::NeverConflict => "must never conflict",
            });
            format!(
                "{}: {}, resolved by {how}",
                c.name,
                show::posture_conflicts(&c.chosen)
            )
        })
        .collect();
    if !conflicts.is_empty() {
        push(
            "Conflict resolution",
            format!(
                "Concurrent writes in two regions are resolved as designed and the resolution is tested with injected conflicts: {}.",
                list(conflicts)
            ),
        );
    }

    let multi_region: Vec<&ClassReport> = classes
        .iter()
        .filter(|c| !matches!(c.chosen.posture, Posture::SingleRegion))
        .map(|c| &**c)
        .collect();
    let mut all_regions: BTreeSet<String> = BTreeSet::new();
    for c in classes {
        regions_of(c, &mut all_regions);
    }
    let regions = all_regions.iter().cloned().collect::<Vec<_>>().join(", ");
    if !multi_region.is_empty() {
        push(
            "Stateless sessions",
            format!(
                "Sessions and auth tokens are valid in every region that can serve ({regions}): signed tokens or a replicated session store, never in-process state."
            ),
        );
        push(
            "Secrets and config",
            format!(
                "Secrets, certificates, feature flags and config are replicated to {regions} and drift-checked (a diff between regions alarms)."
            ),
        );
        let min_rto = classes
            .iter()
            .filter_map(|c| class_of(plan, c).and_then(|d| d.rto_s))
            .fold(f64::INFINITY, f64::min);
        push(
            "Singleton jobs",
            format!(
                "Cron jobs, schedulers and queue consumers that must run once have a cross-region leader (a lease{}), so they neither stop nor run twice after a failover.",
                if min_rto.is_finite() {
                    format!(" that expires well within the tightest RTO target, {}", show::duration(min_rto))
                } else {
                    String::new()
                }
            ),
        );
    }

    // Residency inventory, only for residency-bound classes.
    let resident: Vec<String> = classes
        .iter()
        .filter_map(|c| {
            let dc = class_of(plan, c)?;
            let scope = match &dc.residency {
                Residency::None => return None,
                Residency::Pinned { jurisdictions } => {
                    format!("pinned to {}", jurisdictions.join(", "))
                }
                Residency::PerOwner => "each record in its owner's jurisdiction".to_string(),
            };
            let copies: Vec<String> = c
                .chosen
                .residency
                .iter()
                .map(|r| format!("{} {} ({})", r.role, r.place, r.jurisdiction))
                .collect();
            Some(format!(
                "{} ({scope}; copies: {})",
                c.name,
                copies.join(", ")
            ))
        })
        .collect();
    if !resident.is_empty() {
        push(
            "Residency inventory",
            format!(
                "Every downstream copy of residency-bound data stays in its jurisdiction, not just the database: logs, analytics, backups, search indexes, caches, support tools and vendors. Inventoried for: {}.",
                list(resident)
            ),
        );
    }

    // Drills.
    if !multi_region.is_empty() {
        let rtos: Vec<String> = classes
            .iter()
            .filter_map(|c| {
                Some(format!(
                    "{} {}",
                    c.name,
                    show::duration_target(Some(class_of(plan, c)?.rto_s?))
                ))
            })
            .collect();
        push(
            "Drills",
            format!(
                "Region evacuation is drilled on a calendar (each of {regions} at least once a year, one per quarter), with time-to-healthy tracked against the RTO targets{}.",
                if rtos.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", rtos.join(", "))
                }
            ),
        );
    }

    // DNS.
    if !multi_region.is_empty() && plan.operations.routing == Routing::Dns {
        let o = &plan.operations;
        push(
            "DNS failover",
            format!(
                "Health checks every {} with a threshold of {} and a record TTL of {} are configured as planned; clients and resolvers that cache beyond the TTL ({} overstay assumed) are measured in a drill.",
                show::duration(o.health_check_interval_s),
                o.health_check_failure_threshold,
                show::duration(o.dns_ttl_s),
                show::duration(o.resolver_overstay_s)
            ),
        );
    }

    // Cost.
    let t = &report.totals;
    let costs = || classes.iter().filter_map(|c| c.chosen.cost.as_ref());
    let transfer: f64 = costs().map(|c| c.lines.transfer_usd).sum();
    let transfer_gb: f64 = costs().map(|c| c.transfer_gb).sum();
    let idle = (t.monthly_cost_usd - t.single_region_monthly_cost_usd).max(0.0);
    let text = match t.cost_multiple {
        Some(m) if m > 1.005 => format!(
            "Finance has seen the bill: {}, {} the all-single-region {}. Of the extra {}, cross-region transfer is {} ({}/month); the rest is standby and headroom capacity that idles in normal operation.",
            show::usd_month(t.monthly_cost_usd),
            show::multiple(m),
            show::usd_month(t.single_region_monthly_cost_usd),
            show::usd_month(idle),
            show::usd_month(transfer),
            show::gb(transfer_gb)
        ),
        None => format!(
            "Finance has seen the bill: {} ({}); cross-region transfer adds {} ({}/month).",
            show::usd_month(t.monthly_cost_usd),
            "no single-region placement to compare with",
            show::usd_month(transfer),
            show::gb(transfer_gb)
        ),
        Some(_) => format!(
            "Finance has seen the bill: {}, about the same as running in a single region; cross-region transfer adds {} ({}/month).",
            show::usd_month(t.monthly_cost_usd),
            show::usd_month(transfer),
            show::gb(transfer_gb)
        ),
    };
    push("Cost review", text);

    if !multi_region.is_empty() {
        push(
            "Regional deploys and metrics",
            format!(
                "Deploys roll out one region at a time with a canary ({regions}); every metric, log and trace carries a region label."
            ),
        );
    }
    items
}

/// The checklist as markdown task items.
pub fn write_markdown(md: &mut String, items: &[ChecklistItem]) {
    let _ = writeln!(md, "## Checklist\n");
    for i in items {
        let _ = writeln!(md, "- [ ] **{}.** {}", i.topic, escape::text(&i.text));
    }
    let _ = writeln!(md);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::DataClass;

    fn topics(plan: &Plan) -> Vec<&'static str> {
        let report = crate::engine::evaluate(plan).unwrap();
        checklist(plan, &report).iter().map(|i| i.topic).collect()
    }

    #[test]
    fn the_example_gets_the_items_its_classes_need() {
        let t = topics(&Plan::example());
        for want in [
            "Lost-tail reconciliation",
            "Residency inventory",
            "Split brain",
            "Static stability",
            "Cost review",
            "Drills",
        ] {
            assert!(t.contains(&want), "{want} missing from {t:?}");
        }
    }

    #[test]
    fn items_that_do_not_apply_are_left_out() {
        // One ledger with RPO 0 and no residency: no lost tail, no residency inventory,
        // no read-your-writes item.
        let mut p = Plan::example();
        p.data_classes = vec![DataClass::preset(crate::plan::Preset::Ledger)];
        let report = crate::engine::evaluate(&p).unwrap();
        assert_eq!(report.classes[0].chosen.rpo_s, Some(0.0));
        let t = topics(&p);
        assert!(!t.contains(&"Lost-tail reconciliation"), "{t:?}");
        assert!(!t.contains(&"Residency inventory"), "{t:?}");
        assert!(!t.contains(&"Read-your-writes"), "{t:?}");
    }
}
