//! The Company view's pure core (issue 16): the team file as the page edits it, the envelope local
//! storage keeps it in, and the charts' geometry. No browser types: `ui::company` is the thin shell,
//! and `crate::team` reads, values and publishes what is edited here.

pub mod charts;
pub mod draft;
pub mod member;
pub mod plan;
pub mod saved;

/// The shipped example team the view starts from when nothing is saved.
pub const EXAMPLE_TEAM: &str = include_str!("../../examples/team/acme-team.json");
