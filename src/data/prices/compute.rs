//! The reference VM (4 vCPU, 16 GiB, on demand) and database block storage, each priced
//! from its own provider's list for the region, or for the provider's nearest priced region
//! when the region has none (flagged in [`Priced::stand_in`]). Never another provider's price.

use super::{lookup, lookup_prefixed, region_of, PriceBook, Priced};
use crate::data::{region_anchors, regions, Provider, Region};
use crate::geo::Anchor;
use crate::place::Place;

/// One row of a `data/vm_price_*.csv` file (on demand, Linux), embedded by build.rs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VmPrice {
    pub provider: Provider,
    pub region: &'static str,
    pub instance: &'static str,
    pub usd_per_hour: f64,
    pub as_of: &'static str,
    /// The project file the row comes from (its upstream is in data/SOURCES.md).
    pub file: &'static str,
}

/// One row of `data/block_storage_prices.csv` (EBS gp3, GCP pd-balanced).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BlockStorage {
    pub provider: Provider,
    pub region: &'static str,
    pub item: &'static str,
    pub usd: f64,
    /// `USD/GiB-month` for both providers in the file.
    pub unit: &'static str,
    pub as_of: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/cost_tables.rs"));

/// Hours in the 30-day month the cost model uses (`SECONDS_PER_MONTH / 3600`).
pub const HOURS_PER_MONTH: f64 = 720.0;

const STORAGE_FILE: &str = "data/block_storage_prices.csv";

/// Upstream of each file, as in data/SOURCES.md.
fn upstream(file: &str) -> &'static str {
    match file {
        "data/vm_price_aws_m6i.xlarge.csv" => {
            "skypilot-catalog vms.csv @ 00148f2a (AWS price list)"
        }
        "data/vm_price_azure_D4s_v5.csv" => {
            "karpenter-provider-azure pricing @ 2b431da1 (Azure Retail Prices API)"
        }
        "data/vm_price_gcp_n2-standard-4.csv" => {
            "Cyclenerd google-cloud-pricing-cost-calculator @ fd66b26f (Cloud Billing Catalog)"
        }
        _ => "data/SOURCES.md",
    }
}

/// The priced row of `provider` nearest to `at` (itself when priced), by great-circle km.
fn nearest<'a, T>(
    rows: impl Iterator<Item = &'a T>,
    region: &Region,
    code: impl Fn(&T) -> &'static str,
) -> Option<&'a T>
where
    T: 'a,
{
    let at = region.anchor();
    let distance = |c: &str| {
        regions()
            .iter()
            .find(|r| r.provider == region.provider && r.code == c)
            .map_or(f64::INFINITY, |r| at.km_to(&r.anchor()))
    };
    rows.map(|row| (distance(code(row)), row))
        .filter(|(d, _)| d.is_finite())
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, row)| row)
}

fn nearest_vm(region: &Region) -> Option<&'static VmPrice> {
    let own = VM_PRICES.iter().filter(|v| v.provider == region.provider);
    own.clone()
        .find(|v| v.region == region.code)
        .or_else(|| nearest(own, region, |v| v.region))
}

/// The region a custom place is priced as: the nearest catalog region that has a VM price.
fn nearest_priced_region(place: &Place) -> Option<&'static Region> {
    // Each distance once (a comparison would compute both of its own), from cached anchors.
    let at = Anchor::new(place.location());
    regions()
        .iter()
        .zip(region_anchors())
        .filter(|(r, _)| {
            VM_PRICES
                .iter()
                .any(|v| v.provider == r.provider && v.region == r.code)
        })
        .map(|(r, a)| (at.km_to(a), r))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, r)| r)
}

/// $/month of the reference VM in `place`: the provider's own 4 vCPU / 16 GiB on-demand
/// instance (AWS m6i.xlarge, Azure Standard_D4s_v5, GCP n2-standard-4) in that region, or
/// in the provider's nearest priced region. A custom place is priced as the nearest priced
/// cloud region, and says so (override it with your own cost).
pub fn vm_usd_per_month(place: &Place, book: &PriceBook) -> Priced {
    const MO: &str = "USD/month";
    let r = region_of(place);
    if let Some((v, k)) = lookup(&book.vm_usd_per_month, r) {
        return Priced::overridden(v, MO, format!("VM {k}")).of(r.map(|r| r.provider), None);
    }
    let (region, custom) = match r {
        Some(r) => (Some(r), false),
        None => (nearest_priced_region(place), true),
    };
    let Some(region) = region else {
        return Priced::assumption(0.0, MO, "no cloud region has a VM price");
    };
    let Some(vm) = nearest_vm(region) else {
        return Priced::assumption(
            0.0,
            MO,
            format!("no {} VM price in data/", region.provider.display_name()),
        );
    };
    let p = Priced::list(
        vm.usd_per_hour * HOURS_PER_MONTH,
        MO,
        upstream(vm.file),
        vm.as_of,
        format!(
            "{} {} on demand in {}, ${}/h x {HOURS_PER_MONTH} h",
            region.provider.display_name(),
            vm.instance,
            vm.region,
            vm.usd_per_hour
        ),
    )
    .of(Some(region.provider), Some(vm.file));
    if custom {
        p.stand_in(format!(
            "custom place priced as {}:{}",
            region.provider.slug(),
            vm.region
        ))
    } else if vm.region != region.code {
        p.stand_in(format!(
            "no VM price for {}: nearest priced region {}",
            region.code, vm.region
        ))
    } else {
        p
    }
}

/// Azure Premium SSD P30 (1 TiB) $135.17/month: not in data/ (no machine-readable source
/// was found); the figure as quoted by lucidity.cloud ("Standard SSD vs Premium SSD"
/// pricing article, read 2026), per GiB.
pub const AZURE_PREMIUM_SSD_USD_PER_GIB_MONTH: f64 = 135.17 / 1024.0;

/// Database block storage $/GB-month in `place`: EBS gp3 (AWS, us-east-1 only in data/),
/// GCP pd-balanced per region, Azure Premium SSD (quoted, see the constant), each from its
/// own provider; nearest priced region of that provider otherwise. Per-GiB prices are
/// converted to per GB. Overrides: `storage_usd_per_gb_month` keys `block/aws`,
/// `block/aws:us-east-1` (plain keys stay the backups' object-storage price).
pub fn block_storage_usd_per_gb_month(place: &Place, book: &PriceBook) -> Priced {
    const U: &str = "USD/GB-month";
    let r = region_of(place);
    if let Some((v, k)) = lookup_prefixed(&book.storage_usd_per_gb_month, "block/", r) {
        return Priced::overridden(v, U, format!("block storage {k}"))
            .of(r.map(|r| r.provider), None);
    }
    let region = match r {
        Some(r) => r,
        None => match nearest_priced_region(place) {
            Some(r) => r,
            None => return Priced::assumption(0.0, U, "no cloud region has a storage price"),
        },
    };
    if region.provider == Provider::Azure {
        return Priced::list(
            AZURE_PREMIUM_SSD_USD_PER_GIB_MONTH / super::GB_PER_GIB,
            U,
            "lucidity.cloud quoting Azure's pricing page (P30 1 TiB $135.17/month); not in data/, unverified",
            "2026",
            "Azure Premium SSD, provider-wide",
        )
        .of(Some(Provider::Azure), None);
    }
    let own = BLOCK_STORAGE
        .iter()
        .filter(|s| s.provider == region.provider);
    let row = own
        .clone()
        .find(|s| s.region == region.code)
        .or_else(|| nearest(own, region, |s| s.region));
    let Some(s) = row else {
        return Priced::assumption(0.0, U, "no block-storage price for this provider");
    };
    let usd = if s.unit.contains("GiB") {
        s.usd / super::GB_PER_GIB
    } else {
        s.usd
    };
    let p = Priced::list(
        usd,
        U,
        "service-capacity-modeling / Cyclenerd pricing.yml (see data/SOURCES.md)",
        s.as_of,
        format!(
            "{} {} in {}, ${} {}",
            region.provider.display_name(),
            s.item,
            s.region,
            s.usd,
            s.unit
        ),
    )
    .of(Some(region.provider), Some(STORAGE_FILE));
    if r.is_none() {
        p.stand_in(format!(
            "custom place priced as {}:{}",
            region.provider.slug(),
            s.region
        ))
    } else if s.region != region.code {
        p.stand_in(format!(
            "no block-storage price for {}: nearest priced region {}",
            region.code, s.region
        ))
    } else {
        p
    }
}
