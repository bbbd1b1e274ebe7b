//! Sentences shown in more than one place (the UI, the markdown, the CLI), written once.

use super::figures::{multiple, usd_month};
use crate::engine::report::Totals;

/// `Total $1,922/month, 1.45x the single-region cost of $1,326/month.`
pub fn totals_sentence(t: &Totals) -> String {
    format!(
        "Total {}, {} the single-region cost of {}.",
        usd_month(t.monthly_cost_usd),
        multiple(t.cost_multiple),
        usd_month(t.single_region_monthly_cost_usd)
    )
}
