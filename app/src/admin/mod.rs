//! Administration without programming: a service-point administrator sets up organisations; an
//! organisation's administrators configure its service hierarchy, business hours and closures,
//! SLA policies and priority matrix. Changes apply to new requests and to the next change of
//! existing ones; nothing already recorded is rewritten.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
