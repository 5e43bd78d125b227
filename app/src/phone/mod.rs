//! Phone contacts: `/desk/phone`, a quick form (usable from the keyboard alone) to log a call as a
//! new request or on an existing one. Every call is recorded for reports.

pub mod api;
pub mod pages;
pub mod types;
