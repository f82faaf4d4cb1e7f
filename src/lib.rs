//! tokenworth: what an offer of AI-project tokens is really worth.
//!
//! The crate is a pure valuation core with two thin shells:
//! - [`offer`]: the offer file (parse, validate, write, versions);
//! - [`engine`]: the valuation of MODEL.md (ledgers, exact distribution, sensitivity);
//! - [`report`]: the report as JSON and as text a person reads;
//! - [`format`]: the one place that rounds money for people and reports;
//! - [`verdict`]: the verdict, asks and caveats in plain words; [`terms`]: the plan's terms in words;
//! - [`team`]: the company's side: a team file, its cost, worth and fairness, and publishing;
//! - [`tax`]: where the person pays tax: presets with sources, the marginal rates at a salary;
//! - [`company`]: the Company view's pure core: the team as edited and stored, its charts;
//! - `ui` (WebAssembly only): the Leptos app; `src/bin/tokenworth.rs`: the command-line tool.
//!
//! Nothing outside `ui` touches the browser.

pub mod breakeven;
pub mod charts;
pub mod company;
pub mod comparison;
pub mod engine;
pub mod examples;
pub mod form;
pub mod format;
pub mod library;
pub mod merge;
pub mod offer;
pub mod plan;
pub mod report;
pub mod share;
pub mod tax;
pub mod team;
pub mod terms;
pub mod verdict;

#[cfg(target_arch = "wasm32")]
pub mod ui;

pub use engine::{value, EngineError, Report};
pub use offer::{parse_offer, write_offer, FieldError, Offer, OfferError};
