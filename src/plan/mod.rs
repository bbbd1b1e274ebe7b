//! The plan: one serde type describing places, users, operations and data classes.
//!
//! A plan is what the user edits (in the UI, or as JSON for the CLI); the report is a pure
//! function of it ([`crate::engine::evaluate`]). Units are in the field names: `_s` seconds,
//! `_ms` milliseconds, `_min` minutes, `_gb` gigabytes, `_bytes` bytes, `_per_s` per second.
//!
//! ```
//! use meridian::plan::{Plan, validate};
//! let plan = Plan::example();
//! assert!(validate(&plan).is_ok());
//! let json = serde_json::to_string(&plan).unwrap();
//! let back: Plan = serde_json::from_str(&json).unwrap();
//! assert_eq!(plan, back);
//! ```

use serde::{Deserialize, Serialize};

use crate::data::prices::PriceBook;
use crate::data::{find_region, Provider};
use crate::engine::cost::baseline::BaselineBill;
use crate::place::{CustomPlace, Place};

mod migrate;
mod placement_pin;
mod presets;
mod samples;
pub mod templates;
mod validate;

pub use placement_pin::PlacementPin;
pub use presets::Preset;
pub use validate::{limits, validate, PinProblem, PlanError, PlanErrors};

/// The plan format version this build writes. Version 1 (custom places with a fixed name and
/// jurisdiction) is still read and migrated on load ([`Plan::from_json`], plan links).
pub const PLAN_VERSION: u32 = 2;

/// Everything the engine needs: where data may live, where users are, how operations run,
/// and the data classes to place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Format version; must equal [`PLAN_VERSION`].
    pub version: u32,
    /// Free-text title shown in reports.
    #[serde(default)]
    pub name: String,
    /// Candidate regions for data (primaries, standbys, replicas, voters, backups).
    pub regions: Vec<PlaceRef>,
    /// Where requests come from, each with its share of traffic.
    pub users: Vec<UserPopulation>,
    /// Failover mechanics shared by every data class.
    #[serde(default)]
    pub operations: Operations,
    /// The data classes to place, each gets its own posture.
    pub data_classes: Vec<DataClass>,
    /// Price overrides; absent or empty: list prices (each with its source and date).
    #[serde(default, skip_serializing_if = "is_default_prices")]
    pub prices: PriceBook,
    /// Today's single-region monthly bill by line; when given, every posture's cost is
    /// this bill scaled by its bill of materials (docs/engine.md, "Your bill").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_bill: Option<BaselineBill>,
}

fn is_fixed_broadband(a: &AccessNetwork) -> bool {
    *a == AccessNetwork::FixedBroadband
}

fn is_every_copy(s: &ResidencyScope) -> bool {
    *s == ResidencyScope::EveryCopy
}

fn is_default_prices(p: &PriceBook) -> bool {
    *p == PriceBook::default()
}

/// A plan that is not well-formed JSON or does not match the format.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanParseError {
    /// Field path (`data_classes[0].consistency`); empty at the top level and in the browser
    /// build, which locates the error by line and column only.
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// What is wrong, with the allowed values where serde knows them.
    pub message: String,
}

impl std::fmt::Display for PlanParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(
                f,
                "line {}, column {}: {}",
                self.line, self.column, self.message
            )
        } else {
            write!(
                f,
                "{}: {} (line {}, column {})",
                self.path, self.message, self.line, self.column
            )
        }
    }
}

impl std::error::Error for PlanParseError {}

/// A place in a plan: `"aws:us-east-1"` for a catalog region, `"lat,lon"`, or an object
/// `{ "lat", "lon" }` (optionally `name` and a `jurisdiction` of the user's) for a custom place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PlaceRef {
    /// `provider:code`, e.g. `aws:us-east-1`, `gcp:europe-west1`, `azure:westeurope`.
    Key(String),
    /// A place the user defines (an on-premises site, a city where users are).
    Custom(CustomPlace),
}

impl PlaceRef {
    /// A catalog region by key (`"aws:us-east-1"`); not checked until [`PlaceRef::resolve`].
    pub fn key(key: &str) -> PlaceRef {
        PlaceRef::Key(key.to_string())
    }

    /// A custom place with a name and a jurisdiction the user chose (an empty string: none,
    /// i.e. from the coordinates).
    pub fn custom(name: &str, lat: f64, lon: f64, jurisdiction: &str) -> PlaceRef {
        let given = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        PlaceRef::Custom(CustomPlace {
            name: given(name),
            lat,
            lon,
            jurisdiction_override: given(jurisdiction),
        })
    }

    /// A custom place known by its coordinates: its label and jurisdiction follow them.
    pub fn at(lat: f64, lon: f64) -> PlaceRef {
        PlaceRef::Custom(CustomPlace::at(lat, lon))
    }

    /// The label used in reports: the key, or the custom place's label ([`CustomPlace::label`]).
    pub fn label(&self) -> String {
        match self {
            PlaceRef::Key(k) => k.clone(),
            PlaceRef::Custom(c) => c.label(),
        }
    }

    /// The place this reference names, or why it names none.
    pub fn resolve(&self) -> Result<Place, String> {
        match self {
            PlaceRef::Key(k) => {
                let Some((prov, code)) = k.split_once(':') else {
                    // "lat,lon" (a city where users are); jurisdiction unknown.
                    return Place::parse(k).map_err(|_| {
                        format!("{k:?} is neither provider:code (e.g. aws:us-east-1) nor lat,lon")
                    });
                };
                let provider = Provider::from_slug(prov).ok_or_else(|| {
                    format!("unknown provider {prov:?}; allowed: aws, gcp, azure")
                })?;
                find_region(provider, code)
                    .map(Place::Region)
                    .ok_or_else(|| {
                        let close = crate::place::close_matches(code, Some(provider));
                        if close.is_empty() {
                            format!("{k:?} is not in the region catalog (see `meridian regions`)")
                        } else {
                            format!(
                                "{k:?} is not in the region catalog; did you mean {}?",
                                close.join(", ")
                            )
                        }
                    })
            }
            PlaceRef::Custom(c) => {
                if !(-90.0..=90.0).contains(&c.lat) || !(-180.0..=180.0).contains(&c.lon) {
                    return Err(format!(
                        "custom place {:?} has lat {} lon {}; allowed lat -90..90, lon -180..180",
                        c.name.as_deref().unwrap_or_default(),
                        c.lat,
                        c.lon
                    ));
                }
                Ok(Place::Custom(c.clone()))
            }
        }
    }
}

/// A population of users: where they are and their share of every data class's traffic.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserPopulation {
    /// Short name used in reports ("EU users").
    pub name: String,
    /// A region (users near it) or a custom place (a city); its jurisdiction is the
    /// population's jurisdiction for per-owner residency.
    pub place: PlaceRef,
    /// Fraction of each data class's requests (0..1]; shares sum to 1.
    pub share: f64,
    /// How these users reach the network; its round trip is added to every user leg.
    /// Absent in older plans: fixed broadband.
    #[serde(default, skip_serializing_if = "is_fixed_broadband")]
    pub access: AccessNetwork,
}

/// The users' access network: the last mile between a user and the nearest network edge,
/// whose round trip (see `engine::access`) is part of every end-user latency.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AccessNetwork {
    /// Callers inside a data centre or cloud region (service-to-service traffic).
    DataCentre,
    /// Home and office broadband (fibre, cable, DSL).
    #[default]
    FixedBroadband,
    /// Phones on cellular networks (4G/5G).
    Mobile,
}

impl AccessNetwork {
    pub const ALL: [AccessNetwork; 3] = [
        AccessNetwork::DataCentre,
        AccessNetwork::FixedBroadband,
        AccessNetwork::Mobile,
    ];
    pub fn slug(self) -> &'static str {
        match self {
            AccessNetwork::DataCentre => "data-centre",
            AccessNetwork::FixedBroadband => "fixed-broadband",
            AccessNetwork::Mobile => "mobile",
        }
    }
}

/// Which copies a residency rule binds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResidencyScope {
    /// Every copy: primary, standby, replica, voter and backup (the strict reading).
    #[default]
    EveryCopy,
    /// Where the data is served and written (primary, homes, writers, voters, read
    /// replicas); disaster-recovery copies (standbys, backups) may leave the jurisdiction
    /// under contract, and the report lists them as such.
    PrimaryOnly,
}

/// How traffic is steered away from a failed region.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Routing {
    /// DNS failover: clients wait out the record TTL (plus resolver overstay).
    Dns,
    /// Anycast or a global load balancer: re-routes in seconds.
    Anycast,
}

/// Who promotes a standby when its primary's region fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Promotion {
    /// Managed/automated failover (about a minute for a managed global database).
    Automated,
    /// A person runs the runbook; takes `manual_promotion_min`.
    Manual,
}

/// Failover mechanics shared by every data class.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Operations {
    /// DNS record TTL (s), paid by DNS routing after detection.
    pub dns_ttl_s: f64,
    /// Extra time resolvers and clients keep a record beyond its TTL (s). 0 gives the floor.
    pub resolver_overstay_s: f64,
    /// Health-check interval (s).
    pub health_check_interval_s: f64,
    /// Consecutive failed checks before a region is declared down.
    pub health_check_failure_threshold: u32,
    /// `dns` or `anycast`.
    pub routing: Routing,
    /// `automated` or `manual`.
    pub promotion: Promotion,
    /// Minutes a drilled manual promotion takes (used when `promotion` is `manual`).
    pub manual_promotion_min: f64,
    /// Time to warm caches in a standby that takes over (s).
    pub cache_warmup_s: f64,
    /// Interval between cross-region backups (min); the RPO of `backup-restore`.
    pub backup_interval_min: f64,
}

impl Default for Operations {
    fn default() -> Self {
        Operations {
            dns_ttl_s: 60.0,
            resolver_overstay_s: 0.0,
            health_check_interval_s: 10.0,
            health_check_failure_threshold: 3,
            routing: Routing::Dns,
            promotion: Promotion::Automated,
            manual_promotion_min: 30.0,
            cache_warmup_s: 120.0,
            backup_interval_min: 60.0,
        }
    }
}

/// The consistency a data class's readers need.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Consistency {
    /// Every read sees every acknowledged write, everywhere.
    Linearizable,
    /// A user sees their own writes; others may lag.
    ReadYourWrites,
    /// Reads respect causality; may lag.
    Causal,
    /// Replicas converge eventually.
    Eventual,
}

impl Consistency {
    pub const ALL: [Consistency; 4] = [
        Consistency::Linearizable,
        Consistency::ReadYourWrites,
        Consistency::Causal,
        Consistency::Eventual,
    ];
    pub fn slug(self) -> &'static str {
        match self {
            Consistency::Linearizable => "linearizable",
            Consistency::ReadYourWrites => "read-your-writes",
            Consistency::Causal => "causal",
            Consistency::Eventual => "eventual",
        }
    }
}

/// Where copies of a data class may live.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Residency {
    /// No constraint.
    #[default]
    None,
    /// Every copy (primary, standby, replica, voter, backup) inside one of `jurisdictions`.
    Pinned { jurisdictions: Vec<String> },
    /// Each record stays in its owner population's jurisdiction (the usual GDPR shape);
    /// needs `ownership: per-population`.
    PerOwner,
}

/// Who a record belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ownership {
    /// Each record belongs to one user population (can be homed and partitioned).
    PerPopulation,
    /// Every population reads and writes the same records.
    Shared,
}

/// What concurrent writes to one record from two regions mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConflictSemantics {
    /// Must never conflict (ledgers, balances, inventory): rules out multi-writer.
    NeverConflict,
    /// Losing the older of two concurrent updates is acceptable.
    LastWriterWins,
    /// Concurrent updates merge (CRDT-shaped: counters, sets).
    Mergeable,
}

/// One class of data with its own requirements; gets its own posture.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataClass {
    pub name: String,
    pub consistency: Consistency,
    /// Recovery point target for the loss of a whole region (s); `null`: an AZ failure is
    /// all this class must survive.
    pub rpo_s: Option<f64>,
    /// Recovery time target for the loss of a whole region (s); `null` as for `rpo_s`.
    pub rto_s: Option<f64>,
    /// p99 write latency budget for every user population (ms); `null`: none.
    pub write_p99_budget_ms: Option<f64>,
    /// p99 read latency budget for every user population (ms); `null`: none.
    pub read_p99_budget_ms: Option<f64>,
    #[serde(default)]
    pub residency: Residency,
    /// Which copies `residency` binds; absent in older plans: every copy.
    #[serde(default, skip_serializing_if = "is_every_copy")]
    pub residency_scope: ResidencyScope,
    pub ownership: Ownership,
    pub writes_per_s: f64,
    pub reads_per_s: f64,
    /// Average bytes replicated per write.
    pub record_bytes: f64,
    /// Total data size (GB) per copy.
    pub data_gb: f64,
    pub conflicts: ConflictSemantics,
    /// Distinct records that receive writes (for conflict estimates); default
    /// `data_gb / record_bytes`. Set it to the hot-set size when writes are skewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys: Option<f64>,
    /// A posture chosen by the team for this class; every figure and export follows it, and
    /// the report says what it breaks and what the engine would have chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin: Option<crate::engine::Posture>,
    /// Regions pinned for the class's roles (primary, standby, voters); the engine searches
    /// the rest and the report says what the pin breaks and where it would have placed it.
    #[serde(default, skip_serializing_if = "PlacementPin::is_empty")]
    pub placement_pin: PlacementPin,
    /// The managed database or software chosen for this class (a technology catalog id, see
    /// `meridian technologies`); its published promotion time and lag replace the
    /// engine's assumptions, and a placement it cannot take is refused with the reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// Preferred regions for the primary / leader / homes; empty: any region.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub home_hints: Vec<PlaceRef>,
}

impl Plan {
    /// The built-in example: four AWS regions on three continents, users in North America,
    /// Europe and Asia-Pacific, and four data classes from presets.
    pub fn example() -> Plan {
        Plan {
            version: PLAN_VERSION,
            name: "Example: a global consumer app".to_string(),
            regions: vec![
                PlaceRef::key("aws:us-east-1"),
                PlaceRef::key("aws:us-west-2"),
                PlaceRef::key("aws:eu-central-1"),
                PlaceRef::key("aws:eu-west-1"),
                PlaceRef::key("aws:ap-northeast-1"),
            ],
            users: vec![
                UserPopulation {
                    name: "North America".to_string(),
                    place: PlaceRef::at(41.88, -87.63),
                    share: 0.5,
                    access: AccessNetwork::FixedBroadband,
                },
                UserPopulation {
                    name: "Europe".to_string(),
                    place: PlaceRef::at(52.52, 13.40),
                    share: 0.35,
                    access: AccessNetwork::FixedBroadband,
                },
                UserPopulation {
                    name: "Asia-Pacific".to_string(),
                    place: PlaceRef::at(35.68, 139.69),
                    share: 0.15,
                    access: AccessNetwork::FixedBroadband,
                },
            ],
            operations: Operations::default(),
            data_classes: vec![
                DataClass::preset(Preset::Ledger),
                DataClass::preset(Preset::UserProfiles),
                DataClass::preset(Preset::Sessions),
                DataClass::preset(Preset::EuPersonalData),
            ],
            prices: PriceBook::default(),
            baseline_bill: None,
        }
    }

    /// Parses a plan from JSON (no validation; see [`validate`]); a version-1 plan is
    /// migrated to the current version ([`Plan::migrate`]). Errors carry the line, column
    /// and, natively, the field path, e.g. `data_classes[0].consistency: unknown variant
    /// `strong`, expected one of ...`. The browser build names line and column only: the
    /// path tracker (serde_path_to_error) was ~46 KB of the download (docs/benchmarks.md).
    pub fn from_json(s: &str) -> Result<Plan, PlanParseError> {
        let de = &mut serde_json::Deserializer::from_str(s);
        #[cfg(not(target_arch = "wasm32"))]
        let parsed = serde_path_to_error::deserialize(de)
            .map_err(|e| (e.path().to_string(), e.into_inner()));
        #[cfg(target_arch = "wasm32")]
        let parsed = <Plan as serde::Deserialize>::deserialize(de).map_err(|e| (String::new(), e));
        parsed.map(Plan::migrate).map_err(|(path, inner)| {
            let mut message = inner.to_string();
            // serde_json appends " at line L column C"; we report those separately.
            if let Some(i) = message.rfind(" at line ") {
                message.truncate(i);
            }
            if message.contains("untagged enum PlaceRef") {
                message =
                    "expected a place: \"provider:code\" (e.g. \"aws:us-east-1\"), \"lat,lon\", \
                           or an object {lat, lon} with an optional name and jurisdiction"
                        .to_string();
            }
            PlanParseError {
                path: if path == "." { String::new() } else { path },
                line: inner.line(),
                column: inner.column(),
                message,
            }
        })
    }

    /// Pretty JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a plan always serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_errors_name_the_field_path_and_allowed_values() {
        let json = Plan::example()
            .to_json_pretty()
            .replacen("\"linearizable\"", "\"strong\"", 1);
        let e = Plan::from_json(&json).unwrap_err();
        assert_eq!(e.path, "data_classes[0].consistency");
        assert_eq!(
            e.message,
            "unknown variant `strong`, expected one of `linearizable`, `read-your-writes`, `causal`, `eventual`"
        );
    }

    #[test]
    fn unknown_fields_are_refused_with_their_path() {
        let json = Plan::example()
            .to_json_pretty()
            .replacen("\"dns_ttl_s\"", "\"dns_ttl\"", 1);
        let e = Plan::from_json(&json).unwrap_err();
        assert_eq!(e.path, "operations.dns_ttl");
        assert!(
            e.message
                .starts_with("unknown field `dns_ttl`, expected one of `dns_ttl_s`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn places_serialise_as_keys_or_objects() {
        let json = serde_json::to_string(&Plan::example().regions[0]).unwrap();
        assert_eq!(json, "\"aws:us-east-1\"");
        let u = serde_json::to_string(&Plan::example().users[0].place).unwrap();
        assert_eq!(
            u,
            r#"{"lat":41.88,"lon":-87.63,"jurisdiction":"US","jurisdiction_from":"coordinates"}"#
        );
    }

    #[test]
    fn every_preset_is_valid_and_has_a_distinct_name() {
        let mut p = Plan::example();
        p.data_classes = Preset::ALL.iter().map(|&x| DataClass::preset(x)).collect();
        assert_eq!(validate(&p), Ok(()));
        for x in Preset::ALL {
            assert_eq!(DataClass::preset(x).name, x.slug());
            assert!(!x.display_name().is_empty());
        }
    }
}
