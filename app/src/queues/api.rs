//! Server functions of the queue page: listing and searching, "take next", assignment and saved
//! queues.

use crate::domain::Localized;
use crate::domain::queues::{QueueInput, QueueSummary};
use crate::domain::views::QueueItem;
use crate::error::{AppError, FormFlash};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Which list the queue page shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum View {
    /// Every active request of the organisation.
    #[default]
    All,
    /// The advisor's own active requests.
    Mine,
    /// A saved queue.
    Queue(i64),
}

impl View {
    /// Reads `?view=`: empty for all, `mine`, or a queue's id.
    pub fn parse(raw: Option<&str>) -> Option<View> {
        match raw.unwrap_or("").trim() {
            "" | "all" => Some(View::All),
            "mine" => Some(View::Mine),
            id => id.parse().ok().map(View::Queue),
        }
    }

    /// As it travels in a URL.
    pub fn code(self) -> String {
        match self {
            View::All => "all".into(),
            View::Mine => "mine".into(),
            View::Queue(id) => id.to_string(),
        }
    }
}

/// A request delegated to the advisor's organisation, as the queue lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DelegatedRow {
    pub id: i64,
    pub number: String,
    pub subject: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub due_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The queue page: the queues with their counts, one page of the chosen one (or search hits) and
/// the cursor of the next page, if there is more.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueuePage {
    pub advisor: String,
    /// The organisation the session works in.
    pub organisation: Localized,
    /// Whether to offer the link to the administration pages.
    pub can_administer: bool,
    /// Whether this person may save queues for the whole organisation.
    pub may_share: bool,
    /// Whether this person sees the supervisor board.
    pub may_supervise: bool,
    pub view: View,
    pub queues: Vec<QueueSummary>,
    /// Active requests of the organisation and of the advisor, counted up to the cap.
    pub all_count: i64,
    pub mine_count: i64,
    /// The organisation's categories, for the new-queue form.
    pub categories: Vec<(i64, Localized)>,
    /// Requests other organisations delegated to this one, soonest due first.
    pub delegated_to_us: Vec<DelegatedRow>,
    /// Unread notifications for the advisor, newest first.
    pub notifications: Vec<crate::domain::views::Notification>,
    pub rows: Vec<QueueItem>,
    pub next: Option<String>,
}

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
    let page = super::service::queue_page(&mut conn, &user, view, search.as_ref(), after).await?;
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
    let taken = super::service::take_next(&mut tx, state.mailer(), &user, view, now).await?;
    tx.commit().await?;
    use super::service::Next;
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
    super::service::assign(&mut tx, state.mailer(), &user, id, to, chrono::Utc::now()).await?;
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
