//! Parsing what the user types into number fields (pure, so tested natively).

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
}
