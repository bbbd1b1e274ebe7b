//! Sentences shown in more than one place (the UI, the markdown, the CLI), written once.

use super::figures::ms;
use super::figures::{approx_count, conflicts_per_day};
use super::figures::{multiple, usd_month};
use crate::engine::report::{
    ClassReport, Conflicts, Evaluation, PopulationAfter, SessionReads, Totals,
};

/// `Total $1,922/month, 1.45x the single-region cost of $1,326/month.`, with the classes
/// left out of the total and why, and a pointer when the total is below its baseline.
pub fn totals_sentence(t: &Totals) -> String {
    let mut s = match t.cost_multiple {
        Some(m) => format!(
            "Total {}, {} the single-region cost of {}.",
            usd_month(t.monthly_cost_usd),
            multiple(m),
            usd_month(t.single_region_monthly_cost_usd)
        ),
        None => format!("Total {}.", usd_month(t.monthly_cost_usd)),
    };
    if !t.unpriced_classes.is_empty() {
        s.push_str(&format!(
            " Not in the total (no placement to price): {}.",
            t.unpriced_classes.join(", ")
        ));
    }
    if !t.no_baseline_classes.is_empty() {
        s.push_str(&format!(
            " Not in the comparison (no single-region placement allowed): {}.",
            t.no_baseline_classes.join(", ")
        ));
    }
    if let Some(bill) = &t.scaled_from_bill {
        s.push(' ');
        s.push_str(&super::cost::bill_basis(bill));
    }
    if t.cost_multiple.is_some_and(|m| m < 1.0) {
        s.push_str(" Below single region: see the cost reasons of the classes that cost less than single region.");
    }
    s
}

/// A posture's monthly cost, or why it has none: `$1,922/month`, `not placeable`.
pub fn posture_cost(e: &Evaluation) -> String {
    e.monthly_cost_usd
        .map_or_else(|| "not placeable".to_string(), usd_month)
}

/// Expected conflicts with where they come from: `~16 conflicting writes/day (60 writes/s x
/// 40 writes/s x 2 x 38 ms / 1,000,000 records x 86,400 s/day)`, or a sum over writer pairs
/// `= ~a between A and B (...) + ~b between ...`.
pub fn posture_conflicts(e: &Evaluation) -> String {
    match &e.conflicts {
        Some(c) => conflicts(c),
        None => conflicts_per_day(e.conflicts_per_day.unwrap_or(0.0)),
    }
}

fn conflicts(c: &Conflicts) -> String {
    let total = conflicts_per_day(c.per_day);
    match c.pairs.as_slice() {
        _ if c.owned_records => {
            format!("{total} (each record is written in its owner's region only)")
        }
        [] => total,
        [one] => format!("{total} ({})", one.per_day.factors_text()),
        many => {
            let parts: Vec<String> = many
                .iter()
                .map(|p| {
                    format!(
                        "{} between {} and {} ({})",
                        approx_count(p.per_day.value),
                        p.between[0],
                        p.between[1],
                        p.per_day.factors_text()
                    )
                })
                .collect();
            format!("{total} = {}", parts.join(" + "))
        }
    }
}

/// A posture's cost multiple, or nothing to compare: `1.52x`, `–`.
pub fn posture_multiple(e: &Evaluation) -> String {
    e.cost_multiple.map_or_else(|| "–".to_string(), multiple)
}

/// The cost's multiple as the card's note under it: ` 2.00x single region`.
pub fn posture_multiple_note(e: &Evaluation) -> String {
    format!(" {} single region", posture_multiple(e))
}

/// Service after a failover, per population: `North America: writes 81 ms, reads 60 ms p99
/// from aws:us-west-2; Europe: down until the region returns`. Empty when nothing changes.
pub fn after_failover(after: &[PopulationAfter]) -> String {
    after
        .iter()
        .map(|a| match (&a.served_from, a.write_p99_ms, a.read_p99_ms) {
            (Some(from), Some(w), Some(r)) => format!(
                "{}: writes {}, reads {} p99 via {from}",
                a.population,
                ms(w),
                ms(r)
            ),
            _ => format!("{}: down until the region returns", a.population),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// How read-your-writes (or causal) is kept when reads are served away from the writes.
pub fn session_reads(c: crate::plan::Consistency, s: &SessionReads) -> String {
    let what = match c {
        crate::plan::Consistency::Causal => "causal (which includes read-your-writes)",
        _ => "read-your-writes",
    };
    format!(
        "{what}: for {} after their own write (the p99 replication lag), a user's reads go to {} (sticky routing, or a causal token wait); that is {} of reads (writes/s over reads/s, one read of each write assumed), and the read percentiles above include them",
        super::figures::duration(s.window_s),
        s.to,
        super::figures::percent(s.share_of_reads)
    )
}

/// The chosen posture as a table cell: `` `warm-standby` ``, `` `warm-standby` (pinned;
/// breaks RPO; the engine would choose sync-standby) ``, or `` none fits (closest `pilot-light`) ``.
pub fn posture_verdict(c: &ClassReport) -> String {
    let slug = c.chosen.posture.slug();
    let posture = match (&c.pin, c.feasible) {
        (Some(pin), _) => {
            format!(
                "`{slug}` (pinned{}; the engine would choose `{}`)",
                breaks_text(&pin.breaks),
                pin.engine_choice.slug()
            )
        }
        (None, true) => format!("`{slug}`"),
        (None, false) => format!("none fits (closest `{slug}`)"),
    };
    match &c.placement_pin {
        Some(p) if p.applies => format!("{posture} (placement pinned{})", breaks_text(&p.breaks)),
        _ => posture,
    }
}

/// `; breaks RPO, write latency`, or nothing.
fn breaks_text(breaks: &[crate::engine::report::Requirement]) -> String {
    if breaks.is_empty() {
        return String::new();
    }
    let names: Vec<&str> = breaks
        .iter()
        .map(|r| super::names::requirement_name(*r))
        .collect();
    format!("; breaks {}", names.join(", "))
}
