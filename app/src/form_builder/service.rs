//! Forms, the organisation's appearance and embedding, and its privacy notices: the form builder's
//! pages put together from `db`, and the changes that take more than one statement. Every change
//! to a form's fields saves a new version; parsing and the editor's rules are in `domain::forms`.

use super::types::*;
use crate::admin::service::admin_org;
use crate::db;
use crate::db::orgs::Organisation;
use crate::db::users::StaffUser;
use crate::domain::forms::{EmbeddingInput, FieldInput, FormEdit, NewFormInput, SettingsInput};
use crate::error::{AppError, Checked, FieldErrors, FormFlash};
use serde::{Deserialize, Serialize};
use sqlx::{PgConnection, PgPool};

/// What a failed post on the editor page said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EditorFlash {
    Settings(SettingsInput),
    Field {
        replacing: String,
        field: FieldInput,
    },
}

/// What a failed post on the forms page said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormsFlash {
    New(NewFormInput),
    Embedding(EmbeddingInput),
    Logo,
}

/// The forms page: every form with its newest version, the appearance and embedding settings,
/// and what a failed post without JavaScript said.
pub async fn forms_page(
    conn: &mut PgConnection,
    o: &Organisation,
    flash: Option<FormFlash<FormsFlash>>,
) -> Result<FormsPage, AppError> {
    let forms = db::forms::for_org(conn, o.id).await?;
    let forms = forms
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
    let mut page = FormsPage {
        org: admin_org(o),
        forms,
        new_form: NewFormInput::default(),
        new_errors: FieldErrors::default(),
        embedding: EmbeddingInput {
            brand_colour: o.brand_colour.clone(),
            origins: o.allowed_origins.join("\n"),
        },
        embedding_errors: FieldErrors::default(),
        has_logo: db::orgs::has_logo(conn, o.id).await?,
        logo_errors: FieldErrors::default(),
    };
    if let Some(FormFlash { values, errors }) = flash {
        match values {
            FormsFlash::New(v) => (page.new_form, page.new_errors) = (v, errors),
            FormsFlash::Embedding(v) => (page.embedding, page.embedding_errors) = (v, errors),
            FormsFlash::Logo => page.logo_errors = errors,
        }
    }
    Ok(page)
}

/// Creates a form with a subject and a message field as its first version; answers its id.
pub async fn create_form(
    pool: &PgPool,
    user: &StaffUser,
    o: &Organisation,
    new: &NewFormInput,
) -> Checked<i64> {
    let parsed = match new.settings().parse(&[]) {
        Ok(s) => s,
        Err(errors) => return Ok(Err(errors)),
    };
    let mut tx = pool.begin().await?;
    let id = match db::forms::insert(&mut tx, o.id, &parsed).await {
        Ok(id) => id,
        Err(e) if db::constraint(&e) == Some("forms_slug_key") => {
            return Ok(Err(FieldErrors::one("slug", "taken")));
        }
        Err(e) => return Err(e.into()),
    };
    let first = crate::domain::standard_forms::starter();
    db::forms::save_version(&mut tx, id, 1, &first, Some(user.id)).await?;
    tx.commit().await?;
    tracing::info!(user_id = user.id, form_id = id, "form created");
    Ok(Ok(id))
}

/// The editor of form `id`: its settings, its newest fields, how to embed it, and what a failed
/// post without JavaScript said.
pub async fn editor_page(
    conn: &mut PgConnection,
    o: &Organisation,
    id: i64,
    flash: Option<FormFlash<EditorFlash>>,
    base_url: &str,
) -> Result<EditorPage, AppError> {
    let forms = db::forms::for_org(conn, o.id).await?;
    let f = forms
        .into_iter()
        .find(|p| p.form.id == id)
        .ok_or(AppError::NotFound)?;
    let categories = db::orgs::categories(conn, o.id).await?;
    let slug = &f.form.settings.slug;
    let mut page = EditorPage {
        org: admin_org(o),
        id,
        version: f.version,
        settings: SettingsInput::from_settings(&f.form.settings),
        settings_errors: FieldErrors::default(),
        fields: f.def.fields,
        field_flash: None,
        categories: categories.into_iter().map(|c| (c.id, c.name)).collect(),
        public_path: format!("/o/{}/{slug}", o.slug),
        embed_path: format!("/embed/o/{}/{slug}", o.slug),
        base_url: base_url.to_string(),
    };
    if let Some(FormFlash { values, errors }) = flash {
        match values {
            EditorFlash::Settings(v) => (page.settings, page.settings_errors) = (v, errors),
            EditorFlash::Field { replacing, field } => {
                page.field_flash = Some((replacing, field, errors))
            }
        }
    }
    Ok(page)
}

/// Saves form `id`'s settings (its fields are versioned separately).
pub async fn save_settings(
    pool: &PgPool,
    user: &StaffUser,
    o: &Organisation,
    id: i64,
    input: &SettingsInput,
) -> Checked {
    let mut conn = pool.acquire().await?;
    let categories: Vec<i64> = db::orgs::category_ids(&mut conn, o.id).await?;
    let parsed = match input.parse(&categories) {
        Ok(s) => s,
        Err(errors) => return Ok(Err(errors)),
    };
    match db::forms::update(&mut conn, o.id, id, &parsed).await {
        Ok(true) => {}
        Ok(false) => return Err(AppError::NotFound),
        Err(e) if db::constraint(&e) == Some("forms_slug_key") => {
            return Ok(Err(FieldErrors::one("slug", "taken")));
        }
        Err(e) => return Err(e.into()),
    }
    tracing::info!(user_id = user.id, form_id = id, "form settings saved");
    Ok(Ok(()))
}

/// Applies `edit` to form `id`'s newest fields and saves the result as its next version.
pub async fn edit_fields(
    pool: &PgPool,
    user: &StaffUser,
    o: &Organisation,
    id: i64,
    edit: FormEdit,
) -> Checked {
    let mut tx = pool.begin().await?;
    let (version, def) = db::forms::lock_newest(&mut tx, o.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let next = match def.apply(edit) {
        Ok(next) => next,
        Err(errors) => return Ok(Err(errors)),
    };
    db::forms::save_version(&mut tx, id, version + 1, &next, Some(user.id)).await?;
    tx.commit().await?;
    tracing::info!(
        user_id = user.id,
        form_id = id,
        version = version + 1,
        "form fields saved"
    );
    Ok(Ok(()))
}

/// The privacy page: the current notice in each language (or what a failed post said).
pub async fn privacy_page(
    conn: &mut PgConnection,
    o: &Organisation,
    flash: Option<FormFlash<crate::domain::forms::NoticeInput>>,
) -> Result<PrivacyAdminPage, AppError> {
    let mut notices = Vec::new();
    for lang in crate::domain::Lang::ALL {
        let n = db::privacy::current(conn, o.id, lang).await?;
        let version = n.as_ref().map_or(0, |n| n.version);
        notices.push((
            lang.code().to_string(),
            version,
            n.map(|n| n.body).unwrap_or_default(),
        ));
    }
    let mut errors = FieldErrors::default();
    if let Some(f) = flash {
        if let Some(n) = notices.iter_mut().find(|n| n.0 == f.values.language) {
            n.2 = f.values.body;
        }
        errors = f.errors;
    }
    Ok(PrivacyAdminPage {
        org: admin_org(o),
        notices,
        errors,
    })
}

/// Publishes the notice in one language as its next version (an unchanged text stays as it is).
pub async fn publish_notice(
    pool: &PgPool,
    user: &StaffUser,
    o: &Organisation,
    notice: &crate::domain::forms::NoticeInput,
) -> Checked {
    let parsed = notice
        .parse()
        .ok_or_else(|| AppError::BadRequest("unknown language".into()))?;
    let (lang, body) = match parsed {
        Ok(notice) => notice,
        Err(errors) => return Ok(Err(errors)),
    };
    let mut tx = pool.begin().await?;
    let version = db::privacy::publish(&mut tx, o.id, lang, &body, Some(user.id)).await?;
    tx.commit().await?;
    tracing::info!(
        user_id = user.id,
        org = o.slug,
        lang = lang.code(),
        version,
        "privacy notice published"
    );
    Ok(Ok(()))
}
