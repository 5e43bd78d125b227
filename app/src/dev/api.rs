//! Server functions of the developer pages.

use crate::error::AppError;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Messages listed per page.
pub const PAGE: i64 = 50;

/// A queued message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxMessage {
    pub id: i64,
    pub kind: String,
    pub to_email: String,
    pub language: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub sent: bool,
}

/// The newest queued messages (to `to` only, when given), keyset-paginated on `before`; the
/// second value is the `before` of the next page.
#[server(prefix = "/api", endpoint = "load_outbox")]
pub async fn load_outbox(
    to: Option<String>,
    before: Option<i64>,
) -> Result<(Vec<OutboxMessage>, Option<i64>), AppError> {
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
    let messages = rows
        .into_iter()
        .map(|m| OutboxMessage {
            id: m.id,
            kind: m.kind,
            to_email: m.to_email,
            language: m.language,
            subject: m.subject,
            body: m.body,
            created_at: m.created_at,
            sent: m.sent_at.is_some(),
        })
        .collect();
    Ok((messages, next.flatten()))
}
