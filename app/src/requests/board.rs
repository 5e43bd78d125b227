//! The supervisor board: each advisor's load, the SLA risk per shared queue, the requests nobody
//! has taken and those nobody has moved for the organisation's untouched time.

use crate::db;
use crate::domain::board::Board;
use crate::domain::queues::{COUNT_CAP, QueueFilter};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// The board of organisation `org` at `now` (its `flash` empty).
pub async fn board(
    conn: &mut PgConnection,
    org: i64,
    now: DateTime<Utc>,
) -> Result<Board, AppError> {
    let o = db::orgs::find(conn, org).await?.ok_or(AppError::NotFound)?;
    let before = now - chrono::Duration::hours(i64::from(o.untouched_hours));
    let free = QueueFilter {
        unassigned_only: true,
        ..Default::default()
    };
    Ok(Board {
        advisors: db::board::loads(conn, org).await?,
        risks: db::board::queue_risks(conn, org, COUNT_CAP).await?,
        unassigned: db::queues::count(conn, org, &free).await?,
        untouched: db::board::untouched(conn, org, before, 50).await?,
        untouched_hours: o.untouched_hours,
        flash: None,
    })
}
