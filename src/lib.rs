//! Meridian: a multi-region architecture planner.
//!
//! Everything but [`ui`] is pure Rust with no browser imports, so the engine, the data
//! and the exports are tested natively with `cargo test`; the UI only reads derived state.

pub mod catalog;
pub mod charts;
pub mod data;
pub mod engine;
pub mod export;
pub mod geo;
pub mod latency;
pub mod place;
pub mod plan;
pub mod present;
pub mod share;
pub mod sort;
pub mod topology;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod ui;
