//! Number parsing and display shared by the UI's form fields (pure, so tested natively).

/// Parses a number field; `Ok(None)` for an empty optional field.
pub fn parse_number(raw: &str, optional: bool, min: f64, max: f64) -> Result<Option<f64>, String> {
    let t = raw.trim();
    if t.is_empty() {
        return if optional {
            Ok(None)
        } else {
            Err("a number is required".into())
        };
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= min && v <= max => Ok(Some(v)),
        Ok(_) => Err(format!("allowed: {min} to {max}")),
        Err(_) => Err(format!("{t:?} is not a number")),
    }
}

/// Shortest display of a number: no trailing `.0` noise, no exponent for everyday values.
pub fn fmt_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A duration for people: `0 s`, `45 s`, `4 min 10 s`, `3.2 h`; `None` reads "not survived"
/// because the engine uses `None` for "does not recover until the region returns".
pub fn fmt_duration_s(v: Option<f64>) -> String {
    let Some(s) = v else {
        return "not survived".to_string();
    };
    if !s.is_finite() {
        "unbounded".to_string()
    } else if s == 0.0 {
        "0 s".to_string()
    } else if s < 1.0 {
        format!("{s:.2} s")
    } else if s < 120.0 {
        format!("{s:.0} s")
    } else if s < 3600.0 {
        let m = (s / 60.0).floor();
        match (s - 60.0 * m).round() {
            0.0 => format!("{m:.0} min"),
            rest => format!("{m:.0} min {rest:.0} s"),
        }
    } else {
        format!("{:.1} h", s / 3600.0)
    }
}

/// US dollars per month, to the dollar (cents would be false precision for list prices).
pub fn fmt_usd(v: f64) -> String {
    let whole = v.round() as i64;
    let digits = whole.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{}${out}", if whole < 0 { "-" } else { "" })
}

/// Milliseconds, whole above 10 ms, one decimal below (cross-AZ figures are ~1.5 ms).
pub fn fmt_ms(v: f64) -> String {
    if v < 10.0 {
        format!("{v:.1} ms")
    } else {
        format!("{v:.0} ms")
    }
}

/// How an achieved figure compares with its target, for "achieved beside target" displays.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// No target set for this figure.
    NoTarget,
    /// Within target; the margin left, in the target's unit.
    Met { margin: f64 },
    /// Over target by this much; `None` when the posture does not achieve it at all.
    Missed { by: Option<f64> },
}

/// Compares `achieved` with `target` (lower is better for every figure Meridian checks).
pub fn verdict(achieved: Option<f64>, target: Option<f64>) -> Verdict {
    match (achieved, target) {
        (_, None) => Verdict::NoTarget,
        (None, Some(_)) => Verdict::Missed { by: None },
        (Some(a), Some(t)) if a <= t => Verdict::Met { margin: t - a },
        (Some(a), Some(t)) => Verdict::Missed { by: Some(a - t) },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parse_with_range_and_optional_empty() {
        assert_eq!(parse_number(" 30 ", false, 0.0, 100.0), Ok(Some(30.0)));
        assert_eq!(parse_number("", true, 0.0, 100.0), Ok(None));
        assert_eq!(
            parse_number("", false, 0.0, 1.0),
            Err("a number is required".into())
        );
        assert_eq!(
            parse_number("abc", false, 0.0, 1.0),
            Err("\"abc\" is not a number".into())
        );
        assert_eq!(
            parse_number("5", false, 0.0, 1.0),
            Err("allowed: 0 to 1".into())
        );
    }

    #[test]
    fn numbers_display_without_noise() {
        assert_eq!(fmt_number(30.0), "30");
        assert_eq!(fmt_number(0.35), "0.35");
    }

    #[test]
    fn durations_money_and_ms_read_as_people_write_them() {
        assert_eq!(fmt_duration_s(None), "not survived");
        assert_eq!(fmt_duration_s(Some(0.0)), "0 s");
        assert_eq!(fmt_duration_s(Some(0.25)), "0.25 s");
        assert_eq!(fmt_duration_s(Some(600.0)), "10 min");
        assert_eq!(fmt_duration_s(Some(90.0)), "90 s");
        assert_eq!(fmt_duration_s(Some(250.0)), "4 min 10 s");
        assert_eq!(fmt_duration_s(Some(4.0 * 3600.0)), "4.0 h");
        assert_eq!(fmt_usd(1234567.4), "$1,234,567");
        assert_eq!(fmt_usd(999.6), "$1,000");
        assert_eq!(fmt_ms(1.5), "1.5 ms");
        assert_eq!(fmt_ms(142.4), "142 ms");
    }

    #[test]
    fn verdicts_compare_lower_is_better() {
        assert_eq!(
            verdict(Some(80.0), Some(100.0)),
            Verdict::Met { margin: 20.0 }
        );
        assert_eq!(
            verdict(Some(142.0), Some(100.0)),
            Verdict::Missed { by: Some(42.0) }
        );
        assert_eq!(verdict(None, Some(60.0)), Verdict::Missed { by: None });
        assert_eq!(verdict(Some(5.0), None), Verdict::NoTarget);
    }
}
