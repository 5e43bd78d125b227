//! A member of staff's notifications: listing the unread ones and reading them.

use crate::domain::views::Notification;
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// The unread notifications for `user_id` in `organisation_id`: their own (mentions, reminders)
/// and their organisation's (hurry-ups, low survey scores, reminders of unassigned requests),
/// newest first, at most `limit`.
pub async fn unread(
    conn: &mut PgConnection,
    organisation_id: i64,
    user_id: i64,
    limit: i64,
) -> sqlx::Result<Vec<Notification>> {
    let rows = sqlx::query!(
        r#"SELECT n.id, n.kind, n.created_at, r.id AS request_id, r.number, r.subject,
                  a.display_name AS "actor?"
           FROM (
               (SELECT id FROM notifications WHERE user_id = $2 AND read_at IS NULL AND organisation_id = $1
                ORDER BY id DESC LIMIT $3)
               UNION ALL
               (SELECT id FROM notifications
                WHERE organisation_id = $1 AND user_id IS NULL AND read_at IS NULL ORDER BY id DESC LIMIT $3)
           ) hit
           JOIN notifications n ON n.id = hit.id
           JOIN service_requests r ON r.id = n.request_id
           LEFT JOIN users a ON a.id = n.actor_user_id
           ORDER BY n.id DESC
           LIMIT $3"#,
        organisation_id,
        user_id,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Notification {
            id: r.id,
            kind: r.kind,
            at: r.created_at,
            request_id: r.request_id,
            number: r.number,
            subject: r.subject,
            actor: r.actor,
        })
        .collect())
}

/// Marks read what request `request_id` held for `user_id`: their own notifications and their
/// organisation's, as they have now seen the request.
pub async fn read_request(
    conn: &mut PgConnection,
    organisation_id: i64,
    user_id: i64,
    request_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE notifications SET read_at = $4
         WHERE request_id = $3 AND read_at IS NULL
           AND (user_id = $2 OR (user_id IS NULL AND organisation_id = $1))",
        organisation_id,
        user_id,
        request_id,
        now
    )
    .execute(conn)
    .await
    .map(drop)
}

/// Reminds of the active requests nobody has moved for their organisation's untouched time and
/// that have not reminded anyone since: a notification for the assignee, or for the whole
/// organisation when nobody has the request. At most `limit` per organisation and call, oldest
/// first; returns how many. Served by `service_requests_to_remind`, which a reminded request
/// leaves until it moves again.
pub async fn remind_untouched(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "WITH due AS (
             SELECT r.id, r.organisation_id, r.assignee_id FROM organisations o
             CROSS JOIN LATERAL (
                 SELECT s.id, s.organisation_id, s.assignee_id FROM service_requests s
                 WHERE s.organisation_id = o.id AND s.reminded_at IS NULL
                   AND s.status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
                   AND s.updated_at < $1::timestamptz - make_interval(hours => o.untouched_hours)
                 ORDER BY s.updated_at, s.id
                 LIMIT $2) r),
         marked AS (
             UPDATE service_requests s SET reminded_at = $1 FROM due WHERE s.id = due.id RETURNING s.id)
         INSERT INTO notifications (organisation_id, user_id, request_id, kind, created_at)
         SELECT due.organisation_id, due.assignee_id, due.id, 'reminder', $1
         FROM due JOIN marked ON marked.id = due.id",
        now,
        limit
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
