//! The advisor desk: the organisation's queue of active requests, soonest due first, and the request view
//! where an advisor replies to the customer and moves the status.

pub mod api;
pub mod components;
pub mod pages;
