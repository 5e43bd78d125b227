//! Archiving by type and legal holds.

use crate::domain::Status;
use crate::domain::classification::RequestType;
use crate::testing::*;
use chrono::Duration;
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn finished_requests_are_archived_by_their_types_rule_unless_on_legal_hold(pool: PgPool) {
    use crate::domain::retention::{Disposal, Rule};
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let lead = crate::db::users::upsert(&mut conn, o.id, "c@example.fi", "C", "x", "supervisor")
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
    crate::db::retention::save_rules(&mut conn, o.id, &rules)
        .await
        .expect("rules");
    assert_eq!(
        crate::db::retention::rules(&mut conn, o.id)
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
        crate::db::retention::set_hold(
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
        crate::db::retention::archive_due(&mut conn, soon)
            .await
            .expect("archive"),
        0
    );
    let later = finished + Duration::days(31);
    assert_eq!(
        crate::db::retention::archive_due(&mut conn, later)
            .await
            .expect("archive"),
        1
    );
    assert_eq!(status(old.id).await, "archived");
    assert_eq!(status(held.id).await, "resolved", "a legal hold keeps it");
    assert_eq!(status(open.id).await, "new", "unfinished work stays");
    let events = crate::db::events::timeline(&mut conn, old.id, false)
        .await
        .expect("timeline");
    assert!(
        events
            .iter()
            .any(|e| e.to_status == Some(Status::Archived) && e.by_system)
    );
}
