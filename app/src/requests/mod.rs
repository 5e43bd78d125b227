//! Service requests as the service model sees them: classified, prioritised and timed on creation,
//! re-timed on every status change, and explained to the advisor. The SLA timer lives here too.

#[cfg(feature = "ssr")]
pub mod customer;
#[cfg(feature = "ssr")]
pub mod service;
