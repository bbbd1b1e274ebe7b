//! Plan validation: every error names the field path (`data_classes[2].rpo_s`) and what is
//! allowed, so the CLI and the UI can show it next to the offending input.

use std::fmt;

use serde::Serialize;

use super::Plan;

mod check;
pub mod limits;
mod placement_pin;

pub use placement_pin::PinProblem;

pub use limits::Range;

/// One problem with a plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum PlanError {
    /// `version` is not one this build reads.
    UnsupportedVersion { found: u32, expected: u32 },
    /// A list that needs at least one entry is empty (`regions`, `users`, `data_classes`).
    Empty { field: String },
    /// A place that cannot be resolved (unknown provider or region, bad coordinates).
    UnknownPlace { field: String, reason: String },
    /// The same region listed twice.
    DuplicatePlace { field: String, label: String },
    /// A number outside its allowed range (also NaN and infinities).
    OutOfRange {
        field: String,
        value: f64,
        range: Range,
    },
    /// A list longer than its limit ([`limits`]): `regions`, `users`, `data_classes`,
    /// `home_hints`, `residency.jurisdictions`, a price map.
    TooMany {
        field: String,
        count: usize,
        max: usize,
    },
    /// A name or code longer than its limit (characters).
    TooLong {
        field: String,
        chars: usize,
        max: usize,
    },
    /// A custom place named like a catalog region (`aws:eu-central-1`): it would pass for it.
    NameIsARegion { field: String, name: String },
    /// User shares must add up to 1 (within 0.01).
    SharesDoNotSumToOne { sum: f64 },
    /// Two user populations or two data classes share a name.
    DuplicateName { field: String, name: String },
    /// A text field that must not be empty.
    EmptyName { field: String },
    /// `residency: per-owner` only makes sense for records owned by one population.
    PerOwnerNeedsPerPopulation { field: String },
    /// A pinned residency with no jurisdictions.
    NoJurisdictions { field: String },
    /// A pinned placement that cannot be honoured (`field` is its part:
    /// `data_classes[0].placement_pin.standby`).
    BadPlacementPin { field: String, problem: PinProblem },
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanError::UnsupportedVersion { found, expected } => {
                write!(f, "version: {found} is not supported; allowed: {expected}")
            }
            PlanError::Empty { field } => write!(f, "{field}: must list at least one entry"),
            PlanError::UnknownPlace { field, reason } => write!(f, "{field}: {reason}"),
            PlanError::DuplicatePlace { field, label } => {
                write!(f, "{field}: {label} is listed more than once")
            }
            PlanError::OutOfRange {
                field,
                value,
                range,
            } => {
                // 1e308 as `1e308`, not 309 digits.
                let big = value.abs() >= 1e15 || (*value != 0.0 && value.abs() < 1e-6);
                let shown = if big && value.is_finite() {
                    format!("{value:e}")
                } else {
                    value.to_string()
                };
                write!(f, "{field}: {shown} is out of range; allowed: {range}")
            }
            PlanError::TooMany { field, count, max } => {
                write!(f, "{field}: {count} entries; allowed: at most {max}")
            }
            PlanError::TooLong { field, chars, max } => {
                write!(f, "{field}: {chars} characters; allowed: at most {max}")
            }
            PlanError::NameIsARegion { field, name } => write!(
                f,
                "{field}: {name:?} is a catalog region's key; allowed: any other name"
            ),
            PlanError::SharesDoNotSumToOne { sum } => write!(
                f,
                "users[*].share: shares add up to {sum:.3}; allowed: a total of 1 (within 0.01)"
            ),
            PlanError::DuplicateName { field, name } => {
                write!(f, "{field}: the name {name:?} is used more than once")
            }
            PlanError::EmptyName { field } => write!(f, "{field}: must not be empty"),
            PlanError::PerOwnerNeedsPerPopulation { field } => write!(
                f,
                "{field}: per-owner residency needs ownership \"per-population\"; allowed with \
                 \"shared\": residency \"none\" or \"pinned\""
            ),
            PlanError::NoJurisdictions { field } => write!(
                f,
                "{field}: pinned residency needs at least one jurisdiction code (e.g. \"EU\", \"US\")"
            ),
            PlanError::BadPlacementPin { field, problem } => write!(f, "{field}: {problem}"),
        }
    }
}

impl PlanError {
    /// The field path the error is about (`data_classes[2].rpo_s`), so a form can show
    /// the message beside the field; `users[*].share` for the shares' sum.
    pub fn field(&self) -> &str {
        match self {
            PlanError::UnsupportedVersion { .. } => "version",
            PlanError::SharesDoNotSumToOne { .. } => "users[*].share",
            PlanError::Empty { field }
            | PlanError::UnknownPlace { field, .. }
            | PlanError::DuplicatePlace { field, .. }
            | PlanError::OutOfRange { field, .. }
            | PlanError::TooMany { field, .. }
            | PlanError::TooLong { field, .. }
            | PlanError::NameIsARegion { field, .. }
            | PlanError::DuplicateName { field, .. }
            | PlanError::EmptyName { field }
            | PlanError::PerOwnerNeedsPerPopulation { field }
            | PlanError::NoJurisdictions { field }
            | PlanError::BadPlacementPin { field, .. } => field,
        }
    }
}

impl std::error::Error for PlanError {}

/// All problems found in a plan, in field order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanErrors(pub Vec<PlanError>);

impl fmt::Display for PlanErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for PlanErrors {}

/// Checks a plan against the format and its [limits]; returns every problem found, not just
/// the first. Cheap even for a hostile plan: a list over its limit is reported, and only its
/// first allowed entries are checked one by one.
pub fn validate(plan: &Plan) -> Result<(), PlanErrors> {
    let mut c = check::Check { errors: Vec::new() };
    check::check(plan, &mut c);
    if c.errors.is_empty() {
        Ok(())
    } else {
        Err(PlanErrors(c.errors))
    }
}

#[cfg(test)]
mod tests;
