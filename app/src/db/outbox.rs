//! The outbox: every message to a customer, written with what caused it.

use crate::domain::Lang;
use crate::domain::messages::MessageKind;
use crate::domain::views::OutboxMessage;
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// A message to queue.
pub struct NewMessage<'a> {
    pub organisation_id: Option<i64>,
    pub request_id: Option<i64>,
    pub kind: MessageKind,
    pub to_email: &'a str,
    pub language: Lang,
    pub subject: &'a str,
    pub body: &'a str,
    /// When it was made.
    pub at: DateTime<Utc>,
}

/// Queues messages in one statement.
pub async fn put(conn: &mut PgConnection, messages: &[NewMessage<'_>]) -> sqlx::Result<()> {
    let orgs: Vec<Option<i64>> = messages.iter().map(|m| m.organisation_id).collect();
    let requests: Vec<Option<i64>> = messages.iter().map(|m| m.request_id).collect();
    let kinds: Vec<&str> = messages.iter().map(|m| m.kind.code()).collect();
    let to: Vec<&str> = messages.iter().map(|m| m.to_email).collect();
    let languages: Vec<&str> = messages.iter().map(|m| m.language.code()).collect();
    let subjects: Vec<&str> = messages.iter().map(|m| m.subject).collect();
    let bodies: Vec<&str> = messages.iter().map(|m| m.body).collect();
    let ats: Vec<DateTime<Utc>> = messages.iter().map(|m| m.at).collect();
    sqlx::query!(
        "INSERT INTO outbox (organisation_id, request_id, kind, to_email, language, subject, body, created_at)
         SELECT organisation_id, request_id, kind, to_email, language, subject, body, created_at
         FROM UNNEST($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                     $8::timestamptz[])
           AS m(organisation_id, request_id, kind, to_email, language, subject, body, created_at)",
        &orgs as &[Option<i64>],
        &requests as &[Option<i64>],
        &kinds as &[&str],
        &to as &[&str],
        &languages as &[&str],
        &subjects as &[&str],
        &bodies as &[&str],
        &ats
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The newest messages, newest first, before `before` (keyset on id); optionally only those to `to`.
pub async fn recent(
    conn: &mut PgConnection,
    to: Option<&str>,
    before: Option<i64>,
    limit: i64,
) -> sqlx::Result<Vec<OutboxMessage>> {
    sqlx::query_as!(
        OutboxMessage,
        "SELECT id, kind, to_email, language, subject, body, created_at, sent_at FROM outbox
         WHERE id < $1 AND ($2::text IS NULL OR lower(to_email) = lower($2))
         ORDER BY id DESC LIMIT $3",
        before.unwrap_or(i64::MAX),
        to,
        limit
    )
    .fetch_all(conn)
    .await
}

/// A message a delivery worker has taken, with what it is sent as.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub id: i64,
    /// The [`MessageKind`] code.
    pub kind: String,
    pub to_email: String,
    pub language: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    /// Attempts before this one.
    pub attempts: i32,
    /// Fixed the first time the message is taken; `None` until then.
    pub message_id: Option<String>,
    pub request_id: Option<i64>,
    /// The request's number, "" for messages about no request.
    pub number: String,
    /// The organisation's name in the message's language, "" for none.
    pub org_name: String,
    pub from_name: String,
    pub from_address: String,
    /// The organisation's signature in the message's language.
    pub signature: String,
    /// Message-IDs of the request's earlier messages, oldest first.
    pub earlier: Vec<String>,
}

/// Takes up to `limit` messages due at `now` that no other worker holds, in the order they were
/// made, and holds them until `lease_until`: each gets its Message-ID from `message_id` (the first
/// time only) and one more attempt counted. Workers on any number of servers skip each other's
/// rows; a worker that dies lets its lease run out and another takes the message over.
pub async fn claim(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: i64,
    message_id: impl Fn(i64, &str) -> String,
) -> sqlx::Result<Vec<Outgoing>> {
    let rows = sqlx::query!(
        r#"SELECT o.id, o.kind, o.to_email, o.language, o.subject, o.body, o.created_at, o.attempts,
                  o.message_id, o.request_id, r.number AS "number?",
                  CASE o.language WHEN 'sv' THEN g.name_sv WHEN 'en' THEN g.name_en ELSE g.name_fi END
                      AS "org_name?",
                  g.mail_from_name AS "from_name?", g.mail_from_address AS "from_address?",
                  CASE o.language WHEN 'sv' THEN g.signature_sv WHEN 'en' THEN g.signature_en
                      ELSE g.signature_fi END AS "signature?",
                  ARRAY(SELECT p.message_id FROM outbox p
                        WHERE p.request_id = o.request_id AND p.id < o.id AND p.message_id IS NOT NULL
                        ORDER BY p.id DESC LIMIT 20) AS "earlier!"
           FROM outbox o
           LEFT JOIN service_requests r ON r.id = o.request_id
           LEFT JOIN organisations g ON g.id = o.organisation_id
           WHERE o.sent_at IS NULL AND o.failed_at IS NULL AND o.next_attempt_at <= $1
             AND (o.claimed_until IS NULL OR o.claimed_until < $1)
           ORDER BY o.next_attempt_at, o.id
           LIMIT $2
           FOR UPDATE OF o SKIP LOCKED"#,
        now,
        limit
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut taken: Vec<Outgoing> = rows
        .into_iter()
        .map(|r| {
            let mut earlier = r.earlier;
            earlier.reverse();
            Outgoing {
                id: r.id,
                kind: r.kind,
                to_email: r.to_email,
                language: r.language,
                subject: r.subject,
                body: r.body,
                created_at: r.created_at,
                attempts: r.attempts,
                message_id: r.message_id,
                request_id: r.request_id,
                number: r.number.unwrap_or_default(),
                org_name: r.org_name.unwrap_or_default(),
                from_name: r.from_name.unwrap_or_default(),
                from_address: r.from_address.unwrap_or_default(),
                signature: r.signature.unwrap_or_default(),
                earlier,
            }
        })
        .collect();
    // Messages of one request taken together refer to the ones before them too.
    taken.sort_by_key(|m| m.id);
    let mut made: std::collections::HashMap<i64, Vec<String>> = Default::default();
    for m in &mut taken {
        let id = m
            .message_id
            .get_or_insert_with(|| message_id(m.id, &m.from_address))
            .clone();
        if let Some(request) = m.request_id {
            let before = made.entry(request).or_default();
            for e in before.iter() {
                if !m.earlier.contains(e) {
                    m.earlier.push(e.clone());
                }
            }
            before.push(id);
        }
    }
    let ids: Vec<i64> = taken.iter().map(|m| m.id).collect();
    let mids: Vec<String> = taken
        .iter()
        .map(|m| m.message_id.clone().unwrap_or_default())
        .collect();
    sqlx::query!(
        "UPDATE outbox SET claimed_until = $3, attempts = attempts + 1,
                message_id = coalesce(outbox.message_id, m.mid)
         FROM UNNEST($1::bigint[], $2::text[]) AS m(id, mid)
         WHERE outbox.id = m.id",
        &ids,
        &mids,
        lease_until
    )
    .execute(conn)
    .await?;
    Ok(taken)
}

/// Marks messages handed to the mail server.
pub async fn mark_sent(
    conn: &mut PgConnection,
    ids: &[i64],
    at: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE outbox SET sent_at = $2, claimed_until = NULL, last_error = NULL WHERE id = ANY($1)",
        ids,
        at
    )
    .execute(conn)
    .await
    .map(drop)
}

/// Lets message `id` be tried again at `next`, keeping why this attempt failed.
pub async fn mark_retry(
    conn: &mut PgConnection,
    id: i64,
    next: DateTime<Utc>,
    reason: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE outbox SET claimed_until = NULL, next_attempt_at = $2, last_error = $3 WHERE id = $1",
        id,
        next,
        reason
    )
    .execute(conn)
    .await
    .map(drop)
}

/// Gives message `id` up with `reason`; when it was about a request, its timeline shows staff
/// the address and the reason (a `mail_failed` event by the system), in the same statement.
pub async fn mark_failed(
    conn: &mut PgConnection,
    id: i64,
    at: DateTime<Utc>,
    reason: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "WITH f AS (
             UPDATE outbox SET failed_at = $2, claimed_until = NULL, last_error = $3
             WHERE id = $1 AND failed_at IS NULL
             RETURNING request_id, organisation_id, to_email)
         INSERT INTO request_events (request_id, organisation_id, kind, public, body, channel, created_at)
         SELECT f.request_id, f.organisation_id, 'mail_failed', false, f.to_email || ': ' || $3, 'system', $2
         FROM f WHERE f.request_id IS NOT NULL AND f.organisation_id IS NOT NULL",
        id,
        at,
        reason
    )
    .execute(conn)
    .await
    .map(drop)
}

/// Fails the messages with Message-IDs `ids` that a delivery report says never arrived, as
/// [`mark_failed`] does; returns how many it failed (a report about a message already failed, or
/// not ours, fails nothing).
pub async fn fail_reported(
    conn: &mut PgConnection,
    ids: &[String],
    at: DateTime<Utc>,
    reason: &str,
) -> sqlx::Result<u64> {
    if ids.is_empty() {
        return Ok(0);
    }
    let failed = sqlx::query_scalar!(
        r#"WITH f AS (
               UPDATE outbox SET failed_at = $2, claimed_until = NULL, last_error = $3
               WHERE message_id = ANY($1) AND failed_at IS NULL
               RETURNING request_id, organisation_id, to_email),
           e AS (
               INSERT INTO request_events (request_id, organisation_id, kind, public, body, channel, created_at)
               SELECT f.request_id, f.organisation_id, 'mail_failed', false, f.to_email || ': ' || $3, 'system', $2
               FROM f WHERE f.request_id IS NOT NULL AND f.organisation_id IS NOT NULL)
           SELECT count(*) AS "n!" FROM f"#,
        ids,
        at,
        reason
    )
    .fetch_one(conn)
    .await?;
    Ok(failed as u64)
}

/// The messages to request `request_id`'s customer, oldest first, with how their delivery went.
pub async fn for_request(
    conn: &mut PgConnection,
    request_id: i64,
) -> sqlx::Result<Vec<crate::domain::views::Delivery>> {
    sqlx::query_as!(
        crate::domain::views::Delivery,
        r#"SELECT id, kind, to_email, subject, created_at, sent_at, failed_at, last_error, attempts,
                  NULLIF(next_attempt_at, '-infinity') AS "next_attempt_at?"
           FROM outbox WHERE request_id = $1 ORDER BY id LIMIT 200"#,
        request_id
    )
    .fetch_all(conn)
    .await
}
