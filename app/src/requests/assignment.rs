//! Loading a queue page, taking the next request and assigning one. Rules are in
//! `domain::queues`; this loads, decides with them and stores.

use crate::db;
use crate::db::events::NewEvent;
use crate::db::requests::TrackingKey;
use crate::db::users::StaffUser;
use crate::domain::pages::{DelegatedRow, QueuePage};
use crate::domain::queues::View;
use crate::domain::queues::{AssignTo, QueueFilter, Search, may_assign, status_when_taken};
use crate::domain::views::{EventDetail, EventKind, QueueCursor};
use crate::error::AppError;
use crate::requests::customer::Mailer;
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// Rows on one queue page.
pub const PAGE_SIZE: i64 = 50;

/// The filter of `view` for `user`; `NotFound` for a queue they cannot see.
async fn filter_of(
    conn: &mut PgConnection,
    user: &StaffUser,
    view: View,
) -> Result<QueueFilter, AppError> {
    match view {
        View::Queue(id) => db::queues::filter(conn, user.organisation_id, user.id, id)
            .await?
            .ok_or(AppError::NotFound),
        View::All | View::Mine => Ok(QueueFilter::default()),
    }
}

/// `user`'s queue page: the queues with their counts, and the rows of `view` after `after`, or the
/// hits of `search` when there is one.
pub async fn queue_page(
    conn: &mut PgConnection,
    user: &StaffUser,
    view: View,
    search: Option<&Search>,
    after: Option<QueueCursor>,
) -> Result<QueuePage, AppError> {
    let org = user.organisation_id;
    let mut rows = match (search, view) {
        (Some(s), _) => db::queues::search(conn, org, s, PAGE_SIZE).await?,
        (None, View::Mine) => db::queues::mine(conn, (org, user.id), after, PAGE_SIZE + 1).await?,
        (None, view) => {
            let filter = filter_of(conn, user, view).await?;
            db::queues::page(conn, org, &filter, after, PAGE_SIZE + 1).await?
        }
    };
    let next = (search.is_none() && rows.len() as i64 > PAGE_SIZE).then(|| {
        rows.truncate(PAGE_SIZE as usize);
        rows.last().map(|r| r.cursor().encode()).unwrap_or_default()
    });
    let (all_count, mine_count) = db::queues::builtin_counts(conn, org, user.id).await?;
    let organisation = db::orgs::find(conn, org)
        .await?
        .ok_or(AppError::NotFound)?
        .name;
    Ok(QueuePage {
        advisor: user.display_name.clone(),
        organisation,
        can_administer: crate::domain::people::may_administer(
            user.service_admin,
            &user.admin_of,
            org,
        ),
        may_share: crate::domain::queues::may_share_queues(&user.role, user.service_admin),
        may_supervise: crate::domain::board::may_supervise(&user.role),
        view,
        queues: db::queues::summaries(conn, org, user.id).await?,
        all_count,
        mine_count,
        categories: db::orgs::categories(conn, org)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect(),
        delegated_to_us: db::delegations::received(conn, org, 50)
            .await?
            .into_iter()
            .map(|(id, number, subject, created_at, due_at)| DelegatedRow {
                id,
                number,
                subject,
                created_at,
                due_at,
            })
            .collect(),
        notifications: db::notifications::unread(conn, org, user.id, 20).await?,
        rows,
        next,
    })
}

/// Logs that request `key` went to `to` (or was released) and, when someone took a new request,
/// starts its processing and tells the customer.
async fn record(
    conn: &mut PgConnection,
    mailer: Mailer<'_>,
    key: &TrackingKey,
    actor: &StaffUser,
    to: Option<String>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let taken = to.is_some();
    let detail = EventDetail::Assigned { to };
    let event = NewEvent {
        request_id: key.id,
        organisation_id: key.organisation_id,
        kind: EventKind::Assigned,
        actor_user_id: Some(actor.id),
        public: false,
        body: None,
        detail: Some(&detail),
        at: now,
    };
    db::events::append_event(conn, &event).await?;
    if taken {
        let next = status_when_taken(key.status);
        crate::requests::customer::move_to(conn, mailer, key, next, Some(actor.id), now).await?;
    }
    Ok(())
}

/// What "take next" came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    Took(i64),
    /// Nothing free in the queue fits the advisor's skills.
    Nothing,
    /// The advisor already holds as many requests as their capacity.
    Full,
}

/// Gives the most urgent free request of `view` that can be worked on now and fits `user`'s
/// skills to them, unless they are at capacity.
pub async fn take_next(
    conn: &mut PgConnection,
    mailer: Mailer<'_>,
    user: &StaffUser,
    view: View,
    now: DateTime<Utc>,
) -> Result<Next, AppError> {
    let filter = filter_of(conn, user, view).await?;
    let (skills, capacity, open) = db::people::workload(conn, user.organisation_id, user.id)
        .await?
        .ok_or(AppError::Forbidden)?;
    if !crate::domain::people::has_room(open, capacity) {
        return Ok(Next::Full);
    }
    let org = user.organisation_id;
    let Some(id) = db::queues::take_next(conn, org, user.id, (&filter, &skills), now).await? else {
        return Ok(Next::Nothing);
    };
    let key = db::requests::tracking_key(conn, id, true)
        .await?
        .ok_or(AppError::NotFound)?;
    record(
        conn,
        mailer,
        &key,
        user,
        Some(user.display_name.clone()),
        now,
    )
    .await?;
    Ok(Next::Took(id))
}

/// Gives request `id` of `user`'s organisation as `to` says, if they may.
pub async fn assign(
    conn: &mut PgConnection,
    mailer: Mailer<'_>,
    user: &StaffUser,
    id: i64,
    to: AssignTo,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let key = db::requests::tracking_key(conn, id, true)
        .await?
        .filter(|k| k.organisation_id == user.organisation_id)
        .ok_or(AppError::NotFound)?;
    if !key.status.is_active() {
        return Err(AppError::Conflict("the request is finished".into()));
    }
    let current = db::queues::assignee(conn, id).await?;
    if !may_assign(&user.role, user.id, current, to) {
        return Err(AppError::Forbidden);
    }
    let target = to.user(user.id);
    if target == current {
        return Ok(());
    }
    if let Some(t) = target {
        let colleagues = db::queues::colleagues(conn, user.organisation_id).await?;
        if !colleagues.iter().any(|(id, _)| *id == t) {
            return Err(AppError::BadRequest("no such colleague".into()));
        }
    }
    let name = db::queues::set_assignee(conn, id, target, now).await?;
    record(conn, mailer, &key, user, name, now).await?;
    Ok(())
}

/// Gives the open work of advisor `from` to `to` in `user`'s organisation (at most
/// [`crate::domain::board::BULK_LIMIT`] requests, most urgent first); answers how many moved.
pub async fn move_work(
    pool: &sqlx::PgPool,
    user: &StaffUser,
    (from, to): (i64, i64),
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    let mut tx = pool.begin().await?;
    let (org, limit) = (user.organisation_id, crate::domain::board::BULK_LIMIT);
    let moved = db::board::move_work(&mut tx, org, (from, to), user.id, limit, now).await?;
    tx.commit().await?;
    tracing::info!(from, to, moved, user_id = user.id, "work moved");
    Ok(moved)
}
