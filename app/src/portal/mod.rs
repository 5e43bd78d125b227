//! The customer portal for those who want an account: passwordless sign-in by an e-mailed,
//! single-use link; "my requests" across every organisation, each opening its tracking page
//! (the same actions as a tracking link).

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
