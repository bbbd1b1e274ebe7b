//! The report as markdown: a decisions table, then per data class its reasons, latency per
//! user population and every rejected posture. User text is escaped so a class named
//! `a|b` or `<script>` cannot break a table or inject HTML.

use std::fmt::Write as _;

use crate::engine::report::Report;
use crate::plan::Plan;
use crate::present as show;

/// Escapes user text for markdown; see [`super::escape::text`].
pub use super::escape::text as escape;

/// Per data class: its reasons, latency per user population and every rejected posture.
pub(crate) fn write_class_details(md: &mut String, report: &Report) {
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
                "| users | access network | write p50 | write p99 | write budget | read p50 | read p99 | read budget | write path | reads from |"
            );
            let _ = writeln!(md, "|---|---|---|---|---|---|---|---|---|---|");
            for l in &e.latency {
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                    escape(&l.population),
                    show::access(l.access),
                    show::ms(l.write_p50_ms),
                    show::ms(l.write_p99_ms),
                    show::ms_budget(l.write_budget_ms),
                    show::ms(l.read_p50_ms),
                    show::ms(l.read_p99_ms),
                    show::ms_budget(l.read_budget_ms),
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
}

/// The whole report as markdown: the same document the CLI prints (`document` without an
/// app address, so the plan link is given as a `#plan=` fragment).
pub fn to_markdown(plan: &Plan, report: &Report) -> String {
    document(plan, report, None)
}

/// The full export: title and plan link, summary, decisions table (achieved vs target for
/// RPO, RTO, write p99, read p99 and cost), the checklist tailored to the plan, a failover
/// runbook per data class, a region-loss playbook per region, the per-class details, the assumptions, and the data sources
/// with their dates. `app_url` is the app's address without a fragment (e.g.
/// `https://meridian.example/`); the plan link is built from it and [`encode_plan`] so it
/// always opens this exact plan. Without it (the CLI) the `#plan=` fragment is printed
/// for pasting after the app's address.
///
/// [`encode_plan`]: crate::share::encode_plan
pub fn document(plan: &Plan, report: &Report, app_url: Option<&str>) -> String {
    let mut md = String::new();
    let title = if plan.name.trim().is_empty() {
        "Meridian plan".to_string()
    } else {
        escape(&plan.name)
    };
    let _ = writeln!(md, "# {title}\n");
    let payload = crate::share::encode_plan(plan);
    let link = app_url.and_then(|u| {
        let base = u.split('#').next().unwrap_or(u);
        super::escape::url(&format!("{base}#plan={payload}"))
    });
    match link {
        Some(l) => {
            let _ = writeln!(md, "Plan link: [open this plan in Meridian]({l})\n");
        }
        None => {
            let _ = writeln!(
                md,
                "Plan link: append `#plan={payload}` to the Meridian app's address.\n"
            );
        }
    }
    let t = &report.totals;
    let _ = writeln!(
        md,
        "{} data class{} across {} candidate region{} for {} user population{}. {}{}\n",
        report.classes.len(),
        if report.classes.len() == 1 { "" } else { "es" },
        plan.regions.len(),
        if plan.regions.len() == 1 { "" } else { "s" },
        plan.users.len(),
        if plan.users.len() == 1 { "" } else { "s" },
        escape(&show::totals_sentence(t)),
        if t.infeasible_classes.is_empty() {
            String::new()
        } else {
            format!(
                " **No posture meets every requirement for: {}** (see each class's reasons for what to relax).",
                t.infeasible_classes.iter().map(|c| escape(c)).collect::<Vec<_>>().join(", ")
            )
        }
    );

    let _ = writeln!(md, "## Decisions\n");
    let _ = writeln!(
        md,
        "| data class | posture | placement | RPO achieved / target | RTO achieved / target | worst write p99 / budget | worst read p99 / budget | $/month (x single region) |"
    );
    let _ = writeln!(md, "|---|---|---|---|---|---|---|---|");
    for c in &report.classes {
        let e = &c.chosen;
        let dc = super::runbook::class_of(plan, c);
        let posture = show::posture_verdict(c);
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} | {} ({}) |",
            escape(&c.name),
            posture,
            escape(&show::placement(e.placement.as_ref())),
            show::duration_against(e.rpo_s, dc.and_then(|d| d.rpo_s)),
            show::duration_against(e.rto_s, dc.and_then(|d| d.rto_s)),
            show::ms_against(e.worst_p99(true), dc.and_then(|d| d.write_p99_budget_ms)),
            show::ms_against(e.worst_p99(false), dc.and_then(|d| d.read_p99_budget_ms)),
            escape(&show::posture_cost(e)),
            show::posture_multiple(e)
        );
    }
    let _ = writeln!(md);

    super::checklist::write_markdown(&mut md, &super::checklist::checklist(plan, report));
    super::runbook::write_markdown(&mut md, plan, report);
    super::playbook::write_markdown(&mut md, plan, report);
    write_class_details(&mut md, report);
    write_assumptions(&mut md, plan);

    let _ = writeln!(md, "## Sources\n");
    let _ = writeln!(md, "Prices (each with its source and date):\n");
    for s in &report.price_sources {
        let _ = writeln!(md, "- {}", escape(s));
    }
    let _ = writeln!(md, "\nRound-trip times:\n");
    for s in &report.rtt_sources {
        let _ = writeln!(md, "- {}", escape(s));
    }
    let _ = writeln!(
        md,
        "\nGenerated by Meridian from the plan linked above; the numbers are model estimates from the sources listed, not measurements of your system."
    );
    md
}

/// What the numbers rest on: the plan's operations and workload figures and the engine's
/// fixed assumptions.
fn write_assumptions(md: &mut String, plan: &Plan) {
    use crate::engine::cost;
    use crate::plan::{Promotion, Routing};
    let o = &plan.operations;
    let _ = writeln!(md, "## Assumptions\n");
    let _ = writeln!(
        md,
        "- Detection: health checks every {} with a failure threshold of {} ({} to declare a region down).",
        show::duration(o.health_check_interval_s),
        o.health_check_failure_threshold,
        show::duration(o.health_check_interval_s * f64::from(o.health_check_failure_threshold))
    );
    let _ = match o.routing {
        Routing::Dns => writeln!(
            md,
            "- Routing: DNS failover, record TTL {} plus {} of resolver overstay.",
            show::duration(o.dns_ttl_s),
            show::duration(o.resolver_overstay_s)
        ),
        Routing::Anycast => writeln!(md, "- Routing: anycast / global load balancer (seconds)."),
    };
    let _ = match o.promotion {
        Promotion::Automated => writeln!(md, "- Promotion: automated (managed failover)."),
        Promotion::Manual => writeln!(
            md,
            "- Promotion: manual, drilled at {} min.",
            o.manual_promotion_min
        ),
    };
    let _ = writeln!(
        md,
        "- Warm-up after failover: {} (cache warming); cross-region backups every {} min.",
        show::duration(o.cache_warmup_s),
        o.backup_interval_min
    );
    let _ = writeln!(
        md,
        "- Capacity: one VM-equivalent serves {} requests/s; each active region keeps headroom for losing another region and one of its {} AZs; database nodes per copy by role: {} (each {} VM-equivalents); a warm standby runs {} of the primary's serving tier; each region that runs anything pays a platform line of {} (load balancers, NAT, observability; an assumption); a month is {} days.",
        show::plain(cost::RPS_PER_VM),
        show::plain(cost::AZS_PER_REGION),
        [
            cost::DbRole::Primary,
            cost::DbRole::SyncStandby,
            cost::DbRole::AsyncStandby,
            cost::DbRole::ReadReplica,
            cost::DbRole::Voter,
        ]
        .iter()
        .map(|r| format!("{} {}", r.name(), show::plain(r.nodes())))
        .collect::<Vec<_>>()
        .join(", "),
        show::plain(cost::DB_NODE_VMS),
        show::percent(cost::WARM_STANDBY_FRACTION),
        show::usd_month(
            cost::PLATFORM_NETWORK_USD_PER_HOUR * 720.0 + cost::PLATFORM_OBSERVABILITY_USD_PER_MONTH
        ),
        show::plain(cost::SECONDS_PER_MONTH / 86_400.0)
    );
    let p = &plan.prices;
    let overrides = p.transfer_usd_per_gb.len()
        + p.internet_egress_usd_per_gb.len()
        + p.vm_usd_per_month.len()
        + p.storage_usd_per_gb_month.len();
    let _ = writeln!(
        md,
        "- Prices: {}.",
        if overrides == 0 {
            "list prices (sources below)".to_string()
        } else {
            format!("list prices with {overrides} override(s) from the plan")
        }
    );
    let _ = writeln!(
        md,
        "- Candidate regions: {}.",
        plan.regions
            .iter()
            .map(|r| escape(&r.label()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(md, "\n| users | place | jurisdiction | share of traffic |");
    let _ = writeln!(md, "|---|---|---|---|");
    for u in &plan.users {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |",
            escape(&u.name),
            escape(&u.place.label()),
            escape(&show::place_jurisdiction(&u.place)),
            show::percent(u.share)
        );
    }
    let _ = writeln!(
        md,
        "\n| data class | consistency | ownership | conflicts | residency | writes/s | reads/s | bytes/write | data per copy |"
    );
    let _ = writeln!(md, "|---|---|---|---|---|---|---|---|---|");
    for d in &plan.data_classes {
        let residency = match &d.residency {
            crate::plan::Residency::None => "none".to_string(),
            crate::plan::Residency::Pinned { jurisdictions } => {
                format!("pinned to {}", escape(&jurisdictions.join(", ")))
            }
            crate::plan::Residency::PerOwner => "per owner".to_string(),
        };
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {residency} | {} | {} | {} | {} GB |",
            escape(&d.name),
            d.consistency.slug(),
            ownership_slug(d.ownership),
            conflicts_slug(d.conflicts),
            d.writes_per_s,
            d.reads_per_s,
            d.record_bytes,
            d.data_gb
        );
    }
    let _ = writeln!(md);
}

/// The serde name of an ownership (the plan enum has no `slug`).
fn ownership_slug(o: crate::plan::Ownership) -> &'static str {
    match o {
        crate::plan::Ownership::PerPopulation => "per-population",
        crate::plan::Ownership::Shared => "shared",
    }
}

/// The serde name of a conflict semantics.
fn conflicts_slug(c: crate::plan::ConflictSemantics) -> &'static str {
    match c {
        crate::plan::ConflictSemantics::NeverConflict => "never-conflict",
        crate::plan::ConflictSemantics::LastWriterWins => "last-writer-wins",
        crate::plan::ConflictSemantics::Mergeable => "mergeable",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_table_and_html_syntax() {
        assert_eq!(escape("a|b `c` <script>\nx"), "a\\|b \\`c\\` &lt;script> x");
    }

    #[test]
    fn markdown_has_a_row_per_class_and_escapes_names() {
        let mut plan = Plan::example();
        plan.data_classes[0].name = "led|ger <b>".to_string();
        let report = crate::engine::evaluate(&plan).unwrap();
        let md = to_markdown(&plan, &report);
        assert!(md.contains("| led\\|ger &lt;b> | `"), "{md}");
        assert!(!md.contains("<b>"));
        assert_eq!(md.matches("### Rejected postures").count(), 4);
    }
}
