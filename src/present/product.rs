//! Products shown with every factor. The result is computed from the factors *as shown*
//! and then rounded by its own rule, so a reviewer multiplying the printed factors gets the
//! printed result (`~52 writes (100 writes/s x 47 % x 1.1 s)`: 100 x 0.47 x 1.1 = 51.7).

use serde::{Deserialize, Serialize};

use super::figures::{grouped, plain, round_duration, round_ms, round_share, round_sig};

/// One factor of a product: its value as shown and its text. A divisor (`/ 1,000 records`)
/// divides the product by `shown` instead of multiplying it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Factor {
    pub shown: f64,
    pub text: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub divides: bool,
}

impl Factor {
    /// A rate per second (`100 writes/s`), two significant figures below 100.
    pub fn per_s(v: f64, what: &str) -> Factor {
        let shown = round_sig(v);
        Factor::new(shown, format!("{} {what}/s", plain(shown)))
    }

    /// A share of traffic (`47 % of writes`).
    pub fn share(v: f64, of: &str) -> Factor {
        let shown = round_share(v);
        Factor::new(shown, format!("{} % of {of}", plain(shown * 100.0)))
    }

    /// A duration in seconds (`1.1 s`).
    pub fn seconds(v: f64) -> Factor {
        let shown = round_duration(v);
        Factor::new(shown, super::figures::duration(shown))
    }

    /// A replication lag in ms, its value in seconds (`38 ms` is 0.038).
    pub fn lag_ms(lag_s: f64) -> Factor {
        let ms = round_ms(lag_s * 1000.0);
        Factor::new(ms / 1000.0, format!("{} lag", super::figures::ms(ms)))
    }

    /// A modelled replication lag in seconds with its parts (`1.1 s lag (half the p99 round
    /// trip 92 ms + 1,000 ms apply delay, assumption)`): the RPO of asynchronous replication.
    pub fn modelled_lag_s(lag_s: f64, parts: &LagParts) -> Factor {
        let shown = round_duration(lag_s);
        let text = format!("{} lag ({})", super::figures::duration(shown), parts.text());
        Factor::new(shown, text)
    }

    /// [`Factor::lag_ms`] with its parts: the median lag behind a conflict window.
    pub fn modelled_lag_ms(lag_s: f64, parts: &LagParts) -> Factor {
        let ms = round_ms(lag_s * 1000.0);
        let text = format!("{} lag ({})", super::figures::ms(ms), parts.text());
        Factor::new(ms / 1000.0, text)
    }

    /// A plain number (`2`: both orders of a pair of writes).
    pub fn number(v: f64) -> Factor {
        Factor::new(v, plain(v))
    }

    /// Seconds in a day, turning a rate per second into one per day.
    pub fn seconds_per_day() -> Factor {
        Factor::new(86_400.0, "86,400 s/day".to_string())
    }

    /// A divisor of whole records (`/ 1,000,000 records`).
    pub fn per_records(records: f64) -> Factor {
        let shown = records.round().max(1.0);
        Factor {
            shown,
            text: format!("{} records", grouped(shown)),
            divides: true,
        }
    }

    /// A multiplying factor with its shown value and text.
    pub fn new(shown: f64, text: String) -> Factor {
        Factor {
            shown,
            text,
            divides: false,
        }
    }
}

/// How a modelled replication lag is made up: half the link's round trip at one quantile
/// plus an apply delay (an assumption, docs/engine.md, "RPO and writes lost"), so a reviewer
/// can add the two and get the lag.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LagParts {
    /// `p50` or `p99`.
    pub quantile: &'static str,
    pub half_rtt_ms: f64,
    pub apply_ms: f64,
}

impl LagParts {
    /// `half the p99 round trip 92 ms + 1,000 ms apply delay, assumption`.
    pub fn text(&self) -> String {
        format!(
            "half the {} round trip {} + {} apply delay, assumption",
            self.quantile,
            super::figures::ms(round_ms(self.half_rtt_ms)),
            super::figures::ms(self.apply_ms)
        )
    }
}

/// A product of shown factors and its result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Product {
    pub factors: Vec<Factor>,
    /// The product of the factors' shown values, before the result's own rounding.
    pub value: f64,
}

impl Product {
    pub fn of(factors: Vec<Factor>) -> Product {
        let value = factors
            .iter()
            .map(|f| if f.divides { 1.0 / f.shown } else { f.shown })
            .product();
        Product { factors, value }
    }

    /// Writes lost on a hard failure: the writes/s the class takes, the share of them the
    /// failed region accepted (left out when it is all of them), and the unreplicated lag.
    pub fn writes_lost(writes_per_s: f64, share: f64, lag_s: f64) -> Product {
        Product::writes_lost_with(writes_per_s, share, Factor::seconds(lag_s))
    }

    /// [`Product::writes_lost`] with its lag factor given: a chosen service's published lag,
    /// which names its basis and source.
    pub fn writes_lost_with(writes_per_s: f64, share: f64, lag: Factor) -> Product {
        let mut f = vec![Factor::per_s(writes_per_s, "writes")];
        if round_share(share) < 1.0 {
            f.push(Factor::share(share, "writes"));
        }
        f.push(lag);
        Product::of(f)
    }

    /// Expected conflicting writes per day between two writers: their writes/s, a window of
    /// twice the lag (either write may come first), spread over the records, per day.
    /// `lag` is [`Factor::lag_ms`] or [`Factor::modelled_lag_ms`].
    pub fn conflicts(wa: f64, wb: f64, lag: Factor, records: f64) -> Product {
        Product::of(vec![
            Factor::per_s(wa, "writes"),
            Factor::per_s(wb, "writes"),
            Factor::number(2.0),
            lag,
            Factor::per_records(records),
            Factor::seconds_per_day(),
        ])
    }

    /// The factors joined: `100 writes/s x 47 % of writes x 1.1 s`, a divisor after ` / `.
    pub fn factors_text(&self) -> String {
        let mut out = String::new();
        for (i, f) in self.factors.iter().enumerate() {
            if i > 0 {
                out.push_str(if f.divides { " / " } else { " x " });
            }
            out.push_str(&f.text);
        }
        out
    }

    /// The result with its factors: `~52 writes (100 writes/s x 47 % of writes x 1.1 s)`.
    pub fn writes_text(&self) -> String {
        if self.value == 0.0 {
            return "0 writes".to_string();
        }
        format!(
            "{} ({})",
            super::figures::writes(self.value),
            self.factors_text()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflicts_multiply_and_divide_their_shown_factors() {
        let p = Product::conflicts(60.2, 40.0, Factor::lag_ms(0.0384), 1_000_000.4);
        assert_eq!(
            p.factors_text(),
            "60 writes/s x 40 writes/s x 2 x 38 ms lag / 1,000,000 records x 86,400 s/day"
        );
        // 60 x 40 x 2 x 0.038 / 1e6 x 86,400 = 15.75936
        assert!((p.value - 15.75936).abs() < 1e-9, "{}", p.value);
    }

    #[test]
    fn writes_lost_multiplies_its_shown_factors() {
        let p = Product::writes_lost(100.0, 0.4712, 1.1449);
        assert_eq!(
            p.writes_text(),
            "~52 writes (100 writes/s x 47 % of writes x 1.1 s)"
        );
        let p = Product::writes_lost(500.0, 1.0, 1.1);
        assert_eq!(p.writes_text(), "~550 writes (500 writes/s x 1.1 s)");
        assert_eq!(
            Product::writes_lost(500.0, 1.0, 0.0).writes_text(),
            "0 writes"
        );
    }

    #[test]
    fn a_modelled_lag_shows_its_parts_and_their_sum() {
        let parts = LagParts {
            quantile: "p99",
            half_rtt_ms: 91.6,
            apply_ms: 1000.0,
        };
        let p = Product::writes_lost_with(100.0, 1.0, Factor::modelled_lag_s(1.0916, &parts));
        assert_eq!(
            p.writes_text(),
            "~110 writes (100 writes/s x 1.1 s lag (half the p99 round trip 92 ms + 1,000 ms apply delay, assumption))"
        );
    }
}
