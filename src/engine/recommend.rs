//! The recommendation, in a fixed order:
//! 1. drop every posture that breaks a hard requirement (residency, applicability, conflict
//!    semantics, consistency, RPO, RTO, write and read p99 budgets);
//! 2. prefer the simplest remaining posture (lowest [`Posture::tier`]);
//! 3. then the cheapest (monthly cost), then the earlier in [`Posture::ALL`].
//!
//! When nothing fits, the report names the closest posture (fewest broken requirements, then
//! the smallest relative shortfall, among postures that only miss numeric targets) and what
//! to relax, by how much.

use super::evaluate_posture::fmt_s;
use super::posture::Posture;
use super::report::*;
use super::Ctx;
use crate::plan::{ConflictSemantics, DataClass, Residency};

fn usd(v: f64) -> String {
    if v >= 100.0 {
        format!("${:.0}", v)
    } else {
        format!("${:.2}", v)
    }
}

fn qualitative(r: Requirement) -> bool {
    matches!(
        r,
        Requirement::Residency
            | Requirement::Applicability
            | Requirement::Conflicts
            | Requirement::Consistency
    )
}

/// Relative shortfall of a violation (0 = met; 10 for "does not survive at all").
fn shortfall(v: &Violation) -> f64 {
    match (v.target, v.by) {
        (Some(t), Some(by)) => by / t.max(1.0),
        _ => 10.0,
    }
}

fn closest(evals: &[Evaluation]) -> usize {
    let key = |e: &Evaluation| {
        let hard = !e.placeable || e.violations.iter().any(|v| qualitative(v.requirement));
        let total: f64 = e.violations.iter().map(shortfall).sum();
        (hard, e.violations.len(), total)
    };
    (0..evals.len())
        .min_by(|&a, &b| {
            let (ka, kb) = (key(&evals[a]), key(&evals[b]));
            ka.0.cmp(&kb.0)
                .then(ka.1.cmp(&kb.1))
                .then(ka.2.total_cmp(&kb.2))
                .then(a.cmp(&b))
        })
        .unwrap_or(0)
}

/// Chooses one posture for `class` and writes the reasons.
pub(crate) fn recommend(_ctx: &Ctx, class: &DataClass, mut evals: Vec<Evaluation>) -> ClassReport {
    let baseline = if evals[0].placeable {
        evals[0].monthly_cost_usd
    } else {
        0.0
    };
    for e in &mut evals {
        e.cost_multiple = if baseline > 0.0 && e.placeable {
            e.monthly_cost_usd / baseline
        } else {
            0.0
        };
    }
    let chosen_idx = (0..evals.len())
        .filter(|&i| evals[i].placeable && evals[i].feasible())
        .min_by(|&a, &b| {
            let (ea, eb) = (&evals[a], &evals[b]);
            ea.posture
                .tier()
                .cmp(&eb.posture.tier())
                .then(ea.monthly_cost_usd.total_cmp(&eb.monthly_cost_usd))
                .then(a.cmp(&b))
        });
    let feasible = chosen_idx.is_some();
    let idx = chosen_idx.unwrap_or_else(|| closest(&evals));
    let chosen = evals[idx].clone();
    let mut reasons = Vec::new();
    let mut relax = Vec::new();
    if feasible {
        reasons.push(format!(
            "{} is the simplest posture (complexity tier {}) that meets every requirement; order applied: drop postures that break a hard requirement, then prefer the simplest, then the cheapest",
            chosen.posture.slug(),
            chosen.posture.tier()
        ));
        let simpler: Vec<String> = evals
            .iter()
            .filter(|e| e.posture.tier() < chosen.posture.tier())
            .filter_map(|e| {
                e.violations
                    .first()
                    .map(|v| format!("{}: {}", e.posture.slug(), v.message))
            })
            .collect();
        if !simpler.is_empty() {
            reasons.push(format!("simpler postures fail: {}", simpler.join("; ")));
        }
        for e in &evals {
            if e.posture != chosen.posture
                && e.posture.tier() == chosen.posture.tier()
                && e.placeable
                && e.feasible()
            {
                reasons.push(format!(
                    "{} also fits at the same complexity but costs {}/month vs {}/month",
                    e.posture.slug(),
                    usd(e.monthly_cost_usd),
                    usd(chosen.monthly_cost_usd)
                ));
            }
        }
    } else {
        reasons.push(format!(
            "no posture meets every requirement; the closest is {}, which breaks {}",
            chosen.posture.slug(),
            chosen
                .violations
                .iter()
                .map(|v| v.requirement.slug())
                .collect::<Vec<_>>()
                .join(", ")
        ));
        for v in &chosen.violations {
            relax.push(relax_line(class, chosen.posture, v));
        }
    }
    if chosen.placeable {
        reasons.extend(figures(class, &chosen));
    }
    if class.conflicts == ConflictSemantics::NeverConflict {
        if let Some(mw) = evals
            .iter()
            .find(|e| e.posture == Posture::ActiveActiveMultiWriter && e.placeable)
        {
            reasons.push(format!(
                "{} must never conflict, so multi-writer is ruled out whatever its rate: it would see ~{:.3} conflicting writes/day with writes spread evenly over the records, more with hot keys",
                class.name, mw.conflicts_per_day
            ));
        }
    }
    let rejected = evals
        .iter()
        .filter(|e| e.posture != chosen.posture)
        .map(|e| {
            let message = if !e.violations.is_empty() {
                e.violations
                    .iter()
                    .map(|v| v.message.clone())
                    .collect::<Vec<_>>()
                    .join("; ")
            } else if e.posture.tier() > chosen.posture.tier() {
                format!(
                    "meets every requirement but is more complex (tier {} vs {}) at {}/month",
                    e.posture.tier(),
                    chosen.posture.tier(),
                    usd(e.monthly_cost_usd)
                )
            } else {
                format!(
                    "meets every requirement but costs {}/month vs {}/month",
                    usd(e.monthly_cost_usd),
                    usd(chosen.monthly_cost_usd)
                )
            };
            Rejection {
                posture: e.posture,
                violations: e.violations.clone(),
                message,
            }
        })
        .collect();
    ClassReport {
        name: class.name.clone(),
        feasible,
        chosen,
        reasons,
        rejected,
        relax,
        evaluations: evals,
    }
}

fn relax_line(class: &DataClass, posture: Posture, v: &Violation) -> String {
    let field = match v.requirement {
        Requirement::Rpo => "rpo_s",
        Requirement::Rto => "rto_s",
        Requirement::WriteLatency => "write_p99_budget_ms",
        Requirement::ReadLatency => "read_p99_budget_ms",
        Requirement::Residency => "residency",
        Requirement::Applicability => "ownership",
        Requirement::Conflicts => "conflicts",
        Requirement::Consistency => "consistency",
    };
    match (v.target, v.achieved) {
        (Some(t), Some(a)) => format!(
            "relax {}.{field} from {t:.0} to at least {:.0} (what {} achieves: {})",
            class.name,
            a.ceil(),
            posture.slug(),
            v.message
        ),
        (Some(t), None) => format!(
            "drop the region-loss target {}.{field} = {t:.0} (use null), or accept a posture that survives a region loss: {}",
            class.name, v.message
        ),
        _ => format!("change {}.{field}: {}", class.name, v.message),
    }
}

/// Reasons that cite the chosen posture's figures.
fn figures(class: &DataClass, e: &Evaluation) -> Vec<String> {
    let mut out = Vec::new();
    match (class.rpo_s, e.rpo_s) {
        (Some(t), Some(a)) => out.push(format!(
            "RPO {} meets the target {}: a hard region failure loses ~{:.0} writes ({} writes/s x {})",
            fmt_s(a),
            fmt_s(t),
            e.writes_lost_on_region_failure.unwrap_or(0.0),
            class.writes_per_s,
            fmt_s(a)
        )),
        (None, None) => out.push(format!(
            "no region-loss target: {} survives AZ failures only; losing its region makes it unavailable until the region returns",
            class.name
        )),
        (None, Some(a)) => out.push(format!(
            "no RPO target; achieves {} for a region loss",
            fmt_s(a)
        )),
        _ => {}
    }
    if let (Some(r), Some(total)) = (&e.rto, e.rto_s) {
        let tgt = class.rto_s.map_or(String::from("no target"), |t| {
            format!("target {}", fmt_s(t))
        });
        out.push(format!(
            "RTO {} ({tgt}) = {} detection + {} routing + {} promotion + {} warm-up/restore",
            fmt_s(total),
            fmt_s(r.detection_s),
            fmt_s(r.routing_s),
            fmt_s(r.promotion_s),
            fmt_s(r.warmup_s)
        ));
    }
    if let Some(w) = e
        .latency
        .iter()
        .max_by(|a, b| a.write_p99_ms.total_cmp(&b.write_p99_ms))
    {
        out.push(format!(
            "slowest write: {} at {:.0} ms p99 / {:.0} ms p50 via {} (budget {})",
            w.population,
            w.write_p99_ms,
            w.write_p50_ms,
            w.write_path,
            class
                .write_p99_budget_ms
                .map_or("none".to_string(), |b| format!("{b:.0} ms"))
        ));
    }
    if let Some(r) = e
        .latency
        .iter()
        .max_by(|a, b| a.read_p99_ms.total_cmp(&b.read_p99_ms))
    {
        out.push(format!(
            "slowest read: {} at {:.0} ms p99 from {} (budget {})",
            r.population,
            r.read_p99_ms,
            r.read_from,
            class
                .read_p99_budget_ms
                .map_or("none".to_string(), |b| format!("{b:.0} ms"))
        ));
    }
    let mult = if e.cost_multiple > 0.0 {
        format!(", {:.2}x this class's single-region cost", e.cost_multiple)
    } else {
        String::new()
    };
    out.push(format!(
        "costs {}/month{mult}: compute {} ({:.1} VM-equivalents incl. headroom), storage {} ({} copies), transfer {} ({:.0} GB/month), backups {}",
        usd(e.monthly_cost_usd),
        usd(e.cost.compute_usd),
        e.cost.compute_vms,
        usd(e.cost.storage_usd),
        e.cost.copies,
        usd(e.cost.transfer_usd),
        e.cost.transfer_gb,
        usd(e.cost.backup_usd)
    ));
    if class.residency != Residency::None {
        let bad = e.residency.iter().filter(|c| !c.compliant).count();
        out.push(format!(
            "residency ({}): {} of {} copies compliant",
            super::residency::describe(&class.residency),
            e.residency.len() - bad,
            e.residency.len()
        ));
    }
    if e.posture == Posture::ActiveActiveMultiWriter {
        let how = match class.conflicts {
            ConflictSemantics::Mergeable => "merged (CRDT-style)",
            _ => "resolved last-writer-wins (the older update is lost)",
        };
        out.push(format!(
            "~{:.2} conflicting writes/day, {how}",
            e.conflicts_per_day
        ));
    }
    if let Some(p) = e.staleness.first() {
        if p.p_consistent < 1.0 {
            let at1 = e
                .staleness
                .iter()
                .find(|s| s.t_ms >= 1000.0)
                .map_or(1.0, |s| s.p_consistent);
            out.push(format!(
                "replica reads are stale at first: {:.0} % see a write immediately, {:.1} % after 1 s",
                p.p_consistent * 100.0,
                at1 * 100.0
            ));
        }
    }
    out
}

/// Totals and provenance across classes.
pub(crate) fn assemble(ctx: &Ctx, classes: Vec<ClassReport>) -> Report {
    let monthly: f64 = classes.iter().map(|c| c.chosen.monthly_cost_usd).sum();
    let single: f64 = classes
        .iter()
        .map(|c| {
            let e = &c.evaluations[0];
            if e.placeable {
                e.monthly_cost_usd
            } else {
                0.0
            }
        })
        .sum();
    Report {
        plan_name: ctx.plan.name.clone(),
        totals: Totals {
            monthly_cost_usd: monthly,
            single_region_monthly_cost_usd: single,
            cost_multiple: if single > 0.0 { monthly / single } else { 0.0 },
            infeasible_classes: classes
                .iter()
                .filter(|c| !c.feasible)
                .map(|c| c.name.clone())
                .collect(),
        },
        classes,
        price_sources: ctx.price_sources.borrow().clone(),
        rtt_sources: ctx.rtt_sources.clone(),
    }
}
