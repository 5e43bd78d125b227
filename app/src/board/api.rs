//! Server functions of the supervisor board.

use crate::domain::board::{Board, MoveInput};
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
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let now = chrono::Utc::now();
    let board = crate::requests::board::board(&mut conn, user.organisation_id, now).await?;
    Ok(Board { flash, ..board })
}

/// Gives the open work of advisor `from` to `to` (at most 500 requests, most urgent first).
#[server(prefix = "/api", endpoint = "move_work")]
pub async fn move_work(work: MoveInput) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    if !crate::domain::board::may_supervise(&user.role) {
        return Err(AppError::Forbidden);
    }
    let who = match work.parse() {
        Ok(who) => who,
        Err(errors) => return crate::ctx::form_failed(&work, errors, "/desk/board").await,
    };
    let pool = crate::ctx::pool()?;
    let moved = crate::requests::assignment::move_work(&pool, &user, who, chrono::Utc::now());
    leptos_axum::redirect(&format!("/desk/board?moved={}", moved.await?));
    Ok(())
}
