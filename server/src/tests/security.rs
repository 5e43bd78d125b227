//! HTTP tests of the findings of the outside probe, each through the real router: markup in
//! titles and textareas, bounded input, sign-in limits, redirects, limits per action, cache
//! headers and database outages.

use crate::tests::helpers::{
    LIMIT_PER_ADDRESS, LIMIT_PER_IP, Reply, app, app_with, ask, get, post, question, send, sign_in,
};
use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use sqlx::PgPool;

/// A well-formed request number that no request has.
const NUMBER: &str = "LIK-2026-999999-0";

/// What a citizen may type to break out of an element or a page.
const HOSTILE: &str = "Kysymys</title></textarea><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\"><script>alert('x')</script>";

/// The markup of [`HOSTILE`] must never reach a page as markup.
fn assert_inert(page: &Reply, what: &str) {
    assert!(
        !page.body.contains("<meta http-equiv=\"refresh\"") && !page.body.contains("<script>alert"),
        "{what}: hostile markup came out raw"
    );
    let title = page
        .body
        .split_once("<title>")
        .and_then(|(_, rest)| rest.split_once("</title>"))
        .map(|(t, _)| t)
        .unwrap_or_default();
    assert!(!title.contains('<'), "{what}: title {title:?}");
}

/// A form post from client address `ip`, as a browser without JavaScript (`html`) or not.
async fn post_from(app: &Router, ip: &str, path: &str, fields: &[(&str, &str)]) -> Reply {
    let body = serde_urlencoded::to_string(fields).expect("form");
    let mut req = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::HOST, "localhost")
        .header(header::ORIGIN, "http://localhost")
        .body(Body::from(body))
        .expect("request");
    let peer: std::net::SocketAddr = format!("{ip}:40000").parse().expect("address");
    req.extensions_mut().insert(ConnectInfo(peer));
    send(app, req).await
}

async fn request_id(pool: &PgPool, subject: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM service_requests WHERE subject = $1")
        .bind(subject)
        .fetch_one(pool)
        .await
        .expect("the request")
}

#[sqlx::test(migrations = "../migrations")]
async fn a_hostile_subject_and_drafts_stay_text_in_the_title_and_the_textareas(pool: PgPool) {
    let app = app(pool.clone()).await;
    let mut fields = question("Viesti", true);
    fields.retain(|(k, _)| *k != "subject");
    fields.push(("subject", HOSTILE));
    let r = ask(&app, &fields, true).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    let id = request_id(&pool, HOSTILE).await.to_string();
    let advisor = sign_in(&app, "neuvoja@luukku.example").await;
    for kind in ["reply", "note"] {
        let draft = [("id", id.as_str()), ("kind", kind), ("body", HOSTILE)];
        let r = post(&app, "/api/save_draft", &draft, false, Some(&advisor)).await;
        assert_eq!(r.status, StatusCode::OK, "{kind}: {}", r.body);
    }
    let view = send(
        &app,
        Request::get(format!("/desk/r/{id}"))
            .header(header::ACCEPT, "text/html")
            .header(header::COOKIE, &advisor)
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(view.status, StatusCode::OK);
    assert_inert(&view, "request view");
    assert!(
        view.body.contains("Kysymys&lt;/title>"),
        "the subject is shown as text"
    );
    assert!(
        view.body.contains("&lt;/textarea>"),
        "drafts are back as text"
    );
    assert_eq!(
        view.headers
            .get(header::CACHE_CONTROL)
            .map(|v| v.as_bytes()),
        Some(&b"no-store"[..])
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_failed_form_shows_what_was_typed_as_text(pool: PgPool) {
    let app = app(pool).await;
    // No consent: refused, and shown again without JavaScript at a `?form=` address.
    let r = ask(&app, &question(HOSTILE, false), true).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    let page = get(&app, r.location()).await;
    assert_eq!(page.status, StatusCode::OK, "{}", r.location());
    assert_inert(&page, "form shown again");
    assert!(page.body.contains("&lt;/textarea>"), "the message is kept");
}

#[sqlx::test(migrations = "../migrations")]
async fn values_past_their_bounds_are_refused_before_anything_is_kept(pool: PgPool) {
    let app = app(pool.clone()).await;
    // 15 MB of address: refused while the body is read.
    let huge = format!("{}@example.fi", "a".repeat(15 * 1024 * 1024));
    let r = post(
        &app,
        "/api/resend_link",
        &[("number", NUMBER), ("email", &huge)],
        true,
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    // Under the body limit, the address is refused at parse, and what is kept for showing the
    // form again is cut to a field's length.
    let long = format!("{}@example.fi", "a".repeat(900_000));
    for path in [
        "/api/resend_link",
        "/api/request_password_reset",
        "/api/request_sign_in",
    ] {
        let fields: &[(&str, &str)] = match path {
            "/api/resend_link" => &[("number", NUMBER), ("email", &long)],
            "/api/request_password_reset" => &[("forgot[email]", &long)],
            _ => &[("email", &long)],
        };
        let r = post(&app, path, fields, true, None).await;
        assert_eq!(r.status, StatusCode::FOUND, "{path}: {}", r.body);
    }
    let largest: i32 = sqlx::query_scalar(
        "SELECT coalesce(max(octet_length(payload::text)), 0) FROM form_flashes",
    )
    .fetch_one(&pool)
    .await
    .expect("flashes");
    assert!(largest < 30_000, "a flash of {largest} bytes was kept");
    // NUL and other control characters: a field error naming the field, never a 500.
    let r = post(
        &app,
        "/api/resend_link",
        &[("number", NUMBER), ("email", "a\0@example.fi")],
        false,
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body.contains("control_chars") && r.body.contains("email"),
        "{}",
        r.body
    );
    for path in ["/o/%00/ask", "/track/%00", "/desk/r/1?form=%01"] {
        assert_eq!(
            get(&app, path).await.status,
            StatusCode::BAD_REQUEST,
            "{path}"
        );
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn failed_anonymous_posts_keep_no_more_than_the_limit_per_address(pool: PgPool) {
    let app = app(pool.clone()).await;
    for _ in 0..LIMIT_PER_IP + 5 {
        let r = post(
            &app,
            "/api/request_sign_in",
            &[("email", "not an address")],
            true,
            None,
        )
        .await;
        // The browser is sent back in every case; past the limit without the form kept.
        assert_eq!(r.status, StatusCode::FOUND);
    }
    let kept: i64 = sqlx::query_scalar("SELECT count(*) FROM form_flashes")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(kept, i64::from(LIMIT_PER_IP));
}

#[sqlx::test(migrations = "../migrations")]
async fn asking_for_someones_link_does_not_stop_them_sending_a_form(pool: PgPool) {
    let app = app(pool).await;
    let resend = [("number", NUMBER), ("email", "maija@example.fi")];
    for _ in 0..LIMIT_PER_ADDRESS {
        let r = post(&app, "/api/resend_link", &resend, false, None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let r = post(&app, "/api/resend_link", &resend, false, None).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let r = ask(&app, &question("Oma kysymys", true), false).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_spelling_of_the_account_does_not_skip_its_limit(pool: PgPool) {
    let app = app(pool).await;
    let wrong = [("email", " Neuvoja@Luukku.Example"), ("password", "guess")];
    for _ in 0..app::domain::sign_in::PER_PAIR {
        let r = post_from(&app, "192.0.2.1", "/api/login", &wrong).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    }
    let right = [
        ("email", "neuvoja@luukku.example"),
        ("password", crate::demo::DEMO_PASSWORD),
    ];
    let r = post_from(&app, "192.0.2.1", "/api/login", &right).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    assert!(r.headers.contains_key(header::RETRY_AFTER));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_stranger_guessing_does_not_lock_the_owner_out(pool: PgPool) {
    let app = app(pool).await;
    let right = [
        ("email", "neuvoja@luukku.example"),
        ("password", crate::demo::DEMO_PASSWORD),
    ];
    // The owner has signed in from their office before.
    let r = post_from(&app, "198.51.100.7", "/api/login", &right).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let wrong = [("email", "neuvoja@luukku.example"), ("password", "guess")];
    for i in 0..=app::domain::sign_in::PER_PAIR + 2 {
        let r = post_from(&app, &format!("203.0.113.{}", i % 3), "/api/login", &wrong).await;
        assert!(
            matches!(r.status.as_u16(), 422 | 429),
            "{}: {}",
            r.status,
            r.body
        );
    }
    let r = post_from(&app, "198.51.100.7", "/api/login", &right).await;
    assert_eq!(r.status, StatusCode::OK, "the owner: {}", r.body);
}

#[sqlx::test(migrations = "../migrations")]
async fn parallel_guesses_from_one_address_get_no_more_checks_than_the_limit(pool: PgPool) {
    let app = app(pool).await;
    let wrong = [("email", "neuvoja@luukku.example"), ("password", "guess")];
    let answers = futures::future::join_all(
        (0..40).map(|_| post_from(&app, "192.0.2.9", "/api/login", &wrong)),
    )
    .await;
    let checked = answers
        .iter()
        .filter(|r| r.status == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    assert!(
        answers
            .iter()
            .all(|r| matches!(r.status.as_u16(), 422 | 429)),
        "{:?}",
        answers.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    assert!(
        checked <= app::domain::sign_in::PER_PAIR as usize,
        "{checked} guesses were checked"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn redirects_never_leave_the_service(pool: PgPool) {
    let app = app(pool).await;
    for next in [
        "%2F%09%2Fevil.example%2Fx",
        "%2F%5Cevil.example",
        "%2F%2Fevil.example",
        "https://evil.example",
    ] {
        let r = get(&app, &format!("/lang/en?next={next}")).await;
        assert!(
            r.status == StatusCode::BAD_REQUEST || r.location() == "/",
            "{next}: {} {}",
            r.status,
            r.location()
        );
    }
    let right = [
        ("email", "neuvoja@luukku.example"),
        ("password", crate::demo::DEMO_PASSWORD),
        ("next", "/\\evil.example"),
    ];
    let r = post(&app, "/api/login", &right, true, None).await;
    assert_eq!(r.location(), "/desk");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_database_outage_answers_503_with_retry_after(pool: PgPool) {
    let app = app(pool.clone()).await;
    pool.close().await;
    let r = post(
        &app,
        "/api/resend_link",
        &[("number", NUMBER), ("email", "maija@example.fi")],
        false,
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.body);
    assert!(r.headers.contains_key(header::RETRY_AFTER));
    assert!(!r.body.contains("Internal"), "{}", r.body);
    // A form sent without JavaScript keeps what was typed, with a button to send it again.
    let r = ask(&app, &question("Tärkeä viesti </textarea>", true), true).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    assert!(r.location().starts_with("/retry/"), "{}", r.location());
    let page = get(&app, r.location()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Tärkeä viesti &lt;/textarea"),
        "the message is kept"
    );
    assert!(page.body.contains("Lähetä uudelleen"));
    assert!(page.body.contains(r#"action="/api/submit_form""#));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_form_post_sent_again_gets_the_first_answer_not_a_second_request(pool: PgPool) {
    let app = app(pool.clone()).await;
    let key = app::abuse::new_submission_key();
    let mut fields = question("Sama kysymys kahdesti", true);
    fields.push(("submission", key.as_str()));
    let id_in = |r: &Reply| {
        assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
        r.location()
            .trim_start_matches("/sent/")
            .split('-')
            .next()
            .map(str::to_string)
            .expect("an id")
    };
    let first = id_in(&ask(&app, &fields, true).await);
    let again = id_in(&ask(&app, &fields, true).await);
    assert_eq!(first, again);
    // Two at once (a double click): still one request.
    let other = app::abuse::new_submission_key();
    let mut twice = question("Tuplaklikkaus", true);
    twice.push(("submission", other.as_str()));
    let (a, b) = tokio::join!(ask(&app, &twice, true), ask(&app, &twice, true));
    assert_eq!(id_in(&a), id_in(&b));
    let stored: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM service_requests WHERE message IN ('Sama kysymys kahdesti', 'Tuplaklikkaus')",
    )
    .fetch_one(&pool)
    .await
    .expect("count");
    assert_eq!(stored, 2);
}

#[sqlx::test(migrations = "../migrations")]
async fn behind_a_trusted_proxy_each_client_has_its_own_limit_and_hsts_is_sent(pool: PgPool) {
    let app = app_with(pool, |state| {
        state.secure_cookies = true;
        state.trusted_proxies =
            std::sync::Arc::new(app::abuse::TrustedProxies::parse("10.0.0.0/8").expect("valid"));
    })
    .await;
    // Through the proxy, as client `client`, claiming to be `claimed` in its own header.
    let via_proxy = |client: &'static str, claimed: &'static str, n: u32| {
        let app = app.clone();
        async move {
            let body = format!("number={NUMBER}&email=a{n}%40example.fi");
            let mut req = Request::post("/api/resend_link")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "application/json")
                .header(header::HOST, "localhost")
                .header(header::ORIGIN, "http://localhost")
                .header("x-forwarded-for", format!("{claimed}, {client}"))
                .body(Body::from(body))
                .expect("request");
            let proxy: std::net::SocketAddr = "10.0.0.5:40000".parse().expect("address");
            req.extensions_mut().insert(ConnectInfo(proxy));
            send(&app, req).await
        }
    };
    // One client uses up the limit per address (`LIMIT_PER_IP` posts, each claiming to be
    // someone else); another behind the same proxy is not affected.
    for i in 0..LIMIT_PER_IP {
        let r = via_proxy(
            "192.0.2.10",
            if i % 2 == 0 { "1.1.1.1" } else { "2.2.2.2" },
            i,
        )
        .await;
        assert_ne!(r.status, StatusCode::TOO_MANY_REQUESTS, "post {i}");
    }
    let r = via_proxy("192.0.2.10", "3.3.3.3", 1000).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let r = via_proxy("192.0.2.11", "3.3.3.3", 1001).await;
    assert_ne!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        r.headers
            .get(header::STRICT_TRANSPORT_SECURITY)
            .is_some_and(|v| v.to_str().is_ok_and(|v| v.starts_with("max-age="))),
        "HSTS with secure cookies"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn handing_back_tells_another_organisation_nothing_about_a_request(pool: PgPool) {
    let app = app(pool.clone()).await;
    let r = ask(&app, &question("Ei siirretty", true), true).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    let id = sqlx::query_scalar::<_, i64>(
        "SELECT id FROM service_requests WHERE message = 'Ei siirretty'",
    )
    .fetch_one(&pool)
    .await
    .expect("the request")
    .to_string();
    let back = [("id", id.as_str()), ("back[return_note]", "Takaisin")];
    // Its own organisation hears it is not delegated; another cannot tell it from no request.
    let owner = sign_in(&app, "neuvoja@luukku.example").await;
    let r = post(&app, "/api/hand_back_request", &back, false, Some(&owner)).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let other = sign_in(&app, "radgivare@luukku.example").await;
    let r = post(&app, "/api/hand_back_request", &back, false, Some(&other)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let none = [("id", "999999999"), ("back[return_note]", "Takaisin")];
    let r = post(&app, "/api/hand_back_request", &none, false, Some(&other)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
}
