//! Server functions of the form builder, the organisation's appearance and embedding, and its
//! privacy notices. Every change to a form's fields saves a new version.

#[cfg(feature = "ssr")]
use super::service::{EditorFlash, FormsFlash};
use super::types::*;
use crate::domain::forms::{EmbeddingInput, FieldInput, SettingsInput};
pub use crate::domain::forms::{MAX_NOTICE, NoticeInput};

use crate::error::AppError;
use leptos::prelude::*;

pub use crate::domain::forms::NewFormInput;

/// The organisation's forms, and its appearance and embedding settings.
#[server(prefix = "/api", endpoint = "load_forms_admin")]
pub async fn load_forms_admin(org: String, form: Option<String>) -> Result<FormsPage, AppError> {
    let (_, o) = crate::ctx::require_admin_of(&org).await?;
    let flash = crate::ctx::take_flash(form).await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    super::service::forms_page(&mut conn, &o, flash).await
}

/// Creates a form with a subject and a message field as its first version, and opens its editor.
#[server(prefix = "/api", endpoint = "create_form")]
pub async fn create_form(org: String, new: NewFormInput) -> Result<(), AppError> {
    let (user, o) = crate::ctx::require_admin_of(&org).await?;
    let pool = crate::ctx::pool()?;
    let back = format!("/admin/o/{}/forms", o.slug);
    let id = match super::service::create_form(&pool, &user, &o, &new).await? {
        Ok(id) => id,
        Err(errors) => return crate::ctx::form_failed(&FormsFlash::New(new), errors, &back).await,
    };
    leptos_axum::redirect(&format!("{back}/{id}"));
    Ok(())
}

/// Saves the organisation's brand colour and the sites allowed to frame its forms.
#[server(prefix = "/api", endpoint = "save_embedding")]
pub async fn save_embedding(org: String, embedding: EmbeddingInput) -> Result<(), AppError> {
    let (user, o) = crate::ctx::require_admin_of(&org).await?;
    let back = format!("/admin/o/{}/forms", o.slug);
    let (colour, origins) = match embedding.parse() {
        Ok(v) => v,
        Err(errors) => {
            return crate::ctx::form_failed(&FormsFlash::Embedding(embedding), errors, &back).await;
        }
    };
    let mut conn = crate::ctx::pool()?.acquire().await?;
    crate::db::orgs::set_embedding(&mut conn, o.id, &colour, &origins).await?;
    tracing::info!(
        user_id = user.id,
        org = o.slug,
        "appearance and embedding saved"
    );
    leptos_axum::redirect(&format!("{back}?saved=1"));
    Ok(())
}

/// Largest logo accepted, in bytes.
pub const MAX_LOGO: usize = 512 * 1024;

/// Sets the organisation's logo (`multipart/form-data`: `org`, `logo`): a PNG, JPEG or WebP
/// image of at most 512 KB, recognised by its content.
#[server(prefix = "/api", endpoint = "upload_logo", input = leptos::server_fn::codec::MultipartFormData)]
pub async fn upload_logo(data: leptos::server_fn::codec::MultipartData) -> Result<(), AppError> {
    let posted = crate::uploads::read(data).await?;
    let org = crate::domain::forms::first(&posted.values, "org").to_string();
    let (user, o) = crate::ctx::require_admin_of(&org).await?;
    let back = format!("/admin/o/{}/forms", o.slug);
    let logo = match crate::uploads::one_image(posted.files, "logo", MAX_LOGO) {
        Ok(logo) => logo,
        Err(errors) => return crate::ctx::form_failed(&FormsFlash::Logo, errors, &back).await,
    };
    let mut conn = crate::ctx::pool()?.acquire().await?;
    crate::db::orgs::set_logo(&mut conn, o.id, logo.kind.mime(), &logo.data).await?;
    tracing::info!(
        user_id = user.id,
        org = o.slug,
        bytes = logo.data.len(),
        "logo set"
    );
    leptos_axum::redirect(&format!("{back}?saved=1"));
    Ok(())
}

/// The editor of form `id`: its settings, its newest fields and how to embed it.
#[server(prefix = "/api", endpoint = "load_form_editor")]
pub async fn load_form_editor(
    org: String,
    id: i64,
    form: Option<String>,
) -> Result<EditorPage, AppError> {
    let (_, o) = crate::ctx::require_admin_of(&org).await?;
    let flash = crate::ctx::take_flash(form).await?;
    let state = crate::ctx::state()?;
    let mut conn = state.pool.acquire().await?;
    super::service::editor_page(&mut conn, &o, id, flash, &state.public_url).await
}

/// Saves a form's settings (its fields are versioned separately).
#[server(prefix = "/api", endpoint = "save_form_settings")]
pub async fn save_form_settings(
    org: String,
    id: i64,
    settings: SettingsInput,
) -> Result<(), AppError> {
    let (user, o) = crate::ctx::require_admin_of(&org).await?;
    let pool = crate::ctx::pool()?;
    let done = super::service::save_settings(&pool, &user, &o, id, &settings).await?;
    let back = format!("/admin/o/{}/forms/{id}", o.slug);
    let values = EditorFlash::Settings(settings);
    crate::ctx::finish(done, &values, &back, &format!("{back}?saved=1")).await
}

/// Changes form `id`'s fields and saves the result as its next version: `op` is `put` (add, or
/// replace the field `key`), `remove`, `up` or `down`. Old requests keep the version they were
/// sent with.
#[server(prefix = "/api", endpoint = "edit_form_fields")]
pub async fn edit_form_fields(
    org: String,
    id: i64,
    op: String,
    key: String,
    field: Option<FieldInput>,
) -> Result<(), AppError> {
    let (user, o) = crate::ctx::require_admin_of(&org).await?;
    let edit = crate::domain::forms::FormEdit::parse(&op, &key, field.clone())
        .ok_or_else(|| AppError::BadRequest("unknown edit".into()))?;
    let pool = crate::ctx::pool()?;
    let done = super::service::edit_fields(&pool, &user, &o, id, edit).await?;
    let back = format!("/admin/o/{}/forms/{id}", o.slug);
    let values = EditorFlash::Field {
        replacing: key,
        field: field.unwrap_or_default(),
    };
    crate::ctx::finish(done, &values, &back, &format!("{back}?saved=1")).await
}

/// The current notices of an organisation.
#[server(prefix = "/api", endpoint = "load_privacy_admin")]
pub async fn load_privacy_admin(
    org: String,
    form: Option<String>,
) -> Result<PrivacyAdminPage, AppError> {
    let (_, o) = crate::ctx::require_admin_of(&org).await?;
    let flash = crate::ctx::take_flash(form).await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    super::service::privacy_page(&mut conn, &o, flash).await
}

/// Publishes the notice in one language as its next version (an unchanged text stays as it is).
#[server(prefix = "/api", endpoint = "publish_privacy")]
pub async fn publish_privacy(org: String, notice: NoticeInput) -> Result<(), AppError> {
    let (user, o) = crate::ctx::require_admin_of(&org).await?;
    let pool = crate::ctx::pool()?;
    let done = super::service::publish_notice(&pool, &user, &o, &notice).await?;
    let back = format!("/admin/o/{}/privacy", o.slug);
    crate::ctx::finish(done, &notice.bounded(), &back, &format!("{back}?saved=1")).await
}
