//! Queue pages, saved queues, counts and search.

use crate::domain::{Lang, Localized, RequestNumber, Status};
use crate::requests::clocks as service;
use crate::testing::*;
use chrono::{Duration, TimeZone, Utc};
use sqlx::PgPool;

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
        let page = crate::db::queues::page(&mut conn, o.id, &all, after, 7)
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
    let sv = crate::db::queues::create(&mut conn, o.id, aino.id, &named("Svenska", swedish, false))
        .await
        .expect("queue");
    crate::db::queues::create(
        &mut conn,
        o.id,
        aino.id,
        &named("Kriittiset", critical, false),
    )
    .await
    .expect("queue");
    let bens = crate::db::queues::create(
        &mut conn,
        o.id,
        ben.id,
        &named("Ben", Default::default(), true),
    )
    .await
    .expect("queue");
    let seen = crate::db::queues::summaries(&mut conn, o.id, aino.id)
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
        crate::db::queues::filter(&mut conn, o.id, aino.id, bens)
            .await
            .expect("filter"),
        None
    );
    assert!(
        !crate::db::queues::delete(&mut conn, o.id, aino.id, false, sv)
            .await
            .expect("delete")
    );
    assert!(
        !crate::db::queues::delete(&mut conn, o.id, aino.id, true, bens)
            .await
            .expect("delete")
    );
    assert!(
        crate::db::queues::delete(&mut conn, o.id, ben.id, false, bens)
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
        crate::db::queues::create(&mut conn, o.id, aino.id, &queue)
            .await
            .expect("queue");
    }
    let seen = crate::db::queues::summaries(&mut conn, o.id, aino.id)
        .await
        .expect("summaries");
    assert_eq!(
        seen.iter()
            .map(|q| (q.filter.length, q.count))
            .collect::<Vec<_>>(),
        [(Some(Length::Quick), 2), (Some(Length::Long), 1)],
        "questions are quick until an advisor says otherwise"
    );
    let page = crate::db::queues::page(&mut conn, o.id, &by(Length::Long), None, 51)
        .await
        .expect("page");
    assert_eq!(page.iter().map(|r| r.id).collect::<Vec<_>>(), [ids[2]]);
    assert_eq!(
        crate::db::queues::count(&mut conn, o.id, &by(Length::Normal))
            .await
            .expect("count"),
        0
    );
    let taken = crate::db::queues::take_next(
        &mut conn,
        o.id,
        aino.id,
        (&by(Length::Long), &Skills::default()),
        start,
    )
    .await
    .expect("take next");
    assert_eq!(taken, Some(ids[2]), "take next keeps to the queue's length");
    let detail = crate::requests::view::request_detail(&mut conn, o.id, ids[2])
        .await
        .expect("detail")
        .expect("ours");
    assert_eq!(detail.service_level.length, Length::Long);
}
