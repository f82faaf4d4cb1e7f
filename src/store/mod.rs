//! What is kept for the person: the offers library and its envelope in local storage, the merge of
//! two tabs' edits, share links, and the shipped examples. Pure: `ui::storage` does the browser's part.

pub mod envelope;
pub mod examples;
pub mod library;
pub mod merge;
pub mod share;
