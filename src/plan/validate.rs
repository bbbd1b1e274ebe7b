//! Plan validation: every error names the field path (`data_classes[2].rpo_s`) and what is
//! allowed, so the CLI and the UI can show it next to the offending input.

use std::fmt;

use serde::Serialize;

use super::{PlaceRef, Plan, Residency, PLAN_VERSION};

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
        allowed: &'static str,
    },
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
                allowed,
            } => write!(f, "{field}: {value} is out of range; allowed: {allowed}"),
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
            | PlanError::DuplicateName { field, .. }
            | PlanError::EmptyName { field }
            | PlanError::PerOwnerNeedsPerPopulation { field }
            | PlanError::NoJurisdictions { field } => field,
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

struct Check {
    errors: Vec<PlanError>,
}

impl Check {
    fn range(&mut self, field: String, value: f64, ok: bool, allowed: &'static str) {
        if !value.is_finite() || !ok {
            self.errors.push(PlanError::OutOfRange {
                field,
                value,
                allowed,
            });
        }
    }
    fn non_negative(&mut self, field: String, value: f64) {
        self.range(field, value, value >= 0.0, "a finite number >= 0");
    }
    fn positive(&mut self, field: String, value: f64) {
        self.range(field, value, value > 0.0, "a finite number > 0");
    }
    fn place(&mut self, field: String, p: &PlaceRef) {
        if let Err(reason) = p.resolve() {
            self.errors.push(PlanError::UnknownPlace { field, reason });
        }
    }
}

/// Checks a plan; returns every problem found, not just the first.
pub fn validate(plan: &Plan) -> Result<(), PlanErrors> {
    let mut c = Check { errors: Vec::new() };
    if plan.version != PLAN_VERSION {
        c.errors.push(PlanError::UnsupportedVersion {
            found: plan.version,
            expected: PLAN_VERSION,
        });
    }
    if plan.regions.is_empty() {
        c.errors.push(PlanError::Empty {
            field: "regions".into(),
        });
    }
    for (i, r) in plan.regions.iter().enumerate() {
        c.place(format!("regions[{i}]"), r);
        if plan.regions[..i].iter().any(|o| o.label() == r.label()) {
            c.errors.push(PlanError::DuplicatePlace {
                field: format!("regions[{i}]"),
                label: r.label(),
            });
        }
    }
    if plan.users.is_empty() {
        c.errors.push(PlanError::Empty {
            field: "users".into(),
        });
    }
    let mut sum = 0.0;
    for (i, u) in plan.users.iter().enumerate() {
        if u.name.trim().is_empty() {
            c.errors.push(PlanError::EmptyName {
                field: format!("users[{i}].name"),
            });
        }
        if plan.users[..i].iter().any(|o| o.name == u.name) {
            c.errors.push(PlanError::DuplicateName {
                field: format!("users[{i}].name"),
                name: u.name.clone(),
            });
        }
        c.place(format!("users[{i}].place"), &u.place);
        c.range(
            format!("users[{i}].share"),
            u.share,
            u.share > 0.0 && u.share <= 1.0,
            "a number in (0, 1]",
        );
        sum += u.share;
    }
    if !plan.users.is_empty() && sum.is_finite() && (sum - 1.0).abs() > 0.01 {
        c.errors.push(PlanError::SharesDoNotSumToOne { sum });
    }
    let o = &plan.operations;
    c.non_negative("operations.dns_ttl_s".into(), o.dns_ttl_s);
    c.non_negative(
        "operations.resolver_overstay_s".into(),
        o.resolver_overstay_s,
    );
    c.positive(
        "operations.health_check_interval_s".into(),
        o.health_check_interval_s,
    );
    c.range(
        "operations.health_check_failure_threshold".into(),
        o.health_check_failure_threshold as f64,
        (1..=10).contains(&o.health_check_failure_threshold),
        "an integer from 1 to 10",
    );
    c.non_negative(
        "operations.manual_promotion_min".into(),
        o.manual_promotion_min,
    );
    c.non_negative("operations.cache_warmup_s".into(), o.cache_warmup_s);
    c.positive(
        "operations.backup_interval_min".into(),
        o.backup_interval_min,
    );
    if plan.data_classes.is_empty() {
        c.errors.push(PlanError::Empty {
            field: "data_classes".into(),
        });
    }
    for (i, d) in plan.data_classes.iter().enumerate() {
        let f = |name: &str| format!("data_classes[{i}].{name}");
        if d.name.trim().is_empty() {
            c.errors.push(PlanError::EmptyName { field: f("name") });
        }
        if plan.data_classes[..i].iter().any(|o| o.name == d.name) {
            c.errors.push(PlanError::DuplicateName {
                field: f("name"),
                name: d.name.clone(),
            });
        }
        for (name, v) in [("rpo_s", d.rpo_s), ("rto_s", d.rto_s)] {
            if let Some(v) = v {
                c.range(f(name), v, v >= 0.0, "a finite number >= 0, or null");
            }
        }
        for (name, v) in [
            ("write_p99_budget_ms", d.write_p99_budget_ms),
            ("read_p99_budget_ms", d.read_p99_budget_ms),
        ] {
            if let Some(v) = v {
                c.range(f(name), v, v > 0.0, "a finite number > 0, or null");
            }
        }
        c.non_negative(f("writes_per_s"), d.writes_per_s);
        c.non_negative(f("reads_per_s"), d.reads_per_s);
        c.positive(f("record_bytes"), d.record_bytes);
        c.non_negative(f("data_gb"), d.data_gb);
        if let Some(k) = d.keys {
            c.range(f("keys"), k, k >= 1.0, "a finite number >= 1, or absent");
        }
        match &d.residency {
            Residency::Pinned { jurisdictions } if jurisdictions.is_empty() => {
                c.errors.push(PlanError::NoJurisdictions {
                    field: f("residency.jurisdictions"),
                })
            }
            Residency::PerOwner if d.ownership == super::Ownership::Shared => {
                c.errors.push(PlanError::PerOwnerNeedsPerPopulation {
                    field: f("residency"),
                })
            }
            _ => {}
        }
        for (j, h) in d.home_hints.iter().enumerate() {
            c.place(format!("data_classes[{i}].home_hints[{j}]"), h);
        }
    }
    if c.errors.is_empty() {
        Ok(())
    } else {
        Err(PlanErrors(c.errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_is_valid() {
        assert_eq!(validate(&Plan::example()), Ok(()));
    }

    #[test]
    fn messages_name_the_field_and_the_allowed_values() {
        let mut p = Plan::example();
        p.version = 7;
        p.data_classes[2].rpo_s = Some(-1.0);
        p.regions[1] = PlaceRef::key("aws:mars-north-1");
        p.operations.health_check_failure_threshold = 0;
        let errs = validate(&p).unwrap_err();
        let msgs: Vec<String> = errs.0.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            msgs,
            vec![
                "version: 7 is not supported; allowed: 2".to_string(),
                "regions[1]: \"aws:mars-north-1\" is not in the region catalog; did you mean \
                 aws:cn-north-1, aws:eu-north-1?"
                    .to_string(),
                "operations.health_check_failure_threshold: 0 is out of range; allowed: an integer from 1 to 10"
                    .to_string(),
                "data_classes[2].rpo_s: -1 is out of range; allowed: a finite number >= 0, or null"
                    .to_string(),
            ]
        );
    }

    #[test]
    fn shares_must_sum_to_one_and_per_owner_needs_per_population() {
        let mut p = Plan::example();
        p.users[0].share = 0.2;
        p.data_classes[0].residency = Residency::PerOwner;
        let msgs: Vec<String> = validate(&p)
            .unwrap_err()
            .0
            .iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(
            msgs,
            vec![
                "users[*].share: shares add up to 0.700; allowed: a total of 1 (within 0.01)",
                "data_classes[0].residency: per-owner residency needs ownership \"per-population\"; \
                 allowed with \"shared\": residency \"none\" or \"pinned\"",
            ]
        );
    }

    #[test]
    fn unknown_provider_lists_the_allowed_ones() {
        let mut p = Plan::example();
        p.regions[0] = PlaceRef::key("oracle:us-ashburn-1");
        assert_eq!(
            validate(&p).unwrap_err().to_string(),
            "regions[0]: unknown provider \"oracle\"; allowed: aws, gcp, azure"
        );
    }

    #[test]
    fn every_error_names_the_field_a_form_shows_it_beside() {
        let mut p = Plan::example();
        p.data_classes[2].rpo_s = Some(-1.0);
        p.users[0].share = 0.9;
        let errs = validate(&p).unwrap_err();
        let fields: Vec<&str> = errs.0.iter().map(PlanError::field).collect();
        assert!(fields.contains(&"data_classes[2].rpo_s"), "{fields:?}");
        assert!(fields.contains(&"users[*].share"), "{fields:?}");
    }
}
