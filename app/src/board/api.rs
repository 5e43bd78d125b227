//! Server functions of the supervisor board.

use super::types::*;
use crate::error::AppError;
use leptos::prelude::*;

/// The board of the signed-in supervisor's organisation.
#[server(prefix = "/api", endpoint = "load_board")]
pub async fn load_board(form: Option<String>) -> Result<Board, AppError> {
    let user = crate::ctx::require_user().await?;
    if !crate::domain::board::may_supervise(&user.role) {
        return Err(AppError::Forbidden);
    }
    let flash = crate::ctx::take_flash(form).await?;
    let org = user.organisation_id;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let hours = crate::db::orgs::find(&mut conn, org)
        .await?
        .ok_or(AppError::NotFound)?
        .untouched_hours;
    let before = chrono::Utc::now() - chrono::Duration::hours(i64::from(hours));
    let free = crate::domain::queues::QueueFilter {
        unassigned_only: true,
        ..Default::default()
    };
    Ok(Board {
        advisors: crate::db::board::loads(&mut conn, org).await?,
        risks: crate::db::board::queue_risks(&mut conn, org, crate::domain::queues::COUNT_CAP)
            .await?,
        unassigned: crate::db::queues::count(&mut conn, org, &free).await?,
        untouched: crate::db::board::untouched(&mut conn, org, before, 50).await?,
        untouched_hours: hours,
        flash,
    })
}

/// Gives the open work of advisor `from` to `to` (at most 500 requests, most urgent first).
#[server(prefix = "/api", endpoint = "move_work")]
pub async fn move_work(work: MoveInput) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    if !crate::domain::board::may_supervise(&user.role) {
        return Err(AppError::Forbidden);
    }
    let (from, to) = match (
        work.from.trim().parse::<i64>(),
        work.to.trim().parse::<i64>(),
    ) {
        (Ok(from), Ok(to)) if crate::domain::board::may_move(from, to) => (from, to),
        _ => {
            let mut errors = crate::error::FieldErrors::default();
            errors.add("to", "same_person");
            return crate::ctx::form_failed(&work, errors, "/desk/board").await;
        }
    };
    let mut tx = crate::ctx::pool()?.begin().await?;
    let org = user.organisation_id;
    let limit = crate::domain::board::BULK_LIMIT;
    let now = chrono::Utc::now();
    let moved = crate::db::board::move_work(&mut tx, org, (from, to), user.id, limit, now).await?;
    tx.commit().await?;
    tracing::info!(from, to, moved, user_id = user.id, "work moved");
    leptos_axum::redirect(&format!("/desk/board?moved={moved}"));
    Ok(())
}
