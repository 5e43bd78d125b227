//! Delegating a request to another organisation and handing it back.

use super::clocks::calendar_from;
use crate::db::users::StaffUser;
use crate::domain::delegation::{DelegateInput, ReturnInput, parse_return_note};
use crate::domain::errors::FieldErrors;
use crate::error::{AppError, Checked};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use sqlx::PgPool;

/// What became of a delegation or hand-back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DelegationOutcome {
    Done,
    /// Not a request this organisation owns (or, for a hand-back, holds).
    NotFound,
    /// Not while it is finished, or delegated already (or, for a hand-back, not delegated).
    NotNow,
}

/// Hands request `id` of `organisation_id` to another organisation.
pub async fn delegate(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
    d: &crate::domain::delegation::Delegation,
    user_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<DelegationOutcome> {
    let Some(key) = crate::db::requests::tracking_key(conn, id, true)
        .await?
        .filter(|k| k.organisation_id == organisation_id)
    else {
        return Ok(DelegationOutcome::NotFound);
    };
    let open = crate::db::delegations::open_for(conn, id).await?;
    if !crate::domain::delegation::may_delegate(key.status, open.is_some()) {
        return Ok(DelegationOutcome::NotNow);
    }
    if crate::db::delegations::start(conn, &key, d, user_id, now).await? {
        Ok(DelegationOutcome::Done)
    } else {
        Ok(DelegationOutcome::NotNow)
    }
}

/// Ends the delegation of request `id`: by the organisation holding it (hand-back) or by its
/// owner (taking it back). The business time away, on the owner's calendar, goes to its clock.
pub async fn hand_back(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
    note: &str,
    user_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<DelegationOutcome> {
    let Some(open) = crate::db::delegations::open_for(conn, id).await? else {
        // Not delegated: "not now" only to its own organisation, so the answer never tells
        // another organisation whether the request exists.
        let own = crate::db::requests::tracking_key(conn, id, false)
            .await?
            .is_some_and(|k| k.organisation_id == organisation_id);
        return Ok(if own {
            DelegationOutcome::NotNow
        } else {
            DelegationOutcome::NotFound
        });
    };
    if organisation_id != open.organisation_id && organisation_id != open.to_organisation_id {
        return Ok(DelegationOutcome::NotFound);
    }
    let Some(key) = crate::db::requests::tracking_key(conn, id, true).await? else {
        return Ok(DelegationOutcome::NotFound);
    };
    let cal = calendar_from(conn, open.organisation_id, open.created_at).await?;
    let away = cal.business_between(open.created_at, now).num_minutes();
    if crate::db::delegations::hand_back(conn, &key, open.id, note, away, user_id, now).await? {
        Ok(DelegationOutcome::Done)
    } else {
        Ok(DelegationOutcome::NotNow)
    }
}

/// Delegates request `id` to the organisation `input` names, sharing what the owner chose.
pub async fn delegate_request(
    pool: &PgPool,
    user: &StaffUser,
    id: i64,
    input: &DelegateInput,
    now: DateTime<Utc>,
) -> Checked {
    let mut tx = pool.begin().await?;
    let others = super::view::other_orgs(&mut tx, user.organisation_id).await?;
    let others: Vec<i64> = others.iter().map(|(o, _)| *o).collect();
    let d = match input.parse(&others) {
        Ok(d) => d,
        Err(errors) => return Ok(Err(errors)),
    };
    let outcome = delegate(&mut tx, user.organisation_id, id, &d, user.id, now).await?;
    done(outcome, "not delegable now")?;
    tx.commit().await?;
    tracing::info!(
        request_id = id,
        to = d.to_organisation_id,
        user_id = user.id,
        "delegated"
    );
    Ok(Ok(()))
}

/// Ends the delegation of request `id` with the note in `input`: handed back by the receiving
/// organisation, or taken back by the owner. Answers also whether `user` was the receiver.
pub async fn end_delegation(
    pool: &PgPool,
    user: &StaffUser,
    id: i64,
    input: &ReturnInput,
    now: DateTime<Utc>,
) -> Result<(bool, Result<(), FieldErrors>), AppError> {
    let mut tx = pool.begin().await?;
    let open = crate::db::delegations::open_for(&mut tx, id).await?;
    let receiver = open.is_some_and(|o| o.to_organisation_id == user.organisation_id);
    let note = match parse_return_note(&input.return_note) {
        Ok(note) => note,
        Err(errors) => return Ok((receiver, Err(errors))),
    };
    let outcome = hand_back(&mut tx, user.organisation_id, id, &note, user.id, now).await?;
    done(outcome, "not delegated")?;
    tx.commit().await?;
    tracing::info!(request_id = id, user_id = user.id, "handed back");
    Ok((receiver, Ok(())))
}

fn done(outcome: DelegationOutcome, not_now: &str) -> Result<(), AppError> {
    match outcome {
        DelegationOutcome::Done => Ok(()),
        DelegationOutcome::NotFound => Err(AppError::NotFound),
        DelegationOutcome::NotNow => Err(AppError::Conflict(not_now.into())),
    }
}
