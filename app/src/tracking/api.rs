//! Server functions of the tracking page and of "send my link again".

#[cfg(feature = "ssr")]
use crate::domain::forms::RawValues;
use crate::domain::pages::*;
use crate::domain::request::ResendInput;
use crate::error::{AppError, FormFlash};
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

/// The request behind a tracking token, as its customer sees it.
#[server(prefix = "/api", endpoint = "load_tracking")]
pub async fn load_tracking(token: String, form: Option<String>) -> Result<TrackingPage, AppError> {
    let state = crate::ctx::state()?;
    let mut conn = state.pool.acquire().await?;
    let key = crate::requests::tracking::open_tracking(&mut conn, &state.secret, &token, false);
    let key = key.await?;
    let mut page = crate::requests::tracking::page(&mut conn, &key, chrono::Utc::now()).await?;
    drop(conn);
    // Two forms post from this page; the flash carries the values of whichever failed.
    match crate::ctx::take_flash::<RawValues>(form).await? {
        Some(f) if f.values.contains_key("confirm") => page.cancel_errors = f.errors,
        other => page.flash = other,
    }
    Ok(page)
}

/// The customer's answer or added information, with files (`multipart/form-data`: `token`,
/// `message`, `files`). Answering a request that waits for the customer resumes its clock.
#[server(prefix = "/api", endpoint = "answer_request", input = MultipartFormData)]
pub async fn answer_request(data: MultipartData) -> Result<(), AppError> {
    let state = crate::ctx::state()?;
    let now = chrono::Utc::now();
    crate::ctx::rate_limit(&state.limits.per_ip, &[&crate::ctx::client_ip()], now)?;
    let posted = crate::uploads::read(data).await?;
    let back = format!(
        "/track/{}",
        crate::domain::forms::first(&posted.values, "token")
    );
    let keep = crate::domain::forms::truncated(&posted.values);
    let done = crate::requests::tracking::answer(&state.pool, state.mailer(), posted, now);
    crate::ctx::finish(done.await?, &keep, &back, &format!("{back}?sent=1")).await
}

/// The customer cancels their request (they tick a box to confirm). Its clocks stop.
#[server(prefix = "/api", endpoint = "cancel_request")]
pub async fn cancel_request(token: String, confirm: Option<String>) -> Result<(), AppError> {
    let state = crate::ctx::state()?;
    let now = chrono::Utc::now();
    let cancel = crate::requests::tracking::cancel;
    let done = cancel(&state.pool, &state.secret, &token, confirm.is_some(), now).await?;
    let values = RawValues::from([("confirm".to_string(), Vec::new())]);
    let back = format!("/track/{token}");
    crate::ctx::finish(done, &values, &back, &format!("{back}?cancelled=1")).await
}

/// "Hurry up" (kiirehdi): at most once in 24 hours per request; notifies its organisation.
#[server(prefix = "/api", endpoint = "hurry_request")]
pub async fn hurry_request(token: String) -> Result<(), AppError> {
    let state = crate::ctx::state()?;
    let mut tx = state.pool.begin().await?;
    let key = crate::requests::tracking::open_tracking(&mut tx, &state.secret, &token, true);
    let key = key.await?;
    let now = chrono::Utc::now();
    if !crate::requests::customer::hurry(&mut tx, &key, None, "web", now).await? {
        return Err(AppError::Conflict("hurried already".into()));
    }
    tx.commit().await?;
    tracing::info!(request_id = key.id, "hurried by the customer");
    leptos_axum::redirect(&format!("/track/{token}?hurried=1"));
    Ok(())
}

/// Stops every tracking link of the request given out so far (the customer shared one by
/// mistake) and e-mails a new one. The page then has no valid link: it says where the new one went.
#[server(prefix = "/api", endpoint = "revoke_links")]
pub async fn revoke_links(token: String) -> Result<(), AppError> {
    let state = crate::ctx::state()?;
    let mut tx = state.pool.begin().await?;
    let key = crate::requests::tracking::open_tracking(&mut tx, &state.secret, &token, true);
    let key = key.await?;
    let now = chrono::Utc::now();
    crate::requests::customer::revoke_links(&mut tx, state.mailer(), &key, now).await?;
    tx.commit().await?;
    tracing::info!(
        request_id = key.id,
        "tracking links revoked by the customer"
    );
    leptos_axum::redirect("/track?revoked=1");
    Ok(())
}

/// "Send my link again": when `number` and `email` match a request, its customer gets a fresh
/// link. The answer is the same whether they match or not.
#[server(prefix = "/api", endpoint = "resend_link")]
pub async fn resend_link(number: String, email: String) -> Result<(), AppError> {
    let (state, now) = (crate::ctx::state()?, chrono::Utc::now());
    let input = ResendInput { number, email };
    let (number, email) = match input.parse() {
        Ok(parsed) => parsed,
        Err(errors) => return crate::ctx::form_failed(&input.truncated(), errors, "/track").await,
    };
    if let Err(e) = crate::ctx::limit_address(&state.limits.resend_per_address, &email, now) {
        return crate::ctx::too_many(e, &input.truncated(), "/track").await;
    }
    let resend = crate::requests::customer::resend_link;
    crate::ctx::evenly_timed(resend(
        &state.pool,
        state.mailer(),
        number.as_str(),
        &email,
        now,
    ))
    .await?;
    leptos_axum::redirect("/track?asked=1");
    Ok(())
}

/// What the "send my link again" page shows after a failed post without JavaScript.
#[server(prefix = "/api", endpoint = "load_resend")]
pub async fn load_resend(form: Option<String>) -> Result<Option<FormFlash<ResendInput>>, AppError> {
    crate::ctx::take_flash(form).await
}
