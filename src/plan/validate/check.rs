//! The checks behind [`super::validate`]. Counts are checked first and only the first
//! allowed entries of an over-long list are checked one by one, so a hostile plan (6,000
//! regions) costs validation little and never reaches the engine.

use std::collections::HashSet;

use super::limits::*;
use super::PlanError;
use crate::plan::{PlaceRef, Plan, Residency, PLAN_VERSION};

pub(super) struct Check {
    pub errors: Vec<PlanError>,
}

impl Check {
    fn push(&mut self, e: PlanError) {
        self.errors.push(e);
    }
    /// `field` against the range named `name` (see [`range_of`]).
    fn number(&mut self, field: String, name: &str, value: f64) {
        let Some(range) = range_of(name) else { return };
        if !range.contains(value) {
            self.push(PlanError::OutOfRange {
                field,
                value,
                range,
            });
        }
    }
    fn optional(&mut self, field: String, name: &str, value: Option<f64>) {
        if let Some(v) = value {
            self.number(field, name, v);
        }
    }
    /// At most `max` entries; returns how many to check one by one.
    fn count(&mut self, field: &str, count: usize, max: usize) -> usize {
        if count > max {
            self.push(PlanError::TooMany {
                field: field.into(),
                count,
                max,
            });
        }
        count.min(max)
    }
    fn text(&mut self, field: String, s: &str, max: usize) {
        let chars = s.chars().count();
        if chars > max {
            self.push(PlanError::TooLong { field, chars, max });
        }
    }
    /// A row's name (a population's, a class's): not blank, not too long, and not the name of
    /// an earlier row (`earlier`).
    fn row_name<'a>(
        &mut self,
        field: String,
        name: &str,
        mut earlier: impl Iterator<Item = &'a str>,
    ) {
        if name.trim().is_empty() {
            self.push(PlanError::EmptyName {
                field: field.clone(),
            });
        }
        self.text(field.clone(), name, MAX_NAME_CHARS);
        if earlier.any(|o| o == name) {
            self.push(PlanError::DuplicateName {
                field,
                name: name.to_string(),
            });
        }
    }
    fn place(&mut self, field: String, p: &PlaceRef) {
        if let PlaceRef::Custom(c) = p {
            if let Some(name) = &c.name {
                self.text(format!("{field}.name"), name, MAX_NAME_CHARS);
                // A custom place called "aws:eu-central-1" would pass for that region.
                if name.contains(':') && PlaceRef::key(name.trim()).resolve().is_ok() {
                    self.push(PlanError::NameIsARegion {
                        field: format!("{field}.name"),
                        name: name.clone(),
                    });
                }
            }
            if let Some(j) = &c.jurisdiction_override {
                self.text(format!("{field}.jurisdiction"), j, MAX_CODE_CHARS);
            }
        } else if let PlaceRef::Key(k) = p {
            // Resolving quotes the key back; keep the message short.
            if k.chars().count() > MAX_NAME_CHARS {
                return self.text(field, k, MAX_NAME_CHARS);
            }
        }
        if let Err(reason) = p.resolve() {
            self.push(PlanError::UnknownPlace { field, reason });
        }
    }
}

pub(super) fn check(plan: &Plan, c: &mut Check) {
    if plan.version != PLAN_VERSION {
        c.push(PlanError::UnsupportedVersion {
            found: plan.version,
            expected: PLAN_VERSION,
        });
    }
    c.text("name".into(), &plan.name, MAX_PLAN_NAME_CHARS);
    if plan.regions.is_empty() {
        c.push(PlanError::Empty {
            field: "regions".into(),
        });
    }
    let n = c.count("regions", plan.regions.len(), MAX_REGIONS);
    let mut seen = HashSet::new();
    for (i, r) in plan.regions[..n].iter().enumerate() {
        c.place(format!("regions[{i}]"), r);
        let label = r.label();
        if !seen.insert(label.clone()) {
            c.push(PlanError::DuplicatePlace {
                field: format!("regions[{i}]"),
                label,
            });
        }
    }
    users(plan, c);
    operations(plan, c);
    classes(plan, c);
    for (map, entries) in plan.prices.maps() {
        let n = c.count(&format!("prices.{map}"), entries.len(), MAX_PRICE_OVERRIDES);
        for (key, v) in entries.iter().take(n) {
            let field = format!("prices.{map}[{key:?}]");
            c.text(field.clone(), key, MAX_CODE_CHARS);
            c.number(field, map, *v);
        }
    }
    if let Some(b) = &plan.baseline_bill {
        for (name, v) in b.lines() {
            c.number(format!("baseline_bill.{name}"), name, v);
        }
    }
}

fn users(plan: &Plan, c: &mut Check) {
    if plan.users.is_empty() {
        c.push(PlanError::Empty {
            field: "users".into(),
        });
    }
    let n = c.count("users", plan.users.len(), MAX_USERS);
    let mut sum = 0.0;
    for (i, u) in plan.users[..n].iter().enumerate() {
        let earlier = plan.users[..i].iter().map(|o| o.name.as_str());
        c.row_name(format!("users[{i}].name"), &u.name, earlier);
        c.place(format!("users[{i}].place"), &u.place);
        c.number(format!("users[{i}].share"), "share", u.share);
        sum += u.share;
    }
    if n == plan.users.len() && n > 0 && sum.is_finite() && (sum - 1.0).abs() > 0.01 {
        c.push(PlanError::SharesDoNotSumToOne { sum });
    }
}

fn operations(plan: &Plan, c: &mut Check) {
    let o = &plan.operations;
    for (name, v) in [
        ("dns_ttl_s", o.dns_ttl_s),
        ("resolver_overstay_s", o.resolver_overstay_s),
        ("health_check_interval_s", o.health_check_interval_s),
        (
            "health_check_failure_threshold",
            o.health_check_failure_threshold as f64,
        ),
        ("manual_promotion_min", o.manual_promotion_min),
        ("cache_warmup_s", o.cache_warmup_s),
        ("backup_interval_min", o.backup_interval_min),
    ] {
        c.number(format!("operations.{name}"), name, v);
    }
}

fn classes(plan: &Plan, c: &mut Check) {
    if plan.data_classes.is_empty() {
        c.push(PlanError::Empty {
            field: "data_classes".into(),
        });
    }
    let n = c.count("data_classes", plan.data_classes.len(), MAX_CLASSES);
    for (i, d) in plan.data_classes[..n].iter().enumerate() {
        let f = |name: &str| format!("data_classes[{i}].{name}");
        let earlier = plan.data_classes[..i].iter().map(|o| o.name.as_str());
        c.row_name(f("name"), &d.name, earlier);
        for (name, v) in [
            ("rpo_s", d.rpo_s),
            ("rto_s", d.rto_s),
            ("write_p99_budget_ms", d.write_p99_budget_ms),
            ("read_p99_budget_ms", d.read_p99_budget_ms),
            ("keys", d.keys),
        ] {
            c.optional(f(name), name, v);
        }
        for (name, v) in [
            ("writes_per_s", d.writes_per_s),
            ("reads_per_s", d.reads_per_s),
            ("record_bytes", d.record_bytes),
            ("data_gb", d.data_gb),
        ] {
            c.number(f(name), name, v);
        }
        match &d.residency {
            Residency::Pinned { jurisdictions } if jurisdictions.is_empty() => {
                c.push(PlanError::NoJurisdictions {
                    field: f("residency.jurisdictions"),
                })
            }
            Residency::Pinned { jurisdictions } => {
                let field = f("residency.jurisdictions");
                let m = c.count(&field, jurisdictions.len(), MAX_JURISDICTIONS);
                for (j, code) in jurisdictions[..m].iter().enumerate() {
                    c.text(format!("{field}[{j}]"), code, MAX_CODE_CHARS);
                }
            }
            Residency::PerOwner if d.ownership == crate::plan::Ownership::Shared => {
                c.push(PlanError::PerOwnerNeedsPerPopulation {
                    field: f("residency"),
                })
            }
            _ => {}
        }
        for e in super::placement_pin::check(plan, i, &d.placement_pin) {
            c.push(e);
        }
        let m = c.count(&f("home_hints"), d.home_hints.len(), MAX_REGIONS);
        for (j, h) in d.home_hints[..m].iter().enumerate() {
            c.place(format!("data_classes[{i}].home_hints[{j}]"), h);
        }
    }
}
