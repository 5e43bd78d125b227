//! Taking in a customer's answer from the tracking page: the message, its files, the status move.

use super::customer::Mailer;
use crate::domain::forms::{FileLimits, first};
use crate::domain::views::EventKind;
use crate::domain::{Actor, request};
use crate::error::AppError;
use crate::error::Checked;
use crate::uploads::Posted;
use chrono::{DateTime, Utc};

/// Everything the tracking page shows of request `key` at `now`, without a failed post's values.
pub async fn page(
    conn: &mut sqlx::PgConnection,
    key: &crate::db::requests::TrackingKey,
    now: DateTime<Utc>,
) -> Result<crate::domain::pages::TrackingPage, AppError> {
    use crate::domain::Status;
    let request = tracked_request(conn, key.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let last = crate::db::requests::last_hurry(conn, key.id).await?;
    let files = crate::db::attachments::list(conn, key.id)
        .await?
        .into_iter()
        .map(|f| crate::domain::pages::FileLink {
            id: f.id,
            name: f.file_name,
            size_bytes: f.size_bytes,
        })
        .collect();
    Ok(crate::domain::pages::TrackingPage {
        can_write: request
            .status
            .after_message(Actor::Customer, None)
            .is_some(),
        can_cancel: (request
            .status
            .transition(Status::Cancelled, Actor::Customer))
        .is_ok(),
        hurry: request::hurry(request.status, last, now),
        files,
        limits: FileLimits::for_messages(),
        flash: None,
        cancel_errors: crate::error::FieldErrors::default(),
        request,
    })
}

/// The customer's answer from the tracking page (`token`, `message` and `files`): checked, stored
/// with its files, and the request moved as a customer's message moves it.
pub async fn answer(
    pool: &sqlx::PgPool,
    mailer: Mailer<'_>,
    posted: Posted,
    now: DateTime<Utc>,
) -> Checked {
    let values = posted.values;
    let mut tx = pool.begin().await?;
    let key = open_tracking(&mut tx, mailer.secret, first(&values, "token"), true).await?;
    let limits = FileLimits::for_messages();
    let (files, file_errors) = crate::uploads::check(posted.files, |f| f == "files", &limits);
    let body = match request::parse_message(first(&values, "message")) {
        Ok(body) if file_errors.is_empty() => body,
        parsed => {
            let mut errors = parsed.err().unwrap_or_default();
            errors.0.extend(file_errors.0);
            return Ok(Err(errors));
        }
    };
    let to = key
        .status
        .after_message(Actor::Customer, None)
        .ok_or_else(|| AppError::Conflict("closed".into()))?;
    let m = crate::db::requests::Message {
        kind: EventKind::CustomerMessage,
        actor_user_id: None,
        body: &body,
        to,
        channel: "web",
    };
    let event_id = super::customer::add_message(&mut tx, mailer, &key, &m, now).await?;
    for f in &files {
        let file = crate::db::attachments::NewFile {
            file_name: &f.file_name,
            content_type: f.kind.mime(),
            data: &f.data,
        };
        crate::db::attachments::insert(&mut tx, key.id, Some(event_id), &file, now).await?;
    }
    tx.commit().await?;
    Ok(Ok(()))
}

/// Opens the request a tracking token names. A forged, altered or revoked token is the same
/// `NotFound` as a missing request, so a token reveals nothing about other requests; a genuine
/// but expired one is `Expired`, so the customer is told to ask for a new link.
pub async fn open_tracking(
    conn: &mut sqlx::PgConnection,
    secret: &[u8],
    token: &str,
    for_update: bool,
) -> Result<crate::db::requests::TrackingKey, AppError> {
    use crate::security::{LinkCheck, check_link_token, link_token_id};
    let id = link_token_id(token).ok_or(AppError::NotFound)?;
    let key = crate::db::requests::tracking_key(conn, id, for_update)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = chrono::Utc::now().timestamp();
    match check_link_token(secret, "track", token, key.id, key.tracking_nonce, now) {
        LinkCheck::Valid => Ok(key),
        LinkCheck::Expired => Err(AppError::Expired),
        LinkCheck::Invalid => Err(AppError::NotFound),
    }
}

/// The customer's cancellation of the request `token` opens; `confirmed` is the box they ticked.
pub async fn cancel(
    pool: &sqlx::PgPool,
    secret: &[u8],
    token: &str,
    confirmed: bool,
    now: DateTime<Utc>,
) -> Checked {
    let mut tx = pool.begin().await?;
    let key = open_tracking(&mut tx, secret, token, true).await?;
    if !confirmed {
        return Ok(Err(crate::error::FieldErrors::one("confirm", "required")));
    }
    let to = key
        .status
        .transition(crate::domain::Status::Cancelled, Actor::Customer)
        .map_err(|_| AppError::Conflict("not cancellable".into()))?;
    crate::db::requests::change_status(&mut tx, &key, to, None, "web", false, now).await?;
    super::clocks::retime(&mut tx, key.id).await?;
    tx.commit().await?;
    tracing::info!(request_id = key.id, "cancelled by the customer");
    Ok(Ok(()))
}

/// Request `id` as its customer sees it, with the public timeline.
pub async fn tracked_request(
    conn: &mut sqlx::PgConnection,
    id: i64,
) -> Result<Option<crate::domain::views::TrackedRequest>, AppError> {
    let Some(mut request) = crate::db::requests::tracked(conn, id).await? else {
        return Ok(None);
    };
    request.timeline = crate::db::events::timeline(conn, id, true).await?;
    Ok(Some(request))
}
