//! Database tests of `requests`: each gets its own fresh Postgres database with the migrations
//! applied, and builds what it needs from the fixtures in `crate::testing`.

mod actions;
mod assignment;
mod clocks;
mod intake;
mod links;
mod mail_in;
mod notes;
mod phone;
mod routing;
mod work_orders;
