//! Server functions of signing in and out.

use crate::error::{AppError, FormFlash};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Failed attempts allowed per account or address in [`LIMIT_WINDOW_MINUTES`].
pub const MAX_FAILURES: i64 = 10;
/// The sliding window of the sign-in limit.
pub const LIMIT_WINDOW_MINUTES: i64 = 15;

/// What the sign-in form keeps after a failure: never the password.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginInput {
    pub email: String,
}

/// The signed-in member of staff, as the pages show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub display_name: String,
    pub email: String,
}

/// Only local paths are followed after sign-in or a language switch, never another site;
/// anything else goes to `fallback`.
pub fn safe_next(next: Option<&str>, fallback: &str) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => fallback.to_string(),
    }
}

/// The sign-in form's flash, if a post without JavaScript failed.
#[server(prefix = "/api", endpoint = "load_login")]
pub async fn load_login(form: Option<String>) -> Result<Option<FormFlash<LoginInput>>, AppError> {
    crate::ctx::take_flash(form).await
}

/// Signs a member of staff in and sends them on to `next`.
#[server(prefix = "/api", endpoint = "login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    let (pool, ip, now) = (
        crate::ctx::pool()?,
        crate::ctx::client_ip(),
        chrono::Utc::now(),
    );
    let mut conn = pool.acquire().await?;
    let since = now - chrono::Duration::minutes(LIMIT_WINDOW_MINUTES);
    let (by_email, by_ip) =
        crate::db::users::recent_failures(&mut conn, &email, &ip, since).await?;
    if by_email >= MAX_FAILURES || by_ip >= MAX_FAILURES {
        return Err(AppError::TooMany {
            retry_after_secs: LIMIT_WINDOW_MINUTES as u64 * 60,
        });
    }
    let user = crate::db::users::credentials(&mut conn, email.trim()).await?;
    let user_id = crate::auth::service::check_password(user, password).await?;
    crate::db::users::record_attempt(&mut conn, email.trim(), &ip, user_id.is_some()).await?;
    let refused = match user_id {
        None => Some("login_failed"),
        Some(id) if !crate::auth::service::start_session(&mut conn, id, now).await? => {
            Some("no_membership")
        }
        Some(_) => None,
    };
    if let Some(code) = refused {
        let mut errors = crate::error::FieldErrors::default();
        errors.add("password", code);
        let back = format!("/login?next={}", safe_next(next.as_deref(), "/desk"));
        return crate::ctx::form_failed(
            &LoginInput {
                email: email.chars().take(254).collect(),
            },
            errors,
            &back,
        )
        .await;
    }
    leptos_axum::redirect(&safe_next(next.as_deref(), "/desk"));
    Ok(())
}

/// Ends the current session and returns to the start page.
#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    if let Some(token) = crate::ctx::cookie(crate::ctx::SESSION_COOKIE) {
        let mut conn = crate::ctx::pool()?.acquire().await?;
        crate::db::users::delete_session(&mut conn, &crate::security::session_hash(&token)).await?;
    }
    crate::ctx::set_cookie(crate::ctx::SESSION_COOKIE, "", 0);
    leptos_axum::redirect("/");
    Ok(())
}

/// Who is signed in.
#[server(prefix = "/api", endpoint = "whoami")]
pub async fn whoami() -> Result<Option<Me>, AppError> {
    Ok(crate::ctx::current_user().await?.map(|u| Me {
        display_name: u.display_name,
        email: u.email,
    }))
}
