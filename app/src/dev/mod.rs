//! Developer pages, served only when `LUUKKU_DEV_PAGES` is on: the outbox of messages to
//! customers, until they are delivered by e-mail.

pub mod api;
pub mod pages;
