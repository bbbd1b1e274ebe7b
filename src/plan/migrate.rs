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
//!
//! Every plan, of any version, is read with its jurisdiction codes in capitals: codes are
//! case-insensitive ("eu" is `EU`), as the catalog and the page write them.

use super::{PlaceRef, Plan, Residency, PLAN_VERSION};
use crate::place::CustomPlace;

impl Plan {
    /// The plan in the current format, its jurisdiction codes in capitals; a plan of
    /// another version than 1 is otherwise returned as it is (validation reports a version
    /// it cannot read).
    pub fn migrate(mut self) -> Plan {
        self.capitalise_jurisdictions();
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

impl Plan {
    /// Jurisdiction codes as the catalog writes them: trimmed, in capitals.
    fn capitalise_jurisdictions(&mut self) {
        let code = |j: &mut String| *j = j.trim().to_ascii_uppercase();
        let places = self
            .regions
            .iter_mut()
            .chain(self.users.iter_mut().map(|u| &mut u.place));
        let hints = self
            .data_classes
            .iter_mut()
            .flat_map(|d| d.home_hints.iter_mut());
        for p in places.chain(hints) {
            if let PlaceRef::Custom(CustomPlace {
                jurisdiction_override: Some(j),
                ..
            }) = p
            {
                code(j);
            }
        }
        for d in &mut self.data_classes {
            if let Residency::Pinned { jurisdictions } = &mut d.residency {
                jurisdictions.iter_mut().for_each(code);
            }
        }
    }
}
