//! Server functions for logging phone calls.

use super::types::*;
use crate::domain::phone::CallInput;
use crate::error::AppError;
use leptos::prelude::*;

/// What the call form needs.
#[server(prefix = "/api", endpoint = "load_phone")]
pub async fn load_phone(form: Option<String>) -> Result<PhonePage, AppError> {
    let user = crate::ctx::require_user().await?;
    let flash = crate::ctx::take_flash(form).await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let today = crate::domain::format::helsinki_midnight(chrono::Utc::now());
    Ok(PhonePage {
        categories: crate::db::orgs::categories(&mut conn, user.organisation_id)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect(),
        calls_today: crate::db::phone::count_since(&mut conn, user.organisation_id, today).await?,
        flash,
    })
}

/// Logs a call as a new request or on an existing one, then opens that request.
#[server(prefix = "/api", endpoint = "log_call")]
pub async fn log_call(call: CallInput) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    let state = crate::ctx::state()?;
    let mut tx = state.pool.begin().await?;
    let categories = crate::db::orgs::category_ids(&mut tx, user.organisation_id).await?;
    let now = chrono::Utc::now();
    let logged = match call.parse(&categories) {
        Ok(checked) => {
            crate::requests::phone::log_call(&mut tx, state.mailer(), &user, &checked, now).await?
        }
        Err(errors) => Err(errors),
    };
    let id = match logged {
        Ok(id) => id,
        Err(errors) => {
            drop(tx);
            return crate::ctx::form_failed(&call.truncated(), errors, "/desk/phone").await;
        }
    };
    tx.commit().await?;
    tracing::info!(request_id = id, user_id = user.id, outcome = %call.outcome, "call logged");
    leptos_axum::redirect(&format!("/desk/r/{id}?called=1"));
    Ok(())
}
