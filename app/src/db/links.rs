//! Links between requests, and merging a duplicate into the request kept.

use crate::db::events::{NewEvent, append_event};
use crate::db::requests::TrackingKey;
use crate::domain::links::{LinkKind, Relation};
use crate::domain::views::{EventDetail, EventKind, LinkedRequest};
use crate::domain::{Lang, Status};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// The requests linked to request `id` of `organisation_id`, newest first (at most 100).
pub async fn linked(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
) -> sqlx::Result<Vec<LinkedRequest>> {
    let rows = sqlx::query!(
        r#"SELECT l.kind, l.from_request_id = $2 AS "viewed_is_from!", r.id, r.number, r.subject, r.status,
                  r.language
           FROM request_links l
                JOIN service_requests r
                  ON r.id = CASE WHEN l.from_request_id = $2 THEN l.to_request_id ELSE l.from_request_id END
           WHERE l.organisation_id = $1 AND (l.from_request_id = $2 OR l.to_request_id = $2)
           ORDER BY r.id DESC
           LIMIT 100"#,
        organisation_id,
        id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(LinkedRequest {
                relation: Relation::seen_from(LinkKind::parse(&r.kind)?, r.viewed_is_from),
                id: r.id,
                number: r.number,
                subject: r.subject,
                status: Status::parse(&r.status)?,
                language: Lang::parse(&r.language).unwrap_or_default(),
            })
        })
        .collect())
}

/// The id of request `number` in `organisation_id`.
pub async fn find_by_number(
    conn: &mut PgConnection,
    organisation_id: i64,
    number: &str,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!(
        "SELECT id FROM service_requests WHERE number = $1 AND organisation_id = $2",
        number,
        organisation_id
    )
    .fetch_optional(conn)
    .await
}

/// Records a link `from → to` (by an advisor, or by the system when `user_id` is `None`) with a
/// `linked` event on both requests; a child link also sets the subtask's parent. Returns `false`
/// when the link existed already.
pub async fn link(
    conn: &mut PgConnection,
    organisation_id: i64,
    from: (i64, &str),
    to: (i64, &str),
    kind: LinkKind,
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let made = sqlx::query!(
        "INSERT INTO request_links (organisation_id, from_request_id, to_request_id, kind, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        organisation_id,
        from.0,
        to.0,
        kind.code(),
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
    if kind == LinkKind::Child {
        sqlx::query!(
            "UPDATE service_requests SET parent_id = $2 WHERE id = $1",
            to.0,
            from.0
        )
        .execute(&mut *conn)
        .await?;
    }
    for (at, other, viewed_is_from) in [(from, to, true), (to, from, false)] {
        let detail = EventDetail::Linked {
            relation: Relation::seen_from(kind, viewed_is_from),
            number: other.1.to_string(),
        };
        event(
            conn,
            (organisation_id, at.0),
            EventKind::Linked,
            false,
            &detail,
            user_id,
            now,
        )
        .await?;
    }
    Ok(true)
}

async fn event(
    conn: &mut PgConnection,
    at: (i64, i64),
    kind: EventKind,
    public: bool,
    detail: &EventDetail,
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let (organisation_id, request_id) = at;
    let event = NewEvent {
        request_id,
        organisation_id,
        kind,
        actor_user_id: user_id,
        public,
        body: None,
        detail: Some(detail),
        at: now,
    };
    append_event(conn, &event).await
}

/// Merges the duplicate `dup` into `keep` (its row locked by the caller): the duplicate is
/// closed with a pointer to the request kept, both keep their whole history, and each gets a
/// `merged` event (the duplicate's is public, so its customer sees where the matter continues).
pub async fn merge(
    conn: &mut PgConnection,
    dup: &TrackingKey,
    keep: (i64, &str),
    user_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO request_links (organisation_id, from_request_id, to_request_id, kind, created_by, created_at)
         VALUES ($1, $2, $3, 'duplicate', $4, $5) ON CONFLICT DO NOTHING",
        dup.organisation_id,
        dup.id,
        keep.0,
        user_id,
        now
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "UPDATE service_requests SET status = 'closed', merged_into_id = $2, updated_at = $3 WHERE id = $1",
        dup.id,
        keep.0,
        now
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "INSERT INTO request_events (request_id, organisation_id, kind, actor_user_id, public, from_status,
             to_status, channel, created_at)
         VALUES ($1, $2, 'status_changed', $3, true, $4, 'closed', 'desk', $5)",
        dup.id,
        dup.organisation_id,
        user_id,
        dup.status.code(),
        now
    )
    .execute(&mut *conn)
    .await?;
    let into = EventDetail::Merged {
        number: keep.1.to_string(),
        into: true,
    };
    event(
        conn,
        (dup.organisation_id, dup.id),
        EventKind::Merged,
        true,
        &into,
        Some(user_id),
        now,
    )
    .await?;
    let from = EventDetail::Merged {
        number: dup.number.clone(),
        into: false,
    };
    event(
        conn,
        (dup.organisation_id, keep.0),
        EventKind::Merged,
        false,
        &from,
        Some(user_id),
        now,
    )
    .await
}
