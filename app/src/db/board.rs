//! The supervisor board's reads, and moving an advisor's work to a colleague.

use crate::domain::Localized;
use crate::domain::board::{AdvisorLoad, QueueRisk};
use crate::domain::views::{EventDetail, QueueItem};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// Every member of `organisation_id` with their open work, by name. Each advisor's requests come
/// from `service_requests_assigned`, so the cost follows the work in hand, not the table.
pub async fn loads(
    conn: &mut PgConnection,
    organisation_id: i64,
) -> sqlx::Result<Vec<AdvisorLoad>> {
    sqlx::query_as!(
        AdvisorLoad,
        r#"SELECT u.id, u.display_name AS name, w.open AS "open!", w.breached AS "breached!", w.next_due
           FROM memberships m JOIN users u ON u.id = m.user_id
           CROSS JOIN LATERAL (
               SELECT count(*) AS open, count(*) FILTER (WHERE r.sla_breached_at IS NOT NULL) AS breached,
                      min(r.resolution_due_at) AS next_due
               FROM service_requests r
               WHERE r.assignee_id = u.id AND r.organisation_id = m.organisation_id
                 AND r.status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
           ) w
           WHERE m.organisation_id = $1
           ORDER BY u.display_name, u.id
           LIMIT 500"#,
        organisation_id
    )
    .fetch_all(conn)
    .await
}

/// The active requests of `organisation_id` that nobody has moved since `before`, oldest first
/// (at most `limit`).
pub async fn untouched(
    conn: &mut PgConnection,
    organisation_id: i64,
    before: DateTime<Utc>,
    limit: i64,
) -> sqlx::Result<Vec<(QueueItem, DateTime<Utc>)>> {
    let rows = sqlx::query!(
        r#"SELECT r.id, r.number, r.subject, r.customer_name, r.status, r.language, r.created_at, r.priority,
                  r.resolution_due_at, r.sla_paused_at IS NOT NULL AS "paused!",
                  r.sla_breached_at IS NOT NULL AS "breached!", u.display_name AS "assignee?", r.updated_at
           FROM service_requests r LEFT JOIN users u ON u.id = r.assignee_id
           WHERE r.organisation_id = $1 AND r.updated_at < $2
             AND r.status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
           ORDER BY r.updated_at, r.id
           LIMIT $3"#,
        organisation_id,
        before,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let item = super::queues::QueueRow {
                id: r.id,
                number: r.number,
                subject: r.subject,
                customer_name: r.customer_name,
                status: r.status,
                language: r.language,
                created_at: r.created_at,
                priority: r.priority,
                resolution_due_at: r.resolution_due_at,
                paused: r.paused,
                breached: r.breached,
                assignee: r.assignee,
            };
            (item.into(), r.updated_at)
        })
        .collect())
}

/// Gives up to `limit` of `from`'s active requests (most urgent first) to `to`, both members of
/// `organisation_id`, each with an `assigned` event by `by`. Returns how many moved.
pub async fn move_work(
    conn: &mut PgConnection,
    organisation_id: i64,
    (from, to): (i64, i64),
    by: i64,
    limit: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<u64> {
    let to_name = sqlx::query_scalar!(
        "SELECT u.display_name FROM users u JOIN memberships m ON m.user_id = u.id
         WHERE u.id = $1 AND m.organisation_id = $2",
        to,
        organisation_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(to_name) = to_name else {
        return Ok(0);
    };
    let detail = serde_json::to_value(EventDetail::Assigned { to: Some(to_name) })
        .map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let moved = sqlx::query!(
        "WITH chosen AS (
             SELECT id FROM service_requests
             WHERE assignee_id = $2 AND organisation_id = $1
               AND status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
             ORDER BY queue_due_at, priority_rank, id
             LIMIT $5
             FOR UPDATE),
         moved AS (
             UPDATE service_requests r SET assignee_id = $3, assigned_at = $6
             FROM chosen WHERE r.id = chosen.id
             RETURNING r.id)
         INSERT INTO request_events (request_id, organisation_id, kind, actor_user_id, public, channel, created_at, detail)
         SELECT id, $1, 'assigned', $4, false, 'desk', $6, $7 FROM moved",
        organisation_id,
        from,
        to,
        by,
        limit,
        now,
        detail
    )
    .execute(conn)
    .await?;
    Ok(moved.rows_affected())
}

/// The SLA risk of all `organisation_id`'s open requests and of each of its shared queues, in that
/// order; each count capped at `cap`. Served by `service_requests_at_risk`, which holds only the
/// requests past their warning time, and for a routed queue by `service_requests_routed`.
pub async fn queue_risks(
    conn: &mut PgConnection,
    organisation_id: i64,
    cap: i64,
) -> sqlx::Result<Vec<QueueRisk>> {
    let rows = sqlx::query!(
        r#"SELECT q.id AS "id?", q.name_fi AS "fi?", q.name_sv AS "sv?", q.name_en AS "en?",
                  c.at_risk AS "at_risk!", c.breached AS "breached!"
           FROM (SELECT NULL::bigint AS id, $1::bigint AS organisation_id, NULL::text AS name_fi,
                        NULL::text AS name_sv, NULL::text AS name_en, NULL::text AS request_type,
                        NULL::bigint AS category_id, NULL::text AS status, NULL::text AS priority,
                        NULL::text AS language, NULL::text AS expected_length, false AS unassigned_only,
                        false AS routed_only
                 UNION ALL
                 (SELECT id, organisation_id, name_fi, name_sv, name_en, request_type, category_id,
                         status, priority, language, expected_length, unassigned_only, routed_only
                  FROM queues WHERE organisation_id = $1 AND owner_user_id IS NULL ORDER BY id)) q
           CROSS JOIN LATERAL (
               SELECT count(*) FILTER (WHERE x.breached_at IS NULL) AS at_risk,
                      count(*) FILTER (WHERE x.breached_at IS NOT NULL) AS breached
               FROM (
                   (SELECT r.sla_breached_at AS breached_at FROM service_requests r
                    WHERE NOT q.routed_only AND r.organisation_id = q.organisation_id
                      AND r.sla_warned_at IS NOT NULL
                      AND r.status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
                      AND (q.request_type IS NULL OR r.request_type = q.request_type)
                      AND (q.category_id IS NULL OR r.category_id = q.category_id)
                      AND (q.status IS NULL OR r.status = q.status)
                      AND (q.priority IS NULL OR r.priority = q.priority)
                      AND (q.language IS NULL OR r.language = q.language)
                      AND (q.expected_length IS NULL OR r.expected_length = q.expected_length)
                      AND (NOT q.unassigned_only OR r.assignee_id IS NULL)
                    LIMIT $2)
                   UNION ALL
                   (SELECT r.sla_breached_at FROM service_requests r
                    WHERE q.routed_only AND r.queue_id = q.id AND r.sla_warned_at IS NOT NULL
                      AND r.status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
                      AND (q.request_type IS NULL OR r.request_type = q.request_type)
                      AND (q.category_id IS NULL OR r.category_id = q.category_id)
                      AND (q.status IS NULL OR r.status = q.status)
                      AND (q.priority IS NULL OR r.priority = q.priority)
                      AND (q.language IS NULL OR r.language = q.language)
                      AND (q.expected_length IS NULL OR r.expected_length = q.expected_length)
                      AND (NOT q.unassigned_only OR r.assignee_id IS NULL)
                    LIMIT $2)) x
           ) c"#,
        organisation_id,
        cap
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| QueueRisk {
            queue: match (r.id, r.fi, r.sv, r.en) {
                (Some(_), Some(fi), Some(sv), Some(en)) => Some(Localized { fi, sv, en }),
                _ => None,
            },
            at_risk: r.at_risk,
            breached: r.breached,
        })
        .collect())
}
