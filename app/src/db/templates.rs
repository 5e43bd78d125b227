//! Reply templates.

use crate::domain::Lang;
use crate::domain::templates::{NewTemplate, Template};
use sqlx::PgConnection;

/// The templates of `organisation_id`, in `language` when given, by language and title (at most 200).
pub async fn list(
    conn: &mut PgConnection,
    organisation_id: i64,
    language: Option<Lang>,
) -> sqlx::Result<Vec<Template>> {
    let rows = sqlx::query!(
        "SELECT id, language, title, body FROM reply_templates
         WHERE organisation_id = $1 AND ($2::text IS NULL OR language = $2)
         ORDER BY language, title, id LIMIT 200",
        organisation_id,
        language.map(Lang::code)
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Template {
            id: r.id,
            language: Lang::parse(&r.language).unwrap_or_default(),
            title: r.title,
            body: r.body,
        })
        .collect())
}

/// Saves a template of `organisation_id` written by `user_id`.
pub async fn insert(
    conn: &mut PgConnection,
    organisation_id: i64,
    user_id: i64,
    t: &NewTemplate,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "INSERT INTO reply_templates (organisation_id, language, title, body, created_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
        organisation_id,
        t.language.code(),
        t.title,
        t.body,
        user_id
    )
    .fetch_one(conn)
    .await
}

/// Removes template `id` of `organisation_id`; whether there was one.
pub async fn delete(conn: &mut PgConnection, organisation_id: i64, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "DELETE FROM reply_templates WHERE id = $1 AND organisation_id = $2",
        id,
        organisation_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
