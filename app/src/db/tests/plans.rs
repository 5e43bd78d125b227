//! Every list and scan has an index to use: `EXPLAIN` of the exact cached SQL.

use crate::db::bulk;
use crate::domain::{Lang, Localized};
use crate::testing::*;
use chrono::{Duration, Utc};
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn the_queue_query_is_served_by_its_index(pool: PgPool) {
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let mut batch = bulk::RequestBatch::default();
    for i in 0..20_000i64 {
        batch.organisation_id.push(o.id);
        batch.number.push(format!("TST-2025-{i:06}-0"));
        batch
            .status
            .push(if i % 10 == 0 { "open" } else { "closed" }.into());
        batch.language.push("fi".into());
        batch.category_id.push(cat);
        batch.customer_name.push("N".into());
        batch.customer_email.push("n@example.fi".into());
        batch.subject.push("S".into());
        batch.message.push("M".into());
        batch.created_at.push(Utc::now() - Duration::minutes(i));
        batch.request_type.push("order".into());
        batch.expected_length.push("normal".into());
        batch
            .priority
            .push(["high", "normal", "low"][i as usize % 3].into());
        batch.due_at.push(Some(Utc::now() + Duration::minutes(i)));
        batch.assignee_id.push((i % 20 == 0).then_some(aino.id));
    }
    bulk::insert_requests(&mut conn, &batch)
        .await
        .expect("bulk");
    sqlx::query("ANALYZE service_requests")
        .execute(&mut *conn)
        .await
        .expect("analyze");
    let page = "LEFT JOIN users u ON u.id = r.assignee_id\n                 WHERE r.organisation_id = $1\n";
    let any = "NULL, NULL, NULL, NULL, NULL";
    let first = plan_of(
        &mut conn,
        page,
        &format!("{}, NULL, NULL, NULL, 51, {any}, false, NULL", o.id),
    )
    .await;
    let later = plan_of(
        &mut conn,
        page,
        &format!(
            "{}, now() + interval '1 day', 3, 1000, 51, {any}, false, NULL",
            o.id
        ),
    )
    .await;
    let filtered = plan_of(
        &mut conn,
        page,
        &format!(
            "{}, NULL, NULL, NULL, 51, 'order', NULL, 'open', 'high', 'fi', true, 'long'",
            o.id
        ),
    )
    .await;
    let mine = plan_of(
        &mut conn,
        "WHERE r.assignee_id = $1 AND r.organisation_id = $6",
        &format!("{}, NULL, NULL, NULL, 51, {}", aino.id, o.id),
    )
    .await;
    assert!(mine.contains("service_requests_assigned"), "{mine}");
    assert!(!mine.contains("Sort"), "{mine}");
    // The board counts each advisor's work from the same index.
    let loads = plan_of(
        &mut conn,
        "FROM memberships m JOIN users u ON u.id = m.user_id\n           CROSS JOIN LATERAL",
        &o.id.to_string(),
    )
    .await;
    assert!(loads.contains("service_requests_assigned"), "{loads}");
    let counts = plan_of(
        &mut conn,
        "LIMIT $3) m) AS",
        &format!("{}, {}, 100", o.id, aino.id),
    )
    .await;
    assert!(counts.contains("service_requests_assigned"), "{counts}");
    for plan in [first, later] {
        assert!(
            plan.contains("service_requests_queue") || plan.contains("service_requests_unassigned"),
            "{plan}"
        );
        assert!(!plan.contains("Sort"), "no sort at read time: {plan}");
    }
    // A filter that keeps few rows may collect them from the index and sort those few.
    assert!(
        filtered.contains("service_requests_unassigned"),
        "{filtered}"
    );
    let take = plan_of(
        &mut conn,
        "WHERE organisation_id = $1 AND assignee_id IS NULL",
        &format!("{}, 1, now(), {any}, '{{}}', '{{}}', NULL", o.id),
    )
    .await;
    assert!(take.contains("service_requests_unassigned"), "{take}");
    let routed = plan_of(
        &mut conn,
        "WHERE r.queue_id = $12 AND r.organisation_id = $1",
        &format!("{}, NULL, NULL, NULL, 51, {any}, false, 1, NULL", o.id),
    )
    .await;
    assert!(routed.contains("service_requests_routed"), "{routed}");
    assert!(!take.contains("Sort"), "{take}");
    let received = plan_of(
        &mut conn,
        "WHERE delegated_to_org_id = $1",
        &format!("{}, 50", o.id),
    )
    .await;
    assert!(
        received.contains("service_requests_delegated_queue"),
        "{received}"
    );
    assert!(!received.contains("Sort"), "{received}");
    let timer = plan_of(&mut conn, "sla_breached_at = $1", "now()").await;
    assert!(timer.contains("service_requests_sla_breach"), "{timer}");
    // The queue list: each saved queue's head walks the queue index alone in queue order, however
    // many filters it has, rather than sorting a bitmap scan of the whole queue.
    let by_length = crate::domain::queues::NewQueue {
        routed_only: false,
        name: Localized {
            fi: "Tavalliset".into(),
            sv: "Normala".into(),
            en: "Normal ones".into(),
        },
        filter: crate::domain::queues::QueueFilter {
            priority: Some(crate::domain::classification::Priority::Normal),
            language: Some(Lang::Fi),
            length: Some(crate::domain::classification::Length::Normal),
            ..Default::default()
        },
        personal: false,
    };
    crate::db::queues::create(&mut conn, o.id, aino.id, &by_length)
        .await
        .expect("queue");
    let list = plan_of(
        &mut conn,
        "FROM queues q\n           -- Counting",
        &format!("{}, {}, 100", o.id, aino.id),
    )
    .await;
    assert!(
        list.contains("Index Only Scan using service_requests_queue"),
        "{list}"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn every_list_and_scan_of_the_service_model_has_an_index_to_use(pool: PgPool) {
    // The tables are empty here, so the planner would rightly scan them; with sequential scans
    // priced out it shows which index serves each statement at scale.
    let mut conn = pool.acquire().await.expect("conn");
    sqlx::query("SET enable_seqscan = off")
        .execute(&mut *conn)
        .await
        .expect("set");
    // Storing new requests links them to their customers' earlier ones; the arrays of the batch
    // may be empty for the plan.
    let no_batch = vec!["'{}'"; 36].join(", ");
    for (needle, args, index) in [
        (
            "lower(s.customer_email) = lower(n.customer_email)",
            no_batch.as_str(),
            "service_requests_by_email",
        ),
        (
            "lower(s.customer_org) = lower(n.customer_org)",
            no_batch.as_str(),
            "service_requests_by_customer_org",
        ),
        (
            "FROM attachments WHERE request_id = $1 ORDER BY id",
            "1",
            "attachments_by_request",
        ),
        (
            "WHERE request_id = $1 AND answered_at IS NOT NULL",
            "1",
            "surveys_by_request",
        ),
        (
            "lower(to_email) = lower($2))",
            "1000, NULL, 50",
            "outbox_pkey",
        ),
        (
            "l.from_request_id = $2 OR l.to_request_id = $2",
            "1, 1",
            "request_links_to",
        ),
        (
            "WHERE work_order_id = $1 ORDER BY id",
            "1",
            "service_requests_by_work_order",
        ),
        (
            "FROM work_orders WHERE organisation_id = $1 AND status = 'open'",
            "1",
            "work_orders_open",
        ),
        ("make_interval(days", "now()", "service_requests_finished"),
        (
            "sla_warned_at IS NULL AND sla_warn_at IS NOT NULL",
            "now()",
            "service_requests_sla_warn",
        ),
        (
            "FROM sla_policies WHERE organisation_id = $1 AND active",
            "1",
            "sla_policies_by_org",
        ),
        (
            "WHERE e.request_id = $1 AND (e.public OR NOT $2)",
            "1, true",
            "request_events_timeline",
        ),
        (
            "WHERE d.request_id = $1 ORDER BY d.id",
            "1",
            "delegations_by_request",
        ),
        (
            "kind = 'status_changed' AND to_status IS NOT NULL",
            "1",
            "request_events_status_changes",
        ),
        (
            "lower(customer_name) COLLATE \"C\" LIKE $4",
            "1, NULL, NULL, 'maija%', 50",
            "service_requests_by_name",
        ),
        (
            "lower(customer_email) = $3",
            "1, NULL, 'maija@example.fi', NULL, 50",
            "service_requests_by_email",
        ),
        (
            "WHERE $2::text IS NOT NULL AND number = $2",
            "1, 'TST-2026-000001-5', NULL, NULL, 50",
            "service_requests_number_key",
        ),
        ("FROM queues q", "1, 1, 100", "queues_of_org"),
        (
            "WHERE r.organisation_id = $1 AND r.updated_at < $2",
            "1, now(), 50",
            "service_requests_untouched",
        ),
        (
            "ORDER BY u.display_name, u.id\n           LIMIT 1000",
            "1",
            "memberships_by_organisation",
        ),
        (
            "FROM reply_templates\n         WHERE organisation_id = $1 AND ($2::text IS NULL",
            "1, 'fi'",
            "reply_templates_by_org",
        ),
        (
            "WHERE user_id = $2 AND read_at IS NULL AND organisation_id = $1",
            "1, 1, 20",
            "notifications_for_user",
        ),
        (
            "UPDATE notifications SET read_at = $4",
            "1, 1, 1, now()",
            "notifications_unread_by_request",
        ),
        (
            "WHERE m.organisation_id = $1 ORDER BY u.display_name, u.id LIMIT 500",
            "1",
            "memberships_by_organisation",
        ),
        (
            "lower(r.customer_email) = me.email",
            "1, 10",
            "service_requests_by_customer",
        ),
        (
            "lower(r.customer_org) = me.org",
            "1, 10",
            "service_requests_by_customer_org",
        ),
        (
            "FROM routing_rules r LEFT JOIN queues q",
            "1",
            "routing_rules_of_org",
        ),
        (
            "WHERE m.organisation_id = $1 AND m.role IN ('advisor', 'supervisor')",
            "1",
            "memberships_by_organisation",
        ),
        (
            "s.updated_at < $1::timestamptz - make_interval(hours => o.untouched_hours)",
            "now(), 200",
            "service_requests_to_remind",
        ),
        (
            "r.sla_warned_at IS NOT NULL\n                      AND r.status",
            "1, 100",
            "service_requests_at_risk",
        ),
        (
            "FROM password_resets p JOIN users u ON u.id = p.user_id",
            "'a@example.fi', now()",
            "password_resets_by_user",
        ),
    ] {
        let plan = plan_of(&mut conn, needle, args).await;
        assert!(plan.contains(index), "{needle}: {plan}");
    }
}
