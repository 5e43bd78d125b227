//! Taking in: batches linked to earlier requests, the settings cache.

use crate::db::{orgs, sla};
use crate::domain::classification::RequestType;
use crate::domain::{Lang, NewRequest};
use crate::requests::clocks as service;
use crate::testing::*;
use chrono::{Duration, Utc};
use sqlx::{PgConnection, PgPool};

#[sqlx::test(migrations = "../migrations")]
async fn a_batch_links_each_request_to_the_customers_earlier_ones_in_it_and_before_it(
    pool: PgPool,
) {
    use crate::domain::links::Relation;
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let before = submit(&mut conn, &o, cat, helsinki(23, 9, 0)).await;
    let at = helsinki(23, 10, 0);
    let rules = crate::requests::intake::Rules::load(&mut conn, o.id, at)
        .await
        .expect("rules");
    let with = |email: &str, customer_org: Option<&str>| NewRequest {
        email: email.into(),
        customer_org: customer_org.map(Into::into),
        ..request(cat)
    };
    let reqs = [
        with("MAIJA@Example.fi", Some("Oy Ab")),
        with("liisa@example.fi", Some("oy ab")),
        with("", Some(" ")),
    ];
    let wanted = crate::db::intake::Wanted {
        org: &o,
        year: crate::domain::format::helsinki_year(at),
        count: 3,
    };
    let reserved = crate::db::intake::reserve_batch(&mut conn, &[wanted])
        .await
        .expect("numbers")
        .remove(0);
    let rows: Vec<crate::db::intake::NewRow<'_>> = reqs
        .iter()
        .zip(reserved)
        .map(|(req, reserved)| crate::db::intake::NewRow {
            org: &o,
            req,
            origin: crate::db::intake::Origin {
                channel: "web",
                form_version_id: None,
                consent_notice_id: None,
                consent_language: Lang::Fi,
            },
            class: service::classify_new(
                &rules,
                RequestType::InformationRequest,
                Some(cat),
                None,
                at,
            ),
            reserved,
            at,
            tracking_nonce: 7,
        })
        .collect();
    crate::db::intake::insert_new(&mut conn, &rows, &[])
        .await
        .expect("insert");
    let links = |id: i64| {
        let pool = pool.clone();
        async move {
            let mut conn = pool.acquire().await.expect("conn");
            let mut seen: Vec<(i64, Relation)> = crate::db::links::linked(&mut conn, o.id, id)
                .await
                .expect("links")
                .into_iter()
                .map(|l| (l.id, l.relation))
                .collect();
            seen.sort_by_key(|l| l.0);
            seen
        }
    };
    let ids: Vec<i64> = rows.iter().map(|r| r.reserved.id).collect();
    assert_eq!(
        links(ids[0]).await,
        vec![
            (before.id, Relation::SameCustomer),
            (ids[1], Relation::SameCustomerOrg)
        ],
        "the same address whatever its case, and the same organisation later in the batch"
    );
    assert_eq!(
        links(ids[1]).await,
        vec![(ids[0], Relation::SameCustomerOrg)]
    );
    assert_eq!(
        links(ids[2]).await,
        vec![],
        "no address and a blank organisation link nothing"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn intake_settings_are_read_again_exactly_when_a_change_moves_the_version(pool: PgPool) {
    use crate::domain::routing::NewRule;
    use std::sync::Arc;
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    crate::requests::customer::add_standard_forms(&mut conn, o.id, None)
        .await
        .expect("forms");
    let cache = crate::requests::intake::Cache::default();
    let now = Utc::now();
    let read = async |conn: &mut PgConnection| {
        cache
            .by_slug(conn, "testi", now)
            .await
            .expect("read")
            .expect("the organisation")
    };
    let first = read(&mut conn).await;
    assert_eq!(first.category_ids, vec![cat]);
    assert!(first.notice(Lang::Sv).is_none());
    assert!(
        Arc::ptr_eq(&first, &read(&mut conn).await),
        "nothing changed"
    );
    let ask = first
        .form(&mut conn, "ask")
        .await
        .expect("form")
        .expect("published");
    assert!(
        first
            .form(&mut conn, "no-such-form")
            .await
            .expect("form")
            .is_none()
    );

    crate::db::privacy::publish(&mut conn, o.id, Lang::Sv, "Vi behandlar…", None)
        .await
        .expect("notice");
    let noticed = read(&mut conn).await;
    assert!(noticed.org.settings_version > first.org.settings_version);
    assert_eq!(
        noticed.notice(Lang::Sv).map(|n| n.body.as_str()),
        Some("Vi behandlar…")
    );

    crate::db::forms::save_version(&mut conn, ask.form.id, ask.version + 1, &ask.def, None)
        .await
        .expect("version");
    let newer = read(&mut conn).await;
    let ask_now = newer
        .form(&mut conn, "ask")
        .await
        .expect("form")
        .expect("published");
    assert_eq!(
        ask_now.version,
        ask.version + 1,
        "a new form version is taken in"
    );

    let closed = now.date_naive() + Duration::days(3);
    sla::put_closure(&mut conn, o.id, closed, "Inventaario")
        .await
        .expect("closure");
    assert!(
        read(&mut conn)
            .await
            .rules
            .calendar
            .closures
            .iter()
            .any(|c| c.day == closed)
    );
    let second = orgs::insert_category(&mut conn, o.id, None, &o.name, 1)
        .await
        .expect("category");
    assert!(read(&mut conn).await.category_ids.contains(&second));

    let rule = NewRule {
        assign: true,
        ..rule_for_everything("Kaikki")
    };
    let rule_id = crate::db::routing::insert(&mut conn, o.id, &rule)
        .await
        .expect("rule");
    let routed = read(&mut conn).await;
    assert_eq!(routed.rules.routing.len(), 1);
    let advisor = crate::db::users::upsert(&mut conn, o.id, "a@example.fi", "A", "x", "advisor")
        .await
        .expect("user");
    crate::db::routing::record_pick(&mut conn, rule_id, advisor)
        .await
        .expect("pick");
    assert!(
        Arc::ptr_eq(&routed, &read(&mut conn).await),
        "whom a rule last gave work to is work, not a setting"
    );
    assert_eq!(
        crate::db::routing::last_pick_for_update(&mut conn, rule_id)
            .await
            .expect("last"),
        Some(advisor),
        "routing reads the pick afresh"
    );

    assert!(
        cache
            .by_slug(&mut conn, "nobody", now)
            .await
            .expect("read")
            .is_none()
    );
}
