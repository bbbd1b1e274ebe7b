//! From posture to product: the catalog's services that can deliver a class's chosen posture
//! on the plan's providers and placement, and the class's own choice of service, whose
//! published promotion time and replication lag replace the engine's assumptions.

use serde::{Deserialize, Serialize};

use super::report::{Evaluation, Placement, Requirement, Violation};
use super::Ctx;
use super::Posture;
use crate::catalog::{self, Fit, Misfit};
use crate::data::Provider;
use crate::plan::{DataClass, Plan};

pub(crate) mod after;
mod place;
mod write;
use crate::present as show;
pub(crate) use place::search;

/// One service against the chosen posture and placement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceOption {
    pub id: String,
    pub name: String,
    /// Whether it can take this placement.
    pub fits: bool,
    /// What it changes in the numbers, or the constraint it breaks, in words.
    pub message: String,
    /// Where the facts come from and when they were read.
    pub sources: Vec<String>,
}

/// The providers whose regions the plan lists.
fn providers(plan: &Plan) -> Vec<Provider> {
    let mut out: Vec<Provider> = plan
        .regions
        .iter()
        .filter_map(|r| catalog::units::split(&r.label()).map(|(p, _)| p))
        .collect();
    out.sort_by_key(|p| p.slug());
    out.dedup();
    out
}

fn sources(s: &catalog::Service) -> Vec<String> {
    s.sources
        .iter()
        .map(|x| format!("{} (read {})", x.url, x.read))
        .collect()
}

fn option_of(r: Result<Fit, Misfit>) -> ServiceOption {
    match r {
        Ok(f) => ServiceOption {
            id: f.service.id.clone(),
            name: f.service.name.clone(),
            fits: true,
            message: f.message,
            sources: sources(f.service),
        },
        Err(m) => ServiceOption {
            id: m.service.id.clone(),
            name: m.service.name.clone(),
            fits: false,
            message: m.message,
            sources: sources(m.service),
        },
    }
}

/// The services for `e` (the chosen posture) on the plan's providers: fits first.
pub(crate) fn options(plan: &Plan, e: &Evaluation) -> Vec<ServiceOption> {
    let Some(placement) = &e.placement else {
        return Vec::new();
    };
    let Ok(o) = catalog::options(e.posture, &providers(plan), placement) else {
        return Vec::new();
    };
    o.fits
        .into_iter()
        .map(Ok)
        .chain(o.misfits.into_iter().map(Err))
        .map(option_of)
        .collect()
}

/// The class's chosen service when it can deliver `posture` on `placement`.
pub(crate) fn chosen_fit(
    class: &DataClass,
    posture: Posture,
    placement: &Placement,
) -> Option<Fit> {
    let service = catalog::service(class.service.as_deref()?).ok()??;
    catalog::evaluate(service, posture, placement).ok()
}

/// `e` evaluated with the class's chosen service: a service that cannot take the placement
/// breaks applicability (with the constraint in words); one that can replaces the RTO's
/// promotion part with its published time, the RPO with 0 when it acknowledges only
/// replicated writes, and each population's write with the service's write rule (its
/// voters or every region, see [`write`]), where the catalog knows them. Unknown figures
/// keep the assumptions. Every target is then checked again with the new figures.
pub(crate) fn apply_choice(ctx: &Ctx, class: &DataClass, mut e: Evaluation) -> Evaluation {
    let (Some(id), Some(placement)) = (&class.service, &e.placement) else {
        return e;
    };
    let service = match catalog::service(id) {
        Ok(Some(s)) => s,
        _ => {
            e.violations.push(Violation {
                requirement: Requirement::Applicability,
                target: None,
                achieved: None,
                by: None,
                message: format!(
                    "{id:?} is not in the technology catalog (see `meridian technologies`)"
                ),
            });
            return e;
        }
    };
    match catalog::evaluate(service, e.posture, placement) {
        Err(m) => e.violations.push(Violation {
            requirement: Requirement::Applicability,
            target: None,
            achieved: None,
            by: None,
            message: m.message,
        }),
        Ok(fit) => {
            let writes = write::writes(ctx, placement, &fit);
            if let (Some(rto), Some(p)) = (e.rto.as_mut(), fit.effects.promotion_s.value) {
                rto.promotion_s = show::round_duration(p);
                rto.promotion_by = Some(show::technology::promotion_by(service));
                let (before, after) = (e.rto_s, rto.total_s());
                e.rto_s = Some(after);
                if let Some(before) = before.filter(|b| *b > 0.0 && *b != after) {
                    recovery_in_outages(&mut e.outages, before, after);
                }
            }
            if fit.effects.rpo_zero && e.rpo_s.is_some() {
                e.rpo_s = Some(0.0);
            }
            for (l, w) in e.latency.iter_mut().zip(writes) {
                if let Some(w) = w {
                    l.write_p50_ms = w.write.p50;
                    l.write_p99_ms = w.write.p99;
                    l.write_path = w.path;
                }
            }
            e.violations = super::evaluate_posture::violations(class, e.posture, &e);
        }
    }
    e
}

/// The region losses that took the whole RTO (the writer's) now take the service's: their
/// downtime and the duration in their sentence. Losses that recover otherwise (a replica
/// re-route, a voter) keep theirs.
fn recovery_in_outages(outages: &mut [super::report::Outage], before: f64, after: f64) {
    let (was, now) = (show::duration(before), show::duration(after));
    for o in outages.iter_mut().filter(|o| o.downtime_s == Some(before)) {
        o.downtime_s = Some(after);
        o.effect = o
            .effect
            .replace(&format!(" in {was}"), &format!(" in {now}"));
    }
}
