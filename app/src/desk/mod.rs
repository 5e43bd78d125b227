//! The advisor desk: the organisation's queue of active requests, soonest due first, with the
//! requests other organisations delegated to it; the request view, where an advisor replies,
//! moves the status, reclassifies, links and merges, groups requests into work orders, delegates
//! and puts on legal hold; and the view of a request delegated to this organisation.

pub mod api;
pub mod components;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
