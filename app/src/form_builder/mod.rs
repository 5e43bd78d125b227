//! The form builder for administrators: an organisation's forms (each bound to a request type and
//! default category, with fields, conditions and attachment limits, every change a new version),
//! how its forms look and where they may be embedded, and its versioned privacy notices.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
