//! Prices with provenance: cross-region transfer, internet egress, a VM and storage, each
//! carrying its source and as-of date, and each overridable through a [`PriceBook`], since
//! list prices change and negotiated ones differ.
//!
//! Every figure is in US dollars per GB (10^9 bytes). Google prices per GiB; they are
//! converted (÷ 1.073741824) and say so. All list prices are third-party transcriptions of
//! ~2022–2026 (see data/SOURCES.md): verify before relying on them.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Provider, Region};
use crate::place::Place;

/// Whether a per-region egress row prices internet egress or transfer to another region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EgressKind {
    Internet,
    InterRegion,
}

/// One row of `data/egress_prices_by_region.csv`, embedded by build.rs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RegionEgress {
    pub provider: Provider,
    pub region: &'static str,
    pub kind: EgressKind,
    pub category: &'static str,
    pub usd: f64,
    /// `USD/GB` or `USD/GiB`, as published.
    pub unit: &'static str,
}

/// One row of `data/vm_price_gcp_n2-standard-4.csv` (on demand).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RegionVm {
    pub region: &'static str,
    pub usd_per_hour: f64,
    pub usd_per_month: f64,
}

include!(concat!(env!("OUT_DIR"), "/prices_table.rs"));

mod compute;
pub use compute::{
    block_storage_usd_per_gb_month, vm_usd_per_month, BlockStorage, VmPrice,
    AZURE_PREMIUM_SSD_USD_PER_GIB_MONTH, BLOCK_STORAGE, HOURS_PER_MONTH, VM_PRICES,
};

/// GB per GiB, to put Google's per-GiB prices on the same footing.
pub const GB_PER_GIB: f64 = 1.073_741_824;

const SKYPLANE_AWS: &str =
    "skyplane aws_transfer_costs.csv @ 4602d9ce (AWS price list, file last changed 2023-04-27)";
const SKYPLANE_GCP: &str =
    "skyplane gcp_pricing.py @ 4602d9ce (GCP inter-region rules, logic from 2021-12)";
const SKYPLANE_AZURE: &str =
    "skyplane azure_cloud_provider.py get_transfer_cost (2022-01-18, '<10TB tier')";
const CYCLENERD_GCP: &str =
    "Cyclenerd google-cloud-pricing-cost-calculator pricing.yml @ fd66b26f (Cloud Billing Catalog)";

/// Where a price comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum PriceSource {
    /// A list price from the reference data.
    List {
        /// Source (file and upstream), as in data/SOURCES.md.
        source: &'static str,
        as_of: &'static str,
        /// What the figure stands for and how it was chosen.
        basis: String,
    },
    /// Set by the user in the plan's [`PriceBook`].
    Override { what: String },
}

/// A price with its provenance.
#[derive(Clone, Debug, PartialEq)]
pub struct Priced {
    pub usd: f64,
    /// `USD/GB`, `USD/month`, `USD/GB-month`.
    pub unit: &'static str,
    pub source: PriceSource,
    /// Whose price this is (never another provider's for a provider's region); `None` for
    /// labelled assumptions and custom places' own network.
    pub provider: Option<Provider>,
    /// The project file under `data/` the figure comes from, if any.
    pub file: Option<&'static str>,
    /// Set when the figure is not the region's own price (e.g. the provider's nearest
    /// priced region), in words the UI shows beside the price.
    pub stand_in: Option<String>,
}

impl Priced {
    fn list(
        usd: f64,
        unit: &'static str,
        source: &'static str,
        as_of: &'static str,
        basis: impl Into<String>,
    ) -> Priced {
        Priced {
            usd,
            unit,
            source: PriceSource::List {
                source,
                as_of,
                basis: basis.into(),
            },
            provider: None,
            file: None,
            stand_in: None,
        }
    }

    fn overridden(usd: f64, unit: &'static str, what: String) -> Priced {
        Priced {
            usd,
            unit,
            source: PriceSource::Override { what },
            provider: None,
            file: None,
            stand_in: None,
        }
    }

    /// A figure with no source: says "assumption" and why.
    fn assumption(usd: f64, unit: &'static str, why: impl Into<String>) -> Priced {
        Priced::list(usd, unit, "assumption", "-", why)
    }

    /// Whose price it is and which data/ file it comes from.
    fn of(mut self, provider: Option<Provider>, file: Option<&'static str>) -> Priced {
        self.provider = provider;
        self.file = file;
        self
    }

    fn stand_in(mut self, why: String) -> Priced {
        self.stand_in = Some(why);
        self
    }

    /// One human-readable line: value, unit and provenance.
    pub fn describe(&self) -> String {
        match &self.source {
            PriceSource::List {
                source,
                as_of,
                basis,
            } => {
                let file = self.file.map_or(String::new(), |f| format!("; {f}"));
                let who = self
                    .provider
                    .map_or("no provider".to_string(), |p| p.display_name().to_string());
                let flag = self
                    .stand_in
                    .as_ref()
                    .map_or(String::new(), |s| format!("; {s}"));
                format!(
                    "{:.4} {} ({basis}; {source}{file}, as of {as_of}; {who}{flag})",
                    self.usd, self.unit
                )
            }
            PriceSource::Override { what } => {
                format!("{:.4} {} (your override: {what})", self.usd, self.unit)
            }
        }
    }
}

impl fmt::Display for Priced {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// Scope of a cross-region transfer, the unit providers price by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TransferScope {
    /// Both ends in one region (cross-AZ).
    SameRegion,
    /// Two regions of one provider on one continent.
    SameContinent,
    /// Two regions of one provider on different continents.
    Intercontinental,
    /// Leaving the provider: to another cloud or a custom place (internet egress).
    Internet,
}

/// The plan's price overrides. `Default` is "list prices everywhere"; each map entry
/// replaces one list price. Keys: a provider slug (`aws`) or a place key (`aws:us-east-1`);
/// the place key wins.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PriceBook {
    /// Transfer $/GB by scope, optionally per provider: key `scope` or `provider/scope`
    /// (e.g. `intercontinental`, `aws/same-continent`).
    pub transfer_usd_per_gb: BTreeMap<String, f64>,
    /// Internet egress $/GB by provider or source region.
    pub internet_egress_usd_per_gb: BTreeMap<String, f64>,
    /// VM $/month (the plan's reference instance) by provider or region.
    pub vm_usd_per_month: BTreeMap<String, f64>,
    /// Storage $/GB-month by provider or region.
    pub storage_usd_per_gb_month: BTreeMap<String, f64>,
}

impl PriceBook {
    /// The four override maps with their field names, for validation.
    pub fn maps(&self) -> [(&'static str, &BTreeMap<String, f64>); 4] {
        [
            ("transfer_usd_per_gb", &self.transfer_usd_per_gb),
            (
                "internet_egress_usd_per_gb",
                &self.internet_egress_usd_per_gb,
            ),
            ("vm_usd_per_month", &self.vm_usd_per_month),
            ("storage_usd_per_gb_month", &self.storage_usd_per_gb_month),
        ]
    }
}

fn scope_slug(s: TransferScope) -> &'static str {
    match s {
        TransferScope::SameRegion => "same-region",
        TransferScope::SameContinent => "same-continent",
        TransferScope::Intercontinental => "intercontinental",
        TransferScope::Internet => "internet",
    }
}

/// The override under `prefix` + key for `region` (`block/aws:us-east-1`, `block/aws`).
fn lookup_prefixed(
    map: &BTreeMap<String, f64>,
    prefix: &str,
    region: Option<&Region>,
) -> Option<(f64, String)> {
    let r = region?;
    [r.key(), r.provider.slug().to_string()]
        .into_iter()
        .map(|k| format!("{prefix}{k}"))
        .find_map(|k| map.get(&k).map(|v| (*v, k)))
}

/// The override for `region` (place key first, then provider slug), if any.
fn lookup(map: &BTreeMap<String, f64>, region: Option<&Region>) -> Option<(f64, String)> {
    let r = region?;
    map.get(&r.key()).map(|v| (*v, r.key())).or_else(|| {
        map.get(r.provider.slug())
            .map(|v| (*v, r.provider.slug().to_string()))
    })
}

fn region_of(p: &Place) -> Option<&'static Region> {
    match p {
        Place::Region(r) => Some(r),
        Place::Custom(_) => None,
    }
}

/// The scope of a transfer from `from` to `to`.
pub fn transfer_scope(from: &Place, to: &Place) -> TransferScope {
    match (region_of(from), region_of(to)) {
        (Some(a), Some(b)) if a.provider == b.provider => {
            if a.code == b.code {
                TransferScope::SameRegion
            } else if a.continent == b.continent {
                TransferScope::SameContinent
            } else {
                TransferScope::Intercontinental
            }
        }
        _ => TransferScope::Internet,
    }
}

fn egress_row(r: &Region, kind: EgressKind) -> Option<&'static RegionEgress> {
    EGRESS_BY_REGION.iter().find(|e| {
        e.provider == r.provider
            && e.region == r.code
            && e.kind == kind
            && (e.provider != Provider::Gcp
                || e.category.contains("excl. China/Australia, 0-1 TiB"))
    })
}

fn per_gb(e: &RegionEgress) -> f64 {
    if e.unit == "USD/GiB" {
        e.usd / GB_PER_GIB
    } else {
        e.usd
    }
}

/// AWS regions priced like US/Canada/EU sources (the cheap tier of egress_prices.csv).
fn aws_cheap_tier(r: &Region) -> bool {
    matches!(r.continent, "North America" | "Europe") && !r.code.starts_with("us-gov")
}

/// GCP Oceania or Jakarta, which the GCP rules price at the top inter-region rate.
fn gcp_premium_end(r: &Region) -> bool {
    r.continent == "Oceania" || r.code == "asia-southeast2"
}

/// List price of a transfer between two regions of one provider.
fn list_transfer(a: &Region, b: &Region, scope: TransferScope) -> Priced {
    const GB: &str = "USD/GB";
    match (a.provider, scope) {
        (Provider::Gcp, TransferScope::SameRegion) => Priced::list(
            0.01 / GB_PER_GIB,
            GB,
            SKYPLANE_GCP,
            "2021-22",
            "GCP inter-zone within a region, $0.01/GiB",
        ),
        (_, TransferScope::SameRegion) => Priced::list(
            0.0,
            GB,
            "none: data/ has no cross-AZ price for this provider",
            "-",
            "not priced; override `same-region` if your traffic crosses zones",
        ),
        (Provider::Aws, _) => {
            let pair = [a.code, b.code];
            if pair.contains(&"us-east-1") && pair.contains(&"us-east-2") {
                return Priced::list(
                    0.01,
                    GB,
                    SKYPLANE_AWS,
                    "2023-04",
                    "AWS us-east-1 <-> us-east-2",
                );
            }
            match egress_row(a, EgressKind::InterRegion) {
                Some(e) => Priced::list(e.usd, GB, SKYPLANE_AWS, "2023-04", format!("AWS inter-region from {}", a.code)),
                None if aws_cheap_tier(a) => Priced::list(
                    0.02,
                    GB,
                    SKYPLANE_AWS,
                    "2023-04",
                    format!("AWS inter-region from US/CA/EU regions ({} not listed per region)", a.code),
                ),
                None => Priced::list(
                    0.147,
                    GB,
                    SKYPLANE_AWS,
                    "2023-04",
                    format!("AWS inter-region from APAC/SA/ME/AF: top of the 0.08-0.147 range ({} not listed per region)", a.code),
                ),
            }
        }
        (Provider::Gcp, TransferScope::SameContinent) => {
            let (usd, what) = match a.continent {
                "North America" => (0.01, "within North America"),
                "Europe" => (0.02, "within Europe"),
                "Asia" => (0.05, "within Asia"),
                _ => (0.08, "within South America / within Australia"),
            };
            Priced::list(
                usd / GB_PER_GIB,
                GB,
                SKYPLANE_GCP,
                "2021-22",
                format!("GCP inter-region {what}, ${usd}/GiB"),
            )
        }
        (Provider::Gcp, _) => {
            let usd = if gcp_premium_end(a) || gcp_premium_end(b) {
                0.15
            } else {
                0.08
            };
            Priced::list(
                usd / GB_PER_GIB,
                GB,
                SKYPLANE_GCP,
                "2021-22",
                format!("GCP intercontinental, ${usd}/GiB"),
            )
        }
        (Provider::Azure, TransferScope::SameContinent) => {
            let (usd, what) = match a.continent {
                "North America" | "Europe" => (0.02, "within North America or Europe"),
                "South America" => (0.181, "within South America"),
                _ => (0.08, "within Asia, Oceania, Middle East or Africa"),
            };
            Priced::list(
                usd,
                GB,
                SKYPLANE_AZURE,
                "2022-01",
                format!("Azure inter-region {what}"),
            )
        }
        (Provider::Azure, _) => {
            let (usd, what) = match a.continent {
                "North America" | "Europe" => (0.05, "from North America or Europe"),
                "South America" => (0.16, "from South America"),
                _ => (0.08, "from Asia, Oceania, Middle East, Africa"),
            };
            Priced::list(
                usd,
                GB,
                SKYPLANE_AZURE,
                "2022-01",
                format!("Azure intercontinental {what}"),
            )
        }
    }
}

/// Internet egress $/GB from `from` (the rate paid when data leaves the provider).
pub fn internet_egress_usd_per_gb(from: &Place, book: &PriceBook) -> Priced {
    let file = match region_of(from) {
        Some(r) if egress_row(r, EgressKind::Internet).is_some() => {
            "data/egress_prices_by_region.csv"
        }
        _ => "data/egress_prices.csv",
    };
    let p = internet_egress(from, book);
    let provider = region_of(from).map(|r| r.provider);
    match p.source {
        PriceSource::List {
            source: "assumption",
            ..
        } => p,
        PriceSource::List { .. } => p.of(provider, Some(file)),
        PriceSource::Override { .. } => p.of(provider, None),
    }
}

fn internet_egress(from: &Place, book: &PriceBook) -> Priced {
    const GB: &str = "USD/GB";
    let Some(r) = region_of(from) else {
        return Priced::assumption(
            0.0,
            GB,
            "egress from a custom place is not priced (your own network)",
        );
    };
    if let Some((v, k)) = lookup(&book.internet_egress_usd_per_gb, Some(r)) {
        return Priced::overridden(v, GB, format!("internet egress {k}"));
    }
    if let Some(e) = egress_row(r, EgressKind::Internet) {
        let (src, as_of) = match r.provider {
            Provider::Gcp => (CYCLENERD_GCP, "2026-07-30"),
            _ => (SKYPLANE_AWS, "2023-04"),
        };
        return Priced::list(
            per_gb(e),
            GB,
            src,
            as_of,
            format!("{} {}: {}", r.provider.display_name(), r.code, e.category),
        );
    }
    match r.provider {
        Provider::Aws if aws_cheap_tier(r) => Priced::list(
            0.09,
            GB,
            SKYPLANE_AWS,
            "2023-04",
            "AWS from US/CA/EU regions, first paid tier",
        ),
        Provider::Aws => Priced::list(
            0.154,
            GB,
            SKYPLANE_AWS,
            "2023-04",
            "AWS from other regions: top of the 0.1093-0.154 range",
        ),
        Provider::Gcp => Priced::list(
            0.12 / GB_PER_GIB,
            GB,
            CYCLENERD_GCP,
            "2026-07-30",
            "GCP Premium tier 0-1 TiB, most regions ($0.12/GiB)",
        ),
        Provider::Azure => {
            let (usd, what) = match r.continent {
                "North America" | "Europe" => (0.0875, "from North America / Europe"),
                "South America" => (0.181, "from South America"),
                _ => (0.12, "from Asia, Oceania, Middle East, Africa"),
            };
            Priced::list(
                usd,
                GB,
                SKYPLANE_AZURE,
                "2022-01",
                format!("Azure internet egress {what}, first paid tier"),
            )
        }
    }
}

/// $/GB for data sent from `from` to `to`: the provider's inter-region rate by scope for
/// two regions of one provider; internet egress from the source otherwise (another cloud
/// or a custom place); nothing for data leaving a custom place.
pub fn transfer_usd_per_gb(from: &Place, to: &Place, book: &PriceBook) -> Priced {
    const GB: &str = "USD/GB";
    let scope = transfer_scope(from, to);
    let src = region_of(from);
    if let Some(r) = src {
        let scoped = format!("{}/{}", r.provider.slug(), scope_slug(scope));
        if let Some(v) = book.transfer_usd_per_gb.get(&scoped) {
            return Priced::overridden(*v, GB, format!("transfer {scoped}"))
                .of(Some(r.provider), None);
        }
    }
    if let Some(v) = book.transfer_usd_per_gb.get(scope_slug(scope)) {
        return Priced::overridden(*v, GB, format!("transfer {}", scope_slug(scope)));
    }
    match (src, region_of(to)) {
        (Some(a), Some(b)) if scope != TransferScope::Internet => {
            let p = list_transfer(a, b, scope);
            let file = match egress_row(a, EgressKind::InterRegion) {
                Some(_) if a.provider == Provider::Aws => "data/egress_prices_by_region.csv",
                _ => "data/egress_prices.csv",
            };
            p.of(Some(a.provider), Some(file))
        }
        _ => internet_egress_usd_per_gb(from, book),
    }
}

/// Standard object storage, first tier, in each provider's reference US region. Not from
/// data/ (which has no storage prices): the providers' published list prices as commonly
/// quoted (S3 Standard $0.023, Cloud Storage Standard regional $0.020, Blob Hot LRS $0.018
/// per GB-month); verify and override, and override with block-storage prices for disks.
pub fn storage_usd_per_gb_month(place: &Place, book: &PriceBook) -> Priced {
    const U: &str = "USD/GB-month";
    let r = region_of(place);
    if let Some((v, k)) = lookup(&book.storage_usd_per_gb_month, r) {
        return Priced::overridden(v, U, format!("storage {k}"));
    }
    let (usd, what) = match r.map(|r| r.provider) {
        Some(Provider::Aws) => (0.023, "S3 Standard, first 50 TB, us-east-1"),
        Some(Provider::Gcp) => (0.020, "Cloud Storage Standard, regional, us-central1"),
        Some(Provider::Azure) => (0.018, "Blob Storage Hot LRS, first 50 TB, East US"),
        None => (0.023, "S3 Standard, first 50 TB, us-east-1"),
    };
    let p = Priced::list(
        usd,
        U,
        "provider list-price pages as commonly quoted; not in data/, unverified",
        "2024",
        format!("provider-wide: {what}"),
    );
    match r {
        Some(r) => p.of(Some(r.provider), None),
        None => p
            .of(Some(Provider::Aws), None)
            .stand_in("custom place: the AWS S3 Standard figure as a stand-in".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Place {
        Place::parse(s).unwrap()
    }

    #[test]
    fn scopes() {
        assert_eq!(
            transfer_scope(&p("aws:us-east-1"), &p("aws:us-east-1")),
            TransferScope::SameRegion
        );
        assert_eq!(
            transfer_scope(&p("aws:us-east-1"), &p("aws:us-west-2")),
            TransferScope::SameContinent
        );
        assert_eq!(
            transfer_scope(&p("aws:us-east-1"), &p("aws:eu-west-1")),
            TransferScope::Intercontinental
        );
        assert_eq!(
            transfer_scope(&p("aws:us-east-1"), &p("gcp:us-east4")),
            TransferScope::Internet
        );
        assert_eq!(
            transfer_scope(&p("aws:us-east-1"), &p("1,2")),
            TransferScope::Internet
        );
    }

    #[test]
    fn list_transfer_prices_follow_the_csv_rules() {
        let b = PriceBook::default();
        assert_eq!(
            transfer_usd_per_gb(&p("aws:us-east-1"), &p("aws:us-east-2"), &b).usd,
            0.01
        );
        assert_eq!(
            transfer_usd_per_gb(&p("aws:eu-west-1"), &p("aws:ap-south-1"), &b).usd,
            0.02
        );
        assert_eq!(
            transfer_usd_per_gb(&p("aws:sa-east-1"), &p("aws:us-east-1"), &b).usd,
            0.138
        );
        let gcp_eu = transfer_usd_per_gb(&p("gcp:europe-west1"), &p("gcp:europe-west3"), &b);
        assert!((gcp_eu.usd - 0.02 / GB_PER_GIB).abs() < 1e-12, "{gcp_eu}");
        let gcp_syd = transfer_usd_per_gb(&p("gcp:us-east4"), &p("gcp:australia-southeast1"), &b);
        assert!((gcp_syd.usd - 0.15 / GB_PER_GIB).abs() < 1e-12, "{gcp_syd}");
        assert_eq!(
            transfer_usd_per_gb(&p("azure:westeurope"), &p("azure:eastus"), &b).usd,
            0.05
        );
        assert_eq!(
            transfer_usd_per_gb(&p("azure:westeurope"), &p("azure:northeurope"), &b).usd,
            0.02
        );
        // Leaving the provider costs internet egress from the source.
        assert_eq!(
            transfer_usd_per_gb(&p("aws:us-east-1"), &p("gcp:us-east4"), &b).usd,
            0.09
        );
    }

    #[test]
    fn overrides_win_and_say_so() {
        let mut b = PriceBook::default();
        b.transfer_usd_per_gb
            .insert("intercontinental".into(), 0.03);
        b.transfer_usd_per_gb
            .insert("aws/intercontinental".into(), 0.01);
        b.vm_usd_per_month.insert("gcp".into(), 100.0);
        b.vm_usd_per_month.insert("gcp:europe-west1".into(), 90.0);
        assert_eq!(
            transfer_usd_per_gb(&p("aws:us-east-1"), &p("aws:eu-west-1"), &b).usd,
            0.01
        );
        assert_eq!(
            transfer_usd_per_gb(&p("azure:eastus"), &p("azure:westeurope"), &b).usd,
            0.03
        );
        let vm = vm_usd_per_month(&p("gcp:europe-west1"), &b);
        assert_eq!(vm.usd, 90.0);
        assert!(vm.describe().contains("your override"), "{vm}");
        assert_eq!(vm_usd_per_month(&p("gcp:us-east4"), &b).usd, 100.0);
    }

    #[test]
    fn vm_prices_are_each_providers_own_with_the_nearest_region_flagged() {
        let b = PriceBook::default();
        let gcp = vm_usd_per_month(&p("gcp:asia-east2"), &b);
        // Hourly list x 720 h (the CSV's month column includes sustained-use discounts).
        assert!((gcp.usd - 0.271772 * HOURS_PER_MONTH).abs() < 1e-9, "{gcp}");
        assert_eq!(gcp.provider, Some(Provider::Gcp));
        let aws = vm_usd_per_month(&p("aws:us-east-1"), &b);
        assert!((aws.usd - 0.192 * HOURS_PER_MONTH).abs() < 1e-9, "{aws}");
        assert!(
            aws.stand_in.is_none() && aws.describe().contains("m6i.xlarge"),
            "{aws}"
        );
        // sa-east-1 has no m6i.xlarge row: the nearest priced AWS region stands in, flagged.
        let sa = vm_usd_per_month(&p("aws:sa-east-1"), &b);
        assert_eq!(sa.provider, Some(Provider::Aws));
        assert!(
            sa.stand_in
                .as_deref()
                .unwrap_or("")
                .contains("nearest priced region"),
            "{sa}"
        );
        let az = vm_usd_per_month(&p("azure:westeurope"), &b);
        assert!(az.describe().contains("Standard_D4s_v5"), "{az}");
        let disk = block_storage_usd_per_gb_month(&p("aws:eu-west-1"), &b);
        assert!((disk.usd - 0.08 / GB_PER_GIB).abs() < 1e-12, "{disk}");
        assert!(disk.stand_in.is_some(), "{disk}");
    }

    #[test]
    fn gcp_internet_egress_is_per_region_and_converted_from_gib() {
        let b = PriceBook::default();
        let e = internet_egress_usd_per_gb(&p("gcp:asia-southeast2"), &b);
        assert!((e.usd - 0.19 / GB_PER_GIB).abs() < 1e-12, "{e}");
    }

    #[test]
    fn price_book_round_trips_through_json_and_defaults_when_empty() {
        let b: PriceBook = serde_json::from_str("{}").unwrap();
        assert_eq!(b, PriceBook::default());
        let mut b = PriceBook::default();
        b.storage_usd_per_gb_month.insert("aws".into(), 0.08);
        let back: PriceBook = serde_json::from_str(&serde_json::to_string(&b).unwrap()).unwrap();
        assert_eq!(back, b);
    }
}
