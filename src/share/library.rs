//! The browser's library of the user's plans, as pure decisions the UI carries out: each
//! plan is one localStorage entry (`meridian.plan.<id>`: name, last-edited time, the plan as
//! a link payload, which keeps any plan, valid or not, bit for bit). Opening a link adds an
//! entry and never replaces another; a tab's own URL (a reload, even within the save delay)
//! reopens that tab's entry, whose latest edit wins.

use serde::{Deserialize, Serialize};

use super::{decode_plan_unvalidated, encode_plan, payload_of, restore, Restored, Source};
use crate::plan::Plan;

/// The localStorage key prefix of an entry.
pub const ENTRY_PREFIX: &str = "meridian.plan.";
/// The pre-library single autosave: read once, then kept as an entry.
pub const LEGACY_AUTOSAVE_KEY: &str = "meridian.autosave";

/// One saved plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    #[serde(skip)]
    pub id: String,
    pub name: String,
    /// Milliseconds since 1970 of the last save.
    pub edited_ms: f64,
    /// The plan as a link payload ([`encode_plan`]).
    pub plan: String,
}

impl Entry {
    pub fn new(id: String, plan: &Plan, now_ms: f64) -> Entry {
        Entry {
            id,
            name: plan.name.clone(),
            edited_ms: now_ms,
            plan: encode_plan(plan),
        }
    }
    pub fn key(&self) -> String {
        format!("{ENTRY_PREFIX}{}", self.id)
    }
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
    /// The entry stored under `key`, if it is one and reads.
    pub fn from_storage(key: &str, value: &str) -> Option<Entry> {
        let id = key.strip_prefix(ENTRY_PREFIX)?;
        let mut e: Entry = serde_json::from_str(value).ok()?;
        e.id = id.to_string();
        Some(e)
    }
    pub fn open(&self) -> Option<Plan> {
        decode_plan_unvalidated(&self.plan).ok()
    }
}

/// A short fingerprint of a link payload (FNV-1a, 64 bits): a tab remembers the URLs it
/// wrote by these, to tell its own reload from a link opened.
pub fn fingerprint(fragment: &str) -> String {
    let payload = payload_of(fragment);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in payload.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// What to open on page load, and into which entry it is saved.
#[derive(Clone, Debug, PartialEq)]
pub struct Opening {
    pub restored: Restored,
    /// The entry the plan belongs to; `None`: a new entry on the first save.
    pub entry: Option<String>,
    /// Save at once (a link just opened becomes an entry before any edit).
    pub save_now: bool,
}

/// Chooses what to open: `fragment` (the URL's `#…`), this tab's entry (`current`, kept
/// per tab), the fingerprints of the URLs this tab wrote, every entry, the legacy autosave.
pub fn open(
    fragment: Option<&str>,
    current: Option<&Entry>,
    written: &[String],
    entries: &[Entry],
    legacy: Option<&str>,
) -> Opening {
    let link = fragment.filter(|f| {
        let f = f.trim().trim_start_matches('#');
        f.split('&').any(|kv| kv.starts_with(super::FRAGMENT_KEY))
    });
    let mut notice = None;
    if let Some(f) = link {
        let own = current.filter(|_| written.contains(&fingerprint(f)));
        if let Some(plan) = own.and_then(Entry::open) {
            // This tab's own URL: a reload. The entry holds its latest edit.
            return existing(plan, Source::Autosave, own, None);
        }
        match decode_plan_unvalidated(f) {
            Ok(plan) => {
                let payload = encode_plan(&plan);
                let same = entries.iter().find(|e| e.plan == payload);
                return Opening {
                    restored: Restored {
                        plan,
                        source: Source::Link,
                        notice: None,
                    },
                    entry: same.map(|e| e.id.clone()),
                    save_now: same.is_none(),
                };
            }
            Err(e) => notice = Some(e.to_string()),
        }
    }
    let latest = current.or_else(|| {
        entries
            .iter()
            .max_by(|a, b| a.edited_ms.total_cmp(&b.edited_ms))
    });
    if let Some(plan) = latest.and_then(Entry::open) {
        let notice = notice.map(|n| format!("{n} Opened your last saved plan instead."));
        return existing(plan, Source::Autosave, latest, notice);
    }
    // No entry yet: the old single autosave, else the example, into a new entry.
    let restored = restore(None, legacy);
    let notice = match (notice, restored.source) {
        (None, _) => restored.notice.clone(),
        (Some(n), Source::Autosave) => {
            Some(format!("{n} Opened your last autosaved plan instead."))
        }
        (Some(n), _) => Some(format!("{n} Opened the example plan instead.")),
    };
    let save_now = restored.source == Source::Autosave;
    Opening {
        restored: Restored { notice, ..restored },
        entry: None,
        save_now,
    }
}

fn existing(plan: Plan, source: Source, e: Option<&Entry>, notice: Option<String>) -> Opening {
    Opening {
        restored: Restored {
            plan,
            source,
            notice,
        },
        entry: e.map(|e| e.id.clone()),
        save_now: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, plan: &Plan, t: f64) -> Entry {
        Entry::new(id.into(), plan, t)
    }

    fn named(n: &str) -> Plan {
        Plan {
            name: n.into(),
            ..Plan::example()
        }
    }

    #[test]
    fn a_link_becomes_a_new_entry_and_replaces_none() {
        let mine = entry("a", &named("Mine"), 1.0);
        let link = format!("#plan={}", encode_plan(&named("Colleague's")));
        let o = open(
            Some(&link),
            Some(&mine),
            &[],
            std::slice::from_ref(&mine),
            None,
        );
        assert_eq!(o.restored.plan.name, "Colleague's");
        assert_eq!((o.entry, o.save_now), (None, true));
        // The same link again opens its entry rather than a copy.
        let theirs = entry("b", &named("Colleague's"), 2.0);
        let o = open(Some(&link), None, &[], &[mine, theirs], None);
        assert_eq!((o.entry.as_deref(), o.save_now), (Some("b"), false));
    }

    /// Issue 15, item 5: an edit saved within the save delay of a reload, while the URL
    /// still holds the previous version, wins.
    #[test]
    fn a_reload_of_this_tabs_url_opens_its_latest_edit() {
        let stale = format!("#plan={}", encode_plan(&named("Before")));
        let mine = entry("a", &named("After"), 5.0);
        let o = open(Some(&stale), Some(&mine), &[fingerprint(&stale)], &[], None);
        assert_eq!(o.restored.plan.name, "After");
        assert_eq!((o.entry.as_deref(), o.save_now), (Some("a"), false));
    }

    #[test]
    fn without_a_link_the_latest_entry_then_the_legacy_autosave_opens() {
        let old = entry("a", &named("Old"), 1.0);
        let new = entry("b", &named("New"), 9.0);
        let o = open(None, None, &[], &[old, new], None);
        assert_eq!(o.entry.as_deref(), Some("b"));
        let legacy = named("Legacy").to_json_pretty();
        let o = open(Some("#plan=v1.@@"), None, &[], &[], Some(&legacy));
        assert_eq!(
            (o.restored.plan.name.as_str(), o.save_now),
            ("Legacy", true)
        );
        assert!(o
            .restored
            .notice
            .unwrap()
            .ends_with("Opened your last autosaved plan instead."));
    }

    #[test]
    fn entries_round_trip_through_storage_text() {
        let e = entry("k1", &named("X"), 3.0);
        assert_eq!(Entry::from_storage(&e.key(), &e.to_json()), Some(e));
        assert_eq!(Entry::from_storage("other", "{}"), None);
    }
}
