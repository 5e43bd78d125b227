//! Read models: what the screens show of a request. Plain data, shared by server and browser.

use crate::domain::classification::{Impact, Length, Priority, RequestType, Urgency};
use crate::domain::links::Relation;
use crate::domain::sla::DueExplanation;
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
    Classified,
    PriorityChanged,
    SlaWarning,
    SlaBreached,
    Linked,
    Merged,
    LegalHold,
    Delegated,
    HandedBack,
    /// The customer (or an advisor for them) asked for speed.
    HurryUp,
    SurveyAnswered,
    /// The customer stopped every earlier tracking link.
    LinksRevoked,
    /// An advisor's internal note: staff only.
    Note,
    /// The request was given to an advisor, or released: staff only.
    Assigned,
    /// An advisor logged a phone call with the customer: staff only.
    PhoneCall,
    /// The request was put to wait for a supplier: staff only.
    Supplier,
    /// Routing (or an advisor by hand) placed the request in a queue or gave it to someone.
    Routed,
    /// A message to the customer could not be delivered (the address and the mail server's
    /// answer): staff only, so the advisor knows to phone.
    MailFailed,
    /// A message to the customer and how its delivery went (queued, sent, trying again, not
    /// delivered): staff only. Made from the outbox, never stored as an event.
    Mail,
}

impl EventKind {
    /// The stored name.
    pub fn code(self) -> &'static str {
        match self {
            EventKind::Submitted => "submitted",
            EventKind::Reply => "reply",
            EventKind::CustomerMessage => "customer_message",
            EventKind::StatusChanged => "status_changed",
            EventKind::Classified => "classified",
            EventKind::PriorityChanged => "priority_changed",
            EventKind::SlaWarning => "sla_warning",
            EventKind::SlaBreached => "sla_breached",
            EventKind::Linked => "linked",
            EventKind::Merged => "merged",
            EventKind::LegalHold => "legal_hold",
            EventKind::Delegated => "delegated",
            EventKind::HandedBack => "handed_back",
            EventKind::HurryUp => "hurry_up",
            EventKind::SurveyAnswered => "survey_answered",
            EventKind::LinksRevoked => "links_revoked",
            EventKind::Note => "note",
            EventKind::Assigned => "assigned",
            EventKind::PhoneCall => "phone_call",
            EventKind::Supplier => "supplier",
            EventKind::Routed => "routed",
            EventKind::MailFailed => "mail_failed",
            EventKind::Mail => "mail",
        }
    }
    /// Reads a stored name.
    pub fn parse(code: &str) -> Option<EventKind> {
        [
            EventKind::Submitted,
            EventKind::Reply,
            EventKind::CustomerMessage,
            EventKind::StatusChanged,
            EventKind::Classified,
            EventKind::PriorityChanged,
            EventKind::SlaWarning,
            EventKind::SlaBreached,
            EventKind::Linked,
            EventKind::Merged,
            EventKind::LegalHold,
            EventKind::Delegated,
            EventKind::HandedBack,
            EventKind::HurryUp,
            EventKind::SurveyAnswered,
            EventKind::LinksRevoked,
            EventKind::Note,
            EventKind::Assigned,
            EventKind::PhoneCall,
            EventKind::Supplier,
            EventKind::Routed,
            EventKind::MailFailed,
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
    /// Luukku itself acted (SLA timers, routing), not a person.
    pub by_system: bool,
    pub detail: Option<EventDetail>,
}

/// Structured facts of an event, rendered in the reader's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventDetail {
    /// The priority moved; `reason` is set when it was overridden by hand.
    Priority {
        from: Priority,
        to: Priority,
        reason: Option<String>,
    },
    /// The request was reclassified; names as they were at the time.
    Classified {
        request_type: RequestType,
        category: Option<Localized>,
        problem_code: Option<Localized>,
        urgency: Urgency,
        impact: Impact,
    },
    /// A link to request `number` was made, as seen from this request.
    Linked { relation: Relation, number: String },
    /// Merged: `into` this request is the duplicate closed into `number`; otherwise `number` was
    /// merged into this one.
    Merged { number: String, into: bool },
    /// A legal hold was put on (`on`) or lifted, on these grounds.
    LegalHold { on: bool, reason: String },
    /// Given to the advisor `to` (their name then), or released when `None`.
    Assigned { to: Option<String> },
    /// A phone call with `caller`, `seconds` long, and how it ended; the summary is the body.
    PhoneCall {
        caller: String,
        seconds: i32,
        outcome: crate::domain::phone::Outcome,
    },
    /// Put to wait for `supplier`, under their `reference`; what was asked is the body.
    Supplier {
        supplier: String,
        reference: Option<String>,
    },
    /// Placed in `queue` (none: taken out of its queue) and maybe given to `assignee`, by the
    /// routing rule named `rule`, or by hand when there is none.
    Routed {
        rule: Option<String>,
        queue: Option<Localized>,
        assignee: Option<String>,
        method: Option<crate::domain::routing::Method>,
    },
}

/// A work order with the requests in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkOrderView {
    pub id: i64,
    pub title: String,
    pub done: bool,
    pub done_at: Option<DateTime<Utc>>,
    pub members: Vec<WorkOrderMember>,
}

/// A request in a work order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkOrderMember {
    pub id: i64,
    pub number: String,
    pub subject: String,
    pub status: Status,
    pub language: Lang,
}

/// One handover of a request to another organisation, and its hand-back if it came.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DelegationStep {
    pub from: Localized,
    pub to: Localized,
    pub note: String,
    pub at: DateTime<Utc>,
    pub returned_at: Option<DateTime<Utc>>,
    pub return_note: Option<String>,
}

/// A request as the organisation it was delegated to may read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DelegatedView {
    pub id: i64,
    pub number: String,
    pub subject: String,
    /// The customer's original question.
    pub message: String,
    pub status: Status,
    pub language: Lang,
    /// Name and e-mail, when the owner shared them.
    pub customer: Option<(String, String)>,
    pub created_at: DateTime<Utc>,
    pub due_at: Option<DateTime<Utc>>,
    pub owner: Localized,
    /// What the owner asked the receiver to do.
    pub note: String,
    /// The public timeline, when the owner shared it; empty otherwise.
    pub timeline: Vec<TimelineEntry>,
    pub trail: Vec<DelegationStep>,
}

/// A request linked to the one being viewed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkedRequest {
    pub relation: Relation,
    pub id: i64,
    pub number: String,
    pub subject: String,
    pub status: Status,
    pub language: Lang,
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
    /// When we expect to resolve it; `None` while waiting for the customer or without a target.
    pub expected_by: Option<DateTime<Utc>>,
    pub timeline: Vec<TimelineEntry>,
}

/// Something a member of staff should look at: a colleague mentioned them, or a customer hurried
/// or gave a low score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: i64,
    /// `mention`, `hurry_up`, `survey_low` or `reminder`.
    pub kind: String,
    pub at: DateTime<Utc>,
    pub request_id: i64,
    pub number: String,
    pub subject: String,
    /// Who mentioned them, for a mention.
    pub actor: Option<String>,
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
    pub priority: Priority,
    /// When it must be resolved; `None` while paused or without a service level.
    pub due_at: Option<DateTime<Utc>>,
    pub paused: bool,
    pub breached: bool,
    /// Who works on it, if anyone.
    pub assignee: Option<String>,
}

impl QueueItem {
    /// The keyset position of this row in the queue.
    pub fn cursor(&self) -> QueueCursor {
        QueueCursor {
            due_at: self.due_at,
            rank: self.priority.rank(),
            id: self.id,
        }
    }
}

/// Where a queue page ends: due time (none sorts last), priority rank, id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueCursor {
    pub due_at: Option<DateTime<Utc>>,
    pub rank: i16,
    pub id: i64,
}

impl QueueCursor {
    /// As it travels in a URL: `{due in µs or -}_{rank}_{id}`.
    pub fn encode(&self) -> String {
        let due = self
            .due_at
            .map_or_else(|| "-".to_string(), |d| d.timestamp_micros().to_string());
        format!("{due}_{}_{}", self.rank, self.id)
    }

    /// Reads a cursor from a URL; `None` for anything malformed.
    pub fn parse(raw: &str) -> Option<QueueCursor> {
        let mut parts = raw.split('_');
        let due = parts.next()?;
        let due_at = match due {
            "-" => None,
            micros => Some(DateTime::from_timestamp_micros(micros.parse().ok()?)?),
        };
        let rank = parts.next()?.parse().ok()?;
        let id = parts.next()?.parse().ok()?;
        parts
            .next()
            .is_none()
            .then_some(QueueCursor { due_at, rank, id })
    }
}

/// The service level of a request as the advisor sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceLevel {
    pub request_type: RequestType,
    pub category_id: Option<i64>,
    pub problem_code_id: Option<i64>,
    pub urgency: Urgency,
    pub impact: Impact,
    pub priority: Priority,
    pub length: Length,
    pub policy_name: Option<String>,
    pub first_response_due: Option<DateTime<Utc>>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub due_at: Option<DateTime<Utc>>,
    pub paused_since: Option<DateTime<Utc>>,
    pub breached: bool,
    pub supplier_wait_minutes: i32,
    /// Business minutes spent delegated to other organisations (its own clock).
    pub delegated_minutes: i32,
    pub explanation: Option<DueExplanation>,
}

/// A request as an advisor works on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestDetail {
    pub id: i64,
    /// The customer's organisation, when the form asked for it.
    pub customer_org: Option<String>,
    /// The supplier it waits or waited for, with their reference.
    pub supplier: Option<(String, Option<String>)>,
    /// The knowledge-base article its resolution used.
    pub kb_article_url: Option<String>,
    /// The queue routing (or an advisor) placed it in.
    pub queue_id: Option<i64>,
    pub number: String,
    pub subject: String,
    pub status: Status,
    pub language: Lang,
    pub channel: String,
    pub customer_name: String,
    pub customer_email: String,
    pub category: Option<Localized>,
    pub created_at: DateTime<Utc>,
    pub service_level: ServiceLevel,
    pub legal_hold: bool,
    pub work_order_id: Option<i64>,
    /// Delegated now to another organisation.
    pub delegated: bool,
    pub delegation_trail: Vec<DelegationStep>,
    pub links: Vec<LinkedRequest>,
    pub timeline: Vec<TimelineEntry>,
    /// The advisor working on it: id and name.
    pub assignee: Option<(i64, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_queue_cursor_reads_back_and_refuses_garbage() {
        let c = QueueCursor {
            due_at: DateTime::from_timestamp_micros(1_790_000_000_000_000),
            rank: 2,
            id: 77,
        };
        assert_eq!(QueueCursor::parse(&c.encode()), Some(c));
        let none = QueueCursor {
            due_at: None,
            rank: 4,
            id: 1,
        };
        assert_eq!(QueueCursor::parse(&none.encode()), Some(none));
        for bad in ["", "x_1_2", "1_2", "1_2_3_4", "-_a_1"] {
            assert_eq!(QueueCursor::parse(bad), None, "{bad}");
        }
    }
}

/// What the customer sent besides the message, for the advisor: the form's answers as they were
/// asked (labels in the reader's language), files, survey answers and hurry-ups.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomerInput {
    /// (label, answer), in the form's order.
    pub answers: Vec<(String, String)>,
    /// (id, file name, size in bytes).
    pub files: Vec<(i64, String, i32)>,
    pub surveys: Vec<SurveyResult>,
    pub hurry_count: i32,
    pub last_hurry_at: Option<DateTime<Utc>>,
}

/// One answered satisfaction survey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyResult {
    pub score: i16,
    pub comment: Option<String>,
    pub at: DateTime<Utc>,
}

/// A message in the outbox, as the developer page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxMessage {
    pub id: i64,
    pub kind: String,
    pub to_email: String,
    pub language: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// A message to a request's customer and how its delivery went, as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    pub id: i64,
    pub kind: String,
    pub to_email: String,
    pub subject: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub failed_at: Option<DateTime<Utc>>,
    /// Why the last attempt failed (the mail server's answer).
    pub last_error: Option<String>,
    pub attempts: i32,
    /// When a temporary failure is tried again.
    pub next_attempt_at: Option<DateTime<Utc>>,
}

/// A mail that answers a request but came from someone other than its customer, held until an
/// advisor adds it to the request or makes a new request of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldMail {
    pub id: i64,
    /// `Name <address>`, or the address.
    pub from: String,
    pub subject: String,
    pub body: String,
    pub at: DateTime<Utc>,
}

/// A received mail as the administrators' mail log lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailLogRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// `Name <address>`, the address, or empty for a mail without a sender.
    pub from: String,
    pub subject: String,
    /// request, reply, held, ignored, bounce or refused.
    pub outcome: String,
    /// Why it was refused or set aside, or which files were not kept.
    pub reason: Option<String>,
    /// The request it made or joined, with its number.
    pub request: Option<(i64, String)>,
}

/// One of a customer's other requests, as the customer panel lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryItem {
    pub id: i64,
    pub number: String,
    pub subject: String,
    pub status: Status,
    pub created_at: DateTime<Utc>,
}

/// The customer panel: the customer's other requests and their organisation's, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerHistory {
    pub same_customer: Vec<HistoryItem>,
    pub same_org: Vec<HistoryItem>,
}
