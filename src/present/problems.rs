//! Plan problems in the form's own words and units ("Share must be more than 0 % (you typed
//! 0)"), for the UI. The CLI and the report JSON keep [`PlanError`]'s `Display`, which names
//! the JSON path and the allowed values in the file's units.

use super::figures::plain;
use crate::plan::PlanError;

/// The form's label, unit and scale (file value x scale = shown value) for a field path's
/// last segment; a price override's label names its key.
fn field(path: &str) -> Option<(String, &'static str, f64)> {
    if let Some(rest) = path.strip_prefix("prices.") {
        let (map, key) = rest.split_once('[')?;
        let key = key.trim_end_matches(']').trim_matches('"');
        let (what, unit) = match map {
            "transfer_usd_per_gb" => ("Transfer price", "$/GB"),
            "internet_egress_usd_per_gb" => ("Internet egress price", "$/GB"),
            "vm_usd_per_month" => ("VM price", "$/month"),
            "storage_usd_per_gb_month" => ("Storage price", "$/GB-month"),
            _ => return None,
        };
        return Some((format!("{what} for {key}"), unit, 1.0));
    }
    if let Some(line) = path.strip_prefix("baseline_bill.") {
        return Some((
            super::cost::bill_line_label(line)?.to_string(),
            "$/month",
            1.0,
        ));
    }
    let last = path.rsplit('.').next().unwrap_or(path);
    let (label, unit, scale) = match last {
        "share" => ("Share", "%", 100.0),
        "rpo_s" => ("RPO target", "s", 1.0),
        "rto_s" => ("RTO target", "s", 1.0),
        "write_p99_budget_ms" => ("Write p99 budget", "ms", 1.0),
        "read_p99_budget_ms" => ("Read p99 budget", "ms", 1.0),
        "writes_per_s" => ("Writes", "writes/s", 1.0),
        "reads_per_s" => ("Reads", "reads/s", 1.0),
        "record_bytes" => ("Record size", "bytes", 1.0),
        "data_gb" => ("Data size", "GB", 1.0),
        "keys" => ("Records", "records", 1.0),
        "dns_ttl_s" => ("DNS TTL", "s", 1.0),
        "resolver_overstay_s" => ("Resolver overstay", "s", 1.0),
        "health_check_interval_s" => ("Health-check interval", "s", 1.0),
        "health_check_failure_threshold" => ("Failure threshold", "checks", 1.0),
        "manual_promotion_min" => ("Manual promotion", "min", 1.0),
        "cache_warmup_s" => ("Cache warm-up", "s", 1.0),
        "backup_interval_min" => ("Backup interval", "min", 1.0),
        _ => return None,
    };
    Some((label.to_string(), unit, scale))
}

/// What a text field at `path` is, for "... is too long".
fn text_label(path: &str) -> &'static str {
    let last = path.rsplit('.').next().unwrap_or(path);
    match last {
        _ if path == "name" => "Plan name",
        _ if path.starts_with("prices.") => "Price override key",
        "jurisdiction" => "Jurisdiction",
        _ if last.starts_with("jurisdictions[") => "Jurisdiction code",
        _ if path.starts_with("regions[") && !path.ends_with("name") => "Region key",
        _ => "Name",
    }
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
        _ if path.ends_with("home_hints") => "preferred region",
        _ if path.ends_with("jurisdictions") => "jurisdiction",
        _ if path.starts_with("prices.") => "price override",
        other => other,
    }
}

/// A list longer than the plan allows, as the form says it: `This plan has 1,000 data
/// classes; the form shows the first 16, the most a plan may have. The others stay in the
/// plan until you keep only the first 16.`
pub fn rows_over_limit(what: &str, n: usize, max: usize) -> String {
    format!(
        "This plan has {} {what}; the form shows the first {max}, the most a plan may have. The others stay in the plan until you keep only the first {max}.",
        super::figures::grouped(n as f64)
    )
}

/// The button that drops the rows past the limit: `Keep only the first 16 data classes`.
pub fn keep_first_rows(what: &str, max: usize) -> String {
    format!("Keep only the first {max} {what}")
}

/// The problem as the form says it, beside the field it is about.
pub fn problem(e: &PlanError) -> String {
    match e {
        PlanError::OutOfRange {
            field: path,
            value,
            range,
        } => {
            let Some((label, unit, scale)) = field(path) else {
                return e.to_string();
            };
            // "more than 0 ms and at most 60,000 ms", "from 0 s to 86,400 s".
            let (lo, hi) = (plain(range.min * scale), plain(range.max * scale));
            let rule = match (range.whole, range.min_open) {
                (true, _) => format!("a whole number from {lo} to {hi}"),
                (false, true) => format!("more than {lo} {unit} and at most {hi} {unit}"),
                (false, false) => format!("from {lo} {unit} to {hi} {unit}"),
            };
            let empty = if range.optional { ", or empty for none" } else { "" };
            let rule = format!("{rule}{empty}");
            format!("{label} must be {rule} (you typed {})", typed(*value, scale))
        }
        PlanError::TooMany { field, count, max } => format!(
            "{} {}s is more than Meridian plans at once: at most {}",
            plain(*count as f64),
            list_item(field),
            plain(*max as f64)
        ),
        PlanError::TooLong { field, chars, max } => format!(
            "{} is {} characters long; at most {} are allowed",
            text_label(field),
            plain(*chars as f64),
            max
        ),
        PlanError::NameIsARegion { name, .. } => {
            format!("A custom place cannot be called {name}, a catalog region's key: choose another name")
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
        PlanError::BadPlacementPin { field, problem } => pin_problem(field, problem),
        PlanError::UnsupportedVersion { found, expected } => format!(
            "This plan is in format version {found}; this version of Meridian reads version {expected}"
        ),
    }
}

/// A pinned placement's problem, in the pin form's words: `Pinned standby: must differ from
/// the pinned primary (aws:us-east-1)`.
fn pin_problem(field: &str, p: &crate::plan::PinProblem) -> String {
    use crate::plan::PinProblem as P;
    let part = match field.rsplit('.').next() {
        Some("primary") => "Pinned primary",
        Some("standby") => "Pinned standby",
        _ => "Pinned voters",
    };
    match p {
        P::NotAPlanRegion { label } => format!(
            "{part}: {label} is not one of the plan's regions; choose one of them, or let the engine choose"
        ),
        P::StandbyIsPrimary { label } => {
            format!("{part}: must differ from the pinned primary ({label})")
        }
        P::VoterCount { count } => {
            format!("{part}: choose exactly 3 regions (you chose {count}), or none")
        }
        P::RepeatedVoter { label } => format!("{part}: {label} is chosen twice"),
        P::PrimaryNotAVoter { label } => format!(
            "{part}: must include the pinned primary ({label}), which leads the consensus group"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{validate, Plan};

    /// The form's words for the first problem of the example plan after `edit`.
    fn first(edit: impl FnOnce(&mut Plan)) -> String {
        let mut p = Plan::example();
        edit(&mut p);
        problem(&validate(&p).unwrap_err().0[0])
    }

    #[test]
    fn a_list_past_its_limit_says_how_many_are_shown_and_how_to_keep_them() {
        assert_eq!(
            rows_over_limit("data classes", 1000, 16),
            "This plan has 1,000 data classes; the form shows the first 16, the most a plan may have. The others stay in the plan until you keep only the first 16."
        );
        assert_eq!(
            keep_first_rows("populations", 12),
            "Keep only the first 12 populations"
        );
    }

    #[test]
    fn messages_use_the_fields_words_and_units() {
        assert_eq!(
            first(|p| p.users[2].share = 0.0),
            "Share must be more than 0 % and at most 100 % (you typed 0)"
        );
        assert_eq!(
            first(|p| p.data_classes[0].rpo_s = Some(-5.0)),
            "RPO target must be from 0 s to 31,536,000 s, or empty for none (you typed -5)"
        );
        assert_eq!(
            first(|p| p.operations.health_check_failure_threshold = 0),
            "Failure threshold must be a whole number from 1 to 10 (you typed 0)"
        );
        assert_eq!(
            first(|p| p.data_classes[1].record_bytes = f64::NAN),
            "Record size must be from 1 bytes to 100,000,000 bytes (you typed not a number)"
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

    #[test]
    fn limits_and_prices_in_the_forms_words() {
        assert_eq!(
            first(|p| {
                p.prices.vm_usd_per_month.insert("aws".into(), -3.0);
            }),
            "VM price for aws must be from 0 $/month to 1,000,000 $/month (you typed -3)"
        );
        assert_eq!(
            problem(&PlanError::TooMany {
                field: "regions".into(),
                count: 6000,
                max: 24
            }),
            "6,000 candidate regions is more than Meridian plans at once: at most 24"
        );
        assert_eq!(
            problem(&PlanError::TooLong {
                field: "users[2].name".into(),
                chars: 100_000,
                max: 120
            }),
            "Name is 100,000 characters long; at most 120 are allowed"
        );
        assert_eq!(
            problem(&PlanError::NameIsARegion {
                field: "regions[0].name".into(),
                name: "aws:eu-central-1".into()
            }),
            "A custom place cannot be called aws:eu-central-1, a catalog region's key: choose another name"
        );
    }
}
