//! The textbook multiples, from the bill of materials: each seed plan's postures priced,
//! every component printed (`cargo test --test cost_textbook -- --nocapture`), and the
//! published ranges checked: warm standby 1.25-1.8x single region, three-region
//! multi-writer 1.8-3.2x, three-region consensus at least 2.8x, and single region <= pilot
//! light <= warm standby < sync standby. No constant is tuned to these ranges: each
//! footprint's source is in docs/engine.md.

use meridian::engine::{evaluate, Evaluation, Posture};

#[path = "support/plans.rs"]
mod plans;
use plans::example_plans as seeds;

fn line(e: &Evaluation, single: f64) -> String {
    let Some(c) = &e.cost else {
        return format!("  {:<28} not placeable", e.posture.slug());
    };
    let total = c.total_usd();
    let regions: Vec<String> = c
        .regions
        .iter()
        .map(|r| {
            format!(
                "{} [{:.1} VMs; {}]",
                r.region,
                r.serving_vms,
                r.database.join(", ")
            )
        })
        .collect();
    format!(
        "  {:<28} {:>5.2}x ${:>8.0} = compute {:.0} ({:.1} VMs) + database {:.0} ({} nodes) + storage {:.0} + transfer {:.0} + backups {:.0} + platform {:.0}; {}",
        e.posture.slug(),
        total / single,
        total,
        c.lines.compute_usd,
        c.compute_vms,
        c.lines.database_usd,
        c.copies,
        c.lines.storage_usd,
        c.lines.transfer_usd,
        c.lines.backup_usd,
        c.lines.platform_usd,
        regions.join(" | ")
    )
}

fn multiple(evals: &[Evaluation], p: Posture) -> Option<f64> {
    let total = |p: Posture| {
        evals
            .iter()
            .find(|e| e.posture == p)
            .and_then(|e| e.monthly_cost_usd)
    };
    Some(total(p)? / total(Posture::SingleRegion)?)
}

fn regions_of(evals: &[Evaluation], p: Posture) -> usize {
    evals
        .iter()
        .find(|e| e.posture == p)
        .and_then(|e| e.cost.as_ref())
        .map_or(0, |c| {
            c.regions.iter().filter(|r| r.database_nodes > 0.0).count()
        })
}

/// The range a posture's textbook plan (`examples/<posture>.json`) must land in.
fn published_range(p: Posture) -> Option<(f64, f64)> {
    match p {
        Posture::WarmStandby => Some((1.25, 1.8)),
        Posture::ActiveActiveMultiWriter => Some((1.8, 3.2)),
        Posture::GlobalConsensus => Some((2.8, f64::INFINITY)),
        _ => None,
    }
}

#[test]
fn seed_plans_land_in_the_published_ranges_because_of_their_bill_of_materials() {
    let mut checked = Vec::new();
    for (name, plan) in seeds() {
        let report = evaluate(&plan).unwrap();
        for class in &report.classes {
            let evals = &class.evaluations;
            let Some(single) = evals
                .iter()
                .find(|e| e.posture == Posture::SingleRegion)
                .and_then(|e| e.monthly_cost_usd)
            else {
                println!("{name} / {}: no single-region placement", class.name);
                continue;
            };
            println!(
                "{name} / {} (chosen {}):",
                class.name,
                class.chosen.posture.slug()
            );
            for e in evals {
                println!("{}", line(e, single));
            }
            let m = |p| multiple(evals, p);
            if let (Some(pl), Some(ws), Some(ss)) = (
                m(Posture::PilotLight),
                m(Posture::WarmStandby),
                m(Posture::SyncStandby),
            ) {
                assert!(
                    1.0 <= pl && pl <= ws && ws < ss,
                    "{name} {}: pilot {pl:.2}x, warm {ws:.2}x, sync {ss:.2}x",
                    class.name
                );
            }
            // The textbook plan of a posture is the example named after it.
            let own = Posture::ALL
                .into_iter()
                .find(|p| name == format!("{}.json", p.slug()));
            if let Some((p, (lo, hi))) = own.and_then(|p| published_range(p).map(|r| (p, r))) {
                let x = m(p).expect("the textbook plan places its posture");
                println!(
                    "  => {} in {} regions: {x:.2}x",
                    p.slug(),
                    regions_of(evals, p)
                );
                assert!(
                    (lo..=hi).contains(&x),
                    "{name}: {} {x:.2}x not in {lo}-{hi}",
                    p.slug()
                );
                checked.push(p);
            }
        }
    }
    assert_eq!(checked.len(), 3, "textbook plans checked: {checked:?}");
}
