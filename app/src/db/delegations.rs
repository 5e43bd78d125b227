//! Delegations of requests to other organisations, and what a receiver may read of them.

use crate::db::events::{NewEvent, append_event};
use crate::db::requests::TrackingKey;
use crate::domain::Localized;
use crate::domain::delegation::Delegation;
use crate::domain::views::{DelegatedView, DelegationStep, EventKind};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// The open delegation of a request, if any.
#[derive(Debug, Clone)]
pub struct OpenDelegation {
    pub id: i64,
    pub organisation_id: i64,
    pub to_organisation_id: i64,
    pub created_at: DateTime<Utc>,
}

/// The delegation of request `request_id` that has not been handed back.
pub async fn open_for(
    conn: &mut PgConnection,
    request_id: i64,
) -> sqlx::Result<Option<OpenDelegation>> {
    let row = sqlx::query!(
        "SELECT id, organisation_id, to_organisation_id, created_at FROM delegations
         WHERE request_id = $1 AND returned_at IS NULL",
        request_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| OpenDelegation {
        id: r.id,
        organisation_id: r.organisation_id,
        to_organisation_id: r.to_organisation_id,
        created_at: r.created_at,
    }))
}

/// Hands request `key` to another organisation with an internal `delegated` event; `false` when
/// it is delegated already.
pub async fn start(
    conn: &mut PgConnection,
    key: &TrackingKey,
    d: &Delegation,
    user_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let made = sqlx::query!(
        "INSERT INTO delegations (organisation_id, request_id, to_organisation_id, share_timeline, share_contact,
             note, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (request_id) WHERE returned_at IS NULL DO NOTHING",
        key.organisation_id,
        key.id,
        d.to_organisation_id,
        d.share_timeline,
        d.share_contact,
        d.note,
        user_id,
        now
    )
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if !made {
        return Ok(false);
    }
    sqlx::query!(
        "UPDATE service_requests SET delegated_to_org_id = $2 WHERE id = $1",
        key.id,
        d.to_organisation_id
    )
    .execute(&mut *conn)
    .await?;
    event(conn, key, EventKind::Delegated, &d.note, user_id, now).await?;
    Ok(true)
}

/// Closes an open delegation: the request is the owner's alone again, and the business minutes it
/// spent away are added to its delegation clock.
pub async fn hand_back(
    conn: &mut PgConnection,
    key: &TrackingKey,
    delegation_id: i64,
    note: &str,
    minutes_away: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let closed = sqlx::query!(
        "UPDATE delegations SET returned_at = $2, returned_by = $3, return_note = $4
         WHERE id = $1 AND returned_at IS NULL",
        delegation_id,
        now,
        user_id,
        note
    )
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if !closed {
        return Ok(false);
    }
    sqlx::query!(
        "UPDATE service_requests SET delegated_to_org_id = NULL, delegated_minutes = delegated_minutes + $2
         WHERE id = $1",
        key.id,
        minutes_away as i32
    )
    .execute(&mut *conn)
    .await?;
    event(conn, key, EventKind::HandedBack, note, user_id, now).await?;
    Ok(true)
}

async fn event(
    conn: &mut PgConnection,
    key: &TrackingKey,
    kind: EventKind,
    body: &str,
    user_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let event = NewEvent {
        request_id: key.id,
        organisation_id: key.organisation_id,
        kind,
        actor_user_id: Some(user_id),
        public: false,
        body: Some(body),
        detail: None,
        at: now,
    };
    append_event(conn, &event).await
}

/// Every delegation of a request, oldest first: the trail both sides see.
pub async fn trail(conn: &mut PgConnection, request_id: i64) -> sqlx::Result<Vec<DelegationStep>> {
    let rows = sqlx::query!(
        "SELECT f.name_fi AS from_fi, f.name_sv AS from_sv, f.name_en AS from_en,
                t.name_fi AS to_fi, t.name_sv AS to_sv, t.name_en AS to_en,
                d.note, d.created_at, d.returned_at, d.return_note
         FROM delegations d
              JOIN organisations f ON f.id = d.organisation_id
              JOIN organisations t ON t.id = d.to_organisation_id
         WHERE d.request_id = $1 ORDER BY d.id",
        request_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| DelegationStep {
            from: Localized {
                fi: r.from_fi,
                sv: r.from_sv,
                en: r.from_en,
            },
            to: Localized {
                fi: r.to_fi,
                sv: r.to_sv,
                en: r.to_en,
            },
            note: r.note,
            at: r.created_at,
            returned_at: r.returned_at,
            return_note: r.return_note,
        })
        .collect())
}

/// The requests delegated to `organisation_id` now, soonest due first (at most `limit`).
pub async fn received(
    conn: &mut PgConnection,
    organisation_id: i64,
    limit: i64,
) -> sqlx::Result<Vec<(i64, String, String, DateTime<Utc>, Option<DateTime<Utc>>)>> {
    let rows = sqlx::query!(
        "SELECT id, number, subject, created_at, resolution_due_at FROM service_requests
         WHERE delegated_to_org_id = $1
         ORDER BY queue_due_at, priority_rank, id LIMIT $2",
        organisation_id,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.id, r.number, r.subject, r.created_at, r.resolution_due_at))
        .collect())
}

/// Request `id` as receiver `organisation_id` may read it while it is delegated there: the
/// question, and the customer only if the owner shared them; and whether the owner shared the
/// public timeline (the service reads it then, with `db::events::timeline`).
pub async fn view_for_receiver(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
) -> sqlx::Result<Option<(DelegatedView, bool)>> {
    let Some(r) = sqlx::query!(
        "SELECT r.id, r.number, r.subject, r.message, r.status, r.language, r.customer_name, r.customer_email,
                r.created_at, r.resolution_due_at, d.share_timeline, d.share_contact, d.note,
                o.name_fi, o.name_sv, o.name_en
         FROM service_requests r
              JOIN delegations d ON d.request_id = r.id AND d.returned_at IS NULL
              JOIN organisations o ON o.id = r.organisation_id
         WHERE r.id = $1 AND d.to_organisation_id = $2",
        id,
        organisation_id
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let shared = r.share_timeline;
    let view = DelegatedView {
        id: r.id,
        number: r.number,
        subject: r.subject,
        message: r.message,
        status: crate::domain::Status::parse(&r.status).unwrap_or(crate::domain::Status::Open),
        language: crate::domain::Lang::parse(&r.language).unwrap_or_default(),
        customer: r
            .share_contact
            .then(|| (r.customer_name.clone(), r.customer_email.clone())),
        created_at: r.created_at,
        due_at: r.resolution_due_at,
        owner: Localized {
            fi: r.name_fi,
            sv: r.name_sv,
            en: r.name_en,
        },
        note: r.note,
        timeline: Vec::new(),
        trail: trail(conn, id).await?,
    };
    Ok(Some((view, shared)))
}
