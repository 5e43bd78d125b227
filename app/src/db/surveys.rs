//! Satisfaction surveys (kohtaamiskysely), one per resolution.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// Opens a survey for request `request_id`; returns its id.
pub async fn open(
    conn: &mut PgConnection,
    request_id: i64,
    organisation_id: i64,
    nonce: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "INSERT INTO surveys (request_id, organisation_id, nonce, sent_at) VALUES ($1, $2, $3, $4) RETURNING id",
        request_id,
        organisation_id,
        nonce,
        now
    )
    .fetch_one(conn)
    .await
}

/// A survey as its page needs it.
#[derive(Debug, Clone)]
pub struct Survey {
    pub id: i64,
    pub request_id: i64,
    pub organisation_id: i64,
    pub nonce: i64,
    pub number: String,
    pub subject: String,
    pub threshold: i16,
    pub score: Option<i16>,
    pub answered_at: Option<DateTime<Utc>>,
}

/// Survey `id`, locked until commit when `for_update`.
pub async fn get(
    conn: &mut PgConnection,
    id: i64,
    for_update: bool,
) -> sqlx::Result<Option<Survey>> {
    if for_update {
        sqlx::query_as!(
            Survey,
            "SELECT s.id, s.request_id, s.organisation_id, s.nonce, r.number, r.subject,
                    o.survey_threshold AS threshold, s.score, s.answered_at
             FROM surveys s JOIN service_requests r ON r.id = s.request_id
             JOIN organisations o ON o.id = s.organisation_id WHERE s.id = $1 FOR UPDATE OF s",
            id
        )
        .fetch_optional(conn)
        .await
    } else {
        sqlx::query_as!(
            Survey,
            "SELECT s.id, s.request_id, s.organisation_id, s.nonce, r.number, r.subject,
                    o.survey_threshold AS threshold, s.score, s.answered_at
             FROM surveys s JOIN service_requests r ON r.id = s.request_id
             JOIN organisations o ON o.id = s.organisation_id WHERE s.id = $1",
            id
        )
        .fetch_optional(conn)
        .await
    }
}

/// Records the answer of survey `id` and its event on the request.
pub async fn answer(
    conn: &mut PgConnection,
    s: &Survey,
    score: i16,
    comment: Option<&str>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE surveys SET score = $2, comment = $3, answered_at = $4 WHERE id = $1",
        s.id,
        score,
        comment,
        now
    )
    .execute(&mut *conn)
    .await?;
    let detail = serde_json::json!({ "score": score });
    sqlx::query!(
        "INSERT INTO request_events (request_id, organisation_id, kind, public, body, detail, channel, created_at)
         VALUES ($1, $2, 'survey_answered', false, $3, $4, 'web', $5)",
        s.request_id,
        s.organisation_id,
        comment,
        detail,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Tells the owning organisation that a survey answer reopened request `request_id`.
pub async fn notify_low(
    conn: &mut PgConnection,
    organisation_id: i64,
    request_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO notifications (organisation_id, request_id, kind, created_at) VALUES ($1, $2, 'survey_low', $3)",
        organisation_id,
        request_id,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The survey answers of request `request_id`, newest first, for the desk and reports.
pub async fn for_request(
    conn: &mut PgConnection,
    request_id: i64,
) -> sqlx::Result<Vec<(i16, Option<String>, DateTime<Utc>)>> {
    let rows = sqlx::query!(
        r#"SELECT score AS "score!", comment, answered_at AS "answered_at!" FROM surveys
           WHERE request_id = $1 AND answered_at IS NOT NULL ORDER BY id DESC"#,
        request_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.score, r.comment, r.answered_at))
        .collect())
}
