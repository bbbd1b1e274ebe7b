//! A place: a provider region from the catalog, or a custom place the user adds
//! (an on-premises data centre, another cloud's region, a city where users are).

use crate::data::Region;
use crate::geo::LatLon;

mod custom;

pub use custom::{CustomPlace, JurisdictionFrom};

/// Anything between which the latency model can give a round-trip time.
#[derive(Clone, Debug, PartialEq)]
pub enum Place {
    Region(&'static Region),
    Custom(CustomPlace),
}

impl Place {
    pub fn location(&self) -> LatLon {
        match self {
            Place::Region(r) => r.location(),
            Place::Custom(c) => c.location(),
        }
    }

    pub fn jurisdiction(&self) -> &str {
        match self {
            Place::Region(r) => r.jurisdiction,
            Place::Custom(c) => c.jurisdiction(),
        }
    }

    /// `provider:code` for a region; for a custom place its name, else the nearest catalog
    /// city or "lat, lon" ([`CustomPlace::label`]).
    pub fn label(&self) -> String {
        match self {
            Place::Region(r) => r.key(),
            Place::Custom(c) => c.label(),
        }
    }
}

/// Why a string is not a place. Every message names the input and the accepted forms,
/// and, for an unknown region, the closest catalog matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlaceError {
    /// Nothing was given.
    Empty,
    /// `provider:code` with a provider other than `aws`, `gcp`, `azure`.
    UnknownProvider { input: String, provider: String },
    /// A provider we know, but no region of that code in the catalog.
    UnknownRegion {
        input: String,
        suggestions: Vec<String>,
    },
    /// `lat,lon` that does not parse or is out of range (latitude ±90, longitude ±180).
    BadCoordinates { input: String, reason: String },
    /// Neither form (e.g. a bare region code); `suggestions` holds catalog keys that match.
    Unrecognised {
        input: String,
        suggestions: Vec<String>,
    },
}

/// The accepted forms, appended to every error message.
pub const PLACE_FORMS: &str =
    "a place is provider:code (e.g. aws:us-east-1, gcp:europe-west1, azure:westeurope) or lat,lon (e.g. 50.11,8.68)";

fn suggestion_tail(s: &[String]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", s.join(", "))
    }
}

impl std::fmt::Display for PlaceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlaceError::Empty => write!(f, "empty place: {PLACE_FORMS}"),
            PlaceError::UnknownProvider { input, provider } => write!(
                f,
                "unknown provider {provider:?} in {input:?} (providers: aws, gcp, azure): {PLACE_FORMS}"
            ),
            PlaceError::UnknownRegion { input, suggestions } => write!(
                f,
                "unknown region {input:?}{}\n{PLACE_FORMS}",
                suggestion_tail(suggestions)
            ),
            PlaceError::BadCoordinates { input, reason } => {
                write!(f, "bad coordinates {input:?}: {reason}; {PLACE_FORMS}")
            }
            PlaceError::Unrecognised { input, suggestions } => write!(
                f,
                "not a place: {input:?}{}\n{PLACE_FORMS}",
                suggestion_tail(suggestions)
            ),
        }
    }
}

impl std::error::Error for PlaceError {}

/// Levenshtein distance on bytes (codes and names are ASCII); small strings only.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Up to five catalog keys close to `query` (a code, optionally restricted to a provider):
/// the codes at the smallest edit distance (if within a third of the length, at least 2),
/// then regions whose city or name contains the query.
pub fn close_matches(query: &str, provider: Option<crate::data::Provider>) -> Vec<String> {
    let q = query.to_ascii_lowercase();
    let mut scored: Vec<(usize, String)> = crate::data::regions()
        .iter()
        .filter(|r| provider.is_none_or(|p| r.provider == p))
        .filter_map(|r| {
            let d = edit_distance(&q, r.code);
            let textual = q.len() >= 3
                && (r.city.to_ascii_lowercase().contains(&q)
                    || r.name.to_ascii_lowercase().contains(&q));
            let limit = (q.len() / 3).max(2);
            if d <= limit {
                Some((d, r.key()))
            } else if textual {
                Some((limit + 1, r.key()))
            } else {
                None
            }
        })
        .collect();
    crate::sort::sort_by(&mut scored, Ord::cmp);
    let best = scored.first().map_or(0, |s| s.0);
    let textual_rank = (q.len() / 3).max(2) + 1;
    scored
        .into_iter()
        .filter(|s| s.0 == best || s.0 == textual_rank)
        .take(5)
        .map(|s| s.1)
        .collect()
}

fn parse_coordinates(input: &str) -> Result<Place, PlaceError> {
    let bad = |reason: &str| PlaceError::BadCoordinates {
        input: input.to_string(),
        reason: reason.to_string(),
    };
    let (lat, lon) = input
        .split_once(',')
        .ok_or_else(|| bad("expected lat,lon"))?;
    let lat: f64 = lat
        .trim()
        .parse()
        .map_err(|_| bad("latitude is not a number"))?;
    let lon: f64 = lon
        .trim()
        .parse()
        .map_err(|_| bad("longitude is not a number"))?;
    if !(-90.0..=90.0).contains(&lat) {
        return Err(bad("latitude must be within -90..90"));
    }
    if !(-180.0..=180.0).contains(&lon) {
        return Err(bad("longitude must be within -180..180"));
    }
    // Name and jurisdiction follow the coordinates.
    Ok(Place::Custom(CustomPlace::at(lat, lon)))
}

impl Place {
    /// Parses `provider:code` (a catalog region) or `lat,lon` (a custom place whose name and
    /// jurisdiction come from the coordinates). Case-insensitive for the provider and code.
    pub fn parse(input: &str) -> Result<Place, PlaceError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(PlaceError::Empty);
        }
        if let Some((prov, code)) = s.split_once(':') {
            let prov_l = prov.trim().to_ascii_lowercase();
            let code_l = code.trim().to_ascii_lowercase();
            let Some(p) = crate::data::Provider::from_slug(&prov_l) else {
                return Err(PlaceError::UnknownProvider {
                    input: s.to_string(),
                    provider: prov.to_string(),
                });
            };
            return match crate::data::find_region(p, &code_l) {
                Some(r) => Ok(Place::Region(r)),
                None => Err(PlaceError::UnknownRegion {
                    input: s.to_string(),
                    suggestions: close_matches(&code_l, Some(p)),
                }),
            };
        }
        let looks_numeric = s
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '+' | ' '));
        if s.contains(',') || looks_numeric {
            return parse_coordinates(s);
        }
        Err(PlaceError::Unrecognised {
            input: s.to_string(),
            suggestions: close_matches(s, None),
        })
    }
}

impl std::str::FromStr for Place {
    type Err = PlaceError;
    fn from_str(s: &str) -> Result<Place, PlaceError> {
        Place::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_regions_and_coordinates() {
        assert_eq!(
            Place::parse("aws:us-east-1").unwrap().label(),
            "aws:us-east-1"
        );
        assert_eq!(
            Place::parse(" Azure:WestEurope ").unwrap().label(),
            "azure:westeurope"
        );
        let p = Place::parse("50.11, 8.68").unwrap();
        assert_eq!(p.location(), LatLon::new(50.11, 8.68));
        assert_eq!(p.jurisdiction(), "EU");
        assert_eq!(p.label(), "Frankfurt, DE");
    }

    #[test]
    fn unknown_region_message_lists_close_matches() {
        let e = Place::parse("aws:us-east-9").unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("unknown region \"aws:us-east-9\"; did you mean aws:us-east-1, aws:us-east-2?\n{PLACE_FORMS}")
        );
    }

    #[test]
    fn unknown_provider_message() {
        let e = Place::parse("oci:us-ashburn-1").unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("unknown provider \"oci\" in \"oci:us-ashburn-1\" (providers: aws, gcp, azure): {PLACE_FORMS}")
        );
    }

    #[test]
    fn bad_coordinates_message() {
        let e = Place::parse("95,10").unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("bad coordinates \"95,10\": latitude must be within -90..90; {PLACE_FORMS}")
        );
        assert!(matches!(
            Place::parse("1,x"),
            Err(PlaceError::BadCoordinates { .. })
        ));
    }

    #[test]
    fn bare_code_suggests_the_provider_key() {
        match Place::parse("westeurope").unwrap_err() {
            PlaceError::Unrecognised { suggestions, .. } => {
                assert_eq!(
                    suggestions.first().map(String::as_str),
                    Some("azure:westeurope")
                )
            }
            e => panic!("{e:?}"),
        }
        assert_eq!(Place::parse("  "), Err(PlaceError::Empty));
    }

    #[test]
    fn city_names_are_matched() {
        let m = close_matches("frankfurt", None);
        assert!(m.contains(&"aws:eu-central-1".to_string()), "{m:?}");
    }

    #[test]
    fn edit_distance_basics() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
