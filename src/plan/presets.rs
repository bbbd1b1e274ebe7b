//! Presets for common data classes. The numbers are starting points a user edits, chosen
//! to reflect what such data usually needs (see docs/plan-format.md for the reasoning):
//! money and stock must never conflict or be lost; sessions and presence can be rebuilt;
//! analytics tolerate hours.

use serde::{Deserialize, Serialize};

use super::{ConflictSemantics, Consistency, DataClass, Ownership, Residency};

/// A common data class shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Preset {
    Ledger,
    Inventory,
    UserProfiles,
    Sessions,
    Carts,
    LikesPresence,
    AnalyticsEvents,
    AdminTooling,
    EuPersonalData,
}

impl Preset {
    pub const ALL: [Preset; 9] = [
        Preset::Ledger,
        Preset::Inventory,
        Preset::UserProfiles,
        Preset::Sessions,
        Preset::Carts,
        Preset::LikesPresence,
        Preset::AnalyticsEvents,
        Preset::AdminTooling,
        Preset::EuPersonalData,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Preset::Ledger => "ledger",
            Preset::Inventory => "inventory",
            Preset::UserProfiles => "user-profiles",
            Preset::Sessions => "sessions",
            Preset::Carts => "carts",
            Preset::LikesPresence => "likes-presence",
            Preset::AnalyticsEvents => "analytics-events",
            Preset::AdminTooling => "admin-tooling",
            Preset::EuPersonalData => "eu-personal-data",
        }
    }

    pub fn display_name(self) -> &'static str {
        match self {
            Preset::Ledger => "Ledger / payments",
            Preset::Inventory => "Inventory",
            Preset::UserProfiles => "User profiles",
            Preset::Sessions => "Sessions",
            Preset::Carts => "Shopping carts",
            Preset::LikesPresence => "Likes / presence",
            Preset::AnalyticsEvents => "Analytics events",
            Preset::AdminTooling => "Admin tooling",
            Preset::EuPersonalData => "EU-resident personal data",
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn class(
    name: &str,
    consistency: Consistency,
    rpo_s: Option<f64>,
    rto_s: Option<f64>,
    write_p99_budget_ms: Option<f64>,
    read_p99_budget_ms: Option<f64>,
    ownership: Ownership,
    conflicts: ConflictSemantics,
    (writes_per_s, reads_per_s, record_bytes, data_gb): (f64, f64, f64, f64),
) -> DataClass {
    DataClass {
        name: name.to_string(),
        consistency,
        rpo_s,
        rto_s,
        write_p99_budget_ms,
        read_p99_budget_ms,
        residency: Residency::None,
        residency_scope: Default::default(),
        pin: None,
        placement_pin: Default::default(),
        service: None,
        ownership,
        writes_per_s,
        reads_per_s,
        record_bytes,
        data_gb,
        conflicts,
        keys: None,
        home_hints: Vec::new(),
    }
}

impl DataClass {
    /// The preset's defaults, named after it.
    pub fn preset(p: Preset) -> DataClass {
        use ConflictSemantics::*;
        use Consistency::*;
        use Ownership::*;
        match p {
            // Money: no loss, no conflicts, one serial order; users accept a slower write.
            Preset::Ledger => class(
                "ledger",
                Linearizable,
                Some(0.0),
                Some(600.0),
                Some(400.0),
                Some(300.0),
                Shared,
                NeverConflict,
                (50.0, 500.0, 1024.0, 500.0),
            ),
            // Stock counts: overselling is the failure; a few seconds of loss is reconcilable.
            Preset::Inventory => class(
                "inventory",
                Linearizable,
                Some(5.0),
                Some(600.0),
                Some(300.0),
                Some(200.0),
                Shared,
                NeverConflict,
                (200.0, 2000.0, 512.0, 50.0),
            ),
            // Read-heavy, owned by a user, a minute of loss re-typed by the user at worst.
            Preset::UserProfiles => class(
                "user-profiles",
                ReadYourWrites,
                Some(60.0),
                Some(900.0),
                Some(500.0),
                Some(100.0),
                PerPopulation,
                LastWriterWins,
                (20.0, 5000.0, 2048.0, 200.0),
            ),
            // Rebuildable by logging in again; must be fast on every request.
            Preset::Sessions => class(
                "sessions",
                ReadYourWrites,
                None,
                None,
                // End-user budgets: fixed broadband's last mile is 30 ms of the p99.
                Some(100.0),
                Some(80.0),
                PerPopulation,
                LastWriterWins,
                (500.0, 5000.0, 512.0, 20.0),
            ),
            // Mergeable (add/remove sets); losing a minute of cart edits is tolerable.
            Preset::Carts => class(
                "carts",
                ReadYourWrites,
                Some(60.0),
                Some(300.0),
                Some(150.0),
                Some(100.0),
                PerPopulation,
                Mergeable,
                (100.0, 1000.0, 1024.0, 30.0),
            ),
            // Counters and presence: CRDT-shaped, fast everywhere, stale is fine.
            Preset::LikesPresence => {
                let mut c = class(
                    "likes-presence",
                    Eventual,
                    Some(300.0),
                    Some(300.0),
                    Some(80.0),
                    Some(80.0),
                    Shared,
                    Mergeable,
                    (2000.0, 20000.0, 128.0, 100.0),
                );
                // Writes concentrate on popular items: assume a hot set of 100k records.
                c.keys = Some(100_000.0);
                c
            }
            // Append-only events feed batch jobs: an hour of loss and a day of recovery.
            Preset::AnalyticsEvents => class(
                "analytics-events",
                Eventual,
                Some(3600.0),
                Some(86_400.0),
                Some(1000.0),
                None,
                Shared,
                Mergeable,
                (1000.0, 10.0, 512.0, 5000.0),
            ),
            // Internal staff tools: small, rarely used, restore from backup is fine.
            Preset::AdminTooling => class(
                "admin-tooling",
                Linearizable,
                Some(3600.0),
                Some(86_400.0),
                None,
                None,
                Shared,
                NeverConflict,
                (1.0, 10.0, 1024.0, 5.0),
            ),
            // GDPR-shaped: every copy in the EU; read from anywhere (a visitor abroad), so
            // the budgets allow an intercontinental round trip.
            Preset::EuPersonalData => {
                let mut c = class(
                    "eu-personal-data",
                    ReadYourWrites,
                    Some(60.0),
                    Some(900.0),
                    Some(400.0),
                    Some(300.0),
                    PerPopulation,
                    LastWriterWins,
                    (10.0, 500.0, 2048.0, 100.0),
                );
                c.residency = Residency::Pinned {
                    jurisdictions: vec!["EU".to_string()],
                };
                c
            }
        }
    }
}
