//! Linking a request to another: related, a subtask, or merged into it as a duplicate.

use crate::db::sla as db;
use crate::domain::sla;
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

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
                user_id,
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
                user_id,
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
