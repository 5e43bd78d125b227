//! Staff accounts, their server-side sessions and sign-in attempts.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// A signed-in member of staff, working in the session's organisation.
#[derive(Debug, Clone)]
pub struct StaffUser {
    pub id: i64,
    /// The organisation the session works in.
    pub organisation_id: i64,
    pub email: String,
    pub display_name: String,
    /// The role in that organisation.
    pub role: String,
    /// May set up organisations and administer every one of them.
    pub service_admin: bool,
    /// The organisations this person administers, whichever one the session works in.
    pub admin_of: Vec<i64>,
}

/// One organisation a member of staff belongs to, as the organisation switcher lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnMembership {
    pub organisation_id: i64,
    pub slug: String,
    pub name: crate::domain::Localized,
    pub role: String,
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

/// Creates a user or, when the e-mail exists, resets their password and name; either way makes
/// them a member of `organisation_id` with `role`.
pub async fn upsert(
    conn: &mut PgConnection,
    organisation_id: i64,
    email: &str,
    display_name: &str,
    password_hash: &str,
    role: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"WITH u AS (
               INSERT INTO users (email, display_name, password_hash) VALUES ($2, $3, $4)
               ON CONFLICT (lower(email)) DO UPDATE SET display_name = $3, password_hash = $4
               RETURNING id),
           m AS (
               INSERT INTO memberships (user_id, organisation_id, role) SELECT id, $1, $5 FROM u
               ON CONFLICT (user_id, organisation_id) DO UPDATE SET role = $5)
           SELECT id AS "id!" FROM u"#,
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

/// Records a sign-in attempt as pending and returns its id with what the log says around it,
/// this attempt included. Recorded before the password is checked, so parallel guesses count
/// each other: the k-th recorded sees at least k.
pub async fn begin_attempt(
    conn: &mut PgConnection,
    email: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<(i64, crate::domain::sign_in::Attempts)> {
    use crate::domain::sign_in::{Attempts, KNOWN_DAYS, WINDOW_MINUTES};
    let id = sqlx::query_scalar!(
        "INSERT INTO login_attempts (email, ip, outcome, attempted_at)
         VALUES ($1, $2, 'pending', $3) RETURNING id",
        email,
        ip,
        now
    )
    .fetch_one(&mut *conn)
    .await?;
    let since = now - chrono::Duration::minutes(WINDOW_MINUTES);
    let known_since = now - chrono::Duration::days(KNOWN_DAYS);
    let r = sqlx::query!(
        r#"SELECT
            (SELECT count(*) FROM login_attempts WHERE email = $1 AND ip = $2
               AND attempted_at > $3 AND outcome IN ('pending', 'failed')) AS "pair!",
            (SELECT count(*) FROM login_attempts WHERE ip = $2
               AND attempted_at > $3 AND outcome IN ('pending', 'failed')) AS "address!",
            (SELECT count(*) FROM login_attempts WHERE email = $1
               AND attempted_at > $3 AND outcome IN ('pending', 'failed')) AS "account!",
            (SELECT max(attempted_at) FROM login_attempts WHERE email = $1
               AND attempted_at > $3 AND outcome = 'failed') AS last_failure,
            EXISTS (SELECT 1 FROM login_attempts WHERE email = $1 AND ip = $2
               AND attempted_at > $4 AND outcome = 'succeeded') AS "known!""#,
        email,
        ip,
        since,
        known_since
    )
    .fetch_one(conn)
    .await?;
    Ok((
        id,
        Attempts {
            pair: r.pair,
            address: r.address,
            account: r.account,
            last_account_failure: r.last_failure,
            known_pair: r.known,
        },
    ))
}

/// Marks attempt `id` with what came of it: `failed`, `succeeded` or `refused` (not checked).
pub async fn finish_attempt(conn: &mut PgConnection, id: i64, outcome: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE login_attempts SET outcome = $2 WHERE id = $1",
        id,
        outcome
    )
    .execute(conn)
    .await
    .map(drop)
}

/// Forgets sign-in attempts older than the longest any limit looks back.
pub async fn forget_old_attempts(conn: &mut PgConnection, now: DateTime<Utc>) -> sqlx::Result<u64> {
    let before = now - chrono::Duration::days(crate::domain::sign_in::KNOWN_DAYS);
    Ok(
        sqlx::query!("DELETE FROM login_attempts WHERE attempted_at < $1", before)
            .execute(conn)
            .await?
            .rows_affected(),
    )
}

/// Starts a session for `user_id` in the organisation they last worked in (or the first they
/// belong to); only the token's hash is stored. False when they belong to no organisation.
pub async fn create_session(
    conn: &mut PgConnection,
    token_hash: &[u8],
    user_id: i64,
    expires_at: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "INSERT INTO sessions (token_hash, user_id, expires_at, organisation_id)
         SELECT $1, $2, $3, m.organisation_id FROM memberships m
         WHERE m.user_id = $2
         ORDER BY m.organisation_id = (SELECT s.organisation_id FROM sessions s WHERE s.user_id = $2
                                       ORDER BY s.created_at DESC LIMIT 1) DESC NULLS LAST,
                  m.organisation_id
         LIMIT 1",
        token_hash,
        user_id,
        expires_at
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The user of a live session, extending its idle timeout.
pub async fn session_user(
    conn: &mut PgConnection,
    token_hash: &[u8],
    now: DateTime<Utc>,
) -> sqlx::Result<Option<StaffUser>> {
    sqlx::query_as!(
        StaffUser,
        r#"WITH s AS (
            UPDATE sessions SET last_seen_at = $2
            WHERE token_hash = $1 AND expires_at > $2 AND last_seen_at > $2 - interval '8 hours'
            RETURNING user_id, organisation_id)
         SELECT u.id, m.organisation_id, u.email, u.display_name, m.role, u.service_admin,
                array(SELECT a.organisation_id FROM memberships a
                      WHERE a.user_id = u.id AND a.role = 'admin') AS "admin_of!"
         FROM s JOIN users u ON u.id = s.user_id
         JOIN memberships m ON m.user_id = s.user_id AND m.organisation_id = s.organisation_id"#,
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

/// Ends every session of `user_id` (sign out everywhere, a new password). Returns how many ended.
pub async fn delete_sessions_of(conn: &mut PgConnection, user_id: i64) -> sqlx::Result<u64> {
    Ok(
        sqlx::query!("DELETE FROM sessions WHERE user_id = $1", user_id)
            .execute(conn)
            .await?
            .rows_affected(),
    )
}

/// How many live sessions `user_id` has, this one included.
pub async fn session_count(
    conn: &mut PgConnection,
    user_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM sessions WHERE user_id = $1 AND expires_at > $2"#,
        user_id,
        now
    )
    .fetch_one(conn)
    .await
}

/// Every organisation `user_id` belongs to, by name.
pub async fn memberships_of(
    conn: &mut PgConnection,
    user_id: i64,
) -> sqlx::Result<Vec<OwnMembership>> {
    Ok(sqlx::query!(
        "SELECT m.organisation_id, o.slug, o.name_fi, o.name_sv, o.name_en, m.role
         FROM memberships m JOIN organisations o ON o.id = m.organisation_id
         WHERE m.user_id = $1 ORDER BY o.name_fi, o.id",
        user_id
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| OwnMembership {
        organisation_id: r.organisation_id,
        slug: r.slug,
        name: crate::domain::Localized {
            fi: r.name_fi,
            sv: r.name_sv,
            en: r.name_en,
        },
        role: r.role,
    })
    .collect())
}

/// Moves the session to organisation `organisation_id`, if its user belongs to it.
pub async fn switch_session(
    conn: &mut PgConnection,
    token_hash: &[u8],
    organisation_id: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "UPDATE sessions s SET organisation_id = $2
         WHERE s.token_hash = $1
           AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = s.user_id AND m.organisation_id = $2)",
        token_hash,
        organisation_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Stores a password-reset token for `email`'s account, if there is one; returns the account's
/// display name so the message can greet them.
pub async fn create_reset(
    conn: &mut PgConnection,
    email: &str,
    token_hash: &[u8],
    expires_at: DateTime<Utc>,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "WITH u AS (SELECT id, display_name FROM users WHERE lower(email) = lower($1)),
              r AS (INSERT INTO password_resets (token_hash, user_id, expires_at)
                    SELECT $2, id, $3 FROM u)
         SELECT display_name FROM u",
        email,
        token_hash,
        expires_at
    )
    .fetch_optional(conn)
    .await
}

/// How many reset links `email`'s account was sent since `since` (a limit against mail floods).
pub async fn recent_resets(
    conn: &mut PgConnection,
    email: &str,
    since: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM password_resets p JOIN users u ON u.id = p.user_id
           WHERE lower(u.email) = lower($1) AND p.created_at > $2"#,
        email,
        since
    )
    .fetch_one(conn)
    .await
}

/// Whether reset token `token_hash` can still be used.
pub async fn reset_is_live(
    conn: &mut PgConnection,
    token_hash: &[u8],
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM password_resets
                          WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2) AS "live!""#,
        token_hash,
        now
    )
    .fetch_one(conn)
    .await
}

/// Uses reset token `token_hash` once: sets the new password, ends every session of the account
/// and spends every other token it had. Returns the account, or `None` for a used, expired or
/// unknown token.
pub async fn use_reset(
    conn: &mut PgConnection,
    token_hash: &[u8],
    password_hash: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<i64>> {
    let Some(user_id) = sqlx::query_scalar!(
        "UPDATE password_resets SET used_at = $2
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
         RETURNING user_id",
        token_hash,
        now
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    sqlx::query!(
        "UPDATE users SET password_hash = $2 WHERE id = $1",
        user_id,
        password_hash
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "UPDATE password_resets SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL",
        user_id,
        now
    )
    .execute(&mut *conn)
    .await?;
    delete_sessions_of(conn, user_id).await?;
    Ok(Some(user_id))
}
