//! Server functions of people and access.

use super::types::*;
use crate::domain::people::MemberInput;
#[cfg(feature = "ssr")]
use crate::error::FieldErrors;
use crate::error::{AppError, FormFlash};
use leptos::prelude::*;

/// The members of organisation `org`; its administrators only.
#[server(prefix = "/api", endpoint = "load_people")]
pub async fn load_people(org: String, form: Option<String>) -> Result<PeoplePage, AppError> {
    let (user, o) = crate::ctx::require_admin_of(&org).await?;
    let flash = crate::ctx::take_flash(form).await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let categories = crate::db::orgs::categories(&mut conn, o.id).await?;
    Ok(PeoplePage {
        org: crate::admin::service::admin_org(&o),
        members: crate::db::people::members(&mut conn, o.id).await?,
        categories: categories.into_iter().map(|c| (c.id, c.name)).collect(),
        me: user.id,
        flash,
    })
}

/// Adds a member to organisation `org`, or changes one's role, skills and capacity. A person
/// without an account gets one and an e-mailed invitation to choose a password.
#[server(prefix = "/api", endpoint = "save_member")]
pub async fn save_member(org: String, member: MemberInput) -> Result<(), AppError> {
    let (user, o) = crate::ctx::require_admin_of(&org).await?;
    let back = format!("/admin/o/{}/people", o.slug);
    let state = crate::ctx::state()?;
    let mut tx = state.pool.begin().await?;
    let (lang, now) = (crate::ctx::lang(), chrono::Utc::now());
    let by = (&o, user.email.as_str());
    match super::service::save_member(&mut tx, state.mailer(), by, &member, lang, now).await? {
        Ok(saved) => tracing::info!(org = o.id, by = user.id, ?saved, "member saved"),
        Err(errors) => return crate::ctx::form_failed(&member, errors, &back).await,
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!("{back}?saved=1"));
    Ok(())
}

/// Ends member `user_id`'s membership of organisation `org`: their sessions there end and their
/// active requests go back to the queue. Administrators cannot remove themselves.
#[server(prefix = "/api", endpoint = "remove_member")]
pub async fn remove_member(org: String, user_id: i64) -> Result<(), AppError> {
    let (user, o) = crate::ctx::require_admin_of(&org).await?;
    if !crate::domain::people::may_change_member(user.id, user_id) {
        return Err(AppError::Conflict("you cannot remove yourself".into()));
    }
    let mut tx = crate::ctx::pool()?.begin().await?;
    let now = chrono::Utc::now();
    if !crate::db::people::remove_member(&mut tx, o.id, user_id, user.id, now).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    tracing::info!(org = o.id, by = user.id, user_id, "member removed");
    leptos_axum::redirect(&format!("/admin/o/{}/people?removed=1", o.slug));
    Ok(())
}

/// The signed-in person's organisations and sessions.
#[server(prefix = "/api", endpoint = "load_account")]
pub async fn load_account() -> Result<AccountPage, AppError> {
    let user = crate::ctx::require_user().await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let now = chrono::Utc::now();
    let organisations = crate::db::users::memberships_of(&mut conn, user.id)
        .await?
        .into_iter()
        .map(|m| Belonging {
            current: m.organisation_id == user.organisation_id,
            organisation_id: m.organisation_id,
            name: m.name,
            role: m.role,
        })
        .collect();
    Ok(AccountPage {
        sessions: crate::db::users::session_count(&mut conn, user.id, now).await?,
        display_name: user.display_name,
        email: user.email,
        organisations,
    })
}

/// Moves this session to organisation `organisation_id`, one the person belongs to.
#[server(prefix = "/api", endpoint = "switch_organisation")]
pub async fn switch_organisation(organisation_id: i64) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    let token = crate::ctx::cookie(crate::ctx::SESSION_COOKIE).ok_or(AppError::Unauthenticated)?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let hash = crate::security::session_hash(&token);
    if !crate::db::users::switch_session(&mut conn, &hash, organisation_id).await? {
        return Err(AppError::NotFound);
    }
    tracing::info!(user_id = user.id, organisation_id, "switched organisation");
    leptos_axum::redirect("/desk");
    Ok(())
}

/// Ends every session of the signed-in person, on every device, this one included.
#[server(prefix = "/api", endpoint = "sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let ended = crate::db::users::delete_sessions_of(&mut conn, user.id).await?;
    crate::ctx::set_cookie(crate::ctx::SESSION_COOKIE, "", 0);
    tracing::info!(user_id = user.id, ended, "signed out everywhere");
    leptos_axum::redirect("/login?signed_out=1");
    Ok(())
}

/// The forgot-password form's flash, if a post without JavaScript failed.
#[server(prefix = "/api", endpoint = "load_forgot")]
pub async fn load_forgot(form: Option<String>) -> Result<Option<FormFlash<ForgotInput>>, AppError> {
    crate::ctx::take_flash(form).await
}

/// Sends a password-reset link to `email` if it has an account. The answer is the same whether
/// it has or not.
#[server(prefix = "/api", endpoint = "request_password_reset")]
pub async fn request_password_reset(forgot: ForgotInput) -> Result<(), AppError> {
    let email = match crate::domain::request::parse_email(&forgot.email) {
        Ok(e) => e,
        Err(code) => {
            let mut errors = FieldErrors::default();
            errors.add("email", code);
            return crate::ctx::form_failed(&forgot, errors, "/login/forgot").await;
        }
    };
    let state = crate::ctx::state()?;
    let now = chrono::Utc::now();
    if let Err(e) = crate::ctx::rate_limit(&state.limits.per_ip, &[&crate::ctx::client_ip()], now) {
        return crate::ctx::too_many(e, &forgot, "/login/forgot").await;
    }
    let lang = crate::ctx::lang();
    crate::ctx::evenly_timed(async {
        let mut conn = state.pool.acquire().await?;
        super::service::send_password_link(&mut conn, state.mailer(), &email, lang, None, now).await
    })
    .await?;
    leptos_axum::redirect("/login/forgot?sent=1");
    Ok(())
}

/// Whether reset link `token` can still be used.
#[server(prefix = "/api", endpoint = "load_reset")]
pub async fn load_reset(token: String, form: Option<String>) -> Result<ResetPage, AppError> {
    let flash: Option<FormFlash<()>> = crate::ctx::take_flash(form).await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let hash = crate::security::session_hash(&token);
    Ok(ResetPage {
        live: crate::db::users::reset_is_live(&mut conn, &hash, chrono::Utc::now()).await?,
        errors: flash.map(|f| f.errors).unwrap_or_default(),
    })
}

/// Sets a new password with reset link `token`: every session of the account ends, and the
/// person signs in again with it.
#[server(prefix = "/api", endpoint = "reset_password")]
pub async fn reset_password(
    token: String,
    password: String,
    confirm: String,
) -> Result<(), AppError> {
    let pool = crate::ctx::pool()?;
    let now = chrono::Utc::now();
    match super::service::reset_password(&pool, &token, (&password, &confirm), now).await? {
        Ok(user_id) => tracing::info!(user_id, "password reset"),
        Err(errors) => {
            let back = crate::domain::people::reset_path(&token);
            return crate::ctx::form_failed(&(), errors, &back).await;
        }
    }
    leptos_axum::redirect("/login?reset=1");
    Ok(())
}
