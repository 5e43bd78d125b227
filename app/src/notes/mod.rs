//! Writing in the workspace besides the reply: internal notes (staff only, `@handle` notifies a
//! colleague) and drafts. Whatever an advisor types in the reply or note box is saved on the server
//! every few seconds and comes back when they open the request again; colleagues on the same
//! request see who else is writing.

pub mod api;
pub mod autosave;
pub mod components;
