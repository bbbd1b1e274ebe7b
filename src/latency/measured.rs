//! Measured round trips between two catalog regions of the same provider, from the
//! provider's published matrix, with the asymmetry rule of [`crate::data::matrices`].

use crate::data::matrices::{region_index, Dataset, AWS_MEAN, AZURE_P50, AZURE_P95, GCP_P50};
use crate::data::{Provider, Region};

/// CloudPing's AWS figures are means truncated to whole ms. Truncation loses 0.5 ms on
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

/// The median matrix of `provider`.
pub fn median_dataset(provider: Provider) -> &'static Dataset {
    match provider {
        Provider::Azure => &AZURE_P50,
        Provider::Gcp => &GCP_P50,
        Provider::Aws => &AWS_MEAN,
    }
}

/// The p50 a dataset's published figure stands for (see [`AWS_TRUNCATION_CORRECTION_MS`]).
pub fn p50_of(dataset: &Dataset, published_ms: f64) -> f64 {
    if dataset.statistic == "mean" {
        published_ms + AWS_TRUNCATION_CORRECTION_MS
    } else {
        published_ms
    }
}

/// The measured link between two distinct regions, if their provider's matrix has it.
/// Regions of different providers are never measured (no public cross-cloud matrix).
pub fn measured(a: &Region, b: &Region) -> Option<MeasuredLink> {
    if a.provider != b.provider {
        return None;
    }
    let (i, j) = (region_index(a)?, region_index(b)?);
    if i == j {
        return None;
    }
    let ds = median_dataset(a.provider);
    let link = ds.lookup(i, j)?;
    let p95_ms = match a.provider {
        Provider::Azure => AZURE_P95.lookup(i, j).map(|l| f64::from(l.ms)),
        _ => None,
    };
    Some(MeasuredLink {
        p50_ms: p50_of(ds, f64::from(link.ms)),
        p95_ms,
        dataset: ds,
    })
}
