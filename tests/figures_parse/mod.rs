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

/// One factor of a shown product: `100 writes/s`, `47 % of writes`, `1.1 s`, `38 ms lag`, `2`,
/// `1,000 records`, `86,400 s/day`, `512 bytes`, `2,592,000 s/month`, `66 GB/month`, `$0.02/GB`.
pub fn factor(f: &str, at: &str, text: &str) -> f64 {
    let f = f.trim();
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
