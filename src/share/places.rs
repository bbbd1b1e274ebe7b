//! How a place is written in a link: the one part of the wire form that differs between
//! link versions 1 and 2 (`super::wire` shares the rest).

use serde::{Deserialize, Serialize};

use super::wire::{num, Num};
use crate::place::CustomPlace;
use crate::plan::PlaceRef;

/// A place's wire form.
pub(crate) trait WirePlace: Sized {
    fn write(p: &PlaceRef) -> Self;
    fn read(self) -> PlaceRef;
}

/// Version 1 (frozen): a custom place always had a name and a jurisdiction (empty: unknown).
/// Read as the user's name and override; [`crate::plan::Plan::migrate`] then decides which
/// of them the coordinates replace.
#[derive(Serialize, Deserialize)]
pub(crate) enum PlaceV1 {
    Key(String),
    Custom {
        name: String,
        lat: Num,
        lon: Num,
        jurisdiction: String,
    },
}

impl WirePlace for PlaceV1 {
    fn write(p: &PlaceRef) -> Self {
        match p {
            PlaceRef::Key(k) => PlaceV1::Key(k.clone()),
            PlaceRef::Custom(c) => PlaceV1::Custom {
                name: c.label(),
                lat: num(c.lat),
                lon: num(c.lon),
                jurisdiction: c.jurisdiction().to_string(),
            },
        }
    }

    fn read(self) -> PlaceRef {
        match self {
            PlaceV1::Key(k) => PlaceRef::Key(k),
            PlaceV1::Custom {
                name,
                lat,
                lon,
                jurisdiction,
            } => PlaceRef::custom(&name, lat.get(), lon.get(), &jurisdiction),
        }
    }
}

/// Version 2: a custom place's name and jurisdiction are the user's, if any; absent ones
/// follow the coordinates (nothing derived is written, so a link cannot carry a stale one).
#[derive(Serialize, Deserialize)]
pub(crate) enum PlaceV2 {
    Key(String),
    Custom {
        name: Option<String>,
        lat: Num,
        lon: Num,
        jurisdiction_override: Option<String>,
    },
}

impl WirePlace for PlaceV2 {
    fn write(p: &PlaceRef) -> Self {
        match p {
            PlaceRef::Key(k) => PlaceV2::Key(k.clone()),
            PlaceRef::Custom(c) => PlaceV2::Custom {
                name: c.name.clone(),
                lat: num(c.lat),
                lon: num(c.lon),
                jurisdiction_override: c.jurisdiction_override.clone(),
            },
        }
    }

    fn read(self) -> PlaceRef {
        match self {
            PlaceV2::Key(k) => PlaceRef::Key(k),
            PlaceV2::Custom {
                name,
                lat,
                lon,
                jurisdiction_override,
            } => PlaceRef::Custom(CustomPlace {
                name,
                lat: lat.get(),
                lon: lon.get(),
                jurisdiction_override,
            }),
        }
    }
}
