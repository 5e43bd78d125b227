//! The steps of signing in that touch more than one thing (server only).

use crate::error::AppError;
use chrono::{DateTime, Utc};
use std::sync::LazyLock;

/// A real argon2id hash of a random password, checked when the account does not exist.
static DECOY: LazyLock<String> = LazyLock::new(|| {
    crate::security::hash_password(&crate::security::new_session_token()).unwrap_or_default()
});

/// Verifies the password off the async runtime. An unknown account costs the same hash work as a
/// known one, so timing does not tell which e-mails exist.
pub async fn check_password(
    user: Option<crate::db::users::Credentials>,
    password: String,
) -> Result<Option<i64>, AppError> {
    crate::ctx::blocking(move || match user {
        Some(u) => crate::security::verify_password(&password, &u.password_hash).then_some(u.id),
        None => {
            crate::security::verify_password(&password, &DECOY);
            None
        }
    })
    .await
}

/// Starts a server-side session and sets its cookie; `false` (and no session) when the person
/// belongs to no organisation any more.
pub async fn start_session(
    conn: &mut sqlx::PgConnection,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let token = crate::security::new_session_token();
    let expires = now + chrono::Duration::hours(crate::ctx::SESSION_HOURS);
    let hash = crate::security::session_hash(&token);
    if !crate::db::users::create_session(conn, &hash, user_id, expires).await? {
        return Ok(false);
    }
    crate::ctx::set_cookie(
        crate::ctx::SESSION_COOKIE,
        &token,
        crate::ctx::SESSION_HOURS * 3600,
    );
    Ok(true)
}
