//! Work orders: every open request in one resolved together, each in its customer's language.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

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
