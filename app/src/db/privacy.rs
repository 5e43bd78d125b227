//! Privacy notices: one versioned text per organisation and language.

use crate::domain::Lang;
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// A published notice.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Notice {
    pub id: i64,
    pub language: String,
    pub version: i32,
    pub body: String,
    pub published_at: DateTime<Utc>,
}

/// The newest notice of an organisation in `lang`.
pub async fn current(
    conn: &mut PgConnection,
    organisation_id: i64,
    lang: Lang,
) -> sqlx::Result<Option<Notice>> {
    sqlx::query_as!(
        Notice,
        "SELECT id, language, version, body, published_at FROM privacy_notices
         WHERE organisation_id = $1 AND language = $2 ORDER BY version DESC LIMIT 1",
        organisation_id,
        lang.code()
    )
    .fetch_optional(conn)
    .await
}

/// A given version of an organisation's notice in `lang`.
pub async fn version(
    conn: &mut PgConnection,
    organisation_id: i64,
    lang: Lang,
    version: i32,
) -> sqlx::Result<Option<Notice>> {
    sqlx::query_as!(
        Notice,
        "SELECT id, language, version, body, published_at FROM privacy_notices
         WHERE organisation_id = $1 AND language = $2 AND version = $3",
        organisation_id,
        lang.code(),
        version
    )
    .fetch_optional(conn)
    .await
}

/// Publishes `body` as the next version in `lang`, unless it equals the current text. Returns the
/// version now current.
pub async fn publish(
    conn: &mut PgConnection,
    organisation_id: i64,
    lang: Lang,
    body: &str,
    user_id: Option<i64>,
) -> sqlx::Result<i32> {
    // Serialise publishers of one organisation so two cannot take the same version number.
    sqlx::query!(
        "SELECT id FROM organisations WHERE id = $1 FOR UPDATE",
        organisation_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(now) = current(conn, organisation_id, lang).await?
        && now.body == body
    {
        return Ok(now.version);
    }
    sqlx::query_scalar!(
        "INSERT INTO privacy_notices (organisation_id, language, version, body, published_by)
         SELECT $1, $2, COALESCE(MAX(version), 0) + 1, $3, $4 FROM privacy_notices
         WHERE organisation_id = $1 AND language = $2
         RETURNING version",
        organisation_id,
        lang.code(),
        body,
        user_id
    )
    .fetch_one(conn)
    .await
}
