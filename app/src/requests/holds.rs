//! Legal holds: a request on hold is never archived or disposed of until the hold is lifted.

use crate::db::users::StaffUser;
use crate::domain::retention::HoldInput;
use crate::error::{AppError, Checked};
use chrono::{DateTime, Utc};
use sqlx::PgPool;

/// Puts request `id` on legal hold (`on`) or lifts it, with the grounds in `input`.
pub async fn set_hold(
    pool: &PgPool,
    user: &StaffUser,
    id: i64,
    on: bool,
    input: &HoldInput,
    now: DateTime<Utc>,
) -> Checked {
    let grounds = match input.parse() {
        Ok(grounds) => grounds,
        Err(errors) => return Ok(Err(errors)),
    };
    let mut conn = pool.acquire().await?;
    let org = user.organisation_id;
    if !crate::db::retention::set_hold(&mut conn, org, id, on, grounds, user.id, now).await? {
        return Err(AppError::NotFound);
    }
    tracing::info!(request_id = id, user_id = user.id, on, "legal hold");
    Ok(Ok(()))
}
