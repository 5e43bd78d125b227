//! An advisor's public reply: checked against the request as it stands, sent to the customer
//! through the outbox with its status move, the knowledge-base article it used noted, the
//! advisor's reply draft cleared, all in one transaction.

use super::customer::{Mailer, add_message_to};
use crate::db;
use crate::db::users::StaffUser;
use crate::domain::drafts::DraftKind;
use crate::domain::request_actions::ReplyInput;
use crate::domain::views::EventKind;
use crate::domain::{Actor, errors::FieldErrors};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sqlx::PgPool;

/// Sends `input` as `user`'s reply to request `id` of their organisation. The inner `Err` holds
/// what was wrong with the reply; nothing is stored then.
pub async fn reply(
    pool: &PgPool,
    mailer: Mailer<'_>,
    user: &StaffUser,
    id: i64,
    input: &ReplyInput,
    now: DateTime<Utc>,
) -> Result<Result<(), FieldErrors>, AppError> {
    let mut tx = pool.begin().await?;
    // One read of the request: its key, its customer and its clocks' start, locked.
    let target = db::requests::message_target(&mut tx, id)
        .await?
        .filter(|t| t.key.organisation_id == user.organisation_id)
        .ok_or(AppError::NotFound)?;
    let key = &target.key;
    let reply = match input.parse(key.request_type, key.status, Actor::staff(&user.role)) {
        Ok(reply) => reply,
        Err(errors) => return Ok(Err(errors)),
    };
    let m = db::requests::Message {
        kind: EventKind::Reply,
        actor_user_id: Some(user.id),
        body: reply.body,
        to: reply.to,
        channel: "desk",
    };
    add_message_to(&mut tx, mailer, &target, &m, now).await?;
    if let Some(url) = &reply.kb_article {
        db::requests::set_kb_article(&mut tx, id, url).await?;
    }
    db::drafts::save(&mut tx, id, user.id, DraftKind::Reply, None, now).await?;
    tx.commit().await?;
    tracing::info!(
        request_id = id,
        user_id = user.id,
        to = reply.to.code(),
        "reply sent"
    );
    Ok(Ok(()))
}
