//! Residency: where every copy (primary, standby, replica, voter, backup) lives, and whether
//! the class's rule allows it. Residency is a hard constraint: the placement search only
//! considers allowed regions, and this module reports the result copy by copy.

use super::placement::Choice;
use super::report::CopyResidency;
use super::Ctx;
use crate::plan::{DataClass, Residency, ResidencyScope};
use crate::present::jurisdiction as juris_label;

/// May region `r` hold a copy of *all* of `class`'s records?
pub(crate) fn region_allowed(ctx: &Ctx, class: &DataClass, r: usize) -> bool {
    let j = ctx.regions[r].jurisdiction();
    match &class.residency {
        Residency::None => true,
        Residency::Pinned { jurisdictions } => jurisdictions.iter().any(|x| x == j),
        // Every population's records would sit here: allowed only if all share j.
        Residency::PerOwner => (0..ctx.users.len()).all(|u| ctx.user_jurisdiction(u) == j),
    }
}

/// Every copy of a placement with its jurisdiction and compliance. With a primary-only
/// scope, a disaster-recovery copy (standby, backup, a partition's standby) outside the
/// jurisdiction is allowed and marked as such (`outside_for_dr`).
pub(crate) fn copies(ctx: &Ctx, class: &DataClass, c: &Choice) -> Vec<CopyResidency> {
    let dr_free = class.residency_scope == ResidencyScope::PrimaryOnly;
    let mut out = Vec::new();
    let mut push = |role: String, r: usize, inside: bool, dr: bool| {
        out.push(CopyResidency {
            role,
            place: ctx.labels[r].clone(),
            jurisdiction: juris_label(ctx.regions[r].jurisdiction()).to_string(),
            compliant: inside || (dr && dr_free),
            outside_for_dr: !inside && dr && dr_free,
        })
    };
    let all_ok = |r: usize| region_allowed(ctx, class, r);
    if let Some(p) = c.primary {
        push("primary".into(), p, all_ok(p), false);
    }
    if let Some(s) = c.standby {
        push("standby".into(), s, all_ok(s), true);
    }
    for &r in &c.replicas {
        push("replica".into(), r, all_ok(r), false);
    }
    for (i, &v) in c.voters.iter().enumerate() {
        let role = if i == 0 { "voter (leader)" } else { "voter" };
        push(role.into(), v, all_ok(v), false);
    }
    if let Some(b) = c.backup {
        push("backup".into(), b, all_ok(b), true);
    }
    for (u, &(h, s)) in c.homes.iter().enumerate() {
        let ok_for_u = |r: usize| match &class.residency {
            Residency::PerOwner => ctx.regions[r].jurisdiction() == ctx.user_jurisdiction(u),
            _ => region_allowed(ctx, class, r),
        };
        push(
            format!("home of {}", ctx.user_name(u)),
            h,
            ok_for_u(h),
            false,
        );
        if let Some(s) = s {
            push(
                format!("standby for {}", ctx.user_name(u)),
                s,
                ok_for_u(s),
                true,
            );
        }
    }
    out
}
