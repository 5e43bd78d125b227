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
    /// When it was made.
    pub at: DateTime<Utc>,
}

/// Queues messages in one statement.
pub async fn put(conn: &mut PgConnection, messages: &[NewMessage<'_>]) -> sqlx::Result<()> {
    let orgs: Vec<Option<i64>> = messages.iter().map(|m| m.organisation_id).collect();
    let requests: Vec<Option<i64>> = messages.iter().map(|m| m.request_id).collect();
    let kinds: Vec<&str> = messages.iter().map(|m| m.kind.code()).collect();
    let to: Vec<&str> = messages.iter().map(|m| m.to_email).collect();
    let languages: Vec<&str> = messages.iter().map(|m| m.language.code()).collect();
    let subjects: Vec<&str> = messages.iter().map(|m| m.subject).collect();
    let bodies: Vec<&str> = messages.iter().map(|m| m.body).collect();
    let ats: Vec<DateTime<Utc>> = messages.iter().map(|m| m.at).collect();
    sqlx::query!(
        "INSERT INTO outbox (organisation_id, request_id, kind, to_email, language, subject, body, created_at)
         SELECT organisation_id, request_id, kind, to_email, language, subject, body, created_at
         FROM UNNEST($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                     $8::timestamptz[])
           AS m(organisation_id, request_id, kind, to_email, language, subject, body, created_at)",
        &orgs as &[Option<i64>],
        &requests as &[Option<i64>],
        &kinds as &[&str],
        &to as &[&str],
        &languages as &[&str],
        &subjects as &[&str],
        &bodies as &[&str],
        &ats
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
