//! The catalog's types, as `data/technologies.json` writes them (build.rs turns the file into
//! static data, `super::built`; [`parse`] reads the JSON itself), checked before anything uses
//! them: every figure has a basis, every known figure a source, every source a URL and a date.

use serde::Deserialize;

use crate::data::Provider;
use crate::engine::Posture;

/// Where a service runs: one provider's managed service, or software run on any provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Host {
    Aws,
    Gcp,
    Azure,
    SelfManaged,
}

impl Host {
    /// The provider a managed service belongs to; `None` for self-managed software.
    pub fn provider(self) -> Option<Provider> {
        match self {
            Host::Aws => Some(Provider::Aws),
            Host::Gcp => Some(Provider::Gcp),
            Host::Azure => Some(Provider::Azure),
            Host::SelfManaged => None,
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Host::Aws => "aws",
            Host::Gcp => "gcp",
            Host::Azure => "azure",
            Host::SelfManaged => "self-managed",
        }
    }
}

/// What happens when two regions write the same record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConflictRule {
    /// One region writes at a time: no conflicts.
    SingleWriter,
    /// Concurrent writes are ordered by a timestamp; the later one silently wins.
    LastWriterWins,
    /// Writes are serialised by a consensus quorum: no silent overwrite.
    Quorum,
    /// Not found in the documentation read.
    Unknown,
}

/// How sure a figure is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// Stated as a fact by the provider.
    Documented,
    /// The provider's "typically" figure: an upper bound in normal operation, not a guarantee.
    PublishedTypical,
    /// The smallest value the provider allows (e.g. a minimum grace period).
    DocumentedMinimum,
    /// The most the provider says it takes (a bound, e.g. "RTO < 15 minutes"): the safe side.
    DocumentedMaximum,
    /// A documented default setting, which the operator can change.
    DocumentedDefault,
    /// Nothing to wait for (e.g. every region already writes).
    NoneNeeded,
    /// Not found in the documentation read: no number is encoded.
    Unknown,
}

/// A duration with its basis: `value` is `None` exactly when the basis is `Unknown`.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub value: Option<f64>,
    pub basis: Basis,
    /// Index into the service's `sources` of the page that states it.
    pub source: Option<usize>,
    pub note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    #[serde(default)]
    seconds: Option<f64>,
    #[serde(default)]
    ms: Option<f64>,
    basis: Basis,
    #[serde(default)]
    source: Option<usize>,
    #[serde(default)]
    note: String,
}

impl RawFigure {
    fn figure(self) -> Figure {
        Figure {
            value: self.seconds.or(self.ms),
            basis: self.basis,
            source: self.source,
            note: self.note,
        }
    }
}

/// A named group of regions a service must stay inside (DynamoDB MRSC region sets).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionSet {
    pub name: String,
    pub regions: Vec<String>,
}

/// A fixed replica layout (a Spanner or Firestore multi-region configuration).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Configuration {
    pub name: String,
    pub read_write: Vec<String>,
    pub read_only: Vec<String>,
    pub witness: Vec<String>,
    /// Where writes are led by default; `None` when not documented.
    #[serde(default)]
    pub default_leader: Option<String>,
}

impl Configuration {
    /// Every region of the configuration: read-write, then read-only, then witness.
    pub fn regions(&self) -> impl Iterator<Item = &str> {
        self.read_write
            .iter()
            .chain(&self.read_only)
            .chain(&self.witness)
            .map(String::as_str)
    }

    /// Regions whose replicas vote on writes (read-write and witness).
    pub fn voting(&self) -> impl Iterator<Item = &str> {
        self.read_write
            .iter()
            .chain(&self.witness)
            .map(String::as_str)
    }
}

/// Where a service's copies may go. Region codes are the provider's (`us-east-1`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(tag = "rule", rename_all = "kebab-case", deny_unknown_fields)]
pub enum RegionRule {
    /// Any regions of the provider, between `min` and `max` of them (`max` absent: no limit
    /// found), optionally only among `only`.
    Any {
        min: u32,
        #[serde(default)]
        max: Option<u32>,
        #[serde(default)]
        only: Option<Vec<String>>,
    },
    /// Exactly `copies` replicas (or one fewer plus a witness) inside one of `sets`.
    Sets {
        copies: u32,
        witness: bool,
        sets: Vec<RegionSet>,
    },
    /// One of a fixed list of configurations; the placement's regions must all be in it.
    Configurations {
        configurations: Vec<Configuration>,
        /// Voting replicas in the default leader region, and in total, when documented.
        #[serde(default)]
        leader_replicas: Option<u32>,
        #[serde(default)]
        voters: Option<u32>,
        /// A write needs replicas in every voting region, not only a majority (Spanner
        /// dual-region: at least two replicas in each region).
        #[serde(default)]
        every_region: bool,
    },
}

/// How a write's latency is computed with this service.
#[derive(Clone, Debug, PartialEq)]
pub enum WriteRule {
    /// The posture's own formula (the engine's, unchanged).
    Posture,
    /// A majority of voters must acknowledge (the engine's quorum formula over the voters).
    Quorum { note: String },
    /// Every region acknowledges: p99 = factor x RTT of the farthest pair + extra_ms.
    AllRegions {
        factor: f64,
        extra_ms: f64,
        source: usize,
    },
}

#[derive(Deserialize)]
#[serde(tag = "rule", rename_all = "kebab-case", deny_unknown_fields)]
enum RawWrite {
    Posture,
    Quorum {
        #[serde(default)]
        note: String,
    },
    AllRegions {
        factor: f64,
        extra_ms: f64,
        source: usize,
    },
}

/// Voting replicas per range when the service fixes them (CockroachDB region survival).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoterCounts {
    pub home: u32,
    pub total: u32,
}

/// A documented ceiling on how far apart a service's regions may be (Cosmos DB strong
/// consistency: blocked by default beyond 8,000 km; support can lift it).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpanLimit {
    /// The greatest great-circle distance between two of the service's regions (km).
    pub km: f64,
    /// Index into the service's `sources` of the page that states it.
    pub source: usize,
    /// What the page says, in our words (what lifts the limit).
    pub note: String,
}

/// A page the facts were read from.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub url: String,
    /// What was read there, in our words.
    pub facts: String,
    /// The date read (YYYY-MM-DD); the catalog's date when absent in the file.
    #[serde(default)]
    pub read: String,
}

/// One technology: what it delivers and the limits that decide whether it fits a placement.
#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    pub id: String,
    pub name: String,
    /// The name inside a sentence: `DynamoDB strong consistency`.
    pub short: String,
    pub host: Host,
    pub postures: Vec<Posture>,
    pub consistency: String,
    pub conflict: ConflictRule,
    pub conflict_note: String,
    pub regions: RegionRule,
    pub voters: Option<VoterCounts>,
    /// How far apart its regions may be, when documented.
    pub max_span: Option<SpanLimit>,
    /// Time to make a standby writable after a region loss (s): the RTO's promotion part.
    pub promotion: Figure,
    /// Replication lag to the failover target (ms): the RPO of an asynchronous copy.
    pub lag: Figure,
    pub write: WriteRule,
    /// The promotion steps, for the runbook.
    pub steps: String,
    pub sources: Vec<Source>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawService {
    id: String,
    name: String,
    short: String,
    host: Host,
    postures: Vec<Posture>,
    consistency: String,
    conflict: ConflictRule,
    #[serde(default)]
    conflict_note: String,
    regions: RegionRule,
    #[serde(default)]
    voters: Option<VoterCounts>,
    #[serde(default)]
    max_span: Option<SpanLimit>,
    promotion: RawFigure,
    lag: RawFigure,
    write: RawWrite,
    steps: String,
    sources: Vec<Source>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    read: String,
    services: Vec<RawService>,
}

/// The whole catalog.
#[derive(Clone, Debug, PartialEq)]
pub struct Catalog {
    /// When the sources were read (YYYY-MM-DD).
    pub read: String,
    pub services: Vec<Service>,
}

/// Why the catalog file cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatalogError {
    /// The file is not valid JSON of the catalog's shape (message from the parser).
    Parse(String),
    /// An entry breaks a rule of the catalog (`service` is its id).
    Invalid { service: String, reason: String },
}

impl std::fmt::Display for CatalogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CatalogError::Parse(m) => write!(f, "data/technologies.json: {m}"),
            CatalogError::Invalid { service, reason } => {
                write!(f, "data/technologies.json, service {service}: {reason}")
            }
        }
    }
}

impl std::error::Error for CatalogError {}

/// Parses and checks a catalog document.
pub fn parse(text: &str) -> Result<Catalog, CatalogError> {
    let raw: RawCatalog =
        serde_json::from_str(text).map_err(|e| CatalogError::Parse(e.to_string()))?;
    let services = raw.services.into_iter().map(|s| Service {
        sources: s.sources,
        id: s.id,
        name: s.name,
        short: s.short,
        host: s.host,
        postures: s.postures,
        consistency: s.consistency,
        conflict: s.conflict,
        conflict_note: s.conflict_note,
        regions: s.regions,
        voters: s.voters,
        max_span: s.max_span,
        promotion: s.promotion.figure(),
        lag: s.lag.figure(),
        write: match s.write {
            RawWrite::Posture => WriteRule::Posture,
            RawWrite::Quorum { note } => WriteRule::Quorum { note },
            RawWrite::AllRegions {
                factor,
                extra_ms,
                source,
            } => WriteRule::AllRegions {
                factor,
                extra_ms,
                source,
            },
        },
        steps: s.steps,
    });
    assemble(raw.read, services)
}

/// The catalog of these entries, read on `read`: sources without a date get the catalog's,
/// then every entry is checked (the JSON file and the built-in tables, `super::built`, go
/// through here alike).
pub(super) fn assemble(
    read: String,
    entries: impl Iterator<Item = Service>,
) -> Result<Catalog, CatalogError> {
    if !is_date(&read) {
        return Err(CatalogError::Parse(format!(
            "`read` must be YYYY-MM-DD, got {read:?}"
        )));
    }
    let mut services: Vec<Service> = Vec::new();
    for mut service in entries {
        for src in &mut service.sources {
            if src.read.is_empty() {
                src.read.clone_from(&read);
            }
        }
        check(&service, &services)?;
        services.push(service);
    }
    Ok(Catalog { read, services })
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// The rules every entry keeps, so nothing downstream has to guess.
fn check(s: &Service, before: &[Service]) -> Result<(), CatalogError> {
    let bad = |reason: String| {
        Err(CatalogError::Invalid {
            service: s.id.clone(),
            reason,
        })
    };
    if before.iter().any(|b| b.id == s.id) {
        return bad("duplicate id".into());
    }
    if s.postures.is_empty() {
        return bad("delivers no posture".into());
    }
    if s.sources.is_empty() {
        return bad("has no source".into());
    }
    for src in &s.sources {
        if !src.url.starts_with("https://") {
            return bad(format!("source {:?} is not an https URL", src.url));
        }
        if !is_date(&src.read) {
            return bad(format!("source {:?} has no YYYY-MM-DD date", src.url));
        }
    }
    for (what, f) in [("promotion", &s.promotion), ("lag", &s.lag)] {
        let unknown = f.basis == Basis::Unknown;
        if unknown == f.value.is_some() {
            return bad(format!("{what}: a value exactly when the basis is known"));
        }
        if f.value.is_some_and(|v| !v.is_finite() || v < 0.0) {
            return bad(format!("{what}: not a finite non-negative number"));
        }
        if !unknown && f.source.is_none_or(|i| i >= s.sources.len()) {
            return bad(format!("{what}: a known figure needs a source index"));
        }
        if unknown && f.note.is_empty() {
            return bad(format!("{what}: an unknown figure says why"));
        }
    }
    if let WriteRule::AllRegions {
        factor,
        extra_ms,
        source,
    } = &s.write
    {
        if !(factor.is_finite() && extra_ms.is_finite()) || *source >= s.sources.len() {
            return bad("write: formula needs finite numbers and a source".into());
        }
    }
    if let Some(l) = &s.max_span {
        if !(l.km.is_finite() && l.km > 0.0) || l.source >= s.sources.len() {
            return bad("max_span: needs a positive distance in km and a source".into());
        }
    }
    match &s.regions {
        RegionRule::Any { min, max, .. } if max.is_some_and(|m| m < *min) || *min == 0 => {
            bad("regions: need 1 <= min <= max".into())
        }
        RegionRule::Sets { copies, sets, .. } if *copies < 2 || sets.is_empty() => {
            bad("regions: sets need copies >= 2 and at least one set".into())
        }
        RegionRule::Configurations { configurations, .. } if configurations.is_empty() => {
            bad("regions: no configuration".into())
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = r#"{"read":"2026-11-29","services":[{"id":"x","name":"X","short":"X",
      "host":"aws","postures":["warm-standby"],"consistency":"c","conflict":"single-writer",
      "regions":{"rule":"any","min":2},"promotion":{"basis":"unknown","note":"n"},
      "lag":{"ms":5,"basis":"documented","source":0},"write":{"rule":"posture"},"steps":"s",
      "sources":[{"url":"https://example.org/x","facts":"f"}]}]}"#;

    #[test]
    fn a_valid_entry_loads_with_the_catalog_date_on_its_sources() {
        let c = parse(ONE).unwrap();
        assert_eq!(c.services[0].sources[0].read, "2026-11-29");
    }

    #[test]
    fn broken_entries_are_typed_errors_not_panics() {
        let cases = [
            (ONE.replace("\"ms\":5,", ""), "a value exactly when"),
            (
                ONE.replace("\"source\":0", "\"source\":3"),
                "needs a source index",
            ),
            (ONE.replace("https://", "http://"), "not an https URL"),
            (ONE.replace("\"note\":\"n\"", "\"note\":\"\""), "says why"),
            (ONE.replace("\"min\":2", "\"min\":0"), "min <= max"),
        ];
        for (doc, want) in cases {
            match parse(&doc) {
                Err(CatalogError::Invalid { reason, .. }) => {
                    assert!(reason.contains(want), "{reason}")
                }
                other => panic!("{want}: {other:?}"),
            }
        }
        for junk in ["", "{", "[]", "{\"read\":\"x\",\"services\":[]}", "\u{0}"] {
            assert!(parse(junk).is_err(), "{junk:?}");
        }
    }
}
