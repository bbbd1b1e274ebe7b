//! Plan problems in the form's own words and units ("Share must be more than 0 % (you typed
//! 0)"), for the UI. The CLI and the report JSON keep [`PlanError`]'s `Display`, which names
//! the JSON path and the allowed values in the file's units.

use super::figures::plain;
use crate::plan::PlanError;

/// What a number field accepts.
#[derive(Clone, Copy)]
enum Bound {
    /// Greater than zero.
    Positive,
    /// Zero or more.
    NonNegative,
    /// More than 0 and at most 100 (a share shown in %).
    Share,
    /// A whole number in a range.
    Whole(u32, u32),
    /// At least one.
    AtLeastOne,
}

/// The form's label, unit and scale (file value x scale = shown value) for a field path's
/// last segment, and what it accepts; `optional`: the form allows leaving it empty.
fn field(path: &str) -> Option<(&'static str, &'static str, f64, Bound, bool)> {
    use Bound::*;
    let last = path.rsplit('.').next().unwrap_or(path);
    Some(match last {
        "share" => ("Share", "%", 100.0, Share, false),
        "rpo_s" => ("RPO target", "s", 1.0, NonNegative, true),
        "rto_s" => ("RTO target", "s", 1.0, NonNegative, true),
        "write_p99_budget_ms" => ("Write p99 budget", "ms", 1.0, Positive, true),
        "read_p99_budget_ms" => ("Read p99 budget", "ms", 1.0, Positive, true),
        "writes_per_s" => ("Writes", "writes/s", 1.0, NonNegative, false),
        "reads_per_s" => ("Reads", "reads/s", 1.0, NonNegative, false),
        "record_bytes" => ("Record size", "bytes", 1.0, Positive, false),
        "data_gb" => ("Data size", "GB", 1.0, NonNegative, false),
        "keys" => ("Records", "records", 1.0, AtLeastOne, true),
        "dns_ttl_s" => ("DNS TTL", "s", 1.0, NonNegative, false),
        "resolver_overstay_s" => ("Resolver overstay", "s", 1.0, NonNegative, false),
        "health_check_interval_s" => ("Health-check interval", "s", 1.0, Positive, false),
        "health_check_failure_threshold" => {
            ("Failure threshold", "checks", 1.0, Whole(1, 10), false)
        }
        "manual_promotion_min" => ("Manual promotion", "min", 1.0, NonNegative, false),
        "cache_warmup_s" => ("Cache warm-up", "s", 1.0, NonNegative, false),
        "backup_interval_min" => ("Backup interval", "min", 1.0, Positive, false),
        _ => return None,
    })
}

/// `0`, `12.5`, or `not a number` for NaN and infinities.
fn typed(v: f64, scale: f64) -> String {
    if v.is_finite() {
        plain(v * scale)
    } else {
        "not a number".to_string()
    }
}

/// What the list at `path` holds, for "add at least one ...".
fn list_item(path: &str) -> &str {
    match path {
        "regions" => "candidate region",
        "users" => "user population",
        "data_classes" => "data class",
        other => other,
    }
}

/// The problem as the form says it, beside the field it is about.
pub fn problem(e: &PlanError) -> String {
    match e {
        PlanError::OutOfRange { field: path, value, .. } => {
            let Some((label, unit, scale, bound, optional)) = field(path) else {
                return e.to_string();
            };
            let rule = match bound {
                Bound::Positive => format!("more than 0 {unit}"),
                Bound::NonNegative => format!("0 {unit} or more"),
                Bound::Share => "more than 0 % and at most 100 %".to_string(),
                Bound::Whole(lo, hi) => format!("a whole number from {lo} to {hi}"),
                Bound::AtLeastOne => format!("at least 1 {unit}"),
            };
            let empty = if optional { ", or empty for none" } else { "" };
            format!("{label} must be {rule}{empty} (you typed {})", typed(*value, scale))
        }
        PlanError::SharesDoNotSumToOne { sum } => format!(
            "Shares add up to {} %; they must add up to 100 % (within 1 %)",
            typed(*sum, 100.0)
        ),
        PlanError::Empty { field } => format!("Add at least one {}", list_item(field)),
        PlanError::UnknownPlace { reason, .. } => reason.clone(),
        PlanError::DuplicatePlace { label, .. } => format!("{label} is listed twice"),
        PlanError::DuplicateName { name, .. } => {
            format!("Another entry is already called {name:?}; names must differ")
        }
        PlanError::EmptyName { .. } => "Name must not be empty".to_string(),
        PlanError::PerOwnerNeedsPerPopulation { .. } => "Per-owner residency needs records owned by one population each: set ownership to per population, or residency to none or pinned".to_string(),
        PlanError::NoJurisdictions { .. } => {
            "Pinned residency needs at least one jurisdiction (e.g. EU, US)".to_string()
        }
        PlanError::UnsupportedVersion { found, expected } => format!(
            "This plan is in format version {found}; this version of Meridian reads version {expected}"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out_of_range(field: &str, value: f64) -> String {
        problem(&PlanError::OutOfRange {
            field: field.into(),
            value,
            allowed: "",
        })
    }

    #[test]
    fn messages_use_the_fields_words_and_units() {
        assert_eq!(
            out_of_range("users[3].share", 0.0),
            "Share must be more than 0 % and at most 100 % (you typed 0)"
        );
        assert_eq!(
            out_of_range("data_classes[0].rpo_s", -5.0),
            "RPO target must be 0 s or more, or empty for none (you typed -5)"
        );
        assert_eq!(
            out_of_range("operations.health_check_failure_threshold", 0.0),
            "Failure threshold must be a whole number from 1 to 10 (you typed 0)"
        );
        assert_eq!(
            out_of_range("data_classes[1].record_bytes", f64::NAN),
            "Record size must be more than 0 bytes (you typed not a number)"
        );
        assert_eq!(
            problem(&PlanError::SharesDoNotSumToOne { sum: 0.6 }),
            "Shares add up to 60 %; they must add up to 100 % (within 1 %)"
        );
        assert_eq!(
            problem(&PlanError::Empty {
                field: "users".into()
            }),
            "Add at least one user population"
        );
    }
}
