//! Exports of a plan and its report: the markdown document (decisions, checklist,
//! runbooks, region-loss playbooks, details, assumptions, sources), and the JSON files the
//! app downloads.

pub mod checklist;
pub mod escape;
pub mod markdown;
pub mod playbook;
pub mod runbook;

pub use markdown::document;

use crate::engine::report::Report;
use crate::plan::{validate, Plan, PlanErrors, PlanParseError};

/// The report as pretty JSON (the same as `meridian report --format json`).
pub fn report_json(report: &Report) -> String {
    // A report is plain data (strings, numbers, vectors); serde_json cannot fail on it.
    serde_json::to_string_pretty(report).unwrap_or_default()
}

/// The plan as pretty JSON: the file `meridian report PLAN.json` reads.
pub fn plan_json(plan: &Plan) -> String {
    plan.to_json_pretty()
}

/// Why an uploaded plan file was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum UploadError {
    /// Larger than [`MAX_UPLOAD_BYTES`].
    TooLarge { len: usize, max: usize },
    /// Not JSON, or not the plan format (with the field path).
    Parse(PlanParseError),
    /// A plan that fails [`validate`].
    Invalid(PlanErrors),
}

impl std::fmt::Display for UploadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UploadError::TooLarge { len, max } => write!(
                f,
                "The file is {} KiB; a plan file is at most {} KiB.",
                len.div_ceil(1024),
                max / 1024
            ),
            UploadError::Parse(e) => write!(f, "The file is not a Meridian plan: {e}."),
            UploadError::Invalid(e) => write!(f, "The plan in the file is not valid: {e}"),
        }
    }
}

impl std::error::Error for UploadError {}

/// Largest plan file accepted on upload (a 12-class plan is about 8 KiB of JSON).
pub const MAX_UPLOAD_BYTES: usize = 1024 * 1024;

/// The text without a leading UTF-8 byte-order mark: editors on Windows add one, and a
/// plan file is accepted with or without it everywhere (upload, autosave, CLI).
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Reads an uploaded plan file: the JSON the CLI reads, validated.
pub fn plan_from_upload(text: &str) -> Result<Plan, UploadError> {
    let plan = plan_from_file(text)?;
    validate(&plan).map_err(UploadError::Invalid)?;
    Ok(plan)
}

/// Reads a plan file without [`validate`]: a half-edited plan opens as it is, with its
/// problems shown (what the UI's upload does). Never [`UploadError::Invalid`].
pub fn plan_from_file(text: &str) -> Result<Plan, UploadError> {
    if text.len() > MAX_UPLOAD_BYTES {
        return Err(UploadError::TooLarge {
            len: text.len(),
            max: MAX_UPLOAD_BYTES,
        });
    }
    Plan::from_json(strip_bom(text)).map_err(UploadError::Parse)
}
