//! Reply templates: supervisors and administrators write them per language at `/desk/templates`;
//! in the request view an advisor puts one, filled with the request's facts, into the reply box.

pub mod api;
pub mod components;
pub mod pages;
pub mod types;
