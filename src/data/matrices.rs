//! The measured RTT matrices, turned into static tables by `build.rs` (nothing is parsed
//! at run time; the packed integers are decoded once, on first use), and the provenance of
//! each.
//!
//! Asymmetry rule: each matrix gives from→to figures. A link's figure is the mean of both
//! directions when both are measured, else the one direction that is (`SymRtt::directions`
//! says which case applies). The raw directed rows and the `f32` links (`*_RAW`, `*_SYM`)
//! are kept for the integrity tests; the app reads the same links from the packed tables
//! ([`packed`]), a third of the bytes.

use std::sync::OnceLock;

use super::{Provider, REGIONS};

pub mod packed;
pub use packed::PackedMatrix;

/// One directed row of a matrix: catalog indices and milliseconds, as published.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RawRtt {
    pub from: u16,
    pub to: u16,
    pub ms: f32,
}

/// One undirected link after the asymmetry rule: `a < b` (catalog indices).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SymRtt {
    pub a: u16,
    pub b: u16,
    /// Mean of the measured directions (ms).
    pub ms: f32,
    /// How many directions were measured (1 or 2).
    pub directions: u8,
    /// Great-circle distance between the ends (km), computed by build.rs with the haversine
    /// of [`crate::geo::great_circle_km`], so start-up needs no trigonometry for it.
    pub km: f32,
}

/// A region named by a matrix that the catalog does not have (e.g. restricted GCP regions
/// with no published coordinates). Its rows are left out of the tables and reported here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MissingRegion {
    pub file: &'static str,
    pub provider: Provider,
    pub code: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/matrices_table.rs"));

/// Which published matrix a figure comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DatasetId {
    AzureP50,
    AzureP95,
    GcpP50,
    AwsP50,
    AwsMean,
}

/// A published matrix and everything needed to cite it (see data/SOURCES.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dataset {
    pub id: DatasetId,
    pub provider: Provider,
    /// Short human name, used in [`crate::latency::RttSource::Measured::dataset`].
    pub name: &'static str,
    /// The statistic the matrix publishes (`P50`, `P95`, `mean`).
    pub statistic: &'static str,
    /// When it was measured (or retrieved, when the window is unknown).
    pub date: &'static str,
    /// Where it comes from (repository and path, as in data/SOURCES.md).
    pub origin: &'static str,
    pub licence: &'static str,
    /// The project file it was copied into.
    pub file: &'static str,
    /// What to keep in mind when using it.
    pub caveat: &'static str,
}

pub static AZURE_P50: Dataset = Dataset {
    id: DatasetId::AzureP50,
    provider: Provider::Azure,
    name: "Azure network round-trip latency statistics (Microsoft Learn)",
    statistic: "P50",
    date: "30 days ending 2026-07-30",
    origin: "MicrosoftDocs azure-docs: articles/networking/azure-network-latency.md (ms.date 07/30/2026)",
    licence: "CC BY 4.0, (c) Microsoft",
    file: "data/latency_azure_msdocs_p50_2026-07-30.csv",
    caveat: "copied by hand from the article's CSV blocks; checked against azqr's July matrix (median diff 1 ms)",
};

pub static AZURE_P95: Dataset = Dataset {
    id: DatasetId::AzureP95,
    provider: Provider::Azure,
    name: "Azure network round-trip latency statistics (Microsoft Learn)",
    statistic: "P95",
    date: "30 days ending 2026-07-30",
    origin: "mbender-ms/azure-docs: articles/networking/azure-network-latency.md @ 5b3e2055",
    licence: "CC BY 4.0, (c) Microsoft",
    file: "data/latency_azure_msdocs_p95_2026-07-30.csv",
    caveat: "copied by hand; P95 >= P50 for every pair",
};

pub static GCP_P50: Dataset = Dataset {
    id: DatasetId::GcpP50,
    provider: Provider::Gcp,
    name: "Google Cloud Performance Dashboard (saved copy)",
    statistic: "median",
    date: "4 h window, 2023-11-27",
    origin: "ubc-cirrus-lab/caribou: gcp_rtt_latency_between_regions.html @ 84ed945b",
    licence: "repository Apache-2.0; the underlying data is Google's",
    file: "data/latency_gcp_perfdashboard_p50_2023-11-27.csv",
    caveat: "a 4-hour window: a snapshot, not a monthly statistic",
};

pub static AWS_P50: Dataset = Dataset {
    id: DatasetId::AwsP50,
    provider: Provider::Aws,
    name: "CloudPing.co AWS inter-region latency",
    statistic: "P50 over one year",
    date: "1 year ending ~2025-05-29",
    origin: "CloudPing.co API latencies?percentile=p_50&timeframe=1Y, snapshot in oaustegard/oaustegard.github.io: web-utilities/aws-ping-p50-1y.json @ 22f8adc2",
    licence: "facts from CloudPing.co (no licence stated; cite CloudPing.co); snapshot repository MIT",
    file: "data/latency_aws_cloudping_p50_1y_2025-05.csv",
    caveat: "32 regions; supersedes the 2020 means for every pair it has. Same-region rows (CloudPing's in-region figure, 1-8 ms, incl. its probe overhead) are kept in the raw rows but are not links",
};

pub static AWS_MEAN: Dataset = Dataset {
    id: DatasetId::AwsMean,
    provider: Provider::Aws,
    name: "CloudPing.co AWS inter-region averages",
    statistic: "mean",
    date: "retrieved ~2020-04-23 (window unknown)",
    origin: "naderalfares/cloudping.co: scripts/python3/latencies.csv @ 59e145fa",
    licence: "MIT",
    file: "data/latency_aws_cloudping_mean_2020-04.csv",
    caveat: "means truncated to whole ms, from 2020; 18 regions only; used only for pairs the 2025 P50 matrix lacks (none of the catalog's today). p50 is taken as mean + 0.5 ms (see docs/latency-model.md)",
};

/// Every dataset, in a stable order.
pub static DATASETS: [&Dataset; 5] = [&AZURE_P50, &AZURE_P95, &GCP_P50, &AWS_P50, &AWS_MEAN];

impl Dataset {
    /// The directed rows as published (minus regions the catalog lacks).
    pub fn raw(&self) -> &'static [RawRtt] {
        match self.id {
            DatasetId::AzureP50 => AZURE_P50_RAW,
            DatasetId::AzureP95 => AZURE_P95_RAW,
            DatasetId::GcpP50 => GCP_P50_RAW,
            DatasetId::AwsP50 => AWS_P50_RAW,
            DatasetId::AwsMean => AWS_MEAN_RAW,
        }
    }

    /// The undirected links after the asymmetry rule, sorted by `(a, b)` (decoded from the
    /// packed table at first use; equal to [`Dataset::reference_links`]).
    pub fn links(&self) -> &'static [SymRtt] {
        static LINKS: [OnceLock<Vec<SymRtt>>; 5] = [const { OnceLock::new() }; 5];
        LINKS[self.id as usize].get_or_init(|| self.packed().links())
    }

    /// The matrix as stored in the binary.
    pub fn packed(&self) -> &'static PackedMatrix {
        match self.id {
            DatasetId::AzureP50 => &AZURE_P50_PACKED,
            DatasetId::AzureP95 => &AZURE_P95_PACKED,
            DatasetId::GcpP50 => &GCP_P50_PACKED,
            DatasetId::AwsP50 => &AWS_P50_PACKED,
            DatasetId::AwsMean => &AWS_MEAN_PACKED,
        }
    }

    /// The links as build.rs computes them in `f32` from the same file (tests only: the app
    /// reads [`Dataset::links`], which must equal these bit for bit).
    pub fn reference_links(&self) -> &'static [SymRtt] {
        match self.id {
            DatasetId::AzureP50 => AZURE_P50_SYM,
            DatasetId::AzureP95 => AZURE_P95_SYM,
            DatasetId::GcpP50 => GCP_P50_SYM,
            DatasetId::AwsP50 => AWS_P50_SYM,
            DatasetId::AwsMean => AWS_MEAN_SYM,
        }
    }

    /// The link between catalog regions `i` and `j` (either order), if measured.
    pub fn lookup(&self, i: usize, j: usize) -> Option<SymRtt> {
        let (a, b) = (i.min(j), i.max(j));
        let links = self.links();
        links
            .binary_search_by(|l| (usize::from(l.a), usize::from(l.b)).cmp(&(a, b)))
            .ok()
            .map(|k| links[k])
    }

    /// The measured figure (ms) between catalog regions `i` and `j` (either order), read in
    /// place from the packed table: the same bits as [`Dataset::lookup`]'s, without decoding
    /// the whole matrix or computing its distances.
    pub fn figure(&self, i: usize, j: usize) -> Option<f32> {
        self.packed().link(i, j).map(|(ms, _)| ms)
    }

    /// `"<name>, <statistic>, <date>"`: one line of provenance.
    pub fn citation(&self) -> String {
        format!(
            "{} ({}, {}; {})",
            self.name, self.statistic, self.date, self.licence
        )
    }
}

/// Catalog regions named by a matrix that the catalog does not have.
pub fn missing_regions() -> &'static [MissingRegion] {
    MATRIX_MISSING
}

/// The catalog index of `region`, used to address the matrices.
pub fn region_index(region: &super::Region) -> Option<usize> {
    REGIONS
        .iter()
        .position(|r| std::ptr::eq(r, region))
        .or_else(|| {
            REGIONS
                .iter()
                .position(|r| r.provider == region.provider && r.code == region.code)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::find_region;

    #[test]
    fn lookup_is_symmetric_and_finds_a_known_pair() {
        let a = region_index(find_region(Provider::Azure, "westeurope").unwrap()).unwrap();
        let b = region_index(find_region(Provider::Azure, "northeurope").unwrap()).unwrap();
        let ab = AZURE_P50.lookup(a, b).unwrap();
        assert_eq!(Some(ab), AZURE_P50.lookup(b, a));
        assert_eq!(ab.directions, 2);
        assert!(ab.ms > 5.0 && ab.ms < 40.0, "{}", ab.ms);
    }

    #[test]
    fn no_link_across_providers() {
        let a = region_index(find_region(Provider::Azure, "westeurope").unwrap()).unwrap();
        let b = region_index(find_region(Provider::Aws, "eu-west-1").unwrap()).unwrap();
        assert!(DATASETS.iter().all(|d| d.lookup(a, b).is_none()));
    }

    #[test]
    fn restricted_gcp_regions_are_reported_missing() {
        let codes: Vec<&str> = missing_regions().iter().map(|m| m.code).collect();
        assert!(codes.contains(&"europe-west5"), "{codes:?}");
    }
}
