//! The recommendation, in a fixed order:
//! 1. drop every posture that breaks a hard requirement (residency, applicability, conflict
//!    semantics, consistency, RPO, RTO, write and read p99 budgets);
//! 2. prefer the simplest remaining posture (lowest [`Posture::tier`]);
//! 3. then the cheapest (monthly cost), then the earlier in [`Posture::ALL`].
//!
//! When nothing fits, the report names the closest posture (fewest broken requirements, then
//! the smallest relative shortfall, among postures that only miss numeric targets) and what
//! to relax, by how much.

use std::sync::Arc;

use super::posture::Posture;
use super::report::*;
use super::Ctx;
use crate::plan::{ConflictSemantics, DataClass, Residency};
use crate::present::{self as show, posture_name as name};

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

/// Cost for ordering: an unpriced posture sorts last.
fn cost_key(e: &Evaluation) -> f64 {
    e.monthly_cost_usd.unwrap_or(f64::INFINITY)
}

/// Chooses one posture for `class` and writes the reasons.
pub(crate) fn recommend(_ctx: &Ctx, class: &DataClass, mut evals: Vec<Evaluation>) -> ClassReport {
    let baseline = evals[0].monthly_cost_usd.filter(|&b| b > 0.0);
    for e in &mut evals {
        e.cost_multiple = e.monthly_cost_usd.zip(baseline).map(|(c, b)| c / b);
    }
    let chosen_idx = (0..evals.len())
        .filter(|&i| evals[i].placeable && evals[i].feasible())
        .min_by(|&a, &b| {
            let (ea, eb) = (&evals[a], &evals[b]);
            ea.posture
                .tier()
                .cmp(&eb.posture.tier())
                .then(cost_key(ea).total_cmp(&cost_key(eb)))
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
            name(chosen.posture),
            chosen.posture.tier()
        ));
        let simpler: Vec<String> = evals
            .iter()
            .filter(|e| e.posture.tier() < chosen.posture.tier())
            .filter_map(|e| {
                e.violations
                    .first()
                    .map(|v| format!("{}: {}", name(e.posture), v.message))
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
                    "{} also fits at the same complexity but costs {} vs {}",
                    name(e.posture),
                    show::posture_cost(e),
                    show::posture_cost(&chosen)
                ));
            }
        }
    } else {
        reasons.push(format!(
            "no posture meets every requirement; the closest is {}, which breaks {}",
            name(chosen.posture),
            chosen
                .violations
                .iter()
                .map(|v| show::requirement_name(v.requirement))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        for v in &chosen.violations {
            relax.push(relax_line(class, chosen.posture, v));
        }
    }
    if chosen.placeable {
        reasons.extend(figures(class, &chosen));
        reasons.extend(below_baseline(&chosen, &evals[0]));
    }
    if class.conflicts == ConflictSemantics::NeverConflict {
        if let Some(mw) = evals
            .iter()
            .find(|e| e.posture == Posture::ActiveActiveMultiWriter && e.placeable)
        {
            reasons.push(format!(
                "{} must never conflict, so multi-writer is ruled out whatever its rate: it would see {} with writes spread evenly over the records, more with hot keys",
                class.name,
                show::posture_conflicts(mw)
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
                    "meets every requirement but is more complex (tier {} vs {}) at {}",
                    e.posture.tier(),
                    chosen.posture.tier(),
                    show::posture_cost(e)
                )
            } else {
                format!(
                    "meets every requirement but costs {} vs {}",
                    show::posture_cost(e),
                    show::posture_cost(&chosen)
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
        advice: Vec::new(),
        pin: None,
        placement_pin: None,
        services: Vec::new(),
        evaluations: evals,
    }
}

/// What to change, in the UI's words and units, so that `posture` stops breaking `v`.
fn relax_line(class: &DataClass, posture: Posture, v: &Violation) -> String {
    let c = &class.name;
    let p = name(posture);
    match (v.requirement, v.target, v.achieved) {
        (Requirement::Rpo | Requirement::Rto, Some(t), Some(a)) => format!(
            "Raise the {} target of {c} from {} to {} ({p} achieves {}).",
            show::requirement_name(v.requirement),
            show::duration(t),
            show::duration(a),
            show::duration(a)
        ),
        (Requirement::Rpo | Requirement::Rto, Some(_), None) => format!(
            "Clear the {} target of {c} to accept losing the region ({p} does not survive a region loss), or add regions so a posture that survives one fits.",
            show::requirement_name(v.requirement)
        ),
        (Requirement::WriteLatency | Requirement::ReadLatency, Some(t), Some(a)) => format!(
            "Raise the {} budget of {c} from {} to {} ({p}: {}).",
            show::requirement_name(v.requirement),
            show::ms(t),
            show::ms(a),
            v.message
        ),
        _ => format!("Change {c}'s {}: {}.", show::requirement_name(v.requirement), v.message),
    }
}

/// Reasons that cite the chosen posture's figures.
pub(crate) fn figures(class: &DataClass, e: &Evaluation) -> Vec<String> {
    let mut out = Vec::new();
    let lost = e
        .writes_lost_on_region_failure
        .as_ref()
        .map_or_else(|| "nothing".to_string(), |p| p.writes_text());
    match (class.rpo_s, e.rpo_s) {
        (Some(t), Some(a)) => out.push(format!(
            "RPO {} {} the target {}: a hard failure of the worst region loses {lost}",
            show::duration(a),
            if show::met(a, t, show::round_duration) {
                "meets"
            } else {
                "misses"
            },
            show::duration(t),
        )),
        (None, None) => out.push(format!(
            "no region-loss target: {} survives AZ failures only; losing its region makes it unavailable until the region returns",
            class.name
        )),
        (None, Some(a)) => out.push(format!(
            "no RPO target; achieves {} for a region loss, losing {lost}",
            show::duration(a)
        )),
        _ => {}
    }
    if let (Some(r), Some(total)) = (&e.rto, e.rto_s) {
        let tgt = class.rto_s.map_or(String::from("no target"), |t| {
            format!("target {}", show::duration(t))
        });
        out.push(format!(
            "RTO {} ({tgt}) = {} detection + {} routing + {} promotion + {} warm-up/restore",
            show::duration(total),
            show::duration(r.detection_s),
            show::duration(r.routing_s),
            show::duration(r.promotion_s),
            show::duration(r.warmup_s)
        ));
    }
    let budget = |b: Option<f64>| b.map_or("none".to_string(), show::ms);
    if let Some(w) = e
        .latency
        .iter()
        .max_by(|a, b| a.write_p99_ms.total_cmp(&b.write_p99_ms))
    {
        out.push(format!(
            "slowest write: {} at {} p99 / {} p50 end to end, over {} then via {} (budget {})",
            w.population,
            show::ms(w.write_p99_ms),
            show::ms(w.write_p50_ms),
            show::access(w.access),
            w.write_path,
            budget(class.write_p99_budget_ms)
        ));
    }
    if let Some(r) = e
        .latency
        .iter()
        .max_by(|a, b| a.read_p99_ms.total_cmp(&b.read_p99_ms))
    {
        out.push(format!(
            "slowest read: {} at {} p99 from {} (budget {})",
            r.population,
            show::ms(r.read_p99_ms),
            r.read_from,
            budget(class.read_p99_budget_ms)
        ));
    }
    let mult = e.cost_multiple.map_or(String::new(), |m| {
        format!(", {} this class's single-region cost", show::multiple(m))
    });
    if let (Some(total), Some(cost)) = (e.monthly_cost_usd, &e.cost) {
        match &cost.from_bill {
            Some(scaled) => {
                out.push(show::cost::scaled_bill_reason(scaled, &mult));
                out.push(show::cost::scaling_reason(scaled));
            }
            None => out.push(cost_reason(total, cost, &mult)),
        }
        out.extend(show::cost::transfer_reason(class, cost));
    }
    if class.residency != Residency::None {
        out.push(show::residency_verdict(
            &class.residency,
            class.residency_scope,
            &e.residency,
        ));
    }
    if e.posture == Posture::ActiveActiveMultiWriter {
        let how = match class.conflicts {
            ConflictSemantics::Mergeable => "merged (CRDT-style)",
            _ => "resolved last-writer-wins (the older update is lost)",
        };
        out.push(format!("{}, {how}", show::posture_conflicts(e)));
    }
    if let Some(sr) = &e.session_reads {
        out.push(show::session_reads(class.consistency, sr));
    }
    if let Some(p) = e.staleness.first() {
        if p.p_consistent < 1.0 {
            let at1 = e
                .staleness
                .iter()
                .find(|s| s.t_ms >= 1000.0)
                .map_or(1.0, |s| s.p_consistent);
            out.push(format!(
                "replica reads are stale at first: {} see a write immediately, {} after 1 s",
                show::probability(p.p_consistent),
                show::probability(at1)
            ));
        }
    }
    out
}

/// The cost sentence: the total and the components it is the sum of.
fn cost_reason(total: f64, c: &CostBreakdown, mult: &str) -> String {
    format!(
        "costs {}{mult} = compute {} ({} incl. headroom) + database {} ({} nodes) + storage {} ({} copies) + transfer {} ({}/month) + backups {} + platform {} ({} regions)",
        show::usd_month(total),
        show::usd(c.lines.compute_usd),
        show::vms(c.compute_vms),
        show::usd(c.lines.database_usd),
        c.copies,
        show::usd(c.lines.storage_usd),
        c.copies,
        show::usd(c.lines.transfer_usd),
        show::gb(c.transfer_gb),
        show::usd(c.lines.backup_usd),
        show::usd(c.lines.platform_usd),
        c.regions.iter().filter(|r| r.lines.platform_usd > 0.0).count()
    )
}

/// Why a posture costs less than running in one region, when it does: the components side
/// by side (list prices differ by region, so copies in cheaper regions can undercut one copy
/// in an expensive one).
fn below_baseline(chosen: &Evaluation, single: &Evaluation) -> Option<String> {
    let (Some(c), Some(s)) = (&chosen.cost, &single.cost) else {
        return None;
    };
    let (ct, st) = (chosen.monthly_cost_usd?, single.monthly_cost_usd?);
    let pair = |a: f64, b: f64| format!("{} vs {}", show::usd(a), show::usd(b));
    (ct < st).then(|| {
        format!(
            "{} costs less than single region ({} vs {}); by component: compute {}, database {}, storage {}, transfer {}, backups {}, platform {}",
            name(chosen.posture),
            show::usd_month(ct),
            show::usd_month(st),
            pair(c.lines.compute_usd, s.lines.compute_usd),
            pair(c.lines.database_usd, s.lines.database_usd),
            pair(c.lines.storage_usd, s.lines.storage_usd),
            pair(c.lines.transfer_usd, s.lines.transfer_usd),
            pair(c.lines.backup_usd, s.lines.backup_usd),
            pair(c.lines.platform_usd, s.lines.platform_usd)
        )
    })
}

/// Totals and provenance across classes.
pub(crate) fn assemble(ctx: &Ctx, classes: Vec<Arc<ClassReport>>) -> Report {
    let mut monthly = 0.0;
    let mut single = 0.0;
    let mut compared = false;
    let (mut unpriced, mut no_baseline) = (Vec::new(), Vec::new());
    for c in &classes {
        match (c.chosen.monthly_cost_usd, c.evaluations[0].monthly_cost_usd) {
            (None, _) => unpriced.push(c.name.clone()),
            (Some(m), None) => {
                monthly += m;
                no_baseline.push(c.name.clone());
            }
            (Some(m), Some(s)) => {
                monthly += m;
                single += s;
                compared = true;
            }
        }
    }
    let compared_monthly = monthly
        - classes
            .iter()
            .filter(|c| no_baseline.contains(&c.name))
            .filter_map(|c| c.chosen.monthly_cost_usd)
            .sum::<f64>();
    Report {
        plan_name: ctx.plan.name.clone(),
        totals: Totals {
            monthly_cost_usd: monthly,
            single_region_monthly_cost_usd: single,
            cost_multiple: (compared && single > 0.0).then(|| compared_monthly / single),
            unpriced_classes: unpriced,
            no_baseline_classes: no_baseline,
            infeasible_classes: classes
                .iter()
                .filter(|c| !c.feasible)
                .map(|c| c.name.clone())
                .collect(),
            scaled_from_bill: ctx.plan.baseline_bill.clone(),
        },
        classes,
        price_sources: ctx.price_sources.borrow().clone(),
        rtt_sources: ctx.rtt_sources.clone(),
    }
}
