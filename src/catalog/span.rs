//! A documented ceiling on how far apart a service's regions may be: the great-circle
//! distance of the farthest pair against the limit (Cosmos DB strong consistency is
//! blocked by default beyond 8,000 km, see `data/technologies.json`).

use super::constraints::Broken;
use super::data::SpanLimit;
use crate::geo::great_circle_km;
use crate::place::Place;

/// The farthest pair of `regions` by great-circle distance (km), labels as given; `None`
/// with fewer than two regions that parse as places.
pub fn farthest_km(regions: &[String]) -> Option<(String, String, f64)> {
    let located: Vec<(&String, Place)> = regions
        .iter()
        .filter_map(|r| Place::parse(r).ok().map(|p| (r, p)))
        .collect();
    let mut best: Option<(String, String, f64)> = None;
    for (i, (a, pa)) in located.iter().enumerate() {
        for (b, pb) in &located[i + 1..] {
            let km = great_circle_km(pa.location(), pb.location());
            if best.as_ref().is_none_or(|x| km > x.2) {
                best = Some(((*a).clone(), (*b).clone(), km));
            }
        }
    }
    best
}

/// `Ok` when no two of `regions` are farther apart than `limit`, else the farthest pair.
pub fn check(regions: &[String], limit: &SpanLimit) -> Result<(), Broken> {
    match farthest_km(regions) {
        Some((a, b, km)) if km > limit.km => Err(Broken::SpanTooWide {
            a,
            b,
            km,
            max_km: limit.km,
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limit() -> SpanLimit {
        SpanLimit {
            km: 8000.0,
            source: 0,
            note: String::new(),
        }
    }

    #[test]
    fn a_transatlantic_pair_fits_and_a_transpacific_one_does_not() {
        let near = ["azure:eastus".to_string(), "azure:westeurope".to_string()];
        assert_eq!(check(&near, &limit()), Ok(()));
        let far = ["azure:eastus".to_string(), "azure:japaneast".to_string()];
        match check(&far, &limit()) {
            Err(Broken::SpanTooWide { a, b, km, max_km }) => {
                assert_eq!(
                    (a.as_str(), b.as_str()),
                    ("azure:eastus", "azure:japaneast")
                );
                assert!(km > 10_000.0 && km < 11_500.0, "{km}");
                assert_eq!(max_km, 8000.0);
            }
            other => panic!("{other:?}"),
        }
    }
}
