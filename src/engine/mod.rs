//! The planning engine.
