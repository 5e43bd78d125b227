//! The request view's actions beyond a reply or a note: wait for a supplier (who, and their
//! reference), split a part off into a request of its own, hurry a request on the customer's
//! behalf; and the customer panel with the customer's and their organisation's other requests.

pub mod api;
pub mod components;
