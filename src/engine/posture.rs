//! The postures a data class can take, in the order of simplicity the recommendation uses.

use serde::{Deserialize, Serialize};

/// A multi-region posture for one data class. Serialises as its slug.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Posture {
    SingleRegion,
    BackupRestore,
    PilotLight,
    WarmStandby,
    SyncStandby,
    ReadLocalWriteGlobal,
    ActiveActivePartitioned,
    ActiveActiveMultiWriter,
    GlobalConsensus,
}

impl Posture {
    /// Every posture, simplest first (the recommendation's first preference).
    pub const ALL: [Posture; 9] = [
        Posture::SingleRegion,
        Posture::BackupRestore,
        Posture::PilotLight,
        Posture::WarmStandby,
        Posture::SyncStandby,
        Posture::ReadLocalWriteGlobal,
        Posture::ActiveActivePartitioned,
        Posture::ActiveActiveMultiWriter,
        Posture::GlobalConsensus,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Posture::SingleRegion => "single-region",
            Posture::BackupRestore => "backup-restore",
            Posture::PilotLight => "pilot-light",
            Posture::WarmStandby => "warm-standby",
            Posture::SyncStandby => "sync-standby",
            Posture::ReadLocalWriteGlobal => "read-local-write-global",
            Posture::ActiveActivePartitioned => "active-active-partitioned",
            Posture::ActiveActiveMultiWriter => "active-active-multi-writer",
            Posture::GlobalConsensus => "global-consensus",
        }
    }

    pub fn from_slug(s: &str) -> Option<Posture> {
        Posture::ALL.into_iter().find(|p| p.slug() == s)
    }

    /// Operational complexity tier: the recommendation prefers a lower tier, then a lower
    /// cost, then the earlier posture in [`Posture::ALL`]. Pilot light and warm standby are
    /// the same machinery with a different standby size, so they share a tier; so do the two
    /// single-primary-with-replicas shapes; the two "anyone writes" shapes share the top tier.
    pub fn tier(self) -> u8 {
        match self {
            Posture::SingleRegion => 0,
            Posture::BackupRestore => 1,
            Posture::PilotLight | Posture::WarmStandby => 2,
            Posture::SyncStandby | Posture::ReadLocalWriteGlobal => 3,
            Posture::ActiveActivePartitioned => 4,
            Posture::ActiveActiveMultiWriter | Posture::GlobalConsensus => 5,
        }
    }

    /// Exactly one region accepts writes for any record at a time.
    pub fn single_writer(self) -> bool {
        !matches!(
            self,
            Posture::ActiveActiveMultiWriter | Posture::GlobalConsensus
        )
    }
}

impl std::fmt::Display for Posture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.slug())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_through_serde_and_from_slug() {
        for p in Posture::ALL {
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.slug()));
            assert_eq!(serde_json::from_str::<Posture>(&json).unwrap(), p);
            assert_eq!(Posture::from_slug(p.slug()), Some(p));
        }
    }

    #[test]
    fn all_is_in_non_decreasing_tier_order() {
        assert!(Posture::ALL.windows(2).all(|w| w[0].tier() <= w[1].tier()));
    }
}
