//! Reply templates per language and notifications.

use crate::domain::Lang;
use crate::testing::*;
use chrono::Utc;
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn templates_are_per_language_and_notifications_are_read_by_opening_the_request(
    pool: PgPool,
) {
    use crate::domain::templates::NewTemplate;
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let ben = staff(&mut conn, &o, "ben@example.fi", "Ben").await;
    for (language, title) in [(Lang::Sv, "Tack"), (Lang::Fi, "Kiitos"), (Lang::Sv, "Hej")] {
        let t = NewTemplate {
            language,
            title: title.into(),
            body: "{customer_name}".into(),
        };
        crate::db::templates::insert(&mut conn, o.id, aino.id, &t)
            .await
            .expect("template");
    }
    let titles = |ts: Vec<crate::domain::templates::Template>| {
        ts.into_iter().map(|t| t.title).collect::<Vec<_>>()
    };
    let swedish = crate::db::templates::list(&mut conn, o.id, Some(Lang::Sv))
        .await
        .expect("list");
    assert_eq!(titles(swedish), ["Hej", "Tack"]);
    let other = org_in(&mut conn, "muu", "MUU").await;
    assert!(
        crate::db::templates::list(&mut conn, other.id, None)
            .await
            .expect("list")
            .is_empty()
    );

    let now = Utc::now();
    let s = submit(&mut conn, &o, cat, now).await;
    crate::requests::notes::add_note(&mut conn, &ben, s.id, "@aino katso", now)
        .await
        .expect("note");
    sqlx::query!(
        "INSERT INTO notifications (organisation_id, request_id, kind) VALUES ($1, $2, 'hurry_up')",
        o.id,
        s.id
    )
    .execute(&mut *conn)
    .await
    .expect("hurry");
    let for_aino = crate::db::notifications::unread(&mut conn, o.id, aino.id, 20)
        .await
        .expect("unread");
    assert_eq!(
        for_aino
            .iter()
            .map(|n| (n.kind.as_str(), n.actor.as_deref()))
            .collect::<Vec<_>>(),
        [("hurry_up", None), ("mention", Some("Ben"))]
    );
    let for_ben = crate::db::notifications::unread(&mut conn, o.id, ben.id, 20)
        .await
        .expect("unread");
    assert_eq!(
        for_ben.len(),
        1,
        "the organisation's hurry-up, not Aino's mention"
    );
    crate::db::notifications::read_request(&mut conn, o.id, aino.id, s.id, now)
        .await
        .expect("read");
    assert!(
        crate::db::notifications::unread(&mut conn, o.id, aino.id, 20)
            .await
            .expect("unread")
            .is_empty()
    );
}
