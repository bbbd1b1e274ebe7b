//! Regions the team chose for a class's roles, beside (or without) a pinned posture: the
//! engine searches only the roles left open, and the report says what the pin breaks and
//! where the engine would have placed the class.

use serde::{Deserialize, Serialize};

/// A placement pinned by the plan; each part empty: the engine chooses. Regions are named by
/// their label in the plan's `regions` (`aws:us-east-1`, or a custom region's name).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacementPin {
    /// The single write region: the primary of single-region, backup & restore, the standby
    /// postures and read-local-write-global, and the consensus leader.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<String>,
    /// Where the class is served after the primary's region is lost: the standby (pilot
    /// light, warm and synchronous standby) or the region backups are restored in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standby: Option<String>,
    /// The three consensus voters (the leader among them: the pinned primary, else searched).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub voters: Vec<String>,
}

impl PlacementPin {
    /// Nothing pinned.
    pub fn is_empty(&self) -> bool {
        self.primary.is_none() && self.standby.is_none() && self.voters.is_empty()
    }
}
