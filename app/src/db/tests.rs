//! Database tests: each gets its own fresh Postgres database with the migrations applied.

use super::{bulk, orgs, requests, sla};
use crate::domain::classification::RequestType;
use crate::domain::sla::{PolicyMatch, Targets};
use crate::domain::views::EventKind;
use crate::domain::{Lang, Localized, NewRequest, RequestNumber, Status};
use crate::requests::{clocks as service, links, work_orders};
use chrono::{DateTime, Duration, TimeZone, Utc};
use sqlx::{PgConnection, PgPool};

async fn org(pool: &PgPool) -> (orgs::Organisation, i64) {
    let mut conn = pool.acquire().await.expect("conn");
    let o = org_in(&mut conn, "testi", "TST").await;
    let cat = orgs::insert_category(&mut conn, o.id, None, &o.name, 0)
        .await
        .expect("category");
    (o, cat)
}

async fn org_in(conn: &mut PgConnection, slug: &str, prefix: &str) -> orgs::Organisation {
    let name = Localized {
        fi: "Testi".into(),
        sv: "Test".into(),
        en: "Test".into(),
    };
    orgs::insert(conn, slug, prefix, &name, "/privacy")
        .await
        .expect("org");
    orgs::find_by_slug(conn, slug)
        .await
        .expect("find")
        .expect("exists")
}

fn request(category_id: i64) -> NewRequest {
    NewRequest {
        name: "Maija".into(),
        email: "maija@example.fi".into(),
        language: Lang::Sv,
        category_id: Some(category_id),
        subject: "Aihe".into(),
        message: "Viesti".into(),
        customer_org: None,
        answers: Default::default(),
    }
}

const MAILER: service_mailer::Mailer<'static> = service_mailer::Mailer {
    secret: b"test-secret",
    base_url: "https://luukku.example",
};

use crate::requests::customer as service_mailer;

/// Classifies, times and stores a request the way the public form does.
async fn submit(
    conn: &mut PgConnection,
    o: &orgs::Organisation,
    cat: i64,
    at: DateTime<Utc>,
) -> requests::Submitted {
    let rules = crate::requests::intake::Rules::load(conn, o.id, at)
        .await
        .expect("rules");
    let class = service::classify_new(&rules, RequestType::InformationRequest, Some(cat), None, at);
    let origin = requests::Origin {
        channel: "web",
        form_version_id: None,
        consent_notice_id: None,
        consent_language: Lang::Fi,
    };
    let req = request(cat);
    let row = requests::NewRow {
        org: o,
        req: &req,
        origin,
        class,
        reserved: requests::reserve(conn, o, at).await.expect("number"),
        at,
        tracking_nonce: 1,
    };
    requests::insert_new(conn, std::slice::from_ref(&row), &[])
        .await
        .expect("insert");
    requests::Submitted {
        id: row.reserved.id,
        number: row.reserved.number,
        tracking_nonce: row.tracking_nonce,
    }
}

/// Gives the organisation one policy for everything: resolve within `hours` business hours.
async fn policy(conn: &mut PgConnection, o: &orgs::Organisation, hours: i64) -> i64 {
    let t = Targets {
        first_response_minutes: Some(60),
        resolution_minutes: Some(hours * 60),
        warn_percent: 75,
    };
    sla::insert_policy(conn, o.id, "Perustaso", &PolicyMatch::default(), &t)
        .await
        .expect("policy")
}

async fn move_to(conn: &mut PgConnection, id: i64, to: Status, at: DateTime<Utc>) {
    let key = requests::tracking_key(conn, id, true)
        .await
        .expect("key")
        .expect("exists");
    let m = requests::Message {
        kind: EventKind::Reply,
        actor_user_id: None,
        body: "…",
        to,
        channel: "desk",
    };
    requests::add_message(conn, &key, &m, at)
        .await
        .expect("message");
    service::retime(conn, id).await.expect("retime");
}

fn helsinki(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    chrono_tz::Europe::Helsinki
        .with_ymd_and_hms(2026, 11, d, h, m, 0)
        .single()
        .expect("time")
        .with_timezone(&Utc)
}

#[sqlx::test(migrations = "../migrations")]
async fn concurrent_submissions_get_distinct_consecutive_numbers(pool: PgPool) {
    let (o, cat) = org(&pool).await;
    let tasks = (0..20).map(|_| {
        let (pool, o) = (pool.clone(), o.clone());
        tokio::spawn(async move {
            let mut tx = pool.begin().await.expect("tx");
            let s = submit(&mut tx, &o, cat, Utc::now()).await;
            tx.commit().await.expect("commit");
            s.number
        })
    });
    let mut numbers = Vec::new();
    for t in tasks {
        numbers.push(t.await.expect("task"));
    }
    numbers.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    let expected: Vec<RequestNumber> = (1..=20)
        .map(|n| RequestNumber::new("TST", crate::domain::format::helsinki_year(Utc::now()), n))
        .collect();
    assert_eq!(numbers, expected);
}

#[sqlx::test(migrations = "../migrations")]
async fn numbers_taken_before_the_submission_are_consecutive_and_leave_commits_durable(
    pool: PgPool,
) {
    let (o, _) = org(&pool).await;
    let year = crate::domain::format::helsinki_year(Utc::now());
    let tasks = (0..20).map(|_| {
        let (pool, o) = (pool.clone(), o.clone());
        tokio::spawn(async move {
            let mut conn = pool.acquire().await?;
            let wanted = requests::Wanted {
                org: &o,
                year,
                count: 2,
            };
            requests::reserve_batch(&mut conn, &[wanted])
                .await
                .map(|mut n| n.remove(0))
        })
    });
    let mut taken = Vec::new();
    for t in tasks {
        let batch = t.await.expect("task").expect("numbers");
        assert_eq!(batch.len(), 2, "as many as asked for");
        taken.extend(batch);
    }
    let mut ids: Vec<i64> = taken.iter().map(|r| r.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 40, "every request gets an id of its own");
    let mut numbers: Vec<RequestNumber> = taken.into_iter().map(|r| r.number).collect();
    numbers.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    let expected: Vec<RequestNumber> = (1..=40)
        .map(|n| RequestNumber::new("TST", year, n))
        .collect();
    assert_eq!(numbers, expected);
    // The asynchronous commit was the statement's own: every pooled connection keeps its setting.
    let mut conns = Vec::new();
    for _ in 0..pool.size() {
        let mut c = pool.acquire().await.expect("conn");
        let unchanged = sqlx::query_scalar!(
            "SELECT setting = reset_val AS \"unchanged!\" FROM pg_settings WHERE name = 'synchronous_commit'"
        )
        .fetch_one(&mut *c)
        .await
        .expect("setting");
        assert!(unchanged, "synchronous_commit leaked into the session");
        conns.push(c);
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn the_queue_pages_through_every_active_request_once_soonest_due_first(pool: PgPool) {
    let (o, cat) = org(&pool).await;
    let start = Utc
        .with_ymd_and_hms(2026, 1, 7, 8, 0, 0)
        .single()
        .expect("time");
    let mut conn = pool.acquire().await.expect("conn");
    policy(&mut conn, &o, 8).await;
    for i in 0..25 {
        // Pairs share a timestamp, so the id must break ties; every fifth is resolved and every
        // seventh waits for the customer (no due time: last).
        let at = start + Duration::minutes(i / 2);
        let s = submit(&mut conn, &o, cat, at).await;
        if i % 5 == 4 {
            move_to(&mut conn, s.id, Status::Resolved, at).await;
        } else if i % 7 == 0 {
            move_to(&mut conn, s.id, Status::WaitingForCustomer, at).await;
        }
    }
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let all = crate::domain::queues::QueueFilter::default();
        let page = super::queues::page(&mut conn, o.id, &all, after, 7)
            .await
            .expect("page");
        if page.is_empty() {
            break;
        }
        after = page.last().map(|r| r.cursor());
        seen.extend(page);
    }
    assert_eq!(seen.len(), 20, "resolved requests leave the queue");
    let key = |r: &crate::domain::views::QueueItem| {
        (
            r.due_at.map_or(i64::MAX, |d| d.timestamp_micros()),
            r.cursor().rank,
            r.id,
        )
    };
    assert!(seen.windows(2).all(|w| key(&w[0]) < key(&w[1])));
    assert!(
        seen.iter()
            .rev()
            .take(3)
            .all(|r| r.paused && r.due_at.is_none())
    );
}

/// Resolution due time, policy and customer wait as stored on the request.
async fn clock_row(conn: &mut PgConnection, id: i64) -> (Option<DateTime<Utc>>, Option<i64>, i32) {
    sqlx::query_as(
        "SELECT resolution_due_at, sla_policy_id, customer_wait_minutes FROM service_requests WHERE id = $1",
    )
    .bind(id)
    .fetch_one(conn)
    .await
    .expect("row")
}

#[sqlx::test(migrations = "../migrations")]
async fn waiting_for_the_customer_pauses_the_clock_and_the_answer_moves_the_due_time(pool: PgPool) {
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let policy_id = policy(&mut conn, &o, 8).await;
    // Friday 20 November 14:15 + 8 business hours = Monday 14:15.
    let s = submit(&mut conn, &o, cat, helsinki(20, 14, 15)).await;
    assert_eq!(
        clock_row(&mut conn, s.id).await,
        (Some(helsinki(23, 14, 15)), Some(policy_id), 0)
    );
    move_to(
        &mut conn,
        s.id,
        Status::WaitingForCustomer,
        helsinki(23, 9, 0),
    )
    .await;
    assert_eq!(clock_row(&mut conn, s.id).await.0, None, "paused");
    move_to(&mut conn, s.id, Status::Open, helsinki(23, 11, 0)).await;
    assert_eq!(
        clock_row(&mut conn, s.id).await,
        (Some(helsinki(24, 8, 15)), Some(policy_id), 120)
    );
    let e = service::explain_due(&mut conn, s.id)
        .await
        .expect("explain")
        .expect("running");
    assert_eq!((e.target_minutes, e.paused_minutes), (480, 120));
}

#[sqlx::test(migrations = "../migrations")]
async fn the_sla_timer_warns_and_breaches_each_request_once(pool: PgPool) {
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    policy(&mut conn, &o, 8).await;
    let late = submit(&mut conn, &o, cat, helsinki(2, 9, 0)).await;
    let waiting = submit(&mut conn, &o, cat, helsinki(2, 9, 0)).await;
    move_to(
        &mut conn,
        waiting.id,
        Status::WaitingForCustomer,
        helsinki(2, 9, 5),
    )
    .await;
    submit(&mut conn, &o, cat, Utc::now()).await;
    let now = helsinki(20, 12, 0);
    assert_eq!(sla::mark_due(&mut conn, now).await.expect("mark"), (1, 1));
    assert_eq!(sla::mark_due(&mut conn, now).await.expect("again"), (0, 0));
    let kinds: Vec<String> = sqlx::query_scalar(
        "SELECT kind FROM request_events WHERE request_id = $1 AND kind LIKE 'sla%' ORDER BY id",
    )
    .bind(late.id)
    .fetch_all(&mut *conn)
    .await
    .expect("events");
    assert_eq!(kinds, ["sla_warning", "sla_breached"]);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_queue_query_is_served_by_its_index(pool: PgPool) {
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let mut batch = bulk::RequestBatch::default();
    for i in 0..20_000i64 {
        batch.organisation_id.push(o.id);
        batch.number.push(format!("TST-2025-{i:06}-0"));
        batch
            .status
            .push(if i % 10 == 0 { "open" } else { "closed" }.into());
        batch.language.push("fi".into());
        batch.category_id.push(cat);
        batch.customer_name.push("N".into());
        batch.customer_email.push("n@example.fi".into());
        batch.subject.push("S".into());
        batch.message.push("M".into());
        batch.created_at.push(Utc::now() - Duration::minutes(i));
        batch.request_type.push("order".into());
        batch.expected_length.push("normal".into());
        batch
            .priority
            .push(["high", "normal", "low"][i as usize % 3].into());
        batch.due_at.push(Some(Utc::now() + Duration::minutes(i)));
        batch.assignee_id.push((i % 20 == 0).then_some(aino.id));
    }
    bulk::insert_requests(&mut conn, &batch)
        .await
        .expect("bulk");
    sqlx::query("ANALYZE service_requests")
        .execute(&mut *conn)
        .await
        .expect("analyze");
    let page = "LEFT JOIN users u ON u.id = r.assignee_id\n                 WHERE r.organisation_id = $1\n";
    let any = "NULL, NULL, NULL, NULL, NULL";
    let first = plan_of(
        &mut conn,
        page,
        &format!("{}, NULL, NULL, NULL, 51, {any}, false, NULL", o.id),
    )
    .await;
    let later = plan_of(
        &mut conn,
        page,
        &format!(
            "{}, now() + interval '1 day', 3, 1000, 51, {any}, false, NULL",
            o.id
        ),
    )
    .await;
    let filtered = plan_of(
        &mut conn,
        page,
        &format!(
            "{}, NULL, NULL, NULL, 51, 'order', NULL, 'open', 'high', 'fi', true, 'long'",
            o.id
        ),
    )
    .await;
    let mine = plan_of(
        &mut conn,
        "WHERE r.assignee_id = $1 AND r.organisation_id = $6",
        &format!("{}, NULL, NULL, NULL, 51, {}", aino.id, o.id),
    )
    .await;
    assert!(mine.contains("service_requests_assigned"), "{mine}");
    assert!(!mine.contains("Sort"), "{mine}");
    // The board counts each advisor's work from the same index.
    let loads = plan_of(
        &mut conn,
        "FROM memberships m JOIN users u ON u.id = m.user_id\n           CROSS JOIN LATERAL",
        &o.id.to_string(),
    )
    .await;
    assert!(loads.contains("service_requests_assigned"), "{loads}");
    let counts = plan_of(
        &mut conn,
        "LIMIT $3) m) AS",
        &format!("{}, {}, 100", o.id, aino.id),
    )
    .await;
    assert!(counts.contains("service_requests_assigned"), "{counts}");
    for plan in [first, later] {
        assert!(
            plan.contains("service_requests_queue") || plan.contains("service_requests_unassigned"),
            "{plan}"
        );
        assert!(!plan.contains("Sort"), "no sort at read time: {plan}");
    }
    // A filter that keeps few rows may collect them from the index and sort those few.
    assert!(
        filtered.contains("service_requests_unassigned"),
        "{filtered}"
    );
    let take = plan_of(
        &mut conn,
        "WHERE organisation_id = $1 AND assignee_id IS NULL",
        &format!("{}, 1, now(), {any}, '{{}}', '{{}}', NULL", o.id),
    )
    .await;
    assert!(take.contains("service_requests_unassigned"), "{take}");
    let routed = plan_of(
        &mut conn,
        "WHERE r.queue_id = $12 AND r.organisation_id = $1",
        &format!("{}, NULL, NULL, NULL, 51, {any}, false, 1, NULL", o.id),
    )
    .await;
    assert!(routed.contains("service_requests_routed"), "{routed}");
    assert!(!take.contains("Sort"), "{take}");
    let received = plan_of(
        &mut conn,
        "WHERE delegated_to_org_id = $1",
        &format!("{}, 50", o.id),
    )
    .await;
    assert!(
        received.contains("service_requests_delegated_queue"),
        "{received}"
    );
    assert!(!received.contains("Sort"), "{received}");
    let timer = plan_of(&mut conn, "sla_breached_at = $1", "now()").await;
    assert!(timer.contains("service_requests_sla_breach"), "{timer}");
    // The queue list: each saved queue's head walks the queue index alone in queue order, however
    // many filters it has, rather than sorting a bitmap scan of the whole queue.
    let by_length = crate::domain::queues::NewQueue {
        routed_only: false,
        name: Localized {
            fi: "Tavalliset".into(),
            sv: "Normala".into(),
            en: "Normal ones".into(),
        },
        filter: crate::domain::queues::QueueFilter {
            priority: Some(crate::domain::classification::Priority::Normal),
            language: Some(Lang::Fi),
            length: Some(crate::domain::classification::Length::Normal),
            ..Default::default()
        },
        personal: false,
    };
    super::queues::create(&mut conn, o.id, aino.id, &by_length)
        .await
        .expect("queue");
    let list = plan_of(
        &mut conn,
        "FROM queues q\n           -- Counting",
        &format!("{}, {}, 100", o.id, aino.id),
    )
    .await;
    assert!(
        list.contains("Index Only Scan using service_requests_queue"),
        "{list}"
    );
}

/// The plan of the one cached statement (app/.sqlx) containing `needle`, run with `args`: tests
/// explain exactly the SQL the application runs.
async fn plan_of(conn: &mut PgConnection, needle: &str, args: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/.sqlx");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("app/.sqlx") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
        let json: serde_json::Value = serde_json::from_str(&text).expect("json");
        let sql = json["query"].as_str().expect("query").to_string();
        if sql.contains(needle) {
            found.push(sql);
        }
    }
    assert_eq!(found.len(), 1, "exactly one statement contains {needle:?}");
    sqlx::raw_sql(&format!("PREPARE planned AS {}", found[0]))
        .execute(&mut *conn)
        .await
        .expect("prepare");
    let plan: Vec<String> = sqlx::query_scalar(&format!("EXPLAIN EXECUTE planned({args})"))
        .fetch_all(&mut *conn)
        .await
        .expect("explain");
    sqlx::raw_sql("DEALLOCATE planned")
        .execute(&mut *conn)
        .await
        .expect("deallocate");
    plan.join("\n")
}

#[sqlx::test(migrations = "../migrations")]
async fn the_public_timeline_is_in_order_and_a_flash_is_read_once(pool: PgPool) {
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let s = submit(&mut conn, &o, cat, Utc::now()).await;
    let tracked = requests::tracked(&mut conn, s.id)
        .await
        .expect("load")
        .expect("exists");
    assert_eq!(tracked.status, Status::New);
    assert_eq!(tracked.language, Lang::Sv);
    assert_eq!(tracked.timeline.len(), 1);

    let id = super::flash::put(&mut conn, &serde_json::json!({"values": 1}))
        .await
        .expect("put");
    assert!(
        super::flash::take(&mut conn, id)
            .await
            .expect("take")
            .is_some()
    );
    assert!(
        super::flash::take(&mut conn, id)
            .await
            .expect("take again")
            .is_none()
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn an_overridden_priority_picks_the_stricter_policy_and_retimes_the_request(pool: PgPool) {
    use crate::domain::classification::{ClassifyInput, PriorityMatrix};
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    policy(&mut conn, &o, 24).await;
    let urgent = sla::insert_policy(
        &mut conn,
        o.id,
        "Kiireelliset",
        &PolicyMatch {
            priority: Some(crate::domain::classification::Priority::Critical),
            ..Default::default()
        },
        &Targets {
            first_response_minutes: None,
            resolution_minutes: Some(120),
            warn_percent: 75,
        },
    )
    .await
    .expect("policy");
    let advisor = super::users::upsert(&mut conn, o.id, "a@example.fi", "A", "x", "advisor")
        .await
        .expect("user");
    let start = helsinki(23, 9, 0);
    let s = submit(&mut conn, &o, cat, start).await;
    assert_eq!(clock_row(&mut conn, s.id).await.0, Some(helsinki(26, 9, 0)));
    let input = ClassifyInput {
        request_type: "incident".into(),
        category_id: cat.to_string(),
        urgency: "medium".into(),
        impact: "medium".into(),
        priority: "critical".into(),
        reason: "Koko kaupunginosa ilman vettä".into(),
        ..Default::default()
    };
    let c = input
        .parse(&PriorityMatrix::default(), &[cat], &[])
        .expect("valid");
    service::reclassify(&mut conn, o.id, s.id, &c, advisor, helsinki(23, 10, 0))
        .await
        .expect("reclassify")
        .expect("ours");
    assert_eq!(
        clock_row(&mut conn, s.id).await,
        (Some(helsinki(23, 11, 0)), Some(urgent), 0),
        "two business hours from the start under the stricter policy"
    );
    let events = requests::timeline(&mut conn, s.id, false)
        .await
        .expect("timeline");
    let priority = events
        .iter()
        .find(|e| e.kind == EventKind::PriorityChanged)
        .expect("a priority event");
    assert!(matches!(
        &priority.detail,
        Some(crate::domain::views::EventDetail::Priority { reason: Some(r), .. }) if r == "Koko kaupunginosa ilman vettä"
    ));
    assert!(
        requests::timeline(&mut conn, s.id, true)
            .await
            .expect("public")
            .iter()
            .all(|e| e.kind != EventKind::PriorityChanged),
        "the customer does not see internal reclassification"
    );
    let other = service::reclassify(&mut conn, o.id + 1, s.id, &c, advisor, helsinki(23, 10, 0))
        .await
        .expect("query");
    assert_eq!(other, None, "another organisation cannot reclassify it");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_batch_links_each_request_to_the_customers_earlier_ones_in_it_and_before_it(
    pool: PgPool,
) {
    use crate::domain::links::Relation;
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let before = submit(&mut conn, &o, cat, helsinki(23, 9, 0)).await;
    let at = helsinki(23, 10, 0);
    let rules = crate::requests::intake::Rules::load(&mut conn, o.id, at)
        .await
        .expect("rules");
    let with = |email: &str, customer_org: Option<&str>| NewRequest {
        email: email.into(),
        customer_org: customer_org.map(Into::into),
        ..request(cat)
    };
    let reqs = [
        with("MAIJA@Example.fi", Some("Oy Ab")),
        with("liisa@example.fi", Some("oy ab")),
        with("", Some(" ")),
    ];
    let wanted = requests::Wanted {
        org: &o,
        year: crate::domain::format::helsinki_year(at),
        count: 3,
    };
    let reserved = requests::reserve_batch(&mut conn, &[wanted])
        .await
        .expect("numbers")
        .remove(0);
    let rows: Vec<requests::NewRow<'_>> = reqs
        .iter()
        .zip(reserved)
        .map(|(req, reserved)| requests::NewRow {
            org: &o,
            req,
            origin: requests::Origin {
                channel: "web",
                form_version_id: None,
                consent_notice_id: None,
                consent_language: Lang::Fi,
            },
            class: service::classify_new(
                &rules,
                RequestType::InformationRequest,
                Some(cat),
                None,
                at,
            ),
            reserved,
            at,
            tracking_nonce: 7,
        })
        .collect();
    requests::insert_new(&mut conn, &rows, &[])
        .await
        .expect("insert");
    let links = |id: i64| {
        let pool = pool.clone();
        async move {
            let mut conn = pool.acquire().await.expect("conn");
            let mut seen: Vec<(i64, Relation)> = super::links::linked(&mut conn, o.id, id)
                .await
                .expect("links")
                .into_iter()
                .map(|l| (l.id, l.relation))
                .collect();
            seen.sort_by_key(|l| l.0);
            seen
        }
    };
    let ids: Vec<i64> = rows.iter().map(|r| r.reserved.id).collect();
    assert_eq!(
        links(ids[0]).await,
        vec![
            (before.id, Relation::SameCustomer),
            (ids[1], Relation::SameCustomerOrg)
        ],
        "the same address whatever its case, and the same organisation later in the batch"
    );
    assert_eq!(
        links(ids[1]).await,
        vec![(ids[0], Relation::SameCustomerOrg)]
    );
    assert_eq!(
        links(ids[2]).await,
        vec![],
        "no address and a blank organisation link nothing"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn requests_of_one_customer_are_linked_and_a_duplicate_merges_keeping_both_histories(
    pool: PgPool,
) {
    use crate::domain::links::{LinkChoice, Relation};
    use links::LinkOutcome;
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let advisor = super::users::upsert(&mut conn, o.id, "b@example.fi", "B", "x", "advisor")
        .await
        .expect("user");
    let first = submit(&mut conn, &o, cat, helsinki(23, 9, 0)).await;
    let second = submit(&mut conn, &o, cat, helsinki(23, 10, 0)).await;
    let seen = super::links::linked(&mut conn, o.id, first.id)
        .await
        .expect("links");
    assert_eq!(seen.len(), 1);
    assert_eq!(
        (seen[0].id, seen[0].relation),
        (second.id, Relation::SameCustomer)
    );

    let third = submit(&mut conn, &o, cat, helsinki(23, 11, 0)).await;
    let link = |id, number: &str, choice| {
        let number = number.to_string();
        let pool = pool.clone();
        async move {
            let mut conn = pool.acquire().await.expect("conn");
            links::link_requests(
                &mut conn,
                o.id,
                id,
                &number,
                choice,
                advisor,
                helsinki(23, 12, 0),
            )
            .await
            .expect("link")
        }
    };
    assert_eq!(
        link(first.id, "TST-2026-999999-0", LinkChoice::Related).await,
        LinkOutcome::UnknownNumber
    );
    assert_eq!(
        link(first.id, first.number.as_str(), LinkChoice::Related).await,
        LinkOutcome::SameRequest
    );
    assert_eq!(
        link(first.id, third.number.as_str(), LinkChoice::Child).await,
        LinkOutcome::Linked
    );
    assert_eq!(
        link(second.id, first.number.as_str(), LinkChoice::MergeInto).await,
        LinkOutcome::Linked
    );
    assert_eq!(
        link(second.id, third.number.as_str(), LinkChoice::MergeInto).await,
        LinkOutcome::NotMergeable,
        "a request already merged is closed"
    );
    let kept = super::links::linked(&mut conn, o.id, first.id)
        .await
        .expect("links");
    let relations: Vec<Relation> = kept.iter().map(|l| l.relation).collect();
    assert!(relations.contains(&Relation::Child));
    assert!(relations.contains(&Relation::DuplicateHere));
    let dup = requests::tracked(&mut conn, second.id)
        .await
        .expect("load")
        .expect("exists");
    assert_eq!(dup.status, Status::Closed);
    assert!(
        dup.timeline.iter().any(|e| e.kind == EventKind::Merged),
        "the duplicate's customer sees where the matter continues"
    );
    assert_eq!(
        dup.timeline[0].kind,
        EventKind::Submitted,
        "its history is kept"
    );
    let parent: Option<i64> =
        sqlx::query_scalar("SELECT parent_id FROM service_requests WHERE id = $1")
            .bind(third.id)
            .fetch_one(&mut *conn)
            .await
            .expect("parent");
    assert_eq!(parent, Some(first.id));
}

#[sqlx::test(migrations = "../migrations")]
async fn finished_requests_are_archived_by_their_types_rule_unless_on_legal_hold(pool: PgPool) {
    use crate::domain::retention::{Disposal, Rule};
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let lead = super::users::upsert(&mut conn, o.id, "c@example.fi", "C", "x", "supervisor")
        .await
        .expect("user");
    let mut rules: Vec<Rule> = RequestType::ALL
        .into_iter()
        .map(Rule::default_for)
        .collect();
    rules[0] = Rule {
        request_type: RequestType::InformationRequest,
        archive_after_days: 30,
        dispose_after_months: Some(12),
        disposal: Disposal::Anonymise,
    };
    super::retention::save_rules(&mut conn, o.id, &rules)
        .await
        .expect("rules");
    assert_eq!(
        super::retention::rules(&mut conn, o.id)
            .await
            .expect("read"),
        rules
    );
    let finished = helsinki(2, 9, 0);
    let old = submit(&mut conn, &o, cat, finished).await;
    let held = submit(&mut conn, &o, cat, finished).await;
    let open = submit(&mut conn, &o, cat, finished).await;
    move_to(&mut conn, old.id, Status::Resolved, finished).await;
    move_to(&mut conn, held.id, Status::Resolved, finished).await;
    assert!(
        super::retention::set_hold(
            &mut conn,
            o.id,
            held.id,
            true,
            "Oikeudenkäynti",
            lead,
            finished
        )
        .await
        .expect("hold")
    );
    let status = |id| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, String>("SELECT status FROM service_requests WHERE id = $1")
                .bind(id)
                .fetch_one(&pool)
                .await
                .expect("status")
        }
    };
    let soon = finished + Duration::days(29);
    assert_eq!(
        super::retention::archive_due(&mut conn, soon)
            .await
            .expect("archive"),
        0
    );
    let later = finished + Duration::days(31);
    assert_eq!(
        super::retention::archive_due(&mut conn, later)
            .await
            .expect("archive"),
        1
    );
    assert_eq!(status(old.id).await, "archived");
    assert_eq!(status(held.id).await, "resolved", "a legal hold keeps it");
    assert_eq!(status(open.id).await, "new", "unfinished work stays");
    let events = requests::timeline(&mut conn, old.id, false)
        .await
        .expect("timeline");
    assert!(
        events
            .iter()
            .any(|e| e.to_status == Some(Status::Archived) && e.by_system)
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn completing_a_work_order_resolves_each_request_in_its_customers_language(pool: PgPool) {
    use crate::domain::work_order::ResolutionInput;
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let advisor = super::users::upsert(&mut conn, o.id, "d@example.fi", "D", "x", "advisor")
        .await
        .expect("user");
    let at = helsinki(23, 9, 0);
    let wo = super::work_orders::create(&mut conn, o.id, "Vesikatko Kalliossa", advisor, at)
        .await
        .expect("work order");
    let mut ids = Vec::new();
    for lang in ["fi", "sv", "en"] {
        let s = submit(&mut conn, &o, cat, at).await;
        sqlx::query("UPDATE service_requests SET language = $2 WHERE id = $1")
            .bind(s.id)
            .bind(lang)
            .execute(&mut *conn)
            .await
            .expect("language");
        assert!(
            super::work_orders::join(&mut conn, o.id, s.id, wo)
                .await
                .expect("join")
        );
        ids.push(s.id);
    }
    let finished = submit(&mut conn, &o, cat, at).await;
    assert!(
        super::work_orders::join(&mut conn, o.id, finished.id, wo)
            .await
            .expect("join")
    );
    move_to(&mut conn, finished.id, Status::Cancelled, at).await;
    assert!(
        !super::work_orders::join(&mut conn, o.id + 1, ids[0], wo)
            .await
            .expect("join"),
        "another organisation's request or work order is not joined"
    );
    let resolution = ResolutionInput {
        fi: "Vuoto on korjattu.".into(),
        sv: "Läckan är lagad.".into(),
        en: "The leak is fixed.".into(),
    }
    .parse()
    .expect("valid");
    let done = work_orders::complete_work_order(
        &mut conn,
        MAILER,
        o.id,
        wo,
        &resolution,
        (advisor, crate::domain::Actor::Advisor),
        helsinki(23, 12, 0),
    )
    .await
    .expect("complete");
    assert_eq!(done, Some(3), "the cancelled one is left alone");
    for (id, text) in ids.iter().zip([
        "Vuoto on korjattu.",
        "Läckan är lagad.",
        "The leak is fixed.",
    ]) {
        let t = requests::tracked(&mut conn, *id)
            .await
            .expect("load")
            .expect("exists");
        assert_eq!(t.status, Status::Resolved);
        assert!(
            t.timeline.iter().any(|e| e.body.as_deref() == Some(text)),
            "{text}"
        );
    }
    let again = work_orders::complete_work_order(
        &mut conn,
        MAILER,
        o.id,
        wo,
        &resolution,
        (advisor, crate::domain::Actor::Advisor),
        helsinki(23, 13, 0),
    )
    .await
    .expect("query");
    assert_eq!(again, None, "a work order is completed once");
}

#[sqlx::test(migrations = "../migrations")]
async fn every_list_and_scan_of_the_service_model_has_an_index_to_use(pool: PgPool) {
    // The tables are empty here, so the planner would rightly scan them; with sequential scans
    // priced out it shows which index serves each statement at scale.
    let mut conn = pool.acquire().await.expect("conn");
    sqlx::query("SET enable_seqscan = off")
        .execute(&mut *conn)
        .await
        .expect("set");
    // Storing new requests links them to their customers' earlier ones; the arrays of the batch
    // may be empty for the plan.
    let no_batch = vec!["'{}'"; 36].join(", ");
    for (needle, args, index) in [
        (
            "lower(s.customer_email) = lower(n.customer_email)",
            no_batch.as_str(),
            "service_requests_by_email",
        ),
        (
            "lower(s.customer_org) = lower(n.customer_org)",
            no_batch.as_str(),
            "service_requests_by_customer_org",
        ),
        (
            "FROM attachments WHERE request_id = $1 ORDER BY id",
            "1",
            "attachments_by_request",
        ),
        (
            "WHERE request_id = $1 AND answered_at IS NOT NULL",
            "1",
            "surveys_by_request",
        ),
        (
            "lower(to_email) = lower($2))",
            "1000, NULL, 50",
            "outbox_pkey",
        ),
        (
            "l.from_request_id = $2 OR l.to_request_id = $2",
            "1, 1",
            "request_links_to",
        ),
        (
            "WHERE work_order_id = $1 ORDER BY id",
            "1",
            "service_requests_by_work_order",
        ),
        (
            "FROM work_orders WHERE organisation_id = $1 AND status = 'open'",
            "1",
            "work_orders_open",
        ),
        ("make_interval(days", "now()", "service_requests_finished"),
        (
            "sla_warned_at IS NULL AND sla_warn_at IS NOT NULL",
            "now()",
            "service_requests_sla_warn",
        ),
        (
            "FROM sla_policies WHERE organisation_id = $1 AND active",
            "1",
            "sla_policies_by_org",
        ),
        (
            "WHERE e.request_id = $1 AND (e.public OR NOT $2)",
            "1, true",
            "request_events_timeline",
        ),
        (
            "WHERE d.request_id = $1 ORDER BY d.id",
            "1",
            "delegations_by_request",
        ),
        (
            "kind = 'status_changed' AND to_status IS NOT NULL",
            "1",
            "request_events_status_changes",
        ),
        (
            "lower(customer_name) COLLATE \"C\" LIKE $4",
            "1, NULL, NULL, 'maija%', 50",
            "service_requests_by_name",
        ),
        (
            "lower(customer_email) = $3",
            "1, NULL, 'maija@example.fi', NULL, 50",
            "service_requests_by_email",
        ),
        (
            "WHERE $2::text IS NOT NULL AND number = $2",
            "1, 'TST-2026-000001-5', NULL, NULL, 50",
            "service_requests_number_key",
        ),
        ("FROM queues q", "1, 1, 100", "queues_of_org"),
        (
            "WHERE r.organisation_id = $1 AND r.updated_at < $2",
            "1, now(), 50",
            "service_requests_untouched",
        ),
        (
            "ORDER BY u.display_name, u.id\n           LIMIT 1000",
            "1",
            "memberships_by_organisation",
        ),
        (
            "FROM reply_templates\n         WHERE organisation_id = $1 AND ($2::text IS NULL",
            "1, 'fi'",
            "reply_templates_by_org",
        ),
        (
            "WHERE user_id = $2 AND read_at IS NULL AND organisation_id = $1",
            "1, 1, 20",
            "notifications_for_user",
        ),
        (
            "UPDATE notifications SET read_at = $4",
            "1, 1, 1, now()",
            "notifications_unread_by_request",
        ),
        (
            "WHERE m.organisation_id = $1 ORDER BY u.display_name, u.id LIMIT 500",
            "1",
            "memberships_by_organisation",
        ),
        (
            "lower(r.customer_email) = me.email",
            "1, 10",
            "service_requests_by_customer",
        ),
        (
            "lower(r.customer_org) = me.org",
            "1, 10",
            "service_requests_by_customer_org",
        ),
        (
            "FROM routing_rules r LEFT JOIN queues q",
            "1",
            "routing_rules_of_org",
        ),
        (
            "WHERE m.organisation_id = $1 AND m.role IN ('advisor', 'supervisor')",
            "1",
            "memberships_by_organisation",
        ),
        (
            "s.updated_at < $1::timestamptz - make_interval(hours => o.untouched_hours)",
            "now(), 200",
            "service_requests_to_remind",
        ),
        (
            "r.sla_warned_at IS NOT NULL\n                      AND r.status",
            "1, 100",
            "service_requests_at_risk",
        ),
        (
            "FROM password_resets p JOIN users u ON u.id = p.user_id",
            "'a@example.fi', now()",
            "password_resets_by_user",
        ),
    ] {
        let plan = plan_of(&mut conn, needle, args).await;
        assert!(plan.contains(index), "{needle}: {plan}");
    }
}

async fn staff(
    conn: &mut PgConnection,
    o: &orgs::Organisation,
    email: &str,
    name: &str,
) -> super::users::StaffUser {
    let id = super::users::upsert(conn, o.id, email, name, "x", "advisor")
        .await
        .expect("user");
    super::users::StaffUser {
        id,
        organisation_id: o.id,
        email: email.into(),
        display_name: name.into(),
        role: "advisor".into(),
        service_admin: false,
        admin_of: vec![],
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn drafts_come_back_to_their_writer_and_tell_colleagues_who_is_writing(pool: PgPool) {
    use crate::domain::drafts::{DraftKind, Drafts, WRITING_SECS, Writers};
    use crate::requests::notes::sync_draft;
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let ben = staff(&mut conn, &o, "ben@example.fi", "Ben").await;
    let at = Utc::now();
    let s = submit(&mut conn, &o, cat, at).await;
    let reply = Some((DraftKind::Reply, "Hei Maija,\n\n"));
    let seen = sync_draft(&mut conn, &aino, s.id, reply, at)
        .await
        .expect("save");
    assert_eq!(seen, Some(Writers::default()));
    sync_draft(&mut conn, &aino, s.id, Some((DraftKind::Note, "Soita")), at)
        .await
        .expect("save");
    let mine = super::drafts::on_request(&mut conn, s.id, aino.id, at)
        .await
        .expect("mine");
    let both = Drafts {
        reply: Some("Hei Maija,\n\n".into()),
        note: Some("Soita".into()),
    };
    assert_eq!(mine, (both, Writers::default()));
    assert_eq!(
        super::drafts::on_request(&mut conn, s.id, ben.id, at)
            .await
            .expect("ben"),
        (Drafts::default(), Writers(vec!["Aino".into()])),
        "Ben has no drafts of his own and sees Aino writing"
    );
    let soon = at + Duration::seconds(WRITING_SECS);
    let seen = sync_draft(&mut conn, &ben, s.id, None, soon)
        .await
        .expect("ask");
    assert_eq!(seen, Some(Writers(vec!["Aino".into()])));
    let later = at + Duration::seconds(WRITING_SECS + 1);
    let seen = sync_draft(&mut conn, &ben, s.id, None, later)
        .await
        .expect("ask");
    assert_eq!(
        seen,
        Some(Writers::default()),
        "an old draft is not someone writing"
    );
    // Emptying the box removes the draft.
    sync_draft(&mut conn, &aino, s.id, Some((DraftKind::Note, "  ")), later)
        .await
        .expect("clear");
    let (mine, _) = super::drafts::on_request(&mut conn, s.id, aino.id, later)
        .await
        .expect("mine");
    assert_eq!(mine.note, None);
    // Another organisation's advisor cannot write on it.
    let other = org_in(&mut conn, "muu", "MUU").await;
    let stranger = staff(&mut conn, &other, "x@example.fi", "X").await;
    assert_eq!(
        sync_draft(&mut conn, &stranger, s.id, reply, at)
            .await
            .expect("refused"),
        None
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_note_is_staff_only_removes_its_draft_and_notifies_whom_it_mentions(pool: PgPool) {
    use crate::domain::drafts::DraftKind;
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let aino = staff(&mut conn, &o, "aino.neuvoja@example.fi", "Aino").await;
    let ben = staff(&mut conn, &o, "ben@example.fi", "Ben").await;
    let at = Utc::now();
    let s = submit(&mut conn, &o, cat, at).await;
    super::drafts::save(&mut conn, s.id, ben.id, DraftKind::Note, Some("@aino"), at)
        .await
        .expect("draft");
    let text = "@Aino.Neuvoja katsotko? Cc @ben @nobody";
    let notified = crate::requests::notes::add_note(&mut conn, &ben, s.id, text, at)
        .await
        .expect("note");
    assert_eq!(
        notified,
        Some(1),
        "only Aino: never the writer, never an unknown handle"
    );
    let to_aino = sqlx::query_scalar!(
        "SELECT count(*) AS \"n!\" FROM notifications WHERE user_id = $1 AND request_id = $2 AND kind = 'mention'",
        aino.id,
        s.id
    )
    .fetch_one(&mut *conn)
    .await
    .expect("count");
    assert_eq!(to_aino, 1);
    assert_eq!(
        super::drafts::on_request(&mut conn, s.id, ben.id, at)
            .await
            .expect("mine")
            .0
            .note,
        None
    );
    let staff_view = requests::timeline(&mut conn, s.id, false)
        .await
        .expect("timeline");
    let note = staff_view
        .iter()
        .find(|e| e.kind == EventKind::Note)
        .expect("note");
    assert_eq!(note.body.as_deref(), Some(text));
    assert_eq!(note.staff_name.as_deref(), Some("Ben"));
    let customer_view = requests::timeline(&mut conn, s.id, true)
        .await
        .expect("timeline");
    assert!(customer_view.iter().all(|e| e.kind != EventKind::Note));
}

async fn lead(
    conn: &mut PgConnection,
    o: &orgs::Organisation,
    email: &str,
) -> super::users::StaffUser {
    let mut u = staff(conn, o, email, "Lea Lead").await;
    super::users::upsert(conn, o.id, email, "Lea Lead", "x", "supervisor")
        .await
        .expect("lead");
    u.role = "supervisor".into();
    u
}

/// `n` requests submitted a minute apart from `start`, so they are due in that order.
async fn a_minute_apart(
    conn: &mut PgConnection,
    o: &orgs::Organisation,
    cat: i64,
    start: DateTime<Utc>,
    n: i64,
) -> Vec<requests::Submitted> {
    let mut made = Vec::new();
    for i in 0..n {
        made.push(submit(conn, o, cat, start + Duration::minutes(i)).await);
    }
    made
}

async fn hits(conn: &mut PgConnection, organisation_id: i64, typed: &str) -> usize {
    let s = crate::domain::queues::Search::parse(typed).expect("search");
    super::queues::search(conn, organisation_id, &s, 50)
        .await
        .expect("search")
        .len()
}

async fn outbox_kinds(conn: &mut PgConnection, id: i64) -> Vec<String> {
    sqlx::query_scalar!(
        "SELECT kind FROM outbox WHERE request_id = $1 ORDER BY id",
        id
    )
    .fetch_all(conn)
    .await
    .expect("outbox")
}

#[sqlx::test(migrations = "../migrations")]
async fn take_next_gives_each_advisor_the_most_urgent_free_request_and_starts_it(pool: PgPool) {
    use crate::domain::queues::QueueFilter;
    use crate::queues::types::View;
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    policy(&mut conn, &o, 8).await;
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let ben = staff(&mut conn, &o, "ben@example.fi", "Ben").await;
    let start = helsinki(3, 9, 0);
    let ids: Vec<i64> = a_minute_apart(&mut conn, &o, cat, start, 3)
        .await
        .into_iter()
        .map(|s| s.id)
        .collect();
    // The soonest due waits for the customer: nothing to do about it now.
    move_to(&mut conn, ids[0], Status::WaitingForCustomer, start).await;
    let now = start + Duration::hours(1);
    let first = crate::requests::assignment::take_next(&mut conn, MAILER, &aino, View::All, now)
        .await
        .expect("take");
    let second = crate::requests::assignment::take_next(&mut conn, MAILER, &ben, View::All, now)
        .await
        .expect("take");
    let none = crate::requests::assignment::take_next(&mut conn, MAILER, &aino, View::All, now)
        .await
        .expect("take");
    use crate::requests::assignment::Next;
    assert_eq!(
        (first, second, none),
        (Next::Took(ids[1]), Next::Took(ids[2]), Next::Nothing)
    );
    let key = requests::tracking_key(&mut conn, ids[1], false)
        .await
        .expect("key")
        .expect("exists");
    assert_eq!(
        key.status,
        Status::InProgress,
        "taking a new request starts it"
    );
    assert_eq!(outbox_kinds(&mut conn, ids[1]).await, ["taken"]);
    let timeline = requests::timeline(&mut conn, ids[1], false)
        .await
        .expect("timeline");
    let assigned = timeline
        .iter()
        .find(|e| e.kind == EventKind::Assigned)
        .expect("assigned event");
    assert_eq!(
        assigned.detail,
        Some(crate::domain::views::EventDetail::Assigned {
            to: Some("Aino".into())
        })
    );
    let public = requests::timeline(&mut conn, ids[1], true)
        .await
        .expect("timeline");
    assert!(
        public.iter().all(|e| e.kind != EventKind::Assigned),
        "staff only"
    );

    let mine = super::queues::mine(&mut conn, (o.id, aino.id), None, 51)
        .await
        .expect("mine");
    assert_eq!(mine.iter().map(|r| r.id).collect::<Vec<_>>(), [ids[1]]);
    assert_eq!(mine[0].assignee.as_deref(), Some("Aino"));
    let free = QueueFilter {
        unassigned_only: true,
        ..Default::default()
    };
    let unassigned = super::queues::page(&mut conn, o.id, &free, None, 51)
        .await
        .expect("page");
    assert_eq!(
        unassigned.iter().map(|r| r.id).collect::<Vec<_>>(),
        [ids[0]]
    );
    assert_eq!(
        super::queues::builtin_counts(&mut conn, o.id, aino.id)
            .await
            .expect("counts"),
        (3, 1)
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn saved_queues_filter_count_and_stay_with_their_owner_and_search_finds_any_request(
    pool: PgPool,
) {
    use crate::domain::classification::Priority;
    use crate::domain::queues::{NewQueue, QueueFilter};
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    policy(&mut conn, &o, 8).await;
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let ben = staff(&mut conn, &o, "ben@example.fi", "Ben").await;
    let start = helsinki(3, 9, 0);
    let numbers: Vec<RequestNumber> = a_minute_apart(&mut conn, &o, cat, start, 3)
        .await
        .into_iter()
        .map(|s| s.number)
        .collect();
    let named = |n: &str, filter: QueueFilter, personal: bool| NewQueue {
        routed_only: false,
        name: Localized {
            fi: n.into(),
            sv: n.into(),
            en: n.into(),
        },
        filter,
        personal,
    };
    let swedish = QueueFilter {
        language: Some(Lang::Sv),
        ..Default::default()
    };
    let critical = QueueFilter {
        priority: Some(Priority::Critical),
        ..Default::default()
    };
    let sv = super::queues::create(&mut conn, o.id, aino.id, &named("Svenska", swedish, false))
        .await
        .expect("queue");
    super::queues::create(
        &mut conn,
        o.id,
        aino.id,
        &named("Kriittiset", critical, false),
    )
    .await
    .expect("queue");
    let bens = super::queues::create(
        &mut conn,
        o.id,
        ben.id,
        &named("Ben", Default::default(), true),
    )
    .await
    .expect("queue");
    let seen = super::queues::summaries(&mut conn, o.id, aino.id)
        .await
        .expect("summaries");
    assert_eq!(
        seen.iter()
            .map(|q| (q.name.fi.as_str(), q.count))
            .collect::<Vec<_>>(),
        [("Svenska", 3), ("Kriittiset", 0)],
        "another advisor's personal view is theirs alone"
    );
    assert_eq!(
        seen[0].most_urgent.as_ref().map(|(n, _)| n.as_str()),
        Some(numbers[0].as_str())
    );
    assert_eq!(seen[1].most_urgent, None);
    assert_eq!(
        super::queues::filter(&mut conn, o.id, aino.id, bens)
            .await
            .expect("filter"),
        None
    );
    assert!(
        !super::queues::delete(&mut conn, o.id, aino.id, false, sv)
            .await
            .expect("delete")
    );
    assert!(
        !super::queues::delete(&mut conn, o.id, aino.id, true, bens)
            .await
            .expect("delete")
    );
    assert!(
        super::queues::delete(&mut conn, o.id, ben.id, false, bens)
            .await
            .expect("delete")
    );

    let number = numbers[1].as_str().to_lowercase();
    assert_eq!(hits(&mut conn, o.id, &number).await, 1);
    assert_eq!(hits(&mut conn, o.id, "MAIJA@example.fi").await, 3);
    assert_eq!(hits(&mut conn, o.id, "mai").await, 3);
    assert_eq!(hits(&mut conn, o.id, "ma%").await, 0, "% is no wildcard");
    let other = org_in(&mut conn, "muu", "MUU").await;
    assert_eq!(
        hits(&mut conn, other.id, "mai").await,
        0,
        "search stays in the organisation"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn advisors_take_free_work_and_only_leads_move_requests_between_colleagues(pool: PgPool) {
    use crate::domain::queues::AssignTo;
    use crate::error::AppError;
    use crate::requests::assignment::assign;
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let ben = staff(&mut conn, &o, "ben@example.fi", "Ben").await;
    let lea = lead(&mut conn, &o, "lea@example.fi").await;
    let other = org_in(&mut conn, "muu", "MUU").await;
    let stranger = staff(&mut conn, &other, "x@example.fi", "X").await;
    let now = Utc::now();
    let id = submit(&mut conn, &o, cat, now).await.id;
    assign(&mut conn, MAILER, &aino, id, AssignTo::Me, now)
        .await
        .expect("take");
    assert_eq!(
        super::queues::assignee(&mut conn, id)
            .await
            .expect("assignee"),
        Some(aino.id)
    );
    assert_eq!(
        assign(&mut conn, MAILER, &ben, id, AssignTo::Me, now).await,
        Err(AppError::Forbidden),
        "an advisor does not take a colleague's request"
    );
    assert_eq!(
        assign(&mut conn, MAILER, &ben, id, AssignTo::Nobody, now).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        assign(&mut conn, MAILER, &stranger, id, AssignTo::Me, now).await,
        Err(AppError::NotFound),
        "another organisation's request does not exist for them"
    );
    assert!(matches!(
        assign(
            &mut conn,
            MAILER,
            &lea,
            id,
            AssignTo::User(stranger.id),
            now
        )
        .await,
        Err(AppError::BadRequest(_))
    ));
    assign(&mut conn, MAILER, &lea, id, AssignTo::User(ben.id), now)
        .await
        .expect("give");
    assert_eq!(
        super::queues::assignee(&mut conn, id)
            .await
            .expect("assignee"),
        Some(ben.id)
    );
    assign(&mut conn, MAILER, &ben, id, AssignTo::Nobody, now)
        .await
        .expect("release");
    assert_eq!(
        super::queues::assignee(&mut conn, id)
            .await
            .expect("assignee"),
        None
    );
    assert_eq!(
        outbox_kinds(&mut conn, id).await,
        ["taken"],
        "the customer hears once that their request is being handled"
    );
    move_to(&mut conn, id, Status::Resolved, now).await;
    assert!(matches!(
        assign(&mut conn, MAILER, &aino, id, AssignTo::Me, now).await,
        Err(AppError::Conflict(_))
    ));
}

#[sqlx::test(migrations = "../migrations")]
async fn templates_are_per_language_and_notifications_are_read_by_opening_the_request(
    pool: PgPool,
) {
    use crate::domain::templates::NewTemplate;
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let ben = staff(&mut conn, &o, "ben@example.fi", "Ben").await;
    for (language, title) in [(Lang::Sv, "Tack"), (Lang::Fi, "Kiitos"), (Lang::Sv, "Hej")] {
        let t = NewTemplate {
            language,
            title: title.into(),
            body: "{customer_name}".into(),
        };
        super::templates::insert(&mut conn, o.id, aino.id, &t)
            .await
            .expect("template");
    }
    let titles = |ts: Vec<crate::domain::templates::Template>| {
        ts.into_iter().map(|t| t.title).collect::<Vec<_>>()
    };
    let swedish = super::templates::list(&mut conn, o.id, Some(Lang::Sv))
        .await
        .expect("list");
    assert_eq!(titles(swedish), ["Hej", "Tack"]);
    let other = org_in(&mut conn, "muu", "MUU").await;
    assert!(
        super::templates::list(&mut conn, other.id, None)
            .await
            .expect("list")
            .is_empty()
    );

    let now = Utc::now();
    let s = submit(&mut conn, &o, cat, now).await;
    crate::requests::notes::add_note(&mut conn, &ben, s.id, "@aino katso", now)
        .await
        .expect("note");
    sqlx::query!(
        "INSERT INTO notifications (organisation_id, request_id, kind) VALUES ($1, $2, 'hurry_up')",
        o.id,
        s.id
    )
    .execute(&mut *conn)
    .await
    .expect("hurry");
    let for_aino = super::notifications::unread(&mut conn, o.id, aino.id, 20)
        .await
        .expect("unread");
    assert_eq!(
        for_aino
            .iter()
            .map(|n| (n.kind.as_str(), n.actor.as_deref()))
            .collect::<Vec<_>>(),
        [("hurry_up", None), ("mention", Some("Ben"))]
    );
    let for_ben = super::notifications::unread(&mut conn, o.id, ben.id, 20)
        .await
        .expect("unread");
    assert_eq!(
        for_ben.len(),
        1,
        "the organisation's hurry-up, not Aino's mention"
    );
    super::notifications::read_request(&mut conn, o.id, aino.id, s.id, now)
        .await
        .expect("read");
    assert!(
        super::notifications::unread(&mut conn, o.id, aino.id, 20)
            .await
            .expect("unread")
            .is_empty()
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_call_makes_a_request_or_joins_one_and_is_counted(pool: PgPool) {
    use crate::domain::phone::{CallInput, Outcome};
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let now = Utc::now();
    let call = |outcome: Outcome, email: &str, existing: &str| {
        CallInput {
            existing: existing.into(),
            caller: "Matti".into(),
            email: email.into(),
            language: "fi".into(),
            topic: "Kortti".into(),
            summary: "Neuvoin.".into(),
            duration: "4:30".into(),
            outcome: outcome.code().into(),
            ..Default::default()
        }
        .parse(&[cat])
        .expect("valid")
    };
    // Answered on the phone, no address: resolved, kept, nothing e-mailed.
    let resolved = crate::requests::phone::log_call(
        &mut conn,
        MAILER,
        &aino,
        &call(Outcome::Resolved, "", ""),
        now,
    )
    .await
    .expect("log")
    .expect("request");
    // Left to the queue, with an address: new, free, acknowledged.
    let with_address = call(Outcome::Queued, "matti@example.fi", "");
    let queued = crate::requests::phone::log_call(&mut conn, MAILER, &aino, &with_address, now)
        .await
        .expect("log")
        .expect("request");
    let row = |id: i64| {
        sqlx::query_as::<_, (String, String, Option<i64>)>(
            "SELECT channel, status, assignee_id FROM service_requests WHERE id = $1",
        )
        .bind(id)
    };
    let r = row(resolved).fetch_one(&mut *conn).await.expect("row");
    assert_eq!(r, ("phone".into(), "resolved".into(), Some(aino.id)));
    assert!(outbox_kinds(&mut conn, resolved).await.is_empty());
    let q = row(queued).fetch_one(&mut *conn).await.expect("row");
    assert_eq!(q, ("phone".into(), "new".into(), None));
    assert_eq!(outbox_kinds(&mut conn, queued).await, ["acknowledgement"]);

    let number: String = sqlx::query_scalar("SELECT number FROM service_requests WHERE id = $1")
        .bind(queued)
        .fetch_one(&mut *conn)
        .await
        .expect("number");
    let again = crate::requests::phone::log_call(
        &mut conn,
        MAILER,
        &aino,
        &call(Outcome::FollowUp, "", &number),
        now,
    )
    .await
    .expect("log");
    assert_eq!(again, Ok(queued), "added to the request it names");
    let q = row(queued).fetch_one(&mut *conn).await.expect("row");
    assert_eq!(q, ("phone".into(), "in_progress".into(), Some(aino.id)));
    let calls = requests::timeline(&mut conn, queued, false)
        .await
        .expect("timeline")
        .into_iter()
        .filter(|e| e.kind == EventKind::PhoneCall)
        .count();
    assert_eq!(calls, 2);
    assert!(
        requests::timeline(&mut conn, queued, true)
            .await
            .expect("timeline")
            .iter()
            .all(|e| e.kind != EventKind::PhoneCall),
        "calls are staff notes"
    );
    let other = org_in(&mut conn, "muu", "MUU").await;
    let stranger = staff(&mut conn, &other, "x@example.fi", "X").await;
    let elsewhere = crate::requests::phone::log_call(
        &mut conn,
        MAILER,
        &stranger,
        &call(Outcome::FollowUp, "", &number),
        now,
    )
    .await
    .expect("log");
    assert_eq!(
        elsewhere.expect_err("unknown").get("existing"),
        Some("number_unknown"),
        "another organisation's number is unknown"
    );
    let since = now - Duration::minutes(1);
    assert_eq!(
        super::phone::count_since(&mut conn, o.id, since)
            .await
            .expect("count"),
        3
    );
    assert_eq!(
        super::phone::count_since(&mut conn, other.id, since)
            .await
            .expect("count"),
        0
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn the_board_shows_each_advisors_load_and_moves_work_within_the_organisation(pool: PgPool) {
    use crate::domain::queues::AssignTo;
    use crate::requests::assignment::assign;
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    policy(&mut conn, &o, 8).await;
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let lea = lead(&mut conn, &o, "lea@example.fi").await;
    let start = helsinki(3, 9, 0);
    let mut ids = Vec::new();
    for i in 0..3 {
        let id = submit(&mut conn, &o, cat, start + Duration::minutes(i))
            .await
            .id;
        assign(&mut conn, MAILER, &aino, id, AssignTo::Me, start)
            .await
            .expect("take");
        ids.push(id);
    }
    let free = submit(&mut conn, &o, cat, start).await.id;
    sqlx::query("UPDATE service_requests SET sla_breached_at = $2 WHERE id = $1")
        .bind(ids[0])
        .bind(start)
        .execute(&mut *conn)
        .await
        .expect("breach");
    let loads = super::board::loads(&mut conn, o.id).await.expect("loads");
    let of = |name: &str| {
        loads
            .iter()
            .find(|l| l.name == name)
            .map(|l| (l.open, l.breached))
    };
    assert_eq!(of("Aino"), Some((3, 1)));
    assert_eq!(of("Lea Lead"), Some((0, 0)));
    let untouched = super::board::untouched(&mut conn, o.id, start + Duration::hours(30), 50)
        .await
        .expect("untouched");
    assert_eq!(untouched.len(), 4);
    assert!(
        super::board::untouched(&mut conn, o.id, start - Duration::hours(1), 50)
            .await
            .expect("untouched")
            .is_empty()
    );
    let other = org_in(&mut conn, "muu", "MUU").await;
    let stranger = staff(&mut conn, &other, "x@example.fi", "X").await;
    let moved =
        super::board::move_work(&mut conn, o.id, (aino.id, stranger.id), lea.id, 500, start)
            .await
            .expect("move");
    assert_eq!(moved, 0, "never to someone outside the organisation");
    let moved = super::board::move_work(&mut conn, o.id, (aino.id, lea.id), lea.id, 2, start)
        .await
        .expect("move");
    assert_eq!(moved, 2, "at most the limit, most urgent first");
    assert_eq!(
        super::queues::assignee(&mut conn, ids[0])
            .await
            .expect("assignee"),
        Some(lea.id)
    );
    assert_eq!(
        super::queues::assignee(&mut conn, ids[2])
            .await
            .expect("assignee"),
        Some(aino.id)
    );
    assert_eq!(
        super::queues::assignee(&mut conn, free)
            .await
            .expect("assignee"),
        None
    );
    let logged = requests::timeline(&mut conn, ids[0], false)
        .await
        .expect("timeline")
        .into_iter()
        .filter(|e| e.kind == EventKind::Assigned)
        .count();
    assert_eq!(logged, 2, "taken, then moved");
}

fn member(
    email: &str,
    role: &str,
    skills: crate::domain::people::Skills,
    capacity: i32,
) -> crate::domain::people::Member {
    crate::domain::people::Member {
        email: email.into(),
        display_name: "Someone New".into(),
        role: role.into(),
        skills,
        capacity,
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn take_next_passes_over_work_outside_the_advisors_skills_and_stops_at_capacity(
    pool: PgPool,
) {
    use crate::domain::people::Skills;
    use crate::queues::types::View;
    use crate::requests::assignment::{Next, take_next};
    let (o, permits) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let parking = orgs::insert_category(&mut conn, o.id, None, &o.name, 1)
        .await
        .expect("category");
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let now = Utc::now();
    // A Swedish request about permits.
    let id = submit(&mut conn, &o, permits, now).await.id;
    let skills = |languages: Vec<Lang>, category_ids: Vec<i64>, capacity: i32| {
        member(
            "aino@example.fi",
            "advisor",
            Skills {
                languages,
                category_ids,
            },
            capacity,
        )
    };
    for (who, expected) in [
        (skills(vec![Lang::Fi], vec![], 5), Next::Nothing),
        (skills(vec![], vec![parking], 5), Next::Nothing),
        (
            skills(vec![Lang::Sv, Lang::Fi], vec![permits], 5),
            Next::Took(id),
        ),
    ] {
        super::people::save_member(&mut conn, o.id, &who)
            .await
            .expect("save");
        let next = take_next(&mut conn, MAILER, &aino, View::All, now)
            .await
            .expect("take");
        assert_eq!(next, expected, "{:?}", who.skills);
    }
    submit(&mut conn, &o, permits, now).await;
    super::people::save_member(&mut conn, o.id, &skills(vec![], vec![], 1))
        .await
        .expect("save");
    assert_eq!(
        take_next(&mut conn, MAILER, &aino, View::All, now)
            .await
            .expect("take"),
        Next::Full,
        "one request in hand fills a capacity of one"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_member_of_two_organisations_works_in_one_per_session_and_removal_ends_it(pool: PgPool) {
    use crate::domain::people::Skills;
    use crate::queues::types::View;
    use crate::requests::assignment::{Next, take_next};
    let (home, _) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let other = org_in(&mut conn, "muu", "MUU").await;
    let other_cat = orgs::insert_category(&mut conn, other.id, None, &other.name, 0)
        .await
        .expect("category");
    let aino = staff(&mut conn, &home, "aino@example.fi", "Aino").await;
    let saved = super::people::save_member(
        &mut conn,
        other.id,
        &member("AINO@example.fi", "admin", Skills::default(), 10),
    )
    .await
    .expect("save");
    assert_eq!(
        saved,
        super::people::Saved::Existing(aino.id),
        "an existing account joins, matched case-insensitively"
    );
    let now = Utc::now();
    let expires = now + Duration::hours(1);
    assert!(
        super::users::create_session(&mut conn, b"one", aino.id, expires)
            .await
            .expect("session")
    );
    let me = super::users::session_user(&mut conn, b"one", now)
        .await
        .expect("user")
        .expect("live");
    assert_eq!((me.organisation_id, me.role.as_str()), (home.id, "advisor"));
    assert_eq!(me.admin_of, vec![other.id]);
    assert!(
        super::users::switch_session(&mut conn, b"one", other.id)
            .await
            .expect("switch")
    );
    let me = super::users::session_user(&mut conn, b"one", now)
        .await
        .expect("user")
        .expect("live");
    assert_eq!((me.organisation_id, me.role.as_str()), (other.id, "admin"));
    let stranger = org_in(&mut conn, "vieras", "VRS").await;
    assert!(
        !super::users::switch_session(&mut conn, b"one", stranger.id)
            .await
            .expect("switch"),
        "nobody switches into an organisation they do not belong to"
    );
    // A second session starts where the person last worked.
    super::users::create_session(&mut conn, b"two", aino.id, expires)
        .await
        .expect("session");
    let two = super::users::session_user(&mut conn, b"two", now)
        .await
        .expect("user")
        .expect("live");
    assert_eq!(two.organisation_id, other.id);
    let id = submit(&mut conn, &other, other_cat, now).await.id;
    assert_eq!(
        take_next(&mut conn, MAILER, &me, View::All, now)
            .await
            .expect("take"),
        Next::Took(id)
    );
    let members = super::people::members(&mut conn, other.id)
        .await
        .expect("members");
    assert_eq!(
        members
            .iter()
            .map(|m| (m.user_id, m.open, m.capacity))
            .collect::<Vec<_>>(),
        vec![(aino.id, 1, 10)]
    );
    let boss = staff(&mut conn, &other, "boss@example.fi", "Boss").await;
    assert!(
        super::people::remove_member(&mut conn, other.id, aino.id, boss.id, now)
            .await
            .expect("remove")
    );
    assert!(
        super::users::session_user(&mut conn, b"one", now)
            .await
            .expect("user")
            .is_none(),
        "sessions working in the organisation end with the membership"
    );
    assert_eq!(
        super::queues::assignee(&mut conn, id)
            .await
            .expect("assignee"),
        None,
        "their work goes back to the queue"
    );
    let timeline = requests::timeline(&mut conn, id, false)
        .await
        .expect("timeline");
    assert_eq!(
        timeline.last().map(|e| e.kind),
        Some(EventKind::Assigned),
        "the release is on the request's timeline"
    );
    assert!(
        super::users::create_session(&mut conn, b"three", aino.id, expires)
            .await
            .expect("session"),
        "they still work in their other organisation"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_reset_link_works_once_before_it_expires_and_ends_every_session(pool: PgPool) {
    let (o, _) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let now = Utc::now();
    let later = now + Duration::hours(1);
    assert_eq!(
        super::users::create_reset(&mut conn, "nobody@example.fi", b"x", later)
            .await
            .expect("reset"),
        None
    );
    for token in [b"live".as_slice(), b"spare", b"old"] {
        let expires = if token == b"old" {
            now - Duration::minutes(1)
        } else {
            later
        };
        super::users::create_reset(&mut conn, "Aino@Example.fi", token, expires)
            .await
            .expect("reset")
            .expect("account");
    }
    assert_eq!(
        super::users::recent_resets(&mut conn, "aino@example.fi", now - Duration::hours(1))
            .await
            .expect("count"),
        3
    );
    assert!(
        super::users::use_reset(&mut conn, b"old", "h", now)
            .await
            .expect("use")
            .is_none(),
        "an expired link is refused"
    );
    super::users::create_session(&mut conn, b"s", aino.id, later)
        .await
        .expect("session");
    assert_eq!(
        super::users::use_reset(&mut conn, b"live", "new-hash", now)
            .await
            .expect("use"),
        Some(aino.id)
    );
    assert_eq!(
        super::users::session_count(&mut conn, aino.id, now)
            .await
            .expect("count"),
        0,
        "a new password ends every session"
    );
    for token in [b"live".as_slice(), b"spare"] {
        assert!(
            !super::users::reset_is_live(&mut conn, token, now)
                .await
                .expect("live"),
            "the used link and every other one are spent"
        );
    }
    let creds = super::users::credentials(&mut conn, "aino@example.fi")
        .await
        .expect("creds")
        .expect("account");
    assert_eq!(creds.password_hash, "new-hash");
}

#[sqlx::test(migrations = "../migrations")]
async fn waiting_for_a_supplier_notes_who_and_their_reference_for_staff_only(pool: PgPool) {
    use crate::domain::request_actions::SupplierInput;
    use crate::error::AppError;
    use crate::requests::actions::wait_for_supplier;
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let now = Utc::now();
    let id = submit(&mut conn, &o, cat, now).await.id;
    let wait = SupplierInput {
        supplier: "Kortti Oy".into(),
        reference: "KO-991".into(),
        supplier_note: "Kortin uusinta".into(),
    }
    .parse()
    .expect("valid");
    assert!(
        matches!(
            wait_for_supplier(&mut conn, MAILER, &aino, id, &wait, now).await,
            Err(AppError::Conflict(_))
        ),
        "an information request does not wait for a supplier"
    );
    sqlx::query("UPDATE service_requests SET request_type = 'action_request' WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await
        .expect("retype");
    wait_for_supplier(&mut conn, MAILER, &aino, id, &wait, now)
        .await
        .expect("wait");
    let detail = requests::detail(&mut conn, o.id, id)
        .await
        .expect("detail")
        .expect("exists");
    assert_eq!(detail.status, Status::WaitingForSupplier);
    assert_eq!(
        detail.supplier,
        Some(("Kortti Oy".to_string(), Some("KO-991".to_string())))
    );
    let supplier_entry = detail
        .timeline
        .iter()
        .find(|e| e.kind == EventKind::Supplier)
        .expect("a supplier entry");
    assert_eq!(supplier_entry.body.as_deref(), Some("Kortin uusinta"));
    let public = requests::timeline(&mut conn, id, true)
        .await
        .expect("timeline");
    assert!(public.iter().all(|e| e.kind != EventKind::Supplier));
    assert!(
        public
            .iter()
            .any(|e| e.to_status == Some(Status::WaitingForSupplier)),
        "the customer sees the status"
    );
    let other = org_in(&mut conn, "muu", "MUU").await;
    let stranger = staff(&mut conn, &other, "x@example.fi", "X").await;
    assert_eq!(
        wait_for_supplier(&mut conn, MAILER, &stranger, id, &wait, now).await,
        Err(AppError::NotFound)
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_split_off_part_is_the_same_customers_new_subtask_and_hurrying_for_them_is_daily(
    pool: PgPool,
) {
    use crate::domain::links::Relation;
    use crate::domain::request_actions::SplitInput;
    use crate::requests::actions::{hurry_for_customer, split};
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let now = Utc::now();
    let first = submit(&mut conn, &o, cat, now).await;
    let part = SplitInput {
        split_subject: "Osoitteenmuutos".into(),
        split_message: "Asiakas muutti".into(),
    }
    .parse()
    .expect("valid");
    let new_id = split(&mut conn, MAILER, &aino, first.id, &part, now)
        .await
        .expect("split");
    let new = requests::detail(&mut conn, o.id, new_id)
        .await
        .expect("detail")
        .expect("exists");
    assert_eq!(
        (
            new.subject.as_str(),
            new.customer_email.as_str(),
            new.language,
            new.channel.as_str()
        ),
        ("Osoitteenmuutos", "maija@example.fi", Lang::Sv, "desk")
    );
    assert!(
        new.links
            .iter()
            .any(|l| l.relation == Relation::Parent && l.number == first.number.as_str()),
        "{:?}",
        new.links
    );
    assert_eq!(
        outbox_kinds(&mut conn, new_id).await,
        vec!["acknowledgement"],
        "the customer gets a tracking link for the new request"
    );
    let history = requests::customer_history(&mut conn, first.id, 10)
        .await
        .expect("history");
    assert_eq!(
        history
            .same_customer
            .iter()
            .map(|h| h.id)
            .collect::<Vec<_>>(),
        vec![new_id],
        "the customer panel lists their other request"
    );
    assert!(
        hurry_for_customer(&mut conn, &aino, first.id, now)
            .await
            .expect("hurry")
    );
    assert!(
        !hurry_for_customer(&mut conn, &aino, first.id, now + Duration::hours(1))
            .await
            .expect("hurry"),
        "once a day, as for the customer"
    );
    let timeline = requests::timeline(&mut conn, first.id, false)
        .await
        .expect("timeline");
    let hurry = timeline
        .iter()
        .find(|e| e.kind == EventKind::HurryUp)
        .expect("hurried");
    assert_eq!(hurry.staff_name.as_deref(), Some("Aino"));
}

/// A routing rule with no conditions that files nowhere and assigns nobody.
fn rule_for_everything(name: &str) -> crate::domain::routing::NewRule {
    crate::domain::routing::NewRule {
        name: name.into(),
        request_type: None,
        category_id: None,
        language: None,
        keywords: vec![],
        customer_org: None,
        queue_id: None,
        assign: false,
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn routing_files_a_new_request_in_its_queue_and_gives_it_by_skills_and_load(pool: PgPool) {
    use crate::domain::people::Skills;
    use crate::domain::queues::{NewQueue, QueueFilter};
    use crate::domain::routing::Facts;
    use crate::requests::routing::{move_to_queue, route_new};
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let ben = staff(&mut conn, &o, "ben@example.fi", "Ben").await;
    let swedish = Skills {
        languages: vec![Lang::Sv],
        category_ids: vec![],
    };
    super::people::save_member(
        &mut conn,
        o.id,
        &member("ben@example.fi", "advisor", swedish, 5),
    )
    .await
    .expect("skills");
    let finnish = Skills {
        languages: vec![Lang::Fi],
        category_ids: vec![],
    };
    super::people::save_member(
        &mut conn,
        o.id,
        &member("aino@example.fi", "advisor", finnish, 5),
    )
    .await
    .expect("skills");
    let queue = NewQueue {
        name: o.name.clone(),
        filter: QueueFilter::default(),
        personal: false,
        routed_only: true,
    };
    let payments = super::queues::create(&mut conn, o.id, aino.id, &queue)
        .await
        .expect("queue");
    let mut everything = rule_for_everything("Kaikki");
    let first = super::routing::insert(&mut conn, o.id, &everything)
        .await
        .expect("rule");
    everything.name = "Laskut".into();
    everything.keywords = vec!["lasku".into()];
    everything.queue_id = Some(payments);
    everything.assign = true;
    let invoices = super::routing::insert(&mut conn, o.id, &everything)
        .await
        .expect("rule");
    // The catch-all is tried first and does nothing useful; move the invoice rule before it.
    assert!(
        super::routing::move_up(&mut conn, o.id, invoices)
            .await
            .expect("move")
    );
    assert!(
        !super::routing::move_up(&mut conn, o.id, invoices)
            .await
            .expect("move"),
        "the first rule stays first"
    );
    let order: Vec<i64> = super::routing::rules(&mut conn, o.id)
        .await
        .expect("rules")
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(order, vec![invoices, first]);
    let now = Utc::now();
    let route = |subject: &'static str| Facts {
        request_type: RequestType::InformationRequest,
        category_id: Some(cat),
        language: Lang::Sv,
        subject,
        message: "Hej",
        customer_org: None,
    };
    let rules = super::routing::rules(&mut conn, o.id).await.expect("rules");
    let invoice = submit(&mut conn, &o, cat, now).await.id;
    route_new(
        &mut conn,
        (o.id, invoice),
        &rules,
        &route("Lasku kahdesti"),
        true,
        now,
    )
    .await
    .expect("route");
    assert_eq!(
        super::queues::assignee(&mut conn, invoice)
            .await
            .expect("assignee"),
        Some(ben.id),
        "the Swedish speaker gets the Swedish request"
    );
    let routed = QueueFilter {
        routed_to: Some(payments),
        ..Default::default()
    };
    let listed: Vec<i64> = super::queues::page(&mut conn, o.id, &routed, None, 50)
        .await
        .expect("page")
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(listed, vec![invoice]);
    let summaries = super::queues::summaries(&mut conn, o.id, aino.id)
        .await
        .expect("summaries");
    assert_eq!(
        summaries[0].count, 1,
        "the routed queue counts only its own"
    );
    let detail = requests::detail(&mut conn, o.id, invoice)
        .await
        .expect("detail")
        .expect("exists");
    assert_eq!(detail.queue_id, Some(payments));
    let decision = detail
        .timeline
        .iter()
        .find(|e| e.kind == EventKind::Routed)
        .expect("the decision is logged");
    assert!(decision.staff_name.is_none(), "routing is the system's");

    // Made by an advisor (a call): filed, not given to anyone.
    let call = submit(&mut conn, &o, cat, now).await.id;
    route_new(&mut conn, (o.id, call), &rules, &route("Lasku"), false, now)
        .await
        .expect("route");
    assert_eq!(
        super::queues::assignee(&mut conn, call)
            .await
            .expect("assignee"),
        None
    );
    // The catch-all matches the rest and leaves them where they are.
    let card = submit(&mut conn, &o, cat, now).await.id;
    route_new(&mut conn, (o.id, card), &rules, &route("Kortti"), true, now)
        .await
        .expect("route");
    let detail = requests::detail(&mut conn, o.id, card)
        .await
        .expect("detail")
        .expect("exists");
    assert_eq!((detail.queue_id, detail.assignee), (None, None));
    // By hand, into the queue and out again; never into another organisation's.
    assert!(
        move_to_queue(&mut conn, (o.id, aino.id), card, Some(payments), now)
            .await
            .expect("move")
    );
    let other = org_in(&mut conn, "muu", "MUU").await;
    assert!(
        !move_to_queue(&mut conn, (other.id, aino.id), card, None, now)
            .await
            .expect("move")
    );
    let moves = requests::timeline(&mut conn, card, false)
        .await
        .expect("timeline")
        .into_iter()
        .filter(|e| e.kind == EventKind::Routed)
        .count();
    assert_eq!(moves, 2, "the catch-all's decision and the move by hand");
}

#[sqlx::test(migrations = "../migrations")]
async fn an_untouched_request_reminds_its_assignee_once_until_it_moves_again(pool: PgPool) {
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let start = Utc::now() - Duration::hours(30);
    let held = submit(&mut conn, &o, cat, start).await.id;
    let free = submit(&mut conn, &o, cat, start).await.id;
    let fresh = submit(&mut conn, &o, cat, Utc::now()).await.id;
    super::queues::set_assignee(&mut conn, held, Some(aino.id), start)
        .await
        .expect("assign");
    let now = Utc::now();
    let reminded = super::notifications::remind_untouched(&mut conn, now, 100)
        .await
        .expect("remind");
    assert_eq!(reminded, 2, "the two untouched for over 24 hours");
    let mine = super::notifications::unread(&mut conn, o.id, aino.id, 20)
        .await
        .expect("unread");
    let reminders: Vec<(i64, &str)> = mine
        .iter()
        .map(|n| (n.request_id, n.kind.as_str()))
        .collect();
    assert!(reminders.contains(&(held, "reminder")), "{reminders:?}");
    assert!(
        reminders.contains(&(free, "reminder")),
        "an unassigned one reminds the organisation"
    );
    assert!(!reminders.iter().any(|(id, _)| *id == fresh));
    assert_eq!(
        super::notifications::remind_untouched(&mut conn, now, 100)
            .await
            .expect("remind"),
        0,
        "once per untouched spell"
    );
    // Moving it starts a new spell; a shorter untouched time makes it due again.
    move_to(&mut conn, held, Status::InProgress, now).await;
    sqlx::query("UPDATE organisations SET untouched_hours = 1 WHERE id = $1")
        .bind(o.id)
        .execute(&mut *conn)
        .await
        .expect("hours");
    assert_eq!(
        super::notifications::remind_untouched(&mut conn, now + Duration::hours(2), 100)
            .await
            .expect("remind"),
        2,
        "the moved one and the fresh one"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn the_board_counts_each_queues_requests_at_risk_and_past_due(pool: PgPool) {
    use crate::domain::queues::{NewQueue, QueueFilter};
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let queue = |language: Lang| NewQueue {
        name: Localized {
            fi: language.code().into(),
            sv: language.code().into(),
            en: language.code().into(),
        },
        filter: QueueFilter {
            language: Some(language),
            ..Default::default()
        },
        personal: false,
        routed_only: false,
    };
    super::queues::create(&mut conn, o.id, aino.id, &queue(Lang::Sv))
        .await
        .expect("queue");
    super::queues::create(&mut conn, o.id, aino.id, &queue(Lang::Fi))
        .await
        .expect("queue");
    let now = Utc::now();
    let mut ids = Vec::new();
    for _ in 0..3 {
        ids.push(submit(&mut conn, &o, cat, now).await.id);
    }
    sqlx::query("UPDATE service_requests SET sla_warned_at = $2 WHERE id = ANY($1)")
        .bind(&ids[..2])
        .bind(now)
        .execute(&mut *conn)
        .await
        .expect("warn");
    sqlx::query("UPDATE service_requests SET sla_breached_at = $2 WHERE id = $1")
        .bind(ids[1])
        .bind(now)
        .execute(&mut *conn)
        .await
        .expect("breach");
    let risks = super::board::queue_risks(&mut conn, o.id, 100)
        .await
        .expect("risks");
    let seen: Vec<(Option<String>, i64, i64)> = risks
        .into_iter()
        .map(|r| (r.queue.map(|q| q.fi), r.at_risk, r.breached))
        .collect();
    assert_eq!(
        seen,
        vec![
            (None, 1, 1),
            (Some("sv".into()), 1, 1),
            (Some("fi".into()), 0, 0)
        ]
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn queues_by_expected_length_follow_the_type_until_an_advisor_reclassifies(pool: PgPool) {
    use crate::domain::classification::{ClassifyInput, Length, PriorityMatrix};
    use crate::domain::people::Skills;
    use crate::domain::queues::{NewQueue, QueueFilter};
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    policy(&mut conn, &o, 8).await;
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let start = helsinki(3, 9, 0);
    let ids: Vec<i64> = a_minute_apart(&mut conn, &o, cat, start, 3)
        .await
        .into_iter()
        .map(|s| s.id)
        .collect();
    let long = ClassifyInput {
        request_type: "information_request".into(),
        urgency: "medium".into(),
        impact: "medium".into(),
        expected_length: "long".into(),
        ..Default::default()
    }
    .parse(&PriorityMatrix::default(), &[cat], &[])
    .expect("valid");
    service::reclassify(&mut conn, o.id, ids[2], &long, aino.id, start)
        .await
        .expect("reclassify")
        .expect("ours");
    let by = |length| QueueFilter {
        length: Some(length),
        ..Default::default()
    };
    for (name, length) in [("Nopeat", Length::Quick), ("Pitkät", Length::Long)] {
        let queue = NewQueue {
            routed_only: false,
            name: Localized {
                fi: name.into(),
                sv: name.into(),
                en: name.into(),
            },
            filter: by(length),
            personal: false,
        };
        super::queues::create(&mut conn, o.id, aino.id, &queue)
            .await
            .expect("queue");
    }
    let seen = super::queues::summaries(&mut conn, o.id, aino.id)
        .await
        .expect("summaries");
    assert_eq!(
        seen.iter()
            .map(|q| (q.filter.length, q.count))
            .collect::<Vec<_>>(),
        [(Some(Length::Quick), 2), (Some(Length::Long), 1)],
        "questions are quick until an advisor says otherwise"
    );
    let page = super::queues::page(&mut conn, o.id, &by(Length::Long), None, 51)
        .await
        .expect("page");
    assert_eq!(page.iter().map(|r| r.id).collect::<Vec<_>>(), [ids[2]]);
    assert_eq!(
        super::queues::count(&mut conn, o.id, &by(Length::Normal))
            .await
            .expect("count"),
        0
    );
    let taken = super::queues::take_next(
        &mut conn,
        o.id,
        aino.id,
        (&by(Length::Long), &Skills::default()),
        start,
    )
    .await
    .expect("take next");
    assert_eq!(taken, Some(ids[2]), "take next keeps to the queue's length");
    let detail = requests::detail(&mut conn, o.id, ids[2])
        .await
        .expect("detail")
        .expect("ours");
    assert_eq!(detail.service_level.length, Length::Long);
}

#[sqlx::test(migrations = "../migrations")]
async fn intake_settings_are_read_again_exactly_when_a_change_moves_the_version(pool: PgPool) {
    use crate::domain::routing::NewRule;
    use std::sync::Arc;
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    service_mailer::add_standard_forms(&mut conn, o.id, None)
        .await
        .expect("forms");
    let cache = crate::requests::intake::Cache::default();
    let now = Utc::now();
    let read = async |conn: &mut PgConnection| {
        cache
            .by_slug(conn, "testi", now)
            .await
            .expect("read")
            .expect("the organisation")
    };
    let first = read(&mut conn).await;
    assert_eq!(first.category_ids, vec![cat]);
    assert!(first.notice(Lang::Sv).is_none());
    assert!(
        Arc::ptr_eq(&first, &read(&mut conn).await),
        "nothing changed"
    );
    let ask = first
        .form(&mut conn, "ask")
        .await
        .expect("form")
        .expect("published");
    assert!(
        first
            .form(&mut conn, "no-such-form")
            .await
            .expect("form")
            .is_none()
    );

    super::privacy::publish(&mut conn, o.id, Lang::Sv, "Vi behandlar…", None)
        .await
        .expect("notice");
    let noticed = read(&mut conn).await;
    assert!(noticed.org.settings_version > first.org.settings_version);
    assert_eq!(
        noticed.notice(Lang::Sv).map(|n| n.body.as_str()),
        Some("Vi behandlar…")
    );

    super::forms::save_version(&mut conn, ask.form.id, ask.version + 1, &ask.def, None)
        .await
        .expect("version");
    let newer = read(&mut conn).await;
    let ask_now = newer
        .form(&mut conn, "ask")
        .await
        .expect("form")
        .expect("published");
    assert_eq!(
        ask_now.version,
        ask.version + 1,
        "a new form version is taken in"
    );

    let closed = now.date_naive() + Duration::days(3);
    sla::put_closure(&mut conn, o.id, closed, "Inventaario")
        .await
        .expect("closure");
    assert!(
        read(&mut conn)
            .await
            .rules
            .calendar
            .closures
            .iter()
            .any(|c| c.day == closed)
    );
    let second = orgs::insert_category(&mut conn, o.id, None, &o.name, 1)
        .await
        .expect("category");
    assert!(read(&mut conn).await.category_ids.contains(&second));

    let rule = NewRule {
        assign: true,
        ..rule_for_everything("Kaikki")
    };
    let rule_id = super::routing::insert(&mut conn, o.id, &rule)
        .await
        .expect("rule");
    let routed = read(&mut conn).await;
    assert_eq!(routed.rules.routing.len(), 1);
    let advisor = super::users::upsert(&mut conn, o.id, "a@example.fi", "A", "x", "advisor")
        .await
        .expect("user");
    super::routing::record_pick(&mut conn, rule_id, advisor)
        .await
        .expect("pick");
    assert!(
        Arc::ptr_eq(&routed, &read(&mut conn).await),
        "whom a rule last gave work to is work, not a setting"
    );
    assert_eq!(
        super::routing::last_pick_for_update(&mut conn, rule_id)
            .await
            .expect("last"),
        Some(advisor),
        "routing reads the pick afresh"
    );

    assert!(
        cache
            .by_slug(&mut conn, "nobody", now)
            .await
            .expect("read")
            .is_none()
    );
}
