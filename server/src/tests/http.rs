//! HTTP tests: the real router in-process, a real Postgres per test, no sockets and no sleeps.

use crate::demo;
use crate::tests::helpers::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use sqlx::PgPool;

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
