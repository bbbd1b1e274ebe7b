//! Met or missed: one rule for every target. A figure meets its target when the figure *as
//! shown* is at most the target as shown, so the page never says "100 ms > budget 100 ms".

/// Slack for floating-point noise after rounding (far below any shown precision).
pub const TOLERANCE: f64 = 1e-9;

/// Does `achieved` meet `target`, both compared as shown by `round` (lower is better)?
pub fn met(achieved: f64, target: f64, round: fn(f64) -> f64) -> bool {
    round(achieved) <= round(target) + TOLERANCE
}

/// How an achieved figure compares with its target.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// No target set for this figure.
    NoTarget,
    /// Within target; the margin left, in the target's unit.
    Met { margin: f64 },
    /// Over target by this much; `None` when the posture does not achieve it at all.
    Missed { by: Option<f64> },
}

/// Compares `achieved` with `target` as shown by `round`.
pub fn verdict(achieved: Option<f64>, target: Option<f64>, round: fn(f64) -> f64) -> Verdict {
    match (achieved, target) {
        (_, None) => Verdict::NoTarget,
        (None, Some(_)) => Verdict::Missed { by: None },
        (Some(a), Some(t)) if met(a, t, round) => Verdict::Met {
            margin: round(t) - round(a),
        },
        (Some(a), Some(t)) => Verdict::Missed {
            by: Some(round(a) - round(t)),
        },
    }
}

/// `achieved / target ✓` (or `✗`) for a table cell, both as shown.
fn against(
    achieved: Option<f64>,
    target: Option<f64>,
    text: fn(f64) -> String,
    round: fn(f64) -> f64,
) -> String {
    let a = achieved.map_or_else(|| "not survived".to_string(), text);
    match target {
        None => format!("{a} / –"),
        Some(t) => {
            let ok = achieved.is_some_and(|v| met(v, t, round));
            format!("{a} / {} {}", text(t), if ok { "✓" } else { "✗" })
        }
    }
}

/// A recovery figure beside its target: `1.1 s / 60 s ✓`.
pub fn duration_against(achieved: Option<f64>, target: Option<f64>) -> String {
    use super::figures::{duration, round_duration};
    against(achieved, target, duration, round_duration)
}

/// A latency beside its budget: `142 ms / 100 ms ✗`.
pub fn ms_against(achieved: Option<f64>, target: Option<f64>) -> String {
    use super::figures::{ms, round_ms};
    against(achieved, target, ms, round_ms)
}

/// A figure checked against its target, ready to show: the state (a CSS class and a word
/// that does not rely on colour), the achieved figure, and a note with the target.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// `met`, `missed` or `none`.
    pub state: &'static str,
    pub achieved: String,
    pub note: String,
}

impl Check {
    fn new(
        achieved: Option<f64>,
        target: Option<f64>,
        text: fn(f64) -> String,
        round: fn(f64) -> f64,
    ) -> Check {
        let a = achieved.map_or_else(|| "not survived".to_string(), text);
        let t = target.map(text).unwrap_or_default();
        let (state, note) = match verdict(achieved, target, round) {
            Verdict::NoTarget => ("none", "no target".to_string()),
            Verdict::Met { .. } => ("met", format!("✓ target {t}")),
            Verdict::Missed { by: Some(by) } => {
                ("missed", format!("✗ target {t}, over by {}", text(by)))
            }
            Verdict::Missed { by: None } => ("missed", format!("✗ target {t}")),
        };
        Check {
            state,
            achieved: a,
            note,
        }
    }

    /// A recovery time or point against its target.
    pub fn duration(achieved: Option<f64>, target: Option<f64>) -> Check {
        use super::figures::{duration, round_duration};
        Check::new(achieved, target, duration, round_duration)
    }

    /// A p99 latency against its budget.
    pub fn ms(achieved: Option<f64>, target: Option<f64>) -> Check {
        use super::figures::{ms, round_ms};
        Check::new(achieved, target, ms, round_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::super::figures::round_ms;
    use super::*;

    #[test]
    fn verdicts_compare_shown_figures() {
        assert_eq!(
            verdict(Some(80.0), Some(100.0), round_ms),
            Verdict::Met { margin: 20.0 }
        );
        assert_eq!(
            verdict(Some(100.4), Some(100.0), round_ms),
            Verdict::Met { margin: 0.0 }
        );
        assert_eq!(
            verdict(Some(142.0), Some(100.0), round_ms),
            Verdict::Missed { by: Some(42.0) }
        );
        assert_eq!(
            verdict(None, Some(60.0), round_ms),
            Verdict::Missed { by: None }
        );
        assert_eq!(verdict(Some(5.0), None, round_ms), Verdict::NoTarget);
    }
}
