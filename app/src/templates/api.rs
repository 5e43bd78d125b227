//! Server functions for reply templates.

use super::types::*;
use crate::domain::templates::TemplateInput;
use crate::error::AppError;
use leptos::prelude::*;

/// The organisation's templates in every language.
#[server(prefix = "/api", endpoint = "load_templates")]
pub async fn load_templates(form: Option<String>) -> Result<TemplatesPage, AppError> {
    let user = crate::ctx::require_user().await?;
    let flash = crate::ctx::take_flash(form).await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    Ok(TemplatesPage {
        templates: crate::db::templates::list(&mut conn, user.organisation_id, None).await?,
        may_manage: crate::domain::templates::may_manage(&user.role),
        flash,
    })
}

/// Saves a new template (supervisors and administrators).
#[server(prefix = "/api", endpoint = "save_template")]
pub async fn save_template(template: TemplateInput) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    if !crate::domain::templates::may_manage(&user.role) {
        return Err(AppError::Forbidden);
    }
    let new = match template.parse() {
        Ok(new) => new,
        Err(errors) => return crate::ctx::form_failed(&template, errors, "/desk/templates").await,
    };
    let mut conn = crate::ctx::pool()?.acquire().await?;
    crate::db::templates::insert(&mut conn, user.organisation_id, user.id, &new).await?;
    leptos_axum::redirect("/desk/templates?saved=1");
    Ok(())
}

/// Removes a template (supervisors and administrators).
#[server(prefix = "/api", endpoint = "delete_template")]
pub async fn delete_template(id: i64) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    if !crate::domain::templates::may_manage(&user.role) {
        return Err(AppError::Forbidden);
    }
    let mut conn = crate::ctx::pool()?.acquire().await?;
    if !crate::db::templates::delete(&mut conn, user.organisation_id, id).await? {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect("/desk/templates");
    Ok(())
}
