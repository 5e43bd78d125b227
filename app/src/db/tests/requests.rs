//! The public timeline and flashes.

use crate::domain::{Lang, Status};
use crate::testing::*;
use chrono::Utc;
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn the_public_timeline_is_in_order_and_a_flash_is_read_once(pool: PgPool) {
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let s = submit(&mut conn, &o, cat, Utc::now()).await;
    let tracked = crate::requests::tracking::tracked_request(&mut conn, s.id)
        .await
        .expect("load")
        .expect("exists");
    assert_eq!(tracked.status, Status::New);
    assert_eq!(tracked.language, Lang::Sv);
    assert_eq!(tracked.timeline.len(), 1);

    let id = crate::db::flash::put(&mut conn, &serde_json::json!({"values": 1}))
        .await
        .expect("put");
    assert!(
        crate::db::flash::take(&mut conn, id)
            .await
            .expect("take")
            .is_some()
    );
    assert!(
        crate::db::flash::take(&mut conn, id)
            .await
            .expect("take again")
            .is_none()
    );
}
