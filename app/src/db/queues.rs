//! Queues (saved filters), their pages and counts, quick search, assignment and "take next".

use crate::domain::classification::{Length, Priority, RequestType};
use crate::domain::people::Skills;
use crate::domain::queues::{COUNT_CAP, NewQueue, QueueFilter, QueueSummary, Search};
use crate::domain::views::{QueueCursor, QueueItem};
use crate::domain::{Lang, Localized, Status};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// A queue row as read; shared with the board.
pub(super) struct QueueRow {
    pub(super) id: i64,
    pub(super) number: String,
    pub(super) subject: String,
    pub(super) customer_name: String,
    pub(super) status: String,
    pub(super) language: String,
    pub(super) created_at: DateTime<Utc>,
    pub(super) priority: String,
    pub(super) resolution_due_at: Option<DateTime<Utc>>,
    pub(super) paused: bool,
    pub(super) breached: bool,
    pub(super) assignee: Option<String>,
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
            priority: Priority::parse(&r.priority).unwrap_or(Priority::Normal),
            due_at: r.resolution_due_at,
            paused: r.paused,
            breached: r.breached,
            assignee: r.assignee,
        }
    }
}

/// The filter's values as bound to a query, `None` meaning "any".
struct Bound {
    request_type: Option<&'static str>,
    category_id: Option<i64>,
    status: Option<&'static str>,
    priority: Option<&'static str>,
    language: Option<&'static str>,
    length: Option<&'static str>,
    unassigned_only: bool,
    routed_to: Option<i64>,
}

fn bound(f: &QueueFilter) -> Bound {
    Bound {
        request_type: f.request_type.map(RequestType::code),
        category_id: f.category_id,
        status: f.status.map(Status::code),
        priority: f.priority.map(Priority::code),
        language: f.language.map(Lang::code),
        length: f.length.map(Length::code),
        unassigned_only: f.unassigned_only,
        routed_to: f.routed_to,
    }
}

/// One page of organisation `organisation_id`'s active requests through `filter` after the
/// keyset `after`: soonest due first (requests without a running clock last), then by priority.
/// Served by the partial index `service_requests_queue` walked in order and stopped at `limit`,
/// or for a routed queue by `service_requests_routed`, which holds only routed requests.
pub async fn page(
    conn: &mut PgConnection,
    organisation_id: i64,
    filter: &QueueFilter,
    after: Option<QueueCursor>,
    limit: i64,
) -> sqlx::Result<Vec<QueueItem>> {
    let f = bound(filter);
    let (due, rank, id) = (
        after.and_then(|c| c.due_at),
        after.map(|c| c.rank),
        after.map(|c| c.id),
    );
    let rows = match f.routed_to {
        None => {
            sqlx::query_as!(
                QueueRow,
                r#"SELECT r.id, r.number, r.subject, r.customer_name, r.status, r.language, r.created_at, r.priority,
                          r.resolution_due_at, r.sla_paused_at IS NOT NULL AS "paused!",
                          r.sla_breached_at IS NOT NULL AS "breached!", u.display_name AS "assignee?"
                 FROM service_requests r LEFT JOIN users u ON u.id = r.assignee_id
                 WHERE r.organisation_id = $1
                   AND r.status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
                   AND ($4::bigint IS NULL
                        OR (r.queue_due_at, r.priority_rank, r.id) > (coalesce($2::timestamptz, 'infinity'), $3::smallint, $4))
                   AND ($6::text IS NULL OR r.request_type = $6) AND ($7::bigint IS NULL OR r.category_id = $7)
                   AND ($8::text IS NULL OR r.status = $8) AND ($9::text IS NULL OR r.priority = $9)
                   AND ($10::text IS NULL OR r.language = $10) AND (NOT $11 OR r.assignee_id IS NULL)
                   AND ($12::text IS NULL OR r.expected_length = $12)
                 ORDER BY r.queue_due_at, r.priority_rank, r.id
                 LIMIT $5"#,
                organisation_id,
                due,
                rank,
                id,
                limit,
                f.request_type,
                f.category_id,
                f.status,
                f.priority,
                f.language,
                f.unassigned_only,
                f.length
            )
            .fetch_all(conn)
            .await?
        }
        Some(queue_id) => {
            sqlx::query_as!(
                QueueRow,
                r#"SELECT r.id, r.number, r.subject, r.customer_name, r.status, r.language, r.created_at, r.priority,
                          r.resolution_due_at, r.sla_paused_at IS NOT NULL AS "paused!",
                          r.sla_breached_at IS NOT NULL AS "breached!", u.display_name AS "assignee?"
                 FROM service_requests r LEFT JOIN users u ON u.id = r.assignee_id
                 WHERE r.queue_id = $12 AND r.organisation_id = $1
                   AND r.status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
                   AND ($4::bigint IS NULL
                        OR (r.queue_due_at, r.priority_rank, r.id) > (coalesce($2::timestamptz, 'infinity'), $3::smallint, $4))
                   AND ($6::text IS NULL OR r.request_type = $6) AND ($7::bigint IS NULL OR r.category_id = $7)
                   AND ($8::text IS NULL OR r.status = $8) AND ($9::text IS NULL OR r.priority = $9)
                   AND ($10::text IS NULL OR r.language = $10) AND (NOT $11 OR r.assignee_id IS NULL)
                   AND ($13::text IS NULL OR r.expected_length = $13)
                 ORDER BY r.queue_due_at, r.priority_rank, r.id
                 LIMIT $5"#,
                organisation_id,
                due,
                rank,
                id,
                limit,
                f.request_type,
                f.category_id,
                f.status,
                f.priority,
                f.language,
                f.unassigned_only,
                queue_id,
                f.length
            )
            .fetch_all(conn)
            .await?
        }
    };
    Ok(rows.into_iter().map(Into::into).collect())
}

/// How many active requests of `organisation_id` pass `filter`, up to [`COUNT_CAP`]; a routed
/// queue's from `service_requests_routed`.
pub async fn count(
    conn: &mut PgConnection,
    organisation_id: i64,
    filter: &QueueFilter,
) -> sqlx::Result<i64> {
    let f = bound(filter);
    sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM (
             (SELECT 1 FROM service_requests r
              WHERE $9::bigint IS NULL AND r.organisation_id = $1
                AND r.status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
                AND ($2::text IS NULL OR r.request_type = $2) AND ($3::bigint IS NULL OR r.category_id = $3)
                AND ($4::text IS NULL OR r.status = $4) AND ($5::text IS NULL OR r.priority = $5)
                AND ($6::text IS NULL OR r.language = $6) AND (NOT $7 OR r.assignee_id IS NULL)
                AND ($10::text IS NULL OR r.expected_length = $10)
              LIMIT $8)
             UNION ALL
             (SELECT 1 FROM service_requests r
              WHERE r.queue_id = $9 AND r.organisation_id = $1
                AND r.status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
                AND ($2::text IS NULL OR r.request_type = $2) AND ($3::bigint IS NULL OR r.category_id = $3)
                AND ($4::text IS NULL OR r.status = $4) AND ($5::text IS NULL OR r.priority = $5)
                AND ($6::text IS NULL OR r.language = $6) AND (NOT $7 OR r.assignee_id IS NULL)
                AND ($10::text IS NULL OR r.expected_length = $10)
              LIMIT $8)) capped"#,
        organisation_id,
        f.request_type,
        f.category_id,
        f.status,
        f.priority,
        f.language,
        f.unassigned_only,
        COUNT_CAP,
        f.routed_to,
        f.length
    )
    .fetch_one(conn)
    .await
}

/// One page of the active requests of `organisation_id` assigned to `user_id`, in queue order
/// after `after`. Served by `service_requests_assigned`.
pub async fn mine(
    conn: &mut PgConnection,
    (organisation_id, user_id): (i64, i64),
    after: Option<QueueCursor>,
    limit: i64,
) -> sqlx::Result<Vec<QueueItem>> {
    let rows = sqlx::query_as!(
        QueueRow,
        r#"SELECT r.id, r.number, r.subject, r.customer_name, r.status, r.language, r.created_at, r.priority,
                  r.resolution_due_at, r.sla_paused_at IS NOT NULL AS "paused!",
                  r.sla_breached_at IS NOT NULL AS "breached!", u.display_name AS "assignee?"
         FROM service_requests r JOIN users u ON u.id = r.assignee_id
         WHERE r.assignee_id = $1 AND r.organisation_id = $6
           AND r.status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
           AND ($4::bigint IS NULL
                OR (r.queue_due_at, r.priority_rank, r.id) > (coalesce($2::timestamptz, 'infinity'), $3::smallint, $4))
         ORDER BY r.queue_due_at, r.priority_rank, r.id
         LIMIT $5"#,
        user_id,
        after.and_then(|c| c.due_at),
        after.map(|c| c.rank),
        after.map(|c| c.id),
        limit,
        organisation_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// How many active requests organisation `organisation_id` has, and how many of them `user_id`
/// holds, each counted up to [`COUNT_CAP`].
pub async fn builtin_counts(
    conn: &mut PgConnection,
    organisation_id: i64,
    user_id: i64,
) -> sqlx::Result<(i64, i64)> {
    let r = sqlx::query!(
        r#"SELECT
             (SELECT count(*) FROM (
                SELECT 1 FROM service_requests
                WHERE organisation_id = $1
                  AND status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
                LIMIT $3) a) AS "all!",
             (SELECT count(*) FROM (
                SELECT 1 FROM service_requests
                WHERE assignee_id = $2 AND organisation_id = $1
                  AND status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
                LIMIT $3) m) AS "mine!""#,
        organisation_id,
        user_id,
        COUNT_CAP
    )
    .fetch_one(conn)
    .await?;
    Ok((r.all, r.mine))
}

/// Requests of organisation `organisation_id` matching a quick search, in any status: by number,
/// by e-mail (newest first) or by the start of the name (alphabetically), at most `limit`.
pub async fn search(
    conn: &mut PgConnection,
    organisation_id: i64,
    search: &Search,
    limit: i64,
) -> sqlx::Result<Vec<QueueItem>> {
    let (number, email, name) = match search {
        Search::Number(n) => (Some(n.as_str()), None, None),
        Search::Email(e) => (None, Some(e.as_str()), None),
        Search::Name(n) => (None, None, Some(Search::name_prefix(n))),
    };
    let rows = sqlx::query_as!(
        QueueRow,
        r#"SELECT r.id, r.number, r.subject, r.customer_name, r.status, r.language, r.created_at, r.priority,
                  r.resolution_due_at, r.sla_paused_at IS NOT NULL AS "paused!",
                  r.sla_breached_at IS NOT NULL AS "breached!", u.display_name AS "assignee?"
         FROM (
             SELECT id FROM service_requests WHERE $2::text IS NOT NULL AND number = $2
             UNION ALL
             (SELECT id FROM service_requests
              WHERE $3::text IS NOT NULL AND organisation_id = $1 AND lower(customer_email) = $3
              ORDER BY lower(customer_email), id DESC LIMIT $5)
             UNION ALL
             (SELECT id FROM service_requests
              WHERE $4::text IS NOT NULL AND organisation_id = $1 AND lower(customer_name) COLLATE "C" LIKE $4
              ORDER BY lower(customer_name) COLLATE "C", id LIMIT $5)
         ) hit
         JOIN service_requests r ON r.id = hit.id
         LEFT JOIN users u ON u.id = r.assignee_id
         WHERE r.organisation_id = $1
         LIMIT $5"#,
        organisation_id,
        number,
        email,
        name,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

struct SummaryRow {
    id: i64,
    personal: bool,
    name_fi: String,
    name_sv: String,
    name_en: String,
    request_type: Option<String>,
    category_id: Option<i64>,
    status: Option<String>,
    priority: Option<String>,
    language: Option<String>,
    expected_length: Option<String>,
    unassigned_only: bool,
    routed_only: bool,
    n: i64,
    head_number: Option<String>,
    head_due: Option<DateTime<Utc>>,
}

/// A queue's stored filter columns, read back.
struct FilterColumns<'a> {
    request_type: Option<&'a str>,
    category_id: Option<i64>,
    status: Option<&'a str>,
    priority: Option<&'a str>,
    language: Option<&'a str>,
    length: Option<&'a str>,
    unassigned_only: bool,
    routed_to: Option<i64>,
}

impl From<FilterColumns<'_>> for QueueFilter {
    fn from(c: FilterColumns<'_>) -> Self {
        QueueFilter {
            request_type: c.request_type.and_then(RequestType::parse),
            category_id: c.category_id,
            status: c.status.and_then(Status::parse),
            priority: c.priority.and_then(Priority::parse),
            language: c.language.and_then(Lang::parse),
            length: c.length.and_then(Length::parse),
            unassigned_only: c.unassigned_only,
            routed_to: c.routed_to,
        }
    }
}

fn filter_of(r: &SummaryRow) -> QueueFilter {
    FilterColumns {
        request_type: r.request_type.as_deref(),
        category_id: r.category_id,
        status: r.status.as_deref(),
        priority: r.priority.as_deref(),
        language: r.language.as_deref(),
        length: r.expected_length.as_deref(),
        unassigned_only: r.unassigned_only,
        routed_to: r.routed_only.then_some(r.id),
    }
    .into()
}

/// The queues `user_id` sees in organisation `organisation_id` (shared ones first, then their
/// own), each with its count up to [`COUNT_CAP`] and its most urgent request, in one query.
pub async fn summaries(
    conn: &mut PgConnection,
    organisation_id: i64,
    user_id: i64,
) -> sqlx::Result<Vec<QueueSummary>> {
    let rows = sqlx::query_as!(
        SummaryRow,
        r#"SELECT q.id, q.owner_user_id IS NOT NULL AS "personal!", q.name_fi, q.name_sv, q.name_en,
                  q.request_type, q.category_id, q.status, q.priority, q.language, q.expected_length,
                  q.unassigned_only,
                  q.routed_only, c.n AS "n!", s.head_number AS "head_number?", s.head_due AS "head_due?"
           FROM queues q
           -- Counting needs no order: the first COUNT_CAP matches of the covering index; a routed
           -- queue's from the routed index (each branch runs only for its kind of queue).
           CROSS JOIN LATERAL (
               SELECT count(*) AS n FROM (
                   (SELECT 1 FROM service_requests r
                    WHERE NOT q.routed_only AND r.organisation_id = q.organisation_id
                      AND r.status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
                      AND (q.request_type IS NULL OR r.request_type = q.request_type)
                      AND (q.category_id IS NULL OR r.category_id = q.category_id)
                      AND (q.status IS NULL OR r.status = q.status)
                      AND (q.priority IS NULL OR r.priority = q.priority)
                      AND (q.language IS NULL OR r.language = q.language)
                      AND (q.expected_length IS NULL OR r.expected_length = q.expected_length)
                      AND (NOT q.unassigned_only OR r.assignee_id IS NULL)
                    LIMIT $3)
                   UNION ALL
                   (SELECT 1 FROM service_requests r
                    WHERE q.routed_only AND r.queue_id = q.id
                      AND r.status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
                      AND (q.request_type IS NULL OR r.request_type = q.request_type)
                      AND (q.category_id IS NULL OR r.category_id = q.category_id)
                      AND (q.status IS NULL OR r.status = q.status)
                      AND (q.priority IS NULL OR r.priority = q.priority)
                      AND (q.language IS NULL OR r.language = q.language)
                      AND (q.expected_length IS NULL OR r.expected_length = q.expected_length)
                      AND (NOT q.unassigned_only OR r.assignee_id IS NULL)
                    LIMIT $3)) capped
           ) c
           -- The head: the index walked in queue order to the first match, reading only the index
           -- (its id), then that one row. Reading the number from each row walked past would make
           -- the planner fear a heap visit per row and sort a bitmap scan of the whole queue instead.
           LEFT JOIN LATERAL (
               SELECT h.number AS head_number, h.resolution_due_at AS head_due
               FROM ((SELECT r.id FROM service_requests r
                WHERE NOT q.routed_only AND r.organisation_id = q.organisation_id
                  AND r.status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
                  AND (q.request_type IS NULL OR r.request_type = q.request_type)
                  AND (q.category_id IS NULL OR r.category_id = q.category_id)
                  AND (q.status IS NULL OR r.status = q.status)
                  AND (q.priority IS NULL OR r.priority = q.priority)
                  AND (q.language IS NULL OR r.language = q.language)
                  AND (q.expected_length IS NULL OR r.expected_length = q.expected_length)
                  AND (NOT q.unassigned_only OR r.assignee_id IS NULL)
                ORDER BY r.queue_due_at, r.priority_rank, r.id
                LIMIT 1)
               UNION ALL
               (SELECT r.id FROM service_requests r
                WHERE q.routed_only AND r.queue_id = q.id
                  AND r.status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
                  AND (q.request_type IS NULL OR r.request_type = q.request_type)
                  AND (q.category_id IS NULL OR r.category_id = q.category_id)
                  AND (q.status IS NULL OR r.status = q.status)
                  AND (q.priority IS NULL OR r.priority = q.priority)
                  AND (q.language IS NULL OR r.language = q.language)
                  AND (q.expected_length IS NULL OR r.expected_length = q.expected_length)
                  AND (NOT q.unassigned_only OR r.assignee_id IS NULL)
                ORDER BY r.queue_due_at, r.priority_rank, r.id
                LIMIT 1)) first JOIN service_requests h ON h.id = first.id
           ) s ON true
           WHERE q.organisation_id = $1 AND (q.owner_user_id IS NULL OR q.owner_user_id = $2)
           ORDER BY q.owner_user_id IS NOT NULL, q.id"#,
        organisation_id,
        user_id,
        COUNT_CAP
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| QueueSummary {
            id: r.id,
            personal: r.personal,
            filter: filter_of(&r),
            name: Localized {
                fi: r.name_fi.clone(),
                sv: r.name_sv.clone(),
                en: r.name_en.clone(),
            },
            count: r.n,
            most_urgent: r.head_number.map(|n| (n, r.head_due)),
        })
        .collect())
}

/// The filter of queue `id`, if `user_id` of `organisation_id` may see it.
pub async fn filter(
    conn: &mut PgConnection,
    organisation_id: i64,
    user_id: i64,
    id: i64,
) -> sqlx::Result<Option<QueueFilter>> {
    let row = sqlx::query!(
        "SELECT id, request_type, category_id, status, priority, language, expected_length,
                unassigned_only, routed_only
         FROM queues WHERE id = $1 AND organisation_id = $2 AND (owner_user_id IS NULL OR owner_user_id = $3)",
        id,
        organisation_id,
        user_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| {
        FilterColumns {
            request_type: r.request_type.as_deref(),
            category_id: r.category_id,
            status: r.status.as_deref(),
            priority: r.priority.as_deref(),
            language: r.language.as_deref(),
            length: r.expected_length.as_deref(),
            unassigned_only: r.unassigned_only,
            routed_to: r.routed_only.then_some(r.id),
        }
        .into()
    }))
}

/// Saves a queue of `organisation_id`; personal ones belong to `user_id`. Returns its id.
pub async fn create(
    conn: &mut PgConnection,
    organisation_id: i64,
    user_id: i64,
    q: &NewQueue,
) -> sqlx::Result<i64> {
    let f = bound(&q.filter);
    sqlx::query_scalar!(
        "INSERT INTO queues (organisation_id, owner_user_id, name_fi, name_sv, name_en, request_type,
             category_id, status, priority, language, unassigned_only, routed_only, expected_length)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         RETURNING id",
        organisation_id,
        q.personal.then_some(user_id),
        q.name.fi,
        q.name.sv,
        q.name.en,
        f.request_type,
        f.category_id,
        f.status,
        f.priority,
        f.language,
        f.unassigned_only,
        q.routed_only,
        f.length
    )
    .fetch_one(conn)
    .await
}

/// Removes queue `id` of `organisation_id`: a personal one only by its owner, a shared one only
/// when `may_share`. Returns whether one was removed.
pub async fn delete(
    conn: &mut PgConnection,
    organisation_id: i64,
    user_id: i64,
    may_share: bool,
    id: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "DELETE FROM queues WHERE id = $1 AND organisation_id = $2
           AND (owner_user_id = $3 OR (owner_user_id IS NULL AND $4))",
        id,
        organisation_id,
        user_id,
        may_share
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives the most urgent unassigned request of `organisation_id` that can be worked on now
/// (new, open or in progress), passes `filter` and fits `skills` to `user_id`, skipping rows
/// another advisor is taking at the same moment. Returns its id.
pub async fn take_next(
    conn: &mut PgConnection,
    organisation_id: i64,
    user_id: i64,
    (filter, skills): (&QueueFilter, &Skills),
    now: DateTime<Utc>,
) -> sqlx::Result<Option<i64>> {
    let f = bound(filter);
    let (languages, categories) = (skills.language_codes(), &skills.category_ids);
    match f.routed_to {
        None => {
            sqlx::query_scalar!(
                "UPDATE service_requests SET assignee_id = $2, assigned_at = $3
                 WHERE id = (
                     SELECT id FROM service_requests
                     WHERE organisation_id = $1 AND assignee_id IS NULL
                       AND status IN ('new', 'open', 'in_progress')
                       AND ($4::text IS NULL OR request_type = $4) AND ($5::bigint IS NULL OR category_id = $5)
                       AND ($6::text IS NULL OR status = $6) AND ($7::text IS NULL OR priority = $7)
                       AND ($8::text IS NULL OR language = $8) AND ($11::text IS NULL OR expected_length = $11)
                       AND (cardinality($9::text[]) = 0 OR language = ANY($9))
                       AND (cardinality($10::bigint[]) = 0 OR category_id = ANY($10))
                     ORDER BY queue_due_at, priority_rank, id
                     LIMIT 1
                     FOR UPDATE SKIP LOCKED)
                 RETURNING id",
                organisation_id,
                user_id,
                now,
                f.request_type,
                f.category_id,
                f.status,
                f.priority,
                f.language,
                &languages,
                categories,
                f.length
            )
            .fetch_optional(conn)
            .await
        }
        Some(queue_id) => {
            sqlx::query_scalar!(
                "UPDATE service_requests SET assignee_id = $2, assigned_at = $3
                 WHERE id = (
                     SELECT id FROM service_requests
                     WHERE queue_id = $11 AND organisation_id = $1 AND assignee_id IS NULL
                       AND status IN ('new', 'open', 'in_progress')
                       AND ($4::text IS NULL OR request_type = $4) AND ($5::bigint IS NULL OR category_id = $5)
                       AND ($6::text IS NULL OR status = $6) AND ($7::text IS NULL OR priority = $7)
                       AND ($8::text IS NULL OR language = $8) AND ($12::text IS NULL OR expected_length = $12)
                       AND (cardinality($9::text[]) = 0 OR language = ANY($9))
                       AND (cardinality($10::bigint[]) = 0 OR category_id = ANY($10))
                     ORDER BY queue_due_at, priority_rank, id
                     LIMIT 1
                     FOR UPDATE SKIP LOCKED)
                 RETURNING id",
                organisation_id,
                user_id,
                now,
                f.request_type,
                f.category_id,
                f.status,
                f.priority,
                f.language,
                &languages,
                categories,
                queue_id,
                f.length
            )
            .fetch_optional(conn)
            .await
        }
    }
}

/// Who works on request `id`, if anyone.
pub async fn assignee(conn: &mut PgConnection, id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!("SELECT assignee_id FROM service_requests WHERE id = $1", id)
        .fetch_optional(conn)
        .await
        .map(Option::flatten)
}

/// Gives request `id` to `user_id` (or nobody) and returns the new assignee's name.
pub async fn set_assignee(
    conn: &mut PgConnection,
    id: i64,
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        r#"WITH done AS (
               UPDATE service_requests SET assignee_id = $2, assigned_at = CASE WHEN $2::bigint IS NULL THEN NULL ELSE $3::timestamptz END
               WHERE id = $1 RETURNING assignee_id)
           SELECT u.display_name AS "name?" FROM done LEFT JOIN users u ON u.id = done.assignee_id"#,
        id,
        user_id,
        now
    )
    .fetch_one(conn)
    .await
}

/// The colleagues a request of `organisation_id` can be given to: its staff, by name.
pub async fn colleagues(
    conn: &mut PgConnection,
    organisation_id: i64,
) -> sqlx::Result<Vec<(i64, String)>> {
    Ok(sqlx::query!(
        "SELECT u.id, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.organisation_id = $1 ORDER BY u.display_name, u.id LIMIT 500",
        organisation_id
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| (r.id, r.display_name))
    .collect())
}
