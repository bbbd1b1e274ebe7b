use super::*;

#[test]
fn error_stats_nearest_rank() {
    let s = ErrorStats::of((1..=10).map(f64::from).collect());
    assert_eq!((s.n, s.median_pct, s.p90_pct), (10, 5.0, 9.0));
}

/// The figures `rtt()` attaches to modeled links must be the ones this evaluation
/// produces; if the data or the model change, this fails until they are updated.
#[test]
fn shipped_error_constants_match_the_evaluation() {
    use crate::latency::*;
    let r = evaluate(Params::default());
    let n = r.get(Predictor::Neighbours, false, None);
    let d = r.get(Predictor::DistanceFit, false, None);
    let close = |a: f64, b: f64| (a - b).abs() < 0.1;
    assert!(close(n.median_pct, NEIGHBOURS_MEDIAN_ERR_PCT), "{n:?}");
    assert!(close(n.p90_pct, NEIGHBOURS_P90_ERR_PCT), "{n:?}");
    assert!(close(d.median_pct, DISTANCE_FIT_MEDIAN_ERR_PCT), "{d:?}");
    assert!(close(d.p90_pct, DISTANCE_FIT_P90_ERR_PCT), "{d:?}");
    for (k, band) in NEIGHBOURS_BY_LENGTH.iter().enumerate() {
        let e = r.band(Predictor::Neighbours, false, Some(k));
        assert!(
            close(band.median_pct, e.median_pct),
            "{}: {e:?}",
            band.method
        );
        assert!(close(band.p90_pct, e.p90_pct), "{}: {e:?}", band.method);
    }
    let (short, long) = r.cross_cloud_errors();
    use crate::latency::crosscloud as cc;
    assert_eq!((short.n, long.n), (cc::SAME_METRO_PAIRS, cc::LONGER_PAIRS));
    assert!(
        (short.median_pct - cc::SAME_METRO_MEDIAN_MS).abs() < 0.01,
        "{short:?}"
    );
    assert!(
        (short.p90_pct - cc::SAME_METRO_MAX_MS).abs() < 0.01,
        "{short:?}"
    );
    assert!(close(long.median_pct, cc::LONGER_MEDIAN_PCT), "{long:?}");
    assert!(close(long.p90_pct, cc::LONGER_P90_PCT), "{long:?}");
    for (band, b) in NEIGHBOURS_BY_LENGTH.iter().zip(LENGTH_BANDS) {
        assert_eq!((band.min_km, band.max_km), (b.1, b.2));
    }
}

/// The point of the model: it must beat the distance × inflation baseline clearly, and a
/// place put exactly on a measured region must get that region's measured pairs back
/// within the measurements' own cross-provider disagreement (median and p90).
#[test]
fn neighbour_model_beats_the_baseline_and_reproduces_measurements() {
    let r = evaluate(Params::default());
    for cv in [true, false] {
        let n = r.get(Predictor::Neighbours, cv, None);
        let b = r.get(Predictor::Baseline, cv, None);
        assert!(n.median_pct < 0.6 * b.median_pct, "{n:?} vs {b:?}");
        assert!(n.p90_pct < 0.75 * b.p90_pct, "{n:?} vs {b:?}");
    }
    let noise = ErrorStats::of(r.agreement.iter().map(|a| a.pct).collect());
    assert!(
        r.reproduction.median_pct <= noise.median_pct,
        "{:?} vs {noise:?}",
        r.reproduction
    );
    assert!(
        r.reproduction.p90_pct <= noise.p90_pct,
        "{:?} vs {noise:?}",
        r.reproduction
    );
}

#[test]
fn folds_are_balanced() {
    let mut c = [0usize; FOLDS];
    for k in 0..5000 {
        c[fold_of(k)] += 1;
    }
    assert!(c.iter().all(|&n| n > 850 && n < 1150), "{c:?}");
}

#[test]
fn bands_cover_every_length() {
    assert_eq!(band_of(0.0), 0);
    assert_eq!(band_of(149.9), 0);
    assert_eq!(band_of(150.0), 1);
    assert_eq!(band_of(8000.0), 3);
    assert_eq!(band_of(f64::NAN), 3);
}
