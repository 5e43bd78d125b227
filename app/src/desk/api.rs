//! Server functions of the advisor desk.

use crate::domain::Localized;
use crate::domain::classification::ClassifyInput;
use crate::domain::delegation::DelegateInput;
use crate::domain::views::{DelegatedView, RequestDetail, WorkOrderView};
use crate::domain::work_order::ResolutionInput;
use crate::error::{AppError, FormFlash};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the reply form keeps after a failed post without JavaScript.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyInput {
    pub message: String,
    pub status: String,
    /// The knowledge-base article the reply used.
    #[serde(default)]
    pub kb_url: String,
}

/// The request view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestPage {
    pub request: RequestDetail,
    pub flash: Option<FormFlash<ReplyInput>>,
    pub class_flash: Option<FormFlash<ClassifyInput>>,
    pub link_flash: Option<FormFlash<LinkInput>>,
    pub hold_flash: Option<FormFlash<HoldInput>>,
    pub wo_flash: Option<FormFlash<WorkOrderInput>>,
    pub resolution_flash: Option<FormFlash<ResolutionInput>>,
    pub work_order: Option<WorkOrderView>,
    /// Open work orders of the organisation this request could join.
    pub open_work_orders: Vec<(i64, String)>,
    /// The organisations it could be delegated to.
    pub other_orgs: Vec<(i64, Localized)>,
    pub delegate_flash: Option<FormFlash<DelegateInput>>,
    pub return_flash: Option<FormFlash<ReturnInput>>,
    /// Whether this person may put the request on legal hold or lift it.
    pub can_hold: bool,
    pub options: ClassOptions,
    pub supplier_flash: Option<FormFlash<crate::domain::request_actions::SupplierInput>>,
    pub split_flash: Option<FormFlash<crate::domain::request_actions::SplitInput>>,
    /// The shared queues routing places requests in, for moving this one by hand.
    pub routed_queues: Vec<(i64, Localized)>,
    /// The customer's and their organisation's other requests.
    pub history: crate::domain::views::CustomerHistory,
    /// The form's answers, files, survey answers and hurry-ups.
    pub customer: crate::domain::views::CustomerInput,
    pub note_flash: Option<FormFlash<crate::notes::api::NoteInput>>,
    /// The advisor's saved reply and note drafts, put back in their boxes.
    pub drafts: crate::domain::drafts::Drafts,
    /// Colleagues writing on this request as it was loaded.
    pub writers: crate::domain::drafts::Writers,
    /// The signed-in advisor.
    pub me: i64,
    /// Whether they may give the request to a colleague or take it from one.
    pub lead: bool,
    /// Who it can be given to (for leads only; empty otherwise).
    pub colleagues: Vec<(i64, String)>,
    /// The organisation's reply templates in the request's language.
    pub templates: Vec<crate::domain::templates::Template>,
    /// What the templates are filled with.
    pub facts: crate::domain::templates::Facts,
}

/// The link form as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LinkInput {
    pub number: String,
    pub choice: String,
}

/// What a request can be classified as in its organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassOptions {
    pub categories: Vec<(i64, Localized)>,
    /// `(id, category id, name)`.
    pub problem_codes: Vec<(i64, i64, Localized)>,
}

/// One request of the advisor's organisation with its whole timeline.
#[server(prefix = "/api", endpoint = "load_request")]
pub async fn load_request(id: i64, form: Option<String>) -> Result<RequestPage, AppError> {
    let user = crate::ctx::require_user().await?;
    // The page has several forms; a flash carries the values of whichever was posted.
    let flash: Option<FormFlash<serde_json::Value>> = crate::ctx::take_flash(form).await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    super::service::request_page(&mut conn, &user, id, flash, crate::ctx::lang()).await
}

/// Every organisation but `organisation_id`, for delegation.
#[cfg(feature = "ssr")]
pub(super) async fn other_orgs(
    conn: &mut sqlx::PgConnection,
    organisation_id: i64,
) -> Result<Vec<(i64, Localized)>, AppError> {
    Ok(crate::db::orgs::list(conn)
        .await?
        .into_iter()
        .filter(|o| o.id != organisation_id)
        .map(|o| (o.id, o.name))
        .collect())
}

/// What requests of `organisation_id` can be classified as.
#[cfg(feature = "ssr")]
pub(super) async fn class_options(
    conn: &mut sqlx::PgConnection,
    organisation_id: i64,
) -> Result<ClassOptions, AppError> {
    Ok(ClassOptions {
        categories: crate::db::orgs::categories(conn, organisation_id)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect(),
        problem_codes: crate::db::hierarchy::active_problem_codes(conn, organisation_id).await?,
    })
}

/// Reclassifies a request (type, category, problem code, urgency, impact) and sets its priority
/// from the matrix or, with a reason, by hand; its SLA policy and clocks follow.
#[server(prefix = "/api", endpoint = "classify_request")]
pub async fn classify_request(id: i64, class: ClassifyInput) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    let mut tx = crate::ctx::pool()?.begin().await?;
    let matrix = crate::db::sla::matrix(&mut tx, user.organisation_id).await?;
    let options = class_options(&mut tx, user.organisation_id).await?;
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
    crate::requests::service::reclassify(&mut tx, user.organisation_id, id, &c, user.id, now)
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
    use crate::requests::service::LinkOutcome;
    let user = crate::ctx::require_user().await?;
    let Some(choice) = crate::domain::links::LinkChoice::parse(&link.choice) else {
        let mut errors = crate::error::FieldErrors::default();
        errors.add("choice", "choose");
        return crate::ctx::form_failed(&link, errors, &format!("/desk/r/{id}")).await;
    };
    let mut tx = crate::ctx::pool()?.begin().await?;
    let now = chrono::Utc::now();
    let outcome = crate::requests::service::link_requests(
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

/// What the legal-hold form keeps after a failed post.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HoldInput {
    pub grounds: String,
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

/// The new-work-order form as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkOrderInput {
    pub title: String,
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
    let resolved = crate::requests::service::complete_work_order(
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

/// The hand-back form as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReturnInput {
    pub return_note: String,
}

/// Hands request `id` to another organisation's queue with instructions, sharing what the owner
/// chose.
#[server(prefix = "/api", endpoint = "delegate_request")]
pub async fn delegate_request(id: i64, delegation: DelegateInput) -> Result<(), AppError> {
    use crate::requests::service::DelegationOutcome;
    let user = crate::ctx::require_user().await?;
    let mut tx = crate::ctx::pool()?.begin().await?;
    let others: Vec<i64> = other_orgs(&mut tx, user.organisation_id)
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
    match crate::requests::service::delegate(&mut tx, user.organisation_id, id, &d, user.id, now)
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
    use crate::requests::service::DelegationOutcome;
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
    match crate::requests::service::hand_back(
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
    use crate::domain::{Actor, Status, views::EventKind};
    let user = crate::ctx::require_user().await?;
    let mut tx = crate::ctx::pool()?.begin().await?;
    let key = crate::db::requests::tracking_key(&mut tx, id, true).await?;
    let key = key
        .filter(|k| k.organisation_id == user.organisation_id)
        .ok_or(AppError::NotFound)?;
    let to = Status::parse(&status)
        .filter(|s| s.applies_to(key.request_type))
        .and_then(|s| key.status.after_message(Actor::staff(&user.role), Some(s)));
    let mut errors = crate::domain::request::parse_message(&message)
        .err()
        .unwrap_or_default();
    if to.is_none() {
        errors.add("status", "choose");
    }
    let kb_url = kb_url.unwrap_or_default();
    let kb = crate::domain::request_actions::parse_kb_url(&kb_url)
        .map_err(|code| errors.add("kb_url", code))
        .unwrap_or_default();
    let (Some(to), true) = (to, errors.is_empty()) else {
        drop(tx);
        let values = ReplyInput {
            message: message
                .chars()
                .take(crate::domain::request::MAX_MESSAGE)
                .collect(),
            status,
            kb_url: kb_url.chars().take(500).collect(),
        };
        return crate::ctx::form_failed(&values, errors, &format!("/desk/r/{id}")).await;
    };
    let now = chrono::Utc::now();
    let state = crate::ctx::state()?;
    let m = crate::db::requests::Message {
        kind: EventKind::Reply,
        actor_user_id: Some(user.id),
        body: message.trim(),
        to,
        channel: "desk",
    };
    crate::requests::customer::add_message(&mut tx, state.mailer(), &key, &m, now).await?;
    if let Some(url) = &kb {
        crate::db::requests::set_kb_article(&mut tx, id, url).await?;
    }
    let reply = crate::domain::drafts::DraftKind::Reply;
    crate::db::drafts::save(&mut tx, id, user.id, reply, None, now).await?;
    tx.commit().await?;
    tracing::info!(
        request_id = id,
        user_id = user.id,
        to = to.code(),
        "reply sent"
    );
    leptos_axum::redirect(&format!("/desk/r/{id}?sent=1"));
    Ok(())
}
