//! Routing (`/admin/o/:org/routing`): administrators write rules (type, category, language,
//! keywords, the customer's organisation) that place each new request in a queue and may give it
//! to the member whose skills fit with the least work. Every decision is on the request's
//! timeline, and an advisor can move the request to another queue by hand.

pub mod api;
pub mod pages;
pub mod types;
