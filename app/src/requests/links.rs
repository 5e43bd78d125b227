//! Linking a request to another: related, a subtask, or merged into it as a duplicate.

use crate::db::sla as db;
use crate::db::users::StaffUser;
use crate::domain::errors::FieldErrors;
use crate::domain::links::{LinkChoice, LinkInput};
use crate::domain::sla;
use crate::error::{AppError, Checked};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use sqlx::PgPool;

/// What became of an advisor's link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkOutcome {
    Linked,
    /// The viewed request is not the advisor's organisation's.
    NotFound,
    UnknownNumber,
    SameRequest,
    NotMergeable,
}

/// Links request `id` of `organisation_id` to request `number` as the advisor chose: related,
/// the other as its subtask, or this one merged into the other as a duplicate.
pub async fn link_requests(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
    number: &str,
    choice: crate::domain::links::LinkChoice,
    user_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<LinkOutcome> {
    use crate::domain::links::{LinkChoice, LinkKind, can_merge};
    let Some(this) = crate::db::requests::tracking_key(conn, id, true)
        .await?
        .filter(|k| k.organisation_id == organisation_id)
    else {
        return Ok(LinkOutcome::NotFound);
    };
    let Some(number) = crate::domain::RequestNumber::parse(number) else {
        return Ok(LinkOutcome::UnknownNumber);
    };
    let Some(other_id) =
        crate::db::links::find_by_number(conn, organisation_id, number.as_str()).await?
    else {
        return Ok(LinkOutcome::UnknownNumber);
    };
    if other_id == this.id {
        return Ok(LinkOutcome::SameRequest);
    }
    let Some(other) = crate::db::requests::tracking_key(conn, other_id, true).await? else {
        return Ok(LinkOutcome::UnknownNumber);
    };
    let (here, there) = (
        (this.id, this.number.as_str()),
        (other.id, other.number.as_str()),
    );
    match choice {
        LinkChoice::Related => {
            crate::db::links::link(
                conn,
                organisation_id,
                here,
                there,
                LinkKind::Related,
                Some(user_id),
                now,
            )
            .await?;
        }
        LinkChoice::Child => {
            crate::db::links::link(
                conn,
                organisation_id,
                here,
                there,
                LinkKind::Child,
                Some(user_id),
                now,
            )
            .await?;
        }
        LinkChoice::MergeInto => {
            if !can_merge(this.status, other.status) {
                return Ok(LinkOutcome::NotMergeable);
            }
            crate::db::links::merge(conn, &this, there, user_id, now).await?;
            db::store_clocks(conn, this.id, &sla::Clocks::default()).await?;
        }
    }
    Ok(LinkOutcome::Linked)
}

/// An advisor's link from request `id` to the request numbered in `input`: related, the other as
/// its subtask, or this one merged into the other.
pub async fn link(
    pool: &PgPool,
    user: &StaffUser,
    id: i64,
    input: &LinkInput,
    now: DateTime<Utc>,
) -> Checked {
    let Some(choice) = LinkChoice::parse(&input.choice) else {
        return Ok(Err(FieldErrors::one("choice", "choose")));
    };
    let mut tx = pool.begin().await?;
    let (org, number) = (user.organisation_id, &input.number);
    let code = match link_requests(&mut tx, org, id, number, choice, user.id, now).await? {
        LinkOutcome::Linked => None,
        LinkOutcome::NotFound => return Err(AppError::NotFound),
        LinkOutcome::UnknownNumber => Some("number_unknown"),
        LinkOutcome::SameRequest => Some("same_request"),
        LinkOutcome::NotMergeable => Some("not_mergeable"),
    };
    if let Some(code) = code {
        return Ok(Err(FieldErrors::one("number", code)));
    }
    tx.commit().await?;
    tracing::info!(
        request_id = id,
        user_id = user.id,
        choice = input.choice,
        "linked"
    );
    Ok(Ok(()))
}
