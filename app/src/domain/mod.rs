//! Pure rules and types: no I/O, no clock, no framework. Compiles for the browser too.

pub mod admin;
pub mod board;
pub mod calendar;
pub mod classification;
pub mod delegation;
pub mod drafts;
pub mod errors;
pub mod format;
pub mod forms;
pub mod inbound;
pub mod lang;
pub mod lifecycle;
pub mod links;
pub mod mail;
pub mod mailbox;
pub mod messages;
pub mod notes;
pub mod pages;
pub mod people;
pub mod phone;
pub mod queues;
pub mod request;
pub mod request_actions;
pub mod retention;
pub mod routing;
pub mod sign_in;
pub mod sla;
pub mod standard_forms;
pub mod survey;
pub mod templates;
pub mod text;
pub mod views;
pub mod work_order;

pub use lang::{Lang, Localized};
pub use lifecycle::{Actor, Status};
pub use request::{NewRequest, RequestNumber};
