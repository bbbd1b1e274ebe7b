//! Carbon per region, for display and the emissions estimate; never used by the
//! recommendation. Google Cloud regions: Google's own CFE % and grid intensity (2024).
//! AWS and Azure: the grid intensity of the region's country (OWID/Ember, 2023 or 2022),
//! except where data/SOURCES.md names a better-matched grid (the PJM regions below).
//! Embedded at build time from `data/carbon_*.csv`.

use super::{find_region, Provider, Region};

/// One row of `data/carbon_gcp_region.csv`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GcpCarbon {
    pub region: &'static str,
    pub year: u16,
    /// Carbon-free energy %, hourly-matched, including Google's own procurement.
    pub cfe_pct: f64,
    /// Average operational gross emissions of the local grid, gCO2e/kWh.
    pub grid_g_per_kwh: f64,
}

/// One row of `data/carbon_grid_by_country.csv`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CountryGrid {
    pub iso2: &'static str,
    /// As spelled in `data/regions.csv`'s `country` column.
    pub country: &'static str,
    pub year: u16,
    pub g_per_kwh: f64,
}

include!(concat!(env!("OUT_DIR"), "/carbon_tables.rs"));

/// Which figure a region's carbon comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CarbonBasis {
    /// Google's figures for this GCP region.
    GoogleRegion,
    /// Google's grid figure for a GCP region on the same grid (`gcp_region`).
    SameGrid { gcp_region: &'static str },
    /// The country's average grid.
    Country { country: &'static str },
}

/// A region's carbon figures with their year and source.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RegionCarbon {
    pub grid_g_per_kwh: f64,
    /// Google's CFE % (GCP regions only).
    pub cfe_pct: Option<f64>,
    pub year: u16,
    pub basis: CarbonBasis,
}

impl RegionCarbon {
    /// Source line: dataset, year and what the figure stands for.
    pub fn source(&self) -> String {
        match self.basis {
            CarbonBasis::GoogleRegion => format!(
                "Google region-carbon-info {} (data/carbon_gcp_region.csv): grid intensity and CFE % of this region",
                self.year
            ),
            CarbonBasis::SameGrid { gcp_region } => format!(
                "Google region-carbon-info {} (data/carbon_gcp_region.csv): grid of gcp:{gcp_region}, the same grid (PJM)",
                self.year
            ),
            CarbonBasis::Country { country } => format!(
                "OWID/Ember {} (data/carbon_grid_by_country.csv): {country} average grid",
                self.year
            ),
        }
    }
}

/// Regions on the grid of a GCP region with Google's own figure (data/SOURCES.md: AWS
/// us-east-1, Azure eastus/eastus2 and GCP us-east4 share the PJM grid).
const SAME_GRID: &[(Provider, &str, &str)] = &[
    (Provider::Aws, "us-east-1", "us-east4"),
    (Provider::Azure, "eastus", "us-east4"),
    (Provider::Azure, "eastus2", "us-east4"),
];

fn gcp(code: &str) -> Option<&'static GcpCarbon> {
    GCP_CARBON.iter().find(|c| c.region == code)
}

/// The carbon figures of `region`; `None` when the data has none (the UI says "no data").
pub fn region_carbon(region: &Region) -> Option<RegionCarbon> {
    if region.provider == Provider::Gcp {
        return gcp(region.code).map(|c| RegionCarbon {
            grid_g_per_kwh: c.grid_g_per_kwh,
            cfe_pct: Some(c.cfe_pct),
            year: c.year,
            basis: CarbonBasis::GoogleRegion,
        });
    }
    let same = SAME_GRID
        .iter()
        .find(|(p, code, _)| *p == region.provider && *code == region.code)
        .and_then(|&(_, _, g)| gcp(g).map(|c| (g, c)));
    if let Some((g, c)) = same {
        return Some(RegionCarbon {
            grid_g_per_kwh: c.grid_g_per_kwh,
            cfe_pct: None,
            year: c.year,
            basis: CarbonBasis::SameGrid { gcp_region: g },
        });
    }
    COUNTRY_GRID
        .iter()
        .find(|c| c.country == region.country)
        .map(|c| RegionCarbon {
            grid_g_per_kwh: c.g_per_kwh,
            cfe_pct: None,
            year: c.year,
            basis: CarbonBasis::Country { country: c.country },
        })
}

/// The carbon figures of `provider:code`, if the catalog and the data have them.
pub fn carbon_of(provider: Provider, code: &str) -> Option<RegionCarbon> {
    find_region(provider, code).and_then(region_carbon)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::regions;

    #[test]
    fn gcp_regions_use_googles_figures_and_pjm_regions_share_us_east4() {
        let iowa = carbon_of(Provider::Gcp, "us-central1").unwrap();
        assert_eq!(iowa.basis, CarbonBasis::GoogleRegion);
        assert!(iowa.cfe_pct.is_some() && iowa.year == 2024);
        let va = carbon_of(Provider::Aws, "us-east-1").unwrap();
        let east4 = carbon_of(Provider::Gcp, "us-east4").unwrap();
        assert_eq!(va.grid_g_per_kwh, east4.grid_g_per_kwh);
        let dub = carbon_of(Provider::Aws, "eu-west-1").unwrap();
        assert!(matches!(
            dub.basis,
            CarbonBasis::Country { country: "Ireland" }
        ));
        assert!(dub.source().contains("OWID/Ember"));
    }

    #[test]
    fn every_aws_and_azure_region_has_a_figure_and_gcp_gaps_are_none() {
        for r in regions() {
            let c = region_carbon(r);
            if r.provider == Provider::Gcp {
                // asia-southeast3 has no row in Google's 2024 file: "no data", not a guess.
                assert_eq!(c.is_some(), gcp(r.code).is_some(), "{}", r.key());
            } else {
                let c = c.unwrap_or_else(|| panic!("{} has no grid figure", r.key()));
                assert!(c.grid_g_per_kwh > 0.0 && c.year >= 2022);
            }
        }
    }
}
