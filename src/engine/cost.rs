//! Monthly cost per data class: compute with static-stability headroom, a database node and
//! storage per copy, cross-region replication transfer, and backups.
//!
//! Prices come through the [`Prices`] trait, implemented for the plan's `PriceBook`.
//!
//! Compute, in VM-equivalents, for a serving load `L = max(1, (reads + writes)/s /
//! RPS_PER_VM)`:
//! * one active region sized for an AZ loss: 3 AZs each at most 2/3 utilised, `L x 3/2`;
//! * n active regions, statically stable for a region loss: each sized to carry `L/(n-1)`,
//!   i.e. at most (n-1)/n utilised in normal operation, `L x n/(n-1)` in total;
//! * a warm standby (and a sync standby's region) runs [`WARM_STANDBY_FRACTION`] of the
//!   primary's compute; a pilot light runs none (data tier only); backup & restore none.

use super::placement::Choice;
use super::posture::Posture;
use super::report::CostBreakdown;
use super::Ctx;
use std::cell::RefCell;
use std::collections::HashMap;

use crate::data::prices::{self, PriceBook};
use crate::place::Place;
use crate::plan::DataClass;

/// Requests per second one VM-equivalent serves (4 vCPU). Assumption.
pub const RPS_PER_VM: f64 = 1000.0;
/// VM-equivalents of a database node holding one copy. Assumption.
pub const DB_NODE_VMS: f64 = 2.0;
/// A warm standby's compute as a fraction of the primary's. Assumption ("scaled down but
/// running", DESIGN.md).
pub const WARM_STANDBY_FRACTION: f64 = 0.25;
/// AZs per region for in-region static stability. Assumption (the common 3-AZ region).
pub const AZS_PER_REGION: f64 = 3.0;
/// Seconds in an average month (30 days).
pub const SECONDS_PER_MONTH: f64 = 2_592_000.0;

/// A price with where it came from (value, unit and provenance in one line).
#[derive(Clone, Debug, PartialEq)]
pub struct Price {
    pub usd: f64,
    pub source: String,
}

/// The prices the cost model needs. Implemented for the plan's
/// [`PriceBook`](crate::data::prices::PriceBook) (list prices with sources, user overrides).
pub trait Prices {
    /// One VM-equivalent (4 vCPU, 16 GiB, on demand) per month in `region`.
    fn vm_month(&self, region: &Place) -> Price;
    /// Database (block) storage per GB-month in `region`.
    fn storage_gb_month(&self, region: &Place) -> Price;
    /// Backup (object/snapshot) storage per GB-month in `region`.
    fn backup_gb_month(&self, region: &Place) -> Price;
    /// Cross-region transfer per GB from `from` to `to`.
    fn transfer_gb(&self, from: &Place, to: &Place) -> Price;
}

/// Database block storage $/GB-month. Assumption: the price book carries object-storage
/// prices only (used for backups); managed database / block storage lists at ~5x that
/// (AWS RDS gp2 $0.115/GB-month, 2024), so we use $0.115 and say so.
pub const DB_STORAGE_USD_PER_GB_MONTH: f64 = 0.115;

impl Prices for PriceBook {
    fn vm_month(&self, region: &Place) -> Price {
        let p = prices::vm_usd_per_month(region, self);
        Price {
            usd: p.usd,
            source: format!("VM: {}", p.describe()),
        }
    }
    fn storage_gb_month(&self, _: &Place) -> Price {
        Price {
            usd: DB_STORAGE_USD_PER_GB_MONTH,
            source: format!(
                "database storage: {DB_STORAGE_USD_PER_GB_MONTH} USD/GB-month (assumption: AWS RDS gp2 list price, 2024)"
            ),
        }
    }
    fn backup_gb_month(&self, region: &Place) -> Price {
        let p = prices::storage_usd_per_gb_month(region, self);
        Price {
            usd: p.usd,
            source: format!("backup storage: {}", p.describe()),
        }
    }
    fn transfer_gb(&self, from: &Place, to: &Place) -> Price {
        let p = prices::transfer_usd_per_gb(from, to, self);
        Price {
            usd: p.usd,
            source: format!("transfer from {}: {}", from.label(), p.describe()),
        }
    }
}

/// Which price of a region (or pair) the cost model asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum PriceKind {
    Vm,
    Storage,
    Backup,
    Transfer,
}

/// Prices of the plan's regions, memoised per evaluation (a price lookup formats its
/// provenance, which dominates the cost model's time if repeated for every posture).
pub(crate) struct PriceCache<'a> {
    book: &'a dyn Prices,
    memo: RefCell<HashMap<(PriceKind, usize, usize), Price>>,
}

impl<'a> PriceCache<'a> {
    pub fn new(book: &'a dyn Prices) -> Self {
        PriceCache {
            book,
            memo: RefCell::new(HashMap::new()),
        }
    }

    fn get(&self, regions: &[Place], kind: PriceKind, a: usize, b: usize) -> Price {
        if let Some(p) = self.memo.borrow().get(&(kind, a, b)) {
            return p.clone();
        }
        let p = match kind {
            PriceKind::Vm => self.book.vm_month(&regions[a]),
            PriceKind::Storage => self.book.storage_gb_month(&regions[a]),
            PriceKind::Backup => self.book.backup_gb_month(&regions[a]),
            PriceKind::Transfer => self.book.transfer_gb(&regions[a], &regions[b]),
        };
        self.memo.borrow_mut().insert((kind, a, b), p.clone());
        p
    }
}

/// Serving load in VM-equivalents.
pub fn load_vms(class: &DataClass) -> f64 {
    ((class.reads_per_s + class.writes_per_s) / RPS_PER_VM).max(1.0)
}

/// Total compute for `n` active regions statically stable for the loss of one:
/// `load x n/(n-1)`; one region is sized for the loss of an AZ instead.
pub fn static_stability_capacity(load: f64, n_active: usize) -> f64 {
    if n_active <= 1 {
        load * AZS_PER_REGION / (AZS_PER_REGION - 1.0)
    } else {
        load * n_active as f64 / (n_active as f64 - 1.0)
    }
}

/// Highest normal-operation utilisation of each of `n` active regions: (n-1)/n.
pub fn max_utilisation(n_active: usize) -> f64 {
    if n_active <= 1 {
        (AZS_PER_REGION - 1.0) / AZS_PER_REGION
    } else {
        (n_active as f64 - 1.0) / n_active as f64
    }
}

/// Cost of a placement and the price sources used.
pub(crate) fn cost(
    ctx: &Ctx,
    class: &DataClass,
    posture: Posture,
    c: &Choice,
    prices: &PriceCache,
    sources: &mut Vec<String>,
) -> CostBreakdown {
    let mut note = |s: String| {
        if !sources.contains(&s) {
            sources.push(s);
        }
    };
    let load = load_vms(class);
    // (region, VM-equivalents) of compute, and (region, share of data) per copy.
    let mut compute: Vec<(usize, f64)> = Vec::new();
    let mut copies: Vec<(usize, f64)> = Vec::new();
    // (from, to, share of the write stream) replicated across regions.
    let mut streams: Vec<(usize, usize, f64)> = Vec::new();
    let backup_region;
    match posture {
        Posture::SingleRegion | Posture::BackupRestore => {
            let p = c.primary.expect("primary");
            compute.push((p, static_stability_capacity(load, 1)));
            copies.push((p, 1.0));
            backup_region = Some(c.backup.unwrap_or(p));
            if let Some(b) = c.backup {
                streams.push((p, b, 1.0));
            }
        }
        Posture::PilotLight | Posture::WarmStandby | Posture::SyncStandby => {
            let (p, s) = (c.primary.expect("primary"), c.standby.expect("standby"));
            let primary = static_stability_capacity(load, 1);
            compute.push((p, primary));
            if posture != Posture::PilotLight {
                compute.push((s, primary * WARM_STANDBY_FRACTION));
            }
            copies.push((p, 1.0));
            copies.push((s, 1.0));
            streams.push((p, s, 1.0));
            backup_region = Some(s);
        }
        Posture::ReadLocalWriteGlobal => {
            let p = c.primary.expect("primary");
            let mut all = vec![p];
            all.extend(&c.replicas);
            let per = static_stability_capacity(load, all.len()) / all.len() as f64;
            for &r in &all {
                compute.push((r, per));
                copies.push((r, 1.0));
                if r != p {
                    streams.push((p, r, 1.0));
                }
            }
            backup_region = c.replicas.first().copied();
        }
        Posture::ActiveActivePartitioned => {
            let mut active: Vec<usize> = Vec::new();
            for &(h, s) in &c.homes {
                active.push(h);
                active.extend(s);
            }
            active.sort_unstable();
            active.dedup();
            let per = static_stability_capacity(load, active.len()) / active.len() as f64;
            for &r in &active {
                compute.push((r, per));
            }
            for (u, &(h, s)) in c.homes.iter().enumerate() {
                let share = ctx.shares[u];
                copies.push((h, share));
                if let Some(s) = s {
                    copies.push((s, share));
                    streams.push((h, s, share));
                }
            }
            // Backed up like any copy: cross-region to the first partition's standby, or in
            // its own region when residency allows no second one (never not at all).
            backup_region = c.homes.first().map(|&(h, s)| s.unwrap_or(h));
        }
        Posture::ActiveActiveMultiWriter | Posture::GlobalConsensus => {
            let regions: &[usize] = if posture == Posture::GlobalConsensus {
                &c.voters
            } else {
                &c.replicas
            };
            let per = static_stability_capacity(load, regions.len()) / regions.len() as f64;
            for &r in regions {
                compute.push((r, per));
                copies.push((r, 1.0));
            }
            if posture == Posture::GlobalConsensus {
                // The leader ships every write to the other voters.
                for &r in &regions[1..] {
                    streams.push((regions[0], r, 1.0));
                }
            } else {
                // Each writer ships its users' writes to every other writer.
                let mut write_share = vec![0.0; ctx.n()];
                for u in 0..ctx.users.len() {
                    let via = super::placement::user_latency(ctx, class, posture, c, u).write_via;
                    write_share[via] += ctx.shares[u];
                }
                for &a in regions {
                    for &b in regions {
                        if a != b && write_share[a] > 0.0 {
                            streams.push((a, b, write_share[a]));
                        }
                    }
                }
            }
            backup_region = regions.get(1).copied();
        }
    }
    let mut compute_usd = 0.0;
    let mut compute_vms = 0.0;
    for &(r, vms) in &compute {
        let p = prices.get(&ctx.regions, PriceKind::Vm, r, 0);
        note(p.source);
        compute_usd += vms * p.usd;
        compute_vms += vms;
    }
    let mut storage_usd = 0.0;
    let mut copy_regions: Vec<usize> = copies.iter().map(|c| c.0).collect();
    copy_regions.sort_unstable();
    copy_regions.dedup();
    for &(r, share) in &copies {
        let p = prices.get(&ctx.regions, PriceKind::Storage, r, 0);
        note(p.source);
        storage_usd += class.data_gb * share * p.usd;
    }
    // A database node per region holding data.
    for &r in &copy_regions {
        let p = prices.get(&ctx.regions, PriceKind::Vm, r, 0);
        note(p.source.clone());
        compute_usd += DB_NODE_VMS * p.usd;
        compute_vms += DB_NODE_VMS;
    }
    let gb_per_month = class.writes_per_s * class.record_bytes * SECONDS_PER_MONTH / 1e9;
    let mut transfer_usd = 0.0;
    let mut transfer_gb = 0.0;
    for &(a, b, share) in &streams {
        let p = prices.get(&ctx.regions, PriceKind::Transfer, a, b);
        note(p.source);
        transfer_usd += gb_per_month * share * p.usd;
        transfer_gb += gb_per_month * share;
    }
    // One full snapshot retained (in the backup region, cross-region where there is one).
    let backup_usd = backup_region.map_or(0.0, |b| {
        let p = prices.get(&ctx.regions, PriceKind::Backup, b, 0);
        note(p.source);
        class.data_gb * p.usd
    });
    let copies_total: f64 = copies.iter().map(|c| c.1).sum();
    // Each component as shown, so the components on screen add up to the total.
    let shown = crate::present::round_usd;
    CostBreakdown {
        compute_usd: shown(compute_usd),
        storage_usd: shown(storage_usd),
        transfer_usd: shown(transfer_usd),
        backup_usd: shown(backup_usd),
        compute_vms,
        copies: copies_total.round() as u32,
        transfer_gb,
    }
}

impl CostBreakdown {
    pub fn total_usd(&self) -> f64 {
        self.compute_usd + self.storage_usd + self.transfer_usd + self.backup_usd
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_stability_headroom_for_two_and_three_regions() {
        // 2 regions: each must carry the whole load, 50 % utilised, 2x the load in total.
        assert_eq!(max_utilisation(2), 0.5);
        assert_eq!(static_stability_capacity(10.0, 2), 20.0);
        // 3 regions: each carries half the load, 66.7 % utilised, 1.5x in total.
        assert!((max_utilisation(3) - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(static_stability_capacity(10.0, 3), 15.0);
        // One region, 3 AZs: 1.5x, sized for an AZ loss.
        assert_eq!(static_stability_capacity(10.0, 1), 15.0);
    }
}
