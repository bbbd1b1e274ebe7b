//! Monthly cost per data class: the bill of materials of the placement ([`bom`]) priced
//! per region with each provider's own list prices ([`Prices`]), as six components:
//! serving compute, database nodes, their storage, cross-region transfer, backups and the
//! per-region platform line. Also the emissions of that compute ([`emissions`]) and the
//! scaling of a user's own bill ([`baseline`]). Sources: docs/engine.md, "Cost".

use super::placement::Choice;
use super::posture::Posture;
use super::report::{CostBreakdown, CostLines, RegionCost, TransferStream};
use super::Ctx;
use std::cell::RefCell;
use std::collections::HashMap;

use crate::data::prices::{self, PriceBook};
use crate::place::Place;
use crate::plan::DataClass;

pub mod baseline;
pub mod bom;
pub mod emissions;

pub use bom::{
    active_region_vms, load_vms, max_utilisation, static_stability_capacity, DbRole,
    AZS_PER_REGION, DB_NODE_VMS, RPS_PER_VM, WARM_STANDBY_FRACTION,
};

/// Seconds in an average month (30 days).
pub const SECONDS_PER_MONTH: f64 = 2_592_000.0;

/// The per-region platform line, USD/hour: one Application Load Balancer ($0.0225/h) and a
/// NAT gateway in each of 3 AZs ($0.045/h each), AWS us-east-1 hourly list prices (Elastic
/// Load Balancing and Amazon VPC pricing pages, as quoted by cloud-horizons.com, 2026-05-08,
/// and cloudburn.io, 2026-02-24; not in data/), before their per-LCU and per-GB charges.
/// Assumption: applied to every provider as a provider-neutral figure (each has a load
/// balancer and NAT of that order).
pub const PLATFORM_NETWORK_USD_PER_HOUR: f64 = 0.0225 + 3.0 * 0.045;
/// Observability (metrics, logs, traces) per region and month. Assumption: no public
/// source prices a "region's worth"; 100 USD is a floor, not an estimate of yours.
pub const PLATFORM_OBSERVABILITY_USD_PER_MONTH: f64 = 100.0;

/// A price with where it came from (value, unit and provenance in one line).
#[derive(Clone, Debug, PartialEq)]
pub struct Price {
    pub usd: f64,
    pub source: String,
    /// Set when the figure is not the region's own price (see `Priced::stand_in`).
    pub stand_in: Option<String>,
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
    /// The fixed platform line per month in `region`.
    fn platform_month(&self, _region: &Place) -> Price {
        let usd = PLATFORM_NETWORK_USD_PER_HOUR * 720.0 + PLATFORM_OBSERVABILITY_USD_PER_MONTH;
        Price {
            usd,
            source: format!(
                "platform: {usd:.2} USD/month per region (assumption: one load balancer at $0.0225/h + a NAT gateway in each of 3 AZs at $0.045/h, AWS us-east-1 hourly list prices as quoted by cloud-horizons.com 2026-05 and cloudburn.io 2026-02, without per-LCU and per-GB charges, applied to every provider, + 100 USD observability, a floor; not in data/)"
            ),
            stand_in: None,
        }
    }
}

fn price(what: &str, p: prices::Priced) -> Price {
    Price {
        usd: p.usd,
        source: format!("{what}: {}", p.describe()),
        stand_in: p.stand_in,
    }
}

impl Prices for PriceBook {
    fn vm_month(&self, region: &Place) -> Price {
        price(
            &format!("VM {}", region.label()),
            prices::vm_usd_per_month(region, self),
        )
    }
    fn storage_gb_month(&self, region: &Place) -> Price {
        price(
            &format!("database storage {}", region.label()),
            prices::block_storage_usd_per_gb_month(region, self),
        )
    }
    fn backup_gb_month(&self, region: &Place) -> Price {
        price(
            &format!("backup storage {}", region.label()),
            prices::storage_usd_per_gb_month(region, self),
        )
    }
    fn transfer_gb(&self, from: &Place, to: &Place) -> Price {
        price(
            &format!("transfer {} to {}", from.label(), to.label()),
            prices::transfer_usd_per_gb(from, to, self),
        )
    }
}

/// Which price of a region (or pair) the cost model asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum PriceKind {
    Vm,
    Storage,
    Backup,
    Transfer,
    Platform,
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

    /// Hands `use_price` the price of `kind` for region `a` (and `b`, for transfer), looked
    /// up once per evaluation and lent, not cloned.
    fn with<R>(
        &self,
        regions: &[Place],
        kind: PriceKind,
        a: usize,
        b: usize,
        use_price: impl FnOnce(&Price) -> R,
    ) -> R {
        if let Some(p) = self.memo.borrow().get(&(kind, a, b)) {
            return use_price(p);
        }
        let (Some(ra), Some(rb)) = (regions.get(a), regions.get(b)) else {
            return use_price(&Price {
                usd: 0.0,
                source: "no such region".to_string(),
                stand_in: None,
            });
        };
        let p = match kind {
            PriceKind::Vm => self.book.vm_month(ra),
            PriceKind::Storage => self.book.storage_gb_month(ra),
            PriceKind::Backup => self.book.backup_gb_month(ra),
            PriceKind::Transfer => self.book.transfer_gb(ra, rb),
            PriceKind::Platform => self.book.platform_month(ra),
        };
        let used = use_price(&p);
        self.memo.borrow_mut().insert((kind, a, b), p);
        used
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
    let bom = bom::build(ctx, class, posture, c).unwrap_or_default();
    let mut rows: Vec<RegionCost> = Vec::new();
    let mut idx: Vec<usize> = Vec::new();
    let mut get = |kind: PriceKind, a: usize, b: usize, rows: &mut Vec<RegionCost>| {
        prices.with(&ctx.regions, kind, a, b, |p| {
            if !sources.contains(&p.source) {
                sources.push(p.source.clone());
            }
            if let Some(why) = &p.stand_in {
                let region = label(ctx, a);
                if let Some(row) = rows.iter_mut().find(|r| r.region == region) {
                    if !row.price_notes.contains(why) {
                        row.price_notes.push(why.clone());
                    }
                }
            }
            p.usd
        })
    };
    let mut row_of = |r: usize, rows: &mut Vec<RegionCost>| -> usize {
        if let Some(i) = idx.iter().position(|&x| x == r) {
            return i;
        }
        idx.push(r);
        rows.push(RegionCost {
            region: label(ctx, r),
            serving_vms: 0.0,
            database: Vec::new(),
            database_nodes: 0.0,
            stored_gb: 0.0,
            lines: CostLines::default(),
            price_notes: Vec::new(),
            kg_co2e_month: None,
        });
        rows.len() - 1
    };
    for rb in &bom.regions {
        let i = row_of(rb.region, &mut rows);
        let vm = get(PriceKind::Vm, rb.region, 0, &mut rows);
        let nodes = rb.db_nodes();
        let stored = rb.stored_gb(class.data_gb);
        let disk = if stored > 0.0 {
            get(PriceKind::Storage, rb.region, 0, &mut rows)
        } else {
            0.0
        };
        let platform = if rb.runs() {
            get(PriceKind::Platform, rb.region, 0, &mut rows)
        } else {
            0.0
        };
        let row = &mut rows[i];
        row.serving_vms = rb.serving_vms;
        row.database = rb
            .db
            .iter()
            .map(|(role, n, _)| format!("{} x{n}", role.name()))
            .collect();
        row.database_nodes = nodes;
        row.stored_gb = stored;
        row.lines.compute_usd = rb.serving_vms * vm;
        row.lines.database_usd = nodes * DB_NODE_VMS * vm;
        row.lines.storage_usd = stored * disk;
        row.lines.platform_usd = platform;
        row.kg_co2e_month = ctx
            .regions
            .get(rb.region)
            .and_then(|p| emissions::kg_co2e_month(p, rb.serving_vms + nodes * DB_NODE_VMS));
    }
    let gb_per_month = class.writes_per_s * class.record_bytes * SECONDS_PER_MONTH / 1e9;
    let mut transfer_gb = 0.0;
    let mut streams = Vec::new();
    for &(a, b, share) in &bom.streams {
        let i = row_of(a, &mut rows);
        let p = get(PriceKind::Transfer, a, b, &mut rows);
        // Priced as shown: the stream's GB/month from its shown factors.
        let gb = ctx.stream_gb_month(class, share);
        rows[i].lines.transfer_usd += gb * p;
        transfer_gb += gb;
        streams.push(TransferStream {
            from: label(ctx, a),
            to: label(ctx, b),
            share,
            usd_per_gb: p,
        });
    }
    // A retained full snapshot where the data lives and, where the posture has a second
    // region, its copy there: the copy's storage, plus shipping each month's changes.
    for &(at, copy, share) in &bom.backups {
        let i = row_of(at, &mut rows);
        let obj = get(PriceKind::Backup, at, 0, &mut rows);
        rows[i].lines.backup_usd += class.data_gb * share * obj;
        if let Some(to) = copy {
            let ship = get(PriceKind::Transfer, at, to, &mut rows);
            rows[i].lines.backup_usd += gb_per_month * share * ship;
            let j = row_of(to, &mut rows);
            let obj_to = get(PriceKind::Backup, to, 0, &mut rows);
            rows[j].lines.backup_usd += class.data_gb * share * obj_to;
        }
    }
    let sum = |f: fn(&RegionCost) -> f64| -> f64 { rows.iter().map(f).sum() };
    let shown = crate::present::round_usd;
    let running: Vec<&RegionCost> = rows
        .iter()
        .filter(|r| r.serving_vms + r.database_nodes > 0.0)
        .collect();
    let kg_co2e_month = running.iter().map(|r| r.kg_co2e_month).sum::<Option<f64>>();
    let database_nodes = sum(|r| r.database_nodes);
    CostBreakdown {
        lines: CostLines {
            compute_usd: shown(sum(|r| r.lines.compute_usd)),
            database_usd: shown(sum(|r| r.lines.database_usd)),
            storage_usd: shown(sum(|r| r.lines.storage_usd)),
            transfer_usd: shown(sum(|r| r.lines.transfer_usd)),
            backup_usd: shown(sum(|r| r.lines.backup_usd)),
            platform_usd: shown(sum(|r| r.lines.platform_usd)),
        },
        compute_vms: sum(|r| r.serving_vms),
        database_nodes,
        copies: database_nodes.round().max(0.0) as u32,
        transfer_gb,
        streams,
        kg_co2e_month,
        regions: rows,
        from_bill: None,
    }
}

fn label(ctx: &Ctx, r: usize) -> String {
    ctx.regions.get(r).map_or_else(String::new, |p| p.label())
}

impl CostBreakdown {
    pub fn total_usd(&self) -> f64 {
        self.lines.total_usd()
    }
}
