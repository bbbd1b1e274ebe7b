//! The presentation layer: the one place that turns engine figures into text. The engine's
//! reasons, the UI, the markdown, the report JSON's sentences and the CLI all call it, so a
//! figure is rounded once, by one rule, and reads the same wherever it is shown.
//!
//! * [`carbon`]: grid intensity, CFE % and emissions, or "no data";
//! * [`cost`]: replication transfer as products, the user's bill and costs scaled from it;
//! * [`figures`]: units and rounding (ms, durations, money, shares, counts, rates, GB);
//! * [`product`]: products and sums shown with every factor, computed from the shown factors;
//! * [`names`]: posture names, requirement names, residency wording, place labels;
//! * [`operations`]: each operations setting's source, and each RTO part with the setting
//!   behind it;
//! * [`problems`]: plan problems in the form's words and units;
//! * [`progress`]: how far an evaluation off the main thread is;
//! * [`sentences`]: whole sentences shown in more than one place (totals);
//! * [`technology`]: the technology catalog's figures, constraints and formulas in words;
//! * [`verdict`]: the single tolerance that decides "met" or "missed";
//! * [`latency`]: a round trip with its working, the latency model and its error in words;
//! * [`input`]: parsing what the user types into number fields, with messages in the field's
//!   own words and unit.

pub mod carbon;
pub mod compare;
pub mod cost;
pub mod figures;
pub mod input;
pub mod latency;
pub mod names;
pub mod operations;
pub mod plan_diff;
pub mod problems;
pub mod product;
pub mod progress;
pub mod sentences;
pub mod service_figures;
pub mod technology;
pub mod verdict;

pub use figures::*;
pub use names::*;
pub use problems::problem;
pub use product::{Factor, Product};
pub use sentences::*;
pub use verdict::{duration_against, met, ms_against, verdict, Check, Verdict, TOLERANCE};
