//! The documented limits of a plan (docs/plan-format.md, "Limits"). The counts keep the
//! largest allowed plan under a second in a browser (the engine is about cubic in regions and
//! linear in classes and populations); the numeric ranges keep every total finite.

use std::fmt;

use serde::Serialize;

/// Most candidate regions.
pub const MAX_REGIONS: usize = 24;
/// Most user populations.
pub const MAX_USERS: usize = 12;
/// Most data classes.
pub const MAX_CLASSES: usize = 16;
/// Most jurisdictions a pinned class lists.
pub const MAX_JURISDICTIONS: usize = 16;
/// Most overrides in each of the price book's four maps.
pub const MAX_PRICE_OVERRIDES: usize = 64;
/// Longest name of a user population, a data class or a custom place (characters).
pub const MAX_NAME_CHARS: usize = 120;
/// Longest plan title (characters).
pub const MAX_PLAN_NAME_CHARS: usize = 200;
/// Longest jurisdiction code or price-override key (characters).
pub const MAX_CODE_CHARS: usize = 32;

/// The numbers a field accepts: from `min` (excluded when `min_open`) to `max` (included).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Range {
    pub min: f64,
    pub min_open: bool,
    pub max: f64,
    /// Only whole numbers.
    pub whole: bool,
    /// The field may be `null` (none).
    pub optional: bool,
}

impl Range {
    const fn closed(min: f64, max: f64) -> Range {
        Range {
            min,
            min_open: false,
            max,
            whole: false,
            optional: false,
        }
    }
    const fn above(min: f64, max: f64) -> Range {
        Range {
            min_open: true,
            ..Range::closed(min, max)
        }
    }
    const fn or_null(self) -> Range {
        Range {
            optional: true,
            ..self
        }
    }

    /// Whether `v` is allowed (never NaN or an infinity).
    pub fn contains(&self, v: f64) -> bool {
        let low = if self.min_open {
            v > self.min
        } else {
            v >= self.min
        };
        v.is_finite() && low && v <= self.max && (!self.whole || v.fract() == 0.0)
    }
}

impl fmt::Display for Range {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (min, max) = (self.min, self.max);
        match (self.whole, self.min_open) {
            (true, _) => write!(f, "an integer from {min} to {max}")?,
            (false, true) => write!(f, "a number > {min} and <= {max}")?,
            (false, false) => write!(f, "a number from {min} to {max}")?,
        }
        if self.optional {
            f.write_str(", or null")?;
        }
        Ok(())
    }
}

/// One year in seconds: the longest recovery target.
const YEAR_S: f64 = 31_536_000.0;
const DAY_S: f64 = 86_400.0;

/// The range of a numeric field, by its name (the path's last segment; a price map's name).
pub fn range_of(name: &str) -> Option<Range> {
    Some(match name {
        "share" => Range::above(0.0, 1.0),
        "rpo_s" | "rto_s" => Range::closed(0.0, YEAR_S).or_null(),
        "write_p99_budget_ms" | "read_p99_budget_ms" => Range::above(0.0, 60_000.0).or_null(),
        "writes_per_s" => Range::closed(0.0, 1e8),
        "reads_per_s" => Range::closed(0.0, 1e9),
        // A record is at least a byte: smaller sizes make the record count (data / size) overflow.
        "record_bytes" => Range::closed(1.0, 1e8),
        "data_gb" => Range::closed(0.0, 1e8),
        "keys" => Range::closed(1.0, 1e15).or_null(),
        "dns_ttl_s" | "resolver_overstay_s" | "cache_warmup_s" => Range::closed(0.0, DAY_S),
        "health_check_interval_s" => Range::above(0.0, 3_600.0),
        "health_check_failure_threshold" => Range {
            whole: true,
            ..Range::closed(1.0, 10.0)
        },
        "manual_promotion_min" => Range::closed(0.0, 10_080.0),
        "backup_interval_min" => Range::above(0.0, 43_200.0),
        "transfer_usd_per_gb" | "internet_egress_usd_per_gb" => Range::closed(0.0, 100.0),
        "storage_usd_per_gb_month" => Range::closed(0.0, 100.0),
        "vm_usd_per_month" => Range::closed(0.0, 1_000_000.0),
        // Today's bill, per line (USD/month): a billion keeps every scaled total finite.
        "compute_usd" | "database_usd" | "storage_usd" | "network_usd" | "platform_usd" => {
            Range::closed(0.0, 1e9)
        }
        _ => return None,
    })
}
