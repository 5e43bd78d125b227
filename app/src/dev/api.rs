//! Server functions of the developer pages.

use crate::error::AppError;
use leptos::prelude::*;

/// Messages listed per page.
pub const PAGE: i64 = 50;

/// The newest queued messages (to `to` only, when given), keyset-paginated on `before`; the
/// second value is the `before` of the next page.
#[server(prefix = "/api", endpoint = "load_outbox")]
pub async fn load_outbox(
    to: Option<String>,
    before: Option<i64>,
) -> Result<(Vec<crate::domain::views::OutboxMessage>, Option<i64>), AppError> {
    let state = crate::ctx::state()?;
    if !state.dev_pages {
        return Err(AppError::NotFound);
    }
    let mut conn = state.pool.acquire().await?;
    let to = to.filter(|t| !t.trim().is_empty());
    let mut rows = crate::db::outbox::recent(&mut conn, to.as_deref(), before, PAGE + 1).await?;
    let next = (rows.len() as i64 > PAGE).then(|| {
        rows.truncate(PAGE as usize);
        rows.last().map(|m| m.id)
    });
    Ok((rows, next.flatten()))
}
