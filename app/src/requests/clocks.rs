//! Loads what the SLA rules need, lets `domain` decide, and stores the result: nothing here is a
//! rule of its own.

use crate::db::requests::Classified;
use crate::db::sla as db;
use crate::db::users::StaffUser;
use crate::domain::calendar::{self, Calendar};
use crate::domain::classification::ClassifyInput;
use crate::domain::classification::PriorityMatrix;
use crate::domain::classification::{Impact, Length, RequestType, Urgency};
use crate::domain::pages::ClassOptions;
use crate::domain::routing::Rule;
use crate::domain::sla::{self, DueExplanation, Facts, Policy};
use crate::error::{AppError, Checked};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use sqlx::PgPool;

/// What classifying and routing a new request of an organisation reads.
#[derive(Debug, Clone)]
pub struct Rules {
    pub matrix: PriorityMatrix,
    /// Active policies, in the organisation's order.
    pub policies: Vec<Policy>,
    /// The business calendar, with closures from the day before it was read on (a superset of
    /// what any later request needs).
    pub calendar: Calendar,
    /// Routing rules in the order they are tried.
    pub routing: Vec<Rule>,
}

impl Rules {
    /// Reads the rules of `organisation_id` as they are at `now`.
    pub async fn load(
        conn: &mut PgConnection,
        organisation_id: i64,
        now: DateTime<Utc>,
    ) -> sqlx::Result<Rules> {
        Ok(Rules {
            matrix: db::matrix(conn, organisation_id).await?,
            policies: db::policies(conn, organisation_id)
                .await?
                .into_iter()
                .map(|p| p.policy)
                .collect(),
            calendar: calendar_from(conn, organisation_id, now).await?,
            routing: crate::db::routing::rules(conn, organisation_id).await?,
        })
    }
}

/// The calendar that times a request of `organisation_id` started at `start`.
pub(crate) async fn calendar_from(
    conn: &mut PgConnection,
    organisation_id: i64,
    start: DateTime<Utc>,
) -> sqlx::Result<Calendar> {
    db::calendar(conn, organisation_id, calendar::closures_from(start)).await
}

/// The organisation's SLA policy that fits `facts` best, if any.
async fn choose_policy(
    conn: &mut PgConnection,
    organisation_id: i64,
    facts: &Facts<'_>,
) -> sqlx::Result<Option<Policy>> {
    let policies: Vec<Policy> = db::policies(conn, organisation_id)
        .await?
        .into_iter()
        .map(|p| p.policy)
        .collect();
    Ok(sla::select_policy(&policies, facts).cloned())
}

/// Classifies and times a request about to be created under `rules`: priority from the
/// organisation's matrix, the most specific SLA policy, and its clocks from `now`.
pub fn classify_new(
    rules: &Rules,
    request_type: RequestType,
    category_id: Option<i64>,
    customer_org: Option<&str>,
    now: DateTime<Utc>,
) -> Classified {
    let (urgency, impact) = (Urgency::Medium, Impact::Medium);
    let priority = rules.matrix.priority(urgency, impact);
    let facts = Facts {
        request_type,
        category_id,
        priority,
        customer_org,
    };
    let (sla_policy_id, clocks) = match sla::select_policy(&rules.policies, &facts) {
        Some(p) => (
            Some(p.id),
            sla::clocks(&rules.calendar, &p.targets, now, &[]),
        ),
        None => (None, sla::Clocks::default()),
    };
    Classified {
        request_type,
        urgency,
        impact,
        priority,
        sla_policy_id,
        clocks,
        length: Length::usual_for(request_type),
    }
}

/// Reclassifies request `id` of `organisation_id`: stores the new classification and priority with
/// their events, chooses the SLA policy that now fits best and re-times the clocks from the start.
/// `None` when the request belongs to another organisation.
pub async fn reclassify(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
    c: &crate::domain::classification::Classification,
    actor_user_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<()>> {
    let Some(was) = crate::db::requests::class_for_update(conn, organisation_id, id).await? else {
        return Ok(None);
    };
    let facts = Facts {
        request_type: c.request_type,
        category_id: c.category_id,
        priority: c.priority,
        customer_org: was.customer_org.as_deref(),
    };
    let policy_id = choose_policy(conn, organisation_id, &facts)
        .await?
        .map(|p| p.id);
    crate::db::requests::reclassify(
        conn,
        organisation_id,
        id,
        c,
        &was,
        policy_id,
        actor_user_id,
        now,
    )
    .await?;
    if policy_id.is_none() {
        db::store_clocks(conn, id, &sla::Clocks::default()).await?;
    }
    retime(conn, id).await?;
    Ok(Some(()))
}

/// What a request's clocks are computed from: its start and status history, its policy's targets
/// and its organisation's calendar. `None` without a policy.
async fn clock_inputs(
    conn: &mut PgConnection,
    request_id: i64,
) -> sqlx::Result<Option<(db::ClockSource, sla::Targets, Calendar)>> {
    let Some(src) = db::clock_source(conn, request_id).await? else {
        return Ok(None);
    };
    targets_and_calendar(conn, src).await
}

/// The targets and calendar of `src`'s policy and organisation; `None` without a policy.
async fn targets_and_calendar(
    conn: &mut PgConnection,
    src: db::ClockSource,
) -> sqlx::Result<Option<(db::ClockSource, sla::Targets, Calendar)>> {
    let Some(policy_id) = src.sla_policy_id else {
        return Ok(None);
    };
    let Some(targets) = db::policy_targets(conn, policy_id).await? else {
        return Ok(None);
    };
    let cal = calendar_from(conn, src.organisation_id, src.created_at).await?;
    Ok(Some((src, targets, cal)))
}

/// Recomputes and stores the clocks of a request from its status history, after a change.
pub async fn retime(conn: &mut PgConnection, request_id: i64) -> sqlx::Result<()> {
    let Some((src, targets, cal)) = clock_inputs(conn, request_id).await? else {
        return Ok(());
    };
    let clocks = sla::clocks(&cal, &targets, src.created_at, &src.history);
    db::store_clocks(conn, request_id, &clocks).await
}

/// [`retime`] for a request whose row was read already (`target`): reads only its status history.
pub async fn retime_target(
    conn: &mut PgConnection,
    target: &crate::db::requests::MessageTarget,
) -> sqlx::Result<()> {
    let id = target.key.id;
    let src = db::ClockSource {
        organisation_id: target.key.organisation_id,
        created_at: target.created_at,
        sla_policy_id: target.sla_policy_id,
        history: db::status_history(conn, id).await?,
    };
    let Some((src, targets, cal)) = targets_and_calendar(conn, src).await? else {
        return Ok(());
    };
    let clocks = sla::clocks(&cal, &targets, src.created_at, &src.history);
    db::store_clocks(conn, id, &clocks).await
}

/// Why request `request_id` is due when it is; `None` without a running resolution clock.
pub async fn explain_due(
    conn: &mut PgConnection,
    request_id: i64,
) -> sqlx::Result<Option<DueExplanation>> {
    Ok(clock_inputs(conn, request_id)
        .await?
        .and_then(|(src, targets, cal)| sla::explain(&cal, &targets, src.created_at, &src.history)))
}

/// An advisor's reclassification of request `id` (type, category, problem code, urgency, impact,
/// and a priority set by hand with its reason), checked against the organisation's options; the
/// SLA policy and clocks follow.
pub async fn classify(
    pool: &PgPool,
    user: &StaffUser,
    id: i64,
    input: &ClassifyInput,
    now: DateTime<Utc>,
) -> Checked {
    let mut tx = pool.begin().await?;
    let matrix = db::matrix(&mut tx, user.organisation_id).await?;
    let options = class_options(&mut tx, user.organisation_id).await?;
    let categories: Vec<i64> = options.categories.iter().map(|(id, _)| *id).collect();
    let codes: Vec<(i64, i64)> = options
        .problem_codes
        .iter()
        .map(|(id, c, _)| (*id, *c))
        .collect();
    let c = match input.parse(&matrix, &categories, &codes) {
        Ok(c) => c,
        Err(errors) => return Ok(Err(errors)),
    };
    reclassify(&mut tx, user.organisation_id, id, &c, user.id, now)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    tracing::info!(
        request_id = id,
        user_id = user.id,
        priority = c.priority.code(),
        "reclassified"
    );
    Ok(Ok(()))
}

/// What requests of `organisation_id` can be classified as.
pub async fn class_options(
    conn: &mut sqlx::PgConnection,
    organisation_id: i64,
) -> Result<ClassOptions, AppError> {
    Ok(ClassOptions {
        categories: crate::db::orgs::categories(conn, organisation_id)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect(),
        problem_codes: crate::db::hierarchy::active_problem_codes(conn, organisation_id).await?,
    })
}
