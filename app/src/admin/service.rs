//! Configuring an organisation: the administration pages put together from `db`, and the changes
//! that take more than one statement. Rules and parsing are in `domain::admin`; access is checked
//! by the server functions before anything here runs.

use super::types::*;
use crate::db;
use crate::db::orgs::Organisation;
use crate::db::users::StaffUser;
use crate::domain::Localized;
use crate::domain::admin::{ClosureInput, Level, NodeInput, OrgInput, PolicyInput, WeekInput};
use crate::domain::mailbox::{MAX_PER_ORG, MailboxInput, SEALED_FOR};
use crate::error::{AppError, Checked, FieldErrors, FormFlash};
use chrono::NaiveDate;
use sqlx::{PgConnection, PgPool};

/// How an administration page names its organisation.
pub fn admin_org(o: &Organisation) -> AdminOrg {
    AdminOrg {
        slug: o.slug.clone(),
        prefix: o.prefix.clone(),
        name: o.name.clone(),
    }
}

/// The settings page of `o`: what a failed post typed, with its errors, or else what is stored.
pub async fn settings_page(
    pool: &PgPool,
    o: &Organisation,
    flash: Option<FormFlash<crate::domain::admin::SettingsInput>>,
) -> Result<SettingsPage, AppError> {
    let (input, errors) = match flash {
        Some(f) => (f.values, f.errors),
        None => {
            let mail = db::orgs::mail_settings(&mut *pool.acquire().await?, o.id).await?;
            let input = crate::domain::admin::SettingsInput::stored(
                &o.name,
                &o.privacy_url,
                o.untouched_hours,
                &mail,
            );
            (input, FieldErrors::default())
        }
    };
    Ok(SettingsPage {
        org: admin_org(o),
        input,
        errors,
    })
}

/// Rows of the mail log on a page.
const MAIL_LOG_PAGE: i64 = 50;

/// The mail page of `o`: its mailboxes with what their readers last saw, the mailbox form (what
/// a failed post typed, mailbox `edit` as stored, or a new one), and a page of received mail
/// older than `before`.
pub async fn mail_page(
    pool: &PgPool,
    o: &Organisation,
    before: Option<i64>,
    edit: Option<i64>,
    flash: Option<FormFlash<MailboxInput>>,
) -> Result<crate::admin::types::MailLogPage, AppError> {
    let mut conn = pool.acquire().await?;
    let mailboxes = db::mailboxes::list(&mut conn, o.id).await?;
    let (form, errors) = match flash {
        Some(f) => (f.values, f.errors),
        None => {
            let edited = mailboxes.iter().find(|m| Some(m.mailbox.id) == edit);
            let form = edited.map(|m| m.mailbox.input()).unwrap_or_default();
            (form, FieldErrors::default())
        }
    };
    let mut rows = db::inbound::log(&mut conn, o.id, before, MAIL_LOG_PAGE + 1).await?;
    let older = (rows.len() as i64 > MAIL_LOG_PAGE).then(|| {
        rows.truncate(MAIL_LOG_PAGE as usize);
        rows.last().map(|r| r.id)
    });
    Ok(crate::admin::types::MailLogPage {
        org: admin_org(o),
        mailboxes,
        form,
        errors,
        rows,
        older: older.flatten(),
    })
}

/// Adds or changes a mailbox of `o`, its password sealed with `secret`. The same account and
/// folder twice, or more than [`MAX_PER_ORG`] mailboxes, are the form's errors; another
/// organisation's mailbox is not found.
pub async fn save_mailbox(
    pool: &PgPool,
    secret: &[u8],
    o: &Organisation,
    input: &MailboxInput,
) -> Checked<()> {
    let m = match input.parse() {
        Ok(m) => m,
        Err(errors) => return Ok(Err(errors)),
    };
    let sealed = m
        .password
        .as_deref()
        .map(|p| crate::security::seal(secret, SEALED_FOR, p));
    let mut tx = pool.begin().await?;
    let saved = match (m.id, sealed) {
        (Some(id), sealed) => {
            match db::mailboxes::update(&mut tx, o.id, id, &m, sealed.as_deref()).await {
                Ok(true) => Ok(()),
                Ok(false) => return Err(AppError::NotFound),
                Err(e) => Err(e),
            }
        }
        (None, Some(sealed)) => {
            if db::mailboxes::count(&mut tx, o.id).await? >= MAX_PER_ORG {
                return Ok(Err(FieldErrors::one("name", "too_many")));
            }
            db::mailboxes::insert(&mut tx, o.id, &m, &sealed)
                .await
                .map(drop)
        }
        (None, None) => return Ok(Err(FieldErrors::one("password", "required"))),
    };
    match saved {
        Ok(()) => {}
        Err(e) if db::constraint(&e) == Some("mailboxes_account") => {
            return Ok(Err(FieldErrors::one("username", "taken")));
        }
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    Ok(Ok(()))
}

/// Removes mailbox `id` of `o`; the mail it brought stays.
pub async fn delete_mailbox(pool: &PgPool, o: &Organisation, id: i64) -> Result<(), AppError> {
    match db::mailboxes::delete(&mut *pool.acquire().await?, o.id, id).await? {
        true => Ok(()),
        false => Err(AppError::NotFound),
    }
}

/// The organisations `user` may configure; `Forbidden` when there are none.
pub async fn home(conn: &mut PgConnection, user: &StaffUser) -> Result<Vec<AdminOrg>, AppError> {
    let may = |id| crate::domain::people::may_administer(user.service_admin, &user.admin_of, id);
    let orgs = db::orgs::list(conn).await?;
    let orgs: Vec<AdminOrg> = orgs.iter().filter(|o| may(o.id)).map(admin_org).collect();
    match orgs.is_empty() {
        true => Err(AppError::Forbidden),
        false => Ok(orgs),
    }
}

/// Sets up a new organisation with the four standard forms; answers its slug. A slug or prefix
/// already taken is the field's error.
pub async fn create_organisation(
    pool: &PgPool,
    user: &StaffUser,
    input: &OrgInput,
) -> Checked<String> {
    let new = match input.parse() {
        Ok(new) => new,
        Err(errors) => return Ok(Err(errors)),
    };
    let mut tx = pool.begin().await?;
    match db::orgs::insert(&mut tx, &new.slug, &new.prefix, &new.name, &new.privacy_url).await {
        Ok(id) => crate::requests::customer::add_standard_forms(&mut tx, id, Some(user.id)).await?,
        Err(e) => {
            let field = match db::constraint(&e) {
                Some("organisations_slug_key") => "slug",
                Some("organisations_prefix_key") => "prefix",
                _ => return Err(e.into()),
            };
            return Ok(Err(FieldErrors::one(field, "taken")));
        }
    }
    tx.commit().await?;
    tracing::info!(user_id = user.id, slug = new.slug, "organisation created");
    Ok(Ok(new.slug))
}

/// Every node of the organisation's service hierarchy, retired ones included.
pub async fn hierarchy(
    conn: &mut PgConnection,
    o: &Organisation,
) -> Result<Vec<NodeView>, AppError> {
    let nodes = db::hierarchy::tree(conn, o.id).await?;
    Ok(nodes
        .into_iter()
        .map(|n| NodeView {
            level: n.level,
            id: n.id,
            parent_id: n.parent_id,
            name: n.name,
            active: n.active,
        })
        .collect())
}

/// Adds a node of `level` under `parent` (none for a department).
pub async fn add_node(
    pool: &PgPool,
    user: &StaffUser,
    o: &Organisation,
    (level, parent): (Level, Option<i64>),
    input: &NodeInput,
) -> Checked {
    let name = match input.parse() {
        Ok(name) => name,
        Err(errors) => return Ok(Err(errors)),
    };
    let mut conn = pool.acquire().await?;
    let id = db::hierarchy::insert(&mut conn, o.id, level, parent, &name)
        .await?
        .ok_or_else(|| AppError::BadRequest("parent".into()))?;
    tracing::info!(
        user_id = user.id,
        node_id = id,
        level = level.code(),
        "hierarchy node added"
    );
    Ok(Ok(()))
}

/// The calendar page: the week as stored or as last posted, closures, the coming holidays. One
/// flash serves both forms of the page: it carries what its own form posted.
pub async fn calendar_page(
    conn: &mut PgConnection,
    o: &Organisation,
    flash: Option<FormFlash<serde_json::Value>>,
    today: NaiveDate,
) -> Result<CalendarPage, AppError> {
    let cal = db::sla::calendar(conn, o.id, today).await?;
    let (mut week, mut week_errors, mut closure_flash) =
        (WeekInput::from_calendar(&cal), None, None);
    if let Some(f) = flash {
        if let Ok(values) = serde_json::from_value::<WeekInput>(f.values.clone()) {
            (week, week_errors) = (values, Some(f.errors));
        } else if let Ok(values) = serde_json::from_value::<ClosureInput>(f.values) {
            closure_flash = Some(FormFlash {
                values,
                errors: f.errors,
            });
        }
    }
    Ok(CalendarPage {
        org: admin_org(o),
        week,
        week_errors,
        closures: cal
            .closures
            .into_iter()
            .map(|c| (c.day, c.reason))
            .collect(),
        closure_flash,
        holidays: crate::domain::calendar::holidays_in_the_coming_year(today),
    })
}

/// The SLA page: policies in their order with their categories named, the priority matrix.
pub async fn sla_page(
    conn: &mut PgConnection,
    o: &Organisation,
    flash: Option<FormFlash<PolicyInput>>,
) -> Result<SlaPage, AppError> {
    let categories: Vec<(i64, Localized)> = db::orgs::categories(conn, o.id)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let name_of = |id: i64| {
        categories
            .iter()
            .find(|(c, _)| *c == id)
            .map(|(_, n)| n.clone())
    };
    let policies = db::sla::policies(conn, o.id)
        .await?
        .into_iter()
        .map(|p| PolicyView {
            id: p.policy.id,
            category: p.policy.matches.category_id.and_then(name_of),
            name: p.name,
            matches: p.policy.matches,
            targets: p.policy.targets,
        })
        .collect();
    Ok(SlaPage {
        org: admin_org(o),
        policies,
        matrix: db::sla::matrix(conn, o.id).await?,
        categories,
        flash,
    })
}
