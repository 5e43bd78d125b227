//! Routing rules, the members routing can give work to, and a request's routed queue.

use crate::domain::classification::RequestType;
use crate::domain::people::Skills;
use crate::domain::routing::{Candidate, NewRule, Rule};
use crate::domain::{Lang, Localized};
use sqlx::PgConnection;

/// The rules of `organisation_id` in the order they are tried.
pub async fn rules(conn: &mut PgConnection, organisation_id: i64) -> sqlx::Result<Vec<Rule>> {
    Ok(sqlx::query!(
        r#"SELECT r.id, r.name, r.request_type, r.category_id, r.language, r.keywords, r.customer_org,
                  r.queue_id, q.name_fi AS "queue_fi?", q.name_sv AS "queue_sv?", q.name_en AS "queue_en?",
                  r.assign
           FROM routing_rules r LEFT JOIN queues q ON q.id = r.queue_id
           WHERE r.organisation_id = $1
           ORDER BY r.position, r.id
           LIMIT 200"#,
        organisation_id
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| Rule {
        id: r.id,
        name: r.name,
        request_type: r.request_type.as_deref().and_then(RequestType::parse),
        category_id: r.category_id,
        language: r.language.as_deref().and_then(Lang::parse),
        keywords: r.keywords,
        customer_org: r.customer_org,
        queue: match (r.queue_id, r.queue_fi, r.queue_sv, r.queue_en) {
            (Some(id), Some(fi), Some(sv), Some(en)) => Some((id, Localized { fi, sv, en })),
            _ => None,
        },
        assign: r.assign,
    })
    .collect())
}

/// Adds rule `r` to the end of `organisation_id`'s rules; returns its id.
pub async fn insert(
    conn: &mut PgConnection,
    organisation_id: i64,
    r: &NewRule,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "INSERT INTO routing_rules (organisation_id, position, name, request_type, category_id, language,
             keywords, customer_org, queue_id, assign)
         SELECT $1, coalesce(max(position), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9
         FROM routing_rules WHERE organisation_id = $1
         RETURNING id",
        organisation_id,
        r.name,
        r.request_type.map(RequestType::code),
        r.category_id,
        r.language.map(Lang::code),
        &r.keywords,
        r.customer_org,
        r.queue_id,
        r.assign
    )
    .fetch_one(conn)
    .await
}

/// Removes rule `id` of `organisation_id`; whether there was one.
pub async fn delete(conn: &mut PgConnection, organisation_id: i64, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "DELETE FROM routing_rules WHERE id = $1 AND organisation_id = $2",
        id,
        organisation_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves rule `id` of `organisation_id` one place earlier (swapping with the one before it);
/// whether it moved.
pub async fn move_up(conn: &mut PgConnection, organisation_id: i64, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "WITH me AS (SELECT id, position FROM routing_rules WHERE id = $1 AND organisation_id = $2),
              prev AS (SELECT r.id, r.position FROM routing_rules r, me
                       WHERE r.organisation_id = $2 AND (r.position, r.id) < (me.position, me.id)
                       ORDER BY r.position DESC, r.id DESC LIMIT 1)
         UPDATE routing_rules r
         SET position = CASE WHEN r.id = me.id THEN prev.position ELSE me.position END
         FROM me, prev WHERE r.id IN (me.id, prev.id)",
        id,
        organisation_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 2)
}

/// The shared queues of `organisation_id` that list what routing places in them, by id.
pub async fn routed_queues(
    conn: &mut PgConnection,
    organisation_id: i64,
) -> sqlx::Result<Vec<(i64, Localized)>> {
    Ok(sqlx::query!(
        "SELECT id, name_fi, name_sv, name_en FROM queues
         WHERE organisation_id = $1 AND owner_user_id IS NULL AND routed_only ORDER BY id",
        organisation_id
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| {
        (
            r.id,
            Localized {
                fi: r.name_fi,
                sv: r.name_sv,
                en: r.name_en,
            },
        )
    })
    .collect())
}

/// The advisors and supervisors of `organisation_id` with their skills, capacity and active work
/// there: whom routing can give a request to.
pub async fn candidates(
    conn: &mut PgConnection,
    organisation_id: i64,
) -> sqlx::Result<Vec<Candidate>> {
    Ok(sqlx::query!(
        r#"SELECT m.user_id, m.languages, m.category_ids, m.capacity,
                  (SELECT count(*) FROM service_requests r
                   WHERE r.assignee_id = m.user_id AND r.organisation_id = m.organisation_id
                     AND r.status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
                  ) AS "open!"
           FROM memberships m
           WHERE m.organisation_id = $1 AND m.role IN ('advisor', 'supervisor')
           ORDER BY m.user_id
           LIMIT 1000"#,
        organisation_id
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| Candidate {
        user_id: r.user_id,
        skills: Skills {
            languages: r.languages.iter().filter_map(|c| Lang::parse(c)).collect(),
            category_ids: r.category_ids,
        },
        capacity: r.capacity,
        open: r.open,
    })
    .collect())
}

/// Whom rule `id` last gave work to (for the round-robin), with the rule locked until the
/// transaction ends.
pub async fn last_pick_for_update(conn: &mut PgConnection, id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!(
        "SELECT last_user_id FROM routing_rules WHERE id = $1 FOR UPDATE",
        id
    )
    .fetch_optional(conn)
    .await
    .map(Option::flatten)
}

/// Remembers that rule `id` last gave work to `user_id`.
pub async fn record_pick(conn: &mut PgConnection, id: i64, user_id: i64) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE routing_rules SET last_user_id = $2 WHERE id = $1",
        id,
        user_id
    )
    .execute(conn)
    .await
    .map(drop)
}

/// Places request `id` in queue `queue_id` (or none); returns the queue's name.
pub async fn set_queue(
    conn: &mut PgConnection,
    id: i64,
    queue_id: Option<i64>,
) -> sqlx::Result<Option<Localized>> {
    let r = sqlx::query!(
        r#"WITH done AS (UPDATE service_requests SET queue_id = $2 WHERE id = $1 RETURNING queue_id)
           SELECT q.name_fi AS "fi?", q.name_sv AS "sv?", q.name_en AS "en?"
           FROM done LEFT JOIN queues q ON q.id = done.queue_id"#,
        id,
        queue_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(r.and_then(|r| match (r.fi, r.sv, r.en) {
        (Some(fi), Some(sv), Some(en)) => Some(Localized { fi, sv, en }),
        _ => None,
    }))
}
