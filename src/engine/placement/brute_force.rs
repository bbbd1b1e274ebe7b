//! Every placement enumerated, no shortcuts: the reference the search is tested against.

use std::cmp::Ordering;

use super::{objective, Choice, Objective};
use crate::engine::posture::Posture;
use crate::engine::Ctx;
use crate::plan::{DataClass, Ownership};

/// Returns the best objective (placements with equal objectives are interchangeable).
pub(crate) fn brute_force(ctx: &Ctx, class: &DataClass, posture: Posture) -> Option<Objective> {
    let allowed = ctx.allowed(class);
    let n_users = ctx.users.len();
    let mut best: Option<Objective> = None;
    let mut consider = |c: Choice| {
        let o = objective(ctx, class, posture, &c);
        if best.is_none_or(|b| o.compare(&b) == Ordering::Less) {
            best = Some(o);
        }
    };
    let hinted = ctx.hinted(class, &allowed);
    let subsets = |items: &[usize]| -> Vec<Vec<usize>> {
        (1u32..(1 << items.len()))
            .map(|m| {
                items
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| m & (1 << i) != 0)
                    .map(|(_, &r)| r)
                    .collect()
            })
            .collect()
    };
    match posture {
        Posture::SingleRegion
        | Posture::BackupRestore
        | Posture::PilotLight
        | Posture::WarmStandby
        | Posture::SyncStandby => {
            let dr = ctx.dr_allowed(class);
            if allowed.is_empty() || (posture != Posture::SingleRegion && dr.len() < 2) {
                return None;
            }
            for &p in &hinted {
                if posture == Posture::SingleRegion {
                    consider(Choice {
                        primary: Some(p),
                        ..Choice::default()
                    });
                }
                for &s in dr.iter().filter(|&&s| s != p) {
                    consider(Choice {
                        primary: Some(p),
                        standby: Some(s),
                        backup: Some(s),
                        ..Choice::default()
                    });
                }
            }
        }
        Posture::ReadLocalWriteGlobal => {
            if allowed.len() < 2 {
                return None;
            }
            for &p in &hinted {
                let others: Vec<usize> = allowed.iter().copied().filter(|&r| r != p).collect();
                for reps in subsets(&others) {
                    consider(Choice {
                        primary: Some(p),
                        replicas: reps,
                        ..Choice::default()
                    });
                }
            }
        }
        Posture::ActiveActivePartitioned => {
            if class.ownership == Ownership::Shared {
                return None;
            }
            let per_user: Vec<Vec<usize>> = (0..n_users)
                .map(|u| ctx.hinted(class, &ctx.allowed_for_user(class, u)))
                .collect();
            if per_user.iter().any(|v| v.is_empty()) {
                return None;
            }
            let mut idx = vec![0usize; n_users];
            loop {
                consider(Choice {
                    homes: (0..n_users).map(|u| (per_user[u][idx[u]], None)).collect(),
                    ..Choice::default()
                });
                let mut k = 0;
                while k < n_users {
                    idx[k] += 1;
                    if idx[k] < per_user[k].len() {
                        break;
                    }
                    idx[k] = 0;
                    k += 1;
                }
                if k == n_users {
                    break;
                }
            }
        }
        Posture::ActiveActiveMultiWriter => {
            if allowed.len() < 2 {
                return None;
            }
            for ws in subsets(&allowed) {
                if ws.len() >= 2 {
                    consider(Choice {
                        replicas: ws,
                        ..Choice::default()
                    });
                }
            }
        }
        Posture::GlobalConsensus => {
            if allowed.len() < 3 {
                return None;
            }
            for &l in &hinted {
                for &a in &allowed {
                    for &b in &allowed {
                        if a != l && b != l && a != b {
                            consider(Choice {
                                voters: vec![l, a, b],
                                ..Choice::default()
                            });
                        }
                    }
                }
            }
        }
    }
    best
}
