//! Tracking without login: the signed, expiring, revocable link shows the status, the expected
//! resolution time and the public timeline, and lets the customer answer or add information and
//! files (which puts a waiting request back to work), hurry it once a day, cancel it, or stop
//! every earlier link. "Send my link again" lives here too.

pub mod api;
pub mod pages;
