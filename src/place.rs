//! A place: a provider region from the catalog, or a custom place the user adds
//! (an on-premises data centre, another cloud's region, a city where users are).

use serde::{Deserialize, Serialize};

use crate::data::Region;
use crate::geo::LatLon;

/// A custom place given by the user: name, coordinates and jurisdiction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomPlace {
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// Jurisdiction code residency rules bind to (e.g. `DE`, `US`).
    pub jurisdiction: String,
}

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
            Place::Custom(c) => LatLon::new(c.lat, c.lon),
        }
    }

    pub fn jurisdiction(&self) -> &str {
        match self {
            Place::Region(r) => r.jurisdiction,
            Place::Custom(c) => &c.jurisdiction,
        }
    }

    /// `provider:code` for a region, the given name for a custom place.
    pub fn label(&self) -> String {
        match self {
            Place::Region(r) => r.key(),
            Place::Custom(c) => c.name.clone(),
        }
    }
}
