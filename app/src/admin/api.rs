//! Server functions of the administration pages. Each checks access through `ctx`, parses with
//! `domain::admin`, writes through `db`, and sends the browser back to the page it came from.

use super::types::*;
#[cfg(feature = "ssr")]
use crate::domain::Localized;
#[cfg(feature = "ssr")]
use crate::domain::admin::Level;
use crate::domain::admin::{
    ClosureInput, NodeInput, OrgInput, PolicyInput, SettingsInput, WeekInput,
};
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
pub(crate) fn admin_org(o: &crate::db::orgs::Organisation) -> AdminOrg {
    AdminOrg {
        slug: o.slug.clone(),
        prefix: o.prefix.clone(),
        name: o.name.clone(),
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
    let orgs: Vec<AdminOrg> = crate::db::orgs::list(&mut conn)
        .await?
        .iter()
        .filter(|o| crate::domain::people::may_administer(user.service_admin, &user.admin_of, o.id))
        .map(admin_org)
        .collect();
    if orgs.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(AdminHome {
        orgs,
        can_create: user.service_admin,
        flash: crate::ctx::take_flash(form).await?,
    })
}

/// Sets up a new organisation with office-hours calendar; service-point administrators only.
#[server(prefix = "/api", endpoint = "create_organisation")]
pub async fn create_organisation(org: OrgInput) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    if !user.service_admin {
        return Err(AppError::Forbidden);
    }
    let new = match org.parse() {
        Ok(new) => new,
        Err(errors) => return crate::ctx::form_failed(&org, errors, "/admin").await,
    };
    let mut tx = crate::ctx::pool()?.begin().await?;
    match crate::db::orgs::insert(&mut tx, &new.slug, &new.prefix, &new.name, &new.privacy_url)
        .await
    {
        Ok(id) => crate::requests::customer::add_standard_forms(&mut tx, id, Some(user.id)).await?,
        Err(e) => {
            let field = match crate::db::constraint(&e) {
                Some("organisations_slug_key") => "slug",
                Some("organisations_prefix_key") => "prefix",
                _ => return Err(e.into()),
            };
            drop(tx);
            let mut errors = crate::error::FieldErrors::default();
            errors.add(field, "taken");
            return crate::ctx::form_failed(&org, errors, "/admin").await;
        }
    }
    tx.commit().await?;
    tracing::info!(user_id = user.id, slug = new.slug, "organisation created");
    leptos_axum::redirect(&back(&new.slug, "hierarchy"));
    Ok(())
}

/// The service hierarchy of an organisation, retired nodes included.
#[server(prefix = "/api", endpoint = "load_hierarchy")]
pub async fn load_hierarchy(org: String, form: Option<String>) -> Result<HierarchyPage, AppError> {
    let (_, o) = crate::ctx::require_admin_of(&org).await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let nodes = crate::db::hierarchy::tree(&mut conn, o.id).await?;
    Ok(HierarchyPage {
        org: admin_org(&o),
        nodes: nodes
            .into_iter()
            .map(|n| NodeView {
                level: n.level,
                id: n.id,
                parent_id: n.parent_id,
                name: n.name,
                active: n.active,
            })
            .collect(),
        flash: crate::ctx::take_flash(form).await?,
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
    let parent: Option<i64> = match parent.as_deref().filter(|p| !p.is_empty()) {
        Some(p) => Some(
            p.parse()
                .map_err(|_| AppError::BadRequest("parent".into()))?,
        ),
        None => None,
    };
    let name = match node.parse() {
        Ok(name) => name,
        Err(errors) => {
            return crate::ctx::form_failed(&node, errors, &back(&o.slug, "hierarchy")).await;
        }
    };
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let id = crate::db::hierarchy::insert(&mut conn, o.id, level, parent, &name)
        .await?
        .ok_or_else(|| AppError::BadRequest("parent".into()))?;
    tracing::info!(
        user_id = user.id,
        node_id = id,
        level = level.code(),
        "hierarchy node added"
    );
    leptos_axum::redirect(&format!("{}?saved=1", back(&o.slug, "hierarchy")));
    Ok(())
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
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let today = chrono::Utc::now().date_naive();
    let cal = crate::db::sla::calendar(&mut conn, o.id, today).await?;
    // One flash serves both forms of the page: it carries what its own form posted.
    let flash: Option<FormFlash<serde_json::Value>> = crate::ctx::take_flash(form).await?;
    let (mut week, mut week_errors, mut closure_flash) =
        (WeekInput::from_calendar(&cal), None, None);
    if let Some(f) = flash {
        if let Ok(values) = serde_json::from_value::<WeekInput>(f.values.clone()) {
            week = values;
            week_errors = Some(f.errors);
        } else if let Ok(values) = serde_json::from_value::<ClosureInput>(f.values) {
            closure_flash = Some(FormFlash {
                values,
                errors: f.errors,
            });
        }
    }
    let year = chrono::Datelike::year(&today);
    let holidays = [year, year + 1]
        .into_iter()
        .flat_map(crate::domain::calendar::finnish_holidays)
        .filter(|(d, _)| *d >= today && *d < today + chrono::Duration::days(366))
        .collect();
    Ok(CalendarPage {
        org: admin_org(&o),
        week,
        week_errors,
        closures: cal
            .closures
            .into_iter()
            .map(|c| (c.day, c.reason))
            .collect(),
        closure_flash,
        holidays,
    })
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
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let categories: Vec<(i64, Localized)> = crate::db::orgs::categories(&mut conn, o.id)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let policies = crate::db::sla::policies(&mut conn, o.id)
        .await?
        .into_iter()
        .map(|p| PolicyView {
            id: p.policy.id,
            category: p.policy.matches.category_id.and_then(|id| {
                categories
                    .iter()
                    .find(|(c, _)| *c == id)
                    .map(|(_, n)| n.clone())
            }),
            name: p.name,
            matches: p.policy.matches,
            targets: p.policy.targets,
        })
        .collect();
    Ok(SlaPage {
        org: admin_org(&o),
        policies,
        matrix: crate::db::sla::matrix(&mut conn, o.id).await?,
        categories,
        flash: crate::ctx::take_flash(form).await?,
    })
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
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let rules = crate::db::retention::rules(&mut conn, o.id).await?;
    let flash: Option<FormFlash<RulesInput>> = crate::ctx::take_flash(form).await?;
    let (input, errors) = match flash {
        Some(f) => (f.values, f.errors),
        None => (
            RulesInput {
                archive_after_days: rules
                    .iter()
                    .map(|r| r.archive_after_days.to_string())
                    .collect(),
                dispose_after_months: rules
                    .iter()
                    .map(|r| {
                        r.dispose_after_months
                            .map(|m| m.to_string())
                            .unwrap_or_default()
                    })
                    .collect(),
                disposal: rules
                    .iter()
                    .map(|r| r.disposal.code().to_string())
                    .collect(),
            },
            crate::error::FieldErrors::default(),
        ),
    };
    Ok(RetentionPage {
        org: admin_org(&o),
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

/// An organisation's names and privacy notice.
#[server(prefix = "/api", endpoint = "load_org_settings")]
pub async fn load_org_settings(
    org: String,
    form: Option<String>,
) -> Result<SettingsPage, AppError> {
    let (_, o) = crate::ctx::require_admin_of(&org).await?;
    let flash: Option<FormFlash<SettingsInput>> = crate::ctx::take_flash(form).await?;
    let (input, errors) = match flash {
        Some(f) => (f.values, f.errors),
        None => (
            SettingsInput {
                name_fi: o.name.fi.clone(),
                name_sv: o.name.sv.clone(),
                name_en: o.name.en.clone(),
                privacy_url: o.privacy_url.clone(),
                untouched_hours: o.untouched_hours.to_string(),
            },
            crate::error::FieldErrors::default(),
        ),
    };
    Ok(SettingsPage {
        org: admin_org(&o),
        input,
        errors,
    })
}

/// Saves an organisation's names, privacy notice and untouched time.
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
