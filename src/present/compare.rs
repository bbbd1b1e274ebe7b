//! The nine postures of one class side by side: one column per posture, one row per figure,
//! each cell's text and whether it breaks a requirement, plus a number to sort columns by.
//! The UI's comparison view only lays this out (a table, or a card per posture on a phone).

use crate::engine::report::{ClassReport, Evaluation, Requirement};
use crate::plan::{DataClass, Residency};

use super::figures::{conflicts_per_day, duration, multiple, probability, recovery};
use super::names::{posture_name, requirement_name, residency_verdict};
use super::sentences::posture_cost;
use super::verdict::{verdict, Check, Verdict};

/// A row of the comparison: what it shows, and whether columns can be sorted by it.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareRow {
    /// Stable id for test ids and the sort control: `rto`, `write-p99-0`, ...
    pub key: String,
    pub label: String,
    pub sortable: bool,
}

/// One cell: its text, the broken requirement's sentence when the cell breaks one, and the
/// figure columns sort by (lower first; `None` sorts last).
#[derive(Clone, Debug, PartialEq)]
pub struct CompareCell {
    pub text: String,
    pub broken: Option<String>,
    pub sort: Option<f64>,
}

/// One posture's column.
#[derive(Clone, Debug, PartialEq)]
pub struct PostureColumn {
    pub slug: &'static str,
    pub name: &'static str,
    /// `recommended`, `pinned by the plan`, ... or empty.
    pub mark: String,
    /// The posture the plan uses (the recommendation, or the pin).
    pub chosen: bool,
    /// The engine's recommendation (or its closest when nothing fits).
    pub recommended: bool,
    /// Meets every requirement of the class.
    pub meets: bool,
    /// `meets every requirement`, or the broken requirements by name.
    pub verdict: String,
    /// When the posture has no placement: why (and then `cells` is empty).
    pub unplaceable: Option<String>,
    /// One per row, in row order.
    pub cells: Vec<CompareCell>,
}

/// The whole comparison of one class.
#[derive(Clone, Debug, PartialEq)]
pub struct PostureTable {
    pub rows: Vec<CompareRow>,
    pub columns: Vec<PostureColumn>,
}

fn row(key: impl Into<String>, label: impl Into<String>, sortable: bool) -> CompareRow {
    CompareRow {
        key: key.into(),
        label: label.into(),
        sortable,
    }
}

fn cell(text: String, sort: Option<f64>) -> CompareCell {
    CompareCell {
        text,
        broken: None,
        sort,
    }
}

/// The violation sentence for `req`, if `e` breaks it.
fn broken(e: &Evaluation, req: Requirement) -> Option<String> {
    e.violations
        .iter()
        .find(|v| v.requirement == req)
        .map(|v| v.message.clone())
}

/// A p99 against its budget: the text, and the budget it misses (shown in its cell).
fn latency_cell(p99: f64, budget: Option<f64>) -> CompareCell {
    let c = Check::ms(Some(p99), budget);
    let missed = matches!(
        verdict(Some(p99), budget, super::figures::round_ms),
        Verdict::Missed { .. }
    );
    CompareCell {
        text: c.achieved,
        broken: missed.then_some(c.note),
        sort: Some(p99),
    }
}

/// Every posture of `class` (the report of `dc`) side by side, in [`crate::engine::Posture::ALL`]
/// order; sort with [`sort_columns`].
pub fn posture_table(class: &ClassReport, dc: &DataClass) -> PostureTable {
    let pops: Vec<String> = class
        .evaluations
        .iter()
        .find(|e| e.placeable)
        .map(|e| e.latency.iter().map(|l| l.population.clone()).collect())
        .unwrap_or_default();
    let mut rows = vec![row("placement", "Placement", false)];
    for (i, p) in pops.iter().enumerate() {
        rows.push(row(
            format!("write-p99-{i}"),
            format!("Write p99, {p}"),
            true,
        ));
    }
    for (i, p) in pops.iter().enumerate() {
        rows.push(row(format!("read-p99-{i}"), format!("Read p99, {p}"), true));
    }
    rows.extend([
        row("rpo", "RPO (region loss)", true),
        row("writes-lost", "Writes lost on a hard region failure", true),
        row("rto", "RTO (region loss)", true),
        row("rto-detection", "RTO part: detection", true),
        row("rto-routing", "RTO part: routing", true),
        row("rto-promotion", "RTO part: promotion", true),
        row("rto-warmup", "RTO part: warm-up / restore", true),
        row("fresh-1s", "Reads that see a write after 1 s", true),
        row("conflicts", "Conflicting writes per day", true),
        row("cost", "Cost / month", true),
        row("multiple", "Cost vs single region", true),
        row("residency", "Residency", false),
    ]);
    let engine_choice = class.pin.as_ref().map(|p| p.engine_choice);
    let columns = class
        .evaluations
        .iter()
        .map(|e| {
            let chosen = e.posture == class.chosen.posture;
            let engine = engine_choice == Some(e.posture);
            let mark = if chosen && class.pin.is_some() {
                "pinned by the plan"
            } else if chosen && class.feasible {
                "recommended"
            } else if chosen {
                "closest (nothing fits)"
            } else if engine {
                "recommended (not chosen: the plan pins another)"
            } else {
                ""
            };
            PostureColumn {
                slug: e.posture.slug(),
                name: posture_name(e.posture),
                mark: mark.to_string(),
                chosen,
                recommended: engine || (chosen && class.pin.is_none()),
                meets: e.violations.is_empty(),
                verdict: posture_verdict_cell(e),
                unplaceable: (!e.placeable).then(|| {
                    e.violations
                        .iter()
                        .map(|v| v.message.clone())
                        .collect::<Vec<_>>()
                        .join("; ")
                }),
                cells: if e.placeable {
                    cells(e, dc, pops.len())
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    PostureTable { rows, columns }
}

/// `meets every requirement`, or `breaks RPO, write latency`.
fn posture_verdict_cell(e: &Evaluation) -> String {
    if e.violations.is_empty() {
        "meets every requirement".to_string()
    } else {
        let names: Vec<&str> = e
            .violations
            .iter()
            .map(|v| requirement_name(v.requirement))
            .collect();
        format!("breaks {}", names.join(", "))
    }
}

fn cells(e: &Evaluation, dc: &DataClass, pops: usize) -> Vec<CompareCell> {
    let mut out = vec![cell(super::names::placement(e.placement.as_ref()), None)];
    for i in 0..pops {
        out.push(e.latency.get(i).map_or(cell("–".into(), None), |l| {
            latency_cell(l.write_p99_ms, l.write_budget_ms)
        }));
    }
    for i in 0..pops {
        out.push(e.latency.get(i).map_or(cell("–".into(), None), |l| {
            latency_cell(l.read_p99_ms, l.read_budget_ms)
        }));
    }
    // "Not survived" sorts after every survived figure.
    let survived = |s: Option<f64>| Some(s.unwrap_or(f64::INFINITY));
    out.push(CompareCell {
        broken: broken(e, Requirement::Rpo),
        ..cell(recovery(e.rpo_s), survived(e.rpo_s))
    });
    out.push(match &e.writes_lost_on_region_failure {
        Some(p) => cell(p.writes_text(), Some(p.value)),
        None => cell("all since the region went down".into(), Some(f64::INFINITY)),
    });
    out.push(CompareCell {
        broken: broken(e, Requirement::Rto),
        ..cell(recovery(e.rto_s), survived(e.rto_s))
    });
    let part = |f: fn(&crate::engine::report::RtoBreakdown) -> f64| {
        e.rto.as_ref().map_or(cell("–".into(), None), |r| {
            cell(duration(f(r)), Some(f(r)))
        })
    };
    out.push(part(|r| r.detection_s));
    out.push(part(|r| r.routing_s));
    out.push(part(|r| r.promotion_s));
    out.push(part(|r| r.warmup_s));
    let fresh = e
        .staleness
        .iter()
        .find(|s| s.t_ms >= 1000.0)
        .map_or(1.0, |s| s.p_consistent);
    // Sorted by the share that is still stale, so the freshest comes first.
    out.push(CompareCell {
        broken: broken(e, Requirement::Consistency),
        ..cell(probability(fresh), Some(1.0 - fresh))
    });
    let conflicts = e.conflicts_per_day.unwrap_or(0.0);
    out.push(CompareCell {
        broken: broken(e, Requirement::Conflicts),
        ..cell(conflicts_per_day(conflicts), Some(conflicts))
    });
    out.push(cell(posture_cost(e), e.monthly_cost_usd));
    out.push(cell(
        e.cost_multiple.map_or_else(|| "–".to_string(), multiple),
        e.cost_multiple,
    ));
    let residency = match dc.residency {
        Residency::None => "no constraint".to_string(),
        _ => residency_verdict(&dc.residency, dc.residency_scope, &e.residency),
    };
    out.push(CompareCell {
        broken: broken(e, Requirement::Residency),
        ..cell(residency, None)
    });
    out
}

/// Column order sorted by the row `key` (lower first, unplaceable and figure-less last, ties
/// in posture order); `None`: the plan's posture first (it is what the review is about), then
/// the engine's recommendation when a pin differs from it, then the rest in posture order.
pub fn sort_columns(table: &PostureTable, key: Option<&str>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..table.columns.len()).collect();
    let Some(r) = key.and_then(|k| table.rows.iter().position(|r| r.key == k)) else {
        let rank = |c: usize| {
            let col = &table.columns[c];
            (!col.chosen, !col.recommended)
        };
        crate::sort::sort_indices_by(&mut order, &|a, b| (rank(a), a).cmp(&(rank(b), b)));
        return order;
    };
    let value = |c: usize| table.columns[c].cells.get(r).and_then(|x| x.sort);
    crate::sort::sort_indices_by(&mut order, &|a, b| match (value(a), value(b)) {
        (Some(x), Some(y)) => x.total_cmp(&y).then(a.cmp(&b)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.cmp(&b),
    });
    order
}

/// `sorted by RTO (lowest first)`, or `in order of complexity`.
pub fn sort_caption(table: &PostureTable, key: Option<&str>) -> String {
    match key.and_then(|k| table.rows.iter().find(|r| r.key == k)) {
        Some(r) => format!("sorted by {} (lowest first)", r.label),
        None => {
            "the plan's posture first, then in order of complexity (simplest first)".to_string()
        }
    }
}
