//! The steps of signing in that touch more than one thing (server only).

use crate::error::AppError;
use chrono::{DateTime, Utc};
use std::sync::LazyLock;

/// A real argon2id hash of a random password, checked when the account does not exist.
static DECOY: LazyLock<String> = LazyLock::new(|| {
    crate::security::hash_password(&crate::security::new_session_token()).unwrap_or_default()
});

/// What came of a sign-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignIn {
    /// A session was started and its cookie set.
    Started,
    /// Refused with this field error code (wrong password, or no organisation any more).
    Refused(&'static str),
}

/// Signs in `email` (as typed) with `password` from client address `ip`: counts the attempt in
/// memory against the address's limit (before anything is written), records it, lets
/// [`crate::domain::sign_in::gate`] decide whether it is checked, checks the password on the
/// hashing pool with no database connection held, and starts the session.
pub async fn sign_in(
    state: &crate::ctx::AppState,
    email: &str,
    password: String,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<SignIn, AppError> {
    use crate::domain::sign_in::{Gate, MAX_PASSWORD, gate, normalise_email};
    crate::ctx::rate_limit(&state.limits.sign_in_per_ip, &[ip], now)?;
    let Some(email) = normalise_email(email) else {
        return Ok(SignIn::Refused("login_failed"));
    };
    let pool = &state.pool;
    let mut conn = pool.acquire().await?;
    let (attempt, counts) = crate::db::users::begin_attempt(&mut conn, &email, ip, now).await?;
    if let Gate::Wait(retry_after_secs) = gate(&counts, now) {
        crate::db::users::finish_attempt(&mut conn, attempt, "refused").await?;
        return Err(AppError::TooMany { retry_after_secs });
    }
    let user = crate::db::users::credentials(&mut conn, &email).await?;
    drop(conn);
    let user_id = if password.chars().count() > MAX_PASSWORD {
        None
    } else {
        check_password(user, password).await?
    };
    let mut conn = pool.acquire().await?;
    let outcome = match user_id {
        None => SignIn::Refused("login_failed"),
        Some(id) if start_session(&mut conn, id, now).await? => SignIn::Started,
        Some(_) => SignIn::Refused("no_membership"),
    };
    let recorded = if user_id.is_some() {
        "succeeded"
    } else {
        "failed"
    };
    crate::db::users::finish_attempt(&mut conn, attempt, recorded).await?;
    Ok(outcome)
}

/// Verifies the password on the hashing pool. An unknown account costs the same hash work as a
/// known one, so timing does not tell which e-mails exist.
async fn check_password(
    user: Option<crate::db::users::Credentials>,
    password: String,
) -> Result<Option<i64>, AppError> {
    crate::hashing::run(move || match user {
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
