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
    pub fn total_usd(&self) -> f64 {
        self.compute_usd
            + self.database_usd
            + self.storage_usd
            + self.network_usd
            + self.platform_usd
    }
}

/// A posture's cost from the baseline bill, with how each component was scaled.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScaledBill {
    pub bill: BaselineBill,
    /// One sentence per component: the ratio applied, or why none could be.
    pub notes: Vec<String>,
}

fn finite(v: f64) -> f64 {
    if v.is_finite() {
        v.max(0.0)
    } else {
        0.0
    }
}

/// `bill x posture/single` when the single-region BOM has some of it; else the bill plus
/// the posture's list-priced amount (nothing to scale from).
fn scaled(what: &str, bill: f64, single: f64, posture: f64, notes: &mut Vec<String>) -> f64 {
    let (bill, single, posture) = (finite(bill), finite(single), finite(posture));
    if single > 0.0 {
        let ratio = posture / single;
        notes.push(format!(
            "{what}: your bill x {ratio:.3} (bill of materials, posture / single region)"
        ));
        bill * ratio
    } else {
        notes.push(format!(
            "{what}: your bill + {posture:.2} USD at list prices (single region has none to scale)"
        ));
        bill + posture
    }
}

/// Scales `bill` (today, single region) to the posture whose list-priced BOM is
/// `posture`, `single` being the single-region BOM of the same class. Network: today's
/// traffic stays (users' egress does not change with the posture) and the cross-region
/// replication the posture adds is priced at list.
pub fn scale(bill: &BaselineBill, single: &CostBreakdown, posture: &CostBreakdown) -> ScaledBill {
    let mut notes = Vec::new();
    let added_transfer = finite(posture.transfer_usd) - finite(single.transfer_usd);
    notes.push(format!(
        "network: your bill + {:.2} USD of cross-region replication at list prices",
        added_transfer
    ));
    let out = BaselineBill {
        compute_usd: scaled(
            "compute",
            bill.compute_usd,
            single.compute_usd,
            posture.compute_usd,
            &mut notes,
        ),
        database_usd: scaled(
            "database",
            bill.database_usd,
            single.database_usd,
            posture.database_usd,
            &mut notes,
        ),
        storage_usd: scaled(
            "storage",
            bill.storage_usd,
            single.storage_usd + single.backup_usd,
            posture.storage_usd + posture.backup_usd,
            &mut notes,
        ),
        network_usd: (finite(bill.network_usd) + added_transfer).max(0.0),
        platform_usd: scaled(
            "platform",
            bill.platform_usd,
            single.platform_usd,
            posture.platform_usd,
            &mut notes,
        ),
    };
    ScaledBill { bill: out, notes }
}
