//! Server functions of the customer portal.

use super::types::*;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use chrono::Utc;
use leptos::prelude::*;

/// Requests listed per page.
pub const PAGE: i64 = 50;

/// The portal: the signed-in customer's requests newest first (keyset on `before`), or the
/// sign-in form.
#[server(prefix = "/api", endpoint = "load_portal")]
pub async fn load_portal(
    before: Option<i64>,
    form: Option<String>,
) -> Result<PortalPage, AppError> {
    let Some(email) = crate::ctx::portal_email().await? else {
        let flash = crate::ctx::take_flash(form).await?;
        return Ok(PortalPage {
            email: None,
            requests: Vec::new(),
            next: None,
            flash,
        });
    };
    let state = crate::ctx::state()?;
    let mut conn = state.pool.acquire().await?;
    let page = (before, PAGE);
    let (requests, next) =
        super::service::my_requests(&mut conn, &state.secret, &email, page, Utc::now()).await?;
    Ok(PortalPage {
        email: Some(email),
        requests,
        next,
        flash: None,
    })
}

/// Sends a single-use sign-in link to `email`. The answer is the same for every address.
#[server(prefix = "/api", endpoint = "request_sign_in")]
pub async fn request_sign_in(email: String) -> Result<(), AppError> {
    use crate::error::FieldErrors;
    let (state, now) = (crate::ctx::state()?, Utc::now());
    let input = SignInInput {
        email: email.chars().take(254).collect(),
    };
    let email = match crate::domain::request::parse_email(&email) {
        Ok(e) => e,
        Err(code) => {
            return crate::ctx::form_failed(&input, FieldErrors::one("email", code), "/portal")
                .await;
        }
    };
    if let Err(e) = crate::ctx::limit_address(&state.limits.sign_in_per_address, &email, now) {
        return crate::ctx::too_many(e, &input, "/portal").await;
    }
    let send = crate::requests::customer::send_sign_in_link;
    let lang = crate::ctx::lang();
    crate::ctx::evenly_timed(send(&state.pool, state.mailer(), &email, lang, now)).await?;
    leptos_axum::redirect("/portal?sent=1");
    Ok(())
}

/// Whether a sign-in link can still be used (shown before the customer presses "Sign in").
#[server(prefix = "/api", endpoint = "check_sign_in")]
pub async fn check_sign_in(token: String) -> Result<bool, AppError> {
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let hash = crate::security::session_hash(&token);
    Ok(crate::db::portal::link_usable(&mut conn, &hash, Utc::now()).await?)
}

/// Signs in with an e-mailed link (a post, so a mail scanner opening the link does not use it).
#[server(prefix = "/api", endpoint = "portal_sign_in")]
pub async fn portal_sign_in(token: String) -> Result<(), AppError> {
    let pool = crate::ctx::pool()?;
    let session = super::service::sign_in(&pool, &token, Utc::now()).await?;
    let max_age = crate::ctx::PORTAL_HOURS * 3600;
    crate::ctx::set_cookie(crate::ctx::PORTAL_COOKIE, &session, max_age);
    leptos_axum::redirect("/portal");
    Ok(())
}

/// Signs the customer out of the portal.
#[server(prefix = "/api", endpoint = "portal_sign_out")]
pub async fn portal_sign_out() -> Result<(), AppError> {
    if let Some(token) = crate::ctx::cookie(crate::ctx::PORTAL_COOKIE) {
        let mut conn = crate::ctx::pool()?.acquire().await?;
        crate::db::portal::end_session(&mut conn, &crate::security::session_hash(&token)).await?;
    }
    crate::ctx::set_cookie(crate::ctx::PORTAL_COOKIE, "", 0);
    leptos_axum::redirect("/portal");
    Ok(())
}
