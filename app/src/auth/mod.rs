//! Staff sign-in: argon2id passwords, server-side sessions in Postgres, an HttpOnly SameSite cookie,
//! and sign-in attempts limited per address and per account.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
