//! Business calendars, priority matrices and SLA policies of an organisation, and the SLA clocks
//! stored on requests.

use crate::domain::Status;
use crate::domain::calendar::{Calendar, Closure, Hours};
use crate::domain::classification::{Impact, Priority, PriorityMatrix, RequestType, Urgency};
use crate::domain::sla::{Change, Clocks, Policy, PolicyMatch, Targets};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use sqlx::PgConnection;

/// The calendar of an organisation, with its closures from `closures_from` on.
pub async fn calendar(
    conn: &mut PgConnection,
    organisation_id: i64,
    closures_from: NaiveDate,
) -> sqlx::Result<Calendar> {
    // One round trip: the organisation's settings with its hours and closures as parallel arrays.
    let c = sqlx::query!(
        r#"SELECT o.time_zone, o.finnish_holidays,
                  ARRAY(SELECT h.weekday FROM calendar_hours h WHERE h.organisation_id = o.id
                        ORDER BY h.weekday) AS "weekdays!",
                  ARRAY(SELECT h.opens FROM calendar_hours h WHERE h.organisation_id = o.id
                        ORDER BY h.weekday) AS "opens!",
                  ARRAY(SELECT h.closes FROM calendar_hours h WHERE h.organisation_id = o.id
                        ORDER BY h.weekday) AS "closes!",
                  ARRAY(SELECT d.day FROM calendar_closures d WHERE d.organisation_id = o.id
                        AND d.day >= $2 ORDER BY d.day) AS "closed_days!",
                  ARRAY(SELECT d.reason FROM calendar_closures d WHERE d.organisation_id = o.id
                        AND d.day >= $2 ORDER BY d.day) AS "closed_reasons!"
           FROM organisations o WHERE o.id = $1"#,
        organisation_id,
        closures_from
    )
    .fetch_one(conn)
    .await?;
    let mut week = [None; 7];
    for ((day, start), end) in c.weekdays.iter().zip(c.opens).zip(c.closes) {
        if let Some(slot) = week.get_mut(*day as usize) {
            *slot = Some(Hours { start, end });
        }
    }
    Ok(Calendar {
        tz: c.time_zone.parse().unwrap_or(chrono_tz::Europe::Helsinki),
        week,
        finnish_holidays: c.finnish_holidays,
        closures: c
            .closed_days
            .into_iter()
            .zip(c.closed_reasons)
            .map(|(day, reason)| Closure { day, reason })
            .collect(),
    })
}

/// Replaces an organisation's time zone, holiday rule and weekly hours.
pub async fn save_week(
    conn: &mut PgConnection,
    organisation_id: i64,
    time_zone: &str,
    finnish_holidays: bool,
    week: &[Option<Hours>; 7],
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE organisations SET time_zone = $2, finnish_holidays = $3 WHERE id = $1",
        organisation_id,
        time_zone,
        finnish_holidays
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "DELETE FROM calendar_hours WHERE organisation_id = $1",
        organisation_id
    )
    .execute(&mut *conn)
    .await?;
    let (mut days, mut opens, mut closes) = (Vec::new(), Vec::new(), Vec::new());
    for (i, h) in week.iter().enumerate() {
        if let Some(h) = h {
            days.push(i as i16);
            opens.push(h.start);
            closes.push(h.end);
        }
    }
    sqlx::query!(
        "INSERT INTO calendar_hours (organisation_id, weekday, opens, closes)
         SELECT $1, d, o, c FROM UNNEST($2::smallint[], $3::time[], $4::time[]) AS t(d, o, c)",
        organisation_id,
        &days,
        &opens as &[NaiveTime],
        &closes as &[NaiveTime]
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Adds (or renames) a closure day.
pub async fn put_closure(
    conn: &mut PgConnection,
    organisation_id: i64,
    day: NaiveDate,
    reason: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO calendar_closures (organisation_id, day, reason) VALUES ($1, $2, $3)
         ON CONFLICT (organisation_id, day) DO UPDATE SET reason = $3",
        organisation_id,
        day,
        reason
    )
    .execute(conn)
    .await
    .map(drop)
}

/// Removes a closure day.
pub async fn delete_closure(
    conn: &mut PgConnection,
    organisation_id: i64,
    day: NaiveDate,
) -> sqlx::Result<()> {
    sqlx::query!(
        "DELETE FROM calendar_closures WHERE organisation_id = $1 AND day = $2",
        organisation_id,
        day
    )
    .execute(conn)
    .await
    .map(drop)
}

/// The organisation's priority matrix; cells it has not set are the standard ones.
pub async fn matrix(conn: &mut PgConnection, organisation_id: i64) -> sqlx::Result<PriorityMatrix> {
    let rows = sqlx::query!(
        "SELECT urgency, impact, priority FROM priority_matrix WHERE organisation_id = $1",
        organisation_id
    )
    .fetch_all(conn)
    .await?;
    let mut m = PriorityMatrix::default();
    for r in rows {
        if let (Some(u), Some(i), Some(p)) = (
            Urgency::parse(&r.urgency),
            Impact::parse(&r.impact),
            Priority::parse(&r.priority),
        ) {
            m.set(u, i, p);
        }
    }
    Ok(m)
}

/// Stores every cell of an organisation's priority matrix.
pub async fn save_matrix(
    conn: &mut PgConnection,
    organisation_id: i64,
    m: &PriorityMatrix,
) -> sqlx::Result<()> {
    let (mut us, mut is, mut ps) = (Vec::new(), Vec::new(), Vec::new());
    for u in Urgency::ALL {
        for i in Impact::ALL {
            us.push(u.code().to_string());
            is.push(i.code().to_string());
            ps.push(m.priority(*u, *i).code().to_string());
        }
    }
    sqlx::query!(
        "INSERT INTO priority_matrix (organisation_id, urgency, impact, priority)
         SELECT $1, u, i, p FROM UNNEST($2::text[], $3::text[], $4::text[]) AS t(u, i, p)
         ON CONFLICT (organisation_id, urgency, impact) DO UPDATE SET priority = EXCLUDED.priority",
        organisation_id,
        &us,
        &is,
        &ps
    )
    .execute(conn)
    .await
    .map(drop)
}

/// A policy as the admin page lists it.
#[derive(Debug, Clone)]
pub struct PolicyRow {
    pub policy: Policy,
    pub name: String,
}

/// The active policies of an organisation, in its order.
pub async fn policies(
    conn: &mut PgConnection,
    organisation_id: i64,
) -> sqlx::Result<Vec<PolicyRow>> {
    let rows = sqlx::query!(
        "SELECT id, name, request_type, category_id, priority, customer_org, first_response_minutes,
                resolution_minutes, warn_percent
         FROM sla_policies WHERE organisation_id = $1 AND active ORDER BY sort_order, id",
        organisation_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| PolicyRow {
            name: r.name,
            policy: Policy {
                id: r.id,
                matches: PolicyMatch {
                    request_type: r.request_type.as_deref().and_then(RequestType::parse),
                    category_id: r.category_id,
                    priority: r.priority.as_deref().and_then(Priority::parse),
                    customer_org: r.customer_org,
                },
                targets: Targets {
                    first_response_minutes: r.first_response_minutes.map(i64::from),
                    resolution_minutes: r.resolution_minutes.map(i64::from),
                    warn_percent: i64::from(r.warn_percent),
                },
            },
        })
        .collect())
}

/// Adds a policy at the end of the organisation's order and returns its id.
pub async fn insert_policy(
    conn: &mut PgConnection,
    organisation_id: i64,
    name: &str,
    m: &PolicyMatch,
    t: &Targets,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "INSERT INTO sla_policies (organisation_id, name, request_type, category_id, priority, customer_org,
             first_response_minutes, resolution_minutes, warn_percent, sort_order)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
                 (SELECT coalesce(max(sort_order), 0) + 1 FROM sla_policies WHERE organisation_id = $1))
         RETURNING id",
        organisation_id,
        name,
        m.request_type.map(RequestType::code),
        m.category_id,
        m.priority.map(Priority::code),
        m.customer_org.as_deref(),
        t.first_response_minutes.map(|v| v as i32),
        t.resolution_minutes.map(|v| v as i32),
        t.warn_percent as i32
    )
    .fetch_one(conn)
    .await
}

/// Retires a policy: requests already timed by it keep their clocks.
pub async fn retire_policy(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "UPDATE sla_policies SET active = false WHERE id = $1 AND organisation_id = $2",
        id,
        organisation_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The targets of one policy (active or retired).
pub async fn policy_targets(conn: &mut PgConnection, id: i64) -> sqlx::Result<Option<Targets>> {
    let row = sqlx::query!(
        "SELECT first_response_minutes, resolution_minutes, warn_percent FROM sla_policies WHERE id = $1",
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| Targets {
        first_response_minutes: r.first_response_minutes.map(i64::from),
        resolution_minutes: r.resolution_minutes.map(i64::from),
        warn_percent: i64::from(r.warn_percent),
    }))
}

/// What an SLA recomputation needs of a request: its start, policy and status history.
#[derive(Debug, Clone)]
pub struct ClockSource {
    pub organisation_id: i64,
    pub created_at: DateTime<Utc>,
    pub sla_policy_id: Option<i64>,
    pub history: Vec<Change>,
}

/// The status changes of request `request_id`, oldest first.
pub async fn status_history(conn: &mut PgConnection, request_id: i64) -> sqlx::Result<Vec<Change>> {
    let changes = sqlx::query!(
        r#"SELECT created_at, to_status AS "to_status!" FROM request_events
         WHERE request_id = $1 AND kind = 'status_changed' AND to_status IS NOT NULL ORDER BY id"#,
        request_id
    )
    .fetch_all(conn)
    .await?;
    Ok(changes
        .into_iter()
        .filter_map(|c| {
            Some(Change {
                at: c.created_at,
                to: Status::parse(&c.to_status)?,
            })
        })
        .collect())
}

/// Loads a request's start, policy and status changes, oldest first.
pub async fn clock_source(
    conn: &mut PgConnection,
    request_id: i64,
) -> sqlx::Result<Option<ClockSource>> {
    let Some(r) = sqlx::query!(
        "SELECT organisation_id, created_at, sla_policy_id FROM service_requests WHERE id = $1",
        request_id
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    Ok(Some(ClockSource {
        organisation_id: r.organisation_id,
        created_at: r.created_at,
        sla_policy_id: r.sla_policy_id,
        history: status_history(conn, request_id).await?,
    }))
}

/// Stores freshly computed clocks on a request. A clock that moves later than a warning or a
/// breach already recorded clears the mark, so the timer can fire again for the new due time.
pub async fn store_clocks(
    conn: &mut PgConnection,
    request_id: i64,
    c: &Clocks,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE service_requests SET
            first_response_due_at = $2, resolution_due_at = $3, sla_warn_at = $4, sla_paused_at = $5,
            customer_wait_minutes = $6, supplier_wait_minutes = $7,
            sla_warned_at = CASE WHEN $4::timestamptz > sla_warned_at THEN NULL ELSE sla_warned_at END,
            sla_breached_at = CASE WHEN $3::timestamptz > sla_breached_at THEN NULL ELSE sla_breached_at END
         WHERE id = $1",
        request_id,
        c.first_response_due,
        c.resolution_due,
        c.warn_at,
        c.paused_since,
        c.customer_wait.num_minutes() as i32,
        c.supplier_wait.num_minutes() as i32
    )
    .execute(conn)
    .await
    .map(drop)
}

/// Marks running clocks whose warning time or due time has passed and logs an `sla_warning` or
/// `sla_breached` event for each; returns how many of each. Served by the two partial indexes.
pub async fn mark_due(conn: &mut PgConnection, now: DateTime<Utc>) -> sqlx::Result<(u64, u64)> {
    let warned = sqlx::query!(
        "WITH w AS (
            UPDATE service_requests SET sla_warned_at = $1
            WHERE id IN (SELECT id FROM service_requests
                         WHERE sla_warned_at IS NULL AND sla_warn_at IS NOT NULL AND sla_warn_at <= $1
                           AND status IN ('new', 'open', 'in_progress', 'waiting_for_supplier')
                         LIMIT 1000 FOR UPDATE SKIP LOCKED)
            RETURNING id, organisation_id)
         INSERT INTO request_events (request_id, organisation_id, kind, public, channel, created_at)
         SELECT id, organisation_id, 'sla_warning', false, 'system', $1 FROM w",
        now
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let breached = sqlx::query!(
        "WITH b AS (
            UPDATE service_requests SET sla_breached_at = $1
            WHERE id IN (SELECT id FROM service_requests
                         WHERE sla_breached_at IS NULL AND resolution_due_at IS NOT NULL
                           AND resolution_due_at <= $1
                           AND status IN ('new', 'open', 'in_progress', 'waiting_for_supplier')
                         LIMIT 1000 FOR UPDATE SKIP LOCKED)
            RETURNING id, organisation_id)
         INSERT INTO request_events (request_id, organisation_id, kind, public, channel, created_at)
         SELECT id, organisation_id, 'sla_breached', false, 'system', $1 FROM b",
        now
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok((warned, breached))
}
