//! Memberships in several organisations, sessions and password resets.

use crate::db::orgs;
use crate::domain::views::EventKind;
use crate::testing::*;
use chrono::{Duration, Utc};
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn a_member_of_two_organisations_works_in_one_per_session_and_removal_ends_it(pool: PgPool) {
    use crate::domain::people::Skills;
    use crate::domain::queues::View;
    use crate::requests::assignment::{Next, take_next};
    let (home, _) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let other = org_in(&mut conn, "muu", "MUU").await;
    let other_cat = orgs::insert_category(&mut conn, other.id, None, &other.name, 0)
        .await
        .expect("category");
    let aino = staff(&mut conn, &home, "aino@example.fi", "Aino").await;
    let saved = crate::db::people::save_member(
        &mut conn,
        other.id,
        &member("AINO@example.fi", "admin", Skills::default(), 10),
    )
    .await
    .expect("save");
    assert_eq!(
        saved,
        crate::db::people::Saved::Existing(aino.id),
        "an existing account joins, matched case-insensitively"
    );
    let now = Utc::now();
    let expires = now + Duration::hours(1);
    assert!(
        crate::db::users::create_session(&mut conn, b"one", aino.id, expires)
            .await
            .expect("session")
    );
    let me = crate::db::users::session_user(&mut conn, b"one", now)
        .await
        .expect("user")
        .expect("live");
    assert_eq!((me.organisation_id, me.role.as_str()), (home.id, "advisor"));
    assert_eq!(me.admin_of, vec![other.id]);
    assert!(
        crate::db::users::switch_session(&mut conn, b"one", other.id)
            .await
            .expect("switch")
    );
    let me = crate::db::users::session_user(&mut conn, b"one", now)
        .await
        .expect("user")
        .expect("live");
    assert_eq!((me.organisation_id, me.role.as_str()), (other.id, "admin"));
    let stranger = org_in(&mut conn, "vieras", "VRS").await;
    assert!(
        !crate::db::users::switch_session(&mut conn, b"one", stranger.id)
            .await
            .expect("switch"),
        "nobody switches into an organisation they do not belong to"
    );
    // A second session starts where the person last worked.
    crate::db::users::create_session(&mut conn, b"two", aino.id, expires)
        .await
        .expect("session");
    let two = crate::db::users::session_user(&mut conn, b"two", now)
        .await
        .expect("user")
        .expect("live");
    assert_eq!(two.organisation_id, other.id);
    let id = submit(&mut conn, &other, other_cat, now).await.id;
    assert_eq!(
        take_next(&mut conn, MAILER, &me, View::All, now)
            .await
            .expect("take"),
        Next::Took(id)
    );
    let members = crate::db::people::members(&mut conn, other.id)
        .await
        .expect("members");
    assert_eq!(
        members
            .iter()
            .map(|m| (m.user_id, m.open, m.capacity))
            .collect::<Vec<_>>(),
        vec![(aino.id, 1, 10)]
    );
    let boss = staff(&mut conn, &other, "boss@example.fi", "Boss").await;
    assert!(
        crate::db::people::remove_member(&mut conn, other.id, aino.id, boss.id, now)
            .await
            .expect("remove")
    );
    assert!(
        crate::db::users::session_user(&mut conn, b"one", now)
            .await
            .expect("user")
            .is_none(),
        "sessions working in the organisation end with the membership"
    );
    assert_eq!(
        crate::db::queues::assignee(&mut conn, id)
            .await
            .expect("assignee"),
        None,
        "their work goes back to the queue"
    );
    let timeline = crate::db::events::timeline(&mut conn, id, false)
        .await
        .expect("timeline");
    assert_eq!(
        timeline.last().map(|e| e.kind),
        Some(EventKind::Assigned),
        "the release is on the request's timeline"
    );
    assert!(
        crate::db::users::create_session(&mut conn, b"three", aino.id, expires)
            .await
            .expect("session"),
        "they still work in their other organisation"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_reset_link_works_once_before_it_expires_and_ends_every_session(pool: PgPool) {
    let (o, _) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let now = Utc::now();
    let later = now + Duration::hours(1);
    assert_eq!(
        crate::db::users::create_reset(&mut conn, "nobody@example.fi", b"x", later)
            .await
            .expect("reset"),
        None
    );
    for token in [b"live".as_slice(), b"spare", b"old"] {
        let expires = if token == b"old" {
            now - Duration::minutes(1)
        } else {
            later
        };
        crate::db::users::create_reset(&mut conn, "Aino@Example.fi", token, expires)
            .await
            .expect("reset")
            .expect("account");
    }
    assert_eq!(
        crate::db::users::recent_resets(&mut conn, "aino@example.fi", now - Duration::hours(1))
            .await
            .expect("count"),
        3
    );
    assert!(
        crate::db::users::use_reset(&mut conn, b"old", "h", now)
            .await
            .expect("use")
            .is_none(),
        "an expired link is refused"
    );
    crate::db::users::create_session(&mut conn, b"s", aino.id, later)
        .await
        .expect("session");
    assert_eq!(
        crate::db::users::use_reset(&mut conn, b"live", "new-hash", now)
            .await
            .expect("use"),
        Some(aino.id)
    );
    assert_eq!(
        crate::db::users::session_count(&mut conn, aino.id, now)
            .await
            .expect("count"),
        0,
        "a new password ends every session"
    );
    for token in [b"live".as_slice(), b"spare"] {
        assert!(
            !crate::db::users::reset_is_live(&mut conn, token, now)
                .await
                .expect("live"),
            "the used link and every other one are spent"
        );
    }
    let creds = crate::db::users::credentials(&mut conn, "aino@example.fi")
        .await
        .expect("creds")
        .expect("account");
    assert_eq!(creds.password_hash, "new-hash");
}
