//! The server's tests: the real router in-process over a real Postgres per test (`#[sqlx::test]`),
//! no sockets and no sleeps, except `mail`, which talks to a real SMTP server. `helpers` is the
//! harness every file imports; each other file covers one part of Luukku over HTTP.

mod admin;
mod customer;
pub(crate) mod fixtures;
pub(crate) mod helpers;
mod http;
mod imap;
mod mail;
mod people;
mod registry;
mod robustness;
mod security;
mod workspace;
