//! The catalog as build.rs wrote it from `data/technologies.json`
//! (build/technologies_table.rs): static data the page reads without parsing JSON. Each
//! entry becomes a [`Service`] as [`data::parse`](super::data::parse) makes one from the
//! file, and passes the same checks; a test proves both give the same catalog.

use super::data::{
    self, Basis, Catalog, CatalogError, Configuration, ConflictRule, Figure, Host, RegionRule,
    RegionSet, Service, Source, SpanLimit, VoterCounts, WriteRule,
};
use crate::engine::Posture;

struct BuiltService {
    id: &'static str,
    name: &'static str,
    short: &'static str,
    host: Host,
    postures: &'static [Posture],
    consistency: &'static str,
    conflict: ConflictRule,
    conflict_note: &'static str,
    regions: BuiltRegions,
    voters: Option<VoterCounts>,
    max_span: Option<BuiltSpan>,
    promotion: BuiltFigure,
    lag: BuiltFigure,
    write: BuiltWrite,
    steps: &'static str,
    sources: &'static [BuiltSource],
}

struct BuiltFigure {
    value: Option<f64>,
    basis: Basis,
    source: Option<usize>,
    note: &'static str,
}

enum BuiltRegions {
    Any {
        min: u32,
        max: Option<u32>,
        only: Option<&'static [&'static str]>,
    },
    Sets {
        copies: u32,
        witness: bool,
        sets: &'static [BuiltSet],
    },
    Configurations {
        configurations: &'static [BuiltConfiguration],
        leader_replicas: Option<u32>,
        voters: Option<u32>,
        every_region: bool,
    },
}

struct BuiltSet {
    name: &'static str,
    regions: &'static [&'static str],
}

struct BuiltConfiguration {
    name: &'static str,
    read_write: &'static [&'static str],
    read_only: &'static [&'static str],
    witness: &'static [&'static str],
    default_leader: Option<&'static str>,
}

enum BuiltWrite {
    Posture,
    Quorum {
        note: &'static str,
    },
    AllRegions {
        factor: f64,
        extra_ms: f64,
        source: usize,
    },
}

struct BuiltSpan {
    km: f64,
    source: usize,
    note: &'static str,
}

struct BuiltSource {
    url: &'static str,
    facts: &'static str,
    read: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/technologies_table.rs"));

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

impl BuiltFigure {
    fn figure(&self) -> Figure {
        Figure {
            value: self.value,
            basis: self.basis,
            source: self.source,
            note: self.note.into(),
        }
    }
}

impl BuiltRegions {
    fn rule(&self) -> RegionRule {
        match self {
            BuiltRegions::Any { min, max, only } => RegionRule::Any {
                min: *min,
                max: *max,
                only: only.map(strings),
            },
            BuiltRegions::Sets {
                copies,
                witness,
                sets,
            } => RegionRule::Sets {
                copies: *copies,
                witness: *witness,
                sets: sets
                    .iter()
                    .map(|s| RegionSet {
                        name: s.name.into(),
                        regions: strings(s.regions),
                    })
                    .collect(),
            },
            BuiltRegions::Configurations {
                configurations,
                leader_replicas,
                voters,
                every_region,
            } => RegionRule::Configurations {
                configurations: configurations
                    .iter()
                    .map(|c| Configuration {
                        name: c.name.into(),
                        read_write: strings(c.read_write),
                        read_only: strings(c.read_only),
                        witness: strings(c.witness),
                        default_leader: c.default_leader.map(Into::into),
                    })
                    .collect(),
                leader_replicas: *leader_replicas,
                voters: *voters,
                every_region: *every_region,
            },
        }
    }
}

impl BuiltService {
    fn service(&self) -> Service {
        Service {
            id: self.id.into(),
            name: self.name.into(),
            short: self.short.into(),
            host: self.host,
            postures: self.postures.to_vec(),
            consistency: self.consistency.into(),
            conflict: self.conflict,
            conflict_note: self.conflict_note.into(),
            regions: self.regions.rule(),
            voters: self.voters,
            max_span: self.max_span.as_ref().map(|s| SpanLimit {
                km: s.km,
                source: s.source,
                note: s.note.into(),
            }),
            promotion: self.promotion.figure(),
            lag: self.lag.figure(),
            write: match &self.write {
                BuiltWrite::Posture => WriteRule::Posture,
                BuiltWrite::Quorum { note } => WriteRule::Quorum {
                    note: (*note).into(),
                },
                &BuiltWrite::AllRegions {
                    factor,
                    extra_ms,
                    source,
                } => WriteRule::AllRegions {
                    factor,
                    extra_ms,
                    source,
                },
            },
            steps: self.steps.into(),
            sources: self
                .sources
                .iter()
                .map(|s| Source {
                    url: s.url.into(),
                    facts: s.facts.into(),
                    read: s.read.into(),
                })
                .collect(),
        }
    }
}

/// The built-in catalog, checked as a parsed file is.
pub(super) fn catalog() -> Result<Catalog, CatalogError> {
    data::assemble(READ.into(), SERVICES.iter().map(BuiltService::service))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_built_catalog_is_the_parsed_file() {
        let parsed = super::data::parse(super::super::TECHNOLOGIES_JSON).unwrap();
        let built = super::catalog().unwrap();
        assert_eq!(built.services.len(), parsed.services.len());
        for (b, p) in built.services.iter().zip(&parsed.services) {
            assert_eq!(b, p, "{}", p.id);
        }
        assert_eq!(built, parsed);
        // Debug tells floats apart bit for bit (and -0.0 from 0.0), which `==` does not.
        assert_eq!(format!("{built:?}"), format!("{parsed:?}"));
    }
}
