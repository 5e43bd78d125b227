//! Server functions of the public forms.

use super::types::*;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

/// The organisations and their public forms, by name in the reader's language.
#[server(prefix = "/api", endpoint = "list_forms")]
pub async fn list_forms() -> Result<Vec<OrgCard>, AppError> {
    let mut conn = crate::ctx::pool()?.acquire().await?;
    super::service::start_page(&mut conn, crate::ctx::lang()).await
}

/// Form `form` of organisation `org`, with what was typed if a post without JavaScript failed
/// (`flash` is the flash id).
#[server(prefix = "/api", endpoint = "load_form")]
pub async fn load_form(
    org: String,
    form: String,
    flash: Option<String>,
) -> Result<PublicForm, AppError> {
    let state = crate::ctx::state()?;
    let stamp = crate::abuse::form_stamp(&state.secret, chrono::Utc::now().timestamp());
    let mut conn = state.pool.acquire().await?;
    let mut page = super::service::form_page(&mut conn, &org, &form, stamp).await?;
    drop(conn);
    page.flash = crate::ctx::take_flash(flash).await?;
    Ok(page)
}

/// Stores a citizen's form and sends the browser to its confirmation. Takes the form as
/// `multipart/form-data` (it may carry files), with or without JavaScript. Invalid input comes
/// back as field errors and nothing is stored; a bot's post (honeypot filled, sent faster than a
/// person types) or too many posts are refused with a reason.
#[server(prefix = "/api", endpoint = "submit_form", input = MultipartFormData)]
pub async fn submit_form(data: MultipartData) -> Result<(), AppError> {
    let state = crate::ctx::state()?;
    let now = chrono::Utc::now();
    let posted = crate::uploads::read(data).await?;
    super::service::submit_or_keep(&state, posted, now).await
}

/// The post kept as `id` when the database was out of reach (read from memory only).
#[server(prefix = "/api", endpoint = "load_unsent")]
pub async fn load_unsent(id: String) -> Result<UnsentPost, AppError> {
    let state = crate::ctx::state()?;
    let id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let kept = state
        .unsent
        .get(id, chrono::Utc::now().timestamp())
        .ok_or(AppError::NotFound)?;
    Ok(UnsentPost {
        form_path: kept.form_path(),
        values: kept.pairs(),
        had_files: kept.had_files,
    })
}

/// The number and tracking token of a just-submitted request, if the token is valid.
#[server(prefix = "/api", endpoint = "load_confirmation")]
pub async fn load_confirmation(token: String) -> Result<Confirmation, AppError> {
    let state = crate::ctx::state()?;
    let mut conn = state.pool.acquire().await?;
    let key = crate::requests::tracking::open_tracking(&mut conn, &state.secret, &token, false);
    let key = key.await?;
    Ok(Confirmation {
        number: key.number,
        token,
    })
}

/// The current privacy notice of organisation `org` in the reader's language.
#[server(prefix = "/api", endpoint = "load_privacy")]
pub async fn load_privacy(org: String) -> Result<PrivacyNotice, AppError> {
    let mut conn = crate::ctx::pool()?.acquire().await?;
    super::service::privacy_page(&mut conn, &org, crate::ctx::lang()).await
}
