//! The citizen's way in: the start page listing the organisations' public forms, each form built
//! from its newest version (works with and without JavaScript, also inside an organisation's own
//! site), and the confirmation with the tracking link.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
