//! The bill of materials of a placement: per region, the serving VMs, the database nodes
//! by role, the data each node stores, whether the region pays the platform line; and the
//! cross-region streams and backups. Quantities only: [`super::cost`] prices them.
//! Every footprint below has a source or says "assumption" and why (docs/engine.md).

use super::super::placement::{self, Choice};
use super::super::posture::Posture;
use super::super::Ctx;
use crate::plan::DataClass;

/// Requests per second one VM-equivalent (4 vCPU) serves. Assumption (no public benchmark
/// fits every workload; override the VM price to scale it).
pub const RPS_PER_VM: f64 = 1000.0;
/// AZs per region for in-region static stability: the common 3-AZ region (AWS Builders'
/// Library, "Static stability using Availability Zones").
pub const AZS_PER_REGION: f64 = 3.0;
/// Minimum serving footprint of an active region: one VM in each AZ, or the region is not
/// spread over its AZs at all (same article: capacity pre-provisioned in every AZ).
pub const MIN_VMS_PER_AZ: f64 = 1.0;
/// A warm standby's serving tier as a fraction of the primary's ("scaled down but fully
/// functional", AWS whitepaper "Disaster Recovery of Workloads on AWS"); the fraction
/// itself is an assumption, at least one VM so it is functional.
pub const WARM_STANDBY_FRACTION: f64 = 0.25;
/// VM-equivalents of one database node (8 vCPU, 32 GiB as two reference VMs). Assumption:
/// a self-managed node priced as VMs; managed-database list prices are not in data/.
pub const DB_NODE_VMS: f64 = 2.0;
/// Consensus voters for a region-survival goal: 5 voting replicas, 2 in the leader's
/// region and 3 across the others (CockroachDB docs, "When to use ZONE vs. REGION survival
/// goals", v22.2).
pub const CONSENSUS_VOTERS_HOME: f64 = 2.0;
pub const CONSENSUS_VOTERS_ELSEWHERE: f64 = 3.0;

/// The role a region's database copy plays, which sets its node count ([`DbRole::nodes`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DbRole {
    /// Takes writes: a writer and a synchronous standby in a second AZ (AWS RDS Multi-AZ
    /// DB instance deployment: 2 instances, each with its own storage).
    Primary,
    /// Cross-region synchronous standby that takes over at once: primary-grade, 2 nodes.
    SyncStandby,
    /// Asynchronous standby (pilot light, warm standby, a partition's standby): one
    /// full-size node, since it applies every write at the primary's rate.
    AsyncStandby,
    /// Cross-region read replica: one node (RDS cross-region read replica).
    ReadReplica,
    /// Consensus voters of a region-survival group in this region.
    Voter,
}

impl DbRole {
    pub fn nodes(self) -> f64 {
        match self {
            DbRole::Primary | DbRole::SyncStandby => 2.0,
            DbRole::AsyncStandby | DbRole::ReadReplica => 1.0,
            DbRole::Voter => 1.0,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            DbRole::Primary => "primary",
            DbRole::SyncStandby => "sync standby",
            DbRole::AsyncStandby => "async standby",
            DbRole::ReadReplica => "read replica",
            DbRole::Voter => "voter",
        }
    }
}

/// What one region runs and stores for one class.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionBom {
    pub region: usize,
    pub serving_vms: f64,
    /// (role, nodes, share of the class's data each node stores).
    pub db: Vec<(DbRole, f64, f64)>,
}

impl RegionBom {
    /// Nodes running here: one database cluster per region hosts every copy the region
    /// holds (partitions' homes and standbys share it), sized for its largest role.
    pub fn db_nodes(&self) -> f64 {
        self.db.iter().map(|d| d.1).fold(0.0, f64::max)
    }
    /// GB stored in this region: each role's nodes keep their own copy of its share.
    pub fn stored_gb(&self, data_gb: f64) -> f64 {
        self.db.iter().map(|d| d.1 * d.2 * data_gb).sum()
    }
    /// Runs anything, so pays the platform line (load balancer, NAT, observability).
    pub fn runs(&self) -> bool {
        self.serving_vms > 0.0 || self.db_nodes() > 0.0
    }
}

/// The whole bill of materials of one placement.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Bom {
    pub regions: Vec<RegionBom>,
    /// (from, to, share of the write stream) replicated across regions.
    pub streams: Vec<(usize, usize, f64)>,
    /// (snapshot region, cross-region copy region if any, share of the data).
    pub backups: Vec<(usize, Option<usize>, f64)>,
}

impl Bom {
    fn at(&mut self, r: usize) -> &mut RegionBom {
        if let Some(i) = self.regions.iter().position(|x| x.region == r) {
            return &mut self.regions[i];
        }
        self.regions.push(RegionBom {
            region: r,
            serving_vms: 0.0,
            db: Vec::new(),
        });
        self.regions.last_mut().expect("just pushed")
    }
    fn serve(&mut self, r: usize, vms: f64) {
        self.at(r).serving_vms += vms;
    }
    fn db(&mut self, r: usize, role: DbRole, nodes: f64, share: f64) {
        self.at(r).db.push((role, nodes, share));
    }
}

/// Serving load in VM-equivalents.
pub fn load_vms(class: &DataClass) -> f64 {
    ((class.reads_per_s + class.writes_per_s) / RPS_PER_VM).max(1.0)
}

/// Serving VMs of each of `n` active regions: each must carry `load/(n-1)` once another
/// region is lost (the whole load when alone), and keep that with one AZ lost, so x3/2;
/// never below one VM per AZ.
pub fn active_region_vms(load: f64, n_active: usize) -> f64 {
    let carried = if n_active <= 1 {
        load
    } else {
        load / (n_active as f64 - 1.0)
    };
    let with_az_loss = carried * AZS_PER_REGION / (AZS_PER_REGION - 1.0);
    with_az_loss.max(MIN_VMS_PER_AZ * AZS_PER_REGION)
}

/// Total serving capacity of `n` statically stable active regions (before the minimum
/// footprint): `load x n/(n-1) x 3/2`, one region `load x 3/2`.
pub fn static_stability_capacity(load: f64, n_active: usize) -> f64 {
    let n = n_active.max(1);
    let carried = if n == 1 {
        load
    } else {
        load * n as f64 / (n as f64 - 1.0)
    };
    carried * AZS_PER_REGION / (AZS_PER_REGION - 1.0)
}

/// Highest normal-operation utilisation of each of `n` active regions.
pub fn max_utilisation(n_active: usize) -> f64 {
    let az = (AZS_PER_REGION - 1.0) / AZS_PER_REGION;
    if n_active <= 1 {
        az
    } else {
        az * (n_active as f64 - 1.0) / n_active as f64
    }
}

/// The bill of materials of `posture` placed as `c`; `None` if the choice lacks a region
/// the posture needs (never a panic).
pub(crate) fn build(ctx: &Ctx, class: &DataClass, posture: Posture, c: &Choice) -> Option<Bom> {
    let load = load_vms(class);
    let mut b = Bom::default();
    match posture {
        Posture::SingleRegion | Posture::BackupRestore => {
            let p = c.primary?;
            b.serve(p, active_region_vms(load, 1));
            b.db(p, DbRole::Primary, DbRole::Primary.nodes(), 1.0);
            b.backups.push((p, c.backup.filter(|&x| x != p), 1.0));
        }
        Posture::PilotLight | Posture::WarmStandby | Posture::SyncStandby => {
            let (p, s) = (c.primary?, c.standby?);
            let primary = active_region_vms(load, 1);
            b.serve(p, primary);
            b.db(p, DbRole::Primary, DbRole::Primary.nodes(), 1.0);
            let role = match posture {
                Posture::PilotLight => DbRole::AsyncStandby,
                Posture::WarmStandby => {
                    b.serve(s, (primary * WARM_STANDBY_FRACTION).max(1.0));
                    DbRole::AsyncStandby
                }
                _ => {
                    // Takes over at once: the same serving tier as the primary.
                    b.serve(s, primary);
                    DbRole::SyncStandby
                }
            };
            b.db(s, role, role.nodes(), 1.0);
            b.streams.push((p, s, 1.0));
            b.backups.push((p, Some(s), 1.0));
        }
        Posture::ReadLocalWriteGlobal => {
            let p = c.primary?;
            let n = c.replicas.len() + 1;
            b.serve(p, active_region_vms(load, n));
            b.db(p, DbRole::Primary, DbRole::Primary.nodes(), 1.0);
            for &r in &c.replicas {
                b.serve(r, active_region_vms(load, n));
                b.db(r, DbRole::ReadReplica, DbRole::ReadReplica.nodes(), 1.0);
                b.streams.push((p, r, 1.0));
            }
            b.backups.push((p, c.replicas.first().copied(), 1.0));
        }
        Posture::ActiveActivePartitioned => {
            let mut active: Vec<usize> = Vec::new();
            for &(h, s) in &c.homes {
                active.push(h);
                active.extend(s);
            }
            active.sort_unstable();
            active.dedup();
            for &r in &active {
                b.serve(r, active_region_vms(load, active.len()));
            }
            for (u, &(h, s)) in c.homes.iter().enumerate() {
                let share = ctx.shares.get(u).copied().unwrap_or(0.0);
                b.db(h, DbRole::Primary, DbRole::Primary.nodes(), share);
                if let Some(s) = s {
                    b.db(s, DbRole::AsyncStandby, DbRole::AsyncStandby.nodes(), share);
                    b.streams.push((h, s, share));
                }
                b.backups.push((h, s, share));
            }
        }
        Posture::ActiveActiveMultiWriter => {
            let regions = &c.replicas;
            let first = *regions.first()?;
            for &r in regions {
                b.serve(r, active_region_vms(load, regions.len()));
                // Every writer applies every write (its own and the others').
                b.db(r, DbRole::Primary, DbRole::Primary.nodes(), 1.0);
            }
            let mut write_share = vec![0.0; ctx.n()];
            for u in 0..ctx.users.len() {
                let via = placement::user_latency(ctx, class, posture, c, u).write_via;
                if let Some(w) = write_share.get_mut(via) {
                    *w += ctx.shares.get(u).copied().unwrap_or(0.0);
                }
            }
            for &a in regions {
                for &o in regions {
                    if a != o && write_share[a] > 0.0 {
                        b.streams.push((a, o, write_share[a]));
                    }
                }
            }
            b.backups.push((first, regions.get(1).copied(), 1.0));
        }
        Posture::GlobalConsensus => {
            let regions = &c.voters;
            let leader = *regions.first()?;
            let followers = regions.len().saturating_sub(1).max(1) as f64;
            for (i, &r) in regions.iter().enumerate() {
                b.serve(r, active_region_vms(load, regions.len()));
                let nodes = if i == 0 {
                    CONSENSUS_VOTERS_HOME
                } else {
                    // Spread over the followers in whole nodes: 3 over 2 regions is 2 + 1.
                    let even = CONSENSUS_VOTERS_ELSEWHERE / followers;
                    if i == 1 {
                        even.ceil()
                    } else {
                        ((CONSENSUS_VOTERS_ELSEWHERE - even.ceil()) / (followers - 1.0)).max(1.0)
                    }
                };
                b.db(r, DbRole::Voter, nodes, 1.0);
            }
            // The leader ships every write to the other voting regions.
            for &r in &regions[1..] {
                b.streams.push((leader, r, 1.0));
            }
            b.backups.push((leader, regions.get(1).copied(), 1.0));
        }
    }
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_stability_headroom_for_one_two_and_three_regions() {
        // One region, 3 AZs: sized for an AZ loss, 1.5x.
        assert_eq!(static_stability_capacity(10.0, 1), 15.0);
        // 2 regions: each carries the whole load, with an AZ lost: 2 x 10 x 1.5.
        assert_eq!(static_stability_capacity(10.0, 2), 30.0);
        assert_eq!(active_region_vms(10.0, 2), 15.0);
        // 3 regions: each carries half, with an AZ lost: 3 x 5 x 1.5.
        assert_eq!(static_stability_capacity(10.0, 3), 22.5);
        assert!((max_utilisation(3) - 4.0 / 9.0).abs() < 1e-12);
        // Small loads: one VM per AZ at least.
        assert_eq!(active_region_vms(1.0, 3), 3.0);
    }

    #[test]
    fn roles_hold_the_documented_nodes() {
        assert_eq!(DbRole::Primary.nodes(), 2.0);
        assert_eq!(DbRole::SyncStandby.nodes(), 2.0);
        assert_eq!(DbRole::AsyncStandby.nodes(), 1.0);
        assert_eq!(DbRole::ReadReplica.nodes(), 1.0);
        assert_eq!(CONSENSUS_VOTERS_HOME + CONSENSUS_VOTERS_ELSEWHERE, 5.0);
    }
}
