//! Short links: two places in one metro are a cross-AZ hop apart, not an inter-region one.
//!
//! Measured inter-region links between different metros carry a fixed overhead (hubs,
//! routing: 3–8 ms even for 100–300 km links), which a neighbour-based prediction would carry
//! over to two data centres a few km apart. Below [`METRO_KM`] the prediction therefore
//! blends, linearly in distance, toward the same-metro line `CROSS_AZ_P50_MS + k·floor`
//! (`k` the distance fit's slope), which equals the same-place figure at 0 km: no jump
//! between identical and nearby points.

use super::observations::floor_ms;
use super::CROSS_AZ_P50_MS;

/// Length below which the same-metro line takes part, chosen on the leave-one-provider-out
/// evaluation (grid 0–500 km): 300 km gives the lowest absolute error on links under 150 km
/// and leaves the 150–2,500 km band unchanged (docs/latency-model.md).
pub const METRO_KM: f64 = 300.0;

/// The same-metro line: a cross-AZ round trip plus the fitted inflation of the distance.
pub fn same_metro_ms(km: f64, slope: f64) -> f64 {
    CROSS_AZ_P50_MS + slope * floor_ms(km)
}

/// Blends `neighbour_ms` with the same-metro line for a link `km` long; returns the blend
/// and the metro line's share (1 at 0 km, 0 from `metro_km` on).
pub fn blend(neighbour_ms: f64, km: f64, slope: f64, metro_km: f64) -> (f64, f64) {
    // Also leaves a NaN distance alone (a comparison with NaN is false).
    if km.partial_cmp(&metro_km) != Some(std::cmp::Ordering::Less) {
        return (neighbour_ms, 0.0);
    }
    let share = 1.0 - km / metro_km;
    (
        share * same_metro_ms(km, slope) + (1.0 - share) * neighbour_ms,
        share,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_km_is_the_same_place_figure_and_the_blend_ends_at_metro_km() {
        assert_eq!(blend(9.0, 0.0, 1.5, METRO_KM), (CROSS_AZ_P50_MS, 1.0));
        assert_eq!(blend(9.0, METRO_KM, 1.5, METRO_KM), (9.0, 0.0));
        let (mid, share) = blend(9.0, 150.0, 1.5, METRO_KM);
        assert!((share - 0.5).abs() < 1e-12);
        assert!(mid > CROSS_AZ_P50_MS && mid < 9.0, "{mid}");
        // A disabled blend (metro_km 0) and a NaN distance leave the prediction alone.
        assert_eq!(blend(9.0, 10.0, 1.5, 0.0), (9.0, 0.0));
        assert_eq!(blend(9.0, f64::NAN, 1.5, METRO_KM), (9.0, 0.0));
    }
}
