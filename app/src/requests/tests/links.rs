//! Linking and merging.

use crate::domain::Status;
use crate::domain::views::EventKind;
use crate::requests::links;
use crate::testing::*;
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn requests_of_one_customer_are_linked_and_a_duplicate_merges_keeping_both_histories(
    pool: PgPool,
) {
    use crate::domain::links::{LinkChoice, Relation};
    use links::LinkOutcome;
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let advisor = crate::db::users::upsert(&mut conn, o.id, "b@example.fi", "B", "x", "advisor")
        .await
        .expect("user");
    let first = submit(&mut conn, &o, cat, helsinki(23, 9, 0)).await;
    let second = submit(&mut conn, &o, cat, helsinki(23, 10, 0)).await;
    let seen = crate::db::links::linked(&mut conn, o.id, first.id)
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
    let kept = crate::db::links::linked(&mut conn, o.id, first.id)
        .await
        .expect("links");
    let relations: Vec<Relation> = kept.iter().map(|l| l.relation).collect();
    assert!(relations.contains(&Relation::Child));
    assert!(relations.contains(&Relation::DuplicateHere));
    let dup = crate::requests::tracking::tracked_request(&mut conn, second.id)
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
