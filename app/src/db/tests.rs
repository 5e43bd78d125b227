//! Database tests: each gets its own fresh Postgres database with the migrations applied.

use super::{bulk, orgs, requests};
use crate::domain::{Lang, Localized, NewRequest, RequestNumber, Status};
use chrono::{Duration, TimeZone, Utc};
use sqlx::PgPool;

async fn org(pool: &PgPool) -> (orgs::Organisation, i64) {
    let mut conn = pool.acquire().await.expect("conn");
    let name = Localized {
        fi: "Testi".into(),
        sv: "Test".into(),
        en: "Test".into(),
    };
    orgs::insert(&mut conn, "testi", "TST", &name, "/privacy")
        .await
        .expect("org");
    let o = orgs::find_by_slug(&mut conn, "testi")
        .await
        .expect("find")
        .expect("exists");
    let cat = orgs::insert_category(&mut conn, o.id, &name, 0)
        .await
        .expect("category");
    (o, cat)
}

fn request(category_id: i64) -> NewRequest {
    NewRequest {
        name: "Maija".into(),
        email: "maija@example.fi".into(),
        language: Lang::Sv,
        category_id,
        subject: "Aihe".into(),
        message: "Viesti".into(),
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn concurrent_submissions_get_distinct_consecutive_numbers(pool: PgPool) {
    let (o, cat) = org(&pool).await;
    let tasks = (0..20).map(|_| {
        let (pool, o) = (pool.clone(), o.clone());
        tokio::spawn(async move {
            let mut tx = pool.begin().await.expect("tx");
            let s = requests::insert_web(&mut tx, &o, &request(cat), Utc::now(), 2026, 1)
                .await
                .expect("insert");
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
        .map(|n| RequestNumber::new("TST", 2026, n))
        .collect();
    assert_eq!(numbers, expected);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_queue_pages_through_every_active_request_once_oldest_first(pool: PgPool) {
    let (o, cat) = org(&pool).await;
    let start = Utc
        .with_ymd_and_hms(2026, 1, 1, 8, 0, 0)
        .single()
        .expect("time");
    let mut conn = pool.acquire().await.expect("conn");
    for i in 0..25 {
        // Pairs share a timestamp so the id must break ties.
        let at = start + Duration::minutes(i / 2);
        let s = requests::insert_web(&mut conn, &o, &request(cat), at, 2026, 1)
            .await
            .expect("insert");
        if i % 5 == 4 {
            let key = requests::tracking_key(&mut conn, s.id, false)
                .await
                .expect("key")
                .expect("exists");
            let ev = crate::domain::views::EventKind::Reply;
            requests::add_message(
                &mut conn,
                &key,
                ev,
                None,
                "done",
                Status::Resolved,
                "desk",
                at,
            )
            .await
            .expect("resolve");
        }
    }
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = requests::queue_page(&mut conn, o.id, after, 7)
            .await
            .expect("page");
        if page.is_empty() {
            break;
        }
        after = page.last().map(|r| (r.created_at, r.id));
        seen.extend(page);
    }
    assert_eq!(seen.len(), 20, "resolved requests leave the queue");
    assert!(
        seen.windows(2)
            .all(|w| (w[0].created_at, w[0].id) < (w[1].created_at, w[1].id))
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn the_queue_query_is_served_by_its_index(pool: PgPool) {
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
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
    }
    bulk::insert_requests(&mut conn, &batch)
        .await
        .expect("bulk");
    sqlx::query("ANALYZE service_requests")
        .execute(&mut *conn)
        .await
        .expect("analyze");
    let plan: Vec<String> = sqlx::query_scalar(
        "EXPLAIN SELECT id, number, subject, customer_name, status, language, created_at
         FROM service_requests
         WHERE organisation_id = $1 AND status NOT IN ('resolved', 'closed')
           AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::bigint))
         ORDER BY created_at, id LIMIT 51",
    )
    .bind(o.id)
    .bind(Some(Utc::now() - Duration::days(3)))
    .bind(Some(0i64))
    .fetch_all(&mut *conn)
    .await
    .expect("explain");
    let plan = plan.join("\n");
    assert!(plan.contains("service_requests_queue"), "{plan}");
    assert!(!plan.contains("Sort"), "no sort at read time: {plan}");
}

#[sqlx::test(migrations = "../migrations")]
async fn the_public_timeline_is_in_order_and_a_flash_is_read_once(pool: PgPool) {
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let s = requests::insert_web(&mut conn, &o, &request(cat), Utc::now(), 2026, 9)
        .await
        .expect("insert");
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
