//! The measured links the model learns from and is evaluated on: every provider's median
//! matrix on the p50 scale, one figure per link (the newest dataset that has the pair).

use std::sync::OnceLock;

use crate::data::matrices::DatasetId;
use crate::data::Provider;
use crate::geo::FIBRE_KM_PER_MS;

use super::measured::{median_datasets, p50_of};

/// One measured link used to train and evaluate the model (p50 scale).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Observation {
    /// Catalog indices of the two ends.
    pub a: u16,
    pub b: u16,
    pub p50_ms: f64,
    /// Great-circle distance between the ends (km).
    pub km: f64,
    pub dataset: DatasetId,
    pub provider: Provider,
}

/// The fibre lower bound of a link `km` long (ms): 2 × km at 200 km/ms.
pub fn floor_ms(km: f64) -> f64 {
    2.0 * km / FIBRE_KM_PER_MS
}

/// Every measured median link of the three providers (Azure P50, GCP median, AWS 2025 P50,
/// and AWS 2020 mean → p50 only for pairs the 2025 matrix lacks).
pub fn observations() -> &'static [Observation] {
    static OBS: OnceLock<Vec<Observation>> = OnceLock::new();
    OBS.get_or_init(|| {
        let most: usize = Provider::ALL
            .iter()
            .flat_map(|&p| median_datasets(p))
            .map(|d| d.links().len())
            .sum();
        let mut out = Vec::with_capacity(most);
        for prov in Provider::ALL {
            let datasets = median_datasets(prov);
            for (k, ds) in datasets.iter().enumerate() {
                for l in ds.links() {
                    // A newer matrix of the provider has the pair: it answers (binary search
                    // of the sorted tables, no set to build at start-up).
                    let (a, b) = (usize::from(l.a), usize::from(l.b));
                    if datasets[..k].iter().any(|d| d.lookup(a, b).is_some()) {
                        continue;
                    }
                    out.push(Observation {
                        a: l.a,
                        b: l.b,
                        p50_ms: p50_of(ds, f64::from(l.ms)),
                        km: f64::from(l.km),
                        dataset: ds.id,
                        provider: ds.provider,
                    });
                }
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::matrices::{AWS_MEAN, AWS_P50, AZURE_P50, GCP_P50};

    #[test]
    fn one_figure_per_link_newest_first() {
        let obs = observations();
        let aws = obs.iter().filter(|o| o.provider == Provider::Aws).count();
        assert_eq!(aws, AWS_P50.links().len(), "2025 covers every 2020 pair");
        assert_eq!(
            obs.len(),
            AZURE_P50.links().len() + GCP_P50.links().len() + aws
        );
        for o in obs.iter().filter(|o| o.provider == Provider::Aws) {
            assert_eq!(o.dataset, DatasetId::AwsP50, "{o:?}");
            let published = AWS_P50.lookup(o.a.into(), o.b.into()).unwrap().ms;
            assert_eq!(o.p50_ms, f64::from(published), "{o:?}");
        }
        // Every 2020 pair is also in 2025, so the 2020 file supplies no observation today.
        for l in AWS_MEAN.links() {
            assert!(AWS_P50.lookup(l.a.into(), l.b.into()).is_some(), "{l:?}");
        }
    }
}
