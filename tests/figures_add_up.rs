//! Every figure adds up: each product and sum that the reasons, outage effects, runbooks and
//! checklist print is parsed back from its text and checked at the shown precision, and a
//! figure shown in several places (decisions table, reasons, runbook, checklist) is the same
//! string everywhere. Runs on the built-in example and every plan under examples/.

use meridian::engine::cost::baseline::BaselineBill;
use meridian::engine::{evaluate, Report};
use meridian::export::{checklist::checklist, runbook::runbooks};
use meridian::plan::Plan;
use meridian::present::{self as show, round_duration, round_sig, round_usd};

mod figures_parse;
use figures_parse::{closing, duration_s, factor, number, number_before, product, usd};

#[path = "support/plans.rs"]
mod support_plans;
use support_plans::example_plans as plans;

/// Every sentence the engine and the exports print for a plan, with where it came from.
fn texts(plan: &Plan, report: &Report) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for c in &report.classes {
        let at = |what: &str| format!("{} {what}", c.name);
        out.extend(c.reasons.iter().map(|r| (at("reason"), r.clone())));
        out.extend(c.relax.iter().map(|r| (at("relax"), r.clone())));
        out.extend(
            c.rejected
                .iter()
                .map(|r| (at("rejected"), r.message.clone())),
        );
        for e in &c.evaluations {
            out.extend(e.outages.iter().map(|o| (at("outage"), o.effect.clone())));
        }
    }
    for rb in runbooks(plan, report) {
        out.push((format!("{} runbook", rb.class), rb.summary.clone()));
        out.extend(
            rb.steps
                .iter()
                .map(|s| (format!("{} runbook", rb.class), s.detail.clone())),
        );
    }
    out.extend(
        checklist(plan, report)
            .into_iter()
            .map(|i| (format!("checklist {}", i.topic), i.text)),
    );
    out
}

/// `~52 writes (100 writes/s x 47 % of writes x 1.1 s)`: the shown result is the product of
/// the shown factors, rounded by the rule for counts. Returns how many were checked.
fn check_writes_products(at: &str, text: &str) -> usize {
    let mut checked = 0;
    for (i, _) in text.match_indices(" writes (") {
        let Some(shown) = number_before(&text[..i]) else {
            continue;
        };
        let inner = &text[i + " writes (".len()..];
        let inner = &inner[..closing(inner)];
        let product: f64 = inner.split(" x ").map(|f| factor(f, at, text)).product();
        assert_eq!(
            round_sig(product),
            shown,
            "{at}: {inner} = {product}, shown {shown}: {text}"
        );
        checked += 1;
    }
    checked
}

/// `~16 conflicting writes/day (60 writes/s x 40 writes/s x 2 x 38 ms lag / 1,000,000 records x
/// 86,400 s/day)`, or a sum over writer pairs `= ~a between A and B (...) + ~b between ...`:
/// each pair multiplies out and the pairs add up to the total, at the shown precision.
fn check_conflicts(at: &str, text: &str) -> usize {
    let mut checked = 0;
    const UNIT: &str = " conflicting writes/day";
    for (i, _) in text.match_indices(UNIT) {
        let Some(total) = number_before(&text[..i]) else {
            continue;
        };
        let rest = &text[i + UNIT.len()..];
        let closed = |s: &str| s[..closing(s)].to_string();
        if let Some(inner) = rest.strip_prefix(" (") {
            let inner = closed(inner);
            let p = product(&inner, at, text);
            assert_eq!(round_sig(p), total, "{at}: {inner} = {p}, shown {total}");
            checked += 1;
        } else if let Some(mut sum) = rest.strip_prefix(" = ") {
            let mut parts = 0.0;
            loop {
                let part = number(&sum[1..sum.find(' ').unwrap()]);
                let open = sum.find(" (").unwrap();
                let inner = closed(&sum[open + 2..]);
                let p = product(&inner, at, text);
                assert_eq!(round_sig(p), part, "{at}: {inner} = {p}, shown {part}");
                parts += part;
                checked += 1;
                sum = &sum[open + 2 + inner.len() + 1..];
                match sum.strip_prefix(" + ") {
                    Some(next) => sum = next,
                    None => break,
                }
            }
            assert_eq!(round_sig(parts), total, "{at}: pairs {parts} != {total}");
        }
    }
    checked
}

/// `RTO 4 min 30 s (...) = 30 s detection + 60 s routing + 60 s promotion + 2 min warm-up`.
fn check_rto_sums(at: &str, text: &str) -> usize {
    let mut checked = 0;
    for (marker, end) in [("RTO ", " ("), ("time to recover ", " = ")] {
        let Some(start) = text.find(marker) else {
            continue;
        };
        let Some(eq) = text[start..].find(" = ").map(|e| start + e) else {
            continue;
        };
        let after = &text[start + marker.len()..];
        let total = duration_s(&after[..after.find(end).unwrap()]);
        // Four parts, each a duration followed by its name.
        let parts: f64 = text[eq + 3..]
            .splitn(4, " + ")
            .map(|p| {
                let name = ["detection", "routing", "promotion", "warm-up"]
                    .iter()
                    .find_map(|w| p.find(w))
                    .unwrap_or_else(|| panic!("{at}: unnamed RTO part {p:?}"));
                duration_s(p[..name].trim())
            })
            .sum();
        assert_eq!(
            round_duration(parts),
            total,
            "{at}: parts {parts} != {total}: {text}"
        );
        checked += 1;
    }
    checked
}

/// `costs $1,922/month, ... = compute $a (...) + storage $b (...) + transfer $c (...) + backups $d`.
fn check_cost_sums(at: &str, text: &str) -> usize {
    let Some(rest) = text.strip_prefix("costs ") else {
        return 0;
    };
    let total = usd(&rest[..rest.find("/month").unwrap()]);
    let rhs = &rest[rest.find(" = ").unwrap() + 3..];
    let parts: f64 = rhs
        .split(" + ")
        .map(|p| usd(p.split_whitespace().nth(1).unwrap()))
        .sum();
    assert_eq!(round_usd(parts), total, "{at}: {rhs} != {total}");
    1
}

/// `aws:a to aws:b: 100 writes/s x 50 % of writes x 512 bytes x 2,592,000 s/month = 66
/// GB/month, 66 GB/month x $0.02/GB = $1.32/month`: bytes to GB/month, then to dollars,
/// each the product of its shown factors at the shown precision.
fn check_transfer_products(at: &str, text: &str) -> usize {
    let mut checked = 0;
    for (i, _) in text.match_indices(" s/month = ") {
        let head = &text[..i + " s/month".len()];
        let factors = &head[head.rfind(": ").expect("a stream names its regions") + 2..];
        let bytes: f64 = factors.split(" x ").map(|f| factor(f, at, text)).product();
        let rest = &text[i + " s/month = ".len()..];
        let (gb, rest) = rest.split_once(" GB/month, ").expect("GB/month");
        let gb = figures_parse::number(gb);
        assert_eq!(
            round_sig(bytes / 1e9),
            gb,
            "{at}: {factors} = {bytes} bytes, shown {gb} GB: {text}"
        );
        let (dollar_factors, rest) = rest.split_once(" = ").expect("= $");
        let usd_shown = usd(&rest[..rest.find("/month").expect("/month")]);
        let usd_product: f64 = dollar_factors
            .split(" x ")
            .map(|f| factor(f, at, text))
            .product();
        assert!(
            dollar_factors.starts_with(&format!("{} GB/month", show::plain(gb))),
            "{at}: {text}"
        );
        assert_eq!(
            round_usd(usd_product),
            usd_shown,
            "{at}: {dollar_factors} = {usd_product}, shown {usd_shown}: {text}"
        );
        checked += 1;
    }
    checked
}

#[test]
fn every_shown_product_and_sum_holds_at_the_shown_precision() {
    let (mut products, mut rtos, mut costs, mut transfers) = (0, 0, 0, 0);
    let mut conflicts = 0;
    // Each plan as is, and with a bill to scale from (a bill's lines must add up too).
    let with_bill = |(name, mut plan): (String, Plan)| {
        plan.baseline_bill = Some(BaselineBill {
            compute_usd: 1_234.4,
            database_usd: 800.4,
            storage_usd: 150.4,
            network_usd: 90.0,
            platform_usd: 60.0,
        });
        (format!("{name} with a bill"), plan)
    };
    for (name, plan) in plans()
        .into_iter()
        .chain(plans().into_iter().map(with_bill))
    {
        let report = evaluate(&plan).unwrap();
        for (at, text) in texts(&plan, &report) {
            let at = format!("{name}: {at}");
            products += check_writes_products(&at, &text);
            rtos += check_rto_sums(&at, &text);
            costs += check_cost_sums(&at, &text);
            conflicts += check_conflicts(&at, &text);
            transfers += check_transfer_products(&at, &text);
        }
    }
    assert!(transfers >= 10, "only {transfers} transfer products found");
    // The checks must have found what they check (a parser that matches nothing passes).
    assert!(products >= 20, "only {products} writes-lost products found");
    assert!(rtos >= 20, "only {rtos} RTO sums found");
    assert!(costs >= 10, "only {costs} cost sums found");
    assert!(conflicts >= 5, "only {conflicts} conflict products found");
}

/// The text after `marker` up to the next delimiter: `RPO 1.1 s meets` -> `1.1 s`.
fn figure_after<'a>(text: &'a str, marker: &str) -> Vec<&'a str> {
    text.match_indices(marker)
        .map(|(i, _)| {
            let rest = &text[i + marker.len()..];
            let end = [" (", " meets", ", ", " /", ")", " >", " =", ". "]
                .iter()
                .filter_map(|d| rest.find(d))
                .min()
                .unwrap_or(rest.len());
            rest[..end].trim_end_matches('.')
        })
        .filter(|f| f.starts_with(|c: char| c.is_ascii_digit()) || f.starts_with("not"))
        .collect()
}

#[test]
fn a_figure_reads_the_same_wherever_it_is_shown() {
    let mut seen = 0;
    for (name, plan) in plans() {
        let report = evaluate(&plan).unwrap();
        let md = meridian::engine::report::to_markdown(&plan, &report);
        let rbs = runbooks(&plan, &report);
        for c in &report.classes {
            let e = &c.chosen;
            let rpo = show::recovery(e.rpo_s);
            let rto = show::recovery(e.rto_s);
            let cost = show::posture_cost(e);
            // The decisions table row (and so the CLI, which prints the same document).
            let row = md
                .lines()
                .find(|l| l.starts_with(&format!("| {} | ", c.name)))
                .unwrap_or_else(|| panic!("{name}: no decisions row for {}", c.name));
            assert!(
                row.contains(&format!("| {rpo} / ")),
                "{name}: {row} lacks {rpo}"
            );
            assert!(
                row.contains(&format!("| {rto} / ")),
                "{name}: {row} lacks {rto}"
            );
            assert!(row.contains(&cost), "{name}: {row} lacks {cost}");
            // The reasons, the runbook and the checklist say the same figure.
            let rb = rbs.iter().find(|r| r.class == c.name).unwrap();
            let mut own: Vec<String> = c.reasons.clone();
            own.push(rb.summary.clone());
            own.extend(rb.steps.iter().map(|s| s.detail.clone()));
            for t in &own {
                for f in figure_after(t, "RPO ") {
                    assert_eq!(f, rpo, "{name} {}: {t}", c.name);
                    seen += 1;
                }
                for f in figure_after(t, "RTO ") {
                    assert_eq!(f, rto, "{name} {}: {t}", c.name);
                    seen += 1;
                }
                if t.starts_with("costs ") {
                    assert!(t.starts_with(&format!("costs {cost}")), "{t} vs {cost}");
                    seen += 1;
                }
            }
            if let Some(lost) = &e.writes_lost_on_region_failure {
                let text = lost.writes_text();
                assert!(
                    own.iter().any(|t| t.contains(&text)),
                    "{name} {}: {text} not in the reasons or runbook",
                    c.name
                );
            }
        }
        assert!(md.contains(&show::totals_sentence(&report.totals)));
    }
    assert!(seen >= 40, "only {seen} figures compared");
}

// The checkers catch what they are for (a checker that never fails proves nothing).

#[test]
#[should_panic(expected = "shown 60")]
fn a_product_that_does_not_multiply_is_caught() {
    check_writes_products(
        "t",
        "loses ~60 writes (100 writes/s x 47 % of writes x 1.1 s)",
    );
}

#[test]
#[should_panic(expected = "!= 270")]
fn an_rto_whose_parts_do_not_add_up_is_caught() {
    check_rto_sums(
        "t",
        "RTO 4 min 30 s (target 10 min) = 30 s detection + 60 s routing + 60 s promotion + 60 s warm-up/restore",
    );
}

#[test]
#[should_panic(expected = "!= 100")]
fn a_cost_whose_components_do_not_add_up_is_caught() {
    check_cost_sums(
        "t",
        "costs $100/month = compute $50 (x) + storage $20 (y) + transfer $10 (z) + backups $5",
    );
}

#[test]
#[should_panic(expected = "shown 20")]
fn a_conflict_product_that_does_not_multiply_is_caught() {
    check_conflicts(
        "t",
        "would see ~20 conflicting writes/day (60 writes/s x 40 writes/s x 2 x 38 ms lag / 1,000,000 records x 86,400 s/day)",
    );
}

#[test]
#[should_panic(expected = "pairs 17 != 20")]
fn conflict_pairs_that_do_not_add_up_are_caught() {
    check_conflicts(
        "t",
        "~20 conflicting writes/day = ~16 between a and b (60 writes/s x 40 writes/s x 2 x 38 ms lag / 1,000,000 records x 86,400 s/day) + ~1 between a and c (1 writes/s x 1 writes/s x 2 x 5.8 ms lag / 1,000 records x 86,400 s/day)",
    );
}

#[test]
#[should_panic(expected = "shown 67 GB")]
fn a_transfer_whose_factors_do_not_multiply_is_caught() {
    check_transfer_products(
        "test",
        "replication: aws:a to aws:b: 100 writes/s x 50 % of writes x 512 bytes x 2,592,000 s/month = 67 GB/month, 67 GB/month x $0.02/GB = $1.34/month",
    );
}
