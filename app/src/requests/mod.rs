//! The one service layer for requests: everything that happens to a request goes through an entry
//! here, whichever page, channel or job asks for it. An entry opens the transaction, loads what it
//! needs once, decides with `domain`, saves through `db` and writes the outbox in the same
//! transaction. Pages, server functions and channels call these entries; nothing here calls a
//! feature.
//!
//! | entry | what happens to a request |
//! |---|---|
//! | [`intake`] | taken in from any channel: the settings cache, the group-commit writer, posts kept while the database is away, and routing as its last step |
//! | [`customer`] | the customer's side: submitting a batch, every public message and status move (told through the outbox), links, hurry-ups, the survey |
//! | [`replies`] | an advisor's public reply with its status move |
//! | [`mail_in`] | a received mail: a new request, a reply to its request, held for an advisor, a delivery report, or automatic mail set aside; once |
//! | [`phone`] | a phone call: a new request through intake, or one the caller names |
//! | [`clocks`] | classified and timed on creation, re-timed on every change, explained |
//! | [`board`] | the supervisor board: loads, SLA risk, work nobody took or moved |
//! | [`assignment`] | taken, released and given; the queue pages and "take next" |
//! | [`routing`] | filed by routing rules when taken in, moved between queues by hand |
//! | [`links`] | linked to another request or merged into it |
//! | [`work_orders`] | resolved together with the other requests of its work order |
//! | [`delegation`] | delegated to another organisation and handed back |
//! | [`holds`] | put on legal hold and released |
//! | [`actions`] | waiting for a supplier, split into a subtask, hurried on the customer's behalf |
//! | [`notes`] | internal notes, drafts and who is writing |
//! | [`view`] | the request view put together for an advisor |
//! | [`tracking`] | the tracking page put together for the customer; cancelled by them |
//! | [`survey`] | the satisfaction survey opened by its link and answered once |

pub mod actions;
pub mod assignment;
pub mod board;
pub mod clocks;
pub mod customer;
pub mod delegation;
pub mod holds;
pub mod intake;
pub mod links;
pub mod mail_in;
pub mod notes;
pub mod phone;
pub mod replies;
pub mod routing;
pub mod survey;
#[cfg(test)]
mod tests;
pub mod tracking;
pub mod view;
pub mod work_orders;
