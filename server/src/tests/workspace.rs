//! The advisor workspace's permission matrix: every role against every server function of the
//! workspace, each cell written out. Roles run in a fixed order (no session, another
//! organisation's advisor, the advisor, the supervisor, the administrator), so a call that changes
//! something (taking a request, removing a queue) has a known state before each cell.

use crate::tests::helpers::*;
use axum::http::StatusCode;
use sqlx::PgPool;

async fn demo_template(pool: &PgPool) -> String {
    sqlx::query_scalar::<_, i64>(
        "SELECT t.id FROM reply_templates t JOIN organisations o ON o.id = t.organisation_id
         WHERE o.slug = 'liikennekeskus' AND t.language = 'sv'",
    )
    .fetch_one(pool)
    .await
    .expect("template")
    .to_string()
}

async fn shared_queue(pool: &PgPool, name_en: &str) -> String {
    sqlx::query_scalar::<_, i64>(
        "SELECT q.id FROM queues q JOIN organisations o ON o.id = q.organisation_id
         WHERE o.slug = 'liikennekeskus' AND q.name_en = $1",
    )
    .bind(name_en)
    .fetch_one(pool)
    .await
    .expect("queue")
    .to_string()
}

#[sqlx::test(migrations = "../migrations")]
async fn every_role_against_every_workspace_function(pool: PgPool) {
    use StatusCode as S;
    const OK: S = S::OK;
    const NO_SESSION: S = S::UNAUTHORIZED;
    const HIDDEN: S = S::NOT_FOUND;
    const REFUSED: S = S::FORBIDDEN;
    const INVALID: S = S::UNPROCESSABLE_ENTITY;
    const CONFLICT: S = S::CONFLICT;
    let app = app(pool.clone()).await;
    let token = submit(&app).await;
    let id = token.split('-').next().expect("id").to_string();
    let advisor = user_id(&pool, "neuvoja@luukku.example").await;
    let supervisor = user_id(&pool, crate::demo::DEMO_SUPERVISOR).await;
    let (urgent, swedish, payments) = (
        shared_queue(&pool, "Urgent").await,
        shared_queue(&pool, "Swedish-speaking").await,
        shared_queue(&pool, "Payments and invoices").await,
    );
    let elsewhere: String = sqlx::query_scalar::<_, i64>(
        "SELECT q.id FROM queues q JOIN organisations o ON o.id = q.organisation_id
         WHERE o.slug = 'esimerkkila' AND q.routed_only",
    )
    .fetch_one(&pool)
    .await
    .expect("queue")
    .to_string();
    let sessions = sign_in_all(&app).await;
    let f = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    let template = demo_template(&pool).await;
    let new_template = f(&[
        ("template[language]", "fi"),
        ("template[title]", "Kuittaus"),
        ("template[body]", "Hei {customer_name}"),
    ]);
    let personal = f(&[("queue[name_fi]", "Omat"), ("queue[personal]", "on")]);
    let number: String = sqlx::query_scalar("SELECT number FROM service_requests WHERE id = $1")
        .bind(id.parse::<i64>().expect("id"))
        .fetch_one(&pool)
        .await
        .expect("number");
    let call = |existing: &str| {
        f(&[
            ("call[caller]", "Matti"),
            ("call[topic]", "Kortti"),
            ("call[summary]", "Neuvoin"),
            ("call[duration]", "2"),
            ("call[outcome]", "follow_up"),
            ("call[existing]", existing),
        ])
    };
    let shared = f(&[("queue[name_fi]", "Yhteinen")]);
    // (server function, fields, expected answer per role in ROLES order)
    let matrix: Vec<Row> = vec![
        ("/api/list_queue", vec![], [NO_SESSION, OK, OK, OK, OK]),
        (
            "/api/list_queue",
            f(&[("view", "mine")]),
            [NO_SESSION, OK, OK, OK, OK],
        ),
        (
            "/api/list_queue",
            f(&[("view", &urgent)]),
            [NO_SESSION, HIDDEN, OK, OK, OK],
        ),
        (
            "/api/list_queue",
            f(&[("q", "maija")]),
            [NO_SESSION, OK, OK, OK, OK],
        ),
        (
            "/api/load_request",
            f(&[("id", &id)]),
            [NO_SESSION, HIDDEN, OK, OK, OK],
        ),
        (
            "/api/save_draft",
            f(&[("id", &id), ("kind", "note"), ("body", "Luonnos")]),
            [NO_SESSION, HIDDEN, OK, OK, OK],
        ),
        (
            "/api/who_is_writing",
            f(&[("id", &id)]),
            [NO_SESSION, HIDDEN, OK, OK, OK],
        ),
        (
            "/api/add_note",
            f(&[("id", &id), ("internal_note", "Tarkistetaan")]),
            [NO_SESSION, HIDDEN, OK, OK, OK],
        ),
        // Giving the request to someone else is for leads.
        (
            "/api/assign_request",
            f(&[("id", &id), ("to", &supervisor)]),
            [NO_SESSION, HIDDEN, REFUSED, OK, OK],
        ),
        // Held by the supervisor now: the advisor may not take it, leads may.
        (
            "/api/assign_request",
            f(&[("id", &id), ("to", "me")]),
            [NO_SESSION, HIDDEN, REFUSED, OK, OK],
        ),
        // Held by the administrator: only leads release someone else's request.
        (
            "/api/assign_request",
            f(&[("id", &id), ("to", "")]),
            [NO_SESSION, HIDDEN, REFUSED, OK, OK],
        ),
        (
            "/api/assign_request",
            f(&[("id", &id), ("to", &advisor)]),
            [NO_SESSION, HIDDEN, OK, OK, OK],
        ),
        (
            "/api/take_next",
            f(&[("view", "all")]),
            [NO_SESSION, OK, OK, OK, OK],
        ),
        (
            "/api/take_next",
            f(&[("view", &swedish)]),
            [NO_SESSION, HIDDEN, OK, OK, OK],
        ),
        ("/api/save_queue", personal, [NO_SESSION, OK, OK, OK, OK]),
        (
            "/api/save_queue",
            shared,
            [NO_SESSION, REFUSED, REFUSED, OK, OK],
        ),
        // The supervisor removes it; after that it is gone for the administrator too.
        (
            "/api/delete_queue",
            f(&[("id", &urgent)]),
            [NO_SESSION, HIDDEN, HIDDEN, OK, HIDDEN],
        ),
        ("/api/load_templates", vec![], [NO_SESSION, OK, OK, OK, OK]),
        ("/api/load_phone", vec![], [NO_SESSION, OK, OK, OK, OK]),
        (
            "/api/load_board",
            vec![],
            [NO_SESSION, REFUSED, REFUSED, OK, OK],
        ),
        (
            "/api/move_work",
            f(&[("work[from]", &advisor), ("work[to]", &supervisor)]),
            [NO_SESSION, REFUSED, REFUSED, OK, OK],
        ),
        (
            "/api/move_work",
            f(&[("work[from]", &advisor), ("work[to]", &advisor)]),
            [NO_SESSION, REFUSED, REFUSED, INVALID, INVALID],
        ),
        ("/api/log_call", call(""), [NO_SESSION, OK, OK, OK, OK]),
        // Another organisation's request number is no request of theirs: a field error.
        (
            "/api/log_call",
            call(&number),
            [NO_SESSION, INVALID, OK, OK, OK],
        ),
        (
            "/api/save_template",
            new_template,
            [NO_SESSION, REFUSED, REFUSED, OK, OK],
        ),
        (
            "/api/delete_template",
            f(&[("id", &template)]),
            [NO_SESSION, REFUSED, REFUSED, OK, HIDDEN],
        ),
        // The first asks again within the day: answered, not recorded again.
        (
            "/api/hurry_for_customer",
            f(&[("id", &id)]),
            [NO_SESSION, HIDDEN, OK, OK, OK],
        ),
        // A question (an information request) never waits for a supplier.
        (
            "/api/wait_for_supplier",
            f(&[("id", &id), ("supplier[supplier]", "Kortti Oy")]),
            [NO_SESSION, HIDDEN, CONFLICT, CONFLICT, CONFLICT],
        ),
        (
            "/api/wait_for_supplier",
            f(&[("id", &id), ("supplier[supplier]", " ")]),
            [NO_SESSION, INVALID, INVALID, INVALID, INVALID],
        ),
        (
            "/api/split_request",
            f(&[
                ("id", &id),
                ("split[split_subject]", "Osoite"),
                ("split[split_message]", "Uusi osoite"),
            ]),
            [NO_SESSION, HIDDEN, OK, OK, OK],
        ),
        (
            "/api/split_request",
            f(&[("id", &id), ("split[split_subject]", "Osoite")]),
            [NO_SESSION, INVALID, INVALID, INVALID, INVALID],
        ),
        (
            "/api/move_to_queue",
            f(&[("id", &id), ("queue", &payments)]),
            [NO_SESSION, HIDDEN, OK, OK, OK],
        ),
        // Another organisation's queue is no queue here.
        (
            "/api/move_to_queue",
            f(&[("id", &id), ("queue", &elsewhere)]),
            [NO_SESSION, HIDDEN, HIDDEN, HIDDEN, HIDDEN],
        ),
    ];
    run(&app, &sessions, &matrix).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_question_about_an_invoice_is_routed_to_the_payments_queue_and_a_member(pool: PgPool) {
    use crate::tests::helpers::{ask, question};
    let app = app(pool.clone()).await;
    let r = ask(&app, &question("Min faktura kom två gånger", true), true).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    let (queue, assignee): (Option<String>, Option<i64>) = sqlx::query_as(
        "SELECT q.name_en, r.assignee_id FROM service_requests r LEFT JOIN queues q ON q.id = r.queue_id
         ORDER BY r.id DESC LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .expect("request");
    assert_eq!(queue.as_deref(), Some("Payments and invoices"));
    assert!(assignee.is_some(), "the demo rule gives it to someone");
    let r = ask(&app, &question("Hur laddar jag kortet?", true), true).await;
    assert_eq!(r.status, StatusCode::FOUND);
    let queue: Option<i64> =
        sqlx::query_scalar("SELECT queue_id FROM service_requests ORDER BY id DESC LIMIT 1")
            .fetch_one(&pool)
            .await
            .expect("request");
    assert_eq!(queue, None, "no rule for card questions");
}

#[sqlx::test(migrations = "../migrations")]
async fn every_role_against_every_action_on_a_request(pool: PgPool) {
    use StatusCode as S;
    const OK: S = S::OK;
    const NO_SESSION: S = S::UNAUTHORIZED;
    const HIDDEN: S = S::NOT_FOUND;
    const REFUSED: S = S::FORBIDDEN;
    const INVALID: S = S::UNPROCESSABLE_ENTITY;
    const CONFLICT: S = S::CONFLICT;
    let app = app(pool.clone()).await;
    let id = submit(&app)
        .await
        .split('-')
        .next()
        .expect("id")
        .to_string();
    let other = submit(&app)
        .await
        .split('-')
        .next()
        .expect("id")
        .to_string();
    let other_number: String =
        sqlx::query_scalar("SELECT number FROM service_requests WHERE id = $1")
            .bind(other.parse::<i64>().expect("id"))
            .fetch_one(&pool)
            .await
            .expect("number");
    // The other organisation's advisor works for the one the request is delegated to.
    let receiver: String = sqlx::query_scalar::<_, i64>(
        "SELECT m.organisation_id FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE u.email = 'radgivare@luukku.example' \
           AND m.organisation_id <> (SELECT organisation_id FROM service_requests WHERE id = $1) \
         ORDER BY m.organisation_id LIMIT 1",
    )
    .bind(id.parse::<i64>().expect("id"))
    .fetch_one(&pool)
    .await
    .expect("organisation")
    .to_string();
    let sessions = sign_in_all(&app).await;
    let f = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        std::iter::once(("id", id.as_str()))
            .chain(pairs.iter().copied())
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    let class = |urgency: &str| {
        f(&[
            ("class[request_type]", "information_request"),
            ("class[category_id]", ""),
            ("class[problem_code_id]", ""),
            ("class[urgency]", urgency),
            ("class[impact]", "medium"),
            ("class[priority]", ""),
            ("class[reason]", ""),
            ("class[expected_length]", ""),
        ])
    };
    let hold = |on: &str, grounds: &str| f(&[("on", on), ("hold[grounds]", grounds)]);
    // (server function, fields, expected answer per role in ROLES order)
    let matrix: Vec<Row> = vec![
        (
            "/api/classify_request",
            class("high"),
            [NO_SESSION, HIDDEN, OK, OK, OK],
        ),
        (
            "/api/classify_request",
            class(""),
            [NO_SESSION, INVALID, INVALID, INVALID, INVALID],
        ),
        (
            "/api/link_request",
            f(&[("link[number]", &other_number), ("link[choice]", "related")]),
            [NO_SESSION, HIDDEN, OK, OK, OK],
        ),
        (
            "/api/link_request",
            f(&[("link[number]", &other_number), ("link[choice]", "")]),
            [NO_SESSION, INVALID, INVALID, INVALID, INVALID],
        ),
        (
            "/api/reply_request",
            f(&[("message", "Hei"), ("status", "in_progress")]),
            [NO_SESSION, HIDDEN, OK, OK, OK],
        ),
        (
            "/api/reply_request",
            f(&[("message", " "), ("status", "in_progress")]),
            [NO_SESSION, HIDDEN, INVALID, INVALID, INVALID],
        ),
        (
            "/api/create_work_order",
            f(&[("wo[title]", "Katuvalot")]),
            [NO_SESSION, HIDDEN, OK, OK, OK],
        ),
        (
            "/api/create_work_order",
            f(&[("wo[title]", " ")]),
            [NO_SESSION, INVALID, INVALID, INVALID, INVALID],
        ),
        // Legal holds are for leads.
        (
            "/api/set_legal_hold",
            hold("true", "Oikeudenkäynti"),
            [NO_SESSION, REFUSED, REFUSED, OK, OK],
        ),
        (
            "/api/set_legal_hold",
            hold("false", ""),
            [NO_SESSION, REFUSED, REFUSED, INVALID, INVALID],
        ),
        (
            "/api/set_legal_hold",
            hold("false", "Päättyi"),
            [NO_SESSION, REFUSED, REFUSED, OK, OK],
        ),
        // Once delegated, it is not delegated again until it comes back; an organisation cannot
        // delegate to itself.
        (
            "/api/delegate_request",
            f(&[
                ("delegation[to_org]", &receiver),
                ("delegation[note]", "Katso"),
            ]),
            [NO_SESSION, INVALID, OK, CONFLICT, CONFLICT],
        ),
        (
            "/api/load_delegated",
            f(&[]),
            [NO_SESSION, OK, HIDDEN, HIDDEN, HIDDEN],
        ),
        // The receiver hands it back; after that there is nothing to hand back.
        (
            "/api/hand_back_request",
            f(&[("back[return_note]", "Hoidettu")]),
            [NO_SESSION, OK, CONFLICT, CONFLICT, CONFLICT],
        ),
        (
            "/api/load_delegated",
            f(&[]),
            [NO_SESSION, HIDDEN, HIDDEN, HIDDEN, HIDDEN],
        ),
    ];
    run(&app, &sessions, &matrix).await;
    let work_order: String =
        sqlx::query_scalar::<_, i64>("SELECT work_order_id FROM service_requests WHERE id = $1")
            .bind(id.parse::<i64>().expect("id"))
            .fetch_one(&pool)
            .await
            .expect("work order")
            .to_string();
    let order = |pairs: &[(&str, &str)]| {
        let mut fields = f(&[("work_order_id", &work_order)]);
        fields.extend(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        fields
    };
    let resolution = order(&[
        ("res[fi]", "Korjattu"),
        ("res[sv]", "Åtgärdat"),
        ("res[en]", "Fixed"),
    ]);
    // Completing resolves every request in it, once: after that the work order is closed.
    let matrix: Vec<Row> = vec![
        (
            "/api/join_work_order",
            order(&[]),
            [NO_SESSION, HIDDEN, OK, OK, OK],
        ),
        (
            "/api/complete_work_order",
            order(&[("res[fi]", ""), ("res[sv]", ""), ("res[en]", "")]),
            [NO_SESSION, INVALID, INVALID, INVALID, INVALID],
        ),
        (
            "/api/complete_work_order",
            resolution,
            [NO_SESSION, HIDDEN, OK, HIDDEN, HIDDEN],
        ),
    ];
    run(&app, &sessions, &matrix).await;
    let status: String = sqlx::query_scalar("SELECT status FROM service_requests WHERE id = $1")
        .bind(id.parse::<i64>().expect("id"))
        .fetch_one(&pool)
        .await
        .expect("status");
    assert_eq!(status, "resolved");
}

/// Mail held on a request of the advisor's organisation (the demo has one): only that
/// organisation decides it, and only once; an unknown decision is refused before anything.
#[sqlx::test(migrations = "../migrations")]
async fn every_role_against_deciding_held_mail(pool: PgPool) {
    use StatusCode as S;
    let app = app(pool.clone()).await;
    let sessions = sign_in_all(&app).await;
    let (id, mail): (i64, i64) = sqlx::query_as(
        "SELECT request_id, id FROM inbound_mail WHERE outcome = 'held' AND handled_at IS NULL",
    )
    .fetch_one(&pool)
    .await
    .expect("the demo's held mail");
    let f = |into: &str| {
        vec![
            ("id".to_string(), id.to_string()),
            ("mail".to_string(), mail.to_string()),
            ("into".to_string(), into.to_string()),
        ]
    };
    let matrix: Vec<Row> = vec![
        (
            "/api/decide_held_mail",
            f("both"),
            [
                S::UNAUTHORIZED,
                S::BAD_REQUEST,
                S::BAD_REQUEST,
                S::BAD_REQUEST,
                S::BAD_REQUEST,
            ],
        ),
        (
            "/api/decide_held_mail",
            f("add"),
            [
                S::UNAUTHORIZED,
                S::NOT_FOUND,
                S::OK,
                S::NOT_FOUND,
                S::NOT_FOUND,
            ],
        ),
    ];
    run(&app, &sessions, &matrix).await;
}
