//! The plan: one serde type describing places, users, operations and data classes.
