//! Monthly operational emissions of a posture's compute (serving VMs and database nodes),
//! for display beside its cost; never used by the recommendation.
//!
//! Power per reference VM (4 vCPU, 16 GiB) from Cloud Carbon Footprint's coefficients
//! (cloud-carbon-footprint @ 3668d2e1, packages/aws/src/domain/AwsFootprintEstimationConstants.ts
//! and its GCP and Azure counterparts): per vCPU `min + u x (max - min)` W with 0.74 and
//! 3.5 W at the 50 % average utilisation they assume, plus 0.392 W per GB of memory, times
//! the provider's PUE (AWS 1.135, GCP 1.1, Azure 1.185). Embodied emissions are left out.

use crate::data::carbon::region_carbon;
use crate::data::Provider;
use crate::place::Place;

pub const VCPUS_PER_VM: f64 = 4.0;
pub const MEMORY_GB_PER_VM: f64 = 16.0;
pub const CCF_MIN_WATTS_PER_VCPU: f64 = 0.74;
pub const CCF_MAX_WATTS_PER_VCPU: f64 = 3.5;
pub const CCF_AVG_UTILISATION: f64 = 0.5;
pub const CCF_WATTS_PER_GB_MEMORY: f64 = 0.392;
/// Hours in the cost model's 30-day month.
pub const HOURS_PER_MONTH: f64 = 720.0;

/// Cloud Carbon Footprint's average PUE per provider; custom places (your own site) use
/// the highest of the three, an assumption in want of your figure.
pub fn pue(provider: Option<Provider>) -> f64 {
    match provider {
        Some(Provider::Aws) => 1.135,
        Some(Provider::Gcp) => 1.1,
        Some(Provider::Azure) | None => 1.185,
    }
}

/// Watts drawn by one reference VM at the facility meter.
pub fn watts_per_vm(provider: Option<Provider>) -> f64 {
    let cpu = CCF_MIN_WATTS_PER_VCPU
        + CCF_AVG_UTILISATION * (CCF_MAX_WATTS_PER_VCPU - CCF_MIN_WATTS_PER_VCPU);
    (VCPUS_PER_VM * cpu + MEMORY_GB_PER_VM * CCF_WATTS_PER_GB_MEMORY) * pue(provider)
}

/// kg CO2e per month of `vms` reference VMs running in `place` on its grid's average
/// intensity (location-based; Google's CFE % is shown beside it, not subtracted). `None`
/// when the place has no carbon data.
pub fn kg_co2e_month(place: &Place, vms: f64) -> Option<f64> {
    let Place::Region(r) = place else {
        return None;
    };
    let c = region_carbon(r)?;
    let kwh = vms * watts_per_vm(Some(r.provider)) * HOURS_PER_MONTH / 1000.0;
    Some(kwh * c.grid_g_per_kwh / 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_vm_draws_about_sixteen_watts_and_emits_by_its_grid() {
        // 4 x 2.12 W + 16 x 0.392 W = 14.752 W, x 1.135 = 16.74 W (AWS).
        assert!((watts_per_vm(Some(Provider::Aws)) - 14.752 * 1.135).abs() < 1e-9);
        let oregon = kg_co2e_month(&Place::parse("gcp:us-west1").unwrap(), 1.0).unwrap();
        let iowa = kg_co2e_month(&Place::parse("gcp:us-central1").unwrap(), 1.0).unwrap();
        assert!(oregon < iowa, "{oregon} vs {iowa}");
        assert!(kg_co2e_month(&Place::parse("1,2").unwrap(), 1.0).is_none());
    }
}
