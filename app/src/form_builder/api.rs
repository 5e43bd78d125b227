//! Server functions of the form builder, the organisation's appearance and embedding, and its
//! privacy notices. Every change to a form's fields saves a new version.

use super::types::*;
use crate::admin::types::AdminOrg;
use crate::domain::Localized;
use crate::domain::forms::{EmbeddingInput, FieldInput, SettingsInput};

#[cfg(feature = "ssr")]
use crate::error::FormFlash;
use crate::error::{AppError, FieldErrors};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A form in the organisation's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormRow {
    pub id: i64,
    pub slug: String,
    pub name: Localized,
    pub request_type: crate::domain::classification::RequestType,
    pub version: i32,
    pub active: bool,
}

pub use crate::domain::forms::NewFormInput;

/// `/admin/o/:org/forms`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormsPage {
    pub org: AdminOrg,
    pub forms: Vec<FormRow>,
    pub new_form: NewFormInput,
    pub new_errors: FieldErrors,
    pub embedding: EmbeddingInput,
    pub embedding_errors: FieldErrors,
    pub has_logo: bool,
    /// Errors of a failed logo upload without JavaScript.
    pub logo_errors: FieldErrors,
}

/// What a failed post on the editor page said.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum EditorFlash {
    Settings(SettingsInput),
    Field {
        replacing: String,
        field: FieldInput,
    },
}

/// What a failed post on the forms page said.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum FormsFlash {
    New(NewFormInput),
    Embedding(EmbeddingInput),
    Logo,
}

#[cfg(feature = "ssr")]
fn admin_org(o: &crate::db::orgs::Organisation) -> AdminOrg {
    AdminOrg {
        slug: o.slug.clone(),
        prefix: o.prefix.clone(),
        name: o.name.clone(),
    }
}

/// The organisation's forms, and its appearance and embedding settings.
#[server(prefix = "/api", endpoint = "load_forms_admin")]
pub async fn load_forms_admin(org: String, form: Option<String>) -> Result<FormsPage, AppError> {
    let (_, o) = crate::ctx::require_admin_of(&org).await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let forms = crate::db::forms::for_org(&mut conn, o.id)
        .await?
        .into_iter()
        .map(|p| FormRow {
            id: p.form.id,
            slug: p.form.settings.slug,
            name: p.form.settings.name,
            request_type: p.form.settings.request_type,
            version: p.version,
            active: p.form.settings.active,
        })
        .collect();
    let has_logo = crate::db::orgs::has_logo(&mut conn, o.id).await?;
    drop(conn);
    let flash: Option<FormFlash<FormsFlash>> = crate::ctx::take_flash(form).await?;
    let mut page = FormsPage {
        org: admin_org(&o),
        forms,
        new_form: NewFormInput::default(),
        new_errors: FieldErrors::default(),
        embedding: EmbeddingInput {
            brand_colour: o.brand_colour.clone(),
            origins: o.allowed_origins.join("\n"),
        },
        embedding_errors: FieldErrors::default(),
        has_logo,
        logo_errors: FieldErrors::default(),
    };
    match flash {
        Some(FormFlash {
            values: FormsFlash::New(v),
            errors,
        }) => (page.new_form, page.new_errors) = (v, errors),
        Some(FormFlash {
            values: FormsFlash::Embedding(v),
            errors,
        }) => (page.embedding, page.embedding_errors) = (v, errors),
        Some(FormFlash {
            values: FormsFlash::Logo,
            errors,
        }) => page.logo_errors = errors,
        None => {}
    }
    Ok(page)
}

/// Creates a form with a subject and a message field as its first version, and opens its editor.
#[server(prefix = "/api", endpoint = "create_form")]
pub async fn create_form(org: String, new: NewFormInput) -> Result<(), AppError> {
    let (user, o) = crate::ctx::require_admin_of(&org).await?;
    let back = format!("/admin/o/{}/forms", o.slug);
    let parsed = match new.settings().parse(&[]) {
        Ok(s) => s,
        Err(errors) => return crate::ctx::form_failed(&FormsFlash::New(new), errors, &back).await,
    };
    let mut tx = crate::ctx::pool()?.begin().await?;
    let id = match crate::db::forms::insert(&mut tx, o.id, &parsed).await {
        Ok(id) => id,
        Err(e) if crate::db::constraint(&e) == Some("forms_slug_key") => {
            drop(tx);
            let mut errors = FieldErrors::default();
            errors.add("slug", "taken");
            return crate::ctx::form_failed(&FormsFlash::New(new), errors, &back).await;
        }
        Err(e) => return Err(e.into()),
    };
    let first = crate::domain::standard_forms::starter();
    crate::db::forms::save_version(&mut tx, id, 1, &first, Some(user.id)).await?;
    tx.commit().await?;
    tracing::info!(user_id = user.id, form_id = id, "form created");
    leptos_axum::redirect(&format!("/admin/o/{}/forms/{id}", o.slug));
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
    use crate::domain::forms::{FileLimits, FileType};
    let posted = crate::uploads::read(data).await?;
    let org = crate::domain::forms::first(&posted.values, "org").to_string();
    let (user, o) = crate::ctx::require_admin_of(&org).await?;
    let back = format!("/admin/o/{}/forms", o.slug);
    let limits = FileLimits {
        max_files: 1,
        max_bytes: MAX_LOGO,
        types: vec![FileType::Png, FileType::Jpeg, FileType::Webp],
    };
    let (mut files, mut errors) = crate::uploads::check(posted.files, |f| f == "logo", &limits);
    let Some(logo) = files.pop().filter(|_| errors.is_empty()) else {
        if errors.is_empty() {
            errors.add("logo", "required");
        }
        return crate::ctx::form_failed(&FormsFlash::Logo, errors, &back).await;
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
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let f = crate::db::forms::for_org(&mut conn, o.id)
        .await?
        .into_iter()
        .find(|p| p.form.id == id)
        .ok_or(AppError::NotFound)?;
    let categories = crate::db::orgs::categories(&mut conn, o.id)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    drop(conn);
    let mut page = EditorPage {
        org: admin_org(&o),
        id,
        version: f.version,
        settings: SettingsInput::from_settings(&f.form.settings),
        settings_errors: FieldErrors::default(),
        fields: f.def.fields,
        field_flash: None,
        categories,
        public_path: format!("/o/{}/{}", o.slug, f.form.settings.slug),
        embed_path: format!("/embed/o/{}/{}", o.slug, f.form.settings.slug),
        base_url: crate::ctx::state()?.public_url.to_string(),
    };
    let flash: Option<FormFlash<EditorFlash>> = crate::ctx::take_flash(form).await?;
    match flash {
        Some(FormFlash {
            values: EditorFlash::Settings(v),
            errors,
        }) => (page.settings, page.settings_errors) = (v, errors),
        Some(FormFlash {
            values: EditorFlash::Field { replacing, field },
            errors,
        }) => page.field_flash = Some((replacing, field, errors)),
        None => {}
    }
    Ok(page)
}

/// Saves a form's settings (its fields are versioned separately).
#[server(prefix = "/api", endpoint = "save_form_settings")]
pub async fn save_form_settings(
    org: String,
    id: i64,
    settings: SettingsInput,
) -> Result<(), AppError> {
    let (user, o) = crate::ctx::require_admin_of(&org).await?;
    let back = format!("/admin/o/{}/forms/{id}", o.slug);
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let categories: Vec<i64> = crate::db::orgs::category_ids(&mut conn, o.id).await?;
    let parsed = match settings.parse(&categories) {
        Ok(s) => s,
        Err(errors) => {
            drop(conn);
            return crate::ctx::form_failed(&EditorFlash::Settings(settings), errors, &back).await;
        }
    };
    match crate::db::forms::update(&mut conn, o.id, id, &parsed).await {
        Ok(true) => {}
        Ok(false) => return Err(AppError::NotFound),
        Err(e) if crate::db::constraint(&e) == Some("forms_slug_key") => {
            drop(conn);
            let mut errors = FieldErrors::default();
            errors.add("slug", "taken");
            return crate::ctx::form_failed(&EditorFlash::Settings(settings), errors, &back).await;
        }
        Err(e) => return Err(e.into()),
    }
    tracing::info!(user_id = user.id, form_id = id, "form settings saved");
    leptos_axum::redirect(&format!("{back}?saved=1"));
    Ok(())
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
    use crate::domain::forms::FormEdit;
    let (user, o) = crate::ctx::require_admin_of(&org).await?;
    let back = format!("/admin/o/{}/forms/{id}", o.slug);
    let edit = match (op.as_str(), field.clone()) {
        ("put", Some(f)) => FormEdit::Put {
            replacing: (!key.is_empty()).then(|| key.clone()),
            field: Box::new(f),
        },
        ("remove", _) => FormEdit::Remove(key.clone()),
        ("up", _) => FormEdit::MoveUp(key.clone()),
        ("down", _) => FormEdit::MoveDown(key.clone()),
        _ => return Err(AppError::BadRequest("unknown edit".into())),
    };
    let mut tx = crate::ctx::pool()?.begin().await?;
    let (version, def) = crate::db::forms::lock_newest(&mut tx, o.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let next = match def.apply(edit) {
        Ok(next) => next,
        Err(errors) => {
            drop(tx);
            let values = EditorFlash::Field {
                replacing: key,
                field: field.unwrap_or_default(),
            };
            return crate::ctx::form_failed(&values, errors, &back).await;
        }
    };
    crate::db::forms::save_version(&mut tx, id, version + 1, &next, Some(user.id)).await?;
    tx.commit().await?;
    tracing::info!(
        user_id = user.id,
        form_id = id,
        version = version + 1,
        op,
        "form fields saved"
    );
    leptos_axum::redirect(&format!("{back}?saved=1"));
    Ok(())
}

/// The current notices of an organisation.
#[server(prefix = "/api", endpoint = "load_privacy_admin")]
pub async fn load_privacy_admin(
    org: String,
    form: Option<String>,
) -> Result<PrivacyAdminPage, AppError> {
    let (_, o) = crate::ctx::require_admin_of(&org).await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let mut notices = Vec::new();
    for lang in crate::domain::Lang::ALL {
        let n = crate::db::privacy::current(&mut conn, o.id, lang).await?;
        notices.push((
            lang.code().to_string(),
            n.as_ref().map_or(0, |n| n.version),
            n.map(|n| n.body).unwrap_or_default(),
        ));
    }
    drop(conn);
    let flash: Option<FormFlash<NoticeInput>> = crate::ctx::take_flash(form).await?;
    let mut errors = FieldErrors::default();
    if let Some(f) = flash {
        if let Some(n) = notices.iter_mut().find(|n| n.0 == f.values.language) {
            n.2 = f.values.body;
        }
        errors = f.errors;
    }
    Ok(PrivacyAdminPage {
        org: admin_org(&o),
        notices,
        errors,
    })
}

/// Longest privacy notice, in characters.
pub const MAX_NOTICE: usize = 20_000;

/// Publishes the notice in one language as its next version (an unchanged text stays as it is).
#[server(prefix = "/api", endpoint = "publish_privacy")]
pub async fn publish_privacy(org: String, notice: NoticeInput) -> Result<(), AppError> {
    let (user, o) = crate::ctx::require_admin_of(&org).await?;
    let back = format!("/admin/o/{}/privacy", o.slug);
    let lang = crate::domain::Lang::parse(&notice.language)
        .ok_or_else(|| AppError::BadRequest("unknown language".into()))?;
    let body = notice.body.trim().replace("\r\n", "\n");
    let mut errors = FieldErrors::default();
    let field = format!("body_{}", lang.code());
    if body.is_empty() {
        errors.add(&field, "required");
    } else if body.chars().count() > MAX_NOTICE {
        errors.add(&field, "too_long");
    }
    if !errors.is_empty() {
        let keep = NoticeInput {
            language: notice.language,
            body: notice.body.chars().take(MAX_NOTICE).collect(),
        };
        return crate::ctx::form_failed(&keep, errors, &back).await;
    }
    let mut tx = crate::ctx::pool()?.begin().await?;
    let version = crate::db::privacy::publish(&mut tx, o.id, lang, &body, Some(user.id)).await?;
    tx.commit().await?;
    tracing::info!(
        user_id = user.id,
        org = o.slug,
        lang = lang.code(),
        version,
        "privacy notice published"
    );
    leptos_axum::redirect(&format!("{back}?saved=1"));
    Ok(())
}
