//! The `inbound_mail` table: each received mail once per organisation, with what it became, and
//! the lookups that find the request a reply belongs to.

use crate::db::requests::TrackingKey;
use crate::domain::Status;
use crate::domain::classification::RequestType;
use crate::domain::inbound::{Mail, sender_line};
use crate::domain::views::{HeldMail, MailLogRow};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// The longest body kept in the log: the whole text, quoted history included, of any
/// reasonable mail.
pub const MAX_LOGGED_BODY: usize = 200_000;

/// Records `mail` as received by organisation `organisation_id`, unless the same mail (by its
/// key) was recorded already: then `None`, and the caller stops. The row is locked until the
/// caller's transaction ends, so a second copy arriving at the same time waits and then stops.
pub async fn claim(
    conn: &mut PgConnection,
    organisation_id: i64,
    mail: &Mail,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<i64>> {
    let body: String = mail.text.chars().take(MAX_LOGGED_BODY).collect();
    sqlx::query_scalar!(
        "INSERT INTO inbound_mail (organisation_id, mail_key, message_id, received_at, from_email,
                                   from_name, subject, body, outcome)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'ignored')
         ON CONFLICT (organisation_id, mail_key) DO NOTHING RETURNING id",
        organisation_id,
        mail.key,
        mail.message_id,
        now,
        mail.from_email,
        mail.from_name,
        mail.subject,
        body
    )
    .fetch_optional(conn)
    .await
}

/// Records a mail that could not be taken in, known by the hash of its bytes; `false` when the
/// same bytes were refused before.
pub async fn refused(
    conn: &mut PgConnection,
    organisation_id: i64,
    key: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let made = sqlx::query!(
        "INSERT INTO inbound_mail (organisation_id, mail_key, received_at, outcome, reason)
         VALUES ($1, $2, $3, 'refused', $4) ON CONFLICT (organisation_id, mail_key) DO NOTHING",
        organisation_id,
        key,
        now,
        reason
    )
    .execute(conn)
    .await?;
    Ok(made.rows_affected() == 1)
}

/// Sets what mail `id` became.
pub async fn finish(
    conn: &mut PgConnection,
    id: i64,
    outcome: &str,
    request_id: Option<i64>,
    reason: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE inbound_mail SET outcome = $2, request_id = $3, reason = $4 WHERE id = $1",
        id,
        outcome,
        request_id,
        reason
    )
    .execute(conn)
    .await
    .map(drop)
}

/// The request of organisation `organisation_id` that one of `ids` belongs to: a message Luukku
/// sent about it, or an earlier mail that was added to it. The newest reference wins.
pub async fn request_by_message_ids(
    conn: &mut PgConnection,
    organisation_id: i64,
    ids: &[String],
) -> sqlx::Result<Option<i64>> {
    if ids.is_empty() {
        return Ok(None);
    }
    let found = sqlx::query!(
        r#"SELECT r.request_id AS "request_id!", r.message_id AS "message_id!" FROM (
               SELECT request_id, message_id FROM outbox
               WHERE message_id = ANY($2) AND organisation_id = $1 AND request_id IS NOT NULL
               UNION ALL
               SELECT request_id, message_id FROM inbound_mail
               WHERE message_id = ANY($2) AND organisation_id = $1 AND request_id IS NOT NULL
                 AND outcome IN ('request', 'reply')) r"#,
        organisation_id,
        ids
    )
    .fetch_all(conn)
    .await?;
    Ok(ids.iter().find_map(|id| {
        found
            .iter()
            .find(|f| &f.message_id == id)
            .map(|f| f.request_id)
    }))
}

/// A request a mail answers, locked: its key, its customer's address and when it was resolved.
pub struct Answered {
    pub key: TrackingKey,
    pub customer_email: String,
    pub resolved_at: Option<DateTime<Utc>>,
}

pub async fn answered(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
) -> sqlx::Result<Option<Answered>> {
    let r = sqlx::query!(
        "SELECT id, organisation_id, number, tracking_nonce, status, request_type, customer_email,
                resolved_at
         FROM service_requests WHERE id = $1 AND organisation_id = $2 FOR UPDATE",
        id,
        organisation_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(r.map(|r| Answered {
        key: TrackingKey {
            id: r.id,
            organisation_id: r.organisation_id,
            number: r.number,
            tracking_nonce: r.tracking_nonce,
            status: Status::parse(&r.status).unwrap_or(Status::Open),
            request_type: RequestType::parse(&r.request_type)
                .unwrap_or(RequestType::InformationRequest),
        },
        customer_email: r.customer_email,
        resolved_at: r.resolved_at,
    }))
}

/// The mail held on request `request_id` of organisation `organisation_id`, oldest first.
pub async fn held_for(
    conn: &mut PgConnection,
    organisation_id: i64,
    request_id: i64,
) -> sqlx::Result<Vec<HeldMail>> {
    let rows = sqlx::query!(
        "SELECT id, from_name, from_email, subject, body, received_at FROM inbound_mail
         WHERE request_id = $1 AND organisation_id = $2 AND outcome = 'held' AND handled_at IS NULL
         ORDER BY id LIMIT 50",
        request_id,
        organisation_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| HeldMail {
            id: r.id,
            from: sender_line(&r.from_name, &r.from_email),
            subject: r.subject,
            body: r.body,
            at: r.received_at,
        })
        .collect())
}

/// A held mail as it was received, locked until the caller's transaction ends.
pub struct Held {
    pub from_email: String,
    pub from_name: String,
    pub subject: String,
    pub body: String,
}

/// Held mail `id` on request `request_id` of organisation `organisation_id`, locked, when no one
/// has decided on it yet.
pub async fn take_held(
    conn: &mut PgConnection,
    organisation_id: i64,
    request_id: i64,
    id: i64,
) -> sqlx::Result<Option<Held>> {
    sqlx::query_as!(
        Held,
        "SELECT from_email, from_name, subject, body FROM inbound_mail
         WHERE id = $1 AND organisation_id = $2 AND request_id = $3 AND outcome = 'held'
           AND handled_at IS NULL
         FOR UPDATE",
        id,
        organisation_id,
        request_id
    )
    .fetch_optional(conn)
    .await
}

/// Records the decision on held mail `id`: added to its request (`reply`) or made into request
/// `request_id` (`request`).
pub async fn decide(
    conn: &mut PgConnection,
    id: i64,
    outcome: &str,
    request_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE inbound_mail SET outcome = $2, request_id = $3, handled_at = $4 WHERE id = $1",
        id,
        outcome,
        request_id,
        now
    )
    .execute(conn)
    .await
    .map(drop)
}

/// Organisation `organisation_id`'s received mail, newest first, `limit` of them older than
/// `before` (an id; `None` for the newest).
pub async fn log(
    conn: &mut PgConnection,
    organisation_id: i64,
    before: Option<i64>,
    limit: i64,
) -> sqlx::Result<Vec<MailLogRow>> {
    let rows = sqlx::query!(
        r#"SELECT m.id, m.received_at, m.from_name, m.from_email, m.subject, m.outcome, m.reason,
                  m.request_id, r.number AS "number?"
           FROM inbound_mail m LEFT JOIN service_requests r ON r.id = m.request_id
           WHERE m.organisation_id = $1 AND m.id < COALESCE($2, 9223372036854775807)
           ORDER BY m.id DESC LIMIT $3"#,
        organisation_id,
        before,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| MailLogRow {
            id: r.id,
            at: r.received_at,
            from: sender_line(&r.from_name, &r.from_email),
            subject: r.subject,
            outcome: r.outcome,
            reason: r.reason,
            request: r.request_id.zip(r.number),
        })
        .collect())
}
