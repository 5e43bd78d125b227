//! Bulk loading for benchmarks: many requests in one statement (the `seed` command).

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// Column-wise rows of requests to insert together, each with its `submitted` event.
#[derive(Debug, Default)]
pub struct RequestBatch {
    pub organisation_id: Vec<i64>,
    pub number: Vec<String>,
    pub status: Vec<String>,
    pub language: Vec<String>,
    pub category_id: Vec<i64>,
    pub customer_name: Vec<String>,
    pub customer_email: Vec<String>,
    pub subject: Vec<String>,
    pub message: Vec<String>,
    pub created_at: Vec<DateTime<Utc>>,
    pub request_type: Vec<String>,
    pub expected_length: Vec<String>,
    pub priority: Vec<String>,
    /// Resolution due time; `None` while paused.
    pub due_at: Vec<Option<DateTime<Utc>>>,
    /// Who works on it, if anyone.
    pub assignee_id: Vec<Option<i64>>,
}

/// Inserts a batch of web requests and their `submitted` events.
pub async fn insert_requests(conn: &mut PgConnection, b: &RequestBatch) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "WITH ins AS (
            INSERT INTO service_requests (organisation_id, number, tracking_nonce, channel, status, language,
                category_id, customer_name, customer_email, subject, message, consent_at, privacy_url,
                created_at, updated_at, request_type, priority, priority_rank, resolution_due_at, sla_paused_at,
                assignee_id, assigned_at, expected_length)
            SELECT t.org, t.number, (random() * 9e18)::bigint, 'web', t.status, t.language, t.category,
                   t.name, t.email, t.subject, t.message, t.at, '/privacy', t.at, t.at, t.kind, t.priority,
                   CASE t.priority WHEN 'critical' THEN 1 WHEN 'high' THEN 2 WHEN 'normal' THEN 3 ELSE 4 END,
                   t.due, CASE WHEN t.status = 'waiting_for_customer' THEN t.at END,
                   t.assignee, CASE WHEN t.assignee IS NOT NULL THEN t.at END, t.length
            FROM UNNEST($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[],
                        $8::text[], $9::text[], $10::timestamptz[], $11::text[], $12::text[], $13::timestamptz[],
                        $14::bigint[], $15::text[])
                 AS t(org, number, status, language, category, name, email, subject, message, at, kind, priority, due,
                      assignee, length)
            RETURNING id, organisation_id, message, created_at)
         INSERT INTO request_events (request_id, organisation_id, kind, public, body, to_status, channel, created_at)
         SELECT id, organisation_id, 'submitted', true, message, 'new', 'web', created_at FROM ins",
        &b.organisation_id,
        &b.number,
        &b.status,
        &b.language,
        &b.category_id,
        &b.customer_name,
        &b.customer_email,
        &b.subject,
        &b.message,
        &b.created_at,
        &b.request_type,
        &b.priority,
        &b.due_at as &[Option<DateTime<Utc>>],
        &b.assignee_id as &[Option<i64>],
        &b.expected_length
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// The last number used by `organisation_id` in `year`.
pub async fn counter(
    conn: &mut PgConnection,
    organisation_id: i64,
    year: i32,
) -> sqlx::Result<i64> {
    let v = sqlx::query_scalar!(
        "SELECT last_value FROM request_counters WHERE organisation_id = $1 AND year = $2",
        organisation_id,
        year
    )
    .fetch_optional(conn)
    .await?;
    Ok(v.unwrap_or(0))
}

/// Records the last number used by `organisation_id` in `year`.
pub async fn set_counter(
    conn: &mut PgConnection,
    organisation_id: i64,
    year: i32,
    last: i64,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO request_counters (organisation_id, year, last_value) VALUES ($1, $2, $3)
         ON CONFLICT (organisation_id, year) DO UPDATE SET last_value = GREATEST(request_counters.last_value, $3)",
        organisation_id,
        year,
        last
    )
    .execute(conn)
    .await
    .map(drop)
}

/// Every organisation with its category ids and staff.
pub async fn organisations_with_categories(conn: &mut PgConnection) -> sqlx::Result<Vec<SeedOrg>> {
    sqlx::query_as!(
        SeedOrg,
        r#"SELECT o.id, o.prefix, array_agg(c.id ORDER BY c.id) AS "categories!",
                  array(SELECT m.user_id FROM memberships m WHERE m.organisation_id = o.id ORDER BY m.user_id) AS "staff!"
         FROM organisations o JOIN service_categories c ON c.organisation_id = o.id
         GROUP BY o.id, o.prefix ORDER BY o.id"#
    )
    .fetch_all(conn)
    .await
}

/// An organisation as the seeder fills it: its number prefix, categories and staff.
#[derive(Debug, Clone)]
pub struct SeedOrg {
    pub id: i64,
    pub prefix: String,
    pub categories: Vec<i64>,
    pub staff: Vec<i64>,
}
