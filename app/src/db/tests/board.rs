//! The supervisor board's counts and moving work.

use crate::domain::views::EventKind;
use crate::domain::{Lang, Localized};
use crate::testing::*;
use chrono::{Duration, Utc};
use sqlx::PgPool;

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
    let loads = crate::db::board::loads(&mut conn, o.id)
        .await
        .expect("loads");
    let of = |name: &str| {
        loads
            .iter()
            .find(|l| l.name == name)
            .map(|l| (l.open, l.breached))
    };
    assert_eq!(of("Aino"), Some((3, 1)));
    assert_eq!(of("Lea Lead"), Some((0, 0)));
    let untouched = crate::db::board::untouched(&mut conn, o.id, start + Duration::hours(30), 50)
        .await
        .expect("untouched");
    assert_eq!(untouched.len(), 4);
    assert!(
        crate::db::board::untouched(&mut conn, o.id, start - Duration::hours(1), 50)
            .await
            .expect("untouched")
            .is_empty()
    );
    let other = org_in(&mut conn, "muu", "MUU").await;
    let stranger = staff(&mut conn, &other, "x@example.fi", "X").await;
    let moved =
        crate::db::board::move_work(&mut conn, o.id, (aino.id, stranger.id), lea.id, 500, start)
            .await
            .expect("move");
    assert_eq!(moved, 0, "never to someone outside the organisation");
    let moved = crate::db::board::move_work(&mut conn, o.id, (aino.id, lea.id), lea.id, 2, start)
        .await
        .expect("move");
    assert_eq!(moved, 2, "at most the limit, most urgent first");
    assert_eq!(
        crate::db::queues::assignee(&mut conn, ids[0])
            .await
            .expect("assignee"),
        Some(lea.id)
    );
    assert_eq!(
        crate::db::queues::assignee(&mut conn, ids[2])
            .await
            .expect("assignee"),
        Some(aino.id)
    );
    assert_eq!(
        crate::db::queues::assignee(&mut conn, free)
            .await
            .expect("assignee"),
        None
    );
    let logged = crate::db::events::timeline(&mut conn, ids[0], false)
        .await
        .expect("timeline")
        .into_iter()
        .filter(|e| e.kind == EventKind::Assigned)
        .count();
    assert_eq!(logged, 2, "taken, then moved");
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
    crate::db::queues::create(&mut conn, o.id, aino.id, &queue(Lang::Sv))
        .await
        .expect("queue");
    crate::db::queues::create(&mut conn, o.id, aino.id, &queue(Lang::Fi))
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
    let risks = crate::db::board::queue_risks(&mut conn, o.id, 100)
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
