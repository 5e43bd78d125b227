//! Submission keys: which request a form post made, by the key its form was rendered with.

use super::intake::Submitted;
use crate::domain::RequestNumber;
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// The name of the primary key, which a post sent twice at once runs into.
pub const TAKEN: &str = "submission_keys_pkey";

/// The request a post with `key` made, if one did.
pub async fn find(conn: &mut PgConnection, key: &[u8]) -> sqlx::Result<Option<Submitted>> {
    let row = sqlx::query!(
        "SELECT r.id, r.number, r.tracking_nonce
           FROM submission_keys k JOIN service_requests r ON r.id = k.request_id
          WHERE k.key = $1",
        key
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|r| {
        Some(Submitted {
            id: r.id,
            number: RequestNumber::parse(&r.number)?,
            tracking_nonce: r.tracking_nonce,
        })
    }))
}

/// Records which request each key made, in one statement; a key recorded already fails the
/// statement with [`TAKEN`].
pub async fn record(conn: &mut PgConnection, keys: &[Vec<u8>], ids: &[i64]) -> sqlx::Result<()> {
    if keys.is_empty() {
        return Ok(());
    }
    sqlx::query!(
        "INSERT INTO submission_keys (key, request_id) SELECT * FROM unnest($1::bytea[], $2::bigint[])",
        keys,
        ids
    )
    .execute(conn)
    .await
    .map(drop)
}

/// Forgets keys older than a day.
pub async fn forget_old(conn: &mut PgConnection, now: DateTime<Utc>) -> sqlx::Result<u64> {
    let before = now - chrono::Duration::days(1);
    Ok(
        sqlx::query!("DELETE FROM submission_keys WHERE created_at < $1", before)
            .execute(conn)
            .await?
            .rows_affected(),
    )
}
