//! Server functions for notes and drafts.

use crate::domain::drafts::Writers;
#[cfg(feature = "ssr")]
use crate::domain::notes::NoteInput;
use crate::error::AppError;
use leptos::prelude::*;

/// An internal note on a request of the advisor's organisation; `@handle` notifies a colleague.
#[server(prefix = "/api", endpoint = "add_note")]
pub async fn add_note(id: i64, internal_note: String) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    let pool = crate::ctx::pool()?;
    let done = crate::requests::notes::note(&pool, &user, id, &internal_note, chrono::Utc::now());
    let done = done.await?;
    let kept = internal_note
        .chars()
        .take(crate::domain::request::MAX_MESSAGE);
    let keep = NoteInput {
        internal_note: kept.collect(),
    };
    let back = format!("/desk/r/{id}");
    crate::ctx::finish(done, &keep, &back, &format!("{back}?noted=1")).await
}

/// Saves the advisor's draft of `kind` (`reply` or `note`) on request `id`; an empty one is
/// removed. Answers who else is writing on the request.
#[server(prefix = "/api", endpoint = "save_draft")]
pub async fn save_draft(id: i64, kind: String, body: String) -> Result<Writers, AppError> {
    let user = crate::ctx::require_user().await?;
    let kind = crate::domain::drafts::DraftKind::parse(&kind)
        .ok_or_else(|| AppError::BadRequest("kind must be reply or note".into()))?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let now = chrono::Utc::now();
    crate::requests::notes::sync_draft(&mut conn, &user, id, Some((kind, &body)), now)
        .await?
        .ok_or(AppError::NotFound)
}

/// Who else is writing on request `id` of the advisor's organisation.
#[server(prefix = "/api", endpoint = "who_is_writing")]
pub async fn who_is_writing(id: i64) -> Result<Writers, AppError> {
    let user = crate::ctx::require_user().await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    crate::requests::notes::sync_draft(&mut conn, &user, id, None, chrono::Utc::now())
        .await?
        .ok_or(AppError::NotFound)
}
