//! The satisfaction survey after resolution. Its link opens a page; only the posted answer is
//! recorded (a GET never is, so mail scanners cannot vote). A low score reopens the request.

pub mod api;
pub mod pages;
pub mod types;
