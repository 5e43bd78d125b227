//! The customer portal: a customer's own requests, each with a fresh tracking token, and signing
//! in with an e-mailed single-use link. The link is sent by `requests::customer::send_sign_in_link`.

use super::types::PortalRequest;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};

/// The requests of `email` newest first, `page` at a time after `before` (keyset), each with a
/// tracking token signed with `secret`; and where the next page starts, if there is one.
pub async fn my_requests(
    conn: &mut PgConnection,
    secret: &[u8],
    email: &str,
    (before, page): (Option<i64>, i64),
    now: DateTime<Utc>,
) -> Result<(Vec<PortalRequest>, Option<i64>), AppError> {
    let mut rows = crate::db::portal::my_requests(conn, email, before, page + 1).await?;
    let more = rows.len() as i64 > page;
    rows.truncate(page as usize);
    let next = more.then(|| rows.last().map(|r| r.id)).flatten();
    let at = now.timestamp();
    let requests = rows
        .into_iter()
        .map(|r| PortalRequest {
            token: crate::security::tracking_token(secret, r.id, r.tracking_nonce, at),
            number: r.number,
            organisation: r.organisation,
            subject: r.subject,
            status: r.status,
            created_at: r.created_at,
        })
        .collect();
    Ok((requests, next))
}

/// Uses sign-in link `token` and starts a portal session for its address: answers the session
/// token. An used or expired link is `Expired`.
pub async fn sign_in(pool: &PgPool, token: &str, now: DateTime<Utc>) -> Result<String, AppError> {
    use crate::security::{new_session_token, session_hash};
    let mut tx = pool.begin().await?;
    let email = crate::db::portal::use_link(&mut tx, &session_hash(token), now)
        .await?
        .ok_or(AppError::Expired)?;
    let account = crate::db::portal::account(&mut tx, &email, now).await?;
    let session = new_session_token();
    let expires = now + chrono::Duration::hours(crate::ctx::PORTAL_HOURS);
    crate::db::portal::start_session(&mut tx, &session_hash(&session), account, expires).await?;
    tx.commit().await?;
    tracing::info!(account_id = account, "customer signed in to the portal");
    Ok(session)
}
