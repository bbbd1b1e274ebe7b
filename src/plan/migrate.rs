//! Version 1 plans (files, autosaves, links) into the current format.
//!
//! Version 1 wrote every custom place with a fixed `name` and `jurisdiction`, and the v1 UI
//! kept both when a population was moved (a population placed in Sydney stayed "São
//! Paulo", `BR`). Version 2 derives both from the coordinates unless the user set them. A
//! v1 plan is read as follows:
//!
//! * a jurisdiction that names a country (an ISO 3166-1 alpha-2 code in the country map, or
//!   `EU`) was a claim about where the place is, which the coordinates now decide: it becomes
//!   derived. Where it was right the result is the same code (tested on every v1 fixture and
//!   example); where it was stale it is corrected;
//! * any other code (`US-GOV`, a company's own zone) cannot come from coordinates, so it was
//!   a choice: it stays, as the user's override; an empty one (v1: unknown) becomes derived;
//! * a population's place name becomes derived (the population keeps its own name); a
//!   custom region keeps the name the user gave the site.

use super::{PlaceRef, Plan, PLAN_VERSION};
use crate::place::CustomPlace;

impl Plan {
    /// The plan in the current format; a plan of another version than 1 is returned as it
    /// is (validation reports a version it cannot read).
    pub fn migrate(mut self) -> Plan {
        if self.version != 1 {
            return self;
        }
        let claims = |c: &mut CustomPlace| {
            let derived = c
                .jurisdiction_override
                .as_deref()
                .is_none_or(|j| j.trim().is_empty() || crate::geo::is_country_code(j));
            if derived {
                c.jurisdiction_override = None;
            }
        };
        let places = self.regions.iter_mut().chain(
            self.data_classes
                .iter_mut()
                .flat_map(|d| d.home_hints.iter_mut()),
        );
        for p in places {
            if let PlaceRef::Custom(c) = p {
                claims(c);
            }
        }
        for u in &mut self.users {
            if let PlaceRef::Custom(c) = &mut u.place {
                claims(c);
                c.name = None;
            }
        }
        self.version = PLAN_VERSION;
        self
    }
}
