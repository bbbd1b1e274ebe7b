//! Two plans compared, in the form's words and units: what the opened plan changes in the
//! inputs, and class by class what it changes in the results.

use crate::engine::compare::{ClassOutcome, FieldChange, PlanDiff, Presence, Value};
use crate::plan::{ConflictSemantics, Ownership, ResidencyScope};

use super::figures::{
    duration, gb, ms, percent, plain, reads_per_s, recovery, usd_month, writes_per_s,
};
use super::names::{access, placement, placement_pin, posture_name, residency_rule};
use super::operations::{promotion_name, routing_name};

/// A field's label as the form shows it.
fn label(field: &str) -> &str {
    match field {
        "consistency" => "Consistency",
        "rpo_s" => "RPO target",
        "rto_s" => "RTO target",
        "write_p99_budget_ms" => "Write p99 budget",
        "read_p99_budget_ms" => "Read p99 budget",
        "residency" => "Residency",
        "residency_scope" => "Residency scope",
        "ownership" => "Ownership",
        "writes_per_s" => "Writes",
        "reads_per_s" => "Reads",
        "record_bytes" => "Record size",
        "data_gb" => "Data size",
        "conflicts" => "Conflicts",
        "keys" => "Records",
        "pin" => "Posture",
        "placement_pin" => "Placement",
        "service" => "Database",
        "home_hints" => "Preferred regions",
        "share" => "Share",
        "place" => "Where",
        "access" => "Access network",
        "health_check_interval_s" => "Health-check interval",
        "health_check_failure_threshold" => "Failure threshold",
        "routing" => "Routing",
        "dns_ttl_s" => "DNS TTL",
        "resolver_overstay_s" => "Resolver overstay",
        "promotion" => "Promotion",
        "manual_promotion_min" => "Manual promotion",
        "cache_warmup_s" => "Cache warm-up",
        "backup_interval_min" => "Backup interval",
        other => other,
    }
}

/// A value in its unit: `60 s`, `none`, `15 %`, `pinned to EU`.
pub fn value(v: &Value) -> String {
    match v {
        Value::Seconds(s) => s.map_or_else(|| "none".to_string(), duration),
        Value::Minutes(m) => duration(m * 60.0),
        Value::Ms(x) => x.map_or_else(|| "none".to_string(), ms),
        Value::WritesPerS(x) => writes_per_s(*x),
        Value::ReadsPerS(x) => reads_per_s(*x),
        Value::Bytes(x) => format!("{} bytes", plain(*x)),
        Value::Gb(x) => gb(*x),
        Value::Share(x) => percent(*x),
        Value::Count(c) => c.map_or_else(|| "default".to_string(), plain),
        Value::Text(t) if t.is_empty() => "none".to_string(),
        Value::Text(t) => t.clone(),
        Value::Consistency(c) => c.slug().to_string(),
        Value::Conflicts(c) => match c {
            ConflictSemantics::NeverConflict => "must never conflict",
            ConflictSemantics::LastWriterWins => "last writer wins",
            ConflictSemantics::Mergeable => "mergeable (CRDT)",
        }
        .to_string(),
        Value::Ownership(o) => match o {
            Ownership::PerPopulation => "one population owns each record",
            Ownership::Shared => "shared by all",
        }
        .to_string(),
        Value::Residency(r) => residency_rule(r),
        Value::Scope(s) => match s {
            ResidencyScope::EveryCopy => "every copy",
            ResidencyScope::PrimaryOnly => "primary copies only",
        }
        .to_string(),
        Value::Access(a) => access(*a),
        Value::Routing(r) => routing_name(*r).to_string(),
        Value::Promotion(p) => promotion_name(*p).to_string(),
        Value::Pin(p) => p.map_or("recommended", posture_name).to_string(),
        Value::PlacementPin(p) if p.is_empty() => "engine chooses".to_string(),
        Value::PlacementPin(p) => placement_pin(p),
        Value::Places(p) if p.is_empty() => "any region".to_string(),
        Value::Places(p) => p.join(", "),
    }
}

/// `RPO target: 60 s → 30 s`.
pub fn change(c: &FieldChange) -> String {
    format!(
        "{}: {} → {}",
        label(c.field),
        value(&c.before),
        value(&c.after)
    )
}

/// What the opened plan changes outside the classes, one line each.
pub fn input_lines(d: &PlanDiff) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((a, b)) = &d.name {
        out.push(format!("Plan name: {a} → {b}"));
    }
    if !d.regions_added.is_empty() {
        out.push(format!("Regions added: {}", d.regions_added.join(", ")));
    }
    if !d.regions_removed.is_empty() {
        out.push(format!("Regions removed: {}", d.regions_removed.join(", ")));
    }
    for p in &d.populations {
        out.push(match p.presence {
            Presence::Added => format!("Users {}: added", p.name),
            Presence::Removed => format!("Users {}: removed", p.name),
            Presence::Both => format!(
                "Users {}: {}",
                p.name,
                p.changes.iter().map(change).collect::<Vec<_>>().join("; ")
            ),
        });
    }
    out.extend(
        d.operations
            .iter()
            .map(|c| format!("Operations, {}", change(c))),
    );
    out
}

/// One figure of a class in both plans.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultRow {
    pub figure: &'static str,
    pub before: String,
    pub after: String,
    /// The shown texts differ.
    pub changed: bool,
    /// The difference as shown, for figures both plans have: `+50 ms`, `-$620/month`.
    pub delta: Option<String>,
}

/// One class in both plans.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassSection {
    pub name: String,
    /// `changed`, `unchanged`, `only in the opened plan`, `only in the current plan`.
    pub status: &'static str,
    pub inputs: Vec<String>,
    pub results: Vec<ResultRow>,
}

fn figures(o: Option<&ClassOutcome>) -> [String; 6] {
    let Some(o) = o else {
        return std::array::from_fn(|_| "–".to_string());
    };
    let fits = if o.feasible {
        ""
    } else {
        " (nothing fits; closest)"
    };
    [
        format!("{}{fits}", posture_name(o.posture)),
        placement(o.placement.as_ref()),
        recovery(o.rpo_s),
        recovery(o.rto_s),
        o.write_p99_ms.map_or_else(|| "–".to_string(), ms),
        o.monthly_cost_usd
            .map_or_else(|| "not placeable".to_string(), usd_month),
    ]
}

/// `after - before` as shown (each rounded as its figure is), signed; `None` when equal.
fn signed(
    before: Option<f64>,
    after: Option<f64>,
    round: fn(f64) -> f64,
    text: fn(f64) -> String,
) -> Option<String> {
    let d = round(after?) - round(before?);
    (d != 0.0).then(|| format!("{}{}", if d > 0.0 { "+" } else { "-" }, text(d.abs())))
}

fn deltas(a: Option<&ClassOutcome>, b: Option<&ClassOutcome>) -> [Option<String>; 6] {
    use super::figures::{round_duration, round_ms, round_usd};
    let (Some(a), Some(b)) = (a, b) else {
        return Default::default();
    };
    [
        None,
        None,
        signed(a.rpo_s, b.rpo_s, round_duration, duration),
        signed(a.rto_s, b.rto_s, round_duration, duration),
        signed(a.write_p99_ms, b.write_p99_ms, round_ms, ms),
        signed(a.monthly_cost_usd, b.monthly_cost_usd, round_usd, usd_month),
    ]
}

/// Every class of either plan, with its field changes and its figures in both.
pub fn class_sections(d: &PlanDiff) -> Vec<ClassSection> {
    const NAMES: [&str; 6] = [
        "Posture",
        "Placement",
        "RPO",
        "RTO",
        "Write p99 (worst)",
        "Cost / month",
    ];
    d.classes
        .iter()
        .map(|c| {
            let (a, b) = (figures(c.before.as_ref()), figures(c.after.as_ref()));
            let d = deltas(c.before.as_ref(), c.after.as_ref());
            let results: Vec<ResultRow> = NAMES
                .iter()
                .zip(a.into_iter().zip(b))
                .zip(d)
                .map(|((&figure, (before, after)), delta)| ResultRow {
                    figure,
                    changed: before != after,
                    before,
                    after,
                    delta,
                })
                .collect();
            let inputs: Vec<String> = c.changes.iter().map(change).collect();
            let status = match c.presence {
                Presence::Added => "only in the opened plan",
                Presence::Removed => "only in the current plan",
                Presence::Both if !inputs.is_empty() || results.iter().any(|r| r.changed) => {
                    "changed"
                }
                Presence::Both => "unchanged",
            };
            ClassSection {
                name: c.name.clone(),
                status,
                inputs,
                results,
            }
        })
        .collect()
}

/// `The opened plan changes 3 inputs and the results of 2 of 4 classes.`
pub fn summary(d: &PlanDiff) -> String {
    let inputs = input_lines(d).len()
        + d.classes.iter().map(|c| c.changes.len()).sum::<usize>()
        + d.classes
            .iter()
            .filter(|c| c.presence != Presence::Both)
            .count();
    let sections = class_sections(d);
    let changed = sections
        .iter()
        .filter(|s| s.results.iter().any(|r| r.changed))
        .count();
    if inputs == 0 && changed == 0 {
        return "The opened plan is the same as the current one.".to_string();
    }
    format!(
        "The opened plan changes {} and the results of {} of {} classes.",
        match inputs {
            1 => "1 input".to_string(),
            n => format!("{} inputs", plain(n as f64)),
        },
        plain(changed as f64),
        plain(sections.len() as f64)
    )
}
