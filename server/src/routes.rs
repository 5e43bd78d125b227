//! The axum router: Leptos pages and server functions, health checks, the language switch, and
//! the layers every response passes through.

use app::ctx::{AppState, LANG_COOKIE};
use app::domain::Lang;
use app::error::AppError;
use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

/// Largest request body accepted: room for a long message, refused before it is read.
pub const MAX_BODY: usize = 16 * 1024 * 1024;

/// Builds the whole application router. `leptos_routes_with_context` mounts the pages and every
/// server function (under `/api`), both with `AppState` in their context.
pub fn router(state: AppState, options: LeptosOptions) -> Router {
    let routes = generate_route_list(app::App);
    let ctx_state = state.clone();
    let provide = move || provide_context(ctx_state.clone());
    let shell_options = options.clone();
    let hub = crate::live::Hub::start(state.pool.clone());
    Router::new()
        .leptos_routes_with_context(&options, routes, provide.clone(), move || app::shell(shell_options.clone()))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .route("/lang/{code}", get(set_lang))
        .route("/files/t/{token}/{id}", get(crate::files::by_tracking_link))
        .route("/files/s/{id}", get(crate::files::for_staff))
        .route("/desk/events", get(crate::live::events))
        .route("/theme/{slug}", get(crate::files::theme))
        .route("/logo/{slug}", get(crate::files::logo))
        .fallback(leptos_axum::file_and_error_handler_with_context(provide, app::shell))
        .with_state(options)
        .layer(Extension(state.clone()))
        .layer(Extension(hub))
        .layer(middleware::from_fn(wire_status))
        .layer(middleware::from_fn(bounded_input))
        .layer(middleware::from_fn(multipart_only))
        .layer(middleware::from_fn(same_origin_writes))
        .layer(middleware::from_fn_with_state(state.secure_cookies, security_headers))
        .layer(middleware::from_fn_with_state(state.trusted_proxies.clone(), client_address))
        .layer(middleware::from_fn_with_state(state.clone(), crate::files::embed_frames))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(MAX_BODY))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", id = %id, method = %req.method(), path = %req.uri().path())
        }))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

/// Server functions answer every error with 500; this gives each `AppError` its own status
/// (and `Retry-After` for `TooMany`), so API clients get a 4xx with a reason.
async fn wire_status(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key("serverfnerror")
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, 1024 * 1024)
        .await
        .unwrap_or_default();
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if let AppError::TooMany { retry_after_secs } | AppError::Unavailable { retry_after_secs } =
            err
        {
            parts
                .headers
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The server functions that take `multipart/form-data` (they carry files).
const MULTIPART_ENDPOINTS: [&str; 3] = [
    "/api/submit_form",
    "/api/answer_request",
    "/api/upload_logo",
];

/// Answers a post to a multipart server function that is not well-formed multipart with 400 and
/// the reason. (The server-function codec would otherwise panic on a missing boundary.)
async fn multipart_only(req: Request, next: Next) -> Response {
    if MULTIPART_ENDPOINTS.contains(&req.uri().path()) {
        let ok = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| multer::parse_boundary(ct).is_ok());
        if !ok {
            return (
                StatusCode::BAD_REQUEST,
                "expected multipart/form-data with a boundary",
            )
                .into_response();
        }
    }
    next.run(req).await
}

/// Largest body of a server function that takes no files (URL-encoded): the longest text any
/// form holds many times over, refused before more of it is read.
pub const MAX_FORM_BODY: usize = 1024 * 1024;

/// Sets the client's address for everything after it ([`app::ctx::ClientIp`]): the connection's
/// peer, or behind a trusted proxy the address the proxy forwarded.
async fn client_address(
    State(proxies): State<std::sync::Arc<app::abuse::TrustedProxies>>,
    mut req: Request,
    next: Next,
) -> Response {
    let peer = req
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    if let Some(peer) = peer {
        let forwarded = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok());
        let client = proxies.client(peer, forwarded);
        req.extensions_mut().insert(app::ctx::ClientIp(client));
    }
    next.run(req).await
}

/// The first decoded name or value holding a control character (see
/// [`app::domain::text::allowed_char`]), by its name.
fn control_char_field(encoded: &[u8]) -> Option<String> {
    let bad = |s: &str| !s.chars().all(app::domain::text::allowed_char);
    form_urlencoded::parse(encoded)
        .find(|(k, v)| bad(k) || bad(v))
        .map(|(k, _)| k.chars().filter(|c| !c.is_control()).take(60).collect())
}

/// Every input bounded before anything reads it: an address (path or query) with a control
/// character is a 400, a URL-encoded body past [`MAX_FORM_BODY`] a 413, and a field holding a
/// control character (NUL among them, which the database refuses) a 422 naming the field, before
/// the server function runs. Multipart bodies are bounded by `uploads` as they are read.
async fn bounded_input(req: Request, next: Next) -> Response {
    let path = percent_encoding::percent_decode_str(req.uri().path()).decode_utf8_lossy();
    let query_bad = req
        .uri()
        .query()
        .is_some_and(|q| control_char_field(q.as_bytes()).is_some());
    if path.chars().any(|c| c.is_control()) || query_bad {
        return (StatusCode::BAD_REQUEST, "control characters in the address").into_response();
    }
    let form_post =
        req.method() == Method::POST && !MULTIPART_ENDPOINTS.contains(&req.uri().path());
    if !form_post {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM_BODY).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "the form is too large").into_response();
    };
    if let Some(field) = control_char_field(&bytes) {
        let mut errors = app::error::FieldErrors::default();
        errors.add(&field, app::domain::text::CONTROL_CHARS);
        let body = serde_json::to_string(&AppError::Invalid(errors)).unwrap_or_default();
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// Refuses writes that another site's page sends (CSRF), on top of the SameSite session cookie.
async fn same_origin_writes(req: Request, next: Next) -> Response {
    let writes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let cross_site = req
        .headers()
        .get("sec-fetch-site")
        .is_some_and(|v| v == "cross-site");
    let foreign_origin = match (
        req.headers().get(header::ORIGIN),
        req.headers().get(header::HOST),
    ) {
        (Some(origin), Some(host)) => {
            let origin = origin.to_str().unwrap_or_default();
            let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
            origin == "null" || origin_host != host.to_str().unwrap_or_default()
        }
        _ => false,
    };
    if writes && (cross_site || foreign_origin) {
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    next.run(req).await
}

/// Whether answers to `path` may be kept by caches: the build's own files and brand assets.
/// Everything else (staff pages, tracking pages, server functions, files) may carry personal
/// data and is `no-store`.
fn cacheable(path: &str) -> bool {
    path.starts_with("/pkg/")
        || path.starts_with("/theme/")
        || path.starts_with("/logo/")
        || matches!(path, "/embed.js" | "/embed-frame.js" | "/favicon.ico")
}

async fn security_headers(State(secure): State<bool>, req: Request, next: Next) -> Response {
    let store = cacheable(req.uri().path());
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if !store {
        h.entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-store"));
    }
    if secure {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(
            "default-src 'self'; frame-ancestors 'none'; object-src 'none'",
        ));
    res
}

async fn readyz(Extension(state): Extension<AppState>) -> Response {
    match sqlx::query("SELECT 1").execute(&state.pool).await {
        Ok(_) => "ready".into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "database not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

#[derive(serde::Deserialize)]
struct NextQuery {
    next: Option<String>,
}

/// `/lang/{code}?next=/path`: remembers the language in a cookie and goes back. A plain link, so it
/// works without JavaScript.
async fn set_lang(
    State(_): State<LeptosOptions>,
    Path(code): Path<String>,
    Query(q): Query<NextQuery>,
) -> Response {
    let Some(lang) = Lang::parse(&code) else {
        return (StatusCode::BAD_REQUEST, "unknown language").into_response();
    };
    let next = app::auth::api::safe_next(q.next.as_deref(), "/");
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
    let mut res = (StatusCode::SEE_OTHER, [(header::LOCATION, next)]).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}
