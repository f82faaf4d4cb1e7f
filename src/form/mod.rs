//! The form's pure side: the draft document edited by field path, and the catalogue of fields.
//!
//! Components in `ui` stay thin: they show what `fields` describes and call `draft` to change it.

pub mod base_rates;
pub mod draft;
pub mod fields;
pub mod guided;
pub mod tax_note;
