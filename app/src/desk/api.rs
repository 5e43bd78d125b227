//! Server functions of the advisor desk.

use crate::domain::views::{QueueItem, RequestDetail};
use crate::error::{AppError, FormFlash};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Rows on one queue page.
pub const PAGE_SIZE: i64 = 50;

/// One page of the queue and the cursor of the next, if there is more.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueuePage {
    pub advisor: String,
    /// Whether to offer the link to the administration pages.
    pub can_administer: bool,
    pub rows: Vec<QueueItem>,
    pub next: Option<String>,
}

/// What the reply form keeps after a failed post without JavaScript.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyInput {
    pub message: String,
    pub status: String,
}

/// The request view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestPage {
    pub request: RequestDetail,
    pub flash: Option<FormFlash<ReplyInput>>,
}

/// The signed-in advisor's queue: their organisation's active requests, soonest due first.
#[server(prefix = "/api", endpoint = "list_queue")]
pub async fn list_queue(after: Option<String>) -> Result<QueuePage, AppError> {
    let user = crate::ctx::require_user().await?;
    let after = match after.filter(|a| !a.is_empty()) {
        Some(raw) => Some(
            crate::domain::views::QueueCursor::parse(&raw)
                .ok_or_else(|| AppError::BadRequest("bad cursor".into()))?,
        ),
        None => None,
    };
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let mut rows =
        crate::db::requests::queue_page(&mut conn, user.organisation_id, after, PAGE_SIZE + 1)
            .await?;
    let next = (rows.len() as i64 > PAGE_SIZE).then(|| {
        rows.truncate(PAGE_SIZE as usize);
        rows.last().map(|r| r.cursor().encode()).unwrap_or_default()
    });
    Ok(QueuePage {
        can_administer: user.service_admin || user.role == "admin",
        advisor: user.display_name,
        rows,
        next,
    })
}

/// One request of the advisor's organisation with its whole timeline.
#[server(prefix = "/api", endpoint = "load_request")]
pub async fn load_request(id: i64, form: Option<String>) -> Result<RequestPage, AppError> {
    let user = crate::ctx::require_user().await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let mut request = crate::db::requests::detail(&mut conn, user.organisation_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    request.service_level.explanation =
        crate::requests::service::explain_due(&mut conn, request.id).await?;
    Ok(RequestPage {
        request,
        flash: crate::ctx::take_flash(form).await?,
    })
}

/// A public reply to the customer, moving the request to `status`.
#[server(prefix = "/api", endpoint = "reply_request")]
pub async fn reply_request(id: i64, message: String, status: String) -> Result<(), AppError> {
    use crate::domain::{Actor, Status, views::EventKind};
    let user = crate::ctx::require_user().await?;
    let mut tx = crate::ctx::pool()?.begin().await?;
    let key = crate::db::requests::tracking_key(&mut tx, id, true).await?;
    let key = key
        .filter(|k| k.organisation_id == user.organisation_id)
        .ok_or(AppError::NotFound)?;
    let to = Status::parse(&status)
        .and_then(|s| key.status.after_message(Actor::staff(&user.role), Some(s)));
    let mut errors = crate::domain::request::parse_message(&message)
        .err()
        .unwrap_or_default();
    if to.is_none() {
        errors.add("status", "choose");
    }
    let (Some(to), true) = (to, errors.is_empty()) else {
        drop(tx);
        let values = ReplyInput {
            message: message
                .chars()
                .take(crate::domain::request::MAX_MESSAGE)
                .collect(),
            status,
        };
        return crate::ctx::form_failed(&values, errors, &format!("/desk/r/{id}")).await;
    };
    let now = chrono::Utc::now();
    crate::db::requests::add_message(
        &mut tx,
        &key,
        EventKind::Reply,
        Some(user.id),
        message.trim(),
        to,
        "desk",
        now,
    )
    .await?;
    if to != key.status {
        crate::requests::service::retime(&mut tx, key.id).await?;
    }
    tx.commit().await?;
    tracing::info!(
        request_id = id,
        user_id = user.id,
        to = to.code(),
        "reply sent"
    );
    leptos_axum::redirect(&format!("/desk/r/{id}?sent=1"));
    Ok(())
}
