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
    let state = crate::ctx::state()?;
    let Some(email) = crate::ctx::portal_email().await? else {
        return Ok(PortalPage {
            email: None,
            requests: Vec::new(),
            next: None,
            flash: crate::ctx::take_flash(form).await?,
        });
    };
    let mut conn = state.pool.acquire().await?;
    let mut rows = crate::db::portal::my_requests(&mut conn, &email, before, PAGE + 1).await?;
    let next = (rows.len() as i64 > PAGE).then(|| {
        rows.truncate(PAGE as usize);
        rows.last().map(|r| r.id)
    });
    let now = Utc::now().timestamp();
    let requests = rows
        .into_iter()
        .map(|r| PortalRequest {
            token: crate::security::tracking_token(&state.secret, r.id, r.tracking_nonce, now),
            number: r.number,
            organisation: r.organisation,
            subject: r.subject,
            status: r.status,
            created_at: r.created_at,
        })
        .collect();
    Ok(PortalPage {
        email: Some(email),
        requests,
        next: next.flatten(),
        flash: None,
    })
}

/// Sends a single-use sign-in link to `email`. The answer is the same for every address.
#[server(prefix = "/api", endpoint = "request_sign_in")]
pub async fn request_sign_in(email: String) -> Result<(), AppError> {
    let state = crate::ctx::state()?;
    let input = SignInInput {
        email: email.chars().take(254).collect(),
    };
    let email = match crate::domain::request::parse_email(&email) {
        Ok(e) => e,
        Err(code) => {
            let mut errors = crate::error::FieldErrors::default();
            errors.add("email", code);
            return crate::ctx::form_failed(&input, errors, "/portal").await;
        }
    };
    let now = Utc::now();
    let limited = crate::ctx::rate_limit(&state.limits.per_ip, &[&crate::ctx::client_ip()], now)
        .and_then(|_| crate::ctx::rate_limit(&state.limits.sign_in_per_address, &[&email], now));
    if let Err(e) = limited {
        return crate::ctx::too_many(e, &input, "/portal").await;
    }
    let lang = crate::ctx::lang();
    crate::ctx::evenly_timed(async {
        let mut tx = state.pool.begin().await?;
        crate::requests::customer::send_sign_in_link(&mut tx, state.mailer(), &email, lang, now)
            .await?;
        tx.commit().await
    })
    .await?;
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
    let mut tx = crate::ctx::pool()?.begin().await?;
    let now = Utc::now();
    let email = crate::db::portal::use_link(&mut tx, &crate::security::session_hash(&token), now)
        .await?
        .ok_or(AppError::Expired)?;
    let account = crate::db::portal::account(&mut tx, &email, now).await?;
    let session = crate::security::new_session_token();
    let expires = now + chrono::Duration::hours(crate::ctx::PORTAL_HOURS);
    crate::db::portal::start_session(
        &mut tx,
        &crate::security::session_hash(&session),
        account,
        expires,
    )
    .await?;
    tx.commit().await?;
    crate::ctx::set_cookie(
        crate::ctx::PORTAL_COOKIE,
        &session,
        crate::ctx::PORTAL_HOURS * 3600,
    );
    tracing::info!(account_id = account, "customer signed in to the portal");
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
