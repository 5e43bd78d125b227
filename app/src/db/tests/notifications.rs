//! Reminders of untouched requests.

use crate::domain::Status;
use crate::testing::*;
use chrono::{Duration, Utc};
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn an_untouched_request_reminds_its_assignee_once_until_it_moves_again(pool: PgPool) {
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let start = Utc::now() - Duration::hours(30);
    let held = submit(&mut conn, &o, cat, start).await.id;
    let free = submit(&mut conn, &o, cat, start).await.id;
    let fresh = submit(&mut conn, &o, cat, Utc::now()).await.id;
    crate::db::queues::set_assignee(&mut conn, held, Some(aino.id), start)
        .await
        .expect("assign");
    let now = Utc::now();
    let reminded = crate::db::notifications::remind_untouched(&mut conn, now, 100)
        .await
        .expect("remind");
    assert_eq!(reminded, 2, "the two untouched for over 24 hours");
    let mine = crate::db::notifications::unread(&mut conn, o.id, aino.id, 20)
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
        crate::db::notifications::remind_untouched(&mut conn, now, 100)
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
        crate::db::notifications::remind_untouched(&mut conn, now + Duration::hours(2), 100)
            .await
            .expect("remind"),
        2,
        "the moved one and the fresh one"
    );
}
