//! Service requests: reading them, their status and classification, messages, the customer.

use crate::db::events::{NewEvent, append_event};
use crate::domain::classification::Classification;
use crate::domain::classification::{Impact, Length, Priority, RequestType, Urgency};
use crate::domain::sla::Clocks;
use crate::domain::views::{
    CustomerHistory, EventDetail, EventKind, HistoryItem, RequestDetail, ServiceLevel,
    TrackedRequest,
};
use crate::domain::{Lang, Localized, Status};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// How a new request is classified and timed, decided before it is stored.
#[derive(Debug, Clone)]
pub struct Classified {
    pub request_type: RequestType,
    pub urgency: Urgency,
    pub impact: Impact,
    pub priority: Priority,
    pub sla_policy_id: Option<i64>,
    pub clocks: Clocks,
    /// How long handling it is expected to take, until an advisor says otherwise.
    pub length: Length,
}

/// The little a tracking token is checked against, with the row locked when `for_update`.
#[derive(Debug, Clone)]
pub struct TrackingKey {
    pub id: i64,
    pub organisation_id: i64,
    pub number: String,
    pub tracking_nonce: i64,
    pub status: Status,
    pub request_type: RequestType,
}

/// Loads the tracking key of request `id`, locking the row for a following update.
pub async fn tracking_key(
    conn: &mut PgConnection,
    id: i64,
    for_update: bool,
) -> sqlx::Result<Option<TrackingKey>> {
    let row = if for_update {
        sqlx::query!(
            "SELECT id, organisation_id, number, tracking_nonce, status, request_type FROM service_requests
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
                r.request_type,
            )
        })
    } else {
        sqlx::query!(
            "SELECT id, organisation_id, number, tracking_nonce, status, request_type FROM service_requests
             WHERE id = $1",
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
                r.request_type,
            )
        })
    };
    Ok(row.map(
        |(id, organisation_id, number, tracking_nonce, status, request_type)| TrackingKey {
            id,
            organisation_id,
            number,
            tracking_nonce,
            status: Status::parse(&status).unwrap_or(Status::Open),
            request_type: RequestType::parse(&request_type)
                .unwrap_or(RequestType::InformationRequest),
        },
    ))
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
    resolution_due_at: Option<DateTime<Utc>>,
}

/// The request as its customer sees it.
pub async fn tracked(conn: &mut PgConnection, id: i64) -> sqlx::Result<Option<TrackedRequest>> {
    let row = sqlx::query_as!(
        TrackedRow,
        "SELECT r.number, o.name_fi, o.name_sv, o.name_en, r.subject, r.status, r.language, r.created_at,
                r.resolution_due_at
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
        expected_by: r
            .resolution_due_at
            .filter(|_| Status::parse(&r.status).is_some_and(Status::is_active)),
        // Read by the service (`db::events::timeline`), as every view is put together there.
        timeline: Vec::new(),
    }))
}

/// A public message on a request and the status it moves the request to.
#[derive(Debug, Clone, Copy)]
pub struct Message<'a> {
    pub kind: EventKind,
    /// `None` for the customer.
    pub actor_user_id: Option<i64>,
    pub body: &'a str,
    pub to: Status,
    pub channel: &'a str,
}

/// Adds message `m` to a request, with a status change event when the status moves.
pub async fn add_message(
    conn: &mut PgConnection,
    key: &TrackingKey,
    m: &Message<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    let Message {
        kind,
        actor_user_id,
        body,
        to,
        channel,
    } = *m;
    let event_id = sqlx::query_scalar!(
        "INSERT INTO request_events (request_id, organisation_id, kind, actor_user_id, public, body, channel, created_at)
         VALUES ($1, $2, $3, $4, true, $5, $6, $7) RETURNING id",
        key.id,
        key.organisation_id,
        kind.code(),
        actor_user_id,
        body,
        channel,
        now
    )
    .fetch_one(&mut *conn)
    .await?;
    let staff_reply = kind == EventKind::Reply && actor_user_id.is_some();
    change_status(conn, key, to, actor_user_id, channel, staff_reply, now).await?;
    Ok(event_id)
}

/// Moves request `key` to `to` with a public `status_changed` event (none when it stays put).
/// `staff_reply` stamps the first response; resolving stamps the resolution, reopening clears it.
pub async fn change_status(
    conn: &mut PgConnection,
    key: &TrackingKey,
    to: Status,
    actor_user_id: Option<i64>,
    channel: &str,
    staff_reply: bool,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
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
        "UPDATE service_requests SET status = $2, updated_at = $3,
            first_response_at = CASE WHEN $4 THEN coalesce(first_response_at, $3) ELSE first_response_at END,
            resolved_at = CASE WHEN $2 = 'resolved' THEN $3 WHEN $5 THEN NULL ELSE resolved_at END
         WHERE id = $1",
        key.id,
        to.code(),
        now,
        staff_reply,
        to.is_active()
    )
    .execute(conn)
    .await?;
    Ok(())
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
    category_id: Option<i64>,
    problem_code_id: Option<i64>,
    request_type: String,
    urgency: String,
    impact: String,
    priority: String,
    policy_name: Option<String>,
    first_response_due_at: Option<DateTime<Utc>>,
    first_response_at: Option<DateTime<Utc>>,
    resolution_due_at: Option<DateTime<Utc>>,
    sla_paused_at: Option<DateTime<Utc>>,
    breached: bool,
    supplier_wait_minutes: i32,
    legal_hold: bool,
    work_order_id: Option<i64>,
    delegated_to_org_id: Option<i64>,
    delegated_minutes: i32,
    assignee_id: Option<i64>,
    assignee_name: Option<String>,
    customer_org: Option<String>,
    supplier_name: Option<String>,
    supplier_reference: Option<String>,
    kb_article_url: Option<String>,
    queue_id: Option<i64>,
    expected_length: String,
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
                  r.created_at, r.category_id, r.problem_code_id, r.request_type, r.urgency, r.impact, r.priority, p.name AS "policy_name?",
                  r.first_response_due_at, r.first_response_at, r.resolution_due_at, r.sla_paused_at,
                  r.sla_breached_at IS NOT NULL AS "breached!", r.supplier_wait_minutes, r.legal_hold,
                  r.work_order_id, r.delegated_to_org_id, r.delegated_minutes, r.assignee_id,
                  u.display_name AS "assignee_name?", r.customer_org, r.supplier_name, r.supplier_reference,
                  r.kb_article_url, r.queue_id, r.expected_length
         FROM service_requests r
              LEFT JOIN service_categories c ON c.id = r.category_id
              LEFT JOIN sla_policies p ON p.id = r.sla_policy_id
              LEFT JOIN users u ON u.id = r.assignee_id
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
        service_level: ServiceLevel {
            request_type: RequestType::parse(&r.request_type)
                .unwrap_or(RequestType::InformationRequest),
            category_id: r.category_id,
            problem_code_id: r.problem_code_id,
            urgency: Urgency::parse(&r.urgency).unwrap_or(Urgency::Medium),
            impact: Impact::parse(&r.impact).unwrap_or(Impact::Medium),
            priority: Priority::parse(&r.priority).unwrap_or(Priority::Normal),
            length: Length::parse(&r.expected_length).unwrap_or(Length::Normal),
            policy_name: r.policy_name,
            first_response_due: r.first_response_due_at,
            first_response_at: r.first_response_at,
            due_at: r.resolution_due_at,
            paused_since: r.sla_paused_at,
            breached: r.breached,
            supplier_wait_minutes: r.supplier_wait_minutes,
            delegated_minutes: r.delegated_minutes,
            explanation: None,
        },
        legal_hold: r.legal_hold,
        work_order_id: r.work_order_id,
        delegated: r.delegated_to_org_id.is_some(),
        // The trail, links and timeline are read by the service that puts the view together.
        delegation_trail: Vec::new(),
        links: Vec::new(),
        timeline: Vec::new(),
        assignee: r.assignee_id.zip(r.assignee_name),
        customer_org: r.customer_org,
        supplier: r.supplier_name.map(|name| (name, r.supplier_reference)),
        kb_article_url: r.kb_article_url,
        queue_id: r.queue_id,
    }))
}

/// Notes on request `id` the supplier it waits for and their reference.
pub async fn set_supplier(
    conn: &mut PgConnection,
    id: i64,
    supplier: &str,
    reference: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE service_requests SET supplier_name = $2, supplier_reference = $3 WHERE id = $1",
        id,
        supplier,
        reference
    )
    .execute(conn)
    .await
    .map(drop)
}

/// Notes on request `id` the knowledge-base article its resolution used.
pub async fn set_kb_article(conn: &mut PgConnection, id: i64, url: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE service_requests SET kb_article_url = $2 WHERE id = $1",
        id,
        url
    )
    .execute(conn)
    .await
    .map(drop)
}

/// The other requests of request `id`'s customer (same e-mail address) and of their
/// organisation, newest first, at most `limit` of each; served by `service_requests_by_customer`
/// and `service_requests_by_customer_org`.
pub async fn customer_history(
    conn: &mut PgConnection,
    id: i64,
    limit: i64,
) -> sqlx::Result<CustomerHistory> {
    let rows = sqlx::query!(
        r#"WITH me AS (
               SELECT organisation_id, lower(customer_email) AS email, lower(customer_org) AS org
               FROM service_requests WHERE id = $1)
           (SELECT false AS "by_org!", r.id AS "id!", r.number AS "number!", r.subject AS "subject!",
                   r.status AS "status!", r.created_at AS "created_at!"
            FROM me JOIN service_requests r
              ON r.organisation_id = me.organisation_id AND lower(r.customer_email) = me.email
            WHERE r.id <> $1 AND me.email <> ''
            ORDER BY r.id DESC LIMIT $2)
           UNION ALL
           (SELECT true, r.id, r.number, r.subject, r.status, r.created_at
            FROM me JOIN service_requests r
              ON r.organisation_id = me.organisation_id AND lower(r.customer_org) = me.org
            WHERE r.id <> $1 AND r.customer_org IS NOT NULL
            ORDER BY r.id DESC LIMIT $2)"#,
        id,
        limit
    )
    .fetch_all(conn)
    .await?;
    let mut history = CustomerHistory::default();
    for r in rows {
        let item = HistoryItem {
            id: r.id,
            number: r.number,
            subject: r.subject,
            status: Status::parse(&r.status).unwrap_or(Status::Open),
            created_at: r.created_at,
        };
        if r.by_org {
            history.same_org.push(item);
        } else {
            history.same_customer.push(item);
        }
    }
    Ok(history)
}

/// What a reclassification starts from, with the request row locked.
#[derive(Debug, Clone)]
pub struct CurrentClass {
    pub priority: Priority,
    pub customer_org: Option<String>,
}

/// The current priority and customer organisation of request `id` of `organisation_id`, locking
/// the row; `None` when it belongs to another organisation.
pub async fn class_for_update(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
) -> sqlx::Result<Option<CurrentClass>> {
    let row = sqlx::query!(
        "SELECT priority, customer_org FROM service_requests
         WHERE id = $1 AND organisation_id = $2 FOR UPDATE",
        id,
        organisation_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| CurrentClass {
        priority: Priority::parse(&r.priority).unwrap_or(Priority::Normal),
        customer_org: r.customer_org,
    }))
}

/// Stores a reclassification with its `classified` event and, when the priority moved, a
/// `priority_changed` event; both internal.
#[expect(
    clippy::too_many_arguments,
    reason = "the events carry who, when, what it was and what it became"
)]
pub async fn reclassify(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
    c: &Classification,
    was: &CurrentClass,
    sla_policy_id: Option<i64>,
    actor_user_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let names = sqlx::query!(
        r#"SELECT c.name_fi AS "cat_fi?", c.name_sv AS "cat_sv?", c.name_en AS "cat_en?",
                  p.name_fi AS "code_fi?", p.name_sv AS "code_sv?", p.name_en AS "code_en?"
           FROM (SELECT 1) AS one
                LEFT JOIN service_categories c ON c.id = $1
                LEFT JOIN problem_codes p ON p.id = $2"#,
        c.category_id,
        c.problem_code_id
    )
    .fetch_one(&mut *conn)
    .await?;
    let localized = |fi: Option<String>, sv: Option<String>, en: Option<String>| {
        Some(Localized {
            fi: fi?,
            sv: sv?,
            en: en?,
        })
    };
    sqlx::query!(
        "UPDATE service_requests SET request_type = $3, category_id = $4, problem_code_id = $5,
            urgency = $6, impact = $7, priority = $8, priority_rank = $9, sla_policy_id = $10, updated_at = $11,
            expected_length = $12
         WHERE id = $1 AND organisation_id = $2",
        id,
        organisation_id,
        c.request_type.code(),
        c.category_id,
        c.problem_code_id,
        c.urgency.code(),
        c.impact.code(),
        c.priority.code(),
        c.priority.rank(),
        sla_policy_id,
        now,
        c.length.code()
    )
    .execute(&mut *conn)
    .await?;
    let mut events = vec![(
        EventKind::Classified,
        EventDetail::Classified {
            request_type: c.request_type,
            category: localized(names.cat_fi, names.cat_sv, names.cat_en),
            problem_code: localized(names.code_fi, names.code_sv, names.code_en),
            urgency: c.urgency,
            impact: c.impact,
        },
    )];
    if c.priority != was.priority || c.override_reason.is_some() {
        events.push((
            EventKind::PriorityChanged,
            EventDetail::Priority {
                from: was.priority,
                to: c.priority,
                reason: c.override_reason.clone(),
            },
        ));
    }
    for (kind, detail) in &events {
        let event = NewEvent {
            request_id: id,
            organisation_id,
            kind: *kind,
            actor_user_id: Some(actor_user_id),
            public: false,
            body: None,
            detail: Some(detail),
            at: now,
        };
        append_event(conn, &event).await?;
    }
    Ok(())
}

/// Who a request's messages go to and what they mention.
#[derive(Debug, Clone)]
pub struct Contact {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation: Localized,
    pub number: String,
    pub subject: String,
    pub email: String,
    pub language: Lang,
    pub tracking_nonce: i64,
}

/// Everything a public message to request `id` needs, read once and locked for the change: its
/// key, its customer's contact facts, and what its clocks start from.
#[derive(Debug, Clone)]
pub struct MessageTarget {
    pub key: TrackingKey,
    pub contact: Contact,
    pub created_at: DateTime<Utc>,
    pub sla_policy_id: Option<i64>,
}

/// Reads and locks request `id` for a public message (see [`MessageTarget`]).
pub async fn message_target(
    conn: &mut PgConnection,
    id: i64,
) -> sqlx::Result<Option<MessageTarget>> {
    let r = sqlx::query!(
        "SELECT r.id, r.organisation_id, o.name_fi, o.name_sv, o.name_en, r.number, r.subject,
                r.customer_email, r.language, r.tracking_nonce, r.status, r.request_type,
                r.created_at, r.sla_policy_id
         FROM service_requests r JOIN organisations o ON o.id = r.organisation_id
         WHERE r.id = $1 FOR UPDATE OF r",
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(r.map(|r| MessageTarget {
        key: TrackingKey {
            id: r.id,
            organisation_id: r.organisation_id,
            number: r.number.clone(),
            tracking_nonce: r.tracking_nonce,
            status: Status::parse(&r.status).unwrap_or(Status::Open),
            request_type: RequestType::parse(&r.request_type)
                .unwrap_or(RequestType::InformationRequest),
        },
        contact: Contact {
            id: r.id,
            organisation_id: r.organisation_id,
            organisation: Localized {
                fi: r.name_fi,
                sv: r.name_sv,
                en: r.name_en,
            },
            number: r.number,
            subject: r.subject,
            email: r.customer_email,
            language: Lang::parse(&r.language).unwrap_or_default(),
            tracking_nonce: r.tracking_nonce,
        },
        created_at: r.created_at,
        sla_policy_id: r.sla_policy_id,
    }))
}

/// The contact facts of request `id`.
pub async fn contact(conn: &mut PgConnection, id: i64) -> sqlx::Result<Option<Contact>> {
    let r = sqlx::query!(
        "SELECT r.id, r.organisation_id, o.name_fi, o.name_sv, o.name_en, r.number, r.subject,
                r.customer_email, r.language, r.tracking_nonce
         FROM service_requests r JOIN organisations o ON o.id = r.organisation_id WHERE r.id = $1",
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(r.map(|r| Contact {
        id: r.id,
        organisation_id: r.organisation_id,
        organisation: Localized {
            fi: r.name_fi,
            sv: r.name_sv,
            en: r.name_en,
        },
        number: r.number,
        subject: r.subject,
        email: r.customer_email,
        language: Lang::parse(&r.language).unwrap_or_default(),
        tracking_nonce: r.tracking_nonce,
    }))
}

/// The request numbered `number` if `email` is its customer's (case-insensitive).
pub async fn find_for_customer(
    conn: &mut PgConnection,
    number: &str,
    email: &str,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!(
        "SELECT id FROM service_requests WHERE number = $1 AND lower(customer_email) = lower($2)",
        number,
        email
    )
    .fetch_optional(conn)
    .await
}

/// Gives request `key` a new tracking nonce, so every link given out before stops working, and
/// records that on its timeline.
pub async fn revoke_links(
    conn: &mut PgConnection,
    key: &TrackingKey,
    nonce: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE service_requests SET tracking_nonce = $2 WHERE id = $1",
        key.id,
        nonce
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "INSERT INTO request_events (request_id, organisation_id, kind, public, channel, created_at)
         VALUES ($1, $2, 'links_revoked', true, 'web', $3)",
        key.id,
        key.organisation_id,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a customer's hurry-up on request `id` unless one was recorded since `since`; `false`
/// when it was too soon.
pub async fn hurry(
    conn: &mut PgConnection,
    key: &TrackingKey,
    actor_user_id: Option<i64>,
    channel: &str,
    now: DateTime<Utc>,
    since: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "UPDATE service_requests SET hurry_count = hurry_count + 1, last_hurry_at = $2
         WHERE id = $1 AND (last_hurry_at IS NULL OR last_hurry_at <= $3)",
        key.id,
        now,
        since
    )
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query!(
        "INSERT INTO request_events (request_id, organisation_id, kind, actor_user_id, public, channel, created_at)
         VALUES ($1, $2, 'hurry_up', $3, true, $4, $5)",
        key.id,
        key.organisation_id,
        actor_user_id,
        channel,
        now
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "INSERT INTO notifications (organisation_id, request_id, kind, created_at) VALUES ($1, $2, 'hurry_up', $3)",
        key.organisation_id,
        key.id,
        now
    )
    .execute(conn)
    .await?;
    Ok(true)
}

/// When the customer last hurried request `id`.
pub async fn last_hurry(conn: &mut PgConnection, id: i64) -> sqlx::Result<Option<DateTime<Utc>>> {
    Ok(sqlx::query_scalar!(
        "SELECT last_hurry_at FROM service_requests WHERE id = $1",
        id
    )
    .fetch_optional(conn)
    .await?
    .flatten())
}

/// The answers of request `id` of `organisation_id` with the fields of the form version they
/// answered, and its hurry-ups.
pub struct FormAnswers {
    pub answers: Option<serde_json::Value>,
    pub fields: Option<serde_json::Value>,
    pub hurry_count: i32,
    pub last_hurry_at: Option<DateTime<Utc>>,
}

/// See [`FormAnswers`]; `None` for another organisation's request.
pub async fn form_answers(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
) -> sqlx::Result<Option<FormAnswers>> {
    sqlx::query_as!(
        FormAnswers,
        r#"SELECT r.answers, v.fields AS "fields?", r.hurry_count, r.last_hurry_at
           FROM service_requests r LEFT JOIN form_versions v ON v.id = r.form_version_id
           WHERE r.id = $1 AND r.organisation_id = $2"#,
        id,
        organisation_id
    )
    .fetch_optional(conn)
    .await
}

/// What a request split off request `id` of `organisation_id` takes over from it: the customer,
/// their language and organisation, the type and category. `None` for another organisation's.
pub struct SplitSource {
    pub customer_name: String,
    pub customer_email: String,
    pub language: Lang,
    pub category_id: Option<i64>,
    pub customer_org: Option<String>,
    pub request_type: RequestType,
}

/// Reads [`SplitSource`] of request `id` of `organisation_id`.
pub async fn split_source(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
) -> sqlx::Result<Option<SplitSource>> {
    Ok(sqlx::query!(
        "SELECT customer_name, customer_email, language, category_id, customer_org, request_type
         FROM service_requests WHERE id = $1 AND organisation_id = $2",
        id,
        organisation_id
    )
    .fetch_optional(conn)
    .await?
    .map(|r| SplitSource {
        customer_name: r.customer_name,
        customer_email: r.customer_email,
        language: Lang::parse(&r.language).unwrap_or_default(),
        category_id: r.category_id,
        customer_org: r.customer_org,
        request_type: RequestType::parse(&r.request_type)
            .unwrap_or(RequestType::InformationRequest),
    }))
}
