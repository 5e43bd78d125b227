//! Completing a work order.

use crate::domain::Status;
use crate::requests::work_orders;
use crate::testing::*;
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn completing_a_work_order_resolves_each_request_in_its_customers_language(pool: PgPool) {
    use crate::domain::work_order::ResolutionInput;
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let advisor = crate::db::users::upsert(&mut conn, o.id, "d@example.fi", "D", "x", "advisor")
        .await
        .expect("user");
    let at = helsinki(23, 9, 0);
    let wo = crate::db::work_orders::create(&mut conn, o.id, "Vesikatko Kalliossa", advisor, at)
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
            crate::db::work_orders::join(&mut conn, o.id, s.id, wo)
                .await
                .expect("join")
        );
        ids.push(s.id);
    }
    let finished = submit(&mut conn, &o, cat, at).await;
    assert!(
        crate::db::work_orders::join(&mut conn, o.id, finished.id, wo)
            .await
            .expect("join")
    );
    move_to(&mut conn, finished.id, Status::Cancelled, at).await;
    assert!(
        !crate::db::work_orders::join(&mut conn, o.id + 1, ids[0], wo)
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
        let t = crate::requests::tracking::tracked_request(&mut conn, *id)
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
