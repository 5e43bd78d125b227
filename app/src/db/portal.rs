//! The customer portal: e-mailed sign-in links, accounts and sessions, and "my requests".

use crate::domain::{Lang, Localized, Status};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// Stores a sign-in link (only its hash) for `email`, valid until `expires_at`. Links older than
/// a day are removed on the way.
pub async fn put_link(
    conn: &mut PgConnection,
    token_hash: &[u8],
    email: &str,
    lang: Lang,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "DELETE FROM portal_links WHERE expires_at < $1::timestamptz - interval '1 day'",
        now
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "INSERT INTO portal_links (token_hash, email, language, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
        token_hash,
        email,
        lang.code(),
        now,
        expires_at
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Uses a sign-in link once: its e-mail address, if it is unused and unexpired.
pub async fn use_link(
    conn: &mut PgConnection,
    token_hash: &[u8],
    now: DateTime<Utc>,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "UPDATE portal_links SET used_at = $2
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING email",
        token_hash,
        now
    )
    .fetch_optional(conn)
    .await
}

/// Whether a sign-in link is still usable (the page before the button says so).
pub async fn link_usable(
    conn: &mut PgConnection,
    token_hash: &[u8],
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    Ok(sqlx::query_scalar!(
        "SELECT EXISTS (SELECT 1 FROM portal_links
                        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2)",
        token_hash,
        now
    )
    .fetch_one(conn)
    .await?
    .unwrap_or(false))
}

/// The account of `email`, created on first sign-in; returns its id.
pub async fn account(
    conn: &mut PgConnection,
    email: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "INSERT INTO customer_accounts (email, last_sign_in_at) VALUES ($1, $2)
         ON CONFLICT (lower(email)) DO UPDATE SET last_sign_in_at = $2
         RETURNING id",
        email,
        now
    )
    .fetch_one(conn)
    .await
}

/// Opens a portal session.
pub async fn start_session(
    conn: &mut PgConnection,
    token_hash: &[u8],
    account_id: i64,
    expires_at: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO portal_sessions (token_hash, account_id, expires_at) VALUES ($1, $2, $3)",
        token_hash,
        account_id,
        expires_at
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The e-mail address of a live portal session.
pub async fn session_email(
    conn: &mut PgConnection,
    token_hash: &[u8],
    now: DateTime<Utc>,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "SELECT a.email FROM portal_sessions s JOIN customer_accounts a ON a.id = s.account_id
         WHERE s.token_hash = $1 AND s.expires_at > $2",
        token_hash,
        now
    )
    .fetch_optional(conn)
    .await
}

/// Ends a portal session.
pub async fn end_session(conn: &mut PgConnection, token_hash: &[u8]) -> sqlx::Result<()> {
    sqlx::query!(
        "DELETE FROM portal_sessions WHERE token_hash = $1",
        token_hash
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// One of the customer's requests.
#[derive(Debug, Clone)]
pub struct MyRequest {
    pub id: i64,
    pub tracking_nonce: i64,
    pub number: String,
    pub organisation: Localized,
    pub subject: String,
    pub status: Status,
    pub created_at: DateTime<Utc>,
}

/// The requests of `email` across every organisation, newest first, before id `before`.
pub async fn my_requests(
    conn: &mut PgConnection,
    email: &str,
    before: Option<i64>,
    limit: i64,
) -> sqlx::Result<Vec<MyRequest>> {
    let rows = sqlx::query!(
        "SELECT r.id, r.tracking_nonce, r.number, o.name_fi, o.name_sv, o.name_en, r.subject, r.status,
                r.created_at
         FROM service_requests r JOIN organisations o ON o.id = r.organisation_id
         WHERE lower(r.customer_email) = lower($1) AND r.id < $2
         ORDER BY r.id DESC LIMIT $3",
        email,
        before.unwrap_or(i64::MAX),
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| MyRequest {
            id: r.id,
            tracking_nonce: r.tracking_nonce,
            number: r.number,
            organisation: Localized {
                fi: r.name_fi,
                sv: r.name_sv,
                en: r.name_en,
            },
            subject: r.subject,
            status: Status::parse(&r.status).unwrap_or(Status::Open),
            created_at: r.created_at,
        })
        .collect())
}
