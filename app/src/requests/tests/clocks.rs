//! SLA clocks: pausing, the timer, reclassification.

use crate::db::sla;
use crate::domain::Status;
use crate::domain::sla::{PolicyMatch, Targets};
use crate::domain::views::EventKind;
use crate::requests::clocks as service;
use crate::testing::*;
use chrono::Utc;
use sqlx::PgPool;

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
    let advisor = crate::db::users::upsert(&mut conn, o.id, "a@example.fi", "A", "x", "advisor")
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
    let events = crate::db::events::timeline(&mut conn, s.id, false)
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
        crate::db::events::timeline(&mut conn, s.id, true)
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
