//! The outbox: every message to a customer, written with what caused it.

use crate::domain::Lang;
use crate::domain::messages::MessageKind;
use crate::domain::views::OutboxMessage;
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

/// The newest messages, newest first, before `before` (keyset on id); optionally only those to `to`.
pub async fn recent(
    conn: &mut PgConnection,
    to: Option<&str>,
    before: Option<i64>,
    limit: i64,
) -> sqlx::Result<Vec<OutboxMessage>> {
    sqlx::query_as!(
        OutboxMessage,
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
