//! Products shown with every factor. The result is computed from the factors *as shown*
//! and then rounded by its own rule, so a reviewer multiplying the printed factors gets the
//! printed result (`~52 writes (100 writes/s x 47 % x 1.1 s)`: 100 x 0.47 x 1.1 = 51.7).

use serde::Serialize;

use super::figures::{plain, round_duration, round_share, round_sig};

/// One factor of a product: its value as shown and its text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Factor {
    pub shown: f64,
    pub text: String,
}

impl Factor {
    /// A rate per second (`100 writes/s`), two significant figures below 100.
    pub fn per_s(v: f64, what: &str) -> Factor {
        let shown = round_sig(v);
        Factor {
            shown,
            text: format!("{} {what}/s", plain(shown)),
        }
    }

    /// A share of traffic (`47 % of writes`).
    pub fn share(v: f64, of: &str) -> Factor {
        let shown = round_share(v);
        Factor {
            shown,
            text: format!("{} % of {of}", plain(shown * 100.0)),
        }
    }

    /// A duration in seconds (`1.1 s`).
    pub fn seconds(v: f64) -> Factor {
        let shown = round_duration(v);
        Factor {
            shown,
            text: super::figures::duration(shown),
        }
    }
}

/// A product of shown factors and its result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Product {
    pub factors: Vec<Factor>,
    /// The product of the factors' shown values, before the result's own rounding.
    pub value: f64,
}

impl Product {
    pub fn of(factors: Vec<Factor>) -> Product {
        let value = factors.iter().map(|f| f.shown).product();
        Product { factors, value }
    }

    /// Writes lost on a hard failure: the writes/s the class takes, the share of them the
    /// failed region accepted (left out when it is all of them), and the unreplicated lag.
    pub fn writes_lost(writes_per_s: f64, share: f64, lag_s: f64) -> Product {
        let mut f = vec![Factor::per_s(writes_per_s, "writes")];
        if round_share(share) < 1.0 {
            f.push(Factor::share(share, "writes"));
        }
        f.push(Factor::seconds(lag_s));
        Product::of(f)
    }

    /// The factors joined: `100 writes/s x 47 % of writes x 1.1 s`.
    pub fn factors_text(&self) -> String {
        self.factors
            .iter()
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>()
            .join(" x ")
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
}
