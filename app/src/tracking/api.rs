//! Server functions of the tracking page.

use crate::domain::views::TrackedRequest;
use crate::error::{AppError, FormFlash};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the customer typed into the answer box.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageInput {
    pub message: String,
}

/// Everything the tracking page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackingPage {
    pub request: TrackedRequest,
    pub can_write: bool,
    /// Whether the customer may still cancel it.
    pub can_cancel: bool,
    pub flash: Option<FormFlash<MessageInput>>,
    /// Errors of a failed cancel posted without JavaScript.
    pub cancel_errors: crate::error::FieldErrors,
}

/// Opens the request a tracking token names. Every failure is the same `NotFound`, so a token
/// reveals nothing about other requests.
#[cfg(feature = "ssr")]
pub async fn open_tracking(
    conn: &mut sqlx::PgConnection,
    token: &str,
    for_update: bool,
) -> Result<crate::db::requests::TrackingKey, AppError> {
    let secret = crate::ctx::state()?.secret;
    let id = crate::security::tracking_token_id(token).ok_or(AppError::NotFound)?;
    let key = crate::db::requests::tracking_key(conn, id, for_update)
        .await?
        .ok_or(AppError::NotFound)?;
    if crate::security::verify_tracking_token(&secret, token, key.id, key.tracking_nonce) {
        Ok(key)
    } else {
        Err(AppError::NotFound)
    }
}

/// The request behind a tracking token, as its customer sees it.
#[server(prefix = "/api", endpoint = "load_tracking")]
pub async fn load_tracking(token: String, form: Option<String>) -> Result<TrackingPage, AppError> {
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let key = open_tracking(&mut conn, &token, false).await?;
    let request = crate::db::requests::tracked(&mut conn, key.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let can_write = request
        .status
        .after_message(crate::domain::Actor::Customer, None)
        .is_some();
    let can_cancel = request
        .status
        .transition(
            crate::domain::Status::Cancelled,
            crate::domain::Actor::Customer,
        )
        .is_ok();
    // Two forms post from this page; the flash carries the values of whichever failed.
    let flash: Option<FormFlash<serde_json::Value>> = crate::ctx::take_flash(form).await?;
    let (flash, cancel_errors) = match flash {
        Some(f) if f.values.get("confirm").is_some() => (None, f.errors),
        Some(f) => (
            serde_json::from_value(f.values)
                .ok()
                .map(|values| FormFlash {
                    values,
                    errors: f.errors,
                }),
            crate::error::FieldErrors::default(),
        ),
        None => (None, crate::error::FieldErrors::default()),
    };
    Ok(TrackingPage {
        request,
        can_write,
        can_cancel,
        flash,
        cancel_errors,
    })
}

/// The customer's answer or added information.
#[server(prefix = "/api", endpoint = "answer_request")]
pub async fn answer_request(token: String, message: String) -> Result<(), AppError> {
    use crate::domain::{Actor, views::EventKind};
    let mut tx = crate::ctx::pool()?.begin().await?;
    let key = open_tracking(&mut tx, &token, true).await?;
    let body = match crate::domain::request::parse_message(&message) {
        Ok(body) => body,
        Err(errors) => {
            drop(tx);
            let values = MessageInput {
                message: message
                    .chars()
                    .take(crate::domain::request::MAX_MESSAGE)
                    .collect(),
            };
            return crate::ctx::form_failed(&values, errors, &format!("/track/{token}")).await;
        }
    };
    let to = key
        .status
        .after_message(Actor::Customer, None)
        .ok_or_else(|| AppError::Conflict("closed".into()))?;
    let now = chrono::Utc::now();
    crate::db::requests::add_message(
        &mut tx,
        &key,
        EventKind::CustomerMessage,
        None,
        &body,
        to,
        "web",
        now,
    )
    .await?;
    if to != key.status {
        crate::requests::service::retime(&mut tx, key.id).await?;
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!("/track/{token}?sent=1"));
    Ok(())
}

/// The customer cancels their request (they tick a box to confirm). Its clocks stop.
#[server(prefix = "/api", endpoint = "cancel_request")]
pub async fn cancel_request(token: String, confirm: Option<String>) -> Result<(), AppError> {
    use crate::domain::{Actor, Status};
    let mut tx = crate::ctx::pool()?.begin().await?;
    let key = open_tracking(&mut tx, &token, true).await?;
    if confirm.is_none() {
        drop(tx);
        let mut errors = crate::error::FieldErrors::default();
        errors.add("confirm", "required");
        let values = CancelInput { confirm: false };
        return crate::ctx::form_failed(&values, errors, &format!("/track/{token}")).await;
    }
    let to = key
        .status
        .transition(Status::Cancelled, Actor::Customer)
        .map_err(|_| AppError::Conflict("not cancellable".into()))?;
    let now = chrono::Utc::now();
    crate::db::requests::change_status(&mut tx, &key, to, None, "web", false, now).await?;
    crate::requests::service::retime(&mut tx, key.id).await?;
    tx.commit().await?;
    tracing::info!(request_id = key.id, "cancelled by the customer");
    leptos_axum::redirect(&format!("/track/{token}?cancelled=1"));
    Ok(())
}

/// What the cancel form keeps after a failed post without JavaScript.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelInput {
    pub confirm: bool,
}
