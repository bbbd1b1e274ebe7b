//! Carbon figures as shown: grid intensity, Google's CFE % and a posture's monthly
//! emissions, each with "no data" where the data has none (never a guess).

use super::figures::{grouped, round_sig};
use crate::data::carbon::RegionCarbon;

/// `323 gCO2e/kWh` (whole grams; the sources publish one or two decimals of an annual mean).
pub fn g_per_kwh(v: f64) -> String {
    format!("{} gCO2e/kWh", grouped(v.round().max(0.0)))
}

/// `CFE 64 %` (Google publishes whole percent).
pub fn cfe(pct: f64) -> String {
    format!("CFE {:.0} %", pct.clamp(0.0, 100.0))
}

/// A region's carbon cell: `323 gCO2e/kWh (2024)`, `79 gCO2e/kWh, CFE 89 % (2024)`, or
/// `no data`.
pub fn region_carbon(c: Option<&RegionCarbon>) -> String {
    match c {
        None => "no data".to_string(),
        Some(c) => match c.cfe_pct {
            Some(p) => format!("{}, {} ({})", g_per_kwh(c.grid_g_per_kwh), cfe(p), c.year),
            None => format!("{} ({})", g_per_kwh(c.grid_g_per_kwh), c.year),
        },
    }
}

/// `1,240 kg CO2e/month` to three significant figures (the power-per-VM model is no more
/// precise); `no data` when a running region has none.
pub fn kg_co2e_month(v: Option<f64>) -> String {
    match v.filter(|v| v.is_finite()) {
        Some(v) => format!("{} kg CO2e/month", grouped(round_sig(v.max(0.0)))),
        None => "no data".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::carbon::carbon_of;
    use crate::data::Provider;

    #[test]
    fn carbon_reads_with_its_year_or_no_data() {
        let c = carbon_of(Provider::Gcp, "us-west1");
        assert!(region_carbon(c.as_ref()).contains("CFE"));
        assert!(region_carbon(c.as_ref()).ends_with("(2024)"));
        assert_eq!(region_carbon(None), "no data");
        assert_eq!(kg_co2e_month(None), "no data");
        assert_eq!(kg_co2e_month(Some(f64::NAN)), "no data");
        assert_eq!(g_per_kwh(322.6), "323 gCO2e/kWh");
    }
}
