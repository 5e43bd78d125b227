//! The only code that reads request context: the pool, the secret, the language, the signed-in user,
//! and how a failed form is answered to a browser without JavaScript.

use crate::db;
use crate::domain::Lang;
use crate::error::{AppError, FieldErrors, FormFlash};
use crate::security;
use http::request::Parts;
use leptos::prelude::*;
use serde::{Serialize, de::DeserializeOwned};
use sqlx::PgPool;
use std::sync::Arc;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "luukku_session";
/// The language cookie's name.
pub const LANG_COOKIE: &str = "luukku_lang";
/// The customer portal's session cookie.
pub const PORTAL_COOKIE: &str = "luukku_portal";
/// How long a portal session lives.
pub const PORTAL_HOURS: i64 = 12;
/// How long a session lives at most.
pub const SESSION_HOURS: i64 = 12;

/// What every request may need, provided as Leptos context by the server.
#[derive(Clone)]
pub struct AppState {
    pub pool: PgPool,
    pub secret: Arc<[u8]>,
    pub secure_cookies: bool,
    /// The address customers reach the service at, for links in messages (no trailing slash).
    pub public_url: Arc<str>,
    /// Rate limits of public writes.
    pub limits: Arc<crate::abuse::Limits>,
    /// Whether developer pages (the outbox) are served.
    pub dev_pages: bool,
    /// Form posts kept while the database was out of reach, to be sent again.
    pub unsent: Arc<crate::requests::intake::Unsent>,
    /// The proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Arc<crate::abuse::TrustedProxies>,
    /// Organisations' settings for taking in requests, as of their latest version.
    pub intake: Arc<crate::requests::intake::Cache>,
    /// Stores checked form posts together, a transaction for what has come in at once.
    pub writer: crate::requests::intake::Writer,
}

impl AppState {
    /// How messages to customers make their links.
    pub fn mailer(&self) -> crate::requests::customer::Mailer<'_> {
        crate::requests::customer::Mailer {
            secret: &self.secret,
            base_url: &self.public_url,
        }
    }
}

/// The shared state.
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| AppError::Internal("no application state".into()))
}

/// The database pool.
pub fn pool() -> Result<PgPool, AppError> {
    Ok(state()?.pool)
}

fn parts() -> Option<Parts> {
    use_context::<Parts>()
}

/// The value of cookie `name` on the current request.
pub fn cookie(name: &str) -> Option<String> {
    cookie_in(&parts()?.headers, name)
}

/// The value of cookie `name` in `headers`, for code that runs outside a server function.
pub fn cookie_in(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The visitor's language: cookie, then Accept-Language, then Finnish.
pub fn lang() -> Lang {
    let accept = parts().and_then(|p| {
        p.headers
            .get(http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    });
    Lang::negotiate(cookie(LANG_COOKIE).as_deref(), accept.as_deref())
}

/// The client's address as the router decided it (the connection's peer, or behind a trusted
/// proxy the address it forwarded), set on every request by the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub std::net::IpAddr);

/// The client's address (see [`ClientIp`]) as limits count it, or `unknown` where no connection
/// is known. An IPv6 client counts by its /64 network: one machine commonly has the whole /64 to
/// choose addresses from.
pub fn client_ip() -> String {
    parts()
        .and_then(|p| p.extensions.get::<ClientIp>().map(|c| c.0))
        .map_or_else(|| "unknown".to_string(), counted_address)
}

fn counted_address(ip: std::net::IpAddr) -> String {
    match ip {
        std::net::IpAddr::V6(v6) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        std::net::IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map_or(ip, std::net::IpAddr::V4)
            .to_string(),
        v4 => v4.to_string(),
    }
}

/// Whether this is a plain HTML form post (no JavaScript): such a browser must be redirected.
pub fn is_plain_form_post() -> bool {
    parts().is_some_and(|p| {
        p.headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    })
}

/// Adds a `Set-Cookie` header to the response.
pub fn set_cookie(name: &str, value: &str, max_age_secs: i64) {
    let secure = state().map(|s| s.secure_cookies).unwrap_or(false);
    let cookie = format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{}",
        if secure { "; Secure" } else { "" }
    );
    if let (Some(res), Ok(v)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&cookie),
    ) {
        res.append_header(http::header::SET_COOKIE, v);
    }
}

/// The signed-in member of staff, if any.
pub async fn current_user() -> Result<Option<db::users::StaffUser>, AppError> {
    let Some(token) = cookie(SESSION_COOKIE) else {
        return Ok(None);
    };
    let mut conn = pool()?.acquire().await?;
    Ok(db::users::session_user(
        &mut conn,
        &security::session_hash(&token),
        chrono::Utc::now(),
    )
    .await?)
}

/// The e-mail address of the customer signed in to the portal, if any.
pub async fn portal_email() -> Result<Option<String>, AppError> {
    let Some(token) = cookie(PORTAL_COOKIE) else {
        return Ok(None);
    };
    let mut conn = pool()?.acquire().await?;
    Ok(db::portal::session_email(
        &mut conn,
        &security::session_hash(&token),
        chrono::Utc::now(),
    )
    .await?)
}

/// The signed-in member of staff, or `Unauthenticated`.
pub async fn require_user() -> Result<db::users::StaffUser, AppError> {
    current_user().await?.ok_or(AppError::Unauthenticated)
}

/// The signed-in member of staff and organisation `slug`, if they may configure it: `NotFound`
/// for an unknown organisation, `Forbidden` for anyone else.
pub async fn require_admin_of(
    slug: &str,
) -> Result<(db::users::StaffUser, db::orgs::Organisation), AppError> {
    let user = require_user().await?;
    let mut conn = pool()?.acquire().await?;
    let org = db::orgs::find_by_slug(&mut conn, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if !crate::domain::people::may_administer(user.service_admin, &user.admin_of, org.id) {
        return Err(AppError::Forbidden);
    }
    Ok((user, org))
}

/// Answers a form that failed validation. With JavaScript the errors go back as the result; without,
/// the values and errors are kept server-side and the browser is sent back to `back` to see them.
/// What is kept is bounded (see [`crate::domain::text::bounded_for_redisplay`]), and a visitor
/// without a session keeps at most the public limit per client address: past it nothing is stored.
pub async fn form_failed<T: Serialize>(
    values: &T,
    errors: FieldErrors,
    back: &str,
) -> Result<(), AppError> {
    if !is_plain_form_post() {
        return Err(AppError::Invalid(errors));
    }
    // `back` holds what the post named (a token, an id): one no page has is not kept for.
    if back.len() > crate::domain::text::MAX_PATH {
        return Err(AppError::BadRequest(
            "the form's address is too long".into(),
        ));
    }
    if current_user().await?.is_none() {
        let limits = state()?.limits;
        rate_limit(&limits.flash_per_ip, &[&client_ip()], chrono::Utc::now())?;
    }
    let payload = crate::domain::text::bounded_for_redisplay(
        serde_json::json!({ "values": values, "errors": errors }),
    );
    let mut conn = pool()?.acquire().await?;
    let id = db::flash::put(&mut conn, &payload).await?;
    let sep = if back.contains('?') { '&' } else { '?' };
    let to = crate::domain::text::uri_safe(&format!("{back}{sep}form={id}"));
    leptos_axum::redirect(&to);
    Ok(())
}

/// The end of a form post: the browser is sent on to `to` when the service took it, or the form
/// comes back at `back` with its errors (see [`form_failed`]).
pub async fn finish<T: Serialize>(
    outcome: Result<(), FieldErrors>,
    values: &T,
    back: &str,
    to: &str,
) -> Result<(), AppError> {
    match outcome {
        Ok(()) => {
            leptos_axum::redirect(to);
            Ok(())
        }
        Err(errors) => form_failed(values, errors, back).await,
    }
}

/// Reads back a flash left by [`form_failed`]; a missing, expired or malformed one is simply absent.
pub async fn take_flash<T: DeserializeOwned>(
    id: Option<String>,
) -> Result<Option<FormFlash<T>>, AppError> {
    let Some(id) = id.and_then(|s| uuid::Uuid::parse_str(&s).ok()) else {
        return Ok(None);
    };
    let mut conn = pool()?.acquire().await?;
    let payload = db::flash::take(&mut conn, id).await?;
    Ok(payload.and_then(|p| serde_json::from_value(p).ok()))
}

/// Counts a hit on `limiter` for the key of `parts` (normalised and digested, see
/// [`crate::abuse::key`]): `TooMany` (429 with `Retry-After`) when it is used up.
pub fn rate_limit(
    limiter: &crate::abuse::RateLimiter,
    parts: &[&str],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    limiter
        .hit(&crate::abuse::key(parts), now.timestamp())
        .map_err(|retry_after_secs| AppError::TooMany { retry_after_secs })
}

/// Counts a post that names an e-mail address: against its client's address, then against
/// `bucket` for the e-mail address itself.
pub fn limit_address(
    bucket: &crate::abuse::RateLimiter,
    email: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    rate_limit(&state()?.limits.per_ip, &[&client_ip()], now)?;
    rate_limit(bucket, &[email], now)
}

/// Answers a rate-limit hit `e`: 429 with `Retry-After` for API clients; for a browser without
/// JavaScript, the form at `back` again with what was typed and the message.
pub async fn too_many<T: Serialize>(e: AppError, values: &T, back: &str) -> Result<(), AppError> {
    if !is_plain_form_post() {
        return Err(e);
    }
    let mut errors = FieldErrors::default();
    errors.add("form", "too_many");
    form_failed(values, errors, back).await
}

/// How long an answer takes at least when its timing must not tell whether an address or a
/// request exists (link resends, password resets, portal sign-in links): longer than the work
/// itself takes, so both cases answer in the same time.
pub const EVEN_ANSWER: std::time::Duration = std::time::Duration::from_millis(250);

/// Runs `work`, then waits until [`EVEN_ANSWER`] has passed since it started.
pub async fn evenly_timed<T>(work: impl std::future::Future<Output = T>) -> T {
    let until = tokio::time::Instant::now() + EVEN_ANSWER;
    let out = work.await;
    tokio::time::sleep_until(until).await;
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_ipv6_client_counts_by_its_network_and_a_mapped_v4_as_itself() {
        let ip = |s: &str| s.parse::<std::net::IpAddr>().expect("ip");
        assert_eq!(
            super::counted_address(ip("2001:db8:1:2:aaaa::1")),
            "2001:db8:1:2::/64"
        );
        assert_eq!(
            super::counted_address(ip("2001:db8:1:2:bbbb::9")),
            "2001:db8:1:2::/64"
        );
        assert_eq!(super::counted_address(ip("::ffff:192.0.2.1")), "192.0.2.1");
        assert_eq!(super::counted_address(ip("192.0.2.1")), "192.0.2.1");
    }
}
