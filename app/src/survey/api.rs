//! Server functions of the survey page.

use super::types::*;
use crate::domain::survey::SurveyInput;
use crate::error::AppError;
use leptos::prelude::*;

/// The survey behind a link. Reading it records nothing.
#[server(prefix = "/api", endpoint = "load_survey")]
pub async fn load_survey(token: String, form: Option<String>) -> Result<SurveyPage, AppError> {
    let state = crate::ctx::state()?;
    let mut conn = state.pool.acquire().await?;
    let s = crate::requests::survey::open_survey(&mut conn, &state.secret, &token, false).await?;
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
    let back = format!("/survey/{token}");
    let answer = match survey.parse() {
        Ok(a) => a,
        Err(errors) => return crate::ctx::form_failed(&survey.truncated(), errors, &back).await,
    };
    let state = crate::ctx::state()?;
    let now = chrono::Utc::now();
    let done = crate::requests::survey::answer(&state.pool, &state.secret, &token, &answer, now);
    let done = done.await?;
    leptos_axum::redirect(&format!("{back}?{done}=1"));
    Ok(())
}
