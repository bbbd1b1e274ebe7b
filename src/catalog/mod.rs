//! The technology catalog: which managed databases (and self-managed software) can deliver a
//! data class's posture on the plan's provider and regions, from public documentation.
//!
//! * [`data`]: the entries of `data/technologies.json`, each with its sources and dates,
//!   checked at load (a known figure has a source; an unknown one says why);
//! * [`units`]: a placement as the deployments a service must span;
//! * [`constraints`]: one service against one deployment (region sets, configurations,
//!   counts), the broken constraint typed;
//! * [`options`]: per class, the services that fit with what they change in the numbers,
//!   and those that do not.
//!
//! Pure (no I/O, no clock): the same answers natively and in wasm.

mod built;
pub mod constraints;
pub mod data;
pub mod options;
pub mod span;
pub mod units;

pub use constraints::{Broken, Layout, Voters};
pub use data::{
    Basis, Catalog, CatalogError, ConflictRule, Figure, Host, Service, SpanLimit, WriteRule,
};
pub use options::{
    all_regions_write_p99_ms, evaluate, farthest_pair, options, Effects, Fit, Misfit, Options,
};

use std::sync::OnceLock;

/// The catalog file, which build.rs turns into static data (`built`); tests parse it to
/// prove the two the same.
#[cfg(test)]
const TECHNOLOGIES_JSON: &str = include_str!("../../data/technologies.json");

/// The catalog, built from static data and checked once; the error if an entry breaks a
/// rule (a test keeps the file valid, so callers only see it after a bad edit).
pub fn catalog() -> Result<&'static Catalog, CatalogError> {
    static CATALOG: OnceLock<Result<Catalog, CatalogError>> = OnceLock::new();
    CATALOG
        .get_or_init(built::catalog)
        .as_ref()
        .map_err(Clone::clone)
}

/// The service with this id.
pub fn service(id: &str) -> Result<Option<&'static Service>, CatalogError> {
    Ok(catalog()?.services.iter().find(|s| s.id == id))
}
