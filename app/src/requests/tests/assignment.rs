//! Taking, releasing, giving and "take next".

use crate::db::{orgs, requests};
use crate::domain::views::EventKind;
use crate::domain::{Lang, Status};
use crate::testing::*;
use chrono::{Duration, Utc};
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn take_next_gives_each_advisor_the_most_urgent_free_request_and_starts_it(pool: PgPool) {
    use crate::domain::queues::QueueFilter;
    use crate::domain::queues::View;
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    policy(&mut conn, &o, 8).await;
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let ben = staff(&mut conn, &o, "ben@example.fi", "Ben").await;
    let start = helsinki(3, 9, 0);
    let ids: Vec<i64> = a_minute_apart(&mut conn, &o, cat, start, 3)
        .await
        .into_iter()
        .map(|s| s.id)
        .collect();
    // The soonest due waits for the customer: nothing to do about it now.
    move_to(&mut conn, ids[0], Status::WaitingForCustomer, start).await;
    let now = start + Duration::hours(1);
    let first = crate::requests::assignment::take_next(&mut conn, MAILER, &aino, View::All, now)
        .await
        .expect("take");
    let second = crate::requests::assignment::take_next(&mut conn, MAILER, &ben, View::All, now)
        .await
        .expect("take");
    let none = crate::requests::assignment::take_next(&mut conn, MAILER, &aino, View::All, now)
        .await
        .expect("take");
    use crate::requests::assignment::Next;
    assert_eq!(
        (first, second, none),
        (Next::Took(ids[1]), Next::Took(ids[2]), Next::Nothing)
    );
    let key = requests::tracking_key(&mut conn, ids[1], false)
        .await
        .expect("key")
        .expect("exists");
    assert_eq!(
        key.status,
        Status::InProgress,
        "taking a new request starts it"
    );
    assert_eq!(outbox_kinds(&mut conn, ids[1]).await, ["taken"]);
    let timeline = crate::db::events::timeline(&mut conn, ids[1], false)
        .await
        .expect("timeline");
    let assigned = timeline
        .iter()
        .find(|e| e.kind == EventKind::Assigned)
        .expect("assigned event");
    assert_eq!(
        assigned.detail,
        Some(crate::domain::views::EventDetail::Assigned {
            to: Some("Aino".into())
        })
    );
    let public = crate::db::events::timeline(&mut conn, ids[1], true)
        .await
        .expect("timeline");
    assert!(
        public.iter().all(|e| e.kind != EventKind::Assigned),
        "staff only"
    );

    let mine = crate::db::queues::mine(&mut conn, (o.id, aino.id), None, 51)
        .await
        .expect("mine");
    assert_eq!(mine.iter().map(|r| r.id).collect::<Vec<_>>(), [ids[1]]);
    assert_eq!(mine[0].assignee.as_deref(), Some("Aino"));
    let free = QueueFilter {
        unassigned_only: true,
        ..Default::default()
    };
    let unassigned = crate::db::queues::page(&mut conn, o.id, &free, None, 51)
        .await
        .expect("page");
    assert_eq!(
        unassigned.iter().map(|r| r.id).collect::<Vec<_>>(),
        [ids[0]]
    );
    assert_eq!(
        crate::db::queues::builtin_counts(&mut conn, o.id, aino.id)
            .await
            .expect("counts"),
        (3, 1)
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn advisors_take_free_work_and_only_leads_move_requests_between_colleagues(pool: PgPool) {
    use crate::domain::queues::AssignTo;
    use crate::error::AppError;
    use crate::requests::assignment::assign;
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let ben = staff(&mut conn, &o, "ben@example.fi", "Ben").await;
    let lea = lead(&mut conn, &o, "lea@example.fi").await;
    let other = org_in(&mut conn, "muu", "MUU").await;
    let stranger = staff(&mut conn, &other, "x@example.fi", "X").await;
    let now = Utc::now();
    let id = submit(&mut conn, &o, cat, now).await.id;
    assign(&mut conn, MAILER, &aino, id, AssignTo::Me, now)
        .await
        .expect("take");
    assert_eq!(
        crate::db::queues::assignee(&mut conn, id)
            .await
            .expect("assignee"),
        Some(aino.id)
    );
    assert_eq!(
        assign(&mut conn, MAILER, &ben, id, AssignTo::Me, now).await,
        Err(AppError::Forbidden),
        "an advisor does not take a colleague's request"
    );
    assert_eq!(
        assign(&mut conn, MAILER, &ben, id, AssignTo::Nobody, now).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        assign(&mut conn, MAILER, &stranger, id, AssignTo::Me, now).await,
        Err(AppError::NotFound),
        "another organisation's request does not exist for them"
    );
    assert!(matches!(
        assign(
            &mut conn,
            MAILER,
            &lea,
            id,
            AssignTo::User(stranger.id),
            now
        )
        .await,
        Err(AppError::BadRequest(_))
    ));
    assign(&mut conn, MAILER, &lea, id, AssignTo::User(ben.id), now)
        .await
        .expect("give");
    assert_eq!(
        crate::db::queues::assignee(&mut conn, id)
            .await
            .expect("assignee"),
        Some(ben.id)
    );
    assign(&mut conn, MAILER, &ben, id, AssignTo::Nobody, now)
        .await
        .expect("release");
    assert_eq!(
        crate::db::queues::assignee(&mut conn, id)
            .await
            .expect("assignee"),
        None
    );
    assert_eq!(
        outbox_kinds(&mut conn, id).await,
        ["taken"],
        "the customer hears once that their request is being handled"
    );
    move_to(&mut conn, id, Status::Resolved, now).await;
    assert!(matches!(
        assign(&mut conn, MAILER, &aino, id, AssignTo::Me, now).await,
        Err(AppError::Conflict(_))
    ));
}

#[sqlx::test(migrations = "../migrations")]
async fn take_next_passes_over_work_outside_the_advisors_skills_and_stops_at_capacity(
    pool: PgPool,
) {
    use crate::domain::people::Skills;
    use crate::domain::queues::View;
    use crate::requests::assignment::{Next, take_next};
    let (o, permits) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let parking = orgs::insert_category(&mut conn, o.id, None, &o.name, 1)
        .await
        .expect("category");
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let now = Utc::now();
    // A Swedish request about permits.
    let id = submit(&mut conn, &o, permits, now).await.id;
    let skills = |languages: Vec<Lang>, category_ids: Vec<i64>, capacity: i32| {
        member(
            "aino@example.fi",
            "advisor",
            Skills {
                languages,
                category_ids,
            },
            capacity,
        )
    };
    for (who, expected) in [
        (skills(vec![Lang::Fi], vec![], 5), Next::Nothing),
        (skills(vec![], vec![parking], 5), Next::Nothing),
        (
            skills(vec![Lang::Sv, Lang::Fi], vec![permits], 5),
            Next::Took(id),
        ),
    ] {
        crate::db::people::save_member(&mut conn, o.id, &who)
            .await
            .expect("save");
        let next = take_next(&mut conn, MAILER, &aino, View::All, now)
            .await
            .expect("take");
        assert_eq!(next, expected, "{:?}", who.skills);
    }
    submit(&mut conn, &o, permits, now).await;
    crate::db::people::save_member(&mut conn, o.id, &skills(vec![], vec![], 1))
        .await
        .expect("save");
    assert_eq!(
        take_next(&mut conn, MAILER, &aino, View::All, now)
            .await
            .expect("take"),
        Next::Full,
        "one request in hand fills a capacity of one"
    );
}
