//! Measured round trips between two catalog regions of the same provider, from the
//! provider's published matrices, with the asymmetry rule of [`crate::data::matrices`].
//! AWS has two: the 2025 CloudPing P50 over a year supersedes the 2020 means for every pair
//! it has (the means run ~7 % high against it); the 2020 file answers only what 2025 lacks.

use crate::data::matrices::{
    region_index, Dataset, AWS_MEAN, AWS_P50, AZURE_P50, AZURE_P95, GCP_P50,
};
use crate::data::{Provider, Region};

/// CloudPing's 2020 AWS figures are means truncated to whole ms. Truncation loses 0.5 ms on
/// average, and for the narrow inter-region RTT distributions (Azure's P95/P50 implies a
/// log-normal sigma of ~0.03–0.1 on such links) mean and median differ by under 0.5 %, so
/// we take `p50 = mean + 0.5 ms`.
pub const AWS_TRUNCATION_CORRECTION_MS: f64 = 0.5;

/// A measured link: the median (or the median implied by a mean), the measured p95 if the
/// source publishes one, and the dataset the median comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MeasuredLink {
    pub p50_ms: f64,
    pub p95_ms: Option<f64>,
    pub dataset: &'static Dataset,
}

/// The median matrices of `provider`, newest first: a pair takes its figure from the first
/// one that has it.
pub fn median_datasets(provider: Provider) -> &'static [&'static Dataset] {
    static AZURE: [&Dataset; 1] = [&AZURE_P50];
    static GCP: [&Dataset; 1] = [&GCP_P50];
    static AWS: [&Dataset; 2] = [&AWS_P50, &AWS_MEAN];
    match provider {
        Provider::Azure => &AZURE,
        Provider::Gcp => &GCP,
        Provider::Aws => &AWS,
    }
}

/// The newest median matrix of `provider`.
pub fn median_dataset(provider: Provider) -> &'static Dataset {
    median_datasets(provider)[0]
}

/// The p50 a dataset's published figure stands for (see [`AWS_TRUNCATION_CORRECTION_MS`]).
pub fn p50_of(dataset: &Dataset, published_ms: f64) -> f64 {
    if dataset.statistic == "mean" {
        published_ms + AWS_TRUNCATION_CORRECTION_MS
    } else {
        published_ms
    }
}

/// The measured link between two distinct regions, if one of their provider's matrices has
/// it. Regions of different providers are never measured (no public cross-cloud matrix).
pub fn measured(a: &Region, b: &Region) -> Option<MeasuredLink> {
    if a.provider != b.provider {
        return None;
    }
    let (i, j) = (region_index(a)?, region_index(b)?);
    if i == j {
        return None;
    }
    let (ds, link) = median_datasets(a.provider)
        .iter()
        .find_map(|ds| ds.lookup(i, j).map(|l| (*ds, l)))?;
    // Read in place: only a plan's own Azure pairs need a P95, not the whole matrix decoded.
    let p95_ms = match a.provider {
        Provider::Azure => AZURE_P95.figure(i, j).map(f64::from),
        _ => None,
    };
    Some(MeasuredLink {
        p50_ms: p50_of(ds, f64::from(link.ms)),
        p95_ms,
        dataset: ds,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::find_region;

    #[test]
    fn aws_pairs_come_from_the_2025_matrix() {
        let a = find_region(Provider::Aws, "us-east-1").unwrap();
        let b = find_region(Provider::Aws, "eu-west-1").unwrap();
        let m = measured(a, b).unwrap();
        assert_eq!(m.dataset.id, AWS_P50.id);
        // Newer AWS regions the 2020 matrix never had are measured now.
        let c = find_region(Provider::Aws, "af-south-1").unwrap();
        assert_eq!(measured(c, b).unwrap().dataset.id, AWS_P50.id);
    }
}
