//! Server functions of the advisor desk.

use super::types::*;
use crate::domain::classification::ClassifyInput;
use crate::domain::delegation::DelegateInput;
#[cfg(feature = "ssr")]
use crate::domain::request_actions::ReplyInput;
use crate::domain::views::DelegatedView;
use crate::domain::work_order::ResolutionInput;
use crate::error::{AppError, FormFlash};
use leptos::prelude::*;

/// One request of the advisor's organisation with its whole timeline.
#[server(prefix = "/api", endpoint = "load_request")]
pub async fn load_request(id: i64, form: Option<String>) -> Result<RequestPage, AppError> {
    let user = crate::ctx::require_user().await?;
    // The page has several forms; a flash carries the values of whichever was posted.
    let flash: Option<FormFlash<serde_json::Value>> = crate::ctx::take_flash(form).await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    crate::requests::view::request_page(&mut conn, &user, id, flash, crate::ctx::lang()).await
}

/// Reclassifies a request (type, category, problem code, urgency, impact) and sets its priority
/// from the matrix or, with a reason, by hand; its SLA policy and clocks follow.
#[server(prefix = "/api", endpoint = "classify_request")]
pub async fn classify_request(id: i64, class: ClassifyInput) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    let mut tx = crate::ctx::pool()?.begin().await?;
    let matrix = crate::db::sla::matrix(&mut tx, user.organisation_id).await?;
    let options = crate::requests::view::class_options(&mut tx, user.organisation_id).await?;
    let categories: Vec<i64> = options.categories.iter().map(|(id, _)| *id).collect();
    let codes: Vec<(i64, i64)> = options
        .problem_codes
        .iter()
        .map(|(id, c, _)| (*id, *c))
        .collect();
    let c = match class.parse(&matrix, &categories, &codes) {
        Ok(c) => c,
        Err(errors) => {
            drop(tx);
            return crate::ctx::form_failed(&class, errors, &format!("/desk/r/{id}")).await;
        }
    };
    let now = chrono::Utc::now();
    crate::requests::clocks::reclassify(&mut tx, user.organisation_id, id, &c, user.id, now)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    tracing::info!(
        request_id = id,
        user_id = user.id,
        priority = c.priority.code(),
        "reclassified"
    );
    leptos_axum::redirect(&format!("/desk/r/{id}?classified=1"));
    Ok(())
}

/// Links this request to another of the organisation by its number: related, the other as a
/// subtask of this one, or this one merged into the other as a duplicate.
#[server(prefix = "/api", endpoint = "link_request")]
pub async fn link_request(id: i64, link: LinkInput) -> Result<(), AppError> {
    use crate::requests::links::LinkOutcome;
    let user = crate::ctx::require_user().await?;
    let Some(choice) = crate::domain::links::LinkChoice::parse(&link.choice) else {
        let mut errors = crate::error::FieldErrors::default();
        errors.add("choice", "choose");
        return crate::ctx::form_failed(&link, errors, &format!("/desk/r/{id}")).await;
    };
    let mut tx = crate::ctx::pool()?.begin().await?;
    let now = chrono::Utc::now();
    let outcome = crate::requests::links::link_requests(
        &mut tx,
        user.organisation_id,
        id,
        &link.number,
        choice,
        user.id,
        now,
    )
    .await?;
    let code = match outcome {
        LinkOutcome::Linked => None,
        LinkOutcome::NotFound => return Err(AppError::NotFound),
        LinkOutcome::UnknownNumber => Some("number_unknown"),
        LinkOutcome::SameRequest => Some("same_request"),
        LinkOutcome::NotMergeable => Some("not_mergeable"),
    };
    if let Some(code) = code {
        drop(tx);
        let mut errors = crate::error::FieldErrors::default();
        errors.add("number", code);
        return crate::ctx::form_failed(&link, errors, &format!("/desk/r/{id}")).await;
    }
    tx.commit().await?;
    tracing::info!(
        request_id = id,
        user_id = user.id,
        choice = link.choice,
        "linked"
    );
    leptos_axum::redirect(&format!("/desk/r/{id}?linked=1"));
    Ok(())
}

/// Puts a request on legal hold or lifts it, with grounds; supervisors and administrators only.
#[server(prefix = "/api", endpoint = "set_legal_hold")]
pub async fn set_legal_hold(id: i64, on: bool, hold: HoldInput) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    if !crate::domain::retention::may_hold(&user.role, user.service_admin) {
        return Err(AppError::Forbidden);
    }
    let reason = hold.grounds.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        let mut errors = crate::error::FieldErrors::default();
        errors.add(
            "hold_reason",
            if reason.is_empty() {
                "required"
            } else {
                "too_long"
            },
        );
        return crate::ctx::form_failed(&hold, errors, &format!("/desk/r/{id}")).await;
    }
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let now = chrono::Utc::now();
    if !crate::db::retention::set_hold(
        &mut conn,
        user.organisation_id,
        id,
        on,
        reason,
        user.id,
        now,
    )
    .await?
    {
        return Err(AppError::NotFound);
    }
    tracing::info!(request_id = id, user_id = user.id, on, "legal hold");
    leptos_axum::redirect(&format!("/desk/r/{id}"));
    Ok(())
}

/// Creates a work order and puts this request in it.
#[server(prefix = "/api", endpoint = "create_work_order")]
pub async fn create_work_order(id: i64, wo: WorkOrderInput) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    let title = match crate::domain::work_order::parse_title(&wo.title) {
        Ok(title) => title,
        Err(errors) => return crate::ctx::form_failed(&wo, errors, &format!("/desk/r/{id}")).await,
    };
    let mut tx = crate::ctx::pool()?.begin().await?;
    let now = chrono::Utc::now();
    let w =
        crate::db::work_orders::create(&mut tx, user.organisation_id, &title, user.id, now).await?;
    if !crate::db::work_orders::join(&mut tx, user.organisation_id, id, w).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    tracing::info!(
        request_id = id,
        work_order_id = w,
        user_id = user.id,
        "work order created"
    );
    leptos_axum::redirect(&format!("/desk/r/{id}?wo=1"));
    Ok(())
}

/// Puts this request in an open work order of the organisation.
#[server(prefix = "/api", endpoint = "join_work_order")]
pub async fn join_work_order(id: i64, work_order_id: i64) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    if !crate::db::work_orders::join(&mut conn, user.organisation_id, id, work_order_id).await? {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect(&format!("/desk/r/{id}?wo=1"));
    Ok(())
}

/// Completes the work order of request `id`: each request in it is resolved with the resolution
/// in its customer's language.
#[server(prefix = "/api", endpoint = "complete_work_order")]
pub async fn complete_work_order(
    id: i64,
    work_order_id: i64,
    res: ResolutionInput,
) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    let resolution = match res.parse() {
        Ok(r) => r,
        Err(errors) => {
            return crate::ctx::form_failed(&res, errors, &format!("/desk/r/{id}")).await;
        }
    };
    let state = crate::ctx::state()?;
    let mut tx = state.pool.begin().await?;
    let actor = crate::domain::Actor::staff(&user.role);
    let resolved = crate::requests::work_orders::complete_work_order(
        &mut tx,
        state.mailer(),
        user.organisation_id,
        work_order_id,
        &resolution,
        (user.id, actor),
        chrono::Utc::now(),
    )
    .await?
    .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    tracing::info!(
        work_order_id,
        resolved,
        user_id = user.id,
        "work order completed"
    );
    leptos_axum::redirect(&format!("/desk/r/{id}?wo=1"));
    Ok(())
}

/// Hands request `id` to another organisation's queue with instructions, sharing what the owner
/// chose.
#[server(prefix = "/api", endpoint = "delegate_request")]
pub async fn delegate_request(id: i64, delegation: DelegateInput) -> Result<(), AppError> {
    use crate::requests::delegation::DelegationOutcome;
    let user = crate::ctx::require_user().await?;
    let mut tx = crate::ctx::pool()?.begin().await?;
    let others: Vec<i64> = crate::requests::view::other_orgs(&mut tx, user.organisation_id)
        .await?
        .iter()
        .map(|(o, _)| *o)
        .collect();
    let d = match delegation.parse(&others) {
        Ok(d) => d,
        Err(errors) => {
            drop(tx);
            return crate::ctx::form_failed(&delegation, errors, &format!("/desk/r/{id}")).await;
        }
    };
    let now = chrono::Utc::now();
    match crate::requests::delegation::delegate(&mut tx, user.organisation_id, id, &d, user.id, now)
        .await?
    {
        DelegationOutcome::Done => {}
        DelegationOutcome::NotFound => return Err(AppError::NotFound),
        DelegationOutcome::NotNow => return Err(AppError::Conflict("not delegable now".into())),
    }
    tx.commit().await?;
    tracing::info!(
        request_id = id,
        to = d.to_organisation_id,
        user_id = user.id,
        "delegated"
    );
    leptos_axum::redirect(&format!("/desk/r/{id}"));
    Ok(())
}

/// Ends the delegation of request `id`: the receiver hands it back, or the owner takes it back.
#[server(prefix = "/api", endpoint = "hand_back_request")]
pub async fn hand_back_request(id: i64, back: ReturnInput) -> Result<(), AppError> {
    use crate::requests::delegation::DelegationOutcome;
    let user = crate::ctx::require_user().await?;
    let mut tx = crate::ctx::pool()?.begin().await?;
    let open = crate::db::delegations::open_for(&mut tx, id).await?;
    let here = match open {
        Some(o) if o.to_organisation_id == user.organisation_id => format!("/desk/d/{id}"),
        _ => format!("/desk/r/{id}"),
    };
    let note = match crate::domain::delegation::parse_return_note(&back.return_note) {
        Ok(note) => note,
        Err(errors) => {
            drop(tx);
            return crate::ctx::form_failed(&back, errors, &here).await;
        }
    };
    let now = chrono::Utc::now();
    match crate::requests::delegation::hand_back(
        &mut tx,
        user.organisation_id,
        id,
        &note,
        user.id,
        now,
    )
    .await?
    {
        DelegationOutcome::Done => {}
        DelegationOutcome::NotFound => return Err(AppError::NotFound),
        DelegationOutcome::NotNow => return Err(AppError::Conflict("not delegated".into())),
    }
    tx.commit().await?;
    tracing::info!(request_id = id, user_id = user.id, "handed back");
    let next = if here.starts_with("/desk/d/") {
        "/desk?returned=1".to_string()
    } else {
        here
    };
    leptos_axum::redirect(&next);
    Ok(())
}

/// A request delegated to the signed-in person's organisation, as far as the owner shared it.
#[server(prefix = "/api", endpoint = "load_delegated")]
pub async fn load_delegated(
    id: i64,
    form: Option<String>,
) -> Result<(DelegatedView, Option<FormFlash<ReturnInput>>), AppError> {
    let user = crate::ctx::require_user().await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let view = crate::db::delegations::view_for_receiver(&mut conn, user.organisation_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((view, crate::ctx::take_flash(form).await?))
}

/// A public reply to the customer, moving the request to `status` (resolving it needs the reply:
/// the resolution text), noting the knowledge-base article `kb_url` it used, if any.
#[server(prefix = "/api", endpoint = "reply_request")]
pub async fn reply_request(
    id: i64,
    message: String,
    status: String,
    kb_url: Option<String>,
) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    let kb_url = kb_url.unwrap_or_default();
    let input = ReplyInput {
        message,
        status,
        kb_url,
    };
    let state = crate::ctx::state()?;
    let now = chrono::Utc::now();
    let sent = crate::requests::replies::reply(&state.pool, state.mailer(), &user, id, &input, now);
    if let Err(errors) = sent.await? {
        return crate::ctx::form_failed(&input.bounded(), errors, &format!("/desk/r/{id}")).await;
    }
    leptos_axum::redirect(&format!("/desk/r/{id}?sent=1"));
    Ok(())
}
