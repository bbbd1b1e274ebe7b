//! A placement as deployments: the regions one instance of a service must span.

use crate::data::Provider;
use crate::engine::report::Placement;

/// The regions of one deployment, the writer (leader, primary or home) first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// The region that takes writes, when the shape has one.
    pub leader: Option<String>,
    /// Every distinct region of the deployment, the leader first.
    pub regions: Vec<String>,
}

/// Splits a place label `aws:us-east-1` into its provider and region code; `None` for custom
/// places and coordinates, which are no provider's region.
pub fn split(place: &str) -> Option<(Provider, &str)> {
    let (p, code) = place.split_once(':')?;
    Some((Provider::from_slug(p)?, code))
}

/// One deployment per partition for a partitioned placement (each home with its standby is
/// its own database), one for every other shape.
pub fn units(p: &Placement) -> Vec<Unit> {
    match p {
        Placement::Partitioned { homes } => homes
            .iter()
            .map(|h| {
                let mut regions = vec![h.region.clone()];
                if let Some(s) = h.standby.as_ref().filter(|s| **s != h.region) {
                    regions.push(s.clone());
                }
                Unit {
                    leader: Some(h.region.clone()),
                    regions,
                }
            })
            .collect(),
        other => vec![Unit {
            leader: other.primary().map(str::to_string),
            regions: other.regions().into_iter().map(str::to_string).collect(),
        }],
    }
}
