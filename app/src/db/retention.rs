//! Retention rules, legal holds and the archiver.

use crate::db::events::NewEvent;
use crate::domain::classification::RequestType;
use crate::domain::retention::{Disposal, Rule};
use crate::domain::views::{EventDetail, EventKind};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// The organisation's rule for every request type (the default where it has set none).
pub async fn rules(conn: &mut PgConnection, organisation_id: i64) -> sqlx::Result<Vec<Rule>> {
    let rows = sqlx::query!(
        "SELECT request_type, archive_after_days, dispose_after_months, disposal
         FROM retention_rules WHERE organisation_id = $1",
        organisation_id
    )
    .fetch_all(conn)
    .await?;
    Ok(RequestType::ALL
        .into_iter()
        .map(|t| {
            rows.iter()
                .find(|r| r.request_type == t.code())
                .map_or_else(
                    || Rule::default_for(t),
                    |r| Rule {
                        request_type: t,
                        archive_after_days: i64::from(r.archive_after_days),
                        dispose_after_months: r.dispose_after_months.map(i64::from),
                        disposal: Disposal::parse(&r.disposal).unwrap_or(Disposal::Anonymise),
                    },
                )
        })
        .collect())
}

/// Stores the organisation's rules.
pub async fn save_rules(
    conn: &mut PgConnection,
    organisation_id: i64,
    rules: &[Rule],
) -> sqlx::Result<()> {
    let types: Vec<String> = rules.iter().map(|r| r.request_type.code().into()).collect();
    let days: Vec<i32> = rules.iter().map(|r| r.archive_after_days as i32).collect();
    let months: Vec<Option<i32>> = rules
        .iter()
        .map(|r| r.dispose_after_months.map(|m| m as i32))
        .collect();
    let disposal: Vec<String> = rules.iter().map(|r| r.disposal.code().into()).collect();
    sqlx::query!(
        "INSERT INTO retention_rules (organisation_id, request_type, archive_after_days, dispose_after_months, disposal)
         SELECT $1, t, d, m, x FROM UNNEST($2::text[], $3::int[], $4::int[], $5::text[]) AS u(t, d, m, x)
         ON CONFLICT (organisation_id, request_type) DO UPDATE
            SET archive_after_days = EXCLUDED.archive_after_days,
                dispose_after_months = EXCLUDED.dispose_after_months, disposal = EXCLUDED.disposal",
        organisation_id,
        &types,
        &days,
        &months as &[Option<i32>],
        &disposal
    )
    .execute(conn)
    .await
    .map(drop)
}

/// Puts request `id` of `organisation_id` on legal hold or lifts it, with an internal event
/// carrying the reason. `false` when the request is not the organisation's.
pub async fn set_hold(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
    on: bool,
    reason: &str,
    user_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "UPDATE service_requests SET legal_hold = $3 WHERE id = $1 AND organisation_id = $2",
        id,
        organisation_id,
        on
    )
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    let detail = EventDetail::LegalHold {
        on,
        reason: reason.to_string(),
    };
    let event = NewEvent {
        request_id: id,
        organisation_id,
        kind: EventKind::LegalHold,
        actor_user_id: Some(user_id),
        public: false,
        body: None,
        detail: Some(&detail),
        at: now,
    };
    crate::db::events::append_event(conn, &event).await?;
    Ok(true)
}

/// Archives finished requests whose retention in the working set has passed (at most 1 000 a
/// call), each with a `status_changed` event by the system. Returns how many.
pub async fn archive_due(conn: &mut PgConnection, now: DateTime<Utc>) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "WITH due AS (
            SELECT r.id, r.organisation_id, r.status
            FROM service_requests r
                 LEFT JOIN retention_rules x
                        ON x.organisation_id = r.organisation_id AND x.request_type = r.request_type
            WHERE r.status IN ('resolved', 'closed', 'cancelled') AND NOT r.legal_hold
              AND r.updated_at < $1::timestamptz - make_interval(days => coalesce(x.archive_after_days, 90))
            ORDER BY r.updated_at
            LIMIT 1000
            FOR UPDATE OF r SKIP LOCKED),
         moved AS (
            UPDATE service_requests s SET status = 'archived', archived_at = $1
            FROM due WHERE s.id = due.id
            RETURNING s.id)
         INSERT INTO request_events (request_id, organisation_id, kind, public, from_status, to_status, channel,
                                     created_at)
         SELECT due.id, due.organisation_id, 'status_changed', false, due.status, 'archived', 'system', $1
         FROM due JOIN moved ON moved.id = due.id",
        now
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
