//! Queues and assignment: the queue page (saved filters with their counts, the advisor's own
//! work, quick search), "take next", taking, releasing and giving a request to a colleague, and
//! the workspace's keyboard shortcuts.

pub mod api;
pub mod components;
pub mod keys;
pub mod live;
pub mod pages;
