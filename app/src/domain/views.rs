//! Read models: what the screens show of a request. Plain data, shared by server and browser.

use crate::domain::{Lang, Localized, Status};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What happened in one step of a request's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    Submitted,
    Reply,
    CustomerMessage,
    StatusChanged,
}

impl EventKind {
    /// The stored name.
    pub fn code(self) -> &'static str {
        match self {
            EventKind::Submitted => "submitted",
            EventKind::Reply => "reply",
            EventKind::CustomerMessage => "customer_message",
            EventKind::StatusChanged => "status_changed",
        }
    }
    /// Reads a stored name.
    pub fn parse(code: &str) -> Option<EventKind> {
        [
            EventKind::Submitted,
            EventKind::Reply,
            EventKind::CustomerMessage,
            EventKind::StatusChanged,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }
}

/// One entry of a request's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub id: i64,
    pub kind: EventKind,
    pub at: DateTime<Utc>,
    pub body: Option<String>,
    pub from_status: Option<Status>,
    pub to_status: Option<Status>,
    /// The advisor who acted; `None` for the customer or the system.
    pub staff_name: Option<String>,
}

/// A request as its customer sees it through the tracking link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackedRequest {
    pub number: String,
    pub organisation: Localized,
    pub subject: String,
    pub status: Status,
    pub language: Lang,
    pub created_at: DateTime<Utc>,
    pub timeline: Vec<TimelineEntry>,
}

/// One row of an advisor's queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: i64,
    pub number: String,
    pub subject: String,
    pub customer_name: String,
    pub status: Status,
    pub language: Lang,
    pub created_at: DateTime<Utc>,
}

/// A request as an advisor works on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestDetail {
    pub id: i64,
    pub number: String,
    pub subject: String,
    pub status: Status,
    pub language: Lang,
    pub channel: String,
    pub customer_name: String,
    pub customer_email: String,
    pub category: Option<Localized>,
    pub created_at: DateTime<Utc>,
    pub timeline: Vec<TimelineEntry>,
}
