//! Server functions of the administration pages. Each checks access through `ctx`, parses with
//! `domain::admin`, writes through `db`, and sends the browser back to the page it came from.

use super::types::*;
#[cfg(feature = "ssr")]
use crate::domain::admin::Level;
use crate::domain::admin::{
    ClosureInput, NodeInput, OrgInput, PolicyInput, SettingsInput, WeekInput,
};
use crate::domain::mailbox::MailboxInput;
use crate::domain::retention::RulesInput;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::FormFlash;
use chrono::NaiveDate;
use leptos::prelude::*;

impl From<WeekForm> for WeekInput {
    fn from(f: WeekForm) -> WeekInput {
        WeekInput {
            time_zone: f.time_zone,
            finnish_holidays: f.finnish_holidays.is_some(),
            open: [
                f.open_0, f.open_1, f.open_2, f.open_3, f.open_4, f.open_5, f.open_6,
            ]
            .map(|o| o.is_some()),
            opens: [
                f.opens_0, f.opens_1, f.opens_2, f.opens_3, f.opens_4, f.opens_5, f.opens_6,
            ],
            closes: [
                f.closes_0, f.closes_1, f.closes_2, f.closes_3, f.closes_4, f.closes_5, f.closes_6,
            ],
        }
    }
}

#[cfg(feature = "ssr")]
fn back(slug: &str, page: &str) -> String {
    format!("/admin/o/{slug}/{page}")
}

/// The organisations the signed-in person may configure.
#[server(prefix = "/api", endpoint = "load_admin_home")]
pub async fn load_admin_home(form: Option<String>) -> Result<AdminHome, AppError> {
    let user = crate::ctx::require_user().await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let orgs = super::service::home(&mut conn, &user).await?;
    let flash = crate::ctx::take_flash(form).await?;
    let can_create = user.service_admin;
    Ok(AdminHome {
        orgs,
        can_create,
        flash,
    })
}

/// Sets up a new organisation with office-hours calendar; service-point administrators only.
#[server(prefix = "/api", endpoint = "create_organisation")]
pub async fn create_organisation(org: OrgInput) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    if !user.service_admin {
        return Err(AppError::Forbidden);
    }
    let pool = crate::ctx::pool()?;
    let slug = match super::service::create_organisation(&pool, &user, &org).await? {
        Ok(slug) => slug,
        Err(errors) => return crate::ctx::form_failed(&org, errors, "/admin").await,
    };
    leptos_axum::redirect(&back(&slug, "hierarchy"));
    Ok(())
}

/// The service hierarchy of an organisation, retired nodes included.
#[server(prefix = "/api", endpoint = "load_hierarchy")]
pub async fn load_hierarchy(org: String, form: Option<String>) -> Result<HierarchyPage, AppError> {
    let (_, o) = crate::ctx::require_admin_of(&org).await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let nodes = super::service::hierarchy(&mut conn, &o).await?;
    let flash = crate::ctx::take_flash(form).await?;
    Ok(HierarchyPage {
        org: super::service::admin_org(&o),
        nodes,
        flash,
    })
}

/// Adds a node to the hierarchy under `parent` (empty for a department).
#[server(prefix = "/api", endpoint = "add_node")]
pub async fn add_node(
    org: String,
    level: String,
    parent: Option<String>,
    node: NodeInput,
) -> Result<(), AppError> {
    let (user, o) = crate::ctx::require_admin_of(&org).await?;
    let level = Level::parse(&level).ok_or_else(|| AppError::BadRequest("level".into()))?;
    let parent = parent
        .as_deref()
        .filter(|p| !p.is_empty())
        .map(str::parse::<i64>);
    let parent = parent
        .transpose()
        .map_err(|_| AppError::BadRequest("parent".into()))?;
    let pool = crate::ctx::pool()?;
    let done = super::service::add_node(&pool, &user, &o, (level, parent), &node).await?;
    let here = back(&o.slug, "hierarchy");
    crate::ctx::finish(done, &node, &here, &format!("{here}?saved=1")).await
}

/// Retires a node (or restores a retired one); requests keep their classification either way.
#[server(prefix = "/api", endpoint = "set_node_active")]
pub async fn set_node_active(
    org: String,
    level: String,
    id: i64,
    active: bool,
) -> Result<(), AppError> {
    let (_, o) = crate::ctx::require_admin_of(&org).await?;
    let level = Level::parse(&level).ok_or_else(|| AppError::BadRequest("level".into()))?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    if !crate::db::hierarchy::set_active(&mut conn, o.id, level, id, active).await? {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect(&format!("{}?saved=1", back(&o.slug, "hierarchy")));
    Ok(())
}

/// The business calendar of an organisation.
#[server(prefix = "/api", endpoint = "load_calendar")]
pub async fn load_calendar(org: String, form: Option<String>) -> Result<CalendarPage, AppError> {
    let (_, o) = crate::ctx::require_admin_of(&org).await?;
    let flash = crate::ctx::take_flash(form).await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let today = chrono::Utc::now().date_naive();
    super::service::calendar_page(&mut conn, &o, flash, today).await
}

/// Saves the weekly hours, time zone and holiday rule. Clocks already running keep their due
/// times until their request next changes.
#[server(prefix = "/api", endpoint = "save_week")]
pub async fn save_week(org: String, week: WeekForm) -> Result<(), AppError> {
    let (user, o) = crate::ctx::require_admin_of(&org).await?;
    let input = WeekInput::from(week);
    let (tz, holidays, hours) = match input.parse() {
        Ok(parsed) => parsed,
        Err(errors) => {
            return crate::ctx::form_failed(&input, errors, &back(&o.slug, "calendar")).await;
        }
    };
    let mut tx = crate::ctx::pool()?.begin().await?;
    crate::db::sla::save_week(&mut tx, o.id, &tz, holidays, &hours).await?;
    tx.commit().await?;
    tracing::info!(user_id = user.id, org = o.slug, "weekly hours saved");
    leptos_axum::redirect(&format!("{}?saved=1", back(&o.slug, "calendar")));
    Ok(())
}

/// Adds a day the organisation is closed.
#[server(prefix = "/api", endpoint = "add_closure")]
pub async fn add_closure(org: String, closure: ClosureInput) -> Result<(), AppError> {
    let (_, o) = crate::ctx::require_admin_of(&org).await?;
    let (day, reason) = match closure.parse() {
        Ok(parsed) => parsed,
        Err(errors) => {
            return crate::ctx::form_failed(&closure, errors, &back(&o.slug, "calendar")).await;
        }
    };
    let mut conn = crate::ctx::pool()?.acquire().await?;
    crate::db::sla::put_closure(&mut conn, o.id, day, &reason).await?;
    leptos_axum::redirect(&format!("{}?saved=1", back(&o.slug, "calendar")));
    Ok(())
}

/// Removes a closure day.
#[server(prefix = "/api", endpoint = "remove_closure")]
pub async fn remove_closure(org: String, day: NaiveDate) -> Result<(), AppError> {
    let (_, o) = crate::ctx::require_admin_of(&org).await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    crate::db::sla::delete_closure(&mut conn, o.id, day).await?;
    leptos_axum::redirect(&format!("{}?saved=1", back(&o.slug, "calendar")));
    Ok(())
}

/// The SLA policies and priority matrix of an organisation.
#[server(prefix = "/api", endpoint = "load_sla")]
pub async fn load_sla(org: String, form: Option<String>) -> Result<SlaPage, AppError> {
    let (_, o) = crate::ctx::require_admin_of(&org).await?;
    let flash = crate::ctx::take_flash(form).await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    super::service::sla_page(&mut conn, &o, flash).await
}

/// Adds an SLA policy after the organisation's others.
#[server(prefix = "/api", endpoint = "add_policy")]
pub async fn add_policy(org: String, policy: PolicyInput) -> Result<(), AppError> {
    let (user, o) = crate::ctx::require_admin_of(&org).await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let categories: Vec<i64> = crate::db::orgs::category_ids(&mut conn, o.id).await?;
    let new = match policy.parse(&categories) {
        Ok(new) => new,
        Err(errors) => {
            drop(conn);
            return crate::ctx::form_failed(&policy, errors, &back(&o.slug, "sla")).await;
        }
    };
    let id = crate::db::sla::insert_policy(&mut conn, o.id, &new.name, &new.matches, &new.targets)
        .await?;
    tracing::info!(user_id = user.id, policy_id = id, "SLA policy added");
    leptos_axum::redirect(&format!("{}?saved=1", back(&o.slug, "sla")));
    Ok(())
}

/// Retires a policy; requests it already timed keep their clocks.
#[server(prefix = "/api", endpoint = "retire_policy")]
pub async fn retire_policy(org: String, id: i64) -> Result<(), AppError> {
    let (_, o) = crate::ctx::require_admin_of(&org).await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    if !crate::db::sla::retire_policy(&mut conn, o.id, id).await? {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect(&format!("{}?saved=1", back(&o.slug, "sla")));
    Ok(())
}

/// Saves the priority matrix.
#[server(prefix = "/api", endpoint = "save_matrix")]
pub async fn save_matrix(org: String, matrix: MatrixForm) -> Result<(), AppError> {
    let (_, o) = crate::ctx::require_admin_of(&org).await?;
    let m = matrix
        .parse()
        .ok_or_else(|| AppError::BadRequest("priority".into()))?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    crate::db::sla::save_matrix(&mut conn, o.id, &m).await?;
    leptos_axum::redirect(&format!("{}?saved=1", back(&o.slug, "sla")));
    Ok(())
}

/// The retention rules of an organisation.
#[server(prefix = "/api", endpoint = "load_retention")]
pub async fn load_retention(org: String, form: Option<String>) -> Result<RetentionPage, AppError> {
    let (_, o) = crate::ctx::require_admin_of(&org).await?;
    let flash: Option<FormFlash<RulesInput>> = crate::ctx::take_flash(form).await?;
    let (input, errors) = match flash {
        Some(f) => (f.values, f.errors),
        None => {
            let mut conn = crate::ctx::pool()?.acquire().await?;
            let rules = crate::db::retention::rules(&mut conn, o.id).await?;
            (RulesInput::from_rules(&rules), Default::default())
        }
    };
    Ok(RetentionPage {
        org: super::service::admin_org(&o),
        input,
        errors,
    })
}

/// Saves the retention rules of every request type at once.
#[server(prefix = "/api", endpoint = "save_retention")]
pub async fn save_retention(org: String, rules: RulesInput) -> Result<(), AppError> {
    let (user, o) = crate::ctx::require_admin_of(&org).await?;
    let parsed = match crate::domain::retention::parse_rules(&rules) {
        Ok(parsed) => parsed,
        Err(errors) => {
            return crate::ctx::form_failed(&rules, errors, &back(&o.slug, "retention")).await;
        }
    };
    let mut conn = crate::ctx::pool()?.acquire().await?;
    crate::db::retention::save_rules(&mut conn, o.id, &parsed).await?;
    tracing::info!(user_id = user.id, org = o.slug, "retention rules saved");
    leptos_axum::redirect(&format!("{}?saved=1", back(&o.slug, "retention")));
    Ok(())
}

/// The organisation's mailboxes, the mailbox form (mailbox `edit`, or a new one) and a page of
/// its received mail, newest first, older than `before`.
#[server(prefix = "/api", endpoint = "load_mail_log")]
pub async fn load_mail_log(
    org: String,
    before: Option<i64>,
    edit: Option<i64>,
    form: Option<String>,
) -> Result<MailLogPage, AppError> {
    let (_, o) = crate::ctx::require_admin_of(&org).await?;
    let flash = crate::ctx::take_flash(form).await?;
    super::service::mail_page(&crate::ctx::pool()?, &o, before, edit, flash).await
}

/// Adds a mailbox to read mail from, or changes one (an empty password keeps the stored one).
#[server(prefix = "/api", endpoint = "save_mailbox")]
pub async fn save_mailbox(org: String, mailbox: MailboxInput) -> Result<(), AppError> {
    let (user, o) = crate::ctx::require_admin_of(&org).await?;
    let state = crate::ctx::state()?;
    if let Err(errors) =
        super::service::save_mailbox(&state.pool, &state.secret, &o, &mailbox).await?
    {
        // The form comes back with what was typed, but never with the password.
        let typed = MailboxInput {
            password: String::new(),
            ..mailbox
        };
        return crate::ctx::form_failed(&typed, errors, &back(&o.slug, "mail")).await;
    }
    tracing::info!(
        user_id = user.id,
        org = o.slug,
        host = mailbox.host,
        "mailbox saved"
    );
    leptos_axum::redirect(&format!("{}?saved=1", back(&o.slug, "mail")));
    Ok(())
}

/// Stops reading mailbox `id` and forgets it; the mail it brought stays.
#[server(prefix = "/api", endpoint = "delete_mailbox")]
pub async fn delete_mailbox(org: String, id: i64) -> Result<(), AppError> {
    let (user, o) = crate::ctx::require_admin_of(&org).await?;
    super::service::delete_mailbox(&crate::ctx::pool()?, &o, id).await?;
    tracing::info!(
        user_id = user.id,
        org = o.slug,
        mailbox = id,
        "mailbox removed"
    );
    leptos_axum::redirect(&format!("{}?saved=1", back(&o.slug, "mail")));
    Ok(())
}

/// An organisation's names, privacy notice, reminders, sender and signatures.
#[server(prefix = "/api", endpoint = "load_org_settings")]
pub async fn load_org_settings(
    org: String,
    form: Option<String>,
) -> Result<SettingsPage, AppError> {
    let (_, o) = crate::ctx::require_admin_of(&org).await?;
    let flash: Option<FormFlash<SettingsInput>> = crate::ctx::take_flash(form).await?;
    super::service::settings_page(&crate::ctx::pool()?, &o, flash).await
}

/// Saves an organisation's names, privacy notice, untouched time, sender and signatures.
#[server(prefix = "/api", endpoint = "save_org_settings")]
pub async fn save_org_settings(org: String, settings: SettingsInput) -> Result<(), AppError> {
    let (user, o) = crate::ctx::require_admin_of(&org).await?;
    let parsed = match settings.parse() {
        Ok(parsed) => parsed,
        Err(errors) => {
            return crate::ctx::form_failed(&settings, errors, &back(&o.slug, "settings")).await;
        }
    };
    let mut conn = crate::ctx::pool()?.acquire().await?;
    crate::db::orgs::update_settings(&mut conn, o.id, &parsed).await?;
    tracing::info!(
        user_id = user.id,
        org = o.slug,
        "organisation settings saved"
    );
    leptos_axum::redirect(&format!("{}?saved=1", back(&o.slug, "settings")));
    Ok(())
}
