//! Exports of a report: markdown (decisions, reasons, rejected postures).

pub mod markdown;
