//! Phone contacts: the record of each call, for reports.

use crate::domain::phone::Call;
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// Records `call`, taken by `user_id`, on request `request_id` (made from the call when `new_request`).
pub async fn record(
    conn: &mut PgConnection,
    organisation_id: i64,
    request_id: i64,
    user_id: i64,
    call: &Call,
    new_request: bool,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO phone_contacts (organisation_id, request_id, user_id, caller, phone, duration_seconds,
             outcome, new_request, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        organisation_id,
        request_id,
        user_id,
        call.caller,
        call.phone,
        call.seconds,
        call.outcome.code(),
        new_request,
        now
    )
    .execute(conn)
    .await
    .map(drop)
}

/// How many calls organisation `organisation_id` logged from `since` on.
pub async fn count_since(
    conn: &mut PgConnection,
    organisation_id: i64,
    since: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM phone_contacts WHERE organisation_id = $1 AND created_at >= $2"#,
        organisation_id,
        since
    )
    .fetch_one(conn)
    .await
}
