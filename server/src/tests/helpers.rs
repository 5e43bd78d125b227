//! The test harness every HTTP test imports: the real router over the demo data, requests sent
//! in-process, posts as a browser without JavaScript or an API client sends them, signing in,
//! and the role matrix (every role against a list of calls, each answer checked).

use crate::{demo, routes};
use app::ctx::AppState;
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use sqlx::PgPool;
use std::sync::Arc;
use tower::ServiceExt;

pub(crate) const SECRET: &[u8] = b"http-test-secret-http-test-secret";
/// Rate limits in these tests: high enough for every flow, low enough to test in a loop.
pub(crate) const LIMIT_PER_IP: u32 = 40;
pub(crate) const LIMIT_PER_ADDRESS: u32 = 5;

const MAILER: app::requests::customer::Mailer<'static> = app::requests::customer::Mailer {
    secret: SECRET,
    base_url: "http://luukku.test",
};

pub(crate) async fn app(pool: PgPool) -> Router {
    app_with(pool, |_| {}).await
}

/// The router over the demo data with the test settings, changed by `change`.
pub(crate) async fn app_with(pool: PgPool, change: impl FnOnce(&mut AppState)) -> Router {
    demo::load(&pool, MAILER).await.expect("demo data");
    let mut state = AppState {
        writer: app::requests::intake::Writer::start(
            &pool,
            Arc::from(SECRET),
            Arc::from("http://luukku.test"),
        ),
        pool,
        secret: Arc::from(SECRET),
        secure_cookies: false,
        public_url: Arc::from("http://luukku.test"),
        limits: Arc::new(app::abuse::Limits::new(LIMIT_PER_IP, LIMIT_PER_ADDRESS)),
        dev_pages: true,
        intake: Arc::default(),
        unsent: Arc::default(),
        trusted_proxies: Arc::default(),
    };
    change(&mut state);
    routes::router(
        state,
        LeptosOptions::builder().output_name("luukku").build(),
    )
}

pub(crate) struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }
    fn session_cookie(&self) -> String {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("luukku_session="))
            .and_then(|c| c.split(';').next())
            .expect("a session cookie")
            .to_string()
    }
}

pub(crate) async fn send(app: &Router, req: Request<Body>) -> Reply {
    let res = app.clone().oneshot(req).await.expect("router answers");
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

pub(crate) async fn get(app: &Router, path: &str) -> Reply {
    send(
        app,
        Request::get(path)
            .header(header::ACCEPT, "text/html")
            .body(Body::empty())
            .expect("request"),
    )
    .await
}

/// A page as a signed-in browser loads it.
pub(crate) async fn get_signed_in(app: &Router, path: &str, cookie: &str) -> Reply {
    send(
        app,
        Request::get(path)
            .header(header::ACCEPT, "text/html")
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .expect("request"),
    )
    .await
}

/// A server-function call as a browser without JavaScript (`html`) or an API client sends it.
pub(crate) async fn post(
    app: &Router,
    path: &str,
    fields: &[(&str, &str)],
    html: bool,
    cookie: Option<&str>,
) -> Reply {
    let mut req = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(
            header::ACCEPT,
            if html {
                "text/html,application/xhtml+xml"
            } else {
                "application/json"
            },
        )
        .header(header::HOST, "localhost")
        .header(header::ORIGIN, "http://localhost");
    if let Some(cookie) = cookie {
        req = req.header(header::COOKIE, cookie);
    }
    let body = serde_urlencoded::to_string(fields).expect("form");
    req = req.header(header::CONTENT_LENGTH, body.len());
    send(app, req.body(Body::from(body)).expect("request")).await
}

const BOUNDARY: &str = "luukku-test-boundary";

/// A multipart body with text fields and files (field, file name, bytes).
pub(crate) fn multipart_body(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> Vec<u8> {
    let mut body: Vec<u8> = Vec::new();
    for (k, v) in fields {
        body.extend(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .bytes(),
        );
    }
    for (k, name, data) in files {
        body.extend(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"; filename=\"{name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .bytes(),
        );
        body.extend_from_slice(data);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").bytes());
    body
}

/// The request head of a multipart post, as a browser without JavaScript (`html`) or an API
/// client sends it.
pub(crate) fn multipart_request(
    path: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &str, &[u8])],
    html: bool,
) -> axum::http::request::Builder {
    let length = multipart_body(fields, files).len();
    Request::post(path)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header(
            header::ACCEPT,
            if html {
                "text/html,application/xhtml+xml"
            } else {
                "application/json"
            },
        )
        .header(header::HOST, "localhost")
        .header(header::ORIGIN, "http://localhost")
        .header(header::CONTENT_LENGTH, length)
}

/// A multipart form post, as a browser without JavaScript (`html`) or an API client sends it,
/// with the session `cookie` if given.
pub(crate) async fn post_multipart(
    app: &Router,
    path: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &str, &[u8])],
    html: bool,
    cookie: Option<&str>,
) -> Reply {
    let mut req = multipart_request(path, fields, files, html);
    if let Some(cookie) = cookie {
        req = req.header(header::COOKIE, cookie);
    }
    let body = multipart_body(fields, files);
    send(app, req.body(Body::from(body)).expect("request")).await
}

/// A stamp of a form rendered ten seconds ago.
pub(crate) fn stamp() -> String {
    app::abuse::form_stamp(SECRET, chrono::Utc::now().timestamp() - 10)
}

/// Posts the "Ask for advice" form.
pub(crate) async fn ask(app: &Router, fields: &[(&str, &str)], html: bool) -> Reply {
    let started = stamp();
    let mut all = vec![("form", "ask"), ("started", started.as_str())];
    all.extend_from_slice(fields);
    post_multipart(app, "/api/submit_form", &all, &[], html, None).await
}

pub(crate) fn question(message: &str, consent: bool) -> Vec<(&str, &str)> {
    let mut f = vec![
        ("org", "liikennekeskus"),
        ("name", "Maija Virtanen"),
        ("email", "maija@example.fi"),
        ("language", "sv"),
        ("category", "1"),
        ("subject", "Resekort"),
        ("message", message),
    ];
    if consent {
        f.push(("consent", "on"));
    }
    f
}

/// Submits a valid question without JavaScript and returns its tracking token.
pub(crate) async fn submit(app: &Router) -> String {
    let r = ask(app, &question("Hur laddar jag kortet?", true), true).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    r.location()
        .strip_prefix("/sent/")
        .expect("confirmation redirect")
        .to_string()
}

pub(crate) async fn sign_in(app: &Router, email: &str) -> String {
    let r = post(
        app,
        "/api/login",
        &[("email", email), ("password", demo::DEMO_PASSWORD)],
        false,
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.session_cookie()
}

/// Every role, in the order each matrix row runs them.
pub(crate) const ROLES: [Option<&str>; 5] = [
    None,
    Some("radgivare@luukku.example"),
    Some("neuvoja@luukku.example"),
    Some(crate::demo::DEMO_SUPERVISOR),
    Some(crate::demo::DEMO_ADMIN),
];

pub(crate) async fn user_id(pool: &PgPool, email: &str) -> String {
    sqlx::query_scalar::<_, i64>("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(pool)
        .await
        .expect("user")
        .to_string()
}

/// One server function called with some fields, and what each role gets back.
pub(crate) type Row = (&'static str, Vec<(String, String)>, [StatusCode; 5]);

/// Signs every role of [`ROLES`] in: their session cookies, `None` for no session.
pub(crate) async fn sign_in_all(app: &axum::Router) -> Vec<Option<String>> {
    let mut sessions = Vec::new();
    for role in ROLES {
        sessions.push(match role {
            Some(email) => Some(sign_in(app, email).await),
            None => None,
        });
    }
    sessions
}

/// Calls each row as each role, in order, and checks every answer.
pub(crate) async fn run(app: &axum::Router, sessions: &[Option<String>], matrix: &[Row]) {
    for (path, fields, expected) in matrix {
        let fields: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        for (role, (session, want)) in ROLES.iter().zip(sessions.iter().zip(expected)) {
            let r = post(app, path, &fields, false, session.as_deref()).await;
            assert_eq!(r.status, *want, "{path} {fields:?} as {role:?}: {}", r.body);
        }
    }
}

/// A server-function call as an API client sends it, with owned fields.
pub(crate) async fn call(
    app: &Router,
    path: &str,
    fields: &[(String, String)],
    cookie: Option<&str>,
) -> Reply {
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    post(app, path, &fields, false, cookie).await
}
