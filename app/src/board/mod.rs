//! The supervisor board (`/desk/board`): open work per advisor with what is past due, the
//! unassigned and untouched requests, and moving one advisor's work to a colleague at once.

pub mod api;
pub mod pages;
