//! Server functions of signing in and out.

use super::types::*;
use crate::error::{AppError, FormFlash};
use leptos::prelude::*;

/// Only local paths are followed after sign-in or a language switch, never another site;
/// anything else goes to `fallback`.
pub fn safe_next(next: Option<&str>, fallback: &str) -> String {
    match next {
        Some(n) if crate::domain::text::is_local_path(n) => crate::domain::text::uri_safe(n),
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
    use crate::auth::service::SignIn;
    let (state, ip) = (crate::ctx::state()?, crate::ctx::client_ip());
    let back = format!("/login?next={}", safe_next(next.as_deref(), "/desk"));
    let keep = LoginInput {
        email: email
            .chars()
            .take(crate::domain::request::MAX_EMAIL)
            .collect(),
    };
    let now = chrono::Utc::now();
    match crate::auth::service::sign_in(&state, &email, password, &ip, now).await {
        Ok(SignIn::Started) => {}
        Ok(SignIn::Refused(code)) => {
            let mut errors = crate::error::FieldErrors::default();
            errors.add("password", code);
            return crate::ctx::form_failed(&keep, errors, &back).await;
        }
        Err(e @ AppError::TooMany { .. }) => return crate::ctx::too_many(e, &keep, &back).await,
        Err(e) => return Err(e),
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
