//! The markdown `meridian model-eval` prints (and docs/latency-model.md carries verbatim).

use std::fmt::Write as _;

use crate::data::Provider;

use super::{band_of, ErrorStats, EvalReport, Predictor, COLOCATED_KM, LENGTH_BANDS, SEED};

fn pct(e: ErrorStats) -> String {
    if e.n == 0 {
        return "– | –".to_string();
    }
    format!("{:.1} % | {:.1} %", e.median_pct, e.p90_pct)
}

impl EvalReport {
    /// Every table: predictor × provider pair, the shipped model by link length next to the
    /// measurements' own disagreement, disagreement per provider pair, and the tail fit.
    pub fn markdown(&self) -> String {
        let mut s = String::from(
            "| predictor | provider pair (links) | 5-fold CV median | CV p90 | leave-one-provider-out median | LOPO p90 |\n|---|---|---|---|---|---|\n",
        );
        for pred in Predictor::ALL {
            for prov in Provider::ALL.into_iter().map(Some).chain([None]) {
                let (cv, lo) = (self.get(pred, true, prov), self.get(pred, false, prov));
                let name = prov.map_or("all".to_string(), |p| format!("{0}–{0}", p.display_name()));
                let _ = writeln!(
                    s,
                    "| {} | {name} ({}) | {} | {} |",
                    pred.label(),
                    cv.n,
                    pct(cv),
                    pct(lo)
                );
            }
        }
        let _ = write!(
            s,
            "\nAbsolute percentage error of the predicted p50 against the measured p50 (every measured \
             link is between two regions of one provider). Folds seeded with {SEED:#x}; in CV the link's \
             own provider's other links weigh more, as for any pair with an end of that provider. In \
             leave-one-provider-out, {:.0} % of links had measured neighbours from the other providers; \
             the rest used the distance fit.\n",
            100.0 * self.lopo_neighbour_share
        );
        self.bands_table(&mut s);
        self.provider_pairs_table(&mut s);
        let r = self.reproduction;
        let _ = write!(
            s,
            "\nA custom place put exactly on a measured region's coordinates, against the other end of each \
             of its {} measured links (in-sample): {:.1} % median, {:.1} % p90 off the measurement.\n",
            r.n, r.median_pct, r.p90_pct
        );
        self.cross_cloud_table(&mut s);
        let f = super::super::tail::tail_fit();
        let t = super::tail_fit_error();
        let _ = write!(
            s,
            "\nTail fit: p95 − p50 = {:.2} ms + {:.4} × p50 over {} Azure links; its p95 is off the measured \
             P95 by {:.1} % median, {:.1} % p90.\n",
            f.intercept_ms, f.slope, f.pairs, t.median_pct, t.p90_pct
        );
        s
    }

    fn bands_table(&self, s: &mut String) {
        let _ = write!(
            s,
            "\nNeighbour model by link length, next to how much two providers' measurements of the same \
             metro pair (both ends within {COLOCATED_KM:.0} km) disagree:\n\n\
             | link length | links | 5-fold CV median | CV p90 | LOPO median | LOPO p90 | co-located pairs | disagreement median | disagreement p90 |\n\
             |---|---|---|---|---|---|---|---|---|\n"
        );
        let bands = (0..LENGTH_BANDS.len()).map(Some).chain([None]);
        for band in bands {
            let label = band.map_or("all", |b| LENGTH_BANDS[b].0);
            let (cv, lo) = (
                self.band(Predictor::Neighbours, true, band),
                self.band(Predictor::Neighbours, false, band),
            );
            let g = ErrorStats::of(
                self.agreement
                    .iter()
                    .filter(|a| band.is_none_or(|b| band_of(a.km) == b))
                    .map(|a| a.pct)
                    .collect(),
            );
            let _ = writeln!(
                s,
                "| {label} | {} | {} | {} | {} | {} |",
                cv.n,
                pct(cv),
                pct(lo),
                g.n,
                pct(g)
            );
        }
        let (cv, lo) = (self.same_metro_ms(true), self.same_metro_ms(false));
        let _ = write!(
            s,
            "\nLinks under 150 km ({} measured): absolute error {:.2} ms median, {:.2} ms p90 in CV; \
             {:.2} ms median, {:.2} ms p90 leave-one-provider-out.\n",
            cv.n, cv.median_pct, cv.p90_pct, lo.median_pct, lo.p90_pct
        );
    }

    fn cross_cloud_table(&self, s: &mut String) {
        use super::super::crosscloud::{
            CROSS_PROVIDER_PENALTY_MS, DATASET, DATE, SAME_METRO_FIT_KM,
        };
        let fit = self
            .cross_cloud_penalty_fit
            .map_or("–".to_string(), |p| format!("{p:+.2} ms"));
        let _ = write!(
            s,
            "\nCross-cloud pairs measured by {DATASET}, {DATE} (statistic not stated), against the model \
             trained on every provider matrix (none has a cross-cloud pair, so these are out of sample). \
             Cross-provider penalty: fitted {fit} (median residual of the pairs under \
             {SAME_METRO_FIT_KM:.0} km), shipped {CROSS_PROVIDER_PENALTY_MS} ms:\n\n\
             | pair | km | measured | model | error |\n|---|---|---|---|---|\n"
        );
        for c in &self.cross_cloud {
            let _ = writeln!(
                s,
                "| {} | {:.0} | {:.2} ms | {:.2} ms | {:+.1} % |",
                c.pair,
                c.km,
                c.measured_ms,
                c.predicted_ms,
                100.0 * (c.predicted_ms - c.measured_ms) / c.measured_ms
            );
        }
        let (short, long) = self.cross_cloud_errors();
        let _ = write!(
            s,
            "\nCross-cloud error: the {} pairs under {SAME_METRO_FIT_KM:.0} km {:.2} ms median, {:.2} ms max \
             absolute error; the {} longer pairs {:.1} % median, {:.1} % p90.\n",
            short.n, short.median_pct, short.p90_pct, long.n, long.median_pct, long.p90_pct
        );
    }

    fn provider_pairs_table(&self, s: &mut String) {
        s.push_str(
            "\nDisagreement between two providers' measurements of the same metro pair, by provider pair \
             (both orders):\n\n| providers | co-located pairs | median | p90 |\n|---|---|---|---|\n",
        );
        let all = Provider::ALL;
        for (i, x) in all.iter().enumerate() {
            for y in &all[i + 1..] {
                let g = ErrorStats::of(
                    self.agreement
                        .iter()
                        .filter(|a| (a.x, a.y) == (*x, *y) || (a.x, a.y) == (*y, *x))
                        .map(|a| a.pct)
                        .collect(),
                );
                let _ = writeln!(
                    s,
                    "| {} / {} | {} | {} |",
                    x.display_name(),
                    y.display_name(),
                    g.n,
                    pct(g)
                );
            }
        }
    }
}
