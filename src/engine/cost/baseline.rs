//! "Your bill as the baseline": today's single-region monthly bill by component, scaled to
//! each posture component by component by the bill of materials (posture / single region,
//! both at list prices), so the single-region posture reproduces the bill exactly.
//! Pure; the plan section that carries the bill is wired by the plan's owner.

use serde::{Deserialize, Serialize};

use crate::engine::report::CostBreakdown;

/// Today's monthly bill of the workload in one region, USD/month per component.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BaselineBill {
    /// VMs, containers, functions serving the workload.
    pub compute_usd: f64,
    /// Database instances (managed or self-run).
    pub database_usd: f64,
    /// Disks, database storage, snapshots and backups.
    pub storage_usd: f64,
    /// Data transfer: internet egress, cross-AZ, load-balancer data.
    pub network_usd: f64,
    /// Everything else: load balancers, NAT, observability, support.
    pub platform_usd: f64,
}

impl BaselineBill {
    /// The lines with their field names, in the plan's order.
    pub fn lines(&self) -> [(&'static str, f64); 5] {
        [
            ("compute_usd", self.compute_usd),
            ("database_usd", self.database_usd),
            ("storage_usd", self.storage_usd),
            ("network_usd", self.network_usd),
            ("platform_usd", self.platform_usd),
        ]
    }

    pub fn total_usd(&self) -> f64 {
        self.compute_usd
            + self.database_usd
            + self.storage_usd
            + self.network_usd
            + self.platform_usd
    }
}

/// A posture's cost from the baseline bill, with how each line was scaled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScaledBill {
    pub bill: BaselineBill,
    /// Posture / single region at list prices, per line (compute, database, storage,
    /// platform); `None` where single region has none of it, and the line is then your
    /// bill plus the posture's list-priced amount.
    pub compute_ratio: Option<f64>,
    pub database_ratio: Option<f64>,
    pub storage_ratio: Option<f64>,
    pub platform_ratio: Option<f64>,
    /// Network is your bill plus this much cross-region replication at list prices
    /// (users' own traffic does not change with the posture).
    pub added_transfer_usd: f64,
}

fn finite(v: f64) -> f64 {
    if v.is_finite() {
        v.max(0.0)
    } else {
        0.0
    }
}

/// `bill x posture/single` when the single-region BOM has some of it; else the bill plus
/// the posture's list-priced amount (nothing to scale from). Returns (line, ratio).
fn scaled(bill: f64, single: f64, posture: f64) -> (f64, Option<f64>) {
    let (bill, single, posture) = (finite(bill), finite(single), finite(posture));
    if single > 0.0 {
        let ratio = posture / single;
        (bill * ratio, Some(ratio))
    } else {
        (bill + posture, None)
    }
}

/// Scales `bill` (today, single region) to the posture whose list-priced BOM is
/// `posture`, `single` being the single-region BOM of the same class. Network: today's
/// traffic stays (users' egress does not change with the posture) and the cross-region
/// replication the posture adds is priced at list.
pub fn scale(bill: &BaselineBill, single: &CostBreakdown, posture: &CostBreakdown) -> ScaledBill {
    let added_transfer_usd = finite(posture.lines.transfer_usd) - finite(single.lines.transfer_usd);
    let (compute_usd, compute_ratio) = scaled(
        bill.compute_usd,
        single.lines.compute_usd,
        posture.lines.compute_usd,
    );
    let (database_usd, database_ratio) = scaled(
        bill.database_usd,
        single.lines.database_usd,
        posture.lines.database_usd,
    );
    let (storage_usd, storage_ratio) = scaled(
        bill.storage_usd,
        single.lines.storage_usd + single.lines.backup_usd,
        posture.lines.storage_usd + posture.lines.backup_usd,
    );
    let (platform_usd, platform_ratio) = scaled(
        bill.platform_usd,
        single.lines.platform_usd,
        posture.lines.platform_usd,
    );
    ScaledBill {
        bill: BaselineBill {
            compute_usd,
            database_usd,
            storage_usd,
            network_usd: (finite(bill.network_usd) + added_transfer_usd).max(0.0),
            platform_usd,
        },
        compute_ratio,
        database_ratio,
        storage_ratio,
        platform_ratio,
        added_transfer_usd,
    }
}

/// The five lines of a bill that the list-priced bill of materials maps to: storage holds
/// the disks and the backups, network the cross-region transfer.
fn lines_of(c: &CostBreakdown) -> [f64; 5] {
    [
        c.lines.compute_usd,
        c.lines.database_usd,
        c.lines.storage_usd + c.lines.backup_usd,
        c.lines.transfer_usd,
        c.lines.platform_usd,
    ]
}

fn bill_lines(b: &BaselineBill) -> [f64; 5] {
    [
        b.compute_usd,
        b.database_usd,
        b.storage_usd,
        b.network_usd,
        b.platform_usd,
    ]
}

fn bill_from(l: [f64; 5]) -> BaselineBill {
    BaselineBill {
        compute_usd: l[0],
        database_usd: l[1],
        storage_usd: l[2],
        network_usd: l[3],
        platform_usd: l[4],
    }
}

/// Each class's part of a plan-wide bill: every line in proportion to the class's share of
/// that line in the single-region bills of materials, or of their totals where no class
/// has any of it (network: one region sends nothing across regions). `None` for a class
/// without a single-region cost (residency): it keeps its list prices. The parts add up to
/// the bill.
pub fn apportion(
    bill: &BaselineBill,
    singles: &[Option<&CostBreakdown>],
) -> Vec<Option<BaselineBill>> {
    let lines: Vec<Option<[f64; 5]>> = singles
        .iter()
        .map(|s| s.map(|c| lines_of(c).map(finite)))
        .collect();
    let totals: Vec<Option<f64>> = lines.iter().map(|l| l.map(|l| l.iter().sum())).collect();
    let grand: f64 = totals.iter().flatten().sum();
    let want = bill_lines(bill);
    let priced = lines.iter().flatten().count() as f64;
    lines
        .iter()
        .zip(&totals)
        .map(|(l, t)| {
            let (l, t) = (l.as_ref()?, t.as_ref()?);
            let mut part = [0.0; 5];
            for k in 0..5 {
                let sum: f64 = lines.iter().flatten().map(|x| x[k]).sum();
                let share = if sum > 0.0 {
                    l[k] / sum
                } else if grand > 0.0 {
                    t / grand
                } else {
                    1.0 / priced
                };
                part[k] = finite(want[k]) * share;
            }
            Some(bill_from(part))
        })
        .collect()
}

/// Replaces each posture's cost by the plan's bill scaled to it: the class's part of the
/// bill ([`apportion`]) scaled line by line ([`scale`]). `evaluations[c]` are class `c`'s
/// postures, single region first. The list-priced breakdown stays beside it.
pub fn apply(bill: &BaselineBill, evaluations: &mut [Vec<crate::engine::report::Evaluation>]) {
    let singles: Vec<Option<CostBreakdown>> = evaluations
        .iter()
        .map(|evals| evals.first().and_then(|e| e.cost.clone()))
        .collect();
    let parts = apportion(
        bill,
        &singles.iter().map(Option::as_ref).collect::<Vec<_>>(),
    );
    for ((evals, single), part) in evaluations.iter_mut().zip(&singles).zip(parts) {
        let (Some(single), Some(part)) = (single, part) else {
            continue;
        };
        for e in evals.iter_mut() {
            if let Some(cost) = e.cost.as_mut() {
                let scaled = scale(&part, single, cost);
                e.monthly_cost_usd = Some(scaled.bill.total_usd());
                cost.from_bill = Some(scaled);
            }
        }
    }
}
