//! Routing new requests and moving them by hand.

use crate::domain::Lang;
use crate::domain::classification::RequestType;
use crate::domain::views::EventKind;
use crate::testing::*;
use chrono::Utc;
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn routing_files_a_new_request_in_its_queue_and_gives_it_by_skills_and_load(pool: PgPool) {
    use crate::domain::people::Skills;
    use crate::domain::queues::{NewQueue, QueueFilter};
    use crate::domain::routing::Facts;
    use crate::requests::routing::{move_to_queue, route_new};
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let ben = staff(&mut conn, &o, "ben@example.fi", "Ben").await;
    let swedish = Skills {
        languages: vec![Lang::Sv],
        category_ids: vec![],
    };
    crate::db::people::save_member(
        &mut conn,
        o.id,
        &member("ben@example.fi", "advisor", swedish, 5),
    )
    .await
    .expect("skills");
    let finnish = Skills {
        languages: vec![Lang::Fi],
        category_ids: vec![],
    };
    crate::db::people::save_member(
        &mut conn,
        o.id,
        &member("aino@example.fi", "advisor", finnish, 5),
    )
    .await
    .expect("skills");
    let queue = NewQueue {
        name: o.name.clone(),
        filter: QueueFilter::default(),
        personal: false,
        routed_only: true,
    };
    let payments = crate::db::queues::create(&mut conn, o.id, aino.id, &queue)
        .await
        .expect("queue");
    let mut everything = rule_for_everything("Kaikki");
    let first = crate::db::routing::insert(&mut conn, o.id, &everything)
        .await
        .expect("rule");
    everything.name = "Laskut".into();
    everything.keywords = vec!["lasku".into()];
    everything.queue_id = Some(payments);
    everything.assign = true;
    let invoices = crate::db::routing::insert(&mut conn, o.id, &everything)
        .await
        .expect("rule");
    // The catch-all is tried first and does nothing useful; move the invoice rule before it.
    assert!(
        crate::db::routing::move_up(&mut conn, o.id, invoices)
            .await
            .expect("move")
    );
    assert!(
        !crate::db::routing::move_up(&mut conn, o.id, invoices)
            .await
            .expect("move"),
        "the first rule stays first"
    );
    let order: Vec<i64> = crate::db::routing::rules(&mut conn, o.id)
        .await
        .expect("rules")
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(order, vec![invoices, first]);
    let now = Utc::now();
    let route = |subject: &'static str| Facts {
        request_type: RequestType::InformationRequest,
        category_id: Some(cat),
        language: Lang::Sv,
        subject,
        message: "Hej",
        customer_org: None,
    };
    let rules = crate::db::routing::rules(&mut conn, o.id)
        .await
        .expect("rules");
    let invoice = submit(&mut conn, &o, cat, now).await.id;
    route_new(
        &mut conn,
        (o.id, invoice),
        &rules,
        &route("Lasku kahdesti"),
        true,
        now,
    )
    .await
    .expect("route");
    assert_eq!(
        crate::db::queues::assignee(&mut conn, invoice)
            .await
            .expect("assignee"),
        Some(ben.id),
        "the Swedish speaker gets the Swedish request"
    );
    let routed = QueueFilter {
        routed_to: Some(payments),
        ..Default::default()
    };
    let listed: Vec<i64> = crate::db::queues::page(&mut conn, o.id, &routed, None, 50)
        .await
        .expect("page")
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(listed, vec![invoice]);
    let summaries = crate::db::queues::summaries(&mut conn, o.id, aino.id)
        .await
        .expect("summaries");
    assert_eq!(
        summaries[0].count, 1,
        "the routed queue counts only its own"
    );
    let detail = crate::requests::view::request_detail(&mut conn, o.id, invoice)
        .await
        .expect("detail")
        .expect("exists");
    assert_eq!(detail.queue_id, Some(payments));
    let decision = detail
        .timeline
        .iter()
        .find(|e| e.kind == EventKind::Routed)
        .expect("the decision is logged");
    assert!(decision.staff_name.is_none(), "routing is the system's");

    // Made by an advisor (a call): filed, not given to anyone.
    let call = submit(&mut conn, &o, cat, now).await.id;
    route_new(&mut conn, (o.id, call), &rules, &route("Lasku"), false, now)
        .await
        .expect("route");
    assert_eq!(
        crate::db::queues::assignee(&mut conn, call)
            .await
            .expect("assignee"),
        None
    );
    // The catch-all matches the rest and leaves them where they are.
    let card = submit(&mut conn, &o, cat, now).await.id;
    route_new(&mut conn, (o.id, card), &rules, &route("Kortti"), true, now)
        .await
        .expect("route");
    let detail = crate::requests::view::request_detail(&mut conn, o.id, card)
        .await
        .expect("detail")
        .expect("exists");
    assert_eq!((detail.queue_id, detail.assignee), (None, None));
    // By hand, into the queue and out again; never into another organisation's.
    assert!(
        move_to_queue(&mut conn, (o.id, aino.id), card, Some(payments), now)
            .await
            .expect("move")
    );
    let other = org_in(&mut conn, "muu", "MUU").await;
    assert!(
        !move_to_queue(&mut conn, (other.id, aino.id), card, None, now)
            .await
            .expect("move")
    );
    let moves = crate::db::events::timeline(&mut conn, card, false)
        .await
        .expect("timeline")
        .into_iter()
        .filter(|e| e.kind == EventKind::Routed)
        .count();
    assert_eq!(moves, 2, "the catch-all's decision and the move by hand");
}
