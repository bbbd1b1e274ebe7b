//! The reference data, embedded at build time by build.rs (nothing is parsed at start-up):
//! the region catalog (`data/regions.csv`), the measured RTT matrices ([`matrices`]) and the
//! prices ([`prices`]). Provenance of every file: data/SOURCES.md.

use serde::{Deserialize, Serialize};

use std::sync::OnceLock;

use crate::geo::{Anchor, LatLon};

pub mod carbon;
pub mod matrices;
pub mod prices;

/// A cloud provider whose regions are in the catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    Aws,
    Gcp,
    Azure,
}

impl Provider {
    pub const ALL: [Provider; 3] = [Provider::Aws, Provider::Gcp, Provider::Azure];

    /// The slug used in place names (`aws:us-east-1`), JSON and the CLI.
    pub fn slug(self) -> &'static str {
        match self {
            Provider::Aws => "aws",
            Provider::Gcp => "gcp",
            Provider::Azure => "azure",
        }
    }

    /// The name people use in prose.
    pub fn display_name(self) -> &'static str {
        match self {
            Provider::Aws => "AWS",
            Provider::Gcp => "Google Cloud",
            Provider::Azure => "Azure",
        }
    }

    pub fn from_slug(s: &str) -> Option<Provider> {
        Provider::ALL.into_iter().find(|p| p.slug() == s)
    }
}

/// One provider region of the catalog.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Region {
    pub provider: Provider,
    pub code: &'static str,
    pub name: &'static str,
    pub city: &'static str,
    pub country: &'static str,
    pub continent: &'static str,
    /// ISO-style jurisdiction code (e.g. `DE`, `US`), the unit residency rules bind to.
    pub jurisdiction: &'static str,
    pub geo_group: &'static str,
    pub lat: f64,
    pub lon: f64,
    /// `no`, `yes` (city-centre coordinates) or `corrected` (see data/SOURCES.md).
    pub coord_derived: &'static str,
}

impl Region {
    pub fn location(&self) -> LatLon {
        LatLon::new(self.lat, self.lon)
    }

    /// `provider:code`, the form used everywhere a place is named.
    pub fn key(&self) -> String {
        format!("{}:{}", self.provider.slug(), self.code)
    }
}

include!(concat!(env!("OUT_DIR"), "/regions_table.rs"));

/// Every region of the catalog, in the order of `data/regions.csv`.
pub fn regions() -> &'static [Region] {
    REGIONS
}

/// Each catalog region's location as an [`Anchor`], in [`regions`] order: the cosine of
/// every latitude computed once, not once per distance.
pub fn region_anchors() -> &'static [Anchor] {
    static ANCHORS: OnceLock<Vec<Anchor>> = OnceLock::new();
    ANCHORS.get_or_init(|| REGIONS.iter().map(|r| Anchor::new(r.location())).collect())
}

impl Region {
    /// This region's [`Anchor`]: the cached one when it is a catalog row (every
    /// region the app holds is), else worked out now.
    pub fn anchor(&self) -> Anchor {
        let offset = (self as *const Region as usize).wrapping_sub(REGIONS.as_ptr() as usize);
        let k = offset / std::mem::size_of::<Region>();
        match REGIONS.get(k) {
            Some(row) if std::ptr::eq(row, self) => region_anchors()[k],
            _ => Anchor::new(self.location()),
        }
    }
}

/// The region `code` of `provider`, if the catalog has it.
pub fn find_region(provider: Provider, code: &str) -> Option<&'static Region> {
    REGIONS
        .iter()
        .find(|r| r.provider == provider && r.code == code)
}
