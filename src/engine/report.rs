//! The report: everything the engine derives from a plan. Plain data, serde-serialisable,
//! numbers as f64 in the units their names say (`_ms`, `_s`, `_usd` per month).
//! `None` (JSON `null`) in `rpo_s`/`rto_s` means the posture does not survive the loss of a
//! region at all (the data is unavailable until the region returns).

mod json_form;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::posture::Posture;
use crate::present::Product;

/// The whole report: one entry per data class, in plan order, and totals.
///
/// Serialising a `Report` writes its JSON form (the CLI's and the export's: each class's
/// chosen evaluation and each cost's lines flattened into their parent, see
/// `src/engine/report/json_form.rs`); deserialising reads the plain form, with those nested
/// under their own keys, which is what [`ClassReport`] and the other structs serialise to on
/// their own (the engine worker sends each class so, and a report without classes).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub plan_name: String,
    #[serde(serialize_with = "json_form::in_json_form")]
    pub classes: Vec<Arc<ClassReport>>,
    pub totals: Totals,
    /// Where each price used came from (every price carries a source and a date).
    pub price_sources: Vec<String>,
    /// Where the RTT figures came from (one line per distinct source).
    pub rtt_sources: Vec<String>,
}

/// Sums across data classes of the chosen postures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// The chosen postures' costs, over the classes that have a placement.
    pub monthly_cost_usd: f64,
    /// The single-region cost of the classes compared (those with both figures).
    pub single_region_monthly_cost_usd: f64,
    /// Chosen over single-region cost, over the classes that have both; `None` if none has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_multiple: Option<f64>,
    /// Classes whose chosen posture has no placement, so no cost (left out of the total).
    pub unpriced_classes: Vec<String>,
    /// Classes with a cost but no single-region placement (residency), left out of the
    /// comparison with single region.
    pub no_baseline_classes: Vec<String>,
    /// Classes for which no posture met every requirement.
    pub infeasible_classes: Vec<String>,
    /// The plan's bill (today, one region) when the costs are scaled from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scaled_from_bill: Option<super::cost::baseline::BaselineBill>,
}

/// The recommendation for one data class.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassReport {
    pub name: String,
    /// False when nothing met every requirement; then `chosen` is the closest posture.
    pub feasible: bool,
    /// The chosen (or closest) posture's full evaluation, flattened into this object in the
    /// report's JSON form: `posture`, `placement`, `latency`, `rpo_s`, `rto_s`, ...
    #[serde(serialize_with = "json_form::flattened")]
    pub chosen: Evaluation,
    /// Why this posture: each a sentence citing a number.
    pub reasons: Vec<String>,
    /// Every other posture and the requirement it broke (empty list: it met them all but
    /// lost on simplicity or cost, stated in `reasons`).
    pub rejected: Vec<Rejection>,
    /// When nothing fits: what to change, in the UI's words and units (the advice's texts).
    pub relax: Vec<String>,
    /// When nothing fits: plan changes after which a named posture fits, each checked.
    pub advice: Vec<super::advice::Advice>,
    /// When the plan pins a posture other than the engine's choice: what the pin changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pin: Option<super::pin::PinNote>,
    /// When the plan pins a placement: where the engine would have placed the class.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement_pin: Option<super::pin::PlacementNote>,
    /// The catalog's services for the chosen posture on the plan's providers: those that fit
    /// the placement first, then those that do not, with the constraint they break.
    pub services: Vec<super::services::ServiceOption>,
    /// Every posture's evaluation (for charts), in [`Posture::ALL`] order.
    pub evaluations: Vec<Evaluation>,
}

/// A posture that was not chosen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rejection {
    pub posture: Posture,
    /// The broken requirements, worst first; empty if it met all but lost the tie-break.
    pub violations: Vec<Violation>,
    /// One sentence.
    pub message: String,
}

/// Which requirement a posture broke.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Requirement {
    /// Residency: a copy would sit outside the allowed jurisdictions.
    Residency,
    /// The posture cannot apply to this class (e.g. partitioning shared records).
    Applicability,
    /// The conflict semantics forbid concurrent writers.
    Conflicts,
    /// The consistency need cannot be served.
    Consistency,
    /// RPO target (s).
    Rpo,
    /// RTO target (s).
    Rto,
    /// Write p99 budget (ms).
    WriteLatency,
    /// Read p99 budget (ms).
    ReadLatency,
}

impl Requirement {
    pub fn slug(self) -> &'static str {
        match self {
            Requirement::Residency => "residency",
            Requirement::Applicability => "applicability",
            Requirement::Conflicts => "conflicts",
            Requirement::Consistency => "consistency",
            Requirement::Rpo => "rpo",
            Requirement::Rto => "rto",
            Requirement::WriteLatency => "write-latency",
            Requirement::ReadLatency => "read-latency",
        }
    }
}

/// One broken requirement with the numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Violation {
    pub requirement: Requirement,
    /// The target (s or ms); `None` for qualitative requirements.
    pub target: Option<f64>,
    /// What the posture achieves; `None` when it does not survive at all or is qualitative.
    pub achieved: Option<f64>,
    /// `achieved - target` in the target's unit; `None` if unbounded or qualitative.
    pub by: Option<f64>,
    /// A sentence citing the numbers.
    pub message: String,
}

/// Where each copy of a class lives, by shape. Regions are place labels (`aws:us-east-1`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "shape", rename_all = "kebab-case")]
pub enum Placement {
    /// One region (multi-AZ); backup & restore adds a cross-region backup.
    Single {
        primary: String,
        backup: Option<String>,
    },
    /// A primary and one standby it replicates to (pilot light, warm or sync standby).
    Standby {
        primary: String,
        standby: String,
        replication: Replication,
    },
    /// A primary that takes every write and read replicas (read local, write global).
    Replicated {
        primary: String,
        replicas: Vec<String>,
    },
    /// Each population's records live in its home region, with a standby per home.
    Partitioned { homes: Vec<Home> },
    /// Every listed region accepts writes and replicates to the others.
    MultiWriter { writers: Vec<String> },
    /// A leader and followers that vote; a write waits for a majority.
    Consensus {
        leader: String,
        followers: Vec<String>,
    },
}

/// A user population's home region and the standby of that partition (`None` when
/// residency allows no second region for it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Home {
    pub population: String,
    pub region: String,
    pub standby: Option<String>,
}

/// Whether a standby's replication is part of the write (sync) or follows it (async).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Replication {
    Sync,
    Async,
}

/// The role one copy plays.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "role", content = "population", rename_all = "kebab-case")]
pub enum Role {
    Primary,
    Standby,
    Replica,
    Writer,
    Leader,
    Follower,
    Backup,
    /// The home of one population's records.
    Home(String),
    /// The standby of one population's partition.
    PartitionStandby(String),
}

impl Placement {
    /// The single write region, for shapes that have one.
    pub fn primary(&self) -> Option<&str> {
        match self {
            Placement::Single { primary, .. }
            | Placement::Standby { primary, .. }
            | Placement::Replicated { primary, .. } => Some(primary),
            Placement::Consensus { leader, .. } => Some(leader),
            _ => None,
        }
    }

    /// The standby that takes over from the primary, for standby shapes.
    pub fn standby(&self) -> Option<&str> {
        match self {
            Placement::Standby { standby, .. } => Some(standby),
            _ => None,
        }
    }

    /// Every copy with its role, in a stable order (primary or leader first).
    pub fn copies(&self) -> Vec<(Role, &str)> {
        let mut out: Vec<(Role, &str)> = Vec::new();
        match self {
            Placement::Single { primary, backup } => {
                out.push((Role::Primary, primary));
                out.extend(backup.iter().map(|b| (Role::Backup, b.as_str())));
            }
            Placement::Standby {
                primary, standby, ..
            } => {
                out.push((Role::Primary, primary));
                out.push((Role::Standby, standby));
            }
            Placement::Replicated { primary, replicas } => {
                out.push((Role::Primary, primary));
                out.extend(replicas.iter().map(|r| (Role::Replica, r.as_str())));
            }
            Placement::Partitioned { homes } => {
                for h in homes {
                    out.push((Role::Home(h.population.clone()), &h.region));
                    if let Some(s) = &h.standby {
                        out.push((Role::PartitionStandby(h.population.clone()), s));
                    }
                }
            }
            Placement::MultiWriter { writers } => {
                out.extend(writers.iter().map(|w| (Role::Writer, w.as_str())));
            }
            Placement::Consensus { leader, followers } => {
                out.push((Role::Leader, leader));
                out.extend(followers.iter().map(|f| (Role::Follower, f.as_str())));
            }
        }
        out
    }

    /// Every distinct region that holds a copy, in [`Placement::copies`] order.
    pub fn regions(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for (_, r) in self.copies() {
            if !out.contains(&r) {
                out.push(r);
            }
        }
        out
    }
}

/// How a replication link carries writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkKind {
    /// The write waits for this link (synchronous standby, consensus quorum).
    Sync,
    /// Replicated after the acknowledgement.
    Async,
    /// Periodic backup copies.
    Backup,
}

/// One replication link of a placement, as the engine computed it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReplicationLink {
    pub from: String,
    pub to: String,
    pub kind: LinkKind,
    /// p50 round trip between the two ends (ms), from the latency model.
    pub rtt_p50_ms: f64,
}

/// Latency for one user population (ms), with the budgets for comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PopulationLatency {
    pub population: String,
    pub write_p50_ms: f64,
    pub write_p99_ms: f64,
    pub read_p50_ms: f64,
    pub read_p99_ms: f64,
    pub write_budget_ms: Option<f64>,
    pub read_budget_ms: Option<f64>,
    /// The path a write takes, e.g. "aws:us-east-1, quorum via aws:us-west-2".
    pub write_path: String,
    /// Where reads are served.
    pub read_from: String,
    /// The population's access network; its round trip is inside every figure above.
    pub access: crate::plan::AccessNetwork,
}

/// RTO components (s); their sum is `rto_s`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RtoBreakdown {
    /// Health-check interval x failure threshold.
    pub detection_s: f64,
    /// DNS TTL + resolver overstay, or the anycast re-route time.
    pub routing_s: f64,
    /// Standby promotion / leader election.
    pub promotion_s: f64,
    /// Scaling up, warming caches, or provisioning + restoring from backup.
    pub warmup_s: f64,
    /// What set the promotion part when it is not the plan's operations: the chosen
    /// service's published figure, with its basis, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub promotion_by: Option<String>,
}

/// What losing one region does to this class.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outage {
    pub region: String,
    /// Writes lost on a hard failure: writes/s x this region's share x unreplicated lag.
    pub writes_lost: Product,
    /// Time until this class serves again, for the users affected (s); 0 if unaffected;
    /// `None` if it does not recover until the region returns.
    pub downtime_s: Option<f64>,
    pub effect: String,
    /// Each population's service once the failover is done (empty: nobody's changes).
    pub after: Vec<PopulationAfter>,
}

/// One population after a region loss: where its writes go and their p99, or `None`
/// everywhere when its data is unavailable until the region returns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PopulationAfter {
    pub population: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub served_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub write_p99_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_p99_ms: Option<f64>,
}

/// A point of the staleness curve.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StalenessPoint {
    /// Time after the write's acknowledgement (ms).
    pub t_ms: f64,
    /// Probability a read at that time returns the write (0..1).
    pub p_consistent: f64,
}

/// The six lines of a cost (USD/month), shared by a posture's total ([`CostBreakdown`],
/// rounded as shown) and each region's part ([`RegionCost`], unrounded).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CostLines {
    /// The serving tier (VMs with AZ and cross-region static-stability headroom).
    pub compute_usd: f64,
    /// Database nodes, by role, in every region that holds a copy.
    pub database_usd: f64,
    /// Block storage of every database node's copy.
    pub storage_usd: f64,
    /// Cross-region replication (sent from the region, for a region's part).
    pub transfer_usd: f64,
    /// Snapshots and their cross-region copy (storage and the copy's transfer).
    pub backup_usd: f64,
    /// The fixed per-region platform line (load balancer, NAT, observability).
    pub platform_usd: f64,
}

impl CostLines {
    pub fn total_usd(&self) -> f64 {
        self.compute_usd
            + self.database_usd
            + self.storage_usd
            + self.transfer_usd
            + self.backup_usd
            + self.platform_usd
    }
}

/// Monthly cost components (USD/month), each rounded as shown so they add up to the total.
/// What each line holds and its source: docs/engine.md, "Cost".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CostBreakdown {
    /// The six lines, each rounded as shown (flattened into this object in the JSON form).
    #[serde(serialize_with = "json_form::flattened")]
    pub lines: CostLines,
    /// Serving VM-equivalents, summed over regions (includes headroom).
    pub compute_vms: f64,
    /// Database nodes, summed over regions.
    pub database_nodes: f64,
    /// Number of full data copies (one per database node).
    pub copies: u32,
    /// Data replicated across regions per month (GB).
    pub transfer_gb: f64,
    /// Each cross-region replication stream with its price (what `transfer_usd` sums).
    pub streams: Vec<TransferStream>,
    /// The same cost per region, in placement order.
    pub regions: Vec<RegionCost>,
    /// Operational emissions of the serving VMs and database nodes (kg CO2e/month);
    /// `None` when a region that runs them has no carbon data. Never used to recommend.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kg_co2e_month: Option<f64>,
    /// When the plan gives today's bill: that bill scaled to this posture line by line
    /// (its total is the evaluation's `monthly_cost_usd`); the lines above stay at list
    /// prices, as the bill of materials the scaling uses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_bill: Option<super::cost::baseline::ScaledBill>,
}

/// One cross-region replication stream: `share` of the class's writes sent from `from` to
/// `to`, each write's record once, at `usd_per_gb`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TransferStream {
    pub from: String,
    pub to: String,
    pub share: f64,
    pub usd_per_gb: f64,
}

/// One region's part of a posture's cost (USD/month, unrounded) and what it runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegionCost {
    pub region: String,
    pub serving_vms: f64,
    /// Database nodes by role, e.g. `primary x2`.
    pub database: Vec<String>,
    pub database_nodes: f64,
    pub stored_gb: f64,
    /// Transfer: replication sent from this region; backups: snapshots kept here and
    /// copies sent from here. Flattened into this object in the JSON form.
    #[serde(serialize_with = "json_form::flattened")]
    pub lines: CostLines,
    /// Prices that are not this region's own (the provider's nearest priced region).
    pub price_notes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kg_co2e_month: Option<f64>,
}

impl RegionCost {
    pub fn total_usd(&self) -> f64 {
        self.lines.total_usd()
    }
}

/// Where one copy lives and whether that is allowed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CopyResidency {
    pub role: String,
    pub place: String,
    pub jurisdiction: String,
    pub compliant: bool,
    /// A disaster-recovery copy outside the jurisdiction, allowed by a primary-only scope.
    pub outside_for_dr: bool,
}

/// One posture with its best placement, evaluated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub posture: Posture,
    /// False when no placement exists (residency, applicability): `placement` is then
    /// `None`, every list is empty and no figure may be shown (the violation says why).
    pub placeable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement: Option<Placement>,
    /// The replication links of the placement (empty when not placeable).
    pub links: Vec<ReplicationLink>,
    pub latency: Vec<PopulationLatency>,
    /// Achieved RPO for a region loss (s): 0, a lag percentile (p99) or the backup interval.
    pub rpo_s: Option<f64>,
    /// Writes lost on a hard failure of the worst region, with its factors.
    pub writes_lost_on_region_failure: Option<Product>,
    /// Achieved RTO for a region loss (s), the sum of `rto`.
    pub rto_s: Option<f64>,
    pub rto: Option<RtoBreakdown>,
    /// Simultaneous region failures survived without losing service for good.
    pub region_failures_survived: u32,
    pub outages: Vec<Outage>,
    pub staleness: Vec<StalenessPoint>,
    /// Expected conflicting writes per day (0 for single-writer postures), the total of
    /// `conflicts`; `None` when not placeable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflicts_per_day: Option<f64>,
    /// Where the conflicts come from, one product per pair of writer regions (multi-writer
    /// only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflicts: Option<Conflicts>,
    /// The sum of `cost`'s components; `None` when not placeable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monthly_cost_usd: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<CostBreakdown>,
    /// `monthly_cost_usd` over this class's single-region cost; `None` when either is
    /// unknown (not placeable, or no single-region placement to compare with).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_multiple: Option<f64>,
    pub residency: Vec<CopyResidency>,
    /// How read-your-writes is kept when reads are served away from the write region
    /// (`None`: reads already go where the writes land, or the class does not need it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_reads: Option<SessionReads>,
    /// Requirements this posture breaks (empty: feasible).
    pub violations: Vec<Violation>,
}

/// Expected conflicting writes per day of a multi-writer placement: the sum of each writer
/// pair's product as shown (see [`Product::conflicts`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conflicts {
    /// The sum of the pairs' shown results.
    pub per_day: f64,
    pub pairs: Vec<ConflictPair>,
    /// Each record has one writer (per-population ownership): nothing to conflict.
    pub owned_records: bool,
}

/// The conflicts two writer regions produce between them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictPair {
    pub between: [String; 2],
    pub per_day: Product,
}

/// Read-your-writes kept by sticky routing: for `window_s` after a user's own write, that
/// user's reads go to `to` (where the write landed); `share_of_reads` of all reads do, and
/// the read percentiles include them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionReads {
    pub window_s: f64,
    pub share_of_reads: f64,
    pub to: String,
}

impl Evaluation {
    pub fn feasible(&self) -> bool {
        self.violations.is_empty()
    }

    /// The worst p99 across user populations (write or read): the figure a p99 budget is
    /// checked against. `None` when the posture has no latency (not placeable).
    pub fn worst_p99(&self, write: bool) -> Option<f64> {
        self.latency
            .iter()
            .map(|l| if write { l.write_p99_ms } else { l.read_p99_ms })
            .reduce(f64::max)
    }
}

/// The report as markdown (decisions table, reasons, rejected postures); see
/// [`crate::export::markdown`].
pub fn to_markdown(plan: &crate::plan::Plan, report: &Report) -> String {
    crate::export::markdown::to_markdown(plan, report)
}
