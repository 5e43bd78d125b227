//! People and access over HTTP: every role against every server function of it, adding a member
//! who then chooses a password from the invitation, resetting a forgotten password, and signing
//! out everywhere.

use crate::tests::helpers::{Row, run, sign_in_all, user_id};
use crate::tests::helpers::{app, get, post, send, sign_in};
use axum::http::StatusCode;
use sqlx::PgPool;

async fn scalar(pool: &PgPool, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql)
        .bind(bind)
        .fetch_one(pool)
        .await
        .expect(sql)
}

async fn org_id(pool: &PgPool, slug: &str) -> String {
    scalar(pool, "SELECT id FROM organisations WHERE slug = $1", slug)
        .await
        .to_string()
}

/// The newest password link sent to `email`: its kind and token.
async fn password_link(pool: &PgPool, email: &str) -> Option<(String, String)> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT kind, body FROM outbox WHERE to_email = $1
           AND kind IN ('password_reset', 'staff_invite') ORDER BY id DESC LIMIT 1",
    )
    .bind(email)
    .fetch_optional(pool)
    .await
    .expect("outbox");
    row.map(|(kind, body)| {
        let token = body
            .split("/login/reset/")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .expect("a link in the message")
            .to_string();
        (kind, token)
    })
}

fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[sqlx::test(migrations = "../migrations")]
async fn every_role_against_every_people_function(pool: PgPool) {
    use StatusCode as S;
    const OK: S = S::OK;
    const NO_SESSION: S = S::UNAUTHORIZED;
    const REFUSED: S = S::FORBIDDEN;
    const HIDDEN: S = S::NOT_FOUND;
    const INVALID: S = S::UNPROCESSABLE_ENTITY;
    let app = app(pool.clone()).await;
    let sessions = sign_in_all(&app).await;
    let org = [("org", "liikennekeskus")];
    let with_org = |extra: &[(&str, &str)]| {
        let mut f = fields(&org);
        f.extend(fields(extra));
        f
    };
    let newcomer = with_org(&[
        ("member[email]", "uusi@luukku.example"),
        ("member[display_name]", "Uusi Neuvoja"),
        ("member[role]", "advisor"),
        ("member[languages][]", "fi"),
        ("member[capacity]", "10"),
    ]);
    let myself = with_org(&[
        ("member[email]", crate::demo::DEMO_ADMIN),
        ("member[display_name]", "Paula"),
        ("member[role]", "advisor"),
    ]);
    let bad_capacity = with_org(&[
        ("member[email]", "toinen@luukku.example"),
        ("member[display_name]", "Toinen"),
        ("member[role]", "advisor"),
        ("member[capacity]", "0"),
    ]);
    let admin = user_id(&pool, crate::demo::DEMO_ADMIN).await;
    let (home, other) = (
        org_id(&pool, "liikennekeskus").await,
        org_id(&pool, "esimerkkila").await,
    );
    let matrix: Vec<Row> = vec![
        (
            "/api/load_people",
            fields(&org),
            [NO_SESSION, REFUSED, REFUSED, REFUSED, OK],
        ),
        (
            "/api/save_member",
            newcomer,
            [NO_SESSION, REFUSED, REFUSED, REFUSED, OK],
        ),
        (
            "/api/save_member",
            myself,
            [NO_SESSION, REFUSED, REFUSED, REFUSED, INVALID],
        ),
        (
            "/api/save_member",
            bad_capacity,
            [NO_SESSION, REFUSED, REFUSED, REFUSED, INVALID],
        ),
    ];
    run(&app, &sessions, &matrix).await;
    let newcomer = user_id(&pool, "uusi@luukku.example").await;
    let matrix: Vec<Row> = vec![
        (
            "/api/remove_member",
            with_org(&[("user_id", &newcomer)]),
            [NO_SESSION, REFUSED, REFUSED, REFUSED, OK],
        ),
        (
            "/api/remove_member",
            with_org(&[("user_id", &newcomer)]),
            [NO_SESSION, REFUSED, REFUSED, REFUSED, HIDDEN],
        ),
        (
            "/api/remove_member",
            with_org(&[("user_id", &admin)]),
            [NO_SESSION, REFUSED, REFUSED, REFUSED, S::CONFLICT],
        ),
        ("/api/load_account", vec![], [NO_SESSION, OK, OK, OK, OK]),
        (
            "/api/switch_organisation",
            fields(&[("organisation_id", &home)]),
            [NO_SESSION, HIDDEN, OK, OK, OK],
        ),
        // Last: the supervisor's session now works in the other organisation.
        (
            "/api/switch_organisation",
            fields(&[("organisation_id", &other)]),
            [NO_SESSION, OK, HIDDEN, OK, HIDDEN],
        ),
    ];
    run(&app, &sessions, &matrix).await;
    // The supervisor, now in the other organisation, is an advisor there: no board.
    let r = post(&app, "/api/load_board", &[], false, sessions[3].as_deref()).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
}

#[sqlx::test(migrations = "../migrations")]
async fn an_added_member_gets_skills_and_chooses_a_password_from_the_invitation(pool: PgPool) {
    let app = app(pool.clone()).await;
    let admin = sign_in(&app, crate::demo::DEMO_ADMIN).await;
    let category = scalar(
        &pool,
        "SELECT c.id FROM service_categories c JOIN organisations o ON o.id = c.organisation_id
         WHERE o.slug = $1 ORDER BY c.id LIMIT 1",
        "liikennekeskus",
    )
    .await
    .to_string();
    let member = [
        ("org", "liikennekeskus"),
        ("member[email]", "Kaisa@Luukku.example"),
        ("member[display_name]", "Kaisa Kassinen"),
        ("member[role]", "supervisor"),
        ("member[languages][]", "sv"),
        ("member[languages][]", "en"),
        ("member[categories][]", category.as_str()),
        ("member[capacity]", "7"),
    ];
    // A browser without JavaScript: a bad capacity comes back to the page with the error...
    let mut bad = member.to_vec();
    bad[7] = ("member[capacity]", "many");
    let r = post(&app, "/api/save_member", &bad, true, Some(&admin)).await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert!(
        r.location()
            .starts_with("/admin/o/liikennekeskus/people?form="),
        "{}",
        r.location()
    );
    let page = send(
        &app,
        axum::http::Request::get(r.location())
            .header(axum::http::header::COOKIE, &admin)
            .body(axum::body::Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("value=\"many\""),
        "what was typed is kept"
    );
    assert!(page.body.contains("error-summary"), "{}", page.body);
    // ... and a good one saves the member with both languages and the category.
    let r = post(&app, "/api/save_member", &member, true, Some(&admin)).await;
    assert_eq!(r.location(), "/admin/o/liikennekeskus/people?saved=1");
    let (languages, categories, capacity, role): (Vec<String>, Vec<i64>, i32, String) =
        sqlx::query_as(
            "SELECT m.languages, m.category_ids, m.capacity, m.role FROM memberships m
             JOIN users u ON u.id = m.user_id WHERE u.email = 'Kaisa@Luukku.example'",
        )
        .fetch_one(&pool)
        .await
        .expect("membership");
    assert_eq!(languages, vec!["sv", "en"]);
    assert_eq!(categories, vec![category.parse::<i64>().expect("id")]);
    assert_eq!((capacity, role.as_str()), (7, "supervisor"));
    let (kind, token) = password_link(&pool, "Kaisa@Luukku.example")
        .await
        .expect("an invitation");
    assert_eq!(kind, "staff_invite");
    // Nobody signs in to the new account before a password is chosen.
    let r = post(
        &app,
        "/api/login",
        &[("email", "kaisa@luukku.example"), ("password", "")],
        false,
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = get(&app, &format!("/login/reset/{token}")).await;
    assert!(page.body.contains("name=\"confirm\""), "{}", page.body);
    let reset = |password: &'static str, confirm: &'static str| {
        let token = token.clone();
        let app = app.clone();
        async move {
            post(
                &app,
                "/api/reset_password",
                &[
                    ("token", &token),
                    ("password", password),
                    ("confirm", confirm),
                ],
                false,
                None,
            )
            .await
        }
    };
    let sign_in_as_kaisa = || {
        let app = app.clone();
        async move {
            post(
                &app,
                "/api/login",
                &[
                    ("email", "kaisa@luukku.example"),
                    ("password", "pitkä salasana tähän"),
                ],
                false,
                None,
            )
            .await
        }
    };
    let r = reset("pitkä salasana tähän", "pitkä salasana").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("password_mismatch"), "{}", r.body);
    let r = reset("pitkä salasana tähän", "pitkä salasana tähän").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = sign_in_as_kaisa().await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = reset("toinen pitkä salasana", "toinen pitkä salasana").await;
    assert!(
        r.body.contains("link_expired"),
        "a link works once: {}",
        r.body
    );
    let page = get(&app, &format!("/login/reset/{token}")).await;
    assert!(!page.body.contains("name=\"confirm\""));
    // Removed from their only organisation, the right password no longer signs them in.
    let kaisa = user_id(&pool, "Kaisa@Luukku.example").await;
    let r = post(
        &app,
        "/api/remove_member",
        &[("org", "liikennekeskus"), ("user_id", &kaisa)],
        false,
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = sign_in_as_kaisa().await;
    assert!(r.body.contains("no_membership"), "{}", r.body);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_forgotten_password_is_answered_alike_for_any_address_and_sign_out_ends_every_session(
    pool: PgPool,
) {
    let app = app(pool.clone()).await;
    let ask = |email: &'static str| {
        let app = app.clone();
        async move {
            post(
                &app,
                "/api/request_password_reset",
                &[("forgot[email]", email)],
                true,
                None,
            )
            .await
        }
    };
    let known = ask("neuvoja@luukku.example").await;
    let unknown = ask("ei-ole@luukku.example").await;
    assert_eq!(known.status, StatusCode::FOUND);
    assert_eq!(
        (known.location(), unknown.location()),
        ("/login/forgot?sent=1", "/login/forgot?sent=1")
    );
    assert!(
        password_link(&pool, "ei-ole@luukku.example")
            .await
            .is_none()
    );
    let (kind, _) = password_link(&pool, "neuvoja@luukku.example")
        .await
        .expect("a reset link");
    assert_eq!(kind, "password_reset");
    for _ in 0..5 {
        ask("neuvoja@luukku.example").await;
    }
    let sent = scalar(
        &pool,
        "SELECT count(*) FROM outbox WHERE to_email = $1 AND kind = 'password_reset'",
        "neuvoja@luukku.example",
    )
    .await;
    assert_eq!(sent, 3, "at most three links an hour to one account");
    let bad = post(
        &app,
        "/api/request_password_reset",
        &[("forgot[email]", "not an address")],
        false,
        None,
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    let laptop = sign_in(&app, "neuvoja@luukku.example").await;
    let phone = sign_in(&app, "neuvoja@luukku.example").await;
    let r = post(&app, "/api/load_account", &[], false, Some(&phone)).await;
    assert!(r.body.contains("\"sessions\":2"), "{}", r.body);
    let r = post(&app, "/api/sign_out_everywhere", &[], true, Some(&laptop)).await;
    assert_eq!(r.location(), "/login?signed_out=1");
    for session in [&laptop, &phone] {
        let r = post(&app, "/api/load_account", &[], false, Some(session)).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
}
