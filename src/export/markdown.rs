//! The report as markdown: a decisions table, then per data class its reasons, latency per
//! user population and every rejected posture. User text is escaped so a class named
//! `a|b` or `<script>` cannot break a table or inject HTML.

use std::fmt::Write as _;

use crate::engine::report::{Evaluation, Placement, Report};
use crate::plan::Plan;

/// Escapes text for a markdown table cell or inline prose: pipes, backticks, angle
/// brackets, asterisks, underscores, brackets and backslashes are backslash-escaped or
/// turned into entities; newlines become spaces.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '|' => out.push_str("\\|"),
            '`' => out.push_str("\\`"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '*' | '_' | '[' | ']' | '\\' | '#' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn opt_s(v: Option<f64>) -> String {
    v.map_or("not survived".to_string(), |s| format!("{s:.1} s"))
}

/// A one-line description of a placement.
pub fn placement_summary(p: &Placement) -> String {
    let mut parts = Vec::new();
    if let Some(l) = &p.leader {
        parts.push(format!("leader {l}"));
        let others: Vec<&String> = p.voters.iter().filter(|v| *v != l).collect();
        if !others.is_empty() {
            parts.push(format!(
                "voters {}",
                others
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    if let Some(x) = &p.primary {
        parts.push(format!("primary {x}"));
    }
    if let Some(x) = &p.standby {
        parts.push(format!("standby {x}"));
    }
    if !p.replicas.is_empty() && p.leader.is_none() {
        let what = if p.primary.is_some() {
            "replicas"
        } else {
            "writers"
        };
        parts.push(format!("{what} {}", p.replicas.join(", ")));
    }
    for h in &p.homes {
        match &h.standby {
            Some(s) => parts.push(format!("{} home {} (standby {s})", h.population, h.region)),
            None => parts.push(format!("{} home {}", h.population, h.region)),
        }
    }
    if let Some(b) = &p.backup {
        if p.standby.as_ref() != Some(b) {
            parts.push(format!("backup {b}"));
        }
    }
    parts.join("; ")
}

fn worst(e: &Evaluation, write: bool) -> String {
    e.latency
        .iter()
        .map(|l| if write { l.write_p99_ms } else { l.read_p99_ms })
        .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))))
        .map_or("–".into(), |v| format!("{v:.0} ms"))
}

/// The whole report as markdown.
pub fn to_markdown(plan: &Plan, report: &Report) -> String {
    let mut md = String::new();
    let title = if plan.name.is_empty() {
        "Meridian plan".to_string()
    } else {
        escape(&plan.name)
    };
    let _ = writeln!(md, "# {title}\n");
    let _ = writeln!(md, "## Decisions\n");
    let _ = writeln!(
        md,
        "| data class | posture | placement | worst write p99 | worst read p99 | RPO | RTO | $/month | × single region |"
    );
    let _ = writeln!(md, "|---|---|---|---|---|---|---|---|---|");
    for c in &report.classes {
        let e = &c.chosen;
        let posture = if c.feasible {
            format!("`{}`", e.posture.slug())
        } else {
            format!("none fits (closest `{}`)", e.posture.slug())
        };
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} | {:.0} | {} |",
            escape(&c.name),
            posture,
            escape(&placement_summary(&e.placement)),
            worst(e, true),
            worst(e, false),
            opt_s(e.rpo_s),
            opt_s(e.rto_s),
            e.monthly_cost_usd,
            if e.cost_multiple > 0.0 {
                format!("{:.2}", e.cost_multiple)
            } else {
                "–".into()
            }
        );
    }
    let t = &report.totals;
    let _ = writeln!(
        md,
        "\nTotal: ${:.0}/month, {:.2}× the all-single-region cost (${:.0}/month).\n",
        t.monthly_cost_usd, t.cost_multiple, t.single_region_monthly_cost_usd
    );
    for c in &report.classes {
        let e = &c.chosen;
        let _ = writeln!(md, "## {}: `{}`\n", escape(&c.name), e.posture.slug());
        let _ = writeln!(md, "### Reasons\n");
        for r in &c.reasons {
            let _ = writeln!(md, "- {}", escape(r));
        }
        for r in &c.relax {
            let _ = writeln!(md, "- To make it fit: {}", escape(r));
        }
        if !e.latency.is_empty() {
            let _ = writeln!(md, "\n### Latency per user population\n");
            let _ = writeln!(
                md,
                "| users | write p50 | write p99 | write budget | read p50 | read p99 | read budget | write path | reads from |"
            );
            let _ = writeln!(md, "|---|---|---|---|---|---|---|---|---|");
            for l in &e.latency {
                let b = |v: Option<f64>| v.map_or("–".to_string(), |v| format!("{v:.0} ms"));
                let _ = writeln!(
                    md,
                    "| {} | {:.0} ms | {:.0} ms | {} | {:.0} ms | {:.0} ms | {} | {} | {} |",
                    escape(&l.population),
                    l.write_p50_ms,
                    l.write_p99_ms,
                    b(l.write_budget_ms),
                    l.read_p50_ms,
                    l.read_p99_ms,
                    b(l.read_budget_ms),
                    escape(&l.write_path),
                    escape(&l.read_from)
                );
            }
        }
        let _ = writeln!(md, "\n### Rejected postures\n");
        let _ = writeln!(md, "| posture | broke | why |");
        let _ = writeln!(md, "|---|---|---|");
        for r in &c.rejected {
            let broke: Vec<&str> = r.violations.iter().map(|v| v.requirement.slug()).collect();
            let _ = writeln!(
                md,
                "| `{}` | {} | {} |",
                r.posture.slug(),
                if broke.is_empty() {
                    "nothing".to_string()
                } else {
                    broke.join(", ")
                },
                escape(&r.message)
            );
        }
        let _ = writeln!(md);
    }
    if !report.price_sources.is_empty() {
        let _ = writeln!(md, "## Sources\n");
        for s in report.price_sources.iter().chain(&report.rtt_sources) {
            let _ = writeln!(md, "- {}", escape(s));
        }
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_table_and_html_syntax() {
        assert_eq!(
            escape("a|b `c` <script>\nx"),
            "a\\|b \\`c\\` &lt;script&gt; x"
        );
    }

    #[test]
    fn markdown_has_a_row_per_class_and_escapes_names() {
        let mut plan = Plan::example();
        plan.data_classes[0].name = "led|ger <b>".to_string();
        let report = crate::engine::evaluate(&plan).unwrap();
        let md = to_markdown(&plan, &report);
        assert!(md.contains("| led\\|ger &lt;b&gt; | `"), "{md}");
        assert!(!md.contains("<b>"));
        assert_eq!(md.matches("### Rejected postures").count(), 4);
    }
}
