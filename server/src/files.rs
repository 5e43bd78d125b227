//! Binary responses outside Leptos: attachments (to the request's customer by tracking link, to
//! its organisation's staff by session), an organisation's logo and its brand colours for framed
//! forms, and the frame policy of `/embed` pages.

use app::ctx::{AppState, SESSION_COOKIE};
use app::security::{LinkCheck, check_link_token, link_token_id, session_hash};
use axum::Extension;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "not found").into_response()
}

fn failed(e: sqlx::Error) -> Response {
    tracing::error!(error = %e, "database error");
    (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
}

/// `GET /files/t/{token}/{id}`: a file of the request the tracking token opens.
pub async fn by_tracking_link(
    Extension(state): Extension<AppState>,
    Path((token, id)): Path<(String, i64)>,
) -> Response {
    let Some(request_id) = link_token_id(&token) else {
        return not_found();
    };
    let mut conn = match state.pool.acquire().await {
        Ok(c) => c,
        Err(e) => return failed(e),
    };
    let key = match app::db::requests::tracking_key(&mut conn, request_id, false).await {
        Ok(Some(key)) => key,
        Ok(None) => return not_found(),
        Err(e) => return failed(e),
    };
    let now = chrono::Utc::now().timestamp();
    match check_link_token(
        &state.secret,
        "track",
        &token,
        key.id,
        key.tracking_nonce,
        now,
    ) {
        LinkCheck::Valid => {}
        LinkCheck::Expired => return (StatusCode::GONE, "link expired").into_response(),
        LinkCheck::Invalid => return not_found(),
    }
    match app::db::attachments::get(&mut conn, id).await {
        Ok(Some(file)) if file.request_id == key.id => download(file),
        Ok(_) => not_found(),
        Err(e) => failed(e),
    }
}

/// `GET /files/s/{id}`: a file, to a signed-in member of the owning organisation.
pub async fn for_staff(
    Extension(state): Extension<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    let user = match staff_user(&state, &headers).await {
        Ok(user) => user,
        Err(response) => return response,
    };
    let mut conn = match state.pool.acquire().await {
        Ok(c) => c,
        Err(e) => return failed(e),
    };
    match app::db::attachments::get(&mut conn, id).await {
        Ok(Some(file)) if file.organisation_id == user.organisation_id => download(file),
        Ok(_) => not_found(),
        Err(e) => failed(e),
    }
}

/// The member of staff whose session cookie came with `headers`, or the answer refusing them.
pub async fn staff_user(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<app::db::users::StaffUser, Response> {
    let unauthorized = || (StatusCode::UNAUTHORIZED, "sign-in required").into_response();
    let token = app::ctx::cookie_in(headers, SESSION_COOKIE).ok_or_else(unauthorized)?;
    let mut conn = state.pool.acquire().await.map_err(failed)?;
    let now = chrono::Utc::now();
    app::db::users::session_user(&mut conn, &session_hash(&token), now)
        .await
        .map_err(failed)?
        .ok_or_else(unauthorized)
}

/// A stored file as a download: never rendered by the browser, never sniffed, sandboxed.
fn download(file: app::db::attachments::Stored) -> Response {
    let ascii: String = file
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = file
        .file_name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    let mut res = Response::new(Body::from(file.data));
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&file.content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    res
}

/// `GET /theme/{slug}`: the organisation's brand colour for its forms (a stylesheet, so the
/// page needs no inline style and keeps its strict CSP).
pub async fn theme(Extension(state): Extension<AppState>, Path(slug): Path<String>) -> Response {
    let mut conn = match state.pool.acquire().await {
        Ok(c) => c,
        Err(e) => return failed(e),
    };
    match app::db::orgs::find_by_slug(&mut conn, &slug).await {
        Ok(Some(o)) => (
            [
                (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=300"),
            ],
            // The colour is checked as `#rrggbb` by the database, so it cannot break out of the rule.
            format!(":root {{ --brand: {}; }}\n", o.brand_colour),
        )
            .into_response(),
        Ok(None) => not_found(),
        Err(e) => failed(e),
    }
}

/// `GET /logo/{slug}`: the organisation's logo.
pub async fn logo(Extension(state): Extension<AppState>, Path(slug): Path<String>) -> Response {
    let mut conn = match state.pool.acquire().await {
        Ok(c) => c,
        Err(e) => return failed(e),
    };
    match app::db::orgs::logo(&mut conn, &slug).await {
        Ok(Some((content_type, data))) => {
            let mut res = Response::new(Body::from(data));
            if let Ok(v) = HeaderValue::from_str(&content_type) {
                res.headers_mut().insert(header::CONTENT_TYPE, v);
            }
            res.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=300"),
            );
            res
        }
        Ok(None) => not_found(),
        Err(e) => failed(e),
    }
}

/// Lets the sites an organisation allows frame its `/embed/o/{slug}/…` pages (and the
/// confirmation after them): `frame-ancestors` lists them instead of `'none'`. Every other page
/// stays unframeable.
pub async fn embed_frames(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if !path.starts_with("/embed/") {
        return next.run(req).await;
    }
    let mut res = next.run(req).await;
    let origins = match frame_origins(&state, &path).await {
        Some(o) if !o.is_empty() => o,
        _ => return res,
    };
    let h = res.headers_mut();
    h.remove(header::X_FRAME_OPTIONS);
    if let Some(csp) = h
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
    {
        let allowed = format!("frame-ancestors {}", origins.join(" "));
        let csp = csp.replace("frame-ancestors 'none'", &allowed);
        if let Ok(v) = HeaderValue::from_str(&csp) {
            h.insert(header::CONTENT_SECURITY_POLICY, v);
        }
    }
    res
}

/// The origins allowed to frame `path`, when it is an embeddable page.
async fn frame_origins(state: &AppState, path: &str) -> Option<Vec<String>> {
    let mut conn = state.pool.acquire().await.ok()?;
    if let Some(rest) = path.strip_prefix("/embed/o/") {
        let slug = rest.split('/').next()?;
        let org = app::db::orgs::find_by_slug(&mut conn, slug).await.ok()??;
        return Some(org.allowed_origins);
    }
    let token = path.strip_prefix("/embed/sent/")?;
    let id = link_token_id(token)?;
    app::db::orgs::origins_of_request(&mut conn, id).await.ok()
}
