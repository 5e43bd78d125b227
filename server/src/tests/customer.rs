//! HTTP tests of the customer channel through the real router: tracking links (expiry,
//! revocation, isolation), bot checks and rate limits, files, the survey, the portal, form
//! versions, consent records and embedding.

use crate::tests::helpers::{
    LIMIT_PER_ADDRESS, Reply, SECRET, app, ask, get, post, post_multipart, question, sign_in,
    stamp, submit,
};
use axum::Router;
use axum::http::{StatusCode, header};
use sqlx::PgPool;

fn id_of(token: &str) -> i64 {
    token
        .split('-')
        .next()
        .and_then(|i| i.parse().ok())
        .expect("a token starts with its id")
}

async fn scalar<T>(pool: &PgPool, sql: &str, id: i64) -> T
where
    T: for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres> + Send + Unpin,
{
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(pool)
        .await
        .expect("query")
}

/// The path of the newest outbox link of `kind` to `email`.
async fn mailed_path(pool: &PgPool, email: &str, kind: &str) -> String {
    let body: String = sqlx::query_scalar(
        "SELECT body FROM outbox WHERE to_email = $1 AND kind = $2 ORDER BY id DESC LIMIT 1",
    )
    .bind(email)
    .bind(kind)
    .fetch_one(pool)
    .await
    .expect("a queued message");
    let link = body
        .lines()
        .find(|l| l.starts_with("http://luukku.test/"))
        .expect("a link");
    link.trim_start_matches("http://luukku.test").to_string()
}

#[sqlx::test(migrations = "../migrations")]
async fn expired_and_revoked_tracking_links_are_refused(pool: PgPool) {
    let app = app(pool.clone()).await;
    let token = submit(&app).await;
    let id = id_of(&token);
    let nonce: i64 = scalar(
        &pool,
        "SELECT tracking_nonce FROM service_requests WHERE id = $1",
        id,
    )
    .await;
    let past = chrono::Utc::now().timestamp() - 60;
    let expired = app::security::link_token(SECRET, "track", id, nonce, past);
    let r = get(&app, &format!("/track/{expired}")).await;
    assert_eq!(r.status, StatusCode::GONE);
    assert!(
        r.body.contains("Lähetä minulle uusi linkki"),
        "offers a new link"
    );

    let r = post(&app, "/api/revoke_links", &[("token", &token)], false, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        get(&app, &format!("/track/{token}")).await.status,
        StatusCode::NOT_FOUND
    );
    let fresh = mailed_path(&pool, "maija@example.fi", "tracking_link").await;
    assert_eq!(get(&app, &fresh).await.status, StatusCode::OK);
}

#[sqlx::test(migrations = "../migrations")]
async fn bots_are_refused_and_nothing_is_stored(pool: PgPool) {
    let app = app(pool.clone()).await;
    let mut honeypot = question("Buy now", true);
    honeypot.push(("website", "http://spam.example"));
    let r = ask(&app, &honeypot, false).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("not_accepted"));
    let now = app::abuse::form_stamp(SECRET, chrono::Utc::now().timestamp());
    let mut fast = vec![("form", "ask"), ("started", now.as_str())];
    fast.extend(question("Too fast", true));
    let r = post_multipart(&app, "/api/submit_form", &fast, &[], false, None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut forged = vec![("form", "ask"), ("started", "1-deadbeef")];
    forged.extend(question("Forged", true));
    let r = post_multipart(&app, "/api/submit_form", &forged, &[], false, None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let stored: i64 = scalar(
        &pool,
        "SELECT count(*) FROM service_requests WHERE subject = 'Resekort' AND $1 = $1",
        0,
    )
    .await;
    assert_eq!(stored, 0);
    // Not multipart at all: a 400 with the reason, never a panic.
    let r = post(&app, "/api/submit_form", &question("x", true), false, None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[sqlx::test(migrations = "../migrations")]
async fn an_address_that_sends_too_much_gets_429_with_retry_after(pool: PgPool) {
    let app = app(pool).await;
    for _ in 0..LIMIT_PER_ADDRESS {
        let r = ask(&app, &question("Kysymys", true), false).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let r = ask(&app, &question("Kysymys", true), false).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = r
        .headers
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After");
    assert!((1..=600).contains(&retry));
    // A browser without JavaScript gets the form back with the message and what was typed.
    let r = ask(&app, &question("Kysymys", true), true).await;
    assert_eq!(r.status, StatusCode::FOUND);
    let page = get(&app, r.location()).await;
    assert!(page.body.contains("Liian monta"), "{}", r.location());
}

#[sqlx::test(migrations = "../migrations")]
async fn files_are_checked_by_content_and_served_only_to_their_request(pool: PgPool) {
    let app = app(pool.clone()).await;
    let started = stamp();
    let mut fields = vec![("form", "ask"), ("started", started.as_str())];
    fields.extend(question("Liite mukana", true));
    let exe = b"MZ\x90\x00 pretending".as_slice();
    let r = post_multipart(
        &app,
        "/api/submit_form",
        &fields,
        &[("attachment", "kuva.png", exe)],
        false,
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("file_type"), "{}", r.body);
    let pdf = b"%PDF-1.4\n% a receipt\n".as_slice();
    let r = post_multipart(
        &app,
        "/api/submit_form",
        &fields,
        &[("attachment", "C:\\temp\\kuitti ä.pdf", pdf)],
        true,
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    let token = r.location().trim_start_matches("/sent/").to_string();
    let (file_id, name): (i64, String) =
        sqlx::query_as("SELECT id, file_name FROM attachments WHERE request_id = $1")
            .bind(id_of(&token))
            .fetch_one(&pool)
            .await
            .expect("stored");
    assert_eq!(name, "kuitti ä.pdf");

    let r = get(&app, &format!("/files/t/{token}/{file_id}")).await;
    assert_eq!(r.status, StatusCode::OK);
    let disposition = r
        .headers
        .get(header::CONTENT_DISPOSITION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert_eq!(
        r.headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
        Some("application/pdf")
    );
    let other = submit(&app).await;
    assert_eq!(
        get(&app, &format!("/files/t/{other}/{file_id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, &format!("/files/s/{file_id}")).await.status,
        StatusCode::UNAUTHORIZED
    );
    let own = sign_in(&app, "neuvoja@luukku.example").await;
    assert_eq!(staff_get(&app, file_id, &own).await.status, StatusCode::OK);
    let foreign = sign_in(&app, "radgivare@luukku.example").await;
    assert_eq!(
        staff_get(&app, file_id, &foreign).await.status,
        StatusCode::NOT_FOUND
    );
}

async fn staff_get(app: &Router, file_id: i64, cookie: &str) -> Reply {
    crate::tests::helpers::send(
        app,
        axum::http::Request::get(format!("/files/s/{file_id}"))
            .header(header::COOKIE, cookie)
            .body(axum::body::Body::empty())
            .expect("request"),
    )
    .await
}

#[sqlx::test(migrations = "../migrations")]
async fn a_survey_link_records_only_a_posted_answer_and_a_low_score_reopens(pool: PgPool) {
    let app = app(pool.clone()).await;
    let token = submit(&app).await;
    let id = id_of(&token).to_string();
    let advisor = sign_in(&app, "neuvoja@luukku.example").await;
    let reply = [
        ("id", id.as_str()),
        ("message", "Klart!"),
        ("status", "resolved"),
    ];
    let r = post(&app, "/api/reply_request", &reply, false, Some(&advisor)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let kinds: Vec<String> =
        sqlx::query_scalar("SELECT kind FROM outbox WHERE request_id = $1 ORDER BY id")
            .bind(id_of(&token))
            .fetch_all(&pool)
            .await
            .expect("outbox");
    assert_eq!(kinds, ["acknowledgement", "resolved", "survey"]);
    let languages: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT language FROM outbox WHERE request_id = $1")
            .bind(id_of(&token))
            .fetch_all(&pool)
            .await
            .expect("outbox");
    assert_eq!(languages, ["sv"], "the customer's language");

    let path = mailed_path(&pool, "maija@example.fi", "survey").await;
    for _ in 0..2 {
        assert_eq!(get(&app, &path).await.status, StatusCode::OK);
    }
    let answered: i64 = scalar(
        &pool,
        "SELECT count(*) FROM surveys WHERE answered_at IS NOT NULL AND request_id = $1",
        id_of(&token),
    )
    .await;
    assert_eq!(answered, 0, "opening the link records nothing");
    let survey_token = path.trim_start_matches("/survey/");
    let answer = [
        ("token", survey_token),
        ("survey[score]", "11"),
        ("survey[comment]", ""),
    ];
    assert_eq!(
        post(&app, "/api/answer_survey", &answer, false, None)
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let answer = [
        ("token", survey_token),
        ("survey[score]", "2"),
        ("survey[comment]", "Ei toimi"),
    ];
    let r = post(&app, "/api/answer_survey", &answer, false, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let status: String = scalar(
        &pool,
        "SELECT status FROM service_requests WHERE id = $1",
        id_of(&token),
    )
    .await;
    assert_eq!(status, "open", "a low score reopens");
    let notified: i64 = scalar(
        &pool,
        "SELECT count(*) FROM notifications WHERE kind = 'survey_low' AND request_id = $1",
        id_of(&token),
    )
    .await;
    assert_eq!(notified, 1);
    assert_eq!(
        post(&app, "/api/answer_survey", &answer, false, None)
            .await
            .status,
        StatusCode::CONFLICT
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_customer_hurries_once_a_day_and_the_organisation_is_told(pool: PgPool) {
    let app = app(pool.clone()).await;
    let token = submit(&app).await;
    let r = post(
        &app,
        "/api/hurry_request",
        &[("token", &token)],
        false,
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = post(
        &app,
        "/api/hurry_request",
        &[("token", &token)],
        false,
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let count: i32 = scalar(
        &pool,
        "SELECT hurry_count FROM service_requests WHERE id = $1",
        id_of(&token),
    )
    .await;
    assert_eq!(count, 1);
    let notified: i64 = scalar(
        &pool,
        "SELECT count(*) FROM notifications WHERE kind = 'hurry_up' AND request_id = $1",
        id_of(&token),
    )
    .await;
    assert_eq!(notified, 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn resending_a_link_never_reveals_whether_a_request_exists(pool: PgPool) {
    let app = app(pool.clone()).await;
    let token = submit(&app).await;
    let number: String = scalar(
        &pool,
        "SELECT number FROM service_requests WHERE id = $1",
        id_of(&token),
    )
    .await;
    let right = post(
        &app,
        "/api/resend_link",
        &[("number", &number), ("email", "MAIJA@example.fi")],
        false,
        None,
    )
    .await;
    let wrong = post(
        &app,
        "/api/resend_link",
        &[("number", &number), ("email", "other@example.fi")],
        false,
        None,
    )
    .await;
    assert_eq!(
        (right.status, wrong.status),
        (StatusCode::OK, StatusCode::OK)
    );
    assert_eq!(right.body, wrong.body);
    let sent: i64 = scalar(
        &pool,
        "SELECT count(*) FROM outbox WHERE kind = 'tracking_link' AND $1 = $1",
        0,
    )
    .await;
    assert_eq!(sent, 1, "only the real customer gets a link");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_request_keeps_its_form_version_and_records_consent(pool: PgPool) {
    let app = app(pool.clone()).await;
    let first = submit(&app).await;
    let admin = sign_in(&app, crate::demo::DEMO_ADMIN).await;
    let form_id: i64 = scalar(
        &pool,
        "SELECT f.id FROM forms f JOIN organisations o ON o.id = f.organisation_id
         WHERE o.slug = 'liikennekeskus' AND f.slug = 'ask' AND $1 = $1",
        0,
    )
    .await;
    let id = form_id.to_string();
    let edit = [
        ("org", "liikennekeskus"),
        ("id", id.as_str()),
        ("op", "remove"),
        ("key", "attachment"),
    ];
    let r = post(&app, "/api/edit_form_fields", &edit, false, Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let bad = [
        ("org", "liikennekeskus"),
        ("id", id.as_str()),
        ("op", "remove"),
        ("key", "nothing"),
    ];
    assert_eq!(
        post(&app, "/api/edit_form_fields", &bad, false, Some(&admin))
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let advisor = sign_in(&app, "neuvoja@luukku.example").await;
    assert_eq!(
        post(&app, "/api/edit_form_fields", &edit, false, Some(&advisor))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let second = submit(&app).await;
    let version = |token: String| {
        let pool = pool.clone();
        async move {
            let v: i32 = scalar(
                &pool,
                "SELECT v.version FROM service_requests r JOIN form_versions v ON v.id = r.form_version_id WHERE r.id = $1",
                id_of(&token),
            )
            .await;
            v
        }
    };
    assert_eq!(
        (version(first.clone()).await, version(second).await),
        (1, 2)
    );
    let (subject, language, notice): (serde_json::Value, String, i32) = sqlx::query_as(
        "SELECT r.answers -> 'subject', r.consent_language, n.version FROM service_requests r
         JOIN privacy_notices n ON n.id = r.consent_notice_id WHERE r.id = $1",
    )
    .bind(id_of(&first))
    .fetch_one(&pool)
    .await
    .expect("consent record");
    assert_eq!(
        (subject, language.as_str(), notice),
        (serde_json::json!("Resekort"), "fi", 1)
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn only_allowed_sites_may_frame_a_form(pool: PgPool) {
    let app = app(pool).await;
    let csp = |r: &Reply| {
        r.headers
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let r = get(&app, "/embed/o/liikennekeskus/ask").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(csp(&r).contains("frame-ancestors 'none'"));
    let admin = sign_in(&app, crate::demo::DEMO_ADMIN).await;
    let save = [
        ("org", "liikennekeskus"),
        ("embedding[brand_colour]", "#00594f"),
        ("embedding[origins]", "https://www.example.fi"),
    ];
    let r = post(&app, "/api/save_embedding", &save, false, Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = get(&app, "/embed/o/liikennekeskus/ask").await;
    assert!(
        csp(&r).contains("frame-ancestors https://www.example.fi"),
        "{}",
        csp(&r)
    );
    assert!(!r.headers.contains_key(header::X_FRAME_OPTIONS));
    assert!(
        !r.body.contains("site-header"),
        "a framed form has no site header"
    );
    let r = get(&app, "/o/liikennekeskus/ask").await;
    assert!(csp(&r).contains("frame-ancestors 'none'"));
    assert_eq!(
        get(&app, "/theme/liikennekeskus").await.body,
        ":root { --brand: #00594f; }\n"
    );
    let low_contrast = [
        ("org", "liikennekeskus"),
        ("embedding[brand_colour]", "#ffff00"),
        ("embedding[origins]", ""),
    ];
    let r = post(
        &app,
        "/api/save_embedding",
        &low_contrast,
        false,
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("colour_contrast"));
}

#[sqlx::test(migrations = "../migrations")]
async fn the_portal_signs_in_once_per_emailed_link(pool: PgPool) {
    let app = app(pool.clone()).await;
    submit(&app).await;
    let r = post(
        &app,
        "/api/request_sign_in",
        &[("email", "Maija@example.fi")],
        false,
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let unknown = post(
        &app,
        "/api/request_sign_in",
        &[("email", "nobody@example.fi")],
        false,
        None,
    )
    .await;
    assert_eq!(
        unknown.status,
        StatusCode::OK,
        "the same answer for any address"
    );
    let path = mailed_path(&pool, "Maija@example.fi", "portal_sign_in").await;
    let token = path.trim_start_matches("/portal/in/").to_string();
    // Opening the link (a mail scanner does) uses nothing.
    assert_eq!(get(&app, &path).await.status, StatusCode::OK);
    let r = post(
        &app,
        "/api/portal_sign_in",
        &[("token", &token)],
        false,
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let cookie = r
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("luukku_portal="))
        .and_then(|c| c.split(';').next())
        .expect("portal cookie")
        .to_string();
    let r = post(&app, "/api/load_portal", &[], false, Some(&cookie)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("LIK-") && r.body.contains("Resekort"),
        "{}",
        r.body
    );
    let again = post(
        &app,
        "/api/portal_sign_in",
        &[("token", &token)],
        false,
        None,
    )
    .await;
    assert_eq!(again.status, StatusCode::GONE);
}
