//! The arithmetic of the model's global fits, shared by the crate and the build script
//! (build.rs includes this file), so the figures fitted at build time are the run-time fit
//! by construction. Plain numbers in and out: no imports, nothing of the crate.

/// `m ≈ c0 + k·f` by least squares on relative error (weights 1/m²) over `(f, m)` pairs,
/// so long and short links count alike: `Some((c0, k))`, `None` for a degenerate set.
pub fn relative_line(points: impl Iterator<Item = (f64, f64)>) -> Option<(f64, f64)> {
    let (mut sw, mut sf, mut sff, mut sm, mut sfm) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for (f, m) in points {
        let w = 1.0 / (m * m);
        sw += w;
        sf += w * f;
        sff += w * f * f;
        sm += w * m;
        sfm += w * f * m;
    }
    let det = sw * sff - sf * sf;
    (det.abs() >= 1e-12).then(|| ((sm * sff - sf * sfm) / det, (sw * sfm - sf * sm) / det))
}

/// `y = a + b·x` by ordinary least squares over `(x, y)` pairs: `(a, b)`.
pub fn line(xs: &[(f64, f64)]) -> (f64, f64) {
    let n = xs.len() as f64;
    let mx = xs.iter().map(|x| x.0).sum::<f64>() / n;
    let my = xs.iter().map(|x| x.1).sum::<f64>() / n;
    let sxy: f64 = xs.iter().map(|x| (x.0 - mx) * (x.1 - my)).sum();
    let sxx: f64 = xs.iter().map(|x| (x.0 - mx).powi(2)).sum();
    let slope = sxy / sxx;
    (my - slope * mx, slope)
}

/// Per provider slot, its offset: the mean over the other `present` providers of the median
/// of `diffs[x][y]` (x's figure minus y's for one metro pair), centred on zero over `present`.
pub fn centred_offsets(diffs: &[[Vec<f64>; 3]; 3], present: &[usize]) -> [Option<f64>; 3] {
    let median = |v: &[f64]| {
        let mut v = v.to_vec();
        v.sort_by(f64::total_cmp);
        (!v.is_empty()).then(|| v[v.len() / 2])
    };
    let mut raw = [0.0; 3];
    for &x in present {
        let m: Vec<f64> = present
            .iter()
            .filter(|&&y| y != x)
            .filter_map(|&y| median(&diffs[x][y]))
            .collect();
        raw[x] = if m.is_empty() {
            0.0
        } else {
            m.iter().sum::<f64>() / m.len() as f64
        };
    }
    let centre = present.iter().map(|&x| raw[x]).sum::<f64>() / present.len().max(1) as f64;
    let mut out = [None; 3];
    for &x in present {
        out[x] = Some(raw[x] - centre);
    }
    out
}
