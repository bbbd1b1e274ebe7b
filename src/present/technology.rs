//! The technology catalog in words: figures with their basis, the constraint a service
//! breaks, what a fitting service changes, and the published write-latency formula worked.

use super::figures::{duration, ms, plain};
use crate::catalog::{Basis, Broken, ConflictRule, Figure, Fit, Host, Service, WriteRule};

/// A count in words up to ten (`three`), digits above: region counts read as prose.
pub fn count_word(n: u64) -> String {
    const WORDS: [&str; 11] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n as usize)
        .map_or_else(|| plain(n as f64), |w| (*w).to_string())
}

/// How sure a figure is, as a parenthesis: `published typical`.
pub fn basis(b: Basis) -> &'static str {
    match b {
        Basis::Documented => "documented",
        Basis::PublishedTypical => "published typical",
        Basis::DocumentedMinimum => "documented minimum",
        Basis::DocumentedMaximum => "documented maximum",
        Basis::DocumentedDefault => "documented default",
        Basis::NoneNeeded => "none needed",
        Basis::Unknown => "unknown",
    }
}

/// A duration figure (seconds): `60 s (published typical)`, `unknown`.
pub fn figure_duration(f: &Figure) -> String {
    match f.value {
        Some(v) => format!("{} ({})", duration(v), basis(f.basis)),
        None => "unknown".to_string(),
    }
}

/// A latency figure (ms): `1,000 ms (published typical)`, `unknown`.
pub fn figure_ms(f: &Figure) -> String {
    match f.value {
        Some(v) => format!("{} ({})", ms(v), basis(f.basis)),
        None => "unknown".to_string(),
    }
}

/// The conflict rule in a few words.
pub fn conflict_rule(c: ConflictRule) -> &'static str {
    match c {
        ConflictRule::SingleWriter => "one writer, no conflicts",
        ConflictRule::LastWriterWins => "last writer wins (a concurrent write is silently lost)",
        ConflictRule::Quorum => "writes serialised by a quorum",
        ConflictRule::Unknown => "conflict handling unknown",
    }
}

/// Where a service runs: `AWS`, `self-managed`.
pub fn host(h: Host) -> &'static str {
    match h.provider() {
        Some(p) => p.display_name(),
        None => "self-managed",
    }
}

/// A region label without its provider prefix: `aws:us-east-1` -> `us-east-1`.
fn code(place: &str) -> &str {
    place.split_once(':').map_or(place, |(_, c)| c)
}

/// The constraint `service` breaks, in a reviewer's words.
pub fn broken_sentence(service: &Service, b: &Broken) -> String {
    let name = &service.short;
    match b {
        Broken::PostureNotOffered => format!(
            "{name} does not deliver this posture (it delivers {}).",
            service
                .postures
                .iter()
                .map(|p| super::posture_name(*p).to_ascii_lowercase())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Broken::NotOnProvider { place, provider } => format!(
            "{name} runs only in {} regions; {place} is not one.",
            provider.display_name()
        ),
        Broken::TooFewRegions { have, min } => format!(
            "{name} needs at least {} regions; this placement has {}.",
            count_word(u64::from(*min)),
            count_word(*have as u64)
        ),
        Broken::TooManyRegions { have, max } => format!(
            "{name} allows at most {} regions; this placement has {}.",
            count_word(u64::from(*max)),
            count_word(*have as u64)
        ),
        Broken::RegionNotOffered { region } => {
            format!("{name} is not offered in {}.", code(region))
        }
        Broken::WrongCopyCount {
            have,
            copies,
            witness,
        } => {
            let two = count_word(u64::from(copies.saturating_sub(1)));
            let alt = if *witness {
                format!(", or {two} and a witness")
            } else {
                String::new()
            };
            format!(
                "{name} needs exactly {} replicas{alt}; this placement has {}.",
                count_word(u64::from(*copies)),
                count_word(*have as u64)
            )
        }
        Broken::NotInAnySet { region } => {
            let sets = match &service.regions {
                crate::catalog::data::RegionRule::Sets { sets, .. } => sets
                    .iter()
                    .map(|s| format!("{}: {}", s.name, s.regions.join(", ")))
                    .collect::<Vec<_>>()
                    .join("; "),
                _ => String::new(),
            };
            format!(
                "{name} needs all {} replicas in one region set; {} is in none ({sets}).",
                replicas_word(service),
                code(region)
            )
        }
        Broken::AcrossSets { a, a_set, b, b_set } => format!(
            "{name} needs all {} replicas in one region set; {a} and {b} are in different sets ({a_set} and {b_set}).",
            replicas_word(service)
        ),
        Broken::NoConfiguration { closest, missing } => format!(
            "{name} offers only fixed configurations, and none holds every region of this placement; the closest, {closest}, lacks {}.",
            missing.join(", ")
        ),
        Broken::SpanTooWide { a, b, km, max_km } => {
            super::service_figures::span_sentence(service, a, b, *km, *max_km)
        }
        Broken::LeaderNotWritable {
            configuration,
            leader,
        } => format!(
            "In {name} {configuration} the writer must sit in a read-write region; {leader} is not one."
        ),
    }
}

fn replicas_word(service: &Service) -> String {
    match &service.regions {
        crate::catalog::data::RegionRule::Sets { copies, .. } => count_word(u64::from(*copies)),
        _ => "its".to_string(),
    }
}

/// What choosing a fitting service changes: promotion in the RTO, lag in the RPO, the write
/// rule, the conflict rule, and the configuration it uses.
pub fn fit_sentence(fit: &Fit) -> String {
    let e = &fit.effects;
    let mut parts = vec![
        format!("promotion {} in the RTO", figure_duration(&e.promotion_s)),
        if e.rpo_zero {
            "RPO 0 (documented)".to_string()
        } else {
            format!("lag {} in the RPO", figure_ms(&e.lag_ms))
        },
    ];
    match &e.write {
        WriteRule::Posture => {}
        WriteRule::Quorum { .. } => {
            if let Some(v) = &e.voters {
                parts.push(format!(
                    "a write waits for {} of {} voters, {} from outside {}",
                    count_word(u64::from(v.quorum)),
                    count_word(u64::from(v.total)),
                    count_word(u64::from(v.acks_from_other_regions())),
                    code(&v.leader)
                ));
            }
        }
        WriteRule::AllRegions {
            factor, extra_ms, ..
        } => parts.push(format!(
            "a write waits for every region: p99 = {} x the farthest pair's RTT + {}",
            plain(*factor),
            ms(*extra_ms)
        )),
    }
    parts.push(conflict_rule(e.conflict).to_string());
    for l in &fit.layouts {
        if let Some(c) = &l.configuration {
            let mut s = format!("configuration {c}");
            if !l.extra_regions.is_empty() {
                s.push_str(&format!(" (adds {})", l.extra_regions.join(", ")));
            }
            if let Some(d) = &l.default_leader {
                s.push_str(&format!(
                    "; its default leader is {d}: set the leader to the writer"
                ));
            }
            parts.push(s);
        }
        if let Some(w) = &l.witness {
            parts.push(format!("witness in {w}"));
        }
    }
    format!("{}: {}.", fit.service.name, parts.join("; "))
}

/// The published all-regions formula worked for one pair: `2 x 80 ms + 10 ms = 170 ms (p99)`.
pub fn all_regions_formula(factor: f64, rtt_ms: f64, extra_ms: f64, total_ms: f64) -> String {
    format!(
        "{} x {} + {} = {} (p99)",
        plain(factor),
        ms(rtt_ms),
        ms(extra_ms),
        ms(total_ms)
    )
}

/// A regions list in prose: `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The write path under a quorum service, with the voters it waits for and their round
/// trips from the leader: `leader gcp:us-east4; Spanner multi-region nam9: three of five
/// voters, two in us-east4, then the fastest of us-central1 (12 ms) and us-east1 (13 ms)`.
pub fn quorum_write_path(
    leader: &str,
    service: &Service,
    layout: &crate::catalog::Layout,
    v: &crate::catalog::Voters,
    timed: &[(&str, crate::engine::latency::Quantiles)],
    untimed: &[&str],
) -> String {
    let config = layout
        .configuration
        .as_ref()
        .map_or(String::new(), |c| format!(" {c}"));
    let mut s = format!(
        "leader {leader}; {}{config}: {} of {} voters, {} in {}",
        service.short,
        count_word(u64::from(v.quorum)),
        count_word(u64::from(v.total)),
        count_word(u64::from(v.in_leader_region)),
        code(leader)
    );
    let named: Vec<String> = timed
        .iter()
        .map(|(r, q)| format!("{} ({} p50, {} p99)", code(r), ms(q.p50), ms(q.p99)))
        .collect();
    let n = v.wait_regions as usize;
    if n == 0 || named.is_empty() {
        s.push_str(", no other region waited for");
    } else if n >= timed.len() {
        let _ = std::fmt::Write::write_fmt(
            &mut s,
            format_args!(", then every other region: {}", and_list(&named)),
        );
    } else if n == 1 {
        let _ = std::fmt::Write::write_fmt(
            &mut s,
            format_args!(", then the fastest of {}", and_list(&named)),
        );
    } else {
        let _ = std::fmt::Write::write_fmt(
            &mut s,
            format_args!(
                ", then the {} fastest of {}",
                count_word(n as u64),
                and_list(&named)
            ),
        );
    }
    if !untimed.is_empty() {
        let names: Vec<String> = untimed.iter().map(|r| code(r).to_string()).collect();
        let _ = std::fmt::Write::write_fmt(
            &mut s,
            format_args!(
                " ({} not in the latency model, left out of the wait)",
                and_list(&names)
            ),
        );
    }
    s
}

/// The write path under an every-region service, with its published formula worked:
/// `azure:westeurope; Cosmos DB strong consistency: every region acknowledges, 2 x 80 ms +
/// 10 ms = 170 ms (p99) over the farthest pair azure:eastus to azure:westeurope`.
pub fn all_regions_write_path(
    writer: &str,
    short: &str,
    pair: (&str, &str),
    formula: String,
) -> String {
    format!(
        "{writer}; {short}: every region acknowledges, {formula} over the farthest pair {} to {}",
        pair.0, pair.1
    )
}

/// The failover steps of the class's chosen service, for runbooks and playbooks, when the
/// service can take the posture and placement `e` (a misfit is reported elsewhere): its
/// steps, then its promotion time with basis and the page it comes from.
pub fn chosen_service_steps(
    dc: Option<&crate::plan::DataClass>,
    e: &crate::engine::report::Evaluation,
) -> Option<String> {
    let id = dc?.service.as_deref()?;
    let service = crate::catalog::service(id).ok()??;
    let placement = e.placement.as_ref()?;
    crate::catalog::evaluate(service, e.posture, placement).ok()?;
    let p = &service.promotion;
    let time = match p.value {
        Some(_) => format!("{}: {}", figure_duration(p), p.note),
        None => format!("unknown ({}); the engine keeps its own assumption", p.note),
    };
    let source = p
        .source
        .and_then(|i| service.sources.get(i))
        .map_or(String::new(), |s| {
            format!(" Source: {} (read {}).", s.url, s.read)
        });
    Some(format!(
        "With {}: {}. Promotion time {time}.{source}",
        service.name, service.steps
    ))
}

/// Where a chosen service's promotion time comes from, for the RTO's promotion part:
/// `Cosmos DB strong consistency, documented maximum: the data durability table gave ...`.
pub fn promotion_by(service: &Service) -> String {
    format!(
        "{}, {}: {}",
        service.short,
        basis(service.promotion.basis),
        service.promotion.note
    )
}
