//! The citizen's way in: the start page listing the organisations' public forms, the "Ask for advice"
//! form (works with and without JavaScript) and the confirmation with the tracking link.

pub mod api;
pub mod pages;
