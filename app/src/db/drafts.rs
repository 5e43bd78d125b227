//! Advisors' drafts on requests, who else is writing, and the colleagues a note mentions.

use crate::domain::drafts::{DraftKind, Drafts, Writers};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// Stores `body` as `user_id`'s draft of `kind` on request `request_id`, or removes the draft when
/// `body` is `None`.
pub async fn save(
    conn: &mut PgConnection,
    request_id: i64,
    user_id: i64,
    kind: DraftKind,
    body: Option<&str>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    match body {
        Some(body) => sqlx::query!(
            "INSERT INTO drafts (request_id, user_id, kind, body, saved_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (request_id, user_id, kind) DO UPDATE SET body = $4, saved_at = $5",
            request_id,
            user_id,
            kind.code(),
            body,
            now
        )
        .execute(conn)
        .await
        .map(|_| ()),
        None => sqlx::query!(
            "DELETE FROM drafts WHERE request_id = $1 AND user_id = $2 AND kind = $3",
            request_id,
            user_id,
            kind.code()
        )
        .execute(conn)
        .await
        .map(|_| ()),
    }
}

/// In one query: `user_id`'s own drafts on request `request_id`, and the colleagues who saved one
/// there since `since`, by name.
pub async fn on_request(
    conn: &mut PgConnection,
    request_id: i64,
    user_id: i64,
    since: DateTime<Utc>,
) -> sqlx::Result<(Drafts, Writers)> {
    let rows = sqlx::query!(
        "SELECT d.user_id, d.kind, d.body, u.display_name FROM drafts d JOIN users u ON u.id = d.user_id
         WHERE d.request_id = $1 AND (d.user_id = $2 OR d.saved_at >= $3)
         ORDER BY u.display_name",
        request_id,
        user_id,
        since
    )
    .fetch_all(conn)
    .await?;
    let (mut mine, mut writers) = (Drafts::default(), Writers::default());
    for r in rows {
        match (r.user_id == user_id, DraftKind::parse(&r.kind)) {
            (true, Some(DraftKind::Reply)) => mine.reply = Some(r.body),
            (true, Some(DraftKind::Note)) => mine.note = Some(r.body),
            (false, _) if !writers.0.contains(&r.display_name) => writers.0.push(r.display_name),
            _ => {}
        }
    }
    Ok((mine, writers))
}

/// The colleagues of `user_id` who saved a draft on request `request_id` since `since`, by name.
pub async fn writers(
    conn: &mut PgConnection,
    request_id: i64,
    user_id: i64,
    since: DateTime<Utc>,
) -> sqlx::Result<Writers> {
    let names = sqlx::query_scalar!(
        "SELECT DISTINCT u.display_name FROM drafts d JOIN users u ON u.id = d.user_id
         WHERE d.request_id = $1 AND d.user_id <> $2 AND d.saved_at >= $3
         ORDER BY u.display_name",
        request_id,
        user_id,
        since
    )
    .fetch_all(conn)
    .await?;
    Ok(Writers(names))
}

/// Notifies the colleagues in `organisation_id` whose handle (the part of their e-mail address
/// before the `@`) is in `handles` that a note on request `request_id` mentions them; the writer
/// is never notified of their own note. Returns how many were notified.
pub async fn notify_mentioned(
    conn: &mut PgConnection,
    organisation_id: i64,
    request_id: i64,
    writer_id: i64,
    handles: &[String],
    now: DateTime<Utc>,
) -> sqlx::Result<u64> {
    if handles.is_empty() {
        return Ok(0);
    }
    let done = sqlx::query!(
        "INSERT INTO notifications (organisation_id, user_id, request_id, kind, created_at, actor_user_id)
         SELECT $1, u.id, $2, 'mention', $5, $3
         FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.organisation_id = $1 AND u.id <> $3
           AND lower(split_part(u.email, '@', 1)) = ANY($4)",
        organisation_id,
        request_id,
        writer_id,
        handles,
        now
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
