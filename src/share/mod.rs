//! Plan links: the whole plan in the URL fragment (`…/#plan=v3.eNq…`), which browsers never
//! send to a server.
//!
//! A link payload is `v<version>.<base64url(zlib(postcard(wire plan)))>`; the format is
//! described in `docs/share-link.md`. Decoding never panics: every failure is a
//! [`LinkError`] whose message the UI can show before it falls back to the last autosaved
//! plan or the example ([`restore`]).
//!
//! ```
//! use meridian::plan::Plan;
//! use meridian::share::{decode_plan, encode_plan};
//! let plan = Plan::example();
//! let link = encode_plan(&plan);
//! assert!(link.starts_with("v3."));
//! assert_eq!(decode_plan(&format!("#plan={link}")), Ok(plan));
//! ```

mod codec;
mod error;
pub mod library;
mod places;
mod wire;

#[cfg(test)]
mod tests_extras;

pub use error::LinkError;

use crate::plan::{validate, Plan};

/// The format version [`encode_plan`] writes.
pub const CURRENT_VERSION: u32 = 3;

/// Every format version [`decode_plan`] reads (old links keep opening; a v1 link's plan is
/// migrated with [`Plan::migrate`]).
pub const SUPPORTED_VERSIONS: &[u32] = &[1, 2, 3];

/// The fragment key the UI puts before the payload: `#plan=v3.…`.
pub const FRAGMENT_KEY: &str = "plan=";

/// Longest link payload accepted (characters). A typical plan is well under 1,000; 64 KiB
/// is far more than any real plan, and is checked before any decoding work.
pub const MAX_LINK_CHARS: usize = 64 * 1024;

/// Most bytes a payload may unpack to: caps a decompression bomb (a tiny link that would
/// inflate to gigabytes) at 1 MiB.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The link payload for a plan (put it after `#plan=`). Any plan encodes, valid or not, so
/// the UI can share work in progress; every number round-trips bit for bit.
pub fn encode_plan(plan: &Plan) -> String {
    let wire = wire::PlanWire::<places::PlaceV2>::from(plan);
    // Serialising plain structs, strings, vectors and integers into a Vec cannot fail.
    let mut body = postcard::to_allocvec(&wire).unwrap_or_default();
    // Format 3: the format-2 body, then the fields added since.
    body.extend(postcard::to_allocvec(&wire::Extras::of(plan)).unwrap_or_default());
    format!("v{CURRENT_VERSION}.{}", codec::pack(&body))
}

/// Opens a link: the payload, with or without a leading `#plan=`, `plan=` or `#`, or a whole
/// URL with the payload in its fragment (other `&`-separated fragment parameters are
/// ignored). Whitespace (a link wrapped by an email client) is
/// ignored. The plan must pass [`validate`]; see [`decode_plan_unvalidated`] to open work in
/// progress.
pub fn decode_plan(link: &str) -> Result<Plan, LinkError> {
    let plan = decode_plan_unvalidated(link)?;
    validate(&plan).map_err(LinkError::Invalid)?;
    Ok(plan)
}

/// Like [`decode_plan`] without the final [`validate`]: exactly the plan that was encoded,
/// even if it was invalid (a plan being edited).
pub fn decode_plan_unvalidated(link: &str) -> Result<Plan, LinkError> {
    if link.len() > MAX_LINK_CHARS + 1024 {
        // Refuse before allocating: the prefix and whitespace cannot explain this much.
        return Err(LinkError::TooLong {
            len: link.len(),
            max: MAX_LINK_CHARS,
        });
    }
    let payload = payload_of(link);
    if payload.len() > MAX_LINK_CHARS {
        return Err(LinkError::TooLong {
            len: payload.len(),
            max: MAX_LINK_CHARS,
        });
    }
    if payload.is_empty() {
        return Err(LinkError::Empty);
    }
    let (version, data) = split_version(&payload)?;
    match version {
        1 => decode_body::<places::PlaceV1>(data, false).map(Plan::migrate),
        // `migrate` also reads jurisdiction codes in capitals ("eu" is EU).
        2 => decode_body::<places::PlaceV2>(data, false).map(Plan::migrate),
        3 => decode_body::<places::PlaceV2>(data, true).map(Plan::migrate),
        found => Err(LinkError::UnknownVersion {
            found,
            supported: SUPPORTED_VERSIONS,
        }),
    }
}

/// The plan in a payload's data (after `v<n>.`), written with places of type `P`, followed
/// (format 3 on) by the fields added since format 2.
fn decode_body<P>(data: &str, extras: bool) -> Result<Plan, LinkError>
where
    P: places::WirePlace + serde::de::DeserializeOwned,
{
    let body = codec::unpack(data, MAX_BODY_BYTES)?;
    let malformed = |e: postcard::Error| match e {
        postcard::Error::DeserializeUnexpectedEnd => LinkError::Truncated,
        other => LinkError::Malformed(other.to_string()),
    };
    let (wire, rest) = postcard::take_from_bytes::<wire::PlanWire<P>>(&body).map_err(malformed)?;
    let (extras, rest) = if extras {
        wire::Extras::take(rest).map_err(malformed)?
    } else {
        (wire::Extras::default(), rest)
    };
    if !rest.is_empty() {
        return Err(LinkError::Malformed(format!(
            "{} unexpected bytes after the plan",
            rest.len()
        )));
    }
    let mut plan = wire.into_plan().map_err(LinkError::Malformed)?;
    extras.apply(&mut plan).map_err(LinkError::Malformed)?;
    Ok(plan)
}

/// The payload without URL, `#`, `plan=` or whitespace.
fn payload_of(link: &str) -> String {
    let mut s = link.trim();
    if let Some((_, frag)) = s.split_once('#') {
        s = frag;
    }
    // The fragment may carry other parameters too: `plan=v1.…&tab=cost`.
    let s = s
        .split('&')
        .find_map(|kv| kv.trim_start().strip_prefix(FRAGMENT_KEY))
        .unwrap_or(s);
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `v12.rest` -> `(12, "rest")`.
fn split_version(payload: &str) -> Result<(u32, &str), LinkError> {
    let rest = payload.strip_prefix('v').ok_or(LinkError::MissingVersion)?;
    let (num, data) = rest.split_once('.').ok_or(LinkError::MissingVersion)?;
    if num.is_empty() || num.len() > 9 || !num.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LinkError::MissingVersion);
    }
    let version = num.parse().map_err(|_| LinkError::MissingVersion)?;
    Ok((version, data))
}

/// Where the plan the UI opened came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The link in the URL.
    Link,
    /// The plan autosaved in this browser.
    Autosave,
    /// The built-in example ([`Plan::example`]).
    Example,
}

/// The plan to show on page load, where it came from, and what to tell the user if a link
/// or the autosave could not be used.
#[derive(Clone, Debug, PartialEq)]
pub struct Restored {
    pub plan: Plan,
    pub source: Source,
    /// A sentence for a banner, e.g. "The plan link is incomplete: … Opened your last
    /// autosaved plan instead."; `None` when nothing went wrong.
    pub notice: Option<String>,
}

/// Chooses the plan to open: the link in `fragment` (the URL's `#…`, if it holds
/// `plan=`), else the autosave (plan JSON, or a link payload), else the example. A link or
/// autosave that reads but does not validate is opened as it is (work in progress travels;
/// the UI shows its problems, and the engine never sees it). A link or autosave that cannot
/// be read never yields a blank page: it yields the next source and a notice.
pub fn restore(fragment: Option<&str>, autosave: Option<&str>) -> Restored {
    let mut notice = None;
    if let Some(f) = fragment {
        let f = f.trim().trim_start_matches('#');
        if f.split('&').any(|kv| kv.starts_with(FRAGMENT_KEY)) {
            match decode_plan_unvalidated(f) {
                Ok(plan) => {
                    return Restored {
                        plan,
                        source: Source::Link,
                        notice: None,
                    }
                }
                Err(e) => notice = Some(e.to_string()),
            }
        }
    }
    if let Some(saved) = autosave.map(str::trim).filter(|s| !s.is_empty()) {
        // The autosave is the user's own work in progress: a plan that parses but does not
        // validate yet (shares not summing to 1 mid-edit) is restored as it was, and the UI
        // shows its problems, rather than being thrown away for the example.
        let parsed = if saved.starts_with(['{', '\u{feff}']) {
            Plan::from_json(crate::export::strip_bom(saved)).ok()
        } else {
            decode_plan_unvalidated(saved).ok()
        };
        if let Some(plan) = parsed {
            return Restored {
                plan,
                source: Source::Autosave,
                notice: notice.map(|n| format!("{n} Opened your last autosaved plan instead.")),
            };
        }
        let n = notice.map_or(String::new(), |n| format!("{n} "));
        notice = Some(format!("{n}The autosaved plan could not be read either."));
    }
    Restored {
        plan: Plan::example(),
        source: Source::Example,
        notice: notice.map(|n| format!("{n} Opened the example plan instead.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_is_found_in_urls_fragments_and_wrapped_text() {
        assert_eq!(payload_of("https://x.dev/app/#plan=v1.ab"), "v1.ab");
        assert_eq!(payload_of("#plan=v1.ab"), "v1.ab");
        assert_eq!(payload_of("plan=v1.ab"), "v1.ab");
        assert_eq!(payload_of("  v1.a\n b "), "v1.ab");
        assert_eq!(payload_of("#tab=cost&plan=v1.ab&x=1"), "v1.ab");
        assert_eq!(payload_of("#plan=v1.ab&tab=cost"), "v1.ab");
    }

    #[test]
    fn version_prefix_is_strict() {
        assert_eq!(split_version("v1.x"), Ok((1, "x")));
        assert_eq!(split_version("v12.x"), Ok((12, "x")));
        for bad in ["1.x", "v.x", "v1x", "v+1.x", "v99999999999.x", "vé.x"] {
            assert_eq!(split_version(bad), Err(LinkError::MissingVersion), "{bad}");
        }
    }
}
