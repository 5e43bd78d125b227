//! Logging a call: a new request made from it, or an addition to an existing one; either way the
//! call is on the timeline and in `phone_contacts`, and the outcome decides who has the request.

use crate::db;
use crate::db::events::NewEvent;
use crate::db::users::StaffUser;
use crate::domain::phone::Call;
use crate::domain::views::{EventDetail, EventKind};
use crate::domain::{Actor, NewRequest};
use crate::error::{AppError, FieldErrors};
use crate::requests::customer::{Incoming, Mailer};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// Logs `call`, taken by `user`. Returns the request's id, or the field error when the number
/// given is no request of the organisation.
pub async fn log_call(
    conn: &mut PgConnection,
    mailer: Mailer<'_>,
    user: &StaffUser,
    call: &Call,
    now: DateTime<Utc>,
) -> Result<Result<i64, FieldErrors>, AppError> {
    let org = db::orgs::find(conn, user.organisation_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (id, new_request) = match &call.existing {
        Some(number) => match db::links::find_by_number(conn, org.id, number.as_str()).await? {
            Some(id) => (id, false),
            None => {
                let mut errors = FieldErrors::default();
                errors.add("existing", "number_unknown");
                return Ok(Err(errors));
            }
        },
        None => {
            let req = NewRequest {
                name: call.caller.clone(),
                email: call.email.clone().unwrap_or_default(),
                language: call.language,
                category_id: call.category_id,
                subject: call.topic.clone(),
                message: call.summary.clone(),
                customer_org: None,
                answers: Default::default(),
            };
            let incoming = Incoming {
                org: &org,
                form: None,
                req: &req,
                consent_notice_id: None,
                consent_language: call.language,
                files: &[],
                channel: "phone",
                request_type: None,
                reserved: db::intake::reserve(conn, &org, now).await?,
                rules: &crate::requests::intake::Rules::load(conn, org.id, now).await?,
                at: now,
            };
            let stored = crate::requests::customer::submit(conn, mailer, incoming).await?;
            (stored.id, true)
        }
    };
    let key = db::requests::tracking_key(conn, id, true)
        .await?
        .ok_or(AppError::NotFound)?;
    let detail = EventDetail::PhoneCall {
        caller: call.caller.clone(),
        seconds: call.seconds,
        outcome: call.outcome,
    };
    let event = NewEvent {
        request_id: id,
        organisation_id: org.id,
        kind: EventKind::PhoneCall,
        actor_user_id: Some(user.id),
        public: false,
        body: Some(&call.summary),
        detail: Some(&detail),
        at: now,
    };
    db::events::append_event(conn, &event).await?;
    db::phone::record(conn, org.id, id, user.id, call, new_request, now).await?;
    if call.outcome.keeps() && db::queues::assignee(conn, id).await?.is_none() {
        let name = db::queues::set_assignee(conn, id, Some(user.id), now).await?;
        let assigned = EventDetail::Assigned { to: name };
        let event = NewEvent {
            kind: EventKind::Assigned,
            body: None,
            detail: Some(&assigned),
            ..event
        };
        db::events::append_event(conn, &event).await?;
    }
    let to = call.outcome.status();
    if key.status.transition(to, Actor::staff(&user.role)).is_ok() {
        crate::requests::customer::move_to(conn, mailer, &key, to, Some(user.id), now).await?;
    }
    Ok(Ok(id))
}
