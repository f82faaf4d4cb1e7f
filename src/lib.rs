//! tokenworth: what an offer of AI-project tokens is really worth.
//!
//! Each module is a layer, lowest first; a layer uses only the ones before it (ARCHITECTURE.md;
//! `tests/layering.rs` checks it): [`offer`] the offer file, [`engine`] the arithmetic of
//! MODEL.md (docs/MODEL.md), [`report`] figures and words for people, [`tax`] where the person pays tax (presets
//! with sources), [`form`] editing an offer,
//! [`team`] the company's side, [`store`] what is kept for the person, [`company`] the Company
//! view's pure core, and `ui` (WebAssembly only) the browser. Nothing outside `ui` touches the
//! browser; `src/bin/tokenworth.rs` is the command-line tool.

pub mod company;
pub mod engine;
pub mod form;
pub mod offer;
pub mod report;
pub mod store;
pub mod tax;
pub mod team;

#[cfg(target_arch = "wasm32")]
pub mod ui;

pub use engine::{value, EngineError, Report};
pub use offer::{parse_offer, write_offer, FieldError, Offer, OfferError};
