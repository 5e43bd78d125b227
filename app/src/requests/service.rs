//! Loads what the SLA rules need, lets `domain` decide, and stores the result: nothing here is a
//! rule of its own.

use crate::db::requests::Classified;
use crate::db::sla as db;
use crate::domain::calendar::Calendar;
use crate::domain::classification::{Impact, RequestType, Urgency};
use crate::domain::sla::{self, DueExplanation, Facts, Policy};
use chrono::{DateTime, Days, Utc};
use sqlx::PgConnection;

/// The calendar that times a request started at `start`: closures from that day on.
async fn calendar_from(
    conn: &mut PgConnection,
    organisation_id: i64,
    start: DateTime<Utc>,
) -> sqlx::Result<Calendar> {
    let day = start
        .date_naive()
        .checked_sub_days(Days::new(1))
        .unwrap_or(start.date_naive());
    db::calendar(conn, organisation_id, day).await
}

/// Classifies and times a request about to be created: priority from the organisation's matrix,
/// the most specific SLA policy, and its clocks from `now`.
pub async fn classify_new(
    conn: &mut PgConnection,
    organisation_id: i64,
    request_type: RequestType,
    category_id: Option<i64>,
    customer_org: Option<&str>,
    now: DateTime<Utc>,
) -> sqlx::Result<Classified> {
    let (urgency, impact) = (Urgency::Medium, Impact::Medium);
    let priority = db::matrix(conn, organisation_id)
        .await?
        .priority(urgency, impact);
    let policies: Vec<Policy> = db::policies(conn, organisation_id)
        .await?
        .into_iter()
        .map(|p| p.policy)
        .collect();
    let facts = Facts {
        request_type,
        category_id,
        priority,
        customer_org,
    };
    let (sla_policy_id, clocks) = match sla::select_policy(&policies, &facts) {
        Some(p) => {
            let cal = calendar_from(conn, organisation_id, now).await?;
            (Some(p.id), sla::clocks(&cal, &p.targets, now, &[]))
        }
        None => (None, sla::Clocks::default()),
    };
    Ok(Classified {
        request_type,
        urgency,
        impact,
        priority,
        sla_policy_id,
        clocks,
    })
}

/// Recomputes and stores the clocks of a request from its status history, after a change.
pub async fn retime(conn: &mut PgConnection, request_id: i64) -> sqlx::Result<()> {
    let Some(src) = db::clock_source(conn, request_id).await? else {
        return Ok(());
    };
    let Some(policy_id) = src.sla_policy_id else {
        return Ok(());
    };
    let Some(targets) = db::policy_targets(conn, policy_id).await? else {
        return Ok(());
    };
    let cal = calendar_from(conn, src.organisation_id, src.created_at).await?;
    let clocks = sla::clocks(&cal, &targets, src.created_at, &src.history);
    db::store_clocks(conn, request_id, &clocks).await
}

/// Why request `request_id` is due when it is; `None` without a running resolution clock.
pub async fn explain_due(
    conn: &mut PgConnection,
    request_id: i64,
) -> sqlx::Result<Option<DueExplanation>> {
    let Some(src) = db::clock_source(conn, request_id).await? else {
        return Ok(None);
    };
    let Some(policy_id) = src.sla_policy_id else {
        return Ok(None);
    };
    let Some(targets) = db::policy_targets(conn, policy_id).await? else {
        return Ok(None);
    };
    let cal = calendar_from(conn, src.organisation_id, src.created_at).await?;
    Ok(sla::explain(&cal, &targets, src.created_at, &src.history))
}
