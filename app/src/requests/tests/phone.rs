//! Phone calls.

use crate::domain::views::EventKind;
use crate::testing::*;
use chrono::{Duration, Utc};
use sqlx::PgPool;

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
    let calls = crate::db::events::timeline(&mut conn, queued, false)
        .await
        .expect("timeline")
        .into_iter()
        .filter(|e| e.kind == EventKind::PhoneCall)
        .count();
    assert_eq!(calls, 2);
    assert!(
        crate::db::events::timeline(&mut conn, queued, true)
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
        crate::db::phone::count_since(&mut conn, o.id, since)
            .await
            .expect("count"),
        3
    );
    assert_eq!(
        crate::db::phone::count_since(&mut conn, other.id, since)
            .await
            .expect("count"),
        0
    );
}
