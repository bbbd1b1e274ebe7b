//! The user's own bill as shown: its lines' labels, a posture's cost scaled from it with
//! lines that add up to the shown total, how each line was scaled, and the sentence saying
//! the costs come from it.

use super::super::figures::{grouped, plain, round_usd, usd_month};
use crate::engine::cost::baseline::{BaselineBill, ScaledBill};

/// The form's label of a line of today's bill, by its plan field name.
pub fn bill_line_label(field: &str) -> Option<&'static str> {
    Some(match field {
        "compute_usd" => "Today's compute bill",
        "database_usd" => "Today's database bill",
        "storage_usd" => "Today's storage bill",
        "network_usd" => "Today's network bill",
        "platform_usd" => "Today's platform/other bill",
        _ => return None,
    })
}

/// The lines of a scaled bill as shown: whole dollars that add up to the total as shown
/// (largest-remainder rounding: the line whose rounding moved it most absorbs the
/// difference, at most a dollar or two), in cents when the total is under $10.
pub fn shown_lines(b: &BaselineBill) -> [f64; 5] {
    let exact = b.lines().map(|(_, v)| v);
    let total = round_usd(b.total_usd());
    if total < 10.0 {
        return exact.map(|v| (v * 100.0).round() / 100.0);
    }
    let mut shown = exact.map(f64::round);
    let diff = total - shown.iter().sum::<f64>();
    if diff != 0.0 {
        // The line whose rounding went furthest against the difference takes it.
        let k = (0..5)
            .max_by(|&i, &j| {
                let r = |k: usize| (exact[k] - shown[k]) * diff.signum();
                r(i).total_cmp(&r(j))
            })
            .unwrap_or(0);
        shown[k] += diff;
    }
    shown
}

fn dollars(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("${}", grouped(v))
    } else {
        format!("${v:.2}")
    }
}

/// `costs $2,300/month scaled from your bill = compute $1,200 + database $800 + storage
/// $150 + network $90 + platform/other $60` (the lines add up to the total as shown).
pub fn scaled_bill_reason(s: &ScaledBill, mult: &str) -> String {
    let l = shown_lines(&s.bill);
    format!(
        "costs {}{mult} scaled from your bill = compute {} + database {} + storage {} + network {} + platform/other {}",
        usd_month(s.bill.total_usd()),
        dollars(l[0]),
        dollars(l[1]),
        dollars(l[2]),
        dollars(l[3]),
        dollars(l[4]),
    )
}

/// How each line of the bill was scaled: `x1.95` (posture / single region at list
/// prices), or `+ $12 at list prices` where single region has none of it.
pub fn scaling_reason(s: &ScaledBill) -> String {
    let line = |what: &str, ratio: Option<f64>| match ratio {
        Some(r) => format!(
            "{what} x{}",
            plain(super::super::figures::round_multiple(r))
        ),
        None => format!("{what}: your bill plus its list price (single region has none)"),
    };
    format!(
        "your bill scaled line by line by the bill of materials (this posture / single region, both at list prices): {}, {}, {}, {}; network: your bill plus {} of cross-region replication at list prices",
        line("compute", s.compute_ratio),
        line("database", s.database_ratio),
        line("storage and backups", s.storage_ratio),
        line("platform/other", s.platform_ratio),
        usd_month(s.added_transfer_usd)
    )
}

/// The sentence saying the costs are scaled from the plan's bill.
pub fn bill_basis(bill: &BaselineBill) -> String {
    let l = shown_lines(bill);
    format!(
        "Costs are scaled from your bill of {} (today, one region: compute {}, database {}, storage {}, network {}, platform/other {}), line by line by each posture's bill of materials at list prices.",
        usd_month(bill.total_usd()),
        dollars(l[0]),
        dollars(l[1]),
        dollars(l[2]),
        dollars(l[3]),
        dollars(l[4])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_lines_add_up_to_the_shown_total() {
        let b = BaselineBill {
            compute_usd: 100.4,
            database_usd: 100.4,
            storage_usd: 100.4,
            network_usd: 0.0,
            platform_usd: 0.0,
        };
        // 301.2 is shown $301: 100 + 100 + 100 would be $300, so one line shows $101.
        assert_eq!(shown_lines(&b).iter().sum::<f64>(), 301.0);
        let whole = BaselineBill {
            compute_usd: 1200.0,
            database_usd: 800.0,
            storage_usd: 150.0,
            network_usd: 90.0,
            platform_usd: 60.0,
        };
        assert_eq!(shown_lines(&whole), [1200.0, 800.0, 150.0, 90.0, 60.0]);
        assert_eq!(
            bill_basis(&whole),
            "Costs are scaled from your bill of $2,300/month (today, one region: compute $1,200, database $800, storage $150, network $90, platform/other $60), line by line by each posture's bill of materials at list prices."
        );
    }
}
