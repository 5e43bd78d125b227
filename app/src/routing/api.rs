//! Server functions of routing.

use super::types::*;
use crate::domain::routing::RuleInput;
use crate::error::AppError;
use leptos::prelude::*;

/// Organisation `org`'s routing rules in order; its administrators only.
#[server(prefix = "/api", endpoint = "load_routing")]
pub async fn load_routing(org: String, form: Option<String>) -> Result<RoutingPage, AppError> {
    let (_, o) = crate::ctx::require_admin_of(&org).await?;
    let flash = crate::ctx::take_flash(form).await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    Ok(RoutingPage {
        org: crate::admin::service::admin_org(&o),
        rules: crate::db::routing::rules(&mut conn, o.id).await?,
        categories: crate::db::orgs::categories(&mut conn, o.id)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect(),
        queues: crate::db::routing::routed_queues(&mut conn, o.id).await?,
        flash,
    })
}

/// Adds a rule at the end of organisation `org`'s rules.
#[server(prefix = "/api", endpoint = "add_rule")]
pub async fn add_rule(org: String, rule: RuleInput) -> Result<(), AppError> {
    let (user, o) = crate::ctx::require_admin_of(&org).await?;
    let back = format!("/admin/o/{}/routing", o.slug);
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let categories = crate::db::orgs::category_ids(&mut conn, o.id).await?;
    let queues: Vec<i64> = crate::db::routing::routed_queues(&mut conn, o.id)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let new = match rule.parse(&categories, &queues) {
        Ok(r) => r,
        Err(errors) => return crate::ctx::form_failed(&rule, errors, &back).await,
    };
    let id = crate::db::routing::insert(&mut conn, o.id, &new).await?;
    tracing::info!(org = o.id, by = user.id, rule = id, "routing rule added");
    leptos_axum::redirect(&format!("{back}?saved=1"));
    Ok(())
}

/// Removes rule `id` of organisation `org`.
#[server(prefix = "/api", endpoint = "delete_rule")]
pub async fn delete_rule(org: String, id: i64) -> Result<(), AppError> {
    let (user, o) = crate::ctx::require_admin_of(&org).await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    if !crate::db::routing::delete(&mut conn, o.id, id).await? {
        return Err(AppError::NotFound);
    }
    tracing::info!(org = o.id, by = user.id, rule = id, "routing rule removed");
    leptos_axum::redirect(&format!("/admin/o/{}/routing?saved=1", o.slug));
    Ok(())
}

/// Tries rule `id` of organisation `org` one place earlier (the first stays first).
#[server(prefix = "/api", endpoint = "move_rule_up")]
pub async fn move_rule_up(org: String, id: i64) -> Result<(), AppError> {
    let (_, o) = crate::ctx::require_admin_of(&org).await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let rules = crate::db::routing::rules(&mut conn, o.id).await?;
    if !rules.iter().any(|r| r.id == id) {
        return Err(AppError::NotFound);
    }
    crate::db::routing::move_up(&mut conn, o.id, id).await?;
    leptos_axum::redirect(&format!("/admin/o/{}/routing?saved=1", o.slug));
    Ok(())
}

/// Moves request `id` to routed queue `queue` (empty: out of its queue) by hand.
#[server(prefix = "/api", endpoint = "move_to_queue")]
pub async fn move_to_queue(id: i64, queue: String) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    let queue_id = match queue.trim() {
        "" => None,
        q => Some(
            q.parse::<i64>()
                .map_err(|_| AppError::BadRequest("queue must be a queue id or empty".into()))?,
        ),
    };
    let pool = crate::ctx::pool()?;
    crate::requests::routing::move_by_hand(&pool, &user, id, queue_id, chrono::Utc::now()).await?;
    leptos_axum::redirect(&format!("/desk/r/{id}?queued=1"));
    Ok(())
}
