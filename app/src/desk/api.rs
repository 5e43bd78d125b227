//! Server functions of the advisor desk.

use crate::domain::classification::ClassifyInput;
use crate::domain::delegation::DelegateInput;
use crate::domain::delegation::ReturnInput;
use crate::domain::links::LinkInput;
use crate::domain::pages::*;
#[cfg(feature = "ssr")]
use crate::domain::request_actions::ReplyInput;
use crate::domain::retention::HoldInput;
use crate::domain::views::DelegatedView;
use crate::domain::work_order::ResolutionInput;
use crate::domain::work_order::WorkOrderInput;
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
    let pool = crate::ctx::pool()?;
    let done = crate::requests::clocks::classify(&pool, &user, id, &class, chrono::Utc::now());
    let back = format!("/desk/r/{id}");
    crate::ctx::finish(done.await?, &class, &back, &format!("{back}?classified=1")).await
}

/// Links this request to another of the organisation by its number: related, the other as a
/// subtask of this one, or this one merged into the other as a duplicate.
#[server(prefix = "/api", endpoint = "link_request")]
pub async fn link_request(id: i64, link: LinkInput) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    let pool = crate::ctx::pool()?;
    let done = crate::requests::links::link(&pool, &user, id, &link, chrono::Utc::now());
    let back = format!("/desk/r/{id}");
    crate::ctx::finish(done.await?, &link, &back, &format!("{back}?linked=1")).await
}

/// Puts a request on legal hold or lifts it, with grounds; supervisors and administrators only.
#[server(prefix = "/api", endpoint = "set_legal_hold")]
pub async fn set_legal_hold(id: i64, on: bool, hold: HoldInput) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    if !crate::domain::retention::may_hold(&user.role, user.service_admin) {
        return Err(AppError::Forbidden);
    }
    let pool = crate::ctx::pool()?;
    let done = crate::requests::holds::set_hold(&pool, &user, id, on, &hold, chrono::Utc::now());
    let back = format!("/desk/r/{id}");
    crate::ctx::finish(done.await?, &hold, &back, &back).await
}

/// Creates a work order and puts this request in it.
#[server(prefix = "/api", endpoint = "create_work_order")]
pub async fn create_work_order(id: i64, wo: WorkOrderInput) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    let pool = crate::ctx::pool()?;
    let done = crate::requests::work_orders::create(&pool, &user, id, &wo, chrono::Utc::now());
    let back = format!("/desk/r/{id}");
    crate::ctx::finish(done.await?, &wo, &back, &format!("{back}?wo=1")).await
}

/// Puts this request in an open work order of the organisation.
#[server(prefix = "/api", endpoint = "join_work_order")]
pub async fn join_work_order(id: i64, work_order_id: i64) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    let pool = crate::ctx::pool()?;
    crate::requests::work_orders::join(&pool, &user, id, work_order_id).await?;
    leptos_axum::redirect(&format!("/desk/r/{id}?wo=1"));
    Ok(())
}

/// Decides on a mail held on request `id` (`into`: `add` it to the request, or make a `new`
/// request of it), then shows the request it went to. A plain form post, so it works the same
/// with and without JavaScript.
#[server(prefix = "/api", endpoint = "decide_held_mail")]
pub async fn decide_held_mail(id: i64, mail: i64, into: String) -> Result<(), AppError> {
    use crate::requests::mail_in::{Decision, decide_held};
    let user = crate::ctx::require_user().await?;
    let decision = Decision::parse(&into).ok_or_else(|| AppError::BadRequest("into".into()))?;
    let state = crate::ctx::state()?;
    let now = chrono::Utc::now();
    let next = decide_held(&state.pool, state.mailer(), &user, id, mail, decision, now).await?;
    leptos_axum::redirect(&format!("/desk/r/{next}"));
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
    use crate::requests::work_orders::complete;
    let user = crate::ctx::require_user().await?;
    let state = crate::ctx::state()?;
    let now = chrono::Utc::now();
    let done = complete(&state.pool, state.mailer(), &user, work_order_id, &res, now).await?;
    let back = format!("/desk/r/{id}");
    crate::ctx::finish(done, &res, &back, &format!("{back}?wo=1")).await
}

/// Hands request `id` to another organisation's queue with instructions, sharing what the owner
/// chose.
#[server(prefix = "/api", endpoint = "delegate_request")]
pub async fn delegate_request(id: i64, delegation: DelegateInput) -> Result<(), AppError> {
    use crate::requests::delegation::delegate_request;
    let user = crate::ctx::require_user().await?;
    let pool = crate::ctx::pool()?;
    let done = delegate_request(&pool, &user, id, &delegation, chrono::Utc::now()).await?;
    let back = format!("/desk/r/{id}");
    crate::ctx::finish(done, &delegation, &back, &back).await
}

/// Ends the delegation of request `id`: the receiver hands it back, or the owner takes it back.
#[server(prefix = "/api", endpoint = "hand_back_request")]
pub async fn hand_back_request(id: i64, back: ReturnInput) -> Result<(), AppError> {
    use crate::requests::delegation::end_delegation;
    let user = crate::ctx::require_user().await?;
    let pool = crate::ctx::pool()?;
    let (receiver, done) = end_delegation(&pool, &user, id, &back, chrono::Utc::now()).await?;
    let (here, next) = match receiver {
        true => (format!("/desk/d/{id}"), "/desk?returned=1".to_string()),
        false => (format!("/desk/r/{id}"), format!("/desk/r/{id}")),
    };
    crate::ctx::finish(done, &back, &here, &next).await
}

/// A request delegated to the signed-in person's organisation, as far as the owner shared it.
#[server(prefix = "/api", endpoint = "load_delegated")]
pub async fn load_delegated(
    id: i64,
    form: Option<String>,
) -> Result<(DelegatedView, Option<FormFlash<ReturnInput>>), AppError> {
    let user = crate::ctx::require_user().await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let view = crate::requests::view::delegated_view(&mut conn, &user, id).await?;
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
