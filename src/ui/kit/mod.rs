//! The pieces every page is built of: the field and its badge, the charts' SVG, chunks loaded after
//! the first paint, which disclosures are open, focus, local storage and a document kept in step
//! with it and the other tabs (`synced`), downloads. The kit imports no page: the calculator, the
//! guided start and the Company view import it.

pub mod charts;
pub mod chunk;
pub mod disclosures;
pub mod field;
pub mod files;
pub mod focus;
pub mod locale;
pub mod storage;
pub mod synced;
pub mod tasks;
