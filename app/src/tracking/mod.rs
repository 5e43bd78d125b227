//! Tracking without login: the signed link shows the status and the public timeline, and lets the
//! customer answer (which puts a waiting request back to work).

pub mod api;
pub mod pages;
