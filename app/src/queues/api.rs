//! Server functions of the queue page: listing and searching, "take next", assignment and saved
//! queues.

use crate::domain::pages::*;
use crate::domain::queues::QueueInput;
#[cfg(feature = "ssr")]
use crate::domain::queues::View;
use crate::error::{AppError, FormFlash};
use leptos::prelude::*;

/// The signed-in advisor's queue page: `view` (all, `mine` or a queue id) after the cursor
/// `after`, or the hits of quick search `q`; `form` names a failed new-queue post to show again.
#[server(prefix = "/api", endpoint = "list_queue")]
pub async fn list_queue(
    view: Option<String>,
    q: Option<String>,
    after: Option<String>,
    form: Option<String>,
) -> Result<(QueuePage, Option<FormFlash<QueueInput>>), AppError> {
    let user = crate::ctx::require_user().await?;
    let view =
        View::parse(view.as_deref()).ok_or_else(|| AppError::BadRequest("bad view".into()))?;
    let after = match after.filter(|a| !a.is_empty()) {
        Some(raw) => Some(
            crate::domain::views::QueueCursor::parse(&raw)
                .ok_or_else(|| AppError::BadRequest("bad cursor".into()))?,
        ),
        None => None,
    };
    let search = q.as_deref().and_then(crate::domain::queues::Search::parse);
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let page =
        crate::requests::assignment::queue_page(&mut conn, &user, view, search.as_ref(), after)
            .await?;
    Ok((page, crate::ctx::take_flash(form).await?))
}

/// Assigns the most urgent free request of `view` to the signed-in advisor and opens it; back to
/// the queue with a notice when there is nothing to take.
#[server(prefix = "/api", endpoint = "take_next")]
pub async fn take_next(view: String) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    let view = View::parse(Some(&view)).ok_or_else(|| AppError::BadRequest("bad view".into()))?;
    let state = crate::ctx::state()?;
    let mut tx = state.pool.begin().await?;
    let now = chrono::Utc::now();
    let taken =
        crate::requests::assignment::take_next(&mut tx, state.mailer(), &user, view, now).await?;
    tx.commit().await?;
    use crate::requests::assignment::Next;
    match taken {
        Next::Took(id) => {
            tracing::info!(request_id = id, user_id = user.id, "took next");
            leptos_axum::redirect(&format!("/desk/r/{id}?taken=1"));
        }
        Next::Nothing => leptos_axum::redirect(&format!("/desk?view={}&none=1", view.code())),
        Next::Full => leptos_axum::redirect(&format!("/desk?view={}&full=1", view.code())),
    }
    Ok(())
}

/// Gives request `id` to `to`: `me`, a colleague's id, or nobody (empty).
#[server(prefix = "/api", endpoint = "assign_request")]
pub async fn assign_request(id: i64, to: String) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    let to = crate::domain::queues::AssignTo::parse(&to)
        .ok_or_else(|| AppError::BadRequest("to must be me, empty or a colleague's id".into()))?;
    let state = crate::ctx::state()?;
    let mut tx = state.pool.begin().await?;
    crate::requests::assignment::assign(&mut tx, state.mailer(), &user, id, to, chrono::Utc::now())
        .await?;
    tx.commit().await?;
    tracing::info!(request_id = id, user_id = user.id, ?to, "assigned");
    leptos_axum::redirect(&format!("/desk/r/{id}?assigned=1"));
    Ok(())
}

/// Saves a queue: the advisor's own view, or (supervisors and administrators) a shared one.
#[server(prefix = "/api", endpoint = "save_queue")]
pub async fn save_queue(queue: QueueInput) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    let mut conn = crate::ctx::pool()?.acquire().await?;
    let categories = crate::db::orgs::category_ids(&mut conn, user.organisation_id).await?;
    let new = match queue.parse(&categories) {
        Ok(new) => new,
        Err(errors) => return crate::ctx::form_failed(&queue, errors, "/desk").await,
    };
    if !new.personal && !crate::domain::queues::may_share_queues(&user.role, user.service_admin) {
        return Err(AppError::Forbidden);
    }
    let id = crate::db::queues::create(&mut conn, user.organisation_id, user.id, &new).await?;
    leptos_axum::redirect(&format!("/desk?view={id}"));
    Ok(())
}

/// Removes a queue: one's own view, or (supervisors and administrators) a shared one.
#[server(prefix = "/api", endpoint = "delete_queue")]
pub async fn delete_queue(id: i64) -> Result<(), AppError> {
    let user = crate::ctx::require_user().await?;
    let may_share = crate::domain::queues::may_share_queues(&user.role, user.service_admin);
    let mut conn = crate::ctx::pool()?.acquire().await?;
    if !crate::db::queues::delete(&mut conn, user.organisation_id, user.id, may_share, id).await? {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect("/desk");
    Ok(())
}
