//! Cost figures as shown: each cross-region replication stream as a product with all its
//! factors (writes/s x share x record bytes x seconds per month = GB/month, x $/GB =
//! $/month), a posture's cost region by region, and the bill of materials' assumptions.
//! The user's own bill and costs scaled from it: [`bill`].

use super::figures::{grouped, plain, round_sig, round_usd, usd, usd_month};
use super::product::{Factor, Product};
use crate::engine::cost::SECONDS_PER_MONTH;
use crate::engine::report::{CostBreakdown, TransferStream};
use crate::plan::DataClass;

pub mod bill;
pub use bill::*;

/// `512 bytes` (whole bytes from 100 up, two significant figures below).
fn bytes(v: f64) -> Factor {
    let shown = round_sig(v);
    Factor::new(shown, format!("{} bytes", plain(shown)))
}

/// `2,592,000 s/month` (the cost model's 30-day month, exact).
fn seconds_per_month() -> Factor {
    Factor::new(
        SECONDS_PER_MONTH,
        format!("{} s/month", grouped(SECONDS_PER_MONTH)),
    )
}

/// GB/month shown: two significant figures below 100 GB, whole GB above.
pub fn round_gb_month(gb: f64) -> f64 {
    round_sig(gb)
}

/// One stream's two products: bytes per month (its factors) and dollars per month
/// (the shown GB/month x the price per GB).
pub struct TransferProduct {
    pub from: String,
    pub to: String,
    pub bytes: Product,
    /// GB/month as shown (the bytes product / 1e9, rounded).
    pub gb_month: f64,
    pub usd: Product,
}

/// Each replication stream of `cost` as a product, in stream order.
pub fn transfer_products(class: &DataClass, cost: &CostBreakdown) -> Vec<TransferProduct> {
    cost.streams
        .iter()
        .map(|s| transfer_product(class, s))
        .collect()
}

/// Bytes a stream carrying `share` of the class's writes sends per month, as a product.
fn stream_bytes(class: &DataClass, share: f64) -> Product {
    let mut f = vec![Factor::per_s(class.writes_per_s, "writes")];
    if super::figures::round_share(share) < 1.0 {
        f.push(Factor::share(share, "writes"));
    }
    f.push(bytes(class.record_bytes));
    f.push(seconds_per_month());
    Product::of(f)
}

/// GB/month of a stream as shown (the cost model prices this figure, so the transfer line
/// is the sum of the streams' shown products).
pub fn stream_gb_month(class: &DataClass, share: f64) -> f64 {
    round_gb_month(stream_bytes(class, share).value / 1e9)
}

fn transfer_product(class: &DataClass, s: &TransferStream) -> TransferProduct {
    let bytes = stream_bytes(class, s.share);
    let gb_month = round_gb_month(bytes.value / 1e9);
    let usd = Product::of(vec![
        Factor::new(gb_month, format!("{} GB/month", plain(gb_month))),
        Factor::new(s.usd_per_gb, format!("${}/GB", plain(s.usd_per_gb))),
    ]);
    TransferProduct {
        from: s.from.clone(),
        to: s.to.clone(),
        bytes,
        gb_month,
        usd,
    }
}

impl TransferProduct {
    /// `aws:us-east-1 to aws:eu-west-1: 100 writes/s x 512 bytes x 2,592,000 s/month =
    /// 130 GB/month, 130 GB/month x $0.02/GB = $2.60/month`.
    pub fn text(&self) -> String {
        format!(
            "{} to {}: {} = {} GB/month, {} = {}",
            self.from,
            self.to,
            self.bytes.factors_text(),
            plain(self.gb_month),
            self.usd.factors_text(),
            usd_month(round_usd(self.usd.value))
        )
    }
}

/// The replication sentence of a posture that sends writes across regions, or `None`.
pub fn transfer_reason(class: &DataClass, cost: &CostBreakdown) -> Option<String> {
    let streams = transfer_products(class, cost);
    (!streams.is_empty()).then(|| {
        format!(
            "cross-region replication, each write's record once per stream: {}",
            streams
                .iter()
                .map(TransferProduct::text)
                .collect::<Vec<_>>()
                .join("; ")
        )
    })
}

/// One region's row of a posture's cost, as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionRow {
    pub region: String,
    /// What runs there: `3 VM-equivalents; primary x2`.
    pub runs: String,
    /// Compute, database, storage, transfer, backups, platform, total.
    pub cells: [String; 7],
    pub carbon: String,
    /// Prices that are not the region's own.
    pub notes: Vec<String>,
}

/// The posture's cost region by region (`CostBreakdown.regions`), in placement order.
pub fn region_rows(cost: &CostBreakdown) -> Vec<RegionRow> {
    cost.regions
        .iter()
        .map(|r| {
            let mut runs = vec![super::figures::vms(r.serving_vms)];
            runs.extend(r.database.iter().cloned());
            RegionRow {
                region: r.region.clone(),
                runs: runs.join("; "),
                cells: [
                    usd(r.lines.compute_usd),
                    usd(r.lines.database_usd),
                    usd(r.lines.storage_usd),
                    usd(r.lines.transfer_usd),
                    usd(r.lines.backup_usd),
                    usd(r.lines.platform_usd),
                    usd(r.total_usd()),
                ],
                carbon: super::carbon::kg_co2e_month(r.kg_co2e_month),
                notes: r.price_notes.clone(),
            }
        })
        .collect()
}

/// What each region beyond the first costs (the first holds the primary, leader or first
/// writer): `aws:us-west-2 adds $1,272/month`. Empty for one region.
pub fn extra_regions(cost: &CostBreakdown) -> Vec<String> {
    cost.regions
        .iter()
        .skip(1)
        .map(|r| format!("{} adds {}", r.region, usd_month(r.total_usd())))
        .collect()
}

/// The bill of materials' footprints that have no public source, each with its value and
/// why it is what it is; shown wherever the cost figures are.
pub fn bom_assumptions() -> Vec<String> {
    use crate::engine::cost::{
        DB_NODE_VMS, PLATFORM_NETWORK_USD_PER_HOUR, PLATFORM_OBSERVABILITY_USD_PER_MONTH,
        RPS_PER_VM, WARM_STANDBY_FRACTION,
    };
    vec![
        format!(
            "{} requests/s per VM-equivalent (4 vCPU, 16 GiB): assumption, no public benchmark fits every workload; scale it by overriding the VM price",
            grouped(RPS_PER_VM)
        ),
        format!(
            "a database node is {} VM-equivalents (8 vCPU, 32 GiB, self-managed): the size is an assumption; at that size the provider's price is twice the reference VM's (e.g. AWS m6i.2xlarge is twice m6i.xlarge)",
            plain(DB_NODE_VMS)
        ),
        format!(
            "a warm standby runs {} of the primary's serving tier, at least one VM: AWS's \"Disaster Recovery of Workloads on AWS\" says scaled down but fully functional; the fraction is an assumption",
            super::figures::percent(WARM_STANDBY_FRACTION)
        ),
        format!(
            "platform line {} per region that runs anything: a load balancer ($0.0225/h) and a NAT gateway in each of 3 AZs ($0.045/h), AWS us-east-1 hourly list prices ({} at 720 h, per-LCU and per-GB charges left out); applying them to every provider and the {} observability floor are assumptions",
            usd_month(PLATFORM_NETWORK_USD_PER_HOUR * 720.0 + PLATFORM_OBSERVABILITY_USD_PER_MONTH),
            usd_month(PLATFORM_NETWORK_USD_PER_HOUR * 720.0),
            usd_month(PLATFORM_OBSERVABILITY_USD_PER_MONTH)
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_multiplies_its_shown_factors() {
        let class = DataClass {
            writes_per_s: 100.0,
            record_bytes: 512.0,
            ..DataClass::preset(crate::plan::Preset::Ledger)
        };
        let s = TransferStream {
            from: "aws:us-east-1".into(),
            to: "aws:eu-west-1".into(),
            share: 0.5,
            usd_per_gb: 0.02,
        };
        // 100 x 0.5 x 512 x 2,592,000 = 66,355,200,000 bytes = 66 GB; x 0.02 = $1.32.
        assert_eq!(
            transfer_product(&class, &s).text(),
            "aws:us-east-1 to aws:eu-west-1: 100 writes/s x 50 % of writes x 512 bytes x 2,592,000 s/month = 66 GB/month, 66 GB/month x $0.02/GB = $1.32/month"
        );
    }
}
