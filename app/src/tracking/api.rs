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
    pub flash: Option<FormFlash<MessageInput>>,
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
    Ok(TrackingPage {
        request,
        can_write,
        flash: crate::ctx::take_flash(form).await?,
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
