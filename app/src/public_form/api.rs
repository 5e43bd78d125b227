//! Server functions of the public forms.

// `submit_request` takes one argument per form field. The lint fires only on the browser's
// generated stub (which no attribute on the function reaches), hence a module-level `allow`.
#![allow(clippy::too_many_arguments)]

use crate::domain::{AskInput, Localized};
use crate::error::{AppError, FormFlash};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// An organisation on the start page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgCard {
    pub slug: String,
    pub name: Localized,
}

/// A category a citizen can choose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryOption {
    pub id: i64,
    pub name: Localized,
}

/// Everything the "Ask for advice" page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AskForm {
    pub org: OrgCard,
    pub privacy_url: String,
    pub categories: Vec<CategoryOption>,
    pub flash: Option<FormFlash<AskInput>>,
}

/// What the confirmation page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Confirmation {
    pub number: String,
    pub token: String,
}

/// The organisations whose forms are public, by name in the reader's language.
#[server(prefix = "/api", endpoint = "list_forms")]
pub async fn list_forms() -> Result<Vec<OrgCard>, AppError> {
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let orgs = crate::db::orgs::list(&mut conn).await?;
    // Alphabetical in the reader's language (the database orders by the Finnish name).
    let lang = crate::ctx::lang();
    let mut cards: Vec<OrgCard> = orgs
        .into_iter()
        .map(|o| OrgCard {
            slug: o.slug,
            name: o.name,
        })
        .collect();
    cards.sort_by_cached_key(|c| c.name.get(lang).to_lowercase());
    Ok(cards)
}

/// The "Ask for advice" form of organisation `org`, with what was typed if a post without
/// JavaScript failed (`form` is the flash id).
#[server(prefix = "/api", endpoint = "load_ask_form")]
pub async fn load_ask_form(org: String, form: Option<String>) -> Result<AskForm, AppError> {
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let o = crate::db::orgs::find_by_slug(&mut conn, &org)
        .await?
        .ok_or(AppError::NotFound)?;
    let categories = crate::db::orgs::categories(&mut conn, o.id).await?;
    Ok(AskForm {
        org: OrgCard {
            slug: o.slug,
            name: o.name,
        },
        privacy_url: o.privacy_url,
        categories: categories
            .into_iter()
            .map(|c| CategoryOption {
                id: c.id,
                name: c.name,
            })
            .collect(),
        flash: crate::ctx::take_flash(form).await?,
    })
}

/// Stores a citizen's question and sends the browser to its confirmation. Invalid input comes back
/// as field errors; nothing is stored until everything is valid.
#[server(prefix = "/api", endpoint = "submit_request")]
pub async fn submit_request(
    org: String,
    name: String,
    email: String,
    language: String,
    category: String,
    subject: String,
    message: String,
    consent: Option<String>,
) -> Result<(), AppError> {
    let input = AskInput {
        name,
        email,
        language,
        category,
        subject,
        message,
        consent: consent.is_some(),
    };
    let state = crate::ctx::state()?;
    let mut tx = state.pool.begin().await?;
    let o = crate::db::orgs::find_by_slug(&mut tx, &org)
        .await?
        .ok_or(AppError::NotFound)?;
    let allowed: Vec<i64> = crate::db::orgs::categories(&mut tx, o.id)
        .await?
        .iter()
        .map(|c| c.id)
        .collect();
    let request = match input.parse(&allowed) {
        Ok(request) => request,
        Err(errors) => {
            return crate::ctx::form_failed(
                &input.truncated(),
                errors,
                &format!("/o/{}/ask", o.slug),
            )
            .await;
        }
    };
    let now = chrono::Utc::now();
    let stored =
        crate::requests::service::submit_web(&mut tx, &o, &request, now, rand::random()).await?;
    tx.commit().await?;
    tracing::info!(
        request_id = stored.id,
        number = stored.number.as_str(),
        "request submitted"
    );
    let token = crate::security::tracking_token(&state.secret, stored.id, stored.tracking_nonce);
    leptos_axum::redirect(&format!("/sent/{token}"));
    Ok(())
}

/// The number and tracking token of a just-submitted request, if the token is valid.
#[server(prefix = "/api", endpoint = "load_confirmation")]
pub async fn load_confirmation(token: String) -> Result<Confirmation, AppError> {
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let key = crate::tracking::api::open_tracking(&mut conn, &token, false).await?;
    Ok(Confirmation {
        number: key.number,
        token,
    })
}
