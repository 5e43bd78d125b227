//! The advisor desk's request view, where an advisor takes the request, replies (with templates),
//! moves the status, reclassifies, links and merges, groups requests into work orders, delegates
//! and puts on legal hold; and the view of a request delegated to this organisation. The queue
//! page is `queues`.

pub mod api;
pub mod components;
pub mod pages;
