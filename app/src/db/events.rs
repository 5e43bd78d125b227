//! The append-only event log of requests: appending an event, and reading a request's timeline.

use crate::domain::Status;
use crate::domain::views::{EventDetail, EventKind, TimelineEntry};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// An event an advisor's action appends to a request's timeline (channel `desk`).
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub request_id: i64,
    pub organisation_id: i64,
    pub kind: EventKind,
    /// `None` for the system (routing, timers).
    pub actor_user_id: Option<i64>,
    /// Whether the customer sees it on the tracking page.
    pub public: bool,
    pub body: Option<&'a str>,
    pub detail: Option<&'a EventDetail>,
    pub at: DateTime<Utc>,
}

/// Appends an event; events are never updated or deleted.
pub async fn append_event(conn: &mut PgConnection, e: &NewEvent<'_>) -> sqlx::Result<()> {
    let detail = e
        .detail
        .map(serde_json::to_value)
        .transpose()
        .map_err(|x| sqlx::Error::Encode(Box::new(x)))?;
    sqlx::query!(
        "INSERT INTO request_events (request_id, organisation_id, kind, actor_user_id, public, body, channel,
             created_at, detail)
         VALUES ($1, $2, $3, $4, $5, $6, 'desk', $7, $8)",
        e.request_id,
        e.organisation_id,
        e.kind.code(),
        e.actor_user_id,
        e.public,
        e.body,
        e.at,
        detail
    )
    .execute(conn)
    .await
    .map(drop)
}

struct EventRow {
    id: i64,
    kind: String,
    created_at: DateTime<Utc>,
    body: Option<String>,
    from_status: Option<String>,
    to_status: Option<String>,
    staff_name: Option<String>,
    channel: String,
    detail: Option<serde_json::Value>,
}

/// The timeline of a request, oldest first; only what the customer may see when `public_only`.
pub async fn timeline(
    conn: &mut PgConnection,
    id: i64,
    public_only: bool,
) -> sqlx::Result<Vec<TimelineEntry>> {
    let rows = sqlx::query_as!(
        EventRow,
        r#"SELECT e.id, e.kind, e.created_at, e.body, e.from_status, e.to_status,
                  u.display_name AS "staff_name?", e.channel, e.detail
         FROM request_events e LEFT JOIN users u ON u.id = e.actor_user_id
         WHERE e.request_id = $1 AND (e.public OR NOT $2)
         ORDER BY e.id"#,
        id,
        public_only
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(TimelineEntry {
                id: r.id,
                kind: EventKind::parse(&r.kind)?,
                at: r.created_at,
                body: r.body,
                from_status: r.from_status.as_deref().and_then(Status::parse),
                to_status: r.to_status.as_deref().and_then(Status::parse),
                staff_name: r.staff_name,
                by_system: r.channel == "system",
                detail: r.detail.and_then(|d| serde_json::from_value(d).ok()),
            })
        })
        .collect())
}
