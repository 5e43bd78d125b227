//! Server functions of the request actions.

use crate::domain::request_actions::{SplitInput, SupplierInput};
use crate::error::AppError;
use leptos::prelude::*;

/// Puts request `id` to wait for a supplier, noting who and their reference.
#[server(prefix = "/api", endpoint = "wait_for_supplier")]
pub async fn wait_for_supplier(id: i64, supplier: SupplierInput) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    let wait = match supplier.parse() {
        Ok(w) => w,
        Err(errors) => {
            return crate::ctx::form_failed(&supplier, errors, &format!("/desk/r/{id}")).await;
        }
    };
    let state = crate::ctx::state()?;
    let mut tx = state.pool.begin().await?;
    let now = chrono::Utc::now();
    crate::requests::actions::wait_for_supplier(&mut tx, state.mailer(), &user, id, &wait, now)
        .await?;
    tx.commit().await?;
    tracing::info!(request_id = id, user_id = user.id, "waiting for supplier");
    leptos_axum::redirect(&format!("/desk/r/{id}?supplier=1"));
    Ok(())
}

/// Hurries request `id` on the customer's behalf, at most once a day as the customer could.
#[server(prefix = "/api", endpoint = "hurry_for_customer")]
pub async fn hurry_for_customer(id: i64) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    let mut tx = crate::ctx::pool()?.begin().await?;
    let now = chrono::Utc::now();
    let hurried = crate::requests::actions::hurry_for_customer(&mut tx, &user, id, now).await?;
    tx.commit().await?;
    tracing::info!(
        request_id = id,
        user_id = user.id,
        hurried,
        "hurry for customer"
    );
    let outcome = if hurried { "hurried=1" } else { "hurried=0" };
    leptos_axum::redirect(&format!("/desk/r/{id}?{outcome}"));
    Ok(())
}

/// Splits a part of request `id` off into a new request of the same customer.
#[server(prefix = "/api", endpoint = "split_request")]
pub async fn split_request(id: i64, split: SplitInput) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    let part = match split.parse() {
        Ok(p) => p,
        Err(errors) => {
            return crate::ctx::form_failed(&split, errors, &format!("/desk/r/{id}")).await;
        }
    };
    let state = crate::ctx::state()?;
    let mut tx = state.pool.begin().await?;
    let now = chrono::Utc::now();
    let new_id =
        crate::requests::actions::split(&mut tx, state.mailer(), &user, id, &part, now).await?;
    tx.commit().await?;
    tracing::info!(request_id = id, new_id, user_id = user.id, "request split");
    leptos_axum::redirect(&format!("/desk/r/{new_id}?split_from={id}"));
    Ok(())
}
