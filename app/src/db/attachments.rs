//! Files customers attach to their requests.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// A file to store, already checked.
pub struct NewFile<'a> {
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub data: &'a [u8],
}

/// Stores `file` on request `request_id` (and the event it came with).
pub async fn insert(
    conn: &mut PgConnection,
    request_id: i64,
    event_id: Option<i64>,
    file: &NewFile<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    use sha2::Digest;
    let sha = sha2::Sha256::digest(file.data).to_vec();
    sqlx::query_scalar!(
        "INSERT INTO attachments (request_id, event_id, file_name, content_type, size_bytes, sha256, data,
             uploaded_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'customer', $8) RETURNING id",
        request_id,
        event_id,
        file.file_name,
        file.content_type,
        file.data.len() as i32,
        sha,
        file.data,
        now
    )
    .fetch_one(conn)
    .await
}

/// A file as lists show it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Listed {
    pub id: i64,
    pub file_name: String,
    pub size_bytes: i32,
    pub created_at: DateTime<Utc>,
}

/// The files of request `request_id`, oldest first.
pub async fn list(conn: &mut PgConnection, request_id: i64) -> sqlx::Result<Vec<Listed>> {
    sqlx::query_as!(
        Listed,
        "SELECT id, file_name, size_bytes, created_at FROM attachments WHERE request_id = $1 ORDER BY id",
        request_id
    )
    .fetch_all(conn)
    .await
}

/// A file with its bytes.
pub struct Stored {
    pub request_id: i64,
    pub organisation_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

/// File `id` with the organisation owning its request.
pub async fn get(conn: &mut PgConnection, id: i64) -> sqlx::Result<Option<Stored>> {
    sqlx::query_as!(
        Stored,
        "SELECT a.request_id, r.organisation_id, a.file_name, a.content_type, a.data
         FROM attachments a JOIN service_requests r ON r.id = a.request_id WHERE a.id = $1",
        id
    )
    .fetch_optional(conn)
    .await
}

/// How many files request `request_id` has.
pub async fn count(conn: &mut PgConnection, request_id: i64) -> sqlx::Result<i64> {
    Ok(sqlx::query_scalar!(
        "SELECT count(*) FROM attachments WHERE request_id = $1",
        request_id
    )
    .fetch_one(conn)
    .await?
    .unwrap_or(0))
}
