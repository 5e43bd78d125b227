//! The outbox: every message to a customer, written with what caused it.

use crate::domain::Lang;
use crate::domain::messages::MessageKind;
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// A message to queue.
pub struct NewMessage<'a> {
    pub organisation_id: Option<i64>,
    pub request_id: Option<i64>,
    pub kind: MessageKind,
    pub to_email: &'a str,
    pub language: Lang,
    pub subject: &'a str,
    pub body: &'a str,
}

/// Queues one message.
pub async fn put(
    conn: &mut PgConnection,
    m: &NewMessage<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO outbox (organisation_id, request_id, kind, to_email, language, subject, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        m.organisation_id,
        m.request_id,
        m.kind.code(),
        m.to_email,
        m.language.code(),
        m.subject,
        m.body,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A queued message as the developer page lists it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Queued {
    pub id: i64,
    pub kind: String,
    pub to_email: String,
    pub language: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// The newest messages, newest first, before `before` (keyset on id); optionally only those to `to`.
pub async fn recent(
    conn: &mut PgConnection,
    to: Option<&str>,
    before: Option<i64>,
    limit: i64,
) -> sqlx::Result<Vec<Queued>> {
    sqlx::query_as!(
        Queued,
        "SELECT id, kind, to_email, language, subject, body, created_at, sent_at FROM outbox
         WHERE id < $1 AND ($2::text IS NULL OR lower(to_email) = lower($2))
         ORDER BY id DESC LIMIT $3",
        before.unwrap_or(i64::MAX),
        to,
        limit
    )
    .fetch_all(conn)
    .await
}
