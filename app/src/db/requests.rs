//! Service requests and their append-only event log.

use crate::db::orgs::Organisation;
use crate::domain::views::{EventKind, QueueItem, RequestDetail, TimelineEntry, TrackedRequest};
use crate::domain::{Lang, Localized, NewRequest, RequestNumber, Status};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// A request just stored.
#[derive(Debug, Clone)]
pub struct Submitted {
    pub id: i64,
    pub number: RequestNumber,
    pub tracking_nonce: i64,
}

/// Stores a web-form request with its number and its `submitted` event. Call inside a transaction:
/// the counter row stays locked until commit, so numbers never repeat.
pub async fn insert_web(
    conn: &mut PgConnection,
    org: &Organisation,
    req: &NewRequest,
    now: DateTime<Utc>,
    year: i32,
    tracking_nonce: i64,
) -> sqlx::Result<Submitted> {
    let sequence = sqlx::query_scalar!(
        "INSERT INTO request_counters (organisation_id, year, last_value) VALUES ($1, $2, 1)
         ON CONFLICT (organisation_id, year)
         DO UPDATE SET last_value = request_counters.last_value + 1
         RETURNING last_value",
        org.id,
        year
    )
    .fetch_one(&mut *conn)
    .await?;
    let number = RequestNumber::new(&org.prefix, year, sequence);
    let id = sqlx::query_scalar!(
        "INSERT INTO service_requests (organisation_id, number, tracking_nonce, channel, status, language,
             category_id, customer_name, customer_email, subject, message, consent_at, privacy_url,
             created_at, updated_at)
         VALUES ($1, $2, $3, 'web', 'new', $4, $5, $6, $7, $8, $9, $10, $11, $10, $10)
         RETURNING id",
        org.id,
        number.as_str(),
        tracking_nonce,
        req.language.code(),
        req.category_id,
        req.name,
        req.email,
        req.subject,
        req.message,
        now,
        org.privacy_url
    )
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query!(
        "INSERT INTO request_events (request_id, organisation_id, kind, public, body, to_status, channel, created_at)
         VALUES ($1, $2, 'submitted', true, $3, 'new', 'web', $4)",
        id,
        org.id,
        req.message,
        now
    )
    .execute(conn)
    .await?;
    Ok(Submitted {
        id,
        number,
        tracking_nonce,
    })
}

/// The little a tracking token is checked against, with the row locked when `for_update`.
#[derive(Debug, Clone)]
pub struct TrackingKey {
    pub id: i64,
    pub organisation_id: i64,
    pub number: String,
    pub tracking_nonce: i64,
    pub status: Status,
}

/// Loads the tracking key of request `id`, locking the row for a following update.
pub async fn tracking_key(
    conn: &mut PgConnection,
    id: i64,
    for_update: bool,
) -> sqlx::Result<Option<TrackingKey>> {
    let row = if for_update {
        sqlx::query!(
            "SELECT id, organisation_id, number, tracking_nonce, status FROM service_requests
             WHERE id = $1 FOR UPDATE",
            id
        )
        .fetch_optional(conn)
        .await?
        .map(|r| {
            (
                r.id,
                r.organisation_id,
                r.number,
                r.tracking_nonce,
                r.status,
            )
        })
    } else {
        sqlx::query!(
            "SELECT id, organisation_id, number, tracking_nonce, status FROM service_requests WHERE id = $1",
            id
        )
        .fetch_optional(conn)
        .await?
        .map(|r| (r.id, r.organisation_id, r.number, r.tracking_nonce, r.status))
    };
    Ok(row.map(
        |(id, organisation_id, number, tracking_nonce, status)| TrackingKey {
            id,
            organisation_id,
            number,
            tracking_nonce,
            status: Status::parse(&status).unwrap_or(Status::Open),
        },
    ))
}

struct EventRow {
    id: i64,
    kind: String,
    created_at: DateTime<Utc>,
    body: Option<String>,
    from_status: Option<String>,
    to_status: Option<String>,
    staff_name: Option<String>,
}

/// The timeline of a request, oldest first; only what the customer may see when `public_only`.
pub async fn timeline(
    conn: &mut PgConnection,
    id: i64,
    public_only: bool,
) -> sqlx::Result<Vec<TimelineEntry>> {
    let rows = sqlx::query_as!(
        EventRow,
        r#"SELECT e.id, e.kind, e.created_at, e.body, e.from_status, e.to_status,
                  u.display_name AS "staff_name?"
         FROM request_events e LEFT JOIN users u ON u.id = e.actor_user_id
         WHERE e.request_id = $1 AND (e.public OR NOT $2)
         ORDER BY e.id"#,
        id,
        public_only
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(TimelineEntry {
                id: r.id,
                kind: EventKind::parse(&r.kind)?,
                at: r.created_at,
                body: r.body,
                from_status: r.from_status.as_deref().and_then(Status::parse),
                to_status: r.to_status.as_deref().and_then(Status::parse),
                staff_name: r.staff_name,
            })
        })
        .collect())
}

struct TrackedRow {
    number: String,
    name_fi: String,
    name_sv: String,
    name_en: String,
    subject: String,
    status: String,
    language: String,
    created_at: DateTime<Utc>,
}

/// The request as its customer sees it.
pub async fn tracked(conn: &mut PgConnection, id: i64) -> sqlx::Result<Option<TrackedRequest>> {
    let row = sqlx::query_as!(
        TrackedRow,
        "SELECT r.number, o.name_fi, o.name_sv, o.name_en, r.subject, r.status, r.language, r.created_at
         FROM service_requests r JOIN organisations o ON o.id = r.organisation_id WHERE r.id = $1",
        id
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(r) = row else { return Ok(None) };
    Ok(Some(TrackedRequest {
        number: r.number,
        organisation: Localized {
            fi: r.name_fi,
            sv: r.name_sv,
            en: r.name_en,
        },
        subject: r.subject,
        status: Status::parse(&r.status).unwrap_or(Status::Open),
        language: Lang::parse(&r.language).unwrap_or_default(),
        created_at: r.created_at,
        timeline: timeline(conn, id, true).await?,
    }))
}

/// Adds a message to a request, with a status change event when the status moves.
/// `actor_user_id` is `None` for the customer.
#[expect(
    clippy::too_many_arguments,
    reason = "one event row, every column named at the call site"
)]
pub async fn add_message(
    conn: &mut PgConnection,
    key: &TrackingKey,
    kind: EventKind,
    actor_user_id: Option<i64>,
    body: &str,
    to: Status,
    channel: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO request_events (request_id, organisation_id, kind, actor_user_id, public, body, channel, created_at)
         VALUES ($1, $2, $3, $4, true, $5, $6, $7)",
        key.id,
        key.organisation_id,
        kind.code(),
        actor_user_id,
        body,
        channel,
        now
    )
    .execute(&mut *conn)
    .await?;
    if to != key.status {
        sqlx::query!(
            "INSERT INTO request_events (request_id, organisation_id, kind, actor_user_id, public, from_status,
                 to_status, channel, created_at)
             VALUES ($1, $2, 'status_changed', $3, true, $4, $5, $6, $7)",
            key.id,
            key.organisation_id,
            actor_user_id,
            key.status.code(),
            to.code(),
            channel,
            now
        )
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query!(
        "UPDATE service_requests SET status = $2, updated_at = $3 WHERE id = $1",
        key.id,
        to.code(),
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

struct QueueRow {
    id: i64,
    number: String,
    subject: String,
    customer_name: String,
    status: String,
    language: String,
    created_at: DateTime<Utc>,
}

impl From<QueueRow> for QueueItem {
    fn from(r: QueueRow) -> Self {
        QueueItem {
            id: r.id,
            number: r.number,
            subject: r.subject,
            customer_name: r.customer_name,
            status: Status::parse(&r.status).unwrap_or(Status::Open),
            language: Lang::parse(&r.language).unwrap_or_default(),
            created_at: r.created_at,
        }
    }
}

/// One page of an organisation's active requests, oldest first, after the keyset `after`.
/// Served by the partial index `service_requests_queue`.
pub async fn queue_page(
    conn: &mut PgConnection,
    organisation_id: i64,
    after: Option<(DateTime<Utc>, i64)>,
    limit: i64,
) -> sqlx::Result<Vec<QueueItem>> {
    let (after_at, after_id) = after.map_or((None, None), |(at, id)| (Some(at), Some(id)));
    let rows = sqlx::query_as!(
        QueueRow,
        "SELECT id, number, subject, customer_name, status, language, created_at
         FROM service_requests
         WHERE organisation_id = $1 AND status NOT IN ('resolved', 'closed')
           AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::bigint))
         ORDER BY created_at, id
         LIMIT $4",
        organisation_id,
        after_at,
        after_id,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

struct DetailRow {
    id: i64,
    number: String,
    subject: String,
    status: String,
    language: String,
    channel: String,
    customer_name: String,
    customer_email: String,
    cat_fi: Option<String>,
    cat_sv: Option<String>,
    cat_en: Option<String>,
    created_at: DateTime<Utc>,
}

/// Request `id` of organisation `organisation_id` with its whole timeline; `None` when it belongs
/// to another organisation.
pub async fn detail(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
) -> sqlx::Result<Option<RequestDetail>> {
    let row = sqlx::query_as!(
        DetailRow,
        r#"SELECT r.id, r.number, r.subject, r.status, r.language, r.channel, r.customer_name,
                  r.customer_email, c.name_fi AS "cat_fi?", c.name_sv AS "cat_sv?", c.name_en AS "cat_en?",
                  r.created_at
         FROM service_requests r LEFT JOIN service_categories c ON c.id = r.category_id
         WHERE r.id = $1 AND r.organisation_id = $2"#,
        id,
        organisation_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let category = match (r.cat_fi, r.cat_sv, r.cat_en) {
        (Some(fi), Some(sv), Some(en)) => Some(Localized { fi, sv, en }),
        _ => None,
    };
    Ok(Some(RequestDetail {
        id: r.id,
        number: r.number,
        subject: r.subject,
        status: Status::parse(&r.status).unwrap_or(Status::Open),
        language: Lang::parse(&r.language).unwrap_or_default(),
        channel: r.channel,
        customer_name: r.customer_name,
        customer_email: r.customer_email,
        category,
        created_at: r.created_at,
        timeline: timeline(conn, r.id, false).await?,
    }))
}
