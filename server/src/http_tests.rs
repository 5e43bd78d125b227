//! HTTP tests: the real router in-process, a real Postgres per test, no sockets and no sleeps.

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
        writer: app::intake::Writer::start(
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

#[sqlx::test(migrations = "../migrations")]
async fn health_and_readiness_answer(pool: PgPool) {
    let app = app(pool).await;
    assert_eq!(get(&app, "/healthz").await.status, StatusCode::OK);
    assert_eq!(get(&app, "/readyz").await.body, "ready");
}

#[sqlx::test(migrations = "../migrations")]
async fn the_start_page_speaks_the_browsers_language_with_security_headers(pool: PgPool) {
    let app = app(pool).await;
    let req = Request::get("/")
        .header(header::ACCEPT_LANGUAGE, "sv-FI,sv;q=0.9,en;q=0.5")
        .body(Body::empty());
    let r = send(&app, req.expect("request")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains(r#"<html lang="sv""#),
        "{}",
        &r.body[..200.min(r.body.len())]
    );
    assert!(r.body.contains("Fråga råd") && r.body.contains("Servicecentralen för mobilitet"));
    let csp = r
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(
        csp.contains("'nonce-")
            && csp.contains("frame-ancestors 'none'")
            && !csp.contains("unsafe-inline")
    );
    assert_eq!(
        r.headers
            .get(header::X_CONTENT_TYPE_OPTIONS)
            .expect("nosniff"),
        "nosniff"
    );
    assert!(r.headers.contains_key("x-request-id"));
}

#[sqlx::test(migrations = "../migrations")]
async fn the_language_switch_is_remembered_in_a_cookie(pool: PgPool) {
    let app = app(pool).await;
    let r = get(&app, "/lang/en?next=/o/liikennekeskus/ask").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/o/liikennekeskus/ask");
    let cookie = r
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .expect("cookie");
    assert!(cookie.starts_with("luukku_lang=en"));
    let req = Request::get("/o/liikennekeskus/ask")
        .header(header::COOKIE, "luukku_lang=en")
        .body(Body::empty());
    assert!(
        send(&app, req.expect("request"))
            .await
            .body
            .contains("Ask for advice")
    );
    assert_eq!(get(&app, "/lang/xx").await.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        get(&app, "/lang/fi?next=//evil.example").await.location(),
        "/"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn an_api_client_gets_422_with_every_field_error(pool: PgPool) {
    let app = app(pool).await;
    let fields = [
        ("org", "liikennekeskus"),
        ("name", " "),
        ("email", "x"),
        ("language", "de"),
        ("category", "99"),
        ("subject", ""),
        ("message", ""),
    ];
    let r = ask(&app, &fields, false).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    for code in ["required", "email_invalid", "choose", "consent_required"] {
        assert!(r.body.contains(code), "{code} missing in {}", r.body);
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn malformed_calls_are_400_not_500(pool: PgPool) {
    let app = app(pool).await;
    let r = post(
        &app,
        "/api/submit_form",
        &[("org", "liikennekeskus")],
        false,
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    let r = post(
        &app,
        "/api/load_request",
        &[("id", "not-a-number")],
        false,
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
}

#[sqlx::test(migrations = "../migrations")]
async fn without_javascript_a_bad_form_comes_back_with_errors_and_what_was_typed(pool: PgPool) {
    let app = app(pool.clone()).await;
    let r = ask(&app, &question("Jag skrev det här.", false), true).await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert!(
        r.location().starts_with("/o/liikennekeskus/ask?form="),
        "{}",
        r.location()
    );
    let page = get(&app, r.location()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Jag skrev det här.") && page.body.contains("Maija Virtanen"));
    assert!(
        page.body.contains("Hyväksy tietojen käsittely"),
        "the consent error in Finnish"
    );
    assert!(page.body.contains("Korjaa seuraavat kohdat"));
    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM service_requests WHERE subject = 'Resekort'")
            .fetch_one(&pool)
            .await
            .expect("count");
    assert_eq!(stored, 0, "nothing is stored for an invalid form");
}

#[sqlx::test(migrations = "../migrations")]
async fn ten_megabytes_of_text_is_a_field_error_not_a_crash(pool: PgPool) {
    let app = app(pool).await;
    let huge = "x".repeat(10 * 1024 * 1024);
    let r = ask(&app, &question(&huge, true), false).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("too_long"));
    let r = ask(&app, &question(&"x".repeat(20 * 1024 * 1024), true), false).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[sqlx::test(migrations = "../migrations")]
async fn posts_arriving_together_are_stored_together_each_numbered_and_acknowledged(pool: PgPool) {
    let app = app(pool.clone()).await;
    let (before,): (i64,) = sqlx::query_as("SELECT count(*) FROM service_requests")
        .fetch_one(&pool)
        .await
        .expect("count");
    // Different customers, as the rate limit per address would stop one customer's 24th post.
    let posts: Vec<_> = (0..24)
        .map(|i| {
            let app = app.clone();
            tokio::spawn(async move {
                let email = format!("asiakas{i}@example.fi");
                let mut fields = question("Hur laddar jag kortet?", true);
                fields.retain(|(name, _)| *name != "email");
                fields.push(("email", &email));
                let r = ask(&app, &fields, true).await;
                assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
                let sent = r.location().strip_prefix("/sent/").expect("confirmation");
                sent.to_string()
            })
        })
        .collect();
    let mut ids = Vec::new();
    for p in posts {
        let token = p.await.expect("post");
        let id: i64 = token
            .split('-')
            .next()
            .and_then(|id| id.parse().ok())
            .expect("id");
        let track = get(&app, &format!("/track/{token}")).await;
        assert_eq!(
            track.status,
            StatusCode::OK,
            "each link opens its own request"
        );
        ids.push(id);
    }
    let stored: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT r.id, r.number, (SELECT count(*) FROM outbox o WHERE o.request_id = r.id
                                    AND o.kind = 'acknowledgement' AND o.body LIKE '%/track/' || r.id || '-%')
         FROM service_requests r WHERE r.id = ANY($1) ORDER BY r.number",
    )
    .bind(&ids)
    .fetch_all(&pool)
    .await
    .expect("stored");
    assert_eq!(stored.len(), 24, "every acknowledged post is stored");
    assert!(
        stored.iter().all(|(_, _, acks)| *acks == 1),
        "each has one acknowledgement with its own link: {stored:?}"
    );
    let sequence: Vec<i64> = stored
        .iter()
        .map(|(_, n, _)| {
            n.rsplit('-')
                .nth(1)
                .and_then(|n| n.parse().ok())
                .expect("number")
        })
        .collect();
    let first = sequence[0];
    assert_eq!(
        sequence,
        (first..first + 24).collect::<Vec<_>>(),
        "numbers are consecutive, without gaps"
    );
    let (after,): (i64,) = sqlx::query_as("SELECT count(*) FROM service_requests")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(after - before, 24);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_submitted_request_is_numbered_and_tracked_and_tokens_do_not_transfer(pool: PgPool) {
    let app = app(pool.clone()).await;
    let token = submit(&app).await;
    let sent = get(&app, &format!("/sent/{token}")).await;
    assert_eq!(sent.status, StatusCode::OK);
    let (number, channel, language): (String, String, String) =
        sqlx::query_as("SELECT number, channel, language FROM service_requests WHERE id = $1")
            .bind(
                token
                    .split('-')
                    .next()
                    .expect("id")
                    .parse::<i64>()
                    .expect("id"),
            )
            .fetch_one(&pool)
            .await
            .expect("stored");
    assert!(sent.body.contains(&number));
    assert!(
        app::domain::RequestNumber::parse(&number).is_some(),
        "{number}"
    );
    assert_eq!((channel.as_str(), language.as_str()), ("web", "sv"));
    let track = get(&app, &format!("/track/{token}")).await;
    assert_eq!(track.status, StatusCode::OK);
    assert!(track.body.contains(&number) && track.body.contains("Uusi"));

    let other = submit(&app).await;
    let (other_id, mac) = other.split_once('-').expect("token");
    let (id, _) = token.split_once('-').expect("token");
    for forged in [
        format!("{id}-{}", &mac),
        format!("{other_id}-AAAAAAAAAAAAAAAAAAAAAA"),
        "abc".to_string(),
    ] {
        assert_eq!(
            get(&app, &format!("/track/{forged}")).await.status,
            StatusCode::NOT_FOUND,
            "{forged}"
        );
    }
    let forged = format!("{id}-{mac}");
    let r = post_multipart(
        &app,
        "/api/answer_request",
        &[("token", &forged), ("message", "hi")],
        &[],
        false,
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[sqlx::test(migrations = "../migrations")]
async fn an_advisor_replies_and_the_customer_answer_reopens_the_request(pool: PgPool) {
    let app = app(pool.clone()).await;
    let token = submit(&app).await;
    let id = token.split('-').next().expect("id").to_string();
    let cookie = sign_in(&app, "neuvoja@luukku.example").await;

    let queue = send(
        &app,
        Request::get("/desk")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .expect("req"),
    )
    .await;
    assert!(
        queue.body.contains("Resekort"),
        "the new request is in the queue"
    );

    let fields = [
        ("id", id.as_str()),
        ("message", "Ladda kortet i webbutiken."),
        ("status", "waiting_for_customer"),
    ];
    let r = post(&app, "/api/reply_request", &fields, false, Some(&cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let track = get(&app, &format!("/track/{token}")).await;
    assert!(
        track.body.contains("Ladda kortet i webbutiken.")
            && track.body.contains("Odottaa asiakasta")
    );

    let r = post_multipart(
        &app,
        "/api/answer_request",
        &[("token", &token), ("message", "Tack!")],
        &[],
        false,
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let (status,): (String,) = sqlx::query_as("SELECT status FROM service_requests WHERE id = $1")
        .bind(id.parse::<i64>().expect("id"))
        .fetch_one(&pool)
        .await
        .expect("status");
    assert_eq!(status, "open");
    let kinds: Vec<String> =
        sqlx::query_scalar("SELECT kind FROM request_events WHERE request_id = $1 ORDER BY id")
            .bind(id.parse::<i64>().expect("id"))
            .fetch_all(&pool)
            .await
            .expect("events");
    assert_eq!(
        kinds,
        [
            "submitted",
            "reply",
            "status_changed",
            "customer_message",
            "status_changed"
        ]
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn the_desk_needs_a_session_and_shows_only_the_advisors_organisation(pool: PgPool) {
    let app = app(pool).await;
    let token = submit(&app).await;
    let id = token.split('-').next().expect("id").to_string();
    let r = get(&app, "/desk").await;
    assert!(
        r.status.is_redirection() && r.location().starts_with("/login"),
        "{} {}",
        r.status,
        r.location()
    );
    let r = post(&app, "/api/list_queue", &[], false, None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let other_org = sign_in(&app, "radgivare@luukku.example").await;
    let r = post(
        &app,
        "/api/load_request",
        &[("id", id.as_str())],
        false,
        Some(&other_org),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let fields = [
        ("id", id.as_str()),
        ("message", "Not mine"),
        ("status", "resolved"),
    ];
    let r = post(&app, "/api/reply_request", &fields, false, Some(&other_org)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[sqlx::test(migrations = "../migrations")]
async fn notes_and_drafts_are_only_for_staff_of_the_requests_organisation(pool: PgPool) {
    let app = app(pool).await;
    let token = submit(&app).await;
    let id = token.split('-').next().expect("id").to_string();
    let draft = [("id", id.as_str()), ("kind", "reply"), ("body", "Hei")];
    let note = [("id", id.as_str()), ("internal_note", "@paakayttaja katso")];
    for (path, fields) in [
        ("/api/save_draft", &draft[..]),
        ("/api/who_is_writing", &draft[..1]),
        ("/api/add_note", &note[..]),
    ] {
        let r = post(&app, path, fields, false, None).await;
        assert_eq!(
            r.status,
            StatusCode::UNAUTHORIZED,
            "{path} without a session"
        );
        let other_org = sign_in(&app, "radgivare@luukku.example").await;
        let r = post(&app, path, fields, false, Some(&other_org)).await;
        assert_eq!(
            r.status,
            StatusCode::NOT_FOUND,
            "{path} by another organisation"
        );
    }
    let advisor = sign_in(&app, "neuvoja@luukku.example").await;
    let bad = [("id", id.as_str()), ("kind", "secret"), ("body", "x")];
    let r = post(&app, "/api/save_draft", &bad, false, Some(&advisor)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    let r = post(&app, "/api/save_draft", &draft, false, Some(&advisor)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let empty = [("id", id.as_str()), ("internal_note", "   ")];
    let r = post(&app, "/api/add_note", &empty, false, Some(&advisor)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("internal_note"), "{}", r.body);
    // The colleague sees who is writing; the advisor's own draft comes back in the request view.
    let admin = sign_in(&app, "paakayttaja@luukku.example").await;
    let r = post(
        &app,
        "/api/who_is_writing",
        &draft[..1],
        false,
        Some(&admin),
    )
    .await;
    assert!(r.body.contains("Aino Neuvoja"), "{}", r.body);
    let view = [("id", id.as_str())];
    let r = post(&app, "/api/load_request", &view, false, Some(&advisor)).await;
    assert!(r.body.contains(r#""reply":"Hei""#), "{}", r.body);
    let r = post(&app, "/api/add_note", &note, false, Some(&advisor)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[sqlx::test(migrations = "../migrations")]
async fn writes_from_another_site_are_refused(pool: PgPool) {
    let app = app(pool).await;
    let req = Request::post("/api/login")
        .header(header::HOST, "localhost")
        .header(header::ORIGIN, "https://evil.example")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("email=a&password=b"))
        .expect("request");
    assert_eq!(send(&app, req).await.status, StatusCode::FORBIDDEN);
}

/// Every administration call with valid-looking fields for organisation `org`.
pub(crate) fn admin_calls(org: &str) -> Vec<(&'static str, Vec<(String, String)>)> {
    let o = |extra: &[(&str, &str)]| {
        let mut f = vec![("org".to_string(), org.to_string())];
        f.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        f
    };
    vec![
        ("/api/load_hierarchy", o(&[])),
        ("/api/load_calendar", o(&[])),
        ("/api/load_sla", o(&[])),
        (
            "/api/add_node",
            o(&[
                ("level", "department"),
                ("node[name_fi]", "Osasto"),
                ("node[name_sv]", "Avdelning"),
                ("node[name_en]", "Department"),
            ]),
        ),
        (
            "/api/set_node_active",
            o(&[("level", "department"), ("id", "1"), ("active", "false")]),
        ),
        (
            "/api/add_closure",
            o(&[
                ("closure[day]", "2026-12-28"),
                ("closure[reason]", "Huolto"),
            ]),
        ),
        ("/api/remove_closure", o(&[("day", "2026-12-28")])),
        (
            "/api/add_policy",
            o(&[
                ("policy[name]", "Kaikki"),
                ("policy[resolution_hours]", "8"),
            ]),
        ),
        ("/api/retire_policy", o(&[("id", "1")])),
        ("/api/load_retention", o(&[])),
        ("/api/load_routing", o(&[])),
        (
            "/api/add_rule",
            o(&[
                ("rule[name]", "Laskut"),
                ("rule[keywords]", "lasku"),
                ("rule[assign]", "on"),
            ]),
        ),
        ("/api/move_rule_up", o(&[("id", "1")])),
        ("/api/delete_rule", o(&[("id", "1")])),
        ("/api/load_people", o(&[])),
        ("/api/load_org_settings", o(&[])),
        (
            "/api/save_org_settings",
            o(&[
                ("settings[name_fi]", "Nimi"),
                ("settings[name_sv]", "Namn"),
                ("settings[name_en]", "Name"),
                ("settings[privacy_url]", "/privacy/demo.html"),
                ("settings[untouched_hours]", "24"),
            ]),
        ),
        (
            "/api/save_matrix",
            o(&[
                ("matrix[high_high]", "critical"),
                ("matrix[high_medium]", "high"),
                ("matrix[high_low]", "normal"),
                ("matrix[medium_high]", "high"),
                ("matrix[medium_medium]", "normal"),
                ("matrix[medium_low]", "low"),
                ("matrix[low_high]", "normal"),
                ("matrix[low_medium]", "low"),
                ("matrix[low_low]", "low"),
            ]),
        ),
        (
            "/api/save_week",
            o(&[
                ("week[time_zone]", "Europe/Helsinki"),
                ("week[finnish_holidays]", "on"),
                ("week[open_0]", "on"),
                ("week[opens_0]", "08:00"),
                ("week[closes_0]", "16:00"),
            ]),
        ),
        ("/api/load_admin_home", o(&[])),
        ("/api/load_forms_admin", o(&[])),
        (
            "/api/create_form",
            o(&[
                ("new[slug]", "vuokraus"),
                ("new[request_type]", "order"),
                ("new[name_fi]", "Vuokraus"),
                ("new[name_sv]", "Uthyrning"),
                ("new[name_en]", "Rental"),
            ]),
        ),
        (
            "/api/save_embedding",
            o(&[
                ("embedding[brand_colour]", "#00549f"),
                ("embedding[origins]", "https://www.example.fi"),
            ]),
        ),
        ("/api/load_form_editor", o(&[("id", "1")])),
        (
            "/api/save_form_settings",
            o(&[
                ("id", "1"),
                ("settings[slug]", "kysy"),
                ("settings[request_type]", "information_request"),
                ("settings[category]", ""),
                ("settings[name_fi]", "Kysy"),
                ("settings[name_sv]", "Fråga"),
                ("settings[name_en]", "Ask"),
                ("settings[intro_fi]", ""),
                ("settings[intro_sv]", ""),
                ("settings[intro_en]", ""),
                ("settings[active]", "on"),
                ("settings[sort_order]", "1"),
                ("settings[max_files]", "3"),
                ("settings[max_megabytes]", "5"),
                ("settings[file_types]", "pdf"),
            ]),
        ),
        (
            "/api/edit_form_fields",
            o(&[("id", "1"), ("op", "remove"), ("key", "ei-ole")]),
        ),
        ("/api/load_privacy_admin", o(&[])),
        (
            "/api/publish_privacy",
            o(&[
                ("notice[language]", "fi"),
                (
                    "notice[body]",
                    "Käsittelemme tietojasi palvelupyynnön hoitamiseksi.",
                ),
            ]),
        ),
        ("/api/save_retention", {
            let mut f = o(&[]);
            for i in 0..6 {
                f.push((format!("rules[archive_after_days][{i}]"), "30".into()));
                f.push((format!("rules[dispose_after_months][{i}]"), "12".into()));
                f.push((format!("rules[disposal][{i}]"), "anonymise".into()));
            }
            f
        }),
    ]
}

async fn call(
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

#[sqlx::test(migrations = "../migrations")]
async fn administration_is_only_for_administrators_of_the_organisation(pool: PgPool) {
    let app = app(pool).await;
    let advisor = sign_in(&app, "neuvoja@luukku.example").await;
    for (path, fields) in admin_calls("liikennekeskus") {
        let anonymous = call(&app, path, &fields, None).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED, "{path}");
        let r = call(&app, path, &fields, Some(&advisor)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}: {}", r.body);
    }
    let create = [
        ("org[slug]", "vesilaitos"),
        ("org[prefix]", "VSL"),
        ("org[name_fi]", "Vesilaitos"),
        ("org[name_sv]", "Vattenverket"),
        ("org[name_en]", "Water Utility"),
        ("org[privacy_url]", "/privacy/demo.html"),
    ];
    let r = post(
        &app,
        "/api/create_organisation",
        &create,
        false,
        Some(&advisor),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let admin = sign_in(&app, demo::DEMO_ADMIN).await;
    for (path, fields) in admin_calls("esimerkkila") {
        let r = call(&app, path, &fields, Some(&admin)).await;
        assert!(
            r.status == StatusCode::OK || r.status == StatusCode::NOT_FOUND,
            "{path}: {} {}",
            r.status,
            r.body
        );
    }
    let r = call(
        &app,
        "/api/load_sla",
        &admin_calls("ei-ole")[2].1,
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // The logo comes as a multipart post, so it is checked here rather than in the calls.
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
    let (fields, files) = ([("org", "esimerkkila")], [("logo", "logo.png", png)]);
    for (cookie, want) in [
        (None, StatusCode::UNAUTHORIZED),
        (Some(advisor.as_str()), StatusCode::FORBIDDEN),
        (Some(admin.as_str()), StatusCode::OK),
    ] {
        let r = post_multipart(&app, "/api/upload_logo", &fields, &files, false, cookie).await;
        assert_eq!(r.status, want, "{}", r.body);
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn an_administrator_sets_up_an_organisation_whose_requests_are_timed_as_configured(
    pool: PgPool,
) {
    let app = app(pool.clone()).await;
    let admin = sign_in(&app, demo::DEMO_ADMIN).await;
    let create = [
        ("org[slug]", "vesilaitos"),
        ("org[prefix]", "vsl"),
        ("org[name_fi]", "Vesilaitos"),
        ("org[name_sv]", "Vattenverket"),
        ("org[name_en]", "Water Utility"),
        ("org[privacy_url]", "/privacy/demo.html"),
    ];
    let r = post(
        &app,
        "/api/create_organisation",
        &create,
        false,
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let again = post(
        &app,
        "/api/create_organisation",
        &create,
        false,
        Some(&admin),
    )
    .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("taken"), "{}", again.body);

    let node = |level: &'static str, parent: String, name: &'static str| {
        vec![
            ("org".to_string(), "vesilaitos".to_string()),
            ("level".to_string(), level.to_string()),
            ("parent".to_string(), parent),
            ("node[name_fi]".to_string(), name.to_string()),
            ("node[name_sv]".to_string(), format!("{name} sv")),
            ("node[name_en]".to_string(), format!("{name} en")),
        ]
    };
    let id = |table: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(&format!("SELECT max(id) FROM {table}"))
                .fetch_one(&pool)
                .await
                .expect("id")
                .to_string()
        }
    };
    for (level, parent_table, name) in [
        ("department", None, "Vesihuolto"),
        ("provider", Some("departments"), "Verkosto"),
        ("category", Some("service_providers"), "Vesikatko"),
    ] {
        let parent = match parent_table {
            Some(t) => id(t).await,
            None => String::new(),
        };
        let r = call(
            &app,
            "/api/add_node",
            &node(level, parent, name),
            Some(&admin),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{level}: {}", r.body);
    }
    let category = id("service_categories").await;
    // Open around the clock without holidays, so the due time is exactly two hours away.
    let mut week = vec![
        ("org".to_string(), "vesilaitos".to_string()),
        ("week[time_zone]".to_string(), "Europe/Helsinki".to_string()),
    ];
    for d in 0..7 {
        week.push((format!("week[open_{d}]"), "on".into()));
        week.push((format!("week[opens_{d}]"), "00:00".into()));
        week.push((format!("week[closes_{d}]"), "23:59".into()));
    }
    let r = call(&app, "/api/save_week", &week, Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let policy = [
        ("org", "vesilaitos"),
        ("policy[name]", "Vesikatkot"),
        ("policy[category_id]", category.as_str()),
        ("policy[resolution_hours]", "2"),
        ("policy[first_response_hours]", "0:30"),
    ];
    let r = post(&app, "/api/add_policy", &policy, false, Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let before = chrono::Utc::now();
    let mut q = question("Vesi on poikki Kalliossa.", true);
    q[0] = ("org", "vesilaitos");
    q[4] = ("category", category.as_str());
    let r = ask(&app, &q, true).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    let (number, policy_name, priority, due): (
        String,
        String,
        String,
        chrono::DateTime<chrono::Utc>,
    ) = sqlx::query_as(
        "SELECT r.number, p.name, r.priority, r.resolution_due_at
             FROM service_requests r JOIN sla_policies p ON p.id = r.sla_policy_id
             ORDER BY r.id DESC LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .expect("the request, timed");
    assert!(number.starts_with("VSL-"), "{number}");
    assert_eq!(
        (policy_name.as_str(), priority.as_str()),
        ("Vesikatkot", "normal")
    );
    let two_hours = chrono::Duration::hours(2);
    assert!(
        due >= before + two_hours
            && due <= chrono::Utc::now() + two_hours + chrono::Duration::minutes(2),
        "{due}"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn only_supervisors_and_administrators_put_a_request_on_legal_hold(pool: PgPool) {
    let app = app(pool).await;
    submit(&app).await;
    let hold = [
        ("id", "1"),
        ("on", "true"),
        ("hold[grounds]", "Oikeudenkäynti"),
    ];
    let advisor = sign_in(&app, "neuvoja@luukku.example").await;
    let r = post(&app, "/api/set_legal_hold", &hold, false, Some(&advisor)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let admin = sign_in(&app, demo::DEMO_ADMIN).await;
    let no_reason = [("id", "1"), ("on", "true"), ("hold[grounds]", " ")];
    let r = post(&app, "/api/set_legal_hold", &no_reason, false, Some(&admin)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = post(&app, "/api/set_legal_hold", &hold, false, Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_delegated_request_shows_the_receiver_only_what_was_shared_until_handed_back(
    pool: PgPool,
) {
    let app = app(pool.clone()).await;
    submit(&app).await;
    let id: i64 = sqlx::query_scalar("SELECT max(id) FROM service_requests")
        .fetch_one(&pool)
        .await
        .expect("id");
    let other: i64 = sqlx::query_scalar(
        "SELECT id FROM service_requests WHERE organisation_id = 1 AND id <> $1 LIMIT 1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .expect("another request of the owner");
    let (id, other) = (id.to_string(), other.to_string());
    let owner = sign_in(&app, "neuvoja@luukku.example").await;
    let receiver = sign_in(&app, "radgivare@luukku.example").await;
    let delegate = |to: &'static str| {
        vec![
            ("id".to_string(), id.clone()),
            ("delegation[to_org]".to_string(), to.to_string()),
            (
                "delegation[note]".to_string(),
                "Tarkistakaa pysäköintilupa.".to_string(),
            ),
        ]
    };
    let r = call(&app, "/api/delegate_request", &delegate("1"), Some(&owner)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "not to itself");
    let r = call(
        &app,
        "/api/delegate_request",
        &delegate("3"),
        Some(&receiver),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "only the owner delegates");
    let r = call(&app, "/api/delegate_request", &delegate("2"), Some(&owner)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = call(&app, "/api/delegate_request", &delegate("3"), Some(&owner)).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "one organisation at a time");

    let load = |id: &str| vec![("id".to_string(), id.to_string())];
    let r = call(&app, "/api/load_request", &load(&id), Some(&receiver)).await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "the receiver never sees the owner's view"
    );
    let r = call(&app, "/api/load_delegated", &load(&other), Some(&receiver)).await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "nor the owner's other requests"
    );
    let r = call(&app, "/api/load_delegated", &load(&id), Some(&receiver)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Tarkistakaa pysäköintilupa."));
    assert!(
        !r.body.contains("maija@example.fi"),
        "contact not shared: {}",
        r.body
    );
    let queue = call(&app, "/api/list_queue", &[], Some(&receiver)).await;
    assert!(queue.body.contains("Resekort"), "{}", queue.body);

    let back = vec![
        ("id".to_string(), id.clone()),
        (
            "back[return_note]".to_string(),
            "Lupa on voimassa.".to_string(),
        ),
    ];
    let r = call(&app, "/api/hand_back_request", &back, Some(&receiver)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = call(&app, "/api/load_delegated", &load(&id), Some(&receiver)).await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "handed back: gone from the receiver"
    );
    let r = call(&app, "/api/load_request", &load(&id), Some(&owner)).await;
    assert!(
        r.body.contains("Lupa on voimassa."),
        "the owner sees the trail: {}",
        r.body
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn the_start_page_lists_organisations_alphabetically_in_the_readers_language(pool: PgPool) {
    let app = app(pool).await;
    let order = |body: &str, names: [&str; 3]| {
        let at: Vec<usize> = names
            .iter()
            .map(|n| body.find(n).unwrap_or_else(|| panic!("{n} missing")))
            .collect();
        at.windows(2).all(|w| w[0] < w[1])
    };
    let page = |lang: &'static str| {
        let app = app.clone();
        async move {
            let req = Request::get("/")
                .header(header::COOKIE, format!("luukku_lang={lang}"))
                .body(Body::empty())
                .expect("request");
            send(&app, req).await.body
        }
    };
    let en = page("en").await;
    assert!(order(
        &en,
        ["Centre for Mobility", "City of Esimerkkil", "Universities"]
    ));
    let fi = page("fi").await;
    assert!(order(
        &fi,
        ["Esimerkkilän kaupunki", "Korkeakoulujen", "Liikkumisen"]
    ));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_customer_cancels_once_after_confirming(pool: PgPool) {
    let app = app(pool.clone()).await;
    let token = submit(&app).await;
    let r = post(
        &app,
        "/api/cancel_request",
        &[("token", &token)],
        false,
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let confirmed = [("token", token.as_str()), ("confirm", "on")];
    let r = post(&app, "/api/cancel_request", &confirmed, false, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let status: String =
        sqlx::query_scalar("SELECT status FROM service_requests ORDER BY id DESC LIMIT 1")
            .fetch_one(&pool)
            .await
            .expect("status");
    assert_eq!(status, "cancelled");
    let again = post(&app, "/api/cancel_request", &confirmed, false, None).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let bad = [("token", "1-AAAAAAAAAAAAAAAAAAAAAA"), ("confirm", "on")];
    let r = post(&app, "/api/cancel_request", &bad, false, None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
