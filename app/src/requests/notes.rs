//! Notes and drafts on a request of the advisor's own organisation.

use crate::db;
use crate::db::events::NewEvent;
use crate::db::users::StaffUser;
use crate::domain::drafts::{self, DraftKind, Writers};
use crate::domain::views::EventKind;
use crate::error::{AppError, Checked};
use chrono::{DateTime, Duration, Utc};
use sqlx::PgConnection;

/// Whether request `id` belongs to `user`'s organisation.
async fn ours(conn: &mut PgConnection, user: &StaffUser, id: i64) -> sqlx::Result<bool> {
    Ok(db::requests::tracking_key(conn, id, false)
        .await?
        .is_some_and(|k| k.organisation_id == user.organisation_id))
}

/// Adds internal note `text` to request `id`, removes the writer's note draft and notifies the
/// colleagues it mentions. Returns how many were notified, or `None` when the request is not in
/// the writer's organisation.
pub async fn add_note(
    conn: &mut PgConnection,
    user: &StaffUser,
    id: i64,
    text: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<u64>> {
    if !ours(conn, user, id).await? {
        return Ok(None);
    }
    let event = NewEvent {
        request_id: id,
        organisation_id: user.organisation_id,
        kind: EventKind::Note,
        actor_user_id: Some(user.id),
        public: false,
        body: Some(text),
        detail: None,
        at: now,
    };
    db::events::append_event(conn, &event).await?;
    db::drafts::save(conn, id, user.id, DraftKind::Note, None, now).await?;
    let handles = crate::domain::notes::mentions(text);
    let notified =
        db::drafts::notify_mentioned(conn, user.organisation_id, id, user.id, &handles, now)
            .await?;
    Ok(Some(notified))
}

/// Saves (or, when `body` is `None`, only checks) `user`'s draft of `kind` on request `id` and says
/// who else is writing on it. `None` when the request is not in the user's organisation.
pub async fn sync_draft(
    conn: &mut PgConnection,
    user: &StaffUser,
    id: i64,
    draft: Option<(DraftKind, &str)>,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<Writers>> {
    if !ours(conn, user, id).await? {
        return Ok(None);
    }
    if let Some((kind, body)) = draft {
        let kept = drafts::keep(body);
        db::drafts::save(conn, id, user.id, kind, kept.as_deref(), now).await?;
    }
    let since = now - Duration::seconds(drafts::WRITING_SECS);
    Ok(Some(db::drafts::writers(conn, id, user.id, since).await?))
}

/// `user`'s internal note on request `id` as typed: checked, stored, and its mentions told.
pub async fn note(
    pool: &sqlx::PgPool,
    user: &StaffUser,
    id: i64,
    typed: &str,
    now: DateTime<Utc>,
) -> Checked {
    let text = match crate::domain::notes::parse_note(typed) {
        Ok(text) => text,
        Err(errors) => return Ok(Err(errors)),
    };
    let mut tx = pool.begin().await?;
    let notified = add_note(&mut tx, user, id, &text, now)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    tracing::info!(request_id = id, user_id = user.id, notified, "note added");
    Ok(Ok(()))
}
