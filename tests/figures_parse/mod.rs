//! Reading shown figures back from text, the way a reviewer would: `1,922`, `$4.20`,
//! `4 min 30 s`, `47 % of writes`. Deliberately independent of `meridian::present`, so the
//! tests check the text, not the formatter against itself.

/// `1,922.5` -> 1922.5.
pub fn number(s: &str) -> f64 {
    s.trim()
        .replace(',', "")
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {s:?}"))
}

/// `$1,922` -> 1922.
pub fn usd(s: &str) -> f64 {
    number(s.trim().trim_start_matches('$'))
}

/// `0 s`, `1.1 s`, `4 min 30 s`, `2 h 5 min`, `1 h` -> seconds.
pub fn duration_s(s: &str) -> f64 {
    let words: Vec<&str> = s.split_whitespace().collect();
    assert!(words.len().is_multiple_of(2), "not a duration: {s:?}");
    words
        .chunks(2)
        .map(|w| {
            let unit = match w[1] {
                "s" => 1.0,
                "min" => 60.0,
                "h" => 3600.0,
                other => panic!("unit {other:?} in {s:?}"),
            };
            number(w[0]) * unit
        })
        .sum()
}

/// The number a text ends with, after a `~`: `loses ~52` -> 52; `None` if there is none.
pub fn number_before(s: &str) -> Option<f64> {
    let tail = s.rsplit('~').next()?;
    if tail.len() == s.len() {
        return None;
    }
    tail.replace(',', "").parse().ok()
}

/// Where the parenthesis already open before `s` closes (nested ones skipped).
pub fn closing(s: &str) -> usize {
    let mut depth = 1;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            return i;
        }
    }
    panic!("not closed: {s:?}")
}

/// A modelled lag's note, `half the p99 round trip 52 ms + 1,000 ms apply delay, assumption`:
/// its two parts must add up to the lag shown before it (`lag_s`) at the lag's precision.
fn check_lag_parts(note: &str, lag_s: f64, at: &str) {
    let Some(rest) = note.split_once(" round trip ").map(|(_, r)| r) else {
        return;
    };
    let (transit, rest) = rest.split_once(" + ").expect("two parts");
    let apply = rest.split_once(" apply delay").expect("an apply delay").0;
    let sum_s = (factor(transit, at, note) + factor(apply, at, note)) * 1000.0;
    // The lag is shown to two significant figures in s or whole ms.
    let tolerance = if lag_s >= 1.0 { 0.05 * lag_s } else { 0.0015 };
    assert!(
        (sum_s / 1000.0 - lag_s).abs() <= tolerance,
        "{at}: {note} adds to {sum_s} ms, the lag shown is {lag_s} s"
    );
}

/// One factor of a shown product: `100 writes/s`, `47 % of writes`, `1.1 s`, `38 ms lag`, `2`,
/// `1,000 records`, `86,400 s/day`, `512 bytes`, `2,592,000 s/month`, `66 GB/month`, `$0.02/GB`.
pub fn factor(f: &str, at: &str, text: &str) -> f64 {
    let f = f.trim();
    // `1.1 s lag (half the p99 round trip 52 ms + 1,000 ms apply delay, assumption)`.
    if let Some((shown, note)) = f.split_once(" lag (") {
        let lag_s = factor(shown, at, text);
        check_lag_parts(note, lag_s, at);
        return lag_s;
    }
    let f = f.strip_suffix(" lag").unwrap_or(f);
    if let Some(n) = ["records", "s/day"]
        .iter()
        .find_map(|unit| f.strip_suffix(&format!(" {unit}")))
    {
        number(n)
    } else if let Some(ms) = f.strip_suffix(" ms") {
        number(ms) / 1000.0
    } else if f
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        number(f)
    } else if let Some(rate) = f.strip_suffix(" writes/s") {
        number(rate)
    } else if let Some((pct, _)) = f.split_once(" % of ") {
        number(pct) / 100.0
    } else if let Some(b) = f.strip_suffix(" bytes") {
        number(b)
    } else if let Some(s) = f.strip_suffix(" s/month") {
        number(s)
    } else if let Some(gb) = f.strip_suffix(" GB/month") {
        number(gb)
    } else if let Some(p) = f.strip_suffix("/GB") {
        usd(p)
    } else if f.ends_with(" s") || f.ends_with(" min") || f.ends_with(" h") {
        duration_s(f)
    } else {
        panic!("{at}: unknown factor {f:?} in {text}")
    }
}

/// A product written with ` x ` and ` / `: `60 writes/s x 2 / 1,000 records x 86,400 s/day`.
pub fn product(factors: &str, at: &str, text: &str) -> f64 {
    let mut value = 1.0;
    for times in factors.split(" x ") {
        let mut parts = times.split(" / ");
        let first = parts.next().unwrap();
        value *= factor(first, at, text);
        for divisor in parts {
            value /= factor(divisor, at, text);
        }
    }
    value
}
