//! Form flashes: what a form posted without JavaScript contained, kept for one redisplay.

use sqlx::PgConnection;
use uuid::Uuid;

/// Stores a flash and returns its id. Flashes older than 30 minutes are removed on the way.
pub async fn put(conn: &mut PgConnection, payload: &serde_json::Value) -> sqlx::Result<Uuid> {
    sqlx::query!("DELETE FROM form_flashes WHERE created_at < now() - interval '30 minutes'")
        .execute(&mut *conn)
        .await?;
    let id = Uuid::new_v4();
    sqlx::query!(
        "INSERT INTO form_flashes (id, payload) VALUES ($1, $2)",
        id,
        payload
    )
    .execute(conn)
    .await?;
    Ok(id)
}

/// Reads a flash once: it is deleted as it is read.
pub async fn take(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<serde_json::Value>> {
    sqlx::query_scalar!(
        "DELETE FROM form_flashes WHERE id = $1 AND created_at > now() - interval '30 minutes'
         RETURNING payload",
        id
    )
    .fetch_optional(conn)
    .await
}
