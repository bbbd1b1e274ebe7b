//! Why a plan link did not open. Every variant's `Display` is one sentence a user can act
//! on; the UI shows it and falls back to the autosaved plan or the example
//! (see [`super::restore`]).

use std::fmt;

use crate::plan::PlanErrors;

/// A plan link that cannot be opened.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkError {
    /// Nothing after `#plan=`.
    Empty,
    /// Longer than [`super::MAX_LINK_CHARS`]; refused before any decoding, so a hostile link
    /// costs nothing.
    TooLong { len: usize, max: usize },
    /// No `v<number>.` prefix: this is not a Meridian plan link.
    MissingVersion,
    /// A `v<number>.` prefix this build does not read (a link from a newer Meridian).
    UnknownVersion {
        found: u32,
        supported: &'static [u32],
    },
    /// A character that URL-safe base64 does not use, at byte `offset` of the payload.
    NotBase64 { offset: usize },
    /// The payload ends early: the link was cut off (copied partly, or by a chat client).
    Truncated,
    /// The payload decodes as base64 but the compressed body is damaged (bad deflate stream
    /// or checksum mismatch): a character was changed.
    Corrupt,
    /// The body would unpack to more than `max` bytes (a decompression bomb, or not ours).
    TooLarge { max: usize },
    /// The body unpacks but is not a plan of this version: the detail says where it failed.
    Malformed(String),
    /// The plan decodes but fails [`crate::plan::validate`].
    Invalid(PlanErrors),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Empty => write!(f, "The plan link is empty: there is no plan after #plan=."),
            LinkError::TooLong { len, max } => write!(
                f,
                "The plan link is too long ({len} characters; at most {max} are accepted), so it was not opened."
            ),
            LinkError::MissingVersion => write!(
                f,
                "This is not a Meridian plan link: it should start with a version such as \"v3.\"."
            ),
            LinkError::UnknownVersion { found, supported } => {
                let list: Vec<String> = supported.iter().map(|v| format!("v{v}")).collect();
                // v0 never existed: only a newer build explains a higher number.
                let why = if supported.iter().all(|v| v < found) {
                    "it was probably made by a newer version"
                } else {
                    "no version of Meridian wrote it; it may be damaged"
                };
                write!(
                    f,
                    "This plan link uses format v{found}, which this version of Meridian cannot read (it reads {}); {why}.",
                    list.join(", ")
                )
            }
            LinkError::NotBase64 { offset } => write!(
                f,
                "The plan link is damaged: character {} of the plan data is not one a link can contain.",
                offset + 1
            ),
            LinkError::Truncated => write!(
                f,
                "The plan link is incomplete: it looks cut off; copy the whole link and try again."
            ),
            LinkError::Corrupt => write!(
                f,
                "The plan link is damaged: its data does not pass the integrity check; copy the whole link again."
            ),
            LinkError::TooLarge { max } => write!(
                f,
                "The plan link unpacks to more than {} KiB, more than any plan needs, so it was not opened.",
                max / 1024
            ),
            LinkError::Malformed(detail) => write!(
                f,
                "The plan link does not contain a readable plan ({detail})."
            ),
            LinkError::Invalid(errs) => {
                let first = errs.0.first().map(|e| e.to_string()).unwrap_or_default();
                match errs.0.len() {
                    0 | 1 => write!(f, "The plan in the link is not valid: {first}."),
                    n => write!(
                        f,
                        "The plan in the link is not valid: {first} (and {} more problem{}).",
                        n - 1,
                        if n == 2 { "" } else { "s" }
                    ),
                }
            }
        }
    }
}

impl std::error::Error for LinkError {}
