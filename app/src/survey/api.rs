//! Server functions of the survey page.

use super::types::*;
use crate::domain::survey::SurveyInput;
use crate::error::AppError;
use leptos::prelude::*;

/// Opens the survey a link names: a forged or altered link is `NotFound`, an old one `Expired`.
#[cfg(feature = "ssr")]
async fn open_survey(
    conn: &mut sqlx::PgConnection,
    token: &str,
    for_update: bool,
) -> Result<crate::db::surveys::Survey, AppError> {
    use crate::security::{LinkCheck, check_link_token, link_token_id};
    let secret = crate::ctx::state()?.secret;
    let id = link_token_id(token).ok_or(AppError::NotFound)?;
    let survey = crate::db::surveys::get(conn, id, for_update)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = chrono::Utc::now().timestamp();
    match check_link_token(&secret, "survey", token, survey.id, survey.nonce, now) {
        LinkCheck::Valid => Ok(survey),
        LinkCheck::Expired => Err(AppError::Expired),
        LinkCheck::Invalid => Err(AppError::NotFound),
    }
}

/// The survey behind a link. Reading it records nothing.
#[server(prefix = "/api", endpoint = "load_survey")]
pub async fn load_survey(token: String, form: Option<String>) -> Result<SurveyPage, AppError> {
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let s = open_survey(&mut conn, &token, false).await?;
    drop(conn);
    Ok(SurveyPage {
        number: s.number,
        subject: s.subject,
        answered: s.score,
        flash: crate::ctx::take_flash(form).await?,
    })
}

/// Records the customer's answer, once. A score at or below the organisation's threshold
/// reopens the request and notifies its organisation.
#[server(prefix = "/api", endpoint = "answer_survey")]
pub async fn answer_survey(token: String, survey: SurveyInput) -> Result<(), AppError> {
    use crate::requests::customer::SurveyOutcome;
    let back = format!("/survey/{token}");
    let answer = match survey.parse() {
        Ok(a) => a,
        Err(errors) => return crate::ctx::form_failed(&survey.truncated(), errors, &back).await,
    };
    let mut tx = crate::ctx::pool()?.begin().await?;
    let s = open_survey(&mut tx, &token, true).await?;
    let now = chrono::Utc::now();
    let outcome = crate::requests::customer::answer_survey(
        &mut tx,
        &s,
        answer.score,
        answer.comment.as_deref(),
        now,
    )
    .await?;
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
    leptos_axum::redirect(&format!("{back}?{done}=1"));
    Ok(())
}
