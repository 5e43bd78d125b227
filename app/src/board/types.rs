//! The data types of board that pages, server functions and services share.

use crate::domain::board::AdvisorLoad;
use crate::domain::views::QueueItem;
use crate::error::FormFlash;
use serde::{Deserialize, Serialize};

/// The board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Board {
    pub advisors: Vec<AdvisorLoad>,
    /// SLA risk of all open requests, then of each shared queue.
    pub risks: Vec<crate::domain::board::QueueRisk>,
    /// Active requests nobody has taken, counted up to the queue cap.
    pub unassigned: i64,
    /// Active requests not moved for the organisation's untouched time, oldest first, with when
    /// they last moved.
    pub untouched: Vec<(QueueItem, chrono::DateTime<chrono::Utc>)>,
    /// The organisation's untouched time, in hours.
    pub untouched_hours: i32,
    pub flash: Option<FormFlash<MoveInput>>,
}

/// The move form as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MoveInput {
    pub from: String,
    pub to: String,
}
