//! A region-loss playbook per candidate region: at 3 a.m. the on-call knows "us-east-1 is
//! down", not which data class to think about. Each playbook lists every class that region
//! affects in the order to act (promote first, then what recovers by itself, then what is
//! down until the region returns, then what is merely degraded), each step with the plan's
//! numbers, the decision points, fencing, fail-back, and blank slots for the team.
//!
//! Built from the report's outages (`effect`, `downtime_s`, `writes_lost`, `after`) and the
//! typed placement. Text is plain; [`write_markdown`] escapes it, the UI shows it as is.

use std::fmt::Write as _;

use super::escape;
use super::runbook::class_of;
use crate::engine::report::{ClassReport, Outage, Placement, Report, Role};
use crate::engine::Posture;
use crate::plan::{DataClass, Operations, Plan, Promotion};
use crate::present::{self as show, operations as ops_text};

/// What a blank slot for the team's own detail says.
pub const FILL_IN: &str = "fill in";

/// What the on-call does for one class, in the order the playbook acts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Action {
    /// A standby (or a partition's standby) must be promoted, or a backup restored.
    Promote,
    /// Fails over without a promotion (re-route, re-election, dropping a sync standby).
    Recovers,
    /// No copy elsewhere can serve: down until the region returns.
    Unavailable,
    /// Keeps serving; a copy or the region protection is lost until rebuilt.
    Degraded,
}

impl Action {
    pub fn name(self) -> &'static str {
        match self {
            Action::Promote => "promote",
            Action::Recovers => "recovers by itself",
            Action::Unavailable => "down until the region returns",
            Action::Degraded => "degraded",
        }
    }
}

/// One step: what to do for one class, with its numbers, and the team's slot.
#[derive(Clone, Debug, PartialEq)]
pub struct PlayStep {
    pub class: String,
    pub action: Action,
    pub title: String,
    pub lines: Vec<String>,
    /// What the team writes in this step's slot (the command, the check).
    pub slot: &'static str,
}

/// A situation the on-call must tell apart, and what to do in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    pub situation: &'static str,
    pub action: String,
}

/// The playbook for losing one region.
#[derive(Clone, Debug, PartialEq)]
pub struct Playbook {
    pub region: String,
    pub summary: String,
    pub decisions: Vec<Decision>,
    pub steps: Vec<PlayStep>,
    pub fencing: String,
    pub failback: String,
    /// Classes with no copy in the region.
    pub unaffected: Vec<String>,
    /// The team's own details for this region (owners, DNS records, dashboards).
    pub slots: Vec<&'static str>,
}

/// The regions the report's outages cover, in plan order.
pub fn regions(report: &Report) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for o in report.classes.iter().flat_map(|c| &c.chosen.outages) {
        if !out.contains(&o.region) {
            out.push(o.region.clone());
        }
    }
    out
}

/// One class's part in losing `region`: its outage and the roles its copies there play.
struct Hit<'a> {
    c: &'a ClassReport,
    dc: Option<&'a DataClass>,
    o: &'a Outage,
    action: Action,
}

fn action(c: &ClassReport, o: &Outage, roles: &[Role]) -> Action {
    let primary = roles.contains(&Role::Primary);
    let home = roles.iter().any(|r| matches!(r, Role::Home(_)));
    match o.downtime_s {
        None => Action::Unavailable,
        Some(_) if primary && c.chosen.posture == Posture::SingleRegion => Action::Unavailable,
        Some(_) if primary || home => Action::Promote,
        Some(d) if d > 0.0 => Action::Recovers,
        Some(_) => Action::Degraded,
    }
}

/// Seconds left of the RTO target after this failover (negative: over), if it has a target.
fn budget_left(h: &Hit) -> Option<f64> {
    Some(h.dc?.rto_s? - h.o.downtime_s?)
}

/// The region(s) that take over writes: where the populations' writes go afterwards.
fn takeover(h: &Hit) -> String {
    let mut to: Vec<&str> = Vec::new();
    // A partition fails over to its own standby; the other partitions stay home.
    if let Some(Placement::Partitioned { homes }) = &h.c.chosen.placement {
        to.extend(
            homes
                .iter()
                .filter(|home| home.region == h.o.region)
                .filter_map(|home| home.standby.as_deref()),
        );
        to.dedup();
    }
    let partitioned = !to.is_empty();
    for a in h.o.after.iter().filter(|_| !partitioned) {
        if let Some(s) = a.served_from.as_deref() {
            if !to.contains(&s) {
                to.push(s);
            }
        }
    }
    if to.is_empty() {
        let p = h.c.chosen.placement.as_ref();
        to.extend(p.and_then(|p| p.standby()));
    }
    if to.is_empty() {
        "the standby".to_string()
    } else {
        to.join(", ")
    }
}

/// `1.1 s against the RPO target 5 s (within it)`; the lag is the writes-lost product's
/// time factor, the unreplicated window of this region.
fn lag_line(h: &Hit) -> String {
    let lag = h.o.writes_lost.factors.last().map_or(0.0, |f| f.shown);
    let against = match h.dc.and_then(|d| d.rpo_s) {
        Some(t) if show::met(lag, t, show::round_duration) => {
            format!("against the RPO target {} (within it)", show::duration(t))
        }
        Some(t) => format!(
            "against the RPO target {} (over it: escalate before promoting)",
            show::duration(t)
        ),
        None => "(the class has no RPO target)".to_string(),
    };
    format!(
        "Expected lag at promotion {} {against}; writes at risk: {}.",
        show::duration(lag),
        h.o.writes_lost.writes_text()
    )
}

/// `Expected: recovered 4 min 30 s after the failure (RTO 4 min 30 s = ...); RTO target 15 min: 10 min 30 s left.`
fn time_line(h: &Hit, ops: &Operations) -> String {
    let e = &h.c.chosen;
    // The parts add up to the class's RTO, which is this outage's downtime only when a
    // promotion (or restore) is what recovers it.
    let parts = match (&e.rto, h.action == Action::Promote) {
        (Some(r), true) => format!(
            " ({})",
            ops_text::rto_parts_sentence(&ops_text::rto_parts(
                e.posture,
                h.dc.map_or(0.0, |d| d.data_gb),
                ops,
                r
            ))
            .trim_end_matches('.')
        ),
        _ => String::new(),
    };
    let budget = match (h.dc.and_then(|d| d.rto_s), budget_left(h)) {
        (Some(t), Some(left)) if left >= 0.0 => {
            format!(
                "RTO target {}: {} left.",
                show::duration(t),
                show::duration(left)
            )
        }
        (Some(t), Some(left)) => format!(
            "RTO target {}: missed by {}.",
            show::duration(t),
            show::duration(-left)
        ),
        (Some(t), None) => format!("RTO target {}: missed.", show::duration(t)),
        (None, _) => "No RTO target.".to_string(),
    };
    format!(
        "Expected: serving again {} after the failure{parts}. {budget}",
        show::recovery(h.o.downtime_s)
    )
}

fn after_line(h: &Hit) -> Option<String> {
    let a = show::after_failover(&h.o.after);
    (!a.is_empty()).then(|| format!("Then: {a}."))
}

fn promotion_how(ops: &Operations) -> String {
    match ops.promotion {
        Promotion::Automated => {
            "automated promotion: confirm it ran, or trigger it yourself".to_string()
        }
        Promotion::Manual => format!(
            "manual promotion, drilled at {} min",
            show::plain(ops.manual_promotion_min)
        ),
    }
}

fn step(h: &Hit, region: &str, ops: &Operations) -> PlayStep {
    let e = &h.c.chosen;
    let name = &h.c.name;
    let posture = show::posture_name(e.posture);
    let mut lines = Vec::new();
    let (title, slot) = match h.action {
        Action::Promote if e.posture == Posture::BackupRestore => {
            let backup = takeover(h);
            lines.push(format!(
                "Decide to restore: the newest backup is at most {} old; restoring loses {}. If {region} is expected back sooner than the restore takes, waiting may lose less: decide, and write the decision down.",
                show::duration(ops.backup_interval_min * 60.0),
                h.o.writes_lost.writes_text()
            ));
            lines.push(format!(
                "Fence {region}'s copy, then provision and restore in {backup}; verify row counts and the newest timestamp before taking traffic."
            ));
            lines.push(time_line(h, ops));
            (
                format!("Restore {name} ({posture}) in {backup}"),
                "restore command and verification query",
            )
        }
        Action::Promote => {
            let to = takeover(h);
            lines.push(lag_line(h));
            if e.posture == Posture::SyncStandby {
                lines.push("Synchronous replication: no acknowledged write is lost unless it fell back to async before the failure; check that first.".to_string());
            }
            lines.push(format!(
                "Fence {region}'s copy of {name} (revoke its write credentials or bump the replication epoch), then promote {to} ({}).",
                promotion_how(ops)
            ));
            lines.extend(show::technology::chosen_service_steps(h.dc, e));
            lines.push(time_line(h, ops));
            lines.extend(after_line(h));
            (
                format!("Promote {name} ({posture}): {region} to {to}"),
                "promotion command and lag query",
            )
        }
        Action::Recovers => {
            lines.push(format!("{}.", capitalised(&h.o.effect)));
            lines.push(format!(
                "No promotion: watch it happen and confirm errors fall back to the baseline. {}",
                time_line(h, ops)
            ));
            lines.extend(show::technology::chosen_service_steps(h.dc, e));
            lines.extend(after_line(h));
            (
                format!("Watch {name} ({posture}) recover"),
                "check that it recovered",
            )
        }
        Action::Unavailable => {
            lines.push(format!("{}.", capitalised(&h.o.effect)));
            lines.push(format!(
                "Nothing to fail over to: announce it on the status page; writes at risk: {}. If the outage outlasts what the business accepts, restoring elsewhere is a decision for the owner, not a step here.",
                h.o.writes_lost.writes_text()
            ));
            (
                format!("Announce {name} ({posture}) is down until {region} returns"),
                "status page and who announces",
            )
        }
        Action::Degraded => {
            lines.push(format!("{}.", capitalised(&h.o.effect)));
            lines.extend(after_line(h));
            lines.push(format!(
                "Rebuild the lost copy once {region} returns (or elsewhere): until then a second region loss is not covered."
            ));
            (
                format!("Note {name} ({posture}) is degraded"),
                "rebuild command",
            )
        }
    };
    PlayStep {
        class: name.clone(),
        action: h.action,
        title,
        lines,
        slot,
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn decisions(region: &str, hits: &[Hit], ops: &Operations) -> Vec<Decision> {
    let detection = ops.health_check_interval_s * f64::from(ops.health_check_failure_threshold);
    let promote: Vec<&Hit> = hits
        .iter()
        .filter(|h| h.action == Action::Promote)
        .collect();
    let at_risk: f64 = promote.iter().map(|h| h.o.writes_lost.value).sum();
    // The latest moment (after the failure) a failover can start and still meet its target.
    let decide_by = promote
        .iter()
        .filter_map(|h| {
            let run = h.o.downtime_s? - detection;
            Some((h.dc?.rto_s? - run, h.c.name.as_str()))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0));
    let wait = match (promote.is_empty(), decide_by) {
        (true, _) => format!("Nothing in {region} needs a promotion: wait, watch, and let what recovers by itself do so."),
        (false, Some((t, class))) if t >= detection => format!(
            "Wait and watch, do not promote yet: promoting loses up to {} and makes coming back a second failover. To meet every RTO target, start the failover no later than {} after the failure ({class} is the tightest).",
            show::writes(at_risk),
            show::duration(t)
        ),
        (false, Some((_, class))) => format!(
            "Promoting loses up to {}, but {class} misses its RTO target even if the failover starts at detection: decide fast.",
            show::writes(at_risk)
        ),
        (false, None) => format!(
            "Wait and watch, do not promote yet: promoting loses up to {} and makes coming back a second failover.",
            show::writes(at_risk)
        ),
    };
    vec![
        Decision {
            situation: "One availability zone lost",
            action: format!("{region} still passes its health checks: handled in-region (every copy runs across zones, the database fails over between them). Do not run this playbook; watch the in-region failover."),
        },
        Decision {
            situation: "Region degraded, not down",
            action: format!("Errors or latency up but fewer than {} consecutive failed checks. {wait}", ops.health_check_failure_threshold),
        },
        Decision {
            situation: "Region hard down",
            action: format!(
                "Health checks fail {} times in a row at {} intervals (detection {}), confirmed from a second vantage point (another region's prober, the provider's status page): run the steps below in order.",
                ops.health_check_failure_threshold,
                show::duration(ops.health_check_interval_s),
                show::duration(detection)
            ),
        },
        Decision {
            situation: "Region down beyond the RPO",
            action: "If a standby's last applied write is older than its class's RPO target (each step gives the expected lag), promoting loses more than was agreed: the owner decides between promoting now and reconciling, or waiting for the region while downtime grows. Past the RTO target, promote and reconcile.".to_string(),
        },
    ]
}

fn playbook(plan: &Plan, report: &Report, region: &str) -> Playbook {
    let ops = &plan.operations;
    let mut hits: Vec<Hit> = Vec::new();
    let mut unaffected = Vec::new();
    for c in &report.classes {
        let Some(o) = c.chosen.outages.iter().find(|o| o.region == region) else {
            continue;
        };
        let roles: Vec<Role> = c.chosen.placement.as_ref().map_or(Vec::new(), |p| {
            p.copies()
                .into_iter()
                .filter(|(_, r)| *r == region)
                .map(|(role, _)| role)
                .collect()
        });
        if roles.is_empty() {
            unaffected.push(c.name.clone());
            continue;
        }
        let action = action(c, o, &roles);
        hits.push(Hit {
            c,
            dc: class_of(plan, c),
            o,
            action,
        });
    }
    // Promote first, the tightest RTO budget first; then the rest by kind, in plan order.
    crate::sort::sort_by(&mut hits, |a, b| {
        a.action.cmp(&b.action).then_with(|| {
            let key = |h: &Hit| budget_left(h).unwrap_or(f64::INFINITY);
            key(a).total_cmp(&key(b))
        })
    });
    let steps: Vec<PlayStep> = hits.iter().map(|h| step(h, region, ops)).collect();
    let promoted: Vec<&Hit> = hits
        .iter()
        .filter(|h| h.action == Action::Promote)
        .collect();
    let fencing = if promoted.is_empty() {
        format!("No primary or partition home of any class is in {region}: nothing to fence.")
    } else {
        format!(
            "Before any promotion, fence {region}'s copies of {} so they cannot accept writes if the region comes back (split brain): revoke their write credentials or bump the replication epoch, and keep them fenced until fail-back. One actor promotes; nobody else.",
            promoted.iter().map(|h| h.c.name.as_str()).collect::<Vec<_>>().join(", ")
        )
    };
    let failback = if promoted.is_empty() {
        format!("When {region} returns, rebuild its lost copies and let them catch up before they serve; nothing switches back.")
    } else {
        format!(
            "A planned second failover, never automatic: when {region} is healthy, rebuild each promoted class's copy there as a replica of its new primary ({}), wait until its lag is below the RPO target, then switch over in a window with the same steps (a planned switchover drains writes first, so it loses nothing). Or stay where you are.",
            promoted.iter().map(|h| format!("{}: {}", h.c.name, takeover(h))).collect::<Vec<_>>().join("; ")
        )
    };
    let groups: Vec<String> = [
        Action::Promote,
        Action::Recovers,
        Action::Unavailable,
        Action::Degraded,
    ]
    .iter()
    .filter_map(|a| {
        let names: Vec<&str> = hits
            .iter()
            .filter(|h| h.action == *a)
            .map(|h| h.c.name.as_str())
            .collect();
        (!names.is_empty()).then(|| format!("{}: {}", a.name(), names.join(", ")))
    })
    .collect();
    let summary = if hits.is_empty() {
        format!("No data class has a copy in {region}: losing it affects none.")
    } else {
        format!(
            "Affects {} of {} data class{}. {}.",
            hits.len(),
            report.classes.len(),
            if report.classes.len() == 1 { "" } else { "es" },
            capitalised(&groups.join("; "))
        )
    };
    Playbook {
        region: region.to_string(),
        summary,
        decisions: decisions(region, &hits, ops),
        steps,
        fencing,
        failback,
        unaffected,
        slots: vec![
            "Incident owner and deputy",
            "Who decides on data loss (business owner)",
            "DNS records or load balancer entries to change",
            "Dashboards: errors, p95/p99 latency, replica lag per class",
            "Status page and who announces",
        ],
    }
}

/// The playbook for every region the report covers, in plan order.
pub fn playbooks(plan: &Plan, report: &Report) -> Vec<Playbook> {
    regions(report)
        .iter()
        .map(|r| playbook(plan, report, r))
        .collect()
}

/// The playbook for one region (the UI's outage table opens one at a time).
pub fn playbook_for(plan: &Plan, report: &Report, region: &str) -> Playbook {
    playbook(plan, report, region)
}

/// The playbooks as markdown: a section per region.
pub fn write_markdown(md: &mut String, plan: &Plan, report: &Report) {
    let t = escape::text;
    let _ = writeln!(md, "## Region-loss playbooks\n");
    let _ = writeln!(
        md,
        "One per candidate region: what to do when it is lost, class by class in the order to act. Slots marked `{FILL_IN}` are for your team.\n"
    );
    for p in playbooks(plan, report) {
        let _ = writeln!(md, "### If {} is lost\n", t(&p.region));
        let _ = writeln!(md, "{}\n", t(&p.summary));
        if p.steps.is_empty() {
            continue;
        }
        let _ = writeln!(md, "**Decision points**\n");
        for d in &p.decisions {
            let _ = writeln!(md, "- **{}.** {}", d.situation, t(&d.action));
        }
        let _ = writeln!(md, "\n**Steps, in order**\n");
        for (i, s) in p.steps.iter().enumerate() {
            let marker = format!("{}. ", i + 1);
            let indent = " ".repeat(marker.len());
            let _ = writeln!(md, "{marker}**{}.**", t(&s.title));
            for l in &s.lines {
                let _ = writeln!(md, "{indent}- {}", t(l));
            }
            let _ = writeln!(md, "{indent}- Your {}: `{FILL_IN}`", s.slot);
        }
        let _ = writeln!(md, "\n**Fencing.** {}\n", t(&p.fencing));
        let _ = writeln!(md, "**Fail-back.** {}\n", t(&p.failback));
        if !p.unaffected.is_empty() {
            let names: Vec<String> = p.unaffected.iter().map(|n| t(n)).collect();
            let _ = writeln!(md, "Unaffected (no copy there): {}.\n", names.join(", "));
        }
        let _ = writeln!(md, "**Your team's details**\n");
        for s in &p.slots {
            let _ = writeln!(md, "- {s}: `{FILL_IN}`");
        }
        let _ = writeln!(md);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_has_a_playbook_per_region_listing_every_class_there() {
        let plan = Plan::example();
        let report = crate::engine::evaluate(&plan).unwrap();
        let books = playbooks(&plan, &report);
        assert_eq!(books.len(), plan.regions.len());
        for p in &books {
            for c in &report.classes {
                let holds = c
                    .chosen
                    .placement
                    .as_ref()
                    .is_some_and(|pl| pl.regions().contains(&p.region.as_str()));
                let listed = p.steps.iter().any(|s| s.class == c.name);
                assert_eq!(holds, listed, "{} in {}", c.name, p.region);
                assert_eq!(!holds, p.unaffected.contains(&c.name));
            }
            // Promotions come first.
            let actions: Vec<Action> = p.steps.iter().map(|s| s.action).collect();
            assert!(actions.windows(2).all(|w| w[0] <= w[1]), "{actions:?}");
        }
    }

    #[test]
    fn losing_the_ledger_primary_promotes_with_the_plans_numbers() {
        let plan = Plan::example();
        let report = crate::engine::evaluate(&plan).unwrap();
        let p = playbook_for(&plan, &report, "aws:us-east-1");
        let s = &p.steps[0];
        assert_eq!(s.action, Action::Promote);
        let all = s.lines.join(" ");
        assert!(all.contains("RTO target"), "{all}");
        assert!(
            all.contains("routing 60 s: DNS TTL 60 s + resolver overstay 0 s"),
            "{all}"
        );
        assert!(p.fencing.contains("aws:us-east-1"));
        assert!(p
            .decisions
            .iter()
            .any(|d| d.situation == "Region down beyond the RPO"));
    }
}
