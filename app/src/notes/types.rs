//! The data types of notes that pages, server functions and services share.

use serde::{Deserialize, Serialize};

/// What the note form keeps after a failed post without JavaScript.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NoteInput {
    pub internal_note: String,
}
