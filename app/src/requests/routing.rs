//! Routing a new request, and moving one between queues by hand (server only).

use crate::db;
use crate::db::events::NewEvent;
use crate::db::users::StaffUser;
use crate::domain::routing::{Facts, Rule, first_match, pick};
use crate::domain::views::{EventDetail, EventKind};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// Routes new request `id` of `organisation_id` by the first of its `rules` it meets: places it in the
/// rule's queue and, when the rule assigns and `may_assign` (a request from a web form, not one
/// an advisor just made), gives it to the member chosen by skills and load. The decision is a
/// staff-only entry on its timeline. Nothing happens when no rule matches.
pub async fn route_new(
    conn: &mut PgConnection,
    (organisation_id, id): (i64, i64),
    rules: &[Rule],
    facts: &Facts<'_>,
    may_assign: bool,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let Some(rule) = first_match(rules, facts) else {
        return Ok(());
    };
    let queue = match &rule.queue {
        Some((queue_id, _)) => db::routing::set_queue(conn, id, Some(*queue_id)).await?,
        None => None,
    };
    let (mut assignee, mut method) = (None, None);
    if rule.assign && may_assign {
        // The rule as read may be older than its last pick: read that again, locked, so that
        // posts at the same moment take turns.
        let last = db::routing::last_pick_for_update(conn, rule.id).await?;
        let candidates = db::routing::candidates(conn, organisation_id).await?;
        if let Some((user_id, how)) = pick(&candidates, facts.language, facts.category_id, last) {
            assignee = db::queues::set_assignee(conn, id, Some(user_id), now).await?;
            db::routing::record_pick(conn, rule.id, user_id).await?;
            method = Some(how);
        }
    }
    let detail = EventDetail::Routed {
        rule: Some(rule.name.clone()),
        queue,
        assignee,
        method,
    };
    let event = NewEvent {
        request_id: id,
        organisation_id,
        kind: EventKind::Routed,
        actor_user_id: None,
        public: false,
        body: None,
        detail: Some(&detail),
        at: now,
    };
    db::events::append_event(conn, &event).await
}

/// Moves request `id` of `organisation_id` to routed queue `queue_id` (or out of its queue) by
/// hand, as `user_id`. `false` when the request or the queue is not the organisation's.
pub async fn move_to_queue(
    conn: &mut PgConnection,
    (organisation_id, user_id): (i64, i64),
    id: i64,
    queue_id: Option<i64>,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let own = db::requests::tracking_key(conn, id, true)
        .await?
        .is_some_and(|k| k.organisation_id == organisation_id);
    let queues = db::routing::routed_queues(conn, organisation_id).await?;
    if !own || queue_id.is_some_and(|q| !queues.iter().any(|(id, _)| *id == q)) {
        return Ok(false);
    }
    let queue = db::routing::set_queue(conn, id, queue_id).await?;
    let detail = EventDetail::Routed {
        rule: None,
        queue,
        assignee: None,
        method: None,
    };
    let event = NewEvent {
        request_id: id,
        organisation_id,
        kind: EventKind::Routed,
        actor_user_id: Some(user_id),
        public: false,
        body: None,
        detail: Some(&detail),
        at: now,
    };
    db::events::append_event(conn, &event).await?;
    Ok(true)
}

/// Moves request `id` of `user`'s organisation to shared queue `queue_id`, or out of every queue.
pub async fn move_by_hand(
    pool: &sqlx::PgPool,
    user: &StaffUser,
    id: i64,
    queue_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let who = (user.organisation_id, user.id);
    if !move_to_queue(&mut tx, who, id, queue_id, now).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    tracing::info!(
        request_id = id,
        user_id = user.id,
        ?queue_id,
        "moved to queue"
    );
    Ok(())
}
