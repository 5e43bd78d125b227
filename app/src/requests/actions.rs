//! The request actions' steps (server only): each checks the request is the advisor's
//! organisation's and the move is legal, then writes it with its timeline entry.

use crate::db;
use crate::db::events::NewEvent;
use crate::db::requests::TrackingKey;
use crate::db::users::StaffUser;
use crate::domain::request_actions::{Split, SupplierWait};
use crate::domain::views::{EventDetail, EventKind};
use crate::domain::{Actor, NewRequest, Status};
use crate::error::AppError;
use crate::requests::customer::{Incoming, Mailer};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// Request `id` of `user`'s organisation, its row locked.
async fn own(conn: &mut PgConnection, user: &StaffUser, id: i64) -> Result<TrackingKey, AppError> {
    db::requests::tracking_key(conn, id, true)
        .await?
        .filter(|k| k.organisation_id == user.organisation_id)
        .ok_or(AppError::NotFound)
}

/// Puts request `id` to wait for the supplier in `w`: the supplier and reference are noted on it,
/// a staff-only entry says what was asked, and the status moves (the customer sees only that).
/// A request already waiting for a supplier just gets the new details.
pub async fn wait_for_supplier(
    conn: &mut PgConnection,
    mailer: Mailer<'_>,
    user: &StaffUser,
    id: i64,
    w: &SupplierWait,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let key = own(conn, user, id).await?;
    let to = Status::WaitingForSupplier;
    if !to.applies_to(key.request_type) {
        return Err(AppError::Conflict(
            "requests of this type do not wait for a supplier".into(),
        ));
    }
    if key.status != to && key.status.transition(to, Actor::staff(&user.role)).is_err() {
        return Err(AppError::Conflict(format!(
            "a request that is {} cannot wait for a supplier",
            key.status.code()
        )));
    }
    db::requests::set_supplier(conn, id, &w.supplier, w.reference.as_deref()).await?;
    let detail = EventDetail::Supplier {
        supplier: w.supplier.clone(),
        reference: w.reference.clone(),
    };
    let event = NewEvent {
        request_id: id,
        organisation_id: key.organisation_id,
        kind: EventKind::Supplier,
        actor_user_id: Some(user.id),
        public: false,
        body: w.note.as_deref(),
        detail: Some(&detail),
        at: now,
    };
    db::events::append_event(conn, &event).await?;
    crate::requests::customer::move_to(conn, mailer, &key, to, Some(user.id), now).await?;
    Ok(())
}

/// Hurries request `id` on its customer's behalf (they called, say), under the same once-a-day
/// rule as the customer's own button. Returns `false` when it was hurried too recently.
pub async fn hurry_for_customer(
    conn: &mut PgConnection,
    user: &StaffUser,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let key = own(conn, user, id).await?;
    if !key.status.is_active() {
        return Err(AppError::Conflict(
            "a finished request is not hurried".into(),
        ));
    }
    Ok(crate::requests::customer::hurry(conn, &key, Some(user.id), "desk", now).await?)
}

/// Splits `split` off request `id` into a new request of the same customer, type and category,
/// a subtask of it: numbered, timed, acknowledged to the customer with its own tracking link.
/// Returns the new request's id.
pub async fn split(
    conn: &mut PgConnection,
    mailer: Mailer<'_>,
    user: &StaffUser,
    id: i64,
    split: &Split,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let key = own(conn, user, id).await?;
    if !key.status.is_active() {
        return Err(AppError::Conflict("a finished request is not split".into()));
    }
    let org = db::orgs::find(conn, key.organisation_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let source = db::requests::split_source(conn, org.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let req = NewRequest {
        name: source.customer_name,
        email: source.customer_email,
        language: source.language,
        category_id: source.category_id,
        subject: split.subject.clone(),
        message: split.message.clone(),
        customer_org: source.customer_org,
        answers: Default::default(),
    };
    let incoming = Incoming {
        org: &org,
        form: None,
        req: &req,
        consent_notice_id: None,
        consent_language: source.language,
        files: &[],
        reserved: db::intake::reserve(conn, &org, now).await?,
        channel: "desk",
        request_type: Some(source.request_type),
        rules: &crate::requests::intake::Rules::load(conn, org.id, now).await?,
        at: now,
    };
    let stored = crate::requests::customer::submit(conn, mailer, incoming).await?;
    db::links::link(
        conn,
        org.id,
        (key.id, key.number.as_str()),
        (stored.id, stored.number.as_str()),
        crate::domain::links::LinkKind::Child,
        Some(user.id),
        now,
    )
    .await?;
    Ok(stored.id)
}
