//! Pure rules and types: no I/O, no clock, no framework. Compiles for the browser too.

pub mod admin;
pub mod calendar;
pub mod classification;
pub mod delegation;
pub mod format;
pub mod lang;
pub mod lifecycle;
pub mod links;
pub mod request;
pub mod retention;
pub mod sla;
pub mod views;
pub mod work_order;

pub use lang::{Lang, Localized};
pub use lifecycle::{Actor, Status};
pub use request::{AskInput, NewRequest, RequestNumber};
