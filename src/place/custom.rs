//! A place the user adds by coordinates (an on-premises site, a city where users are), and
//! its plan JSON shape.

use serde::{Deserialize, Serialize};

use crate::geo::LatLon;

/// A custom place: coordinates, and optionally a name and a jurisdiction the user set.
/// Without them both come from the coordinates ([`CustomPlace::label`],
/// [`CustomPlace::jurisdiction`]), so moving the place can never leave a stale one behind.
/// In JSON (plan version 2) the jurisdiction in force is always written, with where it came
/// from: `{"lat": -33.87, "lon": 151.21, "jurisdiction": "AU", "jurisdiction_from":
/// "coordinates"}` (see `docs/plan-format.md`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "CustomPlaceJson", into = "CustomPlaceJson")]
pub struct CustomPlace {
    /// The user's name for the place ("Frankfurt DC"); `None`: named from the coordinates.
    pub name: Option<String>,
    pub lat: f64,
    pub lon: f64,
    /// A jurisdiction code the user chose (e.g. `DE`, `US-GOV`); `None`: from the coordinates.
    pub jurisdiction_override: Option<String>,
}

impl CustomPlace {
    /// A place known only by its coordinates: name and jurisdiction follow them.
    pub fn at(lat: f64, lon: f64) -> CustomPlace {
        CustomPlace {
            name: None,
            lat,
            lon,
            jurisdiction_override: None,
        }
    }

    pub fn location(&self) -> LatLon {
        LatLon::new(self.lat, self.lon)
    }

    /// The jurisdiction residency rules bind to: the user's override, else the one at the
    /// coordinates ([`crate::geo::jurisdiction_at`]).
    pub fn jurisdiction(&self) -> &str {
        match &self.jurisdiction_override {
            Some(j) => j,
            None => crate::geo::jurisdiction_at(self.location()),
        }
    }

    /// The user's name, else the nearest catalog city or "lat, lon" ([`crate::geo::place_label`]).
    pub fn label(&self) -> String {
        match &self.name {
            Some(n) => n.clone(),
            None => crate::geo::place_label(self.location()),
        }
    }

    /// Moves the place: a name the user gave belonged to the old spot, so it goes; a
    /// jurisdiction the user set stays (it is a choice about law, not about the spot).
    pub fn move_to(&mut self, lat: f64, lon: f64) {
        if (lat, lon) != (self.lat, self.lon) {
            self.name = None;
        }
        self.lat = lat;
        self.lon = lon;
    }
}

/// Where a place's jurisdiction in the plan JSON came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum JurisdictionFrom {
    /// Derived from `lat`/`lon`; the written code is for readers and is recomputed on load.
    Coordinates,
    /// Set by the user; kept whatever the coordinates say.
    User,
}

/// The JSON shape of a custom place (plan version 2; version 1 wrote the same fields
/// without `jurisdiction_from`, and `name` and `jurisdiction` always).
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CustomPlaceJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    lat: f64,
    lon: f64,
    #[serde(default)]
    jurisdiction: Option<String>,
    /// Absent with a `jurisdiction`: the code was written by a person, so it is theirs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    jurisdiction_from: Option<JurisdictionFrom>,
}

impl From<CustomPlaceJson> for CustomPlace {
    fn from(j: CustomPlaceJson) -> CustomPlace {
        let jurisdiction_override = match (j.jurisdiction, j.jurisdiction_from) {
            (Some(code), None | Some(JurisdictionFrom::User)) if !code.trim().is_empty() => {
                Some(code)
            }
            _ => None,
        };
        CustomPlace {
            name: j.name,
            lat: j.lat,
            lon: j.lon,
            jurisdiction_override,
        }
    }
}

impl From<CustomPlace> for CustomPlaceJson {
    fn from(c: CustomPlace) -> CustomPlaceJson {
        let from = if c.jurisdiction_override.is_some() {
            JurisdictionFrom::User
        } else {
            JurisdictionFrom::Coordinates
        };
        CustomPlaceJson {
            jurisdiction: Some(c.jurisdiction().to_string()),
            jurisdiction_from: Some(from),
            name: c.name,
            lat: c.lat,
            lon: c.lon,
        }
    }
}
