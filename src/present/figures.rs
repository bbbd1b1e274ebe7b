//! Units and rounding. Each figure has a `round_*` that returns the value as shown and a
//! formatter that prints exactly that value, so products computed from shown factors
//! (see [`super::product`]) multiply out by hand.

/// `v` rounded to a multiple of `step` (`step` a power of ten or 60).
fn round_to(v: f64, step: f64) -> f64 {
    let r = (v / step).round() * step;
    // Keeps -0 out of the text and 0.30000000000000004 out of later arithmetic.
    if r == 0.0 {
        0.0
    } else {
        (r * 1e6).round() / 1e6
    }
}

/// The digits `{:.0}` prints, from the integer when `v` is whole: `{:.0}` of a whole f64
/// takes core's exact bignum path (`dragon`), which was ~10 % of the example plan's
/// evaluation (docs/benchmarks.md, "Figures formatted").
fn whole_digits(v: f64) -> String {
    // -0.0 prints as "-0": left to the formatter.
    if v.fract() == 0.0 && v.abs() < 1e15 && !(v == 0.0 && v.is_sign_negative()) {
        (v as i64).to_string()
    } else {
        format!("{v:.0}")
    }
}

/// Thousands separators on a whole number: `1922` -> `1,922`.
pub(crate) fn grouped(whole: f64) -> String {
    let digits = whole_digits(whole.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if whole < 0.0 {
        format!("-{out}")
    } else {
        out
    }
}

/// Shortest decimal text of an already-rounded value: `30`, `0.35`, `1,922`.
pub fn plain(v: f64) -> String {
    if !v.is_finite() {
        return "not a number".to_string();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        grouped(v)
    } else {
        let s = format!("{v:.6}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        match s.split_once('.') {
            Some((int, frac)) => format!("{}.{frac}", grouped(int.parse().unwrap_or(0.0))),
            None => s.to_string(),
        }
    }
}

/// Milliseconds as shown: one decimal below 10 ms (cross-AZ figures are ~1.5 ms), whole above.
pub fn round_ms(v: f64) -> f64 {
    round_to(v, if v.abs() < 10.0 { 0.1 } else { 1.0 })
}

/// `1.5 ms`, `142 ms`.
pub fn ms(v: f64) -> String {
    let r = round_ms(v);
    if r.abs() < 10.0 {
        format!("{r:.1} ms")
    } else {
        format!("{} ms", grouped(r))
    }
}

/// Seconds as shown: 0.1 s below 10 s, whole seconds below an hour, whole minutes above.
pub fn round_duration(s: f64) -> f64 {
    if s.abs() < 10.0 {
        round_to(s, 0.1)
    } else if s.abs() < 3600.0 {
        round_to(s, 1.0)
    } else {
        round_to(s, 60.0)
    }
}

/// A duration for people: `0 s`, `1.1 s`, `45 s`, `4 min 30 s`, `2 h 5 min`.
pub fn duration(s: f64) -> String {
    if !s.is_finite() {
        return "unbounded".to_string();
    }
    let r = round_duration(s);
    if r == 0.0 {
        "0 s".to_string()
    } else if r < 10.0 {
        format!("{r:.1} s")
    } else if r < 120.0 {
        format!("{} s", whole_digits(r))
    } else if r < 3600.0 {
        let (m, rest) = ((r / 60.0).floor(), r % 60.0);
        if rest == 0.0 {
            format!("{} min", whole_digits(m))
        } else {
            format!("{} min {} s", whole_digits(m), whole_digits(rest))
        }
    } else {
        let (h, m) = ((r / 3600.0).floor(), ((r % 3600.0) / 60.0).round());
        if m == 0.0 {
            format!("{} h", whole_digits(h))
        } else {
            format!("{} h {} min", whole_digits(h), whole_digits(m))
        }
    }
}

/// A recovery figure: `None` means the class does not come back until the region returns.
pub fn recovery(s: Option<f64>) -> String {
    s.map_or_else(|| "not survived".to_string(), duration)
}

/// An optional duration target: `60 s`, or `none` when the class has no such target.
pub fn duration_target(v: Option<f64>) -> String {
    v.map_or_else(|| "none".to_string(), duration)
}

/// An optional latency budget: `150 ms`, or `none`.
pub fn ms_budget(v: Option<f64>) -> String {
    v.map_or_else(|| "none".to_string(), ms)
}

/// Dollars as shown: cents below $10, whole dollars above (list prices are not exact to
/// the cent, and a monthly bill of thousands shown in cents is false precision).
pub fn round_usd(v: f64) -> f64 {
    round_to(v, if v.abs() < 10.0 { 0.01 } else { 1.0 })
}

/// `$4.20`, `$1,922`.
pub fn usd(v: f64) -> String {
    let r = round_usd(v);
    let sign = if r < 0.0 { "-" } else { "" };
    if r.abs() < 10.0 {
        format!("{sign}${:.2}", r.abs())
    } else {
        format!("{sign}${}", grouped(r.abs()))
    }
}

/// `$1,922/month`.
pub fn usd_month(v: f64) -> String {
    format!("{}/month", usd(v))
}

/// A share (0..1) as shown, as a fraction: whole percent, one decimal below 10 %.
pub fn round_share(f: f64) -> f64 {
    let pct = f * 100.0;
    round_to(pct, if pct.abs() < 10.0 { 0.1 } else { 1.0 }) / 100.0
}

/// `47 %`, `4.5 %`, `100 %`.
pub fn percent(f: f64) -> String {
    format!("{} %", plain(round_share(f) * 100.0))
}

/// Two significant figures below 100, whole numbers above: for counts and rates whose
/// size varies by orders of magnitude (writes lost, conflicts per day, writes/s).
pub fn round_sig(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    if v.abs() >= 100.0 {
        return v.round();
    }
    let mag = v.abs().log10().floor();
    round_to(v, 10f64.powf(mag - 1.0))
}

/// A count of writes: `~110 writes`, `~0.5 writes`, `0 writes`.
pub fn writes(n: f64) -> String {
    let r = round_sig(n);
    if r == 0.0 {
        "0 writes".to_string()
    } else {
        format!("~{} writes", plain(r))
    }
}

/// A rate: `100 writes/s`, `0.5 writes/s`.
pub fn writes_per_s(v: f64) -> String {
    format!("{} writes/s", plain(round_sig(v)))
}

/// Reads per second, same rounding as writes.
pub fn reads_per_s(v: f64) -> String {
    format!("{} reads/s", plain(round_sig(v)))
}

/// An expected count, two significant figures: `~0.032`, `~1,728`, `0`.
pub fn approx_count(v: f64) -> String {
    let r = round_sig(v);
    if r == 0.0 {
        "0".to_string()
    } else {
        format!("~{}", plain(r))
    }
}

/// Expected conflicting writes per day: `~0.032 conflicting writes/day`.
pub fn conflicts_per_day(v: f64) -> String {
    format!("{} conflicting writes/day", approx_count(v))
}

/// Gigabytes: one decimal below 10, whole above.
pub fn round_gb(v: f64) -> f64 {
    round_to(v, if v.abs() < 10.0 { 0.1 } else { 1.0 })
}

/// `12.5 GB`, `1,200 GB`.
pub fn gb(v: f64) -> String {
    format!("{} GB", plain(round_gb(v)))
}

/// A cost multiple: `1.52x`.
pub fn round_multiple(v: f64) -> f64 {
    round_to(v, 0.01)
}

/// `1.52x`.
pub fn multiple(v: f64) -> String {
    format!("{:.2}x", round_multiple(v))
}

/// VM-equivalents, one decimal: `6.5 VMs`.
pub fn vms(v: f64) -> String {
    format!("{} VM-equivalents", plain(round_to(v, 0.1)))
}

/// An error statistic already in percent, one decimal: `6.0 %` (the model's error bands).
pub fn error_pct(pct: f64) -> String {
    format!("{pct:.1} %")
}

/// A probability as a percentage with one decimal where it matters: `33 %`, `99.9 %`.
pub fn probability(p: f64) -> String {
    let pct = p * 100.0;
    if (1.0..99.0).contains(&pct) {
        format!("{pct:.0} %")
    } else {
        format!("{} %", plain(round_to(pct, 0.1)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_people_write_them_and_round_once() {
        assert_eq!(duration(0.0), "0 s");
        assert_eq!(duration(1.14), "1.1 s");
        assert_eq!(duration(0.25), "0.3 s");
        assert_eq!(duration(90.0), "90 s");
        assert_eq!(duration(270.0), "4 min 30 s");
        assert_eq!(duration(600.0), "10 min");
        assert_eq!(duration(4.0 * 3600.0), "4 h");
        assert_eq!(duration(3600.0 + 330.0), "1 h 6 min");
        assert_eq!(recovery(None), "not survived");
        assert_eq!(round_duration(1.14), 1.1);
    }

    #[test]
    fn whole_numbers_group_as_float_formatting_would_print_them() {
        // The integer path must print what `{:.0}` printed, at every size up to its limit.
        let mut v = 1.0f64;
        while v < 2e15 {
            for w in [v - 1.0, v, v + 1.0, v * 7.0, -v, 0.5 * v, v + 0.5] {
                assert_eq!(whole_digits(w), format!("{w:.0}"), "{w}");
                let digits = format!("{:.0}", w.abs());
                assert_eq!(grouped(w).replace([',', '-'], ""), digits, "{w}");
                assert_eq!(grouped(w).starts_with('-'), w < 0.0, "{w}");
            }
            v *= 3.0;
        }
        assert_eq!(grouped(1_234_567.0), "1,234,567");
        assert_eq!(grouped(-0.0), "0");
        assert_eq!(whole_digits(-0.0), "-0");
    }

    #[test]
    fn money_has_one_form() {
        assert_eq!(usd(1922.4), "$1,922");
        assert_eq!(usd_month(1922.4), "$1,922/month");
        assert_eq!(usd(999.6), "$1,000");
        assert_eq!(usd(2.123), "$2.12");
        assert_eq!(usd(1234567.4), "$1,234,567");
    }

    #[test]
    fn counts_shares_and_rates() {
        assert_eq!(writes(110.0), "~110 writes");
        assert_eq!(writes(0.0), "0 writes");
        assert_eq!(writes(0.4712), "~0.47 writes");
        assert_eq!(conflicts_per_day(0.0321), "~0.032 conflicting writes/day");
        assert_eq!(conflicts_per_day(1728.3), "~1,728 conflicting writes/day");
        assert_eq!(percent(0.47), "47 %");
        assert_eq!(percent(0.045), "4.5 %");
        assert_eq!(percent(1.0), "100 %");
        assert_eq!(writes_per_s(500.0), "500 writes/s");
        assert_eq!(ms(1.46), "1.5 ms");
        assert_eq!(ms(142.4), "142 ms");
        assert_eq!(ms(1234.0), "1,234 ms");
        assert_eq!(gb(1200.4), "1,200 GB");
        assert_eq!(multiple(1.519), "1.52x");
        assert_eq!(plain(12345.5), "12,345.5");
        assert_eq!(plain(0.35), "0.35");
    }
}
