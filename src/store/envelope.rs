//! What a tagged, versioned envelope in local storage held, whatever document it keeps (the
//! offers library, the Company view's team): the one shape in which `ui::kit::synced` keeps either
//! in step with the other tabs. Each envelope's own rules are its reader's (`library`,
//! `company::saved`).

/// What was found under a document's key.
#[derive(Debug, Clone, PartialEq)]
pub enum Found<T> {
    /// Nothing stored yet.
    Empty,
    Document(T),
    /// Stored text this build cannot read; keep `raw` as a backup.
    Unreadable {
        raw: String,
        why: String,
    },
    /// Written by a newer tokenworth: leave it alone.
    Newer {
        version: u64,
    },
}
