//! Staff accounts, their server-side sessions and sign-in attempts.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// A signed-in member of staff.
#[derive(Debug, Clone)]
pub struct StaffUser {
    pub id: i64,
    pub organisation_id: i64,
    pub email: String,
    pub display_name: String,
    pub role: String,
    /// May set up organisations and administer every one of them.
    pub service_admin: bool,
}

/// A user with the password hash to check a sign-in against.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub id: i64,
    pub password_hash: String,
}

/// The credentials for `email`, matched case-insensitively.
pub async fn credentials(
    conn: &mut PgConnection,
    email: &str,
) -> sqlx::Result<Option<Credentials>> {
    sqlx::query_as!(
        Credentials,
        "SELECT id, password_hash FROM users WHERE lower(email) = lower($1)",
        email
    )
    .fetch_optional(conn)
    .await
}

/// Creates a user or, when the e-mail exists, resets their password, name and role.
pub async fn upsert(
    conn: &mut PgConnection,
    organisation_id: i64,
    email: &str,
    display_name: &str,
    password_hash: &str,
    role: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "INSERT INTO users (organisation_id, email, display_name, password_hash, role)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (lower(email)) DO UPDATE
            SET organisation_id = $1, display_name = $3, password_hash = $4, role = $5
         RETURNING id",
        organisation_id,
        email,
        display_name,
        password_hash,
        role
    )
    .fetch_one(conn)
    .await
}

/// Makes a user a service-point administrator, or no longer one.
pub async fn set_service_admin(conn: &mut PgConnection, id: i64, on: bool) -> sqlx::Result<()> {
    sqlx::query!("UPDATE users SET service_admin = $2 WHERE id = $1", id, on)
        .execute(conn)
        .await
        .map(drop)
}

/// Records a sign-in attempt.
pub async fn record_attempt(
    conn: &mut PgConnection,
    email: &str,
    ip: &str,
    succeeded: bool,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO login_attempts (email, ip, succeeded) VALUES ($1, $2, $3)",
        email,
        ip,
        succeeded
    )
    .execute(conn)
    .await
    .map(drop)
}

/// Failed attempts since `since` for this e-mail and for this address, each served by its index.
pub async fn recent_failures(
    conn: &mut PgConnection,
    email: &str,
    ip: &str,
    since: DateTime<Utc>,
) -> sqlx::Result<(i64, i64)> {
    let r = sqlx::query!(
        r#"SELECT
            (SELECT count(*) FROM login_attempts
              WHERE lower(email) = lower($1) AND attempted_at > $3 AND NOT succeeded) AS "by_email!",
            (SELECT count(*) FROM login_attempts
              WHERE ip = $2 AND attempted_at > $3 AND NOT succeeded) AS "by_ip!""#,
        email,
        ip,
        since
    )
    .fetch_one(conn)
    .await?;
    Ok((r.by_email, r.by_ip))
}

/// Starts a session for `user_id`; only the token's hash is stored.
pub async fn create_session(
    conn: &mut PgConnection,
    token_hash: &[u8],
    user_id: i64,
    expires_at: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)",
        token_hash,
        user_id,
        expires_at
    )
    .execute(conn)
    .await
    .map(drop)
}

/// The user of a live session, extending its idle timeout.
pub async fn session_user(
    conn: &mut PgConnection,
    token_hash: &[u8],
    now: DateTime<Utc>,
) -> sqlx::Result<Option<StaffUser>> {
    sqlx::query_as!(
        StaffUser,
        "WITH s AS (
            UPDATE sessions SET last_seen_at = $2
            WHERE token_hash = $1 AND expires_at > $2 AND last_seen_at > $2 - interval '8 hours'
            RETURNING user_id)
         SELECT u.id, u.organisation_id, u.email, u.display_name, u.role, u.service_admin
         FROM users u JOIN s ON s.user_id = u.id",
        token_hash,
        now
    )
    .fetch_optional(conn)
    .await
}

/// Ends a session.
pub async fn delete_session(conn: &mut PgConnection, token_hash: &[u8]) -> sqlx::Result<()> {
    sqlx::query!("DELETE FROM sessions WHERE token_hash = $1", token_hash)
        .execute(conn)
        .await
        .map(drop)
}
