//! The satisfaction survey: opening it by its link, and the customer's answer, recorded once (a
//! low score reopens the request; see `customer::answer_survey`).

use super::customer::{SurveyOutcome, answer_survey};
use crate::db::surveys::Survey;
use crate::domain::survey::SurveyAnswer;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};

/// Opens the survey a link names: a forged or altered link is `NotFound`, an old one `Expired`.
pub async fn open_survey(
    conn: &mut PgConnection,
    secret: &[u8],
    token: &str,
    for_update: bool,
) -> Result<Survey, AppError> {
    use crate::security::{LinkCheck, check_link_token, link_token_id};
    let id = link_token_id(token).ok_or(AppError::NotFound)?;
    let survey = crate::db::surveys::get(conn, id, for_update)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = chrono::Utc::now().timestamp();
    match check_link_token(secret, "survey", token, survey.id, survey.nonce, now) {
        LinkCheck::Valid => Ok(survey),
        LinkCheck::Expired => Err(AppError::Expired),
        LinkCheck::Invalid => Err(AppError::NotFound),
    }
}

/// Records `answer` to the survey `token` opens; answers what the customer is shown next:
/// `reopened` or `thanks`. A second answer is a `Conflict`.
pub async fn answer(
    pool: &PgPool,
    secret: &[u8],
    token: &str,
    answer: &SurveyAnswer,
    now: DateTime<Utc>,
) -> Result<&'static str, AppError> {
    let mut tx = pool.begin().await?;
    let s = open_survey(&mut tx, secret, token, true).await?;
    let comment = answer.comment.as_deref();
    let outcome = answer_survey(&mut tx, &s, answer.score, comment, now).await?;
    tx.commit().await?;
    let done = match outcome {
        SurveyOutcome::AlreadyAnswered => return Err(AppError::Conflict("answered".into())),
        SurveyOutcome::Reopened => "reopened",
        SurveyOutcome::Recorded => "thanks",
    };
    tracing::info!(
        survey_id = s.id,
        score = answer.score,
        done,
        "survey answered"
    );
    Ok(done)
}
