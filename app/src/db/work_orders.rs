//! Work orders and the requests that join them.

use crate::domain::Status;
use crate::domain::views::{WorkOrderMember, WorkOrderView};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// Creates an open work order and returns its id.
pub async fn create(
    conn: &mut PgConnection,
    organisation_id: i64,
    title: &str,
    user_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "INSERT INTO work_orders (organisation_id, title, created_by, created_at) VALUES ($1, $2, $3, $4)
         RETURNING id",
        organisation_id,
        title,
        user_id,
        now
    )
    .fetch_one(conn)
    .await
}

/// Puts request `request_id` in open work order `work_order_id`, both of `organisation_id`;
/// `false` when either is not there (or the work order is done).
pub async fn join(
    conn: &mut PgConnection,
    organisation_id: i64,
    request_id: i64,
    work_order_id: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "UPDATE service_requests SET work_order_id = w.id
         FROM work_orders w
         WHERE service_requests.id = $1 AND service_requests.organisation_id = $2
           AND w.id = $3 AND w.organisation_id = $2 AND w.status = 'open'",
        request_id,
        organisation_id,
        work_order_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The open work orders of an organisation, newest first (at most 50), for joining one.
pub async fn open_list(
    conn: &mut PgConnection,
    organisation_id: i64,
) -> sqlx::Result<Vec<(i64, String)>> {
    let rows = sqlx::query!(
        "SELECT id, title FROM work_orders WHERE organisation_id = $1 AND status = 'open'
         ORDER BY id DESC LIMIT 50",
        organisation_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.title)).collect())
}

/// Work order `id` of `organisation_id` with its requests (at most 500, oldest first).
pub async fn view(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
) -> sqlx::Result<Option<WorkOrderView>> {
    let Some(w) = sqlx::query!(
        "SELECT id, title, status, done_at FROM work_orders WHERE id = $1 AND organisation_id = $2",
        id,
        organisation_id
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let members = sqlx::query!(
        "SELECT id, number, subject, status, language FROM service_requests
         WHERE work_order_id = $1 ORDER BY id LIMIT 500",
        id
    )
    .fetch_all(conn)
    .await?;
    Ok(Some(WorkOrderView {
        id: w.id,
        title: w.title,
        done: w.status == "done",
        done_at: w.done_at,
        members: members
            .into_iter()
            .filter_map(|m| {
                Some(WorkOrderMember {
                    id: m.id,
                    number: m.number,
                    subject: m.subject,
                    status: Status::parse(&m.status)?,
                    language: crate::domain::Lang::parse(&m.language).unwrap_or_default(),
                })
            })
            .collect(),
    }))
}

/// Marks work order `id` done; `false` when it is not the organisation's or is done already.
pub async fn mark_done(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "UPDATE work_orders SET status = 'done', done_at = $3
         WHERE id = $1 AND organisation_id = $2 AND status = 'open'",
        id,
        organisation_id,
        now
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
