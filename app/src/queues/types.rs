//! The data types of queues that pages, server functions and services share.

use crate::domain::Localized;
use crate::domain::queues::QueueSummary;
use crate::domain::views::QueueItem;
use serde::{Deserialize, Serialize};

/// Which list the queue page shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum View {
    /// Every active request of the organisation.
    #[default]
    All,
    /// The advisor's own active requests.
    Mine,
    /// A saved queue.
    Queue(i64),
}

impl View {
    /// Reads `?view=`: empty for all, `mine`, or a queue's id.
    pub fn parse(raw: Option<&str>) -> Option<View> {
        match raw.unwrap_or("").trim() {
            "" | "all" => Some(View::All),
            "mine" => Some(View::Mine),
            id => id.parse().ok().map(View::Queue),
        }
    }

    /// As it travels in a URL.
    pub fn code(self) -> String {
        match self {
            View::All => "all".into(),
            View::Mine => "mine".into(),
            View::Queue(id) => id.to_string(),
        }
    }
}

/// A request delegated to the advisor's organisation, as the queue lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DelegatedRow {
    pub id: i64,
    pub number: String,
    pub subject: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub due_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The queue page: the queues with their counts, one page of the chosen one (or search hits) and
/// the cursor of the next page, if there is more.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueuePage {
    pub advisor: String,
    /// The organisation the session works in.
    pub organisation: Localized,
    /// Whether to offer the link to the administration pages.
    pub can_administer: bool,
    /// Whether this person may save queues for the whole organisation.
    pub may_share: bool,
    /// Whether this person sees the supervisor board.
    pub may_supervise: bool,
    pub view: View,
    pub queues: Vec<QueueSummary>,
    /// Active requests of the organisation and of the advisor, counted up to the cap.
    pub all_count: i64,
    pub mine_count: i64,
    /// The organisation's categories, for the new-queue form.
    pub categories: Vec<(i64, Localized)>,
    /// Requests other organisations delegated to this one, soonest due first.
    pub delegated_to_us: Vec<DelegatedRow>,
    /// Unread notifications for the advisor, newest first.
    pub notifications: Vec<crate::domain::views::Notification>,
    pub rows: Vec<QueueItem>,
    pub next: Option<String>,
}
