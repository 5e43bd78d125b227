//! Database tests of `db`: each gets its own fresh Postgres database with the migrations
//! applied, and builds what it needs from the fixtures in `crate::testing`.

mod board;
mod notifications;
mod numbering;
mod people;
mod plans;
mod queues;
mod requests;
mod retention;
mod templates;
