//! Work orders: every open request in one resolved together, each in its customer's language.

use super::customer::Mailer;
use crate::db::users::StaffUser;
use crate::domain::Actor;
use crate::domain::work_order::{ResolutionInput, WorkOrderInput, parse_title};
use crate::error::{AppError, Checked};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use sqlx::PgPool;

/// Completes work order `work_order_id` of `organisation_id`: every request in it that is still
/// being worked on gets a public reply in its customer's language and is resolved, and its clocks
/// are re-timed. Returns how many were resolved, or `None` when the work order is not open here.
pub async fn complete_work_order(
    conn: &mut PgConnection,
    mailer: super::customer::Mailer<'_>,
    organisation_id: i64,
    work_order_id: i64,
    resolution: &crate::domain::work_order::Resolution,
    user: (i64, crate::domain::Actor),
    now: DateTime<Utc>,
) -> sqlx::Result<Option<usize>> {
    use crate::domain::Status;
    use crate::domain::views::EventKind;
    if !crate::db::work_orders::mark_done(conn, organisation_id, work_order_id, now).await? {
        return Ok(None);
    }
    let Some(order) = crate::db::work_orders::view(conn, organisation_id, work_order_id).await?
    else {
        return Ok(None);
    };
    let mut resolved = 0;
    for m in order.members {
        let Some(key) = crate::db::requests::tracking_key(conn, m.id, true).await? else {
            continue;
        };
        if key.status.transition(Status::Resolved, user.1).is_err() {
            continue;
        }
        let reply = crate::db::requests::Message {
            kind: EventKind::Reply,
            actor_user_id: Some(user.0),
            body: resolution.text(m.language),
            to: Status::Resolved,
            channel: "desk",
        };
        super::customer::add_message(conn, mailer, &key, &reply, now).await?;
        resolved += 1;
    }
    Ok(Some(resolved))
}

/// Creates a work order titled as `input` says and puts request `id` in it.
pub async fn create(
    pool: &PgPool,
    user: &StaffUser,
    id: i64,
    input: &WorkOrderInput,
    now: DateTime<Utc>,
) -> Checked {
    let title = match parse_title(&input.title) {
        Ok(title) => title,
        Err(errors) => return Ok(Err(errors)),
    };
    let mut tx = pool.begin().await?;
    let org = user.organisation_id;
    let w = crate::db::work_orders::create(&mut tx, org, &title, user.id, now).await?;
    join_in(&mut tx, org, id, w).await?;
    tx.commit().await?;
    tracing::info!(
        request_id = id,
        work_order_id = w,
        user_id = user.id,
        "work order created"
    );
    Ok(Ok(()))
}

/// Puts request `id` in open work order `work_order_id` of the user's organisation.
pub async fn join(
    pool: &PgPool,
    user: &StaffUser,
    id: i64,
    work_order_id: i64,
) -> Result<(), AppError> {
    let mut conn = pool.acquire().await?;
    join_in(&mut conn, user.organisation_id, id, work_order_id).await
}

async fn join_in(
    conn: &mut PgConnection,
    org: i64,
    id: i64,
    work_order_id: i64,
) -> Result<(), AppError> {
    match crate::db::work_orders::join(conn, org, id, work_order_id).await? {
        true => Ok(()),
        false => Err(AppError::NotFound),
    }
}

/// Completes work order `work_order_id` with the resolution in `input`, by `user`.
pub async fn complete(
    pool: &PgPool,
    mailer: Mailer<'_>,
    user: &StaffUser,
    work_order_id: i64,
    input: &ResolutionInput,
    now: DateTime<Utc>,
) -> Checked {
    let resolution = match input.parse() {
        Ok(r) => r,
        Err(errors) => return Ok(Err(errors)),
    };
    let mut tx = pool.begin().await?;
    let by = (user.id, Actor::staff(&user.role));
    let org = user.organisation_id;
    let resolved = complete_work_order(&mut tx, mailer, org, work_order_id, &resolution, by, now)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    tracing::info!(
        work_order_id,
        resolved,
        user_id = user.id,
        "work order completed"
    );
    Ok(Ok(()))
}
